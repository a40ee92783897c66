/*
 * The flowchart diagram and the project view as the console draws them:
 * every line fits the width in cells (CJK counts two), names are cut by
 * display width and kept whole for the reader, every item appears, the
 * critical case is marked, cases out of sight are counted without details.
 */
/* The structs of project.h hold char *, as the service fills them from the
 * heap; these hand-built ones point at literals the drawing never writes. */
#pragma GCC diagnostic ignored "-Wdiscarded-qualifiers"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flowdraw.h"
#include "i18n.h"
#include "test.h"
#include "util.h"

static char *names[] = {
	"建设项目用地预审与选址意见书核发（含规划选址、用地预审合并办理）",
	"建设用地规划许可证核发",
	"企业投资项目备案",
	"Environmental impact assessment approval of construction projects with a long name",
};
static char *codes[] = { "ZJ-001", "ZJ-002", "FG-003", "HB-004" };

static struct flow_stage stages[] = {
	{ 1, "立项用地规划许可", "Project approval and land-use planning permit", 20, JOINT_SURVEY,
	  3, codes, names, },
	{ 2, "工程建设许可", "Construction project planning permit", 25, JOINT_DRAWINGS, 2, codes + 1,
	  names + 1 },
	{ 3, "施工许可", "Construction permit", 10, JOINT_NONE, 1, codes + 3, names + 3 },
	{ 4, "竣工验收", "Completion acceptance", 20, JOINT_ACCEPTANCE, 4, codes, names },
};

static struct flowchart chart = {
	"real-estate", "社会投资房地产开发项目审批流程图", "Real-estate development", 75,
	"110-170", 4, stages
};

/* Every line within width cells, and valid UTF-8. */
static int
fits(const struct drawing *d, int width)
{
	int i, ok = 1;

	for (i = 0; i < d->n; i++) {
		if (utf8_width(d->lines[i].text) > width || !utf8_valid(d->lines[i].text,
		    strlen(d->lines[i].text))) {
			printf("#   line %d is %d cells (max %d): %s\n", i,
			    utf8_width(d->lines[i].text), width, d->lines[i].text);
			ok = 0;
		}
	}
	return ok;
}

/* The item's name is on a line of kind, or whole in the full text of one. */
static int
shows(const struct drawing *d, enum draw_kind kind, const char *name)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->lines[i].kind == kind && (strstr(d->lines[i].text, name) ||
		    (d->lines[i].full && strstr(d->lines[i].full, name))))
			return 1;
	return 0;
}

static int
has_text(const struct drawing *d, const char *s)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->lines[i].text, s))
			return 1;
	return 0;
}

static void
t_cut_by_width(void)
{
	char *s = flowdraw_cut("建设用地规划许可证", 7);

	/* Three characters of two cells and the mark: never half a character. */
	CHECK_STR(s, "建设用…");
	CHECK_INT(utf8_width(s), 7);
	free(s);
	s = flowdraw_cut("建设用地规划许可证", 8);
	CHECK_STR(s, "建设用…");
	free(s);
	s = flowdraw_cut("施工许可", 8);
	CHECK_STR(s, "施工许可");
	free(s);
	s = flowdraw_cut("abcdef", 4);
	CHECK_STR(s, "abc…");
	free(s);
}

static void
t_flowchart_fits(void)
{
	static const int widths[] = { 80, 60, 40, 24 };
	int w, k;

	for (int lang = 0; lang < 2; lang++) {
		i18n_set_lang(lang ? "zh" : "en");
		for (w = 0; w < 4; w++) {
			struct drawing d;
			int stages_seen = 0;

			flowdraw_flowchart(&chart, widths[w], &d);
			CHECK(fits(&d, widths[w]));
			for (k = 0; k < 4; k++)
				CHECK(shows(&d, DRAW_ITEM, names[k]));
			for (k = 0; k < d.n; k++)
				if (d.lines[k].kind == DRAW_STAGE)
					stages_seen++;
			CHECK_INT(stages_seen, 4);
			/* Each stage's items are listed under it, in order. */
			for (k = 0; k < d.n; k++)
				if (d.lines[k].kind == DRAW_ITEM && d.lines[k].stage == 1)
					break;
			CHECK(k < d.n && d.lines[k].index == 0 && d.lines[k + 1].index == 1);
			CHECK(d.lines[d.n - 1].kind == DRAW_TOTAL);
			if (widths[w] >= 40)
				CHECK(strstr(d.lines[d.n - 1].text, "75") &&
				    strstr(d.lines[d.n - 1].text, "110-170"));
			drawing_release(&d);
		}
	}
	i18n_set_lang("en");
}

