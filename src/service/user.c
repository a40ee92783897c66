/*
 * Users; see user.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "audit.h"
#include "clock.h"
#include "exitcode.h"
#include "i18n.h"
#include "pw.h"
#include "sshkey.h"
#include "store.h"
#include "user.h"
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

static int
failed(struct session *s, char **cause)
{
	set_cause(cause, "%s", store_error(s->st));
	return EXIT_INTERNAL;
}

/* The session's user stands and holds r. */
static int
may(struct session *s, enum right r, char **cause)
{
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, r)) {
		set_cause(cause, "%s", access_denied_text(r));
		return EXIT_DENIED;
	}
	return 0;
}

/* The event of a change to login (subject user:LOGIN) in the audit chain,
 * inside the change's transaction. */
static int
user_event(struct session *s, const char *login, const char *action, const char *note,
    char **cause)
{
	struct event e;
	char at[32], subject[64];

	clock_stamp(session_today(s), at);
	snprintf(subject, sizeof subject, "user:%s", login);
	memset(&e, 0, sizeof e);
	e.subject = subject;
	e.at = at;
	e.actor = s->user.login;
	e.addr = s->addr;
	e.action = (char *)action;
	e.note = (char *)(note ? note : "");
	return audit_record(s->st, &e, cause);
}

/* Begin the change's transaction; 0 or EXIT_INTERNAL. */
static int
begin(struct session *s, char **cause)
{
	return store_begin(s->st, cause) != 0 ? EXIT_INTERNAL : 0;
}

/* End it: commit when rc is 0 and the event is written, else roll back. */
static int
finish(struct session *s, int rc, const char *login, const char *action, const char *note,
    char **cause)
{
	if (rc == 0 && user_event(s, login, action, note, cause) != 0)
		rc = EXIT_INTERNAL;
	if (rc == 0 && store_commit(s->st, cause) != 0)
		rc = EXIT_INTERNAL;
	if (rc != 0)
		store_rollback(s->st);
	return rc;
}

static int
count_key(void *arg, long long id, const char *type, const char *blob, const char *comment,
    const char *added)
{
	(void)id, (void)type, (void)blob, (void)comment, (void)added;
	++*(int *)arg;
	return 0;
}

static int
lang_ok(const char *lang, char **cause)
{
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
		set_cause(cause, _("--lang: expected zh or en, not '%s'"), lang);
		return EXIT_INVALID;
	}
	return 0;
}

static int
encoding_ok(const char *enc, char **cause)
{
	if (enc && strcmp(enc, "utf-8") && strcmp(enc, "gbk")) {
		set_cause(cause, _("--encoding: expected utf-8 or gbk, not '%s'"), enc);
		return EXIT_INVALID;
	}
	return 0;
}

int
user_add(struct session *s, const struct user_new *in, char **cause)
{
	struct user u;
	struct region r;
	struct sb office = SB_INIT;
	char *oname = NULL, now[20];
	int rc;

	if ((rc = may(s, RIGHT_USER_ADMIN, cause)) != 0)
		return rc;
	memset(&u, 0, sizeof u);
	u.login = (char *)in->login;
	if (!login_valid(u.login)) {
		set_cause(cause, _("login '%s': expected 1 to 32 lowercase letters, digits, '.', '_' "
		    "or '-', starting with a letter"), u.login);
		return EXIT_INVALID;
	}
	if (role_parse(in->role, &u.role) != 0) {
		set_cause(cause, _("--role: expected clerk, approver, supervisor or admin, not '%s'"),
		    in->role);
		return EXIT_INVALID;
	}
	u.region = (char *)in->region;
	/* An option naming nothing is invalid input (exit 5). */
	if ((rc = store_region_get(s->st, u.region, &r)) == STORE_NOTFOUND) {
		set_cause(cause, _("--region: no region '%s'"), u.region);
		return EXIT_INVALID;
	}
	if (rc != 0)
		return failed(s, cause);
	rc = EXIT_INVALID;
	if (!access_role_level_ok(u.role, r.level)) {
		set_cause(cause, _("--region: a %s works at city or district level"), in->role);
		goto out;
	}
	u.name = (char *)(in->name ? in->name : "");
	u.lang = (char *)(in->lang ? in->lang : "zh");
	u.encoding = (char *)(in->encoding ? in->encoding : "utf-8");
	if (lang_ok(u.lang, cause) != 0 || encoding_ok(u.encoding, cause) != 0)
		goto out;
	if (in->head && !access_may_head(u.role)) {
		set_cause(cause, "%s", _("--head: only an approver can head an office (负责人)"));
		goto out;
	}
	u.head = in->head != 0;
	if (in->office != NULL)
		sb_adds(&office, in->office);
	else if (access_role_in_hall(u.role))
		/* A clerk's default office is the service hall of their region. */
		sb_addf(&office, "%.9s.%s", r.code,
		    strcmp(r.level, "township") == 0 || strcmp(r.level, "village") == 0 ?
		    "township" : "hall");
	if (access_role_needs_office(u.role) && office.len == 0) {
		set_cause(cause, "%s", _("an approver needs --office (e.g. 500103.market)"));
		rc = EXIT_USAGE;
		goto out;
	}
	if (office.len > 0) {
		if ((rc = store_office_name(s->st, office.buf, &oname)) != 0) {
			if (rc == STORE_NOTFOUND) {
				set_cause(cause, _("--office: no office '%s'"), office.buf);
				rc = EXIT_INVALID;
			} else
				rc = failed(s, cause);
			goto out;
		}
		free(oname);
		u.office = office.buf;
	}
	now_text(now);
	if ((rc = begin(s, cause)) != 0)
		goto out;
	rc = store_user_add(s->st, &u, NULL, now, cause) != 0 ? EXIT_CONFLICT : 0;
	{
		char note[160];

		snprintf(note, sizeof note, "%s %s%s%s", role_name(u.role), u.region,
		    u.office ? " " : "", u.office ? u.office : "");
		rc = finish(s, rc, u.login, "user_add", note, cause);
	}
out:
	region_release(&r);
	sb_release(&office);
	return rc;
}

