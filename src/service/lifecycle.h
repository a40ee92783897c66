/*
 * The lifecycle of a case: intake, and every action after it, with the
 * legal transitions in one table (lifecycle_acts) and the rights of each.
 *
 * Every action is one transaction that writes the case and its event
 * together, guarded by the case's version: two people acting at once, one
 * wins and the other gets EXIT_CONFLICT with a message naming who acted and
 * how. Functions return an exit code of cmd.h (0 ok, 2 not found, 3 denied,
 * 4 conflict or illegal transition, 5 invalid input) and set *cause.
 */
#ifndef TONGBAN_LIFECYCLE_H
#define TONGBAN_LIFECYCLE_H

#include "access.h"
#include "clock.h"
#include "model.h"
#include "session.h"
#include "store.h"


struct act_def {
	const char *name;
	const char *from[6];	/* statuses it may start from */
	const char *to;		/* NULL: status unchanged; "=" back to prev_status */
	enum act_who who;
	int need_note;		/* a reason is required */
	const char *summary;	/* for help and dialogs (translated at use) */
};

/* The transition table, NULL-terminated. */
extern const struct act_def lifecycle_acts[];
const struct act_def *lifecycle_find(const char *name);
/* 1 when status is a legal starting point for def. */
int lifecycle_from_ok(const struct act_def *def, const char *status);
/* 1 when u holds the right of def on c (access_may_act). */
int lifecycle_may(const struct user *u, const struct tcase *c, const struct act_def *def);
/* The actions the session's user may take on c today, in table order, at
 * most max: what the console offers and `case actions` prints. Besides the
 * status and the rights, the state the rules read (pending or dissenting
 * opinions, a deemed acceptance, notices given, pledges outstanding, the
 * room for an extension) leaves out what lifecycle_act() would refuse.
 * -1 when the store failed (store_error). */
int lifecycle_offered(struct session *s, const struct tcase *c, const struct act_def **out,
    int max);

/* The reasons for which art. 45 stops the clock. */
extern const char *const lifecycle_suspend_reasons[];

struct act_args {
	const char *action;
	const char *note;
	int expect_version;	/* -1: do not check */
	const char *materials;	/* supplement: listed; accept, resupply, receive: received */
	const char *pledge_date;	/* accept on a pledge (容缺受理) */
	const char *pledge_materials;
	const char *reason;	/* suspend: one of lifecycle_suspend_reasons */
	int days;		/* suspend: the period told to the applicant; extend:
				 * the working days added (0: the statutory 10 or 15) */
	long fee_cents;		/* complete: fee charged; -1 for the catalog fee */
	const char *verdict;	/* opinion: agree or disagree */
};

/* Who acts, from where, on which day: fixed for one action. */
struct actor {
	const struct user *user;
	const char *addr;
	int today;
};

/* Set a's argument name ("days", "fee", "expect-version") from the text
 * value, checked once for every door: 0, or an exit code with *cause. */
int lifecycle_arg(struct act_args *a, const char *name, const char *value, char **cause);

/* Give case no to login, a clerk or approver of its competent office (NULL
 * or "": back to the office), as one of that office: one event "assign". */
int lifecycle_assign(struct session *s, const char *no, const char *login, int expect_version,
    const char *note, char **cause);

/* Write an event on case c as the session's user, inside the caller's
 * transaction (the status stays): for records kept beside the case. */
int lifecycle_event(struct session *s, const struct tcase *c, const char *action, const char *note,
    char **cause);

/* Take an action on case no as the session's user, today. */
int lifecycle_act(struct session *s, const char *no, const struct act_args *a, char **cause);

struct intake {
	const char *item;
	const char *applicant_id;
	const char *name;
	const char *phone;
	const char *region;	/* applicant's region; NULL: known or from the ID */
	const char *channel;
	const char *materials;	/* "1,2,3": the item's materials received */
	const char *hall;	/* where it was taken in; NULL: the user's region */
	int name_differs;	/* the clerk confirms a name other than the registered one */
	const char *route;	/* route to the offices of this region (a project's
				 * site); NULL: of the applicant's */
	int day;		/* the day it was received (an import of applications
				 * received elsewhere): numbers the case and starts its
				 * clock; 0: today. The event keeps the real time. */
	const char *origin;	/* said in the event's note ("imported: FILE line N") */
};

/* Take in an application; the new case number goes to no (32 bytes).
 * The applicant's kind must suit the item's (a person's resident ID or an
 * organisation's code); a name other than the one registered for a known ID
 * is refused unless in->name_differs confirms it. */
int lifecycle_intake(struct session *s, const struct intake *in, char no[32], char **cause);

/* The two above inside the caller's transaction, which rolls back on
 * failure: for what an investment project does to its cases (project.c).
 * The intake is not checked against who's right to take in: a project
 * opens its next stage's cases at the decision that closes a stage. */
int lifecycle_intake_tx(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct intake *in, char no[32], char **cause);
int lifecycle_act_tx(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *no, const struct act_args *a, char **cause);

/* 1 when a submitted case has waited more than 5 working days (art. 32). */
int lifecycle_deemed(const struct calendar *cal, const struct tcase *c, int today);

#endif
