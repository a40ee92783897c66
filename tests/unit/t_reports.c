/*
 * The reports on the console (screens/reports.c) and `report ...`:
 *  - the default period is the last complete one (weeks start on Monday),
 *    across month and year boundaries, and stepping never passes it;
 *  - on the demo data, every case figure of every office row and of the
 *    totals row equals the length of its drill-down list (the service
 *    functions the screen calls: report_region, report_offices,
 *    report_total, report_drill_filter and the user's scope).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "demo.h"
#include "load.h"
#include "record.h"
#include "report.h"
#include "schema.h"
#include "session.h"
#include "store.h"
#include "test.h"

static int
day_of(const char *s)
{
	int d = 0;

	if (clock_parse_date(s, &d) != 0)
		printf("#   bad date in test: %s\n", s);
	return d;
}

static int
default_is(enum report_kind k, const char *today, const char *from, const char *to)
{
	struct report_period p;
	char f[11], t[11];

	report_default(k, day_of(today), &p);
	clock_format_date(p.from, f);
	clock_format_date(p.to, t);
	if (strcmp(f, from) != 0 || strcmp(t, to) != 0) {
		printf("#   %s on %s: %s..%s, expected %s..%s\n", report_kind_name(k), today, f, t,
		    from, to);
		return 0;
	}
	return 1;
}

static void
report_default_periods(void)
{
	struct report_period p, q;

	/* Daily: today's scan. */
	CHECK(default_is(REPORT_DAILY, "2026-11-27", "2026-11-27", "2026-11-27"));
	/* Weekly: the last complete Monday-to-Sunday week. On a Monday, the
	 * week that ended yesterday; on a Sunday, not the week ending today. */
	CHECK(default_is(REPORT_WEEKLY, "2026-11-30", "2026-11-23", "2026-11-29"));
	CHECK(default_is(REPORT_WEEKLY, "2026-11-29", "2026-11-16", "2026-11-22"));
	CHECK(default_is(REPORT_WEEKLY, "2026-11-27", "2026-11-16", "2026-11-22"));
	/* Across a month's and a year's end. */
	CHECK(default_is(REPORT_WEEKLY, "2026-12-03", "2026-11-23", "2026-11-29"));
	CHECK(default_is(REPORT_WEEKLY, "2026-01-01", "2025-12-22", "2025-12-28"));
	CHECK(default_is(REPORT_WEEKLY, "2026-01-05", "2025-12-29", "2026-01-04"));
	/* Monthly: the month before, February of a common and a leap year. */
	CHECK(default_is(REPORT_MONTHLY, "2026-11-27", "2026-10-01", "2026-10-31"));
	CHECK(default_is(REPORT_MONTHLY, "2026-01-15", "2025-12-01", "2025-12-31"));
	CHECK(default_is(REPORT_MONTHLY, "2026-03-01", "2026-02-01", "2026-02-28"));
	CHECK(default_is(REPORT_MONTHLY, "2028-03-31", "2028-02-01", "2028-02-29"));
	/* Quarterly: the quarter before, across the year. */
	CHECK(default_is(REPORT_QUARTERLY, "2026-11-27", "2026-07-01", "2026-09-30"));
	CHECK(default_is(REPORT_QUARTERLY, "2026-01-05", "2025-10-01", "2025-12-31"));
	CHECK(default_is(REPORT_QUARTERLY, "2026-04-01", "2026-01-01", "2026-03-31"));
	CHECK(default_is(REPORT_QUARTERLY, "2026-12-31", "2026-07-01", "2026-09-30"));
	/* Annual: last year. */
	CHECK(default_is(REPORT_ANNUAL, "2026-11-27", "2025-01-01", "2025-12-31"));
	CHECK(default_is(REPORT_ANNUAL, "2026-01-01", "2025-01-01", "2025-12-31"));

	/* Stepping: back and on again; never past the last complete one. */
	report_default(REPORT_WEEKLY, day_of("2026-11-27"), &p);
	q = p;
	CHECK_INT(report_step(REPORT_WEEKLY, day_of("2026-11-27"), 1, &q), -1);
	CHECK_INT(q.from, p.from);
	CHECK_INT(report_step(REPORT_WEEKLY, day_of("2026-11-27"), -1, &q), 0);
	CHECK_INT(q.from, day_of("2026-11-09"));
	CHECK_INT(q.to, day_of("2026-11-15"));
	CHECK_INT(report_step(REPORT_WEEKLY, day_of("2026-11-27"), 1, &q), 0);
	CHECK_INT(q.from, p.from);
	report_default(REPORT_MONTHLY, day_of("2026-01-15"), &q);
	CHECK_INT(report_step(REPORT_MONTHLY, day_of("2026-01-15"), -1, &q), 0);
	CHECK_INT(q.from, day_of("2025-11-01"));
	CHECK_INT(q.to, day_of("2025-11-30"));
	report_default(REPORT_QUARTERLY, day_of("2026-01-15"), &q);
	CHECK_INT(report_step(REPORT_QUARTERLY, day_of("2026-01-15"), -1, &q), 0);
	CHECK_INT(q.from, day_of("2025-07-01"));
	CHECK_INT(q.to, day_of("2025-09-30"));
	/* The daily scan steps up to today, not beyond. */
	report_default(REPORT_DAILY, day_of("2026-11-27"), &q);
	CHECK_INT(report_step(REPORT_DAILY, day_of("2026-11-27"), 1, &q), -1);
	CHECK_INT(report_step(REPORT_DAILY, day_of("2026-11-27"), -1, &q), 0);
	CHECK_INT(q.from, day_of("2026-11-26"));
	CHECK_INT(report_step(REPORT_DAILY, day_of("2026-11-27"), 1, &q), 0);
	CHECK_INT(q.from, day_of("2026-11-27"));

	/* No rate when nothing was completed. */
	{
		char buf[16];

		report_rate_text(0, 0, buf);
		CHECK_STR(buf, "–");
		report_rate_text(2, 3, buf);
		CHECK_STR(buf, "66.7");
	}
}

