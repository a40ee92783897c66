/*
 * Help for every verb: the whole command table is walked, and a row whose
 * help lacks its summary, the meaning of one of its options or an example
 * fails, naming what is missing. The example must name its own command.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "test.h"

static void
every_row_documented(void)
{
	size_t n, i;
	const struct cmd_entry *e = cmd_entries(&n);
	int gaps = 0;

	for (i = 0; i < n; i++) {
		char name[64], opts[400], *o, *save = NULL;
		const char *ex = cmd_help_example(&e[i]);

		snprintf(name, sizeof name, "%s%s%s", e[i].noun, e[i].verb ? " " : "",
		    e[i].verb ? e[i].verb : "");
		if (e[i].summary == NULL || *e[i].summary == '\0') {
			printf("# %s: no description\n", name);
			gaps++;
		}
		if (ex == NULL || strncmp(ex, name, strlen(name)) != 0) {
			printf("# %s: no example\n", name);
			gaps++;
		}
		snprintf(opts, sizeof opts, "%s", e[i].options ? e[i].options : "");
		for (o = strtok_r(opts, " ", &save); o; o = strtok_r(NULL, " ", &save)) {
			o[strcspn(o, "=")] = '\0';
			if (cmd_help_option(&e[i], o) == NULL) {
				printf("# %s: --%s has no meaning\n", name, o);
				gaps++;
			}
		}
	}
	CHECK_INT(gaps, 0);
}

/* The : prompt runs an equivalent line pasted whole: its command part. */
static void
strip_ssh(void)
{
	CHECK_STR(cmd_strip_ssh("$ ssh -p 2222 clerk1@localhost case act 5001 accept --note 'a b'"),
	    "case act 5001 accept --note 'a b'");
	CHECK_STR(cmd_strip_ssh("ssh -p 2222 -i key -o X=y clerk1@10.0.0.1 case show 5001"),
	    "case show 5001");
	CHECK_STR(cmd_strip_ssh("  case find --name 张"), "case find --name 张");
	CHECK_STR(cmd_strip_ssh("$ ssh host"), "");
	/* a command that merely starts with "ssh" is not the ssh client */
	CHECK_STR(cmd_strip_ssh("sshow"), "sshow");
}

const struct test tests_help[] = {
	{ "help: a pasted equivalent line (\"$ ssh -p PORT LOGIN@HOST CMD\") runs CMD", strip_ssh },
	{ "help: every command row has a description, every option a meaning, and an example",
	  every_row_documented },
	{ NULL, NULL }
};