static void
t_flowchart_marks(void)
{
	struct drawing d;

	i18n_set_lang("zh");
	flowdraw_flowchart(&chart, 60, &d);
	CHECK(has_text(&d, "≤ 20"));
	CHECK(has_text(&d, "联合踏勘"));
	CHECK(has_text(&d, "多图联审"));
	CHECK(has_text(&d, "联合验收"));
	CHECK(has_text(&d, "立项用地规划许可"));
	/* The long name is cut on its line, whole in its full text. */
	CHECK(!has_text(&d, names[0]));
	CHECK(shows(&d, DRAW_ITEM, names[0]));
	drawing_release(&d);
	i18n_set_lang("en");
}

#define CASE(n, it, iname, off, oname, st, op, li, used, du, vis) \
	{ .no = n, .item = it, .item_name = iname, .office = off, .office_name = oname, \
	  .status = st, .open = op, .light = li, .used_days = used, .due = du, .visible = vis }
static struct project_case cases1[] = {
	CASE("5001032026112700001", "ZJ-001", "建设项目用地预审与选址意见书核发", "50010301",
	    "渝中区规划和自然资源局", "completed", 0, -1, 12, "2026-10-01", 1),
	CASE("5001032026112700002", "FG-003", "企业投资项目备案", "50010302", "渝中区发展和改革委员会",
	    "completed", 0, -1, 3, "2026-10-01", 1),
};
static struct project_case cases2[] = {
	CASE("5001032026112700010", "ZJ-002", "建设用地规划许可证核发", "50010301",
	    "渝中区规划和自然资源局", "under_review", 1, LIGHT_YELLOW, 20, "2026-12-01", 1),
	CASE("5001032026112700011", "HB-004", "环境影响评价审批", "50010305", "渝中区生态环境局",
	    "under_review", 1, LIGHT_GREEN, 5, "2026-12-09", 1),
	/* Out of the reader's sight: the service leaves no, status and due empty. */
	CASE("", "XF-005", "消防设计审查", "50010307", "渝中区住房城乡建设委", "", 1, LIGHT_RED, 30,
	    "", 0),
};
static char *joffices[] = { "50010301", "50010305" };
static char *jnames[] = { "渝中区规划和自然资源局", "渝中区生态环境局" };
static char *jfind[] = { "现场与申报一致，同意", NULL };
static struct project_joint joints2[] = {
	{ .id = 7, .kind = JOINT_DRAWINGS, .day = "2026-11-30", .place = "渝中区政务服务中心",
	  .status = "scheduled", .n_offices = 2, .offices = joffices, .office_names = jnames,
	  .findings = jfind },
};
static struct project_stage pstages[] = {
	{ .seq = 1, .opened = "2026-09-01", .closed = "2026-10-01", .used_days = 12,
	  .limit_days = 20, .light = -1, .n_cases = 2, .cases = cases1 },
	{ .seq = 2, .joint = JOINT_DRAWINGS, .opened = "2026-10-02", .used_days = 20,
	  .limit_days = 25, .light = LIGHT_YELLOW, .n_cases = 3, .cases = cases2, .n_joints = 1,
	  .joints = joints2 },
	{ .seq = 3, .limit_days = 10, .light = -1 },
	{ .seq = 4, .joint = JOINT_ACCEPTANCE, .limit_days = 20, .light = -1 },
};
static struct project proj = {
	.id = 1, .no = "XM202609010001", .flowchart = "real-estate",
	.org_code = "91500000MA5U0000XX", .org_name = "重庆某某置业有限公司", .name = "某某小区一期",
	.site = "500103", .opened = "2026-09-01", .status = PROJECT_OPEN, .stage = 2,
	.used_days = 32, .total_days = 75, .light = LIGHT_YELLOW, .on_time = -1,
	.critical = "5001032026112700010", .critical_office = "渝中区规划和自然资源局",
	.n_stages = 4, .stages = pstages
};

