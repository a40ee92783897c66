/*
 * Charset conversion: a GB18030 character cut between two reads arrives
 * whole; invalid bytes are stopped at (with their offset) or replaced; a
 * large input grows the output.
 */
#include <stdlib.h>
#include <string.h>

#include "conv.h"
#include "test.h"

/* 成都😀 in GB18030: two 2-byte characters and one 4-byte character. */
static const char gb[] = "\xb3\xc9\xb6\xbc\x94\x39\xfc\x36";
static const char utf8[] = "成都😀";

static void
split_character(void)
{
	struct conv cv;
	struct sb out = SB_INIT;
	size_t cut, len = sizeof gb - 1;

	CHECK_INT(conv_open(&cv, "GB18030", "UTF-8"), 0);
	/* every place to cut the stream in two, including inside the 4-byte one */
	for (cut = 0; cut <= len; cut++) {
		sb_reset(&out);
		CHECK_INT(conv_run(&cv, gb, cut, &out, CONV_STOP, NULL), 0);
		CHECK_INT(conv_run(&cv, gb + cut, len - cut, &out, CONV_STOP, NULL), 0);
		CHECK_INT(conv_finish(&cv, &out, CONV_STOP, NULL), 0);
		CHECK_STR(out.buf, utf8);
	}
	/* one byte a read */
	sb_reset(&out);
	for (cut = 0; cut < len; cut++)
		CHECK_INT(conv_run(&cv, gb + cut, 1, &out, CONV_STOP, NULL), 0);
	CHECK_STR(out.buf, utf8);
	CHECK_INT(cv.offset, len);
	CHECK_INT(conv_finish(&cv, &out, CONV_STOP, NULL), 0);
	/* the other way, cut inside a UTF-8 character */
	conv_close(&cv);
	CHECK_INT(conv_open(&cv, "UTF-8", "GB18030"), 0);
	sb_reset(&out);
	CHECK_INT(conv_run(&cv, utf8, 4, &out, CONV_STOP, NULL), 0);
	CHECK_INT(out.len, 2);
	CHECK_INT(conv_run(&cv, utf8 + 4, strlen(utf8) - 4, &out, CONV_STOP, NULL), 0);
	CHECK(out.len == len && memcmp(out.buf, gb, len) == 0);
	conv_close(&cv);
	sb_release(&out);
}

static void
invalid_bytes(void)
{
	struct conv cv;
	struct sb out = SB_INIT;
	size_t bad = 0;

	CHECK_INT(conv_open(&cv, "UTF-8", "GB18030"), 0);
	/* "ab" then a stray continuation byte at offset 2, in the second chunk */
	CHECK_INT(conv_run(&cv, "a", 1, &out, CONV_STOP, &bad), 0);
	CHECK_INT(conv_run(&cv, "b\x80" "c", 3, &out, CONV_STOP, &bad), -1);
	CHECK_INT(bad, 2);
	CHECK_STR(out.buf, "ab");
	conv_reset(&cv);
	sb_reset(&out);
	CHECK_INT(conv_run(&cv, "b\x80" "c", 3, &out, CONV_REPLACE, NULL), 0);
	CHECK_STR(out.buf, "b?c");
	/* a character still cut when the input ends */
	conv_reset(&cv);
	sb_reset(&out);
	CHECK_INT(conv_run(&cv, "x\xe6\x88", 3, &out, CONV_STOP, &bad), 0);
	CHECK_INT(conv_finish(&cv, &out, CONV_STOP, &bad), -1);
	CHECK_INT(bad, 1);
	sb_reset(&out);
	CHECK_INT(conv_string(&cv, "x\xe6\x88", 3, &out, CONV_REPLACE, NULL), 0);
	CHECK_STR(out.buf, "x?");
	CHECK_INT(cv.tail.len, 0);
	conv_close(&cv);
	sb_release(&out);
}

