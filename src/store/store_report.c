/*
 * Report queries: per office figures over a period, material usage, and
 * the completed cases with their clocks.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Reports ------------------------------------------------------------------- */

int
store_report_offices(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, const char *today, store_period_fn fn, void *arg)
{
	static const char sql[] =
	    "WITH rec AS (SELECT office, count(*) n FROM cases WHERE submitted >= ?3 AND "
	    "  submitted <= ?4 AND office_region >= ?1 AND office_region < ?2 GROUP BY office), "
	    "fin AS (SELECT c.office, count(*) n, sum(c.on_time = 1) ok, sum(c.on_time = 0) late, "
	    "  sum(COALESCE(r.level, 4) / 5.0) w, sum(CASE WHEN c.on_time = 1 THEN "
	    "  COALESCE(r.level, 4) / 5.0 ELSE 0 END) wok FROM cases c "
	    "  LEFT JOIN rating r ON r.case_id = c.id WHERE c.status = 'completed' AND "
	    "  c.finished >= ?3 AND c.finished <= ?4 AND c.office_region >= ?1 AND "
	    "  c.office_region < ?2 GROUP BY c.office), "
	    "red AS (SELECT c.office, count(*) n FROM cases c WHERE " SQL_LIGHT_RED
	    "  AND c.office_region >= ?1 AND c.office_region < ?2 GROUP BY c.office), "
	    "sup AS (SELECT office, count(*) n FROM supervision WHERE status != 'closed' AND "
	    "  area >= ?1 AND area < ?2 GROUP BY office) "
	    "SELECT o.code, o.name, o.kind, o.level, o.region, COALESCE(rec.n, 0), COALESCE(fin.n, 0), "
	    " COALESCE(fin.ok, 0), COALESCE(fin.late, 0), COALESCE(red.n, 0), COALESCE(sup.n, 0), "
	    " COALESCE(fin.w, 0), COALESCE(fin.wok, 0) FROM office o "
	    "LEFT JOIN rec ON rec.office = o.code LEFT JOIN fin ON fin.office = o.code "
	    "LEFT JOIN red ON red.office = o.code LEFT JOIN sup ON sup.office = o.code "
	    "WHERE o.region >= ?1 AND o.region < ?2 AND (rec.n > 0 OR fin.n > 0 OR red.n > 0 "
	    " OR sup.n > 0) ORDER BY o.code";
	sqlite3_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	sq_text(s, 20, today);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct office_period p;

		p.office = (const char *)sqlite3_column_text(s, 0);
		p.name = (const char *)sqlite3_column_text(s, 1);
		p.kind = (const char *)sqlite3_column_text(s, 2);
		p.level = (const char *)sqlite3_column_text(s, 3);
		p.area = (const char *)sqlite3_column_text(s, 4);
		p.received = (long)sqlite3_column_int64(s, 5);
		p.finished = (long)sqlite3_column_int64(s, 6);
		p.on_time = (long)sqlite3_column_int64(s, 7);
		p.late = (long)sqlite3_column_int64(s, 8);
		p.open_red = (long)sqlite3_column_int64(s, 9);
		p.open_orders = (long)sqlite3_column_int64(s, 10);
		p.w = sqlite3_column_double(s, 11);
		p.w_on_time = sqlite3_column_double(s, 12);
		rc = fn(arg, &p);
	}
	sq_done(st, s);
	return rc;
}

int
store_report_usage(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_usage_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT c.office, c.item, count(*), "
	    " (SELECT count(*) FROM event e JOIN cases x ON x.id = e.case_id WHERE "
	    "  x.office = c.office AND x.item = c.item AND e.action = 'supplement' AND "
	    "  substr(e.at, 1, 10) >= ?3 AND substr(e.at, 1, 10) <= ?4), "
	    " (SELECT count(*) FROM complaint p JOIN cases x ON x.id = p.case_id WHERE "
	    "  x.office = c.office AND x.item = c.item AND p.missing_material = 1 AND "
	    "  p.received >= ?3 AND p.received <= ?4) "
	    "FROM cases c WHERE c.submitted >= ?3 AND c.submitted <= ?4 AND c.office_region >= ?1 "
	    "AND c.office_region < ?2 GROUP BY c.office, c.item";
	sqlite3_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (long)sqlite3_column_int64(s, 2),
		    (long)sqlite3_column_int64(s, 3), (long)sqlite3_column_int64(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_report_done(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_done_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT c.item, i.name, COALESCE(c.accepted, c.submitted), COALESCE(c.decided, c.finished), "
	    "c.paused_days, COALESCE(c.on_time, 1) FROM cases c JOIN item i ON i.code = c.item "
	    "WHERE c.status = 'completed' AND c.finished >= ?3 AND c.finished <= ?4 AND "
	    "c.office_region >= ?1 AND c.office_region < ?2 ORDER BY c.item";
	sqlite3_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3), sqlite3_column_int(s, 4),
		    sqlite3_column_int(s, 5));
	sq_done(st, s);
	return rc;
}
