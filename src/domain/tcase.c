/*
 * The clock applied to a case, and the words for its states.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tcase.h"
#include "util.h"

const char *const tcase_statuses[] = {
	"submitted", "accepted", "not_accepted", "supplement", "under_review",
	"suspended", "approved", "denied", "completed", "withdrawn", NULL
};

static const char *const status_labels[] = {
	N_("submitted"), N_("accepted"), N_("not accepted"), N_("supplement"),
	N_("under review"), N_("suspended"), N_("approved"), N_("denied"),
	N_("completed"), N_("withdrawn")
};

int
tcase_status_valid(const char *s)
{
	int i;

	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (strcmp(s, tcase_statuses[i]) == 0)
			return 1;
	return 0;
}

int
tcase_status_open(const char *s)
{
	/* approved and denied still await delivery of the decision (art. 44). */
	return strcmp(s, "not_accepted") != 0 && strcmp(s, "completed") != 0 &&
	    strcmp(s, "withdrawn") != 0;
}

const char *
tcase_status_label(const char *s)
{
	int i;

	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (strcmp(s, tcase_statuses[i]) == 0)
			return _(status_labels[i]);
	return s;
}

const char *
tcase_channel_label(const char *s)
{
	if (strcmp(s, "window") == 0)
		return _("window");
	if (strcmp(s, "online") == 0)
		return _("online");
	if (strcmp(s, "self-service") == 0)
		return _("self-service");
	return s;
}

const char *
tcase_power_label(const char *s)
{
	static const char *const codes[] = { "licensing", "confirmation", "payment", "other",
		"public_service" };
	static const char *const labels[] = { N_("administrative licensing"),
		N_("administrative confirmation"), N_("administrative payment"),
		N_("other administrative power"), N_("public service") };
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(s, codes[i]) == 0)
			return _(labels[i]);
	return s;
}

char *
tcase_list_label(const char *list)
{
	static const char *const codes[] = { "city", "district", "township", "village", "window",
		"online", "self-service", "public_holiday", "transfer_workday" };
	static const char *const labels[] = { N_("city level"), N_("district level"),
		N_("township level"), N_("village level"), N_("window"), N_("online"),
		N_("self-service"), N_("day off"), N_("make-up working day") };
	struct sb sb = SB_INIT;

	while (*list) {
		size_t n = strcspn(list, "|"), i;
		const char *label = NULL;

		for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (strlen(codes[i]) == n && strncmp(list, codes[i], n) == 0)
				label = _(labels[i]);
		if (sb.len)
			sb_adds(&sb, _(", "));
		if (label)
			sb_adds(&sb, label);
		else
			sb_addf(&sb, "%.*s", (int)n, list);
		list += n;
		if (*list == '|')
			list++;
	}
	return sb_detach(&sb);
}

const char *
tcase_light_label(enum light l)
{
	switch (l) {
	case LIGHT_GREEN:
		return _("green");
	case LIGHT_YELLOW:
		return _("yellow");
	case LIGHT_RED:
		return _("red");
	default:
		return "";
	}
}

static const struct {
	const char *action;
	const char *label;
} actions[] = {
	/* Nouns, distinct from the status words, so each translates on its own. */
	{ "submit", N_("application") },
	{ "accept", N_("acceptance") },
	{ "refuse", N_("refusal of acceptance") },
	{ "supplement", N_("supplement notice") },
	{ "resupply", N_("materials resupplied") },
	{ "review", N_("to review") },
	{ "opinion", N_("opinion") },
	{ "suspend", N_("special procedure") },
	{ "resume", N_("clock resumed") },
	{ "extend", N_("extension") },
	{ "receive", N_("pledged materials received") },
	{ "override", N_("dissent overridden") },
	{ "approve", N_("approval") },
	{ "deny", N_("denial") },
	{ "complete", N_("delivery") },
	{ "withdraw", N_("withdrawal") },
	{ "pass", N_("step passed") },
	{ "survey", N_("site survey") },
	{ "return", N_("returned to acceptance") },
	/* A new notice or threshold moved the clock (calendar.c). */
	{ "reclock", N_("clock recomputed") },
	/* Investment projects (project.c): events with subject project:NO,
	 * and an office's findings of a joint step on its own case. */
	{ "project_open", N_("project opened") },
	{ "stage_open", N_("stage opened") },
	{ "stage_close", N_("stage closed") },
	{ "project_stop", N_("project stopped") },
	{ "project_done", N_("project done") },
	{ "project_withdraw", N_("project withdrawn") },
	{ "joint_schedule", N_("joint step scheduled") },
	{ "joint_findings", N_("joint step findings") },
	{ "joint_close", N_("joint step closed") },
	/* Inspection appointments (appoint.c). */
	{ "appoint", N_("inspection requested") },
	{ "appoint_answer", N_("inspection booked") },
	{ "appoint_reschedule", N_("inspection rescheduled") },
	{ "appoint_done", N_("inspection outcome") },
	{ "appoint_cancel", N_("inspection cancelled") },
	{ "assign", N_("given to a person") },
	{ "tell", N_("applicant told") },
	{ NULL, NULL }
};

