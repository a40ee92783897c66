/*
 * The reports on the console (README "Reports"): a table of the offices'
 * figures for a kind of report (1-5), a period (the last complete one by
 * default, < and > step) and a region (r chooses it within the user's
 * scope), with a totals row. Every row is selectable: Enter lists its
 * figures, and Enter on a figure lists exactly the cases it counts. x shows
 * the command that exports what is shown, P prints the table through the
 * terminal's print controller (ESC [5i ... ESC [4i).
 *
 * The office name stays on the left; the figure columns that do not fit
 * scroll with ← and →, in the order of the columns below.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "caselist.h"
#include "i18n.h"
#include "report.h"
#include "ui.h"
#include "util.h"

/* The columns after the office's name: the figures, then the rate, the
 * score and the band. */
enum { C_FIG0 = 0, C_RATE = FIG_COUNT, C_SCORE, C_BAND, C_COUNT };

/* The order they are shown in (and scroll off the right edge in). */
static const int order[C_COUNT] = {
	FIG_RECEIVED, FIG_FINISHED, FIG_ON_TIME, FIG_LATE, C_RATE, FIG_OPEN_RED, C_SCORE, C_BAND,
	FIG_OPEN_ORDERS, FIG_ORDERS_LATE, FIG_RECTIFY_LATE, FIG_COMPLAINTS_LATE
};

struct reports {
	enum report_kind kind;
	struct report_period p;
	char region[16];	/* the region code chosen; "" the user's whole scope */
	char region_name[192];
	char prefix[16];	/* its prefix (report_region) */
	struct office_score *v;
	struct office_score total;
	int n;
	int sel, top;		/* sel == n: the totals row */
	int col0;		/* the first figure column shown */
	int export;		/* the export line is shown */
	int generation;
	int loaded;
};

static const char *
col_label(int pos)
{
	int c = order[pos];

	if (c < FIG_COUNT)
		return report_figure_label((enum report_figure)c);
	if (c == C_RATE)
		return _("on-time %");
	if (c == C_SCORE)
		return _("score");
	return _("band");
}

/* The text of column c of o (total: the totals row, not graded). */
static void
cell(const struct office_score *o, int total, int pos, char buf[64])
{
	int c = order[pos];

	if (c < FIG_COUNT)
		snprintf(buf, 64, "%ld", report_figure(o, (enum report_figure)c));
	else if (c == C_RATE)
		report_rate_text(o->on_time, o->finished, buf);
	else if (c == C_SCORE && total)
		buf[0] = '\0';		/* the totals are not graded */
	else if (c == C_SCORE && !o->graded)
		snprintf(buf, 64, "%s", REPORT_NONE);
	else if (c == C_SCORE)
		snprintf(buf, 64, "%ld.%ld", o->tenths / 10, o->tenths % 10);
	else
		snprintf(buf, 64, "%s", total || !o->graded ? "" : report_band_label(o->tenths));
}

static int
col_width(int c)
{
	int w = utf8_width(col_label(c));

	if (order[c] == C_BAND)
		w = w > 16 ? w : 16;
	return (w > 6 ? w : 6) + 2;
}

/* The office name's column: 12 cells on a narrow window, wider on a wide one. */
static int
name_width(int cols)
{
	if (cols < 60)
		return 12;
	if (cols <= 80)
		return 22;
	return cols / 3 > 44 ? 44 : cols / 3;
}

static void
load(struct ui *ui, struct reports *r)
{
	char *cause = NULL;
	int rc;

	free(r->v);
	r->v = NULL;
	r->n = 0;
	r->loaded = 0;
	r->generation = ui->generation;
	if ((rc = report_region(ui->s, r->region[0] ? r->region : NULL, r->prefix, &cause)) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		return;
	}
	{
		char hi[24];
		/* A report reads the standby when one is named (--read-db). */
		struct store *rs = session_read_store(ui->s);

		snprintf(hi, sizeof hi, "%s:", r->prefix);
		if (report_offices(rs, r->prefix, hi, r->p.from, r->p.to, session_today(ui->s),
		    &r->v, &r->n) != 0) {
			ui_message(ui, 1, "%s", store_error(rs));
			return;
		}
	}
	report_sort(r->v, r->n, r->kind == REPORT_QUARTERLY || r->kind == REPORT_ANNUAL);
	report_total(r->v, r->n, &r->total);
	if (r->sel > r->n)
		r->sel = r->n;
	r->loaded = 1;
}

