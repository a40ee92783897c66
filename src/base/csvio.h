/*
 * CSV in and out, through libcsv (RFC 4180). This is the only module that
 * uses libcsv.
 *
 * Reading is strict: a UTF-8 byte-order mark is skipped, CRLF and LF both end
 * records, and any of bad quoting, a wrong column count, invalid UTF-8, a
 * control character (utf8_ctl: TAB and LF are allowed, inside quotes), a
 * field over CSVIO_MAX_FIELD bytes or a record over CSVIO_MAX_RECORD stops
 * the read with one message naming the line and column. Lines are physical
 * lines of the file, the header being 1; a message about a record that
 * spans lines (a quoted newline, an unclosed quote) names its first line.
 * Memory stays bounded by those limits whatever the length of a line.
 */
#ifndef TONGBAN_CSVIO_H
#define TONGBAN_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "conv.h"

#define CSVIO_MAX_FIELD 65536
#define CSVIO_MAX_COLS 64
#define CSVIO_MAX_RECORD (1 << 20)	/* the fields of one record together */
#define CSVIO_CHUNK 65536		/* bytes read at a time */

struct csvio_row {
	size_t n;		/* fields in this record */
	char **f;		/* NUL-terminated UTF-8 fields */
	long line;		/* physical line where the record starts */
};

/* Called once per data record; return -1 with *cause set to stop. */
typedef int (*csvio_row_fn)(void *arg, const struct csvio_row *row, char **cause);

/*
 * Read CSV from fp. When header is not NULL, the first record must equal it
 * (names, in order) and every record must have as many fields. encoding is
 * NULL or "utf-8" or "gbk" (GB18030, converted to UTF-8). name is used in
 * messages. Returns 0, or -1 with *cause set.
 */
int csvio_read(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause);

struct csvio_writer {
	FILE *fp;
	char sep;		/* ',' or '\t' */
	int gbk;		/* transcode fields to GB18030 */
	struct conv conv;	/* UTF-8 to GB18030, when gbk */
};

/* Prepare a writer; encoding NULL, "utf-8" or "gbk". -1 on a bad name. */
int csvio_writer_init(struct csvio_writer *w, FILE *fp, char sep,
    const char *encoding, int bom);
void csvio_writer_release(struct csvio_writer *w);
/* Write one record of n fields (NULL fields are written empty). */
void csvio_write_row(struct csvio_writer *w, size_t n, const char *const *f);

#endif
