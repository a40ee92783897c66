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
#include "project.h"
#include "schema.h"
#include "session.h"
#include "store.h"
#include "tcase.h"
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
	st = store_open(test_db(), schema_sql, &cause);
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

/* What the demo's projects show, counted over all of them. */
struct pseen {
	struct session *s;
	const struct calendar *cal;
	int today;
	char flows[16][24];
	int nflows;
	int open_first, open_later, done, stopped, withdrawn, late, red;
	int joint_closed, joint_waiting;
	int bad_gate, bad_clock, bad_case, bad_joint, bad_end;
	char example[200];
};

static void
pbad(struct pseen *k, int *counter, const char *no, const char *what)
{
	(*counter)++;
	if (k->example[0] == '\0')
		snprintf(k->example, sizeof k->example, "%s: %s", no, what);
}

static int
day_of(const char *s)
{
	char d[11];
	int day = 0;

	snprintf(d, sizeof d, "%.10s", s ? s : "");
	return clock_parse_date(d, &day) == 0 ? day : 0;
}

/* The light of used of limit working days, as the calendar's share says. */
static int
light_of(const struct calendar *cal, int used, int limit)
{
	int pct = cal->warn_percent > 0 ? cal->warn_percent : CLOCK_WARN_PERCENT;

	if (used > limit)
		return LIGHT_RED;
	return (long)used * 100 >= (long)pct * limit ? LIGHT_YELLOW : LIGHT_GREEN;
}

/* One project read back: its stages opened one after the other, each
 * only when the one before closed with every case decided in favour and
 * its joint step closed; its cases taken in the day their stage opened,
 * on working days; its clock the sum of its stages', a stage's that of its
 * slowest case; its light and its end as the rules say. */