static void
large_input(void)
{
	struct conv cv;
	struct sb in = SB_INIT, out = SB_INIT, back = SB_INIT;
	int i;

	for (i = 0; i < 20000; i++)
		sb_adds(&in, "成都€");
	CHECK_INT(conv_open(&cv, "UTF-8", "GB18030"), 0);
	CHECK_INT(conv_string(&cv, in.buf, in.len, &out, CONV_STOP, NULL), 0);
	CHECK_INT(out.len, 20000 * 6);
	conv_close(&cv);
	CHECK_INT(conv_open(&cv, "GB18030", "UTF-8"), 0);
	CHECK_INT(conv_string(&cv, out.buf, out.len, &back, CONV_STOP, NULL), 0);
	CHECK(back.len == in.len && memcmp(back.buf, in.buf, in.len) == 0);
	conv_close(&cv);
	sb_release(&in);
	sb_release(&out);
	sb_release(&back);
}

/* For a GBK terminal the symbols it would draw two columns wide become one
 * ASCII column; CJK text and ASCII pass; a cut character waits. */
static void
narrow_symbols(void)
{
	static const char in[] = "○ 绿灯 ◐ 黄 ● 红 · “引” → ▁█ ✓ ◀ 窗口 ▶";
	struct sb out = SB_INIT;
	size_t took, n = strlen(in);

	CHECK_INT(conv_narrow(in, n, &out), n);
	CHECK_STR(out.buf, "o 绿灯 ! 黄 # 红 - \"引\" > _# + < 窗口 >");
	/* cut inside ▶ (3 bytes): the first two wait for the third */
	sb_reset(&out);
	took = conv_narrow(in, n - 1, &out);
	CHECK_INT(took, n - 3);
	CHECK_STR(out.buf, "o 绿灯 ! 黄 # 红 - \"引\" > _# + < 窗口 ");
	/* the project diagram's joint marks and arrow */
	sb_reset(&out);
	CHECK_INT(conv_narrow("◆ ◇ ▼", strlen("◆ ◇ ▼"), &out), strlen("◆ ◇ ▼"));
	CHECK_STR(out.buf, "* * v");
	sb_release(&out);
}

/* luit after Esc, or Esc and '/': the UTF-8 lead byte of the next
 * character ends the sequence; it is dropped so that what follows reads
 * right. Arrow keys, Alt-keys and GBK text keep every byte, and a sequence
 * cut between two reads is still recognised. */
static void
key_strays(void)
{
	char a[] = "\x1b/\xe5\xc8\xfd";	/* Esc / 张三 through luit */
	char b[] = "\x1b[A\xd5\xc5\x1bx";	/* Up, 张, Alt-x */
	char c[] = "\x1b";
	char d[] = "/\xe5\xd5\xc5";
	int st = 0;

	CHECK_INT(conv_key_strays(&st, a, 5), 4);
	CHECK(memcmp(a, "\x1b/\xc8\xfd", 4) == 0);
	CHECK_INT(st, 0);
	CHECK_INT(conv_key_strays(&st, b, 7), 7);
	CHECK(memcmp(b, "\x1b[A\xd5\xc5\x1bx", 7) == 0);
	CHECK_INT(conv_key_strays(&st, c, 1), 1);
	CHECK_INT(st, 1);
	CHECK_INT(conv_key_strays(&st, d, 4), 3);
	CHECK(memcmp(d, "/\xd5\xc5", 3) == 0);
	/* luit passed the character whole this time: nothing is dropped. */
	{
		char e[] = "\x1b/\xd5\xc5\xc8\xfd";	/* Esc / 张三, whole */

		st = 0;
		CHECK_INT(conv_key_strays(&st, e, 6), 6);
		CHECK(memcmp(e, "\x1b/\xd5\xc5\xc8\xfd", 6) == 0);
		CHECK_INT(st, 0);
	}
}

const struct test tests_conv[] = {
	{ "conv: the stray byte luit leaves after Esc is dropped, keys and text are kept",
	  key_strays },
	{ "conv: for a GBK terminal, ambiguous-width symbols become one ASCII column",
	  narrow_symbols },
	{ "conv: a GB18030 character cut between two reads arrives whole", split_character },
	{ "conv: invalid bytes stop with their offset, or become '?'", invalid_bytes },
	{ "conv: a large input grows the output (E2BIG)", large_input },
	{ NULL, NULL }
};
