/*
 * The case service: what every door asks of a case before it shows or
 * changes it. A case outside the user's sight reads exactly like one that
 * does not exist; a store failure is an error of its own, never "not found".
 * Actions and intake are in lifecycle.h.
 */
#ifndef TONGBAN_CASE_H
#define TONGBAN_CASE_H

#include "model.h"
#include "session.h"
#include "store.h"

/* Load case no for the session's user into k: 0; EXIT_NOTFOUND when it does
 * not exist or is out of sight; EXIT_INTERNAL when the store failed. *cause
 * says which. On success release k with tcase_release. */
int case_get(struct session *s, const char *no, struct tcase *k, char **cause);

/* The on-time verdict as people read it: "on time", "late", or "" for a
 * case that never ran a clock to its end (withdrawn, not accepted, open). */
const char *case_verdict(const struct tcase *k);

/* A case of the same applicant for the same item that is still open, or
 * was taken in today, among those the user may see: 1 with its number and
 * day of submission, 0 when none, -1 when the store failed. Shown before a
 * second application is filed, so that a double intake is a choice. */
int case_same_open(struct session *s, const char *applicant, const char *item, char no[32],
    char day[11]);

/*
 * A list of cases as a figure of the dashboard counts them (stats_drill),
 * held in the query's own arrays so that it can be copied to a screen. The
 * same list is `case find` with the options case_query_args writes.
 */
#define CASE_LATE_DAYS 366	/* step limits the step_late filter knows */
struct case_query {
	char title[192];
	char region[16];	/* submitted, handled or lived in there */
	char area[16];		/* handled by an office of this region ... */
	int area_exact;		/* ... exactly, not its subtree */
	char office[48];
	char item[48];
	char status[24];
	char anomaly[24];	/* cases with a recorded anomaly of this kind ... */
	char anomaly_from[11], anomaly_to[11];	/* ... recorded in this period */
	char from[11], to[11];	/* submitted */
	char finished_from[11], finished_to[11];	/* completed */
	int on_time;		/* 1 on time, 2 late, 0 either */
	int light;		/* enum light; LIGHT_NONE: any */
	int open_only;
	int by_step, step;	/* waiting in this step of its item */
	int step_late;		/* waiting in its step past the step's limit */
	int pledge_overdue;	/* pledged materials outstanding past their day */
	int suspend_overdue;	/* suspended past the period told (art. 45) */
	int newest;		/* newest first, not most urgent first */
	char late_days[10 * (CASE_LATE_DAYS + 1) + 1];	/* filled by case_query_filter */
};

/* Point f at q's criteria (q must outlive f); today is the day of the lights
 * and of step_late; f->today is left for the caller. */
void case_query_filter(struct case_query *q, const struct calendar *cal, int today,
    struct case_filter *f);
/* The `case find` options that list the same cases, e.g. "--area 500229
 * --open --light red", into buf. */
void case_query_args(const struct case_query *q, char *buf, size_t n);
/* The last day a wait may have begun to be late today, per step limit (see
 * case_filter.step_late), into buf (10 * (CASE_LATE_DAYS + 1) + 1 bytes). */
void case_late_days(const struct calendar *cal, int today, char *buf);

#endif
