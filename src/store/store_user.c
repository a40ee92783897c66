/*
 * Users: accounts, their SSH keys, failed logins (for the lockout) and
 * the drafts a user keeps between sessions.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Users and keys ---------------------------------------------------------------- */

int
store_user_add(struct store *st, const struct user *u, const char *pwhash,
    const char *created, char **cause)
{
	static const char sql[] =
	    "INSERT INTO users(login, name, role, region, office, lang, pwhash, created, encoding, "
	    "head) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, u->login);
	sq_text(s, 2, u->name ? u->name : "");
	sq_text(s, 3, role_name(u->role));
	sq_text(s, 4, u->region);
	sq_text(s, 5, u->office);
	sq_text(s, 6, u->lang ? u->lang : "zh");
	sq_text(s, 7, pwhash);
	sq_text(s, 8, created);
	sq_text(s, 9, u->encoding ? u->encoding : "utf-8");
	sq_int(s, 10, u->head);
	rc = sq_step(s);
	sq_done(st, s);
	if (rc == SQ_PRIMARYKEY) {
		set_cause(cause, _("user '%s' already exists"), u->login);
		return -1;
	}
	if (rc != SQ_DONE)
		return sq_fail(st, cause);
	return 0;
}

#define USER_COLS "u.login, u.name, u.role, u.region, r.level, u.office, u.lang, u.disabled, " \
	"u.encoding, u.head"

static void
user_from_row(sq_stmt *s, struct user *u)
{
	char *role = sq_col(s, 2);

	u->login = sq_col(s, 0);
	u->name = sq_col(s, 1);
	if (role_parse(role, &u->role) != 0)
		u->role = ROLE_NONE;
	free(role);
	u->region = sq_col(s, 3);
	u->region_level = sq_col(s, 4);
	u->office = sq_col_or_null(s, 5);
	u->lang = sq_col(s, 6);
	u->disabled = sq_col_int(s, 7);
	u->encoding = sq_col(s, 8);
	u->head = sq_col_int(s, 9);
}

int
store_user_get(struct store *st, const char *login, struct user *u)
{
	static const char sql[] =
	    "SELECT " USER_COLS " FROM users u JOIN region r ON r.code = u.region "
	    "WHERE u.login = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(u, 0, sizeof *u);
	sq_text(s, 1, login);
	if ((rc = sq_first(st, s)) == 0)
		user_from_row(s, u);
	sq_done(st, s);
	return rc;
}

int
store_user_each(struct store *st, store_user_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " USER_COLS ", (SELECT count(*) FROM user_key k WHERE k.login = u.login) "
	    "FROM users u JOIN region r ON r.code = u.region ORDER BY u.role, u.login";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		struct user u;

		memset(&u, 0, sizeof u);
		user_from_row(s, &u);
		rc = fn(arg, &u, sq_col_int(s, 10));
		user_release(&u);
	}
	sq_done(st, s);
	return rc;
}

int
store_user_set_disabled(struct store *st, const char *login, int disabled)
{
	static const char sql[] = "UPDATE users SET disabled = ?2 WHERE login = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_int(s, 2, disabled);
	return sq_changed(st, s);
}

int
store_user_set(struct store *st, const char *login, const char *name, const char *lang,
    const char *encoding, int head)
{
	static const char sql[] =
	    "UPDATE users SET name = COALESCE(?2, name), lang = COALESCE(?3, lang), "
	    "encoding = COALESCE(?4, encoding), head = COALESCE(?5, head) WHERE login = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_text(s, 2, name);
	sq_text(s, 3, lang);
	sq_text(s, 4, encoding);
	if (head >= 0)
		sq_int(s, 5, head);
	return sq_changed(st, s);
}

int
store_user_set_pwhash(struct store *st, const char *login, const char *pwhash)
{
	static const char sql[] = "UPDATE users SET pwhash = ?2 WHERE login = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_text(s, 2, pwhash);
	return sq_changed(st, s);
}

int
store_user_pwhash(struct store *st, const char *login, char **hash)
{
	static const char sql[] = "SELECT pwhash FROM users WHERE login = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*hash = NULL;
	sq_text(s, 1, login);
	if ((rc = sq_first(st, s)) == 0)
		*hash = sq_col_or_null(s, 0);
	sq_done(st, s);
	return rc;
}

