/*
 * Core benchmarks on a generated database: case lookup by number with its
 * timeline, lookup by applicant ID, a page of 50 of an office's open cases.
 * Prints the median and 90th percentile in microseconds, warm cache.
 * DB is a SQLite file or a PostgreSQL connection string (store_open).
 * usage: bench DB [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "i18n.h"
#include "stats.h"
#include "store.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp);
	printf("%-44s median %8.1f us   p90 %8.1f us   (n=%d)\n", what, t[n / 2], t[n * 9 / 10], n);
}

static int
count_event(void *arg, const struct event *e)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int
keep_no(void *arg, const struct tcase *c)
{
	char **v = arg;
	int i;

	for (i = 0; v[i] != NULL; i++)
		;
	v[i] = strdup(c->no);
	v[i + 1] = NULL;
	return 0;
}

static int
count_case(void *arg, const struct tcase *c)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

/* One office's or scope's list, timed: median and p90 of rounds. */
struct run {
	const char *what;
	int kind;		/* 0 worklist, 1 lights, 2 find */
	const char *office, *hall;
	struct scope scope;
	int light;
	long limit;
};

static void
time_run(struct store *st, const struct run *r, double *t, int rounds)
{
	int i;

	for (i = 0; i < rounds + 1; i++) {	/* the first round warms the cache */
		int got = 0;
		long n[4];
		struct case_filter f;
		double t0 = now_us();

		memset(&f, 0, sizeof f);
		f.today = "2026-11-27";
		f.limit = r->limit;
		f.light = r->light;
		if (r->kind == 0)
			store_worklist(st, r->office, r->hall, f.today, NULL, r->limit, count_case, &got);
		else if (r->kind == 1)
			store_worklist_lights(st, r->office, r->hall, f.today, 0, n);
		else
			store_case_find(st, &f, &r->scope, count_case, &got, NULL);
		if (i > 0)
			t[i - 1] = now_us() - t0;
	}
	report(r->what, t, rounds);
}

/* The busiest open office under a code prefix (heap string). */
static char *
busiest(const char *db, const char *like)
{
	char cmd[1024], buf[128] = "";
	FILE *p;

	/* The same question to either store: sqlite3 on a file, psql on a URL. */
	if (store_is_pg(db))
		snprintf(cmd, sizeof cmd, "psql -X -A -t -q '%s' -c \"SELECT office FROM cases "
		    "WHERE open = 1 AND office LIKE '%s' GROUP BY office ORDER BY count(*) DESC, office "
		    "LIMIT 1\"", db, like);
	else
		snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"SELECT office FROM cases INDEXED BY cases_light "
		    "WHERE open = 1 AND office LIKE '%s' GROUP BY office ORDER BY count(*) DESC, office "
		    "LIMIT 1\"", db, like);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fgets(buf, sizeof buf, p) == NULL)
			buf[0] = '\0';
		pclose(p);
	}
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

static const char *dbpath;

/* The lists of the daily screens (docs/PERFORMANCE.md's table). */
static void
lists(struct store *st, double *t)
{
	char *dept = busiest(dbpath, "500000.%");
	char *township = busiest(dbpath, "%.township");
	char hall[16];
	struct run runs[] = {
		{ "worklist page of 50, a district office", 0, "500229.market", NULL,
		  { SCOPE_NONE, "", "", NULL }, 0, 50 },
		{ "worklist page of 50, the busiest city dept", 0, dept, NULL,
		  { SCOPE_NONE, "", "", NULL }, 0, 50 },
		{ "worklist page of 50, the busiest township", 0, township, hall,
		  { SCOPE_NONE, "", "", NULL }, 0, 50 },
		{ "home lights, the busiest township", 1, township, hall,
		  { SCOPE_NONE, "", "", NULL }, 0, 0 },
		{ "home lights, the busiest city dept", 1, dept, NULL,
		  { SCOPE_NONE, "", "", NULL }, 0, 0 },
		{ "district supervisor's red cases, page of 50", 2, NULL, NULL,
		  { SCOPE_REGION, "500229", "500229:", NULL }, LIGHT_RED, 50 },
		{ "city supervisor's red cases, page of 50", 2, NULL, NULL,
		  { SCOPE_REGION, "50", "50:", NULL }, LIGHT_RED, 50 },
		{ "home latest 8: township clerk", 2, NULL, NULL,
		  { SCOPE_CLERK, "500229001", "500229001:", "500229001.township" }, 0, 8 },
		{ "home latest 8: district supervisor", 2, NULL, NULL,
		  { SCOPE_REGION, "500229", "500229:", NULL }, 0, 8 },
		{ "home latest 8: approver", 2, NULL, NULL,
		  { SCOPE_OFFICE, "", "", "500229.market" }, 0, 8 },
		{ "city supervisor's case find --limit 8", 2, NULL, NULL,
		  { SCOPE_REGION, "50", "50:", NULL }, 0, 8 },
	};
	size_t i;

	snprintf(hall, sizeof hall, "%.9s", township);
	printf("(busiest city department %s, township %s)\n", dept, township);
	for (i = 0; i < sizeof runs / sizeof runs[0]; i++)
		time_run(st, &runs[i], t, 50);
	free(dept);
	free(township);
}

