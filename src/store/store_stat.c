/*
 * The summary tables behind the dashboard (kept by stats.c in each case
 * transaction): the counters, the daily roll of lights, a rebuild from the
 * cases in plain SQL and the check of one against the other, the
 * anomalies, and the summary queries over a range of areas.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Run an upsert that RETURNs the new count, then drop the row at zero. */
static int
counted(struct store *st, sq_stmt *up, sq_stmt *del, char **cause)
{
	enum sq_step rc = sq_step(up);
	long n = rc == SQ_ROW ? (long)sq_col_int(up, 0) : 1;

	if (rc != SQ_ROW && rc != SQ_DONE) {
		sq_fail(st, cause);
		sq_done(st, up);
		sq_done(st, del);
		return -1;
	}
	sq_done(st, up);
	if (n == 0)
		return sq_run(st, del, cause);
	sq_done(st, del);
	return 0;
}

/* One key column of a counter: text, or a number when text is NULL. */
struct key {
	const char *text;
	int num;
};

/*
 * Add delta to the counter keyed by k[0..nk-1] (?1..?nk in both statements;
 * the delta is ?nk+1 of the upsert) and drop its row when it reaches zero.
 */
static int
stat_add(struct store *st, const char *up_sql, const char *del_sql, const struct key *k,
    int nk, long delta, char **cause)
{
	sq_stmt *up = sq_prep(st, up_sql), *del = sq_prep(st, del_sql);
	int i;

	for (i = 0; i < nk; i++) {
		if (k[i].text) {
			sq_text(up, i + 1, k[i].text);
			sq_text(del, i + 1, k[i].text);
		} else {
			sq_int(up, i + 1, k[i].num);
			sq_int(del, i + 1, k[i].num);
		}
	}
	sq_int(up, nk + 1, delta);
	return counted(st, up, del, cause);
}

int
store_stat_open_add(struct store *st, const char *area, const char *status,
    const char *warn, const char *due, long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_open(area, status, warn, due, n) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT(area, status, warn, due) DO UPDATE SET n = stat_open.n + excluded.n RETURNING n";
	static const char del[] =
	    "DELETE FROM stat_open WHERE area = ?1 AND status = ?2 AND warn = ?3 AND due = ?4";
	const struct key k[] = { { area, 0 }, { status, 0 }, { warn, 0 }, { due, 0 } };

	return stat_add(st, up, del, k, 4, delta, cause);
}

int
store_stat_frozen_add(struct store *st, const char *area, const char *status, int light,
    long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_frozen(area, status, light, n) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(area, status, light) DO UPDATE SET n = stat_frozen.n + excluded.n RETURNING n";
	static const char del[] =
	    "DELETE FROM stat_frozen WHERE area = ?1 AND status = ?2 AND light = ?3";
	const struct key k[] = { { area, 0 }, { status, 0 }, { NULL, light } };

	return stat_add(st, up, del, k, 3, delta, cause);
}

int
store_stat_light_add(struct store *st, const char *area, const char *status, int light,
    long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_light(area, status, light, n) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(area, status, light) DO UPDATE SET n = stat_light.n + excluded.n RETURNING n";
	static const char del[] =
	    "DELETE FROM stat_light WHERE area = ?1 AND status = ?2 AND light = ?3";
	const struct key k[] = { { area, 0 }, { status, 0 }, { NULL, light } };

	return stat_add(st, up, del, k, 3, delta, cause);
}

int
store_stat_frozen_red_add(struct store *st, const char *office, const char *area, long delta,
    char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_frozen_red(office, area, n) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT(office) DO UPDATE SET n = stat_frozen_red.n + excluded.n RETURNING n";
	static const char del[] = "DELETE FROM stat_frozen_red WHERE office = ?1 AND area = ?2";
	const struct key k[] = { { office, 0 }, { area, 0 } };

	return stat_add(st, up, del, k, 2, delta, cause);
}

