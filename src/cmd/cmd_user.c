/*
 * user me | add | list | disable | enable | passwd | set | key add | key list |
 * key remove. Admins manage everyone (the rows' right); any user may change
 * their own password, language and terminal encoding (access.h, per target).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "i18n.h"
#include "pw.h"
#include "sshkey.h"
#include "util.h"

static void
now_text(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int
login_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > 32 || !islower((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
		    s[i] != '_' && s[i] != '-' && s[i] != '.')
			return 0;
	return 1;
}

int
cmd_user_add(struct cmd_ctx *c, struct cmd_args *a)
{
	struct user u;
	struct region r;
	char *cause = NULL, *oname = NULL, now[20];
	struct sb office = SB_INIT;
	const char *v;
	int rc;

	if (!cmd_arg(a, "role") || !cmd_arg(a, "region"))
		return cmd_row_usage(c, a);
	memset(&u, 0, sizeof u);
	u.login = a->pos[0];
	if (!login_valid(u.login))
		return cmd_fail(c, EXIT_INVALID, _("login '%s': expected 1 to 32 lowercase letters, "
		    "digits, '.', '_' or '-', starting with a letter"), u.login);
	if (role_parse(cmd_arg(a, "role"), &u.role) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--role: expected clerk, approver, supervisor or admin, not '%s'"),
		    cmd_arg(a, "role"));
	u.region = (char *)cmd_arg(a, "region");
	/* An option naming nothing is invalid input (exit 5), as it always was. */
	if ((rc = store_region_get(c->s->st, u.region, &r)) == STORE_NOTFOUND)
		return cmd_fail(c, EXIT_INVALID, _("--region: no region '%s'"), u.region);
	if (rc != 0)
		return cmd_store_error(c);
	if ((u.role == ROLE_SUPERVISOR || u.role == ROLE_ADMIN) &&
	    strcmp(r.level, "city") && strcmp(r.level, "district")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--region: a %s works at city or district level"),
		    cmd_arg(a, "role"));
	}
	u.name = (char *)(cmd_arg(a, "name") ? cmd_arg(a, "name") : "");
	u.lang = (char *)(cmd_arg(a, "lang") ? cmd_arg(a, "lang") : "zh");
	if (strcmp(u.lang, "zh") && strcmp(u.lang, "en")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--lang: expected zh or en, not '%s'"), u.lang);
	}
	u.encoding = (char *)(cmd_arg(a, "encoding") ? cmd_arg(a, "encoding") : "utf-8");
	if (strcmp(u.encoding, "utf-8") && strcmp(u.encoding, "gbk")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, not '%s'"),
		    u.encoding);
	}
	if ((v = cmd_arg(a, "office")) != NULL)
		sb_adds(&office, v);
	else if (u.role == ROLE_CLERK)
		/* A clerk's default office is the service hall of their region. */
		sb_addf(&office, "%.9s.%s", r.code,
		    strcmp(r.level, "township") == 0 || strcmp(r.level, "village") == 0 ?
		    "township" : "hall");
	region_release(&r);
	if (u.role == ROLE_APPROVER && office.len == 0)
		return cmd_fail(c, EXIT_USAGE, _("an approver needs --office (e.g. 500103.market)"));
	if (office.len > 0) {
		if ((rc = store_office_name(c->s->st, office.buf, &oname)) != 0) {
			rc = rc == STORE_NOTFOUND ?
			    cmd_fail(c, EXIT_INVALID, _("--office: no office '%s'"), office.buf) :
			    cmd_store_error(c);
			sb_release(&office);
			return rc;
		}
		free(oname);
		u.office = office.buf;
	}
	now_text(now);
	rc = store_user_add(c->s->st, &u, NULL, now, &cause);
	sb_release(&office);
	if (rc != 0) {
		rc = cmd_fail(c, EXIT_CONFLICT, "%s", cause);
		free(cause);
		return rc;
	}
	fprintf(c->out, _("user '%s' added; give them a key (user key add) or a password (user passwd)\n"),
	    a->pos[0]);
	return EXIT_OK;
}

static int
list_row(void *arg, const struct user *u, int nkeys)
{
	struct out *o = arg;
	char keys[16];
	const char *v[8];

	snprintf(keys, sizeof keys, "%d", nkeys);
	v[0] = u->login;
	v[1] = u->name;
	v[2] = role_name(u->role);
	v[3] = u->region;
	v[4] = u->office ? u->office : "";
	v[5] = u->lang;
	v[6] = keys;
	v[7] = u->disabled ? "disabled" : "active";
	out_row(o, v);
	return 0;
}

