/*
 * The live dashboard (效能监察大屏): totals, a grid of districts (or of a
 * district's townships), 30 days of received and finished as block
 * characters, where cases wait longest, the offices with most red cases,
 * anomalies, and a ticker of new cases. It looks for changes once a second
 * through the database's data version and recomputes only then; curses sends
 * only the cells that changed. Enter on any figure shows the cases behind it.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "appts.h"
#include "i18n.h"
#include "project_screens.h"
#include "project_stats.h"
#include "stats.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

enum { SEC_GRID, SEC_BOTTLENECK, SEC_OFFICES, SEC_ANOMALY, SEC_PROJECTS, SEC_COUNT };

#define TICKER 2
#define CELL 26

struct dashs {
	char prefix[16];
	struct dash d;
	long version;
	long long newest;		/* the ticker's last case id */
	char ticker[TICKER][192];
	int section;
	int sel[SEC_COUNT];
	time_t analysed;		/* when the slower analysis part was computed */
	int day;			/* the day the figures are for */
	struct project_figures pf;	/* investment projects (dashproj.c) */
};

struct fresh {
	struct tcase c[TICKER];
	int n;
};

static int
collect(void *arg, const struct tcase *c)
{
	struct fresh *f = arg;

	if (f->n < TICKER) {
		f->c[f->n++] = *c;
		memset((struct tcase *)c, 0, sizeof *c);
	}
	return 0;
}

/*
 * The live figures are read at every change (a few hundred summary rows);
 * the analysis (offices in red, where cases wait, anomalies) at most once a
 * minute, or when asked for with r.
 */
static void
load(struct ui *ui, struct dashs *s, int full)
{
	struct fresh f;
	char lo[24], hi[24];
	int i, en = strcmp(i18n_lang(), "en") == 0;
	time_t now = time(NULL);

	s->version = store_data_version(ui->s->st);
	s->day = session_today(ui->s);
	if (stats_dashboard_live(ui->s->st, ui->s->cal, s->prefix, s->day, &s->d) != 0 ||
	    ((full || now - s->analysed >= 60) &&
	    stats_dashboard_analysis(ui->s->st, ui->s->cal, s->prefix, s->day, &s->d) != 0))
		ui_message(ui, 1, "%s", store_error(ui->s->st));
	else if (full || now - s->analysed >= 60) {
		s->analysed = now;
		dashproj_load(ui, &s->pf, s->prefix);
	}
	snprintf(lo, sizeof lo, "%s", s->prefix);
	snprintf(hi, sizeof hi, "%s:", s->prefix);
	memset(&f, 0, sizeof f);
	store_case_newest(ui->s->st, lo, hi, s->newest, TICKER, collect, &f);
	/* Newest first on the screen; older lines move down. */
	for (i = f.n - 1; i >= 0; i--) {
		struct tcase *c = &f.c[i];
		char t[6] = "";

		if (c->id > s->newest)
			s->newest = c->id;
		memmove(s->ticker[1], s->ticker[0], sizeof s->ticker[0] * (TICKER - 1));
		snprintf(s->ticker[0], sizeof s->ticker[0], "%s%s %s · %s · %s", t, c->no,
		    en && *c->item_name_en ? c->item_name_en : c->item_name, c->hall_name,
		    tcase_channel_label(c->channel));
		tcase_release(c);
	}
}

