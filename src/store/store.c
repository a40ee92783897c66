/*
 * The SQLite store. Statements are prepared once per connection and kept in
 * a small cache keyed by the address of their (static) SQL text. Queries
 * with optional filters are assembled from fixed fragments, each with its
 * own placeholder; no user text ever becomes SQL.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "util.h"

#define STMT_CACHE 96

struct store {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
};

static sqlite3_stmt *
prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		/* A bad statement is a programming error: say which and stop. */
		fprintf(stderr, "tongban: cannot prepare '%s': %s\n", sql,
		    sqlite3_errmsg(st->db));
		abort();
	}
	if (st->ncache < STMT_CACHE) {
		st->cache[st->ncache].sql = sql;
		st->cache[st->ncache].stmt = s;
		st->ncache++;
	}
	return s;
}

static void
done(struct store *st, sqlite3_stmt *s)
{
	int i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].stmt == s) {
			sqlite3_reset(s);
			return;
		}
	sqlite3_finalize(s);
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t ? (const char *)t : "");
}

static char *
col_or_null(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Step a write statement to completion; -1 with a cause on failure. */
static int
run(struct store *st, sqlite3_stmt *s, char **cause)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		done(st, s);
		return -1;
	}
	done(st, s);
	return 0;
}

struct store *
store_open(const char *path, const char *schema_sql, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	int flags = SQLITE_OPEN_READWRITE;
	int version = 0;
	sqlite3_stmt *s;

	if (schema_sql != NULL)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		set_cause(cause, _("cannot open database '%s': %s"), path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_exec(st, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
	    "PRAGMA synchronous=NORMAL;", cause) != 0)
		goto fail;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			version = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	if (version == 0 && schema_sql != NULL) {
		if (store_exec(st, "BEGIN", cause) != 0)
			goto fail;
		if (store_exec(st, schema_sql, cause) != 0) {
			store_exec(st, "ROLLBACK", NULL);
			goto fail;
		}
		if (store_exec(st, "COMMIT", cause) != 0)
			goto fail;
		version = STORE_SCHEMA_VERSION;
	}
	if (version == 0) {
		set_cause(cause, _("'%s' is not a tongban database (run 'tongban init --db %s')"),
		    path, path);
		goto fail;
	}
	if (version != STORE_SCHEMA_VERSION) {
		set_cause(cause, _("'%s' has schema version %d; this tongban knows %d"),
		    path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st);
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		set_cause(cause, _("database: %s"), err ? err : sqlite3_errmsg(st->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

void
store_bulk_begin(struct store *st)
{
	store_exec(st, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", NULL);
}

void
store_bulk_end(struct store *st)
{
	store_exec(st, "PRAGMA synchronous=NORMAL; PRAGMA wal_checkpoint(TRUNCATE);", NULL);
}

char *
store_bulk_drop_indexes(struct store *st, char **cause)
{
	static const char sql[] =
	    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
	    "AND tbl_name IN ('cases', 'event', 'applicant')";
	struct sb restore = SB_INIT, drop = SB_INIT;
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return NULL;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		/* Index names come from the schema itself, never from input. */
		sb_addf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(s, 0));
		sb_addf(&restore, "%s;", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	if (store_exec(st, drop.buf, cause) != 0) {
		sb_release(&drop);
		sb_release(&restore);
		return NULL;
	}
	sb_release(&drop);
	return sb_detach(&restore);
}

int
store_bulk_restore_indexes(struct store *st, const char *sql, char **cause)
{
	return sql && *sql ? store_exec(st, sql, cause) : 0;
}

int
store_begin(struct store *st, char **cause)
{
	return store_exec(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	return store_exec(st, "COMMIT", cause);
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK", NULL);
}

long
store_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s = prep(st, sql);
	long v = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	done(st, s);
	return v;
}

int
store_meta_set(struct store *st, const char *key, const char *value, char **cause)
{
	static const char sql[] =
	    "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return run(st, s, cause);
}

int
store_meta_get(struct store *st, const char *key, char **value)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*value = NULL;
	bind_text(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*value = col(s, 0);
		rc = 0;
	}
	done(st, s);
	return rc;
}

/* Calendar ---------------------------------------------------------------- */

int
store_calendar_put(struct store *st, const char *day, const char *kind,
    const char *name_cn, const char *name_en, char **cause)
{
	static const char sql[] =
	    "INSERT INTO calendar(day, kind, name_cn, name_en) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, "
	    "name_cn = excluded.name_cn, name_en = excluded.name_en";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, day);
	bind_text(s, 2, kind);
	bind_text(s, 3, name_cn);
	bind_text(s, 4, name_en);
	return run(st, s, cause);
}

int
store_calendar_load(struct store *st, struct calendar *cal, char **cause)
{
	static const char sql[] = "SELECT day, kind FROM calendar";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(s, 0);
		const char *kind = (const char *)sqlite3_column_text(s, 1);
		int d;

		if (day == NULL || kind == NULL || clock_parse_date(day, &d) != 0)
			continue;
		clock_calendar_set(cal, d, strcmp(kind, "transfer_workday") == 0 ?
		    CLOCK_WORKDAY : CLOCK_HOLIDAY);
	}
	done(st, s);
	clock_calendar_finish(cal);
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

int
store_calendar_each(struct store *st, const char *from, const char *to,
    store_calendar_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT day, kind, name_cn, name_en FROM calendar "
	    "WHERE day >= ?1 AND day <= ?2 ORDER BY day";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, from);
	bind_text(s, 2, to);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3));
	done(st, s);
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
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, code);
	bind_text(s, 2, name);
	bind_text(s, 3, level);
	bind_text(s, 4, parent && *parent ? parent : NULL);
	sqlite3_bind_int(s, 5, zone);
	return run(st, s, cause);
}

static void
region_from_row(sqlite3_stmt *s, struct region *r)
{
	r->code = col(s, 0);
	r->name = col(s, 1);
	r->level = col(s, 2);
	r->parent = col(s, 3);
}

int
store_region_get(struct store *st, const char *code, struct region *r)
{
	static const char sql[] =
	    "SELECT code, name, level, parent FROM region WHERE code = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	memset(r, 0, sizeof *r);
	bind_text(s, 1, code);
	if (sqlite3_step(s) == SQLITE_ROW) {
		region_from_row(s, r);
		rc = 0;
	}
	done(st, s);
	return rc;
}

static int
region_iter(struct store *st, sqlite3_stmt *s, store_region_fn fn, void *arg)
{
	int rc = 0;

	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct region r;

		region_from_row(s, &r);
		rc = fn(arg, &r);
		region_release(&r);
	}
	done(st, s);
	return rc;
}

int
store_region_children(struct store *st, const char *parent, store_region_fn fn, void *arg)
{
	static const char sql_top[] =
	    "SELECT code, name, level, parent FROM region WHERE parent IS NULL ORDER BY code";
	static const char sql[] =
	    "SELECT code, name, level, parent FROM region WHERE parent = ?1 ORDER BY code";
	sqlite3_stmt *s = prep(st, parent ? sql : sql_top);

	if (parent)
		bind_text(s, 1, parent);
	return region_iter(st, s, fn, arg);
}

int
store_region_each(struct store *st, const char *level, store_region_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT code, name, level, parent FROM region "
	    "WHERE ?1 IS NULL OR level = ?1 ORDER BY code";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, level);
	return region_iter(st, s, fn, arg);
}

/* Departments and offices ---------------------------------------------------- */

int
store_dept_put(struct store *st, const char *kind, const char *city_name,
    const char *district_suffix, const char *name_en, const char *levels,
    char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO dept_kind(kind, city_name, district_suffix, name_en, levels) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, kind);
	bind_text(s, 2, city_name);
	bind_text(s, 3, district_suffix);
	bind_text(s, 4, name_en);
	bind_text(s, 5, levels);
	return run(st, s, cause);
}