int
main(int argc, char **argv)
{
	struct store *st;
	char *cause = NULL, **nos, **ids;
	int n = argc > 2 ? atoi(argv[2]) : 2000, i, k;
	double *t;
	struct case_filter f;
	struct scope all = { SCOPE_ALL, "", "", NULL };

	if (argc < 2) {
		fprintf(stderr, "usage: bench DB [N]\n");
		return 1;
	}
	i18n_set_lang("zh");
	dbpath = argv[1];
	st = store_open(argv[1], NULL, &cause);
	if (st == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	nos = calloc((size_t)n + 2, sizeof *nos);
	ids = calloc((size_t)n + 2, sizeof *ids);
	t = calloc((size_t)(n > 200 ? n : 200), sizeof *t);	/* the lists time 50 rounds, the dashboard 200 */
	/* Sample case numbers spread over the table. */
	memset(&f, 0, sizeof f);
	f.today = "2026-11-27";
	f.limit = n;
	store_case_find(st, &f, &all, keep_no, nos, NULL);
	for (i = 0; i < n && nos[i]; i++) {
		struct tcase c;

		store_case_get(st, nos[i], &c);
		ids[i] = strdup(c.applicant);
		tcase_release(&c);
	}
	n = i;
	for (k = 0; k < 2; k++)	/* the second round is the warm one */
		for (i = 0; i < n; i++) {
			struct tcase c;
			int ev = 0;
			double t0 = now_us();

			store_case_get(st, nos[(i * 7919) % n], &c);
			store_event_each_of_case(st, c.id, count_event, &ev);
			t[i] = now_us() - t0;
			tcase_release(&c);
		}
	report("case lookup by number with its timeline", t, n);
	for (i = 0; i < n; i++) {
		int got = 0;
		double t0 = now_us();

		memset(&f, 0, sizeof f);
		f.applicant = ids[(i * 7919) % n];
		f.today = "2026-11-27";
		f.limit = 50;
		store_case_find(st, &f, &all, count_case, &got, NULL);
		t[i] = now_us() - t0;
	}
	report("cases of one applicant by ID", t, n);
	for (i = 0; i < n && i < 500; i++) {
		int got = 0;
		double t0 = now_us();
		struct scope office = { SCOPE_OFFICE, "", "", i % 2 ? "500103.market" : "500229.market" };

		memset(&f, 0, sizeof f);
		f.today = "2026-11-27";
		f.limit = 50;
		store_case_find(st, &f, &office, count_case, &got, NULL);
		t[i] = now_us() - t0;
	}
	report("a page of 50 of one office's cases", t, i);
	for (i = 0; i < n && i < 500; i++) {
		int got = 0;
		double t0 = now_us();

		store_worklist(st, i % 2 ? "500103.market" : "500229.market", NULL, "2026-11-27", NULL, 50,
		    count_case, &got);
		t[i] = now_us() - t0;
	}
	report("worklist page of 50 (most urgent first)", t, i);
	lists(st, t);
	{
		struct calendar cal;
		struct dash *d = calloc(1, sizeof *d);
		int today = clock_today();

		clock_calendar_init(&cal);
		store_calendar_load(st, &cal, NULL);
		for (i = 0; i < 200; i++) {
			double t0 = now_us();

			stats_dashboard_live(st, &cal, i % 2 ? "50" : "500229", today, d);
			t[i] = now_us() - t0;
		}
		report("dashboard live refresh (city / district)", t, 200);
		for (i = 0; i < 50; i++) {
			double t0 = now_us();

			stats_dashboard_analysis(st, &cal, i % 2 ? "50" : "500229", today, d);
			t[i] = now_us() - t0;
		}
		report("dashboard analysis, once a minute", t, 50);
		free(d);
		clock_calendar_release(&cal);
	}
	store_close(st);
	return 0;
}
