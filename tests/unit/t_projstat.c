/*
 * The console's drawings of the shipped flowcharts, and the supervision
 * figures of projects: every shipped flowchart fits 80 columns with every
 * item on it; each figure's count is the length of the list it opens, and
 * that list is what `project find` gives for the same question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "flowdraw.h"
#include "i18n.h"
#include "lifecycle.h"
#include "load.h"
#include "project.h"
#include "project_stats.h"
#include "session.h"
#include "store.h"
#include "test.h"
#include "util.h"

#define ORG "91500229MA5U00001B"
#define FILING "001018002000"
#define LANDUSE "000104002000"
#define ENERGY "001018003000"
#define SOIL "000107002000"
#define FIRE "000103005000"

static const char chart[] =
    "stage,stage_name,stage_name_en,stage_days,joint,item\n"
    "1,立项用地规划许可,Land use,10,survey," FILING "\n"
    "1,立项用地规划许可,Land use,10,survey," LANDUSE "\n"
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

static struct user clerk, dr, plan, water, housing, sup;
static void setup(void);

static void
as(struct session *s, struct user *u, const char *day)
{
	int d = 0;

	clock_parse_date(day, &d);
	session_init(s, test_store(), test_calendar(), u, "test");
	s->fixed_today = d;
}

static void
t_shipped_fit(void)
{
	struct flowchart *v = NULL;
	struct session s;
	char *cause = NULL;
	int n = 0, i, st, k, l;

	setup();
	as(&s, &sup, "2026-11-27");
	CHECK_INT(flowchart_list(&s, &v, &n, &cause), 0);
	CHECK(n >= 2);
	for (i = 0; i < n; i++) {
		for (int w = 80; w >= 40; w -= 40) {
			struct drawing d;

			flowdraw_flowchart(&v[i], w, &d);
			for (l = 0; l < d.n; l++)
				if (utf8_width(d.lines[l].text) > w)
					printf("#   %s at %d: %s\n", v[i].code, w, d.lines[l].text);
			for (l = 0; l < d.n; l++)
				CHECK(utf8_width(d.lines[l].text) <= w);
			/* Every item of every stage is on the diagram, its name whole
			 * on its line or in the text shown when it is selected. */
			for (st = 0; st < v[i].n_stages; st++)
				for (k = 0; k < v[i].stages[st].n_items; k++) {
					int found = 0;

					for (l = 0; l < d.n; l++)
						if (d.lines[l].kind == DRAW_ITEM && d.lines[l].stage == st &&
						    d.lines[l].index == k && d.lines[l].full &&
						    strstr(d.lines[l].full, v[i].stages[st].item_names[k]) &&
						    strstr(d.lines[l].full, v[i].stages[st].items[k]))
							found = 1;
					CHECK(found);
				}
			drawing_release(&d);
		}
		flowchart_release(&v[i]);
	}
	free(v);
	free(cause);
	session_close(&s);
}

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
	as(&s, u, day);
	rc = lifecycle_act(&s, no, &a, &cause);
	if (rc != 0)
		printf("#   %s %s: %s\n", action, no, cause ? cause : "?");
	free(cause);
	session_close(&s);
	return rc;
}

static void
grant(struct user *u, const char *day, const char *no)
{
	CHECK_INT(act(u, day, no, "accept"), 0);
	CHECK_INT(act(u, day, no, "review"), 0);
	CHECK_INT(act(u, day, no, "approve"), 0);
}

/* The case of item in stage seq of project no (a static buffer). */
static const char *
case_of(const char *no, const char *day, int seq, const char *item)
{
	static char out[32];
	struct session s;
	struct project p;
	char *cause = NULL;
	int i, k;

	out[0] = '\0';
	as(&s, &sup, day);
	if (project_get(&s, no, &p, &cause) == 0) {
		for (i = 0; i < p.n_stages; i++)
			for (k = 0; p.stages[i].seq == seq && k < p.stages[i].n_cases; k++)
				if (strcmp(p.stages[i].cases[k].item, item) == 0)
					utf8_copy(out, sizeof out, p.stages[i].cases[k].no);
		project_release(&p);
	}
	free(cause);
	session_close(&s);
	return out;
}

static void
joint(struct user *u, const char *day, const char *no, enum joint_kind kind)
{
	struct session s;
	char *cause = NULL;

	as(&s, u, day);
	CHECK_INT(project_joint_schedule(&s, no, kind, day, "工地", &cause), 0);
	free(cause);
	session_close(&s);
}

static void
findings(struct user *u, const char *day, const char *no)
{
	struct session s;
	char *cause = NULL;

	as(&s, u, day);
	CHECK_INT(project_joint_record(&s, no, 0, "同意", &cause), 0);
	free(cause);
	session_close(&s);
}

static void
open_one(const char *day, char no[32])
{
	struct session s;
	struct project_new in;
	char *cause = NULL;

	memset(&in, 0, sizeof in);
	in.flowchart = "t-chart";
	in.org_code = ORG;
	in.org_name = "城口置业有限公司";
	in.name = "葛城花园";
	in.site = "500229";
	as(&s, &clerk, day);
	CHECK_INT(project_open(&s, &in, no, &cause), 0);
	free(cause);
	session_close(&s);
}

struct found {
	char nos[16][32];
	int n;
};

static int
found_one(void *arg, const struct project *p)
{
	struct found *f = arg;

	if (f->n < 16)
		utf8_copy(f->nos[f->n++], sizeof f->nos[0], p->no);
	return 0;
}

