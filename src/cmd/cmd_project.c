/*
 * flowchart list | show, project new | show | list | find | export |
 * withdraw | joint | findings. A project out of the user's sight (none of
 * its cases visible) reads as one that does not exist; the project view
 * lists every case of it, those out of sight without their details.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "project.h"
#include "tcase.h"
#include "util.h"

static int
fail_cause(struct cmd_ctx *c, int rc, char *cause)
{
	cmd_fail(c, rc, "%s", cause ? cause : "?");
	free(cause);
	return rc;
}

static int
lang_en(void)
{
	return strcmp(i18n_lang(), "en") == 0;
}

static const char *
light_text(int light, int text)
{
	if (light < 0)
		return "";
	return text ? tcase_light_label((enum light)light) : clock_light_name((enum light)light);
}

/* flowchart ----------------------------------------------------------------------- */

int
cmd_flowchart_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "code", "name", "total_days", "before", "stages",
		"items" };
	const char *labels[6];
	struct flowchart *f = NULL;
	struct out o;
	char *cause = NULL;
	int n = 0, i, j, rc;

	labels[0] = _("code");
	labels[1] = _("flowchart");
	labels[2] = _("limit");
	labels[3] = _("before");
	labels[4] = _("stages");
	labels[5] = _("items");
	if ((rc = flowchart_list(c->s, &f, &n, &cause)) != 0)
		return fail_cause(c, rc, cause);
	if ((rc = cmd_table(c, &o, a->opt, FMT_TEXT, 6, keys, labels)) == EXIT_OK) {
		for (i = 0; i < n; i++) {
			char total[16], before[32], stages[16], items[16];
			const char *v[6];
			int ni = 0;

			for (j = 0; j < f[i].n_stages; j++)
				ni += f[i].stages[j].n_items;
			snprintf(total, sizeof total, "%d", f[i].total_days);
			snprintf(stages, sizeof stages, "%d", f[i].n_stages);
			snprintf(items, sizeof items, "%d", ni);
			utf8_copy(before, sizeof before, f[i].before);
			v[0] = f[i].code;
			v[1] = lang_en() ? f[i].name_en : f[i].name;
			v[2] = total;
			v[3] = before;
			v[4] = stages;
			v[5] = items;
			out_row(&o, v);
		}
		out_end(&o);
	}
	for (i = 0; i < n; i++)
		flowchart_release(&f[i]);
	free(f);
	return rc;
}

int
cmd_flowchart_show(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "stage", "stage_name", "stage_days", "joint", "item",
		"item_name" };
	const char *labels[6];
	const char *fmt = cmd_arg(a, "format");
	struct flowchart f;
	struct out o;
	char *cause = NULL;
	int i, j, rc, text = fmt == NULL || strcmp(fmt, "text") == 0;

	labels[0] = _("stage");
	labels[1] = _("stage name");
	labels[2] = _("days");
	labels[3] = _("joint step");
	labels[4] = _("item");
	labels[5] = _("item name");
	if ((rc = flowchart_get(c->s, a->pos[0], &f, &cause)) != 0)
		return fail_cause(c, rc, cause);
	if (text) {
		int sum = 0;

		for (i = 0; i < f.n_stages; i++)
			sum += f.stages[i].limit_days;
		out_printf_safe(c->out, "%s  %s\n", f.code, lang_en() ? f.name_en : f.name);
		out_printf_safe(c->out, _("%d stages, %d working days in all (the stages' limits add "
		    "up to %d); the serial process took %s\n"), f.n_stages, f.total_days, sum,
		    f.before);
	}
	if ((rc = cmd_table(c, &o, a->opt, FMT_TEXT, 6, keys, labels)) == EXIT_OK) {
		for (i = 0; i < f.n_stages; i++) {
			const struct flow_stage *g = &f.stages[i];

			for (j = 0; j < g->n_items; j++) {
				char seq[16], days[16];
				const char *v[6];
				int first = j == 0 || !text;

				snprintf(seq, sizeof seq, "%d", g->seq);
				snprintf(days, sizeof days, "%d", g->limit_days);
				/* Text: the stage's fields once, on its first row. */
				v[0] = first ? seq : "";
				v[1] = first ? (lang_en() ? g->name_en : g->name) : "";
				v[2] = first ? days : "";
				v[3] = first ? (text ? project_joint_label(g->joint) :
				    project_joint_name(g->joint)) : "";
				v[4] = g->items[j];
				v[5] = g->item_names[j];
				out_row(&o, v);
			}
		}
		out_end(&o);
	}
	flowchart_release(&f);
	return rc;
}

