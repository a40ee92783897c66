/*
 * Imports of working records from another office's spreadsheet: every row
 * checked as its command checks one, all of the file in one transaction or
 * nothing. Reference data (items, regions, the calendar) are imported by
 * catalog.h and calendar.h.
 */
#ifndef TONGBAN_IMPORT_H
#define TONGBAN_IMPORT_H

#include <stdio.h>

#include "session.h"

struct import_stats {
	long rows;		/* data rows read */
	long taken;		/* records written (0 on a dry run or a refusal) */
	double seconds;
};

/* The columns of a case import, "code|中文名" (csvio.h): item,
 * applicant_id, applicant_name, phone, applicant_region, channel,
 * materials, name_differs, submitted. */
extern const char *const import_case_header[];

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
int import_cases(struct session *s, FILE *fp, const char *name, const char *encoding,
    int dry_run, FILE *out, struct import_stats *st, char **cause);

#endif
