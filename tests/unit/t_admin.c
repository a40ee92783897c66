/*
 * The admin's rules on users and the catalog (user.h, catalog.h): an admin
 * cannot lock themselves out, and every change leaves its event in the
 * audit chain.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "clock.h"
#include "exitcode.h"
#include "session.h"
#include "store.h"
#include "test.h"
#include "user.h"

#define KEY1 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL2pqXnwljGFIHqo1+iOaJnZ6imHZhmpfTadbGhcIu2U one"
#define KEY2 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBjf1Hc9bMOfKJRyv+2Hf6EOuK42ilsVeo1jUKir/tfz two"

static int
count_subject(void *arg, const struct event *e)
{
	(void)e;
	++*(int *)arg;
	return 0;
}

static int
events_of(struct store *st, const char *subject)
{
	int n = 0;

	store_event_each_of_subject(st, subject, count_subject, &n);
	return n;
}

static int
first_key(void *arg, long long id, const char *type, const char *blob, const char *comment,
    const char *added)
{
	(void)type, (void)blob, (void)comment, (void)added;
	if (*(long long *)arg == 0)
		*(long long *)arg = id;
	return 0;
}

/* A session of a fresh admin "boss" (city level). */
static void
admin_session(struct session *s, struct store *st)
{
	struct user u;
	char *cause = NULL;

	memset(&u, 0, sizeof u);
	u.login = (char *)"boss";
	u.name = (char *)"Boss";
	u.role = ROLE_ADMIN;
	u.region = (char *)"500000";
	u.region_level = (char *)"city";
	u.lang = (char *)"en";
	store_user_add(st, &u, NULL, "2026-11-01 09:00:00", &cause);
	free(cause);
	session_init(s, st, test_calendar(), &u, "10.0.0.9");
}

static void
admin_cannot_lock_themselves_out(void)
{
	struct store *st = test_store();
	struct session s;
	char *cause = NULL, line[200];
	long long id = 0;
	int rc;

	admin_session(&s, st);
	rc = user_set_disabled(&s, "boss", 1, &cause);
	CHECK_INT(rc, EXIT_INVALID);
	CHECK(cause && strstr(cause, "disable yourself"));
	free(cause);
	cause = NULL;
	snprintf(line, sizeof line, "%s", KEY1);
	CHECK_INT(user_key_add(&s, "boss", line, &cause), 0);
	store_key_each(st, "boss", first_key, &id);
	CHECK(id > 0);
	rc = user_key_remove(&s, "boss", (long)id, &cause);
	CHECK_INT(rc, EXIT_INVALID);
	CHECK(cause && strstr(cause, "last key"));
	free(cause);
	cause = NULL;
	CHECK_INT(store_key_has(st, "boss", "ssh-ed25519",
	    "AAAAC3NzaC1lZDI1NTE5AAAAIL2pqXnwljGFIHqo1+iOaJnZ6imHZhmpfTadbGhcIu2U"), 0);
	/* With a second key the first may go. */
	snprintf(line, sizeof line, "%s", KEY2);
	CHECK_INT(user_key_add(&s, "boss", line, &cause), 0);
	CHECK_INT(user_key_remove(&s, "boss", (long)id, &cause), 0);
	session_close(&s);
}

