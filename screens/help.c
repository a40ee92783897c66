/*
 * Help (F1 or ?): every key of the screen below -- its work keys as its key
 * bar names them, even those the bar had no room for -- then the keys that
 * work everywhere. Scrolls at 40x12.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

struct help {
	const char *const *bar;	/* the screen below's key bar, or NULL */
	int top;
};

static const char *const global[] = {
	"/", N_("look up a case by number, applicant ID, name or phone"),
	"Enter", N_("open the selected row"),
	"↑ ↓ PgUp PgDn", N_("move in lists and scroll"),
	"Tab  Shift-Tab", N_("next or previous field of a form"),
	"q  Esc", N_("go back (q on the home screen asks before logging out)"),
	"F1  ?", N_("this help"),
	"F10", N_("quit from anywhere"),
	"F3", N_("read the last message whole"),
	":", N_("run a command, as over ssh (↑ recalls earlier ones)"),
	"Ctrl-L", N_("repaint the screen"),
	"Ctrl-U", N_("clear a text field"),
	"Ctrl-C", N_("cancel a form, keeping what was typed as a draft"),
	"Ctrl-\\  Ctrl-Z", N_("do nothing: the session never ends by a stray key"),
	NULL
};

static void *
help_enter(struct ui *ui, const void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);

	(void)arg;
	h->bar = ui->bar;
	return h;
}

/* Lines of the help: heading (key NULL) or a key and what it does. */
static int
help_line(const struct help *h, int i, const char **key, const char **what)
{
	int n = 0, j;

	if (h->bar != NULL) {
		if (i == n++) {
			*key = NULL;
			*what = _("On this screen");
			return 1;
		}
		for (j = 0; h->bar[j] != NULL && h->bar[j + 1] != NULL; j += 2)
			if (i == n++) {
				*key = h->bar[j];
				*what = _(h->bar[j + 1]);
				return 1;
			}
		if (i == n++) {
			*key = *what = "";
			return 1;
		}
	}
	if (i == n++) {
		*key = NULL;
		*what = _("Everywhere");
		return 1;
	}
	for (j = 0; global[j] != NULL; j += 2)
		if (i == n++) {
			*key = global[j];
			*what = _(global[j + 1]);
			return 1;
		}
	return 0;
}

static void
help_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"↑↓", N_("scroll"), "q", N_("back"), "F10", N_("quit"), NULL
	};
	struct help *h = state;
	const char *key, *what;
	int y = 2, i, kw = ui->cols >= 60 ? 16 : 10;
	const char *const *bar = h->bar;

	ui_title(ui, _("tongban · help"));
	for (i = h->top; y < ui->rows - 2 && help_line(h, i, &key, &what); i++, y++) {
		if (key == NULL) {
			attrset(A_BOLD | A_UNDERLINE);
			ui_put(y, 1, ui->cols - 2, what);
			attrset(A_NORMAL);
			continue;
		}
		attrset(A_BOLD);
		ui_put(y, 2, kw, key);
		attrset(A_NORMAL);
		ui_put(y, kw + 3, ui->cols - kw - 4, what);
	}
	ui_keybar(ui, keys);
	ui->bar = bar;	/* F1 again on the help still describes the screen below */
}

static int
help_key(struct ui *ui, void *state, struct ui_key k)
{
	struct help *h = state;
	const char *key, *what;

	(void)ui;
	if (!k.fkey && (k.ch == L'?' || k.ch == L'\r' || k.ch == L'\n'))
		return UI_BACK;
	if (k.fkey && k.ch == KEY_DOWN && help_line(h, h->top + ui->rows - 4, &key, &what)) {
		h->top++;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_UP && h->top > 0) {
		h->top--;
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_IGNORED;
}

static void
help_leave(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

const struct screen screen_help = {
	.name = "help",
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.leave = help_leave,
};
