/*
 * A text read whole: a timeline note, a conflict message or a guide that a
 * row of a list cuts off. The text is wrapped to the window's width (CJK
 * characters two columns, words of Latin letters kept whole) and scrolls;
 * nothing is cut without a way to read it.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

struct textview {
	char *title;
	char *text;
	int top;		/* the first wrapped line shown */
};

static void *
text_enter(struct ui *ui, const void *arg)
{
	struct textview *t = xcalloc(1, sizeof *t);
	const char *a = arg ? arg : "", *nl = strchr(a, '\n');

	(void)ui;
	t->title = nl ? xstrndup(a, (size_t)(nl - a)) : xstrdup(a);
	t->text = xstrdup(nl ? nl + 1 : "");
	return t;
}

/* Draw the wrapped lines from top on rows y..y+h-1 (h <= 0: only count
 * them); the number of wrapped lines of the whole text. */
static int
lines(struct textview *t, int w, int y, int h)
{
	const char *p = t->text;
	int n = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		char *para = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		const char *q = para;

		do {
			const char *e = *q ? ui_wrap_end(q, w) : q;

			if (h > 0 && n >= t->top && n < t->top + h) {
				char *line = xstrndup(q, (size_t)(e - q));

				ui_put(y + n - t->top, 1, w, line);
				free(line);
			}
			n++;
			q = e;
			while (*q == ' ')
				q++;
		} while (*q);
		free(para);
		p = nl ? nl + 1 : p + strlen(p);
	}
	return n;
}

static void
text_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"↑↓", N_("scroll"), "PgUp PgDn", N_("page"), "q", N_("back"), NULL
	};
	struct textview *t = state;
	int w = ui->cols - 2, h = ui->rows - 4, n = lines(t, w, 0, 0);

	if (t->top > n - h)
		t->top = n - h > 0 ? n - h : 0;
	ui_title(ui, t->title);
	lines(t, w, 2, h);
	if (n > h) {
		char buf[64];

		snprintf(buf, sizeof buf, _("lines %d-%d of %d"), t->top + 1,
		    t->top + h < n ? t->top + h : n, n);
		ui_put(ui->rows - 2, ui->cols - 1 - utf8_width(buf), utf8_width(buf), buf);
	}
	ui_keybar(ui, keys);
}

static int
text_key(struct ui *ui, void *state, struct ui_key k)
{
	struct textview *t = state;
	int h = ui->rows - 4;

	if (!k.fkey)
		return UI_IGNORED;
	switch (k.ch) {
	case KEY_DOWN:
		t->top++;
		break;
	case KEY_UP:
		if (t->top > 0)
			t->top--;
		break;
	case KEY_NPAGE:
		t->top += h > 1 ? h - 1 : 1;
		break;
	case KEY_PPAGE:
		t->top = t->top > h - 1 ? t->top - (h - 1) : 0;
		break;
	case KEY_HOME:
		t->top = 0;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED | UI_REDRAW;
}

static void
text_leave(struct ui *ui, void *state)
{
	struct textview *t = state;

	(void)ui;
	free(t->title);
	free(t->text);
	free(t);
}

const struct screen screen_text = {
	.name = "text",
	.enter = text_enter,
	.draw = text_draw,
	.key = text_key,
	.leave = text_leave,
};
