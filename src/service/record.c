/*
 * Supervision records; see record.h. The lives of the three kinds are
 * tables (steps[]): where each step may start, where it leads, who takes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "record.h"
#include "tcase.h"
#include "util.h"

struct step {
	enum record_kind kind;
	const char *verb;
	const char *from[2];	/* statuses it may start from */
	const char *to;
	enum record_who who;
	int need_note;
};

static const struct step steps[] = {
	{ RECORD_ORDER, "respond", { "open", NULL }, "responded", BY_OFFICE, 1 },
	{ RECORD_ORDER, "close", { "open", "responded" }, "closed", BY_SUPERVISOR, 0 },
	{ RECORD_ORDER, "return", { "responded", NULL }, "open", BY_SUPERVISOR, 1 },
	{ RECORD_COMPLAINT, "accept", { "received", NULL }, "accepted", BY_SUPERVISOR, 0 },
	{ RECORD_COMPLAINT, "refuse", { "received", NULL }, "refused", BY_SUPERVISOR, 1 },
	{ RECORD_COMPLAINT, "answer", { "accepted", NULL }, "answered", BY_OFFICE, 1 },
	{ RECORD_COMPLAINT, "close", { "answered", NULL }, "closed", BY_SUPERVISOR, 0 },
	/* A bad rating's rectification is the rated office's to report, within
	 * its 15 working days; the callback to the applicant checks it, so it
	 * is made once, by a supervisor or the hall, never by the rated office
	 * (a good rating may be called back as it is). */
	{ RECORD_RATING, "rectify", { "open", NULL }, "rectified", BY_OFFICE, 1 },
	{ RECORD_RATING, "callback", { "rated", "rectified" }, "called", BY_HALL_OR_SUPERVISOR, 1 },
};
#define NSTEPS (sizeof steps / sizeof steps[0])

static const struct {
	enum record_kind kind;
	const char *status;
	const char *label;	/* "kind: status", translated */
} status_labels[] = {
	{ RECORD_ORDER, "open", N_("order: open") },
	{ RECORD_ORDER, "responded", N_("order: responded") },
	{ RECORD_ORDER, "closed", N_("order: closed") },
	{ RECORD_COMPLAINT, "received", N_("complaint: received") },
	{ RECORD_COMPLAINT, "accepted", N_("complaint: accepted") },
	{ RECORD_COMPLAINT, "refused", N_("complaint: refused") },
	{ RECORD_COMPLAINT, "answered", N_("complaint: answered") },
	{ RECORD_COMPLAINT, "closed", N_("complaint: closed") },
	{ RECORD_RATING, "open", N_("rectification: open") },
	{ RECORD_RATING, "rectified", N_("rectification: rectified") },
	{ RECORD_RATING, "done", N_("rectification: done") },
};

const char *
record_status_label(enum record_kind kind, const char *status)
{
	size_t i;

	for (i = 0; status != NULL && i < sizeof status_labels / sizeof status_labels[0]; i++)
		if (status_labels[i].kind == kind && strcmp(status_labels[i].status, status) == 0) {
			const char *t = _(status_labels[i].label);

			return strcmp(t, status_labels[i].label) == 0 ? status : t;
		}
	return status;
}

static const char *const subjects[] = { "supervision", "complaint", "rating" };
/* The column of the status, and whether clerks see only their office's. */
static const int status_col[] = { 7, 6, 12 };
static const int office_clerks[] = { 1, 0, 0 };

const char *
record_verbs(enum record_kind kind)
{
	static const char *const verbs[] = {
		"respond, close, return", "accept, refuse, answer, close", "rectify, callback"
	};

	return verbs[kind];
}

static int
keep_row(void *arg, int n, const char *const *v)
{
	struct record_row *r = arg;
	int i;

	r->n = n;
	for (i = 0; i < n && i < 16; i++)
		utf8_copy(r->v[i], sizeof r->v[i], v[i] ? v[i] : "");
	return 0;
}

static int
get_row(struct store *st, enum record_kind kind, long long id, struct record_row *r)
{
	memset(r, 0, sizeof *r);
	switch (kind) {
	case RECORD_ORDER:
		return store_supervision_get(st, id, keep_row, r);
	case RECORD_COMPLAINT:
		return store_complaint_get(st, id, keep_row, r);
	case RECORD_RATING:
		return store_rating_get(st, id, keep_row, r);
	}
	return -1;
}

int
record_visible(struct session *s, enum record_kind kind, long long id)
{
	struct record_row *r = xmalloc(sizeof *r);
	int rc, seen;

	rc = get_row(s->st, kind, id, r);
	/* r: id, case_no, office, office_name, area, ... */
	seen = rc == 0 && access_record_visible(&s->user, office_clerks[kind], r->v[2], r->v[4],
	    kind == RECORD_RATING ? r->v[11] : NULL);
	free(r);
	if (rc != 0 && rc != STORE_NOTFOUND)
		return -1;
	return seen;
}

