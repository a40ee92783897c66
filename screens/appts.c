/*
 * Inspection appointments on the console (appts.h). The screens call the
 * appointment service (appoint.h) and show what it says; the forms keep
 * what was typed when the service refuses it, and show the equivalent
 * command.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "appoint.h"
#include "appts.h"
#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

/* The list ------------------------------------------------------------------- */

struct row {
	long long id;
	char no[32];
	char item[96];
	char status[16];
	char due[17];
	char day[11], from[6], to[6];
	char inspector[64];
	char outcome[12];
	int late;
	long left;		/* working minutes to the response time */
	enum light light;
};

struct appts {
	char arg[64];
	char title[160];
	struct appoint_filter f;
	char no[32];		/* "case:NO": the case */
	int can_request;	/* the case's item needs an inspection, none is open, and
				 * the user may book */
	int mine;
	char today[11];
	char prefix[16];
	struct row *rows;
	int n, cap;
	struct ui_list list;
	int generation;
};

static int
keep(void *arg, const struct appointment *a)
{
	struct appts *s = arg;
	struct row *r;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->rows = xreallocarray(s->rows, (size_t)s->cap, sizeof *s->rows);
	}
	r = &s->rows[s->n++];
	memset(r, 0, sizeof *r);
	r->id = a->id;
	utf8_copy(r->no, sizeof r->no, a->case_no);
	utf8_copy(r->item, sizeof r->item, strcmp(i18n_lang(), "en") == 0 ? a->item_name_en :
	    a->item_name);
	utf8_copy(r->status, sizeof r->status, a->status);
	utf8_copy(r->due, sizeof r->due, a->response_due);
	utf8_copy(r->day, sizeof r->day, a->day ? a->day : "");
	utf8_copy(r->from, sizeof r->from, a->time_from ? a->time_from : "");
	utf8_copy(r->to, sizeof r->to, a->time_to ? a->time_to : "");
	utf8_copy(r->inspector, sizeof r->inspector, a->inspector ? a->inspector : "");
	utf8_copy(r->outcome, sizeof r->outcome, a->outcome ? a->outcome : "");
	r->late = a->late;
	return 0;
}

/* Working minutes as people read them: "1h30", "-0h20". */
static void
hours_text(long m, char *buf, size_t n)
{
	long a = m < 0 ? -m : m;

	snprintf(buf, n, "%s%ldh%02ld", m < 0 ? "-" : "", a / 60, a % 60);
}

struct lister {
	struct appts *s;
	struct session *ss;
	long now;
};

static int
keep_one(void *arg, const struct appointment *a)
{
	struct lister *l = arg;
	struct row *r;

	keep(l->s, a);
	r = &l->s->rows[l->s->n - 1];
	r->light = appoint_light(l->ss, a, l->now);
	if (strcmp(a->status, "requested") == 0)
		r->left = appoint_left(l->ss, a, l->now);
	return 0;
}

