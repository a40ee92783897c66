/*
 * The connection, whichever database is behind it: opening a store (and
 * creating it from the schema), scripts, transactions, bulk-load tuning,
 * the meta table, and the helpers of store_priv.h that every other
 * store_*.c file steps its statements with. Statements are prepared once
 * per connection and kept in a small cache keyed by the address of their
 * (static) SQL text. What differs between SQLite and PostgreSQL is in the
 * drivers, store_sqlite.c and store_pg.c.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schema.h"
#include "store_priv.h"
#include "util.h"

/* Statements ---------------------------------------------------------------- */

sq_stmt *
sq_prep(struct store *st, const char *sql)
{
	sq_stmt *s;
	int i;

	assert(st != NULL && sql != NULL);
	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			/* Re-entering would reset the statement under its stepper. */
			assert(!st->cache[i].busy);
			st->cache[i].busy = 1;
			st->drv->reset(&st->cache[i]);
			return &st->cache[i];
		}
	if (st->ncache < STMT_CACHE) {
		s = &st->cache[st->ncache++];
		s->cached = 1;
	} else {
		s = xcalloc(1, sizeof *s);
		s->cached = 0;
	}
	s->st = st;
	s->sql = sql;
	s->native = NULL;
	s->owned = NULL;
	s->busy = 1;
	if (st->drv->prepare(st, s) != 0) {
		/* A bad statement is a programming error: say which and stop. */
		fprintf(stderr, "tongban: cannot prepare '%s': %s\n", sql, st->err);
		abort();
	}
	return s;
}

sq_stmt *
sq_prep_once(struct store *st, const char *sql)
{
	sq_stmt *s = xcalloc(1, sizeof *s);

	s->st = st;
	s->owned = xstrdup(sql);
	s->sql = s->owned;
	s->busy = 1;
	if (st->drv->prepare(st, s) != 0) {
		free(s->owned);
		free(s);
		return NULL;
	}
	return s;
}

void
sq_done(struct store *st, sq_stmt *s)
{
	assert(st != NULL && s != NULL);
	if (s->cached) {
		assert(s->busy);
		s->busy = 0;
		st->drv->reset(s);
		return;
	}
	if (s->native != NULL)
		st->drv->finalize(s);
	free(s->owned);
	free(s);
}

void
sq_text(sq_stmt *s, int i, const char *v)
{
	if (v == NULL)
		s->st->drv->bind_null(s, i);
	else
		s->st->drv->bind_text(s, i, v);
}

void
sq_int(sq_stmt *s, int i, long long v)
{
	s->st->drv->bind_int(s, i, v);
}

void
sq_null(sq_stmt *s, int i)
{
	s->st->drv->bind_null(s, i);
}

long long
sq_col_int(sq_stmt *s, int i)
{
	return s->st->drv->col_int(s, i);
}

const unsigned char *
sq_col_text(sq_stmt *s, int i)
{
	return (const unsigned char *)s->st->drv->col_text(s, i);
}

int
sq_col_null(sq_stmt *s, int i)
{
	return s->st->drv->col_text(s, i) == NULL;
}

int
sq_ncols(sq_stmt *s)
{
	return s->st->drv->col_count(s);
}

char *
sq_col(sq_stmt *s, int i)
{
	const char *t = s->st->drv->col_text(s, i);

	return xstrdup(t ? t : "");
}

char *
sq_col_or_null(sq_stmt *s, int i)
{
	const char *t = s->st->drv->col_text(s, i);

	return t ? xstrdup(t) : NULL;
}

char *
sq_peek(sq_stmt *s, int i)
{
	const char *t = s->st->drv->col_text(s, i);

	return (char *)(t ? t : "");
}

enum sq_step
sq_step(sq_stmt *s)
{
	return s->st->drv->step(s);
}

long long
sq_last_id(struct store *st)
{
	return st->drv->last_id(st);
}

int
sq_changes(struct store *st)
{
	return st->drv->changes(st);
}

int
sq_fail(struct store *st, char **cause)
{
	snprintf(st->err, sizeof st->err, "%s", st->drv->errmsg(st));
	set_cause(cause, _("database: %s"), st->err);
	return -1;
}

int
sq_first(struct store *st, sq_stmt *s)
{
	switch (st->drv->step(s)) {
	case SQ_ROW:
		return 0;
	case SQ_DONE:
		return STORE_NOTFOUND;
	default:
		return sq_fail(st, NULL);
	}
}

int
sq_next(struct store *st, sq_stmt *s, int *rc)
{
	switch (st->drv->step(s)) {
	case SQ_ROW:
		return 1;
	case SQ_DONE:
		return 0;
	default:
		*rc = sq_fail(st, NULL);
		return 0;
	}
}

int
sq_run(struct store *st, sq_stmt *s, char **cause)
{
	enum sq_step r = st->drv->step(s);
	int rc = 0;

	if (r != SQ_DONE && r != SQ_ROW)
		rc = sq_fail(st, cause);
	sq_done(st, s);
	return rc;
}

int
sq_changed(struct store *st, sq_stmt *s)
{
	int rc = sq_run(st, s, NULL);

	if (rc != 0)
		return rc;
	return st->drv->changes(st) > 0 ? 0 : STORE_NOTFOUND;
}

/* The connection ------------------------------------------------------------ */

int
store_is_pg(const char *where)
{
	return where != NULL && (strncmp(where, "postgresql://", 13) == 0 ||
	    strncmp(where, "postgres://", 11) == 0 || strchr(where, '=') != NULL);
}

/*
 * where as it may be shown: a PostgreSQL password (user:secret@ in a URI,
 * password=secret in a key=value string or a URI's query) becomes ***.
 */