static void
scope_name(struct ui *ui, struct reports *r)
{
	struct region reg;
	char code[16];

	if (r->region[0])
		snprintf(code, sizeof code, "%s", r->region);
	else if (ui->s->user.region && strlen(r->prefix) > 2)
		snprintf(code, sizeof code, "%s", ui->s->user.region);
	else
		snprintf(code, sizeof code, "500000");	/* the city */
	if (store_region_get(ui->s->st, code, &reg) == 0) {
		utf8_copy(r->region_name, sizeof r->region_name, reg.name);
		region_release(&reg);
	} else
		snprintf(r->region_name, sizeof r->region_name, "%s", code);
}

static void *
reports_enter(struct ui *ui, const void *arg)
{
	struct reports *r = xcalloc(1, sizeof *r);

	(void)arg;
	r->kind = REPORT_WEEKLY;
	report_default(r->kind, session_today(ui->s), &r->p);
	load(ui, r);
	scope_name(ui, r);
	return r;
}

static void
period_text(const struct reports *r, char buf[40])
{
	char f[11], t[11];

	clock_format_date(r->p.from, f);
	clock_format_date(r->p.to, t);
	if (r->p.from == r->p.to)
		snprintf(buf, 40, "%s", f);
	else
		snprintf(buf, 40, "%s – %s", f, t);
}

/* One row at y: the name, then the columns from col0 that fit. */
static void
draw_row(struct ui *ui, struct reports *r, int y, const struct office_score *o, int total,
    int selected)
{
	int nw = name_width(ui->cols), x, c;
	char buf[64];

	move(y, 0);
	clrtoeol();
	if (selected)
		attrset(A_REVERSE);
	else if (total)
		attrset(A_BOLD);
	ui_put_pad(y, 0, ui->cols, "");
	ui_put(y, 1, nw - 1, total ? _("total") : o->name);
	for (x = nw, c = r->col0; c < C_COUNT; c++) {
		int w = col_width(c);

		if (x + w > ui->cols)
			break;
		cell(o, total, c, buf);
		ui_put(y, x + w - 1 - utf8_width(buf) > x ? x + w - 1 - utf8_width(buf) : x, w - 1,
		    buf);
		x += w;
	}
	attrset(A_NORMAL);
}

/* The columns shown from col0 at this width: their number. */
static int
shown(struct ui *ui, const struct reports *r)
{
	int x = name_width(ui->cols), c;

	for (c = r->col0; c < C_COUNT && x + col_width(c) <= ui->cols; c++)
		x += col_width(c);
	return c - r->col0;
}

static void
draw_header(struct ui *ui, struct reports *r, int y)
{
	int nw = name_width(ui->cols), x, c, n = shown(ui, r);

	move(y, 0);
	clrtoeol();
	attrset(A_BOLD);
	ui_put(y, 1, nw - 2, _("office"));
	for (x = nw, c = r->col0; c < r->col0 + n; c++) {
		int w = col_width(c), lw = utf8_width(col_label(c));

		ui_put(y, x + w - 1 - lw > x ? x + w - 1 - lw : x, w - 1, col_label(c));
		x += w;
	}
	attrset(A_NORMAL);
	/* More columns on either side: ASCII marks, one cell in every encoding. */
	if (r->col0 > 0)
		mvaddstr(y, nw - 1, "<");
	if (r->col0 + n < C_COUNT)
		mvaddstr(y, ui->cols - 1, ">");
}

/* The command that exports what is shown. */
static void
export_command(const struct reports *r, struct sb *sb)
{
	char f[11];

	clock_format_date(r->p.from, f);
	/* The daily scan's office table is report daily --offices. */
	sb_addf(sb, "report %s --date %s%s", report_kind_name(r->kind), f,
	    r->kind == REPORT_DAILY ? " --offices" : "");
	if (r->region[0])
		sb_addf(sb, " --region %s", r->region);
	/* The headers in the user's language, as on screen. */
	sb_addf(sb, " --format csv --header %s > %s.csv", i18n_lang(), report_kind_name(r->kind));
}

