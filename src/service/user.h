/*
 * The user service: adding users, changing their settings, standing,
 * passwords and keys. Each function checks the acting user's right through
 * access.h (admins manage everyone; anyone may change their own password,
 * language and terminal encoding), validates once for every door, and
 * returns an exit code (exitcode.h) with *cause set on failure.
 */
#ifndef TONGBAN_USER_H
#define TONGBAN_USER_H

#include "session.h"

struct user_new {
	const char *login;
	const char *role;	/* clerk, approver, supervisor or admin */
	const char *region;
	const char *office;	/* NULL: a clerk's hall; required for approvers */
	const char *name;
	const char *lang;	/* NULL: zh */
	const char *encoding;	/* NULL: utf-8 */
	int head;		/* 负责人 of the office (approvers only) */
};

int user_add(struct session *s, const struct user_new *in, char **cause);
/* Change the given (non-NULL) settings of login; head is "yes" or "no"
 * (whether an approver heads the office: 负责人, an admin's to set). */
int user_change(struct session *s, const char *login, const char *name, const char *lang,
    const char *encoding, const char *head, char **cause);
int user_set_disabled(struct session *s, const char *login, int disabled, char **cause);
/* Check that the session's user may set login's password and that login
 * exists (before the password is read). */
int user_may_set_password(struct session *s, const char *login, char **cause);
/* 1 when setting login's password needs the current one (see
 * access_passwd_needs_current; an account without a password yet has none
 * to give), 0 when not, -1 with *cause when the store failed. */
int user_password_needs_current(struct session *s, const char *login, char **cause);
/* Set login's password (8 to 256 characters; stored as a slow hash).
 * current is the password it replaces, checked when one is needed
 * (EXIT_DENIED when wrong or missing); NULL otherwise. */
int user_set_password(struct session *s, const char *login, const char *current,
    const char *password, char **cause);
/* Add one OpenSSH public-key line (checked by libssh's import). */
int user_key_add(struct session *s, const char *login, char *line, char **cause);
int user_key_remove(struct session *s, const char *login, long id, char **cause);

#endif
