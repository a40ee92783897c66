/*
 * Widgets: text clipped by display width, title and key bar, list, field.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

int
ui_push(struct ui *ui, const struct screen *s, const void *arg)
{
	void *state;

	if (ui->depth >= UI_DEPTH) {
		ui_message(ui, 1, "%s", _("too many screens open; press q to go back"));
		return -1;
	}
	state = s->enter ? s->enter(ui, arg) : NULL;
	if (s->enter && state == NULL)
		return -1;
	ui->stack[ui->depth] = s;
	ui->state[ui->depth] = state;
	ui->depth++;
	return 0;
}

void
ui_pop(struct ui *ui)
{
	if (ui->depth == 0)
		return;
	ui->depth--;
	if (ui->stack[ui->depth]->leave)
		ui->stack[ui->depth]->leave(ui, ui->state[ui->depth]);
}

void
ui_then(struct ui *ui, const struct screen *s, const char *arg)
{
	ui->next = s;
	snprintf(ui->next_arg, sizeof ui->next_arg, "%s", arg ? arg : "");
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_error = error;
	memcpy(ui->last_message, ui->message, sizeof ui->last_message);
}

int
ui_attr_light(struct ui *ui, enum light l)
{
	if (!ui->color)
		return l == LIGHT_RED ? A_BOLD | A_REVERSE : l == LIGHT_YELLOW ? A_BOLD : 0;
	switch (l) {
	case LIGHT_GREEN:
		return COLOR_PAIR(UI_PAIR_GREEN);
	case LIGHT_YELLOW:
		return COLOR_PAIR(UI_PAIR_YELLOW) | A_BOLD;
	case LIGHT_RED:
		return COLOR_PAIR(UI_PAIR_RED) | A_BOLD;
	default:
		return 0;
	}
}

int
ui_put(int y, int x, int w, const char *s)
{
	mbstate_t ps;
	const char *p = s;
	int used = 0;

	/* Clip at the window's edge: on a narrow terminal a row is cut, never
	 * wrapped onto the next line. */
	if (x < 0 || y < 0 || x >= COLS || y >= LINES)
		return 0;
	if (w > COLS - x)
		w = COLS - x;
	if (w <= 0 || s == NULL)
		return 0;
	memset(&ps, 0, sizeof ps);
	move(y, x);
	while (*p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &ps);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			n = 1;
		}
		if (wc == L'\n' || wc == L'\t' || wc == L'\r')
			wc = L' ';
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > w)
			break;
		addnwstr(&wc, 1);
		used += cw;
		p += n;
	}
	return used;
}

void
ui_put_pad(int y, int x, int w, const char *s)
{
	int used = ui_put(y, x, w, s);

	for (; used < w; used++)
		addch(' ');
}

void
ui_title(struct ui *ui, const char *title)
{
	char right[160], date[11];
	int rw;

	clock_format_date(session_today(ui->s), date);
	snprintf(right, sizeof right, "%s  %s ", ui->s->user.name && *ui->s->user.name ?
	    ui->s->user.name : ui->s->user.login, date);
	attrset(ui->color ? COLOR_PAIR(UI_PAIR_TITLE) | A_BOLD : A_REVERSE);
	move(0, 0);
	hline(' ', ui->cols);
	ui_put(0, 1, ui->cols - 2, title);
	rw = utf8_width(right);
	if (rw + utf8_width(title) + 4 <= ui->cols)
		ui_put(0, ui->cols - rw, rw, right);
	attrset(A_NORMAL);
}

