/*
 * tongban migrate: the checks around store_copy (migrate.h).
 */
#include <stdlib.h>
#include <unistd.h>

#include "exitcode.h"
#include "i18n.h"
#include "migrate.h"
#include "schema.h"
#include "util.h"

int
migrate_copy(const char *from, const char *to, store_copy_fn fn, void *arg,
    long long *rows, char **cause)
{
	struct store *src = NULL, *dst = NULL;
	char *why = NULL;
	int rc;

	*rows = 0;
	if (store_is_pg(from)) {
		set_cause(cause, _("--from: expected an SQLite database file, not '%s'"),
		    store_shown(from));
		return EXIT_INVALID;
	}
	if (!store_is_pg(to)) {
		set_cause(cause, _("--to: expected a PostgreSQL database "
		    "(postgresql://USER@HOST/DB), not '%s'"), to);
		return EXIT_INVALID;
	}
	if (access(from, R_OK) != 0) {
		set_cause(cause, _("--from: no database '%s'"), from);
		return EXIT_INVALID;
	}
	/* The source first: a wrong file writes nothing anywhere. */
	if ((src = store_open(from, NULL, &why)) == NULL) {
		set_cause(cause, "--from: %s", why);
		free(why);
		return EXIT_INVALID;
	}
	if ((dst = store_open(to, schema_sql, &why)) == NULL) {
		set_cause(cause, "--to: %s", why);
		free(why);
		store_close(src);
		return EXIT_INTERNAL;
	}
	rc = store_copy(src, dst, fn, arg, rows, &why);
	if (rc == STORE_CONFLICT) {
		set_cause(cause, _("--to: '%s' already holds cases or events; migrate fills "
		    "an empty database only"), store_shown(to));
		rc = EXIT_INVALID;
	} else if (rc != 0) {
		set_cause(cause, _("migrate failed, nothing was written: %s"), why ? why : "?");
		rc = EXIT_INTERNAL;
	}
	free(why);
	store_close(dst);
	store_close(src);
	return rc;
}
