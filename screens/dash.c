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
#include "case.h"
#include "i18n.h"
#include "project_screens.h"
#include "project_stats.h"
#include "stats.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

enum { SEC_TOTALS, SEC_GRID, SEC_BOTTLENECK, SEC_OFFICES, SEC_ANOMALY, SEC_PROJECTS, SEC_COUNT };

#define TICKER 2
#define CELL 26
#define NTOTALS 16

/* A selectable figure of the totals: stats_drill's fig and i. */
struct fig {
	enum dash_fig fig;
	int i;
};

struct dashs {
	char prefix[16];
	struct dash d;
	long version;
	long long newest;		/* the ticker's last case id */
	char ticker[TICKER][192];
	int section;
	int sel[SEC_COUNT];
	int part;			/* the grid cell's figure: 0 open, 1 yellow, 2 red */
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

/* The totals, in the order they are drawn and chosen. */
static int
totals(const struct dash *d, struct fig *f)
{
	int n = 0, i;

	f[n++] = (struct fig){ DASH_OPEN, 0 };
	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++)
		f[n++] = (struct fig){ DASH_LIGHT, i };
	f[n++] = (struct fig){ DASH_MONTH, 0 };
	for (i = 0; tcase_statuses[i] != NULL && n < NTOTALS - 2; i++)
		if (tcase_status_open(tcase_statuses[i]) && d->by_status[i])
			f[n++] = (struct fig){ DASH_STATUS, i };
	f[n++] = (struct fig){ DASH_RECEIVED, 0 };
	f[n++] = (struct fig){ DASH_FINISHED, 0 };
	return n;
}

/* Room for the sparklines (and the ticker): a terminal of 20 lines or more. */
static int
roomy(const struct ui *ui)
{
	return ui->rows >= 20;
}

/* The text of total f. */
static void
total_text(const struct dash *d, struct fig f, char *buf, size_t n)
{
	static const char *const marks[] = { " ", "○", "◐", "●" };

	switch (f.fig) {
	case DASH_OPEN:
		snprintf(buf, n, _("open %ld"), d->open);
		break;
	case DASH_LIGHT:
		snprintf(buf, n, "%s %ld", marks[f.i], f.i == LIGHT_RED ? d->red :
		    f.i == LIGHT_YELLOW ? d->yellow : d->green);
		break;
	case DASH_MONTH:
		if (d->month_finished == 0)
			snprintf(buf, n, "%s", _("on time this month –"));
		else
			snprintf(buf, n, _("on time this month %.1f%%"),
			    100.0 * (double)d->month_on_time / (double)d->month_finished);
		break;
	case DASH_STATUS:
		snprintf(buf, n, "%s %ld", tcase_status_label(tcase_statuses[f.i]), d->by_status[f.i]);
		break;
	case DASH_RECEIVED:
		snprintf(buf, n, _("received today %ld"), d->received_today);
		break;
	default:
		snprintf(buf, n, _("finished today %ld"), d->finished_today);
		break;
	}
}

/*
 * The totals as chips that wrap (never into the next line's text), from
 * line y, at most maxl lines, scrolled to the selected one; received and
 * finished today sit at the end of their sparklines when those are shown.
 * The lines used.
 */
static int
draw_totals(struct ui *ui, struct dashs *s, int y, int maxl)
{
	struct fig f[NTOTALS];
	int n = totals(&s->d, f), i, x = 1, line = 0, sel_line = 0, top, pass;

	/* Two passes: where the selected chip falls, then the drawing. */
	for (pass = 0; pass < 2; pass++) {
		top = sel_line >= maxl ? sel_line - maxl + 1 : 0;
		x = 1;
		line = 0;
		for (i = 0; i < n; i++) {
			char buf[128];
			int w, sel = s->section == SEC_TOTALS && s->sel[SEC_TOTALS] == i;

			if (roomy(ui) && (f[i].fig == DASH_RECEIVED || f[i].fig == DASH_FINISHED))
				continue;
			total_text(&s->d, f[i], buf, sizeof buf);
			w = utf8_width(buf);
			if (x > 1 && x + w >= ui->cols - 1) {
				line++;
				x = 1;
			}
			if (pass == 0) {
				if (sel)
					sel_line = line;
			} else if (line >= top && line - top < maxl) {
				attrset(sel ? (int)(A_REVERSE | A_BOLD) : f[i].fig == DASH_LIGHT ?
				    (int)ui_attr_light(ui, (enum light)f[i].i) : (int)A_NORMAL);
				ui_put(y + line - top, x, ui->cols - x - 1, buf);
				attrset(A_NORMAL);
			}
			x += w + 2;
		}
	}
	return line + 1 < maxl ? line + 1 : maxl;
}