void
ui_keybar(struct ui *ui, const char *const *pairs)
{
	/* When they do not all fit, q and F1 keep their place at the end, so
	 * that a user can always leave and always find the rest (F1 lists
	 * every key). */
	static const char *const f1[] = { "F1", N_("all keys") };
	const char *keep[4] = { NULL, NULL, NULL, NULL };
	int x = 0, i, total = 0, reserve = 0, fits;

	ui->bar = pairs;
	move(ui->rows - 1, 0);
	clrtoeol();
	for (i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2) {
		total += utf8_width(pairs[i]) + utf8_width(_(pairs[i + 1])) + 3;
		if (strcmp(pairs[i], "q") == 0) {
			keep[0] = pairs[i];
			keep[1] = pairs[i + 1];
		} else if (strcmp(pairs[i], "F1") == 0) {
			keep[2] = pairs[i];
			keep[3] = pairs[i + 1];
		}
	}
	fits = total - 2 <= ui->cols;
	if (!fits) {
		/* F1 too where there is room for it (a narrow window keeps its
		 * few columns for the work keys: F1 works there all the same). */
		if (ui->cols < 60)
			keep[2] = keep[3] = NULL;
		else if (keep[2] == NULL) {
			keep[2] = f1[0];
			keep[3] = f1[1];
		}
		for (i = 0; i < 4; i += 2)
			if (keep[i])
				reserve += utf8_width(keep[i]) + utf8_width(_(keep[i + 1])) + 3;
	}
	for (i = 0; ; i += 2) {
		const char *k, *l;
		int kw, lw, last = 0;

		if (pairs[i] != NULL && pairs[i + 1] != NULL) {
			k = pairs[i];
			l = pairs[i + 1];
			if (!fits && (k == keep[0] || k == keep[2]))
				continue;
		} else if (!fits && reserve > 0) {
			/* The kept ones, after what fitted. */
			int j = keep[0] ? 0 : 2;

			k = keep[j];
			l = keep[j + 1];
			keep[j] = NULL;
			reserve = keep[0] || keep[2] ? reserve : 0;
			last = 1;
		} else
			break;
		kw = utf8_width(k);
		lw = utf8_width(_(l));
		if (!last && !fits && x + kw + lw + 3 + reserve > ui->cols)
			continue;
		if (x + kw + lw + 1 > ui->cols)
			break;
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_KEY) | A_BOLD : A_REVERSE);
		x += ui_put(ui->rows - 1, x, kw, k);
		attrset(A_NORMAL);
		x += ui_put(ui->rows - 1, x, lw + 1, " ");
		x += ui_put(ui->rows - 1, x, lw, _(l));
		if (x < ui->cols - 1)
			x += ui_put(ui->rows - 1, x, 2, "  ");
		if (last) {
			i -= 2;	/* the other kept one, if any */
			if (keep[0] == NULL && keep[2] == NULL)
				break;
		}
	}
}

void
ui_draw_message(struct ui *ui)
{
	static const char hint[] = " [F3]";
	int w = ui->cols - 2;

	move(ui->rows - 2, 0);
	clrtoeol();
	if (ui->message[0] == '\0')
		return;
	attrset(ui->message_error ? (ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD) :
	    A_NORMAL);
	/* Longer than the line: cut, and F3 reads it whole. */
	if (utf8_width(ui->message) > w && w > 10) {
		ui_put(ui->rows - 2, 1, w - (int)strlen(hint), ui->message);
		attrset(A_NORMAL);
		ui_put(ui->rows - 2, ui->cols - 1 - (int)strlen(hint), (int)strlen(hint), hint);
	} else
		ui_put(ui->rows - 2, 1, w, ui->message);
	attrset(A_NORMAL);
}

void
ui_light_text(enum light l, char buf[64])
{
	static const char *const marks[] = { "", "○", "◐", "●" };

	buf[0] = '\0';
	if (l != LIGHT_NONE)
		snprintf(buf, 64, "%s %s", marks[l], tcase_light_label(l));
}

void
ui_light(struct ui *ui, int y, int x, enum light l)
{
	char buf[64];

	if (l == LIGHT_NONE)
		return;
	ui_light_text(l, buf);
	attrset(ui_attr_light(ui, l));
	ui_put(y, x, ui->cols - x, buf);
	attrset(A_NORMAL);
}

