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
#include "lifecycle.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

/* Helpers ------------------------------------------------------------------- */

#define APPLICANT "11010519491231002X"
#define HOTEL "000112004000"	/* 旅馆业特种行业许可: parallel step 2, 10 days */
#define FIRM "000101003000"	/* 企业设立登记: one step, 1 day */

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
	default:
		u = mk("r_disabled", ROLE_APPROVER, "500229", "district", "500229.public_security");
		u.disabled = 1;
		return u;
	}
}

/* Which roles see the matrix case at all (a case out of sight reads "no case"). */
static const char visible[NROLES + 1] = "xxxx.xxxx";

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
	{ "accept",     "x.........", "x..x.....", 0 },
	{ "refuse",     "x.........", "x..x.....", 1 },
	{ "supplement", "xx..x.....", "x..x.....", 0 },
	{ "resupply",   "...x......", "x..x.....", 0 },
	{ "review",     ".x........", "...x.....", 0 },
	{ "pass",       "....x.....", "...x.....", 0 },
	{ "return",     "....x.....", "...x.....", 1 },
	{ "survey",     "....x.....", "...x.....", 1 },
	/* Only an office with a branch of the review: the matrix case has none
	 * (one rule for `case actions`, the console and acting: access.c). */
	{ "opinion",    "....x.....", ".........", 1 },
	{ "suspend",    "....x.....", "...x.....", 1 },
	{ "resume",     ".....x....", "...x.....", 0 },
	{ "extend",     "....xx....", "...x.....", 1 },
	{ "approve",    "....x.....", "...x.....", 0 },
	{ "deny",       "....x.....", "...x.....", 1 },
	{ "complete",   "......xx..", "x.xx.....", 0 },
	{ "withdraw",   "xx.xxx....", "x.xx.....", 1 },
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
	CHECK_INT(act(&ps, "2026-11-05", no, "grant", NULL), EXIT_USAGE);
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

static void
one_extension_only(void)
{
	struct user ps = police();
	struct snap before;
	struct tcase c;
	const char *no = "500229-20170928-000241";

	/* Accepted Monday 2 November 2026, 10 days: due 16 November. */
	seed_hotel(no, "under_review", "2026-11-02", "2026-11-02", "2026-11-16", "1,2,3,4,5", 3);
	before = snapshot(no);
	CHECK_INT(act(&ps, "2026-11-10", no, "extend", NULL), EXIT_INVALID);
	CHECK_UNCHANGED(before, no);
	CHECK_INT(act(&ps, "2026-11-10", no, "extend", "现场核查需补充检测"), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.extended_days, 10);
		CHECK_INT(tcase_limit(&c), 20);
		CHECK_STR(c.due, "2026-11-30");
		tcase_release(&c);
	}
	before = snapshot(no);
	CHECK_INT(act(&ps, "2026-11-12", no, "extend", "again"), EXIT_CONFLICT);
	CHECK_UNCHANGED(before, no);
	CHECK_STR(before.due, "2026-11-30");
}

struct branch_seen {
	int n;
	char office[4][32];
	char done_on[4][11];
	char verdict[4][16];
	char due[4][11];
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

	/* The last one, on another day: the case goes on to step 3 that day. */
	CHECK_INT(act(&ps, "2026-11-05", no, "opinion", "治安合格"), 0);
	if (get(no, &c) == 0) {
		CHECK_INT(c.step, 3);
		CHECK_STR(c.step_started, "2026-11-05");
		CHECK_STR(c.status, "under_review");
		tcase_release(&c);
	}
	bs = branches(no);
	if (bs.n == 3) {
		CHECK_STR(bs.done_on[0], "2026-11-03");
		CHECK_STR(bs.verdict[0], "agree");
		CHECK_STR(bs.done_on[1], "2026-11-04");
		CHECK_STR(bs.verdict[1], "disagree");
		CHECK_STR(bs.done_on[2], "2026-11-05");
	}
	CHECK_INT(act(&fire, "2026-11-05", no, "opinion", "再次"), EXIT_CONFLICT);
	/* Step 3 is the last review step: approve, not pass. */
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
	/* submit, accept, review, 3 opinions, approve, complete: refusals leave no trace. */
	CHECK_INT(events_of(no), 8);
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
	struct tcase c;
	const char *no = "500229-20170928-000291";

	/* Submitted Monday 2 November without material 5. */
	seed_firm(no, "submitted", "2026-11-02", NULL, "2026-11-09", "1,2,3,4");
	CHECK_INT(act(&m, "2026-11-03", no, "supplement", NULL), 0);
	CHECK_INT(act(&m, "2026-11-16", no, "resupply", NULL), 0);
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

const struct test tests_lifecycle[] = {
	{ "lifecycle: every status and action of the law has a row in the rights table",
	  table_is_complete },
	{ "lifecycle: who may do what from which status (10 statuses x 16 actions x 9 people)",
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
	{ "lifecycle: one 10-day extension, a second is refused (4)", one_extension_only },
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
	{ "lifecycle: a case returned to the acceptance desk still shows its step",
	  returned_case_keeps_its_step },
	{ "lifecycle: intake on the eve of Spring Festival has 5 working days to answer",
	  intake_before_spring_festival },
	{ NULL, NULL }
};
