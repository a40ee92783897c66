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
	size_t rec_bytes;	/* bytes of the current record's fields so far */
	int in_record;
	int at_line_start;	/* the next piece begins a physical line */
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

/* Newlines in s[0..n): a field's line offset from the record's start. */
static long
count_lf(const char *s, size_t n)
{
	long k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *p = s ? s : "";

	unsigned cp;
	long at;

	if (r->failed)
		return;
	/* r->start was set where the record began (csvio_read). */
	r->in_record = 1;
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
	/* What a terminal would obey never enters the database (names reach
	 * other users' screens); TAB and LF are text in a quoted field. */
	if ((at = utf8_ctl(p, len, UTF8_CTL_TEXT, &cp)) >= 0) {
		fail(r, _("%s: line %ld, column %zu: contains the control character U+%04X"),
		    r->name, r->start + count_lf(p, (size_t)at), r->row.n + 1, cp);
		return;
	}
	r->rec_bytes += len;
	if (r->rec_bytes > CSVIO_MAX_RECORD) {
		fail(r, _("%s: line %ld, column %zu: record longer than %d bytes"),
		    r->name, r->start, r->row.n + 1, CSVIO_MAX_RECORD);
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
	r->in_record = 0;
	r->rec_bytes = 0;
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

/* libcsv's state between records (its ROW_NOT_BEGUN). */
#define CSV_ROW_NOT_BEGUN 0

/* The next piece of fp: up to and with the next LF, or the rest of the
 * block when the line goes on; NULL at the end or on error. */
struct pieces {
	FILE *fp;
	char buf[CSVIO_CHUNK];
	size_t pos, len;
};

static const char *
next_piece(struct pieces *in, size_t *n, int *eol)
{
	const char *p, *lf;

	if (in->pos == in->len) {
		in->pos = 0;
		in->len = fread(in->buf, 1, sizeof in->buf, in->fp);
		if (in->len == 0)
			return NULL;
	}
	p = in->buf + in->pos;
	lf = memchr(p, '\n', in->len - in->pos);
	*n = lf ? (size_t)(lf - p) + 1 : in->len - in->pos;
	*eol = lf != NULL;
	in->pos += *n;
	return p;
}

/* Feed data to the parser in slices, so that neither a field nor a record
 * grows in memory past its limit before the message: a 100 MB line costs
 * what its first CSVIO_MAX_FIELD bytes do. */
static int
feed(struct reader *r, struct csv_parser *p, const char *data, size_t len)
{
	while (len > 0 && !r->failed) {
		size_t k = len < 4096 ? len : 4096;

		if (csv_parse(p, data, k, on_field, on_record, r) != k) {
			fail(r, _("%s: line %ld: bad quoting (%s)"), r->name, r->start,
			    csv_strerror(csv_error(p)));
			break;
		}
		if (p->entry_pos > CSVIO_MAX_FIELD)
			fail(r, _("%s: line %ld, column %zu: field longer than %d bytes"),
			    r->name, r->start, r->row.n + 1, CSVIO_MAX_FIELD);
		else if (r->rec_bytes + p->entry_pos > CSVIO_MAX_RECORD)
			fail(r, _("%s: line %ld, column %zu: record longer than %d bytes"),
			    r->name, r->start, r->row.n + 1, CSVIO_MAX_RECORD);
		data += k;
		len -= k;
	}
	return r->failed ? -1 : 0;
}

int
csvio_read(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause)
{
	struct csv_parser p;
	struct reader r;
	struct sb conv = SB_INIT, line = SB_INIT;
	struct conv cv;
	struct pieces *in = NULL;
	const char *data;
	size_t len;
	int gbk = 0, eol = 0;
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
	in = xcalloc(1, sizeof *in);
	in->fp = fp;
	r.at_line_start = 1;
	while (!r.failed && (data = next_piece(in, &len, &eol)) != NULL) {
		if (r.at_line_start) {
			r.line++;
			r.at_line_start = 0;
			/* A record begins on the line where the parser stood
			 * between records: the line its messages name. */
			if (p.pstate == CSV_ROW_NOT_BEGUN && !r.in_record)
				r.start = r.line;
			if (r.line == 1 && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
				data += 3;
				len -= 3;
			}
		}
		r.at_line_start = eol;
		if (!gbk) {
			feed(&r, &p, data, len);
			continue;
		}
		/* GBK: a whole line at a time, as a character may straddle two
		 * pieces; a line is bounded as a record is. */
		sb_add(&line, data, len);
		if (line.len > CSVIO_MAX_RECORD) {
			fail(&r, _("%s: line %ld: longer than %d bytes"), name, r.line,
			    CSVIO_MAX_RECORD);
			break;
		}
		if (!eol)
			continue;
		sb_reset(&conv);
		if (conv_string(&cv, line.buf, line.len, &conv, CONV_STOP, NULL) != 0) {
			fail(&r, _("%s: line %ld: not valid GBK"), name, r.line);
			break;
		}
		sb_reset(&line);
		feed(&r, &p, conv.buf, conv.len);
	}
	if (!r.failed && gbk && line.len > 0) {
		sb_reset(&conv);
		if (conv_string(&cv, line.buf, line.len, &conv, CONV_STOP, NULL) != 0)
			fail(&r, _("%s: line %ld: not valid GBK"), name, r.line);
		else
			feed(&r, &p, conv.buf, conv.len);
	}
	if (!r.failed && ferror(fp))
		fail(&r, _("%s: read error"), name);
	/* An unclosed quote runs to the end: name the line where it opened. */
	if (!r.failed && csv_fini(&p, on_field, on_record, &r) != 0)
		fail(&r, _("%s: line %ld: a quoted field is not closed"), name, r.start);
	if (!r.failed && header != NULL && !r.seen_header)
		fail(&r, _("%s: the file is empty (expected a header line)"), name);
	if (!r.failed)
		rc = 0;
	clear_row(&r);
	free(r.row.f);
	free(in);
	csv_free(&p);
	sb_release(&conv);
	sb_release(&line);
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
		/* TSV has no quoting: tabs and newlines become spaces. (One thread
	 * writes: the unlocked stdio calls save a lock per character.) */
		for (; *s; s++)
			fputc_unlocked(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, w->fp);
		return;
	}
	if (needs_quotes(s, w->sep))
		csv_fwrite(w->fp, s, strlen(s));
	else
		fputs_unlocked(s, w->fp);
}

void
csvio_write_row(struct csvio_writer *w, size_t n, const char *const *f)
{
	struct sb conv = SB_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = f[i] ? f[i] : "";

		if (i > 0)
			fputc_unlocked(w->sep, w->fp);
		if (w->gbk) {
			/* unmappable or invalid: write '?' and go on */
			sb_reset(&conv);
			conv_string(&w->conv, s, strlen(s), &conv, CONV_REPLACE, NULL);
			s = conv.buf;
		}
		put_field(w, s);
	}
	fputs_unlocked("\r\n", w->fp);
	sb_release(&conv);
}