int
user_change(struct session *s, const char *login, const char *name, const char *lang,
    const char *encoding, const char *head, char **cause)
{
	int rc, h = -1;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	/* Anyone may choose their own language and terminal encoding; the
	 * rest is an admin's. */
	if (!access_has(&s->user, RIGHT_USER_ADMIN)) {
		if (!access_may_set_self(&s->user, login)) {
			set_cause(cause, "%s", access_denied_text(RIGHT_USER_ADMIN));
			return EXIT_DENIED;
		}
		if (name != NULL) {
			set_cause(cause, "%s", _("permission denied: names are set by admins"));
			return EXIT_DENIED;
		}
		if (head != NULL) {
			set_cause(cause, "%s", _("permission denied: the head of an office (负责人) is "
			    "named by admins"));
			return EXIT_DENIED;
		}
	}
	if ((rc = lang_ok(lang, cause)) != 0 || (rc = encoding_ok(encoding, cause)) != 0)
		return rc;
	if (head != NULL) {
		struct user u;

		if (strcmp(head, "yes") == 0)
			h = 1;
		else if (strcmp(head, "no") == 0)
			h = 0;
		else {
			set_cause(cause, _("--head: expected yes or no, not '%s'"), head);
			return EXIT_INVALID;
		}
		if ((rc = store_user_get(s->st, login, &u)) == STORE_NOTFOUND) {
			set_cause(cause, _("no user '%s'"), login);
			return EXIT_NOTFOUND;
		}
		if (rc != 0)
			return failed(s, cause);
		rc = h && !access_may_head(u.role);
		user_release(&u);
		if (rc) {
			set_cause(cause, "%s", _("--head: only an approver can head an office (负责人)"));
			return EXIT_INVALID;
		}
	}
	if ((rc = begin(s, cause)) != 0)
		return rc;
	if ((rc = store_user_set(s->st, login, name, lang, encoding, h)) == STORE_NOTFOUND) {
		set_cause(cause, _("no user '%s'"), login);
		rc = EXIT_NOTFOUND;
	} else if (rc != 0)
		rc = failed(s, cause);
	else {
		struct sb note = SB_INIT;

		if (name)
			sb_addf(&note, "name=%s ", name);
		if (lang)
			sb_addf(&note, "lang=%s ", lang);
		if (encoding)
			sb_addf(&note, "encoding=%s ", encoding);
		if (head)
			sb_addf(&note, "head=%s ", head);
		while (note.len > 0 && note.buf[note.len - 1] == ' ')
			note.buf[--note.len] = '\0';
		rc = finish(s, 0, login, "user_set", note.buf ? note.buf : "", cause);
		sb_release(&note);
		return rc;
	}
	store_rollback(s->st);
	return rc;
}

int
user_set_disabled(struct session *s, const char *login, int disabled, char **cause)
{
	int rc;

	if ((rc = may(s, RIGHT_USER_ADMIN, cause)) != 0)
		return rc;
	/* An admin who stopped themselves could not undo it. */
	if (disabled && strcmp(login, s->user.login) == 0) {
		set_cause(cause, "%s", _("you cannot disable yourself; another admin can"));
		return EXIT_INVALID;
	}
	if ((rc = begin(s, cause)) != 0)
		return rc;
	if ((rc = store_user_set_disabled(s->st, login, disabled)) == STORE_NOTFOUND) {
		set_cause(cause, _("no user '%s'"), login);
		rc = EXIT_NOTFOUND;
	} else if (rc != 0)
		rc = failed(s, cause);
	return finish(s, rc, login, disabled ? "user_disable" : "user_enable", "", cause);
}

