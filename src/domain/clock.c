/*
 * Working-day arithmetic over a precomputed table: one byte per day saying
 * whether it is worked, and a running count so that counting the working
 * days between two dates is a subtraction. The table is derived from what
 * the notices list and, for years no notice covers yet, from the statutory
 * holidays (see clock.h).
 */
#include <assert.h>
#include <ctype.h>
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
	const char *env = getenv("TONGBAN_TIME");
	time_t t = time(NULL);
	struct tm tm;
	int m;

	clock_format_date(day, d);
	/* TONGBAN_TIME fixes the time of day, as clock_now() reads it. */
	if (env != NULL && clock_parse_hhmm(env, &m) == 0 && m < CLOCK_MINUTES_PER_DAY) {
		snprintf(out, 32, "%s %02d:%02d:00", d, m / 60, m % 60);
		return;
	}
	localtime_r(&t, &tm);
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
	memset(cal, 0, sizeof *cal);
	cal->first = clock_day_from_ymd(CLOCK_FIRST_YEAR, 1, 1);
	cal->n = clock_day_from_ymd(CLOCK_LAST_YEAR + 1, 1, 1) - cal->first;
	cal->kind = xcalloc((size_t)cal->n, 1);
	cal->work = xmalloc((size_t)cal->n);
	cal->rest = xcalloc((size_t)cal->n, 1);
	cal->cum = xcalloc((size_t)cal->n, sizeof *cal->cum);
	cal->warn_percent = CLOCK_WARN_PERCENT;
	clock_calendar_finish(cal);
}

void
clock_calendar_release(struct calendar *cal)
{
	free(cal->kind);
	free(cal->work);
	free(cal->rest);
	free(cal->cum);
	free(cal->statutory);
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
	cal->kind[i] = (unsigned char)kind;
	/* Counting before finish sees the day already (older callers). */
	cal->work[i] = kind == CLOCK_HOLIDAY ? 0 : kind == CLOCK_WORKDAY ? 1 :
	    clock_weekday(day) < 5;
	return 0;
}

int
clock_calendar_statutory(struct calendar *cal, int day, enum clock_holiday h)
{
	if (!clock_in_range(cal, day) || (int)h < 0 || h >= CLOCK_NHOLIDAYS)
		return -1;
	if (cal->nstatutory == cal->astatutory) {
		cal->astatutory = cal->astatutory ? 2 * cal->astatutory : 64;
		cal->statutory = xreallocarray(cal->statutory, (size_t)cal->astatutory,
		    sizeof *cal->statutory);
	}
	cal->statutory[cal->nstatutory].day = day;
	cal->statutory[cal->nstatutory].holiday = h;
	cal->nstatutory++;
	return 0;
}

static int
statutory_order(const void *a, const void *b)
{
	const struct clock_statutory *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (int)x->holiday - (int)y->holiday;
}

static int
year_of(int day)
{
	int y, m, d;

	clock_ymd(day, &y, &m, &d);
	return y;
}

/*
 * The statutory rule in the years no notice covers: each holiday's days
 * are rest days (放假办法 art. 2), and a day of a holiday that falls on a
 * Saturday or Sunday, or on a day another holiday already takes (中秋 on
 * 1 October), is owed as a rest day on a working day (art. 6, 补假). Which
 * working day is the notice's to say; until then it is the first working
 * day after the holiday, as the notices have mostly placed it. Make-up
 * working days (调休, art. 7) are the notice's choice and are not guessed.
 */
static void
apply_statutory(struct calendar *cal)
{
	int k, taken = -1;

	if (cal->nstatutory == 0)
		return;
	qsort(cal->statutory, (size_t)cal->nstatutory, sizeof *cal->statutory, statutory_order);
	for (k = 0; k < cal->nstatutory; k++) {
		const struct clock_statutory *s = &cal->statutory[k];

		if (clock_noticed(cal, year_of(s->day)))
			continue;
		cal->work[s->day - cal->first] = 0;
		if (cal->rest[s->day - cal->first] == 0)
			cal->rest[s->day - cal->first] = (unsigned char)(1 + s->holiday);
	}
	for (k = 0; k < cal->nstatutory; k++) {
		const struct clock_statutory *s = &cal->statutory[k];
		int d;

		if (clock_noticed(cal, year_of(s->day)))
			continue;
		if (clock_weekday(s->day) < 5 && s->day != taken) {
			taken = s->day;
			continue;
		}
		taken = s->day;
		for (d = s->day + 1; clock_in_range(cal, d); d++)
			if (cal->work[d - cal->first]) {
				cal->work[d - cal->first] = 0;
				cal->rest[d - cal->first] =
				    (unsigned char)(1 + CLOCK_NHOLIDAYS + s->holiday);
				break;
			}
	}
}

