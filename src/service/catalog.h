/*
 * The catalog service: imports of reference data (the item catalog and
 * regions), by admins; the holiday calendar has its own (calendar.h). An import is one transaction:
 * the file lands whole or not at all, and the first bad row is named by
 * file, line and column (load.h). Returns an exit code with *cause set.
 */
#ifndef TONGBAN_CATALOG_H
#define TONGBAN_CATALOG_H

#include <stdio.h>

#include "session.h"

enum catalog_kind { CATALOG_ITEMS, CATALOG_REGIONS };

/* Import fp (named name in messages) as kind. */
int catalog_import(struct session *s, enum catalog_kind kind, FILE *fp, const char *name,
    const char *encoding, char **cause);

#endif
