/*
 * Investment projects under the "1+8" flowcharts: opening a project and
 * its first stage's cases, the gate that opens the next stage when the
 * last case of a stage is decided in favour (and its joint step closed),
 * the stop at a denial, withdrawal, the joint steps, and the project's
 * clock read from its cases. Every change is one transaction with its
 * events (subject project:NO) in the audit chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "exitcode.h"
#include "i18n.h"
#include "ids.h"
#include "lifecycle.h"
#include "load.h"
#include "project.h"
#include "tcase.h"
#include "util.h"

/* The rules, as `help project` and `help flowchart` explain them. */
const char *const project_help[] = {
	N_("A flowchart (flowchart list) is stages in order; the items of a stage run in "
	   "parallel, each a case routed to its competent office at the site."),
	N_("project new (a window clerk) opens the project and its first stage's cases together: "
	   "the enterprise is the applicant, taken in online with every required material."),
	N_("When the last case of a stage is decided in favour, and the stage's joint step "
	   "(survey, drawings, acceptance) has every office's findings, the next stage opens; "
	   "after the last stage the project is done."),
	N_("A case of the stage denied, not accepted or withdrawn stops the project; its other "
	   "cases go on. project withdraw withdraws every open case."),
	N_("The clock: a stage's working days are those of its slowest case (paused days left "
	   "out), the project's the sum of its stages'; yellow from the warning share of a limit, "
	   "red past it; the light is the worse of the stage's and the total's."),
	N_("You see a project when you may see one of its cases, and only those cases' details."),
	NULL
};

static const char *const joint_words[] = { "", "survey", "drawings", "acceptance" };
static const char *const status_words[] = { "open", "done", "stopped", "withdrawn" };

const char *
project_joint_name(enum joint_kind k)
{
	return k >= JOINT_NONE && k <= JOINT_ACCEPTANCE ? joint_words[k] : "";
}

int
project_joint_parse(const char *s, enum joint_kind *k)
{
	int i;

	for (i = JOINT_SURVEY; s != NULL && i <= JOINT_ACCEPTANCE; i++)
		if (strcmp(s, joint_words[i]) == 0) {
			*k = (enum joint_kind)i;
			return 0;
		}
	return -1;
}

const char *
project_joint_label(enum joint_kind k)
{
	switch (k) {
	case JOINT_SURVEY:
		return _("joint site survey (联合踏勘)");
	case JOINT_DRAWINGS:
		return _("joint drawing review (多图联审)");
	case JOINT_ACCEPTANCE:
		return _("joint completion acceptance (联合验收)");
	case JOINT_NONE:
		break;
	}
	return "";
}

const char *
project_status_name(enum project_status st)
{
	return st >= PROJECT_OPEN && st <= PROJECT_WITHDRAWN ? status_words[st] : "";
}

int
project_status_parse(const char *s, enum project_status *st)
{
	int i;

	for (i = PROJECT_OPEN; s != NULL && i <= PROJECT_WITHDRAWN; i++)
		if (strcmp(s, status_words[i]) == 0) {
			*st = (enum project_status)i;
			return 0;
		}
	return -1;
}

const char *
project_status_label(enum project_status st)
{
	switch (st) {
	case PROJECT_OPEN:
		return _("in progress");
	case PROJECT_DONE:
		return _("done");
	case PROJECT_STOPPED:
		return _("stopped");
	case PROJECT_WITHDRAWN:
		return _("withdrawn");
	}
	return "";
}

static int
lang_en(void)
{
	return strcmp(i18n_lang(), "en") == 0;
}

/* Flowcharts -------------------------------------------------------------------- */

void
flowchart_release(struct flowchart *f)
{
	int i, j;

	for (i = 0; i < f->n_stages; i++) {
		struct flow_stage *g = &f->stages[i];

		for (j = 0; j < g->n_items; j++) {
			free(g->items[j]);
			free(g->item_names[j]);
		}
		free(g->items);
		free(g->item_names);
		free(g->name);
		free(g->name_en);
	}
	free(f->stages);
	free(f->code);
	free(f->name);
	free(f->name_en);
	free(f->before);
	memset(f, 0, sizeof *f);
}

static int
chart_row(void *arg, int n, const char *const *v)
{
	struct flowchart *f = arg;

	(void)n;
	f->code = xstrdup(v[0]);
	f->name = xstrdup(v[1]);
	f->name_en = xstrdup(v[2]);
	f->total_days = atoi(v[3]);
	f->before = xstrdup(v[4] ? v[4] : "");
	return 0;
}

static int
stage_row(void *arg, int n, const char *const *v)
{
	struct flowchart *f = arg;
	struct flow_stage *g;
	enum joint_kind k = JOINT_NONE;

	(void)n;
	f->stages = xreallocarray(f->stages, (size_t)f->n_stages + 1, sizeof *f->stages);
	g = &f->stages[f->n_stages++];
	memset(g, 0, sizeof *g);
	g->seq = atoi(v[0]);
	g->name = xstrdup(v[1]);
	g->name_en = xstrdup(v[2]);
	g->limit_days = atoi(v[3]);
	if (v[4] && *v[4])
		project_joint_parse(v[4], &k);
	g->joint = k;
	return 0;
}

static int
item_row(void *arg, int n, const char *const *v)
{
	struct flowchart *f = arg;
	int seq = atoi(v[0]), i;

	(void)n;
	for (i = 0; i < f->n_stages; i++) {
		struct flow_stage *g = &f->stages[i];

		if (g->seq != seq)
			continue;
		g->items = xreallocarray(g->items, (size_t)g->n_items + 1, sizeof *g->items);
		g->item_names = xreallocarray(g->item_names, (size_t)g->n_items + 1,
		    sizeof *g->item_names);
		g->items[g->n_items] = xstrdup(v[1]);
		g->item_names[g->n_items] = xstrdup(lang_en() && v[3] && *v[3] ? v[3] : v[2]);
		g->n_items++;
	}
	return 0;
}

/* Read flowchart code: 0, STORE_NOTFOUND or -1 (store_error). */
static int
chart_read(struct store *st, const char *code, struct flowchart *f)
{
	int rc;

	memset(f, 0, sizeof *f);
	rc = store_flowchart_each(st, code, chart_row, f);
	if (rc == 0)
		rc = store_flow_stage_each(st, code, stage_row, f);
	if (rc == 0)
		rc = store_flow_item_each(st, code, item_row, f);
	if (rc != 0)
		flowchart_release(f);
	return rc;
}

