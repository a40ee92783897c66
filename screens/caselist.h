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
};

/* Replace the list's cases with those matching f in the user's scope. */
int caselist_load(struct ui *ui, struct caselist *cl, struct case_filter *f);
/* Replace the list's cases with an office's worklist (see store_worklist). */
int caselist_load_worklist(struct ui *ui, struct caselist *cl, const char *office,
    const char *hall);
void caselist_release(struct caselist *cl);
/* Header line for the columns. */
void caselist_header(struct ui *ui, int y);
/* Open the selected case's detail screen. */
int caselist_open(struct ui *ui, struct caselist *cl);

#endif
