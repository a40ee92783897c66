/*
 * The demo's investment projects: at least one under every "1+8" flowchart,
 * each with a history made through the project service and the lifecycle
 * (never by writing rows), on days fixed in the past the way a clerk and
 * the offices would have worked: a project is opened at the window of
 * 城口县's hall, its stage's cases are accepted and decided by the
 * approvers of 城口县's offices, a stage closes at its last decision and
 * the next one opens, joint steps are scheduled and each office records its
 * findings. Some projects are in their first stage, some further, a few
 * late, one stopped by a denial, one withdrawn, some done.
 */
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "exitcode.h"
#include "i18n.h"
#include "ids.h"
#include "lifecycle.h"
#include "project.h"
#include "session.h"
#include "tcase.h"
#include "util.h"

enum pstate { P_OPEN, P_DONE, P_STOPPED, P_WITHDRAWN };
enum plate { ON_TIME, YELLOW, RED };
enum pjoint { J_NONE, J_SCHEDULED, J_PARTLY, J_CLOSED };

/* One demo project: where its history stops. */
struct pplan {
	const char *flowchart;
	const char *org9;	/* the organisation code part of the USCC */
	const char *org_name;
	const char *name;
	const char *site;	/* a township of 城口县 */
	int stage;		/* the stage it is in (the last one when done) */
	enum pstate state;
	enum plate late;	/* of its current stage */
	enum pjoint joint;	/* the current stage's joint step */
};

static const struct pplan plans[] = {
	{ "general", "MA5U7K2X3", "重庆秦巴物流有限公司", "城口县农产品冷链物流中心项目",
	  "500229002", 4, P_DONE, ON_TIME, J_CLOSED },
	{ "general", "MA60B1QW8", "城口县巴山商贸有限公司", "巴山镇商贸综合楼项目",
	  "500229102", 1, P_OPEN, ON_TIME, J_SCHEDULED },
	{ "general", "MA61C4RT2", "重庆任河酒店管理有限公司", "城口县任河商务酒店项目",
	  "500229001", 2, P_OPEN, RED, J_NONE },
	{ "industry", "MA5Y8H3N6", "重庆城口富硒茶业有限公司", "年产3000吨富硒茶深加工生产线项目",
	  "500229107", 3, P_OPEN, ON_TIME, J_CLOSED },
	{ "industry", "MA5W2D9P4", "城口县大巴山药业有限公司", "高燕镇中药材加工厂房项目",
	  "500229108", 4, P_DONE, ON_TIME, J_CLOSED },
	{ "transport", "MA62E7FL1", "重庆大巴山旅游公路建设有限公司",
	  "巴山至坪坝旅游公路（企业投资）项目", "500229103", 2, P_OPEN, YELLOW, J_NONE },
	{ "water", "MA63G2HM5", "城口县明通供水有限公司", "明通镇集中供水工程项目",
	  "500229105", 1, P_OPEN, ON_TIME, J_CLOSED },
	{ "water", "MA5X4J8K7", "重庆任河水电开发有限公司", "东安镇任河水电站增效扩容项目",
	  "500229109", 3, P_OPEN, ON_TIME, J_NONE },
	{ "real-estate", "MA5W9L3M2", "重庆城口滨河置业有限公司", "滨河花园住宅小区项目",
	  "500229001", 4, P_OPEN, ON_TIME, J_PARTLY },
	{ "real-estate", "MA64N6PQ9", "城口县葛城房地产开发有限公司", "葛城街道临街商住楼项目",
	  "500229001", 2, P_STOPPED, ON_TIME, J_NONE },
	{ "hospital", "MA5T3R751", "重庆城口康宁医院有限公司", "城口康宁医院新建项目",
	  "500229002", 4, P_DONE, ON_TIME, J_CLOSED },
	{ "hospital", "MA65U8WW3", "城口县仁和中医医院有限公司", "仁和中医医院住院楼项目",
	  "500229104", 1, P_OPEN, ON_TIME, J_NONE },
	{ "school", "MA66X2YA4", "城口县启明教育咨询有限公司", "启明民办学校新建项目",
	  "500229002", 3, P_OPEN, ON_TIME, J_SCHEDULED },
	{ "elderly", "MA67B5CD6", "重庆夕阳红养老服务有限公司", "咸宜镇夕阳红养老院项目",
	  "500229110", 2, P_WITHDRAWN, ON_TIME, J_NONE },
	{ "elderly", "MA68E9FG7", "城口县颐康养老服务有限公司", "颐康养老服务中心项目",
	  "500229106", 2, P_OPEN, YELLOW, J_NONE },
	{ "small", "MA5R6H2J8", "城口县复兴农机服务有限公司", "复兴街道农机仓储用房项目",
	  "500229002", 4, P_DONE, ON_TIME, J_CLOSED },
	{ "small", "MA69K3LM4", "城口县修齐五金制品有限公司", "修齐镇五金加工车间项目",
	  "500229106", 1, P_OPEN, ON_TIME, J_NONE },
};
#define NPLANS (sizeof plans / sizeof plans[0])