static void
t_project_critical(void)
{
	static const int widths[] = { 80, 40 };
	int w, c;

	for (int lang = 0; lang < 2; lang++) {
		i18n_set_lang(lang ? "zh" : "en");
		for (w = 0; w < 2; w++) {
			struct drawing d;

			flowdraw_project(&proj, &chart, widths[w], &d);
			CHECK(fits(&d, widths[w]));
			c = flowdraw_critical_line(&d);
			CHECK(c >= 0);
			if (c >= 0) {
				CHECK(strstr(d.lines[c].text, "▶") != NULL);
				CHECK(d.lines[c].strong);
				CHECK_INT(d.lines[c].stage, 1);
				CHECK_INT(d.lines[c].index, 0);
				CHECK(strstr(d.lines[c].full, "5001032026112700010") != NULL);
			}
			/* Only one case is marked. */
			for (int i = 0; i < d.n; i++)
				if (d.lines[i].critical)
					CHECK(d.lines[i].stage == 1 && d.lines[i].index == 0);
			/* (The unit tests run without catalogs: messages read in English.)
			 * The case out of sight is counted, its office and number unseen. */
			CHECK(has_text(&d, "+ 1 case out of your sight"));
			for (int i = 0; i < d.n; i++)
				CHECK(d.lines[i].kind != DRAW_CASE || d.lines[i].index != 2);
			CHECK(!has_text(&d, "消防设计审查"));
			/* The joint step: one office's findings, the other waiting. */
			CHECK(shows(&d, DRAW_FINDING, "现场与申报一致"));
			CHECK(shows(&d, DRAW_FINDING, "waiting"));
			/* Stages not reached list the items they will open. */
			CHECK(shows(&d, DRAW_ITEM, names[3]));
			drawing_release(&d);
		}
	}
	i18n_set_lang("en");
}

/* The case that holds the project back is out of the reader's sight: the
 * service names only its office, and the count of hidden cases is marked. */
static void
t_project_critical_hidden(void)
{
	struct project q = proj;
	struct drawing d;
	int c;

	q.critical = NULL;
	q.critical_office = "渝中区住房城乡建设委";
	flowdraw_project(&q, &chart, 80, &d);
	c = flowdraw_critical_line(&d);
	CHECK(c >= 0 && d.lines[c].kind == DRAW_TEXT &&
	    strstr(d.lines[c].text, "+ 1 case out of your sight") != NULL);
	CHECK(!has_text(&d, "▶"));
	drawing_release(&d);
}

static void
t_project_lights(void)
{
	struct drawing d;
	int i, yellow = 0;

	flowdraw_project(&proj, &chart, 80, &d);
	for (i = 0; i < d.n; i++)
		if (d.lines[i].kind == DRAW_CASE && d.lines[i].light == LIGHT_YELLOW) {
			yellow++;
			/* The light's mark is where the line says. */
			CHECK(d.lines[i].light_x > 0);
		}
	CHECK_INT(yellow, 1);
	CHECK(has_text(&d, "20 / 25 working days"));
	CHECK(has_text(&d, "total 32 / 75 working days"));
	drawing_release(&d);
}

const struct test tests_flowdraw[] = {
	{ "flowdraw: a CJK name is cut by display width", t_cut_by_width },
	{ "flowdraw: the diagram fits 80, 60, 40 and 24 columns; every item appears",
	  t_flowchart_fits },
	{ "flowdraw: stage limits, joint steps and the total are drawn", t_flowchart_marks },
	{ "flowdraw: the critical case is marked; cases out of sight counted only",
	  t_project_critical },
	{ "flowdraw: a critical case out of sight marks the count of hidden cases",
	  t_project_critical_hidden },
	{ "flowdraw: lights of cases and the project clock", t_project_lights },
	{ NULL, NULL }
};
