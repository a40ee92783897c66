/*
 * Investment projects on a store of their own (test_reset): a test
 * flowchart loaded here, so that the researched files of data/flowcharts
 * may change without moving these checks. Stage gating, the project clock
 * across Spring Festival 2026 and a suspended case, the critical path, a
 * denial that stops the project, a joint survey that holds the next stage
 * until the last office has recorded its findings, withdrawal, what a
 * reader who sees one case sees, bad input that writes nothing, and the
 * loader's checks of a flowchart file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "exitcode.h"
#include "lifecycle.h"
#include "load.h"
#include "project.h"
#include "session.h"
#include "store.h"
#include "tcase.h"
#include "test.h"
#include "util.h"

#define ORG "91500229MA5U00001B"	/* a unified social credit code of 城口县 */
#define FILING "001018002000"		/* 企业投资项目备案: 1 working day */
#define LANDUSE "000104002000"		/* 建设用地规划许可证核发: 7 */
#define ENERGY "001018003000"		/* 固定资产投资项目节能审查: 10 */
#define SOIL "000107002000"		/* 生产建设项目水土保持方案审批: 10 */
#define FIRE "000103005000"		/* 特殊建设工程消防设计审查: 10 */

/* Stage 1 with a joint survey, stage 2 without a joint step, stage 3. */
static const char test_chart[] =
    "stage,stage_name,stage_name_en,stage_days,joint,item\n"
    "1,立项用地规划许可,\"Project approval, land use and planning permit\",10,survey," FILING "\n"
    "1,立项用地规划许可,\"Project approval, land use and planning permit\",10,survey," LANDUSE "\n"
    "2,工程建设许可,Construction engineering permit,10,," ENERGY "\n"
    "2,工程建设许可,Construction engineering permit,10,," SOIL "\n"
    "3,竣工验收,Completion acceptance,8,acceptance," FIRE "\n";

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

static struct user clerk, city_clerk, dr, plan, water, housing;

/* A fresh store with the test flowchart "t-chart" (40 working days). */
static struct store *
fresh(void)
{
	struct store *st;
	char *cause = NULL;
	FILE *fp;

	test_reset();
	st = test_store();
	clerk = mk("pclerk", ROLE_CLERK, "500229001", "township", "500229001.township");
	city_clerk = mk("pcity", ROLE_CLERK, "500000", "city", "500000.hall");
	dr = mk("pdr", ROLE_APPROVER, "500229", "district", "500229.development_reform");
	plan = mk("pplan", ROLE_APPROVER, "500229", "district", "500229.planning");
	water = mk("pwater", ROLE_APPROVER, "500229", "district", "500229.water");
	housing = mk("phousing", ROLE_APPROVER, "500229", "district", "500229.housing");
	fp = fmemopen((void *)test_chart, sizeof test_chart - 1, "r");
	CHECK_INT(store_begin(st, NULL), 0);
	CHECK_INT(store_flowchart_put(st, "t-chart", "测试流程图", "Test flowchart", 40, "80-100",
	    NULL), 0);
	CHECK_INT(load_flowchart_stages(st, fp, "t-chart.csv", "t-chart", 40, &cause), 0);
	CHECK_INT(store_commit(st, NULL), 0);
	if (cause)
		printf("#   %s\n", cause);
	free(cause);
	fclose(fp);
	return st;
}

static int
D(const char *s)
{
	int d = 0;

	clock_parse_date(s, &d);
	return d;
}

/* A session of u on day. */
static void
as(struct session *s, struct user *u, const char *day)
{
	session_init(s, test_store(), test_calendar(), u, "test");
	s->fixed_today = D(day);
}

static int
open_project(struct user *u, const char *day, const char *site, char no[32])
{
	struct session s;
	struct project_new in;
	char *cause = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	in.flowchart = "t-chart";
	in.org_code = ORG;
	in.org_name = "城口置业有限公司";
	in.name = "葛城花园一期";
	in.site = site;
	as(&s, u, day);
	rc = project_open(&s, &in, no, &cause);
	if (rc != 0)
		printf("#   project_open: %s\n", cause ? cause : "?");
	free(cause);
	session_close(&s);
	return rc;
}

