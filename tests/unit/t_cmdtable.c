/*
 * The command table, walked row by row: every row is complete, no two rows
 * answer to the same words, exactly the rows that change data say so, and
 * each row is found again from its own words. And a row's verb tells a
 * missing record (exit 2) from a database that fails (exit 10).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "test.h"

/* The verbs that change data. */
static const char *const writing_verbs[] = {
	"new", "act", "add", "disable", "enable", "passwd", "set", "key add", "key remove",
	"import", "rebuild", "respond", "close", "return", "accept", "refuse", "answer",
	"callback", "rectify", "withdraw", "joint", "findings", "appoint", "reschedule", "done",
	"cancel", "assign", "tell", "material add", "material set", "step add", "step set", "save",
	"delete", NULL
};

static int
row_writes(const struct cmd_entry *e)
{
	const char *verb = e->verb;
	int i;

	if (verb == NULL)
		return 0;
	/* calendar add DATE N is date arithmetic: it reads the calendar. */
	if (strcmp(e->noun, "calendar") == 0 && strcmp(verb, "add") == 0)
		return 0;
	for (i = 0; writing_verbs[i] != NULL; i++)
		if (strcmp(verb, writing_verbs[i]) == 0)
			return 1;
	return 0;
}

static void
name_of(const struct cmd_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", e->noun, e->verb ? " " : "", e->verb ? e->verb : "");
}

static void
rows_complete(void)
{
	const struct cmd_entry *t;
	size_t n, i;

	t = cmd_entries(&n);
	CHECK(n > 40);
	for (i = 0; i < n; i++) {
		char name[64];

		name_of(&t[i], name, sizeof name);
		if (t[i].exec == NULL || t[i].summary == NULL || *t[i].summary == '\0' ||
		    t[i].args == NULL) {
			printf("#   row '%s' lacks an exec, a summary or an args string\n", name);
			CHECK(!"every row has an exec, a summary and an args string");
		}
		if (t[i].minpos < 0 || t[i].minpos > t[i].maxpos || t[i].maxpos > CMD_MAXPOS) {
			printf("#   row '%s': positional words %d to %d\n", name, t[i].minpos,
			    t[i].maxpos);
			CHECK(!"0 <= minpos <= maxpos <= CMD_MAXPOS");
		}
		/* A target is pos[0]: a row with a target takes at least one word. */
		if (t[i].target != CMD_TARGET_NONE && t[i].minpos < 1) {
			printf("#   row '%s' has a target but no positional word\n", name);
			CHECK(!"a row with a target takes pos[0]");
		}
	}
}

static void
rows_unique(void)
{
	const struct cmd_entry *t;
	size_t n, i, k;

	t = cmd_entries(&n);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++) {
			char a[64], b[64];

			name_of(&t[i], a, sizeof a);
			name_of(&t[k], b, sizeof b);
			if (strcmp(a, b) == 0) {
				printf("#   two rows for '%s'\n", a);
				CHECK(!"no two rows share noun and verb");
			}
		}
}

static void
rows_writes(void)
{
	const struct cmd_entry *t;
	size_t n, i;

	t = cmd_entries(&n);
	for (i = 0; i < n; i++) {
		char name[64];
		int flagged = (t[i].flags & CMD_WRITES) != 0;

		name_of(&t[i], name, sizeof name);
		if (flagged != row_writes(&t[i])) {
			printf("#   row '%s' %s CMD_WRITES\n", name, flagged ? "has" : "lacks");
			CHECK(!"exactly the rows that change data have CMD_WRITES");
		}
	}
	/* And the console's question agrees with the rows. */
	{
		char noun[] = "case", verb[] = "act", show[] = "show";
		char *act[] = { noun, verb, NULL };
		char *look[] = { noun, show, NULL };

		CHECK_INT(cmd_writes(2, act), 1);
		CHECK_INT(cmd_writes(2, look), 0);
	}
}

static void
rows_found(void)
{
	const struct cmd_entry *t;
	size_t n, i;

	t = cmd_entries(&n);
	for (i = 0; i < n; i++) {
		char words[64], name[64], *argv[4], *sp;
		int argc = 0, used = -1;
		const struct cmd_entry *e;

		name_of(&t[i], name, sizeof name);
		snprintf(words, sizeof words, "%s", name);
		argv[argc++] = words;
		for (sp = strchr(words, ' '); sp != NULL && argc < 3; sp = strchr(sp + 1, ' ')) {
			*sp = '\0';
			argv[argc++] = sp + 1;
		}
		argv[argc] = NULL;
		e = cmd_find(argc, argv, &used);
		if (e != &t[i] || used != argc) {
			printf("#   '%s' finds %s (%d words used of %d)\n", name,
			    e ? e->noun : "nothing", used, argc);
			CHECK(!"cmd_find finds each row from its own words");
		}
	}
}

/* Run line as the host operator over the shared test store. */
static int
run_line(const char *line)
{
	struct session s;
	struct cmd_ctx c;
	char **argv = NULL, *cause = NULL;
	int argc = 0, rc;

	if (cmd_split(line, &argc, &argv, &cause) != 0)
		return -1;
	session_init(&s, test_store(), test_calendar(), NULL, "local");
	memset(&c, 0, sizeof c);
	c.s = &s;
	c.in = stdin;
	c.out = fopen("/dev/null", "w");
	c.err = fopen("/dev/null", "w");
	rc = c.out && c.err ? cmd_run(&c, argc, argv) : -1;
	if (c.out)
		fclose(c.out);
	if (c.err)
		fclose(c.err);
	session_close(&s);
	cmd_free_argv(argc, argv);
	return rc;
}

static void
failure_is_not_notfound(void)
{
	struct store *st = test_store();

	CHECK_INT(run_line("user disable nobody"), EXIT_NOTFOUND);
	CHECK_INT(run_line("item show 999999999999"), EXIT_NOTFOUND);
	/* A connection that may not write: the update fails, it does not
	 * find "no user". */
	CHECK_INT(store_exec(st, test_on_pg() ? "SET default_transaction_read_only = on" : "PRAGMA query_only = 1", NULL), 0);
	CHECK_INT(run_line("user disable admin"), EXIT_INTERNAL);
	CHECK_INT(run_line("user set admin --lang en"), EXIT_INTERNAL);
	CHECK_INT(store_exec(st, test_on_pg() ? "SET default_transaction_read_only = off" : "PRAGMA query_only = 0", NULL), 0);
}

const struct test tests_cmdtable[] = {
	{ "cmdtable: every row has an exec, a summary, args and sane word counts", rows_complete },
	{ "cmdtable: no two rows share noun and verb", rows_unique },
	{ "cmdtable: exactly the rows that change data are CMD_WRITES", rows_writes },
	{ "cmdtable: cmd_find finds each row from its own words", rows_found },
	{ "cmdtable: a failing database is exit 10, a missing record exit 2",
	  failure_is_not_notfound },
	{ NULL, NULL }
};
