/*
 * The manual page, tongban(1), made from the command table (cmd.c), so that
 * it lists every command with its usage, what it does and whether it
 * changes data, exactly as `help` does. Usage: genman [zh|en] > tongban.1
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

/* Text for roff: a leading '.' or '\'' guarded, backslashes doubled. */
static void
roff(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static void
para(const char *title, const char *text)
{
	printf(".SH ");
	roff(title);
	printf("\n");
	roff(text);
	printf("\n");
}

int
main(int argc, char **argv)
{
	static const struct { int code; const char *what; } exits[] = {
		{ EXIT_OK, N_("success") },
		{ EXIT_USAGE, N_("usage: an unknown command or option, a missing or extra word") },
		{ EXIT_NOTFOUND, N_("not found, or not yours to see (never told apart)") },
		{ EXIT_DENIED, N_("permission denied: the role does not hold the right") },
		{ EXIT_CONFLICT, N_("conflict: the record changed since it was read (--expect-version), "
		    "or another action won") },
		{ EXIT_INVALID, N_("invalid input: a bad value of an option (named), a bad row of a "
		    "file (FILE:LINE:COLUMN); nothing was changed") },
		{ EXIT_INTERNAL, N_("internal: the database failed (busy past 10 s, unreadable, full); "
		    "nothing was changed") },
	};
	const struct cmd_entry *t;
	size_t n, i;
	const char *noun = "";

	i18n_set_lang(argc > 1 ? argv[1] : "en");
	t = cmd_entries(&n);
	printf(".TH TONGBAN 1 \"\" \"tongban " TONGBAN_VERSION "\" \"%s\"\n",
	    _("tongban manual"));
	/* Left-aligned, no hyphenation: Chinese text has no spaces to stretch. */
	printf(".ad l\n.nh\n");
	printf(".SH %s\ntongban \\- ", _("NAME"));
	roff(_("city-wide online administrative approval with efficiency supervision"));
	printf("\n.SH %s\n", _("SYNOPSIS"));
	printf(".B ssh\nHOST COMMAND ...\n.br\n.B tongban\n[\\-\\-db PATH] [\\-\\-as LOGIN] "
	    "COMMAND ...\n.br\n.B tongban\ninit|demo|serve \\-\\-db PATH ...\n");
	para(_("DESCRIPTION"), _("tongban serves a terminal console over SSH to the window "
	    "clerks, approvers, supervisors and admins of a city, and answers the same commands "
	    "over `ssh HOST COMMAND` for scripts. Without a command, ssh opens the console. Each "
	    "command runs with the rights of the user who logged in; locally, without --as, "
	    "as the host operator."));
	printf(".SH %s\n", _("COMMANDS"));
	for (i = 0; i < n; i++) {
		if (strcmp(t[i].noun, noun) != 0) {
			noun = t[i].noun;
			printf(".SS %s\n", noun);
		}
		printf(".TP\n.B ");
		roff(t[i].noun);
		if (t[i].verb) {
			putchar(' ');
			roff(t[i].verb);
		}
		printf("\n");
		if (*t[i].args) {
			printf(".I ");
			roff(t[i].args);
			printf("\n.br\n");
		}
		roff(_(t[i].summary));
		if (t[i].flags & CMD_WRITES)
			roff(_(" (changes data)"));
		printf("\n");
	}
	printf(".SS %s\n.TP\n.B tongban init \\-\\-db PATH\n", _("on the host"));
	roff(_("create a database with the catalog, the regions and the calendar"));
	printf("\n.TP\n.B tongban demo \\-\\-db PATH\n.I [\\-\\-cases N] [\\-\\-seed S]\n.br\n");
	roff(_("a database with demonstration users and cases"));
	printf("\n.TP\n.B tongban serve\n.I [\\-\\-config FILE] [\\-\\-db PATH] [\\-\\-listen "
	    "ADDR:PORT] [\\-\\-host\\-key PATH] [\\-\\-idle\\-timeout MINUTES] "
	    "[\\-\\-no\\-compression]\n.br\n");
	roff(_("the SSH server; settings from the configuration file, the options winning"));
	printf("\n.SH %s\n", _("EXIT STATUS"));
	for (i = 0; i < sizeof exits / sizeof exits[0]; i++)
		printf(".TP\n.B %d\n%s\n", exits[i].code, _(exits[i].what));
	printf(".SH %s\n", _("FILES"));
	printf(".TP\n.I /etc/tongban/tongban.conf\n");
	roff(_("the server's settings: db, listen, host_key, idle_timeout, compression, "
	    "warn_percent (one \"key = value\" a line, # for comments)"));
	printf("\n.TP\n.I " DATADIR "\n");
	roff(_("the catalog, regions and calendar that init loads"));
	printf("\n.SH %s\n", _("ENVIRONMENT"));
	printf(".TP\n.B TONGBAN_NOTIFY\n");
	roff(_("a command run with the message when the applicant must be told"));
	printf("\n.TP\n.B TONGBAN_TZ\n");
	roff(_("the city's time zone (POSIX TZ; default Beijing time)"));
	printf("\n.SH %s\n.BR ssh (1),\n.BR sqlite3 (1)\n", _("SEE ALSO"));
	return 0;
}
