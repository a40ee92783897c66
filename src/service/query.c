/*
 * Saved queries: names, owners and sharing. Whoever runs a query runs it
 * with their own rights and sight, so sharing one shares a question, never
 * an answer.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "query.h"
#include "util.h"

/* A name a cron line can hold: 1 to 64 bytes, no space, quote or control. */
static int
name_ok(const char *n, char **cause)
{
	size_t len = strlen(n);
	unsigned cp;

	if (len == 0 || len > 64 || !utf8_valid(n, len) || utf8_ctl(n, len, 0, &cp) >= 0 ||
	    strpbrk(n, " \t'\"\\/") != NULL) {
		set_cause(cause, _("query name: expected 1 to 64 bytes without spaces, quotes or "
		    "slashes, found '%s'"), n);
		return EXIT_INVALID;
	}
	return 0;
}

int
query_save(struct session *s, const char *name, const char *words, int share, char **cause)
{
	char now[20];
	struct tm tm;
	time_t t = time(NULL);
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if ((rc = name_ok(name, cause)) != 0)
		return rc;
	if (share && !access_may_share_query(&s->user)) {
		set_cause(cause, "%s", _("--share: only supervisors share queries with their region"));
		return EXIT_DENIED;
	}
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
	if (store_query_put(s->st, s->user.login, name, words, share ? s->user.region : "", now,
	    cause) != 0)
		return EXIT_INTERNAL;
	return EXIT_OK;
}

int
query_get(struct session *s, const char *name, struct saved_query *q, char **cause)
{
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	rc = store_query_get(s->st, s->user.login, s->user.region ? s->user.region : "", name, q);
	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("no saved query '%s' (query list shows yours)"), name);
		return EXIT_NOTFOUND;
	}
	if (rc != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

int
query_each(struct session *s, store_query_fn fn, void *arg, char **cause)
{
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (store_query_each(s->st, s->user.login, s->user.region ? s->user.region : "", fn,
	    arg) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

int
query_delete(struct session *s, const char *name, char **cause)
{
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	rc = store_query_delete(s->st, s->user.login, name);
	if (rc == STORE_NOTFOUND) {
		set_cause(cause, _("you have no saved query '%s'"), name);
		return EXIT_NOTFOUND;
	}
	if (rc != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}