void
ui_list_draw(struct ui *ui, struct ui_list *l, int y, int h)
{
	int i;

	if (h <= 0)
		return;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top < 0)
		l->top = 0;
	for (i = 0; i < h; i++) {
		int r = l->top + i;

		move(y + i, 0);
		clrtoeol();
		if (r < l->n)
			l->row(ui, l->arg, r, y + i, ui->cols, r == l->sel);
	}
	attrset(A_NORMAL);
}

int
ui_list_key(struct ui_list *l, struct ui_key k, int h)
{
	int old = l->sel;

	if (!k.fkey && k.ch != L'j' && k.ch != L'k')
		return UI_IGNORED;
	if (h < 1)
		h = 1;
	if ((k.fkey && k.ch == KEY_DOWN) || (!k.fkey && k.ch == L'j'))
		l->sel++;
	else if ((k.fkey && k.ch == KEY_UP) || (!k.fkey && k.ch == L'k'))
		l->sel--;
	else if (k.fkey && k.ch == KEY_NPAGE)
		l->sel += h;
	else if (k.fkey && k.ch == KEY_PPAGE)
		l->sel -= h;
	else if (k.fkey && k.ch == KEY_HOME)
		l->sel = 0;
	else if (k.fkey && k.ch == KEY_END)
		l->sel = l->n - 1;
	else
		return UI_IGNORED;
	/* Read the next page before the selection reaches the end (End goes
	 * to the last row read, one page further each time). */
	if (l->more != NULL && l->sel >= l->n - h)
		l->more(l->arg);
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	return l->sel != old ? UI_HANDLED | UI_REDRAW : UI_HANDLED;
}

void
ui_field_draw(struct ui *ui, struct ui_field *f, int y, int x, int w, int focus)
{
	int i, used = 0, start = 0, curx = x;

	(void)ui;
	/* Scroll so that the cursor stays visible. */
	for (;;) {
		int cw = 0;

		for (i = start; i < f->cur; i++)
			cw += wcwidth(f->buf[i]) > 0 ? wcwidth(f->buf[i]) : 1;
		if (cw < w || start >= f->cur)
			break;
		start++;
	}
	/* Typed text is plain, so each key costs one character on the wire;
	 * the empty rest of the field is underlined to show where it is. */
	attrset(A_NORMAL);
	move(y, x);
	for (i = start; i < f->len; i++) {
		int cw = wcwidth(f->buf[i]) > 0 ? wcwidth(f->buf[i]) : 1;

		if (used + cw > w)
			break;
		if (i == f->cur)
			curx = x + used;
		addnwstr(&f->buf[i], 1);
		used += cw;
	}
	attrset(focus ? A_UNDERLINE : A_NORMAL);
	if (f->cur >= f->len)
		curx = x + used;
	for (; used < w; used++)
		addch(' ');
	attrset(A_NORMAL);
	if (focus)
		move(y, curx < x + w ? curx : x + w - 1);
}

/* A key that is text: not C0, DEL or C1 (a pasted U+009B is a CSI to
 * the terminal of whoever reads the field later, whatever wcwidth says in
 * the locale at hand). */
static int
ui_field_printable(int ch)
{
	if (ch < 32 || ch == 127 || (ch >= 0x80 && ch < 0xa0))
		return 0;
	return wcwidth((wchar_t)ch) >= 0;
}

void
ui_field_set(struct ui_field *f, const char *s)
{
	mbstate_t ps;

	memset(&ps, 0, sizeof ps);
	f->len = 0;
	while (s && *s && f->len < UI_FIELD_MAX) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &ps);

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break;
		f->buf[f->len++] = wc;
		s += n;
	}
	f->buf[f->len] = L'\0';
	f->cur = f->len;
}

