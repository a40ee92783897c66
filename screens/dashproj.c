/*
 * The dashboard's section of investment projects: open projects by light,
 * finished projects' average total working days per flowchart against its
 * target and the time it replaced, and the stages and offices where open
 * projects wait longest. Enter lists the projects a figure counts.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "project_screens.h"
#include "project_stats.h"
#include "ui.h"
#include "util.h"

void
dashproj_load(struct ui *ui, struct project_figures *f, const char *prefix)
{
	char *cause = NULL;

	project_stats_release(f);
	if (project_stats_figures(ui->s, prefix, f, &cause) != 0)
		ui_message(ui, 1, "%s", cause ? cause : "?");
	free(cause);
}

static const char *
heading(const struct project_figures *f, enum pfig_kind k, char buf[256])
{
	switch (k) {
	case PFIG_LIGHT:
		snprintf(buf, 256, _("open projects by light: %ld"), f->open);
		break;
	case PFIG_FLOWCHART:
		snprintf(buf, 256, _("finished projects (%ld): average total working days by "
		    "flowchart"), f->done);
		break;
	case PFIG_STAGE:
		snprintf(buf, 256, "%s", _("stages where open projects wait longest"));
		break;
	default:
		snprintf(buf, 256, "%s", _("offices where open projects wait longest"));
		break;
	}
	return buf;
}

/* The figure's numbers, right of its name. */
static void
numbers(const struct pfig *g, char buf[128])
{
	char days[16];

	project_stats_days(g->avg, days);
	switch (g->kind) {
	case PFIG_LIGHT:
		snprintf(buf, 128, "%5ld", g->n);
		break;
	case PFIG_FLOWCHART:
		snprintf(buf, 128, _("%3ld · avg %5s · ≤ %d (was %s)"), g->n, days, g->target,
		    *g->before ? g->before : "-");
		break;
	case PFIG_STAGE:
		snprintf(buf, 128, _("%3ld · avg %5s / %d"), g->n, days, g->target);
		break;
	default:
		snprintf(buf, 128, _("%3ld · avg %5s"), g->n, days);
		break;
	}
}

void
dashproj_draw(struct ui *ui, const struct project_figures *f, int sel, int y, int h)
{
	char buf[256], num[128];
	int i, line = 0, sel_line = 0, top, nw;

	if (f->n == 0) {
		ui_put(y, 1, ui->cols - 2, _("(none)"));
		return;
	}
	/* The line of the selected figure (each kind has a heading above it). */
	for (i = 0; i < f->n; i++) {
		if (i == 0 || f->v[i].kind != f->v[i - 1].kind)
			line++;
		if (i == sel)
			sel_line = line;
		line++;
	}
	top = sel_line >= h ? sel_line - h + 1 : 0;
	for (i = 0, line = 0; i < f->n; i++) {
		const struct pfig *g = &f->v[i];
		int yy, x;

		if (i == 0 || g->kind != f->v[i - 1].kind) {
			if (line >= top && line - top < h) {
				attrset(A_BOLD);
				ui_put(y + line - top, 1, ui->cols - 2, heading(f, g->kind, buf));
				attrset(A_NORMAL);
			}
			line++;
		}
		yy = y + line - top;
		line++;
		if (yy < y || yy >= y + h)
			continue;
		numbers(g, num);
		nw = ui->cols - 4 - utf8_width(num) - 2;
		if (nw < 8)
			nw = 8;
		attrset(i == sel ? A_REVERSE : A_NORMAL);
		move(yy, 0);
		hline(' ', ui->cols);
		x = 3;
		if (g->kind == PFIG_LIGHT) {
			char lt[64];

			ui_light_text((enum light)g->light, lt);
			if (i != sel)
				attrset(ui_attr_light(ui, (enum light)g->light));
			ui_put_pad(yy, x, nw, lt);
			attrset(i == sel ? A_REVERSE : A_NORMAL);
		} else
			ui_put_pad(yy, x, nw, g->label);
		ui_put(yy, x + nw + 1, ui->cols - x - nw - 2, num);
		attrset(A_NORMAL);
	}
}

int
dashproj_drill(struct ui *ui, const struct project_figures *f, int i)
{
	struct projects_arg a;
	char buf[256], title[640];

	if (i < 0 || i >= f->n)
		return UI_HANDLED;
	memset(&a, 0, sizeof a);
	a.figure = 1;
	a.nos = f->v[i].nos;
	a.n = f->v[i].n;
	if (f->v[i].kind == PFIG_LIGHT) {
		ui_light_text((enum light)f->v[i].light, buf);
		snprintf(title, sizeof title, "%s · %s", _("open projects"), buf);
	} else
		snprintf(title, sizeof title, "%s · %s", f->v[i].kind == PFIG_FLOWCHART ?
		    _("finished projects") : _("open projects"), f->v[i].label);
	utf8_copy(a.title, sizeof a.title, title);
	ui_push(ui, &screen_projects, &a);
	return UI_HANDLED | UI_REDRAW;
}
