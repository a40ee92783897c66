/*
 * Session bodies: load the user, set their language, and either run one
 * command or hand the terminal to the console.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "session.h"
#include "store.h"
#include "util.h"

int
session_exec(const char *db, const char *login, const char *addr, const char *line)
{
	struct store *st;
	struct calendar cal;
	struct user u;
	struct cmd_ctx c;
	char *cause = NULL, **argv = NULL;
	int argc = 0, rc;

	st = store_open(db, NULL, &cause);
	if (st == NULL) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return EXIT_INTERNAL;
	}
	if (store_user_get(st, login, &u) != 0) {
		store_close(st);
		return EXIT_DENIED;
	}
	i18n_set_lang(u.lang);
	if (cmd_split(line, &argc, &argv, &cause) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		user_release(&u);
		store_close(st);
		return EXIT_USAGE;
	}
	clock_calendar_init(&cal);
	store_calendar_load(st, &cal, NULL);
	memset(&c, 0, sizeof c);
	c.st = st;
	c.cal = &cal;
	c.user = &u;
	c.addr = addr;
	c.in = stdin;
	c.out = stdout;
	c.err = stderr;
	c.today = clock_today();
	rc = cmd_run(&c, argc, argv);
	fflush(stdout);
	fflush(stderr);
	cmd_free_argv(argc, argv);
	clock_calendar_release(&cal);
	user_release(&u);
	store_close(st);
	return rc;
}