int
ui_field_key(struct ui_field *f, struct ui_key k)
{
	/* Text filled in for the user (a known applicant's name) is replaced by
	 * what they type, as a selection would be; any other key keeps it. */
	if (f->filled && !k.fkey && ui_field_printable(k.ch))
		f->len = f->cur = 0;
	f->filled = 0;
	if (k.fkey) {
		switch (k.ch) {
		case KEY_LEFT:
			if (f->cur > 0)
				f->cur--;
			return UI_HANDLED | UI_REDRAW;
		case KEY_RIGHT:
			if (f->cur < f->len)
				f->cur++;
			return UI_HANDLED | UI_REDRAW;
		case KEY_HOME:
			f->cur = 0;
			return UI_HANDLED | UI_REDRAW;
		case KEY_END:
			f->cur = f->len;
			return UI_HANDLED | UI_REDRAW;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (f->cur < f->len) {
				wmemmove(f->buf + f->cur, f->buf + f->cur + 1, (size_t)(f->len - f->cur - 1));
				f->len--;
			}
			return UI_HANDLED | UI_REDRAW;
		default:
			return UI_IGNORED;
		}
	}
	if (k.ch == 127 || k.ch == 8)
		goto backspace;
	if (k.ch == 21) {	/* ^U clears */
		f->len = f->cur = 0;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!ui_field_printable(k.ch))
		return UI_IGNORED;
	if (f->len >= UI_FIELD_MAX) {
		beep();		/* full: said, never cut silently */
		return UI_HANDLED;
	}
	wmemmove(f->buf + f->cur + 1, f->buf + f->cur, (size_t)(f->len - f->cur));
	f->buf[f->cur++] = (wchar_t)k.ch;
	f->len++;
	f->buf[f->len] = L'\0';
	return UI_HANDLED | UI_REDRAW;
backspace:
	if (f->cur > 0) {
		wmemmove(f->buf + f->cur - 1, f->buf + f->cur, (size_t)(f->len - f->cur));
		f->cur--;
		f->len--;
		f->buf[f->len] = L'\0';
	}
	return UI_HANDLED | UI_REDRAW;
}

char *
ui_field_text(const struct ui_field *f)
{
	struct sb sb = SB_INIT;
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	int i;

	memset(&ps, 0, sizeof ps);
	for (i = 0; i < f->len; i++) {
		size_t n = wcrtomb(mb, f->buf[i], &ps);

		if (n != (size_t)-1)
			sb_add(&sb, mb, n);
	}
	return sb_detach(&sb);
}

