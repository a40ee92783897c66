/*
 * Inspection appointments in SQLite; see store_appoint.h. One reader turns a
 * row of APPT_COLS into a struct appointment for the gets and the lists.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store_appoint.h"
#include "store_priv.h"
#include "util.h"

void
appointment_release(struct appointment *a)
{
	char **f[] = { &a->case_no, &a->item, &a->item_name, &a->item_name_en, &a->applicant_name,
		&a->office, &a->office_name, &a->office_region, &a->hall_region,
		&a->applicant_region, &a->status, &a->channel, &a->wish, &a->contact,
		&a->requested, &a->requested_by, &a->response_due, &a->answered, &a->day,
		&a->time_from, &a->time_to, &a->inspector, &a->inspector_name, &a->outcome,
		&a->what, &a->what_en };
	size_t i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

int
store_inspection_put(struct store *st, const char *item, int hours, const char *what,
    const char *what_en, char **cause)
{
	static const char sql[] =
	    "INSERT INTO item_inspection(item, response_hours, what, what_en) "
	    "VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT(item) DO UPDATE SET response_hours = excluded.response_hours, what = excluded.what, what_en = excluded.what_en";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, item);
	sq_int(s, 2, hours);
	sq_text(s, 3, what);
	sq_text(s, 4, what_en);
	return sq_run(st, s, cause);
}

int
store_inspection_get(struct store *st, const char *item, int *hours)
{
	static const char sql[] = "SELECT response_hours FROM item_inspection WHERE item = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, item);
	if ((rc = sq_first(st, s)) == 0)
		*hours = sq_col_int(s, 0);
	sq_done(st, s);
	return rc;
}

#define APPT_COLS "a.id, a.case_id, c.no, c.item, i.name, i.name_en, c.applicant_name, " \
	"a.office, o.name, a.office_region, c.hall_region, c.applicant_region, a.status, " \
	"a.channel, a.wish, a.contact, a.requested, a.requested_by, a.response_due, a.answered, " \
	"a.late, a.day, a.time_from, a.time_to, a.inspector, u.name, a.outcome, n.what, " \
	"n.what_en, a.version FROM appointment a JOIN cases c ON c.id = a.case_id " \
	"JOIN item i ON i.code = c.item JOIN office o ON o.code = a.office " \
	"LEFT JOIN users u ON u.login = a.inspector LEFT JOIN item_inspection n ON n.item = c.item "

static void
read_row(sq_stmt *s, struct appointment *a)
{
	a->id = sq_col_int(s, 0);
	a->case_id = sq_col_int(s, 1);
	a->case_no = sq_col(s, 2);
	a->item = sq_col(s, 3);
	a->item_name = sq_col(s, 4);
	a->item_name_en = sq_col(s, 5);
	a->applicant_name = sq_col(s, 6);
	a->office = sq_col(s, 7);
	a->office_name = sq_col(s, 8);
	a->office_region = sq_col(s, 9);
	a->hall_region = sq_col(s, 10);
	a->applicant_region = sq_col(s, 11);
	a->status = sq_col(s, 12);
	a->channel = sq_col(s, 13);
	a->wish = sq_col(s, 14);
	a->contact = sq_col(s, 15);
	a->requested = sq_col(s, 16);
	a->requested_by = sq_col(s, 17);
	a->response_due = sq_col(s, 18);
	a->answered = sq_col_or_null(s, 19);
	a->late = sq_col_int(s, 20);
	a->day = sq_col_or_null(s, 21);
	a->time_from = sq_col_or_null(s, 22);
	a->time_to = sq_col_or_null(s, 23);
	a->inspector = sq_col_or_null(s, 24);
	a->inspector_name = sq_col(s, 25);
	a->outcome = sq_col_or_null(s, 26);
	a->what = sq_col(s, 27);
	a->what_en = sq_col(s, 28);
	a->version = sq_col_int(s, 29);
}

int
store_appointment_insert(struct store *st, const struct appointment *a, long long *id,
    char **cause)
{
	static const char sql[] =
	    "INSERT INTO appointment(case_id, office, office_region, status, channel, wish, "
	    "contact, requested, requested_by, response_due) "
	    "VALUES (?1, ?2, ?3, 'requested', ?4, ?5, ?6, ?7, ?8, ?9)";
	sq_stmt *s = sq_prep(st, sql);

	assert(a->case_id > 0);
	sq_int(s, 1, a->case_id);
	sq_text(s, 2, a->office);
	sq_text(s, 3, a->office_region);
	sq_text(s, 4, a->channel);
	sq_text(s, 5, a->wish ? a->wish : "");
	sq_text(s, 6, a->contact ? a->contact : "");
	sq_text(s, 7, a->requested);
	sq_text(s, 8, a->requested_by);
	sq_text(s, 9, a->response_due);
	if (sq_run(st, s, cause) != 0)
		return -1;
	*id = sq_last_id(st);
	return 0;
}

int
store_appointment_get(struct store *st, long long id, struct appointment *a)
{
	static const char sql[] = "SELECT " APPT_COLS "WHERE a.id = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(a, 0, sizeof *a);
	sq_int(s, 1, id);
	if ((rc = sq_first(st, s)) == 0)
		read_row(s, a);
	sq_done(st, s);
	return rc;
}

int
store_appointment_open_of_case(struct store *st, long long case_id, long long *id)
{
	static const char sql[] = "SELECT id FROM appointment WHERE case_id = ?1 "
	    "AND status IN ('requested', 'booked') ORDER BY id LIMIT 1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_int(s, 1, case_id);
	if ((rc = sq_first(st, s)) == 0)
		*id = sq_col_int(s, 0);
	sq_done(st, s);
	return rc;
}

int
store_appointment_update(struct store *st, const struct appointment *a, char **cause)
{
	static const char sql[] =
	    "UPDATE appointment SET status = ?3, answered = ?4, late = ?5, day = ?6, "
	    "time_from = ?7, time_to = ?8, inspector = ?9, outcome = ?10, version = ?2 + 1 "
	    "WHERE id = ?1 AND version = ?2";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_int(s, 1, a->id);
	sq_int(s, 2, a->version);
	sq_text(s, 3, a->status);
	sq_text(s, 4, a->answered);
	sq_int(s, 5, a->late);
	sq_text(s, 6, a->day);
	sq_text(s, 7, a->time_from);
	sq_text(s, 8, a->time_to);
	sq_text(s, 9, a->inspector);
	sq_text(s, 10, a->outcome);
	rc = sq_changed(st, s);
	if (rc == STORE_NOTFOUND)
		return STORE_CONFLICT;
	if (rc != 0)
		set_cause(cause, "%s", store_error(st));
	return rc;
}

int
store_appointment_version_add(struct store *st, long long id,
    const struct appointment_version *v, char **cause)
{
	static const char sql[] =
	    "INSERT INTO appointment_version(appointment, version, at, by_login, action, status, "
	    "day, time_from, time_to, inspector, outcome, note) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_int(s, 2, v->version);
	sq_text(s, 3, v->at);
	sq_text(s, 4, v->by_login);
	sq_text(s, 5, v->action);
	sq_text(s, 6, v->status);
	sq_text(s, 7, v->day);
	sq_text(s, 8, v->time_from);
	sq_text(s, 9, v->time_to);
	sq_text(s, 10, v->inspector);
	sq_text(s, 11, v->outcome);
	sq_text(s, 12, v->note ? v->note : "");
	return sq_run(st, s, cause);
}

int
store_appointment_versions(struct store *st, long long id, store_appointment_version_fn fn,
    void *arg)
{
	static const char sql[] =
	    "SELECT version, at, by_login, action, status, day, time_from, time_to, inspector, "
	    "outcome, note FROM appointment_version WHERE appointment = ?1 ORDER BY version";
	sq_stmt *s = sq_prep(st, sql);
	struct appointment_version v;
	int rc = 0;

	sq_int(s, 1, id);
	while (rc == 0 && sq_next(st, s, &rc)) {
		v.version = sq_col_int(s, 0);
		v.at = sq_peek(s, 1);
		v.by_login = sq_peek(s, 2);
		v.action = sq_peek(s, 3);
		v.status = sq_peek(s, 4);
		v.day = sq_peek(s, 5);
		v.time_from = sq_peek(s, 6);
		v.time_to = sq_peek(s, 7);
		v.inspector = sq_peek(s, 8);
		v.outcome = sq_peek(s, 9);
		v.note = sq_peek(s, 10);
		rc = fn(arg, &v);
	}
	sq_done(st, s);
	return rc;
}

int
store_appointment_each(struct store *st, const struct appointment_filter *f,
    store_appointment_fn fn, void *arg)
{
	static const char sql[] = "SELECT " APPT_COLS "WHERE (?1 IS NULL OR a.status = ?1) "
	    "AND (?2 IS NULL OR a.office = ?2) AND (?3 IS NULL OR a.inspector = ?3) "
	    "AND (?4 IS NULL OR a.day = ?4) AND (?5 = 0 OR a.case_id = ?5) "
	    "AND (?6 IS NULL OR (a.status = 'requested' AND a.response_due < ?6)) "
	    "AND (?7 = 0 OR a.late = 1) "
	    "AND (?8 IS NULL OR (a.office_region >= ?8 AND a.office_region < ?9)) "
	    "AND (?10 IS NULL OR a.answered >= ?10) "
	    "ORDER BY CASE a.status WHEN 'requested' THEN 0 WHEN 'booked' THEN 1 ELSE 2 END, "
	    "CASE WHEN a.status = 'requested' THEN a.response_due ELSE '' END, "
	    "a.day, a.time_from, a.id";
	sq_stmt *s = sq_prep(st, sql);
	struct appointment a;
	int rc = 0;

	sq_text(s, 1, f->status);
	sq_text(s, 2, f->office);
	sq_text(s, 3, f->inspector);
	sq_text(s, 4, f->day);
	sq_int(s, 5, f->case_id);
	sq_text(s, 6, f->due_before);
	sq_int(s, 7, f->late);
	sq_text(s, 8, f->lo);
	sq_text(s, 9, f->hi);
	sq_text(s, 10, f->answered_since);
	while (rc == 0 && sq_next(st, s, &rc)) {
		read_row(s, &a);
		rc = fn(arg, &a);
		appointment_release(&a);
	}
	sq_done(st, s);
	return rc;
}

int
store_appointment_waiting_late(struct store *st, const char *lo, const char *hi,
    const char *now, long *n)
{
	/* The few waiting requests, by their response time (appointment_waiting). */
	static const char sql[] = "SELECT count(*) FROM appointment WHERE status = 'requested' "
	    "AND response_due < ?3 AND office_region >= ?1 AND office_region < ?2";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, now);
	if ((rc = sq_first(st, s)) == 0)
		*n = (long)sq_col_int(s, 0);
	sq_done(st, s);
	return rc;
}
