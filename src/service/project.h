/*
 * Investment projects (工程建设项目) under the "1+8" flowcharts: a
 * flowchart is a list of stages in order; each stage names the catalog
 * items that run in parallel in it, its limit in working days, and the
 * joint step (联合踏勘, 多图联审, 联合验收) its offices do together.
 *
 * A project belongs to one enterprise (its unified social credit code) and
 * one flowchart. Opening it, or the close of a stage, creates the next
 * stage's cases together, one per item, each routed and clocked as any
 * case. The project keeps its own clock: a stage's working days are those
 * of its slowest case (cases of a stage run in parallel; a case's own
 * clock already leaves out its pauses), and the project's are the sum of
 * its stages'. The light of a project is the worse of its current stage's
 * against the stage limit and its total against the flowchart's.
 *
 * Rights follow the cases: a project is visible to whoever may see one of
 * its cases, and its view shows only the cases its reader may see.
 * Functions return an exit code of exitcode.h and set *cause.
 */
#ifndef TONGBAN_PROJECT_H
#define TONGBAN_PROJECT_H

#include "session.h"

enum joint_kind { JOINT_NONE, JOINT_SURVEY, JOINT_DRAWINGS, JOINT_ACCEPTANCE };

struct flow_stage {
	int seq;		/* 1, 2, ... in order */
	char *name;		/* 立项用地规划许可 */
	char *name_en;
	int limit_days;		/* working days */
	enum joint_kind joint;
	int n_items;
	char **items;		/* catalog codes, run in parallel */
	char **item_names;	/* as the catalog names them, in the user's language */
};

struct flowchart {
	char *code;		/* general, real-estate, ... */
	char *name;
	char *name_en;
	int total_days;		/* the flowchart's limit from opening to acceptance */
	char *before;		/* the time it replaced, e.g. "110-170" */
	int n_stages;
	struct flow_stage *stages;
};

enum project_status { PROJECT_OPEN, PROJECT_DONE, PROJECT_STOPPED, PROJECT_WITHDRAWN };

/* One case of a stage, as its reader may see it. */
struct project_case {
	char *no;
	char *item;
	char *item_name;
	char *office;
	char *office_name;
	char *status;
	int open;
	int light;		/* enum light, -1 when closed */
	int used_days;		/* working days used by the case's clock */
	char *due;
	int visible;		/* 0: counted, but out of the reader's sight (no, status
				 * and due are then "") */
	long long case_id;
	int decided;		/* 1 once decided (approved, denied ...) */
};

struct project_joint {
	long id;
	enum joint_kind kind;
	char *day;		/* scheduled for */
	char *place;
	char *status;		/* scheduled, closed */
	int n_offices;
	char **offices;
	char **office_names;
	char **findings;	/* NULL while the office has not recorded its own */
};

struct project_stage {
	int seq;
	char *name;		/* in the user's language */
	enum joint_kind joint;	/* the flowchart's joint step of the stage */
	char *opened;		/* NULL: not reached yet */
	char *closed;
	int used_days;
	int limit_days;
	int light;		/* -1 unless it is the open project's current stage */
	int n_cases;
	struct project_case *cases;
	int n_joints;
	struct project_joint *joints;
};

struct project {
	long id;
	char *no;		/* XM + YYYYMMDD + sequence */
	char *flowchart;
	char *flowchart_name;	/* in the user's language */
	char *org_code;
	char *org_name;
	char *name;
	char *site;		/* region code of the site */
	char *site_name;	/* the region's name */
	char *hall;		/* region of the hall that opened it */
	char *hall_name;
	char *opened;
	char *closed;
	enum project_status status;
	char *stop_reason;	/* stopped: the denied case and item */
	int stage;		/* the current stage's seq */
	int used_days;		/* the project clock */
	int total_days;
	int light;		/* enum light; -1 when closed */
	int on_time;		/* done: used_days within total_days; -1 otherwise */
	char *critical;		/* the case that holds the project back now, or NULL
				 * (none, or out of the reader's sight) */
	char *critical_office;	/* its office (or the office whose joint findings
				 * are awaited), NULL when nothing holds it */
	enum joint_kind waiting_joint;	/* every case of the current stage decided,
					 * its joint step not closed: that step */
	int version;
	int n_stages;
	struct project_stage *stages;
};

