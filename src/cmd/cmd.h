/*
 * The command surface shared by the local shell and SSH exec requests.
 * A command line is split without a shell (cmd_split), then dispatched
 * through one table of commands (cmd.c); each command checks its right
 * through access.h and writes to the context's streams. Over SSH the context
 * carries the logged-in user; locally it carries that of --as, or the local
 * operator who may do everything but decide cases.
 */
#ifndef TONGBAN_CMD_H
#define TONGBAN_CMD_H

#include <stdio.h>

#include "clock.h"
#include "model.h"
#include "out.h"
#include "session.h"
#include "store.h"

enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_NOTFOUND = 2,
	EXIT_DENIED = 3,
	EXIT_CONFLICT = 4,
	EXIT_INVALID = 5,
	EXIT_INTERNAL = 10
};

struct cmd_ctx {
	struct session *s;	/* the store, the user, the calendar, the clock */
	FILE *in;
	FILE *out;
	FILE *err;
	int today;		/* session_today() when the command started */
};

/* Run argv (argv[0] is the command word, e.g. "case"); returns the exit code. */
int cmd_run(struct cmd_ctx *c, int argc, char **argv);
/* Split a command line into words: quotes and backslashes as in sh, no
 * expansion of any kind. 0, or -1 with *cause. free with cmd_free_argv. */
int cmd_split(const char *line, int *argc, char ***argv, char **cause);
void cmd_free_argv(int argc, char **argv);

/* Options of one command: parsed from argv by cmd_opts. */
struct opt {
	const char *name;	/* without the leading -- */
	int arg;		/* takes a value */
	const char *value;
	int seen;
};
/* Parse options; positional words are left in pos (npos). EXIT_OK or EXIT_USAGE. */
int cmd_opts(struct cmd_ctx *c, int argc, char **argv, struct opt *opts,
    char **pos, int *npos, int maxpos);
const char *cmd_opt(const struct opt *opts, const char *name);
/* Print a usage error for a command and return EXIT_USAGE. */
int cmd_usage(struct cmd_ctx *c, const char *usage);
/* Print one error line to stderr and return code. */
int cmd_fail(struct cmd_ctx *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Begin a table in the format named by --format (default def). */
int cmd_table(struct cmd_ctx *c, struct out *o, const struct opt *opts,
    enum fmt def, size_t ncols, const char *const *keys, const char *const *labels);

/* Command implementations (cmd_case.c, cmd_user.c, cmd_misc.c). */
int cmd_case(struct cmd_ctx *c, int argc, char **argv);
int cmd_user(struct cmd_ctx *c, int argc, char **argv);
int cmd_calendar(struct cmd_ctx *c, int argc, char **argv);
int cmd_region(struct cmd_ctx *c, int argc, char **argv);
int cmd_item(struct cmd_ctx *c, int argc, char **argv);
int cmd_audit(struct cmd_ctx *c, int argc, char **argv);
int cmd_dashboard(struct cmd_ctx *c, int argc, char **argv);
int cmd_stats(struct cmd_ctx *c, int argc, char **argv);
int cmd_supervise(struct cmd_ctx *c, int argc, char **argv);
int cmd_complaint(struct cmd_ctx *c, int argc, char **argv);
int cmd_rating(struct cmd_ctx *c, int argc, char **argv);
int cmd_report(struct cmd_ctx *c, int argc, char **argv);
/* The supervised region prefix (out), narrowed by region; 0 or an exit code. */
int cmd_scope_prefix(struct cmd_ctx *c, const char *region, char out[16]);
const char *cmd_anomaly_label(const char *kind);

#endif