int
store_key_add(struct store *st, const char *login, const char *type,
    const char *blob, const char *comment, const char *added, char **cause)
{
	static const char sql[] =
	    "INSERT INTO user_key(login, type, blob, comment, added) VALUES (?1, ?2, ?3, ?4, ?5)";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, login);
	sq_text(s, 2, type);
	sq_text(s, 3, blob);
	sq_text(s, 4, comment ? comment : "");
	sq_text(s, 5, added);
	rc = sq_step(s);
	sq_done(st, s);
	if (rc == SQ_UNIQUE) {
		set_cause(cause, _("user '%s' already has this key"), login);
		return -1;
	}
	if (rc == SQ_FOREIGNKEY) {
		set_cause(cause, _("no user '%s'"), login);
		return -1;
	}
	if (rc != SQ_DONE)
		return sq_fail(st, cause);
	return 0;
}

int
store_key_each(struct store *st, const char *login, store_key_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT id, type, blob, comment, added FROM user_key WHERE login = ?1 ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, login);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, sq_col_int(s, 0),
		    (const char *)sq_col_text(s, 1),
		    (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3),
		    (const char *)sq_col_text(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_key_remove(struct store *st, const char *login, long long id)
{
	static const char sql[] = "DELETE FROM user_key WHERE login = ?1 AND id = ?2";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_int(s, 2, id);
	return sq_changed(st, s);
}

int
store_key_has(struct store *st, const char *login, const char *type, const char *blob)
{
	static const char sql[] =
	    "SELECT 1 FROM user_key WHERE login = ?1 AND type = ?2 AND blob = ?3";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_text(s, 1, login);
	sq_text(s, 2, type);
	sq_text(s, 3, blob);
	rc = sq_first(st, s);
	sq_done(st, s);
	return rc;
}

int
store_login_failure_add(struct store *st, const char *login, const char *addr, long long at)
{
	static const char sql[] =
	    "INSERT INTO login_failure(login, addr, at) VALUES (?1, ?2, ?3)";
	static const char old[] = "DELETE FROM login_failure WHERE at < ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_text(s, 2, addr);
	sq_int(s, 3, at);
	if (sq_run(st, s, NULL) != 0)
		return -1;
	/* Forget what is a day old: the table stays small. */
	s = sq_prep(st, old);
	sq_int(s, 1, at - 86400);
	return sq_run(st, s, NULL);
}

void
store_login_failures(struct store *st, const char *login, const char *addr, long long since,
    long *by_login, long *by_addr)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM login_failure WHERE login = ?1 AND at >= ?3), "
	    "(SELECT count(*) FROM login_failure WHERE addr = ?2 AND at >= ?3)";
	sq_stmt *s = sq_prep(st, sql);

	*by_login = *by_addr = 0;
	sq_text(s, 1, login);
	sq_text(s, 2, addr);
	sq_int(s, 3, since);
	/* On failure the counts stay 0: the caller has no way to hear it. */
	if (sq_first(st, s) == 0) {
		*by_login = (long)sq_col_int(s, 0);
		*by_addr = (long)sq_col_int(s, 1);
	}
	sq_done(st, s);
}

/* Drafts ---------------------------------------------------------------------- */

int
store_draft_put(struct store *st, const char *login, const char *kind, const char *data,
    const char *saved)
{
	static const char sql[] =
	    "INSERT INTO draft(login, kind, data, saved) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT(login, kind) DO UPDATE SET data = excluded.data, saved = excluded.saved";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_text(s, 2, kind);
	sq_text(s, 3, data);
	sq_text(s, 4, saved);
	return sq_run(st, s, NULL);
}

int
store_draft_get(struct store *st, const char *login, const char *kind, char **data, char **saved)
{
	static const char sql[] = "SELECT data, saved FROM draft WHERE login = ?1 AND kind = ?2";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	*data = *saved = NULL;
	sq_text(s, 1, login);
	sq_text(s, 2, kind);
	if ((rc = sq_first(st, s)) == 0) {
		*data = sq_col(s, 0);
		*saved = sq_col(s, 1);
	}
	sq_done(st, s);
	return rc;
}

int
store_draft_delete(struct store *st, const char *login, const char *kind)
{
	static const char sql[] = "DELETE FROM draft WHERE login = ?1 AND kind = ?2";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, login);
	sq_text(s, 2, kind);
	return sq_changed(st, s);
}