int
cmd_flowchart_import(struct cmd_ctx *c, struct cmd_args *a)
{
	struct flowchart *f = NULL;
	char *cause = NULL;
	int rc, n = 0, i;

	if ((rc = flowchart_import(c->s, a->pos[0], &cause)) != 0)
		return fail_cause(c, rc, cause);
	if (flowchart_list(c->s, &f, &n, &cause) != 0)
		free(cause);
	out_printf_safe(c->out, _("loaded; %d flowcharts in all\n"), n);
	for (i = 0; i < n; i++)
		flowchart_release(&f[i]);
	free(f);
	return EXIT_OK;
}

/* project new, withdraw, joint, findings ------------------------------------------ */

int
cmd_project_new(struct cmd_ctx *c, struct cmd_args *a)
{
	struct project_new in;
	char *cause = NULL, no[32];
	int rc;

	if (!cmd_arg(a, "flowchart") || !cmd_arg(a, "org") || !cmd_arg(a, "org-name") ||
	    !cmd_arg(a, "name"))
		return cmd_row_usage(c, a);
	memset(&in, 0, sizeof in);
	in.flowchart = cmd_arg(a, "flowchart");
	in.org_code = cmd_arg(a, "org");
	in.org_name = cmd_arg(a, "org-name");
	in.name = cmd_arg(a, "name");
	in.site = cmd_arg(a, "site");
	in.phone = cmd_arg(a, "phone");
	in.channel = cmd_arg(a, "channel");
	if ((rc = project_open(c->s, &in, no, &cause)) != 0)
		return fail_cause(c, rc, cause);
	out_printf_safe(c->out, "%s\n", no);
	return EXIT_OK;
}

/* Where the project stands now, after an action. */
static int
print_state(struct cmd_ctx *c, const char *no)
{
	struct project p;
	char *cause = NULL;

	if (project_get(c->s, no, &p, &cause) != 0) {
		free(cause);
		return EXIT_OK;	/* the action is recorded; no script must take it again */
	}
	out_printf_safe(c->out, _("%s: %s, stage %d of %d, %d / %d working days\n"), p.no,
	    project_status_label(p.status), p.stage, p.n_stages, p.used_days, p.total_days);
	project_release(&p);
	return EXIT_OK;
}

int
cmd_project_withdraw(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	int rc;

	if ((rc = project_withdraw(c->s, a->pos[0], cmd_arg(a, "note"), &cause)) != 0)
		return fail_cause(c, rc, cause);
	return print_state(c, a->pos[0]);
}

int
cmd_project_joint(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *kind = cmd_arg(a, "kind");
	enum joint_kind k;
	char *cause = NULL;
	int rc;

	if (!kind || !cmd_arg(a, "day") || !cmd_arg(a, "place"))
		return cmd_row_usage(c, a);
	if (project_joint_parse(kind, &k) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--kind: expected survey, drawings or acceptance, "
		    "not '%s'"), kind);
	rc = project_joint_schedule(c->s, a->pos[0], k, cmd_arg(a, "day"), cmd_arg(a, "place"),
	    &cause);
	if (rc != 0)
		return fail_cause(c, rc, cause);
	return print_state(c, a->pos[0]);
}

