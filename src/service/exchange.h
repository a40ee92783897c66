/*
 * Data exchange with other offices' spreadsheets: imports of working
 * records (applications, users), every row checked as its command checks
 * one, all of the file in one transaction or nothing; and the exports they
 * round-trip with. Reference data (items, regions, the calendar) are
 * imported by catalog.h and calendar.h.
 */
#ifndef TONGBAN_EXCHANGE_H
#define TONGBAN_EXCHANGE_H

#include <stdio.h>

#include "csvio.h"

#include "session.h"

struct import_stats {
	long rows;		/* data rows read */
	long taken;		/* records written (0 on a dry run or a refusal) */
	long keys;		/* users: keys added */
	double seconds;
};

/* The columns of a case import, "code|中文名" (csvio.h): item,
 * applicant_id, applicant_name, phone, applicant_region, channel,
 * materials, name_differs, submitted. */
extern const char *const exchange_case_header[];

/*
 * Take in every application of fp as `case new` would, at the user's hall:
 * an empty channel is window, materials are numbers as in --materials,
 * name_differs is yes/no, submitted (empty: today) the day the application
 * was received, within the last year: it numbers the case and starts its
 * clock. A second row for the same applicant and item, or one the applicant
 * already has open, is refused. On success the new numbers are written to
 * out, one per line; a dry run checks everything and writes nothing. Returns
 * an exit code with *cause set to every message (csvio.h).
 */
int exchange_cases_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    int dry_run, FILE *out, struct import_stats *st, char **cause);

/* The columns of `user export` and `user import`: login, name, role,
 * region, office, lang, encoding, head, state, keys (the OpenSSH public-key
 * lines, one per line of the cell). */
extern const char *const exchange_user_header[];

/*
 * Add the users of fp (an admin's): a new login is added as `user add`
 * adds one (role as a code or its Chinese label; empty office, language and
 * encoding: the defaults), disabled when its state says so, with its keys;
 * a login that exists must be as the row says (an export read back) and
 * gets the keys it lacks. All or nothing; a dry run writes nothing.
 */
int exchange_users_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    int dry_run, struct import_stats *st, char **cause);
/* Every user with their keys as CSV, the header in codes or (zh) Chinese. */
int exchange_users_export(struct session *s, struct csvio_writer *w, int zh, char **cause);

#endif