void
clock_calendar_finish(struct calendar *cal)
{
	int i, c = 0;

	memset(cal->noticed, 0, sizeof cal->noticed);
	for (i = 0; i < cal->n; i++) {
		int day = cal->first + i;

		switch (cal->kind[i]) {
		case CLOCK_HOLIDAY:
			cal->work[i] = 0;
			cal->noticed[year_of(day) - CLOCK_FIRST_YEAR] = 1;
			break;
		case CLOCK_WORKDAY:
			cal->work[i] = 1;
			break;
		default:
			cal->work[i] = clock_weekday(day) < 5;
			break;
		}
		cal->rest[i] = 0;
	}
	apply_statutory(cal);
	for (i = 0; i < cal->n; i++) {
		c += cal->work[i];
		cal->cum[i] = c;
	}
}

int
clock_noticed(const struct calendar *cal, int year)
{
	if (year < CLOCK_FIRST_YEAR || year > CLOCK_LAST_YEAR)
		return 0;
	return cal->noticed[year - CLOCK_FIRST_YEAR];
}

int
clock_last_noticed(const struct calendar *cal)
{
	int y;

	for (y = CLOCK_LAST_YEAR; y >= CLOCK_FIRST_YEAR; y--)
		if (clock_noticed(cal, y))
			return y;
	return CLOCK_FIRST_YEAR - 1;
}

int
clock_provisional_year(const struct calendar *cal, int a, int b)
{
	int lo = a < b ? a : b, hi = a < b ? b : a, y;

	if (lo == hi)
		return 0;
	for (y = year_of(lo + 1); y <= year_of(hi); y++)
		if (!clock_noticed(cal, y))
			return y;
	return 0;
}

int
clock_statutory_known(const struct calendar *cal, int year)
{
	int k;

	for (k = 0; k < cal->nstatutory; k++)
		if (year_of(cal->statutory[k].day) == year)
			return 1;
	return 0;
}

int
clock_provisional(const struct calendar *cal, int a, int b)
{
	return clock_provisional_year(cal, a, b) != 0;
}

enum clock_rest
clock_rest_of(const struct calendar *cal, int day, enum clock_holiday *h)
{
	int r;

	if (!clock_in_range(cal, day) || (r = cal->rest[day - cal->first]) == 0)
		return CLOCK_REST_NONE;
	if (r <= CLOCK_NHOLIDAYS) {
		*h = (enum clock_holiday)(r - 1);
		return CLOCK_REST_STATUTORY;
	}
	*h = (enum clock_holiday)(r - 1 - CLOCK_NHOLIDAYS);
	return CLOCK_REST_SUBSTITUTE;
}

static const struct {
	const char *code, *cn, *en;
	int from, to;		/* month * 100 + day: the widest span of its days */
} holidays[CLOCK_NHOLIDAYS] = {
	{ "new_year", "元旦", "New Year's Day", 101, 101 },
	/* 除夕 to 初三: 初一 falls on 21 January to 20 February. */
	{ "spring_festival", "春节", "Chinese New Year", 120, 223 },
	{ "qingming", "清明节", "Tomb-Sweeping Day", 403, 406 },
	{ "labour_day", "劳动节", "Labor Day", 501, 502 },
	{ "dragon_boat", "端午节", "Dragon Boat Festival", 527, 626 },
	{ "mid_autumn", "中秋节", "Mid-Autumn Festival", 907, 1008 },
	{ "national_day", "国庆节", "National Day", 1001, 1003 },
};

const char *
clock_holiday_code(enum clock_holiday h)
{
	return (int)h >= 0 && h < CLOCK_NHOLIDAYS ? holidays[h].code : "";
}

const char *
clock_holiday_name_cn(enum clock_holiday h)
{
	return (int)h >= 0 && h < CLOCK_NHOLIDAYS ? holidays[h].cn : "";
}

const char *
clock_holiday_name_en(enum clock_holiday h)
{
	return (int)h >= 0 && h < CLOCK_NHOLIDAYS ? holidays[h].en : "";
}

int
clock_holiday_parse(const char *code, enum clock_holiday *h)
{
	int i;

	for (i = 0; i < CLOCK_NHOLIDAYS; i++)
		if (strcmp(code, holidays[i].code) == 0) {
			*h = (enum clock_holiday)i;
			return 0;
		}
	return -1;
}