const char *
tcase_action_label(const char *s)
{
	int i;

	for (i = 0; actions[i].action != NULL; i++)
		if (strcmp(s, actions[i].action) == 0)
			return _(actions[i].label);
	return s;
}

unsigned long long
tcase_material_set(const char *list)
{
	unsigned long long set = 0;
	const char *p = list;

	while (p != NULL && *p != '\0') {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		if (v >= 1 && v <= 63)
			set |= 1ULL << v;
		p = *end == ',' ? end + 1 : end;
	}
	return set;
}

unsigned long long
tcase_pledge_open(const struct tcase *c)
{
	return tcase_material_set(c->pledge_materials) & ~tcase_material_set(c->materials);
}

int
tcase_light_span(const struct tcase *c, char yellow[11], char red[11])
{
	const char *stop = NULL;
	int w, d, day;

	yellow[0] = red[0] = '\0';
	if (!c->open || clock_parse_date(c->warn, &w) != 0 || clock_parse_date(c->due, &d) != 0)
		return -1;
	/* The clock stands still while paused, and stops at the decision. */
	if (c->paused_since != NULL && *c->paused_since != '\0')
		stop = c->paused_since;
	else if (c->decided != NULL && *c->decided != '\0')
		stop = c->decided;
	if (stop == NULL || clock_parse_date(stop, &day) != 0) {
		/* Running: yellow from the warning date, red the day after due. */
		clock_format_date(w, yellow);
		clock_format_date(d + 1, red);
		return 0;
	}
	/* art. 44: a decision in time hands over to the delivery clock, 10
	 * working days from the decision, which runs until the result is
	 * delivered; a late decision stays red. */
	if (stop == c->decided && day <= d && c->deliver_warn != NULL &&
	    clock_parse_date(c->deliver_warn, &w) == 0 && c->deliver_due != NULL &&
	    clock_parse_date(c->deliver_due, &d) == 0) {
		clock_format_date(w, yellow);
		clock_format_date(d + 1, red);
		return 0;
	}
	/* Stopped: the light of that day, for ever. */
	switch (clock_light(day, w, d)) {
	case LIGHT_RED:
		snprintf(yellow, 11, "%s", TCASE_ALWAYS);
		snprintf(red, 11, "%s", TCASE_ALWAYS);
		break;
	case LIGHT_YELLOW:
		snprintf(yellow, 11, "%s", TCASE_ALWAYS);
		snprintf(red, 11, "%s", TCASE_NEVER);
		break;
	default:
		snprintf(yellow, 11, "%s", TCASE_NEVER);
		snprintf(red, 11, "%s", TCASE_NEVER);
		break;
	}
	return 0;
}

enum light
tcase_light_on(const char *yellow, const char *red, const char *day)
{
	if (yellow == NULL || red == NULL || *yellow == '\0' || *red == '\0')
		return LIGHT_NONE;
	if (strcmp(day, red) >= 0)
		return LIGHT_RED;
	if (strcmp(day, yellow) >= 0)
		return LIGHT_YELLOW;
	return LIGHT_GREEN;
}

enum light
tcase_light(const struct tcase *c, int today)
{
	char yellow[11], red[11], day[11];

	if (tcase_light_span(c, yellow, red) != 0)
		return LIGHT_NONE;
	clock_format_date(today, day);
	return tcase_light_on(yellow, red, day);
}

int
tcase_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due,
    int *provisional)
{
	const char *from = c->accepted && *c->accepted ? c->accepted : c->submitted;
	int start, dw, dd, dp;

	if (from == NULL || clock_parse_date(from, &start) != 0)
		return -1;
	*due = clock_due(cal, start, tcase_limit(c), c->paused_days);
	*warn = clock_warn(cal, start, tcase_limit(c), c->paused_days);
	/* Every day counted lies in (start, due]: the warning date is before. */
	*provisional = clock_provisional(cal, start, *due);
	if (tcase_delivery_clock(cal, c, &dw, &dd, &dp) == 0 && dp)
		*provisional = 1;
	return 0;
}

