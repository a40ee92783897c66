/*
 * Supervision records: orders (督办), complaints (投诉) and ratings
 * (好差评). Their gets and lists hand rows to the caller as text columns
 * through one reader.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Supervision records ---------------------------------------------------------- */

/* Call fn with each row of s as text and give s back; STORE_NOTFOUND when
 * there was no row (for the gets). */
static int
rows(struct store *st, sq_stmt *s, store_row_fn fn, void *arg)
{
	const char *v[16];
	int rc = 0, n, i, found = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		n = sq_ncols(s);	/* known once it ran (PostgreSQL) */
		if (n > 16)
			n = 16;
		for (i = 0; i < n; i++)
			v[i] = (const char *)sq_col_text(s, i);
		found = 1;
		rc = fn(arg, n, v);
	}
	sq_done(st, s);
	return rc ? rc : found ? 0 : STORE_NOTFOUND;
}

static int
inserted(struct store *st, sq_stmt *s, long long *id, char **cause)
{
	if (sq_run(st, s, cause) != 0)
		return -1;
	*id = sq_last_id(st);
	return 0;
}

/* Rows of a record list: ?1..?2 the area range, ?3 an office or NULL,
 * ?4 the fourth filter (a status, or a flag). */
static int
records(struct store *st, const char *sql, const char *lo, const char *hi, const char *office,
    const char *text4, int num4, store_row_fn fn, void *arg)
{
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, office);
	if (text4 != NULL || num4 < 0)
		sq_text(s, 4, text4);
	else
		sq_int(s, 4, num4);
	rc = rows(st, s, fn, arg);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

#define SUP_COLS "s.id, c.no, s.office, o.name, s.area, s.note, s.due, s.status, s.response, " \
	"s.created_by, s.created, s.responded, s.closed FROM supervision s " \
	"JOIN office o ON o.code = s.office LEFT JOIN cases c ON c.id = s.case_id "

int
store_supervision_insert(struct store *st, long long case_id, const char *office,
    const char *area, const char *note, const char *due, const char *by, const char *created,
    long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO supervision(case_id, office, area, note, due, status, created_by, created) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)";
	sq_stmt *s = sq_prep(st, sql);

	if (case_id > 0)
		sq_int(s, 1, case_id);
	sq_text(s, 2, office);
	sq_text(s, 3, area);
	sq_text(s, 4, note);
	sq_text(s, 5, due);
	sq_text(s, 6, by);
	sq_text(s, 7, created);
	return inserted(st, s, id, cause);
}

int
store_supervision_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " SUP_COLS "WHERE s.id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_supervision_set(struct store *st, long long id, const char *status,
    const char *response, const char *responded, const char *closed, char **cause)
{
	static const char sql[] =
	    "UPDATE supervision SET status = ?2, response = COALESCE(?3, response), "
	    "responded = COALESCE(?4, responded), closed = ?5 WHERE id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_text(s, 2, status);
	sq_text(s, 3, response);
	sq_text(s, 4, responded);
	sq_text(s, 5, closed);
	return sq_run(st, s, cause);
}

int
store_supervision_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *status, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " SUP_COLS
	    "WHERE (?3 IS NULL OR s.office = ?3) AND (?3 IS NOT NULL OR (s.area >= ?1 AND s.area < ?2)) "
	    "AND (?4 IS NULL OR s.status = ?4) ORDER BY s.status = 'closed', s.due, s.id";

	return records(st, sql, lo, hi, office, status, -1, fn, arg);
}

#define COMPLAINT_COLS "p.id, c.no, p.office, o.name, p.area, p.text, p.status, p.received, " \
	"p.accept_due, p.answer, p.by_login, p.missing_material, p.handled FROM complaint p " \
	"JOIN office o ON o.code = p.office LEFT JOIN cases c ON c.id = p.case_id "

int
store_complaint_insert(struct store *st, long long case_id, const char *office,
    const char *area, const char *text, const char *received, const char *accept_due,
    const char *by, int missing_material, long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO complaint(case_id, office, area, text, status, received, accept_due, "
	    "by_login, missing_material) VALUES (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?8)";
	sq_stmt *s = sq_prep(st, sql);

	if (case_id > 0)
		sq_int(s, 1, case_id);
	sq_text(s, 2, office);
	sq_text(s, 3, area);
	sq_text(s, 4, text);
	sq_text(s, 5, received);
	sq_text(s, 6, accept_due);
	sq_text(s, 7, by);
	sq_int(s, 8, missing_material);
	return inserted(st, s, id, cause);
}

int
store_complaint_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " COMPLAINT_COLS "WHERE p.id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_complaint_set(struct store *st, long long id, const char *status, const char *answer,
    const char *handled, char **cause)
{
	static const char sql[] =
	    "UPDATE complaint SET status = ?2, answer = COALESCE(?3, answer), "
	    "handled = COALESCE(?4, handled) WHERE id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_text(s, 2, status);
	sq_text(s, 3, answer);
	sq_text(s, 4, handled);
	return sq_run(st, s, cause);
}

int
store_complaint_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *status, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " COMPLAINT_COLS
	    "WHERE (?3 IS NULL OR p.office = ?3) AND (?3 IS NOT NULL OR (p.area >= ?1 AND p.area < ?2)) "
	    "AND (?4 IS NULL OR p.status = ?4) ORDER BY p.status = 'closed', p.accept_due, p.id";

	return records(st, sql, lo, hi, office, status, -1, fn, arg);
}

/* The status (column 12) in one word: rated (a good rating, not called
 * back), open (rectifying), rectified (waiting for the callback), done
 * (a bad rating called back) or called (a good one called back). */
