/*
 * libFuzzer target: the terminal's transcoders, both ways, fed in chunks
 * as an SSH session reads them (a GB18030 character may be cut between two
 * reads). The first byte chooses the direction and the chunk size.
 */
#include <stdint.h>
#include <stdlib.h>

#include "conv.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conv cv;
	struct sb out = SB_INIT;
	size_t i, chunk;
	int to_gbk;

	if (size < 1)
		return 0;
	to_gbk = data[0] & 1;
	chunk = (size_t)(data[0] >> 1) + 1;
	if (conv_open(&cv, to_gbk ? "UTF-8" : "GB18030", to_gbk ? "GB18030" : "UTF-8") != 0)
		return 0;
	for (i = 1; i < size; i += chunk) {
		size_t n = size - i < chunk ? size - i : chunk;

		conv_run(&cv, (const char *)data + i, n, &out, CONV_REPLACE, NULL);
	}
	conv_finish(&cv, &out, CONV_REPLACE, NULL);
	conv_close(&cv);
	sb_release(&out);
	return 0;
}