/* The rules in a few lines, for help (msgids: translate at use). */
extern const char *const project_help[];

/* Codes and labels: survey, drawings, acceptance; open, done, stopped,
 * withdrawn. The parsers return 0 or -1. */
const char *project_joint_name(enum joint_kind k);
int project_joint_parse(const char *s, enum joint_kind *k);
const char *project_joint_label(enum joint_kind k);
const char *project_status_name(enum project_status st);
int project_status_parse(const char *s, enum project_status *st);
const char *project_status_label(enum project_status st);

void flowchart_release(struct flowchart *f);
void project_release(struct project *p);

/* Flowcharts as loaded from data/flowcharts at init. */
int flowchart_list(struct session *s, struct flowchart **out, int *n, char **cause);
int flowchart_get(struct session *s, const char *code, struct flowchart *f, char **cause);
/* Load dir (flowcharts.csv and CODE.csv, as data/flowcharts) in one
 * transaction, replacing the flowcharts it names (the operator on the host; a flowchart with
 * open or stopped projects is not replaced): EXIT_INVALID with the file,
 * line and column of the first mistake. */
int flowchart_import(struct session *s, const char *dir, char **cause);

struct project_new {
	const char *flowchart;
	const char *org_code;	/* unified social credit code, check digit verified */
	const char *org_name;
	const char *name;
	const char *site;	/* region; NULL: the clerk's */
	const char *phone;
	const char *channel;	/* window, online, self-service; NULL: online where
				 * the item is offered online, else window */
};

/* Open a project and its first stage's cases; its number goes to no. */
int project_open(struct session *s, const struct project_new *in, char no[32], char **cause);
/* The project with its stages, cases and joint steps as the user may see them. */
int project_get(struct session *s, const char *no, struct project *p, char **cause);
/* Withdraw a project and every open case of it. */
int project_withdraw(struct session *s, const char *no, const char *note, char **cause);

/* Joint steps of the current stage: schedule once for all its offices;
 * each office records its own findings; closed when all have. */
int project_joint_schedule(struct session *s, const char *no, enum joint_kind kind,
    const char *day, const char *place, char **cause);
int project_joint_record(struct session *s, const char *no, long joint, const char *findings,
    char **cause);

/* Projects the user may see, newest first, filtered (NULL or 0: any);
 * fn gets each with its clock as project_get fills it. */
struct project_filter {
	const char *flowchart;
	const char *status;	/* open, done, stopped, withdrawn */
	int light;		/* enum light; 0: any */
	const char *region;	/* sites in this region's subtree */
	const char *opened_by;	/* unused: reserved */
	long limit;
};
typedef int (*project_fn)(void *arg, const struct project *p);
int project_find(struct session *s, const struct project_filter *f, project_fn fn, void *arg,
    char **cause);
/* 1 when the session's user may see project no, 0 when not, -1 on failure
 * (the audit trail's rule for events of subject project:NO). */
int project_visible(struct session *s, const char *no);

/* The project and stage of a case (case show names them): 1 and no,
 * *stage; 0 when the case is in none; -1 on failure. */
int project_of_case(struct session *s, long long case_id, char no[32], int *stage);

/* The lifecycle's hook, once per action on a case inside its transaction:
 * a case of a project's current stage denied, refused or withdrawn stops
 * the project; the last one decided in favour (the joint step closed)
 * opens the next stage's cases, or finishes the project. */
struct actor;
struct tcase;
struct calendar;
int project_case_changed(struct store *st, const struct calendar *cal, const struct actor *who,
    const struct tcase *c, char **cause);

#endif