int
tcase_delivery_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due,
    int *provisional)
{
	int dec;

	if (c->decided == NULL || clock_parse_date(c->decided, &dec) != 0)
		return -1;
	/* art. 44: 10 days from the decision (art. 82: working days), with
	 * the same yellow threshold as every clock. */
	*due = clock_due(cal, dec, TCASE_DELIVERY_DAYS, 0);
	*warn = clock_warn(cal, dec, TCASE_DELIVERY_DAYS, 0);
	*provisional = clock_provisional(cal, dec, *due);
	return 0;
}

const char *
tcase_suspend_label(const char *reason)
{
	/* art. 45's special procedures. */
	static const struct {
		const char *code, *label;
	} reasons[] = {
		{ "hearing", N_("hearing") }, { "tendering", N_("tendering") },
		{ "auction", N_("auction") }, { "testing", N_("testing") },
		{ "inspection", N_("inspection") }, { "quarantine", N_("quarantine") },
		{ "appraisal", N_("appraisal") }, { "expert_review", N_("expert review") },
		{ NULL, NULL }
	};
	int i;

	for (i = 0; reason != NULL && reasons[i].code != NULL; i++)
		if (strcmp(reasons[i].code, reason) == 0)
			return _(reasons[i].label);
	return reason != NULL ? reason : "";
}

int
tcase_suspend_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due)
{
	int since;

	if (strcmp(c->status, "suspended") != 0 || c->suspend_days <= 0 ||
	    c->paused_since == NULL || clock_parse_date(c->paused_since, &since) != 0)
		return -1;
	/* art. 45: the period told to the applicant, counted like a limit. */
	*due = clock_due(cal, since, c->suspend_days, 0);
	*warn = clock_warn(cal, since, c->suspend_days, 0);
	return 0;
}

int
tcase_step_clock(const struct calendar *cal, const struct tcase *c, int limit, int today,
    int *used, int *warn, int *due, int *capped, enum light *light)
{
	int start, on = today, cdue, cwarn;

	*capped = 0;
	if (c->step_started == NULL || clock_parse_date(c->step_started, &start) != 0 || limit < 0)
		return -1;
	/* A stopped clock is read on the day it stopped, not on the step's first. */
	if (c->paused_since != NULL && *c->paused_since != '\0')
		clock_parse_date(c->paused_since, &on);
	if (on < start)
		on = start;
	*due = clock_due(cal, start, limit, c->step_paused);
	*warn = clock_warn(cal, start, limit, c->step_paused);
	/* The step cannot outlast the case it belongs to. */
	if (c->due != NULL && clock_parse_date(c->due, &cdue) == 0 && cdue < *due) {
		*due = cdue;
		*capped = 1;
	}
	if (c->warn != NULL && clock_parse_date(c->warn, &cwarn) == 0 && cwarn < *warn)
		*warn = cwarn;
	if (*warn > *due)
		*warn = *due;
	*used = clock_workdays(cal, start, on) - c->step_paused;
	if (*used < 0)
		*used = 0;
	*light = clock_light(on, *warn, *due);
	return 0;
}

enum light
tcase_delivery_light(const struct tcase *c, int today)
{
	int w, d;

	if (c->deliver_warn == NULL || c->deliver_due == NULL ||
	    clock_parse_date(c->deliver_warn, &w) != 0 || clock_parse_date(c->deliver_due, &d) != 0)
		return LIGHT_NONE;
	return clock_light(today, w, d);
}

const char *
tcase_due_in_force(const struct tcase *c)
{
	if (c->decided != NULL && *c->decided != '\0' && c->deliver_due != NULL &&
	    *c->deliver_due != '\0' && c->due != NULL && strcmp(c->decided, c->due) <= 0)
		return c->deliver_due;
	return c->due;
}

int
tcase_delivered_on_time(const struct tcase *c, int day)
{
	int d;

	if (c->deliver_due == NULL || clock_parse_date(c->deliver_due, &d) != 0)
		return 1;
	return day <= d;
}

int
tcase_limit(const struct tcase *c)
{
	return c->limit_days + c->extended_days;
}

int
tcase_days_used(const struct calendar *cal, const struct tcase *c, int today)
{
	int start, end = today, used;
	const char *from = c->accepted && *c->accepted ? c->accepted : c->submitted;

	if (clock_parse_date(from, &start) != 0)
		return 0;
	if (c->decided && *c->decided)
		clock_parse_date(c->decided, &end);
	else if (c->finished && *c->finished)
		clock_parse_date(c->finished, &end);
	else if (c->paused_since && *c->paused_since)
		clock_parse_date(c->paused_since, &end);
	used = clock_workdays(cal, start, end) - c->paused_days;
	return used < 0 ? 0 : used;
}

void
tcase_format_no(char out[32], const char *district, int day, long seq)
{
	int y, m, d;

	clock_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%.6s-%04d%02d%02d-%06ld", district, y % 10000, m, d,
	    seq % 1000000);
}

