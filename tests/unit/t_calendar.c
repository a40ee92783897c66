/*
 * The calendar: dates counted by hand across Spring Festival, National
 * Day, make-up Saturdays and year ends, each following the State Council
 * notice named in its comment (国务院办公厅关于某年部分节假日安排的通知);
 * the statutory holidays of the years no notice covers yet (全国年节及纪念日
 * 放假办法 as revised in 2024, decree no. 795) and the rest days owed for
 * them; the provisional mark; the yellow threshold after an extension and
 * as a setting; and a notice imported over running cases, which moves
 * their clocks in one transaction with an event each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "calendar.h"
#include "exitcode.h"
#include "lifecycle.h"
#include "load.h"
#include "schema.h"
#include "session.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

static int
day(const char *s)
{
	int d = -1;

	if (clock_parse_date(s, &d) != 0)
		printf("#   bad date in test: %s\n", s);
	return d;
}

static const char *
fmt(int d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	clock_format_date(d, buf[k]);
	return buf[k];
}

static const char *
add(const char *from, int n)
{
	return fmt(clock_add(test_calendar(), day(from), n));
}

static int
workdays(const char *from, const char *to)
{
	return clock_workdays(test_calendar(), day(from), day(to));
}

/* The notices ---------------------------------------------------------------- */

static void
spring_festival_2015(void)
{
	struct calendar *c = test_calendar();

	/* 2015 notice: 春节 2月18日至24日放假调休，共7天；2月15日（星期日）、
	 * 2月28日（星期六）上班. Friday 13th + 1 is the Sunday worked; from the
	 * Tuesday before the holiday, the next working day is Wednesday 25th. */
	CHECK_STR(add("2015-02-13", 1), "2015-02-15");
	CHECK_STR(add("2015-02-15", 1), "2015-02-16");
	CHECK_STR(add("2015-02-17", 1), "2015-02-25");
	/* 15 (Sun), 16, 17, then 25, 26, 27 and Saturday 28: 7 working days. */
	CHECK_INT(workdays("2015-02-13", "2015-02-28"), 7);
	CHECK(clock_is_workday(c, day("2015-02-28")));
	CHECK(!clock_is_workday(c, day("2015-02-18")));
}

static void
new_year_2015_worked_sunday(void)
{
	/* 2015 notice: 元旦 1月1日至3日放假调休，共3天；1月4日（星期日）上班.
	 * Across the year end, the first working day after New Year's Eve is
	 * that Sunday (one of the four corrected dates). */
	CHECK_STR(add("2014-12-31", 1), "2015-01-04");
	CHECK_STR(add("2014-12-31", 2), "2015-01-05");
	CHECK(clock_is_workday(test_calendar(), day("2015-01-04")));
}

static void
holidays_joined_to_weekends(void)
{
	struct calendar *c = test_calendar();

	/* 2016 notice: 清明节 4月2日至4日放假调休，共3天 (Saturday to Monday, no
	 * Saturday worked): Friday 1 April + 1 is Tuesday 5 April. */
	CHECK(!clock_is_workday(c, day("2016-04-02")));
	CHECK_STR(add("2016-04-01", 1), "2016-04-05");
	/* 2018 notice: 端午节 6月18日放假，与周末连休; 中秋节 9月24日放假，与周末
	 * 连休. No make-up Saturday before either. */
	CHECK(!clock_is_workday(c, day("2018-06-16")));
	CHECK_STR(add("2018-06-15", 1), "2018-06-19");
	CHECK(!clock_is_workday(c, day("2018-09-22")));
	CHECK_STR(add("2018-09-21", 1), "2018-09-25");
}

static void
national_day_2019(void)
{
	/* 2019 notice: 国庆节 10月1日至7日放假调休，共7天；9月29日（星期日）、
	 * 10月12日（星期六）上班. From Friday 27 September to Monday 14 October:
	 * 29 (Sun), 30, then 8, 9, 10, 11, 12 (Sat) and 14: 8 working days. */
	CHECK_INT(workdays("2019-09-27", "2019-10-14"), 8);
	CHECK_STR(add("2019-09-30", 1), "2019-10-08");
	CHECK_STR(add("2019-10-11", 1), "2019-10-12");
}

