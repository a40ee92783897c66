/*
 * Inspection appointments (预约): for the items that need an on-site visit
 * (item_inspection), a request taken at a window or online asks for one;
 * an approver of the competent office answers it, within the item's
 * response time in working hours (clock_work_add), with a day, a time
 * window and an inspector of the office; it may be rescheduled (every
 * version is kept), its outcome is recorded (passed, failed, absent), or it
 * is cancelled. A case has at most one appointment requested or booked.
 *
 * Every change is one transaction: the appointment, its version row and an
 * event on the case's audit chain (actions "appoint", "appoint_answer",
 * "appoint_reschedule", "appoint_done", "appoint_cancel"). An answer after
 * the response time is recorded late and as an anomaly (appointment_late);
 * a request still waiting past it is an anomaly while it waits
 * (appointment_waiting, read off the table).
 *
 * An appointment is seen by those who see its case (access_can_see): out
 * of sight reads as not found. Moments (now) are minute numbers
 * (clock.h); the doors pass appoint_now(). Functions return an exit code
 * (exitcode.h) and set *cause on failure.
 */
#ifndef TONGBAN_APPOINT_H
#define TONGBAN_APPOINT_H

#include "session.h"
#include "store_appoint.h"

/* The earliest and latest times of a visit window (a decision: 08:00-18:00). */
#define APPOINT_FIRST_MINUTE (8 * 60)
#define APPOINT_LAST_MINUTE (18 * 60)

/* Now for the session's user: session_today() and the time of day. */
long appoint_now(struct session *s);

/* The response hours of item: 0 and *hours; EXIT_INVALID when the item
 * needs no inspection; EXIT_INTERNAL. */
int appoint_item_hours(struct session *s, const char *item, int *hours, char **cause);

struct appoint_request {
	const char *case_no;
	const char *channel;	/* window (NULL), online, self-service */
	const char *wish;	/* the applicant's wish for a day or time, free text */
	const char *contact;	/* a phone number for the call back */
};
/* Book: *id and the moment the answer is due (due, "YYYY-MM-DD HH:MM"). */
int appoint_request(struct session *s, const struct appoint_request *in, long now,
    long long *id, char due[17], char **cause);

/* A visit: day YYYY-MM-DD (a working day, not past), from and to HH:MM. */
struct appoint_slot {
	const char *day, *from, *to;
	const char *inspector;	/* a login of the office; reschedule: NULL keeps it */
	const char *note;
};
/* Answer a request; *late is 1 when past its response time. */
int appoint_answer(struct session *s, long long id, const struct appoint_slot *in, long now,
    int *late, char **cause);
/* Move a booked visit; the note (the reason) is required. */
int appoint_reschedule(struct session *s, long long id, const struct appoint_slot *in,
    long now, char **cause);
/* Record the outcome (passed, failed, absent) of a booked visit, on or after its day. */
int appoint_done(struct session *s, long long id, const char *outcome, const char *note,
    long now, char **cause);
/* Cancel a request or a booked visit, with the reason. */
int appoint_cancel(struct session *s, long long id, const char *note, long now, char **cause);

/* Within the caller's transaction (lifecycle.c): case c has just closed
 * (withdrawn, not accepted, completed) by u from addr at now, so its open
 * request or visit is cancelled, kept in its history with the reason, and
 * an event is written on the case. 0, or -1 with *cause. */
int appoint_case_closed(struct store *st, const struct user *u, const char *addr,
    const struct tcase *c, long now, char **cause);

/* Load appointment id if the user sees its case (release with appointment_release). */
int appoint_get(struct session *s, long long id, struct appointment *a, char **cause);
/* The versions of appointment id, oldest first (after appoint_get). */
int appoint_history(struct session *s, long long id, store_appointment_version_fn fn,
    void *arg, char **cause);

/* A list's filter: mine (the user as inspector, or their office's), a
 * day, a status, an office, a case; overdue: requests past their response
 * time; late: answered late in the last 30 days (as the dashboard
 * counts them); prefix: the region of the office (the
 * dashboard's drill-down). limit 0: no limit. */
struct appoint_filter {
	int mine;
	const char *day, *status, *office, *prefix;
	long long case_id;
	int overdue, late;
	long limit;
};
typedef int (*appoint_fn)(void *arg, const struct appointment *a);
int appoint_list(struct session *s, const struct appoint_filter *f, long now, appoint_fn fn,
    void *arg, char **cause);
/* Working minutes left to a request's response time at now (negative: past). */
long appoint_left(struct session *s, const struct appointment *a, long now);
/* The working days' light of a waiting request: red past its response
 * time, yellow in its last working hour, green before; LIGHT_NONE when
 * it is not waiting. */
enum light appoint_light(struct session *s, const struct appointment *a, long now);
/* The counts of the dashboard: requests of offices under prefix waiting
 * past their response time at now. */
int appoint_waiting_late(struct session *s, const char *prefix, long now, long *n,
    char **cause);

/* Labels in the user's language. */
const char *appoint_status_label(const char *status);
const char *appoint_outcome_label(const char *outcome);
const char *appoint_action_label(const char *action);
/* The visit's description in the user's language. */
const char *appoint_what(const struct appointment *a);

#endif
