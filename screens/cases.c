/*
 * A drill-down list: the cases behind a figure of the dashboard, most urgent
 * first. Enter opens one.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "case.h"
#include "caselist.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

struct cases {
	struct cases_arg a;
	struct caselist list;
	long total;		/* the whole list's length, whatever is read yet */
	long on_time, late;	/* of completed cases: as the on-time rate counts them */
	char args[512];		/* the same list as `case find` options */
	int generation;
};

static void
load(struct ui *ui, struct cases *c)
{
	struct case_filter f;
	struct scope sc;
	char today[11];
	int day = session_today(ui->s);

	case_query_filter(&c->a.q, ui->s->cal, day, &f);
	clock_format_date(day, today);
	f.today = today;
	access_scope(&ui->s->user, &sc);
	if (store_case_count(ui->s->st, &f, &sc, 0, &c->total, NULL) != 0)
		c->total = -1;
	c->on_time = c->late = -1;
	if (c->a.q.finished_from[0] && !c->a.q.on_time) {
		f.on_time = 1;
		if (store_case_count(ui->s->st, &f, &sc, 0, &c->on_time, NULL) != 0)
			c->on_time = -1;
		f.on_time = 2;
		if (store_case_count(ui->s->st, &f, &sc, 0, &c->late, NULL) != 0)
			c->late = -1;
		f.on_time = 0;
	}
	f.limit = 200;		/* a page; more as the selection moves down */
	caselist_load(ui, &c->list, &f);
	case_query_args(&c->a.q, c->args, sizeof c->args);
	c->generation = ui->generation;
}

static void *
cases_enter(struct ui *ui, const void *arg)
{
	struct cases *c = xcalloc(1, sizeof *c);

	c->a = *(const struct cases_arg *)arg;
	load(ui, c);
	return c;
}

/* The list's rows: all but the title, count, header, key bar and, when
 * there is room, the equivalent command's two lines. */
static int
list_rows(struct ui *ui)
{
	return ui->rows >= 20 ? ui->rows - 8 : ui->rows - 6;
}

static void
cases_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "/", N_("find case"), "q", N_("back"), NULL
	};
	struct cases *c = state;
	char buf[256];

	if (c->generation != ui->generation)
		load(ui, c);
	ui_title(ui, c->a.q.title);
	snprintf(buf, sizeof buf, c->a.q.newest ? _("cases: %ld · newest first") :
	    _("cases: %ld · most urgent first"), c->total >= 0 ? c->total : (long)c->list.n);
	if (c->on_time >= 0 && c->late >= 0) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, _(" · on time %ld · late %ld"), c->on_time,
		    c->late);
	}
	ui_put(2, 1, ui->cols - 2, buf);
	caselist_header(ui, 3);
	ui_list_draw(ui, &c->list.list, 4, list_rows(ui));
	if (ui->rows >= 20) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "case find %s", c->args);
		ui_equivalent(ui, ui->rows - 3, cmd);
	}
	ui_keybar(ui, keys);
}

static int
cases_key(struct ui *ui, void *state, struct ui_key k)
{
	struct cases *c = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return caselist_open(ui, &c->list);
	return ui_list_key(&c->list.list, k, list_rows(ui));
}

static void
cases_leave(struct ui *ui, void *state)
{
	struct cases *c = state;

	(void)ui;
	caselist_release(&c->list);
	free(c);
}

const struct screen screen_cases = {
	.name = "cases",
	.enter = cases_enter,
	.draw = cases_draw,
	.key = cases_key,
	.leave = cases_leave,
};