#define RATING_COLS "r.id, c.no, r.office, o.name, r.area, r.level, r.comment, r.day, " \
	"r.rect_due, r.rect_status, r.callback, c.hall_region, " \
	"CASE WHEN r.rect_status IS NOT NULL THEN r.rect_status " \
	"WHEN r.callback != '' THEN 'called' ELSE 'rated' END, r.rect_note, r.rect_done " \
	"FROM rating r JOIN office o ON o.code = r.office JOIN cases c ON c.id = r.case_id "

int
store_rating_insert(struct store *st, long long case_id, const char *office,
    const char *area, int level, const char *comment, const char *day, const char *rect_due,
    long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO rating(case_id, office, area, level, comment, day, rect_due, rect_status) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?7 IS NULL THEN NULL ELSE 'open' END)";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_int(s, 1, case_id);
	sq_text(s, 2, office);
	sq_text(s, 3, area);
	sq_int(s, 4, level);
	sq_text(s, 5, comment ? comment : "");
	sq_text(s, 6, day);
	sq_text(s, 7, rect_due);
	assert(case_id > 0);
	rc = sq_step(s);
	sq_done(st, s);
	if (rc == SQ_UNIQUE) {
		set_cause(cause, "%s", _("this case has already been rated"));
		return STORE_CONFLICT;
	}
	if (rc != SQ_DONE)
		return sq_fail(st, cause);
	*id = sq_last_id(st);
	return 0;
}

int
store_rating_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " RATING_COLS "WHERE r.id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_rating_callback(struct store *st, long long id, const char *callback, char **cause)
{
	static const char sql[] =
	    "UPDATE rating SET callback = ?2, rect_status = CASE WHEN rect_due IS NULL THEN NULL "
	    "ELSE 'done' END WHERE id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_text(s, 2, callback);
	return sq_run(st, s, cause);
}

int
store_rating_rectify(struct store *st, long long id, const char *note, const char *day,
    char **cause)
{
	static const char sql[] =
	    "UPDATE rating SET rect_status = 'rectified', rect_note = ?2, rect_done = ?3 "
	    "WHERE id = ?1 AND rect_status = 'open'";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_text(s, 2, note);
	sq_text(s, 3, day);
	return sq_run(st, s, cause);
}

int
store_rating_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *hall, int bad_only, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " RATING_COLS
	    "WHERE ((?3 IS NULL OR r.office = ?3) AND (?3 IS NOT NULL OR (r.area >= ?1 AND r.area < ?2)) "
	    " OR c.hall_region = ?5) "
	    "AND (?4 = 0 OR r.level <= 2) ORDER BY r.day DESC, r.id DESC";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, office);
	sq_int(s, 4, bad_only);
	sq_text(s, 5, hall);
	rc = rows(st, s, fn, arg);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Deadlines ---------------------------------------------------------------------- */

int
store_late_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, const char *today, store_late_fn fn, void *arg)
{
	/* Each record with its deadline and the day it was met (NULL while
	 * pending): an order's answer (a returned order waits for a new one),
	 * a complaint's acceptance or refusal, a rectification's report. */
	static const char sql[] =
	    "WITH d(kind, id, office, area, case_id, due, done) AS ("
	    " SELECT 'order', id, office, area, case_id, due, CASE WHEN status = 'open' THEN NULL "
	    "  ELSE COALESCE(responded, closed) END FROM supervision "
	    " UNION ALL SELECT 'complaint', id, office, area, case_id, accept_due, handled "
	    "  FROM complaint "
	    " UNION ALL SELECT 'rectification', id, office, area, case_id, rect_due, rect_done "
	    "  FROM rating WHERE rect_due IS NOT NULL) "
	    "SELECT d.kind, d.id, d.office, o.name, c.no, d.due, d.done FROM d "
	    "JOIN office o ON o.code = d.office LEFT JOIN cases c ON c.id = d.case_id "
	    "WHERE d.area >= ?1 AND d.area < ?2 AND ((d.done IS NULL AND d.due < ?5) OR "
	    " (d.done > d.due AND d.done >= ?3 AND d.done <= ?4)) "
	    "ORDER BY d.kind, d.due, d.id";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	sq_text(s, 5, today);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct late_record r;

		r.kind = (const char *)sq_col_text(s, 0);
		r.id = sq_col_int(s, 1);
		r.office = (const char *)sq_col_text(s, 2);
		r.office_name = (const char *)sq_col_text(s, 3);
		r.case_no = sq_col_text(s, 4) ? (const char *)sq_col_text(s, 4) : "";
		r.due = (const char *)sq_col_text(s, 5);
		r.done = (const char *)sq_col_text(s, 6);
		rc = fn(arg, &r);
	}
	sq_done(st, s);
	return rc;
}

int
store_order_open_each(struct store *st, const char *lo, const char *hi, const char *office,
    store_late_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT s.id, s.office, o.name, c.no, s.due FROM supervision s "
	    "JOIN office o ON o.code = s.office LEFT JOIN cases c ON c.id = s.case_id "
	    "WHERE s.status != 'closed' AND s.area >= ?1 AND s.area < ?2 "
	    "AND (?3 IS NULL OR s.office = ?3) ORDER BY s.due, s.id";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, office);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct late_record r;

		r.kind = "order";
		r.id = sq_col_int(s, 0);
		r.office = (const char *)sq_col_text(s, 1);
		r.office_name = (const char *)sq_col_text(s, 2);
		r.case_no = sq_col_text(s, 3) ? (const char *)sq_col_text(s, 3) : "";
		r.due = (const char *)sq_col_text(s, 4);
		r.done = NULL;
		rc = fn(arg, &r);
	}
	sq_done(st, s);
	return rc;
}
