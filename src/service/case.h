/*
 * The case service: what every door asks of a case before it shows or
 * changes it. A case outside the user's sight reads exactly like one that
 * does not exist; a store failure is an error of its own, never "not found".
 * Actions and intake are in lifecycle.h.
 */
#ifndef TONGBAN_CASE_H
#define TONGBAN_CASE_H

#include "model.h"
#include "session.h"

/* Load case no for the session's user into k: 0; EXIT_NOTFOUND when it does
 * not exist or is out of sight; EXIT_INTERNAL when the store failed. *cause
 * says which. On success release k with tcase_release. */
int case_get(struct session *s, const char *no, struct tcase *k, char **cause);

/* The on-time verdict as people read it: "on time", "late", or "" for a
 * case that never ran a clock to its end (withdrawn, not accepted, open). */
const char *case_verdict(const struct tcase *k);

/* A case of the same applicant for the same item that is still open, or
 * was taken in today, among those the user may see: 1 with its number and
 * day of submission, 0 when none, -1 when the store failed. Shown before a
 * second application is filed, so that a double intake is a choice. */
int case_same_open(struct session *s, const char *applicant, const char *item, char no[32],
    char day[11]);

#endif
