/*
 * CSV through libcsv: round trips with Chinese text, quotes, commas and
 * newlines; every kind of bad input gets one message naming line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "test.h"

struct rows {
	char text[4096];
	int n;
};

static int
collect(void *arg, const struct csvio_row *r, char **cause)
{
	struct rows *rs = arg;
	size_t i;

	(void)cause;
	rs->n++;
	for (i = 0; i < r->n; i++) {
		strncat(rs->text, r->f[i], sizeof rs->text - strlen(rs->text) - 2);
		strncat(rs->text, i + 1 < r->n ? "|" : "\n", sizeof rs->text - strlen(rs->text) - 1);
	}
	return 0;
}

static const char *const header[] = { "a", "b", "c", NULL };

/* Read text; returns the message (static) or NULL on success. */
static const char *
read_text(const char *text, struct rows *rs, const char *enc)
{
	static char msg[512];
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	char *cause = NULL;
	int rc;

	memset(rs, 0, sizeof *rs);
	rc = csvio_read(fp, "t.csv", header, enc, collect, rs, &cause);
	fclose(fp);
	if (rc == 0)
		return NULL;
	snprintf(msg, sizeof msg, "%s", cause ? cause : "?");
	free(cause);
	return msg;
}

static void
round_trip(void)
{
	const char *const row1[] = { "a", "b", "c" };
	const char *const row2[] = { "重庆市渝中区", "他说\"你好\"", "一,二\n三" };
	const char *const row3[] = { "", " spaced ", "末尾" };
	struct csvio_writer w;
	struct rows rs;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	CHECK_INT(csvio_writer_init(&w, fp, ',', NULL, 0), 0);
	csvio_write_row(&w, 3, row1);
	csvio_write_row(&w, 3, row2);
	csvio_write_row(&w, 3, row3);
	csvio_writer_release(&w);
	fclose(fp);
	CHECK(strstr(buf, "\"他说\"\"你好\"\"\"") != NULL);
	CHECK(read_text(buf, &rs, NULL) == NULL);
	CHECK_INT(rs.n, 2);
	CHECK_STR(rs.text, "重庆市渝中区|他说\"你好\"|一,二\n三\n| spaced |末尾\n");
	free(buf);
}

static void
bom_and_crlf(void)
{
	struct rows rs;

	CHECK(read_text("\xef\xbb\xbf" "a,b,c\r\n1,2,3\r\n", &rs, NULL) == NULL);
	CHECK_STR(rs.text, "1|2|3\n");
}

static void
errors(void)
{
	struct rows rs;

	CHECK_STR(read_text("a,b,c\n1,2\n", &rs, NULL), "t.csv: line 2: expected 3 columns, found 2");
	CHECK_STR(read_text("a,b,c\n1,2,3\n4,\"5\"x,6\n", &rs, NULL) ? "bad" : "ok", "bad");
	CHECK(strstr(read_text("a,b,c\n1,2,3\n4,\"5\"x,6\n", &rs, NULL), "line 3") != NULL);
	CHECK(strstr(read_text("a,b,c\n1,2,\xb3\xc9\n", &rs, NULL), "line 2, column 3: not valid UTF-8") != NULL);
	CHECK(strstr(read_text("x,b,c\n1,2,3\n", &rs, NULL), "line 1: expected the header 'a,b,c'") != NULL);
	CHECK(strstr(read_text("a,b,c\n1,2,\"open\n", &rs, NULL), "not closed") != NULL);
	CHECK(strstr(read_text("", &rs, NULL), "empty") != NULL);
}

static void
gbk(void)
{
	struct rows rs;

	/* 成都 in GBK */
	CHECK(read_text("a,b,c\n1,2,\xb3\xc9\xb6\xbc\n", &rs, "gbk") == NULL);
	CHECK_STR(rs.text, "1|2|成都\n");
}

static void
huge_field(void)
{
	struct rows rs;
	size_t n = CSVIO_MAX_FIELD + 10;
	char *big = malloc(n + 32);

	memcpy(big, "a,b,c\n1,2,", 10);
	memset(big + 10, 'x', n);
	memcpy(big + 10 + n, "\n", 2);
	CHECK(strstr(read_text(big, &rs, NULL), "line 2, column 3: field longer than") != NULL);
	free(big);
}

const struct test tests_csv[] = {
	{ "csv: round trip with Chinese, quotes, commas and newlines", round_trip },
	{ "csv: byte-order mark and CRLF", bom_and_crlf },
	{ "csv: wrong columns, bad quoting, bad UTF-8, wrong header, unclosed quote", errors },
	{ "csv: GBK input with --encoding gbk", gbk },
	{ "csv: a huge field is refused, not truncated", huge_field },
	{ NULL, NULL }
};