/* Take action on case no as u on day (note for those that need one). */
static int
act(struct user *u, const char *day, const char *no, const char *action)
{
	struct session s;
	struct act_args a;
	char *cause = NULL;
	int rc;

	memset(&a, 0, sizeof a);
	a.action = action;
	a.note = "测试";
	a.expect_version = -1;
	a.fee_cents = -1;
	if (strcmp(action, "suspend") == 0) {
		a.reason = "expert_review";
		a.days = 5;
	}
	as(&s, u, day);
	rc = lifecycle_act(&s, no, &a, &cause);
	if (rc != 0)
		printf("#   %s %s: %s\n", action, no, cause ? cause : "?");
	free(cause);
	session_close(&s);
	return rc;
}

/* accept, review, approve. */
static int
grant(struct user *u, const char *day, const char *no)
{
	int rc = act(u, day, no, "accept");

	if (rc == 0)
		rc = act(u, day, no, "review");
	if (rc == 0)
		rc = act(u, day, no, "approve");
	return rc;
}

static int
get(struct user *u, const char *day, const char *no, struct project *p)
{
	struct session s;
	char *cause = NULL;
	int rc;

	as(&s, u, day);
	rc = project_get(&s, no, p, &cause);
	free(cause);
	session_close(&s);
	return rc;
}

/* The number of the case of item in stage seq of p (a static buffer). */
static const char *
case_of(const struct project *p, int seq, const char *item)
{
	static char no[32];
	int i, k;

	no[0] = '\0';
	for (i = 0; i < p->n_stages; i++)
		for (k = 0; p->stages[i].seq == seq && k < p->stages[i].n_cases; k++)
			if (strcmp(p->stages[i].cases[k].item, item) == 0)
				utf8_copy(no, sizeof no, p->stages[i].cases[k].no);
	return no;
}

static int
ncases(const struct project *p, int seq)
{
	return seq >= 1 && seq <= p->n_stages ? p->stages[seq - 1].n_cases : -1;
}

static int
schedule(struct user *u, const char *day, const char *no)
{
	struct session s;
	char *cause = NULL;
	int rc;

	as(&s, u, day);
	rc = project_joint_schedule(&s, no, JOINT_SURVEY, "2026-12-02", "葛城街道工地", &cause);
	if (rc != 0)
		printf("#   schedule: %s\n", cause ? cause : "?");
	free(cause);
	session_close(&s);
	return rc;
}

static int
findings(struct user *u, const char *day, const char *no, const char *text)
{
	struct session s;
	char *cause = NULL;
	int rc;

	as(&s, u, day);
	rc = project_joint_record(&s, no, 0, text, &cause);
	free(cause);
	session_close(&s);
	return rc;
}

static void
chain_verifies(void)
{
	struct audit_result res;

	memset(&res, 0, sizeof res);
	CHECK_INT(audit_verify(test_store(), &res), 0);
	free(res.reason);
}

/* Stage 1 done: both cases granted, the survey scheduled and recorded. */
static void
through_stage1(const char *no, const char *day)
{
	struct project p;

	CHECK_INT(get(&clerk, day, no, &p), 0);
	CHECK_INT(grant(&dr, day, case_of(&p, 1, FILING)), 0);
	CHECK_INT(grant(&plan, day, case_of(&p, 1, LANDUSE)), 0);
	project_release(&p);
	CHECK_INT(schedule(&clerk, day, no), 0);
	CHECK_INT(findings(&dr, day, no, "符合产业政策"), 0);
	CHECK_INT(findings(&plan, day, no, "用地红线与规划一致"), 0);
}

/* Tests ------------------------------------------------------------------------- */

