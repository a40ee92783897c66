/*
 * The project forms: open a project (a window clerk: the flowchart, the
 * enterprise, the project's name and site), withdraw one, schedule the
 * current stage's joint step (联合踏勘, 多图联审, 联合验收), and record an
 * office's findings of it. Each shows the equivalent ssh command and calls
 * the project service; a refusal is shown whole and keeps what was typed.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitcode.h"
#include "flowdraw.h"
#include "i18n.h"
#include "project.h"
#include "project_screens.h"
#include "ui.h"
#include "util.h"

enum pf { PF_FLOWCHART, PF_ORG, PF_ORG_NAME, PF_NAME, PF_SITE, PF_PHONE, PF_KIND, PF_DAY,
	PF_PLACE, PF_FINDINGS, PF_NOTE, PF_COUNT };

/* The command's option of each field. */
static const char *const pf_opt[PF_COUNT] = {
	"flowchart", "org", "org-name", "name", "site", "phone", "kind", "day", "place",
	"text", "note"
};

static const char *
pf_label(int id)
{
	switch (id) {
	case PF_FLOWCHART:
		return _("flowchart");
	case PF_ORG:
		return _("enterprise code");
	case PF_ORG_NAME:
		return _("enterprise name");
	case PF_NAME:
		return _("project name");
	case PF_SITE:
		return _("site (region code)");
	case PF_PHONE:
		return _("phone");
	case PF_KIND:
		return _("joint step");
	case PF_DAY:
		return _("day (YYYY-MM-DD)");
	case PF_PLACE:
		return _("place");
	case PF_FINDINGS:
		return _("findings");
	default:
		return _("note / reason");
	}
}

struct projact {
	struct projact_arg a;
	struct flowchart *fcs;
	int nfc;
	int fc;			/* the flowchart chosen */
	int kind;		/* enum joint_kind chosen */
	struct ui_field f[PF_COUNT];
	int order[PF_COUNT];
	int n;
	int focus;
	char *error;
};

static int
choice(int id)
{
	return id == PF_FLOWCHART || id == PF_KIND;
}


static const char *const mode_words[] = { "open", "withdraw", "joint", "findings" };

/* The same form left unfinished by a dropped link comes back as it was. */
static void
restore(struct ui *ui, struct projact *a)
{
	char *data = NULL, *saved = NULL, *mode, *no;
	int i;

	if (store_draft_get(ui->s->st, ui->s->user.login, "project", &data, &saved) != 0)
		return;
	mode = ui_draft_value(data, "mode");
	no = ui_draft_value(data, "no");
	if (mode && no && strcmp(mode, mode_words[a->a.mode]) == 0 && strcmp(no, a->a.no) == 0) {
		for (i = 0; i < PF_COUNT; i++) {
			char *v = ui_draft_value(data, pf_opt[i]);

			if (v == NULL)
				continue;
			if (i == PF_FLOWCHART) {
				for (int k = 0; k < a->nfc; k++)
					if (strcmp(a->fcs[k].code, v) == 0)
						a->fc = k;
			} else if (i == PF_KIND) {
				enum joint_kind jk;

				if (project_joint_parse(v, &jk) == 0)
					a->kind = jk;
			} else
				ui_field_set(&a->f[i], v);
			free(v);
		}
		ui_message(ui, 0, _("your unfinished form from %s is back"), saved);
		store_draft_delete(ui->s->st, ui->s->user.login, "project");
	}
	free(mode);
	free(no);
	free(data);
	free(saved);
}

int
projact_resume(struct ui *ui)
{
	struct projact_arg a;
	char *data = NULL, *saved = NULL, *mode, *no, *joint;
	int i, rc = -1;

	if (store_draft_get(ui->s->st, ui->s->user.login, "project", &data, &saved) != 0)
		return -1;
	mode = ui_draft_value(data, "mode");
	no = ui_draft_value(data, "no");
	joint = ui_draft_value(data, "joint");
	memset(&a, 0, sizeof a);
	for (i = 0; mode && i < 4; i++)
		if (strcmp(mode, mode_words[i]) == 0) {
			a.mode = (enum projact_mode)i;
			utf8_copy(a.no, sizeof a.no, no ? no : "");
			a.joint = joint ? atol(joint) : 0;
			/* The project's view under the form, as when it was opened. */
			if (a.no[0] == '\0' || ui_push(ui, &screen_project, a.no) == 0)
				rc = ui_push(ui, &screen_projact, &a);
		}
	free(mode);
	free(no);
	free(joint);
	free(data);
	free(saved);
	return rc;
}

