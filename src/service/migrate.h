/*
 * tongban migrate: an SQLite database moved whole into PostgreSQL (the
 * copy itself is store_copy in src/store/store_copy.c).
 */
#ifndef TONGBAN_MIGRATE_H
#define TONGBAN_MIGRATE_H

#include "store.h"

/*
 * Copy the SQLite file from into the PostgreSQL database to (made from
 * the schema when it has none). fn hears each table with its rows; *rows
 * is the total. EXIT_OK; EXIT_INVALID with *cause when from is not a
 * tongban SQLite database of this schema version, to is not PostgreSQL or
 * already holds cases or events (nothing written); EXIT_INTERNAL when a
 * database failed (to rolled back).
 */
int migrate_copy(const char *from, const char *to, store_copy_fn fn, void *arg,
    long long *rows, char **cause);

#endif
