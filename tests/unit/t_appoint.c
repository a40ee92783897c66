/*
 * Inspection appointments (预约): the working-hour clock (16:30 + 2 hours is
 * 10:30 on the next working day; over a weekend, over Spring Festival 2026,
 * across the lunch break), and the service: a request on an item without
 * an inspection is refused, an answer after the response time is late and
 * an anomaly, a request waiting past it is counted while it waits, a
 * reschedule keeps the history, and who may see and answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "appoint.h"
#include "clock.h"
#include "exitcode.h"
#include "lifecycle.h"
#include "session.h"
#include "stats.h"
#include "store.h"
#include "store_appoint.h"
#include "test.h"

#define LIFT "000101005000"	/* 特种设备使用登记: 2 working hours */
#define FIRM "000101003000"	/* no inspection */
#define PERSON "11010519491231002X"
#define FIRM_ID "91350100M000100Y43"	/* a lift owner: an organisation */

/* A moment: "YYYY-MM-DD HH:MM". */
static long
M(const char *s)
{
	long t = 0;

	if (clock_parse_moment(s, &t) != 0)
		printf("#   bad moment in test: %s\n", s);
	return t;
}

static const char *
fmt(long t)
{
	static char buf[4][17];
	static int k;

	k = (k + 1) % 4;
	clock_format_moment(t, buf[k]);
	return buf[k];
}

static void
working_hours(void)
{
	struct calendar *c = test_calendar();

	/* Friday 16:30 + 2h: half an hour on Friday, 90 minutes on Monday. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-27 16:30"), 120)), "2026-11-30 10:30");
	CHECK_INT(clock_work_between(c, M("2026-11-27 16:30"), M("2026-11-30 10:30")), 120);
	CHECK_INT(clock_work_between(c, M("2026-11-30 10:30"), M("2026-11-27 16:30")), -120);
	/* A Tuesday: 16:30 + 2h is 10:30 on Wednesday. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 16:30"), 120)), "2026-11-25 10:30");
	/* The lunch break does not count: 11:00 + 2h is 14:00. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 11:00"), 120)), "2026-11-24 14:00");
	CHECK_INT(clock_work_between(c, M("2026-11-24 11:00"), M("2026-11-24 14:00")), 120);
	/* A request at night or on Saturday counts from the next opening. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 20:00"), 120)), "2026-11-25 11:00");
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-28 10:00"), 120)), "2026-11-30 11:00");
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 12:10"), 60)), "2026-11-24 14:00");
	/* A working day is 7 hours: 8 hours from 09:30 end at 09:30 + 1h next day. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 09:00"), 7 * 60)), "2026-11-24 17:00");
	CHECK_STR(fmt(clock_work_add(c, M("2026-11-24 09:30"), 8 * 60)), "2026-11-25 10:30");
	/* Spring Festival 2026: Saturday 14 February is a make-up working day,
	 * 15 to 23 February rest; 16:00 on the 14th + 2h is 10:00 on the 24th. */
	CHECK_STR(fmt(clock_work_add(c, M("2026-02-14 16:00"), 120)), "2026-02-24 10:00");
	CHECK_STR(fmt(clock_work_add(c, M("2026-02-13 16:30"), 120)), "2026-02-14 10:30");
	CHECK_INT(clock_work_between(c, M("2026-02-14 16:00"), M("2026-02-24 10:00")), 120);
	CHECK(clock_work_open(c, M("2026-02-14 10:00")));
	CHECK(!clock_work_open(c, M("2026-02-16 10:00")));
	CHECK(!clock_work_open(c, M("2026-11-24 12:30")));
	{
		int m;

		CHECK_INT(clock_parse_hhmm("09:30", &m), 0);
		CHECK_INT(m, 570);
		CHECK_INT(clock_parse_hhmm("9:30", &m), -1);
		CHECK_INT(clock_parse_hhmm("12:60", &m), -1);
	}
}

/* The people of the tests, stored so that sessions can refresh them. */
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
	u.encoding = (char *)"utf-8";
	return u;
}

static struct user hall, other_hall, approver, inspector, office_clerk, police;

