/*
 * The legal clock: dates, the working-day calendar and case lights.
 *
 * A date is a day number (days since 1970-01-01). The calendar knows, for
 * every day from 2000 to 2099, whether it is a working day: Monday to Friday
 * unless listed as a public holiday, Saturday and Sunday unless listed as a
 * make-up working day (Administrative Licensing Law art. 82: limits count
 * working days). The lists come from the State Council's yearly notices.
 *
 * A year that no notice covers (one without any public holiday listed:
 * next year until its notice is out in the autumn) is not taken as plain
 * Monday to Friday: the statutory holidays that need no notice (全国年节及
 * 纪念日放假办法, as revised in 2024) are rest days in it, and so is the
 * rest day owed for each of them that falls on a weekend (art. 6, 补假).
 * Every day of such a year is provisional: a date counted across it may
 * move when the notice comes, and clock_provisional() says so.
 *
 * After clock_calendar_set() and clock_calendar_statutory() calls,
 * clock_calendar_finish() must run before any counting; it derives the
 * working days from what was set, so it may run again after more sets.
 */
#ifndef TONGBAN_CLOCK_H
#define TONGBAN_CLOCK_H

#define CLOCK_FIRST_YEAR 2000
#define CLOCK_LAST_YEAR 2099

enum clock_day_kind { CLOCK_NORMAL, CLOCK_HOLIDAY, CLOCK_WORKDAY };

/* The holidays of every citizen (放假办法 art. 2), in the order of the year. */
enum clock_holiday {
	CLOCK_NEW_YEAR, CLOCK_SPRING_FESTIVAL, CLOCK_QINGMING, CLOCK_LABOUR_DAY,
	CLOCK_DRAGON_BOAT, CLOCK_MID_AUTUMN, CLOCK_NATIONAL_DAY, CLOCK_NHOLIDAYS
};

/* What a day without a notice is, by the statutory rule alone. */
enum clock_rest { CLOCK_REST_NONE, CLOCK_REST_STATUTORY, CLOCK_REST_SUBSTITUTE };

/* One day of one statutory holiday (a day two holidays share is two). */
struct clock_statutory {
	int day;
	enum clock_holiday holiday;
};

enum light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };

struct calendar {
	int first;		/* day number of 2000-01-01 */
	int n;			/* days covered */
	unsigned char *kind;	/* enum clock_day_kind, as the notices set it */
	unsigned char *work;	/* 1 when a working day (derived by finish) */
	/* In a year without a notice: 0, or 1 + the holiday for a statutory
	 * rest day, 1 + CLOCK_NHOLIDAYS + the holiday for a day owed for it. */
	unsigned char *rest;
	int *cum;		/* working days in [first, first + i] */
	struct clock_statutory *statutory;
	int nstatutory, astatutory;
	/* 1 when a notice covers the year (it lists a public holiday in it). */
	unsigned char noticed[CLOCK_LAST_YEAR - CLOCK_FIRST_YEAR + 1];
	int warn_percent;	/* yellow at this share of the limit used */
};

/* The share of the limit used from which a case is yellow, unless set. */
#define CLOCK_WARN_PERCENT 80

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
/* Mark one day as a notice lists it; -1 when outside the covered years. */
int clock_calendar_set(struct calendar *cal, int day, enum clock_day_kind kind);
/* Add one day of a statutory holiday (used in years without a notice);
 * -1 when outside the covered years. */
int clock_calendar_statutory(struct calendar *cal, int day, enum clock_holiday h);
/* Derive the working days (and the running count) from what was set. */
void clock_calendar_finish(struct calendar *cal);
/* 1 when one covered day is in range. */
int clock_in_range(const struct calendar *cal, int day);

/* 1 when a State Council notice covers year. */
int clock_noticed(const struct calendar *cal, int year);
/* The last year a notice covers, or CLOCK_FIRST_YEAR - 1 when none does. */
int clock_last_noticed(const struct calendar *cal);
/* 1 when a day d with min(a, b) < d <= max(a, b) is in a year that no
 * notice covers (or outside the calendar's years): a count or a date
 * computed over that span is provisional. */
