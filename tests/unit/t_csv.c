/*
 * CSV through libcsv: round trips with Chinese text, quotes, commas and
 * newlines; every kind of bad input gets one message naming line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "test.h"
#include "util.h"

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

	CHECK_STR(read_text("a,b,c\n1,2\n", &rs, NULL), "t.csv:2:3: expected 3 columns, found 2");
	CHECK_STR(read_text("a,b,c\n1,2,3,4\n", &rs, NULL), "t.csv:2:4: expected 3 columns, found 4");
	CHECK_STR(read_text("a,b,c\n1,2,3\n4,\"5\"x,6\n", &rs, NULL),
	    "t.csv:3:2: expected quotes around a whole field, found a stray quote");
	CHECK(strstr(read_text("a,b,c\n1,2,\xb3\xc9\n", &rs, "utf-8"),
	    "t.csv:2:3: expected UTF-8 text, found bytes that are not") != NULL);
	CHECK_STR(read_text("x,b,c\n1,2,3\n", &rs, NULL),
	    "t.csv:1: expected the header 'a,b,c', found 'x,b,c'");
	CHECK_STR(read_text("a,b,c\n1,2,\"open\n", &rs, NULL),
	    "t.csv:2:3: expected a closing quote, found the end of the file");
	CHECK_STR(read_text("", &rs, NULL), "t.csv:1: expected a header line, found an empty file");
	CHECK(strstr(read_text("\xff\xfe" "a\0,\0", &rs, NULL), "found UTF-16") != NULL);
	CHECK(strstr(read_text("a,b,c\n1,2,\xff\xff\n", &rs, NULL),
	    "t.csv:2: expected UTF-8 or GBK text") != NULL);
}

/* Row callback refusing rows whose first field is "bad". */
static int
picky(void *arg, const struct csvio_row *r, char **cause)
{
	struct rows *rs = arg;

	if (strcmp(r->f[0], "bad") == 0)
		return csvio_bad(cause, "t.csv", r, 1, "a good value");
	if (strcmp(r->f[0], "stop") == 0) {
		set_cause(cause, "the store failed");
		return CSVIO_STOP;
	}
	rs->n++;
	return 0;
}

static const char *
read_picky(const char *text, struct rows *rs)
{
	static char msg[4096];
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	char *cause = NULL;
	int rc;

	memset(rs, 0, sizeof *rs);
	rc = csvio_read(fp, "t.csv", header, NULL, picky, rs, &cause);
	fclose(fp);
	snprintf(msg, sizeof msg, "%s", rc == 0 ? "" : cause ? cause : "?");
	free(cause);
	return msg;
}

static void
many_errors(void)
{
	struct rows rs;
	struct sb in = SB_INIT;
	const char *m;
	int i, lines = 0;

	/* Every bad row is named in one pass, the good ones read on. */
	CHECK_STR(read_picky("a,b,c\nbad,1,2\nok,1,2\n1,2\nbad,\"x\ny\",3\nok,1,2\n", &rs),
	    "t.csv:2:1: expected a good value, found 'bad'\n"
	    "t.csv:4:3: expected 3 columns, found 2\n"
	    "t.csv:5:1: expected a good value, found 'bad'");
	CHECK_INT(rs.n, 2);
	/* The first 20, then a count. */
	sb_add(&in, "a,b,c\n", 6);
	for (i = 0; i < 25; i++)
		sb_add(&in, "bad,1,2\n", 8);
	m = read_picky(in.buf, &rs);
	for (i = 0; m[i]; i++)
		lines += m[i] == '\n';
	CHECK_INT(lines, 20);
	CHECK(strstr(m, "t.csv:21:1: expected a good value") != NULL);
	CHECK(strstr(m, "t.csv:22:1") == NULL);
	CHECK(strstr(m, "t.csv: 5 more errors not shown") != NULL);
	sb_release(&in);
	/* A stop ends the read at once. */
	CHECK_STR(read_picky("a,b,c\nstop,1,2\nbad,1,2\n", &rs), "t.csv:2: the store failed");
	/* The value found is cut at 40 characters, on one line. */
	CHECK_STR(read_picky("a,b,c\nok,1,2\n", &rs), "");
	{
		struct csvio_row r = { 1, NULL, 7 };
		char s[] = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二";
		char *f[1] = { s };
		char *cause = NULL;

		r.f = f;
		csvio_bad(&cause, "x.csv", &r, 1, "a name");
		CHECK_STR(cause, "x.csv:7:1: expected a name, found '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十'...");
		free(cause);
	}
}

/* A stop predicate that says the store failed after the second row. */
static int rows_seen;