static void
spark(struct ui *ui, struct dashs *s, int y, const char *label, const long *v, long max,
    enum dash_fig fig)
{
	static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	struct fig f = { fig, 0 }, all[NTOTALS];
	char buf[64];
	int i, x = 1, n = totals(&s->d, all), w;

	x += ui_put(y, x, 10, label);
	for (; x < 11; x++)
		addch(' ');
	total_text(&s->d, f, buf, sizeof buf);
	w = utf8_width(buf) + 1;
	for (i = 0; i < DASH_DAYS && x < ui->cols - w - 1; i++, x++) {
		int k = max > 0 ? (int)((v[i] * 8 + max - 1) / max) : 0;

		if (k > 8)
			k = 8;
		ui_put(y, x, 1, v[i] > 0 && k == 0 ? blocks[1] : blocks[k]);
	}
	x++;
	for (i = 0; i < n; i++)
		if (all[i].fig == fig && s->section == SEC_TOTALS && s->sel[SEC_TOTALS] == i)
			attrset(A_REVERSE | A_BOLD);
	ui_put(y, x, ui->cols - x - 1, buf);
	attrset(A_NORMAL);
}

/* The grid's layout: cells per line and each cell's width. */
static void
grid_cells(const struct ui *ui, int *per, int *w)
{
	*per = ui->cols >= 120 ? ui->cols / 40 : ui->cols / CELL;
	if (*per < 1)
		*per = 1;
	*w = ui->cols / *per;
}

static void
grid(struct ui *ui, struct dashs *s, int y, int h)
{
	int cols, cw, i, top, nw;
	struct dash *d = &s->d;

	grid_cells(ui, &cols, &cw);
	/* mark, name, open (4), yellow (3), red (3), spaces */
	nw = cw - 16;
	top = s->sel[SEC_GRID] / cols >= h ? (s->sel[SEC_GRID] / cols - h + 1) * cols : 0;
	for (i = top; i < d->nareas && (i - top) / cols < h; i++) {
		struct dash_area *a = &d->areas[i];
		int yy = y + (i - top) / cols, x = (i % cols) * cw, sel = i == s->sel[SEC_GRID] &&
		    s->section == SEC_GRID;
		char num[48];
		enum light worst = a->red ? LIGHT_RED : a->yellow ? LIGHT_YELLOW : LIGHT_GREEN;
		static const char *const marks[] = { " ", "○", "◐", "●" };

		attrset(ui_attr_light(ui, worst));
		ui_put(yy, x, 1, marks[worst]);
		attrset(sel ? A_BOLD : A_NORMAL);
		ui_put_pad(yy, x + 2, nw, a->name);
		snprintf(num, sizeof num, "%4ld", a->open);
		attrset(sel && s->part == 0 ? A_REVERSE | A_BOLD : A_NORMAL);
		ui_put(yy, x + 2 + nw, 4, num);
		snprintf(num, sizeof num, "%3ld", a->yellow);
		attrset(sel && s->part == 1 ? (int)(A_REVERSE | A_BOLD) :
		    a->yellow ? ui_attr_light(ui, LIGHT_YELLOW) : (int)A_DIM);
		ui_put(yy, x + 7 + nw, 3, num);
		snprintf(num, sizeof num, "%3ld", a->red);
		attrset(sel && s->part == 2 ? (int)(A_REVERSE | A_BOLD) :
		    a->red ? ui_attr_light(ui, LIGHT_RED) : (int)A_DIM);
		ui_put(yy, x + 11 + nw, 3, num);
		attrset(A_NORMAL);
	}
	if (d->nareas == 0)
		ui_put(y, 1, ui->cols - 2, _("(none)"));
}