int
cmd_project_findings(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *v = cmd_arg(a, "joint");
	long joint = 0;
	char *cause = NULL;
	int rc;

	if (!cmd_arg(a, "text"))
		return cmd_row_usage(c, a);
	if (v && parse_int(v, 1, 2147483647, &joint) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--joint: expected the joint step's number, not "
		    "'%s'"), v);
	if ((rc = project_joint_record(c->s, a->pos[0], joint, cmd_arg(a, "text"), &cause)) != 0)
		return fail_cause(c, rc, cause);
	return print_state(c, a->pos[0]);
}

/* project show -------------------------------------------------------------------- */

static const char *const case_keys[] = {
	"stage", "stage_name", "case_no", "item", "item_name", "office", "office_name", "status",
	"light", "used_days", "due", "visible"
};
#define NCASE (sizeof case_keys / sizeof case_keys[0])

static void
case_values(const struct project_stage *g, const struct project_case *k, char num[2][16],
    const char *v[NCASE], int text)
{
	snprintf(num[0], 16, "%d", g->seq);
	snprintf(num[1], 16, "%d", k->used_days);
	v[0] = num[0];
	v[1] = g->name;
	v[2] = k->visible ? k->no : text ? _("(not yours to see)") : "";
	v[3] = k->item;
	v[4] = k->item_name;
	v[5] = k->office;
	v[6] = k->office_name;
	v[7] = text && *k->status ? tcase_status_label(k->status) : k->status;
	v[8] = light_text(k->light, text);
	v[9] = num[1];
	v[10] = k->due;
	v[11] = k->visible ? "1" : "0";
}

static void
label(FILE *fp, const char *l)
{
	out_pad(fp, l, 12);
}

static int
print_event(void *arg, const struct event *e)
{
	FILE *fp = arg;

	out_printf_safe(fp, "  %.16s  ", e->at);
	out_pad(fp, tcase_action_label(e->action), 16);
	out_printf_safe(fp, " %s%s%s\n", e->actor, *e->note ? "  " : "", e->note);
	return 0;
}

static int
json_event(void *arg, const struct event *e)
{
	struct json *j = arg;

	json_begin_object(j);
	json_key(j, "at");
	json_string(j, e->at);
	json_key(j, "actor");
	json_string(j, e->actor);
	json_key(j, "action");
	json_string(j, e->action);
	json_key(j, "from");
	json_string(j, e->from_status);
	json_key(j, "to");
	json_string(j, e->to_status);
	json_key(j, "note");
	json_string(j, e->note);
	json_end(j);
	return 0;
}

/* The project as one JSON object, its events (subject project:NO) last:
 * -1 when the store failed reading them. */
