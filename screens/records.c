/*
 * Supervision records on screens of their own: supervision orders (督办),
 * complaints (投诉) and ratings with their rectifications (好差评). A list
 * with a status filter (f), Enter opens one record -- every field, its
 * history from the audit chain, and the steps the user may take on it
 * (←→ chooses, a note, F2 takes it) -- all through the record service.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "record.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

#define MAX_ROWS 500

static const char *const kinds[] = { "order", "complaint", "rating" };
static const char *const subjects[] = { "supervision", "complaint", "rating" };
static const char *const titles[] = {
	N_("supervision orders (督办)"), N_("complaints (投诉)"), N_("ratings (好差评)")
};
/* The status filter's choices, NULL first (all). */
static const char *const filters[3][6] = {
	{ NULL, "open", "responded", "closed", NULL },
	{ NULL, "received", "accepted", "refused", "answered", "closed" },
	{ NULL, "bad", NULL },
};
static const int nfilters[] = { 4, 6, 2 };
/* Each kind's columns (store.h) as listed: id, case, office, then these. */
static const int date_col[] = { 6, 7, 7 };
static const int status_col[] = { 7, 6, 12 };
static const int text_col[] = { 5, 5, 6 };
static const char *const *const labels[] = {
	(const char *const[]){ N_("number"), N_("case"), N_("office"), N_("office"), N_("area"),
	    N_("note"), N_("due"), N_("status"), N_("response"), N_("issued by"), N_("issued"),
	    N_("responded"), N_("closed"), NULL },
	(const char *const[]){ N_("number"), N_("case"), N_("office"), N_("office"), N_("area"),
	    N_("complaint"), N_("status"), N_("received"), N_("accept by"), N_("answer"),
	    N_("taken by"), N_("missing material"), N_("handled"), NULL },
	(const char *const[]){ N_("number"), N_("case"), N_("office"), N_("office"), N_("area"),
	    N_("level"), N_("comment"), N_("day"), N_("rectify by"), N_("rectification"),
	    N_("callback"), N_("hall"), N_("status"), N_("rectification note"),
	    N_("rectified"), NULL },
};

/* The steps on records, as staff read them. */
static const char *
step_label(const char *verb)
{
	static const struct {
		const char *verb, *label;
	} l[] = {
		{ "supervise", N_("order issued") }, { "complain", N_("complaint received") },
		{ "rate", N_("rated") }, { "respond", N_("respond") }, { "close", N_("close") },
		{ "return", N_("send back") }, { "accept", N_("accept") }, { "refuse", N_("refuse") },
		{ "answer", N_("answer") }, { "rectify", N_("report the rectification") },
		{ "callback", N_("call back") },
	};
	size_t i;

	for (i = 0; i < sizeof l / sizeof l[0]; i++)
		if (strcmp(l[i].verb, verb) == 0)
			return _(l[i].label);
	return tcase_action_label(verb);
}

static int
kind_of(const char *arg)
{
	int i;

	for (i = 0; i < 3; i++)
		if (arg && strcmp(arg, kinds[i]) == 0)
			return i;
	return 0;
}

/* The list ------------------------------------------------------------------ */

struct records {
	int kind, filter;
	/* The dashboard's drill-down (arg "late:KIND:PREFIX"): only the records
	 * of that kind past their deadlines (record_late, the last 30 days). */
	int late;
	char late_kind[16], prefix[16];
	struct record_row *rows;
	int n;
	struct ui_list list;
	int generation;
};

static int
add_row(void *arg, int n, const char *const *v)
{
	struct records *r = arg;
	struct record_row *row;
	int i;

	if (r->n >= MAX_ROWS)
		return 1;
	row = &r->rows[r->n++];
	row->n = n < 16 ? n : 16;
	for (i = 0; i < row->n; i++)
		snprintf(row->v[i], sizeof row->v[i], "%s", v[i] ? v[i] : "");
	return 0;
}