int
cmd_user_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = {
		"login", "name", "role", "region", "office", "lang", "keys", "state"
	};
	const char *labels[8];
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
	if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 8, keys, labels)) != EXIT_OK)
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
	const char *login = a->pos[0], *lang, *enc;
	int rc;

	/* Anyone may choose their own language and terminal encoding; the
	 * rest is an admin's. */
	if (!access_has(&c->s->user, RIGHT_USER_ADMIN)) {
		if (!access_may_set_self(&c->s->user, login))
			return cmd_fail(c, EXIT_DENIED, "%s", access_denied_text(RIGHT_USER_ADMIN));
		if (cmd_arg(a, "name") != NULL)
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: names are set by admins"));
	}
	lang = cmd_arg(a, "lang");
	enc = cmd_arg(a, "encoding");
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en"))
		return cmd_fail(c, EXIT_INVALID, _("--lang: expected zh or en, not '%s'"), lang);
	if (enc && strcmp(enc, "utf-8") && strcmp(enc, "gbk"))
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, not '%s'"), enc);
	if ((rc = store_user_set(c->s->st, login, cmd_arg(a, "name"), lang, enc)) != 0)
		return rc == STORE_NOTFOUND ?
		    cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), login) : cmd_store_error(c);
	fprintf(c->out, _("user '%s' changed\n"), login);
	return EXIT_OK;
}

static int
set_disabled(struct cmd_ctx *c, struct cmd_args *a, int disabled)
{
	const char *login = a->pos[0];
	int rc;

	if ((rc = store_user_set_disabled(c->s->st, login, disabled)) != 0)
		return rc == STORE_NOTFOUND ?
		    cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), login) : cmd_store_error(c);
	fprintf(c->out, disabled ? _("user '%s' disabled\n") : _("user '%s' enabled\n"), login);
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
	char *line = NULL, *hash;
	size_t cap = 0;
	ssize_t n;
	struct user u;
	int rc;

	if (!access_may_passwd(&c->s->user, login))
		return cmd_fail(c, EXIT_DENIED, _("permission denied: only admins set others' passwords"));
	if ((rc = store_user_get(c->s->st, login, &u)) != 0)
		return rc == STORE_NOTFOUND ?
		    cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), login) : cmd_store_error(c);
	user_release(&u);
	n = getline(&line, &cap, c->in);
	if (n <= 0) {
		free(line);
		return cmd_fail(c, EXIT_INVALID, _("expected the new password on standard input"));
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n < 8 || n > 256) {
		free(line);
		return cmd_fail(c, EXIT_INVALID, _("a password needs 8 to 256 characters"));
	}
	hash = pw_hash(line);
	memset(line, 0, (size_t)n);
	free(line);
	if (hash == NULL)
		return cmd_fail(c, EXIT_INTERNAL, _("cannot hash the password"));
	rc = store_user_set_pwhash(c->s->st, login, hash);
	free(hash);
	if (rc != 0)
		return cmd_fail(c, EXIT_INTERNAL, _("cannot save the password"));
	fprintf(c->out, _("password of '%s' changed\n"), login);
	return EXIT_OK;
}

int
cmd_user_key_add(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *login = a->pos[0], *file = a->pos[1];
	char *line = NULL, *cause = NULL, now[20];
	char *type, *blob, *comment;
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
	if (sshkey_parse_line(line, &type, &blob, &comment, &cause) != 0) {
		free(line);
		rc = cmd_fail(c, EXIT_INVALID, _("line 1: %s"), cause);
		free(cause);
		return rc;
	}
	now_text(now);
	rc = store_key_add(c->s->st, login, type, blob, comment, now, &cause);
	free(line);
	if (rc != 0) {
		rc = cmd_fail(c, EXIT_CONFLICT, "%s", cause);
		free(cause);
		return rc;
	}
	fprintf(c->out, _("key added for '%s'\n"), login);
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
	const char *login = a->pos[0];
	long id;
	int rc;

	if (parse_int(a->pos[1], 1, 2147483647, &id) != 0)
		return cmd_row_usage(c, a);
	if ((rc = store_key_remove(c->s->st, login, id)) == STORE_NOTFOUND)
		return cmd_fail(c, EXIT_NOTFOUND, _("user '%s' has no key %ld"), login, id);
	if (rc != 0)
		return cmd_store_error(c);
	fprintf(c->out, _("key %ld of '%s' removed\n"), id, login);
	return EXIT_OK;
}

/* user me: who the session's user is and which rights they hold. */
int
cmd_user_me(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const names[RIGHT_COUNT] = {
		"any", "case-read", "case-intake", "case-work", "user-admin", "catalog-admin",
		"supervise", "order-issue", "complaint-log", "rate", "host-files"
	};
	const struct user *u = &c->s->user;
	const char *keys[] = { "login", "name", "role", "region", "office", "lang", "rights" };
	const char *v[7];
	struct sb rights = SB_INIT;
	struct out o;
	int r, rc;

	for (r = 0; r < RIGHT_COUNT; r++)
		if (access_has(u, (enum right)r))
			sb_addf(&rights, "%s%s", rights.len ? " " : "", names[r]);
	if ((rc = cmd_table(c, &o, a->opt, FMT_TEXT, 7, keys, NULL)) != EXIT_OK) {
		sb_release(&rights);
		return rc;
	}
	v[0] = u->login;
	v[1] = u->name ? u->name : "";
	v[2] = role_name(u->role);
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
			fprintf(c->out, "%s\n", v[i]);
		}
	} else {
		out_row(&o, v);
		out_end(&o);
	}
	sb_release(&rights);
	return EXIT_OK;
}
