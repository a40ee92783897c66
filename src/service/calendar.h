/*
 * The calendar service: the holiday notices an admin imports, the yellow
 * threshold an admin sets, and what either means for the cases already
 * running. A new notice (or threshold) moves the clock of open cases: each
 * open case whose warning date, due date, on-time verdict or provisional
 * mark comes out different is written again in the same transaction as
 * the change itself, through the store like any action (its light dates and
 * version follow), with an event of its own in the audit chain ("reclock")
 * and its summaries. Closed cases keep the clock they were closed with.
 *
 * Functions return an exit code (0, 3 denied, 5 invalid input, 10 the
 * database) with *cause set, and bring the session's calendar up to date.
 */
#ifndef TONGBAN_CALENDAR_H
#define TONGBAN_CALENDAR_H

#include <stdio.h>

#include "lifecycle.h"
#include "session.h"

/* Import holiday notices from fp (named name in messages; encoding NULL,
 * "utf-8" or "gbk"): the file lands whole or not at all, and with it the
 * open cases it moves; *recomputed says how many. */
int calendar_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    long *recomputed, char **cause);

/* Set the share of the limit used (1..100 percent) from which a case is
 * yellow; *before is the setting it replaces, *recomputed the open cases
 * whose warning date moved. */
int calendar_set_warn(struct session *s, int percent, int *before, long *recomputed,
    char **cause);

/* Inside the caller's transaction: give every open case the clock cal
 * counts for it, as who, with why at the head of each event's note; *n is
 * the number of cases changed. */
int calendar_recompute(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *why, long *n, char **cause);

#endif
