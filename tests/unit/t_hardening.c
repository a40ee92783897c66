/*
 * Hardening of the data paths: control characters are refused at input
 * (utf8_ctl, CSV) and escaped at output (out.c); CSV and TSV cells that a
 * spreadsheet would run as formulas are neutralised unless raw; CSV reading
 * stays in bounded memory and names the first line of a record; region
 * codes must agree with their level and parent, calendar dates with the
 * clock's years.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "load.h"
#include "out.h"
#include "store.h"
#include "test.h"
#include "util.h"

static void
control_chars(void)
{
	unsigned cp = 0;

	CHECK_INT(utf8_ctl("abc", 3, 0, &cp), -1);
	CHECK_INT(utf8_ctl("a\x1b]0;x\x07", 7, 0, &cp), 1);
	CHECK_INT(cp, 0x1b);
	CHECK_INT(utf8_ctl("张\xc2\x9b" "2J", 7, 0, &cp), 3);	/* C1 CSI */
	CHECK_INT(cp, 0x9b);
	CHECK_INT(utf8_ctl("x\x7f", 2, 0, &cp), 1);
	CHECK_INT(utf8_ctl("a\tb\nc", 5, UTF8_CTL_TEXT, &cp), -1);
	CHECK_INT(utf8_ctl("a\tb", 3, 0, &cp), 1);
	CHECK_INT(utf8_ctl("a\rb", 3, UTF8_CTL_TEXT, &cp), 1);	/* CR never */
	CHECK_INT(utf8_ctl("\xc2\xa0", 2, 0, &cp), -1);		/* NBSP is text */
}

/* The output of one table of two columns (the second numeric) as text. */
static char *
table(enum fmt f, int raw, const char *a, const char *b)
{
	static const char *const keys[] = { "name", "n" };
	static const unsigned char numeric[] = { 0, 1 };
	const char *v[2] = { a, b };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out o;

	out_begin(&o, fp, f, 2, keys, NULL, NULL, 0);
	o.numeric = numeric;
	o.raw = raw;
	out_row(&o, v);
	out_end(&o);
	fclose(fp);
	return buf;
}

static void
output_escapes(void)
{
	char *s;

	s = table(FMT_TEXT, 0, "\x1b]0;pwned\x07王\xc2\x9b", "1");
	CHECK(strchr(s, 0x1b) == NULL && strchr(s, 0x07) == NULL);
	CHECK(strstr(s, "\\x1B]0;pwned\\x07王\\x9B") != NULL);
	free(s);
	s = table(FMT_CSV, 1, "a\x1b[2Jb", "1");
	CHECK(strchr(s, 0x1b) == NULL);
	CHECK(strstr(s, "a\\x1B[2Jb") != NULL);
	free(s);
	s = table(FMT_TSV, 0, "a\x1b" "b", "1");
	CHECK(strchr(s, 0x1b) == NULL);
	free(s);
	s = table(FMT_JSON, 0, "a\x1b\xc2\x85" "b", "1");
	CHECK(strstr(s, "a\\u001bb") == NULL && strstr(s, "\\u001b\\u0085b") != NULL);
	free(s);
	s = NULL;
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);

		out_puts_safe(fp, "line 1\n\tline 2\x1b[2J\r");
		fclose(fp);
		CHECK_STR(buf, "line 1\n\tline 2\\x1B[2J\\x0D");
		free(buf);
	}
}

