/*
 * libFuzzer target: the exec command line. Any bytes are split without a
 * shell, and the words go through the option parser of a real command.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = xstrndup((const char *)data, size), **argv = NULL, *cause = NULL;
	int argc = 0;

	if (cmd_split(line, &argc, &argv, &cause) == 0) {
		struct opt o[] = {
			{ "no", 1, NULL, 0 }, { "light", 1, NULL, 0 }, { "bom", 0, NULL, 0 },
			{ NULL, 0, NULL, 0 }
		};
		char *pos[4];
		int npos;
		struct cmd_ctx c;
		FILE *null = fopen("/dev/null", "w");

		memset(&c, 0, sizeof c);
		c.out = c.err = null;
		if (null) {
			cmd_opts(&c, argc, argv, o, pos, &npos, 4);
			fclose(null);
		}
		cmd_free_argv(argc, argv);
	}
	free(cause);
	free(line);
	return 0;
}