static void
stage_gating(void)
{
	struct project p;
	char no[32];

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-27", "500229", no), 0);
	CHECK_STR(no, "XM202611270001");
	CHECK_INT(get(&clerk, "2026-11-27", no, &p), 0);
	CHECK_INT(p.stage, 1);
	CHECK_INT(ncases(&p, 1), 2);
	CHECK_INT(ncases(&p, 2), 0);
	/* Routed to the district offices of the site, taken in online with
	 * every required material (one form for the project). */
	CHECK_STR(p.stages[0].cases[0].office, "500229.development_reform");
	CHECK_STR(p.stages[0].cases[1].office, "500229.planning");
	CHECK_STR(p.stages[0].cases[0].status, "submitted");
	project_release(&p);
	through_stage1(no, "2026-11-30");
	CHECK_INT(get(&clerk, "2026-11-30", no, &p), 0);
	CHECK_INT(p.stage, 2);
	CHECK_INT(ncases(&p, 2), 2);
	CHECK(p.stages[0].closed != NULL && strcmp(p.stages[0].closed, "2026-11-30") == 0);
	/* Stage 2 has no joint step: one case granted keeps it open ... */
	CHECK_INT(grant(&dr, "2026-12-01", case_of(&p, 2, ENERGY)), 0);
	{
		struct project q;

		CHECK_INT(get(&clerk, "2026-12-01", no, &q), 0);
		CHECK_INT(q.stage, 2);
		CHECK_INT(ncases(&q, 3), 0);
		CHECK_STR(q.critical ? q.critical : "", case_of(&p, 2, SOIL));
		project_release(&q);
	}
	/* ... the last one opens stage 3 in the same transaction. */
	CHECK_INT(grant(&water, "2026-12-02", case_of(&p, 2, SOIL)), 0);
	project_release(&p);
	CHECK_INT(get(&clerk, "2026-12-02", no, &p), 0);
	CHECK_INT(p.stage, 3);
	CHECK_INT(ncases(&p, 3), 1);
	if (ncases(&p, 3) == 1)
		CHECK_STR(p.stages[2].cases[0].office, "500229.housing");
	CHECK_INT(p.status, PROJECT_OPEN);
	project_release(&p);
	chain_verifies();
}

static void
clock_spring_festival(void)
{
	struct project p;
	char no[32], a[32], b[32];

	fresh();
	/* Thursday 12 February 2026; the holiday runs 15 to 23 February, with
	 * make-up working days on 14 and 28 February. */
	CHECK_INT(open_project(&clerk, "2026-02-12", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-02-12", no, &p), 0);
	utf8_copy(a, sizeof a, case_of(&p, 1, FILING));
	utf8_copy(b, sizeof b, case_of(&p, 1, LANDUSE));
	project_release(&p);
	CHECK_INT(act(&dr, "2026-02-12", a, "accept"), 0);
	CHECK_INT(act(&plan, "2026-02-12", b, "accept"), 0);
	/* 13, 14 (make-up), 24, 25 February: 4 working days in 13 days. */
	CHECK_INT(get(&clerk, "2026-02-25", no, &p), 0);
	CHECK_INT(p.stages[0].used_days, 4);
	CHECK_INT(p.used_days, 4);
	CHECK_INT(p.light, LIGHT_GREEN);
	project_release(&p);
	/* The filing decided on the 13th (1 day); the land-use permit
	 * suspended on the 24th (3 days used) for an expert review. */
	CHECK_INT(act(&dr, "2026-02-13", a, "review"), 0);
	CHECK_INT(act(&dr, "2026-02-13", a, "approve"), 0);
	CHECK_INT(act(&plan, "2026-02-24", b, "review"), 0);
	CHECK_INT(act(&plan, "2026-02-24", b, "suspend"), 0);
	CHECK_INT(get(&clerk, "2026-03-02", no, &p), 0);
	/* Its paused days do not count: the stage stands at 3. */
	CHECK_INT(p.stages[0].used_days, 3);
	CHECK_INT(p.used_days, 3);
	project_release(&p);
	CHECK_INT(act(&plan, "2026-03-03", b, "resume"), 0);
	CHECK_INT(get(&clerk, "2026-03-05", no, &p), 0);
	/* Resumed on 3 March: paused 25 February to 3 March (6 working days,
	 * the make-up Saturday 28 February among them); 13, 14, 24 February
	 * and 4, 5 March count: 5. */
	{
		struct tcase c;

		CHECK_INT(store_case_get(test_store(), b, &c), 0);
		CHECK_INT(p.stages[0].used_days, tcase_days_used(test_calendar(), &c, D("2026-03-05")));
		CHECK_INT(c.paused_days, 6);
		CHECK_INT(p.stages[0].used_days, 5);
		CHECK_INT(p.used_days, 5);
		tcase_release(&c);
	}
	project_release(&p);
	/* Late in the stage: yellow from 80% of its 10 days, red past them. */
	CHECK_INT(get(&clerk, "2026-03-10", no, &p), 0);
	CHECK(p.stages[0].used_days >= 8);
	CHECK_INT(p.light, p.stages[0].used_days > 10 ? LIGHT_RED : LIGHT_YELLOW);
	project_release(&p);
	CHECK_INT(get(&clerk, "2026-03-20", no, &p), 0);
	CHECK_INT(p.stages[0].light, LIGHT_RED);
	CHECK_INT(p.light, LIGHT_RED);
	project_release(&p);
}

static void
critical_path(void)
{
	struct project p;
	char no[32], a[32], b[32];

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-02", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-11-02", no, &p), 0);
	utf8_copy(a, sizeof a, case_of(&p, 1, FILING));
	utf8_copy(b, sizeof b, case_of(&p, 1, LANDUSE));
	project_release(&p);
	CHECK_INT(act(&dr, "2026-11-02", a, "accept"), 0);
	CHECK_INT(act(&plan, "2026-11-02", b, "accept"), 0);
	/* Both open: the one due last (the 7-day permit) holds the stage. */
	CHECK_INT(get(&clerk, "2026-11-03", no, &p), 0);
	CHECK_STR(p.critical ? p.critical : "", b);
	CHECK_STR(p.critical_office ? p.critical_office : "", "城口县规划和自然资源局");
	project_release(&p);
	/* The permit granted; the filing (1 day) left to run late: it is now
	 * what holds the project back, red. */
	CHECK_INT(act(&plan, "2026-11-04", b, "review"), 0);
	CHECK_INT(act(&plan, "2026-11-04", b, "approve"), 0);
	CHECK_INT(get(&clerk, "2026-11-09", no, &p), 0);
	CHECK_STR(p.critical ? p.critical : "", a);
	CHECK_INT(p.stages[0].cases[0].light, LIGHT_RED);
	project_release(&p);
}

