/*
 * The JSON writer: commas and layout, numbers as numbers, escapes, and
 * tables whose numeric columns become numbers or null.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "out.h"
#include "test.h"

/* Run fn against a memory stream and return what it wrote (heap). */
static char *
capture(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fn(fp);
	fclose(fp);
	return buf;
}

static void
doc(FILE *fp)
{
	struct json j;

	json_init(&j, fp);
	json_begin_object(&j);
	json_key(&j, "n");
	json_int(&j, -42);
	json_key(&j, "x");
	json_double(&j, 0.5, 2);
	json_key(&j, "nan");
	json_double(&j, NAN, 2);
	json_key(&j, "inf");
	json_double(&j, -INFINITY, 1);
	json_key(&j, "list");
	json_begin_array(&j);
	json_bool(&j, 1);
	json_null(&j);
	json_string(&j, "a");
	json_end(&j);
	json_key(&j, "rows");
	json_begin_array(&j);
	json_begin_object(&j);
	json_key(&j, "k");
	json_string(&j, NULL);
	json_end(&j);
	json_end(&j);
	json_key(&j, "empty");
	json_begin_object(&j);
	json_end(&j);
	json_end(&j);
}

static void
writer_layout(void)
{
	char *s = capture(doc);

	CHECK_STR(s, "{\n \"n\": -42,\n \"x\": 0.50,\n \"nan\": null,\n \"inf\": null,\n"
	    " \"list\": [true, null, \"a\"],\n \"rows\": [\n  {\"k\": null}\n ],\n"
	    " \"empty\": {}\n}\n");
	free(s);
}

static void
escapes(FILE *fp)
{
	/* quote, backslash, controls, DEL, U+2028, U+FFFE, U+1FFFF, bad UTF-8,
	 * a surrogate encoded in UTF-8, and CJK kept as it is */
	json_write_string(fp, "\"\\\n\t\x01\x1f\x7f" "\xe2\x80\xa8" "\xef\xbf\xbe"
	    "\xf0\x9f\xbf\xbf" "\xff" "\xed\xa0\x80" "\xe4\xb8\xad\xc3");
}

static void
escaping(void)
{
	char *s = capture(escapes);

	CHECK_STR(s, "\"\\\"\\\\\\n\\t\\u0001\\u001f\\u007f\\u2028\\ufffe\\ud83f\\udfff"
	    "\\ufffd\\ufffd\\ufffd\\ufffd\xe4\xb8\xad\\ufffd\"");
	free(s);
}

static void
numbers(void)
{
	CHECK(json_is_number("0"));
	CHECK(json_is_number("-12"));
	CHECK(json_is_number("95.2"));
	CHECK(json_is_number("1e-3"));
	CHECK(!json_is_number(""));
	CHECK(!json_is_number("-"));
	CHECK(!json_is_number("01"));
	CHECK(!json_is_number("1."));
	CHECK(!json_is_number("+1"));
	CHECK(!json_is_number("2026-12-01"));
	CHECK(!json_is_number("NaN"));
}

static void
table(FILE *fp)
{
	static const char *const keys[] = { "name", "n", "rate" };
	static const unsigned char numeric[] = { 0, 1, 1 };
	const char *r1[] = { "12", "3", "95.5" };
	const char *r2[] = { "x", "", "-" };
	struct out o;

	out_begin(&o, fp, FMT_JSON, 3, keys, NULL, NULL, 0);
	o.numeric = numeric;
	out_row(&o, r1);
	out_row(&o, r2);
	out_end(&o);
}

static void
table_numeric(void)
{
	char *s = capture(table);

	CHECK_STR(s, "[\n {\"name\": \"12\", \"n\": 3, \"rate\": 95.5},\n"
	    " {\"name\": \"x\", \"n\": null, \"rate\": \"-\"}\n]\n");
	free(s);
}

const struct test tests_json[] = {
	{ "json: commas, layout, null for NaN and infinity", writer_layout },
	{ "json: escapes for controls, non-characters and invalid UTF-8", escaping },
	{ "json: the number grammar of RFC 8259", numbers },
	{ "json: a table's numeric columns are numbers, null when empty", table_numeric },
	{ NULL, NULL }
};
