/*
 * Report queries: per office figures over a period, material usage, and
 * the completed cases with their clocks.
 */
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
	    "  sum(COALESCE(r.level, 4)) lv, sum(COALESCE(r.level, 5) <= 2) bad FROM cases c "
	    "  LEFT JOIN rating r ON r.case_id = c.id WHERE c.status = 'completed' AND "
	    "  c.finished >= ?3 AND c.finished <= ?4 AND c.office_region >= ?1 AND "
	    "  c.office_region < ?2 GROUP BY c.office), "
	    "red AS (SELECT c.office, count(*) n FROM cases c WHERE " SQL_LIGHT_RED
	    "  AND c.office_region >= ?1 AND c.office_region < ?2 GROUP BY c.office), "
	    "sup AS (SELECT office, count(*) n FROM supervision WHERE status != 'closed' AND "
	    "  area >= ?1 AND area < ?2 GROUP BY office) "
	    "SELECT o.code, o.name, o.kind, o.level, o.region, COALESCE(rec.n, 0), COALESCE(fin.n, 0), "
	    " COALESCE(fin.ok, 0), COALESCE(fin.late, 0), COALESCE(red.n, 0), COALESCE(sup.n, 0), "
	    " COALESCE(fin.lv, 0), COALESCE(fin.bad, 0) FROM office o "
	    "LEFT JOIN rec ON rec.office = o.code LEFT JOIN fin ON fin.office = o.code "
	    "LEFT JOIN red ON red.office = o.code LEFT JOIN sup ON sup.office = o.code "
	    "WHERE o.region >= ?1 AND o.region < ?2 AND (rec.n > 0 OR fin.n > 0 OR red.n > 0 "
	    " OR sup.n > 0) ORDER BY o.code";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	sq_text(s, 20, today);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct office_period p;

		p.office = (const char *)sq_col_text(s, 0);
		p.name = (const char *)sq_col_text(s, 1);
		p.kind = (const char *)sq_col_text(s, 2);
		p.level = (const char *)sq_col_text(s, 3);
		p.area = (const char *)sq_col_text(s, 4);
		p.received = (long)sq_col_int(s, 5);
		p.finished = (long)sq_col_int(s, 6);
		p.on_time = (long)sq_col_int(s, 7);
		p.late = (long)sq_col_int(s, 8);
		p.open_red = (long)sq_col_int(s, 9);
		p.open_orders = (long)sq_col_int(s, 10);
		p.rating_sum = (long)sq_col_int(s, 11);
		p.bad_ratings = (long)sq_col_int(s, 12);
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
	    "SELECT c.office, c.item, count(*), max(c.channel = 'window') + "
	    " 2 * max(c.channel = 'online') + 4 * max(c.channel = 'self-service'), "
	    " sum(c.channel = 'online'), "
	    " (SELECT count(*) FROM anomaly a JOIN cases x ON x.id = a.case_id WHERE "
	    "  a.kind = 'unlisted_material' AND x.office = c.office AND x.item = c.item AND "
	    "  a.day >= ?3 AND a.day <= ?4), "
	    " (SELECT count(*) FROM complaint p JOIN cases x ON x.id = p.case_id WHERE "
	    "  x.office = c.office AND x.item = c.item AND p.missing_material = 1 AND "
	    "  p.received >= ?3 AND p.received <= ?4) "
	    "FROM cases c WHERE c.submitted >= ?3 AND c.submitted <= ?4 AND c.office_region >= ?1 "
	    "AND c.office_region < ?2 GROUP BY c.office, c.item";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct item_usage u;

		u.office = (const char *)sq_col_text(s, 0);
		u.item = (const char *)sq_col_text(s, 1);
		u.cases = (long)sq_col_int(s, 2);
		u.channels = sq_col_int(s, 3);
		u.online = (long)sq_col_int(s, 4);
		u.unlisted = (long)sq_col_int(s, 5);
		u.complaints = (long)sq_col_int(s, 6);
		rc = fn(arg, &u);
	}
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
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3), sq_col_int(s, 4),
		    sq_col_int(s, 5));
	sq_done(st, s);
	return rc;
}