static void
list_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct records *r = arg;
	struct record_row *row = &r->rows[i];
	char buf[600];
	int k = r->kind;

	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	snprintf(buf, sizeof buf, "%-5.12s %-10.10s %-10.60s %.300s", row->v[0], row->v[date_col[k]],
	    record_status_label(k, row->v[status_col[k]]), row->v[3]);
	ui_put(y, 0, w < 60 ? w : 60, buf);
	if (w > 62)
		ui_put(y, 62, w - 62, row->v[text_col[k]]);
	attrset(A_NORMAL);
	(void)ui;
}

static int
add_late(void *arg, const struct late_record *l, int days_over)
{
	struct records *r = arg;
	struct record_row *row;
	char id[24], over[16];
	const char *v[16];
	int i;

	if (strcmp(l->kind, r->late_kind) != 0)
		return 0;
	if (r->n >= MAX_ROWS)
		return 1;
	snprintf(id, sizeof id, "%lld", l->id);
	snprintf(over, sizeof over, "+%d", days_over);
	for (i = 0; i < 16; i++)
		v[i] = "";
	v[0] = id;
	v[1] = l->case_no ? l->case_no : "";
	v[2] = l->office;
	v[3] = l->office_name;
	v[date_col[r->kind]] = l->due;
	v[status_col[r->kind]] = l->done ? _("met late") : _("pending");
	v[text_col[r->kind]] = over;
	row = &r->rows[r->n++];
	row->n = 16;
	for (i = 0; i < 16; i++)
		snprintf(row->v[i], sizeof row->v[i], "%s", v[i]);
	return 0;
}

static void
load(struct ui *ui, struct records *r)
{
	char *cause = NULL;
	const char *f = filters[r->kind][r->filter];

	r->n = 0;
	if (r->late) {
		int today = session_today(ui->s);

		if (record_late(ui->s, r->prefix, today - 30, today, add_late, r, &cause) != 0) {
			ui_message(ui, 1, "%s", cause ? cause : "?");
			free(cause);
		}
	} else if (record_list(ui->s, r->kind, r->kind == 2 ? NULL : f, r->kind == 2 && f != NULL,
	    add_row, r, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
	}
	r->list.n = r->n;
	if (r->list.sel >= r->n)
		r->list.sel = r->n > 0 ? r->n - 1 : 0;
	r->generation = ui->generation;
}

static void *
records_enter(struct ui *ui, const void *arg)
{
	struct records *r = xcalloc(1, sizeof *r);
	const char *a = arg;

	if (a != NULL && strncmp(a, "late:", 5) == 0) {
		const char *p = strchr(a + 5, ':');

		r->late = 1;
		snprintf(r->late_kind, sizeof r->late_kind, "%.*s", p ? (int)(p - a - 5) : 15, a + 5);
		snprintf(r->prefix, sizeof r->prefix, "%s", p ? p + 1 : "50");
		r->kind = strcmp(r->late_kind, "rectification") == 0 ? 2 : kind_of(r->late_kind);
	} else
		r->kind = kind_of(arg);
	r->rows = xcalloc(MAX_ROWS, sizeof *r->rows);
	r->list.row = list_row;
	r->list.arg = r;
	load(ui, r);
	return r;
}

/* n opens a new order (supervisors) or complaint (those who log them). */
static int
may_new(struct ui *ui, const struct records *r)
{
	if (r->late)
		return 0;
	if (r->kind == 0)
		return access_has(&ui->s->user, RIGHT_ORDER_ISSUE);
	if (r->kind == 1)
		return access_has(&ui->s->user, RIGHT_COMPLAINT_LOG);
	return 0;
}

static void
records_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "f", N_("filter"), "/", N_("find case"), "q", N_("back"), NULL
	};
	static const char *const keys_order[] = {
		"Enter", N_("open"), "n", N_("new order"), "f", N_("filter"), "/", N_("find case"),
		"q", N_("back"), NULL
	};
	static const char *const keys_complaint[] = {
		"Enter", N_("open"), "n", N_("new complaint"), "f", N_("filter"), "/",
		N_("find case"), "q", N_("back"), NULL
	};
	struct records *r = state;
	const char *f = filters[r->kind][r->filter];
	char buf[256];

	if (r->generation != ui->generation)
		load(ui, r);
	snprintf(buf, sizeof buf, "tongban · %s", _(titles[r->kind]));
	ui_title(ui, buf);
	if (r->late)
		snprintf(buf, sizeof buf, _("%d past their deadlines (the last 30 days) · %s"), r->n,
		    record_late_label(r->late_kind));
	else
		snprintf(buf, sizeof buf, _("%d shown · filter: %s"), r->n, f == NULL ? _("all") :
		    strcmp(f, "bad") == 0 ? _("bad ratings") : record_status_label(r->kind, f));
	ui_put(2, 1, ui->cols - 2, buf);
	attrset(A_BOLD);
	snprintf(buf, sizeof buf, "%-5s %-10s %-10s %s", _("no."), _("date"), _("status"),
	    _("office"));
	ui_put(3, 0, ui->cols, buf);
	attrset(A_NORMAL);
	if (r->n == 0)
		ui_put(4, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &r->list, 4, ui->rows - 6);
	ui_keybar(ui, may_new(ui, r) ? r->kind == 0 ? keys_order : keys_complaint : keys);
}

