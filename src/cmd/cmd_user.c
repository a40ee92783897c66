/*
 * user me | add | list | disable | enable | passwd | set | key add | key list |
 * key remove. Admins manage everyone (the rows' right); any user may change
 * their own password, language and terminal encoding (access.h, per target).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "exchange.h"
#include "user.h"
#include "util.h"

/* Print the service's failure and return its code. */
static int
failed(struct cmd_ctx *c, int rc, char *cause)
{
	cmd_fail(c, rc, "%s", cause ? cause : "?");
	free(cause);
	return rc;
}

int
cmd_user_add(struct cmd_ctx *c, struct cmd_args *a)
{
	struct user_new in;
	char *cause = NULL;
	int rc;

	if (!cmd_arg(a, "role") || !cmd_arg(a, "region"))
		return cmd_row_usage(c, a);
	in.login = a->pos[0];
	in.role = cmd_arg(a, "role");
	in.region = cmd_arg(a, "region");
	in.office = cmd_arg(a, "office");
	in.name = cmd_arg(a, "name");
	in.lang = cmd_arg(a, "lang");
	in.encoding = cmd_arg(a, "encoding");
	in.head = cmd_arg(a, "head") != NULL;
	if ((rc = user_add(c->s, &in, &cause)) != 0)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("user '%s' added; give them a key (user key add) or a password (user passwd)\n"),
	    a->pos[0]);
	return EXIT_OK;
}

static int
list_row(void *arg, const struct user *u, int nkeys)
{
	struct out *o = arg;
	char keys[16];
	const char *v[9];

	snprintf(keys, sizeof keys, "%d", nkeys);
	v[0] = u->login;
	v[1] = u->name;
	/* Text is read by staff, in their language; CSV and JSON keep codes. */
	v[2] = o->fmt == FMT_TEXT ? role_label(u->role) : role_name(u->role);
	v[3] = u->region;
	v[4] = u->office ? u->office : "";
	v[5] = u->lang;
	v[6] = keys;
	v[7] = o->fmt != FMT_TEXT ? (u->disabled ? "disabled" : "active") :
	    u->disabled ? _("disabled") : _("active");
	v[8] = o->fmt != FMT_TEXT ? (u->head ? "1" : "0") : u->head ? _("yes") : _("no");
	out_row(o, v);
	return 0;
}

int
cmd_user_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = {
		"login", "name", "role", "region", "office", "lang", "keys", "state", "head"
	};
	const char *labels[9];
	struct out ot;
	int rc;

	labels[0] = _("login");
	labels[1] = _("name");
	labels[2] = _("role");
	labels[3] = _("region");
	labels[4] = _("office");
	labels[5] = _("lang");
	labels[6] = _("keys");
	labels[7] = _("state");
	labels[8] = _("head of office");
	if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 9, keys, labels)) != EXIT_OK)
		return rc;
	rc = store_user_each(c->s->st, list_row, &ot);
	out_end(&ot);
	if (rc != 0)
		return cmd_store_error(c);
	return EXIT_OK;
}

int
cmd_user_set(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	int rc;

	rc = user_change(c->s, a->pos[0], cmd_arg(a, "name"), cmd_arg(a, "lang"),
	    cmd_arg(a, "encoding"), cmd_arg(a, "head"), &cause);
	if (rc != 0)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("user '%s' changed\n"), a->pos[0]);
	return EXIT_OK;
}

static int
set_disabled(struct cmd_ctx *c, struct cmd_args *a, int disabled)
{
	char *cause = NULL;
	int rc;

	if ((rc = user_set_disabled(c->s, a->pos[0], disabled, &cause)) != 0)
		return failed(c, rc, cause);
	out_printf_safe(c->out, disabled ? _("user '%s' disabled\n") : _("user '%s' enabled\n"), a->pos[0]);
	return EXIT_OK;
}

int
cmd_user_disable(struct cmd_ctx *c, struct cmd_args *a)
{
	return set_disabled(c, a, 1);
}

int
cmd_user_enable(struct cmd_ctx *c, struct cmd_args *a)
{
	return set_disabled(c, a, 0);
}

