/*
 * Intake and actions on cases. The table below is the whole of the legal
 * transitions; lifecycle_act() refuses anything else and changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "appoint.h"
#include "audit.h"
#include "exitcode.h"
#include "i18n.h"
#include "ids.h"
#include "lifecycle.h"
#include "notice.h"
#include "project.h"
#include "stats.h"
#include "tcase.h"
#include "util.h"

/* In the order a person meets them: the natural next step first. */
const struct act_def lifecycle_acts[] = {
	{ "accept", { "submitted" }, "accepted", WHO_ACCEPTOR, 0,
	  N_("accept the application (受理)") },
	{ "review", { "accepted" }, "under_review", WHO_DECIDER, 0,
	  N_("start the review of the current step") },
	{ "opinion", { "under_review" }, NULL, WHO_BRANCH, 1,
	  N_("give this department's opinion in a parallel review") },
	{ "override", { "under_review" }, NULL, WHO_DECIDER, 1,
	  N_("as the lead office, overrule a department's dissent, with the reason") },
	{ "pass", { "under_review" }, NULL, WHO_DECIDER, 0,
	  N_("the step passes review; go on to the next step") },
	{ "approve", { "under_review" }, "approved", WHO_DECIDER, 0,
	  N_("decide in favour (准予), worded by the item's power type") },
	{ "complete", { "approved", "denied" }, "completed", WHO_DELIVERER, 0,
	  N_("hand over the result (办结), with the fee charged") },
	{ "resupply", { "supplement" }, "=", WHO_ACCEPTOR, 0,
	  N_("record the materials the applicant handed in; the clock runs again") },
	{ "receive", { "accepted", "under_review", "suspended", "supplement" }, NULL, WHO_ACCEPTOR, 0,
	  N_("record pledged materials handed in (容缺受理)") },
	{ "resume", { "suspended" }, "=", WHO_DECIDER, 0,
	  N_("the special procedure ended; the clock runs again") },
	{ "supplement", { "submitted", "accepted", "under_review" }, "supplement", WHO_ACCEPTOR, 0,
	  N_("one notice listing every missing material (补正); the clock stops") },
	{ "survey", { "under_review" }, NULL, WHO_DECIDER, 1,
	  N_("record a (joint) site survey (联合踏勘)") },
	{ "suspend", { "under_review" }, "suspended", WHO_DECIDER, 1,
	  N_("special procedure (art. 45): the clock stops for the period told") },
	{ "extend", { "under_review", "suspended" }, NULL, WHO_HEAD, 1,
	  N_("extend the limit once (art. 42), approved by the head of the office, with the reason") },
	{ "return", { "under_review" }, "accepted", WHO_DECIDER, 1,
	  N_("return the case to the acceptance desk, with the reason") },
	{ "deny", { "under_review" }, "denied", WHO_DECIDER, 1,
	  N_("decide against the application (不予), with the reason") },
	{ "refuse", { "submitted" }, "not_accepted", WHO_ACCEPTOR, 1,
	  N_("refuse acceptance (不予受理), with the reason") },
	{ "withdraw", { "submitted", "accepted", "supplement", "under_review", "suspended" },
	  "withdrawn", WHO_DELIVERER, 1, N_("withdraw at the applicant's written request") },
	{ NULL, { NULL }, NULL, WHO_ACCEPTOR, 0, NULL }
};

/* art. 45: time for these is not counted toward the limit. */
const char *const lifecycle_suspend_reasons[] = {
	"hearing", "tendering", "auction", "testing", "inspection", "quarantine",
	"appraisal", "expert_review", NULL
};


const struct act_def *
lifecycle_find(const char *name)
{
	const struct act_def *d;

	for (d = lifecycle_acts; d->name != NULL; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

int
lifecycle_from_ok(const struct act_def *def, const char *status)
{
	int i;

	for (i = 0; i < 6 && def->from[i] != NULL; i++)
		if (strcmp(def->from[i], status) == 0)
			return 1;
	return 0;
}

int
lifecycle_may(const struct user *u, const struct tcase *c, const struct act_def *def)
{
	return access_may_act(u, c, def->who);
}

int
lifecycle_deemed(const struct calendar *cal, const struct tcase *c, int today)
{
	int sub;

	if (strcmp(c->status, "submitted") != 0 || clock_parse_date(c->submitted, &sub) != 0)
		return 0;
	/* A supplement notice stops the 5 days: only unanswered time counts. */
	return clock_workdays(cal, sub, today) - c->paused_days > TCASE_ACCEPT_DAYS;
}

/* Helpers ---------------------------------------------------------------------- */

static void
set_str(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v ? v : "");
}

static void
set_date(char **field, int day)
{
	char d[11];

	clock_format_date(day, d);
	set_str(field, d);
}

struct step {
	int seq;
	char name[256];
	char kind[48];
	int limit;
};

struct steps {
	struct step s[32];
	int n;
};

static int
add_step(void *arg, int seq, const char *name, const char *name_en, const char *kind, int limit)
{
	struct steps *ss = arg;

	(void)name_en;
	if (ss->n < 32) {
		ss->s[ss->n].seq = seq;
		utf8_copy(ss->s[ss->n].name, sizeof ss->s[ss->n].name, name);
		utf8_copy(ss->s[ss->n].kind, sizeof ss->s[ss->n].kind, kind);
		ss->s[ss->n].limit = limit;
		ss->n++;
	}
	return 0;
}

static int
last_step(const struct steps *ss)
{
	return ss->n ? ss->s[ss->n - 1].seq : 1;
}

/* The first step number after seq, or 0. */
static int
next_step(const struct steps *ss, int seq)
{
	int i;

	for (i = 0; i < ss->n; i++)
		if (ss->s[i].seq > seq)
			return ss->s[i].seq;
	return 0;
}

struct mat {
	int seq[64];
	int required[64];
	int secondary[64];	/* may be pledged (容缺受理) */
	char name[64][256];
	int n;
};

static int
add_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	struct mat *m = arg;

	if (m->n < 64) {
		m->seq[m->n] = seq;
		m->required[m->n] = required;
		m->secondary[m->n] = secondary;
		utf8_copy(m->name[m->n], sizeof m->name[m->n], name);
		m->n++;
	}
	return 0;
}

/* Parse "1,2,3" into a bit set of material numbers known to m; -1 on
 * error, naming the option opt. */
static int
parse_materials(const char *text, const char *opt, const struct mat *m, unsigned long long *set,
    char **cause)
{
	const char *p = text;

	*set = 0;
	if (text == NULL || *text == '\0')
		return 0;
	while (*p) {
		char *end;
		long v = strtol(p, &end, 10);
		int i, ok = 0;

		if (end == p || v < 1 || v > 63) {
			set_cause(cause, _("--%s: expected material numbers like 1,2,3, not '%s'"), opt,
			    text);
			return -1;
		}
		for (i = 0; i < m->n; i++)
			ok |= m->seq[i] == v;
		if (!ok) {
			set_cause(cause, _("--%s: this item has no material %ld"), opt, v);
			return -1;
		}
		*set |= 1ULL << v;
		p = end;
		if (*p == ',')
			p++;
		else if (*p != '\0') {
			set_cause(cause, _("--%s: expected material numbers like 1,2,3, not '%s'"), opt,
			    text);
			return -1;
		}
	}
	return 0;
}

static char *
format_materials(unsigned long long set)
{
	struct sb sb = SB_INIT;
	int i;

	for (i = 1; i < 64; i++)
		if (set & (1ULL << i))
			sb_addf(&sb, "%s%d", sb.len ? "," : "", i);
	return sb_detach(&sb);
}

/* Required materials not in set. */
static unsigned long long
missing_required(const struct mat *m, unsigned long long set)
{
	unsigned long long miss = 0;
	int i;

	for (i = 0; i < m->n; i++)
		if (m->required[i] && !(set & (1ULL << m->seq[i])))
			miss |= 1ULL << m->seq[i];
	return miss;
}

static void
list_materials(struct sb *sb, const struct mat *m, unsigned long long set)
{
	int i, k = 0;

	for (i = 0; i < m->n; i++)
		if (set & (1ULL << m->seq[i]))
			sb_addf(sb, "%s%d. %s", k++ ? _("; ") : "", m->seq[i], m->name[i]);
}

/* Due and warning dates from the clock's start, limit, pauses and extension
 * (tcase_clock), the delivery clock's once decided (art. 44), and whether
 * they rest on days without a notice. */
static void
reclock(const struct calendar *cal, struct tcase *c)
{
	int warn, due, p;

	if (tcase_clock(cal, c, &warn, &due, &c->provisional) != 0)
		return;
	set_date(&c->due, due);
	set_date(&c->warn, warn);
	if (tcase_delivery_clock(cal, c, &warn, &due, &p) == 0) {
		set_date(&c->deliver_due, due);
		set_date(&c->deliver_warn, warn);
	}
	/* art. 45: the end of the period told, while suspended. */
	if (tcase_suspend_clock(cal, c, &warn, &due) == 0)
		set_date(&c->suspend_due, due);
	else
		set_str(&c->suspend_due, "");
}

