/*
 * The JSON writer; see json.h. Every JSON document tongban writes (tables
 * in --format json, the dashboard, the reports) goes through here, so
 * numbers come out as numbers and strings are escaped in one place.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "json.h"

void
json_init(struct json *j, FILE *fp)
{
	memset(j, 0, sizeof *j);
	j->fp = fp;
}

/* Write what goes before a value or a key: comma, line break, indent. */
static void
json_sep(struct json *j, int container)
{
	int i, brk;

	if (j->depth == 0) {
		assert(!j->done);
		return;
	}
	i = j->depth - 1;
	if (j->stack[i].kind == '{') {
		/* a value follows its key on the same line */
		assert(j->stack[i].want_value);
		j->stack[i].want_value = 0;
		return;
	}
	brk = container && !j->compact;
	if (j->stack[i].n > 0)
		fputc(',', j->fp);
	if (brk) {
		fprintf(j->fp, "\n%*s", j->depth, "");
		j->stack[i].broke = 1;
	} else if (j->stack[i].n > 0)
		fputc(' ', j->fp);
	j->stack[i].n++;
}

/* After a scalar or a closed container: the outermost value may be done. */
static void
json_after(struct json *j)
{
	if (j->depth == 0) {
		j->done = 1;
		if (!j->compact)
			fputc('\n', j->fp);
	}
}

static void
json_begin(struct json *j, char kind)
{
	json_sep(j, 1);
	assert(j->depth < JSON_MAXDEPTH);
	fputc(kind, j->fp);
	memset(&j->stack[j->depth], 0, sizeof j->stack[0]);
	j->stack[j->depth].kind = kind;
	j->depth++;
}

void
json_begin_object(struct json *j)
{
	json_begin(j, '{');
}

void
json_begin_array(struct json *j)
{
	json_begin(j, '[');
}

void
json_end(struct json *j)
{
	int i;

	assert(j->depth > 0);
	i = j->depth - 1;
	assert(!j->stack[i].want_value);
	j->depth--;
	if (j->stack[i].broke)
		fprintf(j->fp, "\n%*s", j->depth, "");
	fputc(j->stack[i].kind == '{' ? '}' : ']', j->fp);
	json_after(j);
}

void
json_key(struct json *j, const char *key)
{
	int i;

	assert(j->depth > 0 && key != NULL);
	i = j->depth - 1;
	assert(j->stack[i].kind == '{' && !j->stack[i].want_value);
	if (j->stack[i].n > 0)
		fputc(',', j->fp);
	if (j->depth == 1 && !j->compact) {
		/* the outermost object: one member a line */
		fputs("\n ", j->fp);
		j->stack[i].broke = 1;
	} else if (j->stack[i].n > 0)
		fputc(' ', j->fp);
	json_write_string(j->fp, key);
	fputs(": ", j->fp);
	j->stack[i].n++;
	j->stack[i].want_value = 1;
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
		return;
	}
	json_sep(j, 0);
	json_write_string(j->fp, s);
	json_after(j);
}

void
json_int(struct json *j, long long v)
{
	json_sep(j, 0);
	fprintf(j->fp, "%lld", v);
	json_after(j);
}

void
json_double(struct json *j, double v, int decimals)
{
	if (!isfinite(v)) {
		json_null(j);	/* JSON has no NaN or infinity */
		return;
	}
	assert(decimals >= 0 && decimals <= 17);
	json_sep(j, 0);
	if (v == 0)
		v = 0;		/* no "-0.0" */
	fprintf(j->fp, "%.*f", decimals, v);
	json_after(j);
}

void
json_bool(struct json *j, int v)
{
	json_sep(j, 0);
	fputs(v ? "true" : "false", j->fp);
	json_after(j);
}

void
json_null(struct json *j)
{
	json_sep(j, 0);
	fputs("null", j->fp);
	json_after(j);
}

/* RFC 8259, section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
int
json_is_number(const char *s)
{
	if (s == NULL)
		return 0;
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int
json_number(struct json *j, const char *text)
{
	if (!json_is_number(text))
		return -1;
	json_sep(j, 0);
	fputs(text, j->fp);
	json_after(j);
	return 0;
}

/*
 * Decode one UTF-8 character at s: its code point, or -1 for a byte that
 * does not start a well-formed sequence (overlong, surrogate, beyond
 * U+10FFFF, cut short); *len is the bytes taken (1 for an invalid byte).
 */
static long
json_utf8(const unsigned char *s, int *len)
{
	long cp;
	int n, i;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	*len = 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = n;
	return cp;
}

/* Characters JSON allows raw but readers choke on: escape them. */
static int
json_noncharacter(long cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x7f;
}

void
json_write_string(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	long cp;
	int len;

	fputc('"', fp);
	while (*s) {
		cp = json_utf8(s, &len);
		switch (cp) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		case -1:
			fputs("\\ufffd", fp);
			break;
		default:
			/* DEL and C1 too: valid JSON either way, but a
			 * terminal showing the document would obey them. */
			if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
			    json_noncharacter(cp)) {
				if (cp < 0x10000)
					fprintf(fp, "\\u%04lx", cp);
				else	/* a surrogate pair */
					fprintf(fp, "\\u%04lx\\u%04lx", 0xd800 + ((cp - 0x10000) >> 10),
					    0xdc00 + ((cp - 0x10000) & 0x3ff));
			} else
				fwrite(s, 1, (size_t)len, fp);
		}
		s += len;
	}
	fputc('"', fp);
}
