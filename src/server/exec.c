/*
 * Exec requests: open the user's session, split the line without a shell,
 * and run it through the command table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exec.h"
#include "i18n.h"
#include "session.h"
#include "util.h"

int
exec_command(const char *db, const char *login, const char *addr, const char *line)
{
	struct session s;
	struct cmd_ctx c;
	char *cause = NULL, **argv = NULL;
	int argc = 0, rc;

	if ((rc = session_open(&s, db, login, addr, &cause)) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return rc == EXIT_NOTFOUND ? EXIT_DENIED : rc;
	}
	i18n_set_lang(s.user.lang);
	if (cmd_split(line, &argc, &argv, &cause) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		session_close(&s);
		return EXIT_USAGE;
	}
	memset(&c, 0, sizeof c);
	c.s = &s;
	c.in = stdin;
	c.out = stdout;
	c.err = stderr;
	rc = cmd_run(&c, argc, argv);
	fflush(stdout);
	fflush(stderr);
	cmd_free_argv(argc, argv);
	session_close(&s);
	return rc;
}
