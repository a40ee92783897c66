/*
 * A drawing (src/service/flowdraw.h) on the console: its lines scroll, the
 * arrow keys move a selection over the lines that show something to act
 * on (an item, a case, a joint step, an office's findings), the selected
 * one is reversed and its whole text is shown under the drawing. Lights
 * are coloured where the line says they are.
 */
#ifndef TONGBAN_DRAWVIEW_H
#define TONGBAN_DRAWVIEW_H

#include "flowdraw.h"
#include "ui.h"

struct drawview {
	struct drawing d;
	int sel;		/* the first line of the selected group; -1: none */
	int top;
	int follow;		/* the view follows the selection (not after a page key) */
};

/* Take d (the view owns it from now on), keeping the selection on the same
 * thing when it is still there, else on the first one to select. */
void drawview_set(struct drawview *v, struct drawing *d);
void drawview_release(struct drawview *v);
/* Draw the lines from y, h lines high, scrolled to show the selection. */
void drawview_draw(struct ui *ui, struct drawview *v, int y, int h);
/* The selected line's whole text over lines y .. y + h - 1 (dim). */
void drawview_full(struct ui *ui, struct drawview *v, int y, int h);
/* Arrows, PgUp, PgDn, Home, End: flags of ui.h. */
int drawview_key(struct drawview *v, struct ui_key k, int h);
/* The selected line, or NULL. */
const struct draw_line *drawview_selected(const struct drawview *v);
/* Select the first line of kind at stage, index (office -1: any); 0, -1. */
int drawview_select(struct drawview *v, enum draw_kind kind, int stage, int index);

#endif
