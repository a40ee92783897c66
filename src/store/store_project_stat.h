/*
 * Which projects a list or a supervision figure looks at (store_project_stat.c):
 * the project numbers matching a filter, newest first. Kept apart from
 * store.h so that the projects' own store (store_project.c) and these
 * lists grow without touching each other's lines; the interface is the
 * same kind as store.h's.
 */
#ifndef TONGBAN_STORE_PROJECT_STAT_H
#define TONGBAN_STORE_PROJECT_STAT_H

#include "store.h"

/* A filter of projects: each range [lo, hi) or office narrows to the
 * projects it matches, and a project matches when it matches any of those
 * set (none set: every project). */
struct project_filter {
	const char *site_lo, *site_hi;	/* the site's region code */
	const char *hall_lo, *hall_hi;	/* the region of the hall that opened it */
	const char *office;		/* a case of the project routed to this office */
	long limit;			/* 0: no limit */
};

/* Call fn with each matching project's number, newest first (opened, then
 * id); fn returns non-zero to stop. 0, or -1 when the store failed. */
int store_project_nos(struct store *st, const struct project_filter *f,
    int (*fn)(void *arg, const char *no), void *arg);

#endif
