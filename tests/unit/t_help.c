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

const struct test tests_help[] = {
	{ "help: every command row has a description, every option a meaning, and an example",
	  every_row_documented },
	{ NULL, NULL }
};
