/*
 * Supervision deadlines and the grading (五度), worked out by hand:
 *  - a complaint's 5 working days to be accepted or refused, an order's due
 *    date, a rectification's 15 working days: each met late or still
 *    pending is a late record (record_late), a dashboard anomaly and a
 *    figure of the weekly dispatch;
 *  - the callback after a rating is a supervisor's or the hall's, refused to
 *    the rated office, and comes after the office's rectification;
 *  - 在线服务成效度 never rewards a bad rating;
 *  - 办事指南准确度 counts only the materials the guide does not list
 *    (case act NO supplement --reason unlisted);
 *  - 服务方式完备度, 在线服务深度 and 服务事项覆盖度 against what an office
 *    could offer and is competent for;
 *  - a score of exactly 90.0 on an office's own figures is 优秀;
 *  - the shortcomings a 监察建议书 names.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "exitcode.h"
#include "lifecycle.h"
#include "load.h"
#include "record.h"
#include "report.h"
#include "schema.h"
#include "session.h"
#include "stats.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

#define APPLICANT "11010519491231002X"
#define MKT "500229.market"
#define HALL "500229001"	/* 葛城街道便民服务中心: where the cases came in */

#define CHECK_NEAR_G(got, want) do {						\
	double g_ = (got), w_ = (want);						\
	if (fabs(g_ - w_) > 1e-9)						\
		printf("#   %s:%d: %s is %.12g, expected %.12g\n", __FILE__,	\
		    __LINE__, #got, g_, w_);					\
	CHECK(fabs(g_ - w_) <= 1e-9);						\
} while (0)

static int
D(const char *s)
{
	int d = 0;

	if (clock_parse_date(s, &d) != 0)
		printf("#   bad date in test: %s\n", s);
	return d;
}

/* A store of its own with the reference data, and its calendar. */
static struct store *
fresh(struct calendar *cal)
{
	char *cause = NULL;
	struct store *st = store_open(test_db(), schema_sql, &cause);

	if (st == NULL || load_all(st, "data", &cause) != 0) {
		printf("#   cannot make a store: %s\n", cause ? cause : "?");
		free(cause);
		if (st)
			store_close(st);
		return NULL;
	}
	clock_calendar_init(cal);
	if (store_calendar_load(st, cal, &cause) != 0) {
		printf("#   cannot load the calendar: %s\n", cause ? cause : "?");
		free(cause);
		store_close(st);
		clock_calendar_release(cal);
		return NULL;
	}
	return st;
}

static void
done_with(struct store *st, struct calendar *cal)
{
	store_close(st);
	clock_calendar_release(cal);
}

struct spec {
	const char *no, *item, *office, *status;
	const char *submitted, *finished;	/* finished NULL: open */
	const char *due;
	int on_time;				/* -1 open */
	const char *channel;
	const char *materials;			/* received, "1,2": NULL none */
};

/* Insert a case with its contribution to the summaries; its id, or 0. */
static long long
put(struct store *st, const struct spec *s)
{
	int changed = 0;
	struct tcase c;
	char region[16];
	char *cause = NULL;

	snprintf(region, sizeof region, "%.*s", (int)strcspn(s->office, "."), s->office);
	memset(&c, 0, sizeof c);
	c.no = (char *)s->no;
	c.item = (char *)s->item;
	c.applicant = (char *)APPLICANT;
	c.applicant_name = (char *)"张三";
	c.applicant_region = (char *)"500229001003";
	c.channel = (char *)(s->channel ? s->channel : "window");
	c.hall_region = (char *)HALL;
	c.office = (char *)s->office;
	c.office_region = region;
	c.status = (char *)s->status;
	c.open = tcase_status_open(s->status);
	c.step = 1;
	c.submitted = (char *)s->submitted;
	c.accepted = (char *)s->submitted;
	c.decided = (char *)(s->finished ? s->finished : "");
	c.finished = (char *)(s->finished ? s->finished : "");
	c.limit_days = 5;
	c.warn = (char *)s->due;
	c.due = (char *)s->due;
	c.on_time = s->on_time;
	c.materials = (char *)(s->materials ? s->materials : "");
	c.step_started = (char *)s->submitted;
	c.version = 1;
	if (store_begin(st, &cause) != 0 ||
	    store_applicant_put(st, APPLICANT, "person", "张三", "13800000000", "500229001003",
	    "2026-01-01 00:00:00", "test", &changed, &cause) != 0 || store_case_insert(st, &c, &cause) != 0 ||
	    stats_case_change(st, NULL, &c, &cause) != 0 || store_commit(st, &cause) != 0) {
		printf("#   cannot put case %s: %s\n", s->no, cause ? cause : "?");
		free(cause);
		store_rollback(st);
		return 0;
	}
	return c.id;
}

