/*
 * The console's inspection appointments (预约, appts.c): the list (waiting
 * requests with their time left, visits by day), one appointment with its
 * history and actions, and the forms of a request and of each step.
 */
#ifndef TONGBAN_APPTS_H
#define TONGBAN_APPTS_H

#include "ui.h"

/* The list; arg NULL (all in sight), "mine" (the user's visits today),
 * "case:NO" (one case's, with n to book), "overdue:PREFIX" or
 * "late:PREFIX" (the dashboard's anomalies). */
extern const struct screen screen_appts;
/* One appointment; arg its id as text. */
extern const struct screen screen_appt;
/* A form; arg "request:NO", or "answer:ID", "reschedule:ID", "done:ID",
 * "cancel:ID". */
extern const struct screen screen_appt_form;

#endif
