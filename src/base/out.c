/*
 * Table output in four formats; see out.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "out.h"
#include "util.h"

int
out_parse_format(const char *s, enum fmt *f)
{
	if (strcmp(s, "text") == 0)
		*f = FMT_TEXT;
	else if (strcmp(s, "csv") == 0)
		*f = FMT_CSV;
	else if (strcmp(s, "tsv") == 0)
		*f = FMT_TSV;
	else if (strcmp(s, "json") == 0)
		*f = FMT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*f = FMT_JSONL;
	else
		return -1;
	return 0;
}

void
out_json_string(FILE *fp, const char *s)
{
	json_write_string(fp, s);
}

void
out_escape(struct sb *sb, const char *s, int flags)
{
	size_t n = strlen(s);
	unsigned cp;
	long at;

	while ((at = utf8_ctl(s, n, flags, &cp)) >= 0) {
		sb_add(sb, s, (size_t)at);
		sb_addf(sb, "\\x%02X", cp);
		at += cp >= 0x80 ? 2 : 1;	/* C1 is two bytes in UTF-8 */
		s += at;
		n -= (size_t)at;
	}
	sb_add(sb, s, n);
}

void
out_puts_safe(FILE *fp, const char *s)
{
	struct sb sb = SB_INIT;
	unsigned cp;

	if (s == NULL)
		return;
	if (utf8_ctl(s, strlen(s), UTF8_CTL_TEXT, &cp) < 0) {
		fputs(s, fp);
		return;
	}
	out_escape(&sb, s, UTF8_CTL_TEXT);
	fputs(sb.buf, fp);
	sb_release(&sb);
}

void
out_printf_safe(FILE *fp, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	out_puts_safe(fp, sb.buf ? sb.buf : "");
	sb_release(&sb);
}

void
out_pad(FILE *fp, const char *s, int width)
{
	int w = utf8_width(s);

	out_puts_safe(fp, s);
	for (; w < width; w++)
		fputc(' ', fp);
}

/* The column labels of text tables, in the user's language: the keys of
 * CSV and JSON stay as they are (a program reads them), the text a person
 * reads has no English codes in Chinese (msgid "column:KEY"). */
static const char *const column_labels[] = {
	N_("column:id"), N_("column:case"), N_("column:office"), N_("column:office_name"),
	N_("column:note"), N_("column:due"), N_("column:status"), N_("column:response"),
	N_("column:created_by"), N_("column:created"), N_("column:text"), N_("column:received"),
	N_("column:accept_due"), N_("column:answer"), N_("column:missing_material"),
	N_("column:level"), N_("column:comment"), N_("column:day"), N_("column:rect_due"),
	N_("column:rect_status"), N_("column:callback"), N_("column:rect_done"),
	N_("column:rect_note"), N_("column:code"), N_("column:name"), N_("column:parent_code"),
	N_("column:date"), N_("column:kind"), N_("column:name_cn"), N_("column:name_en"),
	N_("column:provisional"), N_("column:login"), N_("column:role"), N_("column:region"),
	N_("column:lang"), N_("column:rights"), N_("column:head"), N_("column:state"),
	N_("column:keys"), N_("column:key"), N_("column:added"), N_("column:type"),
	N_("column:days_over"), N_("column:subject"), N_("column:at"), N_("column:actor"),
	N_("column:addr"), N_("column:action"), N_("column:from"), N_("column:to"),
	N_("column:levels"), N_("column:parent"), N_("column:done"), N_("column:case_id"),
	N_("column:hash"),
	/* the columns of case find and case export */
	N_("column:no"), N_("column:item"), N_("column:item_name"), N_("column:applicant"),
	N_("column:applicant_name"), N_("column:light"), N_("column:days_used"),
	N_("column:limit"), N_("column:submitted"), N_("column:accepted"),
	N_("column:finished"), N_("column:on_time"), N_("column:channel"),
	N_("column:hall_region"), N_("column:applicant_region"), N_("column:decided"),
	N_("column:result"), N_("column:deliver_due"), N_("column:encoding"),
	N_("column:materials"), N_("column:steps"), N_("column:owner"),
	N_("column:shared_with"), N_("column:saved"), N_("column:command"), NULL
};

