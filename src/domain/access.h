/*
 * Who may see and do what: the one place where visibility and rights are
 * decided, for the console and the commands alike.
 *
 * Visibility of cases is expressed as a scope that the store turns into a
 * query condition, and as access_can_see() for one case already loaded; the
 * two implement the same rule (tests/unit checks that they agree):
 *   admin, local    every case
 *   supervisor      cases handled, submitted or whose applicant lives in the
 *                   supervisor's region subtree
 *   clerk           cases submitted in the clerk's region subtree (their
 *                   hall), whose applicant lives there, or routed to their office
 *   approver        cases routed to their office, or with a branch of a
 *                   parallel review at their office
 */
#ifndef TONGBAN_ACCESS_H
#define TONGBAN_ACCESS_H

#include "model.h"

enum scope_kind { SCOPE_NONE, SCOPE_ALL, SCOPE_REGION, SCOPE_CLERK, SCOPE_OFFICE };

struct scope {
	enum scope_kind kind;
	char lo[16];		/* region code range [lo, hi) of the subtree */
	char hi[16];
	const char *office;	/* borrowed from the user */
};

/* The code prefix of a region's subtree: "50" for the city, else the code
 * without the zeros its level leaves unused. */
void access_region_prefix(const char *code, const char *level, char out[16]);
/* 1 when code lies in the subtree of the region with prefix. */
int access_in_subtree(const char *prefix, const char *code);

void access_scope(const struct user *u, struct scope *s);
int access_can_see(const struct user *u, const struct tcase *c);

/* Rights to commands and screens, by name of the right. */
enum right {
	RIGHT_ANY,		/* every enabled user: help, catalog, calendar */
	RIGHT_CASE_READ,	/* show, find, export */
	RIGHT_CASE_INTAKE,	/* case new: window clerks */
	RIGHT_CASE_WORK,	/* worklist and actions: clerks and approvers */
	RIGHT_USER_ADMIN,	/* user add/disable/key ... */
	RIGHT_CATALOG_ADMIN,	/* item/region/calendar import, stats rebuild */
	RIGHT_SUPERVISE,	/* dashboard, reports, audit */
	RIGHT_ORDER_ISSUE,	/* supervision orders: supervisors */
	RIGHT_COMPLAINT_LOG,	/* complaints: clerks (a phone call) and supervisors */
	RIGHT_RATE,		/* ratings: window clerks */
	RIGHT_HOST_FILES,	/* read a file on the host by its path: the operator */
	RIGHT_OFFICE_HEAD,	/* approve an extension (art. 42): approvers who head
				 * their office (负责人) */
	RIGHT_COUNT
};
/* 1 when u (enabled) holds r. */
int access_has(const struct user *u, enum right r);
/* 1 when a user of role r may be made the head of an office (负责人):
 * the one rule behind RIGHT_OFFICE_HEAD's role and `user add/set --head`. */
int access_may_head(enum role r);
/* Where people of role r work: 1 when a region of that level may be theirs
 * (supervisors and admins answer for the city or a district). */
int access_role_level_ok(enum role r, const char *level);
/* 1 when role r works in an office that must be named (approvers);
 * a clerk's office is the service hall of their region by default. */
int access_role_needs_office(enum role r);
int access_role_in_hall(enum role r);
/* Whether u may share a saved query with the users of their region: a
 * supervisor (or an admin) who answers for that region. */
int access_may_share_query(const struct user *u);
/* The message that says who holds r, translated. */
const char *access_denied_text(enum right r);

/* The region prefix u supervises ("50", the city, for admins and the
 * operator); narrowed to region (a code, its level) when region is not
 * NULL. 0, or -1 when region lies outside u's subtree. */
void access_supervised_prefix(const struct user *u, char out[16]);
int access_narrow(const struct user *u, const char *region, const char *level, char out[16]);

/* Who may take a case action (the lifecycle's table names one per action). */
enum act_who {
	WHO_ACCEPTOR,	/* clerk or approver of the competent office */
	WHO_DECIDER,	/* approver of the competent office */
	WHO_BRANCH,	/* approver of an office with a pending parallel branch */
	WHO_DELIVERER,	/* the competent office, or a clerk of the hall that took it in */
	WHO_HEAD,	/* the head (负责人) of the competent office */
};
/* 1 when u may act as who on c; for WHO_BRANCH, u's office must hold a
 * branch of c's review. Supervisors, admins and the operator never act. */