static void
check_project(struct pseen *k, const char *no)
{
	struct project p;
	struct flowchart f;
	char *cause = NULL;
	int i, j, sum = 0, seen = 0;

	memset(&p, 0, sizeof p);
	memset(&f, 0, sizeof f);
	if (project_get(k->s, no, &p, &cause) != 0 ||
	    flowchart_get(k->s, p.flowchart, &f, &cause) != 0) {
		pbad(k, &k->bad_gate, no, cause ? cause : "unreadable");
		free(cause);
		project_release(&p);
		return;
	}
	for (i = 0; i < k->nflows; i++)
		seen |= strcmp(k->flows[i], p.flowchart) == 0;
	if (!seen && k->nflows < 16)
		snprintf(k->flows[k->nflows++], sizeof k->flows[0], "%s", p.flowchart);
	if (p.n_stages != f.n_stages || p.stage < 1 || p.stage > p.n_stages)
		pbad(k, &k->bad_gate, no, "stages differ from the flowchart's");
	for (i = 0; i < p.n_stages && i < f.n_stages; i++) {
		struct project_stage *g = &p.stages[i];
		int opened = g->opened ? day_of(g->opened) : 0;
		int closed = g->closed && *g->closed ? day_of(g->closed) : 0;
		int slowest = 0, positive = 1, decided_all = 1;

		sum += g->used_days;
		if (g->seq < p.stage || (g->seq == p.stage && p.status == PROJECT_DONE)) {
			/* Closed: the next opened the same day. */
			if (!opened || !closed || closed < opened)
				pbad(k, &k->bad_gate, no, "a stage behind is not closed");
			else if (i + 1 < p.n_stages && p.stages[i + 1].opened &&
			    day_of(p.stages[i + 1].opened) != closed)
				pbad(k, &k->bad_gate, no, "a stage opened on another day than the close");
		} else if (g->seq == p.stage) {
			if (!opened || closed)
				pbad(k, &k->bad_gate, no, "the current stage is not open");
		} else if (g->opened && *g->opened) {
			pbad(k, &k->bad_gate, no, "a stage ahead has opened");
		}
		if (opened && (!clock_is_workday(k->cal, opened) ||
		    (closed && !clock_is_workday(k->cal, closed))))
			pbad(k, &k->bad_gate, no, "a stage opened or closed on a rest day");
		if (opened && g->n_cases != f.stages[i].n_items)
			pbad(k, &k->bad_gate, no, "a stage's cases are not its items");
		for (j = 0; j < g->n_cases; j++) {
			struct project_case *pc = &g->cases[j];
			struct tcase c;

			if (pc->used_days > slowest)
				slowest = pc->used_days;
			if (store_case_get_id(k->s->st, pc->case_id, &c) != 0) {
				pbad(k, &k->bad_case, no, "a case cannot be read");
				continue;
			}
			if (day_of(c.submitted) != opened || strcmp(c.item, f.stages[i].items[j]) != 0)
				pbad(k, &k->bad_case, c.no, "taken in on another day or for another item");
			if (!pc->decided)
				decided_all = 0;
			else if (strcmp(c.status, "completed") != 0 || !tcase_result_positive(c.result))
				positive = 0;
			if (closed && c.decided && *c.decided && day_of(c.decided) > closed)
				pbad(k, &k->bad_case, c.no, "decided after its stage closed");
			tcase_release(&c);
		}
		if (g->used_days != slowest)
			pbad(k, &k->bad_clock, no, "a stage's days are not its slowest case's");
		if (closed && (!decided_all || !positive))
			pbad(k, &k->bad_gate, no, "a stage closed with a case undecided or refused");
		if (closed && g->joint != JOINT_NONE) {
			if (g->n_joints != 1 || strcmp(g->joints[0].status, "closed") != 0)
				pbad(k, &k->bad_joint, no, "a stage closed before its joint step");
		}
		for (j = 0; j < g->n_joints; j++) {
			struct project_joint *jt = &g->joints[j];
			int m, found = 0;

			for (m = 0; m < jt->n_offices; m++)
				found += jt->findings[m] != NULL;
			if (jt->kind != g->joint)
				pbad(k, &k->bad_joint, no, "a joint step of another kind than the stage's");
			if (strcmp(jt->status, "closed") == 0) {
				k->joint_closed++;
				if (found != jt->n_offices || jt->n_offices < 2)
					pbad(k, &k->bad_joint, no, "a joint step closed without every finding");
				if (day_of(jt->day) < opened || (closed && day_of(jt->day) > closed))
					pbad(k, &k->bad_joint, no, "a joint step met outside its stage");
			} else {
				k->joint_waiting++;
			}
		}
		if (g->seq == p.stage && p.status == PROJECT_OPEN &&
		    g->light != light_of(k->cal, g->used_days, g->limit_days))
			pbad(k, &k->bad_clock, no, "the current stage's light");
	}
	if (p.used_days != sum)
		pbad(k, &k->bad_clock, no, "the project's days are not the sum of its stages'");
	switch (p.status) {
	case PROJECT_OPEN: {
		int want = light_of(k->cal, p.stages[p.stage - 1].used_days,
		    p.stages[p.stage - 1].limit_days), tot = light_of(k->cal, p.used_days, p.total_days);

		if (tot > want)
			want = tot;
		if (p.light != want)
			pbad(k, &k->bad_clock, no, "the project's light");
		if (p.light == LIGHT_YELLOW || p.light == LIGHT_RED)
			k->late++;
		if (p.light == LIGHT_RED)
			k->red++;
		if (p.stage == 1)
			k->open_first++;
		else
			k->open_later++;
		break;
	}
	case PROJECT_DONE:
		k->done++;
		if (p.stage != p.n_stages || !p.closed ||
		    day_of(p.closed) != day_of(p.stages[p.n_stages - 1].closed) ||
		    p.on_time != (p.used_days <= p.total_days))
			pbad(k, &k->bad_end, no, "done, but not at the close of its last stage");
		break;
	case PROJECT_STOPPED: {
		int denied = 0;

		k->stopped++;
		for (j = 0; j < p.stages[p.stage - 1].n_cases; j++) {
			struct tcase c;

			if (store_case_get_id(k->s->st, p.stages[p.stage - 1].cases[j].case_id, &c) == 0) {
				denied |= strcmp(c.status, "denied") == 0 ||
				    (strcmp(c.status, "completed") == 0 && !tcase_result_positive(c.result));
				tcase_release(&c);
			}
		}
		if (!denied || !p.stop_reason || !*p.stop_reason)
			pbad(k, &k->bad_end, no, "stopped without a denied case");
		break;
	}
	case PROJECT_WITHDRAWN:
		k->withdrawn++;
		for (j = 0; j < p.stages[p.stage - 1].n_cases; j++)
			if (p.stages[p.stage - 1].cases[j].open)
				pbad(k, &k->bad_end, no, "withdrawn with a case still open");
		break;
	}
	flowchart_release(&f);
	project_release(&p);
}

