/*
 * Tables for people and for scripts. A table has fixed columns, each with a
 * key (the header in CSV/TSV, the member name in JSON) and a label (the
 * header for people, translated). Text output is aligned by display width
 * (CJK counts two cells) and so is buffered; CSV, TSV and JSON stream rows
 * in constant memory.
 *
 * In JSON every value is a string, except in the columns the caller marks
 * numeric (o->numeric, set after out_begin): there a number is written as
 * a JSON number, an empty value as null, and anything else as a string.
 * JSONL (JSON Lines) writes each row as one such object on a line of its
 * own, for streams a program reads a row at a time.
 *
 * A CSV/TSV header is the keys (stable codes, for scripts) unless
 * out_header() gives labels in a language. With o->excel (--excel), a cell
 * of digits that a spreadsheet would turn into a number and spoil (an ID of
 * 18 digits shown as 5.00229E+17, a code with a leading 0) is written with a
 * leading TAB inside its quotes, which Excel keeps as text.
 *
 * No control character (utf8_ctl) leaves as itself in text, CSV or TSV:
 * each is written \xNN (its code point), so that a name holding an escape
 * sequence cannot act on the terminal of whoever reads it; CSV keeps TAB
 * and LF inside its quotes, TSV turns them into spaces, text tables escape
 * them too (one row a line). JSON escapes them as \uNNNN.
 *
 * CSV and TSV guard spreadsheets against formula injection (OWASP): a text
 * cell beginning with '=', '+', '-', '@', TAB or CR is written with a
 * leading "'" unless o->raw is set (--raw, for scripts). Numeric columns
 * and cells that are plain numbers ("-12", "3.5") are left as they are.
 */
#ifndef TONGBAN_OUT_H
#define TONGBAN_OUT_H

#include <stdio.h>

#include "csvio.h"
#include "json.h"

struct sb;

#define OUT_NUMBER 1
#define OUT_NULLABLE 2

enum fmt { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON, FMT_JSONL };

struct out {
	FILE *fp;
	enum fmt fmt;
	size_t ncols;
	const char *const *keys;
	const char *const *labels;
	const char *tlabels[48];	/* text: the keys' translated column labels */
	struct csvio_writer w;
	char **cells;		/* text: buffered rows, ncols per row */
	size_t nrows;
	size_t cap;
	long rows_out;
	/* JSON: numeric[i] is OUT_NUMBER for a numeric column, OUT_NULLABLE
	 * for a text one whose empty value is null (a date not reached yet);
	 * NULL: every column is text. */
	const unsigned char *numeric;
	int raw;		/* CSV/TSV: no formula guard (set after out_begin) */
	int excel;		/* CSV/TSV: long digit strings kept as text */
	struct json *json;	/* JSON: the writer, own or the caller's */
	struct json jw;
};

int out_parse_format(const char *s, enum fmt *f);
/* -1 when encoding is unknown. */
int out_begin(struct out *o, FILE *fp, enum fmt f, size_t ncols,
    const char *const *keys, const char *const *labels, const char *encoding, int bom);
/* A JSON table (an array of objects) as the next value of the caller's
 * document j, e.g. after json_key; out_end closes the array only. */
void out_begin_json(struct out *o, struct json *j, size_t ncols, const char *const *keys);
/* CSV/TSV: write the header with these labels instead of the keys (call
 * right after out_begin with a header-less writer: see out_begin_headless). */
void out_header(struct out *o, const char *const *labels);
/* out_begin without the CSV/TSV header row, for out_header to write. */
int out_begin_headless(struct out *o, FILE *fp, enum fmt f, size_t ncols,
    const char *const *keys, const char *const *labels, const char *encoding, int bom);
/* The label of column key in the current language ("column:KEY" in the
 * catalog), or the key itself. */
const char *out_column_label(const char *key);
void out_row(struct out *o, const char *const *vals);
void out_end(struct out *o);

/* Write s as a JSON string literal, quotes included (json_write_string). */
void out_json_string(FILE *fp, const char *s);
/* Append s to sb with its control characters written \xNN; with
 * UTF8_CTL_TEXT in flags, TAB and LF are kept. */
void out_escape(struct sb *sb, const char *s, int flags);
/* Write free text s (a note, a guide, a name) with its control characters
 * as \xNN, TAB and LF kept: for text printed outside a table. */
void out_puts_safe(FILE *fp, const char *s);
/* fprintf, through out_puts_safe: for lines that interpolate stored text. */
void out_printf_safe(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Write s padded with spaces to width display cells. */
void out_pad(FILE *fp, const char *s, int width);

#endif
