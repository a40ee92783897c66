/*
 * A drawing on the console, with a selection over its lines that show
 * something to act on; see drawview.h.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "drawview.h"
#include "util.h"

static int
selectable(const struct draw_line *l)
{
	return l->kind == DRAW_ITEM || l->kind == DRAW_CASE || l->kind == DRAW_JOINT ||
	    l->kind == DRAW_FINDING;
}

/* Two lines show the same thing (a case drawn over two lines). */
static int
same(const struct draw_line *a, const struct draw_line *b)
{
	return a->kind == b->kind && a->stage == b->stage && a->index == b->index &&
	    a->office == b->office;
}

void
drawview_release(struct drawview *v)
{
	drawing_release(&v->d);
	v->sel = -1;
	v->top = 0;
}

void
drawview_set(struct drawview *v, struct drawing *d)
{
	struct draw_line old;
	int i, had = v->sel >= 0 && v->sel < v->d.n;

	memset(&old, 0, sizeof old);
	if (had)
		old = v->d.lines[v->sel];
	old.text = old.full = NULL;
	drawing_release(&v->d);
	v->d = *d;
	memset(d, 0, sizeof *d);
	v->sel = -1;
	for (i = 0; had && i < v->d.n; i++)
		if (selectable(&v->d.lines[i]) && same(&v->d.lines[i], &old)) {
			v->sel = i;
			break;
		}
	for (i = 0; v->sel < 0 && i < v->d.n; i++)
		if (selectable(&v->d.lines[i]))
			v->sel = i;
	if (v->top >= v->d.n)
		v->top = 0;
	v->follow = 1;
}

const struct draw_line *
drawview_selected(const struct drawview *v)
{
	return v->sel >= 0 && v->sel < v->d.n ? &v->d.lines[v->sel] : NULL;
}

int
drawview_select(struct drawview *v, enum draw_kind kind, int stage, int index)
{
	int i;

	for (i = 0; i < v->d.n; i++)
		if (v->d.lines[i].kind == kind && v->d.lines[i].stage == stage &&
		    v->d.lines[i].index == index) {
			v->sel = i;
			return 0;
		}
	return -1;
}

/* The last line of the selected group. */
static int
sel_end(const struct drawview *v)
{
	int e = v->sel;

	while (e + 1 < v->d.n && same(&v->d.lines[e + 1], &v->d.lines[v->sel]))
		e++;
	return e;
}

static void
follow_sel(struct drawview *v, int h)
{
	int e;

	if (h < 1)
		h = 1;
	if (v->sel >= 0 && v->follow) {
		e = sel_end(v);
		/* The heading just above the selection comes into view with it. */
		if (v->sel <= v->top)
			v->top = v->sel > 0 ? v->sel - 1 : 0;
		if (e >= v->top + h)
			v->top = e - h + 1;
	}
	if (v->top > v->d.n - h)
		v->top = v->d.n - h;
	if (v->top < 0)
		v->top = 0;
}

void
drawview_draw(struct ui *ui, struct drawview *v, int y, int h)
{
	int i, e = v->sel >= 0 ? sel_end(v) : -1, w = ui->cols < v->d.width ? ui->cols : v->d.width;

	follow_sel(v, h);
	for (i = 0; i < h; i++) {
		int r = v->top + i;
		const struct draw_line *l;
		int on;

		move(y + i, 0);
		clrtoeol();
		if (r >= v->d.n)
			continue;
		l = &v->d.lines[r];
		on = v->sel >= 0 && r >= v->sel && r <= e;
		attrset((on ? A_REVERSE : A_NORMAL) | (l->strong ? A_BOLD : 0) |
		    (l->critical && !on ? ui_attr_light(ui, LIGHT_RED) : 0));
		if (on)
			ui_put_pad(y + i, 0, w, l->text);
		else
			ui_put(y + i, 0, w, l->text);
		/* The light in its colour, over its own cells. */
		if (l->light > LIGHT_NONE && !on && l->light_x < w)
			ui_light(ui, y + i, l->light_x, (enum light)l->light);
		attrset(A_NORMAL);
	}
	/* More below or above: said in the last column. */
	if (v->top > 0)
		ui_put(y, ui->cols - 1, 1, "↑");
	if (v->top + h < v->d.n)
		ui_put(y + h - 1, ui->cols - 1, 1, "↓");
}

void
drawview_full(struct ui *ui, struct drawview *v, int y, int h)
{
	const struct draw_line *l = drawview_selected(v);
	int i;

	for (i = 0; i < h; i++) {
		move(y + i, 0);
		clrtoeol();
	}
	if (l == NULL || h <= 0)
		return;
	attrset(ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
	ui_put_wrapped(y, 1, ui->cols - 2, h, l->full ? l->full : l->text);
	attrset(A_NORMAL);
}

int
drawview_key(struct drawview *v, struct ui_key k, int h)
{
	int i, old = v->sel, oldtop = v->top;

	if (!k.fkey && (k.ch == L'j' || k.ch == L'k'))
		k.fkey = 1, k.ch = k.ch == L'j' ? KEY_DOWN : KEY_UP;
	if (!k.fkey)
		return UI_IGNORED;
	switch (k.ch) {
	case KEY_DOWN:
		for (i = v->sel < 0 ? 0 : sel_end(v) + 1; i < v->d.n; i++)
			if (selectable(&v->d.lines[i]))
				break;
		if (i < v->d.n)
			v->sel = i;
		else
			v->top = v->d.n - h;	/* the last one: show what is under it */
		break;
	case KEY_UP:
		for (i = v->sel - 1; i >= 0; i--)
			if (selectable(&v->d.lines[i]) && (v->sel < 0 ||
			    !same(&v->d.lines[i], &v->d.lines[v->sel])))
				break;
		if (i >= 0) {
			while (i > 0 && same(&v->d.lines[i - 1], &v->d.lines[i]))
				i--;
			v->sel = i;
		} else
			v->top = 0;
		break;
	case KEY_NPAGE:
		v->top += h;
		if (v->top > v->d.n - h)
			v->top = v->d.n - h;
		if (v->top < 0)
			v->top = 0;
		for (i = v->top; i < v->d.n && !selectable(&v->d.lines[i]); i++)
			;
		if (i < v->d.n && v->sel < v->top)
			v->sel = i;
		break;
	case KEY_PPAGE:
		v->top -= h;
		if (v->top < 0)
			v->top = 0;
		for (i = v->top + h - 1; i >= v->top && i < v->d.n && !selectable(&v->d.lines[i]); i--)
			;
		if (i >= v->top && i < v->d.n && v->sel > v->top + h - 1) {
			while (i > 0 && same(&v->d.lines[i - 1], &v->d.lines[i]))
				i--;
			v->sel = i;
		}
		break;
	case KEY_HOME:
		v->top = 0;
		for (i = 0; i < v->d.n && !selectable(&v->d.lines[i]); i++)
			;
		if (i < v->d.n)
			v->sel = i;
		break;
	case KEY_END:
		v->top = v->d.n - h;
		for (i = v->d.n - 1; i >= 0 && !selectable(&v->d.lines[i]); i--)
			;
		if (i >= 0) {
			while (i > 0 && same(&v->d.lines[i - 1], &v->d.lines[i]))
				i--;
			v->sel = i;
		}
		break;
	default:
		return UI_IGNORED;
	}
	if (v->top < 0)
		v->top = 0;
	v->follow = v->sel != old;
	return v->sel != old || v->top != oldtop ? UI_HANDLED | UI_REDRAW : UI_HANDLED;
}
