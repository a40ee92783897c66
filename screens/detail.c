/*
 * Case detail: who applied for what, where it is, the clock with its light,
 * and the timeline of events (scrolls with the arrow keys).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "appoint.h"
#include "appts.h"
#include "case.h"
#include "notice.h"
#include "i18n.h"
#include "lifecycle.h"
#include "project.h"
#include "project_screens.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

struct detail {
	char no[32];
	int generation;
	struct tcase c;
	struct event *ev;
	int nev, cap;
	struct ui_list list;
	char step_name[96];
	int step_limit;		/* the longest branch for a parallel step */
	struct branch br[8];
	int nbr;
	char project[32];	/* the investment project the case is part of, or "" */
	int project_stage;
	int inspect;		/* the item needs an on-site inspection (预约) */
	char told[512];		/* 告知: each moment that happened, told or owed */
	int owed;		/* moments not told yet */
	int htop;		/* the first line of the facts shown (a short window) */
	int hcut;		/* the facts do not fit: Space shows the next lines */
	int hmax, th;		/* the facts' lines and the timeline's rows drawn */
	const char *bar[40];	/* the key bar drawn (F1 lists it) */
	int can_act;		/* some action is open to the user (a is offered) */
};

/* One fact above the timeline: a label, its text, and a light after it. */
struct hrow {
	const char *label;	/* NULL: a line under the one before */
	char text[512];
	enum light light;
	int attr;
};

#define HROWS 24

struct stepinfo {
	struct detail *d;
	int en;
};

static int
step_of(void *arg, int seq, const char *name, const char *name_en, const char *kind, int limit)
{
	struct stepinfo *si = arg;

	(void)kind;
	if (seq == si->d->c.step) {
		snprintf(si->d->step_name, sizeof si->d->step_name, "%s", si->en ? name_en : name);
		if (limit > si->d->step_limit)
			si->d->step_limit = limit;
	}
	return 0;
}

static int
add_branch(void *arg, const struct branch *b)
{
	struct detail *d = arg;

	if (b->step == d->c.step && d->nbr < 8) {
		d->br[d->nbr] = *b;
		memset((struct branch *)b, 0, sizeof *b);
		d->nbr++;
	}
	return 0;
}

static int
add_event(void *arg, const struct event *e)
{
	struct detail *d = arg;

	if (d->nev == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->ev = xreallocarray(d->ev, (size_t)d->cap, sizeof *d->ev);
	}
	d->ev[d->nev++] = *e;
	memset((struct event *)e, 0, sizeof *e);
	return 0;
}

static void
event_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct detail *d = arg;
	struct event *e = &d->ev[i];
	char to[96] = "";
	int x = 1;

	(void)ui;
	(void)selected;
	if (*e->to_status && strcmp(e->from_status, e->to_status) != 0)
		snprintf(to, sizeof to, "→ %s", tcase_status_label(e->to_status));
	if (w < 60) {
		/* narrow: the day without its year, the action, the note; Enter
		 * reads the event whole */
		x += ui_put(y, x, 11, strlen(e->at) > 5 ? e->at + 5 : e->at) + 1;
		x += ui_put(y, x, 12, tcase_action_label(e->action)) + 1;
		if (x < w)
			ui_put(y, x, w - x, *e->note ? e->note : to);
		return;
	}
	x += ui_put(y, x, 16, e->at) + 2;
	ui_put_pad(y, x, 12, tcase_action_label(e->action));
	x += 13;
	ui_put_pad(y, x, 11, to);
	x += 12;
	attrset(ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
	x += ui_put(y, x, 20, e->actor) + 1;
	attrset(A_NORMAL);
	if (x < w)
		ui_put(y, x, w - x, e->note);
}

