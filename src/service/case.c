/*
 * The case service; see case.h.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "case.h"
#include "clock.h"
#include "exitcode.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

int
case_get(struct session *s, const char *no, struct tcase *k, char **cause)
{
	int rc;

	memset(k, 0, sizeof *k);
	rc = store_case_get(s->st, no, k);
	if (rc == 0 && access_can_see(&s->user, k))
		return 0;
	if (k->no != NULL)
		tcase_release(k);
	if (rc != 0 && rc != STORE_NOTFOUND) {
		set_cause(cause, _("cannot read case '%s': %s"), no, store_error(s->st));
		return EXIT_INTERNAL;
	}
	set_cause(cause, _("no case '%s'"), no);
	return EXIT_NOTFOUND;
}

const char *
case_verdict(const struct tcase *k)
{
	/* Only a decision ends the clock: a withdrawn or refused application
	 * was never on time or late. */
	if (k->on_time < 0 || k->decided == NULL || *k->decided == '\0')
		return "";
	return k->on_time ? _("on time") : _("late");
}

struct same_ctx {
	char *no;
	char *day;
	int today;
};

static int
same_one(void *arg, const struct tcase *k)
{
	struct same_ctx *x = arg;
	char d[11];

	clock_format_date(x->today, d);
	if (!k->open && strcmp(k->submitted, d) != 0)
		return 0;
	snprintf(x->no, 32, "%s", k->no);
	snprintf(x->day, 11, "%s", k->submitted);
	return 1;
}

int
case_same_open(struct session *s, const char *applicant, const char *item, char no[32],
    char day[11])
{
	struct case_filter f;
	struct scope sc;
	struct same_ctx x = { no, day, session_today(s) };
	int rc;

	no[0] = day[0] = '\0';
	if (applicant == NULL || *applicant == '\0' || item == NULL || *item == '\0')
		return 0;
	memset(&f, 0, sizeof f);
	f.applicant = applicant;
	f.item = item;
	f.limit = 50;
	access_scope(&s->user, &sc);
	rc = store_case_find(s->st, &f, &sc, same_one, &x, NULL);
	return rc < 0 ? -1 : no[0] != '\0';
}
