/*
 * The demo's histories obey the rules the program enforces: a generated demo
 * database is read back case by case, every event of every case checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "demo.h"
#include "ids.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "store.h"
#include "test.h"

struct demo_check {
	struct store *st;
	struct calendar *cal;
	long long case_id;
	char prev_at[32];
	int pause_day;		/* the day of the open pause, or -1 */
	int paused;		/* working days paused since the last acceptance */
	int out_of_order, rest_day, acceptor, paused_wrong, kind_wrong, name_wrong, cases;
	char example[6][200];
};

static void
note_example(struct demo_check *k, int which, const char *no, const char *what)
{
	if (k->example[which][0] == '\0')
		snprintf(k->example[which], sizeof k->example[which], "%s: %s", no, what);
}

/* art. 32 and access.c: acceptance-stage actions are the competent office's. */
static int
acceptor_ok(struct store *st, const struct tcase *c, const char *actor)
{
	struct user u;
	const char *at = strchr(actor, '@');
	int ok;

	if (at != NULL && (strncmp(actor, "staff@", 6) == 0 || strncmp(actor, "head@", 5) == 0))
		return strcmp(at + 1, c->office) == 0;
	if (store_user_get(st, actor, &u) != 0)
		return 0;
	ok = u.office != NULL && strcmp(u.office, c->office) == 0 &&
	    (u.role == ROLE_CLERK || u.role == ROLE_APPROVER);
	user_release(&u);
	return ok;
}

struct name_seen {
	const char *name;
	int found;
};

static int
has_name(void *arg, int version, const char *name, const char *phone, const char *region,
    const char *since, const char *by)
{
	struct name_seen *n = arg;

	(void)version, (void)phone, (void)region, (void)since, (void)by;
	n->found |= strcmp(name, n->name) == 0;
	return 0;
}

/* The checks that need the whole history: the case's paused days. */
static void
finish_case(struct demo_check *k)
{
	struct tcase c;
	struct item it;

	if (k->case_id == 0 || store_case_get_id(k->st, k->case_id, &c) != 0)
		return;
	k->cases++;
	/* The clock stops from suspend (or supplement) to resume (resupply):
	 * cases.paused_days is their working days since acceptance. */
	if (c.paused_days != k->paused) {
		char what[80];

		snprintf(what, sizeof what, "paused_days %d, the events say %d", c.paused_days,
		    k->paused);
		k->paused_wrong++;
		note_example(k, 3, c.no, what);
	}
	/* The name on a case is one the register has had for its ID: the name
	 * it was taken in under. */
	{
		struct name_seen n = { c.applicant_name, 0 };

		store_applicant_each_version(k->st, c.applicant, has_name, &n);
		if (!n.found) {
			k->name_wrong++;
			note_example(k, 5, c.no, c.applicant_name);
		}
	}
	/* Who may apply is the item's (行政许可法 art. 29 and the item's law). */
	if (store_item_get(k->st, c.item, &it) == 0) {
		const char *kind = ids_kind(c.applicant);

		if (kind == NULL || (strcmp(it.applicant_kind, "person") == 0 &&
		    strcmp(kind, "person") != 0) || (strcmp(it.applicant_kind, "organisation") == 0 &&
		    strcmp(kind, "org") != 0)) {
			k->kind_wrong++;
			note_example(k, 4, c.no, it.applicant_kind);
		}
		item_release(&it);
	}
	tcase_release(&c);
}

static int
check_event(void *arg, const struct event *e)
{
	struct demo_check *k = arg;
	struct tcase c;
	int day;

	if (e->case_id == 0)
		return 0;
	if (e->case_id != k->case_id) {
		finish_case(k);
		k->case_id = e->case_id;
		k->prev_at[0] = '\0';
		k->pause_day = -1;
		k->paused = 0;
	}
	if (store_case_get_id(k->st, e->case_id, &c) != 0)
		return 0;
	if (strcmp(e->at, k->prev_at) < 0) {
		k->out_of_order++;
		note_example(k, 0, c.no, e->at);
	}
	snprintf(k->prev_at, sizeof k->prev_at, "%s", e->at);
	{
		char date[11];

		snprintf(date, sizeof date, "%.10s", e->at);
		CHECK_INT(clock_parse_date(date, &day), 0);
	}
	/* Offices work on working days; only an online application may come
	 * in on a rest day. */
	if (!clock_is_workday(k->cal, day) && !(strcmp(e->action, "submit") == 0 &&
	    strcmp(c.channel, "online") == 0)) {
		k->rest_day++;
		note_example(k, 1, c.no, e->at);
	}
	if ((strcmp(e->action, "accept") == 0 || strcmp(e->action, "refuse") == 0 ||
	    strcmp(e->action, "supplement") == 0 || strcmp(e->action, "resupply") == 0) &&
	    !acceptor_ok(k->st, &c, e->actor)) {
		k->acceptor++;
		note_example(k, 2, c.no, e->actor);
	}
	if (strcmp(e->action, "accept") == 0)
		k->paused = 0;	/* the decision clock starts at acceptance */
	if (strcmp(e->action, "suspend") == 0 || strcmp(e->action, "supplement") == 0)
		k->pause_day = day;
	if ((strcmp(e->action, "resume") == 0 || strcmp(e->action, "resupply") == 0) &&
	    k->pause_day >= 0) {
		k->paused += clock_workdays(k->cal, k->pause_day, day);
		k->pause_day = -1;
	}
	tcase_release(&c);
	return 0;
}