/* Enter on a timeline row: the event whole, its note never cut. */
static void
event_text(struct ui *ui, struct detail *d, const struct event *e)
{
	struct sb t = SB_INIT;

	sb_addf(&t, "%s · %s\n", d->no, tcase_action_label(e->action));
	sb_addf(&t, _("time: %s"), e->at);
	sb_addc(&t, '\n');
	sb_addf(&t, _("action: %s"), tcase_action_label(e->action));
	sb_addc(&t, '\n');
	if (*e->to_status && strcmp(e->from_status, e->to_status) != 0) {
		sb_addf(&t, _("status: %s → %s"), *e->from_status ?
		    tcase_status_label(e->from_status) : "-", tcase_status_label(e->to_status));
		sb_addc(&t, '\n');
	}
	if (*e->addr)
		sb_addf(&t, _("by: %s from %s"), e->actor, e->addr);
	else
		sb_addf(&t, _("by: %s"), e->actor);
	sb_addc(&t, '\n');
	if (*e->note)
		sb_addf(&t, "\n%s\n", e->note);
	ui_push(ui, &screen_text, t.buf);
	sb_release(&t);
}

static void
unload(struct detail *d)
{
	int i;

	for (i = 0; i < d->nev; i++)
		event_release(&d->ev[i]);
	for (i = 0; i < d->nbr; i++)
		branch_release(&d->br[i]);
	free(d->ev);
	d->ev = NULL;
	d->nev = d->cap = d->nbr = 0;
	d->list.n = 0;
	d->step_limit = 0;
	d->step_name[0] = '\0';
	if (d->c.no)
		tcase_release(&d->c);
}