static void
reports_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("figures"), "1-5", N_("kind"), "<>", N_("period"), "r", N_("region"),
		"←→", N_("columns"), "x", N_("export"), "P", N_("print"), "q", N_("back"), NULL
	};
	struct reports *r = state;
	char title[320], per[40];
	int h, i, y;

	if (r->generation != ui->generation)
		load(ui, r);
	period_text(r, per);
	snprintf(title, sizeof title, "%s · %s · %s", report_kind_label(r->kind), r->region_name,
	    per);
	ui_title(ui, title);
	snprintf(title, sizeof title, _("%d offices · %s"), r->n, per);
	move(1, 0);
	clrtoeol();
	ui_put(1, 1, ui->cols - 2, title);
	draw_header(ui, r, 2);
	/* Rows 3 .. rows-4, the totals on rows-3. */
	h = ui->rows - 6;
	if (h < 1)
		h = 1;
	if (r->sel < r->n) {
		if (r->sel < r->top)
			r->top = r->sel;
		if (r->sel >= r->top + h)
			r->top = r->sel - h + 1;
	}
	for (i = 0, y = 3; i < h; i++, y++) {
		move(y, 0);
		clrtoeol();
		if (r->top + i < r->n)
			draw_row(ui, r, y, &r->v[r->top + i], 0, r->top + i == r->sel);
	}
	if (r->n == 0 && r->loaded)
		ui_put(3, 1, ui->cols - 2, _("(no office had cases in this period)"));
	draw_row(ui, r, ui->rows - 3, &r->total, 1, r->sel == r->n);
	if (r->export) {
		struct sb cmd = SB_INIT;

		export_command(r, &cmd);
		ui_equivalent(ui, ui->rows - 3, cmd.buf);
		sb_release(&cmd);
	}
	ui_keybar(ui, keys);
}

/* The table as printed: every column, padded by display width. */
static void
pad(struct sb *sb, const char *s, int w, int right)
{
	int n = w - utf8_width(s);

	if (right)
		for (; n > 0; n--)
			sb_adds(sb, " ");
	sb_adds(sb, s);
	if (!right)
		for (; n > 0; n--)
			sb_adds(sb, " ");
}

static void
print_row(struct sb *sb, const struct office_score *o, int total)
{
	char buf[64];
	int c;

	pad(sb, total ? _("total") : o->name, 28, 0);
	for (c = 0; c < C_COUNT; c++) {
		cell(o, total, c, buf);
		pad(sb, buf, col_width(c), 1);
	}
	sb_adds(sb, "\n");
}

static void
print(struct ui *ui, struct reports *r)
{
	struct sb t = SB_INIT;
	char per[40];
	int i, c;

	period_text(r, per);
	sb_addf(&t, "%s · %s · %s\n\n", report_kind_label(r->kind), r->region_name, per);
	pad(&t, _("office"), 28, 0);
	for (c = 0; c < C_COUNT; c++)
		pad(&t, col_label(c), col_width(c), 1);
	sb_adds(&t, "\n");
	for (i = 0; i < r->n; i++)
		print_row(&t, &r->v[i], 0);
	print_row(&t, &r->total, 1);
	ui_print(ui, t.buf);
	sb_release(&t);
	ui_message(ui, 0, "%s", _("the report was sent to the printer of your terminal"));
}

/* The cases a case figure counts (report_drill_filter) ----------------------- */

struct drill_arg {
	struct report_drill d;
	char title[256];
};

struct drill {
	struct drill_arg a;
	struct caselist list;
	int generation;
};

static void
drill_load(struct ui *ui, struct drill *c)
{
	struct case_filter f;

	report_drill_filter(&c->a.d, &f);
	f.by_due = 1;
	/* All of them: the count above the list is the figure. */
	f.limit = 100000;
	caselist_load(ui, &c->list, &f);
	c->generation = ui->generation;
}

static void *
drill_enter(struct ui *ui, const void *arg)
{
	struct drill *c = xcalloc(1, sizeof *c);

	c->a = *(const struct drill_arg *)arg;
	drill_load(ui, c);
	return c;
}