static int
count_and_refuse(void *arg, const struct csvio_row *r, char **cause)
{
	(void)arg;
	rows_seen++;
	return csvio_bad(cause, "t.csv", r, 1, "something else");
}

static int
failed_after_two(void *arg)
{
	(void)arg;
	return rows_seen >= 2;
}

static void
guarded(void)
{
	const char *text = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n";
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	char *cause = NULL;

	/* Refused rows go on being read, until the guard says the store
	 * failed: then the read ends at once (a full disk may have rolled the
	 * transaction back, and no later row may land outside it). */
	rows_seen = 0;
	CHECK_INT(csvio_read_guarded(fp, "t.csv", header, NULL, count_and_refuse, NULL,
	    failed_after_two, NULL, &cause), -1);
	fclose(fp);
	CHECK_INT(rows_seen, 2);
	free(cause);
}

static void
gbk(void)
{
	struct rows rs;

	/* 成都 in GBK */
	CHECK(read_text("a,b,c\n1,2,\xb3\xc9\xb6\xbc\n", &rs, "gbk") == NULL);
	CHECK_STR(rs.text, "1|2|成都\n");
	/* Found without the option: the first line that is not ASCII decides. */
	CHECK(read_text("a,b,c\n1,2,3\n1,2,\xb3\xc9\xb6\xbc\n", &rs, NULL) == NULL);
	CHECK_STR(rs.text, "1|2|3\n1|2|成都\n");
	/* A GB18030 byte-order mark. */
	CHECK(read_text("\x84\x31\x95\x33" "a,b,c\r\n\xb3\xc9,2,3\r\n", &rs, NULL) == NULL);
	CHECK_STR(rs.text, "成|2|3\n");
	/* UTF-8 stays UTF-8, and a UTF-8 BOM wins over the option. */
	CHECK(read_text("a,b,c\n成都,2,3\n", &rs, NULL) == NULL);
	CHECK_STR(rs.text, "成都|2|3\n");
	CHECK(read_text("\xef\xbb\xbf" "a,b,c\n成都,2,3\n", &rs, "gbk") == NULL);
	CHECK_STR(rs.text, "成都|2|3\n");
	/* A GBK line after a UTF-8 one is not UTF-8. */
	CHECK(strstr(read_text("a,b,c\n成都,2,3\n\xb3\xc9,2,3\n", &rs, NULL),
	    "t.csv:3:1: expected UTF-8 text") != NULL);
	CHECK(strstr(read_text("a,b,c\n1,2,3\n", &rs, "latin1"), "--encoding") != NULL);
}

static void
excel(void)
{
	static const char *const named[] = { "code|编码", "name|名称", "days|天数", NULL };
	struct rows rs;
	FILE *fp;
	char *cause = NULL;
	const char *text = "编码,名称,天数,,\r\nA1,\"两行\r\n名称\",5,,\r\nA2,x,6\r\n";

	/* Empty columns past the last one are dropped, on the header too. */
	CHECK(read_text("a,b,c,,\n1,2,3,,\n4,5,6\n", &rs, NULL) == NULL);
	CHECK_STR(rs.text, "1|2|3\n4|5|6\n");
	CHECK_STR(read_text("a,b,c\n1,2,3,x\n", &rs, NULL), "t.csv:2:4: expected 3 columns, found 4");
	/* A header in the user's language, as an export writes it. */
	memset(&rs, 0, sizeof rs);
	fp = fmemopen((void *)text, strlen(text), "r");
	CHECK_INT(csvio_read(fp, "t.csv", named, NULL, collect, &rs, &cause), 0);
	fclose(fp);
	if (cause)
		printf("# %s\n", cause);
	CHECK_STR(rs.text, "A1|两行\n名称|5\nA2|x|6\n");
	free(cause);
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
	CHECK(strstr(read_text(big, &rs, NULL), "t.csv:2:3: expected a field of at most 65536 bytes") != NULL);
	free(big);
}

const struct test tests_csv[] = {
	{ "csv: round trip with Chinese, quotes, commas and newlines", round_trip },
	{ "csv: byte-order mark and CRLF", bom_and_crlf },
	{ "csv: wrong columns, bad quoting, bad UTF-8, wrong header, unclosed quote", errors },
	{ "csv: GBK input, with --encoding gbk, a GB18030 BOM or found on the first non-ASCII line", gbk },
	{ "csv: every bad row named in one pass, 20 shown then a count, a stop ends it", many_errors },
	{ "csv: a guard that says the store failed ends the read after the refused row", guarded },
	{ "csv: what Excel saves: trailing empty columns, CRLF in quotes, a header in Chinese", excel },
	{ "csv: a huge field is refused, not truncated", huge_field },
	{ NULL, NULL }
};