int
record_kind_parse(const char *word, size_t n, enum record_kind *kind)
{
	size_t i;

	for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (strlen(subjects[i]) == n && strncmp(subjects[i], word, n) == 0) {
			*kind = (enum record_kind)i;
			return 0;
		}
	return -1;
}

static int
event(struct session *s, int today, long long case_id, enum record_kind kind, long long id,
    const char *action, const char *from, const char *to, const char *note, char **cause)
{
	struct event e;
	char at[32], subject[48];

	clock_stamp(today, at);
	snprintf(subject, sizeof subject, "%s:%lld", subjects[kind], id);
	memset(&e, 0, sizeof e);
	e.case_id = case_id;
	e.subject = subject;
	e.at = at;
	e.actor = s->user.login;
	e.addr = s->addr;
	e.action = (char *)action;
	e.from_status = (char *)from;
	e.to_status = (char *)to;
	e.note = (char *)(note ? note : "");
	return audit_record(s->st, &e, cause);
}

static int
not_found(enum record_kind kind, long long id, char **cause)
{
	if (kind == RECORD_ORDER)
		set_cause(cause, _("no supervision order %lld"), id);
	else if (kind == RECORD_COMPLAINT)
		set_cause(cause, _("no complaint %lld"), id);
	else
		set_cause(cause, _("no rating %lld"), id);
	return EXIT_NOTFOUND;
}

/* Resolve what a new record is about: a visible case, or an office; a
 * supervisor only within their own region. */
static int
target(struct session *s, const struct record_new *in, struct tcase *k, char **office,
    char **area, char **cause)
{
	char *name = NULL;
	int rc;

	memset(k, 0, sizeof *k);
	if ((in->case_no == NULL) == (in->office == NULL)) {
		set_cause(cause, "%s", _("give either --case NO or --office CODE"));
		return EXIT_USAGE;
	}
	if (in->case_no != NULL) {
		if ((rc = case_get(s, in->case_no, k, cause)) != 0)
			return rc;
		*office = xstrdup(k->office);
		*area = xstrdup(k->office_region);
	} else {
		rc = store_office_name(s->st, in->office, &name);
		if (rc == STORE_NOTFOUND) {
			set_cause(cause, _("no office '%s'"), in->office);
			return EXIT_NOTFOUND;
		}
		if (rc != 0) {
			set_cause(cause, "%s", store_error(s->st));
			return EXIT_INTERNAL;
		}
		free(name);
		*office = xstrdup(in->office);
		*area = xstrndup(in->office, strcspn(in->office, "."));
	}
	/* A supervision centre holds its own region's offices to account. */
	if (access_has(&s->user, RIGHT_ORDER_ISSUE) &&
	    !access_record_may(&s->user, BY_SUPERVISOR, *office, *area, NULL)) {
		set_cause(cause, _("permission denied: '%s' is outside your region"),
		    in->case_no ? in->case_no : in->office);
		return EXIT_DENIED;
	}
	return 0;
}

static int
finish(struct session *s, int ok, char **cause)
{
	if (ok && store_commit(s->st, cause) == 0)
		return EXIT_OK;
	store_rollback(s->st);
	return EXIT_INTERNAL;
}