static void *
dash_enter(struct ui *ui, const void *arg)
{
	struct dashs *s;

	(void)arg;
	if (!access_has(&ui->s->user, RIGHT_SUPERVISE)) {
		ui_message(ui, 1, "%s", _("the dashboard is for supervisors"));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	access_supervised_prefix(&ui->s->user, s->prefix);
	/* The ticker shows what arrives from now on. */
	s->newest = store_case_max_id(ui->s->st);
	load(ui, s, 1);
	return s;
}

static int
dash_tick(struct ui *ui, void *state)
{
	struct dashs *s = state;
	/* PRAGMA data_version: another connection committed, or midnight
	 * passed. Nothing else runs. */
	if (store_data_version(ui->s->st) == s->version && s->day == session_today(ui->s))
		return 0;
	load(ui, s, 0);
	return UI_REDRAW;
}

static void
spark(struct ui *ui, int y, const char *label, const long *v, long max, long today)
{
	static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	char buf[32];
	int i, x = 1;

	x += ui_put(y, x, 10, label);
	for (; x < 11; x++)
		addch(' ');
	for (i = 0; i < DASH_DAYS && x < ui->cols - 12; i++, x++) {
		int k = max > 0 ? (int)((v[i] * 8 + max - 1) / max) : 0;

		if (k > 8)
			k = 8;
		ui_put(y, x, 1, v[i] > 0 && k == 0 ? blocks[1] : blocks[k]);
	}
	snprintf(buf, sizeof buf, " %s %ld", _("today"), today);
	ui_put(y, x, ui->cols - x - 1, buf);
}

static void
grid(struct ui *ui, struct dashs *s, int y, int h)
{
	int cols = ui->cols / CELL, i, top;
	struct dash *d = &s->d;

	if (cols < 1)
		cols = 1;
	top = s->sel[SEC_GRID] / cols >= h ? (s->sel[SEC_GRID] / cols - h + 1) * cols : 0;
	for (i = top; i < d->nareas && (i - top) / cols < h; i++) {
		struct dash_area *a = &d->areas[i];
		int yy = y + (i - top) / cols, x = (i % cols) * CELL, sel = i == s->sel[SEC_GRID] &&
		    s->section == SEC_GRID;
		char num[48];
		enum light worst = a->red ? LIGHT_RED : a->yellow ? LIGHT_YELLOW : LIGHT_GREEN;
		static const char *const marks[] = { " ", "○", "◐", "●" };

		attrset(ui_attr_light(ui, worst));
		ui_put(yy, x, 1, marks[worst]);
		attrset(sel ? A_REVERSE : A_NORMAL);
		ui_put_pad(yy, x + 2, 10, a->name);
		snprintf(num, sizeof num, "%4ld", a->open);
		ui_put(yy, x + 12, 4, num);
		attrset(A_NORMAL);
		snprintf(num, sizeof num, "%3ld", a->yellow);
		attrset(a->yellow ? ui_attr_light(ui, LIGHT_YELLOW) : (int)A_DIM);
		ui_put(yy, x + 17, 3, num);
		snprintf(num, sizeof num, "%3ld", a->red);
		attrset(a->red ? ui_attr_light(ui, LIGHT_RED) : (int)A_DIM);
		ui_put(yy, x + 21, 3, num);
		attrset(A_NORMAL);
	}
}

static void
tops(struct ui *ui, struct dashs *s, int y, int h)
{
	struct dash *d = &s->d;
	char buf[320];
	int i, n = s->section == SEC_BOTTLENECK ? d->nbottlenecks :
	    s->section == SEC_OFFICES ? d->noffices : d->nanomalies;

	if (s->section == SEC_BOTTLENECK) {
		attrset(A_BOLD);
		ui_put(y++, 1, ui->cols - 2, _("item · step                     open  median  p90  limit (working days)"));
		attrset(A_NORMAL);
	}
	for (i = 0; i < n && i < h - 1; i++, y++) {
		attrset(i == s->sel[s->section] ? A_REVERSE : A_NORMAL);
		move(y, 0);
		clrtoeol();
		if (s->section == SEC_BOTTLENECK) {
			const struct dash_top *t = &d->bottlenecks[i];
			char name[256];

			snprintf(name, sizeof name, "%s · %s", t->name, t->step);
			ui_put_pad(y, 1, 32, name);
			snprintf(buf, sizeof buf, "%5ld  %6d  %3d  %5d", t->n, t->median, t->p90, t->limit);
			ui_put(y, 33, ui->cols - 34, buf);
			if (t->p90 > t->limit) {
				attrset(ui_attr_light(ui, LIGHT_RED));
				ui_put(y, 33 + utf8_width(buf) + 1, 2, "●");
			}
		} else if (s->section == SEC_OFFICES) {
			ui_put_pad(y, 1, 40, d->offices[i].name);
			snprintf(buf, sizeof buf, "%5ld ", d->offices[i].n);
			ui_put(y, 42, 7, buf);
			attrset(ui_attr_light(ui, LIGHT_RED));
			ui_put(y, 49, 2, "●");
		} else {
			ui_put_pad(y, 1, 56, tcase_anomaly_label(d->anomalies[i].kind));
			snprintf(buf, sizeof buf, "%5ld", d->anomalies[i].n);
			ui_put(y, 58, 6, buf);
		}
		attrset(A_NORMAL);
	}
	if (n == 0)
		ui_put(y, 1, ui->cols - 2, _("(none)"));
}

static void
dash_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Tab", N_("section"), "Enter", N_("cases"), "r", N_("refresh"), "/", N_("find case"),
		"q", N_("back"), NULL
	};
	static const char *const sections[] = {
		N_("areas"), N_("bottlenecks"), N_("offices in red"), N_("anomalies"), N_("projects")
	};
	struct dashs *s = state;
	struct dash *d = &s->d;
	char buf[512];
	long max = 1;
	int i, x, y = 2, h;
	double rate = d->month_finished ? 100.0 * (double)d->month_on_time / (double)d->month_finished : 0;

	snprintf(buf, sizeof buf, "%s · %s", _("tongban · efficiency supervision"), d->scope_name);
	ui_title(ui, buf);
	x = 1;
	snprintf(buf, sizeof buf, _("open %ld"), d->open);
	x += ui_put(y, x, ui->cols - x, buf) + 2;
	attrset(ui_attr_light(ui, LIGHT_GREEN));
	snprintf(buf, sizeof buf, "○ %ld", d->green);
	x += ui_put(y, x, ui->cols - x, buf) + 2;
	attrset(ui_attr_light(ui, LIGHT_YELLOW));
	snprintf(buf, sizeof buf, "◐ %ld", d->yellow);
	x += ui_put(y, x, ui->cols - x, buf) + 2;
	attrset(ui_attr_light(ui, LIGHT_RED));
	snprintf(buf, sizeof buf, "● %ld", d->red);
	x += ui_put(y, x, ui->cols - x, buf) + 3;
	attrset(A_NORMAL);
	snprintf(buf, sizeof buf, _("on time this month %.1f%%"), rate);
	ui_put(y++, x, ui->cols - x - 1, buf);
	buf[0] = '\0';
	for (i = 0, x = 0; tcase_statuses[i] != NULL; i++)
		if (tcase_status_open(tcase_statuses[i]) && d->by_status[i]) {
			char part[64];

			snprintf(part, sizeof part, "%s%s %ld", x++ ? " · " : "",
			    tcase_status_label(tcase_statuses[i]), d->by_status[i]);
			strncat(buf, part, sizeof buf - strlen(buf) - 1);
		}
	ui_put(y++, 1, ui->cols - 2, buf);
	for (i = 0; i < DASH_DAYS; i++) {
		if (d->received[i] > max)
			max = d->received[i];
		if (d->finished[i] > max)
			max = d->finished[i];
	}
	spark(ui, y++, _("received"), d->received, max, d->received_today);
	spark(ui, y++, _("finished"), d->finished, max, d->finished_today);
	y++;
	for (i = 0, x = 1; i < SEC_COUNT; i++) {
		snprintf(buf, sizeof buf, " %s ", _(sections[i]));
		attrset(i == s->section ? A_REVERSE | A_BOLD : A_NORMAL);
		x += ui_put(y, x, ui->cols - x, buf) + 1;
	}
	attrset(A_NORMAL);
	if (s->section == SEC_GRID) {
		attrset(A_DIM);
		ui_put(y, x + 1, ui->cols - x - 2, _("(open · yellow · red)"));
		attrset(A_NORMAL);
	}
	y++;
	h = ui->rows - 3 - TICKER - y;
	if (s->section == SEC_GRID)
		grid(ui, s, y, h);
	else if (s->section == SEC_PROJECTS)
		dashproj_draw(ui, &s->pf, s->sel[SEC_PROJECTS], y, h);
	else
		tops(ui, s, y, h);
	y = ui->rows - 2 - TICKER;
	if (s->ticker[0][0] == '\0') {
		attrset(A_DIM);
		ui_put(y, 1, ui->cols - 2, _("new cases in your region appear here as they arrive"));
		attrset(A_NORMAL);
	}
	for (i = 0; i < TICKER; i++, y++) {
		if (s->ticker[i][0] == '\0')
			continue;
		attrset(A_BOLD);
		x = 1 + ui_put(y, 1, 10, i == 0 ? _("new:") : "");
		attrset(A_NORMAL);
		ui_put(y, 11, ui->cols - 12, s->ticker[i]);
	}
	ui_keybar(ui, keys);
}