static int
each_project(void *arg, const struct project *p)
{
	check_project(arg, p->no);
	return 0;
}

/*
 * The demo's investment projects, read back as the city's supervisor: one
 * at least under every flowchart; some in their first stage, some further,
 * late ones, one stopped by a denial, one withdrawn, some done; joint steps
 * closed with every office's findings and one waiting; and every project
 * obeys the rules (stage gating, clocks, lights, how it ended).
 */
static void
demo_projects_obey_the_rules(void)
{
	struct calendar cal;
	struct store *st;
	struct session s;
	struct user u;
	struct flowchart *fl = NULL;
	struct project_filter pf;
	struct pseen k;
	char *cause = NULL;
	int today, nf = 0, i, j;

	memset(&k, 0, sizeof k);
	clock_calendar_init(&cal);
	clock_parse_date("2026-11-27", &today);
	st = store_open(test_db(), schema_sql, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(load_all(st, "data", &cause), 0);
	CHECK_INT(store_calendar_load(st, &cal, &cause), 0);
	CHECK_INT(demo_users(st, &cause), 0);
	CHECK_INT(demo_cases(st, &cal, 200, 7, today, NULL, &cause), 0);
	if (cause)
		printf("# %s\n", cause);
	CHECK_INT(store_user_get(st, "supervisor1", &u), 0);
	session_init(&s, st, &cal, &u, "test");
	s.fixed_today = today;
	k.s = &s;
	k.cal = &cal;
	k.today = today;
	memset(&pf, 0, sizeof pf);
	CHECK_INT(project_find(&s, &pf, each_project, &k, &cause), 0);
	CHECK_INT(flowchart_list(&s, &fl, &nf, &cause), 0);
	CHECK_INT(nf, 9);
	for (i = 0; i < nf; i++) {
		int found = 0;

		for (j = 0; j < k.nflows; j++)
			found |= strcmp(k.flows[j], fl[i].code) == 0;
		if (!found)
			printf("#   no project under %s\n", fl[i].code);
		CHECK(found);
		flowchart_release(&fl[i]);
	}
	free(fl);
	printf("#   projects: %d in stage 1, %d further, %d late (%d red), %d done, %d stopped, "
	    "%d withdrawn; joint steps: %d closed, %d waiting\n", k.open_first, k.open_later, k.late,
	    k.red, k.done, k.stopped, k.withdrawn, k.joint_closed, k.joint_waiting);
	if (k.example[0])
		printf("#   e.g. %s\n", k.example);
	CHECK(k.open_first >= 1);
	CHECK(k.open_later >= 1);
	CHECK(k.late >= 2);
	CHECK(k.red >= 1);
	CHECK(k.done >= 2);
	CHECK_INT(k.stopped, 1);
	CHECK_INT(k.withdrawn, 1);
	CHECK(k.joint_closed >= 5);
	CHECK(k.joint_waiting >= 2);
	CHECK_INT(k.bad_gate, 0);
	CHECK_INT(k.bad_clock, 0);
	CHECK_INT(k.bad_case, 0);
	CHECK_INT(k.bad_joint, 0);
	CHECK_INT(k.bad_end, 0);
	session_close(&s);
	user_release(&u);
out:
	free(cause);
	store_close(st);
	clock_calendar_release(&cal);
}

const struct test tests_demo[] = {
	{ "demo: every case's history obeys the rules (order, rest days, who accepts, paused "
	  "days, applicant kind and name) and parallel review can be tried", demo_obeys_the_rules },
	{ "demo: a project under every flowchart, in every state (first stage, further, late, "
	  "stopped, withdrawn, done; joint steps closed and waiting), each obeying stage gating "
	  "and the clocks", demo_projects_obey_the_rules },
	{ NULL, NULL }
};
