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
/* The period of kind that contains day (weeks start on Monday). */
void report_period(enum report_kind k, int day, struct report_period *p);

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