/* Someone at an office or a supervision centre; the user points into it. */
struct person {
	char login[64], region[16], level[12], office[48];
	struct user u;
};

static void
person(struct person *p, const char *login, enum role role, const char *region,
    const char *office)
{
	size_t n = strlen(region);

	memset(p, 0, sizeof *p);
	snprintf(p->login, sizeof p->login, "%s", login);
	snprintf(p->region, sizeof p->region, "%s", region);
	snprintf(p->level, sizeof p->level, "%s", n == 9 ? "township" : n == 6 &&
	    strcmp(region, "500000") != 0 ? "district" : "city");
	snprintf(p->office, sizeof p->office, "%s", office ? office : "");
	p->u.login = p->login;
	p->u.name = p->login;
	p->u.role = role;
	p->u.region = p->region;
	p->u.region_level = p->level;
	p->u.office = office ? p->office : NULL;
	p->u.lang = (char *)"en";
}

/* A record step as p on day: the exit code; the cause is printed verbose. */
static int
step_as(struct store *st, const struct calendar *cal, struct person *p, const char *day,
    enum record_kind kind, long long id, const char *verb, const char *note)
{
	struct session s;
	const char *to = NULL;
	char *cause = NULL;
	int rc;

	session_init(&s, st, cal, &p->u, "10.0.0.1");
	s.fixed_today = D(day);
	rc = record_step(&s, kind, id, verb, note, &to, &cause);
	if (rc != 0 && getenv("TONGBAN_TEST_VERBOSE"))
		printf("#     %s %lld %s: %s\n", p->login, id, verb, cause ? cause : "?");
	free(cause);
	session_close(&s);
	return rc;
}

/* A new record as p on day; its id (0 on failure) and due date. */
static long long
new_as(struct store *st, const struct calendar *cal, struct person *p, const char *day,
    enum record_kind kind, struct record_new *in, char due[11])
{
	struct session s;
	long long id = 0;
	char *cause = NULL;
	int rc;

	session_init(&s, st, cal, &p->u, "10.0.0.1");
	s.fixed_today = D(day);
	rc = record_new(&s, kind, in, &id, due, &cause);
	if (rc != 0) {
		printf("#   cannot open a record: %s\n", cause ? cause : "?");
		id = 0;
	}
	free(cause);
	session_close(&s);
	return id;
}

static int
keep_status(void *arg, int n, const char *const *v)
{
	/* ratings: the status in one word (column 12) */
	if (n > 12)
		snprintf(arg, 16, "%s", v[12] ? v[12] : "");
	return 0;
}

static const char *
rating_status(struct store *st, long long id, char buf[16])
{
	buf[0] = '\0';
	store_rating_get(st, id, keep_status, buf);
	return buf;
}

struct late_seen {
	int n, order, complaint, rectification;
	char rows[8][96];
};

static int
seen_late(void *arg, const struct late_record *r, int days_over)
{
	struct late_seen *l = arg;

	l->order += strcmp(r->kind, "order") == 0;
	l->complaint += strcmp(r->kind, "complaint") == 0;
	l->rectification += strcmp(r->kind, "rectification") == 0;
	if (l->n < 8)
		snprintf(l->rows[l->n], sizeof l->rows[0], "%s %s %s %d", r->kind, r->due,
		    r->done ? r->done : "-", days_over);
	l->n++;
	return 0;
}