/* Begin step seq on day: create the branches of a parallel step. */
static int
enter_step(struct store *st, const struct calendar *cal, struct tcase *c,
    const struct steps *ss, int seq, int today, char **cause)
{
	int i, n = 0;

	c->step = seq;
	set_date(&c->step_started, today);
	c->step_paused = 0;
	for (i = 0; i < ss->n; i++)
		n += ss->s[i].seq == seq;
	if (n < 2)
		return 0;
	/* Entering a step again (after a return) asks every department afresh;
	 * the earlier opinions stay in the record. */
	if (store_branch_clear(st, c->id, seq, cause) != 0)
		return -1;
	for (i = 0; i < ss->n; i++) {
		struct branch b;
		char *office = NULL, d[11], due[11], region[13];

		if (ss->s[i].seq != seq)
			continue;
		/* The branch goes to that department at the case office's level,
		 * or the nearest level above that has one. */
		utf8_copy(region, sizeof region, c->office_region);
		if (store_office_for(st, region, ss->s[i].kind, &office) != 0 &&
		    (region[6] = '\0', store_office_for(st, region, ss->s[i].kind, &office)) != 0 &&
		    store_office_for(st, "500000", ss->s[i].kind, &office) != 0) {
			set_cause(cause, _("no office of kind '%s' for the parallel review"), ss->s[i].kind);
			return -1;
		}
		memset(&b, 0, sizeof b);
		clock_format_date(today, d);
		clock_format_date(clock_add(cal, today, ss->s[i].limit), due);
		b.step = seq;
		b.dept_kind = (char *)ss->s[i].kind;
		b.office = office;
		b.limit_days = ss->s[i].limit;
		b.started = d;
		b.due = due;
		if (store_branch_insert(st, c->id, &b, cause) != 0) {
			free(office);
			return -1;
		}
		free(office);
	}
	return 0;
}

/* The rules beyond status and rights ----------------------------------------- */

/*
 * What the law makes of a case now, beyond its status and the actor's
 * rights. It is read once for an action and once for the menu of actions
 * offered, and rules_block() decides from it for both: what is offered is
 * exactly what would not be refused for the case's state.
 */
struct rules {
	int deemed;		/* submitted, unanswered past 5 working days (art. 32) */
	int pending;		/* branches of the current step without an opinion */
	int mine;		/* ... of which one at the acting user's office */
	int dissent;		/* dissents of the current step not overruled */
	int last;		/* the current step is the last review step */
	unsigned long long missing;	/* required materials not received */
	unsigned long long pledged;	/* pledged materials outstanding (容缺受理) */
	int pledge_late;	/* ... past the day they were pledged for */
	int used;		/* working days used of the limit in force */
	int extend_by;		/* the statutory extension: 10, or 15 when joint */
	int extend_max;		/* the most an extension may add */
};

struct branch_count {
	int step;
	const char *office;	/* the acting user's, or NULL */
	int pending, mine, dissent;
};

static int
count_branch(void *arg, const struct branch *b)
{
	struct branch_count *n = arg;

	if (b->step != n->step)
		return 0;
	if (b->opinion == NULL) {
		n->pending++;
		n->mine += n->office != NULL && strcmp(n->office, b->office) == 0;
	} else if (b->verdict != NULL && strcmp(b->verdict, "disagree") == 0 && b->override == NULL)
		n->dissent++;
	return 0;
}

/* The item is handled jointly (联合办理): a step of several departments. */
static int
joint(const struct steps *ss)
{
	int i, j;

	for (i = 0; i < ss->n; i++)
		for (j = i + 1; j < ss->n; j++)
			if (ss->s[i].seq == ss->s[j].seq)
				return 1;
	return 0;
}

/* The required materials that may be pledged. */
static unsigned long long
secondary_set(const struct mat *m)
{
	unsigned long long set = 0;
	int i;

	for (i = 0; i < m->n; i++)
		if (m->secondary[i])
			set |= 1ULL << m->seq[i];
	return set;
}

/* The stage a supplement notice belongs to: acceptance or review. */
static int
notice_stage(const struct tcase *c)
{
	return strcmp(c->status, "submitted") == 0 ? TCASE_NOTICE_ACCEPTANCE : TCASE_NOTICE_REVIEW;
}

/* The rules for c today, with u acting (u's office for its opinion). */
static int
rules_read(struct store *st, const struct calendar *cal, const struct tcase *c,
    const struct item *it, const struct steps *ss, const struct mat *m, int today,
    const struct user *u, struct rules *r)
{
	struct branch_count n = { c->step, u->office, 0, 0, 0 };
	int statutory = it->statutory_days, pd, nxt;

	memset(r, 0, sizeof *r);
	r->deemed = lifecycle_deemed(cal, c, today);
	if (c->branch_offices != NULL && *c->branch_offices != '\0' &&
	    store_branch_each(st, c->id, count_branch, &n) < 0)
		return -1;
	r->pending = n.pending;
	r->mine = n.mine;
	r->dissent = n.dissent;
	nxt = next_step(ss, c->step);
	r->last = nxt == 0 || nxt == last_step(ss);
	r->missing = missing_required(m, tcase_material_set(c->materials));
	r->pledged = tcase_pledge_open(c);
	r->pledge_late = r->pledged && clock_parse_date(c->pledge_date, &pd) == 0 && today > pd;
	r->used = tcase_days_used(cal, c, today);
	/* art. 42: the limit may be extended by 10 working days; handled
	 * jointly, the limit is at most 45 days and the extension 15. The
	 * extended limit stays within the statutory one plus that extension,
	 * whatever the (shorter) promised limit was. */
	r->extend_by = 10;
	if (joint(ss)) {
		if (statutory > 45)
			statutory = 45;
		r->extend_by = 15;
	}
	r->extend_max = statutory + r->extend_by - c->limit_days - c->extended_days;
	if (r->extend_max < 0)
		r->extend_max = 0;
	return 0;
}

/* 0 when the rules let def be taken on c now; else EXIT_CONFLICT with the
 * reason in *cause (cause may be NULL). */
static int
rules_block(const struct act_def *def, const struct tcase *c, const struct mat *m,
    const struct rules *r, char **cause)
{
	const char *a = def->name;
	struct sb list = SB_INIT;
	int decide = strcmp(a, "approve") == 0 || strcmp(a, "deny") == 0;
	int go_on = strcmp(a, "approve") == 0 || strcmp(a, "pass") == 0;
	int rc = EXIT_CONFLICT;

	if (strcmp(a, "opinion") == 0 && !r->mine) {
		set_cause(cause, "%s", _("your office has no pending opinion on this case"));
	} else if (strcmp(a, "pass") == 0 && r->last) {
		set_cause(cause, "%s", _("this is the last review step: approve or deny"));
	} else if (strcmp(a, "refuse") == 0 && r->deemed) {
		/* art. 32: unanswered for 5 working days, it is accepted by law. */
		set_cause(cause, "%s", _("too late to refuse: the application was not answered within "
		    "5 working days and is deemed accepted on receipt (art. 32); accept it and decide it"));
	} else if (strcmp(a, "supplement") == 0 && notice_stage(c) == TCASE_NOTICE_ACCEPTANCE &&
	    r->deemed) {
		set_cause(cause, "%s", _("too late for a supplement notice: the application was not "
		    "answered within 5 working days and is deemed accepted on receipt (art. 32); accept "
		    "it, and ask for what is missing in review"));
	} else if (strcmp(a, "supplement") == 0 && (c->notices & notice_stage(c))) {
		/* art. 32 (4): 一次性告知, one notice with everything in it. */
		set_cause(cause, "%s", notice_stage(c) == TCASE_NOTICE_ACCEPTANCE ?
		    _("the supplement notice of the acceptance stage was given already: art. 32 allows "
		    "one notice listing every missing material") :
		    _("the supplement notice of the review was given already: one notice lists every "
		    "missing material"));
	} else if ((decide || go_on) && r->pending) {
		set_cause(cause, "%s", _("the parallel review is not complete: every department "
		    "must give its opinion first"));
	} else if (go_on && r->dissent) {
		set_cause(cause, "%s", _("a department disagrees (不同意): deny, return the case, or, "
		    "as the lead office, overrule the dissent with your reason (override)"));
	} else if (strcmp(a, "approve") == 0 && r->pledged) {
		list_materials(&list, m, r->pledged);
		set_cause(cause, _("pledged materials are outstanding: %s; record them when they are "
		    "handed in (receive) before the licence is granted"), list.buf);
	} else if (strcmp(a, "approve") == 0 && r->missing) {
		list_materials(&list, m, r->missing);
		set_cause(cause, _("required materials are missing: %s; ask for them (supplement) "
		    "before the licence is granted"), list.buf);
	} else if (strcmp(a, "deny") == 0 && r->pledged && !r->pledge_late) {
		list_materials(&list, m, r->pledged);
		set_cause(cause, _("the applicant pledged to hand in %s by %s (容缺受理): the decision "
		    "waits for them until that day"), list.buf, c->pledge_date);
	} else if (strcmp(a, "override") == 0 && !r->dissent) {
		set_cause(cause, "%s", _("no dissent to overrule: no department of this step "
		    "disagrees"));
	} else if (strcmp(a, "receive") == 0 && !r->pledged) {
		set_cause(cause, "%s", _("no pledged material is outstanding"));
	} else if (strcmp(a, "extend") == 0 && c->extended_days > 0) {
		set_cause(cause, "%s", _("the limit was already extended once (art. 42 allows one "
		    "extension)"));
	} else if (strcmp(a, "extend") == 0 && r->used > tcase_limit(c)) {
		set_cause(cause, _("the limit ran out on %s: an extension is approved before the limit "
		    "runs out (art. 42)"), c->due);
	} else if (strcmp(a, "extend") == 0 && r->extend_max <= 0) {
		set_cause(cause, _("no extension is left: the limit of %d working days already reaches "
		    "the statutory limit plus %d (art. 42)"), tcase_limit(c), r->extend_by);
	} else
		rc = 0;
	sb_release(&list);
	return rc;
}

