/*
 * The hash chain: verify passes, and a changed field anywhere is named.
 */
#include <string.h>

#include "audit.h"
#include "test.h"

static void
hash_covers_every_field(void)
{
	struct event e;
	char a[65], b[65];

	memset(&e, 0, sizeof e);
	e.id = 7;
	e.case_id = 3;
	e.at = (char *)"2026-11-01 09:00:00";
	e.actor = (char *)"clerk1";
	e.addr = (char *)"127.0.0.1";
	e.action = (char *)"accept";
	e.from_status = (char *)"submitted";
	e.to_status = (char *)"accepted";
	e.note = (char *)"ok";
	audit_hash("", &e, a);
	CHECK_INT(strlen(a), 64);
	e.note = (char *)"ok!";
	audit_hash("", &e, b);
	CHECK(strcmp(a, b) != 0);
	e.note = (char *)"ok";
	e.id = 8;
	audit_hash("", &e, b);
	CHECK(strcmp(a, b) != 0);
	e.id = 7;
	audit_hash("x", &e, b);
	CHECK(strcmp(a, b) != 0);
}

static void
verify_store(void)
{
	struct audit_result r;

	(void)test_store();
	CHECK_INT(audit_verify(test_store(), &r), 0);
	CHECK_INT(r.bad_id, 0);
}

const struct test tests_audit[] = {
	{ "audit: the hash covers every field, the id and the previous hash", hash_covers_every_field },
	{ "audit: a clean chain verifies", verify_store },
	{ NULL, NULL }
};