static int
section_len(struct dashs *s)
{
	struct dash *d = &s->d;
	struct fig f[NTOTALS];

	switch (s->section) {
	case SEC_TOTALS:
		return totals(d, f);
	case SEC_GRID:
		return d->nareas;
	case SEC_BOTTLENECK:
		return d->nbottlenecks;
	case SEC_OFFICES:
		return d->noffices;
	case SEC_PROJECTS:
		return s->pf.n;
	default:
		return d->nanomalies;
	}
}

/* Bottlenecks, offices in red, anomalies: one figure a line, scrolled to the
 * selected one; the names take the room the figures leave. */
static void
tops(struct ui *ui, struct dashs *s, int y, int h)
{
	struct dash *d = &s->d;
	char buf[320];
	int i, n = section_len(s), top, sel = s->sel[s->section], wide = ui->cols >= 60;
	int numw = s->section == SEC_BOTTLENECK ? (wide ? 27 : 12) : 7;
	int nw = ui->cols - numw - 5;

	if (nw < 6)
		nw = 6;
	if (s->section == SEC_BOTTLENECK && h > 1) {
		attrset(A_BOLD);
		ui_put_pad(y, 1, nw + 1, _("item · step (working days)"));
		ui_put(y, nw + 2, ui->cols - nw - 3, wide ? _(" open  median  p90  limit") :
		    _(" open  p90"));
		attrset(A_NORMAL);
		y++;
		h--;
	}
	top = sel >= h ? sel - h + 1 : 0;
	for (i = top; i < n && i - top < h; i++, y++) {
		int x = nw + 2;

		attrset(i == sel ? A_REVERSE : A_NORMAL);
		move(y, 0);
		clrtoeol();
		if (s->section == SEC_BOTTLENECK) {
			const struct dash_top *t = &d->bottlenecks[i];
			char name[320];

			snprintf(name, sizeof name, "%s · %s", t->name, t->step);
			ui_put_pad(y, 1, nw, name);
			if (wide)
				snprintf(buf, sizeof buf, "%5ld  %6d  %3d  %5d", t->n, t->median, t->p90,
				    t->limit);
			else
				snprintf(buf, sizeof buf, "%5ld  %3d", t->n, t->p90);
			x += ui_put(y, x, ui->cols - x - 3, buf) + 1;
			if (t->p90 > t->limit) {
				attrset(ui_attr_light(ui, LIGHT_RED));
				ui_put(y, x, 2, "●");
			}
		} else if (s->section == SEC_OFFICES) {
			ui_put_pad(y, 1, nw, d->offices[i].name);
			snprintf(buf, sizeof buf, "%5ld", d->offices[i].n);
			x += ui_put(y, x, 5, buf) + 1;
			attrset(ui_attr_light(ui, LIGHT_RED));
			ui_put(y, x, 2, "●");
		} else {
			ui_put_pad(y, 1, nw, tcase_anomaly_label(d->anomalies[i].kind));
			snprintf(buf, sizeof buf, "%5ld", d->anomalies[i].n);
			ui_put(y, x, 5, buf);
		}
		attrset(A_NORMAL);
	}
	if (n == 0)
		ui_put(y, 1, ui->cols - 2, _("(none)"));
}

