/*
 * A flowchart as a diagram (flowdraw_flowchart): its stages from top to
 * bottom, each with its limit, its items in parallel and its joint step,
 * then the total against the time it replaced. The arrows select an item;
 * its whole name and code show under the diagram, Enter opens its guide.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drawview.h"
#include "project_screens.h"
#include "i18n.h"
#include "project.h"
#include "ui.h"
#include "util.h"

struct flow {
	struct flowchart f;
	struct drawview v;
	int width;		/* the width drawn for */
};

static int
width_of(struct ui *ui)
{
	return ui->cols > 80 ? 80 : ui->cols;
}

static void *
flow_enter(struct ui *ui, const void *arg)
{
	struct flow *s = xcalloc(1, sizeof *s);
	char *cause = NULL;

	if (flowchart_get(ui->s, (const char *)arg, &s->f, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		free(s);
		return NULL;
	}
	s->v.sel = -1;
	return s;
}

/* Lines under the diagram for the selected item's whole name. */
static int
full_lines(struct ui *ui)
{
	return ui->rows >= 20 ? 2 : 1;
}

static void
flow_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"↑↓", N_("item"), "Enter", N_("item guide"), "PgDn", N_("scroll"), "q", N_("back"), NULL
	};
	struct flow *s = state;
	char buf[256];
	int h;

	if (s->width != width_of(ui) || s->v.d.lines == NULL) {
		struct drawing d;

		flowdraw_flowchart(&s->f, width_of(ui), &d);
		drawview_set(&s->v, &d);
		s->width = width_of(ui);
	}
	snprintf(buf, sizeof buf, "%s · %s", _("flowchart"), strcmp(i18n_lang(), "en") == 0 &&
	    s->f.name_en && *s->f.name_en ? s->f.name_en : s->f.name);
	ui_title(ui, buf);
	h = ui->rows - 3 - full_lines(ui) - 1;
	drawview_draw(ui, &s->v, 1, h);
	drawview_full(ui, &s->v, 1 + h, full_lines(ui));
	ui_keybar(ui, keys);
}

static int
flow_key(struct ui *ui, void *state, struct ui_key k)
{
	struct flow *s = state;
	const struct draw_line *l = drawview_selected(&s->v);

	if (((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) &&
	    l != NULL && l->kind == DRAW_ITEM && l->stage >= 0 && l->stage < s->f.n_stages &&
	    l->index >= 0 && l->index < s->f.stages[l->stage].n_items) {
		char cmd[96];

		snprintf(cmd, sizeof cmd, "item show %s", s->f.stages[l->stage].items[l->index]);
		ui_push(ui, &screen_viewer, cmd);
		return UI_HANDLED | UI_REDRAW;
	}
	return drawview_key(&s->v, k, ui->rows - 4 - full_lines(ui));
}

static void
flow_leave(struct ui *ui, void *state)
{
	struct flow *s = state;

	(void)ui;
	drawview_release(&s->v);
	flowchart_release(&s->f);
	free(s);
}

const struct screen screen_flow = {
	.name = "flowchart",
	.enter = flow_enter,
	.draw = flow_draw,
	.key = flow_key,
	.leave = flow_leave,
};
