/*
 * The lifecycle of a case: the transition table and the rights of every
 * role, checked against a table written out by hand below; then real
 * actions on the shared test store on hard dates of the legal calendar
 * (National Day 2017, Spring Festival 2026), pauses across holidays, the
 * one extension, a parallel review, refused actions that change nothing and
 * deemed acceptance (Administrative Licensing Law art. 32).
 *
 * Cases are seeded with store_case_insert under numbers 500229-20170928-*,
 * which nothing else uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "ids.h"
#include "lifecycle.h"
#include "stats.h"
#include "store.h"
#include "tcase.h"
#include "test.h"
#include "util.h"

/* Helpers ------------------------------------------------------------------- */

#define APPLICANT "11010519491231002X"
#define HOTEL "000112004000"	/* 旅馆业特种行业许可: parallel step 2, 10 days */
#define FIRM "000101003000"	/* 企业设立登记: one step, 1 day */
#define FOOD "000101001000"	/* 食品经营许可: 5 days; material 4 secondary */

static int
D(const char *s)
{
	int d = 0;

	if (clock_parse_date(s, &d) != 0) {
		printf("#   bad date in test: %s\n", s);
		return 0;
	}
	return d;
}

static struct user
mk(const char *login, enum role role, const char *region, const char *level, const char *office)
{
	struct user u;

	memset(&u, 0, sizeof u);
	u.login = (char *)login;
	u.name = (char *)login;
	u.role = role;
	u.region = (char *)region;
	u.region_level = (char *)level;
	u.office = (char *)office;
	u.lang = (char *)"en";
	return u;
}

struct seedspec {
	const char *no;
	const char *item;
	const char *status;
	const char *office, *office_region;
	const char *hall;
	const char *submitted;
	const char *accepted;	/* NULL: not yet */
	int limit;
	const char *warn, *due;
	const char *materials;
	int step;
};

/* Insert a case with its "submit" event; 0 on success. */
static int
seed(const struct seedspec *s)
{
	int changed = 0;
	struct store *st = test_store();
	struct audit_chain ch;
	struct tcase c;
	struct event e;
	int rc;

	if (store_begin(st, NULL) != 0)
		return -1;
	store_applicant_put(st, APPLICANT, "person", "张三", "13800000000", "500229001003",
	    "2026-01-01 00:00:00", "test", &changed, NULL);
	memset(&c, 0, sizeof c);
	c.no = (char *)s->no;
	c.item = (char *)s->item;
	c.applicant = (char *)APPLICANT;
	c.applicant_name = (char *)"张三";
	c.applicant_region = (char *)"500229001003";
	c.channel = (char *)"window";
	c.hall_region = (char *)s->hall;
	c.office = (char *)s->office;
	c.office_region = (char *)s->office_region;
	c.status = (char *)s->status;
	c.open = tcase_status_open(s->status);
	c.step = s->step ? s->step : 1;
	c.submitted = (char *)s->submitted;
	c.accepted = (char *)(s->accepted ? s->accepted : "");
	c.limit_days = s->limit;
	c.warn = (char *)s->warn;
	c.due = (char *)s->due;
	c.on_time = -1;
	c.materials = (char *)(s->materials ? s->materials : "");
	c.step_started = (char *)(s->accepted ? s->accepted : s->submitted);
	c.version = 1;
	rc = store_case_insert(st, &c, NULL);
	if (rc == 0) {
		memset(&e, 0, sizeof e);
		e.case_id = c.id;
		e.at = (char *)"2017-09-28 09:00:00";
		e.actor = (char *)"seed";
		e.action = (char *)"submit";
		e.to_status = (char *)"submitted";
		audit_chain_load(st, &ch);
		rc = audit_append(st, &ch, &e, NULL);
	}
	if (rc != 0) {
		store_rollback(st);
		printf("#   cannot seed case %s\n", s->no);
		return -1;
	}
	return store_commit(st, NULL);
}

static struct act_args
args(const char *action, const char *note)
{
	struct act_args a;

	memset(&a, 0, sizeof a);
	a.action = action;
	a.note = note;
	a.expect_version = -1;
	a.fee_cents = -1;
	return a;
}

/* Act as u on day today; the cause is printed when verbose and freed. */
static int
act_on(const struct user *u, const char *today, const char *no, const struct act_args *a)
{
	struct actor who;
	char *cause = NULL;
	int rc;

	who.user = u;
	who.addr = "10.0.0.1";
	who.today = D(today);
	rc = test_act(test_store(), test_calendar(), &who, no, a, &cause);
	free(cause);
	return rc;
}

/* The same, keeping the cause for the caller (who frees it). */
static int
act_cause(const struct user *u, const char *today, const char *no, const struct act_args *a,
    char **cause)
{
	struct actor who;

	free(*cause);
	*cause = NULL;
	who.user = u;
	who.addr = "10.0.0.1";
	who.today = D(today);
	return test_act(test_store(), test_calendar(), &who, no, a, cause);
}

/* 1 when text holds needle (a message names what it should). */
static int
has(const char *text, const char *needle)
{
	if (text != NULL && strstr(text, needle) != NULL)
		return 1;
	printf("#   '%s' not in: %s\n", needle, text ? text : "(null)");
	return 0;
}

/* The actions offered to u on day today (space-separated), into out. */
static const char *
offered(const struct user *u, const char *today, const char *no, char out[256])
{
	struct actor who;

	who.user = u;
	who.addr = "10.0.0.1";
	who.today = D(today);
	test_offered(test_store(), test_calendar(), &who, no, out, 256);
	return out;
}

/* The note of the last event of case no, into out. */
static int
keep_note(void *arg, const struct event *e)
{
	snprintf(arg, 512, "%s", e->note);
	return 0;
}

static const char *
last_note(const char *no, char out[512])
{
	struct tcase c;

	out[0] = '\0';
	if (store_case_get(test_store(), no, &c) == 0) {
		store_event_each_of_case(test_store(), c.id, keep_note, out);
		tcase_release(&c);
	}
	return out;
}

static int
act(const struct user *u, const char *today, const char *no, const char *action,
    const char *note)
{
	struct act_args a = args(action, note);

	return act_on(u, today, no, &a);
}

/* Load case no into c (released by the caller); 0 when found. */
static int
get(const char *no, struct tcase *c)
{
	int rc = store_case_get(test_store(), no, c);

	if (rc != 0)
		printf("#   case %s not found\n", no);
	return rc;
}

static int
count_event(void *arg, const struct event *e)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int
events_of(const char *no)
{
	struct tcase c;
	int n = 0;

	if (store_case_get(test_store(), no, &c) != 0)
		return -1;
	store_event_each_of_case(test_store(), c.id, count_event, &n);
	tcase_release(&c);
	return n;
}

struct snap {
	char status[32];
	char due[11];
	int version;
	int events;
};

static struct snap
snapshot(const char *no)
{
	struct snap s;
	struct tcase c;

	memset(&s, 0, sizeof s);
	if (store_case_get(test_store(), no, &c) == 0) {
		snprintf(s.status, sizeof s.status, "%s", c.status);
		snprintf(s.due, sizeof s.due, "%s", c.due);
		s.version = c.version;
		tcase_release(&c);
	}
	s.events = events_of(no);
	return s;
}

#define CHECK_UNCHANGED(before, no) do {				\
	struct snap after_ = snapshot(no);				\
	CHECK_STR(after_.status, (before).status);			\
	CHECK_STR(after_.due, (before).due);				\
	CHECK_INT(after_.version, (before).version);			\
	CHECK_INT(after_.events, (before).events);			\
} while (0)

/* The people of 城口县 (500229) who handle the cases below. */
static struct user
police(void)
{
	return mk("ps_appr", ROLE_APPROVER, "500229", "district", "500229.public_security");
}

static struct user
fireman(void)
{
	return mk("fire_appr", ROLE_APPROVER, "500229", "district", "500229.fire");
}

static struct user
doctor(void)
{
	return mk("health_appr", ROLE_APPROVER, "500229", "district", "500229.health");
}

static struct user
market(void)
{
	return mk("mkt_appr", ROLE_APPROVER, "500229", "district", "500229.market");
}

/* The heads (负责人) of the public security and market bureaus: art. 42. */
static struct user
police_head(void)
{
	struct user u = mk("ps_head", ROLE_APPROVER, "500229", "district", "500229.public_security");

	u.head = 1;
	u.name = (char *)"公安局长";
	return u;
}

static struct user
market_head(void)
{
	struct user u = mk("mkt_head", ROLE_APPROVER, "500229", "district", "500229.market");

	u.head = 1;
	return u;
}

static struct user
township_clerk(void)
{
	return mk("gc_clerk", ROLE_CLERK, "500229001", "township", "500229001.township");
}

/* The transition table, by hand ---------------------------------------------- */

/*
 * The roles, relative to the matrix case below: a hotel licence for 城口县's
 * public security bureau, taken in at 渝中区's hall (通办), applicant living
 * in 葛城街道.
 */
enum {
	R_CLERK_OFFICE,		/* clerk of the competent office */
	R_CLERK_OTHER,		/* clerk of another office (sees it: applicant lives there) */
	R_CLERK_HALL,		/* clerk of the hall that took it in */
	R_APPR_OFFICE,		/* approver of the competent office */
	R_APPR_OTHER,		/* approver of another office */
	R_SUPERVISOR,
	R_ADMIN,
	R_LOCAL,		/* the operator on the server's shell */
	R_DISABLED,		/* a disabled approver of the competent office */
	R_HEAD_OFFICE,		/* the head (负责人) of the competent office */
	R_HEAD_OTHER,		/* the head of another office */
	NROLES
};

