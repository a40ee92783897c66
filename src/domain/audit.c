/*
 * Hash chain over events; see audit.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "i18n.h"
#include "sha256.h"
#include "util.h"

static void
field(struct sha256 *c, const char *s)
{
	static const char sep = 0x1f;	/* unit separator: fields stay apart */

	sha256_update(c, s ? s : "", s ? strlen(s) : 0);
	sha256_update(c, &sep, 1);
}

void
audit_hash(const char *prev, const struct event *e, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	char num[48];

	sha256_init(&c);
	field(&c, prev);
	snprintf(num, sizeof num, "%lld", e->id);
	field(&c, num);
	snprintf(num, sizeof num, "%lld", e->case_id);
	field(&c, num);
	if (e->subject && *e->subject)
		field(&c, e->subject);
	field(&c, e->at);
	field(&c, e->actor);
	field(&c, e->addr);
	field(&c, e->action);
	field(&c, e->from_status);
	field(&c, e->to_status);
	field(&c, e->note);
	sha256_final(&c, d);
	sha256_hex(d, out);
}

void
audit_chain_load(struct store *st, struct audit_chain *ch)
{
	store_event_last(st, &ch->last_id, ch->last_hash);
}

int
audit_append(struct store *st, struct audit_chain *ch, struct event *e, char **cause)
{
	char hash[65];

	e->id = ch->last_id + 1;
	audit_hash(ch->last_hash, e, hash);
	e->hash = hash;
	if (store_event_insert(st, e, cause) != 0) {
		e->hash = NULL;
		return -1;
	}
	e->hash = NULL;
	ch->last_id = e->id;
	memcpy(ch->last_hash, hash, sizeof hash);
	return 0;
}

int
audit_chain_save(struct store *st, const struct audit_chain *ch, char **cause)
{
	char tip[96];

	snprintf(tip, sizeof tip, "%lld:%s", ch->last_id, ch->last_hash);
	return store_meta_set(st, "audit_tip", tip, cause);
}

int
audit_record(struct store *st, struct event *e, char **cause)
{
	struct audit_chain ch;

	audit_chain_load(st, &ch);
	if (audit_append(st, &ch, e, cause) != 0)
		return -1;
	return audit_chain_save(st, &ch, cause);
}

struct verify {
	struct audit_result *res;
	long long prev_id;
	char prev[65];
};

static int
verify_one(void *arg, const struct event *e)
{
	struct verify *v = arg;
	char want[65];

	v->res->checked++;
	audit_hash(v->prev, e, want);
	if (strcmp(want, e->hash) != 0) {
		v->res->bad_id = e->id;
		if (e->id != v->prev_id + 1)
			set_cause(&v->res->reason, _("event %lld follows event %lld: "
			    "an event before it was deleted or moved"), e->id, v->prev_id);
		else
			set_cause(&v->res->reason, _("event %lld does not match its hash: "
			    "it, or the one before it, was changed"), e->id);
		return 1;
	}
	v->prev_id = e->id;
	memcpy(v->prev, e->hash, sizeof v->prev);
	return 0;
}

int
audit_verify(struct store *st, struct audit_result *res)
{
	struct verify v;
	int rc;

	memset(res, 0, sizeof *res);
	memset(&v, 0, sizeof v);
	v.res = res;
	rc = store_event_each(st, verify_one, &v);
	if (rc == 0) {
		char *tip = NULL, want[96];

		/* The chain must end where the last writer left it. */
		store_meta_get(st, "audit_tip", &tip);
		snprintf(want, sizeof want, "%lld:%s", v.prev_id, v.prev);
		if (tip != NULL && strcmp(tip, want) != 0) {
			long long tip_id = atoll(tip);

			res->bad_id = tip_id > v.prev_id ? v.prev_id + 1 : tip_id;
			set_cause(&res->reason, _("the chain ends at event %lld but was written up to "
			    "event %lld: the newest events were deleted or changed"), v.prev_id, tip_id);
			rc = 1;
		}
		free(tip);
	}
	return rc == 1 ? 1 : rc < 0 ? -1 : 0;
}
