/*
 * What the store_*.c files share, and nothing outside src/store/ sees: the
 * connection with its statement cache, and one small set of helpers to
 * prepare, bind, step and read statements.
 *
 * Contract of the helpers:
 *  - sq_prep() hands out a statement of the cache (keyed by the address of
 *    its static SQL text) ready to bind; sq_done() must follow before that
 *    SQL is prepared again. A cached statement is never re-entered: an
 *    iterator's callback may use any other statement, but not its own.
 *  - Stepping goes through sq_first() (gets), sq_next() (iterations) or
 *    sq_run() (writes), so that any result other than SQLITE_ROW or
 *    SQLITE_DONE becomes -1 and its message is kept for store_error().
 */
#ifndef TONGBAN_STORE_PRIV_H
#define TONGBAN_STORE_PRIV_H

#include <sqlite3.h>

#include "store.h"

#define STMT_CACHE 96

struct store {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
		int busy;	/* handed out by sq_prep, not yet sq_done */
	} cache[STMT_CACHE];
	int ncache;
	char err[256];		/* the message of the last failure */
	long long busy_since;	/* ms clock when the current wait began */
	int bulk_unjournaled;	/* store_bulk_begin turned the journal off */
	int nest;		/* savepoints open inside the transaction */
};

/*
 * The light rule as SQL ranges over the stored light dates of cases c
 * (yellow_from, red_from: tcase_light_span() in src/domain/tcase.c, the
 * rule tcase_light() reads too) and today (?20), so that every light filter
 * is a range on an index. Where SQL computes the light of a stopped clock
 * as a value it calls tb_light(), which is clock_light_at() itself.
 */
/* How long a change waits for other writers before it gives up. */
#define STORE_BUSY_MS 10000

#define SQL_LIGHT_RED "c.open = 1 AND c.red_from <= ?20"
#define SQL_LIGHT_YELLOW "c.open = 1 AND c.red_from > ?20 AND c.yellow_from <= ?20"
#define SQL_LIGHT_GREEN "c.open = 1 AND c.red_from > ?20 AND c.yellow_from > ?20"

/* The cached statement for sql (static text), reset and unbound. */
sqlite3_stmt *sq_prep(struct store *st, const char *sql);
/* Give back a statement of sq_prep (or finalize one prepared apart). */
void sq_done(struct store *st, sqlite3_stmt *s);
/* Bind text, or SQL NULL when v is NULL. */
void sq_text(sqlite3_stmt *s, int i, const char *v);
/* Column i as a heap string ("" for NULL), or NULL for NULL. */
char *sq_col(sqlite3_stmt *s, int i);
char *sq_col_or_null(sqlite3_stmt *s, int i);
/* Column i without a copy ("" for NULL): valid until the next step. */
char *sq_peek(sqlite3_stmt *s, int i);

/* Keep the connection's message for store_error(): -1. */
int sq_fail(struct store *st, char **cause);
/* Step a get: 0 on a row, STORE_NOTFOUND when there is none, else -1. */
int sq_first(struct store *st, sqlite3_stmt *s);
/* Step an iteration: 1 on a row; 0 at the end, or on failure with *rc
 * set to -1. Loops read: while (rc == 0 && sq_next(st, s, &rc)). */
int sq_next(struct store *st, sqlite3_stmt *s, int *rc);
/* Step a write to completion and give s back: 0, or -1 with a cause. */
int sq_run(struct store *st, sqlite3_stmt *s, char **cause);
/* Run an UPDATE or DELETE and give s back: 0 when it changed a row,
 * STORE_NOTFOUND when none, -1 on failure. */
int sq_changed(struct store *st, sqlite3_stmt *s);

#endif