static int
json_project(struct json *j, const struct project *p, struct cmd_ctx *c)
{
	struct sb subject = SB_INIT;
	int rc;

	int i, k, m;

	json_begin_object(j);
	json_key(j, "no");
	json_string(j, p->no);
	json_key(j, "name");
	json_string(j, p->name);
	json_key(j, "flowchart");
	json_string(j, p->flowchart);
	json_key(j, "flowchart_name");
	json_string(j, p->flowchart_name);
	json_key(j, "org_code");
	json_string(j, p->org_code);
	json_key(j, "org_name");
	json_string(j, p->org_name);
	json_key(j, "site");
	json_string(j, p->site);
	json_key(j, "site_name");
	json_string(j, p->site_name ? p->site_name : "");
	json_key(j, "hall_region");
	json_string(j, p->hall);
	json_key(j, "status");
	json_string(j, project_status_name(p->status));
	json_key(j, "stop_reason");
	json_string(j, p->stop_reason);
	json_key(j, "opened");
	json_string(j, p->opened);
	json_key(j, "closed");
	if (p->closed)
		json_string(j, p->closed);
	else
		json_null(j);
	json_key(j, "stage");
	json_int(j, p->stage);
	json_key(j, "used_days");
	json_int(j, p->used_days);
	json_key(j, "total_days");
	json_int(j, p->total_days);
	json_key(j, "light");
	json_string(j, light_text(p->light, 0));
	json_key(j, "on_time");
	if (p->on_time < 0)
		json_null(j);
	else
		json_bool(j, p->on_time);
	json_key(j, "critical");
	if (p->critical)
		json_string(j, p->critical);
	else
		json_null(j);
	json_key(j, "critical_office");
	if (p->critical_office)
		json_string(j, p->critical_office);
	else
		json_null(j);
	json_key(j, "waiting_joint");
	if (p->waiting_joint)
		json_string(j, project_joint_name(p->waiting_joint));
	else
		json_null(j);
	json_key(j, "version");
	json_int(j, p->version);
	json_key(j, "stages");
	json_begin_array(j);
	for (i = 0; i < p->n_stages; i++) {
		const struct project_stage *g = &p->stages[i];

		json_begin_object(j);
		json_key(j, "seq");
		json_int(j, g->seq);
		json_key(j, "name");
		json_string(j, g->name);
		json_key(j, "opened");
		if (g->opened)
			json_string(j, g->opened);
		else
			json_null(j);
		json_key(j, "closed");
		if (g->closed)
			json_string(j, g->closed);
		else
			json_null(j);
		json_key(j, "used_days");
		json_int(j, g->used_days);
		json_key(j, "limit_days");
		json_int(j, g->limit_days);
		json_key(j, "light");
		json_string(j, light_text(g->light, 0));
		json_key(j, "joint");
		json_string(j, project_joint_name(g->joint));
		json_key(j, "cases");
		json_begin_array(j);
		for (k = 0; k < g->n_cases; k++) {
			const struct project_case *pc = &g->cases[k];

			json_begin_object(j);
			json_key(j, "visible");
			json_bool(j, pc->visible);
			json_key(j, "no");
			json_string(j, pc->no);
			json_key(j, "item");
			json_string(j, pc->item);
			json_key(j, "item_name");
			json_string(j, pc->item_name);
			json_key(j, "office");
			json_string(j, pc->office);
			json_key(j, "office_name");
			json_string(j, pc->office_name);
			json_key(j, "status");
			json_string(j, pc->status);
			json_key(j, "light");
			json_string(j, light_text(pc->light, 0));
			json_key(j, "used_days");
			json_int(j, pc->used_days);
			json_key(j, "due");
			json_string(j, pc->due);
			json_end(j);
		}
		json_end(j);
		json_key(j, "joints");
		json_begin_array(j);
		for (k = 0; k < g->n_joints; k++) {
			const struct project_joint *jt = &g->joints[k];

			json_begin_object(j);
			json_key(j, "id");
			json_int(j, jt->id);
			json_key(j, "kind");
			json_string(j, project_joint_name(jt->kind));
			json_key(j, "day");
			json_string(j, jt->day);
			json_key(j, "place");
			json_string(j, jt->place);
			json_key(j, "status");
			json_string(j, jt->status);
			json_key(j, "offices");
			json_begin_array(j);
			for (m = 0; m < jt->n_offices; m++) {
				json_begin_object(j);
				json_key(j, "office");
				json_string(j, jt->offices[m]);
				json_key(j, "office_name");
				json_string(j, jt->office_names[m]);
				json_key(j, "findings");
				if (jt->findings[m])
					json_string(j, jt->findings[m]);
				else
					json_null(j);
				json_end(j);
			}
			json_end(j);
			json_end(j);
		}
		json_end(j);
		json_end(j);
	}
	json_end(j);
	json_key(j, "events");
	json_begin_array(j);
	sb_addf(&subject, "project:%s", p->no);
	rc = store_event_each_of_subject(c->s->st, subject.buf, json_event, j);
	sb_release(&subject);
	json_end(j);
	json_end(j);
	return rc;
}

