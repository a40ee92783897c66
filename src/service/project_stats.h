/*
 * Projects counted for their readers: the list of a user's projects (a
 * clerk's hall's, an approver's office's, a supervisor's region's), and the
 * supervision figures over a region's projects: open projects by light,
 * the average total working days of finished projects per flowchart
 * against its target and the time it replaced, and the stages and offices
 * where open projects wait longest.
 *
 * Every project is read through project_get(), so its clock, light and
 * critical case are the project service's, and a project its reader may
 * not see is neither listed nor counted. Each figure carries the numbers
 * of the projects it counts: a figure's count is its list's length.
 */
#ifndef TONGBAN_PROJECT_STATS_H
#define TONGBAN_PROJECT_STATS_H

#include "project.h"

/* The user's projects, newest first, at most limit (0: all): *out holds n
 * projects as project_get() gives them. Returns an exit code. */
int project_stats_mine(struct session *s, long limit, struct project **out, int *n,
    char **cause);
void project_stats_free(struct project *v, int n);
/* The projects numbered nos[0..n) that the user may see, in that order
 * (drill-down from a figure). Returns an exit code. */
int project_stats_read(struct session *s, char *const *nos, long n, struct project **out,
    int *nout, char **cause);

enum pfig_kind {
	PFIG_LIGHT,		/* open projects of a light; key "green", "yellow", "red" */
	PFIG_FLOWCHART,		/* finished projects of a flowchart; key its code */
	PFIG_STAGE,		/* open projects waiting in a stage; key "flowchart:seq" */
	PFIG_OFFICE		/* open projects held back at an office; key its name */
};

#define PFIG_TOP 5		/* stages and offices shown, the longest waits first */

struct pfig {
	enum pfig_kind kind;
	char key[64];
	char label[256];	/* a flowchart's, stage's or office's name */
	int light;		/* PFIG_LIGHT: enum light */
	long n;			/* the projects counted */
	/* Working days on average: a finished project's total (flowchart),
	 * the current stage's so far (stage), the case's that holds it back
	 * (office, or the stage's while its joint findings are awaited); -1
	 * when nothing was counted. */
	double avg;
	int target;		/* the flowchart's total limit, the stage's limit */
	char before[32];	/* the flowchart's old figure, e.g. "110-170" */
	char **nos;		/* the n projects counted, newest first */
};

struct project_figures {
	char scope[16];		/* region prefix */
	long open, done;	/* open and finished projects counted */
	struct pfig *v;
	int n;
};

/* The figures over the projects whose site lies in the region prefix, as
 * s's user may see them. Returns an exit code. */
int project_stats_figures(struct session *s, const char *prefix, struct project_figures *f,
    char **cause);
void project_stats_release(struct project_figures *f);
/* The figure of kind with key, or NULL. */
const struct pfig *project_stats_find(const struct project_figures *f, enum pfig_kind kind,
    const char *key);
/* Working days as text, "-" when nothing was counted ("12.5"). */
void project_stats_days(double avg, char buf[16]);

#endif