static struct user
role_user(int r)
{
	struct user u;

	switch (r) {
	case R_CLERK_OFFICE:
		return mk("r_clerk_office", ROLE_CLERK, "500229", "district", "500229.public_security");
	case R_CLERK_OTHER:
		return mk("r_clerk_other", ROLE_CLERK, "500229001", "township", "500229001.township");
	case R_CLERK_HALL:
		return mk("r_clerk_hall", ROLE_CLERK, "500103", "district", "500103.hall");
	case R_APPR_OFFICE:
		return mk("r_appr_office", ROLE_APPROVER, "500229", "district", "500229.public_security");
	case R_APPR_OTHER:
		return mk("r_appr_other", ROLE_APPROVER, "500229", "district", "500229.market");
	case R_SUPERVISOR:
		return mk("r_supervisor", ROLE_SUPERVISOR, "500000", "city", NULL);
	case R_ADMIN:
		return mk("r_admin", ROLE_ADMIN, "500000", "city", NULL);
	case R_LOCAL:
		return mk("r_local", ROLE_LOCAL, "500000", "city", NULL);
	case R_HEAD_OFFICE:
		u = mk("r_head_office", ROLE_APPROVER, "500229", "district", "500229.public_security");
		u.head = 1;
		return u;
	case R_HEAD_OTHER:
		u = mk("r_head_other", ROLE_APPROVER, "500229", "district", "500229.market");
		u.head = 1;
		return u;
	default:
		u = mk("r_disabled", ROLE_APPROVER, "500229", "district", "500229.public_security");
		u.disabled = 1;
		return u;
	}
}

/* Which roles see the matrix case at all (a case out of sight reads "no case"). */
static const char visible[NROLES + 1] = "xxxx.xxxxx.";

/*
 * Statuses, in the order of tcase_statuses:
 *   submitted accepted not_accepted supplement under_review suspended
 *   approved denied completed withdrawn
 * Roles, in the order of the enum above.
 */
static const struct {
	const char *action;
	const char *from;	/* one character per status: x = legal start */
	const char *who;	/* one character per role: x = holds the right */
	int need_note;
} table[] = {
	/*                statuses     roles */
	{ "accept",     "x.........", "x..x.....x.", 0 },
	{ "refuse",     "x.........", "x..x.....x.", 1 },
	{ "supplement", "xx..x.....", "x..x.....x.", 0 },
	{ "resupply",   "...x......", "x..x.....x.", 0 },
	{ "receive",    ".x.xxx....", "x..x.....x.", 0 },
	{ "review",     ".x........", "...x.....x.", 0 },
	{ "pass",       "....x.....", "...x.....x.", 0 },
	{ "return",     "....x.....", "...x.....x.", 1 },
	{ "survey",     "....x.....", "...x.....x.", 1 },
	/* Only an office with a branch of the review: the matrix case has none
	 * (one rule for `case actions`, the console and acting: access.c). */
	{ "opinion",    "....x.....", "...........", 1 },
	/* The lead office overrules a dissent: the competent office. */
	{ "override",   "....x.....", "...x.....x.", 1 },
	{ "suspend",    "....x.....", "...x.....x.", 1 },
	{ "resume",     ".....x....", "...x.....x.", 0 },
	/* art. 42: 经本行政机关负责人批准 -- the head of the competent office only. */
	{ "extend",     "....xx....", ".........x.", 1 },
	{ "approve",    "....x.....", "...x.....x.", 0 },
	{ "deny",       "....x.....", "...x.....x.", 1 },
	{ "complete",   "......xx..", "x.xx.....x.", 0 },
	{ "withdraw",   "xx.xxx....", "x.xx.....x.", 1 },
};
#define NACTS (sizeof table / sizeof table[0])
#define NSTATUS 10

static const char *const matrix_status[NSTATUS] = {
	"submitted", "accepted", "not_accepted", "supplement", "under_review",
	"suspended", "approved", "denied", "completed", "withdrawn"
};

static void
matrix_no(int i, char out[32])
{
	snprintf(out, 32, "500229-20170928-%06d", 100 + i);
}

static int matrix_seeded;

static void
seed_matrix(void)
{
	int i;

	if (matrix_seeded)
		return;
	matrix_seeded = 1;
	for (i = 0; i < NSTATUS; i++) {
		struct seedspec s;
		char no[32];

		matrix_no(i, no);
		memset(&s, 0, sizeof s);
		s.no = no;
		s.item = HOTEL;
		s.status = matrix_status[i];
		s.office = "500229.public_security";
		s.office_region = "500229";
		s.hall = "500103";
		s.submitted = "2026-11-02";
		s.accepted = i == 0 ? NULL : "2026-11-03";
		s.limit = 10;
		s.warn = "2026-11-13";
		s.due = "2026-11-17";
		s.materials = "1,2,3,4,5";
		s.step = 3;
		CHECK_INT(seed(&s), 0);
	}
}

static void
table_is_complete(void)
{
	const struct act_def *d;
	size_t i, n = 0;
	int k;

	/* Exactly the statuses and actions written out here: a new one needs a row. */
	for (k = 0; tcase_statuses[k] != NULL; k++)
		CHECK_STR(tcase_statuses[k], k < NSTATUS ? matrix_status[k] : "(none)");
	CHECK_INT(k, NSTATUS);
	for (d = lifecycle_acts; d->name != NULL; d++)
		n++;
	CHECK_INT(n, NACTS);
	for (i = 0; i < NACTS; i++) {
		d = lifecycle_find(table[i].action);
		CHECK(d != NULL);
		if (d != NULL)
			CHECK_INT(d->need_note, table[i].need_note);
	}
	CHECK(lifecycle_find("grant") == NULL);
	CHECK(lifecycle_find("") == NULL);
}

static void
every_status_action_role(void)
{
	size_t i;
	int s, r, bad = 0;

	seed_matrix();
	for (i = 0; i < NACTS; i++) {
		const struct act_def *d = lifecycle_find(table[i].action);

		if (d == NULL)
			continue;
		for (s = 0; s < NSTATUS; s++) {
			struct tcase c;
			char no[32];
			int want_from = table[i].from[s] == 'x';

			if (lifecycle_from_ok(d, matrix_status[s]) != want_from) {
				printf("#   %s from %s: from_ok %d, expected %d\n", d->name,
				    matrix_status[s], !want_from, want_from);
				bad++;
			}
			matrix_no(s, no);
			if (get(no, &c) != 0) {
				bad++;
				continue;
			}
			for (r = 0; r < NROLES; r++) {
				struct user u = role_user(r);
				int want = table[i].who[r] == 'x';

				if (lifecycle_may(&u, &c, d) != want) {
					printf("#   %s by %s on a %s case: may %d, expected %d\n",
					    d->name, u.login, matrix_status[s], !want, want);
					bad++;
				}
			}
			tcase_release(&c);
		}
	}
	CHECK_INT(bad, 0);
}

/*
 * Every action nobody may take, tried for real: a disabled user is denied
 * (3) before anything else; out of sight reads "no case" (2), a wrong status is a conflict (4), a wrong role is denied (3), and the
 * case, its version and its timeline stay as they were.
 */
static void
refused_actions_change_nothing(void)
{
	size_t i;
	int s, r, bad = 0, tried = 0;

	seed_matrix();
	for (s = 0; s < NSTATUS; s++) {
		struct snap before;
		char no[32];

		matrix_no(s, no);
		before = snapshot(no);
		for (i = 0; i < NACTS; i++) {
			for (r = 0; r < NROLES; r++) {
				struct user u = role_user(r);
				struct act_args a = args(table[i].action, "reason");
				int want, got;

				if (u.disabled)
					want = EXIT_DENIED;	/* stops before anything */
				else if (visible[r] != 'x')
					want = EXIT_NOTFOUND;
				else if (table[i].from[s] != 'x')
					want = EXIT_CONFLICT;
				else if (table[i].who[r] != 'x')
					want = EXIT_DENIED;
				else
					continue;	/* legal: tried in the scenarios below */
				a.reason = "testing";
				a.days = 5;
				a.materials = "1";
				got = act_on(&u, "2026-11-05", no, &a);
				tried++;
				if (got != want) {
					printf("#   %s by %s on a %s case: exit %d, expected %d\n",
					    table[i].action, u.login, matrix_status[s], got, want);
					bad++;
				}
			}
		}
		CHECK_UNCHANGED(before, no);
		CHECK_INT(before.version, 1);
		CHECK_STR(before.status, matrix_status[s]);
	}
	CHECK_INT(bad, 0);
	CHECK(tried > 1000);
}

static void
unknown_action_and_case(void)
{
	struct user ps = police();
	char no[32];

	seed_matrix();
	matrix_no(0, no);
	CHECK_INT(act(&ps, "2026-11-05", no, "grant", NULL), EXIT_INVALID);
	CHECK_INT(act(&ps, "2026-11-05", "500229-20170928-999999", "accept", NULL), EXIT_NOTFOUND);
}

/* Scenarios ------------------------------------------------------------------- */

static void
seed_firm(const char *no, const char *status, const char *submitted, const char *accepted,
    const char *due, const char *materials)
{
	struct seedspec s;

	memset(&s, 0, sizeof s);
	s.no = no;
	s.item = FIRM;
	s.status = status;
	s.office = "500229.market";
	s.office_region = "500229";
	s.hall = "500229001";
	s.submitted = submitted;
	s.accepted = accepted;
	s.limit = accepted ? 1 : 5;
	s.warn = due;
	s.due = due;
	s.materials = materials;
	s.step = 1;
	CHECK_INT(seed(&s), 0);
}

static void
seed_hotel(const char *no, const char *status, const char *submitted, const char *accepted,
    const char *due, const char *materials, int step)
{
	struct seedspec s;

	memset(&s, 0, sizeof s);
	s.no = no;
	s.item = HOTEL;
	s.status = status;
	s.office = "500229.public_security";
	s.office_region = "500229";
	s.hall = "500229001";
	s.submitted = submitted;
	s.accepted = accepted;
	s.limit = accepted ? 10 : 5;
	s.warn = due;
	s.due = due;
	s.materials = materials;
	s.step = step;
	CHECK_INT(seed(&s), 0);
}