int
store_dept_each(struct store *st, store_dept_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT kind, city_name, district_suffix, levels FROM dept_kind ORDER BY kind";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3));
	done(st, s);
	return rc;
}

int
store_office_put(struct store *st, const char *code, const char *name,
    const char *kind, const char *region, const char *level, char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO office(code, name, kind, region, level) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, code);
	bind_text(s, 2, name);
	bind_text(s, 3, kind);
	bind_text(s, 4, region);
	bind_text(s, 5, level);
	return run(st, s, cause);
}

int
store_office_name(struct store *st, const char *code, char **name)
{
	static const char sql[] = "SELECT name FROM office WHERE code = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*name = NULL;
	bind_text(s, 1, code);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*name = col(s, 0);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_office_each(struct store *st, const char *prefix, store_office_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT code, name, kind, region, level FROM office "
	    "WHERE ?1 IS NULL OR (region >= ?1 AND region < ?1 || ':') ORDER BY code";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, prefix);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4));
	done(st, s);
	return rc;
}

/* Catalog -------------------------------------------------------------------- */

int
store_item_put(struct store *st, const struct item *it, char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO item(code, name, name_en, power_type, dept_kind, levels, "
	    "statutory_days, promised_days, fee_cents, online_depth, channels, guide) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, it->code);
	bind_text(s, 2, it->name);
	bind_text(s, 3, it->name_en);
	bind_text(s, 4, it->power_type);
	bind_text(s, 5, it->dept_kind);
	bind_text(s, 6, it->levels);
	sqlite3_bind_int(s, 7, it->statutory_days);
	sqlite3_bind_int(s, 8, it->promised_days);
	sqlite3_bind_int64(s, 9, it->fee_cents);
	sqlite3_bind_int(s, 10, it->online_depth);
	bind_text(s, 11, it->channels);
	bind_text(s, 12, it->guide);
	return run(st, s, cause);
}

int
store_material_put(struct store *st, const char *item, int seq,
    const char *name, int required, char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO item_material(item, seq, name, required) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, item);
	sqlite3_bind_int(s, 2, seq);
	bind_text(s, 3, name);
	sqlite3_bind_int(s, 4, required);
	return run(st, s, cause);
}

int
store_step_put(struct store *st, const char *item, int seq, const char *name,
    const char *name_en, const char *dept_kind, int limit_days, char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO item_step(item, seq, name, name_en, dept_kind, limit_days) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, item);
	sqlite3_bind_int(s, 2, seq);
	bind_text(s, 3, name);
	bind_text(s, 4, name_en);
	bind_text(s, 5, dept_kind);
	sqlite3_bind_int(s, 6, limit_days);
	return run(st, s, cause);
}

#define ITEM_COLS "code, name, name_en, power_type, dept_kind, levels, statutory_days, " \
	"promised_days, fee_cents, online_depth, channels, guide"

static void
item_from_row(sqlite3_stmt *s, struct item *it)
{
	it->code = col(s, 0);
	it->name = col(s, 1);
	it->name_en = col(s, 2);
	it->power_type = col(s, 3);
	it->dept_kind = col(s, 4);
	it->levels = col(s, 5);
	it->statutory_days = sqlite3_column_int(s, 6);
	it->promised_days = sqlite3_column_int(s, 7);
	it->fee_cents = (long)sqlite3_column_int64(s, 8);
	it->online_depth = sqlite3_column_int(s, 9);
	it->channels = col(s, 10);
	it->guide = col(s, 11);
}

int
store_item_get(struct store *st, const char *code, struct item *it)
{
	static const char sql[] = "SELECT " ITEM_COLS " FROM item WHERE code = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	memset(it, 0, sizeof *it);
	bind_text(s, 1, code);
	if (sqlite3_step(s) == SQLITE_ROW) {
		item_from_row(s, it);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_item_each(struct store *st, const char *text, store_item_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " ITEM_COLS " FROM item WHERE ?1 IS NULL OR instr(code, ?1) = 1 "
	    "OR instr(name, ?1) > 0 OR instr(lower(name_en), lower(?1)) > 0 ORDER BY code";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, text && *text ? text : NULL);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct item it;

		item_from_row(s, &it);
		rc = fn(arg, &it);
		item_release(&it);
	}
	done(st, s);
	return rc;
}

int
store_step_each(struct store *st, const char *item, store_step_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, name, name_en, dept_kind, limit_days FROM item_step "
	    "WHERE item = ?1 ORDER BY seq, dept_kind";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, item);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_int(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    sqlite3_column_int(s, 4));
	done(st, s);
	return rc;
}

int
store_material_each(struct store *st, const char *item, store_material_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, name, required FROM item_material WHERE item = ?1 ORDER BY seq";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, item);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_int(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int(s, 2));
	done(st, s);
	return rc;
}

/* Applicants ------------------------------------------------------------------ */

int
store_applicant_put(struct store *st, const char *id, const char *kind,
    const char *name, const char *phone, const char *region, char **cause)
{
	static const char sql[] =
	    "INSERT INTO applicant(id, kind, name, phone, region) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
	    "phone = CASE WHEN excluded.phone = '' THEN phone ELSE excluded.phone END, "
	    "region = excluded.region";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, id);
	bind_text(s, 2, kind);
	bind_text(s, 3, name);
	bind_text(s, 4, phone ? phone : "");
	bind_text(s, 5, region);
	return run(st, s, cause);
}

/* Users and keys ---------------------------------------------------------------- */

