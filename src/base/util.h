/*
 * Small helpers every module uses: allocation that aborts on failure, and a
 * growable string buffer (sb) in the manner of git's strbuf.
 *
 * Invariants of struct sb: buf is always NUL-terminated (after sb_init it
 * points at a static empty string until the first append); len never counts
 * the NUL; alloc is 0 while buf is the static empty string.
 */
#ifndef TONGBAN_UTIL_H
#define TONGBAN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocate or abort: a session that cannot allocate fails cleanly, alone. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct sb {
	char *buf;
	size_t len;
	size_t alloc;
};

#define SB_INIT { (char *)sb_empty, 0, 0 }
extern const char sb_empty[1];

void sb_init(struct sb *sb);
/* Free the buffer and leave sb empty and reusable. */
void sb_release(struct sb *sb);
/* Give the caller the heap string (never NULL) and leave sb empty. */
char *sb_detach(struct sb *sb);
void sb_reset(struct sb *sb);
void sb_grow(struct sb *sb, size_t extra);
void sb_add(struct sb *sb, const void *data, size_t n);
void sb_adds(struct sb *sb, const char *s);
void sb_addc(struct sb *sb, char c);
void sb_addf(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Set *cause to a formatted heap message (freeing a previous one). */
void set_cause(char **cause, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* 1 when s is valid UTF-8 (no overlongs, no surrogates), else 0. */
int utf8_valid(const char *s, size_t n);

/* Control characters, which a terminal obeys instead of showing them:
 * C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F, in UTF-8
 * C2 80 to C2 9F). With UTF8_CTL_TEXT, TAB and LF are text (free-text
 * fields such as notes and guides may hold them), never CR: it moves the
 * cursor back over what was written. Returns the byte offset of the first
 * control character of s[0..n) with its code point in *cp, or -1. */
#define UTF8_CTL_TEXT 0x1
long utf8_ctl(const char *s, size_t n, int flags, unsigned *cp);

/* Copy src into dst (size bytes), cut at a character boundary if too long. */
void utf8_copy(char *dst, size_t size, const char *src);

/* Display width of a UTF-8 string in terminal cells (CJK counts 2). */
int utf8_width(const char *s);

/* Parse a decimal integer in [min, max]; 0 on success, -1 otherwise. */
int parse_int(const char *s, long min, long max, long *out);

#endif
