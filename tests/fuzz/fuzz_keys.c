/*
 * libFuzzer target: the terminal input path. A stream of keys (characters,
 * including invalid and wide ones, and curses key codes) edits a text field
 * as the console does; the field must stay consistent and convert to valid
 * UTF-8.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int fkeys[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_BACKSPACE,
		KEY_DC, KEY_UP, KEY_DOWN, KEY_F(2) };
	static int init;
	struct ui_field f;
	size_t i;
	char *text;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	memset(&f, 0, sizeof f);
	for (i = 0; i + 2 < size; i += 3) {
		struct ui_key k;

		if (data[i] % 5 == 0) {
			k.fkey = 1;
			k.ch = (wint_t)fkeys[data[i + 1] % (sizeof fkeys / sizeof fkeys[0])];
		} else {
			k.fkey = 0;
			k.ch = (wint_t)(data[i + 1] | data[i + 2] << 8 | (data[i] & 0x10) << 12);
		}
		ui_field_key(&f, k);
		if (f.len < 0 || f.len > UI_FIELD_MAX || f.cur < 0 || f.cur > f.len)
			abort();
	}
	text = ui_field_text(&f);
	if (!utf8_valid(text, strlen(text)))
		abort();
	free(text);
	return 0;
}
