/*
 * A list of projects, newest first, each with its light: the user's (a
 * clerk's hall's, an approver's office's, a supervisor's region's), or
 * those a figure of the dashboard counts. Enter opens one; o opens a new
 * one (window clerks); f shows the flowcharts.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "project_screens.h"
#include "project_stats.h"
#include "flowdraw.h"
#include "ui.h"
#include "util.h"

struct projects {
	struct projects_arg a;
	char **nos;		/* a figure's projects, owned (a.figure); else NULL */
	struct project *v;
	int n;
	struct ui_list list;
	int generation;
};

#define W_NO 16
#define W_LIGHT 11
#define W_STAGE 6
#define W_DAYS 8

static void
row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct projects *s = arg;
	const struct project *p = &s->v[i];
	char buf[64], lt[64];
	int x = 0, nw = w - W_NO - W_LIGHT - W_STAGE - W_DAYS - 1;

	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	ui_put(y, x, W_NO - 1, p->no);
	x += W_NO;
	if (p->status == PROJECT_OPEN) {
		if (selected) {
			ui_light_text((enum light)p->light, lt);
			ui_put(y, x, W_LIGHT - 1, lt);
		} else
			ui_light(ui, y, x, (enum light)p->light);
	} else
		ui_put(y, x, W_LIGHT - 1, project_status_label(p->status));
	x += W_LIGHT;
	attrset(selected ? A_REVERSE : A_NORMAL);
	snprintf(buf, sizeof buf, "%d/%d", p->stage, p->n_stages);
	ui_put(y, x, W_STAGE - 1, buf);
	x += W_STAGE;
	snprintf(buf, sizeof buf, "%d/%d", p->used_days, p->total_days);
	ui_put(y, x, W_DAYS - 1, buf);
	x += W_DAYS;
	if (nw > 4) {
		char name[512];

		snprintf(name, sizeof name, "%s · %s", p->name, p->org_name);
		ui_put(y, x, nw, name);
	}
	attrset(A_NORMAL);
}

static void
load(struct ui *ui, struct projects *s)
{
	char *cause = NULL;
	int rc;

	project_stats_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
	rc = s->a.figure ? project_stats_read(ui->s, s->nos, s->a.n, &s->v, &s->n, &cause) :
	    project_stats_mine(ui->s, 500, &s->v, &s->n, &cause);
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		s->v = NULL;
		s->n = 0;
	}
	free(cause);
	s->list.n = s->n;
	s->generation = ui->generation;
}

static void *
projects_enter(struct ui *ui, const void *arg)
{
	struct projects *s = xcalloc(1, sizeof *s);
	long i;

	if (arg != NULL) {
		s->a = *(const struct projects_arg *)arg;
		if (s->a.figure) {
			s->nos = xcalloc((size_t)(s->a.n ? s->a.n : 1), sizeof *s->nos);
			for (i = 0; i < s->a.n; i++)
				s->nos[i] = xstrdup(s->a.nos[i]);
		}
	}
	s->a.nos = NULL;
	if (s->a.title[0] == '\0')
		snprintf(s->a.title, sizeof s->a.title, "%s", _("tongban · projects"));
	s->list.row = row;
	s->list.arg = s;
	load(ui, s);
	return s;
}

static void
projects_draw(struct ui *ui, void *state)
{
	static const char *const keys_clerk[] = {
		"Enter", N_("open"), "o", N_("new project"), "f", N_("flowcharts"), "q", N_("back"),
		NULL
	};
	static const char *const keys[] = {
		"Enter", N_("open"), "f", N_("flowcharts"), "q", N_("back"), NULL
	};
	struct projects *s = state;
	char buf[160];
	int x = 0;

	if (s->generation != ui->generation)
		load(ui, s);
	ui_title(ui, s->a.title);
	snprintf(buf, sizeof buf, s->a.figure ? _("%d projects counted, newest first") :
	    _("%d projects you can see, newest first"), s->n);
	ui_put(1, 1, ui->cols - 2, buf);
	attrset(A_BOLD | A_UNDERLINE);
	move(2, 0);
	hline(' ', ui->cols);
	ui_put(2, x, W_NO - 1, _("project no"));
	x += W_NO;
	ui_put(2, x, W_LIGHT - 1, _("light"));
	x += W_LIGHT;
	ui_put(2, x, W_STAGE - 1, _("stage"));
	x += W_STAGE;
	ui_put(2, x, W_DAYS - 1, _("days"));
	x += W_DAYS;
	ui_put(2, x, ui->cols - x - 1, _("name · enterprise"));
	attrset(A_NORMAL);
	if (s->n == 0)
		ui_put(3, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &s->list, 3, ui->rows - 5);
	ui_keybar(ui, access_has(&ui->s->user, RIGHT_CASE_INTAKE) && !s->a.figure ? keys_clerk :
	    keys);
}

static int
projects_key(struct ui *ui, void *state, struct ui_key k)
{
	struct projects *s = state;

	if (((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) &&
	    s->n > 0) {
		ui_push(ui, &screen_project, s->v[s->list.sel].no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'o' && !s->a.figure && access_has(&ui->s->user, RIGHT_CASE_INTAKE)) {
		struct projact_arg a;

		memset(&a, 0, sizeof a);
		a.mode = PROJACT_OPEN;
		ui_push(ui, &screen_projact, &a);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'f') {
		ui_push(ui, &screen_flowlist, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&s->list, k, ui->rows - 5);
}

static void
projects_leave(struct ui *ui, void *state)
{
	struct projects *s = state;
	long i;

	(void)ui;
	project_stats_free(s->v, s->n);
	for (i = 0; s->nos && i < s->a.n; i++)
		free(s->nos[i]);
	free(s->nos);
	free(s);
}

const struct screen screen_projects = {
	.name = "projects",
	.enter = projects_enter,
	.draw = projects_draw,
	.key = projects_key,
	.leave = projects_leave,
};