int
store_user_add(struct store *st, const struct user *u, const char *pwhash,
    const char *created, char **cause)
{
	static const char sql[] =
	    "INSERT INTO users(login, name, role, region, office, lang, pwhash, created, encoding) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 1, u->login);
	bind_text(s, 2, u->name ? u->name : "");
	bind_text(s, 3, role_name(u->role));
	bind_text(s, 4, u->region);
	bind_text(s, 5, u->office);
	bind_text(s, 6, u->lang ? u->lang : "zh");
	bind_text(s, 7, pwhash);
	bind_text(s, 8, created);
	bind_text(s, 9, u->encoding ? u->encoding : "utf-8");
	rc = sqlite3_step(s);
	done(st, s);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		set_cause(cause, _("user '%s' already exists"), u->login);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

#define USER_COLS "u.login, u.name, u.role, u.region, r.level, u.office, u.lang, u.disabled, " \
	"u.encoding"

static void
user_from_row(sqlite3_stmt *s, struct user *u)
{
	char *role = col(s, 2);

	u->login = col(s, 0);
	u->name = col(s, 1);
	if (role_parse(role, &u->role) != 0)
		u->role = ROLE_NONE;
	free(role);
	u->region = col(s, 3);
	u->region_level = col(s, 4);
	u->office = col_or_null(s, 5);
	u->lang = col(s, 6);
	u->disabled = sqlite3_column_int(s, 7);
	u->encoding = col(s, 8);
}

int
store_user_get(struct store *st, const char *login, struct user *u)
{
	static const char sql[] =
	    "SELECT " USER_COLS " FROM users u JOIN region r ON r.code = u.region "
	    "WHERE u.login = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	memset(u, 0, sizeof *u);
	bind_text(s, 1, login);
	if (sqlite3_step(s) == SQLITE_ROW) {
		user_from_row(s, u);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_user_each(struct store *st, store_user_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " USER_COLS ", (SELECT count(*) FROM user_key k WHERE k.login = u.login) "
	    "FROM users u JOIN region r ON r.code = u.region ORDER BY u.role, u.login";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct user u;

		memset(&u, 0, sizeof u);
		user_from_row(s, &u);
		rc = fn(arg, &u, sqlite3_column_int(s, 9));
		user_release(&u);
	}
	done(st, s);
	return rc;
}

static int
changed(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	done(st, s);
	if (rc != SQLITE_DONE)
		return -1;
	return sqlite3_changes(st->db) > 0 ? 0 : STORE_NOTFOUND;
}

int
store_user_set_disabled(struct store *st, const char *login, int disabled)
{
	static const char sql[] = "UPDATE users SET disabled = ?2 WHERE login = ?1";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	sqlite3_bind_int(s, 2, disabled);
	return changed(st, s);
}

int
store_user_set(struct store *st, const char *login, const char *name, const char *lang,
    const char *encoding)
{
	static const char sql[] =
	    "UPDATE users SET name = COALESCE(?2, name), lang = COALESCE(?3, lang), "
	    "encoding = COALESCE(?4, encoding) WHERE login = ?1";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	bind_text(s, 2, name);
	bind_text(s, 3, lang);
	bind_text(s, 4, encoding);
	return changed(st, s);
}

int
store_user_set_pwhash(struct store *st, const char *login, const char *pwhash)
{
	static const char sql[] = "UPDATE users SET pwhash = ?2 WHERE login = ?1";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	bind_text(s, 2, pwhash);
	return changed(st, s);
}

int
store_user_pwhash(struct store *st, const char *login, char **hash)
{
	static const char sql[] = "SELECT pwhash FROM users WHERE login = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*hash = NULL;
	bind_text(s, 1, login);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*hash = col_or_null(s, 0);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_key_add(struct store *st, const char *login, const char *type,
    const char *blob, const char *comment, const char *added, char **cause)
{
	static const char sql[] =
	    "INSERT INTO user_key(login, type, blob, comment, added) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 1, login);
	bind_text(s, 2, type);
	bind_text(s, 3, blob);
	bind_text(s, 4, comment ? comment : "");
	bind_text(s, 5, added);
	rc = sqlite3_step(s);
	done(st, s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		set_cause(cause, _("user '%s' already has this key"), login);
		return -1;
	}
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		set_cause(cause, _("no user '%s'"), login);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

int
store_key_each(struct store *st, const char *login, store_key_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT id, type, blob, comment, added FROM user_key WHERE login = ?1 ORDER BY id";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, login);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4));
	done(st, s);
	return rc;
}

int
store_key_remove(struct store *st, const char *login, long long id)
{
	static const char sql[] = "DELETE FROM user_key WHERE login = ?1 AND id = ?2";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	sqlite3_bind_int64(s, 2, id);
	return changed(st, s);
}

int
store_key_has(struct store *st, const char *login, const char *type, const char *blob)
{
	static const char sql[] =
	    "SELECT 1 FROM user_key WHERE login = ?1 AND type = ?2 AND blob = ?3";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 1, login);
	bind_text(s, 2, type);
	bind_text(s, 3, blob);
	rc = sqlite3_step(s) == SQLITE_ROW ? 0 : STORE_NOTFOUND;
	done(st, s);
	return rc;
}

int
store_login_failure_add(struct store *st, const char *login, const char *addr, long long at)
{
	static const char sql[] =
	    "INSERT INTO login_failure(login, addr, at) VALUES (?1, ?2, ?3)";
	static const char old[] = "DELETE FROM login_failure WHERE at < ?1";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	bind_text(s, 2, addr);
	sqlite3_bind_int64(s, 3, at);
	if (run(st, s, NULL) != 0)
		return -1;
	/* Forget what is a day old: the table stays small. */
	s = prep(st, old);
	sqlite3_bind_int64(s, 1, at - 86400);
	return run(st, s, NULL);
}

void
store_login_failures(struct store *st, const char *login, const char *addr, long long since,
    long *by_login, long *by_addr)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM login_failure WHERE login = ?1 AND at >= ?3), "
	    "(SELECT count(*) FROM login_failure WHERE addr = ?2 AND at >= ?3)";
	sqlite3_stmt *s = prep(st, sql);

	*by_login = *by_addr = 0;
	bind_text(s, 1, login);
	bind_text(s, 2, addr);
	sqlite3_bind_int64(s, 3, since);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*by_login = (long)sqlite3_column_int64(s, 0);
		*by_addr = (long)sqlite3_column_int64(s, 1);
	}
	done(st, s);
}

/* Cases -------------------------------------------------------------------- */

static const char *
or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* Parameters 27..34: the columns added for the lifecycle. */
static void
bind_case_tail(sqlite3_stmt *s, const struct tcase *c)
{
	bind_text(s, 27, or_null(c->prev_status));
	bind_text(s, 28, or_null(c->step_started));
	sqlite3_bind_int(s, 29, c->step_paused);
	bind_text(s, 30, or_null(c->pledge_date));
	bind_text(s, 31, c->pledge_materials ? c->pledge_materials : "");
	sqlite3_bind_int(s, 32, c->deemed);
	bind_text(s, 33, c->suspend_reason ? c->suspend_reason : "");
	sqlite3_bind_int(s, 34, c->suspend_days);
}

int
store_case_insert(struct store *st, struct tcase *c, char **cause)
{
	static const char sql[] =
	    "INSERT INTO cases(no, item, applicant, applicant_region, channel, hall_region, "
	    "office, office_region, status, open, step, submitted, accepted, decided, finished, "
	    "limit_days, paused_days, extended_days, paused_since, warn, due, on_time, "
	    "materials, result, fee_cents, version, prev_status, step_started, step_paused, "
	    "pledge_date, pledge_materials, deemed, suspend_reason, suspend_days) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 1, c->no);
	bind_text(s, 2, c->item);
	bind_text(s, 3, c->applicant);
	bind_text(s, 4, c->applicant_region);
	bind_text(s, 5, c->channel);
	bind_text(s, 6, c->hall_region);
	bind_text(s, 7, c->office);
	bind_text(s, 8, c->office_region);
	bind_text(s, 9, c->status);
	sqlite3_bind_int(s, 10, c->open);
	sqlite3_bind_int(s, 11, c->step);
	bind_text(s, 12, c->submitted);
	bind_text(s, 13, c->accepted && *c->accepted ? c->accepted : NULL);
	bind_text(s, 14, c->decided && *c->decided ? c->decided : NULL);
	bind_text(s, 15, c->finished && *c->finished ? c->finished : NULL);
	sqlite3_bind_int(s, 16, c->limit_days);
	sqlite3_bind_int(s, 17, c->paused_days);
	sqlite3_bind_int(s, 18, c->extended_days);
	bind_text(s, 19, c->paused_since && *c->paused_since ? c->paused_since : NULL);
	bind_text(s, 20, c->warn);
	bind_text(s, 21, c->due);
	if (c->on_time < 0)
		sqlite3_bind_null(s, 22);
	else
		sqlite3_bind_int(s, 22, c->on_time);
	bind_text(s, 23, c->materials ? c->materials : "");
	bind_text(s, 24, c->result ? c->result : "");
	sqlite3_bind_int64(s, 25, c->fee_cents);
	sqlite3_bind_int(s, 26, c->version > 0 ? c->version : 1);
	bind_case_tail(s, c);
	rc = sqlite3_step(s);
	done(st, s);
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("cannot save case '%s': %s"), c->no, sqlite3_errmsg(st->db));
		return -1;
	}
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define CASE_COLS \
	"c.id, c.no, c.item, i.name, i.name_en, c.applicant, a.name, a.phone, " \
	"c.applicant_region, c.channel, c.hall_region, hr.name, c.office, o.name, " \
	"c.office_region, c.status, c.open, c.step, " \
	"(SELECT CASE WHEN ?99 = 'en' THEN s.name_en ELSE s.name END FROM item_step s " \
	" WHERE s.item = c.item AND s.seq = c.step LIMIT 1), " \
	"c.submitted, c.accepted, c.decided, c.finished, c.limit_days, c.paused_days, " \
	"c.extended_days, c.paused_since, c.warn, c.due, c.on_time, c.materials, " \
	"c.result, c.fee_cents, c.version, c.prev_status, c.step_started, c.step_paused, " \
	"c.pledge_date, c.pledge_materials, c.deemed, c.suspend_reason, c.suspend_days, " \
	"(SELECT ',' || group_concat(b.office, ',') || ',' FROM case_branch b WHERE b.case_id = c.id)"