static void
year_end_2025_and_national_day_2026(void)
{
	/* 2026 notice: 元旦 1月1日至3日放假调休，共3天；1月4日（星期日）上班. */
	CHECK_STR(add("2025-12-31", 1), "2026-01-04");
	CHECK_STR(add("2025-12-31", 2), "2026-01-05");
	/* 2026 notice: 中秋节 9月25日至27日; 国庆节 10月1日至7日放假调休，共7天；
	 * 9月20日（星期日）、10月10日（星期六）上班. From Friday 18 September to
	 * Monday 12 October: 20 (Sun), 21-24, 28-30, 8, 9, 10 (Sat), 12: 12. */
	CHECK_INT(workdays("2026-09-18", "2026-10-12"), 12);
	CHECK_STR(add("2026-09-24", 1), "2026-09-28");
	CHECK_STR(add("2026-09-30", 1), "2026-10-08");
	CHECK(!clock_provisional(test_calendar(), day("2025-12-31"), day("2026-12-31")));
}

/* The statutory holidays ----------------------------------------------------- */

static void
statutory_table_facts(void)
{
	struct calendar *c = test_calendar();
	enum clock_holiday h = CLOCK_NHOLIDAYS;

	/* Published facts for 2027: 除夕 5 February, 清明 5 April, 中秋 15 September
	 * (and 端午 9 June), as the shipped table has them. */
	CHECK_INT(clock_rest_of(c, day("2027-02-05"), &h), CLOCK_REST_STATUTORY);
	CHECK_INT(h, CLOCK_SPRING_FESTIVAL);
	CHECK_INT(clock_rest_of(c, day("2027-02-04"), &h), CLOCK_REST_NONE);
	CHECK_INT(clock_rest_of(c, day("2027-04-05"), &h), CLOCK_REST_STATUTORY);
	CHECK_INT(h, CLOCK_QINGMING);
	CHECK_INT(clock_rest_of(c, day("2027-09-15"), &h), CLOCK_REST_STATUTORY);
	CHECK_INT(h, CLOCK_MID_AUTUMN);
	CHECK_INT(clock_rest_of(c, day("2027-06-09"), &h), CLOCK_REST_STATUTORY);
	CHECK_INT(h, CLOCK_DRAGON_BOAT);
	/* 2025 and 2026 have notices: every statutory day is a holiday in them. */
	{
		int k, n = 0, bad = 0;

		for (k = 0; k < c->nstatutory; k++)
			if (c->statutory[k].day < day("2027-01-01")) {
				n++;
				bad += clock_is_workday(c, c->statutory[k].day);
			}
		CHECK_INT(n, 26);
		CHECK_INT(bad, 0);
	}
	CHECK(clock_noticed(c, 2026));
	CHECK(!clock_noticed(c, 2027));
	/* The table reaches 2025 to 2050. */
	CHECK(clock_statutory_known(c, 2050));
	CHECK(!clock_statutory_known(c, 2051));
	CHECK(!clock_statutory_known(c, 2014));
	CHECK_INT(clock_last_noticed(c), 2026);
}

static void
provisional_2027(void)
{
	struct calendar *c = test_calendar();
	enum clock_holiday h = CLOCK_NHOLIDAYS;

	/* No notice for 2027 yet: 元旦 (Friday 1 January) and the weekend. */
	CHECK_STR(add("2026-12-31", 1), "2027-01-04");
	CHECK(clock_provisional(c, day("2026-12-31"), day("2027-01-04")));
	CHECK(clock_provisional(c, day("2027-01-04"), day("2026-12-31")));
	CHECK(!clock_provisional(c, day("2026-12-01"), day("2026-12-31")));
	CHECK(!clock_provisional(c, day("2027-01-04"), day("2027-01-04")));
	/* 春节: 除夕 Friday 5 to 初三 Monday 8 February; 初一 and 初二 fall on the
	 * weekend, so two rest days are owed (art. 6): Tuesday 9, Wednesday 10. */
	CHECK_STR(add("2027-02-04", 1), "2027-02-11");
	CHECK_INT(clock_rest_of(c, day("2027-02-09"), &h), CLOCK_REST_SUBSTITUTE);
	CHECK_INT(h, CLOCK_SPRING_FESTIVAL);
	CHECK_INT(clock_rest_of(c, day("2027-02-10"), &h), CLOCK_REST_SUBSTITUTE);
	/* 劳动节 Saturday 1 and Sunday 2 May: Monday 3 and Tuesday 4 owed. */
	CHECK_STR(add("2027-04-30", 1), "2027-05-05");
	/* 国庆节 Friday 1 to Sunday 3 October: Monday 4 and Tuesday 5 owed. */
	CHECK_STR(add("2027-09-30", 1), "2027-10-06");
	/* 清明 on Monday 5 April. */
	CHECK_STR(add("2027-04-02", 1), "2027-04-06");
	/* 2031: 中秋 falls on 1 October, so 国庆节 owes a day: Monday 6 October. */
	CHECK_INT(clock_rest_of(c, day("2031-10-01"), &h), CLOCK_REST_STATUTORY);
	CHECK_INT(clock_rest_of(c, day("2031-10-06"), &h), CLOCK_REST_SUBSTITUTE);
	CHECK_INT(h, CLOCK_NATIONAL_DAY);
	CHECK_STR(add("2031-09-30", 1), "2031-10-07");
	/* Past the table (2051 on), and for the clock's last years, only the
	 * weekday rule is left: still provisional. */
	CHECK(clock_provisional(c, day("2060-06-01"), day("2060-06-02")));
}