static long
anomaly(const struct dash *d, const char *kind)
{
	int i;

	for (i = 0; i < d->nanomalies; i++)
		if (strcmp(d->anomalies[i].kind, kind) == 0)
			return d->anomalies[i].n;
	return 0;
}

/*
 * Deadlines on supervision records, and who calls back, through the
 * record service. Dates of 2026: National Day 1–8 October is a holiday
 * and Saturday 10 October a make-up working day.
 */
static void
deadlines_by_hand(void)
{
	static const struct spec cases[] = {
		{ "500229-20260921-000001", "000101001000", MKT, "completed", "2026-09-21",
		  "2026-09-25", "2026-09-28", 1, NULL, NULL },
		{ "500229-20260922-000001", "000101001000", MKT, "completed", "2026-09-22",
		  "2026-09-28", "2026-09-29", 1, NULL, NULL },
		{ "500229-20260923-000001", "000101004000", MKT, "completed", "2026-09-23",
		  "2026-09-25", "2026-09-30", 1, NULL, NULL },
		{ "500229-20260924-000001", "000101004000", MKT, "completed", "2026-09-24",
		  "2026-09-25", "2026-09-30", 1, NULL, NULL },
	};
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct person sup, other_sup, clerk, appr;
	struct record_new in;
	struct late_seen l;
	struct session s;
	struct dash *d;
	struct office_score *v = NULL;
	char due[11], status[16], *cause = NULL;
	long long k[4], c1, c2, c3, o1, o2, o3, r1, r2, r3, r4;
	int i, n = 0;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < 4; i++)
		CHECK((k[i] = put(st, &cases[i])) > 0);
	person(&sup, "sup", ROLE_SUPERVISOR, "500229", NULL);
	person(&other_sup, "sup2", ROLE_SUPERVISOR, "500103", NULL);
	person(&clerk, "clerk", ROLE_CLERK, HALL, HALL ".township");
	person(&appr, "appr", ROLE_APPROVER, "500229", MKT);

	/* Ratings: a bad one opens a rectification of 15 working days. Rated
	 * Friday 25 September: 28, 29, 30 September, then 9 (after the
	 * holiday), 10 (make-up Saturday), 12–16, 19–22 October: due 22
	 * October. Rated Monday 28 September: due 23 October. */
	memset(&in, 0, sizeof in);
	in.case_no = cases[0].no;
	in.level = 1;
	r1 = new_as(st, &cal, &clerk, "2026-09-25", RECORD_RATING, &in, due);
	CHECK_STR(due, "2026-10-22");
	in.case_no = cases[1].no;
	in.level = 2;
	r2 = new_as(st, &cal, &clerk, "2026-09-28", RECORD_RATING, &in, due);
	CHECK_STR(due, "2026-10-23");
	in.case_no = cases[2].no;
	in.level = 5;
	r3 = new_as(st, &cal, &clerk, "2026-09-25", RECORD_RATING, &in, due);
	CHECK_STR(due, "");
	in.case_no = cases[3].no;
	in.level = 1;
	r4 = new_as(st, &cal, &clerk, "2026-09-25", RECORD_RATING, &in, due);
	CHECK_STR(due, "2026-10-22");

	/* Complaints logged Friday 9 October: accepted or refused within 5
	 * working days, 10 (Saturday, a working day), 12, 13, 14, 15: by 15
	 * October. */
	memset(&in, 0, sizeof in);
	in.office = MKT;
	in.text = "窗口推诿";
	c1 = new_as(st, &cal, &sup, "2026-10-09", RECORD_COMPLAINT, &in, due);
	CHECK_STR(due, "2026-10-15");
	c2 = new_as(st, &cal, &sup, "2026-10-09", RECORD_COMPLAINT, &in, due);
	c3 = new_as(st, &cal, &sup, "2026-10-09", RECORD_COMPLAINT, &in, due);
	/* Orders due Thursday 15 October. */
	memset(&in, 0, sizeof in);
	in.office = MKT;
	in.text = "限期说明超期原因";
	in.due = "2026-10-15";
	o1 = new_as(st, &cal, &sup, "2026-10-09", RECORD_ORDER, &in, due);
	o2 = new_as(st, &cal, &sup, "2026-10-09", RECORD_ORDER, &in, due);
	o3 = new_as(st, &cal, &sup, "2026-10-09", RECORD_ORDER, &in, due);
	CHECK(c1 > 0 && c2 > 0 && c3 > 0 && o1 > 0 && o2 > 0 && o3 > 0);

	/* c1 accepted on its last day, c2 refused a day late, c3 never. */
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-15", RECORD_COMPLAINT, c1, "accept", NULL), 0);
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-16", RECORD_COMPLAINT, c2, "refuse",
	    "不属于效能投诉范围"), 0);
	/* o1 answered on its due date, o2 a day after, o3 never. */
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-15", RECORD_ORDER, o1, "respond", "已说明"), 0);
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-16", RECORD_ORDER, o2, "respond", "已说明"), 0);

	/* Rectifications: only the rated office reports one. */
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-20", RECORD_RATING, r2, "rectify", "已整改"),
	    EXIT_DENIED);
	CHECK_INT(step_as(st, &cal, &clerk, "2026-10-20", RECORD_RATING, r2, "rectify", "已整改"),
	    EXIT_DENIED);
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-23", RECORD_RATING, r1, "rectify",
	    "已约谈窗口人员"), 0);	/* due 10-22: a day late */
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-23", RECORD_RATING, r2, "rectify",
	    "已优化流程"), 0);	/* due 10-23: in time */
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-23", RECORD_RATING, r3, "rectify", "无"),
	    EXIT_CONFLICT);	/* a good rating has nothing to rectify */
	CHECK_STR(rating_status(st, r1, status), "rectified");
	/* The callback: never by the rated office; not before its rectification;
	 * by the hall that took the case in, or a supervisor of the region. */
	CHECK_INT(step_as(st, &cal, &appr, "2026-10-26", RECORD_RATING, r1, "callback",
	    "申请人表示满意"), EXIT_DENIED);
	CHECK_STR(rating_status(st, r1, status), "rectified");
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-26", RECORD_RATING, r4, "callback",
	    "申请人表示满意"), EXIT_CONFLICT);
	CHECK_STR(rating_status(st, r4, status), "open");
	CHECK_INT(step_as(st, &cal, &other_sup, "2026-10-26", RECORD_RATING, r2, "callback",
	    "申请人表示满意"), EXIT_NOTFOUND);	/* another district: out of sight */
	CHECK_INT(step_as(st, &cal, &clerk, "2026-10-26", RECORD_RATING, r1, "callback",
	    "申请人表示满意"), 0);
	CHECK_STR(rating_status(st, r1, status), "done");
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-26", RECORD_RATING, r2, "callback",
	    "申请人表示满意"), 0);
	CHECK_INT(step_as(st, &cal, &sup, "2026-10-26", RECORD_RATING, r2, "callback",
	    "再次回访"), EXIT_CONFLICT);
	CHECK_INT(step_as(st, &cal, &clerk, "2026-10-26", RECORD_RATING, r3, "callback",
	    "好评回访"), 0);
	CHECK_STR(rating_status(st, r3, status), "called");

	/* As of Monday 26 October, October's late records:
	 *   complaint c2  due 10-15, refused 10-16        1 working day over
	 *   complaint c3  due 10-15, pending: 16, 19–23, 26  7
	 *   order o2      due 10-15, answered 10-16       1
	 *   order o3      due 10-15, pending              7
	 *   rect. r1      due 10-22, reported 10-23       1
	 *   rect. r4      due 10-22, pending: 23, 26      2
	 * and not c1, o1 (on their last day) nor r2 (on its due date). */
	session_init(&s, st, &cal, &sup.u, "10.0.0.1");
	s.fixed_today = D("2026-10-26");
	memset(&l, 0, sizeof l);
	CHECK_INT(record_late(&s, "500229", D("2026-10-01"), D("2026-10-31"), seen_late, &l, &cause),
	    0);
	session_close(&s);
	CHECK_INT(l.n, 6);
	CHECK_STR(l.rows[0], "complaint 2026-10-15 2026-10-16 1");
	CHECK_STR(l.rows[1], "complaint 2026-10-15 - 7");
	CHECK_STR(l.rows[2], "order 2026-10-15 2026-10-16 1");
	CHECK_STR(l.rows[3], "order 2026-10-15 - 7");
	CHECK_STR(l.rows[4], "rectification 2026-10-22 2026-10-23 1");
	CHECK_STR(l.rows[5], "rectification 2026-10-22 - 2");
	/* Another district sees none of them. */
	memset(&l, 0, sizeof l);
	session_init(&s, st, &cal, &sup.u, "10.0.0.1");
	s.fixed_today = D("2026-10-26");
	CHECK_INT(record_late(&s, "500103", D("2026-10-01"), D("2026-10-31"), seen_late, &l, &cause),
	    0);
	session_close(&s);
	CHECK_INT(l.n, 0);

	/* The dashboard's anomalies: two of each kind. */
	d = calloc(1, sizeof *d);
	CHECK_INT(stats_dashboard(st, &cal, "500229", D("2026-10-26"), d), 0);
	CHECK_INT(anomaly(d, "complaint_late"), 2);
	CHECK_INT(anomaly(d, "order_late"), 2);
	CHECK_INT(anomaly(d, "rectify_late"), 2);
	/* A day before the deadlines nothing is late. */
	CHECK_INT(stats_dashboard(st, &cal, "500229", D("2026-10-14"), d), 0);
	CHECK_INT(anomaly(d, "complaint_late") + anomaly(d, "order_late") +
	    anomaly(d, "rectify_late"), 0);
	free(d);

	/* The weekly dispatch of 12–18 October, as of 26 October: orders o2
	 * (answered late that week) and o3 (pending); rectification r4 only
	 * (r1 was reported the week after); complaints c2 and c3. */
	CHECK_INT(report_offices(st, "500229", "500229:", D("2026-10-12"), D("2026-10-18"),
	    D("2026-10-26"), &v, &n), 0);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].office, MKT) == 0) {
			CHECK_INT(v[i].orders_late, 2);
			CHECK_INT(v[i].rectify_late, 1);
			CHECK_INT(v[i].complaints_late, 2);
		}
	free(v);
	free(cause);
	done_with(st, &cal);
}

