/*
 * The audit trail as one user may read it. The chain itself (audit.h) is
 * one for the whole city; what a user reads of it follows the one access
 * rule (access.h), event by event:
 *   a case's event        the case is visible (access_can_see, as case find)
 *   supervision:N, complaint:N, rating:N
 *                         the record is visible (access_record_visible)
 *   applicant:ID          the user may see a case of that applicant
 *   anything else         admins and the local operator only
 * Admins and the local operator read every event.
 */
#ifndef TONGBAN_TRAIL_H
#define TONGBAN_TRAIL_H

#include "audit.h"
#include "session.h"
#include "store.h"

/* Call fn for every event of the days [from, to] (YYYY-MM-DD) the user may
 * see, in id order. 0, or an exit code with *cause (a store failure is
 * EXIT_INTERNAL; fn returning non-zero stops and is returned). */
int trail_export(struct session *s, const char *from, const char *to, store_event_fn fn,
    void *arg, char **cause);

/* Verify the whole chain (audit_verify): every user who may read the trail
 * may check it, as it tells only counts and event numbers, never an
 * event's content. 0 intact, 1 broken (res), EXIT_INTERNAL with *cause. */
int trail_verify(struct session *s, struct audit_result *res, char **cause);

/* 1 when the user may read event e, 0 when not, -1 when the store failed.
 * For callers that hold one event; trail_export remembers cases seen. */
int trail_visible(struct session *s, const struct event *e);

#endif
