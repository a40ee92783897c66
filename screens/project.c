/*
 * A project's view: who and what, its status, its clock against the
 * flowchart's limit with its light, and the case that holds it back now;
 * then its stages in order (flowdraw_project), each with its clock, its
 * cases and its joint step with each office's findings. Enter on a case
 * opens its detail; the joint step's forms, withdrawal and the flowchart's
 * diagram are a key away.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "drawview.h"
#include "i18n.h"
#include "project.h"
#include "project_screens.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

struct projview {
	char no[32];
	struct project p;
	struct flowchart f;
	int have_f;
	struct drawview v;
	int width;
	int generation;
	int loaded;
};

static int
width_of(struct ui *ui)
{
	return ui->cols > 100 ? 100 : ui->cols;
}

static void
unload(struct projview *s)
{
	if (s->loaded)
		project_release(&s->p);
	if (s->have_f)
		flowchart_release(&s->f);
	s->loaded = s->have_f = 0;
}

static int
load(struct ui *ui, struct projview *s)
{
	struct drawing d;
	char *cause = NULL;

	unload(s);
	if (project_get(ui->s, s->no, &s->p, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		return -1;
	}
	s->loaded = 1;
	free(cause);
	cause = NULL;
	if (flowchart_get(ui->s, s->p.flowchart, &s->f, &cause) == 0)
		s->have_f = 1;
	free(cause);
	flowdraw_project(&s->p, s->have_f ? &s->f : NULL, width_of(ui), &d);
	drawview_set(&s->v, &d);
	s->width = width_of(ui);
	s->generation = ui->generation;
	return 0;
}

static void *
project_enter(struct ui *ui, const void *arg)
{
	struct projview *s = xcalloc(1, sizeof *s);
	int c;

	utf8_copy(s->no, sizeof s->no, (const char *)arg);
	s->v.sel = -1;
	if (load(ui, s) != 0) {
		unload(s);
		free(s);
		return NULL;
	}
	/* The reader comes to see what holds the project back: start there;
	 * an office whose joint findings are awaited starts on its own line. */
	if ((c = flowdraw_critical_line(&s->v.d)) >= 0 && s->v.d.lines[c].kind == DRAW_CASE)
		s->v.sel = c;
	for (c = 0; s->p.waiting_joint != JOINT_NONE && ui->s->user.office && c < s->v.d.n; c++) {
		const struct draw_line *l = &s->v.d.lines[c];
		const struct project_joint *j;

		if (l->kind != DRAW_FINDING || l->stage < 0 || l->stage >= s->p.n_stages ||
		    l->index < 0 || l->index >= s->p.stages[l->stage].n_joints)
			continue;
		j = &s->p.stages[l->stage].joints[l->index];
		if (l->office >= 0 && l->office < j->n_offices && j->findings[l->office] == NULL &&
		    strcmp(j->offices[l->office], ui->s->user.office) == 0)
			s->v.sel = c;
	}
	return s;
}

/* The critical case, or NULL; *stage its stage's seq. */
static const struct project_case *
critical(const struct project *p, int *stage)
{
	int i, k;

	for (i = 0; p->critical && i < p->n_stages; i++)
		for (k = 0; k < p->stages[i].n_cases; k++)
			if (p->stages[i].cases[k].no &&
			    strcmp(p->stages[i].cases[k].no, p->critical) == 0) {
				*stage = p->stages[i].seq;
				return &p->stages[i].cases[k];
			}
	return NULL;
}