/* Figures of one office over October 2026 as of 5 November. */
static int
october(struct store *st, const char *office, struct office_score *out)
{
	struct office_score *v = NULL;
	int n = 0, i, found = 0;

	if (report_offices(st, "50", "50:", D("2026-10-01"), D("2026-10-31"), D("2026-11-05"), &v,
	    &n) != 0)
		printf("#   report_offices failed\n");
	for (i = 0; i < n; i++)
		if (strcmp(v[i].office, office) == 0) {
			*out = v[i];
			found = 1;
		}
	free(v);
	if (!found)
		printf("#   office %s is not in the report\n", office);
	return found;
}

/*
 * 在线服务成效度: the on-time share and the ratings are separate factors.
 * Two completed cases, A on time rated 5 and B late rated L:
 *   R = 1/2; S = (5 + L) / 10; I5 = R × S: 0.3 with L = 1, 0.5 with L = 5.
 * (Weighting the on-time share by the ratings, Σ w·on_time / Σ w with
 * w = level/5, gave 1/1.2 = 0.83 with L = 1 and 1/2 with L = 5: the bad
 * rating of the late case raised the figure.)
 */
static void
bad_rating_never_rewarded(void)
{
	struct office_score o[2];
	int k;

	for (k = 0; k < 2; k++) {
		struct calendar cal;
		struct store *st = fresh(&cal);
		static const struct spec cases[] = {
			{ "500229-20261012-000001", "000101001000", MKT, "completed", "2026-10-12",
			  "2026-10-14", "2026-10-16", 1, NULL, NULL },
			{ "500229-20261012-000002", "000101001000", MKT, "completed", "2026-10-12",
			  "2026-10-20", "2026-10-16", 0, NULL, NULL },
		};
		long long a, b, x;
		char *cause = NULL;

		memset(&o[k], 0, sizeof o[k]);
		if (st == NULL) {
			CHECK(0);
			return;
		}
		a = put(st, &cases[0]);
		b = put(st, &cases[1]);
		CHECK_INT(store_rating_insert(st, a, MKT, "500229", 5, "", "2026-10-14", NULL, &x,
		    &cause), 0);
		CHECK_INT(store_rating_insert(st, b, MKT, "500229", k == 0 ? 1 : 5, "", "2026-10-20",
		    k == 0 ? "2026-11-10" : NULL, &x, &cause), 0);
		free(cause);
		CHECK(october(st, MKT, &o[k]));
		done_with(st, &cal);
	}
	CHECK_NEAR_G(o[0].rate, 0.5);
	CHECK_NEAR_G(o[0].sat, 0.6);
	CHECK_NEAR_G(o[0].i5, 0.3);
	CHECK_NEAR_G(o[1].sat, 1.0);
	CHECK_NEAR_G(o[1].i5, 0.5);
	CHECK(o[0].i5 < o[1].i5);
	CHECK(o[0].tenths < o[1].tenths);
	/* The difference is the ratings' alone: 0.2 × (0.5 − 0.3) = 4.0 points. */
	CHECK_INT(o[1].tenths - o[0].tenths, 40);
}

