/*
 * The reference tables: the working-day calendar, regions, department
 * kinds and offices, the catalog of items with their materials and steps,
 * and applicants.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Calendar ---------------------------------------------------------------- */

int
store_calendar_put(struct store *st, const char *day, const char *kind,
    const char *name_cn, const char *name_en, char **cause)
{
	static const char sql[] =
	    "INSERT INTO calendar(day, kind, name_cn, name_en) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, "
	    "name_cn = excluded.name_cn, name_en = excluded.name_en";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, day);
	sq_text(s, 2, kind);
	sq_text(s, 3, name_cn);
	sq_text(s, 4, name_en);
	return sq_run(st, s, cause);
}

int
store_statutory_put(struct store *st, const char *day, const char *holiday,
    const char *name_cn, const char *name_en, char **cause)
{
	static const char sql[] =
	    "INSERT INTO statutory_holiday(day, holiday, name_cn, name_en) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(day, holiday) DO UPDATE SET name_cn = excluded.name_cn, "
	    "name_en = excluded.name_en";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, day);
	sq_text(s, 2, holiday);
	sq_text(s, 3, name_cn);
	sq_text(s, 4, name_en);
	return sq_run(st, s, cause);
}

int
store_calendar_load(struct store *st, struct calendar *cal, char **cause)
{
	static const char sql[] = "SELECT day, kind FROM calendar";
	static const char statutory[] = "SELECT day, holiday FROM statutory_holiday";
	sq_stmt *s = sq_prep(st, sql);
	char *v = NULL;
	long pct;
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		const char *day = (const char *)sq_col_text(s, 0);
		const char *kind = (const char *)sq_col_text(s, 1);
		int d;

		if (day == NULL || kind == NULL || clock_parse_date(day, &d) != 0)
			continue;
		clock_calendar_set(cal, d, strcmp(kind, "transfer_workday") == 0 ?
		    CLOCK_WORKDAY : CLOCK_HOLIDAY);
	}
	sq_done(st, s);
	if (rc == 0) {
		s = sq_prep(st, statutory);
		while (rc == 0 && sq_next(st, s, &rc)) {
			const char *day = (const char *)sq_col_text(s, 0);
			const char *code = (const char *)sq_col_text(s, 1);
			enum clock_holiday h;
			int d;

			if (day == NULL || code == NULL || clock_parse_date(day, &d) != 0 ||
			    clock_holiday_parse(code, &h) != 0)
				continue;
			clock_calendar_statutory(cal, d, h);
		}
		sq_done(st, s);
	}
	/* The yellow threshold is a setting of the clock (calendar set). */
	if (rc == 0 && store_meta_get(st, STORE_WARN_PERCENT, &v) == 0 && v != NULL &&
	    parse_int(v, 1, 100, &pct) == 0)
		cal->warn_percent = (int)pct;
	free(v);
	clock_calendar_finish(cal);
	if (rc != 0)
		set_cause(cause, _("database: %s"), store_error(st));
	return rc;
}

int
store_calendar_each(struct store *st, const char *from, const char *to,
    store_calendar_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT day, kind, name_cn, name_en FROM calendar "
	    "WHERE day >= ?1 AND day <= ?2 ORDER BY day";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, from);
	sq_text(s, 2, to);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1),
		    (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3));
	sq_done(st, s);
	return rc;
}

/* Regions ------------------------------------------------------------------ */

int
store_region_put(struct store *st, const char *code, const char *name,
    const char *level, const char *parent, int zone, char **cause)
{
	static const char sql[] =
	    "INSERT INTO region(code, name, level, parent, zone) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
	    "parent = excluded.parent, zone = excluded.zone";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, code);
	sq_text(s, 2, name);
	sq_text(s, 3, level);
	sq_text(s, 4, parent && *parent ? parent : NULL);
	sq_int(s, 5, zone);
	return sq_run(st, s, cause);
}

int
store_region_initials_put(struct store *st, const char *code, const char *initials,
    char **cause)
{
	static const char sql[] = "UPDATE region SET initials = ?2 WHERE code = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, code);
	sq_text(s, 2, initials);
	if (sq_run(st, s, cause) != 0)
		return -1;
	if (sq_changes(st) == 0) {
		set_cause(cause, _("no region '%s'"), code);
		return -1;
	}
	return 0;
}

