/*
 * Access rules for every role, and the agreement of the two forms of the
 * rule: the scope the store queries with, and access_can_see() on a case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "store.h"
#include "test.h"

struct spec {
	const char *no, *applicant_region, *hall, *office, *office_region;
};

/* Cases in 城口县 (500229) and 渝中区 (500103), at township and district level. */
static const struct spec specs[] = {
	{ "500229-20261101-000001", "500229001001", "500229001", "500229001.township", "500229001" },
	{ "500229-20261101-000002", "500229002001", "500229002", "500229.market", "500229" },
	{ "500103-20261101-000001", "500103001001", "500103", "500103.market", "500103" },
	{ "500103-20261101-000002", "500229001002", "500103", "500229.market", "500229" },
	{ "500229-20261101-000003", "500103002001", "500229001", "500000.market", "500000" },
};
#define NSPECS (sizeof specs / sizeof specs[0])

static int seeded;

static void
seed(void)
{
	int changed = 0;
	struct store *st = test_store();
	struct audit_chain ch;
	size_t i;

	if (seeded)
		return;
	seeded = 1;
	store_begin(st, NULL);
	store_applicant_put(st, "11010519491231002X", "person", "张三", "13800000000",
	    "500229001001", "2026-01-01 00:00:00", "test", &changed, NULL);
	audit_chain_load(st, &ch);
	for (i = 0; i < NSPECS; i++) {
		struct tcase c;
		struct event e;

		memset(&c, 0, sizeof c);
		c.no = (char *)specs[i].no;
		c.item = (char *)"000105001000";
		c.applicant = (char *)"11010519491231002X";
		c.applicant_name = (char *)"张三";
		c.applicant_region = (char *)specs[i].applicant_region;
		c.channel = (char *)"window";
		c.hall_region = (char *)specs[i].hall;
		c.office = (char *)specs[i].office;
		c.office_region = (char *)specs[i].office_region;
		c.status = (char *)"under_review";
		c.open = 1;
		c.submitted = (char *)"2026-11-01";
		c.accepted = (char *)"2026-11-02";
		c.limit_days = 5;
		c.warn = (char *)"2026-11-06";
		c.due = (char *)"2026-11-09";
		c.on_time = -1;
		CHECK_INT(store_case_insert(st, &c, NULL), 0);
		memset(&e, 0, sizeof e);
		e.case_id = c.id;
		e.at = (char *)"2026-11-01 09:00:00";
		e.actor = (char *)"test";
		e.action = (char *)"submit";
		e.to_status = (char *)"submitted";
		CHECK_INT(audit_append(st, &ch, &e, NULL), 0);
	}
	store_commit(st, NULL);
}

static struct user
mk(enum role role, const char *region, const char *level, const char *office)
{
	struct user u;

	memset(&u, 0, sizeof u);
	u.login = (char *)"u";
	u.role = role;
	u.region = (char *)region;
	u.region_level = (char *)level;
	u.office = (char *)office;
	u.lang = (char *)"en";
	return u;
}

struct seen {
	char list[NSPECS + 1];
};

static int
mark(void *arg, const struct tcase *c)
{
	struct seen *s = arg;
	size_t i;

	for (i = 0; i < NSPECS; i++)
		if (strcmp(c->no, specs[i].no) == 0)
			s->list[i] = 'x';
	return 0;
}

/* Which of the specs the user sees: 'x' or '.', once by query, once by rule. */
static void
visible(const struct user *u, char by_query[NSPECS + 1], char by_rule[NSPECS + 1])
{
	struct case_filter f;
	struct scope sc;
	struct seen s;
	size_t i;

	memset(&f, 0, sizeof f);
	f.today = "2026-11-03";
	f.from = "2026-11-01";
	f.to = "2026-11-01";
	memset(s.list, '.', NSPECS);
	s.list[NSPECS] = '\0';
	access_scope(u, &sc);
	store_case_find(test_store(), &f, &sc, mark, &s, NULL);
	memcpy(by_query, s.list, NSPECS + 1);
	for (i = 0; i < NSPECS; i++) {
		struct tcase c;

		store_case_get(test_store(), specs[i].no, &c);
		by_rule[i] = access_can_see(u, &c) ? 'x' : '.';
		tcase_release(&c);
	}
	by_rule[NSPECS] = '\0';
}