int
store_stat_roll(struct store *st, const char *today, char **cause)
{
	static const char del[] = "DELETE FROM stat_light";
	static const char ins[] =
	    "INSERT INTO stat_light SELECT area, status, tb_light(due, warn, ?1), sum(n) "
	    "FROM stat_open GROUP BY 1, 2, 3";
	sq_stmt *s;

	if (store_exec(st, del, cause) != 0)
		return -1;
	s = sq_prep(st, ins);
	sq_text(s, 1, today);
	if (sq_run(st, s, cause) != 0)
		return -1;
	return store_meta_set(st, "stat_day", today, cause);
}

int
store_stat_office_add(struct store *st, const char *office, const char *area,
    const char *due, long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_office(office, area, due, n) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(office, due) DO UPDATE SET n = stat_office.n + excluded.n RETURNING n";
	static const char del[] =
	    "DELETE FROM stat_office WHERE office = ?1 AND area = ?2 AND due = ?3";
	const struct key k[] = { { office, 0 }, { area, 0 }, { due, 0 } };

	return stat_add(st, up, del, k, 3, delta, cause);
}

int
store_stat_step_add(struct store *st, const char *item, int step, const char *district,
    const char *started, long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_step(item, step, district, started, n) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT(item, step, district, started) DO UPDATE SET n = stat_step.n + excluded.n RETURNING n";
	static const char del[] =
	    "DELETE FROM stat_step WHERE item = ?1 AND step = ?2 AND district = ?3 AND started = ?4";
	const struct key k[] = { { item, 0 }, { NULL, step }, { district, 0 }, { started, 0 } };

	return stat_add(st, up, del, k, 4, delta, cause);
}

int
store_stat_day_add(struct store *st, const char *day, const char *area, long received,
    long finished, long on_time, char **cause)
{
	static const char sql[] =
	    "INSERT INTO stat_day(day, district, received, finished, on_time) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT(day, district) DO UPDATE SET received = stat_day.received + excluded.received, "
	    "finished = stat_day.finished + excluded.finished, on_time = stat_day.on_time + excluded.on_time";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, day);
	sq_text(s, 2, area);
	sq_int(s, 3, received);
	sq_int(s, 4, finished);
	sq_int(s, 5, on_time);
	return sq_run(st, s, cause);
}

int
store_stat_hall_add(struct store *st, const char *day, const char *hall, long delta, char **cause)
{
	static const char sql[] =
	    "INSERT INTO stat_hall(day, hall, received) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT(day, hall) DO UPDATE SET received = stat_hall.received + excluded.received";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, day);
	sq_text(s, 2, hall);
	sq_int(s, 3, delta);
	return sq_run(st, s, cause);
}

int
store_stat_clear(struct store *st, char **cause)
{
	return store_exec(st, "DELETE FROM stat_open; DELETE FROM stat_frozen; "
	    "DELETE FROM stat_office; DELETE FROM stat_step; DELETE FROM stat_day; "
	    "DELETE FROM stat_hall; DELETE FROM stat_light; DELETE FROM stat_frozen_red;", cause);
}

/* Undecided, or decided in time with art. 44's delivery clock running (the
 * rule of stats.c's running() and tcase_light_span()). */
#define SQL_RUNNING "(decided IS NULL OR (decided <= due AND deliver_due IS NOT NULL))"