static int
code_row(void *arg, int n, const char *const *v)
{
	struct sb *codes = arg;

	(void)n;
	sb_adds(codes, v[0]);
	sb_addc(codes, '\n');
	return 0;
}

int
flowchart_list(struct session *s, struct flowchart **out, int *n, char **cause)
{
	struct sb codes = SB_INIT;
	char *p, *nl;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_flowchart_each(s->st, NULL, code_row, &codes);
	if (rc < 0) {
		set_cause(cause, _("cannot read the flowcharts: %s"), store_error(s->st));
		sb_release(&codes);
		return EXIT_INTERNAL;
	}
	for (p = codes.buf; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
		if (chart_read(s->st, p, &(*out)[*n]) != 0) {
			set_cause(cause, _("cannot read flowchart '%s': %s"), p, store_error(s->st));
			sb_release(&codes);
			while (*n > 0)
				flowchart_release(&(*out)[--*n]);
			free(*out);
			*out = NULL;
			return EXIT_INTERNAL;
		}
		(*n)++;
	}
	sb_release(&codes);
	return EXIT_OK;
}

/* The codes of every flowchart, for a message: "general, real-estate". */
static void
chart_codes(struct store *st, struct sb *sb)
{
	struct sb codes = SB_INIT;
	char *p;

	store_flowchart_each(st, NULL, code_row, &codes);
	for (p = codes.buf; p && *p; p++)
		sb_adds(sb, *p == '\n' ? (p[1] ? ", " : "") : (char[2]){ *p, '\0' });
	sb_release(&codes);
}

