/*
 * Drawings of flowcharts and projects as lines of text that fit a width in
 * terminal cells: the console's flowchart diagram and project view are made
 * of them, and the unit tests read them without a terminal.
 *
 * Invariants: every line's text is valid UTF-8 whose display width (CJK
 * characters two cells) is at most the width asked for; a name that does
 * not fit is cut by display width with "…" and its whole text is kept in
 * the line's full, for the reader to see on request. Nothing here knows of
 * curses: a line says what it shows (an item, a case, a joint office) and
 * which light it carries, and the screen decides the colours.
 */
#ifndef TONGBAN_FLOWDRAW_H
#define TONGBAN_FLOWDRAW_H

#include "project.h"

enum draw_kind {
	DRAW_TEXT,		/* a frame, a rule, a heading */
	DRAW_STAGE,		/* a stage's heading */
	DRAW_ITEM,		/* a catalog item of a flowchart's stage */
	DRAW_CASE,		/* a case of a project's stage */
	DRAW_JOINT,		/* a joint step's heading */
	DRAW_FINDING,		/* one office's findings of a joint step (or none yet) */
	DRAW_TOTAL		/* the flowchart's or the project's total */
};

struct draw_line {
	char *text;		/* at most the drawing's width in cells */
	char *full;		/* the whole name or findings when text cuts them; NULL */
	enum draw_kind kind;
	int stage;		/* the stage's index (0-based); -1 none */
	int index;		/* the item's, case's or joint's index in the stage; -1 */
	int office;		/* DRAW_FINDING: the office's index in the joint; -1 */
	int light;		/* enum light shown on the line, LIGHT_NONE (0) when none */
	int light_x;		/* the cell where the light's mark begins */
	int strong;		/* drawn bold: headings, the critical case */
	int critical;		/* the case that holds the project back now */
};

struct drawing {
	struct draw_line *lines;
	int n, cap;
	int width;
};

void drawing_release(struct drawing *d);

/* The flowchart f as boxes, one per stage from top to bottom (the order
 * they run in), each with its limit, its items (which run in parallel) and
 * its joint step; then the total against the time it replaced. */
void flowdraw_flowchart(const struct flowchart *f, int width, struct drawing *d);

/* The stages of project p in order, each with its clock and light, its
 * cases (item, office, status, light, days used, due; those out of the
 * reader's sight counted only), the critical case marked, and its joint
 * steps with each office's findings or "waiting". f names the stages and
 * the items of those not reached yet (NULL: numbers only). */
void flowdraw_project(const struct project *p, const struct flowchart *f, int width,
    struct drawing *d);

/* The index of the line of the critical case in d, or -1. */
int flowdraw_critical_line(const struct drawing *d);

/* s cut to at most w cells, "…" marking a cut (heap). */
char *flowdraw_cut(const char *s, int w);

#endif