static void
check_role(const struct user *u, const char *want)
{
	char q[NSPECS + 1], r[NSPECS + 1];

	seed();
	visible(u, q, r);
	CHECK_STR(q, want);
	CHECK_STR(r, want);
}

static void
township_clerk(void)
{
	/* Sees what was submitted at the hall or whose applicant lives there. */
	struct user u = mk(ROLE_CLERK, "500229001", "township", "500229001.township");

	check_role(&u, "x..xx");
}

static void
district_clerk(void)
{
	struct user u = mk(ROLE_CLERK, "500103", "district", "500103.hall");

	check_role(&u, "..xxx");
}

static void
approver(void)
{
	struct user u = mk(ROLE_APPROVER, "500229", "district", "500229.market");

	check_role(&u, ".x.x.");
	u = mk(ROLE_APPROVER, "500000", "city", "500000.market");
	check_role(&u, "....x");
}

static void
supervisor(void)
{
	struct user u = mk(ROLE_SUPERVISOR, "500229", "district", NULL);

	check_role(&u, "xx.xx");
	u = mk(ROLE_SUPERVISOR, "500000", "city", NULL);
	check_role(&u, "xxxxx");
}

static void
admin(void)
{
	struct user u = mk(ROLE_ADMIN, "500000", "city", NULL);

	check_role(&u, "xxxxx");
}

static void
rights(void)
{
	struct user clerk = mk(ROLE_CLERK, "500229001", "township", "500229001.township");
	struct user appr = mk(ROLE_APPROVER, "500229", "district", "500229.market");
	struct user sup = mk(ROLE_SUPERVISOR, "500000", "city", NULL);
	struct user adm = mk(ROLE_ADMIN, "500000", "city", NULL);

	CHECK(access_has(&clerk, RIGHT_CASE_INTAKE));
	CHECK(!access_has(&appr, RIGHT_CASE_INTAKE));
	CHECK(!access_has(&sup, RIGHT_CASE_INTAKE));
	CHECK(!access_has(&adm, RIGHT_CASE_INTAKE));
	CHECK(access_has(&adm, RIGHT_USER_ADMIN));
	CHECK(!access_has(&sup, RIGHT_USER_ADMIN));
	CHECK(!access_has(&clerk, RIGHT_USER_ADMIN));
	CHECK(access_has(&sup, RIGHT_SUPERVISE));
	CHECK(!access_has(&clerk, RIGHT_SUPERVISE));
	clerk.disabled = 1;
	CHECK(!access_has(&clerk, RIGHT_CASE_READ));
}

/*
 * Every right of every kind of user, as a table: one row per user, one
 * character per right in the order of enum right (x = holds it).
 *   ANY READ INTAKE WORK USERS CATALOG SUPERVISE ORDER COMPLAINT RATE HOSTFILES HEAD
 * HEAD (an extension, art. 42: 经本行政机关负责人批准) is held by an approver
 * flagged as the head of the office (负责人), and by nobody else even with
 * the flag.
 */
static void
rights_table(void)
{
	struct user lo = mk(ROLE_LOCAL, "500000", "city", NULL);
	struct user dis = mk(ROLE_APPROVER, "500229", "district", "500229.market");
	struct {
		struct user u;
		const char *want;
	} rows[] = {
		{ mk(ROLE_CLERK, "500229001", "township", "500229001.township"), "xxxx....xx.." },
		{ mk(ROLE_APPROVER, "500229", "district", "500229.market"),      "xx.x........" },
		{ mk(ROLE_SUPERVISOR, "500229", "district", NULL),               "xx....xxx..." },
		{ mk(ROLE_ADMIN, "500000", "city", NULL),                        "xx..xxx....." },
		{ lo,                                                            "xx..xxx...x." },
		{ dis,                                                           "............" },
		/* heads: an approver, a clerk, a supervisor and a disabled approver
		 * with the flag */
		{ mk(ROLE_APPROVER, "500229", "district", "500229.market"),      "xx.x.......x" },
		{ mk(ROLE_CLERK, "500229001", "township", "500229001.township"), "xxxx....xx.." },
		{ mk(ROLE_SUPERVISOR, "500229", "district", NULL),               "xx....xxx..." },
		{ mk(ROLE_APPROVER, "500229", "district", "500229.market"),      "............" },
	};
	size_t i;
	int r, bad = 0;

	rows[5].u.disabled = 1;
	for (i = 6; i < 10; i++)
		rows[i].u.head = 1;
	rows[9].u.disabled = 1;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		for (r = 0; r < RIGHT_COUNT; r++) {
			int want = rows[i].want[r] == 'x';

			if (access_has(&rows[i].u, (enum right)r) != want) {
				printf("#   %s%s%s right %d: %d, expected %d\n", role_name(rows[i].u.role),
				    rows[i].u.head ? " (head)" : "", rows[i].u.disabled ? " (disabled)" : "",
				    r, !want, want);
				bad++;
			}
		}
	CHECK_INT(bad, 0);
	CHECK_INT(RIGHT_COUNT, 12);
}