static int
count_anomaly(void *arg, const char *kind, const char *no, const char *day, const char *detail)
{
	(void)no;
	(void)day;
	(void)detail;
	if (strcmp(kind, "unlisted_material") == 0)
		(*(int *)arg)++;
	return 0;
}

static int
act_as(struct store *st, const struct calendar *cal, struct person *p, const char *day,
    const char *no, const char *reason, const char *materials, const char *note)
{
	struct actor who;
	struct act_args a;
	char *cause = NULL;
	int rc;

	memset(&a, 0, sizeof a);
	a.action = "supplement";
	a.reason = reason;
	a.materials = materials;
	a.note = note;
	a.expect_version = -1;
	a.fee_cents = -1;
	who.user = &p->u;
	who.addr = "10.0.0.1";
	who.today = D(day);
	rc = test_act(st, cal, &who, no, &a, &cause);
	if (rc != 0 && getenv("TONGBAN_TEST_VERBOSE"))
		printf("#     supplement %s: %s\n", no, cause ? cause : "?");
	free(cause);
	return rc;
}

/*
 * 办事指南准确度 counts only a supplement notice or a complaint for a
 * material the guide did not list. Four accepted cases of two items in
 * October: item 000101001000 gets a notice for a listed material the
 * applicant did not bring (says nothing of the guide); item 000101004000
 * a notice for an unlisted one. I3 = 1 accurate / 2 handled.
 */
