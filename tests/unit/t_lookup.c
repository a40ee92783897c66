/*
 * The place lookup by name or pinyin initials (store_place_find), which the
 * intake's "lives in" field, the report's region picker and the admin's
 * user form share: the city and the districts are found as well as the
 * townships and villages, an exact match of the initials first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "schema.h"
#include "store.h"
#include "test.h"

struct hits {
	char code[8][16];
	int n;
};

static int
hit(void *arg, const char *code, const char *name, const char *level, const char *parent)
{
	struct hits *h = arg;

	(void)name;
	(void)level;
	(void)parent;
	if (h->n < 8)
		snprintf(h->code[h->n++], sizeof h->code[0], "%s", code);
	return 0;
}

static int
first(struct store *st, const char *text, const char *near, char out[16])
{
	struct hits h;

	memset(&h, 0, sizeof h);
	if (store_place_find(st, text, near, 8, hit, &h) != 0)
		return -1;
	snprintf(out, 16, "%s", h.n ? h.code[0] : "");
	return h.n;
}

static void
lookup_districts(void)
{
	struct store *st;
	char *cause = NULL, c[16];

	st = store_open(test_db(), schema_sql, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(load_all(st, "data", &cause), 0);
	/* A district by its full initials and by a prefix of them. */
	CHECK(first(st, "ckx", NULL, c) >= 1);
	CHECK_STR(c, "500229");
	CHECK(first(st, "CKX", NULL, c) >= 1);
	CHECK_STR(c, "500229");
	CHECK(first(st, "ck", NULL, c) >= 2);
	CHECK_STR(c, "500229");
	/* The city too, by name and by initials. */
	CHECK(first(st, "cqs", NULL, c) >= 1);
	CHECK_STR(c, "500000");
	CHECK(first(st, "重庆市", NULL, c) >= 1);
	CHECK_STR(c, "500000");
	/* A district by name before its townships. */
	CHECK(first(st, "城口", NULL, c) >= 1);
	CHECK_STR(c, "500229");
	/* Townships are still found, those under near first. */
	CHECK(first(st, "gcjd", "500229", c) >= 1);
	CHECK_STR(c, "500229001");
	CHECK_INT(first(st, "zzzzzz", NULL, c), 0);
	store_close(st);
}

const struct test tests_lookup[] = {
	{ "lookup: districts and the city by name or initials", lookup_districts },
	{ NULL, NULL }
};