static void
national_day_2017(void)
{
	struct user m = market();
	struct tcase c;
	const char *a = "500229-20170928-000201", *b = "500229-20170928-000202";

	/* Accepted on Friday 29 September with a 1-day limit: due on the make-up
	 * Saturday 30 September, not after the holiday. */
	seed_firm(a, "submitted", "2017-09-29", NULL, "2017-10-13", "1,2,3,4,5");
	CHECK_INT(act(&m, "2017-09-29", a, "accept", NULL), 0);
	if (get(a, &c) == 0) {
		CHECK_STR(c.status, "accepted");
		CHECK_STR(c.accepted, "2017-09-29");
		CHECK_INT(c.limit_days, 1);
		CHECK_STR(c.due, "2017-09-30");
		CHECK_INT(c.deemed, 0);
		tcase_release(&c);
	}
	/* Accepted on the make-up Saturday: the next working day is 9 October. */
	seed_firm(b, "submitted", "2017-09-30", NULL, "2017-10-13", "1,2,3,4,5");
	CHECK_INT(act(&m, "2017-09-30", b, "accept", NULL), 0);
	if (get(b, &c) == 0) {
		CHECK_STR(c.due, "2017-10-09");
		tcase_release(&c);
	}
	/* Both decided on 9 October: the first was due on the Saturday, late. */
	CHECK_INT(act(&m, "2017-09-30", a, "review", NULL), 0);
	CHECK_INT(act(&m, "2017-10-09", a, "approve", NULL), 0);
	CHECK_INT(act(&m, "2017-09-30", b, "review", NULL), 0);
	CHECK_INT(act(&m, "2017-10-09", b, "approve", NULL), 0);
	if (get(a, &c) == 0) {
		CHECK_STR(c.status, "approved");
		CHECK_STR(c.decided, "2017-10-09");
		CHECK_INT(c.on_time, 0);
		tcase_release(&c);
	}
	if (get(b, &c) == 0) {
		CHECK_INT(c.on_time, 1);
		tcase_release(&c);
	}
}

