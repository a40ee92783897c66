/*
 * Tell (告知): record how the applicant was told of a moment of the case --
 * the acceptance, a supplement notice, a suspension, the decision... Only
 * the moments that happened are offered, the first one still owed first.
 * ←→ choose, Tab moves, Enter on the note or F2 records, Esc cancels.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "notice.h"
#include "ui.h"
#include "util.h"

enum { T_MOMENT, T_HOW, T_NOTE };

struct tell {
	char no[32];
	const char *moments[NOTICE_MOMENTS];
	int owed[NOTICE_MOMENTS];
	int n, m, how, focus;
	struct ui_field note;
};

static void *
tell_enter(struct ui *ui, const void *arg)
{
	struct notice_state ns[NOTICE_MOMENTS];
	struct tell *t;
	struct tcase c;
	char *cause = NULL;
	int i, first = -1;

	if (case_get(ui->s, arg, &c, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	snprintf(t->no, sizeof t->no, "%s", c.no);
	if (notice_read(ui->s, &c, ns) == 0)
		for (i = 0; i < NOTICE_MOMENTS; i++)
			if (ns[i].happened[0]) {
				t->owed[t->n] = ns[i].told[0] == '\0';
				if (first < 0 && t->owed[t->n])
					first = t->n;
				t->moments[t->n++] = ns[i].moment;
			}
	tcase_release(&c);
	if (t->n == 0) {
		ui_message(ui, 1, "%s", _("nothing to tell the applicant yet"));
		free(t);
		return NULL;
	}
	t->m = first >= 0 ? first : t->n - 1;
	return t;
}

static void
tell_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"←→", N_("choose"), "Tab", N_("next field"), "F2", N_("record"), "Esc", N_("cancel"),
		NULL
	};
	struct tell *t = state;
	char buf[256], title[128];
	struct sb cmd = SB_INIT;
	char *note = ui_field_text(&t->note);
	/* a narrow window (40x12) gives the choices the room */
	int x = ui->cols < 60 ? 11 : 15, w = ui->cols - x - 2, y;

	snprintf(title, sizeof title, "%s · %s", _("tongban · tell the applicant"), t->no);
	ui_title(ui, title);
	attrset(t->focus == T_MOMENT ? A_BOLD : A_NORMAL);
	ui_put(2, 1, x - 2, _("moment"));
	snprintf(buf, sizeof buf, "◀ %s%s ▶", notice_moment_label(t->moments[t->m]),
	    t->owed[t->m] ? _(" (not told yet)") : _(" (told already)"));
	attrset(t->focus == T_MOMENT ? A_REVERSE : A_NORMAL);
	y = 2 + ui_put_wrapped(2, x, w, 2, buf);	/* wraps rather than cut */
	attrset(t->focus == T_HOW ? A_BOLD : A_NORMAL);
	ui_put(y, 1, x - 2, _("how"));
	snprintf(buf, sizeof buf, "◀ %s ▶", notice_how_label(notice_hows[t->how]));
	attrset(t->focus == T_HOW ? A_REVERSE : A_NORMAL);
	ui_put(y++, x, w, buf);
	attrset(t->focus == T_NOTE ? A_BOLD : A_NORMAL);
	ui_put(y, 1, x - 2, _("note"));
	attrset(A_NORMAL);
	sb_addf(&cmd, "case tell %s %s --how %s", t->no, t->moments[t->m], notice_hows[t->how]);
	if (*note) {
		sb_adds(&cmd, " --note ");
		ui_shell_quote(&cmd, note);
	}
	free(note);
	if (ui->rows >= 12)
		ui_equivalent(ui, ui->rows - 4, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys);
	ui_field_draw(ui, &t->note, y, x, w, t->focus == T_NOTE);
}

static int
tell_submit(struct ui *ui, struct tell *t)
{
	char *note = ui_field_text(&t->note), *cause = NULL;
	int rc = notice_tell(ui->s, t->no, t->moments[t->m], notice_hows[t->how], note, &cause);

	free(note);
	if (rc != EXIT_OK) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		return UI_HANDLED | UI_REDRAW;
	}
	ui->generation++;
	ui_message(ui, 0, _("recorded: the applicant was told of the %s %s"),
	    notice_moment_label(t->moments[t->m]), notice_how_label(notice_hows[t->how]));
	return UI_HANDLED | UI_BACK;
}

static int
tell_key(struct ui *ui, void *state, struct ui_key k)
{
	struct tell *t = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int nhow = 0;

	while (notice_hows[nhow])
		nhow++;
	if (k.fkey && k.ch == KEY_F(2))
		return tell_submit(ui, t);
	if (enter && t->focus == T_NOTE)
		return tell_submit(ui, t);
	if (enter || (!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		t->focus = (t->focus + 1) % 3;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		t->focus = (t->focus + 2) % 3;
		return UI_HANDLED | UI_REDRAW;
	}
	if (t->focus != T_NOTE && k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		int d = k.ch == KEY_RIGHT ? 1 : -1;

		if (t->focus == T_MOMENT)
			t->m = (t->m + d + t->n) % t->n;
		else
			t->how = (t->how + d + nhow) % nhow;
		return UI_HANDLED | UI_REDRAW;
	}
	if (t->focus == T_NOTE)
		return ui_field_key(&t->note, k);
	/* Esc, Ctrl-L, / and : work on the choices as everywhere. */
	return k.fkey || wcschr(L"\033\014/:?", (wchar_t)k.ch) ? UI_IGNORED : UI_HANDLED;
}

static int
tell_typing(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct tell *)state)->focus == T_NOTE;
}

static void
tell_leave(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

const struct screen screen_tell = {
	.name = "tell",
	.enter = tell_enter,
	.draw = tell_draw,
	.key = tell_key,
	.leave = tell_leave,
	.typing = tell_typing,
};