static void
list_load(struct ui *ui, struct appts *s)
{
	struct lister l = { s, ui->s, appoint_now(ui->s) };
	struct appoint_filter f = s->f;
	char *cause = NULL;

	s->n = 0;
	clock_format_date(session_today(ui->s), s->today);
	if (s->mine) {
		f.mine = 1;
		f.day = s->today;
	}
	if (appoint_list(ui->s, &f, l.now, keep_one, &l, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
	}
	s->list.n = s->n;
	s->generation = ui->generation;
	s->can_request = 0;
	if (s->no[0]) {
		struct tcase k;
		int hours, open = 0, i;

		for (i = 0; i < s->n; i++)
			open |= strcmp(s->rows[i].status, "requested") == 0 ||
			    strcmp(s->rows[i].status, "booked") == 0;
		if (case_get(ui->s, s->no, &k, NULL) == 0) {
			s->can_request = !open && k.open &&
			    access_appoint_may(&ui->s->user, &k, NULL, APPOINT_REQUEST) &&
			    appoint_item_hours(ui->s, k.item, &hours, NULL) == 0;
			tcase_release(&k);
		}
	}
}

static void
list_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct appts *s = arg;
	struct row *r = &s->rows[i];
	char buf[160], left[24];
	int x = 1, narrow = w < 60;

	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	snprintf(buf, sizeof buf, "%lld", r->id);
	ui_put(y, x, 5, buf);
	x = 6;
	/* When: a request's time left (with its light), a visit's day and hour. */
	if (strcmp(r->status, "requested") == 0) {
		static const char *const marks[] = { " ", "○", "◐", "●" };

		hours_text(r->left, left, sizeof left);
		snprintf(buf, sizeof buf, "%s %s", marks[r->light], left);
		attrset(selected ? (int)A_REVERSE : ui_attr_light(ui, r->light));
		ui_put_pad(y, x, 11, buf);
		attrset(selected ? A_REVERSE : A_NORMAL);
	} else if (r->day[0]) {
		snprintf(buf, sizeof buf, "%s %s", r->day + 5, r->from);
		ui_put_pad(y, x, 11, buf);
	}
	x += 12;
	if (!narrow) {
		ui_put_pad(y, x, 10, appoint_status_label(r->status));
		x += 11;
		ui_put_pad(y, x, 10, r->inspector);
		x += 11;
		ui_put_pad(y, x, 23, r->no);
		x += 24;
	}
	if (x < w - 1)
		ui_put(y, x, w - x - 1, r->item);
	attrset(A_NORMAL);
}

static void *
appts_enter(struct ui *ui, const void *arg)
{
	struct appts *s = xcalloc(1, sizeof *s);
	const char *a = arg ? arg : "";

	snprintf(s->arg, sizeof s->arg, "%s", a);
	snprintf(s->title, sizeof s->title, "%s", _("tongban · inspections"));
	if (strncmp(a, "case:", 5) == 0) {
		struct tcase k;
		char *cause = NULL;

		snprintf(s->no, sizeof s->no, "%s", a + 5);
		if (case_get(ui->s, s->no, &k, &cause) != 0) {
			ui_message(ui, 1, "%s", cause ? cause : "?");
			free(cause);
			free(s);
			return NULL;
		}
		s->f.case_id = k.id;
		snprintf(s->title, sizeof s->title, "%s · %s", _("inspections"), s->no);
		tcase_release(&k);
	} else if (strncmp(a, "overdue:", 8) == 0 || strncmp(a, "late:", 5) == 0) {
		snprintf(s->prefix, sizeof s->prefix, "%s", strchr(a, ':') + 1);
		s->f.prefix = s->prefix;
		if (a[0] == 'o') {
			s->f.overdue = 1;
			snprintf(s->title, sizeof s->title, "%s",
			    _("inspection requests past their response time"));
		} else {
			s->f.late = 1;
			snprintf(s->title, sizeof s->title, "%s", _("inspection requests answered late"));
		}
	} else if (strcmp(a, "mine") == 0)
		s->mine = 1;
	s->f.limit = 500;
	s->list.row = list_row;
	s->list.arg = s;
	list_load(ui, s);
	return s;
}

static void
appts_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "m", N_("my visits today"), "F1", N_("help"), "q", N_("back"), NULL
	};
	static const char *const keys_all[] = {
		"Enter", N_("open"), "m", N_("all"), "F1", N_("help"), "q", N_("back"), NULL
	};
	static const char *const keys_case[] = {
		"Enter", N_("open"), "n", N_("book an inspection"), "q", N_("back"), NULL
	};
	struct appts *s = state;
	char buf[200];
	int y = 2, waiting = 0, i;

	if (s->generation != ui->generation)
		list_load(ui, s);
	ui_title(ui, s->mine ? _("my visits today") : s->title);
	for (i = 0; i < s->n; i++)
		waiting += strcmp(s->rows[i].status, "requested") == 0;
	if (s->mine)
		snprintf(buf, sizeof buf, _("%s: %d visits"), s->today, s->n);
	else
		snprintf(buf, sizeof buf, _("%d waiting for an answer · %d in all"), waiting, s->n);
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, buf);
	attrset(A_NORMAL);
	if (s->n > 0) {
		/* The columns, as the rows draw them. */
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
		ui_put(y, 1, 5, _("id"));
		ui_put(y, 6, 11, _("left/visit"));
		if (ui->cols >= 60) {
			ui_put(y, 18, 10, _("status"));
			ui_put(y, 29, 10, _("inspector"));
			ui_put(y, 40, 23, _("case no"));
			ui_put(y, 64, ui->cols - 65, _("item"));
		} else
			ui_put(y, 18, ui->cols - 19, _("item"));
		attrset(A_NORMAL);
		y++;
	}
	if (s->n == 0) {
		ui_put(y + 1, 1, ui->cols - 2, s->can_request ?
		    _("(none: n books an inspection for this case)") : _("(none)"));
	} else
		ui_list_draw(ui, &s->list, y, ui->rows - 2 - y);
	ui_keybar(ui, s->no[0] ? keys_case : s->mine ? keys_all : keys);
}

