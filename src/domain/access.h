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

/* Rights to commands, by name of the right. */
enum right {
	RIGHT_CASE_READ,	/* show, find, export */
	RIGHT_CASE_INTAKE,	/* case new */
	RIGHT_USER_ADMIN,	/* user add/disable/key ... */
	RIGHT_CATALOG_ADMIN,	/* item/region/calendar import, calendar add-holiday */
	RIGHT_SUPERVISE		/* dashboard, reports, audit */
};
int access_has(const struct user *u, enum right r);

#endif