int
lifecycle_offered(struct session *s, const struct tcase *c, const struct act_def **out, int max)
{
	const struct act_def *d;
	struct item it;
	struct steps *ss = xcalloc(1, sizeof *ss);
	struct mat *m = xcalloc(1, sizeof *m);
	struct rules r;
	int n = -1, today = session_today(s);

	memset(&it, 0, sizeof it);
	if (store_item_get(s->st, c->item, &it) != 0 ||
	    store_step_each(s->st, c->item, add_step, ss) < 0 ||
	    store_material_each(s->st, c->item, add_mat, m) < 0 ||
	    rules_read(s->st, s->cal, c, &it, ss, m, today, &s->user, &r) != 0)
		goto out;
	for (n = 0, d = lifecycle_acts; d->name != NULL && n < max; d++)
		if (lifecycle_from_ok(d, c->status) && lifecycle_may(&s->user, c, d) &&
		    rules_block(d, c, m, &r, NULL) == 0)
			out[n++] = d;
out:
	item_release(&it);
	free(ss);
	free(m);
	return n;
}

/* The clock stops (supplement, suspension). */
static void
pause_clock(struct tcase *c, int today)
{
	set_str(&c->prev_status, c->status);
	set_date(&c->paused_since, today);
}

/* The clock runs again: the working days paused do not count. */
static int
resume_clock(const struct calendar *cal, struct tcase *c, int today)
{
	int since, n = 0;

	if (clock_parse_date(c->paused_since, &since) == 0)
		n = clock_workdays(cal, since, today);
	if (n < 0)
		n = 0;
	c->paused_days += n;
	c->step_paused += n;
	set_str(&c->paused_since, "");
	reclock(cal, c);
	return n;
}

struct last {
	char who[64];
	char what[64];
	char at[32];
};

static int
keep_last(void *arg, const struct event *e)
{
	struct last *l = arg;

	utf8_copy(l->who, sizeof l->who, e->actor);
	utf8_copy(l->what, sizeof l->what, e->action);
	utf8_copy(l->at, sizeof l->at, e->at);
	return 0;
}

static int
conflict(struct store *st, const char *no, char **cause)
{
	struct tcase c;
	struct last l;

	memset(&l, 0, sizeof l);
	if (store_case_get(st, no, &c) == 0) {
		store_event_each_of_case(st, c.id, keep_last, &l);
		tcase_release(&c);
	}
	set_cause(cause, _("case '%s' was changed by %s at %s (%s) while you were working: "
	    "nothing was saved; look at the case again, your input is kept"),
	    no, l.who, l.at, tcase_action_label(l.what));
	return EXIT_CONFLICT;
}

static int
write_event(struct store *st, const struct actor *who, const struct tcase *c,
    const char *action, const char *from, const char *note, char **cause)
{
	struct audit_chain ch;
	struct event e;
	char at[32];

	clock_stamp(who->today, at);
	memset(&e, 0, sizeof e);
	e.case_id = c->id;
	e.at = at;
	e.actor = who->user->login;
	e.addr = (char *)(who->addr ? who->addr : "");
	e.action = (char *)action;
	e.from_status = (char *)from;
	e.to_status = c->status;
	e.note = (char *)(note ? note : "");
	audit_chain_load(st, &ch);
	if (audit_append(st, &ch, &e, cause) != 0)
		return -1;
	return audit_chain_save(st, &ch, cause);
}

/* Actions --------------------------------------------------------------------- */

struct ctx {
	struct store *st;
	const struct calendar *cal;
	const struct actor *who;
	const struct act_args *a;
	struct tcase *c;
	struct item it;
	struct steps ss;
	struct mat m;
	struct rules rules;	/* read before the action */
	struct sb note;		/* the event's note */
	struct sb lists[2];	/* see mat_list() */
	int nlist;
	char **cause;
};

/* Set c's materials received to set. */
static void
set_materials(struct tcase *c, unsigned long long set)
{
	char *s = format_materials(set);

	set_str(&c->materials, s);
	free(s);
}

/* The materials of set, numbered and named, for a message: valid until
 * the second call after this one (two lists may appear in one message). */
static const char *
mat_list(struct ctx *x, unsigned long long set)
{
	struct sb *sb = &x->lists[x->nlist++ % 2];

	sb_reset(sb);
	list_materials(sb, &x->m, set);
	return sb->buf;
}

static int
do_accept(struct ctx *x)
{
	struct tcase *c = x->c;
	unsigned long long have = tcase_material_set(c->materials), more = 0, miss, pledged = 0;
	int today = x->who->today, start, due, pd, nxt;
	char *s;

	if (parse_materials(x->a->materials, "materials", &x->m, &more, x->cause) != 0 ||
	    parse_materials(x->a->pledge_materials, "pledge-materials", &x->m, &pledged,
	    x->cause) != 0)
		return EXIT_INVALID;
	have |= more;
	/* art. 32: unanswered for 5 working days, it counts as accepted on
	 * receipt, and the office can no longer ask for materials first. */
	c->deemed = x->rules.deemed;
	clock_parse_date(c->submitted, &start);
	if (!c->deemed)
		start = today;
	due = clock_due(x->cal, start, x->it.promised_days, 0);
	if (pledged & have) {
		set_cause(x->cause, _("--pledge-materials: already received: %s"),
		    mat_list(x, pledged & have));
		return EXIT_INVALID;
	}
	if (pledged & ~secondary_set(&x->m)) {
		/* 容缺受理 is for secondary materials only: the core of an
		 * application is never taken on a promise. */
		set_cause(x->cause, _("--pledge-materials: only secondary materials may be pledged "
		    "(容缺受理), not %s"), mat_list(x, pledged & ~secondary_set(&x->m)));
		return EXIT_INVALID;
	}
	if (pledged && c->deemed) {
		set_cause(x->cause, "%s", _("--pledge-materials: an application deemed accepted "
		    "(art. 32) takes no pledge: accept it as it is and ask for what is missing in "
		    "review"));
		return EXIT_INVALID;
	}
	miss = missing_required(&x->m, have) & ~pledged;
	if (miss && !c->deemed) {
		if ((miss & ~secondary_set(&x->m)) == 0)
			set_cause(x->cause, _("required materials are missing: %s; ask for them in one "
			    "supplement notice, or, as they are secondary, accept on the applicant's "
			    "written pledge (--pledge-materials, --pledge-date)"), mat_list(x, miss));
		else if (miss & secondary_set(&x->m)) {
			char *sec = format_materials(miss & secondary_set(&x->m));

			set_cause(x->cause, _("required materials are missing: %s; ask for them in one "
			    "supplement notice, or accept on the applicant's written pledge for the "
			    "secondary ones, %s (--pledge-materials, --pledge-date)"), mat_list(x, miss),
			    sec);
			free(sec);
		}
		else
			set_cause(x->cause, _("required materials are missing: %s; ask for them in one "
			    "supplement notice (none of them is secondary, so none may be pledged)"),
			    mat_list(x, miss));
		return EXIT_INVALID;
	}
	if (x->a->pledge_date && !pledged) {
		set_cause(x->cause, "%s", _("--pledge-date: name the pledged materials with "
		    "--pledge-materials"));
		return EXIT_INVALID;
	}
	if (pledged) {
		char d0[11], d1[11];

		if (x->a->pledge_date == NULL || clock_parse_date(x->a->pledge_date, &pd) != 0) {
			set_cause(x->cause, "%s", _("--pledge-date: expected the date YYYY-MM-DD by which "
			    "the applicant will bring the pledged materials"));
			return EXIT_INVALID;
		}
		clock_format_date(today, d0);
		clock_format_date(due, d1);
		if (!clock_is_workday(x->cal, pd)) {
			set_cause(x->cause, _("--pledge-date: %s is not a working day; expected a working "
			    "day from %s to %s (the promised limit)"), x->a->pledge_date, d0, d1);
			return EXIT_INVALID;
		}
		if (pd < today || pd > due) {
			set_cause(x->cause, _("--pledge-date: expected a working day from %s to %s (the "
			    "pledged date may not pass the promised limit), not %s"), d0, d1,
			    x->a->pledge_date);
			return EXIT_INVALID;
		}
		clock_format_date(pd, d0);
		set_str(&c->pledge_date, d0);
		s = format_materials(pledged);
		set_str(&c->pledge_materials, s);
		free(s);
		sb_adds(&x->note, _("accepted on the applicant's pledge (容缺受理): "));
		list_materials(&x->note, &x->m, pledged);
		sb_addf(&x->note, _(" by %s"), d0);
	}
	if (c->deemed) {
		sb_addf(&x->note, "%s%s", x->note.len ? _("; ") : "",
		    _("deemed accepted on receipt: not answered within 5 working days (art. 32)"));
		if (miss) {
			sb_addf(&x->note, "%s%s", _("; "), _("materials missing: "));
			list_materials(&x->note, &x->m, miss);
		}
	}
	set_materials(c, have);
	set_date(&c->accepted, start);
	c->limit_days = x->it.promised_days;
	/* The decision clock starts at acceptance; a deemed acceptance started it
	 * at receipt, and the pauses since then stay uncounted. */
	if (!c->deemed)
		c->paused_days = 0;
	c->extended_days = 0;
	reclock(x->cal, c);
	set_str(&c->status, "accepted");
	nxt = next_step(&x->ss, 1);
	return enter_step(x->st, x->cal, c, &x->ss, nxt ? nxt : 1, today, x->cause) ? EXIT_INTERNAL : 0;
}

