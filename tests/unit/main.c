/*
 * Unit test runner; see test.h.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "lifecycle.h"
#include "load.h"
#include "session.h"
#include "schema.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

static int failures;

void
test_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		printf("#   %s:%d: check failed: %s\n", file, line, expr);
		failures++;
	}
}

void
test_check_str(const char *got, const char *want, const char *expr, const char *file, int line)
{
	if (got == NULL || strcmp(got, want) != 0) {
		printf("#   %s:%d: %s is '%s', expected '%s'\n", file, line, expr,
		    got ? got : "(null)", want);
		failures++;
	}
}

void
test_check_int(long got, long want, const char *expr, const char *file, int line)
{
	if (got != want) {
		printf("#   %s:%d: %s is %ld, expected %ld\n", file, line, expr, got, want);
		failures++;
	}
}

static struct store *shared;
static struct calendar cal;

/*
 * Where a test's store lives: in memory (SQLite), or, when
 * TONGBAN_TEST_PG names a PostgreSQL server (a URI ending in '/', e.g.
 * postgresql://tongban@127.0.0.1:5432/), a new empty database of its own
 * there, so that the same suites run against both stores. Names go round
 * a small ring: a suite holds at most a few stores at once.
 */
static char pg_where[512];
static int pg_next;

static int
pg_admin(const char *sql)
{
	char where[512];
	PGconn *c;
	PGresult *r;
	int ok;

	snprintf(where, sizeof where, "%spostgres", getenv("TONGBAN_TEST_PG"));
	c = PQconnectdb(where);
	if (PQstatus(c) != CONNECTION_OK) {
		printf("# cannot reach %s: %s\n", where, PQerrorMessage(c));
		exit(1);
	}
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		printf("# %s: %s\n", sql, PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

static const char *skipped;

void
test_skip(const char *why)
{
	skipped = why;
}

int
test_on_pg(void)
{
	return getenv("TONGBAN_TEST_PG") != NULL;
}

const char *
test_db(void)
{
	char sql[256];
	int k;

	if (!test_on_pg())
		return ":memory:";
	k = pg_next++ % 6;
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS tb_unit_%d WITH (FORCE)", k);
	if (pg_admin(sql) != 0)
		exit(1);
	snprintf(sql, sizeof sql, "CREATE DATABASE tb_unit_%d TEMPLATE template0 "
	    "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", k);
	if (pg_admin(sql) != 0)
		exit(1);
	snprintf(pg_where, sizeof pg_where, "%stb_unit_%d", getenv("TONGBAN_TEST_PG"), k);
	return pg_where;
}

struct store *
test_store(void)
{
	char *cause = NULL;

	if (shared == NULL) {
		shared = store_open(test_db(), schema_sql, &cause);
		if (shared == NULL || load_all(shared, "data", &cause) != 0) {
			printf("# cannot make the test store: %s\n", cause);
			exit(1);
		}
	}
	return shared;
}

void
test_reset(void)
{
	if (shared != NULL)
		store_close(shared);
	shared = NULL;
	if (cal.work != NULL)
		clock_calendar_release(&cal);
	memset(&cal, 0, sizeof cal);
}

struct calendar *
test_calendar(void)
{
	if (cal.work == NULL) {
		clock_calendar_init(&cal);
		store_calendar_load(test_store(), &cal, NULL);
	}
	return &cal;
}

/* A session over st as who, with who's day fixed. */
static void
session_as(struct session *s, struct store *st, const struct calendar *tcal,
    const struct actor *who)
{
	session_init(s, st, tcal, who->user, who->addr);
	s->fixed_today = who->today;
}

int
test_act(struct store *st, const struct calendar *tcal, const struct actor *who, const char *no,
    const struct act_args *a, char **cause)
{
	struct session s;
	int rc;

	session_as(&s, st, tcal, who);
	rc = lifecycle_act(&s, no, a, cause);
	session_close(&s);
	return rc;
}

int
test_intake(struct store *st, const struct calendar *tcal, const struct actor *who,
    const struct intake *in, char no[32], char **cause)
{
	struct session s;
	int rc;

	session_as(&s, st, tcal, who);
	rc = lifecycle_intake(&s, in, no, cause);
	session_close(&s);
	return rc;
}

void
test_offered(struct store *st, const struct calendar *tcal, const struct actor *who,
    const char *no, char *out, size_t size)
{
	const struct act_def *defs[32];
	struct session s;
	struct tcase c;
	size_t len = 0;
	int i, n;

	out[0] = '\0';
	if (store_case_get(st, no, &c) != 0)
		return;
	session_as(&s, st, tcal, who);
	n = lifecycle_offered(&s, &c, defs, 32);
	for (i = 0; i < n && len + 1 < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? " " : "", defs[i]->name);
	session_close(&s);
	tcase_release(&c);
}

/* run-unit [TEXT]: only the tests whose name holds TEXT. */
int
main(int argc, char **argv)
{
	const struct test *const suites[] = {
		tests_sha256, tests_json, tests_conv,
		tests_clock, tests_calendar, tests_ids, tests_csv, tests_access, tests_cmd, tests_cmdtable, tests_help,
		tests_audit,
		tests_lifecycle, tests_supervision, tests_grade, tests_property, tests_store_err, tests_hardening, tests_plans, tests_demo, tests_project,
		tests_appoint,
		tests_flowdraw, tests_projstat, tests_reports, tests_lookup,
		tests_admin, tests_reconcile, tests_copy,
		NULL
	};
	int passed = 0, failed = 0, nskipped = 0, i;
	const struct test *t;

	setenv("TONGBAN_LOCALEDIR", "/nonexistent", 1);
	i18n_set_lang("en");
	for (i = 0; suites[i] != NULL; i++) {
		/* Each suite starts from its own store: nothing one seeds leaks
		 * into the next. */
		test_reset();
		for (t = suites[i]; t->name != NULL; t++) {
			int before = failures;

			if (argc > 1 && strstr(t->name, argv[1]) == NULL)
				continue;
			skipped = NULL;
			t->fn();
			if (skipped != NULL && failures == before) {
				printf("ok - unit: %s # SKIP %s\n", t->name, skipped);
				nskipped++;
			} else if (failures == before) {
				printf("ok - unit: %s\n", t->name);
				passed++;
			} else {
				printf("not ok - unit: %s\n", t->name);
				failed++;
			}
		}
	}
	test_reset();
	if (nskipped > 0)
		printf("# %d skipped on this store\n", nskipped);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