static void
t_figures_count_their_lists(void)
{
	struct project_figures f;
	struct session s;
	char a[32], b[32], c[32], *cause = NULL;
	long lights = 0;
	int i;
	FILE *fp;

	setup();
	test_reset();
	fp = fmemopen((void *)chart, sizeof chart - 1, "r");
	CHECK_INT(store_begin(test_store(), NULL), 0);
	CHECK_INT(store_flowchart_put(test_store(), "t-chart", "测试流程图", "Test flowchart", 40,
	    "80-100", NULL), 0);
	CHECK_INT(load_flowchart_stages(test_store(), fp, "t.csv", "t-chart", 40, &cause), 0);
	CHECK_INT(store_commit(test_store(), NULL), 0);
	fclose(fp);
	free(cause);
	cause = NULL;
	/* a: waits in stage 1; b: in stage 2; c: finished. */
	open_one("2026-11-02", a);
	open_one("2026-11-02", b);
	open_one("2026-11-02", c);
	for (i = 0; i < 2; i++) {
		const char *no = i ? c : b;

		grant(&dr, "2026-11-03", case_of(no, "2026-11-03", 1, FILING));
		grant(&plan, "2026-11-04", case_of(no, "2026-11-04", 1, LANDUSE));
		joint(&clerk, "2026-11-05", no, JOINT_SURVEY);
		findings(&dr, "2026-11-05", no);
		findings(&plan, "2026-11-05", no);
	}
	grant(&dr, "2026-11-06", case_of(c, "2026-11-06", 2, ENERGY));
	grant(&water, "2026-11-09", case_of(c, "2026-11-09", 2, SOIL));
	grant(&housing, "2026-11-10", case_of(c, "2026-11-10", 3, FIRE));
	joint(&housing, "2026-11-11", c, JOINT_ACCEPTANCE);
	findings(&housing, "2026-11-11", c);

	as(&s, &sup, "2026-11-27");
	CHECK_INT(project_stats_figures(&s, "500229", &f, &cause), 0);
	CHECK_INT(f.open, 2);
	CHECK_INT(f.done, 1);
	for (i = 0; i < f.n; i++) {
		const struct pfig *g = &f.v[i];
		struct project *v = NULL;
		int nv = 0;
		long k;

		/* The list a figure opens on the console has as many rows as
		 * it counts. */
		CHECK_INT(project_stats_read(&s, g->nos, g->n, &v, &nv, &cause), 0);
		CHECK_INT(nv, g->n);
		for (k = 0; k < nv; k++) {
			if (g->kind == PFIG_LIGHT) {
				CHECK_INT(v[k].status, PROJECT_OPEN);
				CHECK_INT(v[k].light, g->light);
			} else if (g->kind == PFIG_FLOWCHART) {
				CHECK_INT(v[k].status, PROJECT_DONE);
				CHECK_STR(v[k].flowchart, g->key);
			} else if (g->kind == PFIG_STAGE) {
				char key[64];

				snprintf(key, sizeof key, "%s:%d", v[k].flowchart, v[k].stage);
				CHECK_STR(key, g->key);
			} else
				CHECK_STR(v[k].critical_office, g->key);
		}
		if (g->kind == PFIG_LIGHT) {
			/* ... and the same projects as `project find --status open --light`. */
			struct project_filter pf;
			struct found fd;

			lights += g->n;
			memset(&pf, 0, sizeof pf);
			memset(&fd, 0, sizeof fd);
			pf.status = "open";
			pf.light = g->light;
			pf.region = "500229";
			CHECK_INT(project_find(&s, &pf, found_one, &fd, &cause), 0);
			CHECK_INT(fd.n, g->n);
			for (k = 0; k < fd.n && k < g->n; k++)
				CHECK_STR(fd.nos[k], g->nos[k]);
		}
		project_stats_free(v, nv);
	}
	CHECK_INT(lights, f.open);
	{
		const struct pfig *g = project_stats_find(&f, PFIG_FLOWCHART, "t-chart");
		const struct pfig *s1 = project_stats_find(&f, PFIG_STAGE, "t-chart:1");
		const struct pfig *s2 = project_stats_find(&f, PFIG_STAGE, "t-chart:2");

		CHECK(g != NULL && g->n == 1 && g->target == 40 && strcmp(g->before, "80-100") == 0);
		CHECK(g != NULL && g->n == 1 && strcmp(g->nos[0], c) == 0 && g->avg >= 0);
		CHECK(s1 != NULL && s1->n == 1 && strcmp(s1->nos[0], a) == 0);
		CHECK(s2 != NULL && s2->n == 1 && strcmp(s2->nos[0], b) == 0);
		/* Another flowchart with nothing finished still has its line. */
		CHECK(project_stats_find(&f, PFIG_FLOWCHART, "real-estate") != NULL);
	}
	project_stats_release(&f);
	/* A region without projects counts none. */
	CHECK_INT(project_stats_figures(&s, "500101", &f, &cause), 0);
	CHECK_INT(f.open + f.done, 0);
	project_stats_release(&f);
	free(cause);
	session_close(&s);
}

static void
setup(void)
{
	clerk = mk("sclerk", ROLE_CLERK, "500229001", "township", "500229001.township");
	dr = mk("sdr", ROLE_APPROVER, "500229", "district", "500229.development_reform");
	plan = mk("splan", ROLE_APPROVER, "500229", "district", "500229.planning");
	water = mk("swater", ROLE_APPROVER, "500229", "district", "500229.water");
	housing = mk("shousing", ROLE_APPROVER, "500229", "district", "500229.housing");
	sup = mk("ssup", ROLE_SUPERVISOR, "500229", "district", NULL);
}

const struct test tests_projstat[] = {
	{ "flowdraw: every shipped flowchart fits 80 and 40 columns with every item",
	  t_shipped_fit },
	{ "projstat: each project figure counts the projects its list shows", t_figures_count_their_lists },
	{ NULL, NULL }
};
