/*
 * The records the domain works with, shared by the store (which fills them)
 * and the commands and screens (which show them). Text fields are heap
 * strings owned by the record; each *_release frees them and zeroes it.
 */
#ifndef TONGBAN_MODEL_H
#define TONGBAN_MODEL_H

enum role { ROLE_NONE, ROLE_CLERK, ROLE_APPROVER, ROLE_SUPERVISOR, ROLE_ADMIN, ROLE_LOCAL };

struct user {
	char *login;
	char *name;
	enum role role;
	char *region;
	char *region_level;
	char *office;		/* NULL for supervisors and admins */
	char *lang;		/* "zh" or "en" */
	char *encoding;		/* the terminal's: "utf-8" or "gbk" (GB18030) */
	int disabled;
	int head;		/* 负责人: an approver heading the office (art. 42) */
};

struct region {
	char *code;
	char *name;
	char *level;
	char *parent;
	int zone;		/* a development zone (zones.csv), not an NBS division */
};

struct item {
	char *code;
	char *name;
	char *name_en;
	char *power_type;
	char *dept_kind;
	char *levels;
	int statutory_days;
	int promised_days;
	long fee_cents;
	int online_depth;
	char *channels;
	char *guide;
	char *applicant_kind;	/* person, organisation or either */
};

struct tcase {
	long long id;
	char *no;
	char *item;
	char *item_name;
	char *item_name_en;
	char *applicant;
	char *applicant_name;
	char *applicant_phone;
	char *applicant_region;
	char *channel;
	char *hall_region;
	char *hall_name;
	char *office;
	char *office_name;
	char *office_region;
	char *status;
	int open;
	int step;
	char *step_name;
	char *submitted;
	char *accepted;		/* "" when not yet */
	char *decided;
	char *finished;
	int limit_days;
	int paused_days;
	int extended_days;
	char *paused_since;	/* "" when the clock runs */
	char *warn;
	char *due;
	int on_time;		/* -1 unknown/open, 0 late, 1 on time */
	char *materials;
	char *result;
	long fee_cents;
	char *prev_status;	/* where a pause returns to, "" when none */
	char *step_started;
	int step_paused;	/* working days paused within the current step */
	char *pledge_date;	/* "" unless accepted on a pledge (容缺受理) */
	char *pledge_materials;	/* as pledged; each joins materials when received */
	int notices;		/* supplement notices given: TCASE_NOTICE_* bits */
	int deemed;		/* accepted by silence (art. 32) */
	char *suspend_reason;
	int suspend_days;
	char *branch_offices;	/* ",a,b,": offices with a branch in a parallel review */
	int provisional;	/* warn or due counted over a year without a notice */
	char *deliver_warn;	/* art. 44's delivery clock from the decision; "" before */
	char *deliver_due;
	char *suspend_due;	/* art. 45: the period told ends; "" unless suspended */
	char *assignee;		/* the person the case is given to; "" for nobody */
	int version;
};

/* One branch of a parallel step. */
struct branch {
	int step;
	char *dept_kind;
	char *office;
	char *office_name;
	int limit_days;
	char *started;
	char *due;
	char *opinion;		/* NULL while pending */
	char *verdict;
	char *by_login;
	char *done_on;
	char *override;		/* a dissent overruled by the lead office: why */
	char *override_by;
	char *override_on;
	int paused_days;	/* working days the case was paused while it waited */
};

struct event {
	long long id;
	long long case_id;	/* 0 for events of supervision records */
	char *subject;		/* "" for cases; "supervision:12", "complaint:3" … */
	char *at;
	char *actor;
	char *addr;
	char *action;
	char *from_status;
	char *to_status;
	char *note;
	char *hash;
};

void user_release(struct user *u);
void region_release(struct region *r);
void item_release(struct item *it);
void tcase_release(struct tcase *c);
void event_release(struct event *e);
void branch_release(struct branch *b);

const char *role_name(enum role r);
/* The role as staff call it, in the user's language (窗口人员, 审批人员 …). */
const char *role_label(enum role r);
int role_parse(const char *s, enum role *r);

#endif