int
cmd_user_passwd(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *login = a->pos[0];
	char *line[2] = { NULL, NULL }, *cause = NULL;
	size_t cap[2] = { 0, 0 };
	ssize_t n[2] = { 0, 0 };
	int rc, need, i;

	/* Refuse before reading a secret that could not be used. */
	if ((rc = user_may_set_password(c->s, login, &cause)) != 0)
		return failed(c, rc, cause);
	/* One's own password: the current one first, then the new one. */
	if ((need = user_password_needs_current(c->s, login, &cause)) < 0)
		return failed(c, EXIT_INTERNAL, cause);
	for (i = 0; i <= need; i++) {
		n[i] = getline(&line[i], &cap[i], c->in);
		if (n[i] <= 0) {
			rc = cmd_fail(c, EXIT_INVALID, need ? _("expected two lines on standard input: "
			    "the current password, then the new one") :
			    _("expected the new password on standard input"));
			goto out;
		}
		while (n[i] > 0 && (line[i][n[i] - 1] == '\n' || line[i][n[i] - 1] == '\r'))
			line[i][--n[i]] = '\0';
	}
	rc = user_set_password(c->s, login, need ? line[0] : NULL, line[need], &cause);
	if (rc != 0)
		rc = failed(c, rc, cause);
out:
	for (i = 0; i < 2; i++) {
		if (line[i] != NULL)
			memset(line[i], 0, cap[i]);
		free(line[i]);
	}
	if (rc != 0)
		return rc;
	out_printf_safe(c->out, _("password of '%s' changed\n"), login);
	return EXIT_OK;
}

int
cmd_user_key_add(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *login = a->pos[0], *file = a->pos[1];
	char *line = NULL, *cause = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *fp;
	int rc;

	if (strcmp(file, "-") == 0)
		fp = c->in;
	else if (!access_has(&c->s->user, RIGHT_HOST_FILES))
		return cmd_fail(c, EXIT_USAGE, _("over ssh, give the key on standard input: user key add %s -"),
		    login);
	else if ((fp = fopen(file, "r")) == NULL)
		return cmd_fail(c, EXIT_NOTFOUND, _("cannot open '%s'"), file);
	n = getline(&line, &cap, fp);
	if (fp != c->in)
		fclose(fp);
	if (n <= 0) {
		free(line);
		return cmd_fail(c, EXIT_INVALID, _("expected one OpenSSH public key line"));
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	rc = user_key_add(c->s, login, line, &cause);
	free(line);
	if (rc != 0)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("key added for '%s'\n"), login);
	return EXIT_OK;
}

static int
key_row(void *arg, long long id, const char *type, const char *blob,
    const char *comment, const char *added)
{
	struct out *o = arg;
	char num[24], tail[16];
	const char *v[5];
	size_t n = strlen(blob);

	snprintf(num, sizeof num, "%lld", id);
	snprintf(tail, sizeof tail, "…%s", n > 12 ? blob + n - 12 : blob);
	v[0] = num;
	v[1] = type;
	v[2] = tail;
	v[3] = comment;
	v[4] = added;
	out_row(o, v);
	return 0;
}

int
cmd_user_key_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "id", "type", "key", "comment", "added" };
	const char *login = a->pos[0];
	struct out ot;
	struct user u;
	int rc;

	if ((rc = store_user_get(c->s->st, login, &u)) != 0)
		return rc == STORE_NOTFOUND ?
		    cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), login) : cmd_store_error(c);
	user_release(&u);
	if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 5, keys, NULL)) != EXIT_OK)
		return rc;
	rc = store_key_each(c->s->st, login, key_row, &ot);
	out_end(&ot);
	if (rc != 0)
		return cmd_store_error(c);
	return EXIT_OK;
}

int
cmd_user_key_remove(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long id;
	int rc;

	if (parse_int(a->pos[1], 1, 2147483647, &id) != 0)
		return cmd_row_usage(c, a);
	if ((rc = user_key_remove(c->s, a->pos[0], id, &cause)) != 0)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("key %ld of '%s' removed\n"), id, a->pos[0]);
	return EXIT_OK;
}

