/*
 * The console's screens of investment projects and flowcharts (kept apart
 * from ui.h's list so that they join the other screens without touching
 * its lines).
 */
#ifndef TONGBAN_PROJECT_SCREENS_H
#define TONGBAN_PROJECT_SCREENS_H

#include "ui.h"

/* What the project form does (screen_projact's argument). */
enum projact_mode { PROJACT_OPEN, PROJACT_WITHDRAW, PROJACT_SCHEDULE, PROJACT_RECORD };

struct projact_arg {
	enum projact_mode mode;
	char no[32];		/* the project (not for PROJACT_OPEN) */
	long joint;		/* PROJACT_RECORD: the joint step */
	int kind;		/* PROJACT_SCHEDULE: enum joint_kind to offer first */
};

/* A list of projects: the user's, or those a supervision figure counts. */
struct projects_arg {
	char title[160];
	int figure;		/* 1: the n projects of nos (borrowed for enter); 0: the user's */
	char **nos;
	long n;
};

/* The dashboard's section of investment projects (dashproj.c): read the
 * figures of the region prefix (a message on failure), draw them from y in
 * h lines with figure sel selected, open the projects figure i counts. */
struct project_figures;
void dashproj_load(struct ui *ui, struct project_figures *f, const char *prefix);
void dashproj_draw(struct ui *ui, const struct project_figures *f, int sel, int y, int h);
int dashproj_drill(struct ui *ui, const struct project_figures *f, int i);

/* Open the project form a dropped link left as a draft (kind "project"),
 * over its project's view; 0, or -1 when there is none or it cannot open. */
int projact_resume(struct ui *ui);

extern const struct screen screen_flowlist;	/* the flowcharts; arg NULL */
extern const struct screen screen_flow;		/* a flowchart's diagram; arg its code */
extern const struct screen screen_project;	/* a project's view; arg its number */
extern const struct screen screen_projects;	/* struct projects_arg *, or NULL */
extern const struct screen screen_projact;	/* struct projact_arg * */

#endif