static void
drill_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "/", N_("find case"), "q", N_("back"), NULL
	};
	struct drill *c = state;
	char buf[256];

	if (c->generation != ui->generation)
		drill_load(ui, c);
	ui_title(ui, c->a.title);
	snprintf(buf, sizeof buf, _("%d cases, most urgent first"), c->list.n);
	move(2, 0);
	clrtoeol();
	ui_put(2, 1, ui->cols - 2, buf);
	caselist_header(ui, 3);
	ui_list_draw(ui, &c->list.list, 4, ui->rows - 6);
	ui_keybar(ui, keys);
}

static int
drill_key(struct ui *ui, void *state, struct ui_key k)
{
	struct drill *c = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return caselist_open(ui, &c->list);
	return ui_list_key(&c->list.list, k, ui->rows - 6);
}

static void
drill_leave(struct ui *ui, void *state)
{
	struct drill *c = state;

	(void)ui;
	caselist_release(&c->list);
	free(c);
}

static const struct screen screen_drill = {
	.name = "report cases",
	.enter = drill_enter,
	.draw = drill_draw,
	.key = drill_key,
	.leave = drill_leave,
};

/* The records a records figure counts (report_records) -------------------- */

struct late_arg {
	struct report_drill d;
	char title[256];
};

struct late_row {
	char kind[16];
	long long id;
	char case_no[32], office[200], due[11], done[11];
	int over;
};

struct lates {
	struct late_arg a;
	struct late_row *v;
	int n, cap;
	struct ui_list list;
};

static int
on_late(void *arg, const struct late_record *x, int days_over)
{
	struct lates *l = arg;
	struct late_row *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	r = &l->v[l->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->kind, sizeof r->kind, "%s", x->kind);
	r->id = x->id;
	snprintf(r->case_no, sizeof r->case_no, "%s", x->case_no ? x->case_no : "");
	utf8_copy(r->office, sizeof r->office, x->office_name ? x->office_name : x->office);
	snprintf(r->due, sizeof r->due, "%s", x->due ? x->due : "");
	snprintf(r->done, sizeof r->done, "%s", x->done ? x->done : "");
	r->over = days_over;
	return 0;
}

static void
late_list_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct lates *l = arg;
	const struct late_row *r = &l->v[i];
	char buf[128];

	(void)ui;
	if (selected)
		attrset(A_REVERSE);
	ui_put_pad(y, 0, w, "");
	/* TRANSLATORS: a record past its deadline: number, due date, working
	 * days over. */
	snprintf(buf, sizeof buf, _("%-6lld due %s  %3d days over"), r->id, r->due, r->over);
	ui_put(y, 1, w - 2, buf);
	if (w > 44)
		ui_put(y, 42, w - 43, r->office);
	attrset(A_NORMAL);
}

static void *
late_enter(struct ui *ui, const void *arg)
{
	struct lates *l = xcalloc(1, sizeof *l);
	char *cause = NULL;

	struct store *primary;
	int rc;

	l->a = *(const struct late_arg *)arg;
	primary = session_read_begin(ui->s);
	rc = report_records(ui->s, &l->a.d, on_late, l, &cause);
	session_read_end(ui->s, primary);
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
	}
	l->list.n = l->n;
	l->list.row = late_list_row;
	l->list.arg = l;
	return l;
}

static void
late_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = { "Enter", N_("open"), "q", N_("back"), NULL };
	struct lates *l = state;
	char buf[128];

	ui_title(ui, l->a.title);
	snprintf(buf, sizeof buf, l->a.d.fig == FIG_OPEN_ORDERS ? _("%d orders not closed") :
	    _("%d records past their deadline"), l->n);
	move(1, 0);
	clrtoeol();
	ui_put(1, 1, ui->cols - 2, buf);
	ui_list_draw(ui, &l->list, 2, ui->rows - 4);
	ui_keybar(ui, keys);
}

static int
late_key(struct ui *ui, void *state, struct ui_key k)
{
	struct lates *l = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		char arg[48];
		const struct late_row *r;

		if (l->n == 0)
			return UI_HANDLED;
		r = &l->v[l->list.sel];
		/* A rectification is its rating's. */
		snprintf(arg, sizeof arg, "%s:%lld", strcmp(r->kind, "rectification") == 0 ?
		    "rating" : r->kind, r->id);
		ui_push(ui, &screen_record, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&l->list, k, ui->rows - 4);
}

