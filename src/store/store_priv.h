/*
 * What the store_*.c files share, and nothing outside src/store/ sees: the
 * connection with its statement cache, the driver behind it (SQLite or
 * PostgreSQL), and one small set of helpers to prepare, bind, step and
 * read statements. The subject files never call a driver's library.
 *
 * Contract of the helpers:
 *  - sq_prep() hands out a statement of the cache (keyed by the address of
 *    its static SQL text) ready to bind; sq_done() must follow before that
 *    SQL is prepared again. A cached statement is never re-entered: an
 *    iterator's callback may use any other statement, but not its own.
 *  - Stepping goes through sq_first() (gets), sq_next() (iterations) or
 *    sq_run() (writes), so that any result other than a row or the end
 *    becomes -1 and its message is kept for store_error().
 */
#ifndef TONGBAN_STORE_PRIV_H
#define TONGBAN_STORE_PRIV_H

#include "store.h"

#define STMT_CACHE 96

/* What a step came to, whichever database is behind the store. */
enum sq_step {
	SQ_ROW, SQ_DONE, SQ_ERROR,
	SQ_UNIQUE, SQ_PRIMARYKEY, SQ_FOREIGNKEY	/* a constraint refused the row */
};

/*
 * A prepared statement of either driver. The drivers keep their own
 * handle in native; the rest is the cache's bookkeeping.
 */
typedef struct sq_stmt {
	struct store *st;
	const char *sql;
	void *native;
	int busy;	/* handed out by sq_prep, not yet sq_done */
	int cached;
	char *owned;	/* the text of a statement of sq_prep_once */
} sq_stmt;

/*
 * A database behind the store: SQLite (store_sqlite.c) or PostgreSQL
 * (store_pg.c). store.c and the subject files speak only through these.
 */
struct store_driver {
	const char *name;
	int (*open)(struct store *st, const char *where, int create, char **cause);
	void (*close)(struct store *st);
	int (*exec)(struct store *st, const char *sql, char **cause);
	/* Prepare s->sql into s->native: 0, or -1 with the message kept. */
	int (*prepare)(struct store *st, sq_stmt *s);
	void (*reset)(sq_stmt *s);		/* unbind and rewind */
	void (*finalize)(sq_stmt *s);
	void (*bind_text)(sq_stmt *s, int i, const char *v);	/* v not NULL */
	void (*bind_int)(sq_stmt *s, int i, long long v);
	void (*bind_null)(sq_stmt *s, int i);
	enum sq_step (*step)(sq_stmt *s);
	const char *(*col_text)(sq_stmt *s, int i);	/* NULL for NULL */
	long long (*col_int)(sq_stmt *s, int i);
	int (*col_count)(sq_stmt *s);
	long long (*last_id)(struct store *st);
	int (*changes)(struct store *st);
	const char *(*errmsg)(struct store *st);
	int (*failed)(struct store *st);
	int (*in_txn)(struct store *st);
	const char *begin_sql;		/* how a writer begins */
	void (*bulk_begin)(struct store *st, int fresh);
	void (*bulk_end)(struct store *st);
	const char *index_sql;		/* name, definition of the case tables' indexes */
	long (*data_version)(struct store *st);
	/* Close the connection until the next statement (NULL: keep it). */
	void (*idle)(struct store *st);
	int (*schema_version)(struct store *st, int *version);
};

extern const struct store_driver store_sqlite;
extern const struct store_driver store_pg;

struct store {
	const struct store_driver *drv;
	void *conn;		/* the driver's connection */
	sq_stmt cache[STMT_CACHE];
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
sq_stmt *sq_prep(struct store *st, const char *sql);
/* A statement of SQL built at run time, not cached: NULL on failure
 * (the message kept for sq_fail). */
sq_stmt *sq_prep_once(struct store *st, const char *sql);
/* Give back a statement of sq_prep (or finalize one prepared apart). */
void sq_done(struct store *st, sq_stmt *s);
/* Bind text, or SQL NULL when v is NULL; an integer; NULL. */
void sq_text(sq_stmt *s, int i, const char *v);
void sq_int(sq_stmt *s, int i, long long v);
void sq_null(sq_stmt *s, int i);
/* Column i as an integer (0 for NULL); as text without a copy, NULL for
 * NULL, valid until the next step; whether it is NULL; how many. */
long long sq_col_int(sq_stmt *s, int i);
const unsigned char *sq_col_text(sq_stmt *s, int i);
int sq_col_null(sq_stmt *s, int i);
int sq_ncols(sq_stmt *s);
/* Step without reading the outcome into a cause: for writes that tell a
 * refused row (SQ_UNIQUE...) from a failure. */
enum sq_step sq_step(sq_stmt *s);
/* The id of the row the last INSERT made; rows the last write changed. */
long long sq_last_id(struct store *st);
int sq_changes(struct store *st);
/* Column i as a heap string ("" for NULL), or NULL for NULL. */
char *sq_col(sq_stmt *s, int i);
char *sq_col_or_null(sq_stmt *s, int i);
/* Column i without a copy ("" for NULL): valid until the next step. */
char *sq_peek(sq_stmt *s, int i);

/* Keep the connection's message for store_error(): -1. */
int sq_fail(struct store *st, char **cause);
/* Step a get: 0 on a row, STORE_NOTFOUND when there is none, else -1. */
int sq_first(struct store *st, sq_stmt *s);
/* Step an iteration: 1 on a row; 0 at the end, or on failure with *rc
 * set to -1. Loops read: while (rc == 0 && sq_next(st, s, &rc)). */
int sq_next(struct store *st, sq_stmt *s, int *rc);
/* Step a write to completion and give s back: 0, or -1 with a cause. */
int sq_run(struct store *st, sq_stmt *s, char **cause);
/* Run an UPDATE or DELETE and give s back: 0 when it changed a row,
 * STORE_NOTFOUND when none, -1 on failure. */
int sq_changed(struct store *st, sq_stmt *s);

#endif