static void
denial_stops(void)
{
	struct project p;
	char no[32], a[32], b[32];

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-02", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-11-02", no, &p), 0);
	utf8_copy(a, sizeof a, case_of(&p, 1, FILING));
	utf8_copy(b, sizeof b, case_of(&p, 1, LANDUSE));
	project_release(&p);
	CHECK_INT(act(&plan, "2026-11-02", b, "accept"), 0);
	CHECK_INT(act(&plan, "2026-11-02", b, "review"), 0);
	CHECK_INT(act(&plan, "2026-11-03", b, "deny"), 0);
	CHECK_INT(get(&clerk, "2026-11-03", no, &p), 0);
	CHECK_INT(p.status, PROJECT_STOPPED);
	CHECK(strstr(p.stop_reason, b) != NULL);
	CHECK(strstr(p.stop_reason, LANDUSE) != NULL);
	CHECK_INT(p.light, -1);
	project_release(&p);
	/* The other case keeps running; granting it opens nothing. */
	CHECK_INT(grant(&dr, "2026-11-04", a), 0);
	CHECK_INT(schedule(&clerk, "2026-11-04", no), EXIT_CONFLICT);
	CHECK_INT(get(&clerk, "2026-11-04", no, &p), 0);
	CHECK_INT(p.status, PROJECT_STOPPED);
	CHECK_INT(p.stage, 1);
	CHECK_INT(ncases(&p, 2), 0);
	project_release(&p);
	chain_verifies();
}

