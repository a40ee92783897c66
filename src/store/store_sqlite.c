/*
 * The SQLite driver: one file in WAL mode with foreign keys on, the light
 * as an SQL function over clock_light_at(), writers that wait for each
 * other in short random steps, and SQLite's own tuning for a bulk load.
 * The only file that includes sqlite3.h.
 */
#include <sqlite3.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

#define DB(st) ((sqlite3 *)(st)->conn)
#define STMT(s) ((sqlite3_stmt *)(s)->native)

/*
 * SQLite's message for the last failure, or ours where SQLite's would
 * send the user after the wrong thing: "database is locked" means other
 * writers kept it past the deadline of busy_wait(), and nothing was done.
 */
static const char *
lite_errmsg(struct store *st)
{
	if (DB(st) == NULL)
		return "out of memory";
	switch (sqlite3_errcode(DB(st)) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("the database is busy with other changes; nothing was changed, try again");
	default:
		return sqlite3_errmsg(DB(st));
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

static int
lite_exec(struct store *st, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(DB(st), sql, NULL, NULL, &err) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s",
		    (sqlite3_errcode(DB(st)) & 0xff) == SQLITE_BUSY || !err ?
		    lite_errmsg(st) : err);
		set_cause(cause, _("database: %s"), st->err);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
lite_open(struct store *st, const char *path, int create, char **cause)
{
	/* One thread per connection: no mutex on every call (NOMUTEX). */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	sqlite3 *db = NULL;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	/*
	 * The database holds applicants' names, ID numbers and phones: private
	 * to the user running tongban. SQLite makes the -wal and -shm files
	 * later, with the database's mode, and a process umask of at least 077
	 * keeps every file this process creates (database, its -wal and -shm,
	 * a demo database) 0600 whatever the caller's umask (store.h).
	 */
	umask(umask(077) | 077);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		set_cause(cause, _("cannot open database '%s': %s"), path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	st->conn = db;
	sqlite3_busy_handler(db, busy_wait, st);
	sqlite3_extended_result_codes(db, 1);
	/*
	 * A file we may not write is opened read-only by SQLite: it serves
	 * reads, and it is in WAL mode already if tongban made it.
	 */
	if (sqlite3_db_readonly(db, "main") != 1 &&
	    lite_exec(st, "PRAGMA journal_mode=WAL;", cause) != 0)
		return -1;
	/*
	 * A session reads a few pages per screen and the kernel keeps the file
	 * cached for every process: a page cache of 1 MiB per connection keeps
	 * a console session small (PERFORMANCE.md); bulk work raises it.
	 */
	if (lite_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
	    "PRAGMA cache_size=-1024;", cause) != 0)
		return -1;
	if (sqlite3_create_function(db, "tb_light", 3,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_light,
	    NULL, NULL) != SQLITE_OK) {
		set_cause(cause, _("database: %s"), sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static void
lite_close(struct store *st)
{
	sqlite3_close(DB(st));
	st->conn = NULL;
}

static int
lite_prepare(struct store *st, sq_stmt *s)
{
	sqlite3_stmt *p = NULL;

	if (sqlite3_prepare_v2(DB(st), s->sql, -1, &p, NULL) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(DB(st)));
		sqlite3_finalize(p);
		return -1;
	}
	s->native = p;
	return 0;
}

static void
lite_reset(sq_stmt *s)
{
	sqlite3_reset(STMT(s));
	sqlite3_clear_bindings(STMT(s));
}

static void
lite_finalize(sq_stmt *s)
{
	sqlite3_finalize(STMT(s));
	s->native = NULL;
}

static void
lite_bind_text(sq_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(STMT(s), i, v, -1, SQLITE_TRANSIENT);
}

static void
lite_bind_int(sq_stmt *s, int i, long long v)
{
	sqlite3_bind_int64(STMT(s), i, v);
}

static void
lite_bind_null(sq_stmt *s, int i)
{
	sqlite3_bind_null(STMT(s), i);
}

static enum sq_step
lite_step(sq_stmt *s)
{
	switch (sqlite3_step(STMT(s))) {
	case SQLITE_ROW:
		return SQ_ROW;
	case SQLITE_DONE:
		return SQ_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
		return SQ_UNIQUE;
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return SQ_PRIMARYKEY;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return SQ_FOREIGNKEY;
	default:
		return SQ_ERROR;
	}
}

static const char *
lite_col_text(sq_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(STMT(s), i);
}

static long long
lite_col_int(sq_stmt *s, int i)
{
	return sqlite3_column_int64(STMT(s), i);
}

static int
lite_col_count(sq_stmt *s)
{
	return sqlite3_column_count(STMT(s));
}

static long long
lite_last_id(struct store *st)
{
	return sqlite3_last_insert_rowid(DB(st));
}

static int
lite_changes(struct store *st)
{
	return sqlite3_changes(DB(st));
}

static int
lite_failed(struct store *st)
{
	switch (sqlite3_errcode(DB(st)) & 0xff) {
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

static int
lite_in_txn(struct store *st)
{
	return !sqlite3_get_autocommit(DB(st));
}

static void
lite_bulk_begin(struct store *st, int fresh)
{
	lite_exec(st, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", NULL);
	if (fresh && lite_exec(st, "PRAGMA journal_mode=OFF", NULL) == 0)
		st->bulk_unjournaled = 1;
}

static void
lite_bulk_end(struct store *st)
{
	if (st->bulk_unjournaled) {
		lite_exec(st, "PRAGMA journal_mode=WAL", NULL);
		st->bulk_unjournaled = 0;
	}
	lite_exec(st, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-1024; "
	    "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
}

/* PRAGMA data_version: changes when another connection commits. */
static long
lite_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sq_stmt *s = sq_prep(st, sql);
	long v = -1;

	if (sq_first(st, s) == 0)
		v = (long)sq_col_int(s, 0);
	sq_done(st, s);
	return v;
}

static int
lite_schema_version(struct store *st, int *version)
{
	sq_stmt *s = sq_prep(st, "PRAGMA user_version");
	int rc = sq_first(st, s);

	*version = rc == 0 ? (int)sq_col_int(s, 0) : 0;
	sq_done(st, s);
	return rc < 0 ? -1 : 0;
}

const struct store_driver store_sqlite = {
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.prepare = lite_prepare,
	.reset = lite_reset,
	.finalize = lite_finalize,
	.bind_text = lite_bind_text,
	.bind_int = lite_bind_int,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_count = lite_col_count,
	.last_id = lite_last_id,
	.changes = lite_changes,
	.errmsg = lite_errmsg,
	.failed = lite_failed,
	.in_txn = lite_in_txn,
	.begin_sql = "BEGIN IMMEDIATE",
	.bulk_begin = lite_bulk_begin,
	.bulk_end = lite_bulk_end,
	.index_sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
	    "AND sql IS NOT NULL AND tbl_name IN ('cases', 'event', 'applicant')",
	.data_version = lite_data_version,
	.schema_version = lite_schema_version,
};
