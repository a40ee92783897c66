/*
 * The command table, the line splitter, option parsing and help. Commands
 * live in cmd_*.c; this file only dispatches.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "util.h"

#ifndef TONGBAN_VERSION
#define TONGBAN_VERSION "0.1"
#endif

#define MAX_LINE 8192
#define MAX_WORDS 128

static int cmd_help(struct cmd_ctx *, int, char **);
static int cmd_version(struct cmd_ctx *, int, char **);

static const struct cmd_entry {
	const char *name;
	int (*exec)(struct cmd_ctx *, int, char **);
	const char *usage;
	const char *summary;
} commands[] = {
	{ "case", cmd_case,
	  "case show NO | case find [FILTERS] | case export [FILTERS]\n"
	  "  FILTERS: --no NO --applicant ID --name TEXT --phone P --status S\n"
	  "           --light green|yellow|red --item CODE --region CODE --office CODE\n"
	  "           --from DATE --to DATE --limit N\n"
	  "           --forecast N (turning yellow or red within N working days)\n"
	  "  --format text|csv|tsv|json  --encoding utf-8|gbk  --bom\n"
	  "case new --item CODE --applicant-id ID --applicant-name NAME [--phone P]\n"
	  "         [--applicant-region CODE] --channel window|online|self-service [--materials 1,2,3]\n"
	  "case act NO ACTION [--note TEXT] [--expect-version N] [--materials 1,2]\n"
	  "         [--pledge-materials 3 --pledge-date DATE] [--reason R --days N] [--fee YUAN]\n"
	  "         [--verdict agree|disagree]\n"
	  "  ACTION: accept refuse supplement resupply review pass return survey opinion\n"
	  "          suspend resume extend approve deny complete withdraw\n"
	  "case actions NO      (what you may do now)\n"
	  "case worklist [--limit N] [--format ...]",
	  N_("look up, find, export, take in and act on cases") },
	{ "user", cmd_user,
	  "user add LOGIN --role clerk|approver|supervisor|admin --region CODE\n"
	  "         [--office CODE] [--name NAME] [--lang zh|en]\n"
	  "user list | user disable LOGIN | user enable LOGIN\n"
	  "user passwd LOGIN        (new password on stdin)\n"
	  "user key add LOGIN FILE|-  | user key list LOGIN | user key remove LOGIN ID",
	  N_("users and their keys (admin)") },
	{ "calendar", cmd_calendar,
	  "calendar show [--year Y] | calendar add DATE N | calendar workdays FROM TO\n"
	  "calendar import FILE|- [--encoding gbk]",
	  N_("the working-day calendar") },
	{ "region", cmd_region,
	  "region list [--parent CODE] | region export | region import FILE|- [--encoding gbk]",
	  N_("administrative divisions") },
	{ "item", cmd_item,
	  "item list [--q TEXT] | item show CODE | item export | item import FILE|- [--encoding gbk]",
	  N_("the item catalog") },
	{ "audit", cmd_audit,
	  "audit verify | audit export --from DATE --to DATE [--format csv|json|text]",
	  N_("the tamper-evident record") },
	{ "dashboard", cmd_dashboard, "dashboard --once [--region CODE] [--format json|text]",
	  N_("the supervision figures of your region") },
	{ "stats", cmd_stats, "stats check | stats rebuild", N_("the summaries behind the dashboard") },
	{ "supervise", cmd_supervise,
	  "supervise new --case NO|--office CODE --note TEXT --due DATE\n"
	  "supervise list [--status open|responded|closed] | supervise respond ID --note TEXT\n"
	  "supervise close ID [--note TEXT] | supervise return ID --note TEXT",
	  N_("supervision orders (督办)") },
	{ "complaint", cmd_complaint,
	  "complaint new --case NO|--office CODE --text TEXT [--missing-material]\n"
	  "complaint list [--status S] | complaint accept ID | complaint refuse ID --note TEXT\n"
	  "complaint answer ID --note TEXT | complaint close ID",
	  N_("complaints (投诉)") },
	{ "rating", cmd_rating,
	  "rating add NO --level 1-5 [--comment TEXT] | rating list [--bad]\n"
	  "rating callback ID --note TEXT",
	  N_("citizens' ratings (好差评) and rectifications") },
	{ "report", cmd_report,
	  "report daily|weekly|monthly|quarterly|annual [--region CODE] [--office CODE]\n"
	  "       [--date DATE] [--format text|csv|json]",
	  N_("daily scan, weekly dispatch, monthly bulletin, quarterly analysis, annual evaluation") },
	{ "help", cmd_help, "help [COMMAND]", N_("this help") },
	{ "version", cmd_version, "version", N_("the version of tongban") },
	{ NULL, NULL, NULL, NULL }
};

int
cmd_fail(struct cmd_ctx *c, int code, const char *fmt, ...)
{
	va_list ap;

	fputs("tongban: ", c->err);
	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	fflush(c->err);
	return code;
}

int
cmd_usage(struct cmd_ctx *c, const char *usage)
{
	fprintf(c->err, "%s\n%s\n", _("usage:"), usage);
	return EXIT_USAGE;
}

static const struct cmd_entry *
find_entry(const char *name)
{
	const struct cmd_entry *e;

	for (e = commands; e->name != NULL; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

int
cmd_run(struct cmd_ctx *c, int argc, char **argv)
{
	const struct cmd_entry *e;
	char *cause = NULL;
	int i, rc;

	if (argc < 1)
		return cmd_help(c, 0, argv);
	for (i = 0; i < argc; i++)
		if (strlen(argv[i]) > 4096 || !utf8_valid(argv[i], strlen(argv[i])))
			return cmd_fail(c, EXIT_INVALID,
			    _("argument %d is not valid UTF-8 text of at most 4096 bytes"), i + 1);
	e = find_entry(argv[0]);
	if (e == NULL)
		return cmd_fail(c, EXIT_USAGE, _("unknown command '%s' (try 'help')"), argv[0]);
	/* A command runs at one instant, as the user stands now. */
	if (session_refresh(c->s, &cause) != 0) {
		rc = cmd_fail(c, EXIT_DENIED, "%s", cause);
		free(cause);
		return rc;
	}
	c->today = session_today(c->s);
	return e->exec(c, argc, argv);
}

