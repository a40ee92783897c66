/*
 * Help: the keys that work everywhere and on the screen below.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "i18n.h"
#include "ui.h"

static void
help_draw(struct ui *ui, void *state)
{
	static const char *const lines[] = {
		"/", N_("look up a case by number, applicant ID, name or phone"),
		"Enter", N_("open the selected case"),
		"↑ ↓ PgUp PgDn", N_("move in lists and scroll"),
		"q  Esc", N_("go back (q quits from the home screen)"),
		"F1  ?", N_("this help"),
		"F10", N_("quit from anywhere"),
		"P  F", N_("from home: investment projects, the flowcharts"),
		"Ctrl-L", N_("repaint the screen"),
		"Ctrl-U", N_("clear a text field"),
		NULL
	};
	static const char *const keys[] = { "q", N_("back"), "F10", N_("quit"), NULL };
	int i, y = 2;

	(void)state;
	ui_title(ui, _("tongban · help"));
	for (i = 0; lines[i] != NULL && y < ui->rows - 3; i += 2, y++) {
		attrset(A_BOLD);
		ui_put(y, 2, 16, lines[i]);
		attrset(A_NORMAL);
		ui_put(y, 20, ui->cols - 21, _(lines[i + 1]));
	}
	if (y + 1 < ui->rows - 3)
		ui_put(y + 1, 2, ui->cols - 3,
		    _("Every screen works at 80x24 and follows window resizes."));
	ui_keybar(ui, keys);
}

static int
help_key(struct ui *ui, void *state, struct ui_key k)
{
	(void)ui;
	(void)state;
	if (!k.fkey && (k.ch == L'?' || k.ch == L'\r' || k.ch == L'\n'))
		return UI_BACK;
	return UI_IGNORED;
}

const struct screen screen_help = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
};