int
store_stat_rebuild(struct store *st, const char *today, char **cause)
{
	/* The light of a paused or decided case: as of the day its clock stopped. */
	static const char sql[] =
	    "DELETE FROM stat_open; DELETE FROM stat_frozen; DELETE FROM stat_office; "
	    "DELETE FROM stat_step; DELETE FROM stat_day; DELETE FROM stat_hall; "
	    "DELETE FROM stat_frozen_red; "
	    "INSERT INTO stat_open SELECT office_region, status, "
	    " CASE WHEN decided IS NULL THEN warn ELSE deliver_warn END, "
	    " CASE WHEN decided IS NULL THEN due ELSE deliver_due END, count(*) FROM cases "
	    " WHERE open = 1 AND paused_since IS NULL AND " SQL_RUNNING " GROUP BY 1, 2, 3, 4; "
	    "INSERT INTO stat_office SELECT office, office_region, "
	    " CASE WHEN decided IS NULL THEN due ELSE deliver_due END, count(*) FROM cases "
	    " WHERE open = 1 AND paused_since IS NULL AND " SQL_RUNNING " GROUP BY 1, 2, 3; "
	    "INSERT INTO stat_frozen SELECT office_region, status, "
	    " tb_light(due, warn, COALESCE(paused_since, decided)), count(*) "
	    " FROM cases WHERE open = 1 AND (paused_since IS NOT NULL OR NOT " SQL_RUNNING ") "
	    " GROUP BY 1, 2, 3; "
	    "INSERT INTO stat_frozen_red SELECT office, office_region, count(*) FROM cases "
	    " WHERE open = 1 AND (paused_since IS NOT NULL OR NOT " SQL_RUNNING ") "
	    " AND tb_light(due, warn, COALESCE(paused_since, decided)) = 3 GROUP BY 1, 2; "
	    "INSERT INTO stat_step SELECT item, step, substr(office_region, 1, 6), "
	    " COALESCE(step_started, accepted, submitted), count(*) FROM cases WHERE open = 1 "
	    " GROUP BY 1, 2, 3, 4; "
	    "INSERT INTO stat_day(day, district, received) SELECT submitted, "
	    " substr(office_region, 1, 6), count(*) FROM cases GROUP BY 1, 2; "
	    "INSERT INTO stat_day(day, district, finished, on_time) SELECT finished, "
	    " substr(office_region, 1, 6), count(*), sum(CASE WHEN on_time = 1 THEN 1 ELSE 0 END) FROM cases "
	    " WHERE status = 'completed' AND finished IS NOT NULL "
	    " GROUP BY 1, 2 ON CONFLICT(day, district) DO UPDATE SET finished = excluded.finished, "
	    " on_time = excluded.on_time; "
	    "INSERT INTO stat_hall SELECT submitted, hall_region, count(*) FROM cases GROUP BY 1, 2;";

	if (store_exec(st, sql, cause) != 0)
		return -1;
	return store_stat_roll(st, today, cause);
}

long
store_stat_check(struct store *st, char **cause)
{
	char *day = NULL;
	static const char copy[] =
	    "CREATE TEMP TABLE k_open AS SELECT * FROM stat_open; "
	    "CREATE TEMP TABLE k_frozen AS SELECT * FROM stat_frozen; "
	    "CREATE TEMP TABLE k_office AS SELECT * FROM stat_office; "
	    "CREATE TEMP TABLE k_step AS SELECT * FROM stat_step; "
	    "CREATE TEMP TABLE k_day AS SELECT * FROM stat_day; "
	    "CREATE TEMP TABLE k_hall AS SELECT * FROM stat_hall; "
	    "CREATE TEMP TABLE k_light AS SELECT * FROM stat_light; "
	    "CREATE TEMP TABLE k_fred AS SELECT * FROM stat_frozen_red;";
	static const char diff[] =
	    "SELECT (SELECT count(*) FROM (SELECT * FROM k_open EXCEPT SELECT * FROM stat_open)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_open EXCEPT SELECT * FROM k_open)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_frozen EXCEPT SELECT * FROM stat_frozen)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_frozen EXCEPT SELECT * FROM k_frozen)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_office EXCEPT SELECT * FROM stat_office)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_office EXCEPT SELECT * FROM k_office)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_step EXCEPT SELECT * FROM stat_step)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_step EXCEPT SELECT * FROM k_step)) + "
	    "(SELECT count(*) FROM (SELECT day, district, received, finished, on_time FROM k_day "
	    "  WHERE received + finished + on_time > 0 EXCEPT SELECT * FROM stat_day)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_day EXCEPT SELECT * FROM k_day)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_hall WHERE received > 0 "
	    "  EXCEPT SELECT * FROM stat_hall)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_hall EXCEPT SELECT * FROM k_hall)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_light EXCEPT SELECT * FROM stat_light)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_light EXCEPT SELECT * FROM k_light)) + "
	    "(SELECT count(*) FROM (SELECT * FROM k_fred EXCEPT SELECT * FROM stat_frozen_red)) + "
	    "(SELECT count(*) FROM (SELECT * FROM stat_frozen_red EXCEPT SELECT * FROM k_fred))";
	sq_stmt *s = NULL;
	long n = -1;

	if (store_exec(st, "BEGIN", cause) != 0)
		return -1;
	/* Rebuild as of the day the lights were kept for. */
	if (store_meta_get(st, "stat_day", &day) == -1) {
		set_cause(cause, _("database: %s"), store_error(st));
		goto out;
	}
	if (store_exec(st, copy, cause) != 0 || store_stat_rebuild(st, day ? day : "", cause) != 0)
		goto out;
	/* Not cached: the temporary tables go with the transaction. */
	if ((s = sq_prep_once(st, diff)) == NULL) {
		sq_fail(st, cause);
		goto out;
	}
	if (sq_first(st, s) == 0)
		n = (long)sq_col_int(s, 0);
	else
		set_cause(cause, _("database: %s"), store_error(st));
	sq_done(st, s);
out:
	free(day);
	store_exec(st, "ROLLBACK", NULL);
	return n;
}