const char *
out_column_label(const char *key)
{
	size_t i;

	for (i = 0; column_labels[i] != NULL; i++)
		if (strcmp(column_labels[i] + 7, key) == 0) {
			const char *t = _(column_labels[i]);

			return strcmp(t, column_labels[i]) == 0 ? key : t;
		}
	return key;
}

int
out_begin(struct out *o, FILE *fp, enum fmt f, size_t ncols,
    const char *const *keys, const char *const *labels, const char *encoding, int bom)
{
	if (out_begin_headless(o, fp, f, ncols, keys, labels, encoding, bom) != 0)
		return -1;
	if (f == FMT_CSV || f == FMT_TSV)
		csvio_write_row(&o->w, ncols, keys);
	return 0;
}

void
out_header(struct out *o, const char *const *labels)
{
	if (o->fmt == FMT_CSV || o->fmt == FMT_TSV)
		csvio_write_row(&o->w, o->ncols, labels);
}

int
out_begin_headless(struct out *o, FILE *fp, enum fmt f, size_t ncols,
    const char *const *keys, const char *const *labels, const char *encoding, int bom)
{
	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->fmt = f;
	o->ncols = ncols;
	o->keys = keys;
	o->labels = labels ? labels : keys;
	if (f == FMT_TEXT && labels == NULL && ncols <= sizeof o->tlabels / sizeof o->tlabels[0]) {
		size_t i;

		for (i = 0; i < ncols; i++)
			o->tlabels[i] = out_column_label(keys[i]);
		o->labels = o->tlabels;
	}
	switch (f) {
	case FMT_CSV:
	case FMT_TSV:
		if (csvio_writer_init(&o->w, fp, f == FMT_CSV ? ',' : '\t', encoding, bom) != 0)
			return -1;
		break;
	case FMT_JSON:
		json_init(&o->jw, fp);
		o->json = &o->jw;
		json_begin_array(o->json);
		break;
	case FMT_JSONL:
		o->json = &o->jw;
		break;
	case FMT_TEXT:
		break;
	}
	return 0;
}

void
out_begin_json(struct out *o, struct json *j, size_t ncols, const char *const *keys)
{
	memset(o, 0, sizeof *o);
	o->fp = j->fp;
	o->fmt = FMT_JSON;
	o->ncols = ncols;
	o->keys = keys;
	o->labels = keys;
	o->json = j;
	json_begin_array(j);
}

/* One cell of a JSON row: see out.h for the numeric columns. */
static void
out_json_cell(struct out *o, size_t i, const char *v)
{
	if (o->numeric != NULL && o->numeric[i]) {
		if (v == NULL || *v == '\0') {
			json_null(o->json);
			return;
		}
		if (o->numeric[i] == OUT_NUMBER && json_number(o->json, v) == 0)
			return;
	}
	json_string(o->json, v ? v : "");
}