static void
formulas(void)
{
	char *s;

	s = table(FMT_CSV, 0, "=HYPERLINK(\"http://x\")", "-3");
	CHECK(strstr(s, "\"'=HYPERLINK(\"\"http://x\"\")\",-3\r\n") != NULL);
	free(s);
	s = table(FMT_CSV, 1, "=1+2", "-3");
	CHECK(strstr(s, "=1+2,-3\r\n") != NULL && strstr(s, "'=") == NULL);
	free(s);
	s = table(FMT_CSV, 0, "+cmd|' /C calc'!A0", "1");
	CHECK(strstr(s, "'+cmd") != NULL);
	free(s);
	s = table(FMT_CSV, 0, "@SUM(A1)", "1");
	CHECK(strstr(s, "'@SUM") != NULL);
	free(s);
	s = table(FMT_TSV, 0, "-2+3", "-4.5");
	CHECK(strstr(s, "'-2+3\t-4.5\r\n") != NULL);
	free(s);
	/* A plain number in a text column is a number, not a formula. */
	s = table(FMT_CSV, 0, "-12", "");
	CHECK(strstr(s, "\n-12,\r\n") != NULL);
	free(s);
	s = table(FMT_CSV, 0, "-", "1");
	CHECK(strstr(s, "\n-,1\r\n") != NULL);
	free(s);
	/* Text output is for people: no quote added. */
	s = table(FMT_TEXT, 0, "=1+2", "1");
	CHECK(strstr(s, "'=") == NULL);
	free(s);
}

struct count {
	int n;
};

static int
count_row(void *arg, const struct csvio_row *r, char **cause)
{
	(void)r;
	(void)cause;
	((struct count *)arg)->n++;
	return 0;
}

static const char *const hdr[] = { "a", "b", "c", NULL };

static char *
read_csv(const char *text, size_t len, int *rows)
{
	FILE *fp = fmemopen((void *)text, len ? len : strlen(text), "r");
	struct count c = { 0 };
	char *cause = NULL;

	if (csvio_read(fp, "t.csv", hdr, NULL, count_row, &c, &cause) == 0) {
		free(cause);
		cause = NULL;
	}
	fclose(fp);
	*rows = c.n;
	return cause;
}

static void
csv_input(void)
{
	char *m;
	int n;

	m = read_csv("a,b,c\n1,\"x\ty\nz\",3\n", 0, &n);
	CHECK(m == NULL);
	if (m != NULL)
		printf("#   %s\n", m);
	CHECK_INT(n, 1);
	free(m);
	m = read_csv("a,b,c\n1,2,3\n4,\x1b]0;x\x07,6\n", 0, &n);
	CHECK(m != NULL && strstr(m, ":3:2: expected text, found the control character U+001B") != NULL);
	free(m);
	m = read_csv("a,b,c\n1,2,\xc2\x9b" "1\n", 0, &n);
	CHECK(m != NULL && strstr(m, ":2:3: expected text, found the control character U+009B") != NULL);
	free(m);
	m = read_csv("a,b,c\n1,\"x\r\",3\n", 0, &n);
	CHECK(m != NULL && strstr(m, "U+000D") != NULL);
	free(m);
	/* A record over three lines: messages name its first. */
	m = read_csv("a,b,c\n1,\"x\ny\nz\",3,4\n", 0, &n);
	CHECK(m != NULL && strstr(m, ":2:4: expected 3 columns") != NULL);
	free(m);
	m = read_csv("a,b,c\n1,2,3\n4,\"open\nmore\nand more\n", 0, &n);
	CHECK(m != NULL && strstr(m, ":3:2: expected a closing quote, found the end of the file") != NULL);
	free(m);
	m = read_csv("a,b,c\n1,\"x\ny\"z,3\n", 0, &n);
	CHECK(m != NULL && strstr(m, "expected quotes around a whole field, found a stray quote") != NULL);
	free(m);
}

static void
csv_bounds(void)
{
	size_t big = 8u << 20, i;
	char *text = malloc(big + 64), *m;
	int n;

	/* One 8 MiB line: stopped at the field's limit, column named. */
	memcpy(text, "a,b,c\n1,", 8);
	memset(text + 8, 'x', big);
	memcpy(text + 8 + big, ",3\n", 3);
	m = read_csv(text, big + 11, &n);
	CHECK(m != NULL && strstr(m, ":2:2: expected a field of at most 65536 bytes") != NULL);
	free(m);
	/* Many fields of 60 KiB each: the record's limit. */
	memcpy(text, "a,b,c\n", 6);
	for (i = 6; i < 6 + 40 * 61440; i++)
		text[i] = (i - 6) % 61440 == 61439 ? ',' : 'y';
	text[i++] = '\n';
	m = read_csv(text, i, &n);
	CHECK(m != NULL && strstr(m, ":2:18: expected a record of at most") != NULL);
	free(m);
	free(text);
}

