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
	int (*stop)(void *);	/* after a refused row: stop reading? */
	void *stop_arg;
	struct sb errors;	/* the messages shown, one per line */
	long nerrors;		/* every error, shown or not */
};

/* How the bytes are read: decided by a BOM, the option, or the first line
 * that is not plain ASCII. */
enum enc { ENC_AUTO, ENC_UTF8, ENC_GBK };

/* Keep one message: the first CSVIO_MAX_ERRORS are shown, the rest counted. */
static void
note(struct reader *r, const char *msg)
{
	if (r->nerrors++ < CSVIO_MAX_ERRORS)
		sb_addf(&r->errors, "%s%s", r->errors.len ? "\n" : "", msg);
}

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
	note(r, sb.buf);
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
	/* A line break inside a quoted field is one LF, however the file
	 * ends its lines (the field is libcsv's buffer, reset after this). */
	if (s != NULL && memchr(s, '\r', len) != NULL) {
		char *q = s, *w = s;
		size_t i;

		for (i = 0; i < len; i++)
			if (!(q[i] == '\r' && i + 1 < len && q[i + 1] == '\n'))
				*w++ = q[i];
		len = (size_t)(w - q);
	}
	/* r->start was set where the record began (csvio_read). */
	r->in_record = 1;
	if (r->row.n >= CSVIO_MAX_COLS) {
		fail(r, _("%s:%ld:%zu: expected at most %d columns, found more"), r->name,
		    r->start, r->row.n + 1, CSVIO_MAX_COLS);
		return;
	}
	if (len > CSVIO_MAX_FIELD) {
		fail(r, _("%s:%ld:%zu: expected a field of at most %d bytes, found a longer one"),
		    r->name, r->start, r->row.n + 1, CSVIO_MAX_FIELD);
		return;
	}
	if (!utf8_valid(p, len)) {
		fail(r, _("%s:%ld:%zu: expected UTF-8 text, found bytes that are not (for a GBK file use --encoding gbk)"),
		    r->name, r->start, r->row.n + 1);
		return;
	}
	if (memchr(p, '\0', len) != NULL) {
		fail(r, _("%s:%ld:%zu: expected text, found a NUL byte"),
		    r->name, r->start, r->row.n + 1);
		return;
	}
	/* What a terminal would obey never enters the database (names reach
	 * other users' screens); TAB and LF are text in a quoted field. */
	if ((at = utf8_ctl(p, len, UTF8_CTL_TEXT, &cp)) >= 0) {
		fail(r, _("%s:%ld:%zu: expected text, found the control character U+%04X"),
		    r->name, r->start + count_lf(p, (size_t)at), r->row.n + 1, cp);
		return;
	}
	r->rec_bytes += len;
	if (r->rec_bytes > CSVIO_MAX_RECORD) {
		fail(r, _("%s:%ld:%zu: expected a record of at most %d bytes, found a longer one"),
		    r->name, r->start, r->row.n + 1, CSVIO_MAX_RECORD);
		return;
	}
	if (r->row.n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->row.f = xreallocarray(r->row.f, r->cap, sizeof *r->row.f);
	}
	r->row.f[r->row.n++] = xstrndup(p, len);
}

/* Does a header name match what is expected? An expected name may offer
 * alternatives, "code|编码": the code scripts use, or the name an export
 * wrote in the user's language. */