const char *
store_shown(const char *where)
{
	static char out[512];
	const char *p, *at, *colon, *scheme;
	size_t n = 0;

	if (where == NULL || !store_is_pg(where))
		return where;
	scheme = strstr(where, "://");
	while (*where != '\0' && n + 4 < sizeof out) {
		if (scheme != NULL && where == scheme + 3) {
			/* user:secret@host */
			at = strchr(where, '@');
			colon = strchr(where, ':');
			if (at != NULL && colon != NULL && colon < at &&
			    strcspn(where, "/?") > (size_t)(at - where)) {
				n += (size_t)snprintf(out + n, sizeof out - n, "%.*s:***",
				    (int)(colon - where), where);
				where = at;
				continue;
			}
		}
		if (strncmp(where, "password=", 9) == 0 &&
		    (where == out || n == 0 || strchr(" ?&", out[n - 1]) != NULL)) {
			n += (size_t)snprintf(out + n, sizeof out - n, "password=***");
			p = where + 9;
			while (*p != '\0' && *p != ' ' && *p != '&')
				p++;
			where = p;
			continue;
		}
		out[n++] = *where++;
	}
	out[n < sizeof out ? n : sizeof out - 1] = '\0';
	return out;
}

struct store *
store_open(const char *where, const char *schema, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	int version = 0, rc;

	st->drv = store_is_pg(where) ? &store_pg : &store_sqlite;
	if (st->drv->open(st, where, schema != NULL, cause) != 0)
		goto fail;
	rc = st->drv->schema_version(st, &version);
	if (rc < 0 || st->err[0] != '\0') {
		set_cause(cause, _("cannot open database '%s': %s"), store_shown(where),
		    store_error(st));
		goto fail;
	}
	if (version == 0 && schema != NULL) {
		if (store_exec(st, "BEGIN", cause) != 0)
			goto fail;
		if (store_exec(st, st->drv == &store_pg ? schema_pg_sql : schema,
		    cause) != 0) {
			store_exec(st, "ROLLBACK", NULL);
			goto fail;
		}
		if (store_exec(st, "COMMIT", cause) != 0)
			goto fail;
		version = STORE_SCHEMA_VERSION;
	}
	if (version == 0) {
		set_cause(cause, _("'%s' is not a tongban database (run 'tongban init --db %s')"),
		    store_shown(where), store_shown(where));
		goto fail;
	}
	if (version != STORE_SCHEMA_VERSION) {
		set_cause(cause, _("'%s' has schema version %d; this tongban knows %d"),
		    store_shown(where), version, STORE_SCHEMA_VERSION);
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
	if (st->conn != NULL)
		for (i = 0; i < st->ncache; i++)
			st->drv->finalize(&st->cache[i]);
	st->drv->close(st);
	free(st);
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	assert(st != NULL);
	return st->drv->exec(st, sql, cause);
}

void
store_bulk_begin(struct store *st)
{
	sq_stmt *s = sq_prep(st, "SELECT NOT EXISTS (SELECT 1 FROM cases) AND "
	    "NOT EXISTS (SELECT 1 FROM event)");
	const char *v = sq_first(st, s) == 0 ? st->drv->col_text(s, 0) : NULL;
	int fresh = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "t") == 0);

	sq_done(st, s);
	st->drv->bulk_begin(st, fresh);
}

void
store_bulk_end(struct store *st)
{
	st->drv->bulk_end(st);
}

char *
store_bulk_drop_indexes(struct store *st, char **cause)
{
	struct sb restore = SB_INIT, drop = SB_INIT;
	sq_stmt *s = sq_prep(st, st->drv->index_sql);
	char *out = NULL;
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		/* Index names come from the schema itself, never from input. */
		sb_addf(&drop, "DROP INDEX \"%s\";", sq_peek(s, 0));
		sb_addf(&restore, "%s;", sq_peek(s, 1));
	}
	sq_done(st, s);
	if (rc != 0) {
		set_cause(cause, _("database: %s"), store_error(st));
		goto out;
	}
	if (drop.len > 0 && store_exec(st, drop.buf, cause) != 0)
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

	if (!st->drv->in_txn(st)) {
		st->nest = 0;
		return store_exec(st, st->drv->begin_sql, cause);
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

	if (st->nest == 0 || !st->drv->in_txn(st)) {
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

	if (!st->drv->in_txn(st))
		st->nest = 0;
	if (st->nest > 0) {
		snprintf(sql, sizeof sql, "ROLLBACK TO tb%d; RELEASE tb%d", st->nest, st->nest);
		st->nest--;
		store_exec(st, sql, NULL);
	} else if (st->drv->in_txn(st))
		store_exec(st, "ROLLBACK", NULL);
}

const char *
store_error(struct store *st)
{
	assert(st != NULL);
	return st->err[0] ? st->err : st->drv->errmsg(st);
}

int
store_failed(struct store *st)
{
	return st->drv->failed(st);
}

long
store_data_version(struct store *st)
{
	return st->drv->data_version(st);
}

void
store_idle(struct store *st)
{
	int i;

	if (st == NULL || st->drv->idle == NULL || st->nest > 0 || st->drv->in_txn(st))
		return;
	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].busy)
			return;
	st->drv->idle(st);
}

int
store_meta_set(struct store *st, const char *key, const char *value, char **cause)
{
	static const char sql[] =
	    "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, key);
	sq_text(s, 2, value);
	return sq_run(st, s, cause);
}

int
store_meta_get(struct store *st, const char *key, char **value)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*value = NULL;
	sq_text(s, 1, key);
	if ((rc = sq_first(st, s)) == 0)
		*value = sq_col(s, 0);
	sq_done(st, s);
	return rc;
}