int
user_may_set_password(struct session *s, const char *login, char **cause)
{
	struct user u;
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_may_passwd(&s->user, login)) {
		set_cause(cause, "%s", _("permission denied: only admins set others' passwords"));
		return EXIT_DENIED;
	}
	if ((rc = store_user_get(s->st, login, &u)) == STORE_NOTFOUND) {
		set_cause(cause, _("no user '%s'"), login);
		return EXIT_NOTFOUND;
	}
	if (rc != 0)
		return failed(s, cause);
	user_release(&u);
	return 0;
}

int
user_password_needs_current(struct session *s, const char *login, char **cause)
{
	char *hash = NULL;
	int rc;

	if (!access_passwd_needs_current(&s->user, login))
		return 0;
	if ((rc = store_user_pwhash(s->st, login, &hash)) != 0 && rc != STORE_NOTFOUND) {
		failed(s, cause);
		return -1;
	}
	rc = hash != NULL;
	free(hash);
	return rc;
}

int
user_set_password(struct session *s, const char *login, const char *current,
    const char *password, char **cause)
{
	size_t n = strlen(password);
	char *hash = NULL;
	int rc;

	if ((rc = user_may_set_password(s, login, cause)) != 0)
		return rc;
	if (access_passwd_needs_current(&s->user, login)) {
		if ((rc = store_user_pwhash(s->st, login, &hash)) != 0 && rc != STORE_NOTFOUND)
			return failed(s, cause);
		rc = hash != NULL && (current == NULL || !pw_check(current, hash));
		free(hash);
		hash = NULL;
		if (rc) {
			/* A guess here counts as one at the door (the lockout). */
			store_login_failure_add(s->st, login, s->addr,
			    (long long)time(NULL));
			set_cause(cause, "%s", _("permission denied: the current password is wrong"));
			return EXIT_DENIED;
		}
	}
	if (n < 8 || n > 256) {
		set_cause(cause, "%s", _("a password needs 8 to 256 characters"));
		return EXIT_INVALID;
	}
	if ((hash = pw_hash(password)) == NULL) {
		set_cause(cause, "%s", _("cannot hash the password"));
		return EXIT_INTERNAL;
	}
	rc = store_user_set_pwhash(s->st, login, hash);
	free(hash);
	if (rc != 0) {
		set_cause(cause, "%s", _("cannot save the password"));
		return EXIT_INTERNAL;
	}
	return 0;
}

int
user_key_add(struct session *s, const char *login, char *line, char **cause)
{
	char *type, *blob, *comment, *why = NULL, now[20];
	int rc;

	if ((rc = may(s, RIGHT_USER_ADMIN, cause)) != 0)
		return rc;
	if (sshkey_parse_line(line, &type, &blob, &comment, &why) != 0) {
		set_cause(cause, _("line 1: %s"), why);
		free(why);
		return EXIT_INVALID;
	}
	now_text(now);
	if ((rc = begin(s, cause)) != 0)
		return rc;
	rc = store_key_add(s->st, login, type, blob, comment, now, cause) != 0 ? EXIT_CONFLICT : 0;
	{
		char note[256];
		size_t n = strlen(blob);

		snprintf(note, sizeof note, "%s …%s %s", type, n > 12 ? blob + n - 12 : blob,
		    comment ? comment : "");
		return finish(s, rc, login, "key_add", note, cause);
	}
}

int
user_key_remove(struct session *s, const char *login, long id, char **cause)
{
	int rc, nkeys = 0;
	char note[32];

	if ((rc = may(s, RIGHT_USER_ADMIN, cause)) != 0)
		return rc;
	if ((rc = begin(s, cause)) != 0)
		return rc;
	if ((rc = store_key_remove(s->st, login, id)) == STORE_NOTFOUND) {
		set_cause(cause, _("user '%s' has no key %ld"), login, id);
		rc = EXIT_NOTFOUND;
	} else if (rc != 0)
		rc = failed(s, cause);
	/* An admin's own last key: they would lock themselves out. */
	else if (strcmp(login, s->user.login) == 0 &&
	    store_key_each(s->st, login, count_key, &nkeys) == 0 && nkeys == 0) {
		set_cause(cause, "%s", _("this is your last key: add another before you remove it "
		    "(or ask another admin)"));
		rc = EXIT_INVALID;
	}
	snprintf(note, sizeof note, "%ld", id);
	return finish(s, rc, login, "key_remove", note, cause);
}
