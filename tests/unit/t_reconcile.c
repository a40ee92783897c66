/*
 * Every figure of the dashboard against the list it drills down to, on the
 * demo data, for the city's supervisor and a district's: the figure, the
 * length of the list the console walks (every page), the count of the same
 * filter, and the rows of `case export` with the options the list names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "appoint.h"
#include "case.h"
#include "clock.h"
#include "cmd.h"
#include "demo.h"
#include "load.h"
#include "record.h"
#include "schema.h"
#include "session.h"
#include "stats.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

struct walk {
	long n;
	struct case_filter *f;
	const struct tcase *last;
	char last_no[32];
};

static int
count_case(void *arg, const struct tcase *c)
{
	struct walk *w = arg;

	w->n++;
	snprintf(w->last_no, sizeof w->last_no, "%s", c->no);
	return 0;
}

/* The console's walk: pages of 7 after the last row read, to the end. */
static long
walk_pages(struct session *s, struct case_filter *f, const struct scope *sc)
{
	struct walk w;
	struct tcase last;
	long total = 0;

	memset(&last, 0, sizeof last);
	f->limit = 7;
	f->after = NULL;
	for (;;) {
		memset(&w, 0, sizeof w);
		if (store_case_find(s->st, f, sc, count_case, &w, NULL) != 0)
			return -1;
		total += w.n;
		if (last.no != NULL)
			tcase_release(&last);
		if (w.n < f->limit || total > 100000)
			break;
		if (store_case_get(s->st, w.last_no, &last) != 0)
			return -1;
		f->after = &last;
	}
	f->after = NULL;
	return total;
}