static int
appts_key(struct ui *ui, void *state, struct ui_key k)
{
	struct appts *s = state;
	char arg[64];

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		if (s->n == 0)
			return UI_HANDLED;
		snprintf(arg, sizeof arg, "%lld", s->rows[s->list.sel].id);
		ui_push(ui, &screen_appt, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'm' && !s->no[0] && !s->f.overdue && !s->f.late) {
		s->mine = !s->mine;
		s->list.sel = s->list.top = 0;
		list_load(ui, s);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'n' && s->no[0]) {
		if (!s->can_request) {
			ui_message(ui, 1, "%s", _("no inspection can be booked for this case now"));
			return UI_HANDLED | UI_REDRAW;
		}
		snprintf(arg, sizeof arg, "request:%s", s->no);
		ui_push(ui, &screen_appt_form, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&s->list, k, ui->rows - 5);
}

static void
appts_leave(struct ui *ui, void *state)
{
	struct appts *s = state;

	(void)ui;
	free(s->rows);
	free(s);
}

const struct screen screen_appts = {
	.name = "appointments",
	.enter = appts_enter,
	.draw = appts_draw,
	.key = appts_key,
	.leave = appts_leave,
};

/* One appointment ------------------------------------------------------------- */

struct appt {
	long long id;
	struct appointment a;
	int loaded;
	char **lines;		/* the fields, then the history */
	int n, cap;
	struct ui_list list;
	int generation;
	int may_answer, may_done, may_cancel;
};

static void
add_line(struct appt *p, const char *label, const char *value)
{
	struct sb l = SB_INIT;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->lines = xreallocarray(p->lines, (size_t)p->cap, sizeof *p->lines);
	}
	sb_addf(&l, "%s\t%s", label, value ? value : "");
	p->lines[p->n++] = sb_detach(&l);
}

static int
add_version(void *arg, const struct appointment_version *v)
{
	struct appt *p = arg;
	struct sb l = SB_INIT;

	sb_addf(&l, "%s %s %s", v->at + 5, appoint_action_label(v->action), v->by_login);
	if (*v->day)
		sb_addf(&l, " · %s %s-%s %s", v->day + 5, v->time_from, v->time_to, v->inspector);
	if (*v->outcome)
		sb_addf(&l, " · %s", appoint_outcome_label(v->outcome));
	if (*v->note)
		sb_addf(&l, " — %s", v->note);
	add_line(p, "", l.buf);
	sb_release(&l);
	return 0;
}

static void
appt_unload(struct appt *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	p->n = 0;
	if (p->loaded)
		appointment_release(&p->a);
	p->loaded = 0;
}