/* The section tabs, or at a narrow width the current one and its place. */
static void
tabs(struct ui *ui, struct dashs *s, int y)
{
	static const char *const sections[] = {
		N_("totals"), N_("areas"), N_("bottlenecks"), N_("offices in red"), N_("anomalies"),
		N_("projects")
	};
	char buf[128];
	int i, x = 1, w = 0;

	for (i = 0; i < SEC_COUNT; i++)
		w += utf8_width(_(sections[i])) + 3;
	move(y, 0);
	clrtoeol();
	if (w + 2 > ui->cols) {
		snprintf(buf, sizeof buf, " %s ", _(sections[s->section]));
		attrset(A_REVERSE | A_BOLD);
		x += ui_put(y, x, ui->cols - x - 1, buf) + 1;
		attrset(A_DIM);
		snprintf(buf, sizeof buf, "%d/%d Tab", s->section + 1, SEC_COUNT);
		ui_put(y, x, ui->cols - x - 1, buf);
		attrset(A_NORMAL);
		return;
	}
	for (i = 0; i < SEC_COUNT; i++) {
		snprintf(buf, sizeof buf, " %s ", _(sections[i]));
		attrset(i == s->section ? A_REVERSE | A_BOLD : A_NORMAL);
		x += ui_put(y, x, ui->cols - x, buf) + 1;
	}
	attrset(A_NORMAL);
	if (s->section == SEC_GRID || s->section == SEC_TOTALS) {
		const char *hint = s->section == SEC_TOTALS ?
		    _("(←→ a figure above, Enter its cases)") : _("(open · yellow · red)");
		/* On the totals the grid is drawn below too: its legend as well,
		 * when the line has room. */
		const char *both = _("(←→ a figure, Enter its cases; the grid: open · yellow · red)");

		/* Whole or not at all. */
		attrset(A_DIM);
		if (s->section == SEC_TOTALS && x + 1 + utf8_width(both) < ui->cols)
			ui_put(y, x + 1, ui->cols - x - 2, both);
		else if (x + 1 + utf8_width(hint) < ui->cols)
			ui_put(y, x + 1, ui->cols - x - 2, hint);
		attrset(A_NORMAL);
	}
}

static void
dash_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Tab", N_("section"), "Enter", N_("cases"), "q", N_("back"), "←→", N_("figure"),
		"r", N_("refresh"), "/", N_("find case"), NULL
	};
	struct dashs *s = state;
	struct dash *d = &s->d;
	char buf[512];
	long max = 1;
	int i, y = 2, h, bottom;

	/* Narrow: the region first, so that it is seen. */
	if (ui->cols < 60)
		snprintf(buf, sizeof buf, "%s · %s", d->scope_name, _("supervision"));
	else
		snprintf(buf, sizeof buf, "%s · %s", _("tongban · efficiency supervision"),
		    d->scope_name);
	ui_title(ui, buf);
	/* On a small terminal the totals take one line unless they are the
	 * section chosen; the rest is the section's. */
	y += draw_totals(ui, s, y, roomy(ui) ? 4 : s->section == SEC_TOTALS ? ui->rows - 5 : 1);
	if (roomy(ui)) {
		for (i = 0; i < DASH_DAYS; i++) {
			if (d->received[i] > max)
				max = d->received[i];
			if (d->finished[i] > max)
				max = d->finished[i];
		}
		spark(ui, s, y++, _("received"), d->received, max, DASH_RECEIVED);
		spark(ui, s, y++, _("finished"), d->finished, max, DASH_FINISHED);
		y++;
	}
	if (s->section == SEC_TOTALS && !roomy(ui)) {
		ui_keybar(ui, keys);
		tabs(ui, s, ui->rows - 2);
		return;
	}
	tabs(ui, s, y++);
	bottom = roomy(ui) ? ui->rows - 2 - TICKER : ui->rows - 1;
	h = bottom - y - (roomy(ui) ? 1 : 0);
	/* The totals chosen: the areas below, to be chosen next with Tab. */
	if (s->section == SEC_TOTALS || s->section == SEC_GRID)
		grid(ui, s, y, h);
	else if (s->section == SEC_PROJECTS)
		dashproj_draw(ui, &s->pf, s->sel[SEC_PROJECTS], y, h);
	else
		tops(ui, s, y, h);
	if (roomy(ui)) {
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
			ui_put(y, 1, 10, i == 0 ? _("new:") : "");
			attrset(A_NORMAL);
			ui_put(y, 11, ui->cols - 12, s->ticker[i]);
		}
	}
	ui_keybar(ui, keys);
}

