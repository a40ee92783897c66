/*
 * Notices, the yellow threshold, and the open cases they move; see
 * calendar.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "calendar.h"
#include "exitcode.h"
#include "i18n.h"
#include "load.h"
#include "stats.h"
#include "tcase.h"
#include "util.h"

/* The next value of STORE_CALENDAR_REV, in the caller's transaction. */
static int
bump_rev(struct store *st, char **cause)
{
	char *v = NULL, next[24];
	long n = 0;

	if (store_meta_get(st, STORE_CALENDAR_REV, &v) == 0 && v != NULL)
		parse_int(v, 0, 2000000000, &n);
	free(v);
	snprintf(next, sizeof next, "%ld", n + 1);
	return store_meta_set(st, STORE_CALENDAR_REV, next, cause);
}

/* What changed in a case's clock, for its event. */
static void
describe(struct sb *note, const struct tcase *was, const char *warn, const char *due,
    const char *dd, const char *sd, int on_time, int provisional)
{
	if (strcmp(was->due, due) != 0)
		sb_addf(note, _("; due %s → %s"), was->due, due);
	if (strcmp(was->warn, warn) != 0)
		sb_addf(note, _("; yellow from %s → %s"), was->warn, warn);
	if (was->on_time >= 0 && was->on_time != on_time)
		sb_addf(note, _("; %s → %s"), was->on_time ? _("on time") : _("late"),
		    on_time ? _("on time") : _("late"));
	else if (was->on_time < 0 && on_time >= 0)
		sb_addf(note, "; %s", on_time ? _("on time") : _("late"));
	if (dd != NULL && strcmp(was->deliver_due ? was->deliver_due : "", dd) != 0)
		sb_addf(note, _("; delivery due %s → %s"), was->deliver_due, dd);
	if (sd != NULL && strcmp(was->suspend_due ? was->suspend_due : "", sd) != 0)
		sb_addf(note, _("; the period told ends %s → %s"), was->suspend_due, sd);
	if (was->provisional && !provisional)
		sb_adds(note, _("; no longer provisional: counted by the notices"));
	else if (!was->provisional && provisional)
		sb_adds(note, _("; provisional: counted over a year without a notice"));
}

/* One open case: 1 when it changed, 0 when not, -1 on failure. */
static int
recompute_one(struct store *st, const struct calendar *cal, const struct actor *who,
    struct audit_chain *ch, const char *why, long long id, char **cause)
{
	struct tcase c, before;
	struct sb note = SB_INIT;
	struct event e;
	char warn[11], due[11], dwarn[11] = "", ddue[11] = "", sdue[11] = "", at[32],
	    *status = NULL;
	int w, d, p, dec, on_time, dw, dd, dp, rc = -1;

	memset(&c, 0, sizeof c);
	memset(&before, 0, sizeof before);
	if (store_case_get_id(st, id, &c) != 0 || store_case_get_id(st, id, &before) != 0) {
		set_cause(cause, _("cannot read case %lld: %s"), id, store_error(st));
		goto out;
	}
	if (!c.open || tcase_clock(cal, &c, &w, &d, &p) != 0) {
		rc = 0;
		goto out;
	}
	clock_format_date(w, warn);
	clock_format_date(d, due);
	/* A decided case waiting for delivery: on time means decided by the due date. */
	on_time = c.on_time;
	if (c.decided && *c.decided && clock_parse_date(c.decided, &dec) == 0)
		on_time = dec <= d;
	/* art. 44: and its delivery clock, counted by the new calendar. */
	if (tcase_delivery_clock(cal, &c, &dw, &dd, &dp) == 0) {
		clock_format_date(dw, dwarn);
		clock_format_date(dd, ddue);
	}
	/* art. 45: the end of a suspension's period told. */
	if (tcase_suspend_clock(cal, &c, &dw, &dd) == 0)
		clock_format_date(dd, sdue);
	if (strcmp(warn, c.warn) == 0 && strcmp(due, c.due) == 0 && p == c.provisional &&
	    on_time == c.on_time && strcmp(dwarn, c.deliver_warn ? c.deliver_warn : "") == 0 &&
	    strcmp(ddue, c.deliver_due ? c.deliver_due : "") == 0 &&
	    strcmp(sdue, c.suspend_due ? c.suspend_due : "") == 0) {
		rc = 0;
		goto out;
	}
	sb_adds(&note, why);
	describe(&note, &before, warn, due, *ddue ? ddue : NULL, *sdue ? sdue : NULL, on_time, p);
	free(c.warn);
	free(c.due);
	c.warn = xstrdup(warn);
	c.due = xstrdup(due);
	c.on_time = on_time;
	c.provisional = p;
	free(c.deliver_warn);
	free(c.deliver_due);
	c.deliver_warn = xstrdup(dwarn);
	c.deliver_due = xstrdup(ddue);
	free(c.suspend_due);
	c.suspend_due = xstrdup(sdue);
	/* The write lock is ours since the transaction began: no one else can
	 * have changed the case in between. */
	if (store_case_update(st, &c, cause) != 0)
		goto out;
	status = c.status;
	clock_stamp(who->today, at);
	memset(&e, 0, sizeof e);
	e.case_id = c.id;
	e.at = at;
	e.actor = who->user->login;
	e.addr = (char *)(who->addr ? who->addr : "");
	e.action = (char *)"reclock";
	e.from_status = status;
	e.to_status = status;
	e.note = note.buf;
	if (audit_append(st, ch, &e, cause) != 0 || stats_case_change(st, &before, &c, cause) != 0)
		goto out;
	rc = 1;
out:
	sb_release(&note);
	if (c.no)
		tcase_release(&c);
	if (before.no)
		tcase_release(&before);
	return rc;
}