int
store_anomaly_add(struct store *st, long long case_id, const char *kind, const char *day,
    const char *detail, char **cause)
{
	static const char sql[] =
	    "INSERT INTO anomaly(case_id, kind, day, detail) VALUES (?1, ?2, ?3, ?4)";
	sq_stmt *s;

	assert(case_id > 0);
	s = sq_prep(st, sql);
	sq_int(s, 1, case_id);
	sq_text(s, 2, kind);
	sq_text(s, 3, day);
	sq_text(s, 4, detail ? detail : "");
	return sq_run(st, s, cause);
}

/* Sum a light table (stat_light or stat_frozen) by area prefix and status. */
static int
lights_each(struct store *st, const char *sql, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg)
{
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_int(s, 3, depth);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), sq_col_int(s, 2),
		    (long)sq_col_int(s, 3));
	sq_done(st, s);
	return rc;
}

int
store_stat_light_each(struct store *st, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT substr(area, 1, ?3), status, light, sum(n) FROM stat_light "
	    "WHERE area >= ?1 AND area < ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

	return lights_each(st, sql, lo, hi, depth, fn, arg);
}

int
store_stat_frozen_each(struct store *st, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT substr(area, 1, ?3), status, light, sum(n) FROM stat_frozen "
	    "WHERE area >= ?1 AND area < ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

	return lights_each(st, sql, lo, hi, depth, fn, arg);
}

int
store_stat_day_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_stat_day_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT day, sum(received), sum(finished), sum(on_time) FROM stat_day "
	    "WHERE day >= ?3 AND day <= ?4 AND district >= substr(?1, 1, 6) AND district < ?2 "
	    "GROUP BY day ORDER BY day";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (long)sq_col_int(s, 1), (long)sq_col_int(s, 2),
		    (long)sq_col_int(s, 3));
	sq_done(st, s);
	return rc;
}

int
store_stat_office_red(struct store *st, const char *lo, const char *hi, const char *today,
    long limit, store_stat_office_fn fn, void *arg)
{
	/* Red as clock_light() has it: a running case is red past its due day. */
	static const char sql[] =
	    "SELECT r.office, o.name, sum(r.n) FROM ("
	    " SELECT office, n FROM stat_office WHERE due < ?3 AND area >= ?1 AND area < ?2"
	    " UNION ALL SELECT office, n FROM stat_frozen_red WHERE area >= ?1 AND area < ?2"
	    ") r JOIN office o ON o.code = r.office GROUP BY r.office, o.name ORDER BY 3 DESC, 1 LIMIT ?4";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, today);
	sq_int(s, 4, limit);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), (long)sq_col_int(s, 2));
	sq_done(st, s);
	return rc;
}

