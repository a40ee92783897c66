/*
 * Cases seen through the clock: their light, working days used, and the
 * names of statuses and channels in the user's language.
 */
#ifndef TONGBAN_TCASE_H
#define TONGBAN_TCASE_H

#include "clock.h"
#include "model.h"

/*
 * The light as two stored dates, so that a list filters and sorts on
 * indexed columns with today alone: the case is red from `red` on, yellow
 * from `yellow` on, green before. A running clock turns yellow on its
 * warning date and red the day after its due date; a paused or decided
 * case keeps the light of the day its clock stopped, written as
 * TCASE_ALWAYS or TCASE_NEVER, except that a case decided in time runs
 * on its delivery clock (art. 44: deliver_warn, deliver_due) until it is
 * delivered; one decided late stays red. A closed case has no light: -1 and two
 * empty strings. The store writes these with every case (yellow_from,
 * red_from); tcase_light() and the SQL filters read the same rule.
 */
#define TCASE_ALWAYS "0000-01-01"
#define TCASE_NEVER "9999-12-31"
int tcase_light_span(const struct tcase *c, char yellow[11], char red[11]);
/*
 * The clock of c as cal counts it: the warning and due dates from its start
 * (acceptance, or receipt before it), the limit in force (promised plus
 * extension, so that the yellow share is of the extended limit) and the
 * working days paused; *provisional is 1 when they were counted over a
 * year no holiday notice covers (the delivery clock's days included).
 * -1 when c has no start date. The one rule behind every stored warn,
 * due and provisional.
 */
int tcase_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due,
    int *provisional);
/*
 * art. 44's delivery clock (送达): TCASE_DELIVERY_DAYS working days from
 * the decision, yellow by the same threshold as every clock; -1 when c is
 * not decided. Its provisional mark is part of tcase_clock()'s.
 */
#define TCASE_DELIVERY_DAYS 10
/* art. 32: a submitted case is answered (accepted or not) within 5 working
 * days; the promised limit runs from acceptance. */
#define TCASE_ACCEPT_DAYS 5
int tcase_delivery_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due,
    int *provisional);
/*
 * art. 45: the clock of a suspension, the period told to the applicant
 * (suspend_days) from the day it began, yellow by the same threshold as
 * every clock, past its due date an anomaly and the step's light red; -1
 * unless c is suspended with a period.
 */
int tcase_suspend_clock(const struct calendar *cal, const struct tcase *c, int *warn, int *due);
/*
 * The clock of the current step, limit working days from step_started
 * (paused days within the step, step_paused, push it like the case's):
 * days used until today, or until the day the clock stopped (paused_since),
 * its warning and due dates, and its light on that same day, so that used
 * days, due date and light always agree (red once the due date is past).
 * A step is part of the case: its dates never run past the case's, so a
 * step due after the case is due on the case's due date (and warns no
 * later than the case); *capped is 1 then. -1 when c has no step start.
 */
int tcase_step_clock(const struct calendar *cal, const struct tcase *c, int limit, int today,
    int *used, int *warn, int *due, int *capped, enum light *light);
/* A delivery clock's light on today (art. 44: deliver_warn, deliver_due),
 * whatever the decision's lateness; LIGHT_NONE when c has none. */
enum light tcase_delivery_light(const struct tcase *c, int today);
/* The name of a special procedure (suspend --reason) in the user's language. */
const char *tcase_suspend_label(const char *reason);
/* The due date of the clock whose light c shows: the delivery clock's for
 * a case decided in time, else the decision's. */
const char *tcase_due_in_force(const struct tcase *c);
/* 1 when a delivery on day is within c's delivery clock (1 too when c has
 * none stored: a case decided before the clock existed). */
int tcase_delivered_on_time(const struct tcase *c, int day);
/* The light on day (YYYY-MM-DD) of a span from tcase_light_span(). */
enum light tcase_light_on(const char *yellow, const char *red, const char *day);
/* Light of c on day today (LIGHT_NONE for a finished case). */
enum light tcase_light(const struct tcase *c, int today);
/* Working days counted so far (paused days excluded). */
int tcase_days_used(const struct calendar *cal, const struct tcase *c, int today);
/* The limit in force: promised limit plus extension. */
int tcase_limit(const struct tcase *c);

/* Supplement notices (一次性告知), one per stage: art. 32 asks for every
 * missing material in one notice at acceptance, and the same holds for the
 * one notice a review may give. */
#define TCASE_NOTICE_ACCEPTANCE 1
#define TCASE_NOTICE_REVIEW 2

/* Material numbers "1,3,4" as a set (bit n for material n, 1..63); numbers
 * outside that range are left out. */
unsigned long long tcase_material_set(const char *list);
/* The pledged materials (容缺受理) not yet among those received: 0 when
 * none is outstanding. */
unsigned long long tcase_pledge_open(const struct tcase *c);

/* The statuses of the lifecycle, in order. */
extern const char *const tcase_statuses[];
int tcase_status_valid(const char *s);
/* 1 for statuses in which the case is still open. */
int tcase_status_open(const char *s);
/* Translated label of a status, channel, light or action. */
const char *tcase_status_label(const char *s);
const char *tcase_channel_label(const char *s);
/* The power type of an item (licensing: 行政许可 …), translated. */
const char *tcase_power_label(const char *s);
/* A |-list of levels (city|district), channels (window|online) or one
 * calendar day kind (public_holiday) as staff
 * read it, translated and joined with the language's list separator: a
 * heap string. */
char *tcase_list_label(const char *list);
const char *tcase_light_label(enum light l);
const char *tcase_action_label(const char *s);
/* The label of an anomaly kind (fee, refuse_no_reason, step_late, deemed, busy_hall,
 * unlisted_material, complaint_late, order_late, rectify_late, pledge_overdue, suspend_overdue,
 * override). */
const char *tcase_anomaly_label(const char *kind);
/* The reason of a supplement notice (补正), for 办事指南准确度: 0 for listed
 * (a material the guide lists is missing; also when reason is NULL), 1 for
 * unlisted (the office asks for one the guide does not list, named in
 * note, which it needs), -1 with *cause for anything else. */
int tcase_supplement_unlisted(const char *reason, const char *note, char **cause);

/*
 * The decision's words by the item's power type (Chinese, as the record
 * keeps them in cases.result): 行政许可 准予许可/不予许可, 行政确认
 * 予以确认/不予确认, 行政给付 准予给付/不予给付, a registration (a
 * licensing or confirmation item whose name ends in 登记) 准予登记/不予登记,
 * 公共服务 办结/不予办理, 其他行政权力 予以通过/不予通过.
 */
const char *tcase_result(const char *power_type, const char *item_name, int approve);
/* 1 when a stored result is a decision in favour (of any power type). */
int tcase_result_positive(const char *result);
/* A stored result in the user's language ("" for none; unknown words as
 * they are). */
const char *tcase_result_label(const char *result);

/* Case number: district code, date, sequence: 500103-20261128-000123. */
void tcase_format_no(char out[32], const char *district, int day, long seq);
/* The district code (6 digits) a region code belongs to. */
void tcase_district_of(const char *region, char out[7]);

#endif