int
calendar_recompute(struct store *st, const struct calendar *cal, const struct actor *who,
    const char *why, long *n, char **cause)
{
	struct audit_chain ch;
	long long *ids = NULL;
	size_t nids = 0, i;
	int rc = 0;

	*n = 0;
	if (store_case_open_ids(st, &ids, &nids, cause) != 0)
		return -1;
	audit_chain_load(st, &ch);
	for (i = 0; i < nids && rc == 0; i++) {
		int r = recompute_one(st, cal, who, &ch, why, ids[i], cause);

		if (r < 0)
			rc = -1;
		else
			*n += r;
	}
	free(ids);
	if (rc == 0 && *n > 0)
		rc = audit_chain_save(st, &ch, cause);
	return rc;
}

/* Replace the session's calendar by next (which it takes over). */
static void
adopt(struct session *s, struct calendar *next)
{
	clock_calendar_release(s->cal);
	*s->cal = *next;
	memset(next, 0, sizeof *next);
	free(s->cal_rev);
	store_meta_get(s->st, STORE_CALENDAR_REV, &s->cal_rev);
}

/*
 * The common path of an import and a setting: in one transaction, change
 * (by fn), count the calendar again from the store, move the open cases,
 * commit; then the session counts with the new calendar.
 */
static int
change(struct session *s, int (*fn)(struct session *, void *, char **), void *arg,
    const char *why, long *recomputed, char **cause)
{
	struct calendar next;
	struct actor who;
	int rc;

	*recomputed = 0;
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, RIGHT_CATALOG_ADMIN)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
		return EXIT_DENIED;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if (fn(s, arg, cause) != 0) {
		/* A bad row is invalid input; a write that fails is the database's. */
		rc = store_failed(s->st) ? EXIT_INTERNAL : EXIT_INVALID;
		store_rollback(s->st);
		return rc;
	}
	who.user = &s->user;
	who.addr = s->addr;
	who.today = session_today(s);
	clock_calendar_init(&next);
	if (bump_rev(s->st, cause) != 0 || store_calendar_load(s->st, &next, cause) != 0 ||
	    calendar_recompute(s->st, &next, &who, why, recomputed, cause) != 0 ||
	    store_commit(s->st, cause) != 0) {
		store_rollback(s->st);
		clock_calendar_release(&next);
		*recomputed = 0;
		return EXIT_INTERNAL;
	}
	adopt(s, &next);
	return 0;
}

struct import {
	FILE *fp;
	const char *name;
	const char *encoding;
};

static int
do_import(struct session *s, void *arg, char **cause)
{
	struct import *im = arg;

	return load_calendar(s->st, im->fp, im->name, im->encoding, cause);
}

int
calendar_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    long *recomputed, char **cause)
{
	struct import im = { fp, name, encoding };
	struct sb why = SB_INIT;
	int rc;

	sb_addf(&why, _("holiday notice imported (%s)"), name);
	rc = change(s, do_import, &im, why.buf, recomputed, cause);
	sb_release(&why);
	return rc;
}

static int
do_warn(struct session *s, void *arg, char **cause)
{
	char v[12];

	snprintf(v, sizeof v, "%d", *(int *)arg);
	return store_meta_set(s->st, STORE_WARN_PERCENT, v, cause);
}

int
calendar_set_warn(struct session *s, int percent, int *before, long *recomputed, char **cause)
{
	struct sb why = SB_INIT;
	int rc;

	*recomputed = 0;
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	*before = s->cal->warn_percent;
	if (percent < 1 || percent > 100) {
		set_cause(cause, _("warn-percent: expected a whole number from 1 to 100, not %d"),
		    percent);
		return EXIT_INVALID;
	}
	sb_addf(&why, _("yellow threshold %d%% → %d%% of the limit"), *before, percent);
	rc = change(s, do_warn, &percent, why.buf, recomputed, cause);
	sb_release(&why);
	return rc;
}