int
cmd_project_show(struct cmd_ctx *c, struct cmd_args *a)
{
	const struct opt *o = a->opt;
	struct project p;
	enum fmt fmt = FMT_TEXT;
	struct sb subject = SB_INIT;
	char *cause = NULL, num[2][16];
	const char *v[NCASE];
	FILE *fp = c->out;
	int rc, i, k, m;

	/* One record: JSON Lines are for lists. */
	if (cmd_opt(o, "format") && (out_parse_format(cmd_opt(o, "format"), &fmt) != 0 ||
	    fmt == FMT_JSONL))
		return cmd_fail(c, EXIT_INVALID, _("--format: expected text, csv, tsv or json, "
		    "found '%s'"), cmd_opt(o, "format"));
	if ((rc = project_get(c->s, a->pos[0], &p, &cause)) != 0)
		return fail_cause(c, rc, cause);
	if (fmt == FMT_CSV || fmt == FMT_TSV) {
		struct out ot;

		if ((rc = cmd_table(c, &ot, o, fmt, NCASE, case_keys, NULL)) == EXIT_OK) {
			for (i = 0; i < p.n_stages; i++)
				for (k = 0; k < p.stages[i].n_cases; k++) {
					case_values(&p.stages[i], &p.stages[i].cases[k], num, v, 0);
					out_row(&ot, v);
				}
			out_end(&ot);
		}
		project_release(&p);
		return rc;
	}
	if (fmt == FMT_JSON) {
		struct json j;

		json_init(&j, fp);
		rc = json_project(&j, &p, c);
		fputc('\n', fp);
		project_release(&p);
		return rc != 0 ? cmd_store_error(c) : EXIT_OK;
	}
	label(fp, _("project no"));
	out_printf_safe(fp, "%s\n", p.no);
	label(fp, _("project"));
	out_printf_safe(fp, "%s\n", p.name);
	label(fp, _("enterprise"));
	out_printf_safe(fp, "%s  %s\n", p.org_name, p.org_code);
	label(fp, _("flowchart"));
	out_printf_safe(fp, "%s  %s\n", p.flowchart, p.flowchart_name);
	label(fp, _("site"));
	out_printf_safe(fp, _("%s (%s); opened %s at the hall of %s\n"),
	    p.site_name ? p.site_name : "", p.site, p.opened, p.hall_name ? p.hall_name : p.hall);
	label(fp, _("status"));
	if (p.status == PROJECT_OPEN)
		out_printf_safe(fp, _("%s, stage %d of %d\n"), project_status_label(p.status), p.stage,
		    p.n_stages);
	else
		out_printf_safe(fp, "%s %s%s%s\n", project_status_label(p.status),
		    p.closed ? p.closed : "", *p.stop_reason ? _(": ") : "", p.stop_reason);
	label(fp, _("clock"));
	if (p.status == PROJECT_OPEN)
		out_printf_safe(fp, _("%d / %d working days used, %s light\n"), p.used_days,
		    p.total_days, tcase_light_label((enum light)p.light));
	else if (p.on_time >= 0)
		out_printf_safe(fp, _("%d / %d working days used, %s\n"), p.used_days, p.total_days,
		    p.on_time ? _("on time") : _("late"));
	else
		out_printf_safe(fp, _("%d / %d working days used\n"), p.used_days, p.total_days);
	if (p.critical_office) {
		label(fp, _("held by"));
		out_printf_safe(fp, "%s%s%s%s%s\n", p.critical ? p.critical : "", p.critical ? "  " : "",
		    p.critical_office, p.waiting_joint ? _(", findings of the ") : "",
		    p.waiting_joint ? project_joint_label(p.waiting_joint) : "");
	} else if (p.waiting_joint) {
		label(fp, _("held by"));
		out_printf_safe(fp, _("the %s, not scheduled yet\n"), project_joint_label(p.waiting_joint));
	}
	for (i = 0; i < p.n_stages; i++) {
		const struct project_stage *g = &p.stages[i];
		struct out ot;
		const char *lab[7];
		static const char *const keys[] = { "case_no", "item_name", "office_name", "status",
			"light", "used_days", "due" };

		fputc('\n', fp);
		out_printf_safe(fp, _("stage %d  %s  limit %d working days"), g->seq, g->name,
		    g->limit_days);
		if (g->joint != JOINT_NONE)
			out_printf_safe(fp, "  %s", project_joint_label(g->joint));
		fputc('\n', fp);
		if (g->opened == NULL) {
			out_printf_safe(fp, "  %s\n", _("not reached yet"));
			continue;
		}
		out_printf_safe(fp, _("  opened %s%s%s, %d / %d working days used%s%s\n"), g->opened,
		    g->closed ? _(", closed ") : "", g->closed ? g->closed : "", g->used_days,
		    g->limit_days, g->light > 0 ? _(", light ") : "",
		    g->light > 0 ? tcase_light_label((enum light)g->light) : "");
		lab[0] = _("case no");
		lab[1] = _("item");
		lab[2] = _("office");
		lab[3] = _("status");
		lab[4] = _("light");
		lab[5] = _("days");
		lab[6] = _("due");
		if (cmd_table(c, &ot, o, FMT_TEXT, 7, keys, lab) != EXIT_OK)
			break;
		for (k = 0; k < g->n_cases; k++) {
			const char *t[7];

			case_values(g, &g->cases[k], num, v, 1);
			t[0] = v[2];
			t[1] = v[4];
			t[2] = v[6];
			t[3] = v[7];
			t[4] = v[8];
			t[5] = v[9];
			t[6] = v[10];
			out_row(&ot, t);
		}
		out_end(&ot);
		for (k = 0; k < g->n_joints; k++) {
			const struct project_joint *jt = &g->joints[k];

			out_printf_safe(fp, _("  %s #%ld: %s at %s, %s\n"), project_joint_label(jt->kind),
			    jt->id, jt->day, jt->place, strcmp(jt->status, "closed") == 0 ?
			    _("closed") : _("waiting for findings"));
			for (m = 0; m < jt->n_offices; m++)
				out_printf_safe(fp, "    %s: %s\n", jt->office_names[m],
				    jt->findings[m] ? jt->findings[m] : _("(no findings yet)"));
		}
	}
	fputc('\n', fp);
	out_printf_safe(fp, "%s\n", _("timeline"));
	sb_addf(&subject, "project:%s", p.no);
	rc = store_event_each_of_subject(c->s->st, subject.buf, print_event, fp);
	sb_release(&subject);
	project_release(&p);
	return rc != 0 ? cmd_store_error(c) : EXIT_OK;
}