static int
load(struct ui *ui, struct detail *d)
{
	struct stepinfo si = { d, strcmp(i18n_lang(), "en") == 0 };
	char *cause = NULL;

	unload(d);
	/* Not found and not visible read the same: numbers cannot be probed;
	 * a store failure is said as such, and the next draw tries again. */
	if (case_get(ui->s, d->no, &d->c, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return -1;
	}
	d->generation = ui->generation;
	{
		const struct act_def *defs[24];

		d->can_act = lifecycle_offered(ui->s, &d->c, defs, 24) > 0;
	}
	store_event_each_of_case(ui->s->st, d->c.id, add_event, d);
	store_step_each(ui->s->st, d->c.item, step_of, &si);
	store_branch_each(ui->s->st, d->c.id, add_branch, d);
	if (project_of_case(ui->s, d->c.id, d->project, &d->project_stage) != 1)
		d->project[0] = '\0';
	{
		int hours;

		d->inspect = appoint_item_hours(ui->s, d->c.item, &hours, NULL) == 0;
	}
	{
		struct notice_state ns[NOTICE_MOMENTS];
		int i;

		d->told[0] = '\0';
		d->owed = 0;
		if (notice_read(ui->s, &d->c, ns) == 0)
			for (i = 0; i < NOTICE_MOMENTS; i++) {
				size_t n = strlen(d->told);

				if (ns[i].happened[0] == '\0')
					continue;
				d->owed += ns[i].told[0] == '\0';
				snprintf(d->told + n, sizeof d->told - n, "%s%s %s", n ? " · " : "",
				    notice_moment_label(ns[i].moment), ns[i].told[0] ?
				    notice_how_label(ns[i].how) : _("not told yet"));
			}
	}
	d->list.n = d->nev;
	d->list.row = event_row;
	d->list.arg = d;
	d->list.sel = d->nev > 0 ? d->nev - 1 : 0;
	return 0;
}

static void *
detail_enter(struct ui *ui, const void *arg)
{
	struct detail *d = xcalloc(1, sizeof *d);

	snprintf(d->no, sizeof d->no, "%s", (const char *)arg);
	if (load(ui, d) != 0) {
		unload(d);
		free(d);
		return NULL;
	}
	return d;
}

static struct hrow *
fact(struct hrow *r, int *n, const char *label, const char *text, enum light l, int attr)
{
	struct hrow *h = &r[*n < HROWS ? (*n)++ : HROWS - 1];

	h->label = label;
	snprintf(h->text, sizeof h->text, "%s", text);
	h->light = l;
	h->attr = attr;
	return h;
}

/*
 * Lay the facts out in the window's width: a text too long for its line
 * goes on under its label, and a light goes after the text, or on a line
 * of its own when it does not fit there. With draw set, the lines from top
 * are drawn from y, at most h of them. Returns the lines the facts take.
 */
static int
facts_layout(struct ui *ui, const struct hrow *r, int n, int lw, int draw, int top, int y, int h)
{
	int x0 = 1 + lw, w = ui->cols - x0 - 1, line = 0, i;

	if (w < 8)
		w = 8;
	for (i = 0; i < n; i++) {
		const char *p = r[i].text, *e;
		char lt[64];
		int lwid = 0, last = 0, first = 1;

		ui_light_text(r[i].light, lt);
		if (r[i].light != LIGHT_NONE)
			lwid = utf8_width(lt);
		do {
			char *seg;

			while (!first && *p == ' ')
				p++;
			e = *p ? ui_wrap_end(p, w) : p;
			seg = xstrndup(p, (size_t)(e - p));
			last = utf8_width(seg);
			if (draw && line >= top && line < top + h) {
				int yy = y + line - top;

				if (first && r[i].label) {
					attrset(A_BOLD);
					ui_put_pad(yy, 1, lw, r[i].label);
				}
				attrset(r[i].attr);
				ui_put(yy, x0, w, seg);
				attrset(A_NORMAL);
			}
			free(seg);
			line++;
			first = 0;
			p = e;
		} while (*p);
		if (lwid == 0)
			continue;
		/* the light after the text, or under it */
		if (last > 0 && last + 2 + lwid <= w) {
			if (draw && line - 1 >= top && line - 1 < top + h)
				ui_light(ui, y + line - 1 - top, x0 + last + 2, r[i].light);
		} else {
			if (draw && line >= top && line < top + h)
				ui_light(ui, y + line - top, x0, r[i].light);
			line++;
		}
	}
	return line;
}

static void
detail_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"a", N_("act"), "t", N_("tell"), "p", N_("papers"), "↑↓", N_("timeline"), "Enter", N_("read whole"),
		"/", N_("find case"), "F1", N_("help"), "q", N_("back"), NULL
	};
	static const char *const keys_project[] = {
		"a", N_("act"), "g", N_("project"), "↑↓", N_("timeline"), "Enter", N_("read whole"),
		"/", N_("find case"), "F1", N_("help"), "q", N_("back"), NULL
	};
	/* A case whose item needs an on-site inspection (预约). */
	static const char *const keys_inspect[] = {
		"a", N_("act"), "t", N_("tell"), "p", N_("papers"), "i", N_("inspections"), "↑↓", N_("timeline"),
		"Enter", N_("read whole"), "/", N_("find case"), "F1", N_("help"), "q", N_("back"), NULL
	};
	static const char *const keys_both[] = {
		"a", N_("act"), "i", N_("inspections"), "g", N_("project"), "↑↓", N_("timeline"),
		"Enter", N_("read whole"),
		"/", N_("find case"), "F1", N_("help"), "q", N_("back"), NULL
	};
	struct detail *d = state;
	struct tcase *c;
	char buf[512];
	enum light l, sl = LIGHT_NONE, stl;
	struct hrow r[HROWS];
	int sw, sd, n = 0, total, room, hmax;
	int en = strcmp(i18n_lang(), "en") == 0, y = 2, lw = en ? 11 : 10, h, i;

	if ((d->generation != ui->generation || d->c.no == NULL) && load(ui, d) != 0) {
		/* The case could not be read again: say so, draw nothing stale. */
		ui_title(ui, d->no);
		ui_keybar(ui, keys);
		return;
	}
	c = &d->c;
	l = tcase_light(c, session_today(ui->s));

	/* a narrow window keeps the number whole */
	snprintf(buf, sizeof buf, "%s · %s", _("tongban · case"), c->no);
	ui_title(ui, ui->cols < 50 ? c->no : buf);
	fact(r, &n, _("case no"), c->no, LIGHT_NONE, 0);
	snprintf(buf, sizeof buf, "%s  %s", en && *c->item_name_en ? c->item_name_en : c->item_name,
	    c->item);
	fact(r, &n, _("item"), buf, LIGHT_NONE, 0);
	snprintf(buf, sizeof buf, "%s  %s  %s", c->applicant_name, c->applicant, c->applicant_phone);
	fact(r, &n, _("applicant"), buf, LIGHT_NONE, 0);
	snprintf(buf, sizeof buf, "%s  %s  %s", c->submitted, tcase_channel_label(c->channel),
	    c->hall_name);
	fact(r, &n, _("received"), buf, LIGHT_NONE, 0);
	fact(r, &n, _("office"), c->office_name, LIGHT_NONE, 0);
	if (d->project[0]) {
		/* A case of an investment project: g opens the project's view. */
		snprintf(buf, sizeof buf, _("%s · stage %d (g opens it)"), d->project,
		    d->project_stage);
		fact(r, &n, _("project"), buf, LIGHT_NONE, 0);
	}
	snprintf(buf, sizeof buf, "%s%s%s", tcase_status_label(c->status),
	    *c->step_name ? " · " : "", c->step_name);
	fact(r, &n, _("status"), buf, LIGHT_NONE, 0);
	if (d->told[0])
		fact(r, &n, _("informed"), d->told, LIGHT_NONE, d->owed ? A_BOLD : 0);
	if (*c->decided)
		/* The decision's clock stopped; art. 44's delivery clock follows. */
		snprintf(buf, sizeof buf, _("%d / %d working days used · due %s · %s"),
		    tcase_days_used(ui->s->cal, c, session_today(ui->s)), tcase_limit(c), c->due,
		    strcmp(c->decided, c->due) <= 0 ?
		    _("decided in time") : _("decided late"));
	else if (c->open)
		snprintf(buf, sizeof buf, _("%d / %d working days used · due %s%s"),
		    tcase_days_used(ui->s->cal, c, session_today(ui->s)), tcase_limit(c), c->due,
		    c->provisional ? _(" (provisional)") : "");
	else
		snprintf(buf, sizeof buf, _("%d / %d working days used · finished %s · %s"),
		    tcase_days_used(ui->s->cal, c, session_today(ui->s)), tcase_limit(c),
		    *c->finished ? c->finished : c->decided,
		    case_verdict(c));
	/* Decided: the decision's clock keeps its last light only when late. */
	fact(r, &n, *c->accepted ? _("to decide") : _("to accept"), buf,
	    !*c->decided ? l : c->open && strcmp(c->decided, c->due) > 0 ? LIGHT_RED : LIGHT_NONE,
	    0);
	if (*c->decided) {
		int fin;

		if (c->open)
			snprintf(buf, sizeof buf, _("%s %s · deliver by %s%s (art. 44)"), c->decided,
			    tcase_result_label(c->result), c->deliver_due,
			    c->provisional ? _(" (provisional)") : "");
		else
			snprintf(buf, sizeof buf, _("%s %s · delivered %s · %s"), c->decided,
			    tcase_result_label(c->result), c->finished,
			    clock_parse_date(c->finished, &fin) == 0 &&
			    tcase_delivered_on_time(c, fin) ? _("delivered in time") :
			    _("delivered late"));
		/* The delivery clock has its own light: a late decision leaves
		 * the case red (the clock row says so), not its delivery. */
		fact(r, &n, _("delivery"), buf, c->open ?
		    tcase_delivery_light(c, session_today(ui->s)) : LIGHT_NONE, 0);
	}
	if (tcase_suspend_clock(ui->s->cal, c, &sw, &sd) == 0) {
		/* art. 45: the period told to the applicant has a clock of its own. */
		char end[11];

		clock_format_date(sd, end);
		snprintf(buf, sizeof buf, _("%s · %d working days told · %s to %s"),
		    tcase_suspend_label(c->suspend_reason), c->suspend_days, c->paused_since, end);
		sl = clock_light(session_today(ui->s), sw, sd);
		fact(r, &n, NULL, buf, sl, 0);
	} else if (*c->paused_since) {
		snprintf(buf, sizeof buf, _("clock stopped since %s"), c->paused_since);
		fact(r, &n, NULL, buf, LIGHT_NONE, 0);
	}
	if (c->provisional) {
		/* The dates rest on a year whose holiday notice is not out yet;
		 * so do the step's and the branches' in it (shown below). */
		int start, due, year = 0;

		if (clock_parse_date(*c->accepted ? c->accepted : c->submitted, &start) == 0 &&
		    clock_parse_date(*c->decided && *c->deliver_due ? c->deliver_due : c->due,
		    &due) == 0)
			year = clock_provisional_year(ui->s->cal, start, due);
		if (year)
			snprintf(buf, sizeof buf, _("provisional: no holiday notice for %d yet; its "
			    "dates count the statutory holidays only"), year);
		else
			snprintf(buf, sizeof buf, "%s", _("provisional: counted when that year had no "
			    "holiday notice; statutory holidays only"));
		fact(r, &n, NULL, buf, LIGHT_NONE, ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
	}
	if (c->open && tcase_pledge_open(c)) {
		/* 容缺受理: what the applicant still owes, and by when. */
		char nums[64];
		unsigned long long open = tcase_pledge_open(c);
		size_t nn = 0;
		int k;

		nums[0] = '\0';
		for (k = 1; k < 64 && nn + 4 < sizeof nums; k++)
			if (open & (1ULL << k))
				nn += (size_t)snprintf(nums + nn, sizeof nums - nn, "%s%d", nn ? "," : "", k);
		snprintf(buf, sizeof buf, _("pledged materials %s outstanding, by %s"), nums,
		    c->pledge_date);
		fact(r, &n, NULL, buf, LIGHT_NONE, 0);
	}
	if (c->open && !*c->decided && d->step_limit > 0 && *c->step_started) {
		/* The step has its own clock: it can run late while the case is on
		 * time, never past the case's due date (tcase_step_clock). */
		int used, swarn, sdue, capped;
		char due_s[11];

		if (tcase_step_clock(ui->s->cal, c, d->step_limit, session_today(ui->s), &used,
		    &swarn, &sdue, &capped, &stl) != 0)
			stl = LIGHT_NONE;
		else {
			clock_format_date(sdue, due_s);
			snprintf(buf, sizeof buf, _("%s: %d / %d working days · due %s%s"), d->step_name,
			    used, d->step_limit, due_s, capped ? _(" (the case's due date)") : "");
		}
		/* art. 45: a special procedure past its period turns the step too. */
		if (sl > stl)
			stl = sl;
		fact(r, &n, _("step"), buf, stl, 0);
	}
	for (i = 0; i < d->nbr; i++) {
		int due, started;

		clock_parse_date(d->br[i].due, &due);
		clock_parse_date(d->br[i].started, &started);
		snprintf(buf, sizeof buf, "%s · %s %s · %s", d->br[i].office_name, _("due"),
		    d->br[i].due, d->br[i].opinion ? (strcmp(d->br[i].verdict, "agree") == 0 ?
		    _("agreed") : d->br[i].override ? _("disagreed, overruled by the lead office") :
		    _("disagreed")) : _("waiting for the opinion"));
		fact(r, &n, NULL, buf, d->br[i].opinion ? LIGHT_NONE : clock_light(session_today(ui->s),
		    clock_warn(ui->s->cal, started, d->br[i].limit_days, d->br[i].paused_days), due), 0);
	}
	/*
	 * The facts, then the timeline. On a short window (40x12) the facts
	 * get what leaves the timeline two rows, and Space shows their next
	 * lines; nothing runs into the timeline's rule or the key bar.
	 */
	total = facts_layout(ui, r, n, lw, 0, 0, 0, 0);
	room = ui->rows - 2 - y;	/* the lines from y to the message line */
	if (total + 1 + 1 + 4 <= room) {
		hmax = total;
		d->htop = 0;
		d->hcut = 0;
	} else {
		hmax = room - 1 - 2;
		if (hmax < 1)
			hmax = 1;
		d->hcut = total > hmax;
		if (!d->hcut || d->htop >= total)
			d->htop = 0;
	}
	facts_layout(ui, r, n, lw, 1, d->htop, y, hmax);
	d->hmax = hmax;
	y += hmax;
	if (!d->hcut)
		y++;
	attrset(A_BOLD);
	move(y, 0);
	hline(ACS_HLINE, ui->cols);
	if (d->hcut)
		snprintf(buf, sizeof buf, _(" timeline (%d) · facts %d-%d/%d "), d->nev,
		    d->htop + 1, d->htop + hmax < total ? d->htop + hmax : total, total);
	else
		snprintf(buf, sizeof buf, _(" timeline (%d) "), d->nev);
	ui_put(y++, 2, ui->cols - 4, buf);
	attrset(A_NORMAL);
	h = ui->rows - 2 - y;
	d->th = h;
	ui_list_draw(ui, &d->list, y, h);
	{
		const char *const *src = d->project[0] && d->inspect ? keys_both : d->project[0] ?
		    keys_project : d->inspect ? keys_inspect : keys;
		int k = 0;

		if (d->hcut) {
			d->bar[k++] = "Space";
			d->bar[k++] = N_("more facts");
		}
		if (access_has(&ui->s->user, RIGHT_ORDER_ISSUE)) {
			d->bar[k++] = "o";
			d->bar[k++] = N_("order (督办)");
		}
		for (; src[0] && src[1] && k < 36; src += 2) {
			/* a only when some action is open to the user */
			if (strcmp(src[0], "a") == 0 && !d->can_act)
				continue;
			d->bar[k++] = src[0];
			d->bar[k++] = src[1];
		}
		d->bar[k] = NULL;
		ui_keybar(ui, d->bar);
	}
}

