/*
 * A supervision order issued (督办) or a complaint logged (投诉) from the
 * console: a form of a case number or an office code, the note (the
 * complaint's text) and, for an order, its due date (a week from today
 * offered). The argument is "order" or "complaint", with ":CASE-NO" when a
 * case screen pre-fills it. F2 submits through the record service, which
 * checks the rights and the region; a refusal stays under the form.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "exitcode.h"
#include "i18n.h"
#include "record.h"
#include "session.h"
#include "ui.h"
#include "util.h"

enum { F_CASE, F_OFFICE, F_TEXT, F_DUE, F_MISSING, NFIELD };

struct recnew {
	int kind;		/* RECORD_ORDER or RECORD_COMPLAINT */
	int n;			/* fields shown: 4 */
	int focus, missing, changed;
	struct ui_field f[NFIELD];
	char *error;
};

static const char *
label(const struct recnew *r, int i)
{
	switch (i) {
	case F_CASE:
		return _("case");
	case F_OFFICE:
		return _("office");
	case F_TEXT:
		return r->kind == RECORD_ORDER ? _("note") : _("complaint");
	case F_DUE:
		return _("due");
	default:
		return _("missing material");
	}
}

static void *
recnew_enter(struct ui *ui, const void *arg)
{
	const char *a = arg, *colon = strchr(a, ':');
	struct recnew *r;
	char due[11];
	enum right right;

	r = xcalloc(1, sizeof *r);
	r->kind = strncmp(a, "complaint", 9) == 0 ? RECORD_COMPLAINT : RECORD_ORDER;
	right = r->kind == RECORD_ORDER ? RIGHT_ORDER_ISSUE : RIGHT_COMPLAINT_LOG;
	if (!access_has(&ui->s->user, right)) {
		ui_message(ui, 1, "%s", access_denied_text(right));
		free(r);
		return NULL;
	}
	r->n = 4;
	if (colon && colon[1]) {
		ui_field_set(&r->f[F_CASE], colon + 1);
		r->focus = F_TEXT;
	}
	if (r->kind == RECORD_ORDER) {
		clock_format_date(session_today(ui->s) + 7, due);
		ui_field_set(&r->f[F_DUE], due);
		r->f[F_DUE].filled = 1;
	}
	return r;
}

/* The equivalent command line. */
static void
command(const struct recnew *r, struct sb *cmd)
{
	char *v[4];
	int i;

	for (i = 0; i < 4; i++)
		v[i] = ui_field_text(&r->f[i]);
	sb_adds(cmd, r->kind == RECORD_ORDER ? "supervise new" : "complaint new");
	if (*v[F_CASE]) {
		sb_adds(cmd, " --case ");
		ui_shell_quote(cmd, v[F_CASE]);
	}
	if (*v[F_OFFICE]) {
		sb_adds(cmd, " --office ");
		ui_shell_quote(cmd, v[F_OFFICE]);
	}
	sb_adds(cmd, r->kind == RECORD_ORDER ? " --note " : " --text ");
	ui_shell_quote(cmd, *v[F_TEXT] ? v[F_TEXT] : "TEXT");
	if (r->kind == RECORD_ORDER) {
		sb_adds(cmd, " --due ");
		ui_shell_quote(cmd, v[F_DUE]);
	} else if (r->missing)
		sb_adds(cmd, " --missing-material");
	for (i = 0; i < 4; i++)
		free(v[i]);
}

static void
recnew_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("next field"), "F2", N_("submit"), "Esc", N_("cancel"), NULL
	};
	struct recnew *r = state;
	struct sb cmd = SB_INIT;
	int i, y = 4, lw = ui->cols < 60 ? 12 : 18, cy = -1, w = ui->cols - lw - 4;
	const char *title = r->kind == RECORD_ORDER ? _("issue a supervision order (督办)") :
	    _("log a complaint (投诉)");

	ui_title(ui, title);
	ui_put(2, 1, ui->cols - 2, r->kind == RECORD_ORDER ?
	    _("a case number, or an office code for the office as a whole:") :
	    _("the case complained about, or the office:"));
	for (i = 0; i < r->n; i++, y++) {
		int idx = i == 3 && r->kind == RECORD_COMPLAINT ? F_MISSING : i;

		attrset(i == r->focus ? A_BOLD : A_NORMAL);
		ui_put(y, 2, lw - 1, label(r, idx));
		attrset(A_NORMAL);
		if (idx == F_MISSING) {
			char buf[64];

			snprintf(buf, sizeof buf, "< %s >", r->missing ? _("yes") : _("no"));
			attrset(i == r->focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, w, buf);
			attrset(A_NORMAL);
		} else if (i == r->focus)
			cy = y;
		else
			ui_field_draw(ui, &r->f[idx], y, 2 + lw, w, 0);
	}
	if (r->error && ui->rows >= 16) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD);
		ui_put_wrapped(y + 1, 2, ui->cols - 4, 3, r->error);
		attrset(A_NORMAL);
	}
	command(r, &cmd);
	if (ui->rows >= 16)
		ui_equivalent(ui, ui->rows - 3, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys);
	if (cy >= 0)
		ui_field_draw(ui, &r->f[r->focus], cy, 2 + lw, w, 1);
}