/* Supervision records: who acts on one, who sees one. */
static void
record_rules(void)
{
	struct user sup = mk(ROLE_SUPERVISOR, "500229", "district", NULL);
	struct user city = mk(ROLE_SUPERVISOR, "500000", "city", NULL);
	struct user mine = mk(ROLE_APPROVER, "500229", "district", "500229.market");
	struct user other = mk(ROLE_APPROVER, "500103", "district", "500103.market");
	struct user clerk = mk(ROLE_CLERK, "500229", "district", "500229.hall");
	struct user adm = mk(ROLE_ADMIN, "500000", "city", NULL);
	const char *of = "500229.market", *ar = "500229";

	CHECK(access_record_may(&sup, BY_SUPERVISOR, of, ar, NULL));
	CHECK(access_record_may(&city, BY_SUPERVISOR, of, ar, NULL));
	CHECK(!access_record_may(&sup, BY_SUPERVISOR, "500103.market", "500103", NULL));
	CHECK(!access_record_may(&mine, BY_SUPERVISOR, of, ar, NULL));
	CHECK(!access_record_may(&adm, BY_SUPERVISOR, of, ar, NULL));	/* admins never act */
	CHECK(access_record_may(&mine, BY_OFFICE, of, ar, NULL));
	CHECK(!access_record_may(&other, BY_OFFICE, of, ar, NULL));
	CHECK(!access_record_may(&sup, BY_OFFICE, of, ar, NULL));
	/* Seeing: approvers their office's, supervisors their region's. */
	CHECK(access_record_visible(&mine, 0, of, ar, NULL));
	CHECK(!access_record_visible(&other, 0, of, ar, NULL));
	CHECK(access_record_visible(&sup, 0, of, ar, NULL));
	CHECK(!access_record_visible(&sup, 0, "500103.market", "500103", NULL));
	CHECK(access_record_visible(&adm, 0, "500103.market", "500103", NULL));
	CHECK(access_record_visible(&clerk, 0, of, ar, NULL));	/* complaints in their region */
	CHECK(!access_record_visible(&clerk, 1, of, ar, NULL));	/* orders: their office only */
	mine.disabled = 1;
	CHECK(!access_record_visible(&mine, 0, of, ar, NULL));
	CHECK(!access_record_may(&mine, BY_OFFICE, of, ar, NULL));
}

/*
 * The callback after a rating (好差评回访) checks the office's work, so it is
 * made by a supervisor of the record's region or by a window clerk of the
 * hall that took the case in, and never by anyone of the rated office, even
 * where that office is itself the hall (a township centre rating its own
 * case). As a table: who, the rated office, its area, the hall, may.
 */
