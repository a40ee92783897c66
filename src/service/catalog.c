/*
 * Reference-data imports; see catalog.h.
 */
#include "access.h"
#include "catalog.h"
#include "exitcode.h"
#include "load.h"
#include "util.h"

int
catalog_import(struct session *s, enum catalog_kind kind, FILE *fp, const char *name,
    const char *encoding, char **cause)
{
	int rc = 0;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, RIGHT_CATALOG_ADMIN)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
		return EXIT_DENIED;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	switch (kind) {
	case CATALOG_ITEMS:
		rc = load_items(s->st, fp, name, encoding, cause);
		break;
	case CATALOG_REGIONS:
		rc = load_regions(s->st, fp, name, 0, encoding, cause);
		break;
	}
	/* A bad row is invalid input; a commit that fails is the database's. */
	if (rc != 0) {
		rc = store_failed(s->st) ? EXIT_INTERNAL : EXIT_INVALID;
		store_rollback(s->st);
		return rc;
	}
	if (store_commit(s->st, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INTERNAL;
	}
	return 0;
}