static int
drill(struct ui *ui, struct dashs *s)
{
	struct cases_arg a;
	struct dash *d = &s->d;
	int i = s->sel[s->section];

	if (s->section == SEC_PROJECTS)
		return dashproj_drill(ui, &s->pf, i);
	memset(&a, 0, sizeof a);
	a.open_only = 1;
	switch (s->section) {
	case SEC_GRID:
		if (i >= d->nareas)
			return UI_HANDLED;
		snprintf(a.region, sizeof a.region, "%s", d->areas[i].code);
		snprintf(a.title, sizeof a.title, "%s · %s", _("open cases"), d->areas[i].name);
		/* the area's own offices: the region filter also matches halls and residents */
		break;
	case SEC_BOTTLENECK:
		if (i >= d->nbottlenecks)
			return UI_HANDLED;
		snprintf(a.item, sizeof a.item, "%s", d->bottlenecks[i].code);
		snprintf(a.region, sizeof a.region, "%s", s->prefix);
		snprintf(a.title, sizeof a.title, "%s · %s", _("open cases"), d->bottlenecks[i].name);
		break;
	case SEC_OFFICES:
		if (i >= d->noffices)
			return UI_HANDLED;
		snprintf(a.office, sizeof a.office, "%s", d->offices[i].code);
		a.light = LIGHT_RED;
		snprintf(a.title, sizeof a.title, "%s · %s", _("red cases"), d->offices[i].name);
		break;
	default:
		if (i >= d->nanomalies)
			return UI_HANDLED;
		snprintf(a.region, sizeof a.region, "%s", s->prefix);
		snprintf(a.title, sizeof a.title, "%s", tcase_anomaly_label(d->anomalies[i].kind));
		if (strcmp(d->anomalies[i].kind, "complaint_late") == 0 ||
		    strcmp(d->anomalies[i].kind, "order_late") == 0 ||
		    strcmp(d->anomalies[i].kind, "rectify_late") == 0) {
			/* Records, not cases: the list of those past their deadlines. */
			ui_push(ui, &screen_viewer, "supervise late");
			return UI_HANDLED | UI_REDRAW;
		}
		if (strcmp(d->anomalies[i].kind, "appointment_waiting") == 0 ||
		    strcmp(d->anomalies[i].kind, "appointment_late") == 0) {
			/* Appointments, not cases: the list of those concerned. */
			char arg[48];

			snprintf(arg, sizeof arg, "%s:%s", strcmp(d->anomalies[i].kind,
			    "appointment_waiting") == 0 ? "overdue" : "late", s->prefix);
			ui_push(ui, &screen_appts, arg);
			return UI_HANDLED | UI_REDRAW;
		}
		if (strcmp(d->anomalies[i].kind, "fee") == 0 ||
		    strcmp(d->anomalies[i].kind, "unlisted_material") == 0 ||
		    strcmp(d->anomalies[i].kind, "refuse_no_reason") == 0 ||
		    strcmp(d->anomalies[i].kind, "override") == 0) {
			snprintf(a.anomaly, sizeof a.anomaly, "%s", d->anomalies[i].kind);
			a.open_only = 0;
		} else if (strcmp(d->anomalies[i].kind, "deemed") == 0) {
			snprintf(a.status, sizeof a.status, "submitted");
			a.light = LIGHT_RED;
		} else if (strcmp(d->anomalies[i].kind, "pledge_overdue") == 0) {
			a.pledge_overdue = 1;
		} else if (strcmp(d->anomalies[i].kind, "suspend_overdue") == 0) {
			a.suspend_overdue = 1;
		} else {
			ui_message(ui, 0, "%s", _("see the bottlenecks and the halls in the daily report"));
			return UI_HANDLED | UI_REDRAW;
		}
	}
	ui_push(ui, &screen_cases, &a);
	return UI_HANDLED | UI_REDRAW;
}