static int
detail_key(struct ui *ui, void *state, struct ui_key k)
{
	struct detail *d = state;

	if (!k.fkey && k.ch == L' ' && d->hcut) {
		d->htop += d->hmax > 0 ? d->hmax : 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'a') {
		if (!d->can_act) {
			ui_message(ui, 1, _("there is nothing you may do on this case now (it is %s)"),
			    tcase_status_label(d->c.status));
			return UI_HANDLED | UI_REDRAW;
		}
		ui_push(ui, &screen_act, d->no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'o' && access_has(&ui->s->user, RIGHT_ORDER_ISSUE)) {
		char arg[64];

		snprintf(arg, sizeof arg, "order:%.40s", d->no);
		ui_push(ui, &screen_record_new, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'g' && d->project[0]) {
		ui_push(ui, &screen_project, d->project);
		return UI_HANDLED | UI_REDRAW;
	}
	if (((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) &&
	    d->list.sel >= 0 && d->list.sel < d->nev) {
		event_text(ui, d, &d->ev[d->list.sel]);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'p') {
		ui_push(ui, &screen_paper, d->no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L't' && d->told[0]) {
		ui_push(ui, &screen_tell, d->no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'i' && d->inspect) {
		char arg[48];

		snprintf(arg, sizeof arg, "case:%s", d->no);
		ui_push(ui, &screen_appts, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&d->list, k, d->th > 0 ? d->th : 1);
}

static void
detail_leave(struct ui *ui, void *state)
{
	struct detail *d = state;

	(void)ui;
	unload(d);
	free(d);
}

const struct screen screen_detail = {
	.name = "detail",
	.enter = detail_enter,
	.draw = detail_draw,
	.key = detail_key,
	.leave = detail_leave,
};