static int
records_key(struct ui *ui, void *state, struct ui_key k)
{
	struct records *r = state;

	if (!k.fkey && k.ch == L'n' && may_new(ui, r)) {
		ui_push(ui, &screen_record_new, kinds[r->kind]);
		return UI_HANDLED | UI_REDRAW;
	}

	if (((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) &&
	    r->n > 0) {
		char arg[64];

		snprintf(arg, sizeof arg, "%s:%.20s", kinds[r->kind], r->rows[r->list.sel].v[0]);
		ui_push(ui, &screen_record, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'f' && !r->late) {
		r->filter = (r->filter + 1) % nfilters[r->kind];
		r->list.sel = 0;
		load(ui, r);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&r->list, k, ui->rows - 6);
}

static void
records_leave(struct ui *ui, void *state)
{
	struct records *r = state;

	(void)ui;
	free(r->rows);
	free(r);
}

const struct screen screen_records = {
	.name = "records",
	.enter = records_enter,
	.draw = records_draw,
	.key = records_key,
	.leave = records_leave,
};

/* One record ----------------------------------------------------------------- */

struct record {
	int kind;
	long long id;
	struct record_row row;
	struct sb history;
	char verbs[6][16];
	int nverbs, verb, focus;	/* focus: 0 the step, 1 the note */
	struct ui_field note;
	int top;
};

static int
one_row(void *arg, int n, const char *const *v)
{
	struct record *d = arg;

	if (d->row.n == 0 && atoll(v[0] ? v[0] : "0") == d->id)
		add_row(&(struct records){ .rows = &d->row, .n = 0 }, n, v);
	return 0;
}

static int
history(void *arg, const struct event *e)
{
	struct record *d = arg;

	sb_addf(&d->history, "%.16s  %s  %s  %s\n", e->at, step_label(e->action), e->actor,
	    e->note);
	return 0;
}

static int
record_load(struct ui *ui, struct record *d)
{
	char subject[48], *cause = NULL;
	const char *p;
	int rc;

	d->row.n = 0;
	rc = record_list(ui->s, d->kind, NULL, 0, one_row, d, &cause);
	free(cause);
	if (rc != 0 || d->row.n == 0)
		return -1;
	sb_reset(&d->history);
	snprintf(subject, sizeof subject, "%s:%lld", subjects[d->kind], d->id);
	store_event_each_of_subject(ui->s->st, subject, history, d);
	d->nverbs = 0;
	for (p = record_verbs(d->kind); *p && d->nverbs < 6; ) {
		size_t n = strcspn(p, ", ");

		snprintf(d->verbs[d->nverbs++], sizeof d->verbs[0], "%.*s", (int)n, p);
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

static void *
record_enter(struct ui *ui, const void *arg)
{
	struct record *d = xcalloc(1, sizeof *d);
	const char *colon = strchr(arg, ':');

	if (colon) {
		char k[16];

		snprintf(k, sizeof k, "%.*s", (int)(colon - (const char *)arg), (const char *)arg);
		d->kind = kind_of(k);
		d->id = atoll(colon + 1);
	}
	sb_init(&d->history);
	if (record_load(ui, d) != 0) {
		ui_message(ui, 1, "%s", _("no such record that you may see"));
		sb_release(&d->history);
		free(d);
		return NULL;
	}
	return d;
}

static void
record_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"←→", N_("step"), "Tab", N_("note"), "F2", N_("take the step"), "↑↓", N_("scroll"),
		"q", N_("back"), NULL
	};
	struct record *d = state;
	const char *const *lab = labels[d->kind];
	char buf[700];
	int y = 2, i, line = 0, bottom = ui->rows - 5;
	const char *h;

	snprintf(buf, sizeof buf, "tongban · %s · %lld", _(titles[d->kind]), d->id);
	ui_title(ui, buf);
	for (i = 0; i < d->row.n && lab[i] != NULL; i++) {
		if (i == 2 || i == 4 || !*d->row.v[i])
			continue;	/* the office's code and the area: its name says it */
		if (line++ < d->top || y > bottom)
			continue;
		snprintf(buf, sizeof buf, "%s", i == status_col[d->kind] ?
		    record_status_label(d->kind, d->row.v[i]) : d->row.v[i]);
		attrset(A_BOLD);
		ui_put(y, 1, 14, _(lab[i]));
		attrset(A_NORMAL);
		y += ui_put_wrapped(y, 16, ui->cols - 17, bottom - y + 1, buf);
	}
	for (h = d->history.buf ? d->history.buf : ""; *h && y <= bottom; ) {
		const char *nl = strchr(h, '\n');
		char *l = nl ? xstrndup(h, (size_t)(nl - h)) : xstrdup(h);

		if (line++ >= d->top)
			ui_put(y++, 1, ui->cols - 2, l);
		free(l);
		h = nl ? nl + 1 : h + strlen(h);
	}
	snprintf(buf, sizeof buf, "◀ %s ▶", step_label(d->verbs[d->verb]));
	attrset(d->focus == 0 ? A_REVERSE : A_NORMAL);
	ui_put(ui->rows - 4, 1, 30, buf);
	attrset(A_NORMAL);
	ui_put(ui->rows - 3, 1, 8, _("note"));
	ui_keybar(ui, keys);
	ui_field_draw(ui, &d->note, ui->rows - 3, 10, ui->cols - 12, d->focus == 1);
}

static int
record_key(struct ui *ui, void *state, struct ui_key k)
{
	struct record *d = state;

	if ((k.fkey && k.ch == KEY_F(2)) ||
	    (d->focus == 1 && !k.fkey && (k.ch == L'\r' || k.ch == L'\n'))) {
		char *note = ui_field_text(&d->note), *cause = NULL;
		const char *to = NULL;
		int rc = record_step(ui->s, d->kind, d->id, d->verbs[d->verb], *note ? note : NULL,
		    &to, &cause);

		free(note);
		if (rc != EXIT_OK) {
			ui_message(ui, 1, "%s", cause ? cause : "?");
			free(cause);
			return UI_HANDLED | UI_REDRAW;
		}
		ui->generation++;
		d->note.len = d->note.cur = 0;
		record_load(ui, d);
		ui_message(ui, 0, _("%s: done, now %s"), step_label(d->verbs[d->verb]),
		    record_status_label(d->kind, to ? to : ""));
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'\t') {
		d->focus = !d->focus;
		return UI_HANDLED | UI_REDRAW;
	}
	if (d->focus == 0 && k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		d->verb = (d->verb + (k.ch == KEY_RIGHT ? 1 : d->nverbs - 1)) % d->nverbs;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_DOWN) {
		d->top++;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_UP && d->top > 0) {
		d->top--;
		return UI_HANDLED | UI_REDRAW;
	}
	if (d->focus == 1)
		return ui_field_key(&d->note, k);
	return UI_IGNORED;
}

static int
record_typing(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct record *)state)->focus == 1;
}

static void
record_leave(struct ui *ui, void *state)
{
	struct record *d = state;

	(void)ui;
	sb_release(&d->history);
	free(d);
}

const struct screen screen_record = {
	.name = "record",
	.enter = record_enter,
	.draw = record_draw,
	.key = record_key,
	.leave = record_leave,
	.typing = record_typing,
};