static void
guide_counts_unlisted_only(void)
{
	static const struct spec cases[] = {
		{ "500229-20261012-000011", "000101001000", MKT, "accepted", "2026-10-12", NULL,
		  "2026-10-19", -1, NULL, "1,3,4,5" },
		{ "500229-20261012-000012", "000101004000", MKT, "accepted", "2026-10-12", NULL,
		  "2026-10-19", -1, NULL, "1,2,3,4" },
	};
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct person appr;
	struct office_score o;
	struct tcase c;
	int n = 0, version;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	CHECK(put(st, &cases[0]) > 0);
	CHECK(put(st, &cases[1]) > 0);
	person(&appr, "appr", ROLE_APPROVER, "500229", MKT);
	/* Bad reasons: one clear error, nothing changed. */
	CHECK_INT(store_case_get(st, cases[1].no, &c), 0);
	version = c.version;
	tcase_release(&c);
	CHECK_INT(act_as(st, &cal, &appr, "2026-10-13", cases[1].no, "missing", NULL, "房屋产权证明"),
	    EXIT_INVALID);
	CHECK_INT(act_as(st, &cal, &appr, "2026-10-13", cases[1].no, "unlisted", NULL, NULL),
	    EXIT_INVALID);
	CHECK_INT(store_case_get(st, cases[1].no, &c), 0);
	CHECK_INT(c.version, version);
	CHECK_STR(c.status, "accepted");
	tcase_release(&c);
	store_anomaly_each(st, "50", "50:", "2026-01-01", "2026-12-31", count_anomaly, &n);
	CHECK_INT(n, 0);
	/* A listed material missing: no anomaly; an unlisted one: one. */
	CHECK_INT(act_as(st, &cal, &appr, "2026-10-13", cases[0].no, "listed", "2", NULL), 0);
	CHECK_INT(act_as(st, &cal, &appr, "2026-10-13", cases[1].no, "unlisted", NULL,
	    "房屋产权证明"), 0);
	CHECK_INT(store_case_get(st, cases[1].no, &c), 0);
	CHECK_STR(c.status, "supplement");
	tcase_release(&c);
	store_anomaly_each(st, "50", "50:", "2026-01-01", "2026-12-31", count_anomaly, &n);
	CHECK_INT(n, 1);
	if (october(st, MKT, &o)) {
		CHECK_INT(o.handled, 2);
		CHECK_INT(o.accurate, 1);
		CHECK_NEAR_G(o.i3, 0.5);
	}
	done_with(st, &cal);
}

