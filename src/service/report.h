/*
 * The reports on the seed's rhythm (日扫描、周调度、月通报、季分析、年考评):
 * their periods, and the per-office figures and scores they are made of.
 *
 * Each figure is counted from the cases and records of the office over the
 * period [from, to] (README "Reports" repeats these, and the reports print
 * them beside the figures):
 *   H   the items the office received cases of in the period (handled)
 *   C   the items it is competent for: those the intake's routing sends it
 *       (a township centre: the township-level items; a district office:
 *       its department kind's district-level items; a city office: its
 *       kind's items handled at city level only), and any other item in H
 *       (a city office standing in for a district without the department)
 *
 * The five indicators (五度), each a share in [0, 1]; one with nothing to
 * measure (an empty denominator) is 1, nothing having been missed:
 *   I1 服务方式完备度  Σ over H of the channels (window, online,
 *                      self-service) the office took cases of the item in
 *                      through / Σ over H of the channels it could have
 *                      shown: those the catalog allows for the item, but no
 *                      more than its cases of the item (one case shows one
 *                      channel); so an item the catalog keeps off a channel
 *                      costs nothing
 *   I2 服务事项覆盖度  |H| / |C|
 *   I3 办事指南准确度  the items of H without a supplement notice for a
 *                      material the guide does not list (--reason unlisted)
 *                      and without a complaint about such a material, both
 *                      in the period / |H|; a notice for a listed material
 *                      the applicant did not bring says nothing of the guide
 *   I4 在线服务深度    the items of H that can be done wholly online
 *                      (catalog depth 4) of which the office took at least
 *                      one case in online / the items of H at depth 4
 *   I5 在线服务成效度  R × S: the on-time share and the ratings as separate
 *                      factors, so a bad rating never raises it
 *   R  on-time rate    cases completed on time / cases completed (in the period)
 *   S  satisfaction    Σ rating levels / (5 × cases completed), an
 *                      unrated case counting as 4
 * The score is
 *   100 × (0.15·I1 + 0.15·I2 + 0.15·I3 + 0.15·I4 + 0.20·I5 + 0.20·R)
 * rounded half up to tenths, and the bands compare that integer number of
 * tenths: 优秀 ≥ 900, 良好 ≥ 800, 合格 ≥ 600, 不合格 below, so the score
 * printed is the score graded (90.0 is 优秀). An office that completed
 * nothing in the period is not graded.
 *
 * Counts beside them: 超期办结 (late) counts the cases completed late in the
 * period, 当前红灯 (open_red) the open cases red today; a finished case is
 * never open, so no case is in both, and a case counts once among the
 * periods' 超期办结, in the period it was completed.
 */
#ifndef TONGBAN_REPORT_H
#define TONGBAN_REPORT_H

#include "clock.h"
#include "session.h"
#include "store.h"

enum report_kind { REPORT_DAILY, REPORT_WEEKLY, REPORT_MONTHLY, REPORT_QUARTERLY, REPORT_ANNUAL };

struct report_period {
	int from, to;			/* inclusive */
	int prev_from, prev_to;		/* the period before, for trends */
};

/* The formulas in words, one per line, untranslated (N_): the reports
 * and `help report` print them beside the figures. NULL-terminated. */
extern const char *const report_formula[];

int report_kind_parse(const char *s, enum report_kind *k);
/* The kind's stable name ("weekly") and its name in the reader's language. */
const char *report_kind_name(enum report_kind k);
const char *report_kind_label(enum report_kind k);
/* The period of kind that contains day (weeks start on Monday). */
void report_period(enum report_kind k, int day, struct report_period *p);
/* The period a report shows when no day is asked for: the daily scan's is
 * today; the others' the last complete one, the period before the one
 * that contains today (on Monday 2026-11-30, weekly is 11-23 – 11-29). */
void report_default(enum report_kind k, int today, struct report_period *p);
/* Step p one period back (dir < 0) or on (dir > 0): 0; -1 (p unchanged)
 * when that would pass the default period, the last complete one. */
int report_step(enum report_kind k, int today, int dir, struct report_period *p);

/* The region prefix of a report (region NULL: the user's whole scope) for
 * the session's user, who must have the supervision right and may narrow
 * only within their own region (access_narrow): EXIT_OK; EXIT_DENIED or
 * EXIT_NOTFOUND with *cause (heap); EXIT_INTERNAL when the store failed. */
int report_region(struct session *s, const char *region, char prefix[16], char **cause);

struct office_score {
	char office[48];
	char name[192];
	char area[16];
	long received, finished, on_time, late, open_red, open_orders;
	long bad_ratings;		/* completed cases rated 1 or 2 */
	long rating_sum;		/* Σ levels of the completed cases, 4 unrated */
	/* Supervision records of the office past a deadline (store_late_each):
	 * orders, rectifications, and complaints about it. */
	long orders_late, rectify_late, complaints_late;
	long items, handled, accurate;	/* |C|, |H|, I3's numerator */
	long channels_used, channels_allowed;	/* I1's numerator and denominator */
	long online_items, online_done;		/* I4's denominator and numerator */
	double rate, sat, i1, i2, i3, i4, i5;
	long tenths;			/* the score in tenths, rounded half up */
	double score;			/* tenths / 10 */
	int graded;
	const char *band;
};