/* The rows of `case export --format csv OPTIONS` run as the user. */
static long
export_rows(struct session *s, const char *opts)
{
	char line[1024], *out = NULL, **argv = NULL, *cause = NULL;
	struct cmd_ctx c;
	size_t len = 0, i;
	int argc = 0, rc;
	long n = -1;

	snprintf(line, sizeof line, "case export --format csv %s", opts);
	if (cmd_split(line, &argc, &argv, &cause) != 0) {
		free(cause);
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.in = stdin;
	c.out = open_memstream(&out, &len);
	c.err = fopen("/dev/null", "w");
	c.today = session_today(s);
	rc = cmd_run(&c, argc, argv);
	fclose(c.out);
	fclose(c.err);
	cmd_free_argv(argc, argv);
	if (rc == 0 && out != NULL)
		for (i = 0, n = -1; i < len; i++)	/* less the header */
			n += out[i] == '\n';
	free(out);
	return n;
}

struct late_count {
	const char *kind;
	long n;
};

static int
count_late(void *arg, const struct late_record *r, int days_over)
{
	struct late_count *l = arg;

	(void)days_over;
	l->n += strcmp(r->kind, l->kind) == 0;
	return 0;
}

static int
count_appt(void *arg, const struct appointment *a)
{
	(void)a;
	(*(long *)arg)++;
	return 0;
}

static int
count_hall(void *arg, const char *hall, const char *name, long today, double usual)
{
	(void)hall;
	(void)name;
	(void)today;
	(void)usual;
	(*(long *)arg)++;
	return 0;
}

struct tally {
	int figures, mismatches, lists[4];
};

/* One figure against its list; prints what differs. */
static void
one(struct session *s, const struct dash *d, enum dash_fig fig, int i, struct tally *t)
{
	static struct case_query q;
	struct case_filter f;
	struct scope sc;
	char today[11], opts[512];
	enum dash_list kind;
	long n, listed = -1, counted = -1, exported = -1;
	int day = session_today(s);

	kind = stats_drill(d, fig, i, day, &q, &n);
	CHECK(kind != DASH_LIST_NONE);
	if (kind == DASH_LIST_NONE)
		return;
	t->figures++;
	t->lists[kind]++;
	if (kind == DASH_LIST_CASES) {
		clock_format_date(day, today);
		case_query_filter(&q, s->cal, day, &f);
		f.today = today;
		access_scope(&s->user, &sc);
		listed = walk_pages(s, &f, &sc);
		CHECK_INT(store_case_count(s->st, &f, &sc, 0, &counted, NULL), 0);
		case_query_args(&q, opts, sizeof opts);
		exported = export_rows(s, opts);
		/* The month's on-time rate: its numerator is a list of its own. */
		if (fig == DASH_MONTH) {
			long on_time = -1;

			q.on_time = 1;
			case_query_filter(&q, s->cal, day, &f);
			f.today = today;
			CHECK_INT(store_case_count(s->st, &f, &sc, 0, &on_time, NULL), 0);
			CHECK_INT(on_time, d->month_on_time);
			case_query_args(&q, opts, sizeof opts);
			CHECK_INT(export_rows(s, opts), d->month_on_time);
			q.on_time = 0;
			case_query_filter(&q, s->cal, day, &f);
			f.today = today;
		}
	} else if (kind == DASH_LIST_LATE) {
		struct late_count l = { q.anomaly, 0 };

		CHECK_INT(record_late(s, d->scope, day - 30, day, count_late, &l, NULL), 0);
		listed = counted = exported = l.n;
	} else if (kind == DASH_LIST_APPTS) {
		struct appoint_filter af;

		memset(&af, 0, sizeof af);
		af.prefix = d->scope;
		af.overdue = 1;
		listed = 0;
		CHECK_INT(appoint_list(s, &af, appoint_now(s), count_appt, &listed, NULL), 0);
		counted = exported = listed;
	} else {
		listed = 0;
		CHECK_INT(stats_busy_halls(s->st, s->cal, d->scope, day, count_hall, &listed), 0);
		counted = exported = listed;
	}
	if (listed != n || counted != n || exported != n) {
		t->mismatches++;
		printf("#   %s: %s: figure %ld, list %ld, count %ld, case export %ld (%s)\n",
		    s->user.login, q.title, n, listed, counted, exported,
		    kind == DASH_LIST_CASES ? opts : "");
	}
	CHECK_INT(listed, n);
	CHECK_INT(counted, n);
	CHECK_INT(exported, n);
}

static int
first_open(void *arg, const struct tcase *c)
{
	snprintf(arg, 32, "%s", c->no);
	return 1;
}

/* Supervision records past their deadlines in 城口县: an order, a complaint
 * and a bad rating opened 25 days ago and never answered. */
static void
late_records(struct store *st, struct calendar *cal, int today)
{
	static const enum record_kind kinds[] = { RECORD_ORDER, RECORD_COMPLAINT, RECORD_RATING };
	struct case_filter f;
	struct scope sc;
	struct session s;
	struct user u, clerk;
	char no[32] = "", due[11], day[11], *cause = NULL;
	long long id;
	size_t i;

	CHECK_INT(store_user_get(st, "supervisor1", &u), 0);
	CHECK_INT(store_user_get(st, "clerk1", &clerk), 0);
	/* A case the clerk took in (ratings are the window's). */
	memset(&f, 0, sizeof f);
	f.area = "500229";
	f.limit = 1;
	f.status = "completed";
	access_scope(&clerk, &sc);
	store_case_find(st, &f, &sc, first_open, no, NULL);
	CHECK(no[0] != '\0');
	session_init(&s, st, cal, &u, "test");
	s.fixed_today = today - 25;
	clock_format_date(today - 20, day);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct record_new in;

		memset(&in, 0, sizeof in);
		in.case_no = no;
		in.text = "reconcile";
		in.due = day;
		in.level = 1;
		if (kinds[i] == RECORD_RATING) {
			session_close(&s);
			session_init(&s, st, cal, &clerk, "test");
			s.fixed_today = today - 25;
		}
		id = 0;
		if (record_new(&s, kinds[i], &in, &id, due, &cause) != 0)
			printf("#   cannot open a record: %s\n", cause ? cause : "?");
		CHECK(id > 0);
		free(cause);
		cause = NULL;
	}
	session_close(&s);
	user_release(&u);
	user_release(&clerk);
}