static int
do_supplement(struct ctx *x)
{
	struct tcase *c = x->c;
	unsigned long long have = tcase_material_set(c->materials), listed = 0, miss;
	int unlisted;
	char d[11];

	/* --reason listed|unlisted: does the notice ask for a material the guide does not list? */
	if ((unlisted = tcase_supplement_unlisted(x->a->reason, x->a->note, x->cause)) < 0)
		return EXIT_INVALID;
	if (parse_materials(x->a->materials, "materials", &x->m, &listed, x->cause) != 0)
		return EXIT_INVALID;
	/* art. 32 (4): one notice that lists every missing material at once
	 * (一次性告知). Pledged materials have a date of their own. */
	miss = x->rules.missing & ~x->rules.pledged;
	if (listed == 0)
		listed = miss;
	if (listed == 0 && !unlisted) {
		set_cause(x->cause, "%s", _("--materials: no required material is missing: name the "
		    "materials to hand in again (1,2,…)"));
		return EXIT_INVALID;
	}
	if (miss & ~listed) {
		set_cause(x->cause, _("--materials: the notice must list every missing material at "
		    "once (一次性告知, art. 32); it leaves out %s"), mat_list(x, miss & ~listed));
		return EXIT_INVALID;
	}
	sb_adds(&x->note, _("please supplement: "));
	list_materials(&x->note, &x->m, listed);
	if (unlisted) {
		/* Against 办事指南准确度, and an anomaly supervision sees. */
		clock_format_date(x->who->today, d);
		sb_addf(&x->note, listed ? _("; not listed in the guide: %s") :
		    _("not listed in the guide: %s"), x->a->note);
		if (store_anomaly_add(x->st, c->id, "unlisted_material", d, x->a->note, x->cause) != 0)
			return EXIT_INTERNAL;
	}
	/* A listed material that was received is not in legal form: it is
	 * handed in again. */
	set_materials(c, have & ~listed);
	c->notices |= notice_stage(c);
	pause_clock(c, x->who->today);
	set_str(&c->status, "supplement");
	return 0;
}

struct paused {
	struct ctx *x;
	int days;
	int rc;
};

static int
pause_branch(void *arg, const struct branch *b)
{
	struct paused *p = arg;
	int due;
	char d[11];

	if (b->step != p->x->c->step || b->opinion != NULL || clock_parse_date(b->due, &due) != 0)
		return 0;
	clock_format_date(clock_add(p->x->cal, due, p->days), d);
	p->rc = store_branch_pause(p->x->st, p->x->c->id, b->step, b->dept_kind, d, p->days,
	    p->x->cause);
	return p->rc != 0 ? -1 : 0;
}

/* The pending branches of the current step waited while the case was
 * paused: each due date moves by the n working days paused (art. 45's time
 * is not counted for them either). */
static int
pause_branches(struct ctx *x, int n)
{
	struct paused p = { x, n, 0 };

	if (store_branch_each(x->st, x->c->id, pause_branch, &p) < 0 || p.rc != 0) {
		if (p.rc == 0)
			set_cause(x->cause, "%s", store_error(x->st));
		return -1;
	}
	return 0;
}

static int
do_resume(struct ctx *x, int resupply)
{
	struct tcase *c = x->c;
	int n, end, over = 0;

	if (resupply) {
		unsigned long long have = tcase_material_set(c->materials), more = 0, still;

		/* What was handed in, exactly: nothing is assumed. */
		if (x->a->materials == NULL || *x->a->materials == '\0') {
			set_cause(x->cause, "%s", _("--materials: name the materials the applicant "
			    "handed in (1,2,…)"));
			return EXIT_INVALID;
		}
		if (parse_materials(x->a->materials, "materials", &x->m, &more, x->cause) != 0)
			return EXIT_INVALID;
		set_materials(c, have | more);
		sb_adds(&x->note, _("received: "));
		list_materials(&x->note, &x->m, more);
		still = missing_required(&x->m, have | more) & ~tcase_pledge_open(c);
		if (still) {
			sb_addf(&x->note, "%s%s", _("; "), _("still missing: "));
			list_materials(&x->note, &x->m, still);
		}
	}
	/* art. 45: the special procedure ran past the period told. */
	if (!resupply && clock_parse_date(c->suspend_due, &end) == 0 && end < x->who->today)
		over = clock_workdays(x->cal, end, x->who->today);
	set_str(&c->status, *c->prev_status ? c->prev_status : "under_review");
	set_str(&c->prev_status, "");
	n = resume_clock(x->cal, c, x->who->today);
	sb_addf(&x->note, _("%s%d working days not counted"), x->note.len ? _("; ") : "", n);
	if (over > 0)
		sb_addf(&x->note, _("; %d working days past the period told to the applicant"), over);
	/* The branches of a parallel review waited with the case: their due
	 * dates move by the days paused. */
	if (n > 0 && pause_branches(x, n) != 0)
		return EXIT_INTERNAL;
	return 0;
}

/* 容缺受理: the pledged materials the applicant hands in. */
static int
do_receive(struct ctx *x)
{
	struct tcase *c = x->c;
	unsigned long long open = x->rules.pledged, more = 0;
	int pd;

	if (x->a->materials == NULL || *x->a->materials == '\0') {
		set_cause(x->cause, _("--materials: name the pledged materials handed in "
		    "(outstanding: %s)"), mat_list(x, open));
		return EXIT_INVALID;
	}
	if (parse_materials(x->a->materials, "materials", &x->m, &more, x->cause) != 0)
		return EXIT_INVALID;
	if (more & ~open) {
		set_cause(x->cause, _("--materials: not an outstanding pledged material: %s "
		    "(outstanding: %s)"), mat_list(x, more & ~open), mat_list(x, open));
		return EXIT_INVALID;
	}
	set_materials(c, tcase_material_set(c->materials) | more);
	sb_adds(&x->note, _("pledged materials received (容缺受理): "));
	list_materials(&x->note, &x->m, more);
	if (open & ~more) {
		sb_addf(&x->note, "%s%s", _("; "), _("still outstanding: "));
		list_materials(&x->note, &x->m, open & ~more);
	}
	if (clock_parse_date(c->pledge_date, &pd) == 0 && x->who->today > pd)
		sb_addf(&x->note, _("; %d working days after the pledged date %s"),
		    clock_workdays(x->cal, pd, x->who->today), c->pledge_date);
	return 0;
}

/* Every branch has spoken and none dissents: the case goes on by itself. */
static int
go_on(struct ctx *x)
{
	struct tcase *c = x->c;
	int nxt = next_step(&x->ss, c->step);

	if (nxt != 0 && nxt != last_step(&x->ss) &&
	    enter_step(x->st, x->cal, c, &x->ss, nxt, x->who->today, x->cause) != 0)
		return EXIT_INTERNAL;
	return 0;
}