int
store_place_find(struct store *st, const char *text, const char *near, int max,
    store_place_fn fn, void *arg)
{
	/* 12,340 regions: a scan by name is a few milliseconds, no index needed. */
	static const char sql[] =
	    "SELECT r.code, r.name, r.level, coalesce(p.name, '') FROM region r "
	    "LEFT JOIN region p ON p.code = r.parent "
	    "WHERE (instr(r.name, ?1) > 0 OR substr(r.initials, 1, length(?1)) = lower(?1)) "
	    "ORDER BY substr(r.code, 1, length(?2)) = ?2 DESC, "
	    "(r.name = ?1 OR r.initials = lower(?1)) DESC, "
	    "CASE r.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'township' THEN 2 "
	    "ELSE 3 END, r.code "
	    "LIMIT ?3";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, text);
	sq_text(s, 2, near ? near : "");
	sq_int(s, 3, max);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3));
	sq_done(st, s);
	return rc;
}

static void
region_from_row(sq_stmt *s, struct region *r)
{
	r->code = sq_col(s, 0);
	r->name = sq_col(s, 1);
	r->level = sq_col(s, 2);
	r->parent = sq_col(s, 3);
	r->zone = sq_col_int(s, 4);
}

int
store_region_get(struct store *st, const char *code, struct region *r)
{
	static const char sql[] =
	    "SELECT code, name, level, parent, zone FROM region WHERE code = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(r, 0, sizeof *r);
	sq_text(s, 1, code);
	if ((rc = sq_first(st, s)) == 0)
		region_from_row(s, r);
	sq_done(st, s);
	return rc;
}

static int
region_iter(struct store *st, sq_stmt *s, store_region_fn fn, void *arg)
{
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		struct region r;

		region_from_row(s, &r);
		rc = fn(arg, &r);
		region_release(&r);
	}
	sq_done(st, s);
	return rc;
}

int
store_region_children(struct store *st, const char *parent, store_region_fn fn, void *arg)
{
	static const char sql_top[] =
	    "SELECT code, name, level, parent, zone FROM region WHERE parent IS NULL ORDER BY code";
	static const char sql[] =
	    "SELECT code, name, level, parent, zone FROM region WHERE parent = ?1 ORDER BY code";
	sq_stmt *s = sq_prep(st, parent ? sql : sql_top);

	if (parent)
		sq_text(s, 1, parent);
	return region_iter(st, s, fn, arg);
}

int
store_region_each(struct store *st, const char *level, store_region_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT code, name, level, parent, zone FROM region "
	    "WHERE ?1 IS NULL OR level = ?1 ORDER BY code";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, level);
	return region_iter(st, s, fn, arg);
}

/* Departments and offices ---------------------------------------------------- */

int
store_dept_put(struct store *st, const struct dept *d, char **cause)
{
	static const char sql[] =
	    "INSERT INTO dept_kind(kind, city_name, district_suffix, name_en, levels, "
	    "county_suffix, in_zones) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT(kind) DO UPDATE SET city_name = excluded.city_name, district_suffix = excluded.district_suffix, name_en = excluded.name_en, levels = excluded.levels, county_suffix = excluded.county_suffix, in_zones = excluded.in_zones";
	sq_stmt *s = sq_prep(st, sql);
	const char *kind = d->kind, *city_name = d->city_name, *district_suffix = d->district_suffix;
	const char *name_en = d->name_en, *levels = d->levels;

	sq_text(s, 1, kind);
	sq_text(s, 2, city_name);
	sq_text(s, 3, district_suffix);
	sq_text(s, 4, name_en);
	sq_text(s, 5, levels);
	sq_text(s, 6, d->county_suffix);
	sq_int(s, 7, d->in_zones);
	return sq_run(st, s, cause);
}

int
store_dept_each(struct store *st, store_dept_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT kind, city_name, district_suffix, name_en, levels, county_suffix, in_zones "
	    "FROM dept_kind ORDER BY kind";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		struct dept d;

		d.kind = (const char *)sq_col_text(s, 0);
		d.city_name = (const char *)sq_col_text(s, 1);
		d.district_suffix = (const char *)sq_col_text(s, 2);
		d.name_en = (const char *)sq_col_text(s, 3);
		d.levels = (const char *)sq_col_text(s, 4);
		d.county_suffix = (const char *)sq_col_text(s, 5);
		d.in_zones = sq_col_int(s, 6);
		rc = fn(arg, &d);
	}
	sq_done(st, s);
	return rc;
}

int
store_office_put(struct store *st, const char *code, const char *name,
    const char *kind, const char *region, const char *level, char **cause)
{
	static const char sql[] =
	    "INSERT INTO office(code, name, kind, region, level) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, region = excluded.region, level = excluded.level";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, code);
	sq_text(s, 2, name);
	sq_text(s, 3, kind);
	sq_text(s, 4, region);
	sq_text(s, 5, level);
	return sq_run(st, s, cause);
}

