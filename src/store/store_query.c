/*
 * Saved queries. A query shared with region R reaches the users whose
 * region code starts with R (the region and everything in it).
 */
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "store_query.h"
#include "util.h"

void
saved_query_release(struct saved_query *q)
{
	free(q->owner);
	free(q->name);
	free(q->words);
	free(q->region);
	free(q->created);
	memset(q, 0, sizeof *q);
}

int
store_query_put(struct store *st, const char *owner, const char *name, const char *words,
    const char *region, const char *created, char **cause)
{
	static const char sql[] =
	    "INSERT INTO saved_query(owner, name, words, region, created) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT (owner, name) DO UPDATE SET words = ?3, region = ?4, created = ?5";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, owner);
	sq_text(s, 2, name);
	sq_text(s, 3, words);
	sq_text(s, 4, region);
	sq_text(s, 5, created);
	return sq_run(st, s, cause);
}

/* The columns, and who may run: their own, or shared with a region the
 * runner's (?2) starts with. */
#define QUERY_COLS "SELECT owner, name, words, region, created FROM saved_query "
#define QUERY_SEEN "(owner = ?1 OR (region <> '' AND substr(?2, 1, length(region)) = region))"

static void
from_row(sq_stmt *s, struct saved_query *q)
{
	q->owner = sq_col(s, 0);
	q->name = sq_col(s, 1);
	q->words = sq_col(s, 2);
	q->region = sq_col(s, 3);
	q->created = sq_col(s, 4);
}

int
store_query_get(struct store *st, const char *login, const char *region, const char *name,
    struct saved_query *q)
{
	static const char sql[] = QUERY_COLS "WHERE name = ?3 AND " QUERY_SEEN
	    " ORDER BY owner = ?1 DESC, created DESC LIMIT 1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(q, 0, sizeof *q);
	sq_text(s, 1, login);
	sq_text(s, 2, region);
	sq_text(s, 3, name);
	if ((rc = sq_first(st, s)) == 0)
		from_row(s, q);
	sq_done(st, s);
	return rc;
}

int
store_query_each(struct store *st, const char *login, const char *region,
    store_query_fn fn, void *arg)
{
	static const char sql[] = QUERY_COLS "WHERE " QUERY_SEEN
	    " ORDER BY name, owner = ?1 DESC, created DESC";
	sq_stmt *s = sq_prep(st, sql);
	struct saved_query q;
	int rc = 0;

	sq_text(s, 1, login);
	sq_text(s, 2, region);
	while (rc == 0 && sq_next(st, s, &rc)) {
		from_row(s, &q);
		rc = fn(arg, &q);
		saved_query_release(&q);
	}
	sq_done(st, s);
	return rc;
}

int
store_query_delete(struct store *st, const char *owner, const char *name)
{
	static const char sql[] = "DELETE FROM saved_query WHERE owner = ?1 AND name = ?2";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, owner);
	sq_text(s, 2, name);
	return sq_changed(st, s);
}