static void *
projact_enter(struct ui *ui, const void *arg)
{
	struct projact *a = xcalloc(1, sizeof *a);
	char *cause = NULL;

	a->a = *(const struct projact_arg *)arg;
	switch (a->a.mode) {
	case PROJACT_OPEN:
		if (flowchart_list(ui->s, &a->fcs, &a->nfc, &cause) != 0 || a->nfc == 0) {
			ui_message(ui, 1, "%s", cause ? cause : _("no flowcharts are loaded"));
			free(cause);
			free(a->fcs);
			free(a);
			return NULL;
		}
		a->order[a->n++] = PF_FLOWCHART;
		a->order[a->n++] = PF_ORG;
		a->order[a->n++] = PF_ORG_NAME;
		a->order[a->n++] = PF_NAME;
		a->order[a->n++] = PF_SITE;
		a->order[a->n++] = PF_PHONE;
		ui_field_set(&a->f[PF_SITE], ui->s->user.region);
		break;
	case PROJACT_WITHDRAW:
		a->order[a->n++] = PF_NOTE;
		break;
	case PROJACT_SCHEDULE:
		a->kind = a->a.kind > JOINT_NONE ? a->a.kind : JOINT_SURVEY;
		a->order[a->n++] = PF_KIND;
		a->order[a->n++] = PF_DAY;
		a->order[a->n++] = PF_PLACE;
		break;
	default:
		a->order[a->n++] = PF_FINDINGS;
		break;
	}
	/* The first field to type in. */
	while (a->focus < a->n - 1 && choice(a->order[a->focus]))
		a->focus++;
	restore(ui, a);
	return a;
}

static const char *
fc_name(const struct flowchart *f)
{
	return strcmp(i18n_lang(), "en") == 0 && f->name_en && *f->name_en ? f->name_en : f->name;
}

/* The field's value as the command takes it (heap). */
static char *
value(struct projact *a, int id)
{
	if (id == PF_FLOWCHART)
		return xstrdup(a->fcs[a->fc].code);
	if (id == PF_KIND)
		return xstrdup(project_joint_name((enum joint_kind)a->kind));
	return ui_field_text(&a->f[id]);
}

/* The equivalent command: `project new|withdraw|joint|findings ...`. */
static void
command(struct projact *a, struct sb *cmd)
{
	int i;

	switch (a->a.mode) {
	case PROJACT_OPEN:
		sb_adds(cmd, "project new");
		break;
	case PROJACT_WITHDRAW:
		sb_addf(cmd, "project withdraw %s", a->a.no);
		break;
	case PROJACT_SCHEDULE:
		sb_addf(cmd, "project joint %s", a->a.no);
		break;
	default:
		sb_addf(cmd, "project findings %s --joint %ld", a->a.no, a->a.joint);
		break;
	}
	for (i = 0; i < a->n; i++) {
		char *v = value(a, a->order[i]);

		if (*v) {
			sb_addf(cmd, " --%s ", pf_opt[a->order[i]]);
			ui_shell_quote(cmd, v);
		}
		free(v);
	}
}

static const char *
title(const struct projact *a)
{
	switch (a->a.mode) {
	case PROJACT_OPEN:
		return _("open a project");
	case PROJACT_WITHDRAW:
		return _("withdraw the project and its open cases");
	case PROJACT_SCHEDULE:
		return _("schedule the stage's joint step for all its offices");
	default:
		return _("record your office's findings of the joint step");
	}
}

static void
projact_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("next / confirm"), "Tab", N_("next field"), "←→", N_("choose"),
		"F2", N_("confirm"), "Esc", N_("cancel"), NULL
	};
	struct projact *a = state;
	struct sb cmd = SB_INIT;
	char buf[512];
	int y = 2, i, cy = -1, lw = ui->cols >= 60 ? 20 : 12, nerr, first;

	snprintf(buf, sizeof buf, "%s%s%s", _("tongban · project"), a->a.no[0] ? " · " : "",
	    a->a.no);
	ui_title(ui, buf);
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, title(a));
	attrset(A_NORMAL);
	y++;
	/* On a short screen the fields scroll so that the focused one shows. */
	first = a->focus - (ui->rows - 4 - y) + 1;
	if (first < 0)
		first = 0;
	for (i = first; i < a->n && y < ui->rows - 4; i++, y++) {
		int id = a->order[i], focus = i == a->focus;

		attrset(focus ? A_BOLD : A_NORMAL);
		ui_put(y, 2, lw - 1, pf_label(id));
		attrset(A_NORMAL);
		if (choice(id)) {
			snprintf(buf, sizeof buf, "◀ %s ▶", id == PF_FLOWCHART ?
			    fc_name(&a->fcs[a->fc]) : project_joint_label((enum joint_kind)a->kind));
			attrset(focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, ui->cols - lw - 4, buf);
			attrset(A_NORMAL);
		} else if (focus)
			cy = y;
		else
			ui_field_draw(ui, &a->f[id], y, 2 + lw, ui->cols - lw - 4, 0);
	}
	nerr = a->error ? ui_wrapped_lines(ui->cols - 4, a->error) : 0;
	if (nerr > 3)
		nerr = 3;
	if (nerr > 0) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD);
		ui_put_wrapped(ui->rows - 4 - nerr, 2, ui->cols - 4, nerr, a->error);
		attrset(A_NORMAL);
	}
	command(a, &cmd);
	ui_equivalent(ui, ui->rows - 3, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys);
	if (cy >= 0)
		ui_field_draw(ui, &a->f[a->order[a->focus]], cy, 2 + lw, ui->cols - lw - 4, 1);
}

