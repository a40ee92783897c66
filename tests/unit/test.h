/*
 * A small unit-test harness: each t_*.c file exports a NULL-terminated
 * table of tests; main.c runs them all and prints one "ok"/"not ok" line per
 * test, then "N passed, N failed".
 */
#ifndef TONGBAN_TEST_H
#define TONGBAN_TEST_H

#include <string.h>

struct test {
	const char *name;
	void (*fn)(void);
};

void test_check(int ok, const char *expr, const char *file, int line);
void test_check_str(const char *got, const char *want, const char *expr,
    const char *file, int line);
void test_check_int(long got, long want, const char *expr, const char *file, int line);

#define CHECK(c) test_check(!!(c), #c, __FILE__, __LINE__)
#define CHECK_STR(got, want) test_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) test_check_int((long)(got), (long)(want), #got, __FILE__, __LINE__)

/* The suite's store: the schema and the reference data of data/, opened
 * afresh for every suite (test_reset). */
struct store;
struct calendar;
struct store *test_store(void);
/* Where a new store of a test goes: ":memory:", or a new database on the
 * PostgreSQL server of TONGBAN_TEST_PG; and whether it is PostgreSQL. */
const char *test_db(void);
int test_on_pg(void);
/* The running test does not apply to this store (why): it says so. */
void test_skip(const char *why);
struct calendar *test_calendar(void);
/* Close the suite's store and calendar: the next suite opens fresh ones. */
void test_reset(void);
/* lifecycle_act and lifecycle_intake as who, on who->today, over st. */
struct actor;
struct act_args;
struct intake;
int test_act(struct store *st, const struct calendar *cal, const struct actor *who, const char *no,
    const struct act_args *a, char **cause);
int test_intake(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct intake *in, char no[32], char **cause);
/* lifecycle_offered as who on who->today: the names of the actions offered
 * on case no, space-separated, into out ("" when none or not found). */
void test_offered(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *no, char *out, size_t size);

extern const struct test tests_clock[];
extern const struct test tests_flowdraw[];
extern const struct test tests_projstat[];
extern const struct test tests_reports[];
extern const struct test tests_lookup[];
extern const struct test tests_reconcile[];
extern const struct test tests_calendar[];
extern const struct test tests_ids[];
extern const struct test tests_csv[];
extern const struct test tests_access[];
extern const struct test tests_cmd[];
extern const struct test tests_cmdtable[];
extern const struct test tests_help[];
extern const struct test tests_audit[];
extern const struct test tests_sha256[];
extern const struct test tests_json[];
extern const struct test tests_conv[];
extern const struct test tests_lifecycle[];
extern const struct test tests_supervision[];
extern const struct test tests_grade[];
extern const struct test tests_property[];
extern const struct test tests_appoint[];
extern const struct test tests_store_err[];
extern const struct test tests_hardening[];
extern const struct test tests_plans[];
extern const struct test tests_demo[];
extern const struct test tests_project[];
extern const struct test tests_admin[];
extern const struct test tests_copy[];

#endif