static void
joint_survey_closes(void)
{
	struct project p;
	char no[32];

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-27", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-11-27", no, &p), 0);
	CHECK_INT(grant(&dr, "2026-11-27", case_of(&p, 1, FILING)), 0);
	CHECK_INT(grant(&plan, "2026-11-27", case_of(&p, 1, LANDUSE)), 0);
	project_release(&p);
	/* Every case decided, but the survey not yet held: stage 1 waits. */
	CHECK_INT(get(&clerk, "2026-11-30", no, &p), 0);
	CHECK_INT(p.stage, 1);
	CHECK_INT(ncases(&p, 2), 0);
	CHECK_INT(p.waiting_joint, JOINT_SURVEY);
	CHECK(p.critical == NULL && p.critical_office == NULL);
	project_release(&p);
	/* An approver of an office outside the stage may not even see it. */
	CHECK_INT(schedule(&water, "2026-11-30", no), EXIT_NOTFOUND);
	/* An approver of an office of the stage schedules it, once. */
	CHECK_INT(schedule(&plan, "2026-11-30", no), 0);
	CHECK_INT(schedule(&clerk, "2026-11-30", no), EXIT_CONFLICT);
	CHECK_INT(findings(&plan, "2026-12-02", no, "用地红线与规划一致"), 0);
	CHECK_INT(findings(&plan, "2026-12-02", no, "again"), EXIT_CONFLICT);
	CHECK_INT(findings(&clerk, "2026-12-02", no, "x"), EXIT_DENIED);
	/* One office's findings outstanding: it holds the project back. */
	CHECK_INT(get(&clerk, "2026-12-02", no, &p), 0);
	CHECK_INT(p.stage, 1);
	CHECK_INT(p.stages[0].n_joints, 1);
	CHECK_STR(p.stages[0].joints[0].status, "scheduled");
	CHECK_STR(p.critical_office ? p.critical_office : "", "城口县发展和改革委员会");
	CHECK_STR(p.critical ? p.critical : "", case_of(&p, 1, FILING));
	project_release(&p);
	/* The last office's findings close it and open stage 2. */
	CHECK_INT(findings(&dr, "2026-12-02", no, "符合产业政策"), 0);
	CHECK_INT(get(&clerk, "2026-12-02", no, &p), 0);
	CHECK_STR(p.stages[0].joints[0].status, "closed");
	CHECK_INT(p.stage, 2);
	CHECK_INT(ncases(&p, 2), 2);
	project_release(&p);
	chain_verifies();
}