/* Figures and scores of every office in [lo, hi) active in [from, to]; 0, or
 * -1 when the store failed (*out is still set, to be freed). */
int report_offices(struct store *st, const char *lo, const char *hi, int from, int to,
    int today, struct office_score **out, int *n);
/* The score from the indicators (the formula above), in tenths. */
long report_tenths(double i1, double i2, double i3, double i4, double i5, double r);
/* The band of a score in tenths. */
const char *report_band(long tenths);
/* The band in the reader's language. */
const char *report_band_label(long tenths);

/* The order of the reports' tables: by on-time rate (the daily scan,
 * weekly and monthly: the best first, then fewer red, then the code), or by
 * score (quarterly, annual); offices not graded last. */
void report_sort(struct office_score *v, int n, int by_score);

/* Every office's figures summed: the totals row (office and name empty);
 * rate from the sums, graded when anything was completed. */
void report_total(const struct office_score *v, int n, struct office_score *t);

/* An on-time rate as printed: one decimal of a percentage, or "–" (U+2013)
 * when nothing was completed (den 0). */
void report_rate_text(long num, long den, char buf[16]);
#define REPORT_NONE "–"

/* The figures of an office row (and the totals), each a count of cases or
 * of supervision records. */
enum report_figure {
	FIG_RECEIVED,		/* cases submitted in the period */
	FIG_FINISHED,		/* cases completed in the period */
	FIG_ON_TIME,		/* ... of them on time */
	FIG_LATE,		/* ... of them late (超期办结) */
	FIG_OPEN_RED,		/* open cases red today */
	FIG_OPEN_ORDERS,	/* supervision orders not closed */
	FIG_ORDERS_LATE,	/* orders past their due date */
	FIG_RECTIFY_LATE,	/* rectifications past their 15 working days */
	FIG_COMPLAINTS_LATE,	/* complaints not accepted or refused in 5 working days */
	FIG_COUNT
};
/* The stable code ("received") and the label in the reader's language. */
extern const char *const report_figure_key[FIG_COUNT];
const char *report_figure_label(enum report_figure f);
long report_figure(const struct office_score *o, enum report_figure f);
/* 1 when the figure counts cases (report_drill_filter lists them), 0 when
 * it counts supervision records (report_records lists them). */
int report_figure_is_cases(enum report_figure f);

/* The figure a supervision record past its deadline (store_late_each,
 * record_late) counts in, by its kind: FIG_ORDERS_LATE, FIG_COMPLAINTS_LATE
 * or FIG_RECTIFY_LATE. */
enum report_figure report_late_figure(const char *kind);

/* What a figure's list is: one office's (office empty: every office of the
 * region prefix lo, the totals) over [from, to], today for the lights. */
struct report_drill {
	char lo[16];
	char office[48];
	char from[11], to[11], today[11];
	enum report_figure fig;
};
/* The case filter listing exactly the cases the figure counts (its strings
 * point into d); the caller adds the order and the limit. */
void report_drill_filter(const struct report_drill *d, struct case_filter *f);
/* The supervision records a records figure (not report_figure_is_cases)
 * counts, each to fn with the working days past its due date (to the day
 * it was met, or today; 0 for an open order not yet due): the open orders,
 * or the records past their deadline of that kind (record_late) of the
 * office, or of the offices the report lists. EXIT_OK, or EXIT_INTERNAL
 * with *cause. */
typedef int (*report_record_fn)(void *arg, const struct late_record *r, int days_over);
int report_records(struct session *s, const struct report_drill *d, report_record_fn fn,
    void *arg, char **cause);

/* The shortcomings a 监察建议书 names, each only where the office has it. */
enum report_shortcoming {
	SHORT_LATE,		/* cases completed late in the period */
	SHORT_RED,		/* open cases red now */
	SHORT_GUIDE,		/* I3 < 1: materials asked for that the guide does not list */
	SHORT_CHANNELS,		/* I1 < 1: channels allowed but not offered */
	SHORT_ONLINE,		/* I4 < 1: items finishable online never taken in online */
	SHORT_COVERAGE,		/* I2 < 1: competent items with no case */
	SHORT_RATINGS,		/* bad ratings (1 or 2) of cases completed in the period */
	SHORT_ORDERS,		/* supervision orders not answered by their due date */
	SHORT_RECTIFY,		/* rectifications past their 15 working days */
	SHORT_COUNT
};
/* The shortcomings of o, in the order above, into out; their number. */
int report_shortcomings(const struct office_score *o, enum report_shortcoming out[SHORT_COUNT]);

#endif