int
clock_holiday_plausible(enum clock_holiday h, int day)
{
	int y, m, d, md;

	if ((int)h < 0 || h >= CLOCK_NHOLIDAYS)
		return 0;
	clock_ymd(day, &y, &m, &d);
	md = m * 100 + d;
	return md >= holidays[h].from && md <= holidays[h].to;
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
	/* Yellow when used >= warn_percent of the limit, or 1 day is left;
	 * the share is rounded up to whole working days. */
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

/* Working hours -------------------------------------------------------------- */

/* Office hours: morning and afternoon windows, minutes of the day. */
static const int office_hours[2][2] = { { 9 * 60, 12 * 60 }, { 13 * 60, 17 * 60 } };

static long
moment_day(long t)
{
	return t >= 0 ? t / CLOCK_MINUTES_PER_DAY : -((-t + CLOCK_MINUTES_PER_DAY - 1) /
	    CLOCK_MINUTES_PER_DAY);
}

long
clock_work_add(const struct calendar *cal, long t, long n)
{
	long day = moment_day(t), m = t - day * CLOCK_MINUTES_PER_DAY, room;
	int i, guard;

	assert(n >= 0);
	/* A response time is hours; the guard only stops a broken calendar. */
	for (guard = 0; guard < 3660; guard++, day++, m = 0) {
		if (!clock_is_workday(cal, (int)day))
			continue;
		for (i = 0; i < 2; i++) {
			if (m >= office_hours[i][1])
				continue;
			if (m < office_hours[i][0])
				m = office_hours[i][0];
			room = office_hours[i][1] - m;
			if (n <= room)
				return day * CLOCK_MINUTES_PER_DAY + m + n;
			n -= room;
			m = office_hours[i][1];
		}
	}
	return day * CLOCK_MINUTES_PER_DAY;
}

long
clock_work_between(const struct calendar *cal, long a, long b)
{
	long day, last, lo, hi, sum = 0, base;
	int i;

	if (b < a)
		return -clock_work_between(cal, b, a);
	last = moment_day(b);
	for (day = moment_day(a); day <= last && day - moment_day(a) < 3660; day++) {
		if (!clock_is_workday(cal, (int)day))
			continue;
		base = day * CLOCK_MINUTES_PER_DAY;
		for (i = 0; i < 2; i++) {
			lo = base + office_hours[i][0];
			hi = base + office_hours[i][1];
			if (lo < a)
				lo = a;
			if (hi > b)
				hi = b;
			if (hi > lo)
				sum += hi - lo;
		}
	}
	return sum;
}

int
clock_work_open(const struct calendar *cal, long t)
{
	long day = moment_day(t), m = t - day * CLOCK_MINUTES_PER_DAY;

	if (!clock_is_workday(cal, (int)day))
		return 0;
	return (m >= office_hours[0][0] && m < office_hours[0][1]) ||
	    (m >= office_hours[1][0] && m < office_hours[1][1]);
}

int
clock_parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int
clock_parse_moment(const char *s, long *t)
{
	char d[11];
	int day, m;

	if (s == NULL || strlen(s) < 16 || s[10] != ' ')
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (clock_parse_date(d, &day) != 0)
		return -1;
	{
		char hm[6];

		memcpy(hm, s + 11, 5);
		hm[5] = '\0';
		if (clock_parse_hhmm(hm, &m) != 0 || m >= CLOCK_MINUTES_PER_DAY)
			return -1;
	}
	*t = (long)day * CLOCK_MINUTES_PER_DAY + m;
	return 0;
}

void
clock_format_moment(long t, char out[17])
{
	long day = moment_day(t);
	int m = (int)(t - day * CLOCK_MINUTES_PER_DAY);
	char d[11];

	clock_format_date((int)day, d);
	memcpy(out, d, 10);
	out[10] = ' ';
	out[11] = (char)('0' + m / 600 % 10);
	out[12] = (char)('0' + m / 60 % 10);
	out[13] = ':';
	out[14] = (char)('0' + m % 60 / 10);
	out[15] = (char)('0' + m % 10);
	out[16] = '\0';
}

long
clock_now(int day)
{
	const char *env = getenv("TONGBAN_TIME");
	time_t t = time(NULL);
	struct tm tm;
	int m;

	if (env != NULL && clock_parse_hhmm(env, &m) == 0 && m < CLOCK_MINUTES_PER_DAY)
		return (long)day * CLOCK_MINUTES_PER_DAY + m;
	localtime_r(&t, &tm);
	return (long)day * CLOCK_MINUTES_PER_DAY + tm.tm_hour * 60 + tm.tm_min;
}
