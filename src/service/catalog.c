/*
 * Reference-data imports; see catalog.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "clock.h"
#include "catalog.h"
#include "exitcode.h"
#include "i18n.h"
#include "load.h"
#include "store.h"
#include "util.h"

int
catalog_import(struct session *s, enum catalog_kind kind, FILE *fp, const char *name,
    const char *encoding, char **cause)
{
	int rc = 0;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, RIGHT_CATALOG_ADMIN)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
		return EXIT_DENIED;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	switch (kind) {
	case CATALOG_ITEMS:
		rc = load_items(s->st, fp, name, encoding, cause);
		break;
	case CATALOG_REGIONS:
		rc = load_regions(s->st, fp, name, 0, encoding, cause);
		break;
	}
	/* A bad row is invalid input; a commit that fails is the database's. */
	if (rc != 0) {
		rc = store_failed(s->st) ? EXIT_INTERNAL : EXIT_INVALID;
		store_rollback(s->st);
		return rc;
	}
	if (store_commit(s->st, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INTERNAL;
	}
	return 0;
}

/* One material or step as read, for editing in place. */
struct part {
	int want, found, last;
	const char *want_dept;	/* a step: the one of this department, when given */
	int exact;		/* ... and it was found */
	char name[256], name_en[256], dept[48];
	int required, secondary, days;
};

static int
mat_of(void *arg, int seq, const char *name, int required, int secondary)
{
	struct part *p = arg;

	if (seq > p->last)
		p->last = seq;
	if (seq == p->want) {
		p->found = 1;
		snprintf(p->name, sizeof p->name, "%s", name);
		p->required = required;
		p->secondary = secondary;
	}
	return 0;
}

static int
step_of(void *arg, int seq, const char *name, const char *name_en, const char *dept, int days)
{
	struct part *p = arg;

	if (seq > p->last)
		p->last = seq;
	/* Steps of one number side by side (a joint review) differ by their
	 * department: the one asked for, else the first. */
	if (seq == p->want && (!p->found || (p->want_dept && !p->exact &&
	    strcmp(dept, p->want_dept) == 0))) {
		p->found = 1;
		p->exact = p->want_dept && strcmp(dept, p->want_dept) == 0;
		snprintf(p->name, sizeof p->name, "%s", name);
		snprintf(p->name_en, sizeof p->name_en, "%s", name_en);
		snprintf(p->dept, sizeof p->dept, "%s", dept);
		p->days = days;
	}
	return 0;
}

struct dept_find {
	const char *kind;
	int found;
};

static int
dept_of(void *arg, const struct dept *d)
{
	struct dept_find *f = arg;

	if (strcmp(d->kind, f->kind) == 0)
		f->found = 1;
	return 0;
}

/* The admin's right, an item that exists, a name that fits: 0 inside an
 * open transaction, or an exit code (nothing begun). */
static int
edit_begin(struct session *s, const char *item, const char *name, const char *dept,
    char **cause)
{
	struct item it;
	int rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, RIGHT_CATALOG_ADMIN)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
		return EXIT_DENIED;
	}
	if (name != NULL && (*name == '\0' || strlen(name) > 200)) {
		set_cause(cause, "%s", _("--name: expected a name of 1 to 200 bytes"));
		return EXIT_INVALID;
	}
	if (dept != NULL) {
		struct dept_find f = { dept, 0 };

		store_dept_each(s->st, dept_of, &f);
		if (!f.found) {
			set_cause(cause, _("--dept: no department kind '%s' (see departments.csv)"),
			    dept);
			return EXIT_INVALID;
		}
	}
	if ((rc = store_item_get(s->st, item, &it)) != 0) {
		set_cause(cause, _("no item '%s'"), item);
		return rc < 0 ? EXIT_INTERNAL : EXIT_NOTFOUND;
	}
	item_release(&it);
	return store_begin(s->st, cause) != 0 ? EXIT_INTERNAL : 0;
}

/* The change's event (subject item:CODE) in the audit chain. */
static int
item_event(struct session *s, const char *item, const char *action, int seq, const char *name,
    char **cause)
{
	struct event e;
	char at[32], subject[64], note[320];

	clock_stamp(session_today(s), at);
	snprintf(subject, sizeof subject, "item:%s", item);
	snprintf(note, sizeof note, "%d %s", seq, name ? name : "");
	memset(&e, 0, sizeof e);
	e.subject = subject;
	e.at = at;
	e.actor = s->user.login;
	e.addr = s->addr;
	e.action = (char *)action;
	e.note = note;
	return audit_record(s->st, &e, cause);
}