static int
header(struct ui *ui, struct projview *s)
{
	struct project *p = &s->p;
	const struct project_case *c;
	char buf[512], lt[64];
	int y = 1, x, stage = 0, en = strcmp(i18n_lang(), "en") == 0;

	attrset(A_BOLD);
	snprintf(buf, sizeof buf, "%s  %s", p->no, p->name);
	ui_put(y++, 1, ui->cols - 2, buf);
	attrset(A_NORMAL);
	if (ui->rows >= 16) {
		snprintf(buf, sizeof buf, _("enterprise %s (%s) · flowchart %s"), p->org_name,
		    p->org_code, s->have_f ? (en && s->f.name_en && *s->f.name_en ?
		    s->f.name_en : s->f.name) : p->flowchart);
		ui_put(y++, 1, ui->cols - 2, buf);
	}
	snprintf(buf, sizeof buf, _("%s · stage %d of %d · %d / %d working days"),
	    project_status_label(p->status), p->stage, p->n_stages, p->used_days, p->total_days);
	x = 1 + ui_put(y, 1, ui->cols - 2, buf) + 2;
	if (p->status == PROJECT_OPEN && p->light > LIGHT_NONE && x + 8 <= ui->cols) {
		ui_light_text((enum light)p->light, lt);
		ui_light(ui, y, x, (enum light)p->light);
	}
	y++;
	if (p->status == PROJECT_OPEN && p->waiting_joint != JOINT_NONE) {
		/* Every case of the stage decided: its joint step holds it. */
		if (p->critical_office)
			snprintf(buf, sizeof buf, _("Held back by: %s, whose findings of the %s are "
			    "awaited"), p->critical_office, project_joint_label(p->waiting_joint));
		else
			snprintf(buf, sizeof buf, _("Held back by: the %s, not scheduled yet"),
			    project_joint_label(p->waiting_joint));
		attrset(ui_attr_light(ui, p->light > LIGHT_GREEN ? (enum light)p->light : LIGHT_RED) |
		    A_BOLD);
		ui_put(y++, 1, ui->cols - 2, buf);
		attrset(A_NORMAL);
	} else if (p->status == PROJECT_OPEN && (p->critical || p->critical_office)) {
		if ((c = critical(p, &stage)) != NULL && c->visible)
			snprintf(buf, sizeof buf, _("Held back by: %s · %d working days · %s · %s"),
			    c->office_name && *c->office_name ? c->office_name : c->office,
			    c->used_days, c->item_name && *c->item_name ? c->item_name : c->item,
			    c->no);
		else
			/* A case out of the reader's sight, or the joint step's
			 * findings awaited: where, without details. */
			snprintf(buf, sizeof buf, _("Held back by: %s (stage %d)"),
			    p->critical_office ? p->critical_office : "?", p->stage);
		attrset(ui_attr_light(ui, p->light > LIGHT_GREEN ? (enum light)p->light : LIGHT_RED) |
		    A_BOLD);
		ui_put(y++, 1, ui->cols - 2, buf);
		attrset(A_NORMAL);
	} else if (p->status == PROJECT_DONE) {
		snprintf(buf, sizeof buf, _("completed %s"), p->closed ? p->closed : "");
		ui_put(y++, 1, ui->cols - 2, buf);
	} else if (p->status != PROJECT_OPEN) {
		snprintf(buf, sizeof buf, "%s %s%s%s", project_status_label(p->status),
		    p->closed ? p->closed : "", p->stop_reason && *p->stop_reason ? " · " : "",
		    p->stop_reason ? p->stop_reason : "");
		ui_put(y++, 1, ui->cols - 2, buf);
	}
	return y;
}

static int
full_lines(struct ui *ui)
{
	return ui->rows >= 20 ? 2 : 1;
}

static void
project_draw(struct ui *ui, void *state)
{
	static const char *const keys_work[] = {
		"Enter", N_("open"), "f", N_("flowchart"), "j", N_("joint step"), "r",
		N_("findings"), "c", N_("held back"), "q", N_("back"), NULL
	};
	static const char *const keys_clerk[] = {
		"Enter", N_("open"), "f", N_("flowchart"), "j", N_("joint step"), "w",
		N_("withdraw"), "c", N_("held back"), "q", N_("back"), NULL
	};
	static const char *const keys[] = {
		"Enter", N_("open"), "f", N_("flowchart"), "c", N_("held back"), "q", N_("back"), NULL
	};
	struct projview *s = state;
	char buf[160];
	int y, h;

	if ((s->generation != ui->generation || !s->loaded || s->width != width_of(ui)) &&
	    load(ui, s) != 0) {
		ui_title(ui, s->no);
		ui_keybar(ui, keys);
		return;
	}
	snprintf(buf, sizeof buf, "%s · %s", _("tongban · project"), s->p.no);
	ui_title(ui, buf);
	y = header(ui, s);
	h = ui->rows - 2 - full_lines(ui) - y;
	drawview_draw(ui, &s->v, y, h);
	drawview_full(ui, &s->v, y + h, full_lines(ui));
	ui_keybar(ui, access_has(&ui->s->user, RIGHT_CASE_INTAKE) ? keys_clerk :
	    access_has(&ui->s->user, RIGHT_CASE_WORK) ? keys_work : keys);
}