/*
 * The person's own words go into the event after what the action records
 * (the materials listed, the days not counted...). The actions whose record
 * is built around the note already hold it: an opinion, a reason, a
 * supplement for a material the guide does not list.
 */
static void
keep_note(struct ctx *x, const char *action)
{
	static const char *const own[] = { "accept", "supplement", "resupply", "resume",
		"pass", "receive", NULL };
	int i;

	if (x->a->note == NULL || *x->a->note == '\0')
		return;
	if (strcmp(action, "supplement") == 0 && tcase_supplement_unlisted(x->a->reason,
	    x->a->note, NULL) == 1)
		return;
	for (i = 0; own[i]; i++)
		if (strcmp(own[i], action) == 0) {
			sb_addf(&x->note, "%s%s", x->note.len ? _("; ") : "", x->a->note);
			return;
		}
}

static int
do_pass(struct ctx *x)
{
	struct tcase *c = x->c;

	/* Not the last step (rules_block): a next one exists. */
	return enter_step(x->st, x->cal, c, &x->ss, next_step(&x->ss, c->step), x->who->today,
	    x->cause) ? EXIT_INTERNAL : 0;
}

struct dissents {
	int step;
	struct sb offices;
};

static int
keep_dissent(void *arg, const struct branch *b)
{
	struct dissents *d = arg;

	if (b->step == d->step && b->verdict != NULL && strcmp(b->verdict, "disagree") == 0 &&
	    b->override == NULL)
		sb_addf(&d->offices, "%s%s", d->offices.len ? _("; ") : "", b->office_name);
	return 0;
}

static int
do_opinion(struct ctx *x)
{
	struct tcase *c = x->c;
	const char *verdict = x->a->verdict ? x->a->verdict : "agree";
	const char *office = x->who->user->office;
	struct branch_count n = { c->step, NULL, 0, 0, 0 };
	char d[11];

	if (strcmp(verdict, "agree") && strcmp(verdict, "disagree")) {
		set_cause(x->cause, _("--verdict: expected agree or disagree, not '%s'"), verdict);
		return EXIT_INVALID;
	}
	clock_format_date(x->who->today, d);
	if (office == NULL || store_branch_opinion(x->st, c->id, c->step, office, verdict,
	    x->a->note, x->who->user->login, d) != 0) {
		set_cause(x->cause, "%s", _("your office has no pending opinion on this case"));
		return EXIT_CONFLICT;
	}
	sb_addf(&x->note, _("%s: %s"), strcmp(verdict, "agree") == 0 ? _("agree") : _("disagree"),
	    x->a->note);
	if (store_branch_each(x->st, c->id, count_branch, &n) < 0) {
		set_cause(x->cause, "%s", store_error(x->st));
		return EXIT_INTERNAL;
	}
	if (n.pending > 0)
		return 0;
	sb_adds(&x->note, _("; all departments have given their opinions"));
	/* A dissent holds the case at the step: the lead office denies, returns
	 * it, or overrules the dissent with its reason. */
	if (n.dissent > 0) {
		sb_adds(&x->note, _("; a department disagrees: the lead office decides"));
		return 0;
	}
	return go_on(x);
}

/* The lead office overrules the dissents of the current step, with its
 * reason: recorded on the branches, in the event and as an anomaly that
 * supervision sees. */
static int
do_override(struct ctx *x)
{
	struct tcase *c = x->c;
	struct dissents d;
	char day[11];
	int rc;

	d.step = c->step;
	sb_init(&d.offices);
	clock_format_date(x->who->today, day);
	if (store_branch_each(x->st, c->id, keep_dissent, &d) < 0 ||
	    (rc = store_branch_override(x->st, c->id, c->step, x->a->note, x->who->user->login,
	    day)) < 0) {
		set_cause(x->cause, "%s", store_error(x->st));
		sb_release(&d.offices);
		return EXIT_INTERNAL;
	}
	if (rc == STORE_NOTFOUND) {
		sb_release(&d.offices);
		set_cause(x->cause, "%s", _("no dissent to overrule: no department of this step "
		    "disagrees"));
		return EXIT_CONFLICT;
	}
	if (store_anomaly_add(x->st, c->id, "override", day, d.offices.buf, x->cause) != 0) {
		sb_release(&d.offices);
		return EXIT_INTERNAL;
	}
	sb_addf(&x->note, _("the dissent of %s is overruled by the lead office: %s"), d.offices.buf,
	    x->a->note);
	sb_release(&d.offices);
	return x->rules.pending ? 0 : go_on(x);
}

static int
do_suspend(struct ctx *x)
{
	struct tcase *c = x->c;
	int i, ok = 0;

	for (i = 0; x->a->reason && lifecycle_suspend_reasons[i]; i++)
		ok |= strcmp(lifecycle_suspend_reasons[i], x->a->reason) == 0;
	if (!ok) {
		set_cause(x->cause, "%s", _("--reason: expected one of art. 45's: hearing, tendering, "
		    "auction, testing, inspection, quarantine, appraisal, expert_review"));
		return EXIT_INVALID;
	}
	if (x->a->days < 1 || x->a->days > 365) {
		set_cause(x->cause, "%s", _("--days: expected the period told to the applicant, "
		    "1 to 365 working days"));
		return EXIT_INVALID;
	}
	set_str(&c->suspend_reason, x->a->reason);
	c->suspend_days = x->a->days;
	sb_addf(&x->note, _("%s, %d working days told to the applicant: %s"),
	    tcase_suspend_label(x->a->reason), x->a->days, x->a->note);
	pause_clock(c, x->who->today);
	set_str(&c->status, "suspended");
	reclock(x->cal, c);
	sb_addf(&x->note, _("; the period ends %s"), c->suspend_due);
	return 0;
}

/* art. 42: once, approved by the head of the office (the acting user,
 * WHO_HEAD), before the limit runs out, within the statutory extension. */
static int
do_extend(struct ctx *x)
{
	struct tcase *c = x->c;
	int n = x->a->days, before = tcase_limit(c);

	if (n <= 0)
		n = x->rules.extend_by < x->rules.extend_max ? x->rules.extend_by : x->rules.extend_max;
	if (n > x->rules.extend_max) {
		set_cause(x->cause, _("--days: at most %d working days: the limit (%d now) may reach "
		    "the statutory limit plus %d (art. 42), %d working days"), x->rules.extend_max,
		    before, x->rules.extend_by, before + x->rules.extend_max);
		return EXIT_INVALID;
	}
	c->extended_days += n;
	reclock(x->cal, c);
	sb_addf(&x->note, _("+%d working days (limit %d → %d), due %s, approved by the head of the "
	    "office %s: %s"), n, before, tcase_limit(c), c->due,
	    *x->who->user->name ? x->who->user->name : x->who->user->login, x->a->note);
	return 0;
}

static int
do_decide(struct ctx *x, int approve)
{
	struct tcase *c = x->c;
	int due;

	set_date(&c->decided, x->who->today);
	clock_parse_date(c->due, &due);
	c->on_time = x->who->today <= due;
	/* art. 44: the delivery clock starts with the decision. */
	reclock(x->cal, c);
	set_str(&c->status, approve ? "approved" : "denied");
	/* The decision's words follow the item's power type. */
	set_str(&c->result, tcase_result(x->it.power_type, x->it.name, approve));
	sb_adds(&x->note, tcase_result_label(c->result));
	if (x->a->note && *x->a->note)
		sb_addf(&x->note, "%s%s", _("; "), x->a->note);
	c->step = last_step(&x->ss);
	set_date(&c->step_started, x->who->today);
	c->step_paused = 0;
	return 0;
}

static int
do_complete(struct ctx *x)
{
	struct tcase *c = x->c;
	long fee = x->a->fee_cents;
	int late;

	if (fee < 0)
		fee = strcmp(c->status, "approved") == 0 ? x->it.fee_cents : 0;
	c->fee_cents = fee;
	if (fee > x->it.fee_cents) {
		/* 收费异常: more than the catalog allows; supervision sees it. */
		char detail[96], d[11];

		snprintf(detail, sizeof detail, "%ld.%02ld > %ld.%02ld", fee / 100, fee % 100,
		    x->it.fee_cents / 100, x->it.fee_cents % 100);
		clock_format_date(x->who->today, d);
		if (store_anomaly_add(x->st, c->id, "fee", d, detail, x->cause) != 0)
			return EXIT_INTERNAL;
	}
	/* art. 44: on time means decided and delivered in time. */
	late = !tcase_delivered_on_time(c, x->who->today);
	if (late)
		c->on_time = 0;
	set_date(&c->finished, x->who->today);
	c->open = 0;
	if (late)
		sb_addf(&x->note, _("delivered late: due %s (art. 44, 10 working days from the "
		    "decision); "), c->deliver_due);
	sb_addf(&x->note, _("result delivered; fee charged %ld.%02ld yuan (catalog %ld.%02ld)"),
	    fee / 100, fee % 100, x->it.fee_cents / 100, x->it.fee_cents % 100);
	if (x->a->note && *x->a->note)
		sb_addf(&x->note, "; %s", x->a->note);
	set_str(&c->status, "completed");
	return 0;
}