static void
late_leave(struct ui *ui, void *state)
{
	struct lates *l = state;

	(void)ui;
	free(l->v);
	free(l);
}

static const struct screen screen_late = {
	.name = "report records",
	.enter = late_enter,
	.draw = late_draw,
	.key = late_key,
	.leave = late_leave,
};

/* The figures of the selected row ------------------------------------------ */

struct figs_arg {
	struct report_drill d;
	struct office_score o;
	char title[256];
};

struct figs {
	struct figs_arg a;
	struct ui_list list;
};

static void
fig_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct figs *f = arg;
	char buf[32];
	int lw = w - 12 > 8 ? w - 12 : 8;

	(void)ui;
	if (selected)
		attrset(A_REVERSE);
	ui_put_pad(y, 0, w, "");
	ui_put(y, 2, lw, report_figure_label((enum report_figure)i));
	snprintf(buf, sizeof buf, "%8ld", report_figure(&f->a.o, (enum report_figure)i));
	ui_put(y, w - 10 > lw + 2 ? w - 10 : lw + 2, 9, buf);
	attrset(A_NORMAL);
}

static void *
figs_enter(struct ui *ui, const void *arg)
{
	struct figs *f = xcalloc(1, sizeof *f);

	(void)ui;
	f->a = *(const struct figs_arg *)arg;
	f->list.n = FIG_COUNT;
	f->list.row = fig_row;
	f->list.arg = f;
	return f;
}

static void
figs_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("list the cases"), "↑↓", N_("figure"), "q", N_("back"), NULL
	};
	struct figs *f = state;

	ui_title(ui, f->a.title);
	move(1, 0);
	clrtoeol();
	ui_put(1, 1, ui->cols - 2, _("the cases each figure counts:"));
	ui_list_draw(ui, &f->list, 2, ui->rows - 4);
	ui_keybar(ui, keys);
}

static int
figs_key(struct ui *ui, void *state, struct ui_key k)
{
	struct figs *f = state;
	struct drill_arg a;
	enum report_figure fig = (enum report_figure)f->list.sel;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		if (!report_figure_is_cases(fig)) {
			struct late_arg la;

			memset(&la, 0, sizeof la);
			la.d = f->a.d;
			la.d.fig = fig;
			{
				struct sb t = SB_INIT;

				sb_addf(&t, "%s · %s", report_figure_label(fig), f->a.title);
				utf8_copy(la.title, sizeof la.title, t.buf);
				sb_release(&t);
			}
			ui_push(ui, &screen_late, &la);
			return UI_HANDLED | UI_REDRAW;
		}
		memset(&a, 0, sizeof a);
		a.d = f->a.d;
		a.d.fig = fig;
		{
			struct sb t = SB_INIT;

			sb_addf(&t, "%s · %s", report_figure_label(fig), f->a.title);
			utf8_copy(a.title, sizeof a.title, t.buf);
			sb_release(&t);
		}
		ui_push(ui, &screen_drill, &a);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&f->list, k, ui->rows - 4);
}

