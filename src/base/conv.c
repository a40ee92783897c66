/*
 * Conversion between charsets with iconv; see conv.h. Every iconv loop of
 * tongban (the GBK terminal, GBK CSV in and out) is this one.
 */
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "conv.h"

int
conv_open(struct conv *cv, const char *from, const char *to)
{
	memset(cv, 0, sizeof *cv);
	sb_init(&cv->tail);
	cv->cd = iconv_open(to, from);
	return cv->cd == (iconv_t)-1 ? -1 : 0;
}

void
conv_close(struct conv *cv)
{
	if (cv->cd != (iconv_t)-1 && cv->cd != NULL)
		iconv_close(cv->cd);
	cv->cd = (iconv_t)-1;
	sb_release(&cv->tail);
	cv->offset = 0;
}

void
conv_reset(struct conv *cv)
{
	assert(cv->cd != (iconv_t)-1);
	iconv(cv->cd, NULL, NULL, NULL, NULL);
	sb_reset(&cv->tail);
	cv->offset = 0;
}

/* Room for at least want more bytes at the end of out; *op and *ol follow. */
static void
conv_room(struct sb *out, size_t want, char **op, size_t *ol)
{
	sb_grow(out, want);
	*op = out->buf + out->len;
	*ol = out->alloc - out->len - 1;
}

/* Take the bytes written up to op into out's length. */
static void
conv_took(struct sb *out, const char *op)
{
	out->len = (size_t)(op - out->buf);
	out->buf[out->len] = '\0';
}

int
conv_run(struct conv *cv, const char *in, size_t n, struct sb *out,
    enum conv_bad how, size_t *bad)
{
	char *start, *ip, *op;
	size_t il, ol;
	int keep = 0, rc = 0;

	assert(cv->cd != (iconv_t)-1);
	if (cv->tail.len > 0) {
		/* finish the cut character first: convert tail + in */
		sb_add(&cv->tail, in, n);
		start = cv->tail.buf;
		il = cv->tail.len;
	} else {
		start = (char *)in;
		il = n;
	}
	ip = start;
	while (il > 0) {
		size_t r;

		conv_room(out, il + 16, &op, &ol);
		r = iconv(cv->cd, &ip, &il, &op, &ol);
		conv_took(out, op);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;	/* E2BIG: grow out and go on */
		if (errno == EINVAL) {
			keep = 1;	/* a cut character: wait for the rest */
			break;
		}
		/* EILSEQ (or anything else iconv may say): one bad byte */
		if (how == CONV_STOP) {
			if (bad != NULL)
				*bad = cv->offset + (size_t)(ip - start);
			rc = -1;
			break;
		}
		sb_addc(out, '?');
		ip++;
		il--;
	}
	cv->offset += (size_t)(ip - start);
	if (!keep || rc != 0)
		sb_reset(&cv->tail);
	else if (start == cv->tail.buf) {
		memmove(cv->tail.buf, ip, il);
		cv->tail.len = il;
		cv->tail.buf[il] = '\0';
	} else {
		sb_reset(&cv->tail);
		sb_add(&cv->tail, ip, il);
	}
	return rc;
}

int
conv_finish(struct conv *cv, struct sb *out, enum conv_bad how, size_t *bad)
{
	char *op;
	size_t ol;
	int rc = 0;

	assert(cv->cd != (iconv_t)-1);
	if (cv->tail.len > 0) {
		if (how == CONV_STOP) {
			if (bad != NULL)
				*bad = cv->offset;
			rc = -1;
		} else
			sb_addc(out, '?');
	}
	if (rc == 0) {
		/* the shift sequence back to the initial state, if any */
		conv_room(out, 16, &op, &ol);
		iconv(cv->cd, NULL, NULL, &op, &ol);
		conv_took(out, op);
	}
	conv_reset(cv);
	return rc;
}

int
conv_string(struct conv *cv, const char *in, size_t n, struct sb *out,
    enum conv_bad how, size_t *bad)
{
	conv_reset(cv);
	if (conv_run(cv, in, n, out, how, bad) != 0) {
		conv_reset(cv);
		return -1;
	}
	return conv_finish(cv, out, how, bad);
}