static void
user_changes_are_audited(void)
{
	struct store *st = test_store();
	struct session s;
	struct user_new in;
	struct audit_result res;
	char *cause = NULL, line[200];
	long long id = 0;
	int before;

	admin_session(&s, st);
	before = events_of(st, "user:newclerk");
	memset(&in, 0, sizeof in);
	in.login = "newclerk";
	in.role = "clerk";
	in.region = "500229";
	in.name = "New";
	CHECK_INT(user_add(&s, &in, &cause), 0);
	CHECK_INT(user_change(&s, "newclerk", "Newer", "en", NULL, NULL, &cause), 0);
	snprintf(line, sizeof line, "%s", KEY1);
	CHECK_INT(user_key_add(&s, "newclerk", line, &cause), 0);
	store_key_each(st, "newclerk", first_key, &id);
	CHECK_INT(user_key_remove(&s, "newclerk", (long)id, &cause), 0);
	CHECK_INT(user_set_disabled(&s, "newclerk", 1, &cause), 0);
	CHECK_INT(user_set_disabled(&s, "newclerk", 0, &cause), 0);
	CHECK_INT(events_of(st, "user:newclerk") - before, 6);
	/* A refused change leaves nothing. */
	in.region = "nosuch";
	in.login = "other";
	CHECK_INT(user_add(&s, &in, &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	CHECK_INT(events_of(st, "user:other"), 0);
	CHECK_INT(user_add(&s, &(struct user_new){ .login = "newclerk", .role = "clerk",
	    .region = "500229" }, &cause), EXIT_CONFLICT);
	free(cause);
	cause = NULL;
	CHECK_INT(events_of(st, "user:newclerk") - before, 6);
	CHECK_INT(audit_verify(st, &res), 0);
	free(res.reason);
	session_close(&s);
}

static void
catalog_edits_are_audited(void)
{
	struct store *st = test_store();
	struct session s;
	char *cause = NULL;
	int seq = 0, before;

	admin_session(&s, st);
	before = events_of(st, "item:000101001000");
	CHECK_INT(catalog_material_add(&s, "000101001000", "extra paper", 1, 0, &seq, &cause), 0);
	CHECK_INT(catalog_material_set(&s, "000101001000", seq, NULL, 0, -1, &cause), 0);
	CHECK_INT(catalog_step_add(&s, "000101001000", "审核", "Check", "market", 2, &seq,
	    &cause), 0);
	CHECK_INT(catalog_step_set(&s, "000101001000", seq, NULL, "Check again", NULL, 3, &cause), 0);
	CHECK_INT(events_of(st, "item:000101001000") - before, 4);
	/* Only a required material may be pledged (容缺): one clear error. */
	CHECK_INT(catalog_material_add(&s, "000101001000", "x", 0, 1, &seq, &cause), EXIT_INVALID);
	CHECK(cause && strstr(cause, "--secondary"));
	free(cause);
	cause = NULL;
	CHECK_INT(catalog_material_set(&s, "000101001000", 1, NULL, 0, 1, &cause), EXIT_INVALID);
	free(cause);
	cause = NULL;
	CHECK_INT(catalog_step_set(&s, "000101001000", 99, NULL, NULL, NULL, 3, &cause),
	    EXIT_NOTFOUND);
	free(cause);
	CHECK_INT(events_of(st, "item:000101001000") - before, 4);
	session_close(&s);
}

struct joint {
	int housing, other;
};

static int
joint_days(void *arg, int seq, const char *name, const char *name_en, const char *dept, int days)
{
	struct joint *j = arg;

	(void)name, (void)name_en;
	if (seq == 2) {
		if (strcmp(dept, "housing") == 0)
			j->housing = days;
		else
			j->other = days;
	}
	return 0;
}

/* Joint steps share a number: the department names which one changes. */
static void
joint_step_changed_by_department(void)
{
	struct store *st = test_store();
	struct session s;
	struct joint j = { 0, 0 };
	char *cause = NULL;

	admin_session(&s, st);
	CHECK_INT(catalog_step_set(&s, "000103006000", 2, NULL, NULL, "housing", 6, &cause), 0);
	store_step_each(st, "000103006000", joint_days, &j);
	CHECK_INT(j.housing, 6);
	CHECK_INT(j.other, 5);
	CHECK_INT(catalog_step_set(&s, "000103006000", 2, NULL, NULL, "market", 6, &cause),
	    EXIT_INVALID);
	CHECK(cause && strstr(cause, "keeps its department"));
	free(cause);
	session_close(&s);
}

const struct test tests_admin[] = {
	{ "a joint step is changed by its department", joint_step_changed_by_department },
	{ "an admin cannot disable themselves or remove their own last key",
	  admin_cannot_lock_themselves_out },
	{ "every change of a user is one event; a refused one none", user_changes_are_audited },
	{ "every edit of an item's materials and steps is one event", catalog_edits_are_audited },
	{ NULL, NULL }
};