/* user me: who the session's user is and which rights they hold. */
int
cmd_user_me(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const names[RIGHT_COUNT] = {
		"any", "case-read", "case-intake", "case-work", "user-admin", "catalog-admin",
		"supervise", "order-issue", "complaint-log", "rate", "host-files", "office-head"
	};
	static const char *const labels_of[RIGHT_COUNT] = {
		N_("basic use"), N_("read cases"), N_("take in applications"), N_("work on cases"),
		N_("manage users"), N_("manage the catalog"), N_("supervise"),
		N_("issue supervision orders"), N_("log complaints"), N_("record ratings"),
		N_("read host files"), N_("head of office")
	};
	const struct user *u = &c->s->user;
	const char *keys[] = { "login", "name", "role", "region", "office", "lang", "rights" };
	const char *v[7];
	struct sb rights = SB_INIT;
	struct out o;
	int r, rc;

	if ((rc = cmd_table(c, &o, a->opt, FMT_TEXT, 7, keys, NULL)) != EXIT_OK)
		return rc;
	for (r = 0; r < RIGHT_COUNT; r++)
		if (access_has(u, (enum right)r)) {
			if (o.fmt == FMT_TEXT)
				sb_addf(&rights, "%s%s", rights.len ? _(", ") : "", _(labels_of[r]));
			else
				sb_addf(&rights, "%s%s", rights.len ? " " : "", names[r]);
		}
	v[0] = u->login;
	v[1] = u->name ? u->name : "";
	v[2] = o.fmt == FMT_TEXT ? role_label(u->role) : role_name(u->role);
	v[3] = u->region ? u->region : "";
	v[4] = u->office ? u->office : "";
	v[5] = u->lang ? u->lang : "";
	v[6] = rights.buf;
	if (o.fmt == FMT_TEXT) {
		/* One record: a label per line reads better than one wide row. */
		const char *labels[] = { _("login"), _("name"), _("role"), _("region"),
			_("office"), _("language"), _("rights") };
		int i;

		for (i = 0; i < 7; i++) {
			out_pad(c->out, labels[i], 10);
			out_printf_safe(c->out, "%s\n", v[i]);
		}
	} else {
		out_row(&o, v);
		out_end(&o);
	}
	sb_release(&rights);
	return EXIT_OK;
}

int
cmd_user_import(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *file = a->pos[0];
	struct import_stats st;
	char *cause = NULL;
	FILE *fp;
	int rc, dry = cmd_arg(a, "dry-run") != NULL;

	if ((rc = cmd_open_input(c, file, "user", &fp)) != EXIT_OK)
		return rc;
	rc = exchange_users_import(c->s, fp, strcmp(file, "-") ? file : "stdin",
	    cmd_arg(a, "encoding"), dry, &st, &cause);
	if (fp != c->in)
		fclose(fp);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	if (dry)
		out_printf_safe(c->out, _("%ld rows checked, all valid; nothing written (--dry-run)"),
		    st.rows);
	else
		out_printf_safe(c->out, _("%ld users added, %ld keys added (%ld rows)"), st.taken,
		    st.keys, st.rows);
	fputc('\n', c->out);
	return EXIT_OK;
}

int
cmd_user_export(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *header = cmd_arg(a, "header");
	struct csvio_writer w;
	char *cause = NULL;
	int rc;

	if (header != NULL && strcmp(header, "code") != 0 && strcmp(header, "zh") != 0)
		return cmd_fail(c, EXIT_INVALID, _("--header: expected code or zh, found '%s'"), header);
	if (csvio_writer_init(&w, c->out, ',', cmd_arg(a, "encoding"), cmd_arg(a, "bom") != NULL) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, found '%s'"),
		    cmd_arg(a, "encoding"));
	rc = exchange_users_export(c->s, &w, header != NULL && strcmp(header, "zh") == 0, &cause);
	csvio_writer_release(&w);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	return EXIT_OK;
}
