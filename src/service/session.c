/*
 * Sessions: open the store for one user, keep their record current, and
 * tell the day. See session.h for the contract.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "session.h"
#include "util.h"

static char *
dup_or_null(const char *v)
{
	return v ? xstrdup(v) : NULL;
}

static void
user_copy(struct user *to, const struct user *from)
{
	memset(to, 0, sizeof *to);
	to->login = dup_or_null(from->login);
	to->name = dup_or_null(from->name);
	to->role = from->role;
	to->region = dup_or_null(from->region);
	to->region_level = dup_or_null(from->region_level);
	to->office = dup_or_null(from->office);
	to->lang = dup_or_null(from->lang);
	to->encoding = dup_or_null(from->encoding);
	to->disabled = from->disabled;
	to->head = from->head;
}

static void
local_user(struct user *u)
{
	memset(u, 0, sizeof *u);
	u->login = xstrdup("local");
	u->name = xstrdup("local");
	u->role = ROLE_LOCAL;
	u->region = xstrdup("500000");
	u->region_level = xstrdup("city");
	u->lang = xstrdup(i18n_lang());
	u->encoding = xstrdup("utf-8");
}

int
session_open(struct session *s, const char *db, const char *login, const char *addr,
    char **cause)
{
	int rc = EXIT_INTERNAL;

	memset(s, 0, sizeof *s);
	snprintf(s->addr, sizeof s->addr, "%s", addr ? addr : "local");
	s->st = store_open(db, NULL, cause);
	if (s->st == NULL)
		return EXIT_INTERNAL;
	s->owns_store = 1;
	s->cal = &s->own_cal;
	store_meta_get(s->st, STORE_CALENDAR_REV, &s->cal_rev);
	clock_calendar_init(s->cal);
	if (store_calendar_load(s->st, s->cal, cause) != 0)
		goto fail;
	if (login == NULL) {
		s->local = 1;
		local_user(&s->user);
		return 0;
	}
	s->seen_version = store_data_version(s->st);
	rc = store_user_get(s->st, login, &s->user);
	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("no user '%s'"), login);
		rc = EXIT_NOTFOUND;
		goto fail;
	}
	if (rc != 0) {
		set_cause(cause, _("cannot read user '%s': %s"), login, store_error(s->st));
		goto fail;
	}
	if (s->user.disabled) {
		set_cause(cause, _("user '%s' is disabled"), login);
		rc = EXIT_DENIED;
		goto fail;
	}
	return 0;
fail:
	session_close(s);
	return rc;
}

void
session_init(struct session *s, struct store *st, const struct calendar *cal,
    const struct user *u, const char *addr)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	s->cal = (struct calendar *)cal;
	snprintf(s->addr, sizeof s->addr, "%s", addr ? addr : "local");
	if (u == NULL || access_has(u, RIGHT_HOST_FILES)) {	/* the host operator */
		s->local = 1;
		local_user(&s->user);
	} else
		user_copy(&s->user, u);
	s->seen_version = store_data_version(st);
	store_meta_get(st, STORE_CALENDAR_REV, &s->cal_rev);
}

static char *read_db;

void
session_set_read_db(const char *where)
{
	free(read_db);
	read_db = where != NULL && *where != '\0' ? xstrdup(where) : NULL;
}

struct store *
session_read_store(struct session *s)
{
	char *cause = NULL;

	if (s->read_st != NULL)
		return s->read_st;
	if (read_db == NULL || s->read_tried || s->st == NULL)
		return s->st;
	s->read_tried = 1;
	s->read_st = store_open(read_db, NULL, &cause);
	if (s->read_st == NULL) {
		free(s->read_note);
		s->read_note = NULL;
		set_cause(&s->read_note, _("--read-db: %s; reading from --db instead"),
		    cause ? cause : "?");
		free(cause);
		return s->st;
	}
	return s->read_st;
}

struct store *
session_read_begin(struct session *s)
{
	struct store *primary = s->st;

	s->st = session_read_store(s);
	return primary;
}

void
session_read_end(struct session *s, struct store *primary)
{
	s->st = primary;
}

char *
session_read_note(struct session *s)
{
	char *n = s->read_note;

	s->read_note = NULL;
	return n;
}

void
session_host(struct session *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->addr, sizeof s->addr, "local");
	s->local = 1;
	local_user(&s->user);
}

void
session_close(struct session *s)
{
	user_release(&s->user);
	free(s->cal_rev);
	if (s->cal == &s->own_cal)
		clock_calendar_release(&s->own_cal);
	if (s->owns_store)
		store_close(s->st);
	store_close(s->read_st);
	free(s->read_note);
	memset(s, 0, sizeof *s);
}

int
session_today(struct session *s)
{
	const char *path = getenv("TONGBAN_TODAY_FILE");
	char line[32];
	FILE *fp;
	int day;

	if (s != NULL && s->fixed_today > 0)
		return s->fixed_today;
	if (path != NULL && (fp = fopen(path, "r")) != NULL) {
		if (fgets(line, sizeof line, fp) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			if (clock_parse_date(line, &day) == 0) {
				fclose(fp);
				return day;
			}
		}
		fclose(fp);
	}
	return clock_today();
}

/*
 * Another session imported a notice or set the threshold: count with the
 * calendar as it is now, so that a console open since before the notice
 * does not date new cases by the statutory holidays alone.
 */
static int
calendar_refresh(struct session *s, char **cause)
{
	struct calendar next;
	char *rev = NULL;

	if (store_meta_get(s->st, STORE_CALENDAR_REV, &rev) < 0) {
		set_cause(cause, _("database: %s"), store_error(s->st));
		return EXIT_INTERNAL;
	}
	if ((rev == NULL && s->cal_rev == NULL) ||
	    (rev != NULL && s->cal_rev != NULL && strcmp(rev, s->cal_rev) == 0)) {
		free(rev);
		return 0;
	}
	clock_calendar_init(&next);
	if (store_calendar_load(s->st, &next, cause) != 0) {
		clock_calendar_release(&next);
		free(rev);
		return EXIT_INTERNAL;
	}
	clock_calendar_release(s->cal);
	*s->cal = next;
	free(s->cal_rev);
	s->cal_rev = rev;
	return 0;
}

int
session_refresh(struct session *s, char **cause)
{
	struct user u;
	long v;
	int rc;

	if (s->local)
		return 0;
	assert(s->st != NULL);
	v = store_data_version(s->st);
	if (v == s->seen_version) {
		if (!s->user.disabled)
			return 0;
		set_cause(cause, _("user '%s' has been disabled"), s->user.login);
		return EXIT_DENIED;
	}
	rc = store_user_get(s->st, s->user.login, &u);
	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("user '%s' no longer exists"), s->user.login);
		return EXIT_DENIED;
	}
	if (rc != 0) {
		set_cause(cause, _("cannot read user '%s': %s"), s->user.login, store_error(s->st));
		return EXIT_INTERNAL;
	}
	s->seen_version = v;
	user_release(&s->user);
	s->user = u;
	if ((rc = calendar_refresh(s, cause)) != 0)
		return rc;
	if (s->user.disabled) {
		set_cause(cause, _("user '%s' has been disabled"), s->user.login);
		return EXIT_DENIED;
	}
	return 0;
}

void
session_idle(struct session *s)
{
	if (s->st != NULL)
		store_idle(s->st);
}

int
session_db_waiting(void)
{
	return store_budget_waiting();
}