/* project list, find, export ----------------------------------------------------- */

static const char *const list_keys[] = {
	"no", "name", "flowchart", "org_code", "org_name", "site", "status", "stage", "light",
	"used_days", "total_days", "on_time", "opened", "closed", "critical", "critical_office",
	"stop_reason"
};
#define NLIST (sizeof list_keys / sizeof list_keys[0])
static const int list_text[] = { 0, 1, 4, 6, 7, 8, 9, 15 };
#define NLTEXT (sizeof list_text / sizeof list_text[0])

struct plist {
	struct out o;
	int text;
};

static int
list_row(void *arg, const struct project *p)
{
	struct plist *l = arg;
	char stage[16], used[16], total[16], days[40];
	const char *v[NLIST];
	size_t i;

	snprintf(stage, sizeof stage, "%d", p->stage);
	snprintf(used, sizeof used, "%d", p->used_days);
	snprintf(total, sizeof total, "%d", p->total_days);
	v[0] = p->no;
	v[1] = p->name;
	v[2] = p->flowchart;
	v[3] = p->org_code;
	v[4] = p->org_name;
	v[5] = p->site;
	v[6] = l->text ? project_status_label(p->status) : project_status_name(p->status);
	v[7] = stage;
	v[8] = light_text(p->light, l->text);
	v[9] = used;
	v[10] = total;
	v[11] = p->on_time < 0 ? "" : p->on_time ? "1" : "0";
	v[12] = p->opened;
	v[13] = p->closed ? p->closed : "";
	v[14] = p->critical ? p->critical : "";
	v[15] = p->critical_office ? p->critical_office : p->waiting_joint && l->text ?
	    project_joint_label(p->waiting_joint) : "";
	v[16] = p->stop_reason;
	if (l->text) {
		const char *t[NLTEXT];

		snprintf(days, sizeof days, "%d/%d", p->used_days, p->total_days);
		v[9] = days;
		if (p->on_time >= 0)
			v[8] = p->on_time ? _("on time") : _("late");
		for (i = 0; i < NLTEXT; i++)
			t[i] = v[list_text[i]];
		out_row(&l->o, t);
	} else
		out_row(&l->o, v);
	return 0;
}