static void
spring_festival_2026(void)
{
	struct user m = market(), ps = police();
	struct tcase c;
	const char *a = "500229-20170928-000211", *b = "500229-20170928-000212",
	    *h = "500229-20170928-000213";

	/* 1 day from Thursday 12 February: Friday 13 February. */
	seed_firm(a, "submitted", "2026-02-12", NULL, "2026-02-27", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-02-12", a, "accept", NULL), 0);
	if (get(a, &c) == 0) {
		CHECK_STR(c.due, "2026-02-13");
		tcase_release(&c);
	}
	/* 1 day from the make-up Saturday 14 February: across 15–23 February
	 * to Tuesday 24 February. */
	seed_firm(b, "submitted", "2026-02-14", NULL, "2026-02-28", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-02-14", b, "accept", NULL), 0);
	if (get(b, &c) == 0) {
		CHECK_STR(c.due, "2026-02-24");
		tcase_release(&c);
	}
	/* 10 days from Friday 13 February: 14, 24, 25, 26, 27, 28 (make-up),
	 * 2, 3, 4, 5 March. */
	seed_hotel(h, "submitted", "2026-02-13", NULL, "2026-02-27", "1,2,3,4,5", 1);
	CHECK_INT(act(&ps, "2026-02-13", h, "accept", NULL), 0);
	if (get(h, &c) == 0) {
		CHECK_STR(c.accepted, "2026-02-13");
		CHECK_INT(c.limit_days, 10);
		CHECK_STR(c.due, "2026-03-05");
		CHECK_INT(c.step, 2);
		tcase_release(&c);
	}
}

static void
supplement_across_spring_festival(void)
{
	struct user ps = police();
	struct act_args a;
	struct tcase c;
	const char *no = "500229-20170928-000221";

	/* Accepted Tuesday 10 February, 10 days: due Monday 2 March. */
	seed_hotel(no, "accepted", "2026-02-10", "2026-02-10", "2026-03-02", "1,2,3,4", 2);
	a = args("supplement", NULL);
	a.materials = "5";
	CHECK_INT(act_on(&ps, "2026-02-13", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "supplement");
		CHECK_STR(c.paused_since, "2026-02-13");
		CHECK_STR(c.prev_status, "accepted");
		/* While paused the light is that of the day it paused, green,
		 * even after the old due date. */
		CHECK_INT(tcase_light(&c, D("2026-03-03")), LIGHT_GREEN);
		tcase_release(&c);
	}
	/* Resupplied Tuesday 24 February: the paused working days are the
	 * make-up Saturday 14 February and the 24th itself, 2. */
	a = args("resupply", NULL);
	a.materials = "5";
	CHECK_INT(act_on(&ps, "2026-02-24", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "accepted");
		CHECK_STR(c.paused_since, "");
		CHECK_STR(c.prev_status, "");
		CHECK_INT(c.paused_days, 2);
		CHECK_STR(c.materials, "1,2,3,4,5");
		CHECK_STR(c.due, "2026-03-04");
		tcase_release(&c);
	}
	CHECK_INT(clock_workdays(test_calendar(), D("2026-02-13"), D("2026-02-24")), 2);
}

static void
suspension_within_the_holiday(void)
{
	struct user ps = police();
	struct act_args a;
	struct tcase c;
	const char *no = "500229-20170928-000231", *no2 = "500229-20170928-000232";

	/* Suspended on Sunday 15 February, resumed on Sunday 22 February: no
	 * working day passed, so the due date does not move. */
	seed_hotel(no, "under_review", "2026-02-10", "2026-02-10", "2026-03-02", "1,2,3,4,5", 3);
	a = args("suspend", "专家评审");
	a.reason = "expert_review";
	a.days = 5;
	CHECK_INT(act_on(&ps, "2026-02-15", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "suspended");
		CHECK_STR(c.suspend_reason, "expert_review");
		CHECK_INT(c.suspend_days, 5);
		tcase_release(&c);
	}
	CHECK_INT(act(&ps, "2026-02-22", no, "resume", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "under_review");
		CHECK_INT(c.paused_days, 0);
		CHECK_STR(c.due, "2026-03-02");
		CHECK_STR(c.paused_since, "");
		tcase_release(&c);
	}
	/* From Friday 13 to Tuesday 24 February: 2 working days, due moves by 2. */
	seed_hotel(no2, "under_review", "2026-02-10", "2026-02-10", "2026-03-02", "1,2,3,4,5", 3);
	CHECK_INT(act_on(&ps, "2026-02-13", no2, &a), 0);
	CHECK_INT(act(&ps, "2026-02-24", no2, "resume", NULL), 0);
	if (get(no2, &c) == 0) {
		CHECK_INT(c.paused_days, 2);
		CHECK_STR(c.due, "2026-03-04");
		tcase_release(&c);
	}
	/* A suspension needs an art. 45 reason and a period. */
	a = args("suspend", "x");
	a.reason = "holiday";
	a.days = 5;
	CHECK_INT(act_on(&ps, "2026-02-25", no2, &a), EXIT_INVALID);
	a.reason = "hearing";
	a.days = 0;
	CHECK_INT(act_on(&ps, "2026-02-25", no2, &a), EXIT_INVALID);
}

/* Every action keeps the note its person gives, after what it records. */
static void
every_action_keeps_its_note(void)
{
	struct user ps = police();
	struct act_args a;
	char out[512];
	const char *no = "500229-20170928-000881", *no2 = "500229-20170928-000882";

	seed_hotel(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3", 0);
	a = args("supplement", "note-supplement");
	a.materials = "4,5";
	CHECK_INT(act_on(&ps, "2026-11-02", no, &a), 0);
	CHECK(has(last_note(no, out), "note-supplement"));
	a = args("resupply", "note-resupply");
	a.materials = "4,5";
	CHECK_INT(act_on(&ps, "2026-11-03", no, &a), 0);
	CHECK(has(last_note(no, out), "note-resupply"));
	CHECK_INT(act(&ps, "2026-11-03", no, "accept", "note-accept"), 0);
	CHECK(has(last_note(no, out), "note-accept"));
	CHECK(has(out, "note-accept"));
	seed_hotel(no2, "under_review", "2026-11-02", "2026-11-02", "2026-11-16", "1,2,3,4,5", 1);
	CHECK_INT(act(&ps, "2026-11-03", no2, "pass", "note-pass"), 0);
	CHECK(has(last_note(no2, out), "note-pass"));
	a = args("suspend", "note-suspend");
	a.reason = "expert_review";
	a.days = 5;
	CHECK_INT(act_on(&ps, "2026-11-04", no2, &a), 0);
	CHECK(has(last_note(no2, out), "note-suspend"));
	CHECK_INT(act(&ps, "2026-11-05", no2, "resume", "note-resume"), 0);
	CHECK(has(last_note(no2, out), "note-resume"));
	/* An action built around its note records it as given. */
	CHECK_INT(act(&ps, "2026-11-05", no2, "survey", "note-survey"), 0);
	CHECK(has(last_note(no2, out), "note-survey"));
}

/*
 * Art. 42: "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日" -- once,
 * approved by the head of the office (负责人), decided before the limit runs
 * out; the limit after it stays within the statutory limit plus 10 working
 * days (for joint handling, art. 42 (2): 45 days, plus 15).
 */
static void
extension_by_the_head(void)
{
	struct user m = market(), mh = market_head(), ps = police(), psh = police_head();
	struct act_args a;
	struct snap before;
	struct tcase c;
	char *cause = NULL, acts[256], note[512];
	const char *f1 = "500229-20170928-000241", *f2 = "500229-20170928-000242",
	    *h1 = "500229-20170928-000243", *h2 = "500229-20170928-000244";

	/* 企业设立登记: statutory 3, promised 1 working day. Accepted Monday
	 * 2 November 2026: due Tuesday 3 November. */
	seed_firm(f1, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	before = snapshot(f1);
	/* An approver who is not the head may not (exit 3); nor is it offered. */
	CHECK_INT(act(&m, "2026-11-03", f1, "extend", "材料复杂"), EXIT_DENIED);
	CHECK(strstr(offered(&m, "2026-11-03", f1, acts), "extend") == NULL);
	CHECK(strstr(offered(&mh, "2026-11-03", f1, acts), "extend") != NULL);
	/* The head, without the reason: invalid. */
	CHECK_INT(act(&mh, "2026-11-03", f1, "extend", NULL), EXIT_INVALID);
	/* The limit may reach 3 + 10 = 13 working days: 12 more at most. */
	a = args("extend", "需核查股东身份");
	a.days = 13;
	CHECK_INT(act_cause(&mh, "2026-11-03", f1, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "12"));
	CHECK_UNCHANGED(before, f1);
	/* On the due day itself the limit has not run out: 12 days, to 13,
	 * due 13 working days after 2 November, Thursday 19 November. */
	a.days = 12;
	CHECK_INT(act_cause(&mh, "2026-11-03", f1, &a, &cause), 0);
	if (get(f1, &c) == 0) {
		CHECK_INT(c.extended_days, 12);
		CHECK_INT(tcase_limit(&c), 13);
		CHECK_STR(c.due, "2026-11-19");
		tcase_release(&c);
	}
	CHECK(has(last_note(f1, note), "mkt_head"));
	CHECK(has(note, "需核查股东身份"));
	/* Once only. */
	before = snapshot(f1);
	CHECK_INT(act(&mh, "2026-11-05", f1, "extend", "again"), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, f1);

	/* The day after the due date the limit has run out: refused (4). */
	seed_firm(f2, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	before = snapshot(f2);
	CHECK_INT(act_cause(&mh, "2026-11-04", f2, &a, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "2026-11-03"));
	CHECK_UNCHANGED(before, f2);
	CHECK(strstr(offered(&mh, "2026-11-04", f2, acts), "extend") == NULL);

	/* 旅馆业特种行业许可 is handled jointly (a parallel step): statutory 20,
	 * promised 10; the extension is 15 by default, and the limit may reach
	 * 20 + 15 = 35. Accepted 2 November: due 16 November. */
	seed_hotel(h1, "under_review", "2026-11-02", "2026-11-02", "2026-11-16", "1,2,3,4,5", 3);
	CHECK_INT(act(&ps, "2026-11-10", h1, "extend", "需组织联合踏勘"), EXIT_DENIED);
	CHECK_INT(act(&psh, "2026-11-10", h1, "extend", "需组织联合踏勘"), 0);
	if (get(h1, &c) == 0) {
		CHECK_INT(c.extended_days, 15);
		CHECK_INT(tcase_limit(&c), 25);
		CHECK_STR(c.due, "2026-12-07");
		tcase_release(&c);
	}
	CHECK(has(last_note(h1, note), "公安局长"));
	seed_hotel(h2, "under_review", "2026-11-02", "2026-11-02", "2026-11-16", "1,2,3,4,5", 3);
	before = snapshot(h2);
	a = args("extend", "需组织听证");
	a.days = 26;
	CHECK_INT(act_cause(&psh, "2026-11-10", h2, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "25"));
	CHECK_UNCHANGED(before, h2);
	a.days = 25;
	CHECK_INT(act_on(&psh, "2026-11-10", h2, &a), 0);
	if (get(h2, &c) == 0) {
		CHECK_INT(tcase_limit(&c), 35);
		CHECK_STR(c.due, "2026-12-21");
		tcase_release(&c);
	}
	free(cause);
}

struct branch_seen {
	int n;
	char office[4][32];
	char done_on[4][11];
	char verdict[4][16];
	char due[4][11];
	char override_on[4][11];
};

static int
keep_branch(void *arg, const struct branch *b)
{
	struct branch_seen *s = arg;

	if (s->n < 4) {
		snprintf(s->office[s->n], 32, "%s", b->office);
		snprintf(s->done_on[s->n], 11, "%s", b->done_on ? b->done_on : "");
		snprintf(s->verdict[s->n], 16, "%s", b->verdict ? b->verdict : "");
		snprintf(s->due[s->n], 11, "%s", b->due ? b->due : "");
		snprintf(s->override_on[s->n], 11, "%s", b->override_on ? b->override_on : "");
	}
	s->n++;
	return 0;
}

static struct branch_seen
branches(const char *no)
{
	struct branch_seen s;
	struct tcase c;

	memset(&s, 0, sizeof s);
	if (store_case_get(test_store(), no, &c) == 0) {
		store_branch_each(test_store(), c.id, keep_branch, &s);
		tcase_release(&c);
	}
	return s;
}

struct anomalies {
	const char *no, *kind;
	int n;
};

static int
count_anomaly(void *arg, const char *kind, const char *no, const char *day, const char *detail)
{
	struct anomalies *a = arg;

	(void)day;
	(void)detail;
	a->n += strcmp(kind, a->kind) == 0 && strcmp(no, a->no) == 0;
	return 0;
}

/* Recorded anomalies of kind on case no (any day of 2026; the cases here
 * are all handled by offices of 城口县). */
static int
anomalies_of(const char *no, const char *kind)
{
	struct anomalies a = { no, kind, 0 };

	store_anomaly_each(test_store(), "500229", "500229:", "2026-01-01", "2026-12-31",
	    count_anomaly, &a);
	return a.n;
}

static int
step_of(const char *no)
{
	struct tcase c;
	int step = -1;

	if (store_case_get(test_store(), no, &c) == 0) {
		step = c.step;
		tcase_release(&c);
	}
	return step;
}

static void
parallel_review(void)
{
	struct user ps = police(), fire = fireman(), health = doctor(), mkt = market();
	struct user clerk = township_clerk();
	struct branch_seen bs;
	struct act_args a;
	struct snap before;
	struct tcase c;
	char acts[256], note[512], *cause = NULL;
	const char *no = "500229-20170928-000251";
	int i;

	seed_hotel(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5", 1);
	CHECK_INT(act(&ps, "2026-11-02", no, "accept", NULL), 0);
	/* Acceptance opens the joint inspection: one branch per department,
	 * each with its own 5 days. */
	CHECK_INT(step_of(no), 2);
	bs = branches(no);
	CHECK_INT(bs.n, 3);
	for (i = 0; i < bs.n && i < 3; i++) {
		CHECK_STR(bs.done_on[i], "");
		CHECK_STR(bs.due[i], "2026-11-09");
	}
	if (bs.n == 3) {
		/* In dept_kind order. */
		CHECK_STR(bs.office[0], "500229.fire");
		CHECK_STR(bs.office[1], "500229.health");
		CHECK_STR(bs.office[2], "500229.public_security");
	}
	/* The fire brigade sees the case now that it has a branch. */
	if (get(no, &c) == 0) {
		CHECK(access_can_see(&fire, &c));
		CHECK(access_can_see(&health, &c));
		CHECK(!access_can_see(&mkt, &c));
		tcase_release(&c);
	}
	/* Opinions wait for the review to start. */
	CHECK_INT(act(&fire, "2026-11-02", no, "opinion", "消防合格"), EXIT_CONFLICT);
	CHECK_INT(act(&ps, "2026-11-02", no, "review", NULL), 0);

	CHECK_INT(act(&fire, "2026-11-03", no, "opinion", "消防合格"), 0);
	CHECK_INT(step_of(no), 2);
	before = snapshot(no);
	CHECK_INT(act(&ps, "2026-11-03", no, "approve", NULL), EXIT_CONFLICT);
	CHECK_INT(act(&ps, "2026-11-03", no, "pass", NULL), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
	/* While opinions are pending, approve and pass are not offered; the
	 * police's own opinion is. */
	offered(&ps, "2026-11-03", no, acts);
	CHECK(strstr(acts, "approve") == NULL && strstr(acts, "pass") == NULL);
	CHECK(has(acts, "opinion"));
	CHECK(strstr(offered(&fire, "2026-11-03", no, acts), "opinion") == NULL);
	/* A department without a branch does not even see the case. */
	CHECK_INT(act(&mkt, "2026-11-03", no, "opinion", "无关"), EXIT_NOTFOUND);
	/* Opinions need the reason. */
	CHECK_INT(act(&health, "2026-11-04", no, "opinion", NULL), EXIT_INVALID);
	a = args("opinion", "x");
	a.verdict = "maybe";
	CHECK_INT(act_on(&health, "2026-11-04", no, &a), EXIT_INVALID);
	a = args("opinion", "卫生条件需整改后复查");
	a.verdict = "disagree";
	CHECK_INT(act_on(&health, "2026-11-04", no, &a), 0);
	CHECK_INT(step_of(no), 2);
	CHECK_INT(act(&ps, "2026-11-04", no, "approve", NULL), EXIT_CONFLICT);
	/* The same department cannot speak twice. */
	CHECK_INT(act(&fire, "2026-11-04", no, "opinion", "再次"), EXIT_CONFLICT);

	/* The last one, on another day: every department has spoken, but the
	 * health commission disagrees, so the case stays at the joint step. */
	CHECK_INT(act(&ps, "2026-11-05", no, "opinion", "治安合格"), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.step, 2);
		CHECK_STR(c.status, "under_review");
		tcase_release(&c);
	}
	before = snapshot(no);
	CHECK_INT(act_cause(&ps, "2026-11-05", no, &(struct act_args){ .action = "approve",
	    .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "override"));
	CHECK_INT(act(&ps, "2026-11-05", no, "pass", NULL), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
	offered(&ps, "2026-11-05", no, acts);
	CHECK(strstr(acts, "approve") == NULL && strstr(acts, "pass") == NULL);
	CHECK(has(acts, "override"));
	CHECK(has(acts, "deny"));
	/* Only the lead office overrules, and only with its reason. */
	CHECK_INT(act(&fire, "2026-11-05", no, "override", "消防认为可行"), EXIT_DENIED);
	CHECK_INT(act(&ps, "2026-11-05", no, "override", NULL), EXIT_INVALID);
	CHECK_UNCHANGED(before, no);
	/* The police overrule it on 6 November: the case goes on to step 3. */
	CHECK_INT(act(&ps, "2026-11-06", no, "override", "整改事项已在现场核查中确认完成"), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.step, 3);
		CHECK_STR(c.step_started, "2026-11-06");
		tcase_release(&c);
	}
	CHECK(has(last_note(no, note), "整改事项已在现场核查中确认完成"));
	CHECK(has(note, "城口县卫生健康委员会"));
	CHECK_INT(anomalies_of(no, "override"), 1);
	bs = branches(no);
	if (bs.n == 3) {
		CHECK_STR(bs.done_on[0], "2026-11-03");
		CHECK_STR(bs.verdict[0], "agree");
		CHECK_STR(bs.done_on[1], "2026-11-04");
		CHECK_STR(bs.verdict[1], "disagree");
		CHECK_STR(bs.override_on[1], "2026-11-06");
		CHECK_STR(bs.override_on[0], "");
		CHECK_STR(bs.done_on[2], "2026-11-05");
	}
	CHECK_INT(act(&ps, "2026-11-06", no, "override", "再次"), EXIT_CONFLICT);
	CHECK_INT(act(&fire, "2026-11-06", no, "opinion", "再次"), EXIT_CONFLICT);
	/* Step 3 is the last review step: approve, not pass. */
	CHECK(strstr(offered(&ps, "2026-11-06", no, acts), "pass") == NULL);
	CHECK_INT(act(&ps, "2026-11-06", no, "pass", NULL), EXIT_CONFLICT);
	CHECK_INT(act(&ps, "2026-11-06", no, "approve", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "approved");
		CHECK_STR(c.decided, "2026-11-06");
		CHECK_INT(c.on_time, 1);
		CHECK_INT(c.step, 4);
		CHECK_INT(c.open, 1);
		tcase_release(&c);
	}
	/* A branch department cannot deliver; the hall that took it in can. */
	CHECK_INT(act(&fire, "2026-11-09", no, "complete", NULL), EXIT_DENIED);
	CHECK_INT(act(&clerk, "2026-11-09", no, "complete", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "completed");
		CHECK_STR(c.finished, "2026-11-09");
		CHECK_INT(c.open, 0);
		CHECK_INT(c.fee_cents, 0);
		tcase_release(&c);
	}
	/* submit, accept, review, 3 opinions, override, approve, complete:
	 * refusals leave no trace. */
	CHECK_INT(events_of(no), 9);
	free(cause);
}

static void
approve_on_submitted_changes_nothing(void)
{
	struct user ps = police();
	struct snap before;
	const char *no = "500229-20170928-000261";

	seed_hotel(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5", 1);
	before = snapshot(no);
	CHECK_INT(act(&ps, "2026-11-03", no, "approve", NULL), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
	CHECK_STR(before.status, "submitted");
	CHECK_INT(before.version, 1);
	CHECK_INT(act(&ps, "2026-11-03", no, "deny", NULL), EXIT_INVALID);
	CHECK_INT(act(&ps, "2026-11-03", no, "complete", NULL), EXIT_CONFLICT);
	CHECK_INT(act(&ps, "2026-11-03", no, "resume", NULL), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
}

static void
stale_version_names_who_acted(void)
{
	struct user m = market();
	struct user m2 = mk("wang_shen", ROLE_APPROVER, "500229", "district", "500229.market");
	struct actor who;
	struct act_args a;
	struct snap before;
	char *cause = NULL;
	const char *no = "500229-20170928-000271";

	seed_firm(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5");
	a = args("accept", NULL);
	a.expect_version = 1;
	CHECK_INT(act_on(&m2, "2026-11-03", no, &a), 0);
	before = snapshot(no);
	a = args("refuse", "材料不符");
	a.expect_version = 1;
	who.user = &m;
	who.addr = "10.0.0.2";
	who.today = D("2026-11-03");
	CHECK_INT(test_act(test_store(), test_calendar(), &who, no, &a, &cause), EXIT_CONFLICT);
	CHECK(cause != NULL && strstr(cause, "wang_shen") != NULL);
	CHECK(cause != NULL && strstr(cause, no) != NULL);
	free(cause);
	CHECK_UNCHANGED(before, no);
	CHECK_STR(before.status, "accepted");
	CHECK_INT(before.version, 2);
}

static void
deemed_acceptance(void)
{
	struct user m = market();
	struct tcase c;
	const char *no = "500229-20170928-000281", *no2 = "500229-20170928-000282";
	int n;

	/* Submitted Wednesday 30 September 2026, just before National Day. */
	seed_firm(no, "submitted", "2026-09-30", NULL, "2026-10-13", "1,2,3,4,5");
	if (get(no, &c) == 0) {
		/* 9 calendar days but 2 working days (8, 9 October): not deemed. */
		CHECK_INT(lifecycle_deemed(test_calendar(), &c, D("2026-10-09")), 0);
		/* 8, 9, 10 (make-up Saturday), 12, 13: 5, still in time. */
		CHECK_INT(lifecycle_deemed(test_calendar(), &c, D("2026-10-13")), 0);
		/* The 6th working day: accepted by silence. */
		CHECK_INT(lifecycle_deemed(test_calendar(), &c, D("2026-10-14")), 1);
		tcase_release(&c);
	}
	CHECK_INT(act(&m, "2026-10-14", no, "accept", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.deemed, 1);
		CHECK_STR(c.accepted, "2026-09-30");
		/* The clock ran from receipt: 1 day after 30 September is 8 October. */
		CHECK_STR(c.due, "2026-10-08");
		CHECK_INT(tcase_light(&c, D("2026-10-14")), LIGHT_RED);
		/* Only submitted cases can be deemed. */
		CHECK_INT(lifecycle_deemed(test_calendar(), &c, D("2026-10-30")), 0);
		tcase_release(&c);
	}
	n = events_of(no);
	CHECK_INT(n, 2);
	/* Answered on the 5th working day: accepted that day. */
	seed_firm(no2, "submitted", "2026-09-30", NULL, "2026-10-13", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-10-13", no2, "accept", NULL), 0);
	if (get(no2, &c) == 0) {
		CHECK_INT(c.deemed, 0);
		CHECK_STR(c.accepted, "2026-10-13");
		CHECK_STR(c.due, "2026-10-14");
		tcase_release(&c);
	}
}

/*
 * Art. 32 (4): acceptance is deemed only when the supplement notice was not
 * given within 5 working days. A case whose notice went out on day 1 and
 * whose materials came back two weeks later is accepted on the day the
 * office accepts it, not deemed accepted on receipt.
 */
static void
supplement_in_time_is_not_deemed(void)
{
	struct user m = market();
	struct act_args a = args("resupply", NULL);
	struct tcase c;
	const char *no = "500229-20170928-000291";

	/* Submitted Monday 2 November without material 5. */
	seed_firm(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4");
	CHECK_INT(act(&m, "2026-11-03", no, "supplement", NULL), 0);
	a.materials = "5";
	CHECK_INT(act_on(&m, "2026-11-16", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "submitted");
		CHECK_STR(c.materials, "1,2,3,4,5");
		/* The answer clock stood still 4–16 November (9 working days). */
		CHECK_INT(c.paused_days, 9);
		CHECK_STR(c.due, "2026-11-20");
		/* The day after the materials came back is not past the 5 days. */
		CHECK_INT(lifecycle_deemed(test_calendar(), &c, D("2026-11-17")), 0);
		tcase_release(&c);
	}
	CHECK_INT(act(&m, "2026-11-17", no, "accept", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.deemed, 0);
		CHECK_STR(c.accepted, "2026-11-17");
		CHECK_STR(c.due, "2026-11-18");
		tcase_release(&c);
	}
}

/*
 * Art. 32 (4) (一次性告知): "申请材料不齐全或者不符合法定形式的，应当当场或者在
 * 五日内一次告知申请人需要补正的全部内容". A notice that leaves out a missing
 * material is refused, naming it; the acceptance stage has one notice; what
 * the applicant hands in is recorded as it is, and acceptance waits while a
 * required material is missing.
 */
static void
one_time_notice(void)
{
	struct user m = market();
	struct act_args a;
	struct snap before;
	struct tcase c;
	char *cause = NULL, acts[256], note[512];
	const char *no = "500229-20170928-000311";

	/* 企业设立登记: materials 1-5 required, 6 (an agent's letter) optional;
	 * 4 (公司章程) and 5 (任职文件) not handed in. */
	seed_firm(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3");
	before = snapshot(no);
	a = args("supplement", NULL);
	a.materials = "4";
	CHECK_INT(act_cause(&m, "2026-11-03", no, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "5. 法定代表人、董事、监事和高级管理人员的任职文件"));
	CHECK(strstr(cause, "4. ") == NULL);
	a.materials = "4,9";
	CHECK_INT(act_cause(&m, "2026-11-03", no, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "9"));
	CHECK_UNCHANGED(before, no);
	/* Everything missing, and the optional letter of the agent: one notice. */
	a.materials = "4,5,6";
	CHECK_INT(act_on(&m, "2026-11-03", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "supplement");
		CHECK_INT(c.notices, TCASE_NOTICE_ACCEPTANCE);
		CHECK_STR(c.paused_since, "2026-11-03");
		tcase_release(&c);
	}
	CHECK(has(last_note(no, note), "4. 公司章程或合伙协议"));
	CHECK(has(note, "5. 法定代表人"));
	/* What was handed in must be named: nothing is assumed. */
	CHECK_INT(act(&m, "2026-11-05", no, "resupply", NULL), EXIT_INVALID);
	/* The applicant brings 4 only on Thursday 5 November: recorded as such,
	 * and the answer clock runs again after 2 paused working days. */
	a = args("resupply", NULL);
	a.materials = "4";
	CHECK_INT(act_on(&m, "2026-11-05", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "submitted");
		CHECK_STR(c.materials, "1,2,3,4");
		CHECK_INT(c.paused_days, 2);
		tcase_release(&c);
	}
	CHECK(has(last_note(no, note), "5. 法定代表人"));
	/* No second notice at the acceptance stage, and none is offered. */
	before = snapshot(no);
	CHECK_INT(act_cause(&m, "2026-11-05", no, &(struct act_args){ .action = "supplement",
	    .materials = "5", .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "art. 32"));
	CHECK_STR(offered(&m, "2026-11-05", no, acts), "accept refuse withdraw");
	/* Acceptance waits for material 5, and says so. */
	CHECK_INT(act_cause(&m, "2026-11-05", no, &(struct act_args){ .action = "accept",
	    .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_INVALID);
	CHECK(has(cause, "5. 法定代表人"));
	CHECK(strstr(cause, "4. ") == NULL);
	CHECK_UNCHANGED(before, no);
	/* ... which the applicant brings to the desk on Friday 6 November. */
	a = args("accept", NULL);
	a.materials = "5";
	CHECK_INT(act_on(&m, "2026-11-06", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "accepted");
		CHECK_STR(c.accepted, "2026-11-06");
		CHECK_STR(c.materials, "1,2,3,4,5");
		CHECK_INT(c.deemed, 0);
		tcase_release(&c);
	}
	/* In review, one notice more: it may name a material received but not
	 * in legal form (3), which is then handed in again. */
	CHECK_INT(act(&m, "2026-11-06", no, "review", NULL), 0);
	a = args("supplement", NULL);
	a.materials = "3";
	CHECK_INT(act_on(&m, "2026-11-09", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.materials, "1,2,4,5");
		CHECK_INT(c.notices, TCASE_NOTICE_ACCEPTANCE | TCASE_NOTICE_REVIEW);
		tcase_release(&c);
	}
	a = args("resupply", NULL);
	a.materials = "3";
	CHECK_INT(act_on(&m, "2026-11-10", no, &a), 0);
	CHECK_STR(snapshot(no).status, "under_review");
	a = args("supplement", NULL);
	a.materials = "2";
	CHECK_INT(act_on(&m, "2026-11-10", no, &a), EXIT_CONFLICT);
	free(cause);
}

/*
 * Art. 32 (4): "逾期不告知的，自收到申请材料之日起即为受理". Past the 5 working
 * days the application is accepted by law: a refusal (不予受理) and a notice
 * of the acceptance stage are refused and not offered; it is accepted as it
 * is and decided, and the licence waits for the missing materials.
 */
static void
no_refusal_after_five_days(void)
{
	struct user m = market();
	struct act_args a;
	struct snap before;
	struct tcase c;
	char *cause = NULL, acts[256], note[512];
	const char *no = "500229-20170928-000321", *no2 = "500229-20170928-000322";

	/* Submitted Wednesday 30 September 2026 without 4 and 5; the 5 working
	 * days are 8, 9, 10 (make-up Saturday), 12 and 13 October. */
	seed_firm(no, "submitted", "2026-09-30", NULL, "2026-10-13", "1,2,3");
	seed_firm(no2, "submitted", "2026-09-30", NULL, "2026-10-13", "1,2,3");
	CHECK_INT(act(&m, "2026-10-13", no2, "refuse", "不属于本机关职权范围"), 0);
	CHECK_STR(snapshot(no2).status, "not_accepted");
	before = snapshot(no);
	CHECK_INT(act_cause(&m, "2026-10-14", no, &(struct act_args){ .action = "refuse",
	    .note = "材料不全", .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "art. 32"));
	CHECK_INT(act(&m, "2026-10-14", no, "supplement", NULL), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
	CHECK_STR(offered(&m, "2026-10-14", no, acts), "accept withdraw");
	/* Accepted as it is: on receipt, with what is missing in the record. */
	CHECK_INT(act(&m, "2026-10-14", no, "accept", NULL), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.deemed, 1);
		CHECK_STR(c.accepted, "2026-09-30");
		CHECK_STR(c.materials, "1,2,3");
		tcase_release(&c);
	}
	CHECK(has(last_note(no, note), "4. 公司章程或合伙协议"));
	/* The licence waits for them: a notice in review, then the decision. */
	CHECK_INT(act(&m, "2026-10-14", no, "review", NULL), 0);
	CHECK_INT(act_cause(&m, "2026-10-14", no, &(struct act_args){ .action = "approve",
	    .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "5. 法定代表人"));
	CHECK_INT(act(&m, "2026-10-14", no, "supplement", NULL), 0);
	a = args("resupply", NULL);
	a.materials = "4,5";
	CHECK_INT(act_on(&m, "2026-10-15", no, &a), 0);
	CHECK_INT(act(&m, "2026-10-15", no, "approve", NULL), 0);
	CHECK_STR(snapshot(no).status, "approved");
	free(cause);
}

/* Pledged materials outstanding on day in 城口县, as the dashboard counts them. */
static long
pledges_overdue(const char *day)
{
	struct dash *d = xcalloc(1, sizeof *d);
	long n = 0;
	int i;

	CHECK_INT(stats_dashboard_analysis(test_store(), test_calendar(), "500229", D(day), d), 0);
	for (i = 0; i < d->nanomalies; i++)
		if (strcmp(d->anomalies[i].kind, "pledge_overdue") == 0)
			n = d->anomalies[i].n;
	free(d);
	return n;
}

/*
 * 容缺受理: only a secondary material of the item's list may be pledged, by
 * a working day within the promised limit; `receive` records each when it
 * comes; no licence while one is outstanding, and no decision at all before
 * the pledged day; past it, the pledge is an anomaly supervision sees.
 */
static void
pledge_of_secondary_materials(void)
{
	struct user ps = police(), fire = fireman(), health = doctor(), m = market();
	struct act_args a;
	struct snap before;
	struct tcase c;
	char *cause = NULL, acts[256];
	struct seedspec fs;
	const char *h = "500229-20170928-000331", *f = "500229-20170928-000332",
	    *g = "500229-20170928-000333";

	/* 旅馆业: 1 (申请登记表) and 4 (旅馆平面图及治安保卫制度, secondary) missing.
	 * Accepted Monday 2 November: 10 working days, due 16 November. */
	seed_hotel(h, "submitted", "2026-11-02", NULL, "2026-11-09", "2,3,5", 1);
	before = snapshot(h);
	CHECK_INT(act_cause(&ps, "2026-11-02", h, &(struct act_args){ .action = "accept",
	    .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_INVALID);
	CHECK(has(cause, "1. 特种行业许可证申请登记表"));
	CHECK(has(cause, "4. 旅馆平面图及治安保卫制度"));
	a = args("accept", NULL);
	a.pledge_materials = "1,4";
	a.pledge_date = "2026-11-10";
	CHECK_INT(act_cause(&ps, "2026-11-02", h, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "1. 特种行业许可证申请登记表"));
	CHECK(strstr(cause, "4. ") == NULL);
	a.materials = "1";
	a.pledge_materials = "4";
	a.pledge_date = "2026-11-07";	/* a Saturday */
	CHECK_INT(act_cause(&ps, "2026-11-02", h, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "2026-11-16"));
	a.pledge_date = "2026-11-17";	/* past the promised limit */
	CHECK_INT(act_on(&ps, "2026-11-02", h, &a), EXIT_INVALID);
	a.pledge_date = NULL;
	CHECK_INT(act_on(&ps, "2026-11-02", h, &a), EXIT_INVALID);
	CHECK_UNCHANGED(before, h);
	a.pledge_date = "2026-11-10";
	CHECK_INT(act_on(&ps, "2026-11-02", h, &a), 0);
	if (get(h, &c) == 0) {
		CHECK_STR(c.materials, "1,2,3,5");
		CHECK_STR(c.pledge_materials, "4");
		CHECK_STR(c.pledge_date, "2026-11-10");
		CHECK_INT(tcase_pledge_open(&c), 1 << 4);
		tcase_release(&c);
	}
	CHECK_INT(act(&ps, "2026-11-02", h, "review", NULL), 0);
	CHECK_INT(act(&fire, "2026-11-03", h, "opinion", "消防合格"), 0);
	CHECK_INT(act(&health, "2026-11-03", h, "opinion", "卫生合格"), 0);
	CHECK_INT(act(&ps, "2026-11-04", h, "opinion", "治安合格"), 0);
	CHECK_INT(step_of(h), 3);
	/* Every department agreed: there is no dissent to overrule. */
	CHECK_INT(act(&ps, "2026-11-05", h, "override", "无"), EXIT_CONFLICT);
	/* No decision while the pledge is outstanding: no licence, and no
	 * denial before the pledged day. */
	before = snapshot(h);
	CHECK_INT(act_cause(&ps, "2026-11-05", h, &(struct act_args){ .action = "approve",
	    .expect_version = -1, .fee_cents = -1 }, &cause), EXIT_CONFLICT);
	CHECK(has(cause, "4. 旅馆平面图及治安保卫制度"));
	CHECK_INT(act(&ps, "2026-11-05", h, "deny", "不符合条件"), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, h);
	CHECK_STR(offered(&ps, "2026-11-05", h, acts), "receive supplement survey suspend return withdraw");
	/* receive: only what is outstanding, named. */
	CHECK_INT(act(&ps, "2026-11-06", h, "receive", NULL), EXIT_INVALID);
	a = args("receive", NULL);
	a.materials = "5";
	CHECK_INT(act_on(&ps, "2026-11-06", h, &a), EXIT_INVALID);
	CHECK_UNCHANGED(before, h);
	a.materials = "4";
	CHECK_INT(act_on(&ps, "2026-11-06", h, &a), 0);
	if (get(h, &c) == 0) {
		CHECK_STR(c.materials, "1,2,3,4,5");
		CHECK_INT(tcase_pledge_open(&c), 0);
		tcase_release(&c);
	}
	CHECK_INT(act_on(&ps, "2026-11-06", h, &a), EXIT_CONFLICT);
	CHECK_INT(act(&ps, "2026-11-06", h, "approve", NULL), 0);

	/* 企业设立登记 has no secondary material: nothing of it may be pledged. */
	seed_firm(g, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4");
	a = args("accept", NULL);
	a.pledge_materials = "5";
	a.pledge_date = "2026-11-03";
	CHECK_INT(act_cause(&m, "2026-11-02", g, &a, &cause), EXIT_INVALID);
	CHECK(has(cause, "5. 法定代表人"));

	/* 食品经营许可: 4 (规章制度目录) pledged by Wednesday 4 November, within
	 * the promised 5 days (due 9 November). */
	memset(&fs, 0, sizeof fs);
	fs.no = f;
	fs.item = FOOD;
	fs.status = "submitted";
	fs.office = "500229.market";
	fs.office_region = "500229";
	fs.hall = "500229001";
	fs.submitted = "2026-11-02";
	fs.limit = 5;
	fs.warn = fs.due = "2026-11-09";
	fs.materials = "1,2,3";
	CHECK_INT(seed(&fs), 0);
	a = args("accept", NULL);
	a.pledge_materials = "4";
	a.pledge_date = "2026-11-04";
	CHECK_INT(act_on(&m, "2026-11-02", f, &a), 0);
	CHECK_INT(act(&m, "2026-11-02", f, "review", NULL), 0);
	/* Overdue from Thursday 5 November: an anomaly on the dashboard. */
	CHECK_INT(pledges_overdue("2026-11-04"), 0);
	CHECK_INT(pledges_overdue("2026-11-05"), 1);
	/* A denial waits for the pledged day, and may follow it. */
	CHECK_INT(act(&m, "2026-11-04", f, "deny", "未按承诺补齐材料"), EXIT_CONFLICT);
	CHECK_INT(act(&m, "2026-11-05", f, "approve", NULL), EXIT_CONFLICT);
	CHECK_INT(act(&m, "2026-11-05", f, "deny", "未按承诺期限补齐材料"), 0);
	CHECK_INT(pledges_overdue("2026-11-05"), 0);
	free(cause);
}

/* A case returned to the acceptance desk is back at its first review step. */
static void
returned_case_keeps_its_step(void)
{
	struct user m = market(), ps = police();
	struct tcase c;
	const char *no = "500229-20170928-000301", *h = "500229-20170928-000302";

	/* 企业设立登记 has a single step: it stays at step 1, named. */
	seed_firm(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-11-02", no, "accept", NULL), 0);
	CHECK_INT(act(&m, "2026-11-02", no, "review", NULL), 0);
	CHECK_INT(act(&m, "2026-11-03", no, "return", "申请书签字不全"), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.status, "accepted");
		CHECK_INT(c.step, 1);
		CHECK(c.step_name != NULL && *c.step_name != '\0');
		tcase_release(&c);
	}
	/* The hotel licence goes back to its joint inspection (step 2). */
	seed_hotel(h, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5", 1);
	CHECK_INT(act(&ps, "2026-11-02", h, "accept", NULL), 0);
	CHECK_INT(act(&ps, "2026-11-02", h, "review", NULL), 0);
	CHECK_INT(act(&ps, "2026-11-03", h, "return", "平面图不清"), 0);
	if (get(h, &c) == 0) {
		CHECK_STR(c.status, "accepted");
		CHECK_INT(c.step, 2);
		CHECK_STR(c.step_started, "2026-11-03");
		tcase_release(&c);
	}
}

static void
intake_before_spring_festival(void)
{
	struct user clerk = township_clerk();
	struct intake in;
	struct actor who;
	struct tcase c;
	char no[32], *cause = NULL;

	memset(&in, 0, sizeof in);
	in.item = FIRM;
	in.applicant_id = APPLICANT;
	in.name = "张三";
	in.region = "500229001003";
	in.channel = "window";
	in.materials = "1,2,3,4,5";
	who.user = &clerk;
	who.addr = "10.0.0.3";
	who.today = D("2026-02-13");
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause), 0);
	free(cause);
	cause = NULL;
	if (get(no, &c) == 0) {
		/* Routed to the district market bureau, taken in at the township. */
		CHECK_STR(c.office, "500229.market");
		CHECK_STR(c.hall_region, "500229001");
		CHECK_STR(c.status, "submitted");
		CHECK_STR(c.submitted, "2026-02-13");
		/* 5 working days to answer: 14 (make-up), 24, 25, 26, 27 February. */
		CHECK_STR(c.due, "2026-02-27");
		tcase_release(&c);
	}
	CHECK(strncmp(no, "500229-20260213-", 16) == 0);
	/* Approvers do not take in applications. */
	{
		struct user m = market();

		who.user = &m;
		CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause),
		    EXIT_DENIED);
		free(cause);
	}
}

/*
 * Art. 44: "行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人
 * 颁发、送达行政许可证件" -- 10 working days (art. 82) from the decision to
 * delivery, with its own light; delivered late, the case is late. November
 * 2026 has no holiday: decided Tuesday 3 November, the 10 working days are
 * 4-6, 9-13, 16, 17: due 17 November; 80% of 10 is 8 days used, so yellow
 * from Friday 13 November; red from 18 November.
 */
static void
delivery_clock(void)
{
	struct user m = market(), clerk = township_clerk();
	struct tcase c;
	const char *a = "500229-20170928-000401", *b = "500229-20170928-000402",
	    *late = "500229-20170928-000403";
	char note[512];

	/* 企业设立登记: limit 1, accepted 2 November, due 3 November. */
	seed_firm(a, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	seed_firm(b, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	seed_firm(late, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-11-03", a, "approve", NULL), 0);
	CHECK_INT(act(&m, "2026-11-03", b, "approve", NULL), 0);
	if (get(a, &c) == 0) {
		CHECK_INT(c.on_time, 1);
		CHECK_STR(c.deliver_due, "2026-11-17");
		CHECK_STR(c.deliver_warn, "2026-11-13");
		/* The decision was in time: the light is the delivery clock's. */
		CHECK_INT(tcase_light(&c, D("2026-11-12")), LIGHT_GREEN);
		CHECK_INT(tcase_light(&c, D("2026-11-13")), LIGHT_YELLOW);
		CHECK_INT(tcase_light(&c, D("2026-11-17")), LIGHT_YELLOW);
		CHECK_INT(tcase_light(&c, D("2026-11-18")), LIGHT_RED);
		tcase_release(&c);
	}
	/* Delivered on the 11th working day: late, and so is the case. */
	CHECK_INT(act(&clerk, "2026-11-18", a, "complete", NULL), 0);
	if (get(a, &c) == 0) {
		CHECK_STR(c.status, "completed");
		CHECK_INT(c.on_time, 0);
		CHECK_INT(tcase_delivered_on_time(&c, D("2026-11-18")), 0);
		tcase_release(&c);
	}
	CHECK(has(last_note(a, note), "delivered late"));
	/* Delivered on the 10th: the decision's verdict stands. */
	CHECK_INT(act(&clerk, "2026-11-17", b, "complete", NULL), 0);
	if (get(b, &c) == 0) {
		CHECK_INT(c.on_time, 1);
		tcase_release(&c);
	}
	/* Decided late (4 November): red at once and for good, whatever the
	 * delivery clock says. */
	CHECK_INT(act(&m, "2026-11-04", late, "approve", NULL), 0);
	if (get(late, &c) == 0) {
		CHECK_INT(c.on_time, 0);
		CHECK_STR(c.deliver_due, "2026-11-18");
		CHECK_INT(tcase_light(&c, D("2026-11-04")), LIGHT_RED);
		tcase_release(&c);
	}
	CHECK_INT(act(&clerk, "2026-11-05", late, "complete", NULL), 0);
	if (get(late, &c) == 0) {
		CHECK_INT(c.on_time, 0);
		tcase_release(&c);
	}
}

/* Cases of 城口县 with an anomaly of kind on day, as the dashboard counts them. */
static long
anomaly_count(const char *kind, const char *day)
{
	struct dash *d = xcalloc(1, sizeof *d);
	long n = 0;
	int i;

	CHECK_INT(stats_dashboard_analysis(test_store(), test_calendar(), "500229", D(day), d), 0);
	for (i = 0; i < d->nanomalies; i++)
		if (strcmp(d->anomalies[i].kind, kind) == 0)
			n = d->anomalies[i].n;
	free(d);
	return n;
}

/*
 * Art. 45: the time of a special procedure is not counted, and the
 * applicant is told how long it takes (书面告知). Suspended Tuesday 3
 * November 2026 for 5 working days (4, 5, 6, 9, 10): the period ends 10
 * November; yellow from 9 November (4 of 5 used), past it from the 11th,
 * when it is an anomaly. Resumed Thursday 12 November: 7 working days
 * paused (4-6, 9-12), 2 past the period; the pending branches of the
 * parallel review (due 9 November) waited too: due 18 November.
 */
static void
suspension_past_its_period(void)
{
	struct user ps = police(), fire = fireman();
	struct branch_seen bs;
	struct act_args a;
	struct tcase c;
	const char *no = "500229-20170928-000411";
	char note[512];
	long before9, before11;
	int w, d, i;

	seed_hotel(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4,5", 1);
	CHECK_INT(act(&ps, "2026-11-02", no, "accept", NULL), 0);
	CHECK_INT(act(&ps, "2026-11-02", no, "review", NULL), 0);
	CHECK_INT(act(&fire, "2026-11-03", no, "opinion", "消防合格"), 0);
	before9 = anomaly_count("suspend_overdue", "2026-11-10");
	before11 = anomaly_count("suspend_overdue", "2026-11-11");
	a = args("suspend", "组织听证");
	a.reason = "hearing";
	a.days = 5;
	CHECK_INT(act_on(&ps, "2026-11-03", no, &a), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.suspend_due, "2026-11-10");
		CHECK_INT(tcase_suspend_clock(test_calendar(), &c, &w, &d), 0);
		CHECK_INT(clock_light(D("2026-11-06"), w, d), LIGHT_GREEN);
		CHECK_INT(clock_light(D("2026-11-09"), w, d), LIGHT_YELLOW);
		CHECK_INT(clock_light(D("2026-11-11"), w, d), LIGHT_RED);
		tcase_release(&c);
	}
	CHECK_INT(anomaly_count("suspend_overdue", "2026-11-10"), before9);
	CHECK_INT(anomaly_count("suspend_overdue", "2026-11-11"), before11 + 1);
	CHECK_INT(act(&ps, "2026-11-12", no, "resume", NULL), 0);
	CHECK(has(last_note(no, note), "7 working days not counted"));
	CHECK(has(note, "2 working days past the period"));
	if (get(no, &c) == 0) {
		CHECK_STR(c.suspend_due, "");
		CHECK_INT(c.paused_days, 7);
		/* 10 working days from 2 November, and 7 more. */
		CHECK_STR(c.due, "2026-11-25");
		tcase_release(&c);
	}
	CHECK_INT(anomaly_count("suspend_overdue", "2026-11-12"), before11);
	bs = branches(no);
	CHECK_INT(bs.n, 3);
	for (i = 0; i < bs.n && i < 3; i++)
		CHECK_STR(bs.due[i], *bs.done_on[i] ? "2026-11-09" : "2026-11-18");
}

/* The decision's words by the item's power type (行政许可法 art. 38 for
 * licences; each kind of administrative act has its own). */
static void
results_by_power_type(void)
{
	CHECK_STR(tcase_result("licensing", "食品经营许可", 1), "准予许可");
	CHECK_STR(tcase_result("licensing", "食品经营许可", 0), "不予许可");
	CHECK_STR(tcase_result("confirmation", "残疾等级评定", 1), "予以确认");
	CHECK_STR(tcase_result("confirmation", "残疾等级评定", 0), "不予确认");
	CHECK_STR(tcase_result("payment", "临时救助", 1), "准予给付");
	CHECK_STR(tcase_result("payment", "临时救助", 0), "不予给付");
	CHECK_STR(tcase_result("licensing", "企业设立登记", 1), "准予登记");
	CHECK_STR(tcase_result("confirmation", "结婚登记", 0), "不予登记");
	CHECK_STR(tcase_result("public_service", "法律援助", 1), "办结");
	CHECK_STR(tcase_result("public_service", "失业登记", 0), "不予办理");
	CHECK_STR(tcase_result("other", "企业投资项目备案", 1), "予以通过");
	CHECK_STR(tcase_result("other", "企业投资项目备案", 0), "不予通过");
	/* As people read them (the unit tests run in English). */
	CHECK_STR(tcase_result_label("准予许可"), "licence granted");
	CHECK_STR(tcase_result_label("不予确认"), "not confirmed");
	CHECK_STR(tcase_result_label("准予给付"), "benefit granted");
	CHECK_STR(tcase_result_label("准予登记"), "registered");
	CHECK_STR(tcase_result_label("不予办理"), "service refused");
	CHECK_STR(tcase_result_label(""), "");
}

/* The decision writes its words: 企业设立登记 is a registration. */
static void
decision_words_of_the_item(void)
{
	struct user m = market();
	struct tcase c;
	const char *no = "500229-20170928-000421";
	char note[512];

	seed_firm(no, "under_review", "2026-11-02", "2026-11-02", "2026-11-03", "1,2,3,4,5");
	CHECK_INT(act(&m, "2026-11-03", no, "deny", "名称不符合规定"), 0);
	if (get(no, &c) == 0) {
		CHECK_STR(c.result, "不予登记");
		tcase_release(&c);
	}
	CHECK(has(last_note(no, note), "registration refused"));
	CHECK(has(note, "名称不符合规定"));
}

/* The applicant register -------------------------------------------------- */

static int
count_version(void *arg, int version, const char *name, const char *phone,
    const char *region, const char *since, const char *by)
{
	(void)version, (void)name, (void)phone, (void)region, (void)since, (void)by;
	(*(int *)arg)++;
	return 0;
}

struct corrections {
	const char *subject;
	int n;
	char note[256];
};

static int
count_correction(void *arg, const struct event *e)
{
	struct corrections *k = arg;

	if (e->subject && strcmp(e->subject, k->subject) == 0 && strcmp(e->action, "correct") == 0) {
		k->n++;
		snprintf(k->note, sizeof k->note, "%s", e->note ? e->note : "");
	}
	return 0;
}

/*
 * Who may apply is fixed by each item's law (行政许可法 art. 29: "公民、法人
 * 或者其他组织" as the item's law names them). 结婚登记 is a natural
 * person's (婚姻登记条例 art. 4: 男女双方应当共同到婚姻登记机关办理): a
 * company's unified social credit code is refused. 劳务派遣经营许可 is an
 * enterprise's (劳动合同法 art. 57: 经营劳务派遣业务，应当向劳动行政部门
 * 依法申请行政许可, with a registered capital of at least 2 million yuan):
 * a resident ID is refused. Neither refusal writes anything.
 */
static void
applicant_kind_of_item(void)
{
	struct user clerk = township_clerk();
	struct intake in;
	struct actor who;
	char no[32], org[19], *cause = NULL;
	int versions = 0;

	snprintf(org, sizeof org, "91500229MA5U7XK1Q");
	org[17] = ids_org_check(org);
	org[18] = '\0';
	memset(&in, 0, sizeof in);
	in.item = "000710001000";	/* 结婚登记: persons only */
	in.applicant_id = org;
	in.name = "城口县某有限公司";
	in.region = "500229001003";
	in.channel = "window";
	in.materials = "1,2,3";
	who.user = &clerk;
	who.addr = "10.0.0.3";
	who.today = D("2026-03-02");
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause),
	    EXIT_INVALID);
	CHECK(cause && strstr(cause, "persons only") != NULL);
	free(cause);
	cause = NULL;
	store_applicant_each_version(test_store(), org, count_version, &versions);
	CHECK_INT(versions, 0);
	/* The same company for 劳务派遣经营许可 is taken in. */
	in.item = "000111002000";
	in.materials = "1,2,3,4,5,6";
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause), 0);
	free(cause);
	cause = NULL;
	/* A person for 劳务派遣经营许可 is refused; for 结婚登记, taken in. */
	in.applicant_id = "50022919900101001X";
	in.name = "李四";
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause),
	    EXIT_INVALID);
	CHECK(cause && strstr(cause, "organisations only") != NULL);
	free(cause);
	cause = NULL;
	in.item = "000710001000";
	in.materials = "1,2,3";
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause), 0);
	free(cause);
}

/*
 * The name on a case is the one it was taken in under (the licence is issued
 * to it; 数据一次录入 keeps one register). Another name for a known ID is
 * refused at intake, naming the registered one, and nothing is written; with
 * the clerk's confirmation (--name-differs) the case takes the new name, the
 * register gains a version and the change is an event on applicant:ID.
 */
static void
mismatching_name_refused(void)
{
	struct user clerk = township_clerk();
	struct intake in;
	struct actor who;
	struct tcase c;
	struct corrections k = { "applicant:500229199203040022", 0, "" };
	char no[32], first[32], *cause = NULL;
	int versions = 0;

	memset(&in, 0, sizeof in);
	in.item = "000710001000";
	in.applicant_id = "500229199203040022";
	in.name = "王芳";
	in.region = "500229001003";
	in.channel = "window";
	in.materials = "1,2,3";
	who.user = &clerk;
	who.addr = "10.0.0.3";
	who.today = D("2026-03-03");
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, first, &cause), 0);
	free(cause);
	cause = NULL;
	in.name = "王芳芳";
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause),
	    EXIT_INVALID);
	CHECK(cause && strstr(cause, "王芳") && strstr(cause, "--name-differs"));
	free(cause);
	cause = NULL;
	store_applicant_each_version(test_store(), in.applicant_id, count_version, &versions);
	CHECK_INT(versions, 1);
	store_event_each(test_store(), count_correction, &k);
	CHECK_INT(k.n, 0);
	/* Confirmed: taken in under the new name, recorded on the applicant. */
	in.name_differs = 1;
	CHECK_INT(test_intake(test_store(), test_calendar(), &who, &in, no, &cause), 0);
	free(cause);
	versions = 0;
	store_applicant_each_version(test_store(), in.applicant_id, count_version, &versions);
	CHECK_INT(versions, 2);
	store_event_each(test_store(), count_correction, &k);
	CHECK_INT(k.n, 1);
	CHECK(strstr(k.note, "王芳 → 王芳芳") != NULL);
	if (get(no, &c) == 0) {
		CHECK_STR(c.applicant_name, "王芳芳");
		tcase_release(&c);
	}
	/* The first case keeps the name it was taken in under. */
	if (get(first, &c) == 0) {
		CHECK_STR(c.applicant_name, "王芳");
		tcase_release(&c);
	}
}

const struct test tests_lifecycle[] = {
	{ "lifecycle: every status and action of the law has a row in the rights table",
	  table_is_complete },
	{ "lifecycle: who may do what from which status (10 statuses x 18 actions x 11 people)",
	  every_status_action_role },
	{ "lifecycle: a refused action says not found, conflict or denied and changes nothing",
	  refused_actions_change_nothing },
	{ "lifecycle: an unknown action is a usage error, an unknown case is not found",
	  unknown_action_and_case },
	{ "lifecycle: accepted 2017-09-29 with 1 day is due on the make-up Saturday 09-30",
	  national_day_2017 },
	{ "lifecycle: due dates skip Spring Festival 2026 and count its make-up Saturdays",
	  spring_festival_2026 },
	{ "lifecycle: a supplement 02-13..02-24 stops the clock for 2 working days",
	  supplement_across_spring_festival },
	{ "lifecycle: a suspension within the holiday does not move the due date",
	  suspension_within_the_holiday },
	{ "lifecycle: accept, supplement, resupply, pass, suspend, resume and survey keep the "
	  "note given", every_action_keeps_its_note },
	{ "lifecycle: art. 42 extension by the head only, before the limit runs out, within the "
	  "statutory limit + 10 (joint: + 15), once", extension_by_the_head },
	{ "lifecycle: parallel review goes on only after the last department's opinion",
	  parallel_review },
	{ "lifecycle: approve on a submitted case is refused (4) and changes nothing",
	  approve_on_submitted_changes_nothing },
	{ "lifecycle: acting on a stale version is refused and names who acted",
	  stale_version_names_who_acted },
	{ "lifecycle: unanswered after 5 working days, a case is deemed accepted on receipt",
	  deemed_acceptance },
	{ "lifecycle: a supplement notice within 5 working days prevents deemed acceptance",
	  supplement_in_time_is_not_deemed },
	{ "lifecycle: art. 32 one-time notice: a partial notice or a second one refused, "
	  "resupply as handed in, acceptance waits for what is missing", one_time_notice },
	{ "lifecycle: art. 32 no refusal after 5 working days: deemed accepted and decided",
	  no_refusal_after_five_days },
	{ "lifecycle: 容缺受理 only for secondary materials; no decision while a pledge is "
	  "outstanding; receive clears it", pledge_of_secondary_materials },
	{ "lifecycle: a case returned to the acceptance desk still shows its step",
	  returned_case_keeps_its_step },
	{ "lifecycle: intake on the eve of Spring Festival has 5 working days to answer",
	  intake_before_spring_festival },
	{ "lifecycle: art. 44 delivery within 10 working days of the decision, its own light; "
	  "late delivery makes the case late", delivery_clock },
	{ "lifecycle: art. 45 a suspension past its period told is an anomaly; branches wait "
	  "with the case", suspension_past_its_period },
	{ "lifecycle: the decision's words by power type (许可, 确认, 给付, 登记, 公共服务)",
	  results_by_power_type },
	{ "lifecycle: a decision writes its item's words", decision_words_of_the_item },
	{ "lifecycle: a company refused for a persons-only item (结婚登记), a person for an "
	  "organisations-only one (劳务派遣经营许可)", applicant_kind_of_item },
	{ "lifecycle: another name for a known ID refused at intake unless confirmed; then a "
	  "version and an event on the applicant", mismatching_name_refused },
	{ NULL, NULL }
};