int clock_provisional(const struct calendar *cal, int a, int b);
/* The first year of that span no notice covers, or 0 when there is none. */
int clock_provisional_year(const struct calendar *cal, int a, int b);
/* 1 when the statutory holidays of year are known (the shipped table). */
int clock_statutory_known(const struct calendar *cal, int year);
/* What day is in a year without a notice (CLOCK_REST_NONE in a noticed
 * year or on a working day), and for which holiday (*h). */
enum clock_rest clock_rest_of(const struct calendar *cal, int day, enum clock_holiday *h);
/* The holiday's code in data/statutory-holidays.csv ("new_year", ...), its
 * Chinese and its English name; clock_holiday_parse: -1 when unknown. */
const char *clock_holiday_code(enum clock_holiday h);
const char *clock_holiday_name_cn(enum clock_holiday h);
const char *clock_holiday_name_en(enum clock_holiday h);
int clock_holiday_parse(const char *code, enum clock_holiday *h);
/* 1 when day (m, d) can be a day of holiday h in any year: the fixed days,
 * 清明 on 4 to 6 April, and the lunar holidays within their widest span. */
int clock_holiday_plausible(enum clock_holiday h, int day);

int clock_is_workday(const struct calendar *cal, int day);
/* Working days d with from < d <= to (negative when to < from). */
int clock_workdays(const struct calendar *cal, int from, int to);
/* The date n >= 0 working days after from (n = 0 gives from itself). */
int clock_add(const struct calendar *cal, int from, int n);
/* The n-th working day before day (n = 0 gives day itself). */
int clock_sub(const struct calendar *cal, int day, int n);

/* Due date: limit working days after start, plus paused and extended days. */
int clock_due(const struct calendar *cal, int start, int limit, int extra);
/* First date on which the case turns yellow: warn_percent of limit used
 * (80% unless set) or 1 day left, whichever comes first; extra (paused
 * days) moves it as it moves the due date. An extension is part of limit:
 * a 20-day limit extended by 10 turns yellow at 24 days used. */
int clock_warn(const struct calendar *cal, int start, int limit, int extra);
/* Light of an open clock on day today. */
enum light clock_light(int today, int warn, int due);
/* The light on day of a clock with warn and due as dates (YYYY-MM-DD);
 * LIGHT_NONE when one does not parse. The one rule behind tcase_light()
 * and the store's SQL function tb_light(). */
enum light clock_light_at(int day, const char *warn, const char *due);
const char *clock_light_name(enum light l);
int clock_light_parse(const char *s, enum light *l);

/*
 * Working hours (inspection appointments: a response time counted in
 * working hours). A moment is a minute number: day * 1440 + the minute of
 * the day. Office hours are 09:00-12:00 and 13:00-17:00 on working days (a
 * decision: the usual window hours of Chongqing's service halls); the
 * lunch break, evenings and rest days do not count.
 */
#define CLOCK_MINUTES_PER_DAY 1440
/* The moment n >= 0 working minutes after t; a moment outside office hours
 * counts from the next opening (n = 0 gives that opening). */
long clock_work_add(const struct calendar *cal, long t, long n);
/* Working minutes in [a, b) (negative when b < a). */
long clock_work_between(const struct calendar *cal, long a, long b);
/* 1 when t lies in office hours on a working day. */
int clock_work_open(const struct calendar *cal, long t);
/* Parse "YYYY-MM-DD HH:MM" (seconds after it are ignored); 0 or -1. */
int clock_parse_moment(const char *s, long *t);
/* Format t as "YYYY-MM-DD HH:MM" (17 bytes). */
void clock_format_moment(long t, char out[17]);
/* Parse "HH:MM" (00:00 to 24:00) into minutes of the day; 0 or -1. */
int clock_parse_hhmm(const char *s, int *minutes);
/* Now on day: the time of day is the system's, or TONGBAN_TIME=HH:MM for
 * tests and demos. */
long clock_now(int day);

#endif
