/*
 * Case rows: number, item, applicant, status, light, due date. The item
 * column takes whatever width is left, so 80 columns show every column.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "case.h"
#include "caselist.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

/* Column widths in cells, each including one space of separation. */
#define W_NO 23
#define W_NAME 9
/* Wide terminals: the applicant's column takes half the room beyond 80
 * columns (an organisation's name is long: 13 characters at 120 columns),
 * up to 31; the item's column takes the rest. */
static int
name_width(int cols)
{
	int w = W_NAME + (cols > 80 ? (cols - 80) / 2 : 0);

	return w > 31 ? 31 : w;
}
#define W_DUE 10
/* Below this width a row shows the number, the light's mark and the applicant. */
#define NARROW 64

/* Status and light columns fit the longest label of the user's language. */
static int status_w, light_w;

static void
measure(void)
{
	int i, w;

	if (status_w)
		return;
	for (i = 0; tcase_statuses[i] != NULL; i++) {
		w = utf8_width(tcase_status_label(tcase_statuses[i])) + 1;
		if (w > status_w)
			status_w = w;
	}
	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++) {
		w = utf8_width(tcase_light_label((enum light)i)) + 3;
		if (w > light_w)
			light_w = w;
	}
}

static int
add_case(void *arg, const struct tcase *c)
{
	struct caselist *cl = arg;
	struct tcase *d;

	if (cl->n == cl->cap) {
		cl->cap = cl->cap ? cl->cap * 2 : 32;
		cl->cases = xreallocarray(cl->cases, (size_t)cl->cap, sizeof *cl->cases);
	}
	d = &cl->cases[cl->n++];
	/* Take ownership: the store releases its copy after the callback. */
	*d = *c;
	memset((struct tcase *)c, 0, sizeof *c);
	return 0;
}

static int
item_width(int cols)
{
	int w;

	measure();
	w = cols - W_NO - name_width(cols) - status_w - light_w - W_DUE - 1;

	return w < 4 ? 4 : w;
}

static void
narrow_row(struct ui *ui, struct caselist *cl, struct tcase *c, int y, int w, int selected)
{
	static const char *const marks[] = { " ", "○", "◐", "●" };
	int x = W_NO;
	enum light l = c->open ? tcase_light(c, session_today(ui->s)) : LIGHT_NONE;

	ui_put(y, 0, W_NO - 1, c->no);
	if (cl->marked && cl->marked(cl->marked_arg, c))
		ui_put(y, W_NO - 1, 1, "*");
	/* The symbol in its colour, on the highlighted row too. */
	attrset(ui_attr_light(ui, l));
	ui_put(y, x, 1, marks[l]);
	attrset(selected ? A_REVERSE : A_NORMAL);
	x += 2;
	/* Who it is for, then where it stands (room kept for it); Enter opens
	 * the rest. */
	{
		const char *st = c->open ? tcase_status_label(c->status) : case_verdict(c);
		int sw = utf8_width(st), nw = w - x - 1 - sw;

		if (nw < 4)
			nw = 4;
		x += ui_put(y, x, nw, c->applicant_name) + 1;
		if (x < w - 1)
			ui_put(y, x, w - x, st);
	}
	attrset(A_NORMAL);
}

static void
row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct caselist *cl = arg;
	struct tcase *c = &cl->cases[i];
	int x = 0, iw = item_width(w);
	int en = strcmp(i18n_lang(), "en") == 0;

	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	if (w < NARROW) {
		narrow_row(ui, cl, c, y, w, selected);
		return;
	}
	ui_put(y, x, W_NO - 1, c->no);
	if (cl->marked && cl->marked(cl->marked_arg, c))
		ui_put(y, x + W_NO - 1, 1, "*");
	x += W_NO;
	ui_put(y, x, iw - 1, en && *c->item_name_en ? c->item_name_en : c->item_name);
	x += iw;
	ui_put(y, x, name_width(w) - 1, c->applicant_name);
	x += name_width(w);
	ui_put(y, x, status_w - 1, tcase_status_label(c->status));
	x += status_w;
	if (!c->open)	/* a closed case: on time or late, when a clock ran to its end */
		ui_put(y, x, light_w - 1, case_verdict(c));
	else if (!selected)
		ui_light(ui, y, x, tcase_light(c, session_today(ui->s)));
	else {
		char lt[64];

		ui_light_text(tcase_light(c, session_today(ui->s)), lt);
		ui_put(y, x, light_w - 1, lt);
	}
	x += light_w;
	attrset(selected ? A_REVERSE : A_NORMAL);
	ui_put(y, x, W_DUE, c->open ? c->due : c->finished);
	attrset(A_NORMAL);
}

void
caselist_header(struct ui *ui, int y)
{
	int x = 0, iw = item_width(ui->cols);

	attrset(A_BOLD | A_UNDERLINE);
	move(y, 0);
	hline(' ', ui->cols);
	ui_put(y, x, W_NO - 1, _("case no"));
	if (ui->cols < NARROW) {
		x = W_NO + 2;
		x += ui_put(y, x, ui->cols - x - 1, _("applicant")) + 1;
		ui_put(y, x, ui->cols - x - 1, _("status"));
		attrset(A_NORMAL);
		return;
	}
	x += W_NO;
	ui_put(y, x, iw - 1, _("item"));
	x += iw;
	ui_put(y, x, name_width(ui->cols) - 1, _("applicant"));
	x += name_width(ui->cols);
	ui_put(y, x, status_w - 1, _("status"));
	x += status_w;
	ui_put(y, x, light_w - 1, _("light"));
	x += light_w;
	ui_put(y, x, W_DUE, _("due"));
	attrset(A_NORMAL);
}