static int
appt_load(struct ui *ui, struct appt *p)
{
	char *cause = NULL, buf[256];
	struct tcase k;
	long now = appoint_now(ui->s);

	appt_unload(p);
	if (appoint_get(ui->s, p->id, &p->a, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		return -1;
	}
	p->loaded = 1;
	p->generation = ui->generation;
	p->may_answer = p->may_done = p->may_cancel = 0;
	if (case_get(ui->s, p->a.case_no, &k, NULL) == 0) {
		p->may_answer = access_appoint_may(&ui->s->user, &k, p->a.inspector, APPOINT_ANSWER);
		p->may_done = access_appoint_may(&ui->s->user, &k, p->a.inspector, APPOINT_DONE);
		p->may_cancel = access_appoint_may(&ui->s->user, &k, p->a.inspector, APPOINT_CANCEL);
		tcase_release(&k);
	}
	/* What is to be done first (the clock, the visit), then what it is about. */
	add_line(p, _("status"), appoint_status_label(p->a.status));
	if (strcmp(p->a.status, "requested") == 0) {
		char left[24];
		long m = appoint_left(ui->s, &p->a, now);

		hours_text(m, left, sizeof left);
		snprintf(buf, sizeof buf, "%s %s%s", left, _("working hours"),
		    m < 0 ? _(" (past the response time)") : "");
		add_line(p, _("time left"), buf);
	}
	if (p->a.day) {
		snprintf(buf, sizeof buf, "%s %s-%s · %s %s", p->a.day, p->a.time_from, p->a.time_to,
		    p->a.inspector, p->a.inspector_name);
		add_line(p, _("visit on"), buf);
	}
	if (p->a.outcome)
		add_line(p, _("outcome"), appoint_outcome_label(p->a.outcome));
	snprintf(buf, sizeof buf, "%s · %s %s", p->a.requested, _("answer by"), p->a.response_due);
	add_line(p, _("requested"), buf);
	if (p->a.answered) {
		snprintf(buf, sizeof buf, "%s%s", p->a.answered, p->a.late ? _(" (late)") : "");
		add_line(p, _("answered"), buf);
	}
	add_line(p, _("case no"), p->a.case_no);
	add_line(p, _("item"), strcmp(i18n_lang(), "en") == 0 ? p->a.item_name_en :
	    p->a.item_name);
	add_line(p, _("visit"), appoint_what(&p->a));
	snprintf(buf, sizeof buf, "%s %s", p->a.applicant_name, p->a.contact);
	add_line(p, _("applicant"), buf);
	if (*p->a.wish)
		add_line(p, _("wish"), p->a.wish);
	add_line(p, _("office"), p->a.office_name);
	add_line(p, _("history:"), "");
	appoint_history(ui->s, p->id, add_version, p, NULL);
	p->list.n = p->n;
	return 0;
}

static void
appt_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct appt *p = arg;
	const char *tab = strchr(p->lines[i], '\t');
	int lw = strcmp(i18n_lang(), "en") == 0 ? 12 : 10;

	(void)selected;
	if (tab == NULL)
		return;
	if (tab == p->lines[i]) {	/* a line of the history */
		ui_put(y, 2, w - 3, tab + 1);
		return;
	}
	attrset(A_BOLD);
	{
		char label[64];

		snprintf(label, sizeof label, "%.*s", (int)(tab - p->lines[i]), p->lines[i]);
		ui_put_pad(y, 1, lw, label);
	}
	attrset(A_NORMAL);
	if (strcmp(p->a.status, "requested") == 0 && i == 1) {
		enum light l = appoint_light(ui->s, &p->a, appoint_now(ui->s));

		attrset(ui_attr_light(ui, l));
	}
	ui_put(y, 1 + lw, w - lw - 2, tab + 1);
	attrset(A_NORMAL);
}

static void *
appt_enter(struct ui *ui, const void *arg)
{
	struct appt *p = xcalloc(1, sizeof *p);
	long v = 0;

	if (arg == NULL || parse_int(arg, 1, 2147483647, &v) != 0)
		v = 0;
	p->id = v;
	p->list.row = appt_row;
	p->list.arg = p;
	if (appt_load(ui, p) != 0) {
		appt_unload(p);
		free(p->lines);
		free(p);
		return NULL;
	}
	return p;
}

