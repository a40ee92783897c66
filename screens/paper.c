/*
 * Papers on the console: the case's papers (受理通知书, 一次性告知书, 不予受理
 * 决定书, 送达回证) shown as they print; ←→ another paper, p prints it on the
 * printer beside the clerk's terminal through the terminal's print
 * controller mode (ESC [5i ... ESC [4i: PuTTY, Xshell and SecureCRT pass
 * what is between to the local printer), in the terminal's encoding.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paper.h"
#include "ui.h"
#include "util.h"

struct paper {
	char no[32];
	int avail[PAPER_KINDS];
	int k;
	struct sb text;
	int top;
	int width;		/* the columns the text was laid out for */
};

static void
load(struct ui *ui, struct paper *p)
{
	char *cause = NULL;

	/* Shown at the window's width (a narrow one wraps it); printed at 72. */
	int w = ui->cols - 2 < 72 ? (ui->cols - 2 < 32 ? 32 : ui->cols - 2) : 72;

	sb_reset(&p->text);
	p->top = 0;
	p->width = w;
	if (paper_text(ui->s, p->no, paper_kinds[p->k], w, &p->text, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
	}
}

static void *
paper_enter(struct ui *ui, const void *arg)
{
	struct paper *p;
	char *cause = NULL;
	int i;

	p = xcalloc(1, sizeof *p);
	snprintf(p->no, sizeof p->no, "%s", (const char *)arg);
	if (paper_available(ui->s, p->no, p->avail, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
		free(p);
		return NULL;
	}
	/* The latest paper first: what the clerk is about to hand over. */
	for (p->k = -1, i = 0; i < PAPER_KINDS; i++)
		if (p->avail[i])
			p->k = i;
	if (p->k < 0) {
		ui_message(ui, 1, "%s", _("no paper yet: the case has not been accepted, refused, "
		    "sent a supplement notice or delivered"));
		free(p);
		return NULL;
	}
	sb_init(&p->text);
	load(ui, p);
	return p;
}

static void
paper_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"←→", N_("another paper"), "p", N_("print"), "↑↓", N_("scroll"), "q", N_("back"), NULL
	};
	struct paper *p = state;
	char title[160];
	const char *s;
	int y = 2, n = 0, w = ui->cols - 2 < 72 ? (ui->cols - 2 < 32 ? 32 : ui->cols - 2) : 72;

	if (w != p->width)
		load(ui, p);	/* the window was resized */
	s = p->text.buf ? p->text.buf : "";

	snprintf(title, sizeof title, "%s · %s", paper_title(paper_kinds[p->k]), p->no);
	ui_title(ui, title);
	while (*s && y < ui->rows - 2) {
		const char *nl = strchr(s, '\n');
		char *line = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);

		if (n++ >= p->top)
			ui_put(y++, 1, ui->cols - 2, line);
		free(line);
		s = nl ? nl + 1 : s + strlen(s);
	}
	ui_keybar(ui, keys);
}

/* The print controller: what is between ESC [5i and ESC [4i goes to the
 * terminal's printer, not the screen. Lines end in CR LF for the printer. */
static void
print(struct ui *ui, struct paper *p)
{
	struct sb a4 = SB_INIT;

	if (paper_text(ui->s, p->no, paper_kinds[p->k], 72, &a4, NULL) != 0) {
		sb_release(&a4);
		return;
	}
	ui_print(ui, a4.buf);
	sb_release(&a4);
	ui_message(ui, 0, _("%s sent to the printer of your terminal (none there? case paper NO "
	    "--format pdf makes a file)"), paper_title(paper_kinds[p->k]));
}

static int
paper_key(struct ui *ui, void *state, struct ui_key k)
{
	struct paper *p = state;
	int i;

	if (!k.fkey && k.ch == L'p') {
		print(ui, p);
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		for (i = 1; i <= PAPER_KINDS; i++) {
			int j = (p->k + (k.ch == KEY_RIGHT ? i : PAPER_KINDS - i)) % PAPER_KINDS;

			if (p->avail[j]) {
				p->k = j;
				break;
			}
		}
		load(ui, p);
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_DOWN) {
		p->top++;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_UP && p->top > 0) {
		p->top--;
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_IGNORED;
}

static void
paper_leave(struct ui *ui, void *state)
{
	struct paper *p = state;

	(void)ui;
	sb_release(&p->text);
	free(p);
}

const struct screen screen_paper = {
	.name = "paper",
	.enter = paper_enter,
	.draw = paper_draw,
	.key = paper_key,
	.leave = paper_leave,
};