#define CASE_JOINS \
	" FROM cases c JOIN item i ON i.code = c.item " \
	"JOIN applicant a ON a.id = c.applicant " \
	"JOIN office o ON o.code = c.office " \
	"LEFT JOIN region hr ON hr.code = c.hall_region "

static void
case_from_row(sqlite3_stmt *s, struct tcase *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->no = col(s, 1);
	c->item = col(s, 2);
	c->item_name = col(s, 3);
	c->item_name_en = col(s, 4);
	c->applicant = col(s, 5);
	c->applicant_name = col(s, 6);
	c->applicant_phone = col(s, 7);
	c->applicant_region = col(s, 8);
	c->channel = col(s, 9);
	c->hall_region = col(s, 10);
	c->hall_name = col(s, 11);
	c->office = col(s, 12);
	c->office_name = col(s, 13);
	c->office_region = col(s, 14);
	c->status = col(s, 15);
	c->open = sqlite3_column_int(s, 16);
	c->step = sqlite3_column_int(s, 17);
	c->step_name = col(s, 18);
	c->submitted = col(s, 19);
	c->accepted = col(s, 20);
	c->decided = col(s, 21);
	c->finished = col(s, 22);
	c->limit_days = sqlite3_column_int(s, 23);
	c->paused_days = sqlite3_column_int(s, 24);
	c->extended_days = sqlite3_column_int(s, 25);
	c->paused_since = col(s, 26);
	c->warn = col(s, 27);
	c->due = col(s, 28);
	c->on_time = sqlite3_column_type(s, 29) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 29);
	c->materials = col(s, 30);
	c->result = col(s, 31);
	c->fee_cents = (long)sqlite3_column_int64(s, 32);
	c->version = sqlite3_column_int(s, 33);
	c->prev_status = col(s, 34);
	c->step_started = col(s, 35);
	c->step_paused = sqlite3_column_int(s, 36);
	c->pledge_date = col(s, 37);
	c->pledge_materials = col(s, 38);
	c->deemed = sqlite3_column_int(s, 39);
	c->suspend_reason = col(s, 40);
	c->suspend_days = sqlite3_column_int(s, 41);
	c->branch_offices = col(s, 42);
}

/* Text of a column without a copy: valid until the next step. */
static char *
peek(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return (char *)(t ? (const char *)t : "");
}

int
store_case_export(struct store *st, const struct case_filter *f, const struct scope *scope,
    store_case_fn fn, void *arg, char **cause)
{
	/*
	 * The columns of an export, and nothing else: no step name or branch
	 * subqueries, and no copies (the record borrows SQLite's text).
	 */
	static const char sql[] =
	    "SELECT c.no, c.item, i.name, i.name_en, c.applicant, a.name, c.status, c.open, "
	    "c.submitted, c.accepted, c.decided, c.finished, c.limit_days, c.paused_days, "
	    "c.extended_days, c.paused_since, c.warn, c.due, c.on_time, c.office, o.name, "
	    "c.channel, c.hall_region, c.applicant_region, c.office_region "
	    "FROM cases c JOIN item i ON i.code = c.item JOIN applicant a ON a.id = c.applicant "
	    "JOIN office o ON o.code = c.office "
	    "WHERE (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.item = ?2) "
	    "AND (?3 IS NULL OR c.office = ?3) AND (?4 IS NULL OR c.submitted >= ?4) "
	    "AND (?5 IS NULL OR c.submitted <= ?5) ORDER BY c.id";
	sqlite3_stmt *s;
	int rc = 0, step;

	if (scope->kind != SCOPE_ALL || f->no || f->applicant || f->name || f->phone || f->light ||
	    f->region || f->open_only || f->anomaly || f->forecast || f->limit > 0)
		return store_case_find(st, f, scope, fn, arg, cause);
	s = prep(st, sql);
	bind_text(s, 1, f->status);
	bind_text(s, 2, f->item);
	bind_text(s, 3, f->office);
	bind_text(s, 4, f->from);
	bind_text(s, 5, f->to);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct tcase c;

		memset(&c, 0, sizeof c);
		c.no = peek(s, 0);
		c.item = peek(s, 1);
		c.item_name = peek(s, 2);
		c.item_name_en = peek(s, 3);
		c.applicant = peek(s, 4);
		c.applicant_name = peek(s, 5);
		c.status = peek(s, 6);
		c.open = sqlite3_column_int(s, 7);
		c.submitted = peek(s, 8);
		c.accepted = peek(s, 9);
		c.decided = peek(s, 10);
		c.finished = peek(s, 11);
		c.limit_days = sqlite3_column_int(s, 12);
		c.paused_days = sqlite3_column_int(s, 13);
		c.extended_days = sqlite3_column_int(s, 14);
		c.paused_since = peek(s, 15);
		c.warn = peek(s, 16);
		c.due = peek(s, 17);
		c.on_time = sqlite3_column_type(s, 18) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 18);
		c.office = peek(s, 19);
		c.office_name = peek(s, 20);
		c.channel = peek(s, 21);
		c.hall_region = peek(s, 22);
		c.applicant_region = peek(s, 23);
		c.office_region = peek(s, 24);
		rc = fn(arg, &c);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		rc = -1;
	}
	done(st, s);
	return rc;
}

int
store_case_get(struct store *st, const char *no, struct tcase *c)
{
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS "WHERE c.no = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	memset(c, 0, sizeof *c);
	bind_text(s, 1, no);
	bind_text(s, 99, i18n_lang());
	if (sqlite3_step(s) == SQLITE_ROW) {
		case_from_row(s, c);
		rc = 0;
	}
	done(st, s);
	return rc;
}

/*
 * The effective day of a case's light: the day its clock stopped when it is
 * paused or decided, else today (?20). Same rule as tcase_light().
 */
#define EFF_DAY "COALESCE(c.paused_since, c.decided, ?20)"