static void
appt_draw(struct ui *ui, void *state)
{
	struct appt *p = state;
	const char *keys[16];
	char title[96];
	int n = 0;

	if (p->generation != ui->generation)
		appt_load(ui, p);
	snprintf(title, sizeof title, "%s %lld", _("appointment"), p->id);
	ui_title(ui, title);
	if (p->loaded) {
		int requested = strcmp(p->a.status, "requested") == 0;
		int booked = strcmp(p->a.status, "booked") == 0;

		if (requested && p->may_answer) {
			keys[n++] = "a";
			keys[n++] = N_("answer");
		}
		if (booked && p->may_answer) {
			keys[n++] = "r";
			keys[n++] = N_("reschedule");
		}
		if (booked && p->may_done) {
			keys[n++] = "d";
			keys[n++] = N_("outcome");
		}
		if ((requested || booked) && p->may_cancel) {
			keys[n++] = "x";
			keys[n++] = N_("cancel");
		}
	}
	keys[n++] = "c";
	keys[n++] = N_("case");
	keys[n++] = "q";
	keys[n++] = N_("back");
	keys[n] = NULL;
	ui_list_draw(ui, &p->list, 2, ui->rows - 4);
	ui_keybar(ui, keys);
}

static int
appt_key(struct ui *ui, void *state, struct ui_key k)
{
	struct appt *p = state;
	const char *verb = NULL;
	char arg[64];

	if (k.fkey || !p->loaded)
		return ui_list_key(&p->list, k, ui->rows - 4);
	if (k.ch == L'c') {
		ui_push(ui, &screen_detail, p->a.case_no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.ch == L'a' && p->may_answer && strcmp(p->a.status, "requested") == 0)
		verb = "answer";
	else if (k.ch == L'r' && p->may_answer && strcmp(p->a.status, "booked") == 0)
		verb = "reschedule";
	else if (k.ch == L'd' && p->may_done && strcmp(p->a.status, "booked") == 0)
		verb = "done";
	else if (k.ch == L'x' && p->may_cancel && (strcmp(p->a.status, "booked") == 0 ||
	    strcmp(p->a.status, "requested") == 0))
		verb = "cancel";
	if (verb == NULL)
		return ui_list_key(&p->list, k, ui->rows - 4);
	snprintf(arg, sizeof arg, "%s:%lld", verb, p->id);
	ui_push(ui, &screen_appt_form, arg);
	return UI_HANDLED | UI_REDRAW;
}

static void
appt_leave(struct ui *ui, void *state)
{
	struct appt *p = state;

	(void)ui;
	appt_unload(p);
	free(p->lines);
	free(p);
}

const struct screen screen_appt = {
	.name = "appointment",
	.enter = appt_enter,
	.draw = appt_draw,
	.key = appt_key,
	.leave = appt_leave,
};

/* The forms --------------------------------------------------------------------- */

enum ffield { FF_CHANNEL, FF_WISH, FF_CONTACT, FF_DAY, FF_FROM, FF_TO, FF_INSPECTOR,
	FF_OUTCOME, FF_NOTE, FF_COUNT };

static const char *const channels[] = { "window", "online", "self-service", NULL };
static const char *const outcomes[] = { "passed", "failed", "absent", NULL };

struct form {
	char verb[16];
	char no[32];		/* request: the case */
	long long id;		/* the other verbs: the appointment */
	struct ui_field f[FF_COUNT];
	int order[FF_COUNT];
	int n, focus;
	int choice[FF_COUNT];	/* FF_CHANNEL, FF_OUTCOME: the index chosen */
	int need_note;
	char *error;
};

static int
is_choice(int id)
{
	return id == FF_CHANNEL || id == FF_OUTCOME;
}

static const char *const *
choices(int id)
{
	return id == FF_CHANNEL ? channels : outcomes;
}

static const char *
choice_label(int id, int i)
{
	return id == FF_CHANNEL ? tcase_channel_label(channels[i]) : appoint_outcome_label(outcomes[i]);
}

static const char *
ffield_label(int id)
{
	switch (id) {
	case FF_CHANNEL:
		return _("channel");
	case FF_WISH:
		return _("wish");
	case FF_CONTACT:
		return _("contact");
	case FF_DAY:
		return _("day");
	case FF_FROM:
		return _("from");
	case FF_TO:
		return _("to");
	case FF_INSPECTOR:
		return _("inspector");
	case FF_OUTCOME:
		return _("outcome");
	default:
		return _("note");
	}
}

/* Filled in for the user: typing replaces it. */
static void
fset(struct ui_field *f, const char *s)
{
	ui_field_set(f, s);
	f->filled = 1;
}

static void *
form_make(struct ui *ui, const char *a)
{
	struct form *f = xcalloc(1, sizeof *f);
	const char *colon = strchr(a, ':');
	long v = 0;

	if (colon == NULL || (size_t)(colon - a) >= sizeof f->verb) {
		free(f);
		return NULL;
	}
	snprintf(f->verb, sizeof f->verb, "%.*s", (int)(colon - a), a);
	if (strcmp(f->verb, "request") == 0) {
		snprintf(f->no, sizeof f->no, "%s", colon + 1);
		f->order[f->n++] = FF_CHANNEL;
		f->order[f->n++] = FF_WISH;
		f->order[f->n++] = FF_CONTACT;
		return f;
	}
	if (parse_int(colon + 1, 1, 2147483647, &v) != 0) {
		free(f);
		return NULL;
	}
	f->id = v;
	if (strcmp(f->verb, "answer") == 0 || strcmp(f->verb, "reschedule") == 0) {
		struct appointment ap;
		char day[11];

		f->order[f->n++] = FF_DAY;
		f->order[f->n++] = FF_FROM;
		f->order[f->n++] = FF_TO;
		f->order[f->n++] = FF_INSPECTOR;
		/* Offered: the next working day, 09:00-10:00, the visit as it stands. */
		clock_format_date(clock_add(ui->s->cal, session_today(ui->s), 1), day);
		fset(&f->f[FF_DAY], day);
		fset(&f->f[FF_FROM], "09:00");
		fset(&f->f[FF_TO], "10:00");
		if (appoint_get(ui->s, f->id, &ap, NULL) == 0) {
			if (ap.day) {
				fset(&f->f[FF_DAY], ap.day);
				fset(&f->f[FF_FROM], ap.time_from);
				fset(&f->f[FF_TO], ap.time_to);
			}
			if (ap.inspector)
				fset(&f->f[FF_INSPECTOR], ap.inspector);
			else if (ui->s->user.office && strcmp(ui->s->user.office, ap.office) == 0)
				fset(&f->f[FF_INSPECTOR], ui->s->user.login);
			appointment_release(&ap);
		}
		f->need_note = strcmp(f->verb, "reschedule") == 0;
	} else if (strcmp(f->verb, "done") == 0) {
		f->order[f->n++] = FF_OUTCOME;
		f->need_note = 1;
	} else
		f->need_note = 1;
	f->order[f->n++] = FF_NOTE;
	return f;
}

static const char *const field_keys[FF_COUNT] = { "channel", "wish", "contact", "day", "from",
	"to", "inspector", "outcome", "note" };

/* "draft": the form a dropped link left (kind "appt"), as it was typed. */
static void *
form_enter(struct ui *ui, const void *arg)
{
	struct form *f;
	char *data = NULL, *saved = NULL, *which = NULL;
	int i, j;

	if (strcmp(arg, "draft") != 0)
		return form_make(ui, arg);
	if (store_draft_get(ui->s->st, ui->s->user.login, "appt", &data, &saved) != 0)
		return NULL;
	which = ui_draft_value(data, "form");
	f = which ? form_make(ui, which) : NULL;
	for (i = 0; f != NULL && i < FF_COUNT; i++) {
		char *v = ui_draft_value(data, field_keys[i]);

		if (v != NULL && is_choice(i)) {
			for (j = 0; choices(i)[j] != NULL; j++)
				if (strcmp(choices(i)[j], v) == 0)
					f->choice[i] = j;
		} else if (v != NULL) {
			fset(&f->f[i], v);
			f->f[i].filled = 0;
		}
		free(v);
	}
	if (f != NULL)
		ui_message(ui, 0, _("your unfinished inspection form from %s is back"), saved);
	store_draft_delete(ui->s->st, ui->s->user.login, "appt");
	free(which);
	free(data);
	free(saved);
	return f;
}

/* The link dropped: keep what was typed for the next login. */
static void
form_save(struct ui *ui, void *state)
{
	struct form *f = state;
	struct sb d = SB_INIT, which = SB_INIT;
	char now[20];
	time_t t = time(NULL);
	struct tm tm;
	int i;

	if (strcmp(f->verb, "request") == 0)
		sb_addf(&which, "request:%s", f->no);
	else
		sb_addf(&which, "%s:%lld", f->verb, f->id);
	ui_draft_add(&d, "form", which.buf);
	for (i = 0; i < f->n; i++) {
		int id = f->order[i];
		char *v;

		if (is_choice(id)) {
			ui_draft_add(&d, field_keys[id], choices(id)[f->choice[id]]);
			continue;
		}
		v = ui_field_text(&f->f[id]);
		if (*v)
			ui_draft_add(&d, field_keys[id], v);
		free(v);
	}
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	store_draft_put(ui->s->st, ui->s->user.login, "appt", d.buf, now);
	sb_release(&d);
	sb_release(&which);
}

static const char *
form_title(const struct form *f)
{
	if (strcmp(f->verb, "request") == 0)
		return _("book an inspection");
	if (strcmp(f->verb, "answer") == 0)
		return _("answer the request: day, time and inspector");
	if (strcmp(f->verb, "reschedule") == 0)
		return _("move the visit (the reason is required)");
	if (strcmp(f->verb, "done") == 0)
		return _("record the outcome of the visit");
	return _("cancel the appointment (the reason is required)");
}

/* The equivalent command line of the form as filled in. */
static void
form_command(struct form *f, struct sb *cmd)
{
	static const char *const opts[FF_COUNT] = { "channel", "wish", "contact", "day", "from",
		"to", "inspector", "outcome", "note" };
	int i;

	if (strcmp(f->verb, "request") == 0)
		sb_addf(cmd, "case appoint %s", f->no);
	else
		sb_addf(cmd, "appointment %s %lld", f->verb, f->id);
	for (i = 0; i < f->n; i++) {
		int id = f->order[i];
		char *v;

		if (is_choice(id)) {
			sb_addf(cmd, " --%s %s", opts[id], choices(id)[f->choice[id]]);
			continue;
		}
		v = ui_field_text(&f->f[id]);
		if (*v) {
			sb_addf(cmd, " --%s ", opts[id]);
			ui_shell_quote(cmd, v);
		}
		free(v);
	}
}

static void
form_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("next / confirm"), "Tab", N_("next field"), "←→", N_("choose"),
		"F2", N_("confirm"), "Esc", N_("cancel"), NULL
	};
	struct form *f = state;
	struct sb cmd = SB_INIT;
	char buf[256];
	int y = 2, i, lw = ui->cols < 60 ? 10 : 14, cy = -1, nerr;

	if (strcmp(f->verb, "request") == 0)
		snprintf(buf, sizeof buf, "%s · %s", _("inspections"), f->no);
	else
		snprintf(buf, sizeof buf, "%s %lld", _("appointment"), f->id);
	ui_title(ui, buf);
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, form_title(f));
	attrset(A_NORMAL);
	for (i = 0; i < f->n && y < ui->rows - 4; i++, y++) {
		int id = f->order[i], focus = i == f->focus;

		attrset(focus ? A_BOLD : A_NORMAL);
		ui_put(y, 2, lw - 1, ffield_label(id));
		attrset(A_NORMAL);
		if (id == FF_NOTE && f->need_note)
			ui_put(y, 1, 1, "*");
		if (is_choice(id)) {
			snprintf(buf, sizeof buf, "◀ %s ▶", choice_label(id, f->choice[id]));
			attrset(focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, ui->cols - lw - 4, buf);
			attrset(A_NORMAL);
		} else if (focus)
			cy = y;
		else
			ui_field_draw(ui, &f->f[id], y, 2 + lw, ui->cols - lw - 4, 0);
	}
	nerr = f->error ? ui_wrapped_lines(ui->cols - 4, f->error) : 0;
	if (nerr > 3)
		nerr = 3;
	if (nerr > 0 && ui->rows - 4 - nerr > y - 1) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD);
		ui_put_wrapped(ui->rows - 4 - nerr, 2, ui->cols - 4, nerr, f->error);
		attrset(A_NORMAL);
	}
	form_command(f, &cmd);
	if (ui->rows >= 16)
		ui_equivalent(ui, ui->rows - 3, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys);
	if (cy >= 0)
		ui_field_draw(ui, &f->f[f->order[f->focus]], cy, 2 + lw, ui->cols - lw - 4, 1);
}

