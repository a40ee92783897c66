/*
 * libFuzzer target: the CSV importer (csvio_read with a header, as every
 * import uses it) must refuse or accept any bytes without a crash, a leak or
 * a read out of bounds, in UTF-8 and in GBK mode.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "csvio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
row(void *arg, const struct csvio_row *r, char **cause)
{
	(void)cause;
	*(size_t *)arg += r->n;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const header[] = { "code", "name", "level", "parent_code", NULL };
	size_t fields = 0;
	char *cause = NULL;
	FILE *fp;
	int gbk;

	if (size == 0)
		return 0;
	gbk = data[0] & 1;
	fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (fp == NULL)
		return 0;
	csvio_read(fp, "fuzz.csv", (data[0] & 2) ? header : NULL, gbk ? "gbk" : NULL, row, &fields,
	    &cause);
	free(cause);
	fclose(fp);
	return 0;
}