static void
callback_table(void)
{
	struct user dis = mk(ROLE_SUPERVISOR, "500229", "district", NULL);
	struct {
		const char *who;
		struct user u;
		const char *office, *area, *hall;
		int may;
	} rows[] = {
		{ "district supervisor", mk(ROLE_SUPERVISOR, "500229", "district", NULL),
		  "500229.market", "500229", "500229001", 1 },
		{ "city supervisor", mk(ROLE_SUPERVISOR, "500000", "city", NULL),
		  "500229.market", "500229", "500229001", 1 },
		{ "another district's supervisor", mk(ROLE_SUPERVISOR, "500103", "district", NULL),
		  "500229.market", "500229", "500229001", 0 },
		{ "clerk of the hall that took it in", mk(ROLE_CLERK, "500229001", "township",
		  "500229001.township"), "500229.market", "500229", "500229001", 1 },
		{ "district hall clerk, case taken in there", mk(ROLE_CLERK, "500229", "district",
		  "500229.hall"), "500229.market", "500229", "500229", 1 },
		{ "clerk of another hall", mk(ROLE_CLERK, "500229002", "township",
		  "500229002.township"), "500229.market", "500229", "500229001", 0 },
		{ "hall clerk, no hall known", mk(ROLE_CLERK, "500229001", "township",
		  "500229001.township"), "500229.market", "500229", NULL, 0 },
		{ "approver of the rated office", mk(ROLE_APPROVER, "500229", "district",
		  "500229.market"), "500229.market", "500229", "500229001", 0 },
		{ "clerk of the rated office, which is the hall", mk(ROLE_CLERK, "500229001",
		  "township", "500229001.township"), "500229001.township", "500229001", "500229001", 0 },
		{ "approver of another office", mk(ROLE_APPROVER, "500229", "district",
		  "500229.health"), "500229.market", "500229", "500229001", 0 },
		{ "admin", mk(ROLE_ADMIN, "500000", "city", NULL),
		  "500229.market", "500229", "500229001", 0 },
		{ "disabled supervisor", dis, "500229.market", "500229", "500229001", 0 },
	};
	size_t i;
	int bad = 0;

	(void)dis;
	rows[11].u.disabled = 1;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (access_record_may(&rows[i].u, BY_HALL_OR_SUPERVISOR, rows[i].office, rows[i].area,
		    rows[i].hall) != rows[i].may) {
			printf("#   callback by %s: %d, expected %d\n", rows[i].who, !rows[i].may,
			    rows[i].may);
			bad++;
		}
	CHECK_INT(bad, 0);
	/* Rectifying is the rated office's own step. */
	CHECK(access_record_may(&rows[7].u, BY_OFFICE, "500229.market", "500229", NULL));
	CHECK(!access_record_may(&rows[0].u, BY_OFFICE, "500229.market", "500229", NULL));
	CHECK(!access_record_may(&rows[3].u, BY_OFFICE, "500229.market", "500229", NULL));
	/* A township hall sees the ratings of the cases it took in, though the
	 * district's offices lie outside its region; of other halls, none. */
	CHECK(access_record_visible(&rows[3].u, 0, "500229.market", "500229", "500229001"));
	CHECK(!access_record_visible(&rows[3].u, 0, "500229.market", "500229", "500229002"));
	CHECK(!access_record_visible(&rows[3].u, 0, "500229.market", "500229", NULL));
}

/* Which role works where: the level of a person's region, a named office,
 * a service hall by default. */
static void
where_roles_work(void)
{
	static const char *const levels[] = { "city", "district", "township", "village" };
	static const struct {
		enum role role;
		const char *ok;		/* per level: x may, . may not */
		int office, hall;
	} rows[] = {
		{ ROLE_CLERK, "xxxx", 0, 1 },
		{ ROLE_APPROVER, "xxxx", 1, 0 },
		{ ROLE_SUPERVISOR, "xx..", 0, 0 },
		{ ROLE_ADMIN, "xx..", 0, 0 },
	};
	size_t i, j;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char got[5];

		for (j = 0; j < 4; j++)
			got[j] = access_role_level_ok(rows[i].role, levels[j]) ? 'x' : '.';
		got[4] = '\0';
		CHECK_STR(got, rows[i].ok);
		CHECK_INT(access_role_needs_office(rows[i].role), rows[i].office);
		CHECK_INT(access_role_in_hall(rows[i].role), rows[i].hall);
	}
}

const struct test tests_access[] = {
	{ "access: which role works at which level, in a named office or a hall", where_roles_work },
	{ "access: the callback after a rating, as a table (never the rated office)",
	  callback_table },
	{ "access: every right of every kind of user, as a table", rights_table },
	{ "access: supervision records, who acts and who sees", record_rules },
	{ "access: township clerk sees own hall and residents only", township_clerk },
	{ "access: district clerk", district_clerk },
	{ "access: approvers see their office's cases", approver },
	{ "access: supervisors see their region subtree", supervisor },
	{ "access: admins read all", admin },
	{ "access: rights by role (separation of duties)", rights },
	{ NULL, NULL }
};