static int
form_submit(struct ui *ui, struct form *f)
{
	char *v[FF_COUNT], *cause = NULL, due[17];
	long now = appoint_now(ui->s);
	long long id = 0;
	int i, rc, late = 0;

	for (i = 0; i < FF_COUNT; i++)
		v[i] = ui_field_text(&f->f[i]);
	if (strcmp(f->verb, "request") == 0) {
		struct appoint_request in;

		memset(&in, 0, sizeof in);
		in.case_no = f->no;
		in.channel = channels[f->choice[FF_CHANNEL]];
		in.wish = v[FF_WISH];
		in.contact = v[FF_CONTACT];
		rc = appoint_request(ui->s, &in, now, &id, due, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("appointment %lld requested; the office answers by %s"), id,
			    due);
	} else if (strcmp(f->verb, "answer") == 0 || strcmp(f->verb, "reschedule") == 0) {
		struct appoint_slot in;

		memset(&in, 0, sizeof in);
		in.day = v[FF_DAY];
		in.from = v[FF_FROM];
		in.to = v[FF_TO];
		in.inspector = *v[FF_INSPECTOR] ? v[FF_INSPECTOR] : NULL;
		in.note = *v[FF_NOTE] ? v[FF_NOTE] : NULL;
		if (f->verb[0] == 'a') {
			rc = appoint_answer(ui->s, f->id, &in, now, &late, &cause);
			if (rc == 0)
				ui_message(ui, late, late ? _("appointment %lld booked (answered late)") :
				    _("appointment %lld booked"), f->id);
		} else {
			rc = appoint_reschedule(ui->s, f->id, &in, now, &cause);
			if (rc == 0)
				ui_message(ui, 0, _("appointment %lld moved to %s %s"), f->id, in.day,
				    in.from);
		}
	} else if (strcmp(f->verb, "done") == 0) {
		rc = appoint_done(ui->s, f->id, outcomes[f->choice[FF_OUTCOME]], v[FF_NOTE], now,
		    &cause);
		if (rc == 0)
			ui_message(ui, 0, _("appointment %lld: %s"), f->id,
			    appoint_outcome_label(outcomes[f->choice[FF_OUTCOME]]));
	} else {
		rc = appoint_cancel(ui->s, f->id, v[FF_NOTE], now, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("appointment %lld cancelled"), f->id);
	}
	for (i = 0; i < FF_COUNT; i++)
		free(v[i]);
	free(f->error);
	f->error = NULL;
	if (rc != EXIT_OK) {
		/* Keep the form as typed; the refusal is shown under it. */
		f->error = cause ? cause : xstrdup("?");
		return UI_HANDLED | UI_REDRAW;
	}
	free(cause);
	ui->generation++;
	return UI_HANDLED | UI_BACK;
}

static int
form_key(struct ui *ui, void *state, struct ui_key k)
{
	struct form *f = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int id = f->order[f->focus];

	if (k.fkey && k.ch == KEY_F(2))
		return form_submit(ui, f);
	if (enter) {
		if (f->focus == f->n - 1)
			return form_submit(ui, f);
		f->focus++;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		f->focus = (f->focus + 1) % f->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		f->focus = (f->focus + f->n - 1) % f->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (is_choice(id)) {
		int n = 0;

		while (choices(id)[n])
			n++;
		if (k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
			f->choice[id] = (f->choice[id] + (k.ch == KEY_RIGHT ? 1 : n - 1)) % n;
			return UI_HANDLED | UI_REDRAW;
		}
		return UI_IGNORED;
	}
	return ui_field_key(&f->f[id], k);
}

static int
form_typing(struct ui *ui, void *state)
{
	struct form *f = state;

	(void)ui;
	return !is_choice(f->order[f->focus]);
}

static void
form_leave(struct ui *ui, void *state)
{
	struct form *f = state;

	(void)ui;
	free(f->error);
	free(f);
}

const struct screen screen_appt_form = {
	.name = "appointment form",
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.typing = form_typing,
	.save = form_save,
};