int
store_case_find(struct store *st, const struct case_filter *f,
    const struct scope *scope, store_case_fn fn, void *arg, char **cause)
{
	struct sb q = SB_INIT;
	sqlite3_stmt *s = NULL;
	int rc = 0, step;

	if (scope->kind == SCOPE_NONE)
		return 0;
	sb_adds(&q, "SELECT " CASE_COLS CASE_JOINS "WHERE 1");
	switch (scope->kind) {
	case SCOPE_REGION:
		sb_adds(&q, " AND ((c.office_region >= ?30 AND c.office_region < ?31)"
		    " OR (c.hall_region >= ?30 AND c.hall_region < ?31)"
		    " OR (c.applicant_region >= ?30 AND c.applicant_region < ?31))");
		break;
	case SCOPE_CLERK:
		sb_adds(&q, " AND ((c.hall_region >= ?30 AND c.hall_region < ?31)"
		    " OR (c.applicant_region >= ?30 AND c.applicant_region < ?31)"
		    " OR c.office = ?32"
		    " OR c.id IN (SELECT case_id FROM case_branch WHERE office = ?32))");
		break;
	case SCOPE_OFFICE:
		/* A union of two indexed lookups, not an OR that would scan. */
		sb_adds(&q, " AND c.id IN (SELECT id FROM cases WHERE office = ?32"
		    " UNION SELECT case_id FROM case_branch WHERE office = ?32)");
		break;
	default:
		break;
	}
	if (f->no)
		sb_adds(&q, " AND c.no = ?1");
	if (f->applicant)
		sb_adds(&q, " AND c.applicant = ?2");
	if (f->name)
		sb_adds(&q, " AND c.applicant IN (SELECT id FROM applicant WHERE "
		    "name >= ?3 AND name < ?3 || char(1114111))");
	if (f->phone)
		sb_adds(&q, " AND c.applicant IN (SELECT id FROM applicant WHERE phone = ?4)");
	if (f->status)
		sb_adds(&q, " AND c.status = ?5");
	if (f->item)
		sb_adds(&q, " AND c.item = ?6");
	if (f->region)
		sb_adds(&q, " AND ((c.office_region >= ?7 AND c.office_region < ?7 || ':')"
		    " OR (c.hall_region >= ?7 AND c.hall_region < ?7 || ':')"
		    " OR (c.applicant_region >= ?7 AND c.applicant_region < ?7 || ':'))");
	if (f->office)
		sb_adds(&q, " AND c.office = ?8");
	if (f->from)
		sb_adds(&q, " AND c.submitted >= ?9");
	if (f->to)
		sb_adds(&q, " AND c.submitted <= ?10");
	switch (f->light) {
	case LIGHT_RED:
		sb_adds(&q, " AND c.open = 1 AND c.due < " EFF_DAY);
		break;
	case LIGHT_YELLOW:
		sb_adds(&q, " AND c.open = 1 AND c.due >= " EFF_DAY " AND c.warn <= " EFF_DAY);
		break;
	case LIGHT_GREEN:
		sb_adds(&q, " AND c.open = 1 AND c.warn > " EFF_DAY);
		break;
	default:
		break;
	}
	if (f->open_only)
		sb_adds(&q, " AND c.open = 1");
	if (f->forecast)
		sb_adds(&q, " AND c.open = 1 AND c.paused_since IS NULL AND c.decided IS NULL AND "
		    "((c.warn > ?20 AND c.warn <= ?13) OR (c.due >= ?20 AND c.due < ?13))");
	if (f->anomaly)
		sb_adds(&q, " AND c.id IN (SELECT case_id FROM anomaly WHERE kind = ?12)");
	sb_adds(&q, f->by_due ? " ORDER BY c.due, c.warn, c.id" : " ORDER BY c.submitted DESC, c.id DESC");
	if (f->limit > 0)
		sb_adds(&q, " LIMIT ?11");
	if (sqlite3_prepare_v2(st->db, q.buf, -1, &s, NULL) != SQLITE_OK) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		sb_release(&q);
		return -1;
	}
	sb_release(&q);
	bind_text(s, 1, f->no);
	bind_text(s, 2, f->applicant);
	bind_text(s, 3, f->name);
	bind_text(s, 4, f->phone);
	bind_text(s, 5, f->status);
	bind_text(s, 6, f->item);
	bind_text(s, 7, f->region);
	bind_text(s, 8, f->office);
	bind_text(s, 9, f->from);
	bind_text(s, 10, f->to);
	if (f->limit > 0)
		sqlite3_bind_int64(s, 11, f->limit);
	bind_text(s, 12, f->anomaly);
	bind_text(s, 13, f->forecast);
	bind_text(s, 20, f->today);
	if (scope->kind == SCOPE_REGION || scope->kind == SCOPE_CLERK) {
		bind_text(s, 30, scope->lo);
		bind_text(s, 31, scope->hi);
	}
	if (scope->kind == SCOPE_CLERK || scope->kind == SCOPE_OFFICE)
		bind_text(s, 32, scope->office);
	bind_text(s, 99, i18n_lang());
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct tcase c;

		case_from_row(s, &c);
		rc = fn(arg, &c);
		tcase_release(&c);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		rc = -1;
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_case_seq_next(struct store *st, const char *prefix, long *n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_seq(prefix, n) VALUES (?1, 1) "
	    "ON CONFLICT(prefix) DO UPDATE SET n = n + 1 RETURNING n";
	sqlite3_stmt *s = prep(st, sql);
	int rc = -1;

	bind_text(s, 1, prefix);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*n = (long)sqlite3_column_int64(s, 0);
		rc = 0;
	} else
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
	done(st, s);
	return rc;
}

int
store_case_seq_set(struct store *st, const char *prefix, long n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_seq(prefix, n) VALUES (?1, ?2) "
	    "ON CONFLICT(prefix) DO UPDATE SET n = max(n, excluded.n)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, prefix);
	sqlite3_bind_int64(s, 2, n);
	return run(st, s, cause);
}

int
store_case_update(struct store *st, const struct tcase *c, char **cause)
{
	static const char sql[] =
	    "UPDATE cases SET status = ?9, open = ?10, step = ?11, accepted = ?13, decided = ?14, "
	    "finished = ?15, limit_days = ?16, paused_days = ?17, extended_days = ?18, "
	    "paused_since = ?19, warn = ?20, due = ?21, on_time = ?22, materials = ?23, "
	    "result = ?24, fee_cents = ?25, version = version + 1, prev_status = ?27, "
	    "step_started = ?28, step_paused = ?29, pledge_date = ?30, pledge_materials = ?31, "
	    "deemed = ?32, suspend_reason = ?33, suspend_days = ?34 "
	    "WHERE id = ?35 AND version = ?26";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 9, c->status);
	sqlite3_bind_int(s, 10, c->open);
	sqlite3_bind_int(s, 11, c->step);
	bind_text(s, 13, or_null(c->accepted));
	bind_text(s, 14, or_null(c->decided));
	bind_text(s, 15, or_null(c->finished));
	sqlite3_bind_int(s, 16, c->limit_days);
	sqlite3_bind_int(s, 17, c->paused_days);
	sqlite3_bind_int(s, 18, c->extended_days);
	bind_text(s, 19, or_null(c->paused_since));
	bind_text(s, 20, c->warn);
	bind_text(s, 21, c->due);
	if (c->on_time < 0)
		sqlite3_bind_null(s, 22);
	else
		sqlite3_bind_int(s, 22, c->on_time);
	bind_text(s, 23, c->materials ? c->materials : "");
	bind_text(s, 24, c->result ? c->result : "");
	sqlite3_bind_int64(s, 25, c->fee_cents);
	sqlite3_bind_int(s, 26, c->version);
	bind_case_tail(s, c);
	sqlite3_bind_int64(s, 35, c->id);
	rc = sqlite3_step(s);
	done(st, s);
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return -1;
	}
	return sqlite3_changes(st->db) == 1 ? 0 : STORE_CONFLICT;
}

int
store_worklist(struct store *st, const char *office, const char *hall,
    const char *today, long limit, store_case_fn fn, void *arg)
{
	/*
	 * An office's open cases, the cases with a branch pending at the office,
	 * and (for a hall) decided cases waiting to be handed over there; most
	 * urgent first: by due date, then by warning date.
	 */
	static const char sql[] =
	    "SELECT " CASE_COLS CASE_JOINS "WHERE c.id IN ("
	    " SELECT id FROM cases WHERE office = ?1 AND open = 1"
	    " UNION SELECT case_id FROM case_branch WHERE office = ?1 AND opinion IS NULL"
	    " UNION SELECT id FROM cases WHERE hall_region = ?2 AND open = 1"
	    "   AND status IN ('approved', 'denied')) "
	    "ORDER BY c.due, c.warn, c.id LIMIT ?4";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, office ? office : "");
	bind_text(s, 2, hall ? hall : "~");
	sqlite3_bind_int64(s, 4, limit);
	bind_text(s, 20, today);
	bind_text(s, 99, i18n_lang());
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct tcase c;

		case_from_row(s, &c);
		rc = fn(arg, &c);
		tcase_release(&c);
	}
	done(st, s);
	return rc;
}

/* Summaries ----------------------------------------------------------------- */

/* Run an upsert that RETURNs the new count, then drop the row at zero. */
static int
counted(struct store *st, sqlite3_stmt *up, sqlite3_stmt *del, char **cause)
{
	int rc = sqlite3_step(up);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(up, 0) : 1;

	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		done(st, up);
		done(st, del);
		return -1;
	}
	done(st, up);
	if (n == 0)
		return run(st, del, cause);
	done(st, del);
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
	sqlite3_stmt *up = prep(st, up_sql), *del = prep(st, del_sql);
	int i;

	for (i = 0; i < nk; i++) {
		if (k[i].text) {
			bind_text(up, i + 1, k[i].text);
			bind_text(del, i + 1, k[i].text);
		} else {
			sqlite3_bind_int(up, i + 1, k[i].num);
			sqlite3_bind_int(del, i + 1, k[i].num);
		}
	}
	sqlite3_bind_int64(up, nk + 1, delta);
	return counted(st, up, del, cause);
}

