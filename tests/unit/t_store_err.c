/*
 * Store errors are errors: a get on a missing row is STORE_NOTFOUND, but a
 * get or a list over a database that fails (here: pages made corrupt, a
 * connection made query-only, a write lock held elsewhere) is -1 with a
 * message in store_error(), never "not found" nor an empty list. And the
 * light the SQL computes (tb_light) is the light of clock_light_at().
 *
 * Each test makes a database of its own in a temporary file (schema only).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "schema.h"
#include "store.h"
#include "test.h"

/* A temporary path for a database; remove with drop(). */
static void
tmp_path(char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/tongban-t-err-XXXXXX");
	fd = mkstemp(path);
	if (fd >= 0)
		close(fd);
	unlink(path);	/* store_open creates it with the schema */
}

static void
drop(const char *path)
{
	char p[80];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static struct store *
open_new(const char *path)
{
	char *cause = NULL;
	struct store *st = store_open(path, schema_sql, &cause);

	if (st == NULL) {
		printf("#   cannot make a store: %s\n", cause ? cause : "?");
		free(cause);
	}
	return st;
}

static long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static int
count_region(void *arg, const struct region *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static int
stop_at_first(void *arg, const struct region *r)
{
	(void)arg;
	(void)r;
	return 7;
}

static int
count_row(void *arg, int n, const char *const *v)
{
	(void)n;
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static int
region_code(char *buf, size_t len, int i)
{
	return snprintf(buf, len, "5001%08d", i);
}

static void
test_notfound(void)
{
	char path[64], *value = NULL, code[16];
	struct store *st;
	struct tcase c;
	struct region r;
	int n = 0;

	if (test_on_pg()) {
		test_skip("it reads an SQLite file of its own");
		return;
	}
	tmp_path(path);
	if ((st = open_new(path)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(store_meta_get(st, "no such key", &value), STORE_NOTFOUND);
	CHECK(value == NULL);
	CHECK_INT(store_case_get(st, "500229-20260101-000001", &c), STORE_NOTFOUND);
	tcase_release(&c);
	CHECK_INT(store_region_get(st, "500229", &r), STORE_NOTFOUND);
	CHECK_INT(store_supervision_get(st, 1, count_row, &n), STORE_NOTFOUND);
	CHECK_INT(store_region_each(st, NULL, count_region, &n), 0);
	CHECK_INT(n, 0);
	/* A row that is there, and a callback's value passed back. */
	region_code(code, sizeof code, 1);
	CHECK_INT(store_region_put(st, code, "一", "city", NULL, 0, NULL), 0);
	CHECK_INT(store_region_get(st, code, &r), 0);
	CHECK_STR(r.name, "一");
	region_release(&r);
	CHECK_INT(store_region_each(st, NULL, stop_at_first, NULL), 7);
	store_close(st);
	drop(path);
}

/*
 * Corrupt the pages the rows went to (those past the end of the file as
 * the schema left it), keeping the schema's pages: opening still works,
 * reading the rows fails.
 */
static void
test_corrupt(void)
{
	char path[64], name[300], code[16], *value = NULL, *cause = NULL;
	struct store *st;
	struct region r;
	long before, after;
	int i, n = 0, fd;

	if (test_on_pg()) {
		test_skip("it reads an SQLite file of its own");
		return;
	}
	tmp_path(path);
	if ((st = open_new(path)) == NULL) {
		CHECK(0);
		return;
	}
	store_close(st);
	before = file_size(path);
	st = store_open(path, NULL, NULL);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	CHECK_INT(store_begin(st, NULL), 0);
	for (i = 0; i < 300; i++) {
		region_code(code, sizeof code, i);
		CHECK_INT(store_region_put(st, code, name, "city", NULL, 0, NULL), 0);
		CHECK_INT(store_meta_set(st, code, name, NULL), 0);
	}
	CHECK_INT(store_commit(st, NULL), 0);
	store_close(st);
	after = file_size(path);
	CHECK(before > 0 && after > before);
	if ((fd = open(path, O_WRONLY)) >= 0) {
		char junk[4096];

		memset(junk, 0xa5, sizeof junk);
		for (i = 0; before + i * (long)sizeof junk < after; i++)
			if (pwrite(fd, junk, sizeof junk, before + i * (long)sizeof junk) < 0)
				CHECK(0);
		close(fd);
	}

	st = store_open(path, NULL, &cause);
	CHECK(st != NULL);
	if (st == NULL) {
		printf("#   %s\n", cause ? cause : "?");
		free(cause);
		goto out;
	}
	region_code(code, sizeof code, 150);
	CHECK_INT(store_region_get(st, code, &r), -1);
	CHECK(*store_error(st) != '\0');
	CHECK_INT(store_meta_get(st, code, &value), -1);
	CHECK(value == NULL);
	CHECK_INT(store_region_each(st, NULL, count_region, &n), -1);
	CHECK(*store_error(st) != '\0');
	store_close(st);
out:
	drop(path);
}

/* Writes on a query-only connection, or with the write lock held by
 * another connection, fail with the reason. */
static void
test_write_refused(void)
{
	char path[64], *cause = NULL;
	struct store *st, *other;
	long n = 0;

	if (test_on_pg()) {
		test_skip("it reads an SQLite file of its own");
		return;
	}
	tmp_path(path);
	if ((st = open_new(path)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(store_exec(st, "PRAGMA query_only = 1", NULL), 0);
	CHECK_INT(store_meta_set(st, "k", "v", &cause), -1);
	CHECK(cause != NULL);
	CHECK(strstr(store_error(st), "readonly") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(store_case_seq_next(st, "500229-20260101", &n, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(store_exec(st, "PRAGMA query_only = 0; PRAGMA busy_timeout = 0", NULL), 0);

	/* In WAL mode a reader goes on while another connection writes. */
	other = store_open(path, NULL, NULL);
	CHECK(other != NULL);
	if (other != NULL) {
		char *value = NULL;

		CHECK_INT(store_begin(other, NULL), 0);
		CHECK_INT(store_meta_set(other, "k", "v", NULL), 0);
		CHECK_INT(store_meta_get(st, "k", &value), STORE_NOTFOUND);
		CHECK_INT(store_meta_set(st, "k", "w", &cause), -1);
		CHECK(strstr(store_error(st), "busy") != NULL);
		free(cause);
		store_rollback(other);
		store_close(other);
	}
	store_close(st);
	drop(path);
}

struct lights {
	int n[4];
};

static int
on_light(void *arg, const char *group, const char *status, int light, long n)
{
	struct lights *l = arg;

	(void)group;
	(void)status;
	if (light >= 0 && light <= 3)
		l->n[light] += (int)n;
	return 0;
}

/* stat_roll computes lights in SQL: they must be clock_light_at()'s. */
static void
test_sql_light(void)
{
	static const struct {
		const char *warn, *due;
	} clocks[] = {
		{ "2026-10-20", "2026-10-23" },	/* today 10-21: yellow */
		{ "2026-10-21", "2026-10-21" },	/* due today: yellow, not red */
		{ "2026-10-12", "2026-10-20" },	/* past due: red */
		{ "2026-10-22", "2026-10-30" },	/* green */
		{ "2026-10-25", "2026-11-02" },	/* green */
	};
	char path[64];
	struct store *st;
	struct lights got = { { 0 } }, want = { { 0 } };
	size_t i;
	int today = 0;

	if (test_on_pg()) {
		test_skip("it reads an SQLite file of its own");
		return;
	}
	clock_parse_date("2026-10-21", &today);
	tmp_path(path);
	if ((st = open_new(path)) == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
		CHECK_INT(store_stat_open_add(st, "500229", "review", clocks[i].warn, clocks[i].due,
		    1, NULL), 0);
		want.n[clock_light_at(today, clocks[i].warn, clocks[i].due)]++;
	}
	CHECK_INT(store_stat_roll(st, "2026-10-21", NULL), 0);
	CHECK_INT(store_stat_light_each(st, "500229", "500229:", 0, on_light, &got), 0);
	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++)
		CHECK_INT(got.n[i], want.n[i]);
	CHECK_INT(want.n[LIGHT_RED], 1);
	CHECK_INT(want.n[LIGHT_YELLOW], 2);
	store_close(st);
	drop(path);
}

const struct test tests_store_err[] = {
	{ "store: a get on a missing row is not found, an empty list is empty", test_notfound },
	{ "store: a get or a list over corrupt pages fails with a message", test_corrupt },
	{ "store: writes refused (query-only, locked) fail with the reason", test_write_refused },
	{ "store: the lights SQL computes are clock_light_at()'s", test_sql_light },
	{ NULL, NULL }
};
