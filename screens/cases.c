/*
 * A drill-down list: the cases behind a figure of the dashboard, most urgent
 * first. Enter opens one.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caselist.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

struct cases {
	struct cases_arg a;
	struct caselist list;
	int generation;
};

static void
load(struct ui *ui, struct cases *c)
{
	struct case_filter f;

	memset(&f, 0, sizeof f);
	f.region = c->a.region[0] ? c->a.region : NULL;
	f.office = c->a.office[0] ? c->a.office : NULL;
	f.item = c->a.item[0] ? c->a.item : NULL;
	f.status = c->a.status[0] ? c->a.status : NULL;
	f.anomaly = c->a.anomaly[0] ? c->a.anomaly : NULL;
	f.light = c->a.light;
	f.open_only = c->a.open_only;
	f.pledge_overdue = c->a.pledge_overdue;
	f.suspend_overdue = c->a.suspend_overdue;
	f.by_due = 1;
	f.limit = 1000;
	caselist_load(ui, &c->list, &f);
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
	ui_title(ui, c->a.title);
	snprintf(buf, sizeof buf, _("%d cases, most urgent first"), c->list.n);
	ui_put(2, 1, ui->cols - 2, buf);
	caselist_header(ui, 3);
	ui_list_draw(ui, &c->list.list, 4, ui->rows - 6);
	ui_keybar(ui, keys);
}

static int
cases_key(struct ui *ui, void *state, struct ui_key k)
{
	struct cases *c = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return caselist_open(ui, &c->list);
	return ui_list_key(&c->list.list, k, ui->rows - 6);
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