int
store_stat_open_add(struct store *st, const char *area, const char *status,
    const char *warn, const char *due, long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_open(area, status, warn, due, n) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
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
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
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
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
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
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
	static const char del[] = "DELETE FROM stat_frozen_red WHERE office = ?1 AND area = ?2";
	const struct key k[] = { { office, 0 }, { area, 0 } };

	return stat_add(st, up, del, k, 2, delta, cause);
}

int
store_stat_roll(struct store *st, const char *today, char **cause)
{
	static const char del[] = "DELETE FROM stat_light";
	static const char ins[] =
	    "INSERT INTO stat_light SELECT area, status, CASE WHEN due < ?1 THEN 3 "
	    "WHEN warn <= ?1 THEN 2 ELSE 1 END, sum(n) FROM stat_open GROUP BY 1, 2, 3";
	sqlite3_stmt *s;

	if (store_exec(st, del, cause) != 0)
		return -1;
	s = prep(st, ins);
	bind_text(s, 1, today);
	if (run(st, s, cause) != 0)
		return -1;
	return store_meta_set(st, "stat_day", today, cause);
}

int
store_stat_office_add(struct store *st, const char *office, const char *area,
    const char *due, long delta, char **cause)
{
	static const char up[] =
	    "INSERT INTO stat_office(office, area, due, n) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
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
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n";
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
	    "ON CONFLICT DO UPDATE SET received = received + excluded.received, "
	    "finished = finished + excluded.finished, on_time = on_time + excluded.on_time";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, day);
	bind_text(s, 2, area);
	sqlite3_bind_int64(s, 3, received);
	sqlite3_bind_int64(s, 4, finished);
	sqlite3_bind_int64(s, 5, on_time);
	return run(st, s, cause);
}

int
store_stat_hall_add(struct store *st, const char *day, const char *hall, long delta, char **cause)
{
	static const char sql[] =
	    "INSERT INTO stat_hall(day, hall, received) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT DO UPDATE SET received = received + excluded.received";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, day);
	bind_text(s, 2, hall);
	sqlite3_bind_int64(s, 3, delta);
	return run(st, s, cause);
}

int
store_stat_clear(struct store *st, char **cause)
{
	return store_exec(st, "DELETE FROM stat_open; DELETE FROM stat_frozen; "
	    "DELETE FROM stat_office; DELETE FROM stat_step; DELETE FROM stat_day; "
	    "DELETE FROM stat_hall; DELETE FROM stat_light; DELETE FROM stat_frozen_red;", cause);
}

int
store_stat_rebuild(struct store *st, const char *today, char **cause)
{
	/* The light of a paused or decided case: as of the day its clock stopped. */
	static const char sql[] =
	    "DELETE FROM stat_open; DELETE FROM stat_frozen; DELETE FROM stat_office; "
	    "DELETE FROM stat_step; DELETE FROM stat_day; DELETE FROM stat_hall; "
	    "DELETE FROM stat_frozen_red; "
	    "INSERT INTO stat_open SELECT office_region, status, warn, due, count(*) FROM cases "
	    " WHERE open = 1 AND paused_since IS NULL AND decided IS NULL GROUP BY 1, 2, 3, 4; "
	    "INSERT INTO stat_office SELECT office, office_region, due, count(*) FROM cases "
	    " WHERE open = 1 AND paused_since IS NULL AND decided IS NULL GROUP BY 1, 3; "
	    "INSERT INTO stat_frozen SELECT office_region, status, "
	    " CASE WHEN COALESCE(paused_since, decided) > due THEN 3 "
	    "      WHEN COALESCE(paused_since, decided) >= warn THEN 2 ELSE 1 END, count(*) "
	    " FROM cases WHERE open = 1 AND (paused_since IS NOT NULL OR decided IS NOT NULL) "
	    " GROUP BY 1, 2, 3; "
	    "INSERT INTO stat_frozen_red SELECT office, office_region, count(*) FROM cases "
	    " WHERE open = 1 AND COALESCE(paused_since, decided) > due GROUP BY 1; "
	    "INSERT INTO stat_step SELECT item, step, substr(office_region, 1, 6), "
	    " COALESCE(step_started, accepted, submitted), count(*) FROM cases WHERE open = 1 "
	    " GROUP BY 1, 2, 3, 4; "
	    "INSERT INTO stat_day(day, district, received) SELECT submitted, "
	    " substr(office_region, 1, 6), count(*) FROM cases GROUP BY 1, 2; "
	    "INSERT INTO stat_day(day, district, finished, on_time) SELECT finished, "
	    " substr(office_region, 1, 6), count(*), sum(on_time = 1) FROM cases "
	    " WHERE status = 'completed' AND finished IS NOT NULL "
	    " GROUP BY 1, 2 ON CONFLICT DO UPDATE SET finished = excluded.finished, "
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
	sqlite3_stmt *s = NULL;
	long n = -1;

	if (store_exec(st, "BEGIN", cause) != 0)
		return -1;
	/* Rebuild as of the day the lights were kept for. */
	store_meta_get(st, "stat_day", &day);
	if (store_exec(st, copy, cause) != 0 || store_stat_rebuild(st, day ? day : "", cause) != 0)
		goto out;
	if (sqlite3_prepare_v2(st->db, diff, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	else
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
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
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, kind);
	bind_text(s, 3, day);
	bind_text(s, 4, detail ? detail : "");
	return run(st, s, cause);
}

/* Sum a light table (stat_light or stat_frozen) by area prefix and status. */
static int
lights_each(struct store *st, const char *sql, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg)
{
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	sqlite3_bind_int(s, 3, depth);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2),
		    (long)sqlite3_column_int64(s, 3));
	done(st, s);
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
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (long)sqlite3_column_int64(s, 1), (long)sqlite3_column_int64(s, 2),
		    (long)sqlite3_column_int64(s, 3));
	done(st, s);
	return rc;
}

int
store_stat_office_red(struct store *st, const char *lo, const char *hi, const char *today,
    long limit, store_stat_office_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT r.office, o.name, sum(r.n) FROM ("
	    " SELECT office, n FROM stat_office WHERE due < ?3 AND area >= ?1 AND area < ?2"
	    " UNION ALL SELECT office, n FROM stat_frozen_red WHERE area >= ?1 AND area < ?2"
	    ") r JOIN office o ON o.code = r.office GROUP BY r.office ORDER BY 3 DESC, 1 LIMIT ?4";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, today);
	sqlite3_bind_int64(s, 4, limit);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (long)sqlite3_column_int64(s, 2));
	done(st, s);
	return rc;
}

int
store_stat_step_each(struct store *st, const char *lo, const char *hi,
    store_stat_step_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT t.item, i.name, t.step, (SELECT CASE WHEN ?3 = 'en' THEN s.name_en ELSE s.name END "
	    " FROM item_step s WHERE s.item = t.item AND s.seq = t.step LIMIT 1), "
	    "(SELECT max(limit_days) FROM item_step s WHERE s.item = t.item AND s.seq = t.step), "
	    "t.started, sum(t.n) FROM stat_step t JOIN item i ON i.code = t.item "
	    "WHERE t.district >= substr(?1, 1, 6) AND t.district < ?2 "
	    "GROUP BY t.item, t.step, t.started ORDER BY t.item, t.step, t.started";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, i18n_lang());
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2),
		    sqlite3_column_text(s, 3) ? (const char *)sqlite3_column_text(s, 3) : "",
		    sqlite3_column_int(s, 4), (const char *)sqlite3_column_text(s, 5),
		    (long)sqlite3_column_int64(s, 6));
	done(st, s);
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
	    "WHERE h.day >= ?3 AND h.day <= ?4 AND h.hall >= ?1 AND h.hall < ?2 GROUP BY h.hall";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, day);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_text(s, 1) ? (const char *)sqlite3_column_text(s, 1) : "",
		    (long)sqlite3_column_int64(s, 2), (long)sqlite3_column_int64(s, 3),
		    (long)sqlite3_column_int64(s, 4));
	done(st, s);
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
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3));
	done(st, s);
	return rc;
}