static void
finish_again_changes_nothing(void)
{
	struct calendar c;

	/* A calendar of its own: one notice year, statutory days after it. */
	clock_calendar_init(&c);
	clock_calendar_set(&c, day("2026-01-01"), CLOCK_HOLIDAY);
	clock_calendar_statutory(&c, day("2027-05-01"), CLOCK_LABOUR_DAY);
	clock_calendar_statutory(&c, day("2027-05-02"), CLOCK_LABOUR_DAY);
	clock_calendar_finish(&c);
	CHECK_STR(fmt(clock_add(&c, day("2027-04-30"), 1)), "2027-05-05");
	clock_calendar_finish(&c);
	CHECK_STR(fmt(clock_add(&c, day("2027-04-30"), 1)), "2027-05-05");
	/* The notice for 2027 comes: its own days, no statutory guess. */
	clock_calendar_set(&c, day("2027-05-03"), CLOCK_HOLIDAY);
	clock_calendar_finish(&c);
	CHECK_STR(fmt(clock_add(&c, day("2027-04-30"), 1)), "2027-05-04");
	CHECK(!clock_provisional(&c, day("2027-04-30"), day("2027-05-04")));
	clock_calendar_release(&c);
}

/* The yellow threshold ------------------------------------------------------- */

static void
yellow_after_extension(void)
{
	struct calendar *cal = test_calendar();
	struct tcase c;
	int warn, due, prov;

	memset(&c, 0, sizeof c);
	c.submitted = (char *)"2026-10-30";
	c.accepted = (char *)"2026-11-02";	/* a Monday */
	c.limit_days = 20;
	/* 20 days: yellow once 16 are used (80%), Tuesday 24 November. */
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), 0);
	CHECK_STR(fmt(warn), "2026-11-24");
	CHECK_STR(fmt(due), "2026-11-30");
	CHECK_INT(prov, 0);
	/* Extended by 10 (art. 42): 80% of 30 is 24 used, Friday 4 December,
	 * due Monday 14 December (not 16 + 10 = 26 used, 8 December). */
	c.extended_days = 10;
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), 0);
	CHECK_STR(fmt(warn), "2026-12-04");
	CHECK_STR(fmt(due), "2026-12-14");
	/* Two days paused move both by two. */
	c.paused_days = 2;
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), 0);
	CHECK_STR(fmt(warn), "2026-12-08");
	CHECK_STR(fmt(due), "2026-12-16");
	/* The threshold as set: 70% of 30 is 21 used. */
	cal->warn_percent = 70;
	c.paused_days = 0;
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), 0);
	CHECK_STR(fmt(warn), "2026-12-01");
	/* One day left comes first for short limits whatever the share. */
	c.limit_days = 3;
	c.extended_days = 0;
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), 0);
	CHECK_STR(fmt(warn), "2026-11-04");
	cal->warn_percent = CLOCK_WARN_PERCENT;
	/* No start date: no clock. */
	c.accepted = (char *)"";
	c.submitted = (char *)"";
	CHECK_INT(tcase_clock(cal, &c, &warn, &due, &prov), -1);
}

/* A notice over running cases ------------------------------------------------ */

