/*
 * tongban migrate: an SQLite database copied whole into another store (a
 * PostgreSQL database made from data/schema-pg.sql, whose tables have the
 * same names and columns in the same order). The tables are read from the
 * SQLite catalog in the order they were made, so that a parent is filled
 * before its children; every row goes over as text or NULL, and the target
 * turns the text into each column's type. Events keep their ids and hashes:
 * the audit chain is the same chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* A statement's text made from names of the catalog (never from input). */
static char *
sql_of(const char *head, const char *name, const char *tail)
{
	struct sb b = SB_INIT;

	sb_adds(&b, head);
	sb_adds(&b, name);
	sb_adds(&b, tail);
	return sb_detach(&b);
}

struct table {
	char *name;
	char **cols;
	int ncols;
};

static void
tables_release(struct table *t, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < t[i].ncols; j++)
			free(t[i].cols[j]);
		free(t[i].cols);
		free(t[i].name);
	}
	free(t);
}

/* The tables of from in the order of their making, with their columns. */
static int
source_tables(struct store *from, struct table **out, int *n, char **cause)
{
	sq_stmt *s = sq_prep(from, "SELECT name FROM sqlite_master WHERE type = 'table' "
	    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
	struct table *t = NULL;
	int rc = 0, cap = 0, i;

	*n = 0;
	while (rc == 0 && sq_next(from, s, &rc)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			t = xreallocarray(t, (size_t)cap, sizeof *t);
		}
		memset(&t[*n], 0, sizeof t[*n]);
		t[(*n)++].name = sq_col(s, 0);
	}
	sq_done(from, s);
	for (i = 0; rc == 0 && i < *n; i++) {
		char *sql = sql_of("PRAGMA table_info(\"", t[i].name, "\")");
		sq_stmt *c = sq_prep_once(from, sql);
		int cap2 = 0;

		free(sql);
		if (c == NULL) {
			rc = -1;
			break;
		}
		while (rc == 0 && sq_next(from, c, &rc)) {
			if (t[i].ncols == cap2) {
				cap2 = cap2 ? cap2 * 2 : 16;
				t[i].cols = xreallocarray(t[i].cols, (size_t)cap2, sizeof *t[i].cols);
			}
			t[i].cols[t[i].ncols++] = sq_col(c, 1);
		}
		sq_done(from, c);
	}
	if (rc != 0) {
		sq_fail(from, cause);
		tables_release(t, *n);
		*n = 0;
		return -1;
	}
	*out = t;
	return 0;
}

/* 1 when to holds a case or an event, 0 when not, -1 on failure. */
static int
target_busy(struct store *to)
{
	sq_stmt *s = sq_prep(to, "SELECT (SELECT count(*) FROM (SELECT 1 FROM cases LIMIT 1) c) + "
	    "(SELECT count(*) FROM (SELECT 1 FROM event LIMIT 1) e)");
	int rc = sq_first(to, s);
	long long n = rc == 0 ? sq_col_int(s, 0) : 0;

	sq_done(to, s);
	return rc != 0 ? -1 : n > 0;
}

/* Empty to's tables, children first; meta keeps the schema's version. */
static int
target_clear(struct store *to, const struct table *t, int n, char **cause)
{
	int i, rc = 0;

	for (i = n - 1; rc == 0 && i >= 0; i--) {
		char *sql = strcmp(t[i].name, "meta") == 0 ?
		    xstrdup("DELETE FROM meta WHERE key <> 'schema_version'") :
		    sql_of("DELETE FROM ", t[i].name, "");

		rc = store_exec(to, sql, cause);
		free(sql);
	}
	return rc;
}

