/*
 * The supervision figures of investment projects (project_stats.h) as the
 * commands print them: the dashboard's (dashboard --once) and the weekly
 * and monthly reports' section, in text and in JSON.
 */
#ifndef TONGBAN_CMD_PROJSTAT_H
#define TONGBAN_CMD_PROJSTAT_H

#include <stdio.h>

#include "json.h"
#include "project_stats.h"

/* The figures as a section of text, under a heading. */
void cmd_projstat_text(FILE *fp, const struct project_figures *f);
/* The figures as one JSON object (the caller wrote its key). */
void cmd_projstat_json(struct json *j, const struct project_figures *f);

#endif