/*
 * Measured against what the office could offer and is competent for.
 *
 * 重庆市市场监督管理局 (a city office) is competent for the market items
 * handled at city level only: 000101006000 (window and online, depth 3)
 * and 000101007000 (every channel, depth 4) — the city|district ones go
 * to the districts. It took 006000 in at the window and online:
 *   I1 = 2/2 (self-service is not allowed for 006000: it costs nothing);
 *   I2 = 1/2; I3 = 1; I4 = 1 (nothing it handled can be done wholly
 *   online); R = 1, S = 1: 100 × (0.15 + 0.075 + 0.15 + 0.15 + 0.4) =
 *   92.5, 优秀 (the catalog's design alone made it 73.8 before: I1 = 2/4
 *   items on every channel, I2 = 1/4, I4 = 2/4).
 * 城口县发展和改革委员会 is competent for three items (city|district, every
 * channel, depth 4); it took 000118001000 in through all three channels,
 * one online: I1 = 3/3, I2 = 1/3, I3 = I4 = R = S = 1: 100 × (0.15 + 0.05
 * + 0.15 + 0.15 + 0.2 + 0.2) = 90.0 exactly, where binary fractions make
 * 89.99999999999999: 900 tenths, 优秀, printed 90.0.
 * 葛城街道便民服务中心 (a township centre) is competent for the 17
 * township-level items; it took 000590017000 (window only) at the window:
 * I1 = 1/1, I2 = 1/17, I4 = 1.
 */
