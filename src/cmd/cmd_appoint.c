/*
 * case appoint | appointment list|show|answer|reschedule|done|cancel: the
 * command door to inspection appointments (appoint.h). Each verb parses,
 * calls the service and prints; the rules live in the service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appoint.h"
#include "case.h"
#include "cmd.h"
#include "i18n.h"
#include "json.h"
#include "tcase.h"
#include "util.h"

static int
failed(struct cmd_ctx *c, int rc, char *cause)
{
	cmd_fail(c, rc, "%s", cause ? cause : _("the database is not available"));
	free(cause);
	return rc;
}

static long
now_of(struct cmd_ctx *c)
{
	return clock_now(c->today);
}

/* pos[0] as an appointment id: 0, or exit 5 with a message. */
static int
id_of(struct cmd_ctx *c, struct cmd_args *a, long long *id)
{
	long v;

	if (parse_int(a->pos[0], 1, 2147483647, &v) != 0)
		return cmd_fail(c, EXIT_INVALID, _("ID: expected an appointment number, not '%s'"),
		    a->pos[0]);
	*id = v;
	return 0;
}

/* --day: a date, or "today". */
static const char *
day_arg(struct cmd_ctx *c, const char *v, char buf[11])
{
	if (v != NULL && strcmp(v, "today") == 0) {
		clock_format_date(c->today, buf);
		return buf;
	}
	return v;
}

int
cmd_case_appoint(struct cmd_ctx *c, struct cmd_args *a)
{
	struct appoint_request in;
	char *cause = NULL, due[17];
	long long id;
	int rc;

	memset(&in, 0, sizeof in);
	in.case_no = a->pos[0];
	in.channel = cmd_arg(a, "channel");
	in.wish = cmd_arg(a, "wish");
	in.contact = cmd_arg(a, "contact");
	rc = appoint_request(c->s, &in, now_of(c), &id, due, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("appointment %lld requested for case %s; the office answers "
	    "by %s\n"), id, in.case_no, due);
	return EXIT_OK;
}

static const char *const list_keys[] = { "id", "case", "item", "applicant", "office",
	"status", "requested", "response_due", "left_minutes", "late", "day", "from", "to",
	"inspector", "outcome" };
#define LIST_COLS (sizeof list_keys / sizeof list_keys[0])

struct lister {
	struct out o;
	struct cmd_ctx *c;
	long now;
};

/* Working minutes as people read them: "1h30", "-0h20". */
static void
hours_text(long m, char *buf, size_t n)
{
	long a = m < 0 ? -m : m;

	snprintf(buf, n, "%s%ldh%02ld", m < 0 ? "-" : "", a / 60, a % 60);
}

static int
list_row(void *arg, const struct appointment *p)
{
	struct lister *l = arg;
	int text = l->o.fmt == FMT_TEXT;
	char id[24], left[24] = "";
	const char *v[LIST_COLS];

	snprintf(id, sizeof id, "%lld", p->id);
	if (strcmp(p->status, "requested") == 0) {
		long m = appoint_left(l->c->s, p, l->now);

		if (text)
			hours_text(m, left, sizeof left);
		else
			snprintf(left, sizeof left, "%ld", m);
	}
	v[0] = id;
	v[1] = p->case_no;
	v[2] = text ? (strcmp(i18n_lang(), "en") == 0 ? p->item_name_en : p->item_name) : p->item;
	v[3] = p->applicant_name;
	v[4] = text ? p->office_name : p->office;
	v[5] = text ? appoint_status_label(p->status) : p->status;
	v[6] = p->requested;
	v[7] = p->response_due;
	v[8] = left;
	v[9] = p->late ? (text ? _("answered late") : "1") : (text ? "" : "0");
	v[10] = p->day ? p->day : "";
	v[11] = p->time_from ? p->time_from : "";
	v[12] = p->time_to ? p->time_to : "";
	v[13] = p->inspector ? p->inspector : "";
	v[14] = p->outcome ? (text ? appoint_outcome_label(p->outcome) : p->outcome) : "";
	out_row(&l->o, v);
	return 0;
}