static int
header_match(const char *want, const char *got)
{
	size_t n = strlen(got);

	if (*want == '?')
		want++;

	for (;;) {
		const char *bar = strchr(want, '|');
		size_t k = bar ? (size_t)(bar - want) : strlen(want);

		if (k == n && memcmp(want, got, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		want = bar + 1;
	}
}

/* Spreadsheets write empty columns past the last one that was ever used
 * ("a,b,c,,"): they carry nothing and are dropped. */
static void
drop_trailing_empty(struct reader *r, size_t keep)
{
	while (r->row.n > keep && r->row.f[r->row.n - 1][0] == '\0')
		free(r->row.f[--r->row.n]);
}

static void
on_record(int c, void *data)
{
	struct reader *r = data;
	size_t i, need = 0;

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
			need += r->header[i][0] != '?';
		drop_trailing_empty(r, 1);
		/* Columns marked '?' may be left out, from the end. */
		if (r->row.n < need || r->row.n > i)
			goto bad_header;
		r->want = r->row.n;
		for (i = 0; i < r->want; i++)
			if (!header_match(r->header[i], r->row.f[i]))
				goto bad_header;
		clear_row(r);
		return;
	}
	if (r->want != 0)
		drop_trailing_empty(r, r->want);
	if (r->want != 0 && r->row.n != r->want) {
		/* A row error: the next row is read on, so that one pass
		 * names every bad row (the caller writes nothing). */
		struct sb m = SB_INIT;

		sb_addf(&m, _("%s:%ld:%zu: expected %zu columns, found %zu"), r->name, r->start,
		    r->row.n < r->want ? r->row.n + 1 : r->want + 1, r->want, r->row.n);
		note(r, m.buf);
		sb_release(&m);
		clear_row(r);
		return;
	}
	{
		char *why = NULL;
		int rc = r->fn(r->arg, &r->row, &why);

		if (rc != 0) {
			struct sb m = SB_INIT;

			/* Every message names the file and the line it is about. */
			if (why == NULL)
				sb_addf(&m, _("%s:%ld: this row is refused"), r->name, r->start);
			else if (strncmp(why, r->name, strlen(r->name)) == 0)
				sb_add(&m, why, strlen(why));
			else
				sb_addf(&m, "%s:%ld: %s", r->name, r->start, why);
			note(r, m.buf);
			sb_release(&m);
			free(why);
			if (rc == CSVIO_STOP || (r->stop != NULL && r->stop(r->stop_arg)))
				r->failed = 1;
		}
	}
	clear_row(r);
	return;

bad_header: {
		struct sb want = SB_INIT, got = SB_INIT;

		for (i = 0; r->header[i] != NULL; i++) {
			const char *h = r->header[i] + (r->header[i][0] == '?');
			const char *bar = strchr(h, '|');

			sb_addf(&want, "%s%s%.*s%s", i ? "," : "", h != r->header[i] ? "[" : "",
			    bar ? (int)(bar - h) : (int)strlen(h), h, h != r->header[i] ? "]" : "");
		}
		for (i = 0; i < r->row.n && got.len < 200; i++)
			sb_addf(&got, "%s%s", i ? "," : "", r->row.f[i]);
		fail(r, _("%s:1: expected the header '%s', found '%s'"), r->name, want.buf, got.buf);
		sb_release(&want);
		sb_release(&got);
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
			fail(r, _("%s:%ld:%zu: expected quotes around a whole field, found a stray quote"),
			    r->name, r->start, r->row.n + 1);
			break;
		}
		if (p->entry_pos > CSVIO_MAX_FIELD)
			fail(r, _("%s:%ld:%zu: expected a field of at most %d bytes, found a longer one"),
			    r->name, r->start, r->row.n + 1, CSVIO_MAX_FIELD);
		else if (r->rec_bytes + p->entry_pos > CSVIO_MAX_RECORD)
			fail(r, _("%s:%ld:%zu: expected a record of at most %d bytes, found a longer one"),
			    r->name, r->start, r->row.n + 1, CSVIO_MAX_RECORD);
		data += k;
		len -= k;
	}
	return r->failed ? -1 : 0;
}

/* Is s[0..n) plain ASCII (the same bytes in every encoding read here)? */
static int
ascii(const char *s, size_t n)
{
	while (n-- > 0)
		if ((unsigned char)*s++ >= 0x80)
			return 0;
	return 1;
}

/* Feed one whole line in the encoding decided; an undecided reader
 * decides on the first line that is not plain ASCII: UTF-8 when it is
 * valid UTF-8, else GBK (GB18030) when it converts. */
static void
feed_line(struct reader *r, struct csv_parser *p, enum enc *enc, struct conv *cv,
    struct sb *out, const char *line, size_t n)
{
	if (*enc == ENC_AUTO && !ascii(line, n)) {
		if (utf8_valid(line, n))
			*enc = ENC_UTF8;
		else {
			sb_reset(out);
			if (conv_string(cv, line, n, out, CONV_STOP, NULL) != 0) {
				fail(r, _("%s:%ld: expected UTF-8 or GBK text, found bytes that are "
				    "neither"), r->name, r->line);
				return;
			}
			*enc = ENC_GBK;
			feed(r, p, out->buf, out->len);
			return;
		}
	}
	if (*enc != ENC_GBK) {
		feed(r, p, line, n);
		return;
	}
	sb_reset(out);
	if (conv_string(cv, line, n, out, CONV_STOP, NULL) != 0) {
		fail(r, _("%s:%ld: expected GBK text, found bytes that are not (a UTF-8 file is "
		    "read without --encoding)"), r->name, r->line);
		return;
	}
	feed(r, p, out->buf, out->len);
}

int
csvio_read(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause)
{
	return csvio_read_guarded(fp, name, header, encoding, fn, arg, NULL, NULL, cause);
}