static void
people(void)
{
	static int done;
	struct user *all[6];
	int i;

	if (done)
		return;
	done = 1;
	hall = mk("t_hall", ROLE_CLERK, "500229001", "township", "500229001.township");
	other_hall = mk("t_yz_hall", ROLE_CLERK, "500103", "district", "500103.hall");
	approver = mk("t_mkt", ROLE_APPROVER, "500229", "district", "500229.market");
	inspector = mk("t_insp", ROLE_APPROVER, "500229", "district", "500229.market");
	office_clerk = mk("t_mkt_clerk", ROLE_CLERK, "500229", "district", "500229.market");
	police = mk("t_ps", ROLE_APPROVER, "500229", "district", "500229.public_security");
	all[0] = &hall;
	all[1] = &other_hall;
	all[2] = &approver;
	all[3] = &inspector;
	all[4] = &office_clerk;
	all[5] = &police;
	for (i = 0; i < 6; i++) {
		char *cause = NULL;

		if (store_user_add(test_store(), all[i], NULL, "2026-01-01 00:00:00", &cause) != 0)
			printf("#   cannot add %s: %s\n", all[i]->login, cause ? cause : "?");
		free(cause);
	}
}

static void
as(struct session *s, const struct user *u, const char *day)
{
	int d = 0;

	clock_parse_date(day, &d);
	session_init(s, test_store(), test_calendar(), u, "10.0.0.9");
	s->fixed_today = d;
}

/* A new case of item taken in at the township hall on day. */
static int
intake(const char *item, const char *day, char no[32])
{
	struct session s;
	struct intake in;
	char *cause = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	in.item = item;
	in.applicant_id = strcmp(item, LIFT) == 0 ? FIRM_ID : PERSON;
	in.name = strcmp(item, LIFT) == 0 ? "城口县某物业公司" : "张三";
	in.region = "500229001003";
	in.channel = "window";
	as(&s, &hall, day);
	rc = lifecycle_intake(&s, &in, no, &cause);
	if (rc != 0)
		printf("#   intake: %s\n", cause ? cause : "?");
	CHECK_INT(rc, 0);
	free(cause);
	session_close(&s);
	return rc;
}

static int
request(const struct user *u, const char *no, const char *at, long long *id, char due[17])
{
	struct appoint_request in;
	struct session s;
	char *cause = NULL;
	int rc;

	memset(&in, 0, sizeof in);
	in.case_no = no;
	in.contact = "13800000000";
	as(&s, u, at);
	rc = appoint_request(&s, &in, M(at), id, due, &cause);
	free(cause);
	session_close(&s);
	return rc;
}

static int
answer(const struct user *u, long long id, const char *at, const char *day, const char *who,
    int *late)
{
	struct appoint_slot in;
	struct session s;
	char *cause = NULL;
	int rc, l = 0;

	memset(&in, 0, sizeof in);
	in.day = day;
	in.from = "09:30";
	in.to = "10:30";
	in.inspector = who;
	as(&s, u, at);
	rc = appoint_answer(&s, id, &in, M(at), &l, &cause);
	if (late)
		*late = l;
	free(cause);
	session_close(&s);
	return rc;
}

/* The dashboard's count of an anomaly kind for Chengkou on day at time. */
static long
anomaly(const char *kind, const char *day, const char *time)
{
	struct dash *d = calloc(1, sizeof *d);
	long n = 0;
	int i, dd = 0;

	clock_parse_date(day, &dd);
	setenv("TONGBAN_TIME", time, 1);
	stats_dashboard(test_store(), test_calendar(), "500229", dd, d);
	unsetenv("TONGBAN_TIME");
	for (i = 0; i < d->nanomalies; i++)
		if (strcmp(d->anomalies[i].kind, kind) == 0)
			n = d->anomalies[i].n;
	free(d);
	return n;
}

static void
no_inspection_refused(void)
{
	char no[32], due[17];
	long long id = 0;

	people();
	if (intake(FIRM, "2026-11-24", no) != 0)
		return;
	CHECK_INT(request(&hall, no, "2026-11-24 10:00", &id, due), EXIT_INVALID);
	CHECK_INT(id, 0);
}

