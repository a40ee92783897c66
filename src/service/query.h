/*
 * Saved queries: a read-only command line kept under a name (query
 * save|list|run|delete), per user; a supervisor may share one with the
 * users of their region. The command itself is the command layer's to
 * check and run (cmd_query.c): here are the names, the owners and who may
 * see what.
 */
#ifndef TONGBAN_QUERY_H
#define TONGBAN_QUERY_H

#include "session.h"
#include "store_query.h"

/* Keep words (the command's words, one a line) as the user's query name,
 * replacing one of that name; share: with the users of the user's region
 * (supervisors and admins). */
int query_save(struct session *s, const char *name, const char *words, int share,
    char **cause);
/* The query name the user may run (their own first): 0, EXIT_NOTFOUND. */
int query_get(struct session *s, const char *name, struct saved_query *q, char **cause);
/* The queries the user may run, by name. */
int query_each(struct session *s, store_query_fn fn, void *arg, char **cause);
/* Delete one of the user's own queries. */
int query_delete(struct session *s, const char *name, char **cause);

#endif
