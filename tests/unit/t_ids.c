/*
 * Check digits: GB 11643 resident IDs and GB 32100 credit codes.
 */
#include "ids.h"
#include "test.h"

static void
person(void)
{
	/* The standard's own example, with an X check character. */
	CHECK(ids_person_valid("11010519491231002X"));
	CHECK(!ids_person_valid("110105194912310021"));
	CHECK(!ids_person_valid("11010519491331002X"));	/* month 13 */
	CHECK(!ids_person_valid("1101051949123100"));
	CHECK(!ids_person_valid("11010519491231002x"));
	{
		char id[19] = "50010319900101123";

		id[17] = ids_person_check(id);
		id[18] = '\0';
		CHECK(ids_person_valid(id));
		id[17] = id[17] == '0' ? '1' : '0';
		CHECK(!ids_person_valid(id));
	}
}

static void
org(void)
{
	/* GB 32100-2015's example code. */
	CHECK(ids_org_valid("91350100M000100Y43"));
	CHECK(!ids_org_valid("91350100M000100Y44"));
	CHECK(!ids_org_valid("91350100M000100I43"));	/* I is not used */
	CHECK_STR(ids_kind("91350100M000100Y43"), "org");
	CHECK_STR(ids_kind("11010519491231002X"), "person");
	CHECK(ids_kind("hello") == NULL);
}

const struct test tests_ids[] = {
	{ "ids: resident ID check digit (GB 11643)", person },
	{ "ids: unified social credit code (GB 32100)", org },
	{ NULL, NULL }
};
