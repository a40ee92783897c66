/*
 * The store of inspection appointments (预约): the items that need an
 * on-site visit, the appointments and the versions each has had. Part of
 * the store's interface (store.h), kept in its own header so that the
 * subject stays in one room.
 *
 * Moments are "YYYY-MM-DD HH:MM" text (clock_format_moment), days
 * "YYYY-MM-DD", times "HH:MM". Functions return 0, STORE_NOTFOUND,
 * STORE_CONFLICT (a version changed under the caller) or -1 (store_error).
 */
#ifndef TONGBAN_STORE_APPOINT_H
#define TONGBAN_STORE_APPOINT_H

#include "store.h"

/* One appointment with what the doors show of its case. */
struct appointment {
	long long id, case_id;
	char *case_no, *item, *item_name, *item_name_en, *applicant_name;
	char *office, *office_name, *office_region, *hall_region, *applicant_region;
	char *status;		/* requested | booked | done | cancelled */
	char *channel, *wish, *contact;
	char *requested, *requested_by, *response_due, *answered;
	int late;		/* answered after response_due */
	char *day, *time_from, *time_to, *inspector, *inspector_name, *outcome;
	char *what, *what_en;	/* the visit, from item_inspection */
	int version;
};
void appointment_release(struct appointment *a);

/* One version of an appointment (its history). */
struct appointment_version {
	int version;
	const char *at, *by_login, *action, *status, *day, *time_from, *time_to;
	const char *inspector, *outcome, *note;
};

/* The items that need an inspection (data/item_inspection.csv). */
int store_inspection_put(struct store *st, const char *item, int hours, const char *what,
    const char *what_en, char **cause);
/* The response hours of item (STORE_NOTFOUND: no inspection needed). */
int store_inspection_get(struct store *st, const char *item, int *hours);

/* a's fields from case_id to contact, requested, requested_by,
 * response_due; status 'requested', version 1. */
int store_appointment_insert(struct store *st, const struct appointment *a, long long *id,
    char **cause);
int store_appointment_get(struct store *st, long long id, struct appointment *a);
/* The id of c's appointment still requested or booked (STORE_NOTFOUND: none). */
int store_appointment_open_of_case(struct store *st, long long case_id, long long *id);
/* Write a's status, answered, late, day, time_from, time_to, inspector and
 * outcome as version a->version + 1, when the stored one is a->version. */
int store_appointment_update(struct store *st, const struct appointment *a, char **cause);
int store_appointment_version_add(struct store *st, long long id,
    const struct appointment_version *v, char **cause);
typedef int (*store_appointment_version_fn)(void *arg, const struct appointment_version *v);
int store_appointment_versions(struct store *st, long long id,
    store_appointment_version_fn fn, void *arg);

/* Appointments of a filter (NULL fields: any): requested ones first, by
 * their response time, then by day and time. fn returns non-zero to stop
 * (that value is returned). a is valid during the call only. */
struct appointment_filter {
	const char *status;
	const char *office;
	const char *inspector;
	const char *day;
	long long case_id;		/* 0: any */
	const char *due_before;		/* requested ones due before this moment */
	int late;			/* answered late ... */
	const char *answered_since;	/* ... at or after this moment (NULL: ever) */
	const char *lo, *hi;		/* the office's region in [lo, hi) */
};
typedef int (*store_appointment_fn)(void *arg, const struct appointment *a);
int store_appointment_each(struct store *st, const struct appointment_filter *f,
    store_appointment_fn fn, void *arg);
/* Requests of offices in [lo, hi) still unanswered at now (a moment). */
int store_appointment_waiting_late(struct store *st, const char *lo, const char *hi,
    const char *now, long *n);

#endif