struct branches {
	int n, dissent, demo_office;
	struct store *st;
};

static int
count_branch(void *arg, const struct branch *b)
{
	struct branches *bs = arg;
	static const char *const logins[] = { "approver4", "approver5", "approver6", NULL };
	int i;

	bs->n++;
	if (b->verdict && strcmp(b->verdict, "disagree") == 0)
		bs->dissent++;
	for (i = 0; logins[i]; i++) {
		struct user u;

		if (store_user_get(bs->st, logins[i], &u) == 0) {
			if (u.office && strcmp(u.office, b->office) == 0)
				bs->demo_office++;
			user_release(&u);
		}
	}
	return 0;
}

static int
each_case_branches(void *arg, const struct tcase *c)
{
	struct branches *bs = arg;

	return store_branch_each(bs->st, c->id, count_branch, bs);
}

/*
 * Every case of a 3,000-case demo of 2026-11-27: events in time order; none
 * on a rest day but an online submission; acceptance, refusal and the
 * supplement notice by the competent office (art. 32, access.c); paused
 * days equal to the suspensions and notices after acceptance (art. 45); the
 * applicant of the kind the item takes, under a name the register has had
 * for that ID; and parallel-review cases with a
 * dissent whose departments have demo approvers.
 */
static void
demo_obeys_the_rules(void)
{
	struct demo_check k;
	struct calendar cal;
	struct store *st;
	struct case_filter f;
	struct branches bs;
	struct scope all;
	char *cause = NULL;
	int today, i;

	memset(&k, 0, sizeof k);
	clock_calendar_init(&cal);
	clock_parse_date("2026-11-27", &today);
	st = store_open(":memory:", schema_sql, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(load_all(st, "data", &cause), 0);
	CHECK_INT(store_calendar_load(st, &cal, &cause), 0);
	CHECK_INT(demo_users(st, &cause), 0);
	CHECK_INT(demo_cases(st, &cal, 3000, 7, today, NULL, &cause), 0);
	if (cause)
		printf("# %s\n", cause);
	k.st = st;
	k.cal = &cal;
	k.pause_day = -1;
	store_event_each(st, check_event, &k);
	finish_case(&k);
	printf("#   %d cases checked\n", k.cases);
	CHECK(k.cases >= 3000);
	CHECK_INT(k.out_of_order, 0);
	CHECK_INT(k.rest_day, 0);
	CHECK_INT(k.acceptor, 0);
	CHECK_INT(k.paused_wrong, 0);
	CHECK_INT(k.kind_wrong, 0);
	CHECK_INT(k.name_wrong, 0);
	for (i = 0; i < 6; i++)
		if (k.example[i][0])
			printf("#   e.g. %s\n", k.example[i]);
	/* Parallel review can be tried at once by the demo's approvers. */
	memset(&bs, 0, sizeof bs);
	bs.st = st;
	memset(&f, 0, sizeof f);
	f.status = "under_review";
	f.item = "000112004000";
	f.light = LIGHT_NONE;
	memset(&all, 0, sizeof all);
	all.kind = SCOPE_ALL;
	store_case_find(st, &f, &all, each_case_branches, &bs, &cause);
	CHECK(bs.n >= 9);
	CHECK(bs.dissent >= 1);
	CHECK(bs.demo_office >= 9);
out:
	free(cause);
	store_close(st);
	clock_calendar_release(&cal);
}

const struct test tests_demo[] = {
	{ "demo: every case's history obeys the rules (order, rest days, who accepts, paused "
	  "days, applicant kind and name) and parallel review can be tried", demo_obeys_the_rules },
	{ NULL, NULL }
};
