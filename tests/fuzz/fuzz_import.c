/*
 * libFuzzer target: the import path, as an admin's file meets it. The first
 * byte chooses what is imported (items, regions, the calendar) and whether
 * the file is GBK; the rest is the file. Each input runs in a transaction
 * on a store with the reference data, and is rolled back: any bytes must be
 * refused or accepted without a crash, a leak or a read out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "load.h"
#include "schema.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	char *cause = NULL;
	FILE *fp;
	int kind, gbk;

	if (st == NULL) {
		st = store_open(":memory:", schema_sql, &cause);
		if (st == NULL || load_all(st, "data", &cause) != 0)
			abort();
	}
	if (size < 1)
		return 0;
	kind = data[0] % 3;
	gbk = (data[0] / 3) % 2;
	fp = fmemopen((void *)(data + 1), size - 1, "r");
	if (fp == NULL)
		return 0;
	if (store_begin(st, &cause) == 0) {
		if (kind == 0)
			load_items(st, fp, "fuzz", gbk ? "gbk" : NULL, &cause);
		else if (kind == 1)
			load_regions(st, fp, "fuzz", 0, gbk ? "gbk" : NULL, &cause);
		else
			load_calendar(st, fp, "fuzz", gbk ? "gbk" : NULL, &cause);
		store_rollback(st);
	}
	fclose(fp);
	free(cause);
	return 0;
}
