/*
 * user add | list | disable | enable | passwd | key add | key list | key remove.
 * Admins manage everyone; any user may change their own password.
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

static const char usage[] =
    "user add LOGIN --role clerk|approver|supervisor|admin --region CODE [--office CODE]\n"
    "         [--name NAME] [--lang zh|en] [--encoding utf-8|gbk]\n"
    "user set LOGIN [--name NAME] [--lang zh|en] [--encoding utf-8|gbk]\n"
    "user list | user disable LOGIN | user enable LOGIN | user passwd LOGIN\n"
    "user key add LOGIN FILE|- | user key list LOGIN | user key remove LOGIN ID";

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

static int
add(struct cmd_ctx *c, int argc, char **argv)
{
	struct opt o[] = {
		{ "role", 1, NULL, 0 }, { "region", 1, NULL, 0 }, { "office", 1, NULL, 0 },
		{ "name", 1, NULL, 0 }, { "lang", 1, NULL, 0 }, { "encoding", 1, NULL, 0 },
		{ NULL, 0, NULL, 0 }
	};
	struct user u;
	struct region r;
	char *pos[1], *cause = NULL, *oname = NULL, now[20];
	struct sb office = SB_INIT;
	const char *v;
	int npos, rc;

	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	if (npos != 1 || !cmd_opt(o, "role") || !cmd_opt(o, "region"))
		return cmd_usage(c, usage);
	memset(&u, 0, sizeof u);
	u.login = pos[0];
	if (!login_valid(u.login))
		return cmd_fail(c, EXIT_INVALID, _("login '%s': expected 1 to 32 lowercase letters, "
		    "digits, '.', '_' or '-', starting with a letter"), u.login);
	if (role_parse(cmd_opt(o, "role"), &u.role) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--role: expected clerk, approver, supervisor or admin, not '%s'"),
		    cmd_opt(o, "role"));
	u.region = (char *)cmd_opt(o, "region");
	if (store_region_get(c->s->st, u.region, &r) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--region: no region '%s'"), u.region);
	if ((u.role == ROLE_SUPERVISOR || u.role == ROLE_ADMIN) &&
	    strcmp(r.level, "city") && strcmp(r.level, "district")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--region: a %s works at city or district level"),
		    cmd_opt(o, "role"));
	}
	u.name = (char *)(cmd_opt(o, "name") ? cmd_opt(o, "name") : "");
	u.lang = (char *)(cmd_opt(o, "lang") ? cmd_opt(o, "lang") : "zh");
	if (strcmp(u.lang, "zh") && strcmp(u.lang, "en")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--lang: expected zh or en, not '%s'"), u.lang);
	}
	u.encoding = (char *)(cmd_opt(o, "encoding") ? cmd_opt(o, "encoding") : "utf-8");
	if (strcmp(u.encoding, "utf-8") && strcmp(u.encoding, "gbk")) {
		region_release(&r);
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, not '%s'"),
		    u.encoding);
	}
	if ((v = cmd_opt(o, "office")) != NULL)
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
		if (store_office_name(c->s->st, office.buf, &oname) != 0) {
			rc = cmd_fail(c, EXIT_INVALID, _("--office: no office '%s'"), office.buf);
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
	    pos[0]);
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

static int
list(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const keys[] = {
		"login", "name", "role", "region", "office", "lang", "keys", "state"
	};
	const char *labels[8];
	struct opt o[] = { { "format", 1, NULL, 0 }, { "encoding", 1, NULL, 0 },
		{ "bom", 0, NULL, 0 }, { NULL, 0, NULL, 0 } };
	struct out ot;
	char *pos[1];
	int npos, rc;

	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 0)) != EXIT_OK)
		return rc;
	labels[0] = _("login");
	labels[1] = _("name");
	labels[2] = _("role");
	labels[3] = _("region");
	labels[4] = _("office");
	labels[5] = _("lang");
	labels[6] = _("keys");
	labels[7] = _("state");
	if ((rc = cmd_table(c, &ot, o, FMT_TEXT, 8, keys, labels)) != EXIT_OK)
		return rc;
	store_user_each(c->s->st, list_row, &ot);
	out_end(&ot);
	return EXIT_OK;
}

static int
set(struct cmd_ctx *c, int argc, char **argv)
{
	struct opt o[] = {
		{ "name", 1, NULL, 0 }, { "lang", 1, NULL, 0 }, { "encoding", 1, NULL, 0 },
		{ NULL, 0, NULL, 0 }
	};
	const char *lang, *enc;
	char *pos[1];
	int npos, rc;

	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	if (npos != 1)
		return cmd_usage(c, usage);
	lang = cmd_opt(o, "lang");
	enc = cmd_opt(o, "encoding");
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en"))
		return cmd_fail(c, EXIT_INVALID, _("--lang: expected zh or en, not '%s'"), lang);
	if (enc && strcmp(enc, "utf-8") && strcmp(enc, "gbk"))
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, not '%s'"), enc);
	if (store_user_set(c->s->st, pos[0], cmd_opt(o, "name"), lang, enc) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), pos[0]);
	fprintf(c->out, _("user '%s' changed\n"), pos[0]);
	return EXIT_OK;
}

static int
set_disabled(struct cmd_ctx *c, int argc, char **argv, int disabled)
{
	if (argc != 3)
		return cmd_usage(c, usage);
	if (store_user_set_disabled(c->s->st, argv[2], disabled) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), argv[2]);
	fprintf(c->out, disabled ? _("user '%s' disabled\n") : _("user '%s' enabled\n"), argv[2]);
	return EXIT_OK;
}

static int
passwd(struct cmd_ctx *c, int argc, char **argv)
{
	char *line = NULL, *hash;
	size_t cap = 0;
	ssize_t n;
	struct user u;
	int rc;

	if (argc != 3)
		return cmd_usage(c, usage);
	if (!access_may_passwd(&c->s->user, argv[2]))
		return cmd_fail(c, EXIT_DENIED, _("permission denied: only admins set others' passwords"));
	if (store_user_get(c->s->st, argv[2], &u) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), argv[2]);
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
	rc = store_user_set_pwhash(c->s->st, argv[2], hash);
	free(hash);
	if (rc != 0)
		return cmd_fail(c, EXIT_INTERNAL, _("cannot save the password"));
	fprintf(c->out, _("password of '%s' changed\n"), argv[2]);
	return EXIT_OK;
}

static int
key_add(struct cmd_ctx *c, int argc, char **argv)
{
	char *line = NULL, *cause = NULL, now[20];
	char *type, *blob, *comment;
	size_t cap = 0;
	ssize_t n;
	FILE *fp;
	int rc;

	if (argc != 5)
		return cmd_usage(c, usage);
	if (strcmp(argv[4], "-") == 0)
		fp = c->in;
	else if (!access_has(&c->s->user, RIGHT_HOST_FILES))
		return cmd_fail(c, EXIT_USAGE, _("over ssh, give the key on standard input: user key add %s -"),
		    argv[3]);
	else if ((fp = fopen(argv[4], "r")) == NULL)
		return cmd_fail(c, EXIT_NOTFOUND, _("cannot open '%s'"), argv[4]);
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
	rc = store_key_add(c->s->st, argv[3], type, blob, comment, now, &cause);
	free(line);
	if (rc != 0) {
		rc = cmd_fail(c, EXIT_CONFLICT, "%s", cause);
		free(cause);
		return rc;
	}
	fprintf(c->out, _("key added for '%s'\n"), argv[3]);
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

static int
key_list(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const keys[] = { "id", "type", "key", "comment", "added" };
	struct opt o[] = { { "format", 1, NULL, 0 }, { NULL, 0, NULL, 0 } };
	struct out ot;
	struct user u;
	char *pos[1];
	int npos, rc;

	if ((rc = cmd_opts(c, argc - 3, argv + 3, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	if (npos != 1)
		return cmd_usage(c, usage);
	if (store_user_get(c->s->st, pos[0], &u) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no user '%s'"), pos[0]);
	user_release(&u);
	if ((rc = cmd_table(c, &ot, o, FMT_TEXT, 5, keys, NULL)) != EXIT_OK)
		return rc;
	store_key_each(c->s->st, pos[0], key_row, &ot);
	out_end(&ot);
	return EXIT_OK;
}

static int
key_remove(struct cmd_ctx *c, int argc, char **argv)
{
	long id;

	if (argc != 5 || parse_int(argv[4], 1, 2147483647, &id) != 0)
		return cmd_usage(c, usage);
	if (store_key_remove(c->s->st, argv[3], id) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("user '%s' has no key %ld"), argv[3], id);
	fprintf(c->out, _("key %ld of '%s' removed\n"), id, argv[3]);
	return EXIT_OK;
}

int
cmd_user(struct cmd_ctx *c, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(c, usage);
	if (strcmp(argv[1], "passwd") == 0)
		return passwd(c, argc, argv);
	/* Anyone may choose their own language and terminal encoding. */
	if (strcmp(argv[1], "set") == 0 && argc >= 3 && c->s->user.login &&
	    access_may_set_self(&c->s->user, argv[2]) && !access_has(&c->s->user, RIGHT_USER_ADMIN)) {
		int i;

		for (i = 3; i < argc; i++)
			if (strncmp(argv[i], "--name", 6) == 0)
				return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: names are set by admins"));
		return set(c, argc, argv);
	}
	if (!access_has(&c->s->user, RIGHT_USER_ADMIN))
		return cmd_fail(c, EXIT_DENIED, _("permission denied: users are managed by admins"));
	if (strcmp(argv[1], "add") == 0)
		return add(c, argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return list(c, argc, argv);
	if (strcmp(argv[1], "set") == 0)
		return set(c, argc, argv);
	if (strcmp(argv[1], "disable") == 0)
		return set_disabled(c, argc, argv, 1);
	if (strcmp(argv[1], "enable") == 0)
		return set_disabled(c, argc, argv, 0);
	if (strcmp(argv[1], "key") == 0 && argc >= 3) {
		if (strcmp(argv[2], "add") == 0)
			return key_add(c, argc, argv);
		if (strcmp(argv[2], "list") == 0)
			return key_list(c, argc, argv);
		if (strcmp(argv[2], "remove") == 0)
			return key_remove(c, argc, argv);
	}
	return cmd_usage(c, usage);
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
	out_row(&o, v);
	out_end(&o);
	sb_release(&rights);
	return EXIT_OK;
}