int access_may_act(const struct user *u, const struct tcase *c, enum act_who who);

/* Investment projects: who acts on one. A project is seen through its
 * cases (access_can_see on each). */
enum project_who {
	PROJECT_BY_HALL,	/* a window clerk of the hall that opened it */
	PROJECT_BY_OFFICE,	/* an approver of the office (of a case of the stage) */
};
/* 1 when u may act as who on a project opened at hall, for office. */
int access_project_may(const struct user *u, enum project_who who, const char *hall,
    const char *office);
/* 1 when u may open a project whose site is the region site: a city hall's
 * clerk anywhere, others within their own district. */
int access_project_site(const struct user *u, const char *site);

/* Work inside an office (分办): u may give case c to a person or take it
 * back when u works at c's competent office; whom: an enabled clerk or
 * approver of that office (NULL: to nobody). */
int access_may_assign(const struct user *u, const struct tcase *c, const struct user *whom);
/* 1 when whom may be given the cases of office: an enabled clerk or
 * approver of it. */
int access_may_be_given(const struct user *whom, const char *office);

/* The worklist of u: the office, and the hall region for clerks (NULL for
 * approvers). 0, or -1 when u has no worklist. */
int access_worklist(const struct user *u, const char **office, const char **hall);

/* Users: u may change login's password (their own, or an admin's right). */
int access_may_passwd(const struct user *u, const char *login);
/* Changing login's password needs its current one: login is u's own and u
 * does not hold the admin right (a session left open must not be enough to
 * lock its owner out). Admins set anyone's with the new one only. */
int access_passwd_needs_current(const struct user *u, const char *login);
/* u may change their own language and encoding without the admin right. */
int access_may_set_self(const struct user *u, const char *login);

/* Supervision records (orders, complaints, ratings): who acts on one. */
enum record_who {
	BY_SUPERVISOR,		/* a supervisor whose region holds the record */
	BY_OFFICE,		/* a clerk or approver of the record's office */
	/* A supervisor whose region holds the record, or a window clerk of the
	 * hall that took the case in; never anyone of the record's office (a
	 * rated office does not call back its own applicant). */
	BY_HALL_OR_SUPERVISOR
};
/* 1 when u may act as who on a record of office, in area; hall is the
 * region of the hall that took the record's case in (NULL: none). */
int access_record_may(const struct user *u, enum record_who who, const char *office,
    const char *area, const char *hall);
/* The records u may see: areas in [lo, hi), and only those of *office
 * when it is set (approvers; clerks too when office_clerks); besides, the
 * ratings of the cases taken in at the hall *hall (window clerks, who call
 * the applicants back; NULL for others). */
void access_record_scope(const struct user *u, int office_clerks, char lo[24], char hi[24],
    const char **office, const char **hall);
/* 1 when u may see a record of office in area (the same rule); hall is the
 * region of the hall that took a rating's case in, NULL for other records. */
int access_record_visible(const struct user *u, int office_clerks, const char *office,
    const char *area, const char *hall);

/* Inspection appointments (预约): who takes each step on the appointment of
 * case c (already visible to u). */
enum appoint_who {
	APPOINT_REQUEST,	/* a clerk of the hall that took c in, or c's office */
	APPOINT_ANSWER,		/* an approver of c's office: answer, reschedule */
	APPOINT_DONE,		/* the inspector sent, or an approver of c's office */
	APPOINT_CANCEL,		/* a clerk of the hall that took c in, or an approver
				 * of c's office */
};
/* 1 when u may take step who; inspector is the appointment's (NULL: none). */
int access_appoint_may(const struct user *u, const struct tcase *c, const char *inspector,
    enum appoint_who who);
/* 1 when inspector (a user's record) may be sent to inspect for c: an
 * enabled clerk or approver of c's office. */
int access_may_inspect(const struct user *inspector, const struct tcase *c);

#endif