static int
import(const char *kind, const char *text, char **cause)
{
	struct store *st = test_store();
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	free(*cause);
	*cause = NULL;
	store_begin(st, NULL);
	if (strcmp(kind, "regions") == 0)
		rc = load_regions(st, fp, "r.csv", 0, NULL, cause);
	else
		rc = load_calendar(st, fp, "c.csv", NULL, cause);
	store_rollback(st);
	fclose(fp);
	return rc;
}

static void
regions(void)
{
	static const char h[] = "code,name,level,parent_code\n";
	char text[512], *cause = NULL;
	static const struct {
		const char *row;
		const char *why;	/* NULL: accepted */
	} cases[] = {
		{ "500229999,新镇,township,500229", NULL },
		{ "500192,新区,district,500000", NULL },
		{ "500229001999,新村,village,500229001", NULL },
		/* the incident: a township's code as the city */
		{ "500229001,葛城,city,", ":2:3:" },
		{ "500229,城口,city,", ":2:3:" },
		{ "510000,四川,city,", NULL },
		{ "500000,重庆,district,500000", ":2:3:" },
		{ "500229999,新镇,district,500000", ":2:3:" },
		{ "500229999,新镇,township,500000", ":2:4:" },	/* not a district */
		{ "500229999,新镇,township,500103", ":2:4:" },	/* not its prefix */
		{ "500229999,新镇,township,500299", ":2:4:" },	/* no such parent */
		{ "500229999,新镇,township,", ":2:4:" },
		{ "500000,重庆,city,500000", ":2:4:" },
		{ "500229001999,新村,village,500229", ":2:4:" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;

		snprintf(text, sizeof text, "%s%s\n", h, cases[i].row);
		rc = import("regions", text, &cause);
		if (cases[i].why == NULL) {
			CHECK_INT(rc, 0);
			if (rc != 0)
				printf("#   %s: %s\n", cases[i].row, cause);
		} else {
			CHECK(rc != 0 && cause != NULL && strstr(cause, cases[i].why) != NULL);
			if (rc == 0 || cause == NULL || strstr(cause, cases[i].why) == NULL)
				printf("#   %s: %s\n", cases[i].row, cause ? cause : "accepted");
		}
	}
	/* A parent earlier in the same file counts. */
	CHECK_INT(import("regions", "code,name,level,parent_code\n500229999,新镇,township,500229\n"
	    "500229999001,新村,village,500229999\n", &cause), 0);
	free(cause);
}

static void
calendar(void)
{
	char *cause = NULL;

	CHECK_INT(import("calendar", "date,kind,name_cn,name_en\n2030-01-01,public_holiday,元旦,x\n",
	    &cause), 0);
	CHECK(import("calendar", "date,kind,name_cn,name_en\n1999-12-31,public_holiday,x,x\n",
	    &cause) != 0 && strstr(cause, ":2:1:") != NULL);
	CHECK(import("calendar", "date,kind,name_cn,name_en\n2100-01-01,public_holiday,x,x\n",
	    &cause) != 0 && strstr(cause, "2000 to 2099") != NULL);
	free(cause);
}

const struct test tests_hardening[] = {
	{ "hardening: control characters (C0, DEL, C1; TAB and LF as text)", control_chars },
	{ "hardening: text, CSV, TSV and JSON never write a control character", output_escapes },
	{ "hardening: CSV/TSV formulas get a quote unless raw; numbers stay", formulas },
	{ "hardening: CSV input refuses control characters; first line of a record", csv_input },
	{ "hardening: CSV fields and records are bounded, line and column named", csv_bounds },
	{ "hardening: region codes agree with their level and parent", regions },
	{ "hardening: calendar dates within the clock's years", calendar },
	{ NULL, NULL }
};
