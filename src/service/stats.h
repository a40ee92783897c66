/*
 * Supervision figures without scanning cases. stats_case_change() keeps the
 * summary tables in step with every change of a case, inside the caller's
 * transaction; stats_dashboard() reads them, so a refresh costs the same at
 * 20 thousand cases and at 10 million.
 */
#ifndef TONGBAN_STATS_H
#define TONGBAN_STATS_H

#include "clock.h"
#include "model.h"
#include "case.h"
#include "store.h"

/* Move c's contribution: before (NULL for a new case) out, after in. */
int stats_case_change(struct store *st, const struct tcase *before, const struct tcase *after,
    char **cause);
/* Bring the lights to today once a day (its own transaction); 0 or -1. */
int stats_roll(struct store *st, int today, char **cause);

#define DASH_AREAS 64
#define DASH_DAYS 30
#define DASH_TOP 5
#define DASH_ANOMALIES 16

struct dash_area {
	char code[16];
	char name[96];
	long open, yellow, red;
};

struct dash_top {
	char code[48];
	char name[192];
	char step[96];
	int seq;		/* the step's number in its item (bottlenecks) */
	long n;
	int median, p90;	/* working days waited (bottlenecks) */
	int limit;
};

struct dash_anomaly {
	char kind[24];
	long n;
};

struct dash {
	char scope[16];			/* region prefix */
	char scope_name[96];
	long open, green, yellow, red;
	long by_status[10];		/* in the order of tcase_statuses */
	long received_today, finished_today;
	long month_finished, month_on_time;
	long received[DASH_DAYS], finished[DASH_DAYS];	/* oldest first, ending today */
	struct dash_area areas[DASH_AREAS];
	int nareas;
	long deemed;			/* unanswered past 5 working days */
	/* The analysis part from here on (stats_dashboard_analysis). */
	struct dash_top offices[DASH_TOP];
	int noffices;
	struct dash_top bottlenecks[DASH_TOP];
	int nbottlenecks;
	struct dash_anomaly anomalies[DASH_ANOMALIES];
	int nanomalies;
	long step_late;			/* open cases whose step is late */
};

/* Compute the figures for the region subtree with prefix (e.g. "50", "500229"):
 * the live part (totals, lights, grid, the last 30 days: a few hundred
 * summary rows at any size), the analysis (offices in red, where cases
 * wait, anomalies), or both. 0, or -1 when the store failed (store_error). */
int stats_dashboard_live(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d);
int stats_dashboard_analysis(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d);
int stats_dashboard(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d);

/*
 * The drill-downs: what each figure counts, as a list of cases. The figure
 * and the length of the list are the same number (tests/unit/t_reconcile.c).
 */
enum dash_fig {
	DASH_OPEN,		/* open cases handled in the scope */
	DASH_LIGHT,		/* i: LIGHT_GREEN, LIGHT_YELLOW or LIGHT_RED */
	DASH_STATUS,		/* i: the index in tcase_statuses */
	DASH_RECEIVED,		/* received today */
	DASH_FINISHED,		/* completed today */
	DASH_MONTH,		/* completed this month (on time or late) */
	DASH_AREA,		/* i: the area's open cases */
	DASH_AREA_YELLOW,	/* i: the area's yellow ones */
	DASH_AREA_RED,		/* i: the area's red ones */
	DASH_BOTTLENECK,	/* i: waiting in that step of that item */
	DASH_OFFICE,		/* i: the office's red cases */
	DASH_ANOMALY		/* i: the anomaly's cases (or records, or halls) */
};
/* What a figure's list is made of. */
enum dash_list { DASH_LIST_NONE = -1, DASH_LIST_CASES, DASH_LIST_LATE, DASH_LIST_APPTS,
	DASH_LIST_HALLS };
/* The list behind figure fig (i as above) of d, computed for day today:
 * cases (q), late supervision records (q->anomaly: order, complaint or
 * rectification; record_late over the last 30 days), appointments past
 * their response time, or busy halls (stats_busy_halls); *n is the figure. */
enum dash_list stats_drill(const struct dash *d, enum dash_fig fig, int i, int today,
    struct case_query *q, long *n);
/* The halls of the anomaly busy_hall: received today at least twice their
 * usual day, and at least 5. */
typedef int (*stats_hall_fn)(void *arg, const char *hall, const char *name, long today,
    double usual);
int stats_busy_halls(struct store *st, const struct calendar *cal, const char *prefix,
    int today, stats_hall_fn fn, void *arg);

#endif