int
store_case_newest(struct store *st, const char *lo, const char *hi, long long after,
    long limit, store_case_fn fn, void *arg)
{
	/* Walks the primary key backwards: cheap at any size. */
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS
	    "WHERE c.id > ?1 AND ((c.office_region >= ?2 AND c.office_region < ?3) OR "
	    "(c.hall_region >= ?2 AND c.hall_region < ?3)) ORDER BY c.id DESC LIMIT ?4";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	sqlite3_bind_int64(s, 1, after);
	bind_text(s, 2, lo);
	bind_text(s, 3, hi);
	sqlite3_bind_int64(s, 4, limit);
	bind_text(s, 99, i18n_lang());
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct tcase c;

		case_from_row(s, &c);
		rc = fn(arg, &c);
		tcase_release(&c);
	}
	done(st, s);
	return rc;
}

long long
store_case_max_id(struct store *st)
{
	static const char sql[] = "SELECT max(id) FROM cases";
	sqlite3_stmt *s = prep(st, sql);
	long long id = 0;

	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	done(st, s);
	return id;
}

int
store_case_each_all(struct store *st, store_case_fn fn, void *arg)
{
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS "ORDER BY c.id";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 99, i18n_lang());
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct tcase c;

		case_from_row(s, &c);
		rc = fn(arg, &c);
		tcase_release(&c);
	}
	done(st, s);
	return rc;
}

/* Supervision records ---------------------------------------------------------- */

static int
rows(struct store *st, sqlite3_stmt *s, store_row_fn fn, void *arg)
{
	const char *v[16];
	int rc = 0, n = sqlite3_column_count(s), i, found = 0;

	if (n > 16)
		n = 16;
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		found = 1;
		rc = fn(arg, n, v);
	}
	done(st, s);
	return rc ? rc : found ? 0 : STORE_NOTFOUND;
}

static int
inserted(struct store *st, sqlite3_stmt *s, long long *id, char **cause)
{
	if (run(st, s, cause) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Rows of a record list: ?1..?2 the area range, ?3 an office or NULL,
 * ?4 the fourth filter (a status, or a flag). */
static int
records(struct store *st, const char *sql, const char *lo, const char *hi, const char *office,
    const char *text4, int num4, store_row_fn fn, void *arg)
{
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, office);
	if (text4 != NULL || num4 < 0)
		bind_text(s, 4, text4);
	else
		sqlite3_bind_int(s, 4, num4);
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
	sqlite3_stmt *s = prep(st, sql);

	if (case_id > 0)
		sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, office);
	bind_text(s, 3, area);
	bind_text(s, 4, note);
	bind_text(s, 5, due);
	bind_text(s, 6, by);
	bind_text(s, 7, created);
	return inserted(st, s, id, cause);
}

int
store_supervision_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " SUP_COLS "WHERE s.id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_supervision_set(struct store *st, long long id, const char *status,
    const char *response, const char *responded, const char *closed, char **cause)
{
	static const char sql[] =
	    "UPDATE supervision SET status = ?2, response = COALESCE(?3, response), "
	    "responded = COALESCE(?4, responded), closed = ?5 WHERE id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, status);
	bind_text(s, 3, response);
	bind_text(s, 4, responded);
	bind_text(s, 5, closed);
	return run(st, s, cause);
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
	"p.accept_due, p.answer, p.by_login, p.missing_material FROM complaint p " \
	"JOIN office o ON o.code = p.office LEFT JOIN cases c ON c.id = p.case_id "

int
store_complaint_insert(struct store *st, long long case_id, const char *office,
    const char *area, const char *text, const char *received, const char *accept_due,
    const char *by, int missing_material, long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO complaint(case_id, office, area, text, status, received, accept_due, "
	    "by_login, missing_material) VALUES (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s = prep(st, sql);

	if (case_id > 0)
		sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, office);
	bind_text(s, 3, area);
	bind_text(s, 4, text);
	bind_text(s, 5, received);
	bind_text(s, 6, accept_due);
	bind_text(s, 7, by);
	sqlite3_bind_int(s, 8, missing_material);
	return inserted(st, s, id, cause);
}

int
store_complaint_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " COMPLAINT_COLS "WHERE p.id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_complaint_set(struct store *st, long long id, const char *status, const char *answer,
    char **cause)
{
	static const char sql[] =
	    "UPDATE complaint SET status = ?2, answer = COALESCE(?3, answer) WHERE id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, status);
	bind_text(s, 3, answer);
	return run(st, s, cause);
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

#define RATING_COLS "r.id, c.no, r.office, o.name, r.area, r.level, r.comment, r.day, " \
	"r.rect_due, r.rect_status, r.callback FROM rating r JOIN office o ON o.code = r.office " \
	"JOIN cases c ON c.id = r.case_id "

int
store_rating_insert(struct store *st, long long case_id, const char *office,
    const char *area, int level, const char *comment, const char *day, const char *rect_due,
    long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO rating(case_id, office, area, level, comment, day, rect_due, rect_status) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?7 IS NULL THEN NULL ELSE 'open' END)";
	sqlite3_stmt *s = prep(st, sql);
	int rc;

	sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, office);
	bind_text(s, 3, area);
	sqlite3_bind_int(s, 4, level);
	bind_text(s, 5, comment ? comment : "");
	bind_text(s, 6, day);
	bind_text(s, 7, rect_due);
	rc = sqlite3_step(s);
	done(st, s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		set_cause(cause, "%s", _("this case has already been rated"));
		return STORE_CONFLICT;
	}
	if (rc != SQLITE_DONE) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		return -1;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_rating_get(struct store *st, long long id, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " RATING_COLS "WHERE r.id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_rating_callback(struct store *st, long long id, const char *callback, char **cause)
{
	static const char sql[] =
	    "UPDATE rating SET callback = ?2, rect_status = CASE WHEN rect_due IS NULL THEN NULL "
	    "ELSE 'done' END WHERE id = ?1";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, callback);
	return run(st, s, cause);
}

int
store_rating_each(struct store *st, const char *lo, const char *hi, const char *office,
    int bad_only, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " RATING_COLS
	    "WHERE (?3 IS NULL OR r.office = ?3) AND (?3 IS NOT NULL OR (r.area >= ?1 AND r.area < ?2)) "
	    "AND (?4 = 0 OR r.level <= 2) ORDER BY r.day DESC, r.id DESC";

	return records(st, sql, lo, hi, office, NULL, bad_only, fn, arg);
}

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
	    "red AS (SELECT office, count(*) n FROM cases WHERE open = 1 AND due < "
	    "  COALESCE(paused_since, decided, ?5) AND office_region >= ?1 AND office_region < ?2 "
	    "  GROUP BY office), "
	    "sup AS (SELECT office, count(*) n FROM supervision WHERE status != 'closed' AND "
	    "  area >= ?1 AND area < ?2 GROUP BY office) "
	    "SELECT o.code, o.name, o.kind, o.level, o.region, COALESCE(rec.n, 0), COALESCE(fin.n, 0), "
	    " COALESCE(fin.ok, 0), COALESCE(fin.late, 0), COALESCE(red.n, 0), COALESCE(sup.n, 0), "
	    " COALESCE(fin.w, 0), COALESCE(fin.wok, 0) FROM office o "
	    "LEFT JOIN rec ON rec.office = o.code LEFT JOIN fin ON fin.office = o.code "
	    "LEFT JOIN red ON red.office = o.code LEFT JOIN sup ON sup.office = o.code "
	    "WHERE o.region >= ?1 AND o.region < ?2 AND (rec.n > 0 OR fin.n > 0 OR red.n > 0 "
	    " OR sup.n > 0) ORDER BY o.code";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	bind_text(s, 5, today);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
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
	done(st, s);
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
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (long)sqlite3_column_int64(s, 2),
		    (long)sqlite3_column_int64(s, 3), (long)sqlite3_column_int64(s, 4));
	done(st, s);
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
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		rc = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3), sqlite3_column_int(s, 4),
		    sqlite3_column_int(s, 5));
	done(st, s);
	return rc;
}

