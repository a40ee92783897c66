/*
 * CSV in and out, through libcsv (RFC 4180). This is the only module that
 * uses libcsv.
 *
 * Reading takes what a spreadsheet saves: UTF-8 with or without a
 * byte-order mark, or GBK (GB18030) -- told by a GB18030 BOM, by the
 * option, or found on the first line that is not plain ASCII (valid UTF-8
 * is UTF-8, else GBK); CRLF or LF; quoted fields holding newlines; empty
 * columns past the last one expected.
 *
 * It is strict otherwise, and every message has the form
 * "FILE:LINE:COLUMN: expected ..., found ...", LINE being the physical line
 * where the record starts (the header is 1), so that an editor jumps to it.
 * A row error -- a wrong column count, or the row callback refusing the
 * row -- is noted and reading goes on, so one pass names every bad row; an
 * error in the bytes themselves (bad quoting, an invalid character, a
 * control character, a field over CSVIO_MAX_FIELD bytes or a record over
 * CSVIO_MAX_RECORD) stops the read. The first CSVIO_MAX_ERRORS messages
 * are returned, one per line, then a count of the rest; the caller writes
 * nothing when there is any. Memory stays bounded whatever the length of a
 * line.
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
#define CSVIO_MAX_ERRORS 20		/* messages returned; the rest are counted */
#define CSVIO_STOP (-2)			/* a row callback's "stop reading now" */

struct csvio_row {
	size_t n;		/* fields in this record */
	char **f;		/* NUL-terminated UTF-8 fields */
	long line;		/* physical line where the record starts */
};

/* Called once per data record; 0 takes it. -1 with *cause set refuses
 * the row (reading goes on to find the other bad rows); CSVIO_STOP ends the
 * read (a store failure, say). The cause may begin with "FILE:LINE:COLUMN:"
 * (csvio_bad); otherwise the file and line are put in front of it. */
typedef int (*csvio_row_fn)(void *arg, const struct csvio_row *row, char **cause);

/*
 * Read CSV from fp. When header is not NULL, the first record must match it
 * (names, in order; a name "code|编码" takes either; names beginning with
 * '?' may be left out, from the end) and every record must have as many
 * fields as the file's header. encoding is NULL (told from the file), "utf-8" or
 * "gbk" (GB18030, converted to UTF-8). name is used in messages. Returns 0,
 * or -1 with *cause set to every message, one per line.
 */
int csvio_read(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause);
/* The same, asking stop(stop_arg) after a refused row whether reading may go
 * on: a store that failed (a full disk) may have rolled its transaction back
 * by itself, and no later row may then land outside it. */
int csvio_read_guarded(FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, int (*stop)(void *), void *stop_arg,
    char **cause);

/*
 * Refuse a field of a row: *cause becomes "NAME:LINE:COL: expected WHAT,
 * found 'VALUE'" (or "found nothing" for an empty field, the value cut at
 * 40 characters). Returns -1, for a row callback to return.
 */
int csvio_bad(char **cause, const char *name, const struct csvio_row *r, int col,
    const char *what);

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
