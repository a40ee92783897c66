/*
 * What the applicant has been told (告知). The law gives an applicant the
 * right to be told at fixed moments: the acceptance (受理通知), a refusal of
 * acceptance, the one-time supplement notice (一次性告知), a suspension with
 * its period, an extension, the decision and its delivery. Each moment
 * happens with its action on the case; the office then records how it told
 * the applicant (phone, SMS, in person, post, online), and the case shows
 * what has been told and what is still owed.
 *
 * A hook may send it: when TONGBAN_NOTIFY names a program, each moment runs
 * it as `PROGRAM NO MOMENT PHONE` with the message on its standard input;
 * exit 0 records the moment as told by SMS.
 */
#ifndef TONGBAN_NOTICE_H
#define TONGBAN_NOTICE_H

#include "session.h"

#define NOTICE_MOMENTS 7

/* The moments in order: accept, refuse, supplement, suspend, extend,
 * decision, delivery. */
extern const char *const notice_moments[NOTICE_MOMENTS + 1];
extern const char *const notice_hows[];

struct notice_state {
	const char *moment;
	char happened[20];	/* when it last happened, "" if never */
	char told[20];		/* when it was last told after that, "" if not yet */
	char how[16];
};

/* The moment an action brings, or NULL (a review, an opinion...). */
const char *notice_moment_of(const char *action);
const char *notice_moment_label(const char *moment);
const char *notice_how_label(const char *how);
/* The state of every moment of case c (out[i] for notice_moments[i]): 0, or
 * -1 when the store failed. */
int notice_read(struct session *s, const struct tcase *c, struct notice_state out[NOTICE_MOMENTS]);
/* Record that the applicant of case no was told moment, how, by the user:
 * an exit code of exitcode.h with *cause. */
int notice_tell(struct session *s, const char *no, const char *moment, const char *how,
    const char *note, char **cause);
/* After action on case no: run the operator's hook for its moment, if any. */
void notice_hook(struct session *s, const char *no, const char *action);

#endif