/* Branches ------------------------------------------------------------------ */

int
store_branch_insert(struct store *st, long long case_id, const struct branch *b, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_branch(case_id, step, dept_kind, office, limit_days, started, due) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, b->step);
	bind_text(s, 3, b->dept_kind);
	bind_text(s, 4, b->office);
	sqlite3_bind_int(s, 5, b->limit_days);
	bind_text(s, 6, b->started);
	bind_text(s, 7, b->due);
	return run(st, s, cause);
}

int
store_branch_clear(struct store *st, long long case_id, int step, char **cause)
{
	static const char sql[] = "DELETE FROM case_branch WHERE case_id = ?1 AND step = ?2";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, step);
	return run(st, s, cause);
}

int
store_branch_opinion(struct store *st, long long case_id, int step, const char *office,
    const char *verdict, const char *opinion, const char *login, const char *on)
{
	static const char sql[] =
	    "UPDATE case_branch SET opinion = ?4, verdict = ?5, by_login = ?6, done_on = ?7 "
	    "WHERE case_id = ?1 AND step = ?2 AND office = ?3 AND opinion IS NULL";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int(s, 2, step);
	bind_text(s, 3, office);
	bind_text(s, 4, opinion);
	bind_text(s, 5, verdict);
	bind_text(s, 6, login);
	bind_text(s, 7, on);
	return changed(st, s);
}

int
store_branch_each(struct store *st, long long case_id, store_branch_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT b.step, b.dept_kind, b.office, o.name, b.limit_days, b.started, b.due, "
	    "b.opinion, b.verdict, b.by_login, b.done_on FROM case_branch b "
	    "JOIN office o ON o.code = b.office WHERE b.case_id = ?1 ORDER BY b.step, b.dept_kind";
	sqlite3_stmt *s = prep(st, sql);
	int rc = 0;

	sqlite3_bind_int64(s, 1, case_id);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct branch b;

		b.step = sqlite3_column_int(s, 0);
		b.dept_kind = col(s, 1);
		b.office = col(s, 2);
		b.office_name = col(s, 3);
		b.limit_days = sqlite3_column_int(s, 4);
		b.started = col(s, 5);
		b.due = col(s, 6);
		b.opinion = col_or_null(s, 7);
		b.verdict = col_or_null(s, 8);
		b.by_login = col_or_null(s, 9);
		b.done_on = col_or_null(s, 10);
		rc = fn(arg, &b);
		branch_release(&b);
	}
	done(st, s);
	return rc;
}

int
store_office_for(struct store *st, const char *region, const char *kind, char **code)
{
	static const char sql[] = "SELECT code FROM office WHERE region = ?1 AND kind = ?2";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*code = NULL;
	bind_text(s, 1, region);
	bind_text(s, 2, kind);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*code = col(s, 0);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_applicant_get(struct store *st, const char *id, char **name, char **phone, char **region)
{
	static const char sql[] = "SELECT name, phone, region FROM applicant WHERE id = ?1";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*name = *phone = *region = NULL;
	bind_text(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*name = col(s, 0);
		*phone = col(s, 1);
		*region = col(s, 2);
		rc = 0;
	}
	done(st, s);
	return rc;
}

/* Drafts ---------------------------------------------------------------------- */

int
store_draft_put(struct store *st, const char *login, const char *kind, const char *data,
    const char *saved)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO draft(login, kind, data, saved) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	bind_text(s, 2, kind);
	bind_text(s, 3, data);
	bind_text(s, 4, saved);
	return run(st, s, NULL);
}

int
store_draft_get(struct store *st, const char *login, const char *kind, char **data, char **saved)
{
	static const char sql[] = "SELECT data, saved FROM draft WHERE login = ?1 AND kind = ?2";
	sqlite3_stmt *s = prep(st, sql);
	int rc = STORE_NOTFOUND;

	*data = *saved = NULL;
	bind_text(s, 1, login);
	bind_text(s, 2, kind);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*data = col(s, 0);
		*saved = col(s, 1);
		rc = 0;
	}
	done(st, s);
	return rc;
}

int
store_draft_delete(struct store *st, const char *login, const char *kind)
{
	static const char sql[] = "DELETE FROM draft WHERE login = ?1 AND kind = ?2";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, login);
	bind_text(s, 2, kind);
	return changed(st, s);
}

/* Events ------------------------------------------------------------------- */

int
store_event_insert(struct store *st, struct event *e, char **cause)
{
	static const char sql[] =
	    "INSERT INTO event(id, case_id, at, actor, addr, action, from_status, to_status, "
	    "note, hash, subject) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *s = prep(st, sql);

	if (e->id > 0)
		sqlite3_bind_int64(s, 1, e->id);
	sqlite3_bind_int64(s, 2, e->case_id);
	bind_text(s, 3, e->at);
	bind_text(s, 4, e->actor);
	bind_text(s, 5, e->addr ? e->addr : "");
	bind_text(s, 6, e->action);
	bind_text(s, 7, e->from_status ? e->from_status : "");
	bind_text(s, 8, e->to_status ? e->to_status : "");
	bind_text(s, 9, e->note ? e->note : "");
	bind_text(s, 10, e->hash);
	bind_text(s, 11, e->subject ? e->subject : "");
	if (run(st, s, cause) != 0)
		return -1;
	e->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define EVENT_COLS "id, case_id, at, actor, addr, action, from_status, to_status, note, hash, " \
	"subject"

static int
event_iter(struct store *st, sqlite3_stmt *s, store_event_fn fn, void *arg)
{
	int rc = 0;

	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		struct event e;

		e.id = sqlite3_column_int64(s, 0);
		e.case_id = sqlite3_column_int64(s, 1);
		e.at = col(s, 2);
		e.actor = col(s, 3);
		e.addr = col(s, 4);
		e.action = col(s, 5);
		e.from_status = col(s, 6);
		e.to_status = col(s, 7);
		e.note = col(s, 8);
		e.hash = col(s, 9);
		e.subject = col(s, 10);
		rc = fn(arg, &e);
		event_release(&e);
	}
	done(st, s);
	return rc;
}

int
store_event_each_of_case(struct store *st, long long case_id, store_event_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM event WHERE case_id = ?1 ORDER BY id";
	sqlite3_stmt *s = prep(st, sql);

	sqlite3_bind_int64(s, 1, case_id);
	return event_iter(st, s, fn, arg);
}

int
store_event_each(struct store *st, store_event_fn fn, void *arg)
{
	static const char sql[] = "SELECT " EVENT_COLS " FROM event ORDER BY id";

	return event_iter(st, prep(st, sql), fn, arg);
}

int
store_event_each_between(struct store *st, const char *from, const char *to,
    store_event_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM event WHERE substr(at, 1, 10) >= ?1 "
	    "AND substr(at, 1, 10) <= ?2 ORDER BY id";
	sqlite3_stmt *s = prep(st, sql);

	bind_text(s, 1, from);
	bind_text(s, 2, to);
	return event_iter(st, s, fn, arg);
}

int
store_event_last(struct store *st, long long *id, char hash[65])
{
	static const char sql[] = "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = prep(st, sql);
	const unsigned char *h;

	*id = 0;
	hash[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if ((h = sqlite3_column_text(s, 1)) != NULL) {
			strncpy(hash, (const char *)h, 64);
			hash[64] = '\0';
		}
	}
	done(st, s);
	return 0;
}