int
cmd_appointment_list(struct cmd_ctx *c, struct cmd_args *a)
{
	struct appoint_filter f;
	struct lister l;
	struct tcase k;
	const char *labels[LIST_COLS];
	char *cause = NULL, day[11];
	const char *limit = cmd_arg(a, "limit"), *no = cmd_arg(a, "case");
	long n = 0;
	int rc, d;

	memset(&f, 0, sizeof f);
	f.mine = cmd_arg(a, "mine") != NULL;
	f.day = day_arg(c, cmd_arg(a, "day"), day);
	f.status = cmd_arg(a, "status");
	f.office = cmd_arg(a, "office");
	f.overdue = cmd_arg(a, "overdue") != NULL;
	f.late = cmd_arg(a, "late") != NULL;
	if (f.day != NULL && clock_parse_date(f.day, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--day: expected a date YYYY-MM-DD or today, "
		    "not '%s'"), f.day);
	if (limit != NULL && parse_int(limit, 1, 100000, &n) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--limit: expected a number from 1 to 100000, "
		    "not '%s'"), limit);
	f.limit = n;
	if (no != NULL) {
		if ((rc = case_get(c->s, no, &k, &cause)) != 0)
			return failed(c, rc, cause);
		f.case_id = k.id;
		tcase_release(&k);
	}
	labels[0] = _("id");
	labels[1] = _("case no");
	labels[2] = _("item");
	labels[3] = _("applicant");
	labels[4] = _("office");
	labels[5] = _("status");
	labels[6] = _("requested");
	labels[7] = _("answer due");
	labels[8] = _("time left");
	labels[9] = _("answered late");
	labels[10] = _("day");
	labels[11] = _("from");
	labels[12] = _("to");
	labels[13] = _("inspector");
	labels[14] = _("outcome");
	memset(&l, 0, sizeof l);
	l.c = c;
	l.now = now_of(c);
	if ((rc = cmd_table(c, &l.o, a->opt, FMT_TEXT, LIST_COLS, list_keys, labels)) != EXIT_OK)
		return rc;
	rc = appoint_list(c->s, &f, l.now, list_row, &l, &cause);
	out_end(&l.o);
	return rc ? failed(c, rc, cause) : EXIT_OK;
}

struct history {
	struct cmd_ctx *c;
	struct json *j;		/* NULL: text */
};

static int
history_row(void *arg, const struct appointment_version *v)
{
	struct history *h = arg;

	if (h->j != NULL) {
		json_begin_object(h->j);
		json_key(h->j, "version");
		json_int(h->j, v->version);
		json_key(h->j, "at");
		json_string(h->j, v->at);
		json_key(h->j, "by");
		json_string(h->j, v->by_login);
		json_key(h->j, "action");
		json_string(h->j, v->action);
		json_key(h->j, "status");
		json_string(h->j, v->status);
		json_key(h->j, "day");
		json_string(h->j, v->day);
		json_key(h->j, "from");
		json_string(h->j, v->time_from);
		json_key(h->j, "to");
		json_string(h->j, v->time_to);
		json_key(h->j, "inspector");
		json_string(h->j, v->inspector);
		json_key(h->j, "outcome");
		json_string(h->j, v->outcome);
		json_key(h->j, "note");
		json_string(h->j, v->note);
		json_end(h->j);
		return 0;
	}
	out_printf_safe(h->c->out, "  %s  %-10s  ", v->at, v->by_login);
	out_pad(h->c->out, appoint_action_label(v->action), 14);
	if (*v->day)
		out_printf_safe(h->c->out, "  %s %s-%s %s", v->day, v->time_from, v->time_to,
		    v->inspector);
	if (*v->outcome)
		out_printf_safe(h->c->out, "  %s", appoint_outcome_label(v->outcome));
	if (*v->note)
		out_printf_safe(h->c->out, "  — %s", v->note);
	out_printf_safe(h->c->out, "\n");
	return 0;
}

static void
line(struct cmd_ctx *c, const char *label, const char *value)
{
	out_pad(c->out, label, 14);
	out_printf_safe(c->out, " %s\n", value ? value : "");
}