int
store_office_name(struct store *st, const char *code, char **name)
{
	static const char sql[] = "SELECT name FROM office WHERE code = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*name = NULL;
	sq_text(s, 1, code);
	if ((rc = sq_first(st, s)) == 0)
		*name = sq_col(s, 0);
	sq_done(st, s);
	return rc;
}

int
store_office_each(struct store *st, const char *prefix, store_office_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT code, name, kind, region, level FROM office "
	    "WHERE ?1 IS NULL OR (region >= ?1 AND region < ?1 || ':') ORDER BY code";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, prefix);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1),
		    (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3),
		    (const char *)sq_col_text(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_office_for(struct store *st, const char *region, const char *kind, char **code)
{
	static const char sql[] = "SELECT code FROM office WHERE region = ?1 AND kind = ?2";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*code = NULL;
	sq_text(s, 1, region);
	sq_text(s, 2, kind);
	if ((rc = sq_first(st, s)) == 0)
		*code = sq_col(s, 0);
	sq_done(st, s);
	return rc;
}

/* Catalog -------------------------------------------------------------------- */

int
store_item_put(struct store *st, const struct item *it, char **cause)
{
	static const char sql[] =
	    "INSERT INTO item(code, name, name_en, power_type, dept_kind, levels, "
	    "statutory_days, promised_days, fee_cents, online_depth, channels, guide, applicant_kind) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, power_type = excluded.power_type, dept_kind = excluded.dept_kind, levels = excluded.levels, statutory_days = excluded.statutory_days, promised_days = excluded.promised_days, fee_cents = excluded.fee_cents, online_depth = excluded.online_depth, channels = excluded.channels, guide = excluded.guide, applicant_kind = excluded.applicant_kind";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, it->code);
	sq_text(s, 2, it->name);
	sq_text(s, 3, it->name_en);
	sq_text(s, 4, it->power_type);
	sq_text(s, 5, it->dept_kind);
	sq_text(s, 6, it->levels);
	sq_int(s, 7, it->statutory_days);
	sq_int(s, 8, it->promised_days);
	sq_int(s, 9, it->fee_cents);
	sq_int(s, 10, it->online_depth);
	sq_text(s, 11, it->channels);
	sq_text(s, 12, it->guide);
	sq_text(s, 13, it->applicant_kind ? it->applicant_kind : "either");
	return sq_run(st, s, cause);
}

int
store_material_put(struct store *st, const char *item, int seq,
    const char *name, int required, int secondary, char **cause)
{
	static const char sql[] =
	    "INSERT INTO item_material(item, seq, name, required, secondary) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(item, seq) DO UPDATE SET name = excluded.name, required = excluded.required, secondary = excluded.secondary";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, item);
	sq_int(s, 2, seq);
	sq_text(s, 3, name);
	sq_int(s, 4, required);
	sq_int(s, 5, secondary);
	return sq_run(st, s, cause);
}

int
store_step_put(struct store *st, const char *item, int seq, const char *name,
    const char *name_en, const char *dept_kind, int limit_days, char **cause)
{
	static const char sql[] =
	    "INSERT INTO item_step(item, seq, name, name_en, dept_kind, limit_days) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT(item, seq, dept_kind) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, limit_days = excluded.limit_days";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, item);
	sq_int(s, 2, seq);
	sq_text(s, 3, name);
	sq_text(s, 4, name_en);
	sq_text(s, 5, dept_kind);
	sq_int(s, 6, limit_days);
	return sq_run(st, s, cause);
}

#define ITEM_COLS "code, name, name_en, power_type, dept_kind, levels, statutory_days, " \
	"promised_days, fee_cents, online_depth, channels, guide, applicant_kind"

static void
item_from_row(sq_stmt *s, struct item *it)
{
	it->code = sq_col(s, 0);
	it->name = sq_col(s, 1);
	it->name_en = sq_col(s, 2);
	it->power_type = sq_col(s, 3);
	it->dept_kind = sq_col(s, 4);
	it->levels = sq_col(s, 5);
	it->statutory_days = sq_col_int(s, 6);
	it->promised_days = sq_col_int(s, 7);
	it->fee_cents = (long)sq_col_int(s, 8);
	it->online_depth = sq_col_int(s, 9);
	it->channels = sq_col(s, 10);
	it->guide = sq_col(s, 11);
	it->applicant_kind = sq_col(s, 12);
}

int
store_item_get(struct store *st, const char *code, struct item *it)
{
	static const char sql[] = "SELECT " ITEM_COLS " FROM item WHERE code = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(it, 0, sizeof *it);
	sq_text(s, 1, code);
	if ((rc = sq_first(st, s)) == 0)
		item_from_row(s, it);
	sq_done(st, s);
	return rc;
}