static int
list_or_find(struct cmd_ctx *c, struct cmd_args *a, int find, int export)
{
	struct project_filter f;
	struct plist l;
	const char *v, *fmt = cmd_arg(a, "format");
	char *cause = NULL;
	long n;
	int rc;

	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	f.limit = export ? 0 : 50;
	if ((v = cmd_arg(a, "limit")) != NULL) {
		if (parse_int(v, 1, 100000000, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--limit: expected a positive number, not '%s'"), v);
		f.limit = n;
	}
	if (find || export) {
		enum project_status st;
		enum light lt;

		f.flowchart = cmd_arg(a, "flowchart");
		f.status = cmd_arg(a, "status");
		f.region = cmd_arg(a, "region");
		if (f.status && project_status_parse(f.status, &st) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--status: expected open, done, stopped or "
			    "withdrawn, not '%s'"), f.status);
		if ((v = cmd_arg(a, "light")) != NULL) {
			if (clock_light_parse(v, &lt) != 0)
				return cmd_fail(c, EXIT_INVALID, _("--light: expected green, yellow or red, "
				    "not '%s'"), v);
			f.light = lt;
		}
		if (f.region && strcmp(f.region, "500000") == 0)
			f.region = "50";
	}
	l.text = !export && (fmt == NULL || strcmp(fmt, "text") == 0);
	if (l.text) {
		/* Static: the text table reads them again at out_end. */
		static const char *keys[NLTEXT], *labels[NLTEXT];
		size_t i;

		labels[0] = _("project no");
		labels[1] = _("project");
		labels[2] = _("enterprise");
		labels[3] = _("status");
		labels[4] = _("stage");
		labels[5] = _("light");
		labels[6] = _("days");
		labels[7] = _("held by");
		for (i = 0; i < NLTEXT; i++)
			keys[i] = list_keys[list_text[i]];
		rc = cmd_table(c, &l.o, a->opt, FMT_TEXT, NLTEXT, keys, labels);
	} else {
		/* JSON: the stage and the days as numbers. */
		static const unsigned char numeric[NLIST] = { [7] = 1, [9] = 1, [10] = 1 };

		rc = cmd_table(c, &l.o, a->opt, export ? FMT_CSV : FMT_TEXT, NLIST, list_keys, NULL);
		l.o.numeric = numeric;
	}
	if (rc != EXIT_OK)
		return rc;
	rc = project_find(c->s, &f, list_row, &l, &cause);
	out_end(&l.o);
	if (rc != 0)
		return fail_cause(c, rc, cause);
	return EXIT_OK;
}

int
cmd_project_list(struct cmd_ctx *c, struct cmd_args *a)
{
	return list_or_find(c, a, 0, 0);
}

int
cmd_project_find(struct cmd_ctx *c, struct cmd_args *a)
{
	return list_or_find(c, a, 1, 0);
}

int
cmd_project_export(struct cmd_ctx *c, struct cmd_args *a)
{
	return list_or_find(c, a, 1, 1);
}
