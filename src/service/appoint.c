/*
 * Inspection appointments; see appoint.h. Each step reads the appointment
 * inside its write transaction, checks the case's visibility, the right
 * (access_appoint_may) and the status it starts from, then writes the
 * appointment (by version), its version row and the case's event together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "appoint.h"
#include "audit.h"
#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

long
appoint_now(struct session *s)
{
	return clock_now(session_today(s));
}

int
appoint_item_hours(struct session *s, const char *item, int *hours, char **cause)
{
	int rc = store_inspection_get(s->st, item, hours);

	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("item %s needs no on-site inspection: nothing to book"), item);
		return EXIT_INVALID;
	}
	if (rc != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

static int
phone_ok(const char *p)
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

/* The case's event for a step: note "#ID detail; note". */
static int
event(struct session *s, const struct tcase *k, long now, const char *action, long long id,
    const char *detail, const char *note, char **cause)
{
	struct event e;
	struct sb text = SB_INIT;
	char at[32], m[17];
	int rc;

	clock_format_moment(now, m);
	snprintf(at, sizeof at, "%s:00", m);
	sb_addf(&text, "#%lld", id);
	if (detail && *detail)
		sb_addf(&text, " %s", detail);
	if (note && *note)
		sb_addf(&text, "; %s", note);
	memset(&e, 0, sizeof e);
	e.case_id = k->id;
	e.at = at;
	e.actor = s->user.login;
	e.addr = s->addr;
	e.action = (char *)action;
	e.from_status = k->status;
	e.to_status = k->status;
	e.note = text.buf ? text.buf : (char *)"";
	rc = audit_record(s->st, &e, cause);
	sb_release(&text);
	return rc;
}

static int
version_row(struct session *s, const struct appointment *a, int version, long now,
    const char *action, const char *note, char **cause)
{
	struct appointment_version v;
	char at[17];

	clock_format_moment(now, at);
	memset(&v, 0, sizeof v);
	v.version = version;
	v.at = at;
	v.by_login = s->user.login;
	v.action = action;
	v.status = a->status;
	v.day = a->day;
	v.time_from = a->time_from;
	v.time_to = a->time_to;
	v.inspector = a->inspector;
	v.outcome = a->outcome;
	v.note = note;
	return store_appointment_version_add(s->st, a->id, &v, cause);
}