/* Drop the rows, keep what was loaded. */
static void
drop_rows(struct caselist *cl)
{
	int i;

	for (i = 0; i < cl->n; i++)
		tcase_release(&cl->cases[i]);
	free(cl->cases);
	cl->cases = NULL;
	cl->n = cl->cap = 0;
	cl->list.n = 0;
}

static void
forget(struct caselist *cl)
{
	size_t i;

	for (i = 0; i < sizeof cl->strs / sizeof cl->strs[0]; i++) {
		free(cl->strs[i]);
		cl->strs[i] = NULL;
	}
	free(cl->office);
	free(cl->hall);
	cl->office = cl->hall = NULL;
	memset(&cl->f, 0, sizeof cl->f);
}

void
caselist_release(struct caselist *cl)
{
	drop_rows(cl);
	forget(cl);
}

/* Keep copies of f's strings in cl. */
static void
keep_filter(struct caselist *cl, const struct case_filter *f)
{
	const char **fields[] = {
		&cl->f.no, &cl->f.applicant, &cl->f.name, &cl->f.phone, &cl->f.status, &cl->f.item,
		&cl->f.region, &cl->f.office, &cl->f.from, &cl->f.to, &cl->f.anomaly, &cl->f.forecast,
		&cl->f.area, &cl->f.finished_from, &cl->f.finished_to, &cl->f.anomaly_from,
		&cl->f.anomaly_to, &cl->f.step_late,
	};
	size_t i;

	cl->f = *f;
	cl->f.today = NULL;
	cl->f.after = NULL;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (*fields[i] != NULL)
			*fields[i] = cl->strs[i] = xstrdup(*fields[i]);
}

/* Read limit rows after the last row read (or from the start). */
static int
fetch(struct caselist *cl, long limit)
{
	struct ui *ui = cl->ui;
	struct case_filter f = cl->f;
	struct scope s;
	char today[11], *cause = NULL;
	int before = cl->n, rc;

	clock_format_date(session_today(ui->s), today);
	if (cl->worklist == 2 || cl->worklist == 3)
		rc = store_worklist_given(ui->s->st, cl->office,
		    cl->worklist == 2 ? ui->s->user.login : NULL, today,
		    cl->n ? &cl->cases[cl->n - 1] : NULL, limit, add_case, cl);
	else if (cl->worklist)
		rc = store_worklist(ui->s->st, cl->office, cl->hall, today,
		    cl->n ? &cl->cases[cl->n - 1] : NULL, limit, add_case, cl);
	else {
		f.today = today;
		f.limit = limit;
		f.after = cl->n ? &cl->cases[cl->n - 1] : NULL;
		access_scope(&ui->s->user, &s);
		rc = store_case_find(ui->s->st, &f, &s, add_case, cl, &cause);
	}
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause ? cause : store_error(ui->s->st));
		free(cause);
	}
	cl->done = rc != 0 || limit <= 0 || cl->n - before < limit;
	cl->list.n = cl->n;
	return rc;
}

static void
more(void *arg)
{
	struct caselist *cl = arg;

	if (!cl->done)
		fetch(cl, cl->page);
}

static void
wire(struct ui *ui, struct caselist *cl)
{
	cl->ui = ui;
	cl->list.row = row;
	cl->list.arg = cl;
	cl->list.more = more;
}

int
caselist_reload(struct caselist *cl)
{
	long n = cl->n > cl->page ? cl->n : cl->page;
	int rc;

	drop_rows(cl);
	rc = fetch(cl, n);
	if (cl->list.sel >= cl->n)
		cl->list.sel = cl->n ? cl->n - 1 : 0;
	return rc;
}

int
caselist_load(struct ui *ui, struct caselist *cl, struct case_filter *f)
{
	int rc;

	caselist_release(cl);
	keep_filter(cl, f);
	cl->worklist = 0;
	cl->page = f->limit;
	wire(ui, cl);
	rc = fetch(cl, cl->page);
	cl->list.sel = 0;
	cl->list.top = 0;
	return rc;
}

int
caselist_load_worklist(struct ui *ui, struct caselist *cl, const char *office,
    const char *hall)
{
	return caselist_load_view(ui, cl, office, hall, 1);
}

int
caselist_load_view(struct ui *ui, struct caselist *cl, const char *office,
    const char *hall, int view)
{
	caselist_release(cl);
	cl->worklist = view;
	cl->office = office ? xstrdup(office) : NULL;
	cl->hall = hall ? xstrdup(hall) : NULL;
	cl->page = 100;
	wire(ui, cl);
	return caselist_reload(cl);
}

int
caselist_open(struct ui *ui, struct caselist *cl)
{
	if (cl->n == 0)
		return UI_HANDLED;
	ui_push(ui, &screen_detail, cl->cases[cl->list.sel].no);
	return UI_HANDLED | UI_REDRAW;
}
