/*
 * The connection: opening a database (and creating it from the schema),
 * scripts, transactions, bulk-load tuning, the meta table, and the helpers
 * of store_priv.h that every other store_*.c file steps its statements
 * with. Statements are prepared once per connection and kept in a small
 * cache keyed by the address of their (static) SQL text.
 */
#include <assert.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

sqlite3_stmt *
sq_prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int i;

	assert(st != NULL && sql != NULL);
	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			/* Re-entering would reset the statement under its stepper. */
			assert(!st->cache[i].busy);
			st->cache[i].busy = 1;
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
		st->cache[st->ncache].busy = 1;
		st->ncache++;
	}
	return s;
}

void
sq_done(struct store *st, sqlite3_stmt *s)
{
	int i;

	assert(st != NULL);
	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].stmt == s) {
			assert(st->cache[i].busy);
			st->cache[i].busy = 0;
			sqlite3_reset(s);
			return;
		}
	sqlite3_finalize(s);
}

void
sq_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

char *
sq_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t ? (const char *)t : "");
}

char *
sq_col_or_null(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

char *
sq_peek(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return (char *)(t ? (const char *)t : "");
}

/*
 * SQLite's message for the last failure, or ours where SQLite's would
 * send the user after the wrong thing: "database is locked" means other
 * writers kept it past the deadline of busy_wait(), and nothing was done.
 */
static const char *
errmsg(struct store *st)
{
	switch (sqlite3_errcode(st->db) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("the database is busy with other changes; nothing was changed, try again");
	default:
		return sqlite3_errmsg(st->db);
	}
}

/*
 * Waiting for another writer: SQLite's own timeout sleeps up to 100 ms a
 * try, so under many writers a change waits in steps far longer than the
 * few milliseconds a transaction holds the lock. Try again after 0.1 to
 * 1 ms (a little random, so that waiters do not move in step) until
 * STORE_BUSY_MS have passed.
 */
static int
busy_wait(void *arg, int n)
{
	struct store *st = arg;
	struct timespec now, pause;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	if (n == 0)
		st->busy_since = ms;
	if (ms - st->busy_since >= STORE_BUSY_MS)
		return 0;
	pause.tv_sec = 0;
	pause.tv_nsec = (n < 50 ? 100000 : 500000) + (long)(random() % 500000);
	nanosleep(&pause, NULL);
	return 1;
}

int
sq_fail(struct store *st, char **cause)
{
	snprintf(st->err, sizeof st->err, "%s", errmsg(st));
	set_cause(cause, _("database: %s"), st->err);
	return -1;
}

int
sq_first(struct store *st, sqlite3_stmt *s)
{
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		return 0;
	case SQLITE_DONE:
		return STORE_NOTFOUND;
	default:
		return sq_fail(st, NULL);
	}
}

int
sq_next(struct store *st, sqlite3_stmt *s, int *rc)
{
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		*rc = sq_fail(st, NULL);
		return 0;
	}
}

int
sq_run(struct store *st, sqlite3_stmt *s, char **cause)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rc = sq_fail(st, cause);
	else
		rc = 0;
	sq_done(st, s);
	return rc;
}

int
sq_changed(struct store *st, sqlite3_stmt *s)
{
	int rc = sq_run(st, s, NULL);

	if (rc != 0)
		return rc;
	return sqlite3_changes(st->db) > 0 ? 0 : STORE_NOTFOUND;
}

/* tb_light(due, warn, day): the light of a clock on day, as 1, 2, 3
 * (enum light); the rule is clock_light_at(), the one tcase_light() uses. */
static void
sql_light(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *due = (const char *)sqlite3_value_text(argv[0]);
	const char *warn = (const char *)sqlite3_value_text(argv[1]);
	const char *day = (const char *)sqlite3_value_text(argv[2]);
	int d;

	(void)argc;
	if (clock_parse_date(day, &d) != 0)
		sqlite3_result_int(ctx, LIGHT_NONE);
	else
		sqlite3_result_int(ctx, (int)clock_light_at(d, warn, due));
}

struct store *
store_open(const char *path, const char *schema_sql, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	/* One thread per connection: no mutex on every call (NOMUTEX). */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int version = 0;
	sqlite3_stmt *s;

	if (schema_sql != NULL)
		flags |= SQLITE_OPEN_CREATE;
	/*
	 * The database holds applicants' names, ID numbers and phones: private
	 * to the user running tongban. SQLite makes the -wal and -shm files
	 * later, with the database's mode, and a process umask of at least 077
	 * keeps every file this process creates (database, its -wal and -shm,
	 * a demo database) 0600 whatever the caller's umask (store.h).
	 */
	umask(umask(077) | 077);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		set_cause(cause, _("cannot open database '%s': %s"), path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_handler(st->db, busy_wait, st);
	sqlite3_extended_result_codes(st->db, 1);
	/*
	 * A file we may not write is opened read-only by SQLite: it serves
	 * reads, and it is in WAL mode already if tongban made it.
	 */
	if (sqlite3_db_readonly(st->db, "main") != 1 &&
	    store_exec(st, "PRAGMA journal_mode=WAL;", cause) != 0)
		goto fail;
	/*
	 * A session reads a few pages per screen and the kernel keeps the file
	 * cached for every process: a page cache of 1 MiB per connection keeps
	 * a console session small (PERFORMANCE.md); bulk work raises it.
	 */
	if (store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
	    "PRAGMA cache_size=-1024;", cause) != 0)
		goto fail;
	if (sqlite3_create_function(st->db, "tb_light", 3,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_light,
	    NULL, NULL) != SQLITE_OK) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(st->db));
		goto fail;
	}
	s = sq_prep(st, "PRAGMA user_version");
	if (sq_first(st, s) == 0)
		version = sqlite3_column_int(s, 0);
	sq_done(st, s);
	if (st->err[0] != '\0') {
		set_cause(cause, _("cannot open database '%s': %s"), path, st->err);
		goto fail;
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

	assert(st != NULL);
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s", (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY ||
		    !err ? errmsg(st) : err);
		set_cause(cause, _("database: %s"), st->err);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

