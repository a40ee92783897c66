/*
 * The case service; see case.h.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "case.h"
#include "clock.h"
#include "exitcode.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

int
case_get(struct session *s, const char *no, struct tcase *k, char **cause)
{
	int rc;

	memset(k, 0, sizeof *k);
	rc = store_case_get(s->st, no, k);
	if (rc == 0 && access_can_see(&s->user, k))
		return 0;
	if (k->no != NULL)
		tcase_release(k);
	if (rc != 0 && rc != STORE_NOTFOUND) {
		set_cause(cause, _("cannot read case '%s': %s"), no, store_error(s->st));
		return EXIT_INTERNAL;
	}
	set_cause(cause, _("no case '%s'"), no);
	return EXIT_NOTFOUND;
}

const char *
case_verdict(const struct tcase *k)
{
	/* Only a decision ends the clock: a withdrawn or refused application
	 * was never on time or late. */
	if (k->on_time < 0 || k->decided == NULL || *k->decided == '\0')
		return "";
	return k->on_time ? _("on time") : _("late");
}

struct same_ctx {
	struct session *s;
	char *no;
	char *day;
};

/* The first of them the user may see. */
static int
same_one(void *arg, const char *no)
{
	struct same_ctx *x = arg;
	struct tcase k;
	int rc, seen;

	if ((rc = store_case_get(x->s->st, no, &k)) != 0)
		return rc == STORE_NOTFOUND ? 0 : -1;
	seen = access_can_see(&x->s->user, &k);
	if (seen) {
		snprintf(x->no, 32, "%s", k.no);
		snprintf(x->day, 11, "%s", k.submitted);
	}
	tcase_release(&k);
	return seen;
}

int
case_same_open(struct session *s, const char *applicant, const char *item, char no[32],
    char day[11])
{
	struct same_ctx x = { s, no, day };
	char today[11];
	int rc;

	no[0] = day[0] = '\0';
	if (applicant == NULL || *applicant == '\0' || item == NULL || *item == '\0')
		return 0;
	clock_format_date(session_today(s), today);
	rc = store_case_same(s->st, applicant, item, today, same_one, &x);
	return rc < 0 ? -1 : no[0] != '\0';
}

void
case_late_days(const struct calendar *cal, int today, char *buf)
{
	int limit, d = today, w = 0;

	/* Working days in (d, today]: walking back from today once, each day
	 * left behind adds itself. */
	for (limit = 0; limit <= CASE_LATE_DAYS; limit++) {
		while (d > today - 3 * CASE_LATE_DAYS - 30 && w <= limit)
			w += clock_is_workday(cal, d--);
		clock_format_date(d, buf + 10 * limit);
	}
	buf[10 * (CASE_LATE_DAYS + 1)] = '\0';
}

void
case_query_filter(struct case_query *q, const struct calendar *cal, int today,
    struct case_filter *f)
{
	memset(f, 0, sizeof *f);
#define S(x) (q->x[0] ? q->x : NULL)
	f->region = S(region);
	f->area = S(area);
	f->area_exact = q->area_exact;
	f->office = S(office);
	f->item = S(item);
	f->status = S(status);
	f->anomaly = S(anomaly);
	f->anomaly_from = S(anomaly_from);
	f->anomaly_to = S(anomaly_to);
	f->from = S(from);
	f->to = S(to);
	f->finished_from = S(finished_from);
	f->finished_to = S(finished_to);
#undef S
	f->light = q->light;
	f->on_time = q->on_time;
	f->open_only = q->open_only;
	f->by_step = q->by_step;
	f->step = q->step;
	f->pledge_overdue = q->pledge_overdue;
	f->suspend_overdue = q->suspend_overdue;
	f->by_due = !q->newest;
	if (q->step_late) {
		case_late_days(cal, today, q->late_days);
		f->step_late = q->late_days;
	}
}

static void
arg(char *buf, size_t n, const char *name, const char *v)
{
	size_t len = strlen(buf);

	if (v != NULL && len < n)
		snprintf(buf + len, n - len, "%s--%s%s%s", len ? " " : "", name, *v ? " " : "", v);
}

void
case_query_args(const struct case_query *q, char *buf, size_t n)
{
	static const char *const lights[] = { "", "green", "yellow", "red" };
	char step[16];

	buf[0] = '\0';
#define A(name, x) arg(buf, n, name, q->x[0] ? q->x : NULL)
	A("region", region);
	arg(buf, n, q->area_exact ? "area-only" : "area", q->area[0] ? q->area : NULL);
	A("office", office);
	A("item", item);
	A("status", status);
	A("anomaly", anomaly);
	A("anomaly-from", anomaly_from);
	A("anomaly-to", anomaly_to);
	A("from", from);
	A("to", to);
	A("finished-from", finished_from);
	A("finished-to", finished_to);
#undef A
	if (q->light > 0 && q->light <= 3)
		arg(buf, n, "light", lights[q->light]);
	snprintf(step, sizeof step, "%d", q->step);
	arg(buf, n, "step", q->by_step ? step : NULL);
	arg(buf, n, "on-time", q->on_time == 1 ? "yes" : q->on_time == 2 ? "no" : NULL);
	arg(buf, n, "step-late", q->step_late ? "" : NULL);
	arg(buf, n, "pledge-overdue", q->pledge_overdue ? "" : NULL);
	arg(buf, n, "suspend-overdue", q->suspend_overdue ? "" : NULL);
	arg(buf, n, "open", q->open_only ? "" : NULL);
}
