/*
 * The record service: supervision orders (督办), complaints (投诉) and
 * ratings (好差评), each a small record with its own life. Every change is
 * one transaction that reads the record inside it, checks the status it
 * starts from, writes the record and its event in the audit chain (subject
 * "supervision:N", "complaint:N", "rating:N") together: of two opposite
 * steps taken at once, exactly one wins and the other is a conflict.
 *
 * Functions return an exit code (exitcode.h) and set *cause on failure.
 * A record out of the user's sight reads like one that does not exist.
 */
#ifndef TONGBAN_RECORD_H
#define TONGBAN_RECORD_H

#include "session.h"
#include "store.h"

enum record_kind { RECORD_ORDER, RECORD_COMPLAINT, RECORD_RATING };

/* One record's columns as text (see store.h for each kind's columns). */
struct record_row {
	char v[16][512];
	int n;
};

struct record_new {
	const char *case_no;	/* the case concerned, or NULL with office */
	const char *office;	/* the office concerned, or NULL with case_no */
	const char *text;	/* order: the note; complaint: its text; rating: comment */
	const char *due;	/* order: YYYY-MM-DD, from today on */
	int missing_material;	/* complaint: about a material the guide did not list */
	int level;		/* rating: 1 (very bad) to 5 (very good) */
	char office_to[64];	/* on return: the office the record concerns */
};

/* Open a record; its id goes to *id and its due date (the order's, the
 * complaint's acceptance limit, a bad rating's rectification) to due. */
int record_new(struct session *s, enum record_kind kind, struct record_new *in,
    long long *id, char due[11], char **cause);
/* Take step verb (order: respond, close, return; complaint: accept, refuse,
 * answer, close; rating: callback) on record id; *to is the new status. */
int record_step(struct session *s, enum record_kind kind, long long id, const char *verb,
    const char *note, const char **to, char **cause);
/* The records the user may see, of one status (NULL: all), bad ratings only. */
int record_list(struct session *s, enum record_kind kind, const char *status, int bad_only,
    store_row_fn fn, void *arg, char **cause);
/* 1 when the user may see record id of kind, 0 when not (or it does not
 * exist), -1 when the store failed. */
int record_visible(struct session *s, enum record_kind kind, long long id);
/* The kind named by an event's subject prefix ("supervision", "complaint",
 * "rating"): 0, or -1 for another word. */
int record_kind_parse(const char *word, size_t n, enum record_kind *kind);
/* The verbs of a kind, for usage lines: "respond, close, return". */
const char *record_verbs(enum record_kind kind);

/*
 * Deadlines (store_late_each): the records of the region subtree prefix
 * (already narrowed to the user's) past a deadline, pending today or met
 * late on a day in [from, to], each with the working days past its due
 * date (to the day it was met, or today):
 *   order          not answered by its due date
 *   complaint      not accepted or refused within 5 working days
 *   rectification  a bad rating's, not reported within 15 working days
 */
typedef int (*record_late_fn)(void *arg, const struct late_record *r, int days_over);
int record_late(struct session *s, const char *prefix, int from, int to, record_late_fn fn,
    void *arg, char **cause);
/* A record's status (or a rating's rectification status) as staff read it,
 * in the user's language; the code itself when there is no label. */
const char *record_status_label(enum record_kind kind, const char *status);
/* The kind of a late record in the user's language. */
const char *record_late_label(const char *kind);

#endif