int
store_stat_step_each(struct store *st, const char *lo, const char *hi,
    store_stat_step_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT t.item, CASE WHEN ?3 = 'en' AND i.name_en <> '' THEN i.name_en ELSE i.name END, "
	    "t.step, (SELECT CASE WHEN ?3 = 'en' THEN s.name_en ELSE s.name END "
	    " FROM item_step s WHERE s.item = t.item AND s.seq = t.step LIMIT 1), "
	    "(SELECT max(limit_days) FROM item_step s WHERE s.item = t.item AND s.seq = t.step), "
	    "t.started, sum(t.n) FROM stat_step t JOIN item i ON i.code = t.item "
	    "WHERE t.district >= substr(?1, 1, 6) AND t.district < ?2 "
	    "GROUP BY t.item, i.name, i.name_en, t.step, t.started ORDER BY t.item, t.step, t.started";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, i18n_lang());
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), sq_col_int(s, 2),
		    sq_col_text(s, 3) ? (const char *)sq_col_text(s, 3) : "",
		    sq_col_int(s, 4), (const char *)sq_col_text(s, 5),
		    (long)sq_col_int(s, 6));
	sq_done(st, s);
	return rc;
}

int
store_stat_hall_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *day, store_stat_hall_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT h.hall, r.name, sum(CASE WHEN h.day = ?4 THEN h.received ELSE 0 END), "
	    "sum(CASE WHEN h.day < ?4 THEN h.received ELSE 0 END), "
	    "count(DISTINCT CASE WHEN h.day < ?4 THEN h.day END) FROM stat_hall h "
	    "LEFT JOIN region r ON r.code = h.hall "
	    "WHERE h.day >= ?3 AND h.day <= ?4 AND h.hall >= ?1 AND h.hall < ?2 GROUP BY h.hall, r.name";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, day);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    sq_col_text(s, 1) ? (const char *)sq_col_text(s, 1) : "",
		    (long)sq_col_int(s, 2), (long)sq_col_int(s, 3),
		    (long)sq_col_int(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_anomaly_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_anomaly_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT a.kind, c.no, a.day, a.detail FROM anomaly a JOIN cases c ON c.id = a.case_id "
	    "WHERE a.day >= ?3 AND a.day <= ?4 AND c.office_region >= ?1 AND c.office_region < ?2 "
	    "ORDER BY a.day DESC, a.id DESC";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3));
	sq_done(st, s);
	return rc;
}

int
store_anomaly_cases(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_anomaly_count_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT a.kind, count(DISTINCT a.case_id) FROM anomaly a JOIN cases c ON c.id = a.case_id "
	    "WHERE a.day >= ?3 AND a.day <= ?4 AND c.office_region >= ?1 AND c.office_region < ?2 "
	    "GROUP BY a.kind ORDER BY max(a.day) DESC, a.kind";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, from);
	sq_text(s, 4, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0), (long)sq_col_int(s, 1));
	sq_done(st, s);
	return rc;
}

/* The count of sql (one row, one column) over the region [lo, hi) and today. */
static int
count_in_region(struct store *st, const char *sql, const char *lo, const char *hi,
    const char *today, long *n)
{
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, lo);
	sq_text(s, 2, hi);
	sq_text(s, 3, today);
	if ((rc = sq_first(st, s)) == 0)
		*n = (long)sq_col_int(s, 0);
	sq_done(st, s);
	return rc;
}

int
store_suspend_overdue(struct store *st, const char *lo, const char *hi, const char *today,
    long *n)
{
	/* The few suspended cases, by the end of their period (cases_suspend_due). */
	return count_in_region(st, "SELECT count(*) FROM cases WHERE suspend_due IS NOT NULL "
	    "AND suspend_due < ?3 AND office_region >= ?1 AND office_region < ?2", lo, hi, today, n);
}

int
store_pledge_overdue(struct store *st, const char *lo, const char *hi, const char *today,
    long *n)
{
	/* The few cases with a pledge outstanding, by its date (cases_pledge_due). */
	return count_in_region(st, "SELECT count(*) FROM cases WHERE pledge_due IS NOT NULL "
	    "AND pledge_due < ?3 AND office_region >= ?1 AND office_region < ?2", lo, hi, today, n);
}