/* The joint step of the selected line, or of the current stage. */
static const struct project_joint *
joint_at(struct projview *s, const struct draw_line *l)
{
	const struct project *p = &s->p;
	int i, k;

	if (l && (l->kind == DRAW_JOINT || l->kind == DRAW_FINDING) && l->stage >= 0 &&
	    l->stage < p->n_stages && l->index >= 0 && l->index < p->stages[l->stage].n_joints)
		return &p->stages[l->stage].joints[l->index];
	for (i = 0; i < p->n_stages; i++)
		if (p->stages[i].seq == p->stage)
			for (k = p->stages[i].n_joints - 1; k >= 0; k--)
				if (p->stages[i].joints[k].status &&
				    strcmp(p->stages[i].joints[k].status, "closed") != 0)
					return &p->stages[i].joints[k];
	return NULL;
}

static int
form(struct ui *ui, struct projview *s, enum projact_mode mode, long joint)
{
	struct projact_arg a;
	int i;

	/* The forms act on the project's cases: the work right, as their
	 * commands need (the service decides the rest: whose hall, whose office). */
	if (!access_has(&ui->s->user, RIGHT_CASE_WORK)) {
		ui_message(ui, 1, "%s", access_denied_text(RIGHT_CASE_WORK));
		return UI_HANDLED | UI_REDRAW;
	}

	memset(&a, 0, sizeof a);
	a.mode = mode;
	snprintf(a.no, sizeof a.no, "%s", s->p.no);
	a.joint = joint;
	for (i = 0; s->have_f && i < s->f.n_stages; i++)
		if (s->f.stages[i].seq == s->p.stage)
			a.kind = s->f.stages[i].joint;
	ui_push(ui, &screen_projact, &a);
	return UI_HANDLED | UI_REDRAW;
}

static int
project_key(struct ui *ui, void *state, struct ui_key k)
{
	struct projview *s = state;
	const struct draw_line *l = drawview_selected(&s->v);
	const struct project_joint *j;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);

	if (!s->loaded)
		return UI_IGNORED;
	if (enter && l && l->kind == DRAW_CASE && l->stage >= 0 && l->stage < s->p.n_stages &&
	    l->index >= 0 && l->index < s->p.stages[l->stage].n_cases) {
		const struct project_case *c = &s->p.stages[l->stage].cases[l->index];

		if (c->visible && c->no && *c->no)
			ui_push(ui, &screen_detail, c->no);
		else
			ui_message(ui, 1, "%s", _("this case is out of your sight: it is counted, not shown"));
		return UI_HANDLED | UI_REDRAW;
	}
	if ((enter && l && (l->kind == DRAW_FINDING || l->kind == DRAW_JOINT) &&
	    (j = joint_at(s, l)) != NULL) || (!k.fkey && k.ch == L'r')) {
		if ((j = joint_at(s, l)) == NULL) {
			ui_message(ui, 1, "%s", _("no joint step is scheduled in this stage; j schedules one"));
			return UI_HANDLED | UI_REDRAW;
		}
		return form(ui, s, PROJACT_RECORD, j->id);
	}
	if (enter && l && l->kind == DRAW_JOINT)
		return form(ui, s, PROJACT_SCHEDULE, 0);
	if (!k.fkey && k.ch == L'f') {
		ui_push(ui, &screen_flow, s->p.flowchart);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'j')
		return form(ui, s, PROJACT_SCHEDULE, 0);
	if (!k.fkey && k.ch == L'w')
		return form(ui, s, PROJACT_WITHDRAW, 0);
	if (!k.fkey && k.ch == L'c') {
		int c = flowdraw_critical_line(&s->v.d);

		if (c < 0) {
			ui_message(ui, 0, "%s", _("nothing holds this project back now"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (s->v.d.lines[c].kind == DRAW_CASE) {
			s->v.sel = c;
			s->v.follow = 1;
		} else
			s->v.top = c > 0 ? c - 1 : 0;
		return UI_HANDLED | UI_REDRAW;
	}
	return drawview_key(&s->v, k, ui->rows - 8);
}

static void
project_leave(struct ui *ui, void *state)
{
	struct projview *s = state;

	(void)ui;
	drawview_release(&s->v);
	unload(s);
	free(s);
}

const struct screen screen_project = {
	.name = "project",
	.enter = project_enter,
	.draw = project_draw,
	.key = project_key,
	.leave = project_leave,
};