/* Ambiguous-width symbols the console prints, and their one-column stand-ins. */
static const struct {
	unsigned cp;
	char ascii;
} narrow[] = {
	{ 0x00b7, '-' },	/* · */
	{ 0x00d7, 'x' },	/* × */
	{ 0x00f7, '/' },	/* ÷ */
	{ 0x03a3, 'S' },	/* Σ */
	{ 0x2013, '-' }, { 0x2014, '-' },	/* – — */
	{ 0x2016, '|' },	/* ‖ (joint steps) */
	{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201c, '"' }, { 0x201d, '"' },
	{ 0x2026, '.' },	/* … */
	{ 0x2190, '<' }, { 0x2191, '^' }, { 0x2192, '>' }, { 0x2193, 'v' },
	{ 0x2264, '<' }, { 0x2265, '>' },
	{ 0x2500, '-' }, { 0x2502, '|' }, { 0x250c, '+' }, { 0x2510, '+' }, { 0x2514, '+' },
	{ 0x2518, '+' }, { 0x251c, '+' }, { 0x2524, '+' }, { 0x252c, '+' }, { 0x2534, '+' },
	{ 0x253c, '+' },
	{ 0x2581, '_' }, { 0x2582, '_' }, { 0x2583, '-' }, { 0x2584, '-' }, { 0x2585, '=' },
	{ 0x2586, '=' }, { 0x2587, '#' }, { 0x2588, '#' },
	{ 0x2589, '#' }, { 0x258a, '#' }, { 0x258b, '#' }, { 0x258c, '#' }, { 0x258d, '|' },
	{ 0x258e, '|' }, { 0x258f, '|' },
	{ 0x25b6, '>' }, { 0x25bc, 'v' }, { 0x25c0, '<' },	/* ▶ ▼ ◀ */
	{ 0x25c6, '*' }, { 0x25c7, '*' },	/* ◆ ◇ (a project's joint stage) */
	{ 0x25cb, 'o' }, { 0x25d0, '!' }, { 0x25cf, '#' },	/* ○ ◐ ● */
	{ 0x2713, '+' },	/* ✓ */
};

size_t
conv_narrow(const char *in, size_t n, struct sb *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, run = 0;

	while (i < n) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xe0) == 0xc0 ? 2 : (s[i] & 0xf0) == 0xe0 ? 3 :
		    (s[i] & 0xf8) == 0xf0 ? 4 : 1;
		unsigned cp;
		size_t k;

		if (i + len > n)
			break;	/* cut: the caller passes it again with the rest */
		if (len == 1) {
			i++;
			continue;
		}
		cp = len == 2 ? (s[i] & 0x1fu) : len == 3 ? (s[i] & 0x0fu) : (s[i] & 0x07u);
		for (k = 1; k < len; k++)
			cp = cp << 6 | (s[i + k] & 0x3fu);
		for (k = 0; k < sizeof narrow / sizeof narrow[0] && narrow[k].cp != cp; k++)
			;
		if (k < sizeof narrow / sizeof narrow[0]) {
			sb_add(out, in + run, i - run);
			sb_addc(out, narrow[k].ascii);
			run = i + len;
		}
		i += len;
	}
	sb_add(out, in + run, i - run);
	return i;
}

size_t
conv_key_strays(int *state, char *buf, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)buf[i];

		if (*state) {
			if (b >= 0x80) {
				size_t run = 0;

				/* A stray leaves an odd run of high bytes (its own,
				 * then whole two-byte characters); an even run is
				 * characters luit passed whole: kept. */
				while (i + run < n && (unsigned char)buf[i + run] >= 0x80)
					run++;
				*state = 0;
				if (run % 2 == 1)
					continue;	/* the stray lead byte */
			}
			if (b != 0x1b && (b < 0x20 || b > 0x2f))
				*state = 0;	/* the sequence ended */
		} else if (b == 0x1b)
			*state = 1;
		buf[o++] = (char)b;
	}
	return o;
}