static int
submit(struct ui *ui, struct projact *a)
{
	char *v[PF_COUNT], *cause = NULL, no[32] = "";
	int i, rc;

	for (i = 0; i < PF_COUNT; i++)
		v[i] = ui_field_text(&a->f[i]);
	switch (a->a.mode) {
	case PROJACT_OPEN: {
		struct project_new in;

		memset(&in, 0, sizeof in);
		in.flowchart = a->fcs[a->fc].code;
		in.org_code = v[PF_ORG];
		in.org_name = v[PF_ORG_NAME];
		in.name = v[PF_NAME];
		in.site = *v[PF_SITE] ? v[PF_SITE] : NULL;
		in.phone = v[PF_PHONE];
		rc = project_open(ui->s, &in, no, &cause);
		break;
	}
	case PROJACT_WITHDRAW:
		rc = project_withdraw(ui->s, a->a.no, v[PF_NOTE], &cause);
		break;
	case PROJACT_SCHEDULE:
		rc = project_joint_schedule(ui->s, a->a.no, (enum joint_kind)a->kind, v[PF_DAY],
		    v[PF_PLACE], &cause);
		break;
	default:
		rc = project_joint_record(ui->s, a->a.no, a->a.joint, v[PF_FINDINGS], &cause);
		break;
	}
	for (i = 0; i < PF_COUNT; i++)
		free(v[i]);
	free(a->error);
	a->error = NULL;
	if (rc != EXIT_OK) {
		a->error = cause ? cause : xstrdup("?");
		return UI_HANDLED | UI_REDRAW;
	}
	free(cause);
	ui->generation++;
	switch (a->a.mode) {
	case PROJACT_OPEN:
		ui_message(ui, 0, _("project %s opened with its first stage's cases"), no);
		/* Show the new project in place of the form. */
		ui_then(ui, &screen_project, no);
		break;
	case PROJACT_WITHDRAW:
		ui_message(ui, 0, _("project %s withdrawn"), a->a.no);
		break;
	case PROJACT_SCHEDULE:
		ui_message(ui, 0, _("joint step scheduled for the stage's offices"));
		break;
	default:
		ui_message(ui, 0, _("findings recorded"));
		break;
	}
	return UI_HANDLED | UI_BACK;
}

static int
projact_key(struct ui *ui, void *state, struct ui_key k)
{
	struct projact *a = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int id = a->order[a->focus];

	if (k.fkey && k.ch == KEY_F(2))
		return submit(ui, a);
	if (enter) {
		if (a->focus == a->n - 1)
			return submit(ui, a);
		a->focus++;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		a->focus = (a->focus + 1) % a->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		a->focus = (a->focus + a->n - 1) % a->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (choice(id)) {
		if (!k.fkey || (k.ch != KEY_LEFT && k.ch != KEY_RIGHT))
			return UI_IGNORED;
		if (id == PF_FLOWCHART)
			a->fc = (a->fc + (k.ch == KEY_RIGHT ? 1 : a->nfc - 1)) % a->nfc;
		else
			a->kind = (a->kind - 1 + (k.ch == KEY_RIGHT ? 1 : 2)) % 3 + 1;
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_field_key(&a->f[id], k);
}

static int
projact_typing(struct ui *ui, void *state)
{
	struct projact *a = state;

	(void)ui;
	return !choice(a->order[a->focus]);
}

/* The link dropped: keep what was typed for the next time this form opens. */
static void
projact_save(struct ui *ui, void *state)
{
	struct projact *a = state;
	struct sb d = SB_INIT;
	char now[20];
	time_t t = time(NULL);
	struct tm tm;
	int i;

	ui_draft_add(&d, "mode", mode_words[a->a.mode]);
	ui_draft_add(&d, "no", a->a.no);
	{
		char num[32];

		snprintf(num, sizeof num, "%ld", a->a.joint);
		ui_draft_add(&d, "joint", num);
	}
	for (i = 0; i < a->n; i++) {
		char *v = value(a, a->order[i]);

		if (*v)
			ui_draft_add(&d, pf_opt[a->order[i]], v);
		free(v);
	}
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	store_draft_put(ui->s->st, ui->s->user.login, "project", d.buf, now);
	sb_release(&d);
}

static void
projact_leave(struct ui *ui, void *state)
{
	struct projact *a = state;
	int i;

	(void)ui;
	for (i = 0; i < a->nfc; i++)
		flowchart_release(&a->fcs[i]);
	free(a->fcs);
	free(a->error);
	free(a);
}

const struct screen screen_projact = {
	.name = "project form",
	.enter = projact_enter,
	.draw = projact_draw,
	.key = projact_key,
	.leave = projact_leave,
	.typing = projact_typing,
	.save = projact_save,
};
