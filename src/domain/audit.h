/*
 * The tamper-evident record. Every event's hash is SHA-256 over the previous
 * event's hash and this event's id, case, time, actor, address, action,
 * statuses and note, so that editing, deleting or reordering any event
 * breaks the chain from that event on (倒查追责).
 */
#ifndef TONGBAN_AUDIT_H
#define TONGBAN_AUDIT_H

#include "model.h"
#include "store.h"

/* Compute e's hash given the previous hash ("" for the first event). */
void audit_hash(const char *prev, const struct event *e, char out[65]);

/* A chain being appended to by one writer (bulk loads keep it in memory). */
struct audit_chain {
	long long last_id;
	char last_hash[65];
};
/* Read the chain's tail from the store. */
void audit_chain_load(struct store *st, struct audit_chain *ch);
/* Give e the next id and its hash and insert it; inside a transaction. */
int audit_append(struct store *st, struct audit_chain *ch, struct event *e, char **cause);
/* Record the chain's tip (last id and hash) in the same transaction, so that
 * removing the newest events is noticed too. */
int audit_chain_save(struct store *st, const struct audit_chain *ch, char **cause);

/* Append one event at the end of the chain and record the tip: the whole of
 * it for callers that write one event per transaction. */
int audit_record(struct store *st, struct event *e, char **cause);

struct audit_result {
	long long checked;
	long long bad_id;	/* first event that does not verify, 0 when all do */
	char *reason;		/* heap string when bad_id != 0 */
};
/* Walk the whole chain. 0 when it verifies, 1 when bad (see res), -1 error. */
int audit_verify(struct store *st, struct audit_result *res);

#endif