static int
do_close(struct ctx *x, const char *status)
{
	struct tcase *c = x->c;

	set_date(&c->finished, x->who->today);
	set_str(&c->paused_since, "");
	c->open = 0;
	set_str(&c->status, status);
	sb_adds(&x->note, x->a->note);
	return 0;
}

/* Take an action; own: in a transaction of its own, else in the caller's
 * (which rolls back on failure). */
static int
act_in(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *no, const struct act_args *a, int own, char **cause)
{
	const struct act_def *def = lifecycle_find(a->action);
	struct tcase c, before;
	struct ctx x;
	char *from = NULL;
	int rc;

	memset(&before, 0, sizeof before);
	if (def == NULL) {
		struct sb names = SB_INIT;

		for (def = lifecycle_acts; def->name; def++)
			sb_addf(&names, "%s%s", names.len ? ", " : "", def->name);
		set_cause(cause, _("unknown action '%s' (expected one of %s)"), a->action, names.buf);
		sb_release(&names);
		return EXIT_INVALID;
	}
	if (def->need_note && (a->note == NULL || *a->note == '\0')) {
		set_cause(cause, _("'%s' needs a reason: --note TEXT"), def->name);
		return EXIT_INVALID;
	}
	if (a->note && strlen(a->note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	if (own && store_begin(st, cause) != 0)
		return EXIT_INTERNAL;
	memset(&c, 0, sizeof c);
	rc = store_case_get(st, no, &c);
	if (rc != 0 || !access_can_see(who->user, &c)) {
		if (own)
			store_rollback(st);
		if (c.no)
			tcase_release(&c);
		if (rc < 0) {
			set_cause(cause, _("cannot read case '%s': %s"), no, store_error(st));
			return EXIT_INTERNAL;
		}
		set_cause(cause, _("no case '%s'"), no);
		return EXIT_NOTFOUND;
	}
	memset(&x, 0, sizeof x);
	sb_init(&x.note);
	sb_init(&x.lists[0]);
	sb_init(&x.lists[1]);
	if (a->expect_version >= 0 && a->expect_version != c.version) {
		if (own)
			store_rollback(st);
		tcase_release(&c);
		return conflict(st, no, cause);
	}
	if (!lifecycle_from_ok(def, c.status)) {
		set_cause(cause, _("cannot %s case '%s': it is %s"), def->name, no,
		    tcase_status_label(c.status));
		rc = EXIT_CONFLICT;
		goto fail;
	}
	if (!lifecycle_may(who->user, &c, def)) {
		set_cause(cause, _("permission denied: only %s may %s this case"),
		    def->who == WHO_DECIDER ? _("approvers of the competent office") :
		    def->who == WHO_BRANCH ? _("approvers of a department in the parallel review") :
		    def->who == WHO_DELIVERER ? _("the competent office or the hall that took it in") :
		    def->who == WHO_HEAD ? _("the head (负责人) of the competent office") :
		    _("the competent office"), def->name);
		rc = EXIT_DENIED;
		goto fail;
	}
	store_case_get(st, no, &before);
	x.st = st;
	x.cal = cal;
	x.who = who;
	x.a = a;
	x.c = &c;
	x.cause = cause;
	if (store_item_get(st, c.item, &x.it) != 0 ||
	    store_step_each(st, c.item, add_step, &x.ss) < 0 ||
	    store_material_each(st, c.item, add_mat, &x.m) < 0) {
		set_cause(cause, _("cannot read item '%s': %s"), c.item, store_error(st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	if (rules_read(st, cal, &c, &x.it, &x.ss, &x.m, who->today, who->user, &x.rules) != 0) {
		set_cause(cause, _("cannot read case '%s': %s"), no, store_error(st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	if ((rc = rules_block(def, &c, &x.m, &x.rules, cause)) != 0)
		goto fail;
	from = xstrdup(c.status);
	if (strcmp(def->name, "accept") == 0)
		rc = do_accept(&x);
	else if (strcmp(def->name, "supplement") == 0)
		rc = do_supplement(&x);
	else if (strcmp(def->name, "resupply") == 0)
		rc = do_resume(&x, 1);
	else if (strcmp(def->name, "resume") == 0)
		rc = do_resume(&x, 0);
	else if (strcmp(def->name, "pass") == 0)
		rc = do_pass(&x);
	else if (strcmp(def->name, "opinion") == 0)
		rc = do_opinion(&x);
	else if (strcmp(def->name, "override") == 0)
		rc = do_override(&x);
	else if (strcmp(def->name, "receive") == 0)
		rc = do_receive(&x);
	else if (strcmp(def->name, "suspend") == 0)
		rc = do_suspend(&x);
	else if (strcmp(def->name, "extend") == 0)
		rc = do_extend(&x);
	else if (strcmp(def->name, "approve") == 0)
		rc = do_decide(&x, 1);
	else if (strcmp(def->name, "deny") == 0)
		rc = do_decide(&x, 0);
	else if (strcmp(def->name, "complete") == 0)
		rc = do_complete(&x);
	else if (strcmp(def->name, "refuse") == 0)
		rc = do_close(&x, "not_accepted");
	else if (strcmp(def->name, "withdraw") == 0)
		rc = do_close(&x, "withdrawn");
	else {
		/* review, return, survey: a status change (or none) and the note. */
		if (def->to != NULL)
			set_str(&c.status, def->to);
		rc = 0;
		if (strcmp(def->name, "return") == 0) {
			int nxt = next_step(&x.ss, 1);

			if (enter_step(st, cal, &c, &x.ss, nxt ? nxt : 1, who->today, cause) != 0)
				rc = EXIT_INTERNAL;
		}
		sb_adds(&x.note, a->note ? a->note : "");
	}
	if (rc != 0)
		goto fail;
	keep_note(&x, def->name);
	rc = store_case_update(st, &c, cause);
	if (rc == STORE_CONFLICT) {
		if (own)
			store_rollback(st);
		rc = conflict(st, no, cause);
		goto out;
	}
	/* A case of an investment project may close its stage or stop it. */
	if (rc != 0 || write_event(st, who, &c, def->name, from, x.note.buf, cause) != 0 ||
	    /* A closed case needs no inspection: its appointment is cancelled. */
	    (!c.open && appoint_case_closed(st, who->user, who->addr, &c,
	    clock_now(who->today), cause) != 0) ||
	    stats_case_change(st, &before, &c, cause) != 0 ||
	    project_case_changed(st, cal, who, &c, cause) != 0 ||
	    (own && store_commit(st, cause) != 0)) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	if (own)
		store_rollback(st);
out:
	free(from);
	sb_release(&x.note);
	sb_release(&x.lists[0]);
	sb_release(&x.lists[1]);
	item_release(&x.it);
	tcase_release(&c);
	if (before.no)
		tcase_release(&before);
	return rc;
}

static int
act_as(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *no, const struct act_args *a, char **cause)
{
	return act_in(st, cal, who, no, a, 1, cause);
}

int
lifecycle_act_tx(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *no, const struct act_args *a, char **cause)
{
	return act_in(st, cal, who, no, a, 0, cause);
}

/* Intake ------------------------------------------------------------------------ */

static int
phone_valid(const char *p)
{
	size_t n = strlen(p), i;

	if (n == 0)
		return 1;
	if (n < 7 || n > 20)
		return 0;
	for (i = 0; i < n; i++)
		if ((p[i] < '0' || p[i] > '9') && p[i] != '-')
			return 0;
	return 1;
}

/* The event of a corrected register entry (subject "applicant:ID"): what
 * changed, from what to what. */
static int
correction_event(struct store *st, struct audit_chain *ch, const struct actor *who,
    const char *at, const char *id, const char *oname, const char *ophone,
    const char *oregion, const char *name, const char *phone, const char *region,
    char **cause)
{
	struct sb note = SB_INIT, subject = SB_INIT;
	struct event e;
	int rc;

	if (oname && strcmp(oname, name) != 0)
		sb_addf(&note, "%s: %s → %s", _("name"), oname, name);
	if (phone && *phone && ophone && strcmp(ophone, phone) != 0)
		sb_addf(&note, "%s%s: %s → %s", note.len ? "; " : "", _("phone"), ophone, phone);
	if (oregion && strcmp(oregion, region) != 0)
		sb_addf(&note, "%s%s: %s → %s", note.len ? "; " : "", _("lives in"), oregion, region);
	sb_addf(&subject, "applicant:%s", id);
	memset(&e, 0, sizeof e);
	e.subject = subject.buf;
	e.at = (char *)at;
	e.actor = who->user->login;
	e.addr = (char *)(who->addr ? who->addr : "");
	e.action = (char *)"correct";
	e.from_status = (char *)"";
	e.to_status = (char *)"";
	e.note = note.buf;
	rc = audit_append(st, ch, &e, cause);
	sb_release(&note);
	sb_release(&subject);
	return rc;
}

/* Take in an application; own: in a transaction of its own, else in the
 * caller's (which rolls back on failure) and without the intake right's
 * check (a project opens the cases of its next stage at a decision). */
static int
intake_in(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct intake *in, int own, char no[32], char **cause)
{
	struct item it;
	struct region r;
	struct mat m;
	struct tcase c;
	struct audit_chain ch;
	struct event e;
	unsigned long long have = 0;
	char *oname = NULL, *ophone = NULL, *oregion = NULL, *office = NULL, *mats = NULL;
	char region[13], rreg[13], route[13], oreg[13], hall[13], district[7], prefix[24], at[32], today_s[11];
	char warn[11], due[11];
	const char *kind;
	long seq;
	int rc = EXIT_INVALID, renamed = 0, found = 0;

	memset(&it, 0, sizeof it);
	memset(&m, 0, sizeof m);
	if (own && !access_has(who->user, RIGHT_CASE_INTAKE)) {
		set_cause(cause, "%s", _("permission denied: applications are taken in by window clerks"));
		return EXIT_DENIED;
	}
	rc = in->item ? store_item_get(st, in->item, &it) : STORE_NOTFOUND;
	if (rc < 0) {
		set_cause(cause, _("cannot read item '%s': %s"), in->item, store_error(st));
		return EXIT_INTERNAL;
	}
	if (rc != 0) {
		set_cause(cause, _("--item: no item '%s' in the catalog"), in->item ? in->item : "");
		return EXIT_INVALID;
	}
	rc = EXIT_INVALID;
	if (in->channel == NULL || (strcmp(in->channel, "window") && strcmp(in->channel, "online") &&
	    strcmp(in->channel, "self-service"))) {
		set_cause(cause, "%s", _("--channel: expected window, online or self-service"));
		goto out;
	}
	if (strcmp(in->channel, "window") != 0 && strstr(it.channels, in->channel) == NULL) {
		set_cause(cause, _("--channel: item '%s' is not offered %s (only %s)"), it.code,
		    in->channel, it.channels);
		goto out;
	}
	kind = in->applicant_id ? ids_kind(in->applicant_id) : NULL;
	if (kind == NULL) {
		set_cause(cause, _("--applicant-id: '%s' is not a valid resident ID (GB 11643) or "
		    "unified social credit code (GB 32100): check the digits"),
		    in->applicant_id ? in->applicant_id : "");
		goto out;
	}
	if (in->name == NULL || *in->name == '\0' || strlen(in->name) > 120) {
		set_cause(cause, "%s", _("--applicant-name: expected the applicant's name"));
		goto out;
	}
	if (in->phone && !phone_valid(in->phone)) {
		set_cause(cause, _("--phone: expected digits, not '%s'"), in->phone);
		goto out;
	}
	if (store_material_each(st, it.code, add_mat, &m) < 0) {
		set_cause(cause, _("cannot read item '%s': %s"), it.code, store_error(st));
		rc = EXIT_INTERNAL;
		goto out;
	}
	/* An item imported without its materials or steps has no guide to take
	 * an application by, nor a way through the office: not yet open. */
	{
		struct steps ss0;

		memset(&ss0, 0, sizeof ss0);
		if (m.n == 0 || store_step_each(st, it.code, add_step, &ss0) < 0 || ss0.n == 0) {
			set_cause(cause, _("item '%s' has no %s in the catalog yet: an admin adds them "
			    "(item %s add) before applications are taken in"), it.code,
			    m.n == 0 ? _("materials") : _("steps"), m.n == 0 ? "material" : "step");
			goto out;
		}
	}
	if (parse_materials(in->materials, "materials", &m, &have, cause) != 0)
		goto out;
	if (in->region && strlen(in->region) > 12) {
		set_cause(cause, _("--applicant-region: no region '%s' (give the township or village "
		    "code where the applicant lives)"), in->region);
		goto out;
	}
	/* Where the applicant lives: given, known, or the area code in the ID. */
	if (store_applicant_get(st, in->applicant_id, &oname, &ophone, &oregion) < 0) {
		set_cause(cause, "%s", store_error(st));
		rc = EXIT_INTERNAL;
		goto out;
	}
	/* Who may apply is the item's law: a marriage or a minimum living
	 * allowance is a natural person's (婚姻登记条例 art. 4, 社会救助暂行办法
	 * art. 11), a hazardous-waste or labour-dispatch licence an enterprise's
	 * (危险废物经营许可证管理办法 art. 5, 劳动合同法 art. 57). */
	if (it.applicant_kind && strcmp(it.applicant_kind, "person") == 0 &&
	    strcmp(kind, "person") != 0) {
		set_cause(cause, _("--applicant-id: item '%s' (%s) is for persons only: give the "
		    "applicant's resident ID, not an organisation's code"), it.code, it.name);
		goto out;
	}
	if (it.applicant_kind && strcmp(it.applicant_kind, "organisation") == 0 &&
	    strcmp(kind, "org") != 0) {
		set_cause(cause, _("--applicant-id: item '%s' (%s) is for organisations only: give "
		    "the unified social credit code, not a resident ID"), it.code, it.name);
		goto out;
	}
	/* The name on a case is the one it is taken in under: another name for a
	 * known ID is a mistake until the clerk, with the papers in hand, says
	 * it is not (a new name is then a version of the register, with its
	 * event). */
	if (oname && strcmp(oname, in->name) != 0 && !in->name_differs) {
		set_cause(cause, _("--applicant-name: ID '%s' is registered as '%s', not '%s': "
		    "check the papers, and give --name-differs to take it in under the new name"),
		    in->applicant_id, oname, in->name);
		goto out;
	}
	if (in->region && *in->region)
		utf8_copy(region, sizeof region, in->region);
	else if (oregion)
		utf8_copy(region, sizeof region, oregion);
	else
		snprintf(region, sizeof region, "%.6s", strcmp(kind, "org") == 0 ?
		    in->applicant_id + 2 : in->applicant_id);
	if ((rc = store_region_get(st, region, &r)) != 0) {
		if (rc < 0) {
			set_cause(cause, "%s", store_error(st));
			rc = EXIT_INTERNAL;
			goto out;
		}
		set_cause(cause, _("--applicant-region: no region '%s' (give the township or village "
		    "code where the applicant lives)"), region);
		rc = EXIT_INVALID;
		goto out;
	}
	region_release(&r);
	rc = EXIT_INVALID;
	utf8_copy(hall, sizeof hall, in->hall ? in->hall : who->user->region);
	/* Route to the competent office: the lowest level that handles the item,
	 * where the applicant lives or, for a project, at its site. */
	utf8_copy(rreg, sizeof rreg, in->route && *in->route ? in->route : region);
	if (strstr(it.levels, "township") != NULL) {
		/* Route by the applicant's township; when only the district is
		 * known, by the hall's township in it (the applicant's address on
		 * the register stays as given). */
		utf8_copy(route, sizeof route, rreg);
		if (strlen(route) < 9) {
			if (strncmp(hall, route, 6) == 0 && strlen(hall) >= 9)
				snprintf(route, sizeof route, "%.9s", hall);
			else {
				set_cause(cause, "%s", _("--applicant-region: a township-level item needs the "
				    "applicant's township (9-digit code)"));
				goto out;
			}
		}
		snprintf(oreg, sizeof oreg, "%.9s", route);
		found = store_office_for(st, oreg, "township", &office);
	} else if (strstr(it.levels, "district") != NULL) {
		snprintf(oreg, sizeof oreg, "%.6s", rreg);
		found = store_office_for(st, oreg, it.dept_kind, &office);
	}
	if (office == NULL && found >= 0) {
		snprintf(oreg, sizeof oreg, "500000");
		found = store_office_for(st, oreg, it.dept_kind, &office);
	}
	if (found < 0) {
		set_cause(cause, "%s", store_error(st));
		rc = EXIT_INTERNAL;
		goto out;
	}
	if (office == NULL) {
		set_cause(cause, _("no office handles item '%s' for region '%s'"), it.code, region);
		rc = EXIT_INVALID;
		goto out;
	}
	if (own && store_begin(st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	tcase_district_of(hall, district);
	clock_format_date(in->day ? in->day : who->today, today_s);
	snprintf(prefix, sizeof prefix, "%s-%.4s%.2s%.2s", district, today_s, today_s + 5, today_s + 8);
	clock_stamp(who->today, at);
	/* The register keeps every version; a clerk at the window, who has the
	 * applicant's papers in hand, is the one who may correct it. */
	if (store_case_seq_next(st, prefix, &seq, cause) != 0 ||
	    store_applicant_put(st, in->applicant_id, kind, in->name, in->phone, region, at,
	    who->user->login, &renamed, cause) != 0)
		goto fail;
	audit_chain_load(st, &ch);
	if (renamed && correction_event(st, &ch, who, at, in->applicant_id, oname, ophone, oregion,
	    in->name, in->phone, region, cause) != 0)
		goto fail;
	tcase_format_no(no, district, in->day ? in->day : who->today, seq);
	mats = format_materials(have);
	memset(&c, 0, sizeof c);
	c.no = no;
	c.item = it.code;
	c.applicant = (char *)in->applicant_id;
	c.applicant_name = (char *)in->name;
	c.applicant_phone = (char *)(in->phone && *in->phone ? in->phone : ophone ? ophone : "");
	c.applicant_region = region;
	c.channel = (char *)in->channel;
	c.hall_region = hall;
	c.office = office;
	c.office_region = oreg;
	c.status = (char *)"submitted";
	c.open = 1;
	c.step = 1;
	c.submitted = today_s;
	/* Before acceptance the clock is art. 32's: an answer within 5 working days. */
	c.limit_days = TCASE_ACCEPT_DAYS;
	{
		int w, d;

		tcase_clock(cal, &c, &w, &d, &c.provisional);
		clock_format_date(w, warn);
		clock_format_date(d, due);
	}
	c.warn = warn;
	c.due = due;
	c.on_time = -1;
	c.materials = mats;
	c.step_started = today_s;
	c.version = 1;
	if (store_case_insert(st, &c, cause) != 0 || stats_case_change(st, NULL, &c, cause) != 0)
		goto fail;
	memset(&e, 0, sizeof e);
	e.case_id = c.id;
	e.at = at;
	e.actor = who->user->login;
	e.addr = (char *)(who->addr ? who->addr : "");
	e.action = (char *)"submit";
	e.to_status = (char *)"submitted";
	{
		struct sb note = SB_INIT;

		sb_addf(&note, "%s%s%s ", tcase_channel_label(in->channel), _("; "), _("materials"));
		if (have)
			list_materials(&note, &m, have);
		else
			sb_adds(&note, "-");
		if (in->origin)
			sb_addf(&note, "%s%s", _("; "), in->origin);
		e.note = note.buf;
		rc = audit_append(st, &ch, &e, cause);
		if (rc == 0)
			rc = audit_chain_save(st, &ch, cause);
		sb_release(&note);
	}
	if (rc != 0 || (own && store_commit(st, cause) != 0))
		goto fail;
	rc = EXIT_OK;
	goto out;
fail:
	if (own)
		store_rollback(st);
	rc = EXIT_INTERNAL;
out:
	free(oname);
	free(ophone);
	free(oregion);
	free(office);
	free(mats);
	item_release(&it);
	return rc;
}

int
lifecycle_intake_tx(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct intake *in, char no[32], char **cause)
{
	return intake_in(st, cal, who, in, 0, no, cause);
}

/* The acting user, their address and the day, fixed for one action. */
static void
actor_of(struct session *s, struct actor *who)
{
	who->user = &s->user;
	who->addr = s->addr;
	who->today = session_today(s);
}

int
lifecycle_act(struct session *s, const char *no, const struct act_args *a, char **cause)
{
	struct actor who;
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	rc = act_as(s->st, s->cal, &who, no, a, cause);
	/* A moment the applicant must be told: the operator's hook may send it. */
	if (rc == EXIT_OK)
		notice_hook(s, no, a->action);
	return rc;
}

int
lifecycle_event(struct session *s, const struct tcase *c, const char *action, const char *note,
    char **cause)
{
	struct actor who;

	actor_of(s, &who);
	return write_event(s->st, &who, c, action, c->status, note, cause);
}

int
lifecycle_assign(struct session *s, const char *no, const char *login, int expect_version,
    const char *note, char **cause)
{
	struct actor who;
	struct tcase c;
	struct user whom;
	int rc, have_whom = 0;
	struct sb text = SB_INIT;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	if (note && strlen(note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	memset(&c, 0, sizeof c);
	memset(&whom, 0, sizeof whom);
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = store_case_get(s->st, no, &c)) != 0 || !access_can_see(who.user, &c)) {
		store_rollback(s->st);
		if (c.no)
			tcase_release(&c);
		if (rc < 0) {
			set_cause(cause, _("cannot read case '%s': %s"), no, store_error(s->st));
			return EXIT_INTERNAL;
		}
		set_cause(cause, _("no case '%s'"), no);
		return EXIT_NOTFOUND;
	}
	if (login && *login) {
		if (store_user_get(s->st, login, &whom) != 0) {
			set_cause(cause, _("no user '%s'"), login);
			rc = EXIT_INVALID;
			goto fail;
		}
		have_whom = 1;
	}
	if (!c.open) {
		set_cause(cause, _("case '%s' is %s: only an open case is given to someone"), no,
		    tcase_status_label(c.status));
		rc = EXIT_CONFLICT;
		goto fail;
	}
	if (!access_may_assign(who.user, &c, NULL)) {
		set_cause(cause, "%s", _("permission denied: only the competent office gives its cases "
		    "to its people"));
		rc = EXIT_DENIED;
		goto fail;
	}
	if (have_whom && !access_may_assign(who.user, &c, &whom)) {
		set_cause(cause, _("'%s' is not an active clerk or approver of %s"), login,
		    c.office_name);
		rc = EXIT_INVALID;
		goto fail;
	}
	if (expect_version >= 0 && expect_version != c.version) {
		store_rollback(s->st);
		tcase_release(&c);
		user_release(&whom);
		return conflict(s->st, no, cause);
	}
	if (strcmp(c.assignee ? c.assignee : "", have_whom ? login : "") == 0) {
		set_cause(cause, have_whom ? _("case '%s' is already given to %s") :
		    _("case '%s' is given to nobody already"), no, login);
		rc = EXIT_CONFLICT;
		goto fail;
	}
	if (have_whom)
		sb_addf(&text, _("given to %s"), *whom.name ? whom.name : login);
	else
		sb_adds(&text, _("given back to the office"));
	if (*c.assignee)
		sb_addf(&text, _(" (was %s)"), c.assignee);
	if (note && *note)
		sb_addf(&text, "%s%s", _("; "), note);
	rc = store_case_assign(s->st, c.id, c.version, have_whom ? login : NULL, cause);
	if (rc == STORE_CONFLICT) {
		store_rollback(s->st);
		rc = conflict(s->st, no, cause);
		goto out;
	}
	if (rc != 0 || write_event(s->st, &who, &c, "assign", c.status, text.buf, cause) != 0 ||
	    store_commit(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
out:
	sb_release(&text);
	tcase_release(&c);
	user_release(&whom);
	return rc;
}

int
lifecycle_intake(struct session *s, const struct intake *in, char no[32], char **cause)
{
	struct actor who;
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	actor_of(s, &who);
	return intake_in(s->st, s->cal, &who, in, 1, no, cause);
}

/* Amounts are written in yuan with at most two decimals ("9", "9.5", "12.00"):
 * digits only, so that nan, inf, exponents and signs never reach a number. */
static int
parse_yuan(const char *v, long *cents)
{
	long whole = 0, frac = 0;
	int nd = 0, nf = 0;

	for (; *v >= '0' && *v <= '9'; v++, nd++) {
		if (nd >= 8)
			return -1;
		whole = whole * 10 + (*v - '0');
	}
	if (nd == 0)
		return -1;
	if (*v == '.') {
		for (v++; *v >= '0' && *v <= '9'; v++, nf++) {
			if (nf >= 2)
				return -1;
			frac = frac * 10 + (*v - '0');
		}
		if (nf == 0)
			return -1;
		if (nf == 1)
			frac *= 10;
	}
	if (*v != '\0' || whole > 10000000 || (whole == 10000000 && frac > 0))
		return -1;
	*cents = whole * 100 + frac;
	return 0;
}

int
lifecycle_arg(struct act_args *a, const char *name, const char *value, char **cause)
{
	long n;

	if (strcmp(name, "days") == 0) {
		if (parse_int(value, 1, 365, &n) != 0) {
			set_cause(cause, _("--days: expected 1 to 365, not '%s'"), value);
			return EXIT_INVALID;
		}
		a->days = (int)n;
	} else if (strcmp(name, "fee") == 0) {
		if (parse_yuan(value, &n) != 0) {
			set_cause(cause, _("--fee: expected an amount in yuan from 0 to 10000000 "
			    "with at most two decimals, not '%s'"), value);
			return EXIT_INVALID;
		}
		a->fee_cents = n;
	} else if (strcmp(name, "expect-version") == 0) {
		if (parse_int(value, 1, 2147483647, &n) != 0) {
			set_cause(cause, _("--expect-version: expected a number, not '%s'"), value);
			return EXIT_INVALID;
		}
		a->expect_version = (int)n;
	} else {
		set_cause(cause, "unknown argument '%s'", name);
		return EXIT_USAGE;
	}
	return 0;
}