static void
reconcile_as(struct store *st, struct calendar *cal, int today, const char *login,
    struct tally *t)
{
	static struct dash d;
	struct session s;
	struct user u;
	char prefix[16];
	int i;

	CHECK_INT(store_user_get(st, login, &u), 0);
	session_init(&s, st, cal, &u, "test");
	s.fixed_today = today;
	access_supervised_prefix(&u, prefix);
	CHECK_INT(stats_dashboard(st, cal, prefix, today, &d), 0);
	one(&s, &d, DASH_OPEN, 0, t);
	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++)
		one(&s, &d, DASH_LIGHT, i, t);
	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (tcase_status_open(tcase_statuses[i]))
			one(&s, &d, DASH_STATUS, i, t);
	one(&s, &d, DASH_RECEIVED, 0, t);
	one(&s, &d, DASH_FINISHED, 0, t);
	one(&s, &d, DASH_MONTH, 0, t);
	for (i = 0; i < d.nareas; i++) {
		one(&s, &d, DASH_AREA, i, t);
		one(&s, &d, DASH_AREA_YELLOW, i, t);
		one(&s, &d, DASH_AREA_RED, i, t);
	}
	for (i = 0; i < d.nbottlenecks; i++)
		one(&s, &d, DASH_BOTTLENECK, i, t);
	for (i = 0; i < d.noffices; i++)
		one(&s, &d, DASH_OFFICE, i, t);
	for (i = 0; i < d.nanomalies; i++)
		one(&s, &d, DASH_ANOMALY, i, t);
	/* Something to reconcile: the demo fills every section. */
	CHECK(d.open > 0);
	CHECK(d.nareas > 1);
	CHECK(d.nbottlenecks > 0);
	CHECK(d.nanomalies > 0);
	printf("#   %s (%s): %ld open, %d areas, %d bottlenecks, %d offices in red, "
	    "%d anomalies\n", login, prefix, d.open, d.nareas, d.nbottlenecks, d.noffices,
	    d.nanomalies);
	session_close(&s);
	user_release(&u);
}

static void
dashboard_figures_reconcile(void)
{
	struct calendar cal;
	struct store *st;
	struct tally t;
	char *cause = NULL;
	int today;

	memset(&t, 0, sizeof t);
	clock_calendar_init(&cal);
	clock_parse_date("2026-11-27", &today);
	st = store_open(test_db(), schema_sql, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(load_all(st, "data", &cause), 0);
	CHECK_INT(store_calendar_load(st, &cal, &cause), 0);
	CHECK_INT(demo_users(st, &cause), 0);
	CHECK_INT(demo_cases(st, &cal, 3000, 1, today, NULL, &cause), 0);
	if (cause)
		printf("# %s\n", cause);
	late_records(st, &cal, today);
	reconcile_as(st, &cal, today, "supervisor1", &t);
	reconcile_as(st, &cal, today, "supervisor2", &t);
	printf("#   %d figures: %d lists of cases, %d of late records, %d of appointments, "
	    "%d of halls; %d differ\n", t.figures, t.lists[0], t.lists[1], t.lists[2], t.lists[3],
	    t.mismatches);
	CHECK(t.figures > 40);
	CHECK_INT(t.lists[DASH_LIST_LATE], 6);
	CHECK_INT(t.mismatches, 0);
out:
	free(cause);
	store_close(st);
	clock_calendar_release(&cal);
}

const struct test tests_reconcile[] = {
	{ "reconcile: every dashboard figure (totals, lights, statuses, today, the month, each "
	  "area's open/yellow/red, bottlenecks, offices in red, anomalies) equals the length of "
	  "its drill-down list, its count and its case export, for the city and a district",
	  dashboard_figures_reconcile },
	{ NULL, NULL }
};
