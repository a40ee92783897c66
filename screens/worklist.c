/*
 * The worklist (待办): the cases that need the user's office, most urgent
 * first, with their light and working days left. Enter opens a case, a acts
 * on it at once.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "caselist.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

struct worklist {
	struct caselist list;
	long total;		/* the whole list's length, counted */
	int generation;
};

static void
load(struct ui *ui, struct worklist *w)
{
	const char *office = NULL, *hall = NULL;
	char today[11];
	long n[4];

	access_worklist(&ui->s->user, &office, &hall);
	if (w->list.ui == NULL)
		caselist_load_worklist(ui, &w->list, office, hall);
	else
		caselist_reload(&w->list);
	clock_format_date(session_today(ui->s), today);
	w->total = w->list.n;
	if (store_worklist_lights(ui->s->st, office, hall, today, 1, n) == 0)
		w->total = n[1] + n[2] + n[3];
	w->generation = ui->generation;
}

static void *
worklist_enter(struct ui *ui, const void *arg)
{
	struct worklist *w;

	(void)arg;
	if (!access_has(&ui->s->user, RIGHT_CASE_WORK)) {
		ui_message(ui, 1, "%s", _("worklists are for clerks and approvers"));
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	load(ui, w);
	return w;
}

static void
worklist_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "a", N_("act"), "/", N_("find case"), "q", N_("back"), NULL
	};
	struct worklist *w = state;
	char buf[256];
	int y = 2;

	if (w->generation != ui->generation)
		load(ui, w);
	snprintf(buf, sizeof buf, "%s · %s", _("tongban · worklist"),
	    ui->office_name ? ui->office_name : ui->s->user.region);
	ui_title(ui, buf);
	snprintf(buf, sizeof buf, _("%ld cases need your office, most urgent first"), w->total);
	ui_put(y++, 1, ui->cols - 2, buf);
	caselist_header(ui, y++);
	if (w->list.n == 0)
		ui_put(y, 1, ui->cols - 2, _("(nothing to do)"));
	else
		ui_list_draw(ui, &w->list.list, y, ui->rows - 2 - y);
	ui_keybar(ui, keys);
}

static int
worklist_key(struct ui *ui, void *state, struct ui_key k)
{
	struct worklist *w = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER))
		return caselist_open(ui, &w->list);
	if (!k.fkey && k.ch == L'a' && w->list.n > 0) {
		ui_push(ui, &screen_act, w->list.cases[w->list.list.sel].no);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&w->list.list, k, ui->rows - 6);
}

static void
worklist_leave(struct ui *ui, void *state)
{
	struct worklist *w = state;

	(void)ui;
	caselist_release(&w->list);
	free(w);
}

const struct screen screen_worklist = {
	.name = "worklist",
	.enter = worklist_enter,
	.draw = worklist_draw,
	.key = worklist_key,
	.leave = worklist_leave,
};
