/*
 * The flowcharts ("1+8": one general, eight by sector): each with its total
 * limit against the time it replaced. Enter draws the selected one.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "project.h"
#include "project_screens.h"
#include "ui.h"
#include "util.h"

struct flowlist {
	struct flowchart *v;
	int n;
	struct ui_list list;
};

static const char *
fc_name(const struct flowchart *f)
{
	return strcmp(i18n_lang(), "en") == 0 && f->name_en && *f->name_en ? f->name_en : f->name;
}

static void
row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct flowlist *l = arg;
	const struct flowchart *f = &l->v[i];
	char buf[128];
	int narrow = w < 60, nw = narrow ? w - 2 : w - 26;

	(void)ui;
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	ui_put_pad(y, 1, nw - 1, fc_name(f));
	if (narrow)
		return;
	attrset(A_NORMAL);
	if (f->before && *f->before)
		snprintf(buf, sizeof buf, _("≤ %d days (was %s)"), f->total_days, f->before);
	else
		snprintf(buf, sizeof buf, _("≤ %d days"), f->total_days);
	attrset(selected ? A_REVERSE : A_NORMAL);
	ui_put_pad(y, nw, 25, buf);
	attrset(A_NORMAL);
}

static void *
flowlist_enter(struct ui *ui, const void *arg)
{
	struct flowlist *l = xcalloc(1, sizeof *l);
	char *cause = NULL;

	(void)arg;
	if (flowchart_list(ui->s, &l->v, &l->n, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		free(l);
		return NULL;
	}
	l->list.n = l->n;
	l->list.row = row;
	l->list.arg = l;
	return l;
}

static void
flowlist_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("diagram"), "↑↓", N_("move"), "q", N_("back"), NULL
	};
	struct flowlist *l = state;
	char buf[160];

	ui_title(ui, _("tongban · flowcharts of investment projects"));
	snprintf(buf, sizeof buf, _("%d flowcharts: stages in order, the items of a stage in "
	    "parallel"), l->n);
	ui_put(1, 1, ui->cols - 2, buf);
	ui_list_draw(ui, &l->list, 3, ui->rows - 5);
	if (l->n == 0)
		ui_put(3, 1, ui->cols - 2, _("(none)"));
	ui_keybar(ui, keys);
}

static int
flowlist_key(struct ui *ui, void *state, struct ui_key k)
{
	struct flowlist *l = state;

	if (((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) &&
	    l->n > 0) {
		ui_push(ui, &screen_flow, l->v[l->list.sel].code);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&l->list, k, ui->rows - 5);
}

static void
flowlist_leave(struct ui *ui, void *state)
{
	struct flowlist *l = state;
	int i;

	(void)ui;
	for (i = 0; i < l->n; i++)
		flowchart_release(&l->v[i]);
	free(l->v);
	free(l);
}

const struct screen screen_flowlist = {
	.name = "flowcharts",
	.enter = flowlist_enter,
	.draw = flowlist_draw,
	.key = flowlist_key,
	.leave = flowlist_leave,
};