static void
late_answer_is_anomaly(void)
{
	char no[32], due[17];
	long long id = 0;
	int late = -1;

	people();
	if (intake(LIFT, "2026-11-27", no) != 0)
		return;
	CHECK_INT(request(&hall, no, "2026-11-27 16:30", &id, due), 0);
	CHECK_STR(due, "2026-11-30 10:30");
	/* One request open at a time. */
	{
		long long again;
		char d2[17];

		CHECK_INT(request(&hall, no, "2026-11-27 16:40", &again, d2), EXIT_CONFLICT);
	}
	/* Waiting past 10:30 on Monday: counted while it waits. */
	CHECK_INT(anomaly("appointment_waiting", "2026-11-30", "10:00"), 0);
	CHECK_INT(anomaly("appointment_waiting", "2026-11-30", "10:45"), 1);
	CHECK_INT(anomaly("appointment_late", "2026-11-30", "10:45"), 0);
	/* Answered at 11:00: late, and an anomaly of its own. */
	CHECK_INT(answer(&approver, id, "2026-11-30 11:00", "2026-12-01", "t_insp", &late), 0);
	CHECK_INT(late, 1);
	CHECK_INT(anomaly("appointment_waiting", "2026-11-30", "11:05"), 0);
	CHECK_INT(anomaly("appointment_late", "2026-11-30", "11:05"), 1);
	{
		struct session s;
		struct appointment a;
		char *cause = NULL;

		as(&s, &approver, "2026-11-30");
		CHECK_INT(appoint_get(&s, id, &a, &cause), 0);
		CHECK_STR(a.status, "booked");
		CHECK_INT(a.late, 1);
		CHECK_STR(a.inspector, "t_insp");
		appointment_release(&a);
		session_close(&s);
		free(cause);
	}
}

static void
on_time_answer(void)
{
	char no[32], due[17];
	long long id = 0;
	int late = -1;

	people();
	if (intake(LIFT, "2026-11-24", no) != 0)
		return;
	CHECK_INT(request(&hall, no, "2026-11-24 11:00", &id, due), 0);
	CHECK_STR(due, "2026-11-24 14:00");
	/* The visit day: a working day, not past. */
	CHECK_INT(answer(&approver, id, "2026-11-24 13:30", "2026-11-28", "t_insp", &late),
	    EXIT_INVALID);
	CHECK_INT(answer(&approver, id, "2026-11-24 13:30", "2026-11-23", "t_insp", &late),
	    EXIT_INVALID);
	/* The inspector is a user of the competent office. */
	CHECK_INT(answer(&approver, id, "2026-11-24 13:30", "2026-11-25", "t_ps", &late),
	    EXIT_INVALID);
	CHECK_INT(answer(&approver, id, "2026-11-24 13:30", "2026-11-25", "t_insp", &late), 0);
	CHECK_INT(late, 0);
}

static int
keep_version(void *arg, const struct appointment_version *v)
{
	char *out = arg;
	size_t n = strlen(out);

	snprintf(out + n, 512 - n, "%s%s:%s %s-%s %s", n ? "|" : "", v->action, v->day,
	    v->time_from, v->time_to, v->note);
	return 0;
}