static struct store *
fresh_store(void)
{
	struct store *st;
	char *cause = NULL;

	st = store_open(test_db(), schema_sql, &cause);
	if (st == NULL || load_all(st, "data", &cause) != 0) {
		printf("#   cannot make a store: %s\n", cause ? cause : "?");
		free(cause);
		return NULL;
	}
	return st;
}

static struct user
township_clerk(void)
{
	struct user u;

	memset(&u, 0, sizeof u);
	u.login = (char *)"gc_clerk";
	u.name = (char *)"gc_clerk";
	u.role = ROLE_CLERK;
	u.region = (char *)"500229001";
	u.region_level = (char *)"township";
	u.office = (char *)"500229001.township";
	u.lang = (char *)"en";
	return u;
}

static int
take_in(struct session *s, const char *today, char no[32])
{
	struct intake in;
	char *cause = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	in.item = "000101003000";	/* 企业设立登记 */
	in.applicant_id = "11010519491231002X";
	in.name = "张三";
	in.region = "500229001003";
	in.channel = "window";
	in.materials = "1,2,3,4,5";
	s->fixed_today = day(today);
	rc = lifecycle_intake(s, &in, no, &cause);
	if (rc != 0)
		printf("#   intake: %s\n", cause ? cause : "?");
	free(cause);
	return rc;
}

struct reclocks {
	int n;
	char note[512];
};

static int
count_reclock(void *arg, const struct event *e)
{
	struct reclocks *r = arg;

	if (strcmp(e->action, "reclock") == 0) {
		r->n++;
		snprintf(r->note, sizeof r->note, "%s", e->note);
	}
	return 0;
}

/* A made-up 2027 notice for the test (the real one is not out): New Year
 * from Friday 1 to Monday 4 January, a Saturday worked on 9 January. */
static const char notice_2027[] =
    "date,kind,name_cn,name_en\n"
    "2027-01-01,public_holiday,元旦,New Year's Day\n"
    "2027-01-02,public_holiday,元旦,New Year's Day\n"
    "2027-01-03,public_holiday,元旦,New Year's Day\n"
    "2027-01-04,public_holiday,元旦,New Year's Day\n"
    "2027-01-09,transfer_workday,元旦补班,Workday\n";

/* Its first row is good, its second is not. */
static const char bad_2027[] =
    "date,kind,name_cn,name_en\n"
    "2027-01-04,public_holiday,元旦,New Year's Day\n"
    "2027-01-09,workday,元旦补班,Workday\n";