int
csvio_read_guarded(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, int (*stop)(void *), void *stop_arg,
    char **cause)
{
	struct csv_parser p;
	struct reader r;
	struct sb conv = SB_INIT, line = SB_INIT;
	struct conv cv;
	struct pieces *in = NULL;
	const char *data;
	size_t len;
	enum enc enc = ENC_AUTO;
	int eol = 0;
	int rc = -1;

	memset(&r, 0, sizeof r);
	r.name = name;
	r.header = header;
	r.fn = fn;
	r.arg = arg;
	r.cause = cause;
	r.stop = stop;
	r.stop_arg = stop_arg;
	if (encoding != NULL && (strcasecmp(encoding, "gbk") == 0 ||
	    strcasecmp(encoding, "gb18030") == 0))
		enc = ENC_GBK;
	else if (encoding != NULL && (strcasecmp(encoding, "utf-8") == 0 ||
	    strcasecmp(encoding, "utf8") == 0))
		enc = ENC_UTF8;
	else if (encoding != NULL) {
		set_cause(cause, _("--encoding: expected utf-8 or gbk, found '%s'"), encoding);
		return -1;
	}
	/* Opened whatever the option says: a GB18030 BOM overrides it. */
	if (conv_open(&cv, "GB18030", "UTF-8") != 0) {
		conv_close(&cv);
		set_cause(cause, _("cannot convert from GBK on this system"));
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		set_cause(cause, _("cannot start the CSV parser"));
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
			/* A byte-order mark says what the file is, whatever
			 * the option: Excel's "CSV UTF-8" writes one. */
			if (r.line == 1 && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
				data += 3;
				len -= 3;
				enc = ENC_UTF8;
			} else if (r.line == 1 && len >= 4 && memcmp(data, "\x84\x31\x95\x33", 4) == 0) {
				data += 4;
				len -= 4;
				enc = ENC_GBK;
			} else if (r.line == 1 && len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
			    memcmp(data, "\xfe\xff", 2) == 0)) {
				fail(&r, _("%s:1: expected UTF-8 or GBK text, found UTF-16 (in Excel, "
				    "save as \"CSV UTF-8\" or \"CSV\")"), name);
				break;
			}
		}
		r.at_line_start = eol;
		/* Plain ASCII reads the same in every encoding: fed as it
		 * comes, so that a huge line costs no more than its field. */
		if (line.len == 0 && (enc == ENC_UTF8 || (enc == ENC_AUTO && ascii(data, len)))) {
			feed(&r, &p, data, len);
			continue;
		}
		/* GBK, or not yet known: a whole line at a time, as a
		 * character may straddle two pieces; a line is bounded as a
		 * record is. */
		sb_add(&line, data, len);
		if (line.len > CSVIO_MAX_RECORD) {
			fail(&r, _("%s:%ld: expected a line of at most %d bytes, found a longer one"),
			    name, r.line, CSVIO_MAX_RECORD);
			break;
		}
		if (!eol)
			continue;
		feed_line(&r, &p, &enc, &cv, &conv, line.buf, line.len);
		sb_reset(&line);
	}
	if (!r.failed && line.len > 0)
		feed_line(&r, &p, &enc, &cv, &conv, line.buf, line.len);
	if (!r.failed && ferror(fp))
		fail(&r, _("%s: read error"), name);
	/* An unclosed quote runs to the end: name the line where it opened. */
	if (!r.failed && csv_fini(&p, on_field, on_record, &r) != 0)
		fail(&r, _("%s:%ld:%zu: expected a closing quote, found the end of the file"),
		    name, r.start, r.row.n + 1);
	if (!r.failed && header != NULL && !r.seen_header)
		fail(&r, _("%s:1: expected a header line, found an empty file"), name);
	if (r.nerrors == 0)
		rc = 0;
	else {
		if (r.nerrors > CSVIO_MAX_ERRORS)
			sb_addf(&r.errors, _("\n%s: %ld more errors not shown"), name,
			    r.nerrors - CSVIO_MAX_ERRORS);
		set_cause(cause, "%s", r.errors.buf);
	}
	clear_row(&r);
	free(r.row.f);
	free(in);
	csv_free(&p);
	sb_release(&conv);
	sb_release(&line);
	sb_release(&r.errors);
	conv_close(&cv);
	return rc;
}

int
csvio_bad(char **cause, const char *name, const struct csvio_row *r, int col,
    const char *what)
{
	const char *v = col >= 1 && (size_t)col <= r->n ? r->f[col - 1] : "";
	char cut[160];

	if (*v == '\0') {
		set_cause(cause, _("%s:%ld:%d: expected %s, found nothing"), name, r->line, col,
		    what);
		return -1;
	}
	/* 40 characters at most (160 bytes hold 40 of UTF-8); a newline of
	 * a quoted field shows as a space, so the message stays one line. */
	utf8_copy(cut, sizeof cut, v);
	{
		size_t i, chars = 0;

		for (i = 0; cut[i] != '\0'; i++) {
			if (cut[i] == '\n' || cut[i] == '\t')
				cut[i] = ' ';
			if (((unsigned char)cut[i] & 0xc0) != 0x80 && ++chars > 40) {
				cut[i] = '\0';
				break;
			}
		}
	}
	set_cause(cause, _("%s:%ld:%d: expected %s, found '%s'%s"), name, r->line, col, what,
	    cut, strlen(cut) < strlen(v) ? "..." : "");
	return -1;
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