static void
figs_leave(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

static const struct screen screen_figs = {
	.name = "report figures",
	.enter = figs_enter,
	.draw = figs_draw,
	.key = figs_key,
	.leave = figs_leave,
};

static int
open_figures(struct ui *ui, struct reports *r)
{
	struct figs_arg a;
	char per[40];

	if (!r->loaded)
		return UI_HANDLED;
	memset(&a, 0, sizeof a);
	snprintf(a.d.lo, sizeof a.d.lo, "%s", r->prefix);
	clock_format_date(r->p.from, a.d.from);
	clock_format_date(r->p.to, a.d.to);
	clock_format_date(session_today(ui->s), a.d.today);
	period_text(r, per);
	if (r->sel < r->n) {
		a.o = r->v[r->sel];
		snprintf(a.d.office, sizeof a.d.office, "%s", a.o.office);
		snprintf(a.title, sizeof a.title, "%s · %s", a.o.name, per);
	} else {
		a.o = r->total;
		snprintf(a.title, sizeof a.title, "%s · %s · %s", _("total"), r->region_name, per);
	}
	ui_push(ui, &screen_figs, &a);
	return UI_HANDLED | UI_REDRAW;
}

/* The region chooser ------------------------------------------------------- */

struct place {
	char code[16];
	char name[200];
	char search[200];	/* name, then code */
};

struct chooser {
	struct reports *r;	/* the reports screen below, alive while this is on top */
	char prefix[16];	/* the user's whole scope */
	struct place *v;
	int n, cap;
	int *match, nmatch;
	struct ui_field field;
	struct ui_list list;
	char (*parents)[200];
};

static int
add_place(void *arg, const struct region *reg)
{
	struct chooser *c = arg;
	struct place *p;
	int i;

	if (!access_in_subtree(c->prefix, reg->code) || strcmp(reg->code, "500000") == 0)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, (size_t)c->cap, sizeof *c->v);
	}
	p = &c->v[c->n++];
	snprintf(p->code, sizeof p->code, "%s", reg->code);
	/* A township with its district's name. */
	for (i = 0; i < c->n - 1 && strcmp(c->v[i].code, reg->parent ? reg->parent : "") != 0; i++)
		;
	if (i < c->n - 1) {
		struct sb t = SB_INIT;

		sb_addf(&t, "%s · %s", reg->name, c->v[i].name);
		utf8_copy(p->name, sizeof p->name, t.buf);
		sb_release(&t);
	} else
		utf8_copy(p->name, sizeof p->name, reg->name);
	return 0;
}

/* Initials match townships through the place lookup (pinyin initials). */
struct initials {
	struct chooser *c;
	char *hit;
};

static int
on_initials(void *arg, const char *code, const char *name, const char *level,
    const char *parent_name)
{
	struct initials *in = arg;
	int i;

	(void)name;
	(void)level;
	(void)parent_name;
	for (i = 0; i < in->c->n; i++)
		if (strcmp(in->c->v[i].code, code) == 0)
			in->hit[i] = 1;
	return 0;
}

static void
refilter(struct ui *ui, struct chooser *c)
{
	char *q = ui_field_text(&c->field);
	char *hit = xcalloc((size_t)(c->n ? c->n : 1), 1);
	int i;

	c->nmatch = 0;
	if (*q) {
		struct initials in = { c, hit };

		store_place_find(ui->s->st, q, c->prefix, 50, on_initials, &in);
	}
	for (i = 0; i < c->n; i++)
		if (i == 0 || !*q || hit[i] || strstr(c->v[i].name, q) != NULL ||
		    strncmp(c->v[i].code, q, strlen(q)) == 0)
			c->match[c->nmatch++] = i;
	c->list.n = c->nmatch;
	c->list.sel = c->nmatch > 1 && *q ? 1 : 0;
	c->list.top = 0;
	free(hit);
	free(q);
}

static void
place_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct chooser *c = arg;
	const struct place *p = &c->v[c->match[i]];

	(void)ui;
	if (selected)
		attrset(A_REVERSE);
	ui_put_pad(y, 0, w, "");
	ui_put(y, 2, w - 4, p->name);
	attrset(A_NORMAL);
}

static void *
chooser_enter(struct ui *ui, const void *arg)
{
	struct chooser *c = xcalloc(1, sizeof *c);
	struct place *p;

	c->r = (struct reports *)arg;
	access_supervised_prefix(&ui->s->user, c->prefix);
	/* First the whole scope, then its districts and townships. */
	c->cap = 256;
	c->v = xcalloc((size_t)c->cap, sizeof *c->v);
	p = &c->v[c->n++];
	p->code[0] = '\0';
	snprintf(p->name, sizeof p->name, "%s", _("(all of my region)"));
	store_region_each(ui->s->st, "district", add_place, c);
	store_region_each(ui->s->st, "township", add_place, c);
	c->match = xcalloc((size_t)c->n, sizeof *c->match);
	c->list.row = place_row;
	c->list.arg = c;
	refilter(ui, c);
	return c;
}