static int
submit(struct ui *ui, struct recnew *r)
{
	struct record_new in;
	char *v[4], *cause = NULL, due[11] = "";
	long long id = 0;
	int i, rc;

	for (i = 0; i < 4; i++)
		v[i] = ui_field_text(&r->f[i]);
	memset(&in, 0, sizeof in);
	in.case_no = *v[F_CASE] ? v[F_CASE] : NULL;
	in.office = *v[F_OFFICE] ? v[F_OFFICE] : NULL;
	in.text = v[F_TEXT];
	in.due = r->kind == RECORD_ORDER ? v[F_DUE] : NULL;
	in.missing_material = r->kind == RECORD_COMPLAINT && r->missing;
	if (!in.case_no && !in.office) {
		set_cause(&cause, _("%s: give a case number, or an office code"), label(r, F_CASE));
		rc = EXIT_INVALID;
	} else if (in.case_no && in.office) {
		set_cause(&cause, _("%s: give a case number or an office code, not both"),
		    label(r, F_OFFICE));
		rc = EXIT_INVALID;
	} else if (*v[F_TEXT] == '\0') {
		set_cause(&cause, _("%s: expected some text"), label(r, F_TEXT));
		rc = EXIT_INVALID;
	} else if (r->kind == RECORD_ORDER && *v[F_DUE] == '\0') {
		set_cause(&cause, _("%s: expected a date (YYYY-MM-DD) from today on"),
		    label(r, F_DUE));
		rc = EXIT_INVALID;
	} else
		rc = record_new(ui->s, r->kind, &in, &id, due, &cause);
	if (rc == EXIT_OK) {
		if (r->kind == RECORD_ORDER)
			ui_message(ui, 0, _("supervision order %lld issued, due %s"), id, due);
		else
			ui_message(ui, 0, _("complaint %lld logged, to be accepted by %s"), id, due);
		free(cause);
		ui->generation++;
	} else {
		/* "--due: ..." from the service names the field instead. */
		if (cause && strncmp(cause, "--due", 5) == 0) {
			struct sb t = SB_INIT;

			sb_addf(&t, "%s%s", label(r, F_DUE), cause + 5);
			free(cause);
			cause = xstrdup(t.buf);
			sb_release(&t);
		}
		free(r->error);
		r->error = cause ? cause : xstrdup("?");
		/* A small window has no room under the form: the message line says it. */
		if (ui->rows < 16)
			ui_message(ui, 1, "%s", r->error);
	}
	for (i = 0; i < 4; i++)
		free(v[i]);
	return rc == EXIT_OK ? UI_HANDLED | UI_BACK : UI_HANDLED | UI_REDRAW;
}

static int
recnew_key(struct ui *ui, void *state, struct ui_key k)
{
	struct recnew *r = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int rc;

	if (!k.fkey && k.ch == 27)
		return UI_HANDLED | UI_BACK;
	if (k.fkey && k.ch == KEY_F(2))
		return submit(ui, r);
	if (enter || (!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		r->focus = (r->focus + 1) % r->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		r->focus = (r->focus + r->n - 1) % r->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (r->kind == RECORD_COMPLAINT && r->focus == 3) {
		if (k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
			r->missing = !r->missing;
			return UI_HANDLED | UI_REDRAW;
		}
		return UI_IGNORED;
	}
	rc = ui_field_key(&r->f[r->focus], k);
	if (rc & UI_HANDLED)
		r->changed = 1;
	return rc;
}

static int
recnew_typing(struct ui *ui, void *state)
{
	struct recnew *r = state;

	(void)ui;
	return !(r->kind == RECORD_COMPLAINT && r->focus == 3);
}

static void
recnew_leave(struct ui *ui, void *state)
{
	struct recnew *r = state;

	(void)ui;
	free(r->error);
	free(r);
}

const struct screen screen_record_new = {
	.name = "new record",
	.enter = recnew_enter,
	.draw = recnew_draw,
	.key = recnew_key,
	.leave = recnew_leave,
	.typing = recnew_typing,
};