static void
withdraw_all(void)
{
	struct session s;
	struct project p;
	struct tcase c;
	char no[32], *cause = NULL;
	int i;

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-02", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-11-02", no, &p), 0);
	CHECK_INT(act(&dr, "2026-11-02", case_of(&p, 1, FILING), "accept"), 0);
	project_release(&p);
	/* Only the hall that opened it, and with the enterprise's request. */
	as(&s, &plan, "2026-11-03");
	CHECK_INT(project_withdraw(&s, no, "撤回", &cause), EXIT_DENIED);
	session_close(&s);
	free(cause);
	cause = NULL;
	as(&s, &clerk, "2026-11-03");
	CHECK_INT(project_withdraw(&s, no, "", &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	CHECK_INT(project_withdraw(&s, no, "企业申请撤回", &cause), 0);
	if (cause)
		printf("#   %s\n", cause);
	free(cause);
	cause = NULL;
	CHECK_INT(project_withdraw(&s, no, "again", &cause), EXIT_CONFLICT);
	free(cause);
	session_close(&s);
	CHECK_INT(get(&clerk, "2026-11-03", no, &p), 0);
	CHECK_INT(p.status, PROJECT_WITHDRAWN);
	for (i = 0; i < p.stages[0].n_cases; i++) {
		CHECK_INT(store_case_get(test_store(), p.stages[0].cases[i].no, &c), 0);
		CHECK_STR(c.status, "withdrawn");
		tcase_release(&c);
	}
	project_release(&p);
	chain_verifies();
}

static void
reader_sees_own_case(void)
{
	struct project p;
	char no[32];
	int i, seen = 0;

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-02", "500229", no), 0);
	CHECK_INT(get(&plan, "2026-11-02", no, &p), 0);
	CHECK_INT(ncases(&p, 1), 2);
	for (i = 0; i < p.stages[0].n_cases; i++) {
		const struct project_case *k = &p.stages[0].cases[i];

		if (strcmp(k->office, "500229.planning") == 0) {
			CHECK_INT(k->visible, 1);
			CHECK(*k->no != '\0');
			seen++;
		} else {
			/* Counted, but without its number, status or dates. */
			CHECK_INT(k->visible, 0);
			CHECK_STR(k->no, "");
			CHECK_STR(k->status, "");
			CHECK_STR(k->due, "");
		}
	}
	CHECK_INT(seen, 1);
	project_release(&p);
	/* No case of it in sight: no such project, not "denied". */
	CHECK_INT(get(&water, "2026-11-02", no, &p), EXIT_NOTFOUND);
	CHECK_INT(get(&housing, "2026-11-02", no, &p), EXIT_NOTFOUND);
}

static void
bad_input_writes_nothing(void)
{
	struct store *st = fresh();
	struct session s;
	struct project_new in;
	char no[32], *cause = NULL;
	long long before;

	before = store_case_max_id(st);
	memset(&in, 0, sizeof in);
	in.flowchart = "t-chart";
	in.org_code = "91500229MA5U00001C";	/* the check character is B */
	in.org_name = "城口置业有限公司";
	in.name = "葛城花园一期";
	as(&s, &clerk, "2026-11-02");
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	CHECK(cause && strstr(cause, "--org") != NULL);
	free(cause);
	cause = NULL;
	in.org_code = "11010519491231002X";	/* a person, not an enterprise */
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	in.org_code = ORG;
	in.flowchart = "no-such-chart";
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	CHECK(cause && strstr(cause, "--flowchart") != NULL);
	free(cause);
	cause = NULL;
	in.flowchart = "t-chart";
	in.site = "500103";	/* 渝中区, outside 城口县 */
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	CHECK(cause && strstr(cause, "--site") != NULL);
	free(cause);
	cause = NULL;
	in.site = "999999";
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	in.site = NULL;
	in.name = "";
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	session_close(&s);
	/* An approver does not open projects. */
	in.name = "葛城花园一期";
	as(&s, &plan, "2026-11-02");
	CHECK_INT(project_open(&s, &in, no, &cause), EXIT_DENIED);
	free(cause);
	session_close(&s);
	CHECK(store_case_max_id(st) == before);
	{
		struct session a;
		int n = 0;

		as(&a, &city_clerk, "2026-11-02");
		CHECK_INT(project_visible(&a, "XM202611020001"), 0);
		session_close(&a);
		(void)n;
	}
	/* A city hall's clerk may open one anywhere, e.g. in 渝中区. */
	CHECK_INT(open_project(&city_clerk, "2026-11-02", "500103", no), 0);
	{
		struct project p;

		CHECK_INT(get(&city_clerk, "2026-11-02", no, &p), 0);
		CHECK_STR(p.stages[0].cases[1].office, "500103.planning");
		project_release(&p);
	}
}

/* The loader's message for one bad flowchart file. */
static char *
load_error(const char *csv, int total)
{
	char *cause = NULL;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	struct store *st = test_store();

	store_begin(st, NULL);
	store_flowchart_put(st, "t-bad", "坏", "Bad", total, "", NULL);
	if (load_flowchart_stages(st, fp, "t-bad.csv", "t-bad", total, &cause) == 0) {
		free(cause);
		cause = xstrdup("(loaded)");
	}
	store_rollback(st);
	fclose(fp);
	return cause;
}

static void
loader_checks(void)
{
	static const char head[] = "stage,stage_name,stage_name_en,stage_days,joint,item\n";
	static const struct {
		const char *rows;
		int total;
		const char *want;
	} cases[] = {
		{ "1,甲,A,10,,999999999999\n", 40, ":2:6:" },
		{ "1,甲,A,10,,001018002000\n3,乙,B,10,,000104002000\n", 40, ":3:1:" },
		{ "2,甲,A,10,,001018002000\n", 40, ":2:1:" },
		{ "1,甲,A,10,,001018002000\n1,甲,A,12,,000104002000\n", 40, ":3:4:" },
		{ "1,甲,A,10,,001018002000\n1,乙,A,10,,000104002000\n", 40, ":3:2:" },
		{ "1,甲,A,10,survey,001018002000\n1,甲,A,10,,000104002000\n", 40, ":3:5:" },
		{ "1,甲,A,10,walk,001018002000\n", 40, ":2:5:" },
		{ "1,甲,A,30,,001018002000\n2,乙,B,20,,000104002000\n", 40, ":3:4:" },
		{ "1,甲,A,10,,001018002000\n1,甲,A,10,,001018002000\n", 40, ":3:6:" },
		{ "1,甲,A,10,,001018002000\n", 40, "(loaded)" },
	};
	size_t i;

	fresh();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sb csv = SB_INIT;
		char *why;

		sb_addf(&csv, "%s%s", head, cases[i].rows);
		why = load_error(csv.buf, cases[i].total);
		if (why == NULL || strstr(why, cases[i].want) == NULL) {
			printf("#   case %zu: got '%s', want '%s'\n", i, why ? why : "(null)",
			    cases[i].want);
			CHECK(!"the loader names the line and column");
		}
		free(why);
		sb_release(&csv);
	}
	/* The shipped flowcharts load and name catalog items. */
	{
		struct session s;
		struct flowchart *f = NULL;
		char *cause = NULL;
		int n = 0, i2;

		as(&s, &clerk, "2026-11-02");
		CHECK_INT(flowchart_list(&s, &f, &n, &cause), 0);
		CHECK(n >= 2);
		for (i2 = 0; i2 < n; i2++) {
			CHECK(f[i2].n_stages >= 1);
			flowchart_release(&f[i2]);
		}
		free(f);
		session_close(&s);
	}
	test_reset();
}