/* The INSERT of n rows of t. */
static char *
insert_sql(const struct table *t, int n)
{
	struct sb b = SB_INIT;
	int i, k;

	sb_addf(&b, "INSERT INTO %s(", t->name);
	for (i = 0; i < t->ncols; i++)
		sb_addf(&b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	sb_adds(&b, ") VALUES ");
	for (k = 0; k < n; k++) {
		sb_adds(&b, k ? ", (" : "(");
		for (i = 0; i < t->ncols; i++)
			sb_addf(&b, "%s?%d", i ? ", " : "", k * t->ncols + i + 1);
		sb_adds(&b, ")");
	}
	return sb_detach(&b);
}

/* Write the n rows held in vals (n * ncols values) with w: 0 or -1. */
static int
flush_rows(struct store *to, sq_stmt *w, const struct table *t, char **vals, int n,
    long long done, char **cause)
{
	enum sq_step step;
	int i;

	sq_reset(w);
	for (i = 0; i < n * t->ncols; i++)
		sq_text(w, i + 1, vals[i]);
	step = sq_step(w);
	for (i = 0; i < n * t->ncols; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
	if (step != SQ_DONE && step != SQ_ROW) {
		char *why = NULL;

		sq_fail(to, &why);
		set_cause(cause, _("table %s, row %lld: %s"), t->name, done + 1, why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * Every row of table t from one store into the other: its number, or -1.
 * Rows go over several to a statement, as many as COPY_PARAMS values
 * allow (the PostgreSQL driver binds up to 64): fewer round trips.
 */
#define COPY_PARAMS 64
static long long
copy_table(struct store *from, struct store *to, const struct table *t, char **cause)
{
	struct sb sel = SB_INIT;
	sq_stmt *r = NULL, *one = NULL, *many = NULL;
	char *sql, **vals;
	long long rows = 0;
	int i, rc = 0, held = 0, meta = strcmp(t->name, "meta") == 0;
	int batch = t->ncols > 0 && t->ncols <= COPY_PARAMS ? COPY_PARAMS / t->ncols : 1;

	vals = xcalloc((size_t)batch * (size_t)t->ncols + 1, sizeof *vals);
	sb_adds(&sel, "SELECT ");
	for (i = 0; i < t->ncols; i++)
		sb_addf(&sel, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	sb_addf(&sel, " FROM \"%s\"", t->name);
	if ((r = sq_prep_once(from, sel.buf)) == NULL) {
		sq_fail(from, cause);
		rows = -1;
		goto out;
	}
	sql = insert_sql(t, 1);
	one = sq_prep_once(to, sql);
	free(sql);
	if (one != NULL && batch > 1) {
		sql = insert_sql(t, batch);
		many = sq_prep_once(to, sql);
		free(sql);
	}
	if (one == NULL || (batch > 1 && many == NULL)) {
		sq_fail(to, cause);
		rows = -1;
		goto out;
	}
	while (rc == 0 && sq_next(from, r, &rc)) {
		/* The target's own version stays (its meta row was kept). */
		if (meta && strcmp(sq_peek(r, 0), "schema_version") == 0)
			continue;
		for (i = 0; i < t->ncols; i++)
			vals[held * t->ncols + i] = sq_col_or_null(r, i);
		if (++held == batch) {
			if (flush_rows(to, batch > 1 ? many : one, t, vals, held, rows, cause) != 0) {
				rows = -1;
				goto out;
			}
			rows += held;
			held = 0;
		}
	}
	if (rc != 0) {
		sq_fail(from, cause);
		rows = -1;
		goto out;
	}
	/* The rows left over, one at a time. */
	for (i = 0; i < held; i++) {
		if (flush_rows(to, one, t, vals + i * t->ncols, 1, rows, cause) != 0) {
			rows = -1;
			goto out;
		}
		rows++;
	}
	held = 0;
out:
	for (i = 0; i < held * t->ncols; i++)
		free(vals[i]);
	free(vals);
	if (r != NULL)
		sq_done(from, r);
	if (one != NULL)
		sq_done(to, one);
	if (many != NULL)
		sq_done(to, many);
	sb_release(&sel);
	return rows;
}

int
store_copy(struct store *from, struct store *to, store_copy_fn fn, void *arg,
    long long *total, char **cause)
{
	struct table *t = NULL;
	char *indexes = NULL;
	int n = 0, i, rc = -1, busy;

	*total = 0;
	if (from->drv != &store_sqlite) {
		set_cause(cause, _("the source must be an SQLite database"));
		return -1;
	}
	/* One snapshot of the source: a server may be writing to it. */
	if (store_exec(from, "BEGIN", cause) != 0)
		return -1;
	if (source_tables(from, &t, &n, cause) != 0)
		goto out;
	if (store_begin(to, cause) != 0)
		goto out;
	busy = target_busy(to);
	if (busy != 0) {
		if (busy < 0)
			sq_fail(to, cause);
		rc = busy < 0 ? -1 : STORE_CONFLICT;
		store_rollback(to);
		goto out;
	}
	if (target_clear(to, t, n, cause) != 0) {
		store_rollback(to);
		goto out;
	}
	/* The case tables' indexes are built once at the end: much faster
	 * than row by row. */
	if ((indexes = store_bulk_drop_indexes(to, cause)) == NULL) {
		store_rollback(to);
		goto out;
	}
	for (i = 0; i < n; i++) {
		long long rows = copy_table(from, to, &t[i], cause);

		if (rows < 0) {
			store_rollback(to);
			goto out;
		}
		*total += rows;
		if (fn != NULL)
			fn(arg, t[i].name, rows);
	}
	if (store_bulk_restore_indexes(to, indexes, cause) != 0) {
		store_rollback(to);
		goto out;
	}
	/* The ids the database makes continue after the copied ones. */
	if (to->drv == &store_pg && store_exec(to, "SELECT tb_reset_ids()", cause) != 0) {
		store_rollback(to);
		goto out;
	}
	if (store_commit(to, cause) != 0) {
		store_rollback(to);
		goto out;
	}
	rc = 0;
out:
	free(indexes);
	store_exec(from, "ROLLBACK", NULL);
	if (t != NULL)
		tables_release(t, n);
	return rc;
}
