/*
 * Tables for people and for scripts. A table has fixed columns, each with a
 * key (the header in CSV/TSV, the member name in JSON) and a label (the
 * header for people, translated). Text output is aligned by display width
 * (CJK counts two cells) and so is buffered; CSV, TSV and JSON stream rows
 * in constant memory.
 */
#ifndef TONGBAN_OUT_H
#define TONGBAN_OUT_H

#include <stdio.h>

#include "csvio.h"

enum fmt { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON };

struct out {
	FILE *fp;
	enum fmt fmt;
	size_t ncols;
	const char *const *keys;
	const char *const *labels;
	struct csvio_writer w;
	char **cells;		/* text: buffered rows, ncols per row */
	size_t nrows;
	size_t cap;
	long rows_out;
};

int out_parse_format(const char *s, enum fmt *f);
/* -1 when encoding is unknown. */
int out_begin(struct out *o, FILE *fp, enum fmt f, size_t ncols,
    const char *const *keys, const char *const *labels, const char *encoding, int bom);
void out_row(struct out *o, const char *const *vals);
void out_end(struct out *o);

/* Write s as a JSON string literal, quotes included. */
void out_json_string(FILE *fp, const char *s);
/* Write s padded with spaces to width display cells. */
void out_pad(FILE *fp, const char *s, int width);

#endif