/* What an office finds at a joint step, by the step's kind and the
 * office's department kind (NULL: any other department). */
static const struct {
	enum joint_kind joint;
	const char *dept;
	const char *text;
} findings[] = {
	{ JOINT_SURVEY, "planning", "用地边界与规划条件一致，场地无压覆重要矿产" },
	{ JOINT_SURVEY, "development_reform", "建设内容、规模与备案（核准）信息一致" },
	{ JOINT_SURVEY, "ecology", "周边无饮用水水源保护区等环境敏感目标" },
	{ JOINT_SURVEY, "water", "取水口位置、防洪条件满足建设要求" },
	{ JOINT_SURVEY, "health", "选址符合区域卫生规划，周边交通便利" },
	{ JOINT_SURVEY, "education", "校址周边无污染源和安全隐患，符合办学选址要求" },
	{ JOINT_SURVEY, NULL, "现场踏勘无异议" },
	{ JOINT_DRAWINGS, "housing", "施工图符合工程建设强制性标准，消防设计审查合格" },
	{ JOINT_DRAWINGS, "civil_defense", "防空地下室设计符合人防工程战术技术要求" },
	{ JOINT_DRAWINGS, "meteorology", "防雷设计符合规范，提出一处修改意见已当场确认" },
	{ JOINT_DRAWINGS, "urban_management", "建筑垃圾运输路线及消纳场所已落实" },
	{ JOINT_DRAWINGS, NULL, "施工图审查无异议" },
	{ JOINT_ACCEPTANCE, "planning", "建设内容与规划许可一致，竣工测量成果合格" },
	{ JOINT_ACCEPTANCE, "housing", "消防设施运行正常，工程质量验收资料齐全" },
	{ JOINT_ACCEPTANCE, "civil_defense", "人防防护设备安装到位，检测合格" },
	{ JOINT_ACCEPTANCE, "meteorology", "防雷装置检测合格" },
	{ JOINT_ACCEPTANCE, "health", "医疗用房布局及消毒隔离设施符合执业要求" },
	{ JOINT_ACCEPTANCE, "education", "校舍、场地及设施符合办学条件" },
	{ JOINT_ACCEPTANCE, "ecology", "环境保护设施与主体工程同时建成" },
	{ JOINT_ACCEPTANCE, "civil", "养老用房及无障碍设施符合服务要求" },
	{ JOINT_ACCEPTANCE, NULL, "同意通过验收" },
};

static const char *
finding_of(enum joint_kind joint, const char *office)
{
	const char *dot = strchr(office, '.');
	size_t i;

	for (i = 0; i < sizeof findings / sizeof findings[0]; i++)
		if (findings[i].joint == joint &&
		    (findings[i].dept == NULL || (dot && strcmp(dot + 1, findings[i].dept) == 0)))
			return findings[i].text;
	return "无异议";
}

static const char *const places[] = {
	[JOINT_SURVEY] = "项目现场",
	[JOINT_DRAWINGS] = "城口县政务服务中心联审室",
	[JOINT_ACCEPTANCE] = "项目现场",
};

struct ctx {
	struct store *st;
	const struct calendar *cal;
	int today;
	char **cause;
};

