/*
 * CSV reading and writing over libcsv. The reader feeds libcsv one physical
 * line at a time so that every message can name the line it is about.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "i18n.h"
#include "util.h"

struct reader {
	const char *name;
	const char *const *header;
	size_t want;		/* expected columns, 0 = any */
	csvio_row_fn fn;
	void *arg;
	char **cause;
	int failed;
	long line;		/* current physical line */
	long start;		/* line where the current record started */
	int in_record;
	int seen_header;
	struct csvio_row row;
	size_t cap;
};

static void
fail(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
fail(struct reader *r, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	if (r->failed)
		return;
	r->failed = 1;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	set_cause(r->cause, "%s", sb.buf);
	sb_release(&sb);
}

static void
clear_row(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->row.n; i++)
		free(r->row.f[i]);
	r->row.n = 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *p = s ? s : "";

	if (r->failed)
		return;
	if (!r->in_record) {
		r->in_record = 1;
		r->start = r->line;
	}
	if (r->row.n >= CSVIO_MAX_COLS) {
		fail(r, _("%s: line %ld: more than %d columns"), r->name,
		    r->start, CSVIO_MAX_COLS);
		return;
	}
	if (len > CSVIO_MAX_FIELD) {
		fail(r, _("%s: line %ld, column %zu: field longer than %d bytes"),
		    r->name, r->start, r->row.n + 1, CSVIO_MAX_FIELD);
		return;
	}
	if (!utf8_valid(p, len)) {
		fail(r, _("%s: line %ld, column %zu: not valid UTF-8 (for a GBK file use --encoding gbk)"),
		    r->name, r->start, r->row.n + 1);
		return;
	}
	if (memchr(p, '\0', len) != NULL) {
		fail(r, _("%s: line %ld, column %zu: contains a NUL byte"),
		    r->name, r->start, r->row.n + 1);
		return;
	}
	if (r->row.n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->row.f = xreallocarray(r->row.f, r->cap, sizeof *r->row.f);
	}
	r->row.f[r->row.n++] = xstrndup(p, len);
}

