/*
 * The legal clock: dates, the working-day calendar and case lights.
 *
 * A date is a day number (days since 1970-01-01). The calendar knows, for
 * every day from 2000 to 2099, whether it is a working day: Monday to Friday
 * unless listed as a public holiday, Saturday and Sunday unless listed as a
 * make-up working day (Administrative Licensing Law art. 82: limits count
 * working days). After clock_calendar_set() calls, clock_calendar_finish()
 * must run before any counting.
 */
#ifndef TONGBAN_CLOCK_H
#define TONGBAN_CLOCK_H

#define CLOCK_FIRST_YEAR 2000
#define CLOCK_LAST_YEAR 2099

enum clock_day_kind { CLOCK_NORMAL, CLOCK_HOLIDAY, CLOCK_WORKDAY };

enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };

struct calendar {
	int first;		/* day number of 2000-01-01 */
	int n;			/* days covered */
	unsigned char *work;	/* 1 when a working day */
	int *cum;		/* working days in [first, first + i] */
	int warn_percent;	/* yellow at this share of the limit used */
};

/* Parse strict ISO YYYY-MM-DD; 0 and *day on success, -1 otherwise. */
int clock_parse_date(const char *s, int *day);
/* Format day as YYYY-MM-DD into buf (11 bytes). */
void clock_format_date(int day, char buf[11]);
int clock_day_from_ymd(int y, int m, int d);
void clock_ymd(int day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int clock_weekday(int day);
/* "YYYY-MM-DD HH:MM:SS": day with the current time of day (32 bytes). */
void clock_stamp(int day, char out[32]);
/* Today, honouring TONGBAN_TODAY=YYYY-MM-DD for tests and demos. */
int clock_today(void);

void clock_calendar_init(struct calendar *cal);
void clock_calendar_release(struct calendar *cal);
/* Mark one day; -1 when outside the covered years. */
int clock_calendar_set(struct calendar *cal, int day, enum clock_day_kind kind);
void clock_calendar_finish(struct calendar *cal);
/* 1 when one covered day is in range. */
int clock_in_range(const struct calendar *cal, int day);

int clock_is_workday(const struct calendar *cal, int day);
/* Working days d with from < d <= to (negative when to < from). */
int clock_workdays(const struct calendar *cal, int from, int to);
/* The date n >= 0 working days after from (n = 0 gives from itself). */
int clock_add(const struct calendar *cal, int from, int n);
/* The n-th working day before day (n = 0 gives day itself). */
int clock_sub(const struct calendar *cal, int day, int n);

/* Due date: limit working days after start, plus paused and extended days. */
int clock_due(const struct calendar *cal, int start, int limit, int extra);
/* First date on which the case turns yellow (80% used or 1 day left). */
int clock_warn(const struct calendar *cal, int start, int limit, int extra);
/* Light of an open clock on day today. */
enum light clock_light(int today, int warn, int due);
/* The light on day of a clock with warn and due as dates (YYYY-MM-DD);
 * LIGHT_NONE when one does not parse. The one rule behind tcase_light()
 * and the store's SQL function tb_light(). */
enum light clock_light_at(int day, const char *warn, const char *due);
const char *clock_light_name(enum light l);
int clock_light_parse(const char *s, enum light *l);

#endif