static void
reschedule_keeps_history(void)
{
	struct appoint_slot in;
	struct session s;
	char no[32], due[17], hist[512] = "", *cause = NULL;
	long long id = 0;

	people();
	if (intake(LIFT, "2026-11-24", no) != 0)
		return;
	CHECK_INT(request(&hall, no, "2026-11-24 09:00", &id, due), 0);
	CHECK_INT(answer(&approver, id, "2026-11-24 10:00", "2026-11-26", "t_insp", NULL), 0);
	memset(&in, 0, sizeof in);
	in.day = "2026-11-27";
	in.from = "14:00";
	in.to = "15:00";
	as(&s, &approver, "2026-11-25");
	/* A reason is required. */
	CHECK_INT(appoint_reschedule(&s, id, &in, M("2026-11-25 09:00"), &cause), EXIT_USAGE);
	free(cause);
	cause = NULL;
	in.note = "申请人要求改期";
	CHECK_INT(appoint_reschedule(&s, id, &in, M("2026-11-25 09:00"), &cause), 0);
	free(cause);
	cause = NULL;
	/* The outcome only once the day has come. */
	CHECK_INT(appoint_done(&s, id, "passed", "ok", M("2026-11-25 09:10"), &cause),
	    EXIT_CONFLICT);
	free(cause);
	cause = NULL;
	session_close(&s);
	as(&s, &inspector, "2026-11-27");
	CHECK_INT(appoint_done(&s, id, "passed", "电梯运行正常", M("2026-11-27 15:10"), &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(appoint_history(&s, id, keep_version, hist, &cause), 0);
	CHECK_STR(hist, "request: - |answer:2026-11-26 09:30-10:30 |"
	    "reschedule:2026-11-27 14:00-15:00 申请人要求改期|"
	    "done:2026-11-27 14:00-15:00 电梯运行正常");
	/* Done is final. */
	CHECK_INT(appoint_cancel(&s, id, "x", M("2026-11-27 15:20"), &cause), EXIT_CONFLICT);
	free(cause);
	session_close(&s);
}

static void
rights(void)
{
	struct session s;
	struct appointment a;
	char no[32], due[17], *cause = NULL;
	long long id = 0;

	people();
	if (intake(LIFT, "2026-11-24", no) != 0)
		return;
	/* Another district's hall does not see the case: no such case. */
	CHECK_INT(request(&other_hall, no, "2026-11-24 09:00", &id, due), EXIT_NOTFOUND);
	CHECK_INT(request(&hall, no, "2026-11-24 09:00", &id, due), 0);
	as(&s, &other_hall, "2026-11-24");
	CHECK_INT(appoint_get(&s, id, &a, &cause), EXIT_NOTFOUND);
	free(cause);
	cause = NULL;
	session_close(&s);
	/* An approver of another office: the appointment is out of sight. */
	CHECK_INT(answer(&police, id, "2026-11-24 09:30", "2026-11-25", "t_insp", NULL),
	    EXIT_NOTFOUND);
	/* The hall's clerk and the office's clerk see it but do not answer. */
	CHECK_INT(answer(&hall, id, "2026-11-24 09:30", "2026-11-25", "t_insp", NULL),
	    EXIT_DENIED);
	CHECK_INT(answer(&office_clerk, id, "2026-11-24 09:30", "2026-11-25", "t_insp", NULL),
	    EXIT_DENIED);
	CHECK_INT(answer(&approver, id, "2026-11-24 09:30", "2026-11-25", "t_insp", NULL), 0);
	/* The hall's clerk may cancel, with the reason. */
	as(&s, &hall, "2026-11-24");
	CHECK_INT(appoint_cancel(&s, id, NULL, M("2026-11-24 10:00"), &cause), EXIT_USAGE);
	free(cause);
	cause = NULL;
	CHECK_INT(appoint_cancel(&s, id, "申请人撤回", M("2026-11-24 10:00"), &cause), 0);
	free(cause);
	session_close(&s);
}

/* A case withdrawn with its request open: the request is cancelled with it. */
static void
closed_case_cancels(void)
{
	struct session s;
	struct appointment a;
	struct act_args act;
	char no[32], due[17], *cause = NULL;
	long long id = 0;

	people();
	if (intake(LIFT, "2026-11-24", no) != 0)
		return;
	CHECK_INT(request(&hall, no, "2026-11-24 09:00", &id, due), 0);
	memset(&act, 0, sizeof act);
	act.action = "withdraw";
	act.note = "申请人撤回";
	act.expect_version = -1;
	act.fee_cents = -1;
	as(&s, &hall, "2026-11-24");
	CHECK_INT(lifecycle_act(&s, no, &act, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(appoint_get(&s, id, &a, &cause), 0);
	CHECK_STR(a.status, "cancelled");
	appointment_release(&a);
	free(cause);
	session_close(&s);
	/* ... and is no longer waiting past its time. */
	CHECK_INT(anomaly("appointment_waiting", "2026-11-25", "16:00"), 0);
}

/* The rule itself (access.c), role by role, on one case of 城口县's market
 * bureau taken in at the 葛城 township hall. */
static void
access_rule(void)
{
	struct tcase c;
	struct user sup = mk("t_sup", ROLE_SUPERVISOR, "500229", "district", NULL);
	struct user head = mk("t_head", ROLE_APPROVER, "500229", "district", "500229.market");

	people();
	head.head = 1;
	memset(&c, 0, sizeof c);
	c.office = (char *)"500229.market";
	c.office_region = (char *)"500229";
	c.hall_region = (char *)"500229001";
	c.applicant_region = (char *)"500229001003";
	/* Booking: the hall's clerk and the office; not another hall, not supervision. */
	CHECK(access_appoint_may(&hall, &c, NULL, APPOINT_REQUEST));
	CHECK(access_appoint_may(&approver, &c, NULL, APPOINT_REQUEST));
	CHECK(access_appoint_may(&office_clerk, &c, NULL, APPOINT_REQUEST));
	CHECK(!access_appoint_may(&other_hall, &c, NULL, APPOINT_REQUEST));
	CHECK(!access_appoint_may(&police, &c, NULL, APPOINT_REQUEST));
	CHECK(!access_appoint_may(&sup, &c, NULL, APPOINT_REQUEST));
	/* Answering: the office's approvers only. */
	CHECK(access_appoint_may(&approver, &c, NULL, APPOINT_ANSWER));
	CHECK(access_appoint_may(&head, &c, NULL, APPOINT_ANSWER));
	CHECK(!access_appoint_may(&office_clerk, &c, NULL, APPOINT_ANSWER));
	CHECK(!access_appoint_may(&hall, &c, NULL, APPOINT_ANSWER));
	CHECK(!access_appoint_may(&police, &c, NULL, APPOINT_ANSWER));
	/* The outcome: the inspector sent (a clerk of the office too), or an approver. */
	CHECK(access_appoint_may(&office_clerk, &c, "t_mkt_clerk", APPOINT_DONE));
	CHECK(!access_appoint_may(&office_clerk, &c, "t_insp", APPOINT_DONE));
	CHECK(access_appoint_may(&approver, &c, "t_insp", APPOINT_DONE));
	CHECK(!access_appoint_may(&hall, &c, "t_hall", APPOINT_DONE));
	/* Cancelling: the hall's clerk or an approver of the office. */
	CHECK(access_appoint_may(&hall, &c, NULL, APPOINT_CANCEL));
	CHECK(access_appoint_may(&approver, &c, NULL, APPOINT_CANCEL));
	CHECK(!access_appoint_may(&office_clerk, &c, NULL, APPOINT_CANCEL));
	CHECK(!access_appoint_may(&other_hall, &c, NULL, APPOINT_CANCEL));
	/* Inspectors: active staff of the office. */
	CHECK(access_may_inspect(&inspector, &c));
	CHECK(access_may_inspect(&office_clerk, &c));
	CHECK(!access_may_inspect(&police, &c));
	CHECK(!access_may_inspect(&sup, &c));
	{
		struct user off = inspector;

		off.disabled = 1;
		CHECK(!access_may_inspect(&off, &c));
	}
}

const struct test tests_appoint[] = {
	{ "appointments: working hours across lunch, a weekend and Spring Festival",
	  working_hours },
	{ "appointments: an item without an inspection is refused (exit 5)",
	  no_inspection_refused },
	{ "appointments: answered late is an anomaly; waiting past due is counted",
	  late_answer_is_anomaly },
	{ "appointments: answered on time, a working day, an inspector of the office",
	  on_time_answer },
	{ "appointments: rescheduling keeps the history", reschedule_keeps_history },
	{ "appointments: who sees and who answers", rights },
	{ "appointments: the access rule, role by role", access_rule },
	{ "appointments: a case that closes cancels its request", closed_case_cancels },
	{ NULL, NULL }
};