int
store_item_each(struct store *st, const char *text, store_item_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " ITEM_COLS " FROM item WHERE ?1 IS NULL OR instr(code, ?1) = 1 "
	    "OR instr(name, ?1) > 0 OR instr(lower(name_en), lower(?1)) > 0 ORDER BY code";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, text && *text ? text : NULL);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct item it;

		item_from_row(s, &it);
		rc = fn(arg, &it);
		item_release(&it);
	}
	sq_done(st, s);
	return rc;
}

int
store_step_each(struct store *st, const char *item, store_step_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, name, name_en, dept_kind, limit_days FROM item_step "
	    "WHERE item = ?1 ORDER BY seq, dept_kind";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, item);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, sq_col_int(s, 0),
		    (const char *)sq_col_text(s, 1),
		    (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3),
		    sq_col_int(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_material_each(struct store *st, const char *item, store_material_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, name, required, secondary FROM item_material WHERE item = ?1 ORDER BY seq";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, item);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, sq_col_int(s, 0),
		    (const char *)sq_col_text(s, 1),
		    sq_col_int(s, 2), sq_col_int(s, 3));
	sq_done(st, s);
	return rc;
}

/* Applicants ------------------------------------------------------------------ */

int
store_applicant_put(struct store *st, const char *id, const char *kind,
    const char *name, const char *phone, const char *region, const char *at,
    const char *by, int *changed, char **cause)
{
	static const char get[] =
	    "SELECT name, phone, region, version FROM applicant WHERE id = ?1";
	static const char ins[] =
	    "INSERT INTO applicant(id, kind, name, phone, region, version) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, phone = excluded.phone, "
	    "region = excluded.region, version = excluded.version";
	static const char ver[] =
	    "INSERT INTO applicant_version(applicant, version, name, phone, region, since, "
	    "by_login) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sq_stmt *s = sq_prep(st, get);
	char *oname = NULL, *ophone = NULL, *oregion = NULL;
	int rc, version = 1;

	*changed = 0;
	sq_text(s, 1, id);
	rc = sq_first(st, s);
	if (rc == 0) {
		oname = sq_col(s, 0);
		ophone = sq_col(s, 1);
		oregion = sq_col(s, 2);
		version = sq_col_int(s, 3);
	}
	sq_done(st, s);
	if (rc < 0) {
		set_cause(cause, "%s", store_error(st));
		return -1;
	}
	/* An empty phone keeps the one on the register. */
	if (phone == NULL || *phone == '\0')
		phone = ophone ? ophone : "";
	if (rc == 0) {
		if (strcmp(oname, name) == 0 && strcmp(ophone, phone) == 0 &&
		    strcmp(oregion, region) == 0) {
			rc = 0;
			goto out;
		}
		version++;
		*changed = 1;
	}
	s = sq_prep(st, ins);
	sq_text(s, 1, id);
	sq_text(s, 2, kind);
	sq_text(s, 3, name);
	sq_text(s, 4, phone);
	sq_text(s, 5, region);
	sq_int(s, 6, version);
	if ((rc = sq_run(st, s, cause)) != 0)
		goto out;
	s = sq_prep(st, ver);
	sq_text(s, 1, id);
	sq_int(s, 2, version);
	sq_text(s, 3, name);
	sq_text(s, 4, phone);
	sq_text(s, 5, region);
	sq_text(s, 6, at);
	sq_text(s, 7, by);
	rc = sq_run(st, s, cause);
out:
	free(oname);
	free(ophone);
	free(oregion);
	return rc;
}

int
store_applicant_each_version(struct store *st, const char *id, store_applicant_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT version, name, phone, region, since, by_login FROM applicant_version "
	    "WHERE applicant = ?1 ORDER BY version";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, id);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, sq_col_int(s, 0), sq_peek(s, 1), sq_peek(s, 2), sq_peek(s, 3),
		    sq_peek(s, 4), sq_peek(s, 5));
	sq_done(st, s);
	return rc;
}

int
store_applicant_get(struct store *st, const char *id, char **name, char **phone, char **region)
{
	static const char sql[] = "SELECT name, phone, region FROM applicant WHERE id = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*name = *phone = *region = NULL;
	sq_text(s, 1, id);
	if ((rc = sq_first(st, s)) == 0) {
		*name = sq_col(s, 0);
		*phone = sq_col(s, 1);
		*region = sq_col(s, 2);
	}
	sq_done(st, s);
	return rc;
}
