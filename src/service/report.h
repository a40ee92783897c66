/*
 * The reports on the seed's rhythm (日扫描、周调度、月通报、季分析、年考评):
 * their periods, and the per-office figures and scores they are made of.
 *
 * The score of an office (annual evaluation, quarterly grading) is
 *   100 × (0.15·I1 + 0.15·I2 + 0.15·I3 + 0.15·I4 + 0.20·I5 + 0.20·R)
 * with the five indicators (五度), each a share in [0, 1]:
 *   I1 服务方式完备度  catalog items of the office offered on every channel
 *                      (window, online and self-service)
 *   I2 服务事项覆盖度  catalog items of the office it handled in the period
 *   I3 办事指南准确度  handled items that drew no supplement notice and no
 *                      complaint about a material the guide did not list
 *   I4 在线服务深度    catalog items that can be finished online (depth 4)
 *   I5 在线服务成效度  cases finished on time, each weighted by its rating
 *                      (level/5; 4/5 when unrated)
 *   R  on-time rate    cases finished on time / cases finished
 * An office's catalog items are those of its department kind at its level.
 * Bands: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below; offices that finished
 * nothing in the period are not graded.
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

int report_kind_parse(const char *s, enum report_kind *k);
/* The period of kind that contains day (weeks start on Monday). */
void report_period(enum report_kind k, int day, struct report_period *p);

struct office_score {
	char office[48];
	char name[192];
	char area[16];
	long received, finished, on_time, late, open_red, open_orders;
	long items, handled;
	double rate, i1, i2, i3, i4, i5, score;
	int graded;
	const char *band;
};

/* Figures and scores of every office in [lo, hi) active in [from, to]; 0, or
 * -1 when the store failed (*out is still set, to be freed). */
int report_offices(struct store *st, const char *lo, const char *hi, int from, int to,
    int today, struct office_score **out, int *n);
const char *report_band(double score);

#endif