static int
count_case(void *arg, const struct tcase *c)
{
	(void)c;
	(*(long *)arg)++;
	return 0;
}

static int
count_record(void *arg, const struct late_record *r, int days_over)
{
	(void)r;
	(void)days_over;
	(*(long *)arg)++;
	return 0;
}

/* The length of the list of figure fig of row (office "" the totals). */
static long
list_length(struct session *s, const char *prefix, const struct report_period *p,
    const char *office, enum report_figure fig)
{
	struct report_drill d;
	struct case_filter f;
	struct scope sc;
	char *cause = NULL;
	long n = 0;

	memset(&d, 0, sizeof d);
	snprintf(d.lo, sizeof d.lo, "%s", prefix);
	snprintf(d.office, sizeof d.office, "%s", office);
	clock_format_date(p->from, d.from);
	clock_format_date(p->to, d.to);
	clock_format_date(session_today(s), d.today);
	d.fig = fig;
	if (!report_figure_is_cases(fig)) {
		if (report_records(s, &d, count_record, &n, &cause) != 0) {
			printf("#   %s\n", cause ? cause : "?");
			free(cause);
			return -1;
		}
		return n;
	}
	report_drill_filter(&d, &f);
	f.by_due = 1;
	access_scope(&s->user, &sc);
	if (store_case_find(s->st, &f, &sc, count_case, &n, &cause) != 0) {
		printf("#   %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	return n;
}

/* Every case figure of every row of the report of kind for login over
 * region (NULL: all of it); the number of figures checked, -1 on a
 * mismatch (printed). */
static long records_seen;

static long
reconcile(struct store *st, const struct calendar *cal, const char *login, const char *region,
    enum report_kind kind, int today, int back)
{
	struct session s;
	struct user u;
	struct report_period p;
	struct office_score *v = NULL, t;
	char prefix[16], hi[24], *cause = NULL;
	int n = 0, i, f, bad = 0;
	long checked = 0;

	if (store_user_get(st, login, &u) != 0)
		return -1;
	session_init(&s, st, cal, &u, "test");
	s.fixed_today = today;
	user_release(&u);
	if (report_region(&s, region, prefix, &cause) != 0) {
		printf("#   %s\n", cause ? cause : "?");
		free(cause);
		session_close(&s);
		return -1;
	}
	report_default(kind, today, &p);
	while (back-- > 0)
		report_step(kind, today, -1, &p);
	snprintf(hi, sizeof hi, "%s:", prefix);
	if (report_offices(st, prefix, hi, p.from, p.to, today, &v, &n) != 0)
		bad++;
	report_total(v, n, &t);
	for (i = 0; i <= n && bad < 5; i++) {
		const struct office_score *o = i < n ? &v[i] : &t;

		for (f = 0; f < FIG_COUNT; f++) {
			long want, got;

			want = report_figure(o, (enum report_figure)f);
			got = list_length(&s, prefix, &p, i < n ? o->office : "", (enum report_figure)f);
			checked++;
			if (!report_figure_is_cases((enum report_figure)f))
				records_seen += got;
			if (want != got) {
				printf("#   %s %s %s: %s is %ld, its list %ld\n", login,
				    report_kind_name(kind), i < n ? o->office : "total",
				    report_figure_key[f], want, got);
				bad++;
			}
		}
	}
	CHECK(n > 0);
	CHECK(kind == REPORT_DAILY || today > day_of("2026-11-27") ||
	    (t.received > 0 && t.finished > 0));
	free(v);
	session_close(&s);
	return bad ? -1 : checked;
}

static void
report_figures_reconcile(void)
{
	struct calendar cal;
	struct store *st;
	char *cause = NULL;
	int today = day_of("2026-11-27");
	long n;

	clock_calendar_init(&cal);
	st = store_open(test_db(), schema_sql, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(load_all(st, "data", &cause), 0);
	CHECK_INT(store_calendar_load(st, &cal, &cause), 0);
	CHECK_INT(demo_users(st, &cause), 0);
	CHECK_INT(demo_cases(st, &cal, 1500, 7, today, NULL, &cause), 0);
	/* The city's supervisor: the whole city, a district, a township. */
	CHECK((n = reconcile(st, &cal, "supervisor1", NULL, REPORT_WEEKLY, today, 0)) > 0);
	printf("#   %ld figures of the city's weekly report checked\n", n);
	CHECK(reconcile(st, &cal, "supervisor1", NULL, REPORT_MONTHLY, today, 0) > 0);
	CHECK(reconcile(st, &cal, "supervisor1", NULL, REPORT_DAILY, today, 0) != -1);
	CHECK(reconcile(st, &cal, "supervisor1", "500229", REPORT_MONTHLY, today, 1) > 0);
	CHECK(reconcile(st, &cal, "supervisor1", NULL, REPORT_QUARTERLY, today, 0) > 0);
	/* The district's: all of it, and a township within. */
	CHECK(reconcile(st, &cal, "supervisor2", NULL, REPORT_MONTHLY, today, 0) > 0);
	CHECK(reconcile(st, &cal, "supervisor2", NULL, REPORT_WEEKLY, today, 2) > 0);
	/* Supervision records: an order due 1 December and a complaint to
	 * accept by 4 December in 城口县, an order in 渝中区; on 7 December all
	 * are late (and the orders open) in the week just ended. */
	{
		static const struct {
			const char *login, *office;
			enum record_kind kind;
		} recs[] = {
			{ "supervisor2", "500229.market", RECORD_ORDER },
			{ "supervisor2", "500229.market", RECORD_COMPLAINT },
			{ "supervisor1", "500103.market", RECORD_ORDER },
		};
		size_t i;

		for (i = 0; i < sizeof recs / sizeof recs[0]; i++) {
			struct session s;
			struct user u;
			struct record_new in;
			long long id;
			char due[11];

			if (store_user_get(st, recs[i].login, &u) != 0)
				continue;
			session_init(&s, st, &cal, &u, "test");
			s.fixed_today = today;
			user_release(&u);
			memset(&in, 0, sizeof in);
			in.office = recs[i].office;
			in.text = "限期说明";
			in.due = "2026-12-01";
			CHECK_INT(record_new(&s, recs[i].kind, &in, &id, due, &cause), 0);
			free(cause);
			cause = NULL;
			session_close(&s);
		}
		records_seen = 0;
		CHECK(reconcile(st, &cal, "supervisor1", NULL, REPORT_WEEKLY, day_of("2026-12-07"),
		    0) > 0);
		CHECK(reconcile(st, &cal, "supervisor2", NULL, REPORT_WEEKLY, day_of("2026-12-07"),
		    0) > 0);
		/* The city: 2 open orders, 2 late, 1 complaint late, each once in
		 * its office's row and once in the totals; the district: half. */
		CHECK_INT(records_seen, 2 * 5 + 2 * 3);
	}
	/* Scope is the service's: supervisor2 may not narrow to 渝中区. */
	{
		struct session s;
		struct user u;
		char prefix[16];

		if (store_user_get(st, "supervisor2", &u) == 0) {
			session_init(&s, st, &cal, &u, "test");
			user_release(&u);
			CHECK_INT(report_region(&s, "500103", prefix, &cause), 3);
			free(cause);
			cause = NULL;
			CHECK_INT(report_region(&s, "500229001", prefix, &cause), 0);
			CHECK_STR(prefix, "500229001");
			session_close(&s);
		}
		if (store_user_get(st, "clerk1", &u) == 0) {
			session_init(&s, st, &cal, &u, "test");
			user_release(&u);
			CHECK_INT(report_region(&s, NULL, prefix, &cause), 3);
			free(cause);
			cause = NULL;
			session_close(&s);
		}
	}
out:
	free(cause);
	if (st)
		store_close(st);
	clock_calendar_release(&cal);
}

const struct test tests_reports[] = {
	{ "report: default periods are the last complete ones", report_default_periods },
	{ "report: every figure equals its drill-down list on the demo", report_figures_reconcile },
	{ NULL, NULL }
};