static int
cmd_help(struct cmd_ctx *c, int argc, char **argv)
{
	const struct cmd_entry *e;

	if (argc >= 2) {
		e = find_entry(argv[1]);
		if (e == NULL)
			return cmd_fail(c, EXIT_NOTFOUND, _("no command '%s'"), argv[1]);
		fprintf(c->out, "%s — %s\n\n%s\n", e->name, _(e->summary), e->usage);
		return EXIT_OK;
	}
	fprintf(c->out, "%s\n\n", _("tongban commands (help COMMAND for details):"));
	for (e = commands; e->name != NULL; e++) {
		fputs("  ", c->out);
		out_pad(c->out, e->name, 10);
		fprintf(c->out, "%s\n", _(e->summary));
	}
	fprintf(c->out, "\n%s\n", _("Exit codes: 0 ok, 1 usage, 2 not found, 3 permission "
	    "denied, 4 conflict, 5 invalid input, 10+ internal error."));
	return EXIT_OK;
}

static int
cmd_version(struct cmd_ctx *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(c->out, "tongban %s\n", TONGBAN_VERSION);
	return EXIT_OK;
}

int
cmd_opts(struct cmd_ctx *c, int argc, char **argv, struct opt *opts,
    char **pos, int *npos, int maxpos)
{
	int i;

	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		struct opt *o;
		const char *eq;
		size_t n;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos >= maxpos)
				return cmd_fail(c, EXIT_USAGE, _("unexpected argument '%s'"), a);
			pos[(*npos)++] = argv[i];
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o->name != NULL; o++)
			if (strlen(o->name) == n && strncmp(o->name, a, n) == 0)
				break;
		if (o->name == NULL)
			return cmd_fail(c, EXIT_USAGE, _("unknown option '--%.*s'"), (int)n, a);
		o->seen = 1;
		if (!o->arg) {
			if (eq)
				return cmd_fail(c, EXIT_USAGE, _("option '--%s' takes no value"), o->name);
			continue;
		}
		if (eq)
			o->value = eq + 1;
		else if (i + 1 < argc)
			o->value = argv[++i];
		else
			return cmd_fail(c, EXIT_USAGE, _("option '--%s' needs a value"), o->name);
	}
	return EXIT_OK;
}

const char *
cmd_opt(const struct opt *opts, const char *name)
{
	for (; opts->name != NULL; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts->seen ? (opts->arg ? opts->value : "") : NULL;
	return NULL;
}

int
cmd_table(struct cmd_ctx *c, struct out *o, const struct opt *opts, enum fmt def,
    size_t ncols, const char *const *keys, const char *const *labels)
{
	const char *f = cmd_opt(opts, "format");
	const char *enc = cmd_opt(opts, "encoding");
	enum fmt fmt = def;

	if (f != NULL && out_parse_format(f, &fmt) != 0)
		return cmd_fail(c, EXIT_USAGE, _("unknown format '%s' (expected text, csv, tsv or json)"), f);
	if (out_begin(o, c->out, fmt, ncols, keys, labels, enc,
	    cmd_opt(opts, "bom") != NULL) != 0)
		return cmd_fail(c, EXIT_USAGE, _("unknown encoding '%s' (expected utf-8 or gbk)"), enc);
	return EXIT_OK;
}

int
cmd_split(const char *line, int *argc, char ***argv, char **cause)
{
	struct sb word = SB_INIT;
	char **v = NULL;
	int n = 0, in_word = 0;
	const char *p = line;

	if (strlen(line) > MAX_LINE) {
		set_cause(cause, _("command line longer than %d bytes"), MAX_LINE);
		return -1;
	}
	v = xcalloc(MAX_WORDS + 1, sizeof *v);
	for (;;) {
		char ch = *p;

		if (ch == '\0' || ch == ' ' || ch == '\t' || ch == '\n') {
			if (in_word) {
				if (n >= MAX_WORDS) {
					set_cause(cause, _("more than %d words"), MAX_WORDS);
					goto fail;
				}
				v[n++] = sb_detach(&word);
				in_word = 0;
			}
			if (ch == '\0')
				break;
			p++;
			continue;
		}
		in_word = 1;
		if (ch == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (end == NULL) {
				set_cause(cause, _("unmatched single quote"));
				goto fail;
			}
			sb_add(&word, p + 1, (size_t)(end - p - 1));
			p = end + 1;
		} else if (ch == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				sb_addc(&word, *p);
			}
			if (*p != '"') {
				set_cause(cause, _("unmatched double quote"));
				goto fail;
			}
			p++;
		} else if (ch == '\\' && p[1] != '\0') {
			sb_addc(&word, p[1]);
			p += 2;
		} else {
			sb_addc(&word, ch);
			p++;
		}
	}
	*argc = n;
	*argv = v;
	return 0;
fail:
	sb_release(&word);
	cmd_free_argv(n, v);
	return -1;
}

void
cmd_free_argv(int argc, char **argv)
{
	int i;

	if (argv == NULL)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}
