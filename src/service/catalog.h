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

/*
 * An item's materials and steps, edited one at a time by an admin: added at
 * the end (the next number) or changed in place. Numbers never move, so the
 * cases that name a material by its number keep meaning the same one; a
 * material no longer asked for is made optional. name NULL, required or
 * secondary -1, days 0 and dept NULL leave that field as it is.
 */
int catalog_material_add(struct session *s, const char *item, const char *name, int required,
    int secondary, int *seq, char **cause);
int catalog_material_set(struct session *s, const char *item, int seq, const char *name,
    int required, int secondary, char **cause);
int catalog_step_add(struct session *s, const char *item, const char *name, const char *name_en,
    const char *dept, int days, int *seq, char **cause);
/* Steps of one number run side by side; dept names which of them is
 * changed (the first when NULL); a step keeps its department. */
int catalog_step_set(struct session *s, const char *item, int seq, const char *name,
    const char *name_en, const char *dept, int days, char **cause);

#endif