static int
dash_key(struct ui *ui, void *state, struct ui_key k)
{
	struct dashs *s = state;
	struct dash *d = &s->d;
	int n = s->section == SEC_GRID ? d->nareas : s->section == SEC_BOTTLENECK ?
	    d->nbottlenecks : s->section == SEC_OFFICES ? d->noffices :
	    s->section == SEC_PROJECTS ? s->pf.n : d->nanomalies;
	int step = s->section == SEC_GRID ? (ui->cols / CELL > 0 ? ui->cols / CELL : 1) : 1;
	int *sel = &s->sel[s->section];

	if (!k.fkey && k.ch == L'r') {
		load(ui, s, 1);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'\t') {
		s->section = (s->section + 1) % SEC_COUNT;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_BTAB) {
		s->section = (s->section + SEC_COUNT - 1) % SEC_COUNT;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return drill(ui, s);
	if (!k.fkey)
		return UI_IGNORED;
	if (k.ch == KEY_DOWN && *sel + step < n)
		*sel += step;
	else if (k.ch == KEY_UP && *sel - step >= 0)
		*sel -= step;
	else if (k.ch == KEY_RIGHT && s->section == SEC_GRID && *sel + 1 < n)
		(*sel)++;
	else if (k.ch == KEY_LEFT && s->section == SEC_GRID && *sel > 0)
		(*sel)--;
	else
		return UI_IGNORED;
	return UI_HANDLED | UI_REDRAW;
}

static void
dash_leave(struct ui *ui, void *state)
{
	struct dashs *s = state;

	(void)ui;
	project_stats_release(&s->pf);
	free(state);
}

const struct screen screen_dash = {
	.name = "dashboard",
	.enter = dash_enter,
	.draw = dash_draw,
	.key = dash_key,
	.leave = dash_leave,
	.tick = dash_tick,
};
