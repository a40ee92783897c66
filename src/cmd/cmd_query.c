/*
 * Saved queries on the command line: `query save NAME -- case find ...`
 * keeps the words after "--" once they name a command that only reads;
 * `query run NAME` runs them again through the same table, with the
 * runner's rights, and --format, --limit, --encoding, --bom or --raw given
 * to run replace or join the saved ones.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "query.h"
#include "util.h"

/* Words as one line of a command, quoted where the shell would need it. */
static void
join_words(struct sb *sb, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (i)
			sb_addc(sb, ' ');
		if (*w != '\0' && strpbrk(w, " \t'\"\\$`;&|<>*?()[]{}#~") == NULL) {
			sb_adds(sb, w);
			continue;
		}
		sb_addc(sb, '\'');
		for (; *w; w++)
			if (*w == '\'')
				sb_adds(sb, "'\\''");
			else
				sb_addc(sb, *w);
		sb_addc(sb, '\'');
	}
}

int
cmd_query_save(struct cmd_ctx *c, struct cmd_args *a)
{
	const struct cmd_entry *e;
	struct sb words = SB_INIT;
	char *cause = NULL;
	int i, rc, used;

	if (a->nrest == 0)
		return cmd_fail(c, EXIT_USAGE, "%s", _("query save NAME -- COMMAND...: give the "
		    "command after --, e.g. query save weekly -- case find --status open"));
	e = cmd_find(a->nrest, a->rest, &used);
	if (e == NULL)
		return cmd_fail(c, EXIT_INVALID, _("the command after --: expected a command of "
		    "help, found '%s'"), a->rest[0]);
	if ((e->flags & CMD_WRITES) || strcmp(e->noun, "query") == 0 || strcmp(e->noun, "help") == 0)
		return cmd_fail(c, EXIT_INVALID, _("the command after --: expected one that only "
		    "reads (case find, case export, report ...), found '%s %s'"), e->noun,
		    e->verb ? e->verb : "");
	if (!access_has(&c->s->user, e->right))
		return cmd_fail(c, EXIT_DENIED, "%s", access_denied_text(e->right));
	for (i = 0; i < a->nrest; i++) {
		if (strchr(a->rest[i], '\n') != NULL) {
			sb_release(&words);
			return cmd_fail(c, EXIT_INVALID, _("the command after --: word %d holds a line "
			    "break"), i + 1);
		}
		sb_addf(&words, "%s%s", i ? "\n" : "", a->rest[i]);
	}
	rc = query_save(c->s, a->pos[0], words.buf, cmd_arg(a, "share") != NULL, &cause);
	sb_release(&words);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, _("query '%s' saved: ssh HOST query run %s\n"), a->pos[0],
	    a->pos[0]);
	return EXIT_OK;
}

/* The saved words (one a line) as argv: pointers into a copy, *copy to
 * free with the array, which has room for extra more. */
static char **
split_words(const char *words, int extra, int *argc, char **copy)
{
	char **argv, *p;
	int n = 1;

	for (p = (char *)words; *p; p++)
		n += *p == '\n';
	argv = xcalloc((size_t)(n + extra + 1), sizeof *argv);
	*copy = xstrdup(words);
	*argc = 0;
	for (p = *copy; p != NULL; ) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl++ = '\0';
		argv[(*argc)++] = p;
		p = nl;
	}
	return argv;
}

static int
list_row(void *arg, const struct saved_query *q)
{
	struct sb line = SB_INIT;
	char *copy, **w;
	const char *v[5];
	int n;

	/* Shown as it would be typed: quoted words stay quoted. */
	w = split_words(q->words, 0, &n, &copy);
	join_words(&line, n, w);
	v[0] = q->name;
	v[1] = q->owner;
	v[2] = q->region;
	v[3] = q->created;
	v[4] = line.buf;
	out_row(arg, v);
	sb_release(&line);
	free(w);
	free(copy);
	return 0;
}

int
cmd_query_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "name", "owner", "shared_with", "saved", "command" };
	const char *labels[5];
	struct out ot;
	char *cause = NULL;
	int rc;

	labels[0] = _("query");
	labels[1] = _("owner");
	labels[2] = _("shared with");
	labels[3] = _("saved");
	labels[4] = _("command");
	if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 5, keys, labels)) != EXIT_OK)
		return rc;
	rc = query_each(c->s, list_row, &ot, &cause);
	out_end(&ot);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
	}
	return rc;
}

/* Give option name (with value v, NULL for a flag) to the words: replace
 * the saved one, or add it. argv has room for two more. */
static void
override(int *argc, char **argv, const char *name, const char *v, char **owned)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < *argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0 || strncmp(argv[i] + 2, name, n) != 0)
			continue;
		if (argv[i][2 + n] == '=') {
			struct sb sb = SB_INIT;

			sb_addf(&sb, "--%s=%s", name, v ? v : "");
			*owned = argv[i] = sb.buf;
			return;
		}
		if (argv[i][2 + n] != '\0')
			continue;
		if (v != NULL && i + 1 < *argc)
			argv[i + 1] = (char *)v;
		return;
	}
	{
		struct sb sb = SB_INIT;

		sb_addf(&sb, "--%s", name);
		*owned = argv[(*argc)++] = sb.buf;
		if (v != NULL)
			argv[(*argc)++] = (char *)v;
	}
}

int
cmd_query_run(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const opts[] = { "format", "limit", "encoding", "bom", "raw" };
	struct saved_query q;
	char *cause = NULL, **argv, *owned[5] = { NULL, NULL, NULL, NULL, NULL }, *copy;
	int argc = 0, rc;
	size_t i;

	if ((rc = query_get(c->s, a->pos[0], &q, &cause)) != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	argv = split_words(q.words, 2 * 5, &argc, &copy);
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		const char *v = cmd_arg(a, opts[i]);

		if (v != NULL)
			override(&argc, argv, opts[i], *v || i < 3 ? v : NULL, &owned[i]);
	}
	/* Saved as reading; run as reading, whatever the table says now. */
	if (cmd_writes(argc, argv))
		rc = cmd_fail(c, EXIT_INVALID, _("query '%s' no longer names a command that only "
		    "reads"), q.name);
	else
		rc = cmd_run(c, argc, argv);
	for (i = 0; i < 5; i++)
		free(owned[i]);
	free(argv);
	free(copy);
	saved_query_release(&q);
	return rc;
}

int
cmd_query_delete(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	int rc;

	if ((rc = query_delete(c->s, a->pos[0], &cause)) != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, _("query '%s' deleted\n"), a->pos[0]);
	return EXIT_OK;
}