int
flowchart_get(struct session *s, const char *code, struct flowchart *f, char **cause)
{
	int rc = chart_read(s->st, code, f);

	if (rc == STORE_NOTFOUND) {
		struct sb known = SB_INIT;

		chart_codes(s->st, &known);
		set_cause(cause, _("no flowchart '%s' (expected one of %s)"), code, known.buf);
		sb_release(&known);
		return EXIT_NOTFOUND;
	}
	if (rc != 0) {
		set_cause(cause, _("cannot read flowchart '%s': %s"), code, store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static const struct flow_stage *
chart_stage(const struct flowchart *f, int seq)
{
	int i;

	for (i = 0; i < f->n_stages; i++)
		if (f->stages[i].seq == seq)
			return &f->stages[i];
	return NULL;
}

/* Project rows ------------------------------------------------------------------ */

struct prow {
	long long id;
	char *no, *flowchart, *org_code, *org_name, *name, *site, *hall, *opened_by;
	char *opened, *closed, *status, *stop_reason;
	int stage, version;
};

static void
prow_release(struct prow *p)
{
	free(p->no);
	free(p->flowchart);
	free(p->org_code);
	free(p->org_name);
	free(p->name);
	free(p->site);
	free(p->hall);
	free(p->opened_by);
	free(p->opened);
	free(p->closed);
	free(p->status);
	free(p->stop_reason);
	memset(p, 0, sizeof *p);
}

static int
prow_fill(void *arg, int n, const char *const *v)
{
	struct prow *p = arg;

	(void)n;
	p->id = atoll(v[0]);
	p->no = xstrdup(v[1]);
	p->flowchart = xstrdup(v[2]);
	p->org_code = xstrdup(v[3]);
	p->org_name = xstrdup(v[4]);
	p->name = xstrdup(v[5]);
	p->site = xstrdup(v[6]);
	p->hall = xstrdup(v[7]);
	p->opened_by = xstrdup(v[8]);
	p->opened = xstrdup(v[9]);
	p->closed = v[10] ? xstrdup(v[10]) : NULL;
	p->status = xstrdup(v[11]);
	p->stop_reason = xstrdup(v[12] ? v[12] : "");
	p->stage = atoi(v[13]);
	p->version = atoi(v[14]);
	return 0;
}

/* By number, or by id when no is NULL: 0, STORE_NOTFOUND or -1. */
static int
prow_get(struct store *st, const char *no, long long id, struct prow *p)
{
	memset(p, 0, sizeof *p);
	return store_project_get(st, no, id, prow_fill, p);
}

/* The cases of a project, by stage. */
struct pcase {
	int stage;
	long long id;
};
struct pcases {
	struct pcase *v;
	int n;
};

static int
pcase_row(void *arg, int n, const char *const *v)
{
	struct pcases *pc = arg;

	(void)n;
	pc->v = xreallocarray(pc->v, (size_t)pc->n + 1, sizeof *pc->v);
	pc->v[pc->n].stage = atoi(v[0]);
	pc->v[pc->n].id = atoll(v[1]);
	pc->n++;
	return 0;
}

static int
pcases_read(struct store *st, long long project_id, struct pcases *pc)
{
	memset(pc, 0, sizeof *pc);
	return store_project_case_each(st, project_id, pcase_row, pc);
}

/* Events ------------------------------------------------------------------------ */

static int
project_event(struct store *st, const struct actor *who, const char *no, long long case_id,
    const char *action, const char *from, const char *to, const char *note, char **cause)
{
	struct audit_chain ch;
	struct sb subject = SB_INIT;
	struct event e;
	char at[32];
	int rc;

	clock_stamp(who->today, at);
	memset(&e, 0, sizeof e);
	if (no != NULL)
		sb_addf(&subject, "project:%s", no);
	e.case_id = case_id;
	e.subject = subject.buf ? subject.buf : (char *)"";
	e.at = at;
	e.actor = who->user->login;
	e.addr = (char *)(who->addr ? who->addr : "");
	e.action = (char *)action;
	e.from_status = (char *)(from ? from : "");
	e.to_status = (char *)(to ? to : "");
	e.note = (char *)(note ? note : "");
	audit_chain_load(st, &ch);
	rc = audit_append(st, &ch, &e, cause);
	if (rc == 0)
		rc = audit_chain_save(st, &ch, cause);
	sb_release(&subject);
	return rc;
}

/* Stages ------------------------------------------------------------------------ */

struct mats {
	struct sb list;
};

static int
required_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	struct mats *m = arg;

	(void)name;
	(void)secondary;
	if (required)
		sb_addf(&m->list, "%s%d", m->list.len ? "," : "", seq);
	return 0;
}

/* Open stage g of project p today: one case per item, taken in together as
 * the project's (one form for all: every required material received),
 * routed to the offices of the site. Inside the caller's transaction. */
static int
open_stage(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct prow *p, const struct flow_stage *g, const char *phone, const char *region,
    const char *channel, char **cause)
{
	struct sb note = SB_INIT;
	char today[11];
	int i, rc = 0;

	clock_format_date(who->today, today);
	if (store_project_stage_open(st, p->id, g->seq, today, cause) != 0)
		return EXIT_INTERNAL;
	sb_addf(&note, _("stage %d %s:"), g->seq, lang_en() ? g->name_en : g->name);
	for (i = 0; i < g->n_items && rc == 0; i++) {
		struct intake in;
		struct mats m;
		struct item it;
		struct tcase c;
		char no[32];

		memset(&in, 0, sizeof in);
		memset(&m, 0, sizeof m);
		sb_init(&m.list);
		if (store_item_get(st, g->items[i], &it) != 0) {
			set_cause(cause, _("cannot read item '%s': %s"), g->items[i], store_error(st));
			sb_release(&m.list);
			rc = EXIT_INTERNAL;
			break;
		}
		store_material_each(st, it.code, required_mat, &m);
		in.item = it.code;
		in.applicant_id = p->org_code;
		in.name = p->org_name;
		in.phone = phone && *phone ? phone : NULL;
		in.channel = channel ? channel : strstr(it.channels, "online") ? "online" : "window";
		in.materials = m.list.buf ? m.list.buf : "";
		in.region = region;
		in.hall = p->hall;
		in.route = p->site;
		rc = lifecycle_intake_tx(st, cal, who, &in, no, cause);
		item_release(&it);
		sb_release(&m.list);
		if (rc != 0)
			break;
		if (store_case_get(st, no, &c) != 0) {
			set_cause(cause, _("cannot read case '%s': %s"), no, store_error(st));
			rc = EXIT_INTERNAL;
			break;
		}
		if (store_project_case_add(st, p->id, g->seq, c.id, cause) != 0)
			rc = EXIT_INTERNAL;
		sb_addf(&note, " %s", c.no);
		tcase_release(&c);
	}
	if (rc == 0 && project_event(st, who, p->no, 0, "stage_open", "", "open", note.buf,
	    cause) != 0)
		rc = EXIT_INTERNAL;
	sb_release(&note);
	return rc;
}

/* A case decided in favour: approved, or delivered after an approval. */
static int
case_positive(const struct tcase *c)
{
	return strcmp(c->status, "approved") == 0 ||
	    (strcmp(c->status, "completed") == 0 && tcase_result_positive(c->result));
}

/* A case whose stage cannot go on: denied (or delivered so), not accepted,
 * withdrawn. */
static int
case_negative(const struct tcase *c)
{
	return strcmp(c->status, "denied") == 0 || strcmp(c->status, "not_accepted") == 0 ||
	    strcmp(c->status, "withdrawn") == 0 ||
	    (strcmp(c->status, "completed") == 0 && !tcase_result_positive(c->result));
}

/* The joint step of stage seq: its status ("" when none is scheduled). */
struct jfind {
	int stage;
	long long id;
	char status[16];
};

static int
joint_find_row(void *arg, int n, const char *const *v)
{
	struct jfind *j = arg;

	(void)n;
	if (atoi(v[1]) == j->stage) {
		j->id = atoll(v[0]);
		utf8_copy(j->status, sizeof j->status, v[5]);
	}
	return 0;
}

/* Close the current stage of p when every case of it is decided in favour
 * and its joint step (if the flowchart names one) is closed; then open the
 * next stage, or finish the project. Inside the caller's transaction. */
static int
gate(struct store *st, const struct calendar *cal, const struct actor *who, struct prow *p,
    char **cause)
{
	struct flowchart f;
	const struct flow_stage *g, *next;
	struct pcases pc;
	struct jfind j;
	struct sb note = SB_INIT;
	char today[11], *phone = NULL;
	int i, all = 1, any = 0, rc = 0;

	if (strcmp(p->status, "open") != 0)
		return 0;
	if (chart_read(st, p->flowchart, &f) != 0) {
		set_cause(cause, _("cannot read flowchart '%s': %s"), p->flowchart, store_error(st));
		return EXIT_INTERNAL;
	}
	if (pcases_read(st, p->id, &pc) != 0) {
		set_cause(cause, "%s", store_error(st));
		flowchart_release(&f);
		return EXIT_INTERNAL;
	}
	for (i = 0; i < pc.n && all; i++) {
		struct tcase c;

		if (pc.v[i].stage != p->stage)
			continue;
		if (store_case_get_id(st, pc.v[i].id, &c) != 0) {
			set_cause(cause, "%s", store_error(st));
			rc = EXIT_INTERNAL;
			goto out;
		}
		any = 1;
		all = case_positive(&c);
		if (phone == NULL && c.applicant_phone)
			phone = xstrdup(c.applicant_phone);
		tcase_release(&c);
	}
	g = chart_stage(&f, p->stage);
	if (!all || !any || g == NULL)
		goto out;
	if (g->joint != JOINT_NONE) {
		memset(&j, 0, sizeof j);
		j.stage = p->stage;
		if (store_joint_each(st, p->id, joint_find_row, &j) != 0) {
			set_cause(cause, "%s", store_error(st));
			rc = EXIT_INTERNAL;
			goto out;
		}
		if (strcmp(j.status, "closed") != 0)
			goto out;	/* the joint step holds the stage */
	}
	clock_format_date(who->today, today);
	if (store_project_stage_close(st, p->id, p->stage, today, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	sb_addf(&note, _("stage %d %s closed"), g->seq, lang_en() ? g->name_en : g->name);
	if (project_event(st, who, p->no, 0, "stage_close", "open", "open", note.buf, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	next = chart_stage(&f, p->stage + 1);
	if (next == NULL) {
		/* The last stage: the project is done. */
		rc = store_project_set(st, p->id, p->version, "done", p->stage, today, "", cause);
		if (rc == 0)
			rc = project_event(st, who, p->no, 0, "project_done", "open", "done", "", cause);
		rc = rc ? EXIT_INTERNAL : 0;
		goto out;
	}
	if (store_project_set(st, p->id, p->version, "open", next->seq, NULL, "", cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	p->version++;
	p->stage = next->seq;
	rc = open_stage(st, cal, who, p, next, phone, NULL, NULL, cause);
out:
	free(phone);
	free(pc.v);
	sb_release(&note);
	flowchart_release(&f);
	return rc;
}

/* A stop's reason, kept as "CASE ITEM STATUS", in the reader's words. */
static void
stop_text(struct store *st, const char *codes, struct sb *out)
{
	char no[32] = "", item[32] = "", status[32] = "";
	struct item it;
	int named = 0;

	if (codes == NULL || *codes == '\0')
		return;
	if (sscanf(codes, "%31s %31s %31s", no, item, status) != 3) {
		sb_adds(out, codes);
		return;
	}
	memset(&it, 0, sizeof it);
	named = store_item_get(st, item, &it) == 0;
	sb_addf(out, _("case %s (%s %s) %s"), no, item,
	    named ? (lang_en() && *it.name_en ? it.name_en : it.name) : "",
	    tcase_status_label(status));
	if (named)
		item_release(&it);
}

int
project_case_changed(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct tcase *c, char **cause)
{
	long long pid;
	int stage, rc;
	struct prow p;

	rc = store_project_of_case(st, c->id, &pid, &stage);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != 0 || prow_get(st, NULL, pid, &p) != 0) {
		set_cause(cause, "%s", store_error(st));
		return EXIT_INTERNAL;
	}
	rc = 0;
	/* A stopped, withdrawn or done project, or a case of a stage left
	 * behind (its delivery): nothing to gate. */
	if (strcmp(p.status, "open") != 0 || stage != p.stage)
		goto out;
	if (case_negative(c)) {
		struct sb why = SB_INIT, note = SB_INIT;
		char today[11];

		/* The other cases of the stage keep running; no next stage opens.
		 * The reason is kept as codes (case, item, status) and worded in
		 * each reader's language (stop_text). */
		clock_format_date(who->today, today);
		sb_addf(&why, "%s %s %s", c->no, c->item, c->status);
		stop_text(st, why.buf, &note);
		rc = store_project_set(st, p.id, p.version, "stopped", p.stage, today, why.buf,
		    cause);
		if (rc == 0)
			rc = project_event(st, who, p.no, 0, "project_stop", "open", "stopped", note.buf,
			    cause);
		rc = rc ? EXIT_INTERNAL : 0;
		sb_release(&why);
		sb_release(&note);
		goto out;
	}
	rc = gate(st, cal, who, &p, cause);
out:
	prow_release(&p);
	return rc;
}

/* Opening ----------------------------------------------------------------------- */

static void
actor_of(struct session *s, struct actor *who)
{
	who->user = &s->user;
	who->addr = s->addr;
	who->today = session_today(s);
}

int
project_open(struct session *s, const struct project_new *in, char no[32], char **cause)
{
	struct actor who;
	struct flowchart f;
	struct region r;
	struct prow p;
	char today[11], prefix[16], at[32], oreg[13] = "";
	const char *site;
	long seq;
	int rc;

	memset(&f, 0, sizeof f);
	memset(&p, 0, sizeof p);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	if (!access_has(&s->user, RIGHT_CASE_INTAKE)) {
		set_cause(cause, "%s", _("permission denied: projects are opened by window clerks"));
		return EXIT_DENIED;
	}
	if (in->flowchart == NULL || *in->flowchart == '\0') {
		set_cause(cause, "%s", _("--flowchart: expected a flowchart's code (flowchart list)"));
		return EXIT_INVALID;
	}
	rc = chart_read(s->st, in->flowchart, &f);
	if (rc == STORE_NOTFOUND) {
		struct sb known = SB_INIT;

		chart_codes(s->st, &known);
		set_cause(cause, _("--flowchart: no flowchart '%s' (expected one of %s)"),
		    in->flowchart, known.buf);
		sb_release(&known);
		return EXIT_INVALID;
	}
	if (rc != 0) {
		set_cause(cause, _("cannot read flowchart '%s': %s"), in->flowchart,
		    store_error(s->st));
		return EXIT_INTERNAL;
	}
	rc = EXIT_INVALID;
	if (in->org_code == NULL || !ids_org_valid(in->org_code)) {
		set_cause(cause, _("--org: '%s' is not a valid unified social credit code "
		    "(GB 32100, 18 characters with a check character): check the code"),
		    in->org_code ? in->org_code : "");
		goto out;
	}
	if (in->org_name == NULL || *in->org_name == '\0' || strlen(in->org_name) > 120) {
		set_cause(cause, "%s", _("--org-name: expected the enterprise's registered name "
		    "(at most 120 bytes)"));
		goto out;
	}
	if (in->channel && strcmp(in->channel, "window") && strcmp(in->channel, "online") &&
	    strcmp(in->channel, "self-service")) {
		set_cause(cause, "%s", _("--channel: expected window, online or self-service"));
		goto out;
	}
	if (in->name == NULL || *in->name == '\0' || strlen(in->name) > 200) {
		set_cause(cause, "%s", _("--name: expected the project's name (at most 200 bytes)"));
		goto out;
	}
	site = in->site && *in->site ? in->site : s->user.region;
	if (strlen(site) > 12 || (rc = store_region_get(s->st, site, &r)) == STORE_NOTFOUND) {
		set_cause(cause, _("--site: no region '%s' (give the district or township code of "
		    "the site)"), site);
		rc = EXIT_INVALID;
		goto out;
	}
	if (rc != 0) {
		set_cause(cause, "%s", store_error(s->st));
		rc = EXIT_INTERNAL;
		goto out;
	}
	region_release(&r);
	rc = EXIT_INVALID;
	if (!access_project_site(&s->user, site)) {
		set_cause(cause, _("--site: region '%s' is outside your district (%.6s): a project "
		    "is opened at a hall of the district of its site"), site, s->user.region);
		goto out;
	}
	/* An enterprise not yet registered lives where its code's area says
	 * (GB 32100: characters 3 to 8), or, when that is not a region of the
	 * city, at the site's district. */
	{
		char *oname = NULL, *ophone = NULL, *oregion = NULL, area[7];

		if (store_applicant_get(s->st, in->org_code, &oname, &ophone, &oregion) < 0) {
			set_cause(cause, "%s", store_error(s->st));
			rc = EXIT_INTERNAL;
			goto out;
		}
		snprintf(area, sizeof area, "%.6s", in->org_code + 2);
		if (oregion == NULL && store_region_get(s->st, area, &r) == 0)
			region_release(&r);
		else if (oregion == NULL)
			snprintf(oreg, sizeof oreg, "%.6s", site);
		free(oname);
		free(ophone);
		free(oregion);
	}
	if (store_begin(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	clock_format_date(who.today, today);
	snprintf(prefix, sizeof prefix, "XM%.4s%.2s%.2s", today, today + 5, today + 8);
	if (store_case_seq_next(s->st, prefix, &seq, cause) != 0)
		goto fail;
	snprintf(no, 32, "%s%04ld", prefix, seq % 10000);
	clock_stamp(who.today, at);
	if (store_project_insert(s->st, no, f.code, in->org_code, in->org_name, in->name, site,
	    s->user.region, s->user.login, today, &p.id, cause) != 0)
		goto fail;
	if (prow_get(s->st, no, 0, &p) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		goto fail;
	}
	{
		struct sb note = SB_INIT;

		sb_addf(&note, "%s %s; %s %s (%s); %s %s", f.code, lang_en() ? f.name_en : f.name,
		    _("enterprise"), in->org_name, in->org_code, _("site"), site);
		rc = project_event(s->st, &who, no, 0, "project_open", "", "open", note.buf, cause);
		sb_release(&note);
		if (rc != 0)
			goto fail;
	}
	if ((rc = open_stage(s->st, s->cal, &who, &p, &f.stages[0], in->phone,
	    *oreg ? oreg : NULL, in->channel, cause)) != 0) {
		store_rollback(s->st);
		goto out;
	}
	if (store_commit(s->st, cause) != 0)
		goto fail;
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
	rc = EXIT_INTERNAL;
out:
	prow_release(&p);
	flowchart_release(&f);
	return rc;
}

/* Reading ----------------------------------------------------------------------- */

void
project_release(struct project *p)
{
	int i, j, k;

	for (i = 0; i < p->n_stages; i++) {
		struct project_stage *g = &p->stages[i];

		for (j = 0; j < g->n_cases; j++) {
			struct project_case *c = &g->cases[j];

			free(c->no);
			free(c->item);
			free(c->item_name);
			free(c->office);
			free(c->office_name);
			free(c->status);
			free(c->due);
		}
		free(g->cases);
		for (j = 0; j < g->n_joints; j++) {
			struct project_joint *jt = &g->joints[j];

			for (k = 0; k < jt->n_offices; k++) {
				free(jt->offices[k]);
				free(jt->office_names[k]);
				free(jt->findings[k]);
			}
			free(jt->offices);
			free(jt->office_names);
			free(jt->findings);
			free(jt->day);
			free(jt->place);
			free(jt->status);
		}
		free(g->joints);
		free(g->opened);
		free(g->closed);
		free(g->name);
	}
	free(p->stages);
	free(p->no);
	free(p->flowchart);
	free(p->flowchart_name);
	free(p->org_code);
	free(p->org_name);
	free(p->name);
	free(p->site);
	free(p->hall);
	free(p->site_name);
	free(p->hall_name);
	free(p->opened);
	free(p->closed);
	free(p->stop_reason);
	free(p->critical);
	free(p->critical_office);
	memset(p, 0, sizeof *p);
}

static int
stage_dates_row(void *arg, int n, const char *const *v)
{
	struct project *p = arg;
	int seq = atoi(v[0]), i;

	(void)n;
	for (i = 0; i < p->n_stages; i++)
		if (p->stages[i].seq == seq) {
			p->stages[i].opened = xstrdup(v[1]);
			p->stages[i].closed = v[2] ? xstrdup(v[2]) : NULL;
		}
	return 0;
}

struct jread {
	struct project *p;
	struct store *st;
};

static int
joint_office_row(void *arg, int n, const char *const *v)
{
	struct project_joint *j = arg;

	(void)n;
	j->offices = xreallocarray(j->offices, (size_t)j->n_offices + 1, sizeof *j->offices);
	j->office_names = xreallocarray(j->office_names, (size_t)j->n_offices + 1,
	    sizeof *j->office_names);
	j->findings = xreallocarray(j->findings, (size_t)j->n_offices + 1, sizeof *j->findings);
	j->offices[j->n_offices] = xstrdup(v[0]);
	j->office_names[j->n_offices] = xstrdup(v[1]);
	j->findings[j->n_offices] = v[3] ? xstrdup(v[3]) : NULL;
	j->n_offices++;
	return 0;
}

static int
joint_row(void *arg, int n, const char *const *v)
{
	struct jread *r = arg;
	int seq = atoi(v[1]), i;

	(void)n;
	for (i = 0; i < r->p->n_stages; i++) {
		struct project_stage *g = &r->p->stages[i];
		struct project_joint *j;

		if (g->seq != seq)
			continue;
		g->joints = xreallocarray(g->joints, (size_t)g->n_joints + 1, sizeof *g->joints);
		j = &g->joints[g->n_joints++];
		memset(j, 0, sizeof *j);
		j->id = atol(v[0]);
		project_joint_parse(v[2], &j->kind);
		j->day = xstrdup(v[3]);
		j->place = xstrdup(v[4]);
		j->status = xstrdup(v[5]);
		return store_joint_office_each(r->st, j->id, joint_office_row, j);
	}
	return 0;
}

/* The light of a clock of limit working days with used of them gone:
 * yellow from the calendar's warning share (warn-percent), red past it. */
static int
days_light(const struct calendar *cal, int used, int limit)
{
	int pct = cal->warn_percent > 0 ? cal->warn_percent : CLOCK_WARN_PERCENT;

	if (used > limit)
		return LIGHT_RED;
	if ((long)used * 100 >= (long)pct * limit)
		return LIGHT_YELLOW;
	return LIGHT_GREEN;
}

/* Fill p with project no as u sees it on day today: 0, STORE_NOTFOUND
 * (none, or none of its cases in u's sight), or -1 (store_error). */
static int
project_read(struct store *st, const struct calendar *cal, const struct user *u, int today,
    const char *no, long long id, struct project *p)
{
	struct prow r;
	struct flowchart f;
	struct pcases pc;
	struct jread jr;
	int i, j, rc, seen = 0;
	char *crit_due = NULL;
	int crit_used = -1;

	memset(p, 0, sizeof *p);
	memset(&f, 0, sizeof f);
	memset(&pc, 0, sizeof pc);
	if ((rc = prow_get(st, no, id, &r)) != 0)
		return rc;
	if ((rc = chart_read(st, r.flowchart, &f)) != 0 || (rc = pcases_read(st, r.id, &pc)) != 0) {
		rc = -1;
		goto out;
	}
	p->id = r.id;
	p->no = xstrdup(r.no);
	p->flowchart = xstrdup(r.flowchart);
	p->flowchart_name = xstrdup(lang_en() ? f.name_en : f.name);
	p->org_code = xstrdup(r.org_code);
	p->org_name = xstrdup(r.org_name);
	p->name = xstrdup(r.name);
	p->site = xstrdup(r.site);
	p->hall = xstrdup(r.hall);
	{
		struct region g;

		p->site_name = store_region_get(st, r.site, &g) == 0 ? xstrdup(g.name) : NULL;
		if (p->site_name)
			region_release(&g);
		p->hall_name = store_region_get(st, r.hall, &g) == 0 ? xstrdup(g.name) : NULL;
		if (p->hall_name)
			region_release(&g);
	}
	p->opened = xstrdup(r.opened);
	p->closed = r.closed ? xstrdup(r.closed) : NULL;
	project_status_parse(r.status, &p->status);
	{
		struct sb why = SB_INIT;

		stop_text(st, r.stop_reason, &why);
		p->stop_reason = xstrdup(why.buf ? why.buf : "");
		sb_release(&why);
	}
	p->stage = r.stage;
	p->total_days = f.total_days;
	p->version = r.version;
	p->on_time = -1;
	p->n_stages = f.n_stages;
	p->stages = xcalloc((size_t)f.n_stages, sizeof *p->stages);
	for (i = 0; i < f.n_stages; i++) {
		p->stages[i].seq = f.stages[i].seq;
		p->stages[i].name = xstrdup(lang_en() ? f.stages[i].name_en : f.stages[i].name);
		p->stages[i].limit_days = f.stages[i].limit_days;
		p->stages[i].joint = f.stages[i].joint;
		p->stages[i].light = -1;
	}
	if (store_project_stage_each(st, r.id, stage_dates_row, p) != 0) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < pc.n; i++) {
		struct project_stage *g = NULL;
		struct project_case *pcs;
		struct tcase c;
		int open;

		for (j = 0; j < p->n_stages; j++)
			if (p->stages[j].seq == pc.v[i].stage)
				g = &p->stages[j];
		if (g == NULL)
			continue;
		if (store_case_get_id(st, pc.v[i].id, &c) != 0) {
			rc = -1;
			goto out;
		}
		g->cases = xreallocarray(g->cases, (size_t)g->n_cases + 1, sizeof *g->cases);
		pcs = &g->cases[g->n_cases++];
		memset(pcs, 0, sizeof *pcs);
		pcs->visible = access_can_see(u, &c);
		seen |= pcs->visible;
		pcs->item = xstrdup(c.item);
		pcs->item_name = xstrdup(lang_en() && c.item_name_en && *c.item_name_en ?
		    c.item_name_en : c.item_name ? c.item_name : "");
		pcs->office = xstrdup(c.office);
		pcs->office_name = xstrdup(c.office_name ? c.office_name : c.office);
		pcs->open = c.open;
		pcs->used_days = tcase_days_used(cal, &c, today);
		pcs->light = c.open ? (int)tcase_light(&c, today) : -1;
		/* Out of the reader's sight: counted in the clock, no details. */
		pcs->no = xstrdup(pcs->visible ? c.no : "");
		pcs->status = xstrdup(pcs->visible ? c.status : "");
		pcs->due = xstrdup(pcs->visible ? c.due : "");
		pcs->decided = c.decided && *c.decided;
		pcs->case_id = c.id;
		if (pcs->used_days > g->used_days)
			g->used_days = pcs->used_days;
		/* The critical path: of the current stage's undecided cases,
		 * the one due last (ties: most days used). */
		open = c.open && !pcs->decided;
		if (p->status == PROJECT_OPEN && g->seq == p->stage && open &&
		    (crit_due == NULL || strcmp(c.due, crit_due) > 0 ||
		    (strcmp(c.due, crit_due) == 0 && pcs->used_days > crit_used))) {
			free(crit_due);
			crit_due = xstrdup(c.due);
			crit_used = pcs->used_days;
			free(p->critical);
			free(p->critical_office);
			p->critical = pcs->visible ? xstrdup(c.no) : NULL;
			p->critical_office = xstrdup(pcs->office_name);
		}
		tcase_release(&c);
	}
	/* Seen through its cases (access_can_see): none in sight, none at all. */
	if (!seen) {
		rc = STORE_NOTFOUND;
		goto out;
	}
	memset(&jr, 0, sizeof jr);
	jr.p = p;
	jr.st = st;
	if (store_joint_each(st, r.id, joint_row, &jr) != 0) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < p->n_stages; i++) {
		struct project_stage *g = &p->stages[i];

		p->used_days += g->used_days;
		if (p->status == PROJECT_OPEN && g->seq == p->stage) {
			g->light = days_light(cal, g->used_days, g->limit_days);
			/* Every case decided, the joint step still open: the offices
			 * that have not recorded their findings hold the stage. */
			if (crit_due == NULL && g->joint != JOINT_NONE && g->n_cases > 0) {
				struct project_joint *jt = g->n_joints ? &g->joints[g->n_joints - 1] : NULL;

				if (jt == NULL || strcmp(jt->status, "closed") != 0)
					p->waiting_joint = g->joint;

				for (j = 0; jt && j < jt->n_offices; j++)
					if (jt->findings[j] == NULL) {
						int k;

						free(p->critical_office);
						p->critical_office = xstrdup(jt->office_names[j]);
						for (k = 0; k < g->n_cases; k++)
							if (strcmp(g->cases[k].office, jt->offices[j]) == 0 &&
							    g->cases[k].visible) {
								free(p->critical);
								p->critical = xstrdup(g->cases[k].no);
								break;
							}
						break;
					}
			}
		}
	}
	if (p->status == PROJECT_OPEN) {
		int cur = LIGHT_GREEN, tot = days_light(cal, p->used_days, p->total_days);

		for (i = 0; i < p->n_stages; i++)
			if (p->stages[i].seq == p->stage && p->stages[i].light > 0)
				cur = p->stages[i].light;
		p->light = cur > tot ? cur : tot;
	} else {
		/* Like a case's verdict: only a project carried to its end has one. */
		p->light = -1;
		p->on_time = p->status == PROJECT_DONE ? p->used_days <= p->total_days : -1;
	}
	rc = 0;
out:
	free(crit_due);
	free(pc.v);
	flowchart_release(&f);
	prow_release(&r);
	if (rc != 0)
		project_release(p);
	return rc;
}

int
project_get(struct session *s, const char *no, struct project *p, char **cause)
{
	int rc = project_read(s->st, s->cal, &s->user, session_today(s), no, 0, p);

	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("no project '%s'"), no);
		return EXIT_NOTFOUND;
	}
	if (rc != 0) {
		set_cause(cause, _("cannot read project '%s': %s"), no, store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

int
project_visible(struct session *s, const char *no)
{
	struct project p;
	int rc = project_read(s->st, s->cal, &s->user, session_today(s), no, 0, &p);

	if (rc == 0) {
		project_release(&p);
		return 1;
	}
	return rc == STORE_NOTFOUND ? 0 : -1;
}

struct ids {
	long long *v;
	int n;
};

static int
id_row(void *arg, int n, const char *const *v)
{
	struct ids *x = arg;

	(void)n;
	x->v = xreallocarray(x->v, (size_t)x->n + 1, sizeof *x->v);
	x->v[x->n++] = atoll(v[0]);
	return 0;
}

int
project_find(struct session *s, const struct project_filter *f, project_fn fn, void *arg,
    char **cause)
{
	struct ids x;
	int i, rc = 0, today = session_today(s);
	long shown = 0;

	memset(&x, 0, sizeof x);
	if (store_project_each(s->st, id_row, &x) != 0) {
		set_cause(cause, _("cannot read the projects: %s"), store_error(s->st));
		return EXIT_INTERNAL;
	}
	for (i = 0; i < x.n && rc == 0; i++) {
		struct project p;
		int r = project_read(s->st, s->cal, &s->user, today, NULL, x.v[i], &p);

		if (r == STORE_NOTFOUND)
			continue;
		if (r != 0) {
			set_cause(cause, _("cannot read the projects: %s"), store_error(s->st));
			rc = EXIT_INTERNAL;
			break;
		}
		if ((f->flowchart == NULL || strcmp(f->flowchart, p.flowchart) == 0) &&
		    (f->status == NULL || strcmp(f->status, project_status_name(p.status)) == 0) &&
		    (f->light <= 0 || f->light == p.light) &&
		    (f->region == NULL || strncmp(p.site, f->region, strlen(f->region)) == 0)) {
			if (fn(arg, &p) != 0)
				rc = EXIT_INTERNAL;
			shown++;
		}
		project_release(&p);
		if (f->limit > 0 && shown >= f->limit)
			break;
	}
	free(x.v);
	return rc;
}

/* Withdrawal -------------------------------------------------------------------- */

int
project_withdraw(struct session *s, const char *no, const char *note, char **cause)
{
	struct actor who;
	struct project p;
	struct prow r;
	char today[11];
	int i, j, rc;

	memset(&r, 0, sizeof r);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	if (note == NULL || *note == '\0') {
		set_cause(cause, "%s", _("withdrawing a project needs the enterprise's request: "
		    "--note TEXT"));
		return EXIT_INVALID;
	}
	if (strlen(note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = project_get(s, no, &p, cause)) != 0) {
		store_rollback(s->st);
		return rc;
	}
	if (prow_get(s->st, no, 0, &r) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	if (!access_project_may(&s->user, PROJECT_BY_HALL, r.hall, NULL)) {
		set_cause(cause, "%s", _("permission denied: a project is withdrawn by a window clerk "
		    "of the hall that opened it"));
		rc = EXIT_DENIED;
		goto fail;
	}
	if (p.status != PROJECT_OPEN && p.status != PROJECT_STOPPED) {
		set_cause(cause, _("cannot withdraw project '%s': it is %s"), no,
		    project_status_label(p.status));
		rc = EXIT_CONFLICT;
		goto fail;
	}
	clock_format_date(who.today, today);
	/* The project first, so that its cases' withdrawals stop nothing. */
	if (store_project_set(s->st, r.id, r.version, "withdrawn", r.stage, today, r.stop_reason,
	    cause) != 0 || project_event(s->st, &who, no, 0, "project_withdraw", r.status,
	    "withdrawn", note, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	for (i = 0; i < p.n_stages; i++)
		for (j = 0; j < p.stages[i].n_cases; j++) {
			struct project_case *c = &p.stages[i].cases[j];
			struct act_args a;

			/* A decided case waits for its delivery: it is not withdrawn. */
			if (!c->open || c->decided)
				continue;
			/* The clerk who withdraws sees every case the hall took in. */
			if (!c->visible) {
				set_cause(cause, "%s", _("permission denied: a case of the project is out of "
				    "your sight"));
				rc = EXIT_DENIED;
				goto fail;
			}
			memset(&a, 0, sizeof a);
			a.action = "withdraw";
			a.note = note;
			a.expect_version = -1;
			a.fee_cents = -1;
			if ((rc = lifecycle_act_tx(s->st, s->cal, &who, c->no, &a, cause)) != 0)
				goto fail;
		}
	if (store_commit(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
out:
	prow_release(&r);
	project_release(&p);
	return rc;
}

/* Joint steps ------------------------------------------------------------------- */

int
project_joint_schedule(struct session *s, const char *no, enum joint_kind kind,
    const char *day, const char *place, char **cause)
{
	struct actor who;
	struct project p;
	struct project_stage *g = NULL;
	struct sb note = SB_INIT;
	long long jid;
	char at[32];
	int i, d, rc, may = 0;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	if (day == NULL || clock_parse_date(day, &d) != 0) {
		set_cause(cause, _("--day: expected a date YYYY-MM-DD, not '%s'"), day ? day : "");
		return EXIT_INVALID;
	}
	if (place == NULL || *place == '\0' || strlen(place) > 200) {
		set_cause(cause, "%s", _("--place: expected where the offices meet (at most 200 "
		    "bytes)"));
		return EXIT_INVALID;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = project_get(s, no, &p, cause)) != 0) {
		store_rollback(s->st);
		return rc;
	}
	for (i = 0; i < p.n_stages; i++)
		if (p.stages[i].seq == p.stage)
			g = &p.stages[i];
	may = access_project_may(&s->user, PROJECT_BY_HALL, p.hall, NULL);
	for (i = 0; g && i < g->n_cases && !may; i++)
		may = access_project_may(&s->user, PROJECT_BY_OFFICE, NULL, g->cases[i].office);
	if (!may) {
		set_cause(cause, "%s", _("permission denied: a joint step is scheduled by a window "
		    "clerk of the project's hall or an approver of an office of the stage"));
		rc = EXIT_DENIED;
		goto fail;
	}
	rc = EXIT_CONFLICT;
	if (p.status != PROJECT_OPEN || g == NULL) {
		set_cause(cause, _("cannot schedule a joint step of project '%s': it is %s"), no,
		    project_status_label(p.status));
		goto fail;
	}
	if (g->joint == JOINT_NONE) {
		set_cause(cause, _("--kind: stage %d of project '%s' has no joint step"), g->seq, no);
		rc = EXIT_INVALID;
		goto fail;
	}
	if (g->joint != kind) {
		set_cause(cause, _("--kind: stage %d of project '%s' has the joint step %s, not %s"),
		    g->seq, no, project_joint_name(g->joint), project_joint_name(kind));
		rc = EXIT_INVALID;
		goto fail;
	}
	if (g->n_joints > 0) {
		set_cause(cause, _("the %s of stage %d of project '%s' is scheduled already (%s, %s)"),
		    project_joint_label(kind), g->seq, no, g->joints[0].day, g->joints[0].place);
		goto fail;
	}
	clock_stamp(who.today, at);
	if (store_joint_insert(s->st, p.id, g->seq, project_joint_name(kind), day, place,
	    s->user.login, at, &jid, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	sb_addf(&note, _("%s on %s at %s; offices:"), project_joint_label(kind), day, place);
	/* Every office of the stage is invited, once (with its first case). */
	for (i = 0; i < g->n_cases; i++)
		if (store_joint_office_add(s->st, jid, g->cases[i].office, g->cases[i].case_id,
		    cause) != 0) {
			rc = EXIT_INTERNAL;
			goto fail;
		}
	rc = 0;
	for (i = 0; i < g->n_cases; i++) {
		int k, dup = 0;

		for (k = 0; k < i; k++)
			dup |= strcmp(g->cases[k].office, g->cases[i].office) == 0;
		if (!dup)
			sb_addf(&note, " %s", g->cases[i].office_name);
	}
	if (project_event(s->st, &who, no, 0, "joint_schedule", "", "scheduled", note.buf,
	    cause) != 0 || store_commit(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
out:
	sb_release(&note);
	project_release(&p);
	return rc;
}

int
project_joint_record(struct session *s, const char *no, long joint, const char *findings,
    char **cause)
{
	struct actor who;
	struct project p;
	struct project_stage *g = NULL;
	struct project_joint *jt = NULL;
	struct prow r;
	struct sb note = SB_INIT;
	const char *office = s->user.office;
	long long case_id = 0;
	char today[11], *cstatus = NULL;
	int i, rc, mine = -1, pending = 0;

	memset(&r, 0, sizeof r);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	if (findings == NULL || *findings == '\0' || strlen(findings) > 2000) {
		set_cause(cause, "%s", _("--text: expected your office's findings (at most 2000 "
		    "bytes)"));
		return EXIT_INVALID;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = project_get(s, no, &p, cause)) != 0) {
		store_rollback(s->st);
		return rc;
	}
	for (i = 0; i < p.n_stages; i++)
		if (p.stages[i].seq == p.stage)
			g = &p.stages[i];
	for (i = 0; g && i < g->n_joints; i++)
		if (joint <= 0 ? strcmp(g->joints[i].status, "scheduled") == 0 : g->joints[i].id == joint)
			jt = &g->joints[i];
	rc = EXIT_CONFLICT;
	if (p.status != PROJECT_OPEN || jt == NULL || strcmp(jt->status, "scheduled") != 0) {
		set_cause(cause, _("project '%s' has no joint step waiting for findings now"), no);
		goto fail;
	}
	for (i = 0; i < jt->n_offices; i++) {
		if (access_project_may(&s->user, PROJECT_BY_OFFICE, NULL, jt->offices[i]))
			mine = i;
		else if (jt->findings[i] == NULL)
			pending++;
	}
	if (mine < 0) {
		set_cause(cause, _("permission denied: the findings of the %s are recorded by "
		    "approvers of the offices invited"), project_joint_label(jt->kind));
		rc = EXIT_DENIED;
		goto fail;
	}
	if (jt->findings[mine] != NULL) {
		set_cause(cause, _("%s has recorded its findings of the %s already"),
		    jt->office_names[mine], project_joint_label(jt->kind));
		goto fail;
	}
	for (i = 0; i < g->n_cases; i++)
		if (strcmp(g->cases[i].office, office) == 0 && case_id == 0) {
			case_id = g->cases[i].case_id;
			cstatus = g->cases[i].status;
		}
	clock_format_date(who.today, today);
	if (store_joint_record(s->st, jt->id, jt->offices[mine], findings, s->user.login,
	    today) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	/* On the office's own case, in its timeline. */
	sb_addf(&note, "%s %s (%s): %s", no, project_joint_label(jt->kind), jt->day, findings);
	if (project_event(s->st, &who, NULL, case_id, "joint_findings", cstatus, cstatus,
	    note.buf, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = 0;
	if (pending == 0) {
		sb_reset(&note);
		sb_addf(&note, _("%s: every office has recorded its findings"),
		    project_joint_label(jt->kind));
		if (store_joint_close(s->st, jt->id, today, cause) != 0 ||
		    project_event(s->st, &who, no, 0, "joint_close", "scheduled", "closed", note.buf,
		    cause) != 0 || prow_get(s->st, no, 0, &r) != 0) {
			rc = EXIT_INTERNAL;
			goto fail;
		}
		/* The last findings may be what the stage waited for. */
		if ((rc = gate(s->st, s->cal, &who, &r, cause)) != 0)
			goto fail;
	}
	if (store_commit(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
out:
	sb_release(&note);
	prow_release(&r);
	project_release(&p);
	return rc;
}

int
project_of_case(struct session *s, long long case_id, char no[32], int *stage)
{
	struct prow r;
	long long pid;
	int rc = store_project_of_case(s->st, case_id, &pid, stage);

	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != 0 || prow_get(s->st, NULL, pid, &r) != 0)
		return -1;
	utf8_copy(no, 32, r.no);
	prow_release(&r);
	return 1;
}

int
flowchart_import(struct session *s, const char *dir, char **cause)
{
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	/* A directory on the host: the operator's, not a remote admin's. */
	if (!access_has(&s->user, RIGHT_HOST_FILES)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_HOST_FILES));
		return EXIT_DENIED;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if (load_flowcharts(s->st, dir, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INVALID;
	}
	if (store_commit(s->st, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}