int
record_new(struct session *s, enum record_kind kind, struct record_new *in,
    long long *id, char due[11], char **cause)
{
	static const enum right rights[] = { RIGHT_ORDER_ISSUE, RIGHT_COMPLAINT_LOG, RIGHT_RATE };
	char *office = NULL, *area = NULL, day[11];
	struct tcase k;
	int today, d, rc, ok = 0;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, rights[kind])) {
		set_cause(cause, "%s", access_denied_text(rights[kind]));
		return EXIT_DENIED;
	}
	today = session_today(s);
	clock_format_date(today, day);
	due[0] = '\0';
	if (kind != RECORD_RATING && (in->text == NULL || *in->text == '\0')) {
		set_cause(cause, "%s", kind == RECORD_ORDER ? _("an order needs --note TEXT") :
		    _("a complaint needs --text TEXT"));
		return EXIT_USAGE;
	}
	if (in->text != NULL && strlen(in->text) > 2000) {
		set_cause(cause, "%s", _("the text is longer than 2000 bytes"));
		return EXIT_INVALID;
	}
	if (kind == RECORD_ORDER) {
		if (in->due == NULL || clock_parse_date(in->due, &d) != 0 || d < today) {
			set_cause(cause, _("--due: expected a date from today on, not '%s'"),
			    in->due ? in->due : "");
			return EXIT_INVALID;
		}
		snprintf(due, 11, "%s", in->due);
	}
	if (kind == RECORD_RATING && (in->level < 1 || in->level > 5)) {
		set_cause(cause, "%s", _("--level: expected 1 (very bad) to 5 (very good)"));
		return EXIT_INVALID;
	}
	if ((rc = target(s, in, &k, &office, &area, cause)) != 0)
		goto out;
	utf8_copy(in->office_to, sizeof in->office_to, office);
	if (kind == RECORD_RATING && strcmp(k.status, "completed") != 0) {
		set_cause(cause, _("case '%s' is not finished: only finished cases are rated"), k.no);
		rc = EXIT_CONFLICT;
		goto out;
	}
	/* A complaint is accepted or refused within 5 working days; a bad
	 * rating (1 or 2) opens a rectification of 15 working days. */
	if (kind == RECORD_COMPLAINT)
		clock_format_date(clock_add(s->cal, today, 5), due);
	if (kind == RECORD_RATING && in->level <= 2)
		clock_format_date(clock_add(s->cal, today, 15), due);
	if (store_begin(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	switch (kind) {
	case RECORD_ORDER:
		ok = store_supervision_insert(s->st, k.id, office, area, in->text, due,
		    s->user.login, day, id, cause) == 0 &&
		    event(s, today, k.id, kind, *id, "supervise", "", "open", in->text, cause) == 0;
		break;
	case RECORD_COMPLAINT:
		ok = store_complaint_insert(s->st, k.id, office, area, in->text, day, due,
		    s->user.login, in->missing_material, id, cause) == 0 &&
		    event(s, today, k.id, kind, *id, "complain", "", "received", in->text, cause) == 0;
		break;
	case RECORD_RATING:
		rc = store_rating_insert(s->st, k.id, office, area, in->level, in->text, day,
		    *due ? due : NULL, id, cause);
		if (rc == STORE_CONFLICT) {
			store_rollback(s->st);
			rc = EXIT_CONFLICT;
			goto out;
		}
		ok = rc == 0 && event(s, today, k.id, kind, *id, "rate", "",
		    *due ? "rectification" : "rated", in->text, cause) == 0;
		break;
	}
	rc = finish(s, ok, cause);
out:
	if (k.no)
		tcase_release(&k);
	free(office);
	free(area);
	return rc;
}

static const struct step *
find_step(enum record_kind kind, const char *verb)
{
	size_t i;

	for (i = 0; i < NSTEPS; i++)
		if (steps[i].kind == kind && strcmp(steps[i].verb, verb) == 0)
			return &steps[i];
	return NULL;
}

int
record_step(struct session *s, enum record_kind kind, long long id, const char *verb,
    const char *note, const char **to, char **cause)
{
	const struct step *st = find_step(kind, verb);
	struct record_row r;
	const char *from;
	char day[11];
	int today, rc, ok = 0;

	if (st == NULL) {
		set_cause(cause, _("unknown step '%s' (expected one of %s)"), verb, record_verbs(kind));
		return EXIT_USAGE;
	}
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (note != NULL && strlen(note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	today = session_today(s);
	clock_format_date(today, day);
	/* Read inside the write transaction: the status checked is the status
	 * changed, whoever else is acting on the same record. */
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	rc = get_row(s->st, kind, id, &r);
	/* r: id, case_no, office, office_name, area, ... */
	if (rc == 0 && !access_record_visible(&s->user, office_clerks[kind], r.v[2], r.v[4],
	    kind == RECORD_RATING ? r.v[11] : NULL))
		rc = STORE_NOTFOUND;
	if (rc != 0) {
		store_rollback(s->st);
		if (rc == STORE_NOTFOUND)
			return not_found(kind, id, cause);
		set_cause(cause, "%s", _("the database is not available"));
		return EXIT_INTERNAL;
	}
	/* r.v[11]: for a rating, the hall that took its case in. */
	if (!access_record_may(&s->user, st->who, r.v[2], r.v[4],
	    kind == RECORD_RATING ? r.v[11] : NULL)) {
		store_rollback(s->st);
		set_cause(cause, "%s", st->who == BY_OFFICE ?
		    _("permission denied: the office the record is addressed to answers it") :
		    st->who == BY_SUPERVISOR ?
		    _("permission denied: supervisors of the region take this step") :
		    _("permission denied: a supervisor of the region or the hall that took the "
		    "case in calls the applicant back, never the rated office"));
		return EXIT_DENIED;
	}
	from = r.v[status_col[kind]];
	if (strcmp(from, st->from[0]) != 0 && (st->from[1] == NULL || strcmp(from, st->from[1]) != 0)) {
		store_rollback(s->st);
		if (kind != RECORD_RATING)
			set_cause(cause, _("%s %lld is %s: cannot %s"), subjects[kind], id, from, verb);
		else if (strcmp(from, "done") == 0 || strcmp(from, "called") == 0)
			set_cause(cause, _("rating %lld: the callback is recorded already"), id);
		else if (strcmp(verb, "callback") == 0)
			set_cause(cause, _("rating %lld: the office has not reported its rectification "
			    "yet (rating rectify)"), id);
		else
			set_cause(cause, _("rating %lld has no rectification to report"), id);
		return EXIT_CONFLICT;
	}
	/* Asked for only once the record, the right and the status are known. */
	if (st->need_note && (note == NULL || *note == '\0')) {
		store_rollback(s->st);
		set_cause(cause, _("'%s' needs --note TEXT"), verb);
		return EXIT_INVALID;
	}
	switch (kind) {
	case RECORD_ORDER:
		ok = store_supervision_set(s->st, id, st->to,
		    strcmp(verb, "respond") == 0 ? note : NULL,
		    strcmp(verb, "respond") == 0 ? day : NULL,
		    strcmp(verb, "close") == 0 ? day : NULL, cause) == 0 &&
		    event(s, today, 0, kind, id, verb, from, st->to, note, cause) == 0;
		break;
	case RECORD_COMPLAINT:
		/* The day of acceptance or refusal, for the 5 working days. */
		ok = store_complaint_set(s->st, id, st->to, note, strcmp(st->to, "accepted") == 0 ||
		    strcmp(st->to, "refused") == 0 ? day : NULL, cause) == 0 &&
		    event(s, today, 0, kind, id, verb, from, st->to, note, cause) == 0;
		break;
	case RECORD_RATING:
		if (strcmp(verb, "rectify") == 0)
			ok = store_rating_rectify(s->st, id, note, day, cause) == 0 &&
			    event(s, today, 0, kind, id, verb, from, st->to, note, cause) == 0;
		else	/* r.v[8]: the rectification's due date, if any */
			ok = store_rating_callback(s->st, id, note, cause) == 0 &&
			    event(s, today, 0, kind, id, verb, from, *r.v[8] ? "done" : "called",
			    note, cause) == 0;
		break;
	}
	*to = st->to;
	return finish(s, ok, cause);
}

int
record_list(struct session *s, enum record_kind kind, const char *status, int bad_only,
    store_row_fn fn, void *arg, char **cause)
{
	char lo[24], hi[24];
	const char *mine, *hall;
	int rc = 0;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	access_record_scope(&s->user, office_clerks[kind], lo, hi, &mine, &hall);
	switch (kind) {
	case RECORD_ORDER:
		rc = store_supervision_each(s->st, lo, hi, mine, status, fn, arg);
		break;
	case RECORD_COMPLAINT:
		rc = store_complaint_each(s->st, lo, hi, mine, status, fn, arg);
		break;
	case RECORD_RATING:
		rc = store_rating_each(s->st, lo, hi, mine, hall, bad_only, fn, arg);
		break;
	}
	if (rc < 0) {
		set_cause(cause, "%s", _("the database is not available"));
		return EXIT_INTERNAL;
	}
	return 0;
}

struct late_walk {
	const struct calendar *cal;
	int today;
	record_late_fn fn;
	void *arg;
};

static int
late_row(void *arg, const struct late_record *r)
{
	struct late_walk *w = arg;
	int due, end = w->today;

	if (clock_parse_date(r->due, &due) != 0)
		return 0;
	if (r->done != NULL)
		clock_parse_date(r->done, &end);
	return w->fn(w->arg, r, clock_workdays(w->cal, due, end));
}

int
record_late(struct session *s, const char *prefix, int from, int to, record_late_fn fn,
    void *arg, char **cause)
{
	struct late_walk w;
	char lo[24], hi[24], f[11], t[11], d[11];

	w.cal = s->cal;
	w.today = session_today(s);
	w.fn = fn;
	w.arg = arg;
	snprintf(lo, sizeof lo, "%s", prefix);
	snprintf(hi, sizeof hi, "%s:", prefix);
	clock_format_date(from, f);
	clock_format_date(to, t);
	clock_format_date(w.today, d);
	if (store_late_each(s->st, lo, hi, f, t, d, late_row, &w) < 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

const char *
record_late_label(const char *kind)
{
	if (strcmp(kind, "order") == 0)
		return _("supervision order");
	if (strcmp(kind, "complaint") == 0)
		return _("complaint");
	if (strcmp(kind, "rectification") == 0)
		return _("rectification");
	return kind;
}