static void
import_recomputes_open_cases(void)
{
	struct store *st = fresh_store();
	struct calendar cal;
	struct session s;
	struct user clerk = township_clerk();
	struct reclocks r;
	struct tcase c;
	char no[32], no2[32], *cause = NULL;
	struct audit_result ar;
	long n = -1;
	FILE *fp;

	if (st == NULL)
		return;
	clock_calendar_init(&cal);
	store_calendar_load(st, &cal, NULL);
	session_init(&s, st, &cal, &clerk, "10.0.0.3");
	/* Received Monday 28 December 2026: 5 working days to answer (art. 32),
	 * 29, 30, 31 December, then (元旦 on Friday 1 January, a weekend) 4 and 5
	 * January: due 5 January 2027, counted over 2027: provisional. */
	CHECK_INT(take_in(&s, "2026-12-28", no), 0);
	/* Received Monday 7 December: due 14 December, all in 2026. */
	CHECK_INT(take_in(&s, "2026-12-07", no2), 0);
	if (store_case_get(st, no, &c) == 0) {
		CHECK_STR(c.due, "2027-01-05");
		CHECK_STR(c.warn, "2027-01-04");
		CHECK_INT(c.provisional, 1);
		tcase_release(&c);
	}
	if (store_case_get(st, no2, &c) == 0) {
		CHECK_STR(c.due, "2026-12-14");
		CHECK_INT(c.provisional, 0);
		tcase_release(&c);
	}
	session_close(&s);

	/* The admin imports the 2027 notice on 30 December, as the operator. */
	session_init(&s, st, &cal, NULL, "local");
	s.fixed_today = day("2026-12-30");
	/* A bad row: nothing lands, nothing moves (exit 5, naming the line). */
	fp = fmemopen((void *)bad_2027, strlen(bad_2027), "r");
	CHECK_INT(calendar_import(&s, fp, "bad.csv", NULL, &n, &cause), EXIT_INVALID);
	fclose(fp);
	CHECK_STR(cause, "bad.csv:3:2: expected public_holiday or transfer_workday, found 'workday'");
	free(cause);
	cause = NULL;
	CHECK_INT(n, 0);
	CHECK(!clock_noticed(s.cal, 2027));
	if (store_case_get(st, no, &c) == 0) {
		CHECK_STR(c.due, "2027-01-05");
		CHECK_INT(c.provisional, 1);
		tcase_release(&c);
	}
	/* The notice: 4 January rests too, so the 5 days end on Wednesday 6
	 * January, yellow from Tuesday 5; no longer provisional. The case of
	 * 7 December does not move and gets no event. */
	fp = fmemopen((void *)notice_2027, strlen(notice_2027), "r");
	CHECK_INT(calendar_import(&s, fp, "notice-2027.csv", NULL, &n, &cause), 0);
	fclose(fp);
	free(cause);
	cause = NULL;
	CHECK_INT(n, 1);
	CHECK(clock_noticed(s.cal, 2027));
	/* The session counts by the notice at once: the Saturday worked. */
	CHECK_STR(fmt(clock_add(s.cal, day("2027-01-08"), 1)), "2027-01-09");
	if (store_case_get(st, no, &c) == 0) {
		CHECK_STR(c.due, "2027-01-06");
		CHECK_STR(c.warn, "2027-01-05");
		CHECK_INT(c.provisional, 0);
		CHECK_INT(c.version, 2);
		memset(&r, 0, sizeof r);
		store_event_each_of_case(st, c.id, count_reclock, &r);
		CHECK_INT(r.n, 1);
		CHECK(strstr(r.note, "notice-2027.csv") != NULL);
		CHECK(strstr(r.note, "2027-01-05 → 2027-01-06") != NULL);
		tcase_release(&c);
	}
	if (store_case_get(st, no2, &c) == 0) {
		CHECK_INT(c.version, 1);
		tcase_release(&c);
	}
	/* The summaries and the audit chain agree with the cases. */
	CHECK_INT(store_stat_check(st, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(audit_verify(st, &ar), 0);
	free(ar.reason);

	/* The threshold: 60% of 5 is 3 days used, Monday 4 January is a
	 * holiday now, so yellow from Thursday 31 December. */
	{
		int before = 0;

		CHECK_INT(calendar_set_warn(&s, 0, &before, &n, &cause), EXIT_INVALID);
		free(cause);
		cause = NULL;
		CHECK_INT(calendar_set_warn(&s, 60, &before, &n, &cause), 0);
		free(cause);
		cause = NULL;
		CHECK_INT(before, 80);
		CHECK_INT(s.cal->warn_percent, 60);
		CHECK_INT(n, 2);
	}
	if (store_case_get(st, no, &c) == 0) {
		CHECK_STR(c.warn, "2026-12-31");
		CHECK_STR(c.due, "2027-01-06");
		tcase_release(&c);
	}
	/* Another session loads the setting with the calendar. */
	{
		struct calendar other;

		clock_calendar_init(&other);
		store_calendar_load(st, &other, NULL);
		CHECK_INT(other.warn_percent, 60);
		clock_calendar_release(&other);
	}
	CHECK_INT(store_stat_check(st, &cause), 0);
	free(cause);
	session_close(&s);
	clock_calendar_release(&cal);
	store_close(st);
}

const struct test tests_calendar[] = {
	{ "calendar: Spring Festival 2015 and its make-up Sunday and Saturday", spring_festival_2015 },
	{ "calendar: New Year 2015, a Sunday worked across the year end", new_year_2015_worked_sunday },
	{ "calendar: holidays joined to weekends (2016, 2018) have no make-up day",
	  holidays_joined_to_weekends },
	{ "calendar: National Day 2019 with two make-up days", national_day_2019 },
	{ "calendar: year end 2025 and National Day 2026", year_end_2025_and_national_day_2026 },
	{ "calendar: the statutory table's dates (除夕, 清明, 中秋 2027)", statutory_table_facts },
	{ "calendar: 2027 before its notice: statutory holidays, days owed, provisional",
	  provisional_2027 },
	{ "calendar: finishing twice gives the same days; a notice replaces the guess",
	  finish_again_changes_nothing },
	{ "calendar: yellow at 80% of the extended limit, and as set", yellow_after_extension },
	{ "calendar: a notice imported moves running cases in one transaction",
	  import_recomputes_open_cases },
	{ NULL, NULL }
};