/* A session of login on day. */
static int
open_as(struct ctx *x, const char *login, int day, struct session *s, struct user *u)
{
	if (store_user_get(x->st, login, u) != 0) {
		set_cause(x->cause, _("no demo user '%s'"), login);
		return -1;
	}
	session_init(s, x->st, x->cal, u, "demo");
	s->fixed_today = day;
	return 0;
}

static void
close_as(struct session *s, struct user *u)
{
	session_close(s);
	user_release(u);
}

static int
act(struct ctx *x, int day, const char *office, const char *no, const char *action,
    const char *verdict, const char *note)
{
	const char *login = demo_login_of_office(office);
	struct session s;
	struct user u;
	struct act_args a;
	int rc;

	if (login == NULL) {
		set_cause(x->cause, _("no demo approver for the office %s"), office);
		return -1;
	}
	if (open_as(x, login, day, &s, &u) != 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.action = action;
	a.verdict = verdict;
	a.note = note;
	a.expect_version = -1;
	a.fee_cents = -1;
	rc = lifecycle_act(&s, no, &a, x->cause);
	close_as(&s, &u);
	return rc == 0 ? 0 : -1;
}

/* The steps of an item: which one is the last review step. */
struct steps {
	int seq[32];
	int n;
};

static int
add_seq(void *arg, int seq, const char *name, const char *name_en, const char *kind, int lim)
{
	struct steps *ss = arg;

	(void)name, (void)name_en, (void)kind, (void)lim;
	if (ss->n < 32 && (ss->n == 0 || ss->seq[ss->n - 1] != seq))
		ss->seq[ss->n++] = seq;
	return 0;
}

/* 1 when step is the last review step (the one before delivery, or the
 * only one). */
static int
last_review(const struct steps *ss, int step)
{
	int i;

	for (i = 0; i < ss->n; i++)
		if (ss->seq[i] == step)
			return i + 1 >= ss->n - 1;
	return 1;
}

struct pending {
	int step;
	char office[8][40];
	int n;
};

static int
add_pending(void *arg, const struct branch *b)
{
	struct pending *p = arg;

	if (b->step == p->step && b->opinion == NULL && p->n < 8)
		snprintf(p->office[p->n++], sizeof p->office[0], "%s", b->office);
	return 0;
}

/* Accept case no and start its review on day a. */
static int
accept_case(struct ctx *x, const char *no, int a)
{
	struct tcase c;
	int rc = -1;

	if (store_case_get(x->st, no, &c) != 0) {
		set_cause(x->cause, _("no case '%s'"), no);
		return -1;
	}
	if ((strcmp(c.status, "submitted") != 0 || act(x, a, c.office, no, "accept", NULL, NULL) == 0) &&
	    act(x, a, c.office, no, "review", NULL, NULL) == 0)
		rc = 0;
	tcase_release(&c);
	return rc;
}

/* Take case no through its review steps from day from on (each department
 * of a parallel step giving its opinion), a step a working day, up to day
 * d; then decide it on d (approve and hand the result over, or deny with
 * note). d = 0: no decision yet, the case stays under review at its last
 * step reached before today. */
static int
work_case(struct ctx *x, const char *no, int from, int d, int approve, const char *note)
{
	struct tcase c;
	struct steps ss = { { 0 }, 0 };
	int day = from, k, stop = d > 0 ? d : clock_sub(x->cal, x->today, 1);

	if (store_case_get(x->st, no, &c) != 0) {
		set_cause(x->cause, _("no case '%s'"), no);
		return -1;
	}
	store_step_each(x->st, c.item, add_seq, &ss);
	for (k = 0; k < 16; k++) {
		struct pending p;
		int i;

		memset(&p, 0, sizeof p);
		p.step = c.step;
		store_branch_each(x->st, c.id, add_pending, &p);
		for (i = 0; i < p.n; i++)
			if (act(x, day, p.office[i], no, "opinion", "agree", "经审查，符合要求") != 0)
				goto fail;
		if (p.n > 0) {
			/* Every department agreed: the case went on by itself. */
			tcase_release(&c);
			if (store_case_get(x->st, no, &c) != 0)
				return -1;
			continue;
		}
		if (last_review(&ss, c.step) || (d == 0 && day >= stop))
			break;
		if (act(x, day, c.office, no, "pass", NULL, NULL) != 0)
			goto fail;
		if (day < stop)
			day = clock_add(x->cal, day, 1);
		tcase_release(&c);
		if (store_case_get(x->st, no, &c) != 0)
			return -1;
	}
	if (d > 0) {
		if (act(x, d, c.office, no, approve ? "approve" : "deny", NULL,
		    approve ? NULL : note) != 0)
			goto fail;
		/* The decision handed over, a licence or a notice of refusal. */
		if (act(x, d, c.office, no, "complete", NULL, NULL) != 0)
			goto fail;
	}
	tcase_release(&c);
	return 0;
fail:
	tcase_release(&c);
	return -1;
}

static int
get_project(struct ctx *x, const char *no, int day, struct project *p)
{
	struct session s;
	struct user u;
	int rc;

	/* The city's supervisor sees every case of it. */
	if (open_as(x, "supervisor1", day, &s, &u) != 0)
		return -1;
	rc = project_get(&s, no, p, x->cause);
	close_as(&s, &u);
	return rc == 0 ? 0 : -1;
}

/* The joint step of the current stage: scheduled on day for the day
 * after; then, as far as how says, each office records its findings on
 * that day. */
static int
joint_step(struct ctx *x, const char *no, enum joint_kind kind, int day, enum pjoint how,
    int *met)
{
	struct project p;
	struct session s;
	struct user u;
	int meet = clock_add(x->cal, day, 1), i, n, rc = -1;
	char meet_s[11];

	if (how == J_NONE || kind == JOINT_NONE)
		return 0;
	if (how == J_SCHEDULED)
		meet = clock_add(x->cal, x->today, 2);	/* still to come */
	else
		*met = meet;
	clock_format_date(meet, meet_s);
	if (open_as(x, "clerk1", day, &s, &u) != 0)
		return -1;
	rc = project_joint_schedule(&s, no, kind, meet_s, places[kind], x->cause);
	close_as(&s, &u);
	if (rc != 0)
		return -1;
	if (how == J_SCHEDULED)
		return 0;
	memset(&p, 0, sizeof p);
	if (get_project(x, no, meet, &p) != 0)
		return -1;
	rc = 0;
	if (p.stage >= 1 && p.stage <= p.n_stages) {
		struct project_stage *st = &p.stages[p.stage - 1];
		struct project_joint *j = st->n_joints ? &st->joints[st->n_joints - 1] : NULL;

		n = j ? j->n_offices : 0;
		if (how == J_PARTLY && n > 1)
			n--;
		for (i = 0; i < n && rc == 0; i++) {
			const char *login = demo_login_of_office(j->offices[i]);

			if (login == NULL || open_as(x, login, meet, &s, &u) != 0) {
				set_cause(x->cause, _("no demo approver for the office %s"), j->offices[i]);
				rc = -1;
				break;
			}
			rc = project_joint_record(&s, no, j->id, finding_of(kind, j->offices[i]),
			    x->cause) == 0 ? 0 : -1;
			close_as(&s, &u);
		}
	}
	project_release(&p);
	return rc;
}

/* A stage's working days when it closes on time: about two thirds of its
 * limit, and room for a joint step before its last decision. */
static int
stage_span(const struct flow_stage *fs)
{
	int d = fs->limit_days * 2 / 3;

	return d < 3 ? 3 : d;
}

/* The working days the current stage has run, by how late it is. */
static int
stage_elapsed(const struct flow_stage *fs, enum plate late, enum pstate state)
{
	if (late == RED)
		return fs->limit_days + 4;
	if (late == YELLOW)
		return fs->limit_days - 1;
	if (state == P_STOPPED || state == P_WITHDRAWN)
		return 4;
	return fs->limit_days / 3 < 3 ? 3 : fs->limit_days / 3;
}


struct scase {
	char no[32];
	char item[16];
	int d;			/* the day of its decision; 0: none yet */
	int promised;
};

/* The cases of the project's current stage. */
static int
stage_cases(struct ctx *x, const char *no, int day, struct scase *cs, int max, int *n)
{
	struct project p;
	struct project_stage *st;
	int i;

	*n = 0;
	memset(&p, 0, sizeof p);
	if (get_project(x, no, day, &p) != 0)
		return -1;
	st = &p.stages[p.stage - 1];
	for (i = 0; i < st->n_cases && *n < max; i++) {
		struct item it;
		struct scase *c = &cs[(*n)++];

		snprintf(c->no, sizeof c->no, "%s", st->cases[i].no);
		snprintf(c->item, sizeof c->item, "%s", st->cases[i].item);
		c->promised = 5;
		c->d = 0;
		if (store_item_get(x->st, c->item, &it) == 0) {
			c->promised = it.promised_days;
			item_release(&it);
		}
	}
	project_release(&p);
	return 0;
}

/*
 * Work the current stage, opened on day s. close: every case decided by
 * day s + span, each office within its own promise where the span allows,
 * the slowest on the last day (its decision closes the stage). Otherwise
 * the stage has run span days to today: the quick cases are decided, the
 * slower ones are under review.
 */
static int
work_stage(struct ctx *x, const char *no, const struct flow_stage *fs, int s, int span,
    int close, enum pjoint how)
{
	struct scase cs[32];
	int n, i, j, rc = 0, slowest = -1, from = clock_add(x->cal, s, 1);

	if (stage_cases(x, no, s, cs, 32, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		int w = cs[i].promised - 1 < 2 ? 2 : cs[i].promised - 1;

		if (w > span)
			w = span;
		cs[i].d = clock_add(x->cal, s, w);
		if (!close && cs[i].d >= x->today)
			cs[i].d = 0;
		if (slowest < 0 || cs[i].promised > cs[slowest].promised)
			slowest = i;
	}
	if (close && slowest >= 0)
		cs[slowest].d = clock_add(x->cal, s, span);
	else if (slowest >= 0)
		cs[slowest].d = 0;	/* the stage is still running */
	for (i = 0; i < n && rc == 0; i++)
		rc = accept_case(x, cs[i].no, s);
	if (rc == 0)
		rc = joint_step(x, no, fs->joint, from, close ? J_CLOSED : how, &from);
	/* The open ones first (their steps are behind the decisions of the
	 * day), then the decisions in the order of their days. */
	for (i = 0; i < n && rc == 0; i++)
		if (cs[i].d == 0)
			rc = work_case(x, cs[i].no, from, 0, 1, NULL);
	for (;;) {
		int best = -1;

		if (rc != 0)
			break;
		for (j = 0; j < n; j++)
			if (cs[j].d > 0 && (best < 0 || cs[j].d < cs[best].d))
				best = j;
		if (best < 0)
			break;
		if (cs[best].d < from)
			cs[best].d = from;	/* no decision before the joint step met */
		rc = work_case(x, cs[best].no, from, cs[best].d, 1, NULL);
		cs[best].d = 0;
	}
	return rc;
}

/* The stage ends with a denial: every case accepted on day s, then the
 * office of the item deny (or of the last case) decides against on s + 3. */
static int
deny_stage(struct ctx *x, const char *no, int s, const char *deny, const char *note)
{
	struct scase cs[32];
	int n, i, which, rc = 0;

	if (stage_cases(x, no, s, cs, 32, &n) != 0 || n == 0)
		return -1;
	which = n - 1;
	for (i = 0; i < n; i++)
		if (strcmp(cs[i].item, deny) == 0)
			which = i;
	for (i = 0; i < n && rc == 0; i++)
		rc = accept_case(x, cs[i].no, s);
	if (rc == 0)
		rc = work_case(x, cs[which].no, clock_add(x->cal, s, 1), clock_add(x->cal, s, 3), 0,
		    note);
	return rc;
}

/* Every case of the stage accepted on day s; the enterprise withdraws the
 * project on s + 2 with its written request. */
static int
withdraw_stage(struct ctx *x, const char *no, int s, const char *note)
{
	struct scase cs[32];
	struct session ses;
	struct user u;
	int n, i, rc = 0;

	if (stage_cases(x, no, s, cs, 32, &n) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = accept_case(x, cs[i].no, s);
	if (rc != 0 || open_as(x, "clerk1", clock_add(x->cal, s, 2), &ses, &u) != 0)
		return -1;
	rc = project_withdraw(&ses, no, note, x->cause) == 0 ? 0 : -1;
	close_as(&ses, &u);
	return rc;
}

/* The last stage a plan reaches. */
static int
plan_last(const struct pplan *pl, const struct flowchart *f)
{
	int last = pl->state == P_DONE ? f->n_stages : pl->stage;

	return last > f->n_stages ? f->n_stages : last;
}

long
demo_project_cases(struct store *st, const struct calendar *cal)
{
	struct ctx x = { st, cal, 0, NULL };
	struct session s;
	struct user u;
	size_t k;
	long n = 0;
	int i, last;

	if (open_as(&x, "clerk1", clock_today(), &s, &u) != 0)
		return 0;
	for (k = 0; k < NPLANS; k++) {
		struct flowchart f;

		memset(&f, 0, sizeof f);
		if (flowchart_get(&s, plans[k].flowchart, &f, NULL) != 0) {
			n = 0;
			break;
		}
		last = plan_last(&plans[k], &f);
		for (i = 0; i < last; i++)
			n += f.stages[i].n_items;
		flowchart_release(&f);
	}
	close_as(&s, &u);
	return n;
}

static int
one_project(struct ctx *x, const struct pplan *pl, long k)
{
	struct flowchart f;
	struct session s;
	struct user u;
	struct project_new in;
	char no[32], org[19], phone[12];
	int open_day, day, total = 0, last, i, rc = 0;

	if (open_as(x, "clerk1", x->today, &s, &u) != 0)
		return -1;
	memset(&f, 0, sizeof f);
	rc = flowchart_get(&s, pl->flowchart, &f, x->cause);
	close_as(&s, &u);
	if (rc != 0)
		return -1;
	last = plan_last(pl, &f);
	/* Back from today: the closed stages' spans and the current one's run. */
	for (i = 0; i < last; i++)
		total += i + 1 < last || pl->state == P_DONE ? stage_span(&f.stages[i]) :
		    stage_elapsed(&f.stages[i], pl->late, pl->state);
	open_day = clock_sub(x->cal, x->today, total + (pl->state == P_DONE ? 3 + (int)k : 0));
	/* The enterprise: a credit code of 城口县 with its check digit. */
	snprintf(org, sizeof org, "91500229%s", pl->org9);
	org[17] = ids_org_check(org);
	org[18] = '\0';
	snprintf(phone, sizeof phone, "1389023%04ld", 1000 + k * 37);
	memset(&in, 0, sizeof in);
	in.flowchart = pl->flowchart;
	in.org_code = org;
	in.org_name = pl->org_name;
	in.name = pl->name;
	in.site = pl->site;
	in.phone = phone;
	if (open_as(x, "clerk1", open_day, &s, &u) != 0)
		goto fail;
	rc = project_open(&s, &in, no, x->cause);
	close_as(&s, &u);
	if (rc != 0)
		goto fail;
	day = open_day;
	for (i = 0; i < last && rc == 0; i++) {
		const struct flow_stage *fs = &f.stages[i];
		int closed = i + 1 < last || pl->state == P_DONE;

		if (closed) {
			rc = work_stage(x, no, fs, day, stage_span(fs), 1, J_CLOSED);
			day = clock_add(x->cal, day, stage_span(fs));
		} else if (pl->state == P_STOPPED) {
			rc = deny_stage(x, no, day, "000105002000",
			    "项目选址位于城市集中式饮用水水源二级保护区内，环境影响报告表结论不成立，不予批准");
		} else if (pl->state == P_WITHDRAWN) {
			rc = withdraw_stage(x, no, day, "企业调整投资计划，书面申请撤回项目");
		} else {
			rc = work_stage(x, no, fs, day, stage_elapsed(fs, pl->late, pl->state), 0,
			    pl->joint);
		}
	}
	flowchart_release(&f);
	return rc;
fail:
	flowchart_release(&f);
	return -1;
}

int
demo_projects(struct store *st, const struct calendar *cal, int today, char **cause)
{
	struct ctx x = { st, cal, today, cause };
	struct user u;
	size_t k;

	/* Without the demo's users (a bulk run), no one opens projects. */
	if (store_user_get(st, "clerk1", &u) != 0)
		return 0;
	user_release(&u);
	for (k = 0; k < NPLANS; k++)
		if (one_project(&x, &plans[k], (long)k) != 0)
			return -1;
	return 0;
}
