/*
 * tongban migrate --from FILE --to URL: an SQLite database copied whole
 * into PostgreSQL (src/service/migrate.c), with what was copied per table.
 */
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "i18n.h"
#include "migrate.h"

static void
told(void *arg, const char *table, long long rows)
{
	struct cmd_ctx *c = arg;
	static int first = 1;

	if (first)
		fprintf(c->out, "%s\n", _("copied (rows per table):"));
	first = 0;

	fprintf(c->out, "  %-24s %12lld\n", table, rows);
	fflush(c->out);
}

int
cmd_migrate(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *from = cmd_arg(a, "from"), *to = cmd_arg(a, "to");
	struct timespec t0, t1;
	char *cause = NULL;
	long long rows = 0;
	double secs;
	int rc;

	if (from == NULL || *from == '\0' || to == NULL || *to == '\0')
		return cmd_row_usage(c, a);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = migrate_copy(from, to, told, c, &rows, &cause);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(c->out, _("%lld rows copied in %.1f s (%.0f rows/s)\n"), rows, secs,
	    secs > 0 ? (double)rows / secs : (double)rows);
	return EXIT_OK;
}
