/*
 * The audit trail: events are appended with their hash chain and read
 * back per case, in a date range, or all in id order.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Events ------------------------------------------------------------------- */

int
store_event_insert(struct store *st, struct event *e, char **cause)
{
	static const char sql[] =
	    "INSERT INTO event(id, case_id, at, actor, addr, action, from_status, to_status, "
	    "note, hash, subject) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sq_stmt *s = sq_prep(st, sql);

	if (e->id > 0)
		sq_int(s, 1, e->id);
	sq_int(s, 2, e->case_id);
	sq_text(s, 3, e->at);
	sq_text(s, 4, e->actor);
	sq_text(s, 5, e->addr ? e->addr : "");
	sq_text(s, 6, e->action);
	sq_text(s, 7, e->from_status ? e->from_status : "");
	sq_text(s, 8, e->to_status ? e->to_status : "");
	sq_text(s, 9, e->note ? e->note : "");
	sq_text(s, 10, e->hash);
	sq_text(s, 11, e->subject ? e->subject : "");
	if (sq_run(st, s, cause) != 0)
		return -1;
	e->id = sq_last_id(st);
	return 0;
}

#define EVENT_COLS "id, case_id, at, actor, addr, action, from_status, to_status, note, hash, " \
	"subject"

static int
event_iter(struct store *st, sq_stmt *s, store_event_fn fn, void *arg)
{
	int rc = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		struct event e;

		e.id = sq_col_int(s, 0);
		e.case_id = sq_col_int(s, 1);
		e.at = sq_col(s, 2);
		e.actor = sq_col(s, 3);
		e.addr = sq_col(s, 4);
		e.action = sq_col(s, 5);
		e.from_status = sq_col(s, 6);
		e.to_status = sq_col(s, 7);
		e.note = sq_col(s, 8);
		e.hash = sq_col(s, 9);
		e.subject = sq_col(s, 10);
		rc = fn(arg, &e);
		event_release(&e);
	}
	sq_done(st, s);
	return rc;
}

int
store_event_each_of_subject(struct store *st, const char *subject, store_event_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM event WHERE subject = ?1 AND subject <> '' ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, subject);
	return event_iter(st, s, fn, arg);
}

int
store_event_each_of_case(struct store *st, long long case_id, store_event_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM event WHERE case_id = ?1 ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, case_id);
	return event_iter(st, s, fn, arg);
}

int
store_event_each(struct store *st, store_event_fn fn, void *arg)
{
	static const char sql[] = "SELECT " EVENT_COLS " FROM event ORDER BY id";

	return event_iter(st, sq_prep(st, sql), fn, arg);
}

int
store_event_each_between(struct store *st, const char *from, const char *to,
    store_event_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT " EVENT_COLS " FROM event WHERE substr(at, 1, 10) >= ?1 "
	    "AND substr(at, 1, 10) <= ?2 ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, from);
	sq_text(s, 2, to);
	return event_iter(st, s, fn, arg);
}

int
store_event_last(struct store *st, long long *id, char hash[65])
{
	static const char sql[] = "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
	sq_stmt *s = sq_prep(st, sql);
	const unsigned char *h;

	int rc;

	*id = 0;
	hash[0] = '\0';
	if ((rc = sq_first(st, s)) == 0) {
		*id = sq_col_int(s, 0);
		if ((h = sq_col_text(s, 1)) != NULL) {
			strncpy(hash, (const char *)h, 64);
			hash[64] = '\0';
		}
	}
	sq_done(st, s);
	return rc == STORE_NOTFOUND ? 0 : rc;
}
