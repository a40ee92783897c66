/*
 * The case service; see case.h.
 */
#include <string.h>

#include "access.h"
#include "case.h"
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
