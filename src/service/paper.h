/*
 * Papers to hand over (文书): the acceptance notice (受理通知书), the
 * one-time supplement notice (一次性告知书), the decision not to accept
 * (不予受理决定书) and the delivery record (送达回证), laid out as text for
 * an A4 or a receipt printer. They are the office's documents to the
 * applicant, so they are in Chinese whatever the user's language. A paper
 * exists once its moment has happened on the case.
 */
#ifndef TONGBAN_PAPER_H
#define TONGBAN_PAPER_H

#include "session.h"
#include "util.h"

#define PAPER_KINDS 4
/* accept, supplement, refuse, delivery */
extern const char *const paper_kinds[PAPER_KINDS + 1];

const char *paper_title(const char *kind);
/* Which papers case no has (avail[i] for paper_kinds[i]): 0, or an exit code. */
int paper_available(struct session *s, const char *no, int avail[PAPER_KINDS], char **cause);
/* The paper as text lines of at most width columns (CJK two columns) into
 * out: 0, or an exit code with *cause (not found, not yet, bad kind). */
int paper_text(struct session *s, const char *no, const char *kind, int width, struct sb *out,
    char **cause);

/* The same paper as a PDF (A4, the SimSun font every PDF reader has for
 * Chinese) into out: 0, or an exit code with *cause. */
int paper_pdf(struct session *s, const char *no, const char *kind, struct sb *out,
    char **cause);

#endif
