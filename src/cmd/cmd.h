/*
 * The command surface shared by the local shell and SSH exec requests.
 * A command line is split without a shell (cmd_split), then dispatched
 * through one table of commands (cmd.c), whose rows declare each command's
 * options, words and right (access.h); a command writes to the context's
 * streams. Over SSH the context
 * carries the logged-in user; locally it carries that of --as, or the local
 * operator who may do everything but decide cases.
 */
#ifndef TONGBAN_CMD_H
#define TONGBAN_CMD_H

#include <stdio.h>

#include "clock.h"
#include "access.h"
#include "exitcode.h"
#include "model.h"
#include "out.h"
#include "session.h"
#include "store.h"

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
/* The console shows every action's equivalent as "$ ssh -p PORT
 * LOGIN@HOST COMMAND...": where COMMAND starts in such a line pasted
 * whole (the "$ " and the ssh part left out), or line itself without
 * leading spaces. */
const char *cmd_strip_ssh(const char *line);

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
/* Print one error line to stderr and return code. */
int cmd_fail(struct cmd_ctx *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Report the store's last failure (store_error) and return EXIT_INTERNAL:
 * for a store call that failed otherwise than with STORE_NOTFOUND. */
int cmd_store_error(struct cmd_ctx *c);
/* The input of an import: FILE on the host (host operators only), or "-"
 * (standard input, the only way over ssh). EXIT_OK, or the exit code of a
 * message already printed. */
int cmd_open_input(struct cmd_ctx *c, const char *file, const char *what, FILE **fp);
/* One record past its deadline as a row of the 8 late-record columns
 * (kind, id, office, office_name, case, due, done, days_over); text: the
 * kind's label rather than its code. */
void cmd_late_row(struct out *o, const struct late_record *r, int days_over, int text);
/* Begin a table in the format named by --format (default def). */
int cmd_table(struct cmd_ctx *c, struct out *o, const struct opt *opts,
    enum fmt def, size_t ncols, const char *const *keys, const char *const *labels);

/*
 * The command table (cmd.c): one row per `noun verb`. Before a row's exec
 * runs, the framework has parsed its options (struct cmd_args), checked the
 * number of positional words, the user's right (access.h) and resolved the
 * target: for CMD_TARGET_CASE, pos[0] is a case the user may see (loaded in
 * a->target), else the command fails as "no case" without running. Rows
 * marked CMD_WRITES change the database: the console never runs them again
 * by itself. Help is generated from the same rows.
 */
enum cmd_target { CMD_TARGET_NONE, CMD_TARGET_CASE, CMD_TARGET_RECORD, CMD_TARGET_USER };
#define CMD_WRITES 0x1
#define CMD_REST 0x2	/* the words after "--" are the row's, untouched (a->rest) */
/* A report or an export: it reads the read database when one was named
 * (--read-db, session_read_store), a standby, not the primary. */
#define CMD_READ_DB 0x4

#define CMD_MAXOPTS 40
#define CMD_MAXPOS 4

struct cmd_entry;

struct cmd_args {
	const struct cmd_entry *e;
	struct opt opt[CMD_MAXOPTS + 1];
	char names[512];	/* the option names, split from e->options */
	char *pos[CMD_MAXPOS];
	int npos;
	struct tcase target;	/* CMD_TARGET_CASE: the case of pos[0] */
	long long id;		/* CMD_TARGET_RECORD: pos[0] as a number */
	char **rest;		/* CMD_REST: the words after "--" */
	int nrest;
};

struct cmd_entry {
	const char *noun;
	const char *verb;	/* may hold two words ("key add"); NULL: the noun alone */
	const char *args;	/* what follows the verb in a usage line */
	const char *summary;	/* one line, translated at use */
	const char *options;	/* "note= due= format= bom": '=' takes a value */
	int minpos, maxpos;
	enum right right;
	enum cmd_target target;
	int flags;
	int (*exec)(struct cmd_ctx *c, struct cmd_args *a);
};

/* The help of a row (cmd_help.c): what option opt (without --) means, and
 * an example command line; msgids, or NULL when the help lacks them. */
const char *cmd_help_option(const struct cmd_entry *e, const char *opt);
const char *cmd_help_example(const struct cmd_entry *e);
/* What a row's options do not say (an import's columns), or NULL. */
const char *cmd_help_note(const struct cmd_entry *e);

/* Every row of the table, in help order; *n is their number. */
const struct cmd_entry *cmd_entries(size_t *n);

/* The row for argv (noun, verb...), or NULL; *used is the words it took. */
const struct cmd_entry *cmd_find(int argc, char **argv, int *used);
/* 1 when the command line argv would change the database. */
int cmd_writes(int argc, char **argv);
/* The value of option name of a (NULL when not given, "" for a flag). */
const char *cmd_arg(const struct cmd_args *a, const char *name);
/* Print the usage of a's row and return EXIT_USAGE. */
int cmd_row_usage(struct cmd_ctx *c, const struct cmd_args *a);

/* tongban migrate (cmd_migrate.c) */
int cmd_migrate(struct cmd_ctx *c, struct cmd_args *a);
/* Rows of the table: cases (cmd_case.c) */
int cmd_case_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_find(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_export(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_new(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_export(struct cmd_ctx *c, struct cmd_args *a);
/* Saved queries (cmd_query.c) */
int cmd_query_save(struct cmd_ctx *c, struct cmd_args *a);
int cmd_query_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_query_run(struct cmd_ctx *c, struct cmd_args *a);
int cmd_query_delete(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_act(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_actions(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_assign(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_tell(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_material_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_material_set(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_step_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_step_set(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_paper(struct cmd_ctx *c, struct cmd_args *a);
int cmd_case_worklist(struct cmd_ctx *c, struct cmd_args *a);
/* flowcharts and investment projects (cmd_project.c) */
int cmd_flowchart_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_flowchart_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_flowchart_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_new(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_find(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_export(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_withdraw(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_joint(struct cmd_ctx *c, struct cmd_args *a);
int cmd_project_findings(struct cmd_ctx *c, struct cmd_args *a);
/* users and their keys (cmd_user.c) */
int cmd_user_me(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_disable(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_enable(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_passwd(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_set(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_key_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_key_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_user_key_remove(struct cmd_ctx *c, struct cmd_args *a);
/* reference data and the record (cmd_misc.c) */
int cmd_calendar_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_calendar_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_calendar_workdays(struct cmd_ctx *c, struct cmd_args *a);
int cmd_calendar_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_calendar_set(struct cmd_ctx *c, struct cmd_args *a);
int cmd_region_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_region_export(struct cmd_ctx *c, struct cmd_args *a);
int cmd_region_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_export(struct cmd_ctx *c, struct cmd_args *a);
int cmd_item_import(struct cmd_ctx *c, struct cmd_args *a);
int cmd_audit_verify(struct cmd_ctx *c, struct cmd_args *a);
int cmd_audit_export(struct cmd_ctx *c, struct cmd_args *a);
/* the figures (cmd_dash.c, cmd_report.c); one exec serves the five
 * reports, the kind being the row's verb */
int cmd_dashboard(struct cmd_ctx *c, struct cmd_args *a);
int cmd_stats_check(struct cmd_ctx *c, struct cmd_args *a);
int cmd_stats_rebuild(struct cmd_ctx *c, struct cmd_args *a);
int cmd_report_run(struct cmd_ctx *c, struct cmd_args *a);
/* supervision records (cmd_super.c) */
int cmd_supervise_new(struct cmd_ctx *c, struct cmd_args *a);
int cmd_supervise_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_supervise_step(struct cmd_ctx *c, struct cmd_args *a);
int cmd_complaint_new(struct cmd_ctx *c, struct cmd_args *a);
int cmd_complaint_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_complaint_step(struct cmd_ctx *c, struct cmd_args *a);
int cmd_rating_add(struct cmd_ctx *c, struct cmd_args *a);
int cmd_rating_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_rating_step(struct cmd_ctx *c, struct cmd_args *a);
int cmd_supervise_late(struct cmd_ctx *c, struct cmd_args *a);

/* inspection appointments (cmd_appoint.c) */
int cmd_case_appoint(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_list(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_show(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_answer(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_reschedule(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_done(struct cmd_ctx *c, struct cmd_args *a);
int cmd_appointment_cancel(struct cmd_ctx *c, struct cmd_args *a);

/* The supervised region prefix (out), narrowed by region; 0 or an exit code. */
int cmd_scope_prefix(struct cmd_ctx *c, const char *region, char out[16]);

#endif