static int
note_ok(const char *note, int required, const char *verb, char **cause)
{
	if (note != NULL && strlen(note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	if (required && (note == NULL || *note == '\0')) {
		set_cause(cause, _("'%s' needs --note TEXT (the reason)"), verb);
		return EXIT_USAGE;
	}
	return 0;
}

static int
commit(struct session *s, char **cause)
{
	if (store_commit(s->st, cause) == 0)
		return EXIT_OK;
	store_rollback(s->st);
	return EXIT_INTERNAL;
}

int
appoint_request(struct session *s, const struct appoint_request *in, long now,
    long long *id, char due[17], char **cause)
{
	struct appointment a;
	struct tcase k;
	const char *channel = in->channel ? in->channel : "window";
	char at[17];
	long long other;
	int rc, hours;

	memset(&k, 0, sizeof k);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (strcmp(channel, "window") != 0 && strcmp(channel, "online") != 0 &&
	    strcmp(channel, "self-service") != 0) {
		set_cause(cause, _("--channel: expected window, online or self-service, not '%s'"),
		    channel);
		return EXIT_INVALID;
	}
	if (in->contact && !phone_ok(in->contact)) {
		set_cause(cause, _("--contact: expected a phone number (7 to 20 digits), not '%s'"),
		    in->contact);
		return EXIT_INVALID;
	}
	if (in->wish && strlen(in->wish) > 500) {
		set_cause(cause, "%s", _("--wish: at most 500 bytes"));
		return EXIT_INVALID;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = case_get(s, in->case_no, &k, cause)) != 0)
		goto fail;
	if (!access_appoint_may(&s->user, &k, NULL, APPOINT_REQUEST)) {
		set_cause(cause, "%s", _("permission denied: a clerk of the hall that took the case "
		    "in, or its competent office, books an inspection"));
		rc = EXIT_DENIED;
		goto fail;
	}
	if ((rc = appoint_item_hours(s, k.item, &hours, cause)) != 0)
		goto fail;
	if (!k.open) {
		set_cause(cause, _("case '%s' is %s: only an open case is inspected"), k.no,
		    tcase_status_label(k.status));
		rc = EXIT_CONFLICT;
		goto fail;
	}
	rc = store_appointment_open_of_case(s->st, k.id, &other);
	if (rc == 0) {
		set_cause(cause, _("case '%s' has appointment %lld open already: answer, "
		    "reschedule or cancel it"), k.no, other);
		rc = EXIT_CONFLICT;
		goto fail;
	}
	if (rc != STORE_NOTFOUND) {
		set_cause(cause, "%s", store_error(s->st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	clock_format_moment(now, at);
	clock_format_moment(clock_work_add(s->cal, now, (long)hours * 60), due);
	memset(&a, 0, sizeof a);
	a.case_id = k.id;
	a.office = k.office;
	a.office_region = k.office_region;
	a.channel = (char *)channel;
	a.wish = (char *)(in->wish ? in->wish : "");
	a.contact = (char *)(in->contact ? in->contact : "");
	a.requested = at;
	a.requested_by = s->user.login;
	a.response_due = due;
	a.status = (char *)"requested";
	if (store_appointment_insert(s->st, &a, id, cause) != 0)
		goto internal;
	a.id = *id;
	{
		struct sb d = SB_INIT;

		sb_addf(&d, "%s %s", channel, due);
		rc = version_row(s, &a, 1, now, "request", in->wish, cause) != 0 ||
		    event(s, &k, now, "appoint", *id, d.buf, in->wish, cause) != 0;
		sb_release(&d);
		if (rc)
			goto internal;
	}
	tcase_release(&k);
	return commit(s, cause);
internal:
	rc = EXIT_INTERNAL;
fail:
	store_rollback(s->st);
	if (k.no)
		tcase_release(&k);
	return rc;
}

/* Begin a step on appointment id: read it and its case inside the
 * transaction, check sight, the right and the status it starts from. */
static int
begin_step(struct session *s, long long id, enum appoint_who who, const char *from1,
    const char *from2, const char *verb, struct appointment *a, struct tcase *k, char **cause)
{
	int rc;

	memset(a, 0, sizeof *a);
	memset(k, 0, sizeof *k);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	rc = store_appointment_get(s->st, id, a);
	if (rc == 0 && case_get(s, a->case_no, k, NULL) != 0)
		rc = STORE_NOTFOUND;
	if (rc != 0) {
		store_rollback(s->st);
		if (rc == STORE_NOTFOUND) {
			set_cause(cause, _("no appointment %lld"), id);
			rc = EXIT_NOTFOUND;
		} else {
			set_cause(cause, "%s", store_error(s->st));
			rc = EXIT_INTERNAL;
		}
		goto out;
	}
	if (!access_appoint_may(&s->user, k, a->inspector, who)) {
		store_rollback(s->st);
		set_cause(cause, "%s", who == APPOINT_ANSWER ?
		    _("permission denied: an approver of the competent office answers and "
		    "reschedules appointments") : who == APPOINT_DONE ?
		    _("permission denied: the inspector or an approver of the competent office "
		    "records the outcome") :
		    _("permission denied: a clerk of the hall that took the case in or an approver "
		    "of the competent office cancels"));
		rc = EXIT_DENIED;
		goto out;
	}
	if (strcmp(a->status, from1) != 0 && (from2 == NULL || strcmp(a->status, from2) != 0)) {
		store_rollback(s->st);
		set_cause(cause, _("appointment %lld is %s: cannot %s"), id,
		    appoint_status_label(a->status), verb);
		rc = EXIT_CONFLICT;
		goto out;
	}
	return 0;
out:
	appointment_release(a);
	if (k->no)
		tcase_release(k);
	return rc;
}

/* Write the step: the appointment (by version), its version row, the event. */
static int
end_step(struct session *s, struct appointment *a, struct tcase *k, long now,
    const char *action, const char *version_action, const char *detail, const char *note,
    char **cause)
{
	int rc = store_appointment_update(s->st, a, cause);

	if (rc == STORE_CONFLICT) {
		store_rollback(s->st);
		set_cause(cause, _("appointment %lld was changed by someone else meanwhile: "
		    "nothing was saved"), a->id);
		return EXIT_CONFLICT;
	}
	if (rc != 0 || version_row(s, a, a->version + 1, now, version_action, note, cause) != 0 ||
	    event(s, k, now, action, a->id, detail, note, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INTERNAL;
	}
	return commit(s, cause);
}

static void
set_field(char **f, const char *v)
{
	free(*f);
	*f = v ? xstrdup(v) : NULL;
}

/* Check a visit's day, window and inspector against the case and now. */
static int
check_slot(struct session *s, const struct tcase *k, const struct appoint_slot *in,
    const char *keep_inspector, long now, char **cause)
{
	const char *who = in->inspector ? in->inspector : keep_inspector;
	struct user u;
	int day, from, to, rc;

	if (in->day == NULL || clock_parse_date(in->day, &day) != 0) {
		set_cause(cause, _("--day: expected a date YYYY-MM-DD, not '%s'"),
		    in->day ? in->day : "");
		return EXIT_INVALID;
	}
	if (day < now / CLOCK_MINUTES_PER_DAY) {
		set_cause(cause, _("--day: %s is in the past"), in->day);
		return EXIT_INVALID;
	}
	if (!clock_is_workday(s->cal, day)) {
		set_cause(cause, _("--day: %s is not a working day"), in->day);
		return EXIT_INVALID;
	}
	if (in->from == NULL || clock_parse_hhmm(in->from, &from) != 0) {
		set_cause(cause, _("--from: expected a time HH:MM, not '%s'"), in->from ? in->from : "");
		return EXIT_INVALID;
	}
	if (in->to == NULL || clock_parse_hhmm(in->to, &to) != 0) {
		set_cause(cause, _("--to: expected a time HH:MM, not '%s'"), in->to ? in->to : "");
		return EXIT_INVALID;
	}
	if (from >= to || from < APPOINT_FIRST_MINUTE || to > APPOINT_LAST_MINUTE) {
		set_cause(cause, _("--from %s --to %s: expected a window between 08:00 and 18:00 "
		    "that ends after it starts"), in->from, in->to);
		return EXIT_INVALID;
	}
	if ((long)day * CLOCK_MINUTES_PER_DAY + from < now) {
		set_cause(cause, _("--from: %s %s has passed"), in->day, in->from);
		return EXIT_INVALID;
	}
	if (who == NULL || *who == '\0') {
		set_cause(cause, "%s", _("--inspector: give the login of the inspector"));
		return EXIT_USAGE;
	}
	memset(&u, 0, sizeof u);
	rc = store_user_get(s->st, who, &u);
	if (rc != 0 && rc != STORE_NOTFOUND) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	if (rc != 0 || !access_may_inspect(&u, k)) {
		if (rc == 0)
			user_release(&u);
		set_cause(cause, _("--inspector: '%s' is not an active user of %s"), who, k->office);
		return EXIT_INVALID;
	}
	user_release(&u);
	if (in->note != NULL && strlen(in->note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	return 0;
}

static int
slot_step(struct session *s, long long id, const struct appoint_slot *in, long now,
    int reschedule, int *late, char **cause)
{
	struct appointment a;
	struct tcase k;
	struct sb d = SB_INIT;
	char at[17];
	long due;
	int rc;

	if (reschedule && (rc = note_ok(in->note, 1, "reschedule", cause)) != 0)
		return rc;
	rc = begin_step(s, id, APPOINT_ANSWER, reschedule ? "booked" : "requested", NULL,
	    reschedule ? "reschedule" : "answer", &a, &k, cause);
	if (rc != 0)
		return rc;
	if ((rc = check_slot(s, &k, in, a.inspector, now, cause)) != 0) {
		store_rollback(s->st);
		goto out;
	}
	set_field(&a.day, in->day);
	set_field(&a.time_from, in->from);
	set_field(&a.time_to, in->to);
	if (in->inspector)
		set_field(&a.inspector, in->inspector);
	sb_addf(&d, "%s %s-%s %s", a.day, a.time_from, a.time_to, a.inspector);
	if (!reschedule) {
		clock_format_moment(now, at);
		set_field(&a.answered, at);
		set_field(&a.status, "booked");
		a.late = clock_parse_moment(a.response_due, &due) == 0 && now > due;
		if (late)
			*late = a.late;
		/* Late: recorded on the appointment and as an anomaly supervision sees. */
		if (a.late) {
			char day[11], detail[64];

			clock_format_date((int)(now / CLOCK_MINUTES_PER_DAY), day);
			snprintf(detail, sizeof detail, "#%lld %s", a.id, a.response_due);
			if (store_anomaly_add(s->st, k.id, "appointment_late", day, detail, cause) != 0) {
				store_rollback(s->st);
				rc = EXIT_INTERNAL;
				goto out;
			}
			sb_adds(&d, " (late)");
		}
	}
	rc = end_step(s, &a, &k, now, reschedule ? "appoint_reschedule" : "appoint_answer",
	    reschedule ? "reschedule" : "answer", d.buf, in->note, cause);
out:
	sb_release(&d);
	appointment_release(&a);
	tcase_release(&k);
	return rc;
}

int
appoint_answer(struct session *s, long long id, const struct appoint_slot *in, long now,
    int *late, char **cause)
{
	if (late)
		*late = 0;
	return slot_step(s, id, in, now, 0, late, cause);
}

int
appoint_reschedule(struct session *s, long long id, const struct appoint_slot *in,
    long now, char **cause)
{
	return slot_step(s, id, in, now, 1, NULL, cause);
}

int
appoint_done(struct session *s, long long id, const char *outcome, const char *note,
    long now, char **cause)
{
	struct appointment a;
	struct tcase k;
	int rc, day;

	if (outcome == NULL || (strcmp(outcome, "passed") != 0 && strcmp(outcome, "failed") != 0 &&
	    strcmp(outcome, "absent") != 0)) {
		set_cause(cause, _("--outcome: expected passed, failed or absent, not '%s'"),
		    outcome ? outcome : "");
		return EXIT_INVALID;
	}
	if ((rc = note_ok(note, 1, "done", cause)) != 0)
		return rc;
	if ((rc = begin_step(s, id, APPOINT_DONE, "booked", NULL, "done", &a, &k, cause)) != 0)
		return rc;
	/* The outcome of a visit is known once the visit's day has come. */
	if (clock_parse_date(a.day, &day) == 0 && now / CLOCK_MINUTES_PER_DAY < day) {
		store_rollback(s->st);
		set_cause(cause, _("appointment %lld: the visit is on %s; record its outcome then"),
		    id, a.day);
		rc = EXIT_CONFLICT;
		goto out;
	}
	set_field(&a.status, "done");
	set_field(&a.outcome, outcome);
	rc = end_step(s, &a, &k, now, "appoint_done", "done", outcome, note, cause);
out:
	appointment_release(&a);
	tcase_release(&k);
	return rc;
}

int
appoint_cancel(struct session *s, long long id, const char *note, long now, char **cause)
{
	struct appointment a;
	struct tcase k;
	int rc;

	if ((rc = note_ok(note, 1, "cancel", cause)) != 0)
		return rc;
	rc = begin_step(s, id, APPOINT_CANCEL, "requested", "booked", "cancel", &a, &k, cause);
	if (rc != 0)
		return rc;
	set_field(&a.status, "cancelled");
	rc = end_step(s, &a, &k, now, "appoint_cancel", "cancel", "", note, cause);
	appointment_release(&a);
	tcase_release(&k);
	return rc;
}

int
appoint_case_closed(struct store *st, const struct user *u, const char *addr,
    const struct tcase *c, long now, char **cause)
{
	struct appointment a;
	struct appointment_version v;
	struct event e;
	char at[17], stamp[32], note[96];
	long long id;
	int rc = store_appointment_open_of_case(st, c->id, &id);

	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != 0 || store_appointment_get(st, id, &a) != 0) {
		set_cause(cause, "%s", store_error(st));
		return -1;
	}
	/* Recorded in Chinese, as the case's own record is. */
	snprintf(note, sizeof note, "办件%s，预约自动取消",
	    strcmp(c->status, "withdrawn") == 0 ? "已撤回" :
	    strcmp(c->status, "not_accepted") == 0 ? "不予受理" : "已办结");
	free(a.status);
	a.status = xstrdup("cancelled");
	clock_format_moment(now, at);
	memset(&v, 0, sizeof v);
	v.version = a.version + 1;
	v.at = at;
	v.by_login = u->login;
	v.action = "cancel";
	v.status = a.status;
	v.day = a.day;
	v.time_from = a.time_from;
	v.time_to = a.time_to;
	v.inspector = a.inspector;
	v.note = note;
	snprintf(stamp, sizeof stamp, "%s:00", at);
	memset(&e, 0, sizeof e);
	e.case_id = c->id;
	e.at = stamp;
	e.actor = u->login;
	e.addr = (char *)(addr ? addr : "");
	e.action = (char *)"appoint_cancel";
	e.from_status = c->status;
	e.to_status = c->status;
	{
		char text[128];

		snprintf(text, sizeof text, "#%lld; %s", id, note);
		e.note = text;
		rc = store_appointment_update(st, &a, cause) != 0 ||
		    store_appointment_version_add(st, id, &v, cause) != 0 ||
		    audit_record(st, &e, cause) != 0;
	}
	appointment_release(&a);
	return rc ? -1 : 0;
}

int
appoint_get(struct session *s, long long id, struct appointment *a, char **cause)
{
	struct tcase k;
	int rc = store_appointment_get(s->st, id, a);

	if (rc == 0 && case_get(s, a->case_no, &k, NULL) == 0) {
		tcase_release(&k);
		return 0;
	}
	if (rc == 0)
		appointment_release(a);
	if (rc != 0 && rc != STORE_NOTFOUND) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	set_cause(cause, _("no appointment %lld"), id);
	return EXIT_NOTFOUND;
}

int
appoint_history(struct session *s, long long id, store_appointment_version_fn fn, void *arg,
    char **cause)
{
	if (store_appointment_versions(s->st, id, fn, arg) < 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

struct walk {
	struct session *s;
	appoint_fn fn;
	void *arg;
	long n, limit;
};

static int
walk_one(void *arg, const struct appointment *a)
{
	struct walk *w = arg;
	struct tcase k;

	/* Sight as the case's (access_can_see) over the columns it reads. */
	memset(&k, 0, sizeof k);
	k.office = a->office;
	k.office_region = a->office_region;
	k.hall_region = a->hall_region;
	k.applicant_region = a->applicant_region;
	if (!access_can_see(&w->s->user, &k))
		return 0;
	if (w->limit > 0 && w->n >= w->limit)
		return 1;
	w->n++;
	return w->fn(w->arg, a);
}

int
appoint_list(struct session *s, const struct appoint_filter *f, long now, appoint_fn fn,
    void *arg, char **cause)
{
	struct appointment_filter sf;
	struct walk w = { s, fn, arg, 0, f->limit };
	char m[17], since[17], lo[24], hi[24];
	int rc;

	memset(&sf, 0, sizeof sf);
	if (f->status && strcmp(f->status, "requested") != 0 && strcmp(f->status, "booked") != 0 &&
	    strcmp(f->status, "done") != 0 && strcmp(f->status, "cancelled") != 0) {
		set_cause(cause, _("--status: expected requested, booked, done or cancelled, not '%s'"),
		    f->status);
		return EXIT_INVALID;
	}
	sf.status = f->status;
	sf.office = f->office;
	sf.day = f->day;
	sf.case_id = f->case_id;
	sf.late = f->late;
	if (f->late) {
		/* As the dashboard counts them: answered late in the last 30 days. */
		clock_format_moment((now / CLOCK_MINUTES_PER_DAY - 30) * CLOCK_MINUTES_PER_DAY, since);
		sf.answered_since = since;
	}
	if (f->mine)
		sf.inspector = s->user.login;
	if (f->overdue) {
		clock_format_moment(now, m);
		sf.due_before = m;
	}
	if (f->prefix) {
		snprintf(lo, sizeof lo, "%s", f->prefix);
		snprintf(hi, sizeof hi, "%s:", f->prefix);
		sf.lo = lo;
		sf.hi = hi;
	}
	rc = store_appointment_each(s->st, &sf, walk_one, &w);
	if (rc < 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

long
appoint_left(struct session *s, const struct appointment *a, long now)
{
	long due;

	if (clock_parse_moment(a->response_due, &due) != 0)
		return 0;
	return clock_work_between(s->cal, now, due);
}

enum light
appoint_light(struct session *s, const struct appointment *a, long now)
{
	long due, left;

	if (strcmp(a->status, "requested") != 0 || clock_parse_moment(a->response_due, &due) != 0)
		return LIGHT_NONE;
	if (now > due)
		return LIGHT_RED;
	left = clock_work_between(s->cal, now, due);
	return left <= 60 ? LIGHT_YELLOW : LIGHT_GREEN;
}

int
appoint_waiting_late(struct session *s, const char *prefix, long now, long *n, char **cause)
{
	char lo[24], hi[24], m[17];

	snprintf(lo, sizeof lo, "%s", prefix);
	snprintf(hi, sizeof hi, "%s:", prefix);
	clock_format_moment(now, m);
	*n = 0;
	if (store_appointment_waiting_late(s->st, lo, hi, m, n) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

static const struct {
	const char *code, *label;
} labels[] = {
	{ "requested", N_("requested") },
	{ "booked", N_("booked") },
	{ "done", N_("inspected") },
	{ "cancelled", N_("cancelled") },
	{ "passed", N_("passed the inspection") },
	{ "failed", N_("failed the inspection") },
	{ "absent", N_("applicant absent") },
};

static const char *
label(const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].code, code) == 0)
			return _(labels[i].label);
	return code;
}

const char *
appoint_status_label(const char *status)
{
	return label(status);
}

const char *
appoint_outcome_label(const char *outcome)
{
	return label(outcome);
}

const char *
appoint_action_label(const char *action)
{
	/* The words of the case's timeline for the same steps. */
	static const struct {
		const char *action, *label;
	} steps[] = {
		{ "request", N_("inspection requested") },
		{ "answer", N_("inspection booked") },
		{ "reschedule", N_("inspection rescheduled") },
		{ "done", N_("inspection outcome") },
		{ "cancel", N_("inspection cancelled") },
	};
	size_t i;

	for (i = 0; action != NULL && i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].action, action) == 0)
			return _(steps[i].label);
	return action ? action : "";
}

const char *
appoint_what(const struct appointment *a)
{
	const char *w = strcmp(i18n_lang(), "en") == 0 ? a->what_en : a->what;

	return w ? w : "";
}
