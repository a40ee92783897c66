/*
 * Character-set conversion over iconv, for streams and for whole strings.
 * A struct conv converts one direction (e.g. GB18030 to UTF-8) and keeps
 * between calls what a stream needs: the bytes of a character cut at the
 * end of a chunk (an SSH read may end in the middle of a GB18030
 * character) and the offset of the next byte.
 *
 * On an invalid sequence the caller chooses: CONV_STOP ends the call with
 * the offset of the bad byte (counted from conv_open or conv_reset);
 * CONV_REPLACE writes '?' for the bad byte and goes on.
 */
#ifndef TONGBAN_CONV_H
#define TONGBAN_CONV_H

#include <iconv.h>
#include <stddef.h>

#include "util.h"

enum conv_bad { CONV_STOP, CONV_REPLACE };

struct conv {
	iconv_t cd;
	struct sb tail;		/* a cut character, kept for the next call */
	size_t offset;		/* input bytes consumed since open or reset */
};

/* Open a conversion from one charset to another (iconv names); 0, or -1
 * with errno set when the system cannot convert between them. */
int conv_open(struct conv *cv, const char *from, const char *to);
/* Release the descriptor and the kept bytes; cv may be opened again. */
void conv_close(struct conv *cv);
/* Forget a kept tail and the shift state, and count offsets from 0. */
void conv_reset(struct conv *cv);
/*
 * Convert n bytes of in and append the result to out (grown as needed).
 * A character cut at the end of in is kept and completed by the next call.
 * Returns 0; with CONV_STOP, -1 at the first invalid sequence, with *bad
 * (when not NULL) set to its offset; the rest of in is then dropped.
 */
int conv_run(struct conv *cv, const char *in, size_t n, struct sb *out,
    enum conv_bad how, size_t *bad);
/*
 * End of the input: a kept, still incomplete character is invalid (with
 * CONV_STOP: -1 and *bad set; with CONV_REPLACE: one '?'). Any shift
 * sequence is written, and cv is reset for a new stream.
 */
int conv_finish(struct conv *cv, struct sb *out, enum conv_bad how, size_t *bad);
/* Convert a whole string in one go: conv_reset, conv_run, conv_finish. */
int conv_string(struct conv *cv, const char *in, size_t n, struct sb *out,
    enum conv_bad how, size_t *bad);

/*
 * A terminal set to GBK or GB18030 draws every double-byte character two
 * columns wide, while the console lays out the symbols of East Asian
 * ambiguous width (○ ● · → “ ─ ▁ ...) one column wide, as UTF-8 terminals
 * do: every such symbol would push the rest of its line one column right.
 * Append to out the first n bytes of in with each such symbol replaced by
 * an ASCII character of the same meaning and width (● -> #, → -> >, “ -> ");
 * returns how many bytes were taken: a character cut at the end is left for
 * the caller to pass again with the rest.
 */
size_t conv_narrow(const char *in, size_t n, struct sb *out);

/*
 * Keys from a terminal filter such as luit, which reads an Esc key and the
 * bytes after it as one escape sequence: ESC, any intermediates (space to
 * '/'), then one final byte. When the next key after Esc (or after Esc and
 * '/', which opens the lookup) is a Chinese character, luit passes the
 * first byte of its UTF-8 form as that final byte and drops the rest, so
 * that a GBK decoder pairs that stray byte with the next character typed
 * and every character after it is garbled. No key a terminal sends has a
 * byte above 0x7f as the end of an escape sequence: such a byte is dropped
 * from buf (in place) when the run of high bytes it starts is odd (the
 * stray, then whole characters of two bytes); an even run is characters
 * luit passed whole (its timing decides) and is kept. *state carries an
 * escape sequence cut between reads (start at 0). Returns the new length.
 */
size_t conv_key_strays(int *state, char *buf, size_t n);
/* What the session sends the console in place of such a character
 * (Ctrl-^): the console says that a character was lost. */
#define KEY_LOST_CHAR 0x1e

#endif