static int
hall_line(void *arg, const char *hall, const char *name, long today, double usual)
{
	struct sb *sb = arg;

	sb_addf(sb, _("%s (%s): %ld received today, usually %.1f a day\n"), *name ? name : hall,
	    hall, today, usual);
	return 0;
}

static int
drill(struct ui *ui, struct dashs *s)
{
	struct cases_arg a;
	struct fig f[NTOTALS];
	enum dash_fig fig;
	int i = s->sel[s->section], day = session_today(ui->s);
	long n;
	char arg[64];

	switch (s->section) {
	case SEC_PROJECTS:
		return dashproj_drill(ui, &s->pf, i);
	case SEC_TOTALS:
		if (i >= totals(&s->d, f))
			return UI_HANDLED;
		fig = f[i].fig;
		i = f[i].i;
		break;
	case SEC_GRID:
		fig = s->part == 2 ? DASH_AREA_RED : s->part == 1 ? DASH_AREA_YELLOW : DASH_AREA;
		break;
	case SEC_BOTTLENECK:
		fig = DASH_BOTTLENECK;
		break;
	case SEC_OFFICES:
		fig = DASH_OFFICE;
		break;
	default:
		fig = DASH_ANOMALY;
		break;
	}
	switch (stats_drill(&s->d, fig, i, day, &a.q, &n)) {
	case DASH_LIST_CASES:
		ui_push(ui, &screen_cases, &a);
		break;
	case DASH_LIST_LATE:
		/* Records, not cases: those of the kind past their deadlines. */
		snprintf(arg, sizeof arg, "late:%s:%s", a.q.anomaly, s->prefix);
		ui_push(ui, &screen_records, arg);
		break;
	case DASH_LIST_APPTS:
		/* Appointments, not cases: the requests past their response time. */
		snprintf(arg, sizeof arg, "overdue:%s", s->prefix);
		ui_push(ui, &screen_appts, arg);
		break;
	case DASH_LIST_HALLS: {
		struct sb sb = SB_INIT;

		sb_addf(&sb, "%s\n", a.q.title);
		if (stats_busy_halls(ui->s->st, ui->s->cal, s->prefix, day, hall_line, &sb) != 0)
			ui_message(ui, 1, "%s", store_error(ui->s->st));
		else
			ui_push(ui, &screen_text, sb.buf);
		sb_release(&sb);
		break;
	}
	default:
		return UI_HANDLED;
	}
	return UI_HANDLED | UI_REDRAW;
}

static int
dash_key(struct ui *ui, void *state, struct ui_key k)
{
	struct dashs *s = state;
	int n = section_len(s), per, cw;
	int *sel = &s->sel[s->section];

	grid_cells(ui, &per, &cw);
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
	if (s->section == SEC_GRID) {
		/* ←→ walk each cell's three figures, ↑↓ the lines of cells. */
		if (k.ch == KEY_RIGHT && (s->part < 2 || *sel + 1 < n)) {
			if (++s->part > 2) {
				s->part = 0;
				(*sel)++;
			}
		} else if (k.ch == KEY_LEFT && (s->part > 0 || *sel > 0)) {
			if (--s->part < 0) {
				s->part = 2;
				(*sel)--;
			}
		} else if (k.ch == KEY_DOWN && *sel + per < n)
			*sel += per;
		else if (k.ch == KEY_UP && *sel - per >= 0)
			*sel -= per;
		else
			return UI_IGNORED;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.ch == KEY_DOWN || (k.ch == KEY_RIGHT && s->section == SEC_TOTALS)) && *sel + 1 < n)
		(*sel)++;
	else if ((k.ch == KEY_UP || (k.ch == KEY_LEFT && s->section == SEC_TOTALS)) && *sel > 0)
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
