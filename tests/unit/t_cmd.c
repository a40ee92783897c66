/*
 * The exec command line is split without a shell.
 */
#include <stdlib.h>

#include "cmd.h"
#include "test.h"

static void
split(void)
{
	char **v = NULL, *cause = NULL;
	int n = 0;

	CHECK_INT(cmd_split("case find --name '王 芳' --note \"a \\\"b\\\"\" x\\ y", &n, &v, &cause), 0);
	CHECK_INT(n, 7);
	if (n == 7) {
		CHECK_STR(v[3], "王 芳");
		CHECK_STR(v[5], "a \"b\"");
		CHECK_STR(v[6], "x y");
	}
	cmd_free_argv(n, v);
	CHECK_INT(cmd_split("case 'unclosed", &n, &v, &cause), -1);
	CHECK_STR(cause, "unmatched single quote");
	free(cause);
	cause = NULL;
	/* Shell syntax is only text: nothing is expanded or run. */
	CHECK_INT(cmd_split("case show $(rm -rf /); ls", &n, &v, &cause), 0);
	CHECK_STR(v[2], "$(rm");
	cmd_free_argv(n, v);
}

const struct test tests_cmd[] = {
	{ "cmd: command lines split without a shell", split },
	{ NULL, NULL }
};