static void
on_record(int c, void *data)
{
	struct reader *r = data;
	size_t i;

	(void)c;
	if (r->failed) {
		clear_row(r);
		return;
	}
	if (!r->in_record)
		r->start = r->line;
	r->in_record = 0;
	r->row.line = r->start;
	if (r->header != NULL && !r->seen_header) {
		r->seen_header = 1;
		for (i = 0; r->header[i] != NULL; i++)
			;
		r->want = i;
		if (r->row.n != i)
			goto bad_header;
		for (i = 0; i < r->want; i++)
			if (strcmp(r->row.f[i], r->header[i]) != 0)
				goto bad_header;
		clear_row(r);
		return;
	}
	if (r->want != 0 && r->row.n != r->want) {
		fail(r, _("%s: line %ld: expected %zu columns, found %zu"),
		    r->name, r->start, r->want, r->row.n);
		clear_row(r);
		return;
	}
	if (r->fn(r->arg, &r->row, r->cause) != 0) {
		/* Every message names the line it is about. */
		if (r->cause && *r->cause && strstr(*r->cause, r->name) == NULL) {
			char *why = *r->cause;

			*r->cause = NULL;
			set_cause(r->cause, _("%s: line %ld: %s"), r->name, r->start, why);
			free(why);
		}
		r->failed = 1;
	}
	clear_row(r);
	return;

bad_header: {
		struct sb want = SB_INIT;

		for (i = 0; r->header[i] != NULL; i++)
			sb_addf(&want, "%s%s", i ? "," : "", r->header[i]);
		fail(r, _("%s: line 1: expected the header '%s'"), r->name, want.buf);
		sb_release(&want);
		clear_row(r);
	}
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
csvio_read(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause)
{
	struct csv_parser p;
	struct reader r;
	struct sb conv = SB_INIT;
	struct conv cv;
	int gbk = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = -1;

	memset(&r, 0, sizeof r);
	r.name = name;
	r.header = header;
	r.fn = fn;
	r.arg = arg;
	r.cause = cause;
	if (encoding != NULL && strcasecmp(encoding, "gbk") == 0) {
		if (conv_open(&cv, "GB18030", "UTF-8") != 0) {
			conv_close(&cv);
			set_cause(cause, _("cannot convert from GBK on this system"));
			return -1;
		}
		gbk = 1;
	} else if (encoding != NULL && strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "utf8") != 0) {
		set_cause(cause, _("unknown encoding '%s' (expected utf-8 or gbk)"), encoding);
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		set_cause(cause, _("cannot start the CSV parser"));
		if (gbk)
			conv_close(&cv);
		return -1;
	}
	/* libcsv trims spaces around unquoted fields by default: keep every byte. */
	csv_set_space_func(&p, no_space);
	while (!r.failed && (n = getline(&line, &cap, fp)) > 0) {
		const char *data = line;
		size_t len = (size_t)n;

		r.line++;
		if (r.line == 1 && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			len -= 3;
		}
		if (gbk) {
			/* a whole line: a character cut at its end is invalid too */
			sb_reset(&conv);
			if (conv_string(&cv, data, len, &conv, CONV_STOP, NULL) != 0) {
				fail(&r, _("%s: line %ld: not valid GBK"), name, r.line);
				break;
			}
			data = conv.buf;
			len = conv.len;
		}
		if (csv_parse(&p, data, len, on_field, on_record, &r) != len) {
			fail(&r, _("%s: line %ld: bad quoting (%s)"), name, r.line,
			    csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (!r.failed && ferror(fp))
		fail(&r, _("%s: read error"), name);
	if (!r.failed && csv_fini(&p, on_field, on_record, &r) != 0)
		fail(&r, _("%s: line %ld: a quoted field is not closed"), name,
		    r.start ? r.start : r.line);
	if (!r.failed && header != NULL && !r.seen_header)
		fail(&r, _("%s: the file is empty (expected a header line)"), name);
	if (!r.failed)
		rc = 0;
	clear_row(&r);
	free(r.row.f);
	free(line);
	csv_free(&p);
	sb_release(&conv);
	if (gbk)
		conv_close(&cv);
	return rc;
}

int
csvio_writer_init(struct csvio_writer *w, FILE *fp, char sep,
    const char *encoding, int bom)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->sep = sep;
	if (encoding != NULL && strcasecmp(encoding, "gbk") == 0) {
		if (conv_open(&w->conv, "UTF-8", "GB18030") != 0) {
			conv_close(&w->conv);
			return -1;
		}
		w->gbk = 1;
	} else if (encoding != NULL && strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "utf8") != 0)
		return -1;
	if (bom && !w->gbk)
		fputs("\xef\xbb\xbf", fp);
	return 0;
}

void
csvio_writer_release(struct csvio_writer *w)
{
	if (w->gbk)
		conv_close(&w->conv);
	w->gbk = 0;
}

static int
needs_quotes(const char *s, char sep)
{
	size_t n = strlen(s);

	/* Leading or trailing spaces are quoted so no reader trims them. */
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 1;
	for (; *s; s++)
		if (*s == sep || *s == '"' || *s == '\n' || *s == '\r')
			return 1;
	return 0;
}

static void
put_field(struct csvio_writer *w, const char *s)
{
	if (w->sep == '\t') {
		/* TSV has no quoting: tabs and newlines become spaces. */
		for (; *s; s++)
			fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, w->fp);
		return;
	}
	if (needs_quotes(s, w->sep))
		csv_fwrite(w->fp, s, strlen(s));
	else
		fputs(s, w->fp);
}

void
csvio_write_row(struct csvio_writer *w, size_t n, const char *const *f)
{
	struct sb conv = SB_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = f[i] ? f[i] : "";

		if (i > 0)
			fputc(w->sep, w->fp);
		if (w->gbk) {
			/* unmappable or invalid: write '?' and go on */
			sb_reset(&conv);
			conv_string(&w->conv, s, strlen(s), &conv, CONV_REPLACE, NULL);
			s = conv.buf;
		}
		put_field(w, s);
	}
	fputs("\r\n", w->fp);
	sb_release(&conv);
}
