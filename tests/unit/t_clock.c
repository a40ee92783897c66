/*
 * The working-day clock on hard dates: National Day 2017 with its make-up
 * Saturday, Spring Festival 2026, lights at 80% and at one day left.
 */
#include <string.h>

#include "clock.h"
#include "tcase.h"
#include "test.h"

static int
day(const char *s)
{
	int d = -1;

	clock_parse_date(s, &d);
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

static void
national_day_2017(void)
{
	struct calendar *c = test_calendar();

	/* 2017-09-30 is a make-up Saturday; 10-01..10-08 are holidays. */
	CHECK_STR(fmt(clock_add(c, day("2017-09-29"), 1)), "2017-09-30");
	CHECK_STR(fmt(clock_add(c, day("2017-09-30"), 1)), "2017-10-09");
	CHECK_STR(fmt(clock_add(c, day("2017-09-28"), 3)), "2017-10-09");
	CHECK_INT(clock_workdays(c, day("2017-09-29"), day("2017-10-09")), 2);
	CHECK(clock_is_workday(c, day("2017-09-30")));
	CHECK(!clock_is_workday(c, day("2017-10-02")));
}

static void
spring_festival_2026(void)
{
	struct calendar *c = test_calendar();

	CHECK_STR(fmt(clock_add(c, day("2026-02-13"), 1)), "2026-02-14");
	CHECK_STR(fmt(clock_add(c, day("2026-02-13"), 2)), "2026-02-24");
	CHECK_INT(clock_workdays(c, day("2026-02-01"), day("2026-02-28")), 16);
	CHECK_INT(clock_workdays(c, day("2026-02-28"), day("2026-02-01")), -16);
	CHECK_STR(fmt(clock_sub(c, day("2026-02-24"), 2)), "2026-02-13");
	CHECK_INT(clock_workdays(c, day("2026-02-13"), day("2026-02-13")), 0);
}

static void
dates(void)
{
	int d;

	CHECK_INT(clock_parse_date("2026-02-29", &d), -1);
	CHECK_INT(clock_parse_date("2024-02-29", &d), 0);
	CHECK_INT(clock_parse_date("2026-13-01", &d), -1);
	CHECK_INT(clock_parse_date("2026-1-01", &d), -1);
	CHECK_INT(clock_parse_date("abcd-ef-gh", &d), -1);
	CHECK_INT(clock_weekday(day("2026-11-28")), 5);	/* a Saturday */
	CHECK_STR(fmt(day("1999-12-31") + 1), "2000-01-01");
}

static void
beyond_the_table(void)
{
	struct calendar *c = test_calendar();

	/* Outside 2000..2099 only the weekday rule applies. */
	CHECK_STR(fmt(clock_add(c, day("2099-12-31"), 1)), "2100-01-01");
	CHECK_INT(clock_workdays(c, day("1999-12-24"), day("2000-01-07")), 10);
}

static void
lights(void)
{
	struct calendar *c = test_calendar();
	int start = day("2026-11-02");	/* a Monday */
	int due = clock_due(c, start, 10, 0), warn = clock_warn(c, start, 10, 0);

	/* 10 days: yellow once 8 are used (80%), red after the due date. */
	CHECK_STR(fmt(due), "2026-11-16");
	CHECK_STR(fmt(warn), "2026-11-12");
	CHECK_INT(clock_light(day("2026-11-11"), warn, due), LIGHT_GREEN);
	CHECK_INT(clock_light(day("2026-11-12"), warn, due), LIGHT_YELLOW);
	CHECK_INT(clock_light(day("2026-11-16"), warn, due), LIGHT_YELLOW);
	CHECK_INT(clock_light(day("2026-11-17"), warn, due), LIGHT_RED);
	/* 3 days: one day left comes before 80% (yellow after 2 used). */
	CHECK_STR(fmt(clock_warn(c, start, 3, 0)), "2026-11-04");
	/* Paused days push both dates. */
	CHECK_STR(fmt(clock_due(c, start, 10, 2)), "2026-11-18");
}

/* The step clock of issue 12: used days, due date and light agree. */
static void
step_clock(void)
{
	struct calendar *cal = test_calendar();
	struct tcase c;
	int used, warn, due, capped;
	enum light l;

	memset(&c, 0, sizeof c);
	c.open = 1;
	c.step_started = (char *)"2026-11-26";
	c.paused_since = (char *)"";
	c.warn = (char *)"2026-12-03";
	c.due = (char *)"2026-12-03";
	/* A 1-day step started 11-26, seen on 12-03: 5 used, red. */
	CHECK_INT(tcase_step_clock(cal, &c, 1, day("2026-12-03"), &used, &warn, &due, &capped,
	    &l), 0);
	CHECK_INT(used, 5);
	CHECK_STR(fmt(due), "2026-11-27");
	CHECK_INT(l, LIGHT_RED);
	CHECK_INT(capped, 0);
	/* Stopped on 12-03 (补正): read on that day, not on the step's first:
	 * still 5 used and red, never 0 used and yellow. */
	c.paused_since = (char *)"2026-12-03";
	CHECK_INT(tcase_step_clock(cal, &c, 1, day("2026-12-10"), &used, &warn, &due, &capped,
	    &l), 0);
	CHECK_INT(used, 5);
	CHECK_INT(l, LIGHT_RED);
	/* Stopped on the first day: 0 used, yellow (one day left), due ahead. */
	c.paused_since = (char *)"2026-11-26";
	tcase_step_clock(cal, &c, 1, day("2026-12-10"), &used, &warn, &due, &capped, &l);
	CHECK_INT(used, 0);
	CHECK_INT(l, LIGHT_YELLOW);
}

static void
step_within_case(void)
{
	struct calendar *cal = test_calendar();
	struct tcase c;
	int used, warn, due, capped;
	enum light l;

	/* The case is due 11-30 and red on 12-03; its step, started 12-02
	 * with 1 day, would be due 12-03: it is due with the case, red. */
	memset(&c, 0, sizeof c);
	c.open = 1;
	c.step_started = (char *)"2026-12-02";
	c.paused_since = (char *)"";
	c.warn = (char *)"2026-11-27";
	c.due = (char *)"2026-11-30";
	tcase_step_clock(cal, &c, 1, day("2026-12-03"), &used, &warn, &due, &capped, &l);
	CHECK_INT(used, 1);
	CHECK_STR(fmt(due), "2026-11-30");
	CHECK_INT(capped, 1);
	CHECK_INT(l, LIGHT_RED);
	/* A step well inside the case keeps its own dates. */
	c.due = (char *)"2026-12-31";
	c.warn = (char *)"2026-12-29";
	tcase_step_clock(cal, &c, 3, day("2026-12-03"), &used, &warn, &due, &capped, &l);
	CHECK_STR(fmt(due), "2026-12-07");
	CHECK_INT(capped, 0);
	CHECK_INT(l, LIGHT_GREEN);
}

static void
delivery_light(void)
{
	struct tcase c;

	/* Denied late on 12-03 (due 11-30): the case stays red, the delivery
	 * clock (to 12-17) is green with two weeks left. */
	memset(&c, 0, sizeof c);
	c.open = 1;
	c.paused_since = (char *)"";
	c.decided = (char *)"2026-12-03";
	c.warn = (char *)"2026-11-27";
	c.due = (char *)"2026-11-30";
	c.deliver_warn = (char *)"2026-12-15";
	c.deliver_due = (char *)"2026-12-17";
	CHECK_INT(tcase_light(&c, day("2026-12-03")), LIGHT_RED);
	CHECK_INT(tcase_delivery_light(&c, day("2026-12-03")), LIGHT_GREEN);
	CHECK_INT(tcase_delivery_light(&c, day("2026-12-15")), LIGHT_YELLOW);
	CHECK_INT(tcase_delivery_light(&c, day("2026-12-18")), LIGHT_RED);
}

const struct test tests_clock[] = {
	{ "clock: National Day 2017 and its make-up Saturday", national_day_2017 },
	{ "clock: Spring Festival 2026", spring_festival_2026 },
	{ "clock: strict ISO dates", dates },
	{ "clock: beyond the calendar's years", beyond_the_table },
	{ "clock: yellow at 80% or one day left, red past due", lights },
	{ "clock: a step's used days, due date and light agree", step_clock },
	{ "clock: a step is due no later than its case", step_within_case },
	{ "clock: a late decision's delivery clock has its own light", delivery_light },
	{ NULL, NULL }
};