static void
capability_relative(void)
{
	static const struct spec cases[] = {
		{ "500000-20261012-000001", "000101006000", "500000.market", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "window", NULL },
		{ "500000-20261012-000002", "000101006000", "500000.market", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "online", NULL },
		{ "500229-20261012-000021", "000118001000", "500229.development_reform", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "window", NULL },
		{ "500229-20261012-000022", "000118001000", "500229.development_reform", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "online", NULL },
		{ "500229-20261012-000023", "000118001000", "500229.development_reform", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "self-service", NULL },
		{ "500229-20261012-000031", "000590017000", HALL ".township", "completed",
		  "2026-10-12", "2026-10-14", "2026-10-16", 1, "window", NULL },
	};
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct office_score o;
	char *cause = NULL;
	long long x;
	size_t i;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char region[16];
		long long id = put(st, &cases[i]);

		snprintf(region, sizeof region, "%.*s", (int)strcspn(cases[i].office, "."),
		    cases[i].office);
		CHECK(id > 0);
		CHECK_INT(store_rating_insert(st, id, cases[i].office, region, 5, "", "2026-10-14",
		    NULL, &x, &cause), 0);
	}
	free(cause);
	if (october(st, "500000.market", &o)) {
		CHECK_INT(o.items, 2);
		CHECK_INT(o.channels_used, 2);
		CHECK_INT(o.channels_allowed, 2);
		CHECK_INT(o.online_items, 0);
		CHECK_NEAR_G(o.i1, 1);
		CHECK_NEAR_G(o.i2, 0.5);
		CHECK_NEAR_G(o.i4, 1);
		CHECK_INT(o.tenths, 925);
		CHECK_STR(o.band, "优秀");
	}
	if (october(st, "500229.development_reform", &o)) {
		CHECK_INT(o.items, 3);
		CHECK_INT(o.handled, 1);
		CHECK_INT(o.channels_used, 3);
		CHECK_INT(o.online_items, 1);
		CHECK_INT(o.online_done, 1);
		CHECK(100 * (0.15 * o.i1 + 0.15 * o.i2 + 0.15 * o.i3 + 0.15 * o.i4 + 0.2 * o.i5 +
		    0.2 * o.rate) < 90);	/* 89.99999999999999 in binary */
		CHECK_INT(o.tenths, 900);
		CHECK_STR(o.band, "优秀");
	}
	if (october(st, HALL ".township", &o)) {
		CHECK_INT(o.items, 17);
		CHECK_INT(o.handled, 1);
		CHECK_NEAR_G(o.i1, 1);
		CHECK_NEAR_G(o.i4, 1);
	}
	done_with(st, &cal);
}

/* A 监察建议书 names what the office actually falls short in, no more. */
static void
shortcomings_named(void)
{
	struct office_score o;
	enum report_shortcoming k[SHORT_COUNT];

	/* Everything met but one case completed late. */
	memset(&o, 0, sizeof o);
	o.finished = 4;
	o.on_time = 3;
	o.late = 1;
	o.items = o.handled = o.accurate = 2;
	o.channels_used = o.channels_allowed = 4;
	o.online_items = o.online_done = 1;
	CHECK_INT(report_shortcomings(&o, k), 1);
	CHECK_INT(k[0], SHORT_LATE);
	/* Orders and rectifications late besides, and an inaccurate guide. */
	o.orders_late = 1;
	o.rectify_late = 2;
	o.accurate = 1;
	CHECK_INT(report_shortcomings(&o, k), 4);
	CHECK_INT(k[0], SHORT_LATE);
	CHECK_INT(k[1], SHORT_GUIDE);
	CHECK_INT(k[2], SHORT_ORDERS);
	CHECK_INT(k[3], SHORT_RECTIFY);
	/* Nothing amiss: nothing named. */
	memset(&o, 0, sizeof o);
	o.finished = o.on_time = 1;
	CHECK_INT(report_shortcomings(&o, k), 0);
}

const struct test tests_grade[] = {
	{ "grade: complaints within 5 working days, orders by their due date, rectifications "
	  "within 15, flagged; the callback never by the rated office", deadlines_by_hand },
	{ "grade: a late case rated 1 scores lower than the same case rated 5",
	  bad_rating_never_rewarded },
	{ "grade: 办事指南准确度 counts only materials the guide does not list (supplement "
	  "--reason unlisted)", guide_counts_unlisted_only },
	{ "grade: channels, online depth and coverage against what the office could offer and "
	  "is competent for; 90.0 is 优秀", capability_relative },
	{ "grade: a 监察建议书 names only the shortcomings the office has", shortcomings_named },
	{ NULL, NULL }
};