/* "-12", "+3.50": a number a spreadsheet reads as one, not a formula. */
static int
plain_number(const char *s)
{
	if (strcmp(s, "-") == 0)
		return 1;	/* "no figure" in the reports */
	if (*s == '+' || *s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* Digits a spreadsheet would read as a number and spoil: more than 10 of
 * them (an ID, a phone, a case's sequence past 15 digits loses its tail
 * and shows as 5.00229E+17), or a leading 0 (a code). */
static int
spoilt_number(const char *v)
{
	size_t n = strspn(v, "0123456789");

	return n > 0 && v[n] == '\0' && (n > 10 || (v[0] == '0' && n > 1));
}

/* One CSV/TSV cell into sb: control characters escaped, and a text cell a
 * spreadsheet would run as a formula prefixed with "'" (see out.h). */
static void
out_csv_cell(struct out *o, size_t i, const char *v, struct sb *sb)
{
	if (!o->raw && (o->numeric == NULL || !o->numeric[i]) && v[0] != '\0' &&
	    strchr("=+-@\t\r", v[0]) != NULL && !plain_number(v))
		sb_addc(sb, '\'');
	else if (o->excel && (o->numeric == NULL || !o->numeric[i]) && spoilt_number(v))
		sb_addc(sb, '\t');
	out_escape(sb, v, UTF8_CTL_TEXT);
}

void
out_row(struct out *o, const char *const *vals)
{
	struct sb sb = SB_INIT;
	const char **cells;
	size_t *offs;
	size_t i;

	switch (o->fmt) {
	case FMT_CSV:
	case FMT_TSV:
		/*
		 * A cell that needs neither the formula guard nor an escape is
		 * written as it is; the others are rewritten into one buffer,
		 * NUL after each, and found by offset once the row is done.
		 */
		cells = xcalloc(o->ncols ? o->ncols : 1, sizeof *cells);
		offs = xcalloc(o->ncols ? o->ncols : 1, sizeof *offs);
		for (i = 0; i < o->ncols; i++) {
			const char *v = vals[i] ? vals[i] : "";
			unsigned cp;

			offs[i] = (size_t)-1;
			if ((o->raw || !strchr("=+-@\t\r", v[0]) || v[0] == '\0') &&
			    !(o->excel && spoilt_number(v)) &&
			    utf8_ctl(v, strlen(v), UTF8_CTL_TEXT, &cp) < 0) {
				cells[i] = v;
				continue;
			}
			offs[i] = sb.len;
			out_csv_cell(o, i, v, &sb);
			sb_addc(&sb, '\0');
		}
		for (i = 0; i < o->ncols; i++)
			if (offs[i] != (size_t)-1)
				cells[i] = sb.buf + offs[i];
		csvio_write_row(&o->w, o->ncols, cells);
		free(offs);
		free(cells);
		sb_release(&sb);
		break;
	case FMT_JSON:
	case FMT_JSONL:
		if (o->fmt == FMT_JSONL) {
			json_init(o->json, o->fp);
			o->json->compact = 1;
		}
		json_begin_object(o->json);
		for (i = 0; i < o->ncols; i++) {
			json_key(o->json, o->keys[i]);
			out_json_cell(o, i, vals[i]);
		}
		json_end(o->json);
		if (o->fmt == FMT_JSONL)
			fputc('\n', o->fp);
		break;
	case FMT_TEXT:
		if (o->nrows == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 64;
			o->cells = xreallocarray(o->cells, o->cap, o->ncols * sizeof *o->cells);
		}
		for (i = 0; i < o->ncols; i++) {
			/* one row a line: TAB and LF are escaped too */
			sb_reset(&sb);
			out_escape(&sb, vals[i] ? vals[i] : "", 0);
			o->cells[o->nrows * o->ncols + i] = xstrdup(sb.buf ? sb.buf : "");
		}
		sb_release(&sb);
		o->nrows++;
		break;
	}
	o->rows_out++;
}

void
out_end(struct out *o)
{
	size_t i, r;
	int *w;

	switch (o->fmt) {
	case FMT_CSV:
	case FMT_TSV:
		csvio_writer_release(&o->w);
		break;
	case FMT_JSON:
		json_end(o->json);
		break;
	case FMT_JSONL:
		break;
	case FMT_TEXT:
		w = xcalloc(o->ncols, sizeof *w);
		for (i = 0; i < o->ncols; i++)
			w[i] = utf8_width(o->labels[i]);
		for (r = 0; r < o->nrows; r++)
			for (i = 0; i < o->ncols; i++) {
				int cw = utf8_width(o->cells[r * o->ncols + i]);

				if (cw > w[i])
					w[i] = cw;
			}
		for (i = 0; i < o->ncols; i++) {
			if (i + 1 < o->ncols)
				out_pad(o->fp, o->labels[i], w[i] + 2);
			else
				fputs(o->labels[i], o->fp);
		}
		fputc('\n', o->fp);
		for (r = 0; r < o->nrows; r++) {
			for (i = 0; i < o->ncols; i++) {
				const char *c = o->cells[r * o->ncols + i];

				if (i + 1 < o->ncols)
					out_pad(o->fp, c, w[i] + 2);
				else
					fputs(c, o->fp);
				free(o->cells[r * o->ncols + i]);
			}
			fputc('\n', o->fp);
		}
		free(w);
		free(o->cells);
		o->cells = NULL;
		break;
	}
	fflush(o->fp);
}