static void
chooser_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("choose"), "↑↓", N_("region"), "Esc", N_("back"), NULL
	};
	struct chooser *c = state;
	char buf[128];

	ui_title(ui, _("choose the region of the report"));
	move(1, 0);
	clrtoeol();
	ui_put(1, 1, ui->cols - 2, _("type a name, a code or pinyin initials:"));
	ui_field_draw(ui, &c->field, 2, 1, ui->cols - 2, 1);
	snprintf(buf, sizeof buf, _("%d regions"), c->nmatch);
	move(3, 0);
	clrtoeol();
	ui_put(3, 1, ui->cols - 2, buf);
	ui_list_draw(ui, &c->list, 4, ui->rows - 6);
	ui_keybar(ui, keys);
}

static int
chooser_key(struct ui *ui, void *state, struct ui_key k)
{
	struct chooser *c = state;
	int rc;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		const struct place *p;

		if (c->nmatch == 0)
			return UI_HANDLED;
		p = &c->v[c->match[c->list.sel]];
		snprintf(c->r->region, sizeof c->r->region, "%s", p->code);
		c->r->sel = c->r->top = 0;
		load(ui, c->r);
		scope_name(ui, c->r);
		return UI_BACK | UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == 27)
		return UI_BACK | UI_HANDLED | UI_REDRAW;
	if (k.fkey && (k.ch == KEY_UP || k.ch == KEY_DOWN || k.ch == KEY_NPAGE ||
	    k.ch == KEY_PPAGE))
		return ui_list_key(&c->list, k, ui->rows - 6);
	rc = ui_field_key(&c->field, k);
	if (rc & UI_HANDLED)
		refilter(ui, c);
	return rc;
}

static int
chooser_typing(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return 1;
}

static void
chooser_leave(struct ui *ui, void *state)
{
	struct chooser *c = state;

	(void)ui;
	free(c->v);
	free(c->match);
	free(c);
}

static const struct screen screen_region_chooser = {
	.name = "report region",
	.enter = chooser_enter,
	.draw = chooser_draw,
	.key = chooser_key,
	.leave = chooser_leave,
	.typing = chooser_typing,
};

/* Keys --------------------------------------------------------------------- */

static int
reports_key(struct ui *ui, void *state, struct ui_key k)
{
	struct reports *r = state;
	int h = ui->rows - 6;

	r->export = 0;
	if (!k.fkey && k.ch >= L'1' && k.ch <= L'5') {
		r->kind = (enum report_kind)(k.ch - L'1');
		report_default(r->kind, session_today(ui->s), &r->p);
		load(ui, r);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && (k.ch == L'<' || k.ch == L'>' || k.ch == L',' || k.ch == L'.')) {
		int dir = k.ch == L'<' || k.ch == L',' ? -1 : 1;

		if (report_step(r->kind, session_today(ui->s), dir, &r->p) != 0) {
			ui_message(ui, 0, "%s", _("this is the last complete period"));
			return UI_HANDLED | UI_REDRAW;
		}
		load(ui, r);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'r') {
		ui_push(ui, &screen_region_chooser, r);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'x') {
		r->export = 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'P') {
		print(ui, r);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return open_figures(ui, r);
	if (k.fkey && k.ch == KEY_LEFT) {
		if (r->col0 > 0)
			r->col0--;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_RIGHT) {
		if (r->col0 + shown(ui, r) < C_COUNT)
			r->col0++;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_DOWN) || (!k.fkey && k.ch == L'j'))
		r->sel = r->sel < r->n ? r->sel + 1 : r->n;
	else if ((k.fkey && k.ch == KEY_UP) || (!k.fkey && k.ch == L'k'))
		r->sel = r->sel > 0 ? r->sel - 1 : 0;
	else if (k.fkey && k.ch == KEY_NPAGE)
		r->sel = r->sel + h < r->n ? r->sel + h : r->n;
	else if (k.fkey && k.ch == KEY_PPAGE)
		r->sel = r->sel - h > 0 ? r->sel - h : 0;
	else if (k.fkey && k.ch == KEY_HOME)
		r->sel = 0;
	else if (k.fkey && k.ch == KEY_END)
		r->sel = r->n;
	else
		return UI_IGNORED;
	return UI_HANDLED | UI_REDRAW;
}

static void
reports_leave(struct ui *ui, void *state)
{
	struct reports *r = state;

	(void)ui;
	free(r->v);
	free(r);
}

const struct screen screen_reports = {
	.name = "reports",
	.enter = reports_enter,
	.draw = reports_draw,
	.key = reports_key,
	.leave = reports_leave,
};