static void
findings_before_decisions(void)
{
	struct project p;
	char no[32], a[32], b[32];

	fresh();
	CHECK_INT(open_project(&clerk, "2026-11-02", "500229", no), 0);
	CHECK_INT(get(&clerk, "2026-11-02", no, &p), 0);
	utf8_copy(a, sizeof a, case_of(&p, 1, FILING));
	utf8_copy(b, sizeof b, case_of(&p, 1, LANDUSE));
	project_release(&p);
	/* The survey held while the cases are in review. */
	CHECK_INT(schedule(&clerk, "2026-11-03", no), 0);
	CHECK_INT(findings(&dr, "2026-11-04", no, "符合产业政策"), 0);
	CHECK_INT(findings(&plan, "2026-11-04", no, "用地红线与规划一致"), 0);
	CHECK_INT(get(&clerk, "2026-11-04", no, &p), 0);
	CHECK_INT(p.stage, 1);
	CHECK_STR(p.stages[0].joints[0].status, "closed");
	project_release(&p);
	CHECK_INT(grant(&dr, "2026-11-05", a), 0);
	CHECK_INT(get(&clerk, "2026-11-05", no, &p), 0);
	CHECK_INT(p.stage, 1);
	project_release(&p);
	/* The last decision opens stage 2. */
	CHECK_INT(grant(&plan, "2026-11-06", b), 0);
	CHECK_INT(get(&clerk, "2026-11-06", no, &p), 0);
	CHECK_INT(p.stage, 2);
	CHECK_INT(ncases(&p, 2), 2);
	CHECK(p.stages[1].opened != NULL && strcmp(p.stages[1].opened, "2026-11-06") == 0);
	project_release(&p);
}

const struct test tests_project[] = {
	{ "project: deciding the last case of a stage opens the next with its cases; one "
	  "undecided keeps it closed", stage_gating },
	{ "project: the clock skips Spring Festival 2026 and a suspended case's paused days; "
	  "yellow and red by the stage limit", clock_spring_festival },
	{ "project: the critical path is the case due last, then the late one", critical_path },
	{ "project: a denial stops the project with the case and item named; nothing opens",
	  denial_stops },
	{ "project: a joint survey closes at the last office's findings, and only then does "
	  "the next stage open", joint_survey_closes },
	{ "project: findings recorded before the decisions: the last decision opens the next "
	  "stage", findings_before_decisions },
	{ "project: withdrawing a project withdraws its open cases (the hall, with a note)",
	  withdraw_all },
	{ "project: a reader who sees one case sees the project, not the others' details",
	  reader_sees_own_case },
	{ "project: a bad USCC, an unknown flowchart or a site out of the district is exit 5 "
	  "and writes nothing", bad_input_writes_nothing },
	{ "project: the flowchart loader names the line and column of each mistake",
	  loader_checks },
	{ NULL, NULL }
};