static int
edit_end(struct session *s, int rc, const char *item, const char *action, int seq,
    const char *name, char **cause)
{
	if (rc == 0 && action != NULL && item_event(s, item, action, seq, name, cause) != 0)
		rc = EXIT_INTERNAL;
	if (rc == 0 && store_commit(s->st, cause) == 0)
		return EXIT_OK;
	store_rollback(s->st);
	return rc ? rc : EXIT_INTERNAL;
}

int
catalog_material_add(struct session *s, const char *item, const char *name, int required,
    int secondary, int *seq, char **cause)
{
	struct part p = { 0 };
	int rc;

	if (name == NULL) {
		set_cause(cause, "%s", _("--name: expected the material's name"));
		return EXIT_INVALID;
	}
	if (secondary == 1 && required == 0) {
		set_cause(cause, "%s", _("--secondary: only a required material may be pledged (容缺)"));
		return EXIT_INVALID;
	}
	if ((rc = edit_begin(s, item, name, NULL, cause)) != 0)
		return rc;
	store_material_each(s->st, item, mat_of, &p);
	if (p.last >= 63) {
		set_cause(cause, "%s", _("an item has at most 63 materials"));
		return edit_end(s, EXIT_INVALID, item, NULL, 0, NULL, cause);
	}
	*seq = p.last + 1;
	if (store_material_put(s->st, item, *seq, name, required != 0, secondary == 1, cause) != 0)
		return edit_end(s, EXIT_INTERNAL, item, NULL, 0, NULL, cause);
	return edit_end(s, 0, item, "material_add", *seq, name, cause);
}

int
catalog_material_set(struct session *s, const char *item, int seq, const char *name,
    int required, int secondary, char **cause)
{
	struct part p = { 0 };
	int rc;

	p.want = seq;
	if ((rc = edit_begin(s, item, name, NULL, cause)) != 0)
		return rc;
	store_material_each(s->st, item, mat_of, &p);
	if (!p.found) {
		set_cause(cause, _("item '%s' has no material %d"), item, seq);
		return edit_end(s, EXIT_NOTFOUND, item, NULL, 0, NULL, cause);
	}
	if ((secondary >= 0 ? secondary : p.secondary) && !(required >= 0 ? required : p.required)) {
		set_cause(cause, "%s", _("--secondary: only a required material may be pledged (容缺)"));
		return edit_end(s, EXIT_INVALID, item, NULL, 0, NULL, cause);
	}
	if (store_material_put(s->st, item, seq, name ? name : p.name,
	    required >= 0 ? required : p.required, secondary >= 0 ? secondary : p.secondary,
	    cause) != 0)
		return edit_end(s, EXIT_INTERNAL, item, NULL, 0, NULL, cause);
	return edit_end(s, 0, item, "material_set", seq, name ? name : p.name, cause);
}

int
catalog_step_add(struct session *s, const char *item, const char *name, const char *name_en,
    const char *dept, int days, int *seq, char **cause)
{
	struct part p = { 0 };
	int rc;

	if (name == NULL || name_en == NULL || dept == NULL || days <= 0) {
		set_cause(cause, "%s", _("a step needs --name, --name-en, --dept and --days"));
		return EXIT_INVALID;
	}
	if ((rc = edit_begin(s, item, name, dept, cause)) != 0)
		return rc;
	store_step_each(s->st, item, step_of, &p);
	*seq = p.last + 1;
	if (store_step_put(s->st, item, *seq, name, name_en, dept, days, cause) != 0)
		return edit_end(s, EXIT_INTERNAL, item, NULL, 0, NULL, cause);
	return edit_end(s, 0, item, "step_add", *seq, name, cause);
}

int
catalog_step_set(struct session *s, const char *item, int seq, const char *name,
    const char *name_en, const char *dept, int days, char **cause)
{
	struct part p = { 0 };
	int rc;

	p.want = seq;
	p.want_dept = dept;
	if ((rc = edit_begin(s, item, name, dept, cause)) != 0)
		return rc;
	store_step_each(s->st, item, step_of, &p);
	if (!p.found) {
		set_cause(cause, _("item '%s' has no step %d"), item, seq);
		return edit_end(s, EXIT_NOTFOUND, item, NULL, 0, NULL, cause);
	}
	/* The department is part of what the open cases were routed by. */
	if (dept != NULL && !p.exact) {
		set_cause(cause, _("--dept: step %d is handled by %s; a step keeps its department "
		    "(add a step for another)"), seq, p.dept);
		return edit_end(s, EXIT_INVALID, item, NULL, 0, NULL, cause);
	}
	if (store_step_put(s->st, item, seq, name ? name : p.name, name_en ? name_en : p.name_en,
	    dept ? dept : p.dept, days > 0 ? days : p.days, cause) != 0)
		return edit_end(s, EXIT_INTERNAL, item, NULL, 0, NULL, cause);
	return edit_end(s, 0, item, "step_set", seq, name ? name : p.name, cause);
}
