/*
 * The audit trail seen through the access rule; see trail.h. Events of one
 * case come in runs, so the export remembers the verdict of each case it
 * has looked up (a small open-addressing table) instead of loading the case
 * once per event.
 */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "record.h"
#include "project.h"
#include "trail.h"
#include "util.h"

struct seen {
	long long *id;		/* 0: an empty slot */
	signed char *ok;
	size_t cap, n;
};

static void
seen_release(struct seen *t)
{
	free(t->id);
	free(t->ok);
	memset(t, 0, sizeof *t);
}

static size_t
seen_slot(const struct seen *t, long long id)
{
	size_t i = (size_t)((unsigned long long)id * 0x9e3779b97f4a7c15ULL) & (t->cap - 1);

	while (t->id[i] != 0 && t->id[i] != id)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* The verdict remembered for case id: 1, 0, or -1 when not looked up. */
static int
seen_get(const struct seen *t, long long id)
{
	size_t i;

	if (t->cap == 0)
		return -1;
	i = seen_slot(t, id);
	return t->id[i] == id ? t->ok[i] : -1;
}

static void
seen_put(struct seen *t, long long id, int ok)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap) {
		struct seen old = *t;

		t->cap = old.cap ? old.cap * 2 : 256;
		t->id = xcalloc(t->cap, sizeof *t->id);
		t->ok = xcalloc(t->cap, sizeof *t->ok);
		t->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.id[i] != 0)
				seen_put(t, old.id[i], old.ok[i]);
		seen_release(&old);
	}
	i = seen_slot(t, id);
	if (t->id[i] == 0)
		t->n++;
	t->id[i] = id;
	t->ok[i] = (signed char)ok;
}

static int
case_visible(struct session *s, long long id)
{
	struct tcase k;
	int rc, ok;

	rc = store_case_get_id(s->st, id, &k);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != 0)
		return -1;
	ok = access_can_see(&s->user, &k);
	tcase_release(&k);
	return ok;
}

static int
found_one(void *arg, const struct tcase *k)
{
	(void)k;
	*(int *)arg = 1;
	return 1;	/* one is enough */
}

/* The user may see a case of applicant id: the scope of case find. */
static int
applicant_visible(struct session *s, const char *id)
{
	struct case_filter f;
	struct scope sc;
	char today[11], *cause = NULL;
	int found = 0, rc;

	if (*id == '\0')
		return 0;
	memset(&f, 0, sizeof f);
	f.applicant = id;
	f.light = LIGHT_NONE;
	f.limit = 1;
	clock_format_date(session_today(s), today);
	f.today = today;
	access_scope(&s->user, &sc);
	rc = store_case_find(s->st, &f, &sc, found_one, &found, &cause);
	free(cause);
	if (rc != 0 && !found)
		return -1;
	return found;
}

static int
visible(struct session *s, struct seen *cache, const struct event *e)
{
	struct scope sc;
	enum record_kind kind;
	const char *subject = e->subject ? e->subject : "";
	const char *colon = strchr(subject, ':');
	long n;
	int ok;

	access_scope(&s->user, &sc);
	if (sc.kind == SCOPE_ALL)
		return 1;
	if (*subject == '\0' && e->case_id > 0) {
		if (cache != NULL && (ok = seen_get(cache, e->case_id)) >= 0)
			return ok;
		ok = case_visible(s, e->case_id);
		if (cache != NULL && ok >= 0)
			seen_put(cache, e->case_id, ok);
		return ok;
	}
	if (colon == NULL)
		return 0;
	if (strncmp(subject, "applicant:", 10) == 0)
		return applicant_visible(s, colon + 1);
	/* A project is seen through its cases. */
	if (strncmp(subject, "project:", 8) == 0)
		return project_visible(s, colon + 1);
	if (record_kind_parse(subject, (size_t)(colon - subject), &kind) == 0 &&
	    parse_int(colon + 1, 1, 2147483647, &n) == 0)
		return record_visible(s, kind, n);
	return 0;
}

int
trail_visible(struct session *s, const struct event *e)
{
	return visible(s, NULL, e);
}

struct walk {
	struct session *s;
	struct seen cache;
	store_event_fn fn;
	void *arg;
};

static int
walk_one(void *arg, const struct event *e)
{
	struct walk *w = arg;
	int ok = visible(w->s, &w->cache, e);

	if (ok < 0)
		return -1;
	return ok ? w->fn(w->arg, e) : 0;
}

int
trail_export(struct session *s, const char *from, const char *to, store_event_fn fn,
    void *arg, char **cause)
{
	struct walk w;
	int rc;

	memset(&w, 0, sizeof w);
	w.s = s;
	w.fn = fn;
	w.arg = arg;
	rc = store_event_each_between(s->st, from, to, walk_one, &w);
	seen_release(&w.cache);
	if (rc != 0) {
		/* fn (a writer of rows) never stops the walk: a failure is the store's */
		set_cause(cause, _("cannot read the record: %s"), store_error(s->st));
		return EXIT_INTERNAL;
	}
	return 0;
}

int
trail_verify(struct session *s, struct audit_result *res, char **cause)
{
	int rc = audit_verify(s->st, res);

	if (rc < 0) {
		set_cause(cause, _("cannot read the record: %s"), store_error(s->st));
		return EXIT_INTERNAL;
	}
	return rc;
}