int
cmd_appointment_show(struct cmd_ctx *c, struct cmd_args *a)
{
	struct appointment p;
	struct history h = { c, NULL };
	struct json j;
	const char *f = cmd_arg(a, "format");
	char *cause = NULL, buf[128];
	long long id;
	long now = now_of(c);
	int rc;

	if ((rc = id_of(c, a, &id)) != 0)
		return rc;
	if (f != NULL && strcmp(f, "text") != 0 && strcmp(f, "json") != 0)
		return cmd_fail(c, EXIT_INVALID, _("--format: expected text or json, found '%s'"), f);
	if ((rc = appoint_get(c->s, id, &p, &cause)) != 0)
		return failed(c, rc, cause);
	if (f != NULL && strcmp(f, "json") == 0) {
		static const char *const keys[] = { "case", "item", "office", "status", "channel",
			"wish", "contact", "requested", "requested_by", "response_due", "answered",
			"day", "from", "to", "inspector", "outcome" };
		const char *vals[] = { p.case_no, p.item, p.office, p.status, p.channel, p.wish,
			p.contact, p.requested, p.requested_by, p.response_due, p.answered, p.day,
			p.time_from, p.time_to, p.inspector, p.outcome };
		size_t i;

		json_init(&j, c->out);
		json_begin_object(&j);
		json_key(&j, "id");
		json_int(&j, p.id);
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			json_key(&j, keys[i]);
			if (vals[i])
				json_string(&j, vals[i]);
			else
				json_null(&j);
		}
		json_key(&j, "late");
		json_bool(&j, p.late);
		json_key(&j, "history");
		json_begin_array(&j);
		h.j = &j;
		rc = appoint_history(c->s, id, history_row, &h, &cause);
		json_end(&j);
		json_end(&j);
		fputc('\n', c->out);
	} else {
		snprintf(buf, sizeof buf, "%lld", p.id);
		line(c, _("appointment"), buf);
		line(c, _("case no"), p.case_no);
		line(c, _("item"), strcmp(i18n_lang(), "en") == 0 ? p.item_name_en : p.item_name);
		line(c, _("visit"), appoint_what(&p));
		line(c, _("applicant"), p.applicant_name);
		line(c, _("office"), p.office_name);
		line(c, _("status"), appoint_status_label(p.status));
		line(c, _("channel"), tcase_channel_label(p.channel));
		line(c, _("wish"), p.wish);
		line(c, _("contact"), p.contact);
		snprintf(buf, sizeof buf, "%s (%s)", p.requested, p.requested_by);
		line(c, _("requested"), buf);
		line(c, _("answer due"), p.response_due);
		if (strcmp(p.status, "requested") == 0) {
			char left[24];

			hours_text(appoint_left(c->s, &p, now), left, sizeof left);
			snprintf(buf, sizeof buf, "%s %s", left, _("working hours"));
			line(c, _("time left"), buf);
		}
		if (p.answered) {
			snprintf(buf, sizeof buf, "%s%s", p.answered, p.late ? _(" (late)") : "");
			line(c, _("answered"), buf);
		}
		if (p.day) {
			snprintf(buf, sizeof buf, "%s %s-%s", p.day, p.time_from, p.time_to);
			line(c, _("visit on"), buf);
			snprintf(buf, sizeof buf, "%s %s", p.inspector, p.inspector_name);
			line(c, _("inspector"), buf);
		}
		if (p.outcome)
			line(c, _("outcome"), appoint_outcome_label(p.outcome));
		out_printf_safe(c->out, "%s\n", _("history:"));
		rc = appoint_history(c->s, id, history_row, &h, &cause);
	}
	appointment_release(&p);
	return rc ? failed(c, rc, cause) : EXIT_OK;
}

static int
slot(struct cmd_ctx *c, struct cmd_args *a, int reschedule)
{
	struct appoint_slot in;
	char *cause = NULL, day[11];
	long long id;
	int rc, late = 0;

	if ((rc = id_of(c, a, &id)) != 0)
		return rc;
	memset(&in, 0, sizeof in);
	in.day = day_arg(c, cmd_arg(a, "day"), day);
	in.from = cmd_arg(a, "from");
	in.to = cmd_arg(a, "to");
	in.inspector = cmd_arg(a, "inspector");
	in.note = cmd_arg(a, "note");
	if (in.day == NULL || in.from == NULL || in.to == NULL ||
	    (!reschedule && in.inspector == NULL))
		return cmd_row_usage(c, a);
	rc = reschedule ? appoint_reschedule(c->s, id, &in, now_of(c), &cause) :
	    appoint_answer(c->s, id, &in, now_of(c), &late, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	if (reschedule)
		out_printf_safe(c->out, _("appointment %lld moved to %s %s-%s\n"), id, in.day, in.from,
		    in.to);
	else
		out_printf_safe(c->out, late ? _("appointment %lld booked for %s %s-%s with %s "
		    "(answered late)\n") : _("appointment %lld booked for %s %s-%s with %s\n"), id,
		    in.day, in.from, in.to, in.inspector);
	return EXIT_OK;
}

int
cmd_appointment_answer(struct cmd_ctx *c, struct cmd_args *a)
{
	return slot(c, a, 0);
}

int
cmd_appointment_reschedule(struct cmd_ctx *c, struct cmd_args *a)
{
	return slot(c, a, 1);
}

int
cmd_appointment_done(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long long id;
	int rc;

	if ((rc = id_of(c, a, &id)) != 0)
		return rc;
	if (cmd_arg(a, "outcome") == NULL)
		return cmd_row_usage(c, a);
	rc = appoint_done(c->s, id, cmd_arg(a, "outcome"), cmd_arg(a, "note"), now_of(c), &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("appointment %lld: %s\n"), id,
	    appoint_outcome_label(cmd_arg(a, "outcome")));
	return EXIT_OK;
}

int
cmd_appointment_cancel(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long long id;
	int rc;

	if ((rc = id_of(c, a, &id)) != 0)
		return rc;
	rc = appoint_cancel(c->s, id, cmd_arg(a, "note"), now_of(c), &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("appointment %lld cancelled\n"), id);
	return EXIT_OK;
}
