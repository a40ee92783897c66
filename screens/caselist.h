/*
 * A list of cases (search results, recent cases, later the worklist) over
 * the list widget: load with a filter in the user's scope, draw a row per
 * case with its light, open the selected one.
 */
#ifndef TONGBAN_CASELIST_H
#define TONGBAN_CASELIST_H

#include "ui.h"

struct caselist {
	struct ui_list list;
	struct tcase *cases;
	int n, cap;
	/* What was loaded, to read the next page (keyset after the last row)
	 * or the same rows again: the filter with its own copies of strings,
	 * or an office's worklist. */
	struct ui *ui;
	struct case_filter f;
	char *strs[24];
	int worklist;		/* 1 the office's worklist, 2 given to the user, 3 to nobody */
	char *office, *hall;
	/* Rows picked for an action on several (the worklist): a '*' after the
	 * number when marked(marked_arg, case) says so. */
	int (*marked)(void *arg, const struct tcase *c);
	void *marked_arg;
	long page;		/* rows per page: the first load's limit */
	int done;		/* the last page was shorter: nothing more */
};

/* Replace the list's cases with those matching f in the user's scope: the
 * first f->limit of them; more are read as the selection moves down. */
int caselist_load(struct ui *ui, struct caselist *cl, struct case_filter *f);
/* Replace the list's cases with an office's worklist (see store_worklist). */
int caselist_load_worklist(struct ui *ui, struct caselist *cl, const char *office,
    const char *hall);
/* The same, of one view: 1 the whole worklist, 2 the cases given to the
 * user, 3 the office's cases given to nobody (store_worklist_given). */
int caselist_load_view(struct ui *ui, struct caselist *cl, const char *office,
    const char *hall, int view);
void caselist_release(struct caselist *cl);
/* Read the same list again (data changed): as many rows as were read. */
int caselist_reload(struct caselist *cl);
/* Header line for the columns. */
void caselist_header(struct ui *ui, int y);
/* Open the selected case's detail screen. */
int caselist_open(struct ui *ui, struct caselist *cl);

#endif