void
store_bulk_begin(struct store *st)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT NOT EXISTS (SELECT 1 FROM cases) AND "
	    "NOT EXISTS (SELECT 1 FROM event)");
	int fresh = sq_first(st, s) == 0 && sqlite3_column_int(s, 0) == 1;

	sq_done(st, s);
	store_exec(st, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", NULL);
	if (fresh && store_exec(st, "PRAGMA journal_mode=OFF", NULL) == 0)
		st->bulk_unjournaled = 1;
}

void
store_bulk_end(struct store *st)
{
	if (st->bulk_unjournaled) {
		store_exec(st, "PRAGMA journal_mode=WAL", NULL);
		st->bulk_unjournaled = 0;
	}
	store_exec(st, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-1024; "
	    "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
}

char *
store_bulk_drop_indexes(struct store *st, char **cause)
{
	static const char sql[] =
	    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
	    "AND tbl_name IN ('cases', 'event', 'applicant')";
	struct sb restore = SB_INIT, drop = SB_INIT;
	sqlite3_stmt *s = sq_prep(st, sql);
	char *out = NULL;
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		/* Index names come from the schema itself, never from input. */
		sb_addf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(s, 0));
		sb_addf(&restore, "%s;", (const char *)sqlite3_column_text(s, 1));
	}
	sq_done(st, s);
	if (rc != 0) {
		set_cause(cause, _("database: %s"), store_error(st));
		goto out;
	}
	if (store_exec(st, drop.buf, cause) != 0)
		goto out;
	out = sb_detach(&restore);
out:
	sb_release(&drop);
	sb_release(&restore);
	return out;
}

int
store_bulk_restore_indexes(struct store *st, const char *sql, char **cause)
{
	return sql && *sql ? store_exec(st, sql, cause) : 0;
}

/*
 * A change inside another one (a user added by an import of many) is a
 * savepoint of it: its commit keeps it for the outer one to commit, its
 * rollback undoes it alone.
 */
int
store_begin(struct store *st, char **cause)
{
	char sql[32];

	if (sqlite3_get_autocommit(st->db)) {
		st->nest = 0;
		return store_exec(st, "BEGIN IMMEDIATE", cause);
	}
	snprintf(sql, sizeof sql, "SAVEPOINT tb%d", st->nest + 1);
	if (store_exec(st, sql, cause) != 0)
		return -1;
	st->nest++;
	return 0;
}

int
store_commit(struct store *st, char **cause)
{
	char sql[32];

	if (st->nest == 0 || sqlite3_get_autocommit(st->db)) {
		st->nest = 0;
		return store_exec(st, "COMMIT", cause);
	}
	snprintf(sql, sizeof sql, "RELEASE tb%d", st->nest--);
	return store_exec(st, sql, cause);
}

void
store_rollback(struct store *st)
{
	char sql[64];

	if (sqlite3_get_autocommit(st->db))
		st->nest = 0;
	if (st->nest > 0) {
		snprintf(sql, sizeof sql, "ROLLBACK TO tb%d; RELEASE tb%d", st->nest, st->nest);
		st->nest--;
		store_exec(st, sql, NULL);
	} else if (!sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK", NULL);
}

const char *
store_error(struct store *st)
{
	assert(st != NULL);
	return st->err[0] ? st->err : errmsg(st);
}

int
store_failed(struct store *st)
{
	switch (sqlite3_errcode(st->db) & 0xff) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_CORRUPT:
	case SQLITE_NOMEM:
	case SQLITE_NOTADB:
		return 1;
	default:
		return 0;
	}
}

long
store_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s = sq_prep(st, sql);
	long v = -1;

	if (sq_first(st, s) == 0)
		v = sqlite3_column_int64(s, 0);
	sq_done(st, s);
	return v;
}

int
store_meta_set(struct store *st, const char *key, const char *value, char **cause)
{
	static const char sql[] =
	    "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, key);
	sq_text(s, 2, value);
	return sq_run(st, s, cause);
}

int
store_meta_get(struct store *st, const char *key, char **value)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	sqlite3_stmt *s = sq_prep(st, sql);
	int rc;

	*value = NULL;
	sq_text(s, 1, key);
	if ((rc = sq_first(st, s)) == 0)
		*value = sq_col(s, 0);
	sq_done(st, s);
	return rc;
}