void
tcase_district_of(const char *region, char out[7])
{
	size_t n = strlen(region);

	if (n >= 6) {
		memcpy(out, region, 6);
		out[6] = '\0';
	} else {
		memcpy(out, "500000", 7);
	}
}

const char *
tcase_anomaly_label(const char *kind)
{
	if (strcmp(kind, "fee") == 0)
		return _("fee above the catalog (收费异常)");
	if (strcmp(kind, "refuse_no_reason") == 0)
		return _("refusal without a reason");
	if (strcmp(kind, "step_late") == 0)
		return _("steps running late");
	if (strcmp(kind, "deemed") == 0)
		return _("deemed accepted: unanswered 5 working days (art. 32)");
	if (strcmp(kind, "busy_hall") == 0)
		return _("halls far busier than usual today");
	if (strcmp(kind, "unlisted_material") == 0)
		return _("supplement asked for a material the guide does not list");
	if (strcmp(kind, "complaint_late") == 0)
		return _("complaints not accepted or refused within 5 working days");
	if (strcmp(kind, "order_late") == 0)
		return _("supervision orders not answered by their due date");
	if (strcmp(kind, "rectify_late") == 0)
		return _("rectifications past their 15 working days");
	if (strcmp(kind, "pledge_overdue") == 0)
		return _("pledged materials overdue (容缺受理)");
	if (strcmp(kind, "suspend_overdue") == 0)
		return _("special procedures past the period told to the applicant (art. 45)");
	if (strcmp(kind, "appointment_late") == 0)
		return _("inspection requests answered after their response time (预约)");
	if (strcmp(kind, "appointment_waiting") == 0)
		return _("inspection requests unanswered past their response time (预约)");
	if (strcmp(kind, "override") == 0)
		return _("a department's dissent overridden by the lead office");
	return kind;
}

/* The decision's words by the item's power type, as the record keeps them
 * (Chinese, the language of the written decision), and as people read
 * them. Registration: an item of a legal act (licensing or confirmation)
 * whose name ends in 登记; a public service is 办结 whatever its name. */
static const struct {
	const char *power_type;
	int registration;
	const char *yes, *no;
	const char *yes_label, *no_label;
} results[] = {
	{ "licensing", 1, "准予登记", "不予登记", N_("registered"), N_("registration refused") },
	{ "confirmation", 1, "准予登记", "不予登记", N_("registered"),
	  N_("registration refused") },
	{ "licensing", 0, "准予许可", "不予许可", N_("licence granted"), N_("licence refused") },
	{ "confirmation", 0, "予以确认", "不予确认", N_("confirmed"), N_("not confirmed") },
	{ "payment", 0, "准予给付", "不予给付", N_("benefit granted"), N_("benefit refused") },
	{ "public_service", 0, "办结", "不予办理", N_("service done"), N_("service refused") },
	{ "other", 0, "予以通过", "不予通过", N_("passed"), N_("not passed") },
	{ NULL, 0, NULL, NULL, NULL, NULL }
};

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

const char *
tcase_result(const char *power_type, const char *item_name, int approve)
{
	int i, reg = item_name != NULL && ends_with(item_name, "登记");

	for (i = 0; results[i].power_type != NULL; i++)
		if (power_type != NULL && strcmp(results[i].power_type, power_type) == 0 &&
		    (results[i].registration == 0 || reg))
			return approve ? results[i].yes : results[i].no;
	/* An unknown power type: the licensing law's words. */
	return approve ? "准予许可" : "不予许可";
}

int
tcase_result_positive(const char *result)
{
	int i;

	for (i = 0; result != NULL && results[i].power_type != NULL; i++)
		if (strcmp(results[i].yes, result) == 0)
			return 1;
	return 0;
}

const char *
tcase_result_label(const char *result)
{
	int i;

	if (result == NULL)
		return "";
	for (i = 0; results[i].power_type != NULL; i++) {
		if (strcmp(results[i].yes, result) == 0)
			return _(results[i].yes_label);
		if (strcmp(results[i].no, result) == 0)
			return _(results[i].no_label);
	}
	return result;
}

int
tcase_supplement_unlisted(const char *reason, const char *note, char **cause)
{
	if (reason == NULL || strcmp(reason, "listed") == 0)
		return 0;
	if (strcmp(reason, "unlisted") != 0) {
		set_cause(cause, _("--reason: expected listed (a material the guide lists is "
		    "missing) or unlisted (a material the guide does not list), not '%s'"), reason);
		return -1;
	}
	if (note == NULL || *note == '\0') {
		set_cause(cause, "%s", _("--reason unlisted: name the material the guide does not "
		    "list with --note TEXT"));
		return -1;
	}
	return 1;
}
