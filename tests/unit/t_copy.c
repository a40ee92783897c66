/*
 * store_copy (tongban migrate): an SQLite database with demo cases copied
 * into a fresh store -- PostgreSQL when TONGBAN_TEST_PG names a server,
 * else another SQLite database -- holds the same rows, its audit chain
 * verifies, and a second copy into it is refused without a change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "demo.h"
#include "load.h"
#include "schema.h"
#include "store.h"
#include "test.h"

struct told {
	int tables;
	long long rows;
	long long events;
};

static void
told(void *arg, const char *table, long long rows)
{
	struct told *t = arg;

	t->tables++;
	t->rows += rows;
	if (strcmp(table, "event") == 0)
		t->events = rows;
}

static int
count_events(void *arg, const struct event *e)
{
	(void)e;
	(*(long long *)arg)++;
	return 0;
}

static void
copy_whole(void)
{
	struct store *src = NULL, *dst = NULL;
	struct calendar cal;
	struct audit_result res;
	struct told t = { 0, 0, 0 };
	char *cause = NULL;
	long long total = 0, before = 0, after = 0, again = 0;
	int today;

	memset(&res, 0, sizeof res);
	clock_calendar_init(&cal);
	clock_parse_date("2026-11-27", &today);
	src = store_open(":memory:", schema_sql, &cause);
	CHECK(src != NULL);
	if (src == NULL)
		goto out;
	CHECK_INT(load_all(src, "data", &cause), 0);
	CHECK_INT(store_calendar_load(src, &cal, &cause), 0);
	CHECK_INT(demo_users(src, &cause), 0);
	CHECK_INT(demo_cases(src, &cal, 300, 7, today, NULL, &cause), 0);
	store_event_each(src, count_events, &before);
	CHECK(before > 300);

	dst = store_open(test_db(), schema_sql, &cause);
	CHECK(dst != NULL);
	if (dst == NULL)
		goto out;
	CHECK_INT(store_copy(src, dst, told, &t, &total, &cause), 0);
	if (cause)
		printf("# %s\n", cause);
	CHECK(t.tables > 30);
	CHECK_INT(total, t.rows);
	CHECK_INT(t.events, before);
	store_event_each(dst, count_events, &after);
	CHECK_INT(after, before);
	CHECK_INT(audit_verify(dst, &res), 0);
	CHECK_INT(res.checked, before);
	printf("#   %lld rows in %d tables copied to %s, %lld events verified\n", total,
	    t.tables, test_on_pg() ? "PostgreSQL" : "SQLite", res.checked);

	/* A target that holds events: refused, nothing written. */
	CHECK_INT(store_copy(src, dst, NULL, NULL, &total, &cause), STORE_CONFLICT);
	store_event_each(dst, count_events, &again);
	CHECK_INT(again, before);
	/* The source must be SQLite. */
	if (test_on_pg())
		CHECK_INT(store_copy(dst, src, NULL, NULL, &total, &cause), -1);
out:
	free(res.reason);
	free(cause);
	clock_calendar_release(&cal);
	store_close(dst);
	store_close(src);
}

const struct test tests_copy[] = {
	{ "copy: a database copied whole holds every row and its chain verifies; "
	  "a target with events is refused", copy_whole },
	{ NULL, NULL }
};