void
ui_shell_quote(struct sb *sb, const char *s)
{
	const char *p;
	int plain = *s != '\0';

	for (p = s; *p && plain; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.,:/=@", *p)))
			plain = 0;
	if (plain) {
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			sb_adds(sb, "'\\''");
		else
			sb_addc(sb, *p);
	}
	sb_addc(sb, '\'');
}

void
ui_equivalent(struct ui *ui, int y, const char *cmd)
{
	struct sb line = SB_INIT;
	int w = ui->cols - 2, used;

	/* Two lines, y - 1 and y, so that a long command is seen whole. */
	sb_addf(&line, "$ ssh %s %s", ui->ssh_hint, cmd);
	attrset(ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
	move(y - 1, 0);
	clrtoeol();
	move(y, 0);
	clrtoeol();
	if (utf8_width(line.buf) <= w)
		ui_put(y, 1, w, line.buf);
	else {
		const char *p = line.buf;
		mbstate_t ps;

		used = 0;
		memset(&ps, 0, sizeof ps);
		while (*p) {
			wchar_t wc;
			size_t n = mbrtowc(&wc, p, strlen(p), &ps);
			int cw;

			if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
				break;
			cw = wcwidth(wc) > 0 ? wcwidth(wc) : 1;
			if (used + cw > w)
				break;
			used += cw;
			p += n;
		}
		ui_put(y - 1, 1, w, line.buf);
		ui_put(y, 3, w - 2, p);
	}
	attrset(A_NORMAL);
	sb_release(&line);
}

/* Where the line of s that fits in w columns ends: after a space when a
 * word (of ASCII letters) would be cut, else where the columns run out;
 * at least one character. */
static const char *
wrap_end(const char *s, int w)
{
	const char *p = s, *space = NULL;
	mbstate_t ps;
	int used = 0;

	memset(&ps, 0, sizeof ps);
	while (*p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &ps);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return p > s ? p : s + strlen(s);
		cw = wcwidth(wc) > 0 ? wcwidth(wc) : 1;
		if (used + cw > w && p > s) {
			if (*p != ' ' && p[-1] != ' ' && (unsigned char)*p < 0x80 && space != NULL)
				return space;
			return p;
		}
		used += cw;
		p += n;
		if (wc == L' ')
			space = p;
	}
	return p;
}

const char *
ui_wrap_end(const char *s, int w)
{
	return wrap_end(s, w);
}

int
ui_put_wrapped(int y, int x, int w, int maxlines, const char *s)
{
	int lines = 0;

	while (*s && lines < maxlines) {
		const char *e = wrap_end(s, w);
		char *line = xstrndup(s, (size_t)(e - s));

		ui_put(y + lines, x, w, line);
		free(line);
		lines++;
		s = e;
	}
	return lines;
}

int
ui_wrapped_lines(int w, const char *s)
{
	int lines = 0;

	while (*s) {
		s = wrap_end(s, w);
		lines++;
	}
	return lines;
}

void
ui_draft_add(struct sb *sb, const char *key, const char *value)
{
	const char *p;

	sb_addf(sb, "%s=", key);
	for (p = value ? value : ""; *p; p++)
		sb_addc(sb, *p == '\n' ? ' ' : *p);
	sb_addc(sb, '\n');
}

char *
ui_draft_value(const char *data, const char *key)
{
	size_t n = strlen(key);
	const char *p = data;

	while (p && *p) {
		const char *eol = strchr(p, '\n');

		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return xstrndup(p + n + 1, eol ? (size_t)(eol - p - n - 1) : strlen(p + n + 1));
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

void
ui_print(struct ui *ui, const char *text)
{
	const char *s;

	(void)ui;
	refresh();
	fputs("\033[5i", stdout);
	for (s = text ? text : ""; *s; s++) {
		if (*s == '\n')
			fputc('\r', stdout);
		fputc(*s, stdout);
	}
	fputs("\f\033[4i", stdout);
	fflush(stdout);
	/* What a terminal without a printer showed is painted over. */
	clearok(curscr, TRUE);
}

char *
ui_form_cause(const char *cause, const char *const *flags, const char *const *labels)
{
	struct sb out;
	const char *p = cause ? cause : "?";
	size_t n;
	int i, best;

	sb_init(&out);
	while (*p) {
		best = -1;
		if (p[0] == '-' && p[1] == '-')
			for (i = 0; flags[i] != NULL; i++) {
				n = strlen(flags[i]);
				if (strncmp(p + 2, flags[i], n) == 0 &&
				    !(p[2 + n] >= 'a' && p[2 + n] <= 'z') && p[2 + n] != '-' &&
				    (best < 0 || n > strlen(flags[best])))
					best = i;
			}
		if (best < 0) {
			sb_addc(&out, *p++);
			continue;
		}
		sb_adds(&out, labels[best]);
		p += 2 + strlen(flags[best]);
		/* "--note TEXT": the placeholder says nothing in a form. */
		if (p[0] == ' ' && p[1] >= 'A' && p[1] <= 'Z' && p[2] >= 'A' && p[2] <= 'Z') {
			for (n = 1; p[n] >= 'A' && p[n] <= 'Z'; n++)
				;
			if (!((p[n] >= 'a' && p[n] <= 'z')))
				p += n;
		}
	}
	return sb_detach(&out);
}
