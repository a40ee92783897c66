/*
 * Saved queries (schema: saved_query): a command line kept under a name.
 */
#ifndef TONGBAN_STORE_QUERY_H
#define TONGBAN_STORE_QUERY_H

#include "store.h"

struct saved_query {
	char *owner;
	char *name;
	char *words;		/* the command's words, one a line */
	char *region;		/* shared with this region's users; "" when not */
	char *created;
};

void saved_query_release(struct saved_query *q);

/* Keep (or replace) owner's query name. */
int store_query_put(struct store *st, const char *owner, const char *name, const char *words,
    const char *region, const char *created, char **cause);
/* The query name that login may run: their own, else one shared with a
 * region that region (the runner's) lies in, the most recent first. 0,
 * STORE_NOTFOUND or -1. */
int store_query_get(struct store *st, const char *login, const char *region, const char *name,
    struct saved_query *q);
typedef int (*store_query_fn)(void *arg, const struct saved_query *q);
/* The queries login may run (their own and those shared with their
 * region), by name. */
int store_query_each(struct store *st, const char *login, const char *region,
    store_query_fn fn, void *arg);
/* 0, STORE_NOTFOUND or -1. */
int store_query_delete(struct store *st, const char *owner, const char *name);

#endif
