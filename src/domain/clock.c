/*
 * Working-day arithmetic over a precomputed table: one byte per day saying
 * whether it is worked, and a running count so that counting the working
 * days between two dates is a subtraction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "util.h"

/* Days from civil date, after the proleptic Gregorian algorithm. */
int
clock_day_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
clock_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
month_days(int y, int m)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

int
clock_parse_date(const char *s, int *day)
{
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*day = clock_day_from_ymd(y, m, d);
	return 0;
}

void
clock_format_date(int day, char buf[11])
{
	int y, m, d;

	clock_ymd(day, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
}

int
clock_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

void
clock_stamp(int day, char out[32])
{
	char d[11];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	clock_format_date(day, d);
	snprintf(out, 32, "%s %02d:%02d:%02d", d, tm.tm_hour % 24, tm.tm_min % 60, tm.tm_sec % 61);
}

int
clock_today(void)
{
	const char *env = getenv("TONGBAN_TODAY");
	struct tm tm;
	time_t now;
	int day;

	if (env != NULL && clock_parse_date(env, &day) == 0)
		return day;
	now = time(NULL);
	localtime_r(&now, &tm);
	return clock_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
clock_calendar_init(struct calendar *cal)
{
	int i;

	cal->first = clock_day_from_ymd(CLOCK_FIRST_YEAR, 1, 1);
	cal->n = clock_day_from_ymd(CLOCK_LAST_YEAR + 1, 1, 1) - cal->first;
	cal->work = xmalloc((size_t)cal->n);
	cal->cum = xcalloc((size_t)cal->n, sizeof *cal->cum);
	cal->warn_percent = 80;
	for (i = 0; i < cal->n; i++)
		cal->work[i] = clock_weekday(cal->first + i) < 5;
	clock_calendar_finish(cal);
}

void
clock_calendar_release(struct calendar *cal)
{
	free(cal->work);
	free(cal->cum);
	memset(cal, 0, sizeof *cal);
}

int
clock_in_range(const struct calendar *cal, int day)
{
	return day >= cal->first && day < cal->first + cal->n;
}

int
clock_calendar_set(struct calendar *cal, int day, enum clock_day_kind kind)
{
	int i = day - cal->first;

	if (!clock_in_range(cal, day))
		return -1;
	switch (kind) {
	case CLOCK_HOLIDAY:
		cal->work[i] = 0;
		break;
	case CLOCK_WORKDAY:
		cal->work[i] = 1;
		break;
	case CLOCK_NORMAL:
		cal->work[i] = clock_weekday(day) < 5;
		break;
	}
	return 0;
}

void
clock_calendar_finish(struct calendar *cal)
{
	int i, c = 0;

	for (i = 0; i < cal->n; i++) {
		c += cal->work[i];
		cal->cum[i] = c;
	}
}

int
clock_is_workday(const struct calendar *cal, int day)
{
	if (!clock_in_range(cal, day))
		return clock_weekday(day) < 5;
	return cal->work[day - cal->first];
}

/* Running count at day, extended beyond the table by the weekday rule. */
static long
cum_at(const struct calendar *cal, int day)
{
	int last = cal->first + cal->n - 1;
	long c;
	int d;

	if (day < cal->first) {
		/* Minus the working days in (day, first): cum(first - 1) is 0. */
		c = 0;
		for (d = day + 1; d < cal->first; d++)
			c -= clock_weekday(d) < 5;
		return c;
	}
	if (day <= last)
		return cal->cum[day - cal->first];
	c = cal->cum[cal->n - 1];
	for (d = last + 1; d <= day; d++)
		c += clock_weekday(d) < 5;
	return c;
}

int
clock_workdays(const struct calendar *cal, int from, int to)
{
	return (int)(cum_at(cal, to) - cum_at(cal, from));
}

/* The first day d in the table with cum[d] >= target, or -1. */
static int
first_with_count(const struct calendar *cal, long target)
{
	int lo = 0, hi = cal->n;

	if (target < 1 || target > cal->cum[cal->n - 1])
		return -1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (cal->cum[mid] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	return cal->first + lo;
}

int
clock_add(const struct calendar *cal, int from, int n)
{
	int d = from;

	if (n <= 0)
		return from;
	if (clock_in_range(cal, from)) {
		/* The n-th working day after from has count cum(from) + n. */
		int hit = first_with_count(cal, cum_at(cal, from) + n);

		if (hit >= 0)
			return hit;
	}
	while (n > 0) {
		d++;
		if (clock_is_workday(cal, d))
			n--;
	}
	return d;
}

int
clock_sub(const struct calendar *cal, int day, int n)
{
	int d = day;

	if (n <= 0)
		return day;
	if (clock_in_range(cal, day - 1)) {
		/* The n-th working day before day has count cum(day - 1) - n + 1. */
		int hit = first_with_count(cal, cum_at(cal, day - 1) - n + 1);

		if (hit >= 0)
			return hit;
	}
	while (n > 0) {
		d--;
		if (clock_is_workday(cal, d))
			n--;
	}
	return d;
}

int
clock_due(const struct calendar *cal, int start, int limit, int extra)
{
	return clock_add(cal, start, limit + extra);
}

int
clock_warn(const struct calendar *cal, int start, int limit, int extra)
{
	/* Yellow when used >= warn_percent of the limit, or 1 day is left. */
	int by_share = (limit * cal->warn_percent + 99) / 100;
	int by_left = limit - 1;
	int t = by_share < by_left ? by_share : by_left;

	if (t < 0)
		t = 0;
	return clock_add(cal, start, t + extra);
}

enum light
clock_light(int today, int warn, int due)
{
	if (today > due)
		return LIGHT_RED;
	if (today >= warn)
		return LIGHT_YELLOW;
	return LIGHT_GREEN;
}

enum light
clock_light_at(int day, const char *warn, const char *due)
{
	int w, d;

	if (clock_parse_date(warn, &w) != 0 || clock_parse_date(due, &d) != 0)
		return LIGHT_NONE;
	return clock_light(day, w, d);
}

static const char *light_names[] = { "", "green", "yellow", "red" };

const char *
clock_light_name(enum light l)
{
	return light_names[l];
}

int
clock_light_parse(const char *s, enum light *l)
{
	int i;

	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++)
		if (strcmp(s, light_names[i]) == 0) {
			*l = (enum light)i;
			return 0;
		}
	return -1;
}
