/*
 * Investment projects in the dashboard and the reports: open projects by
 * light, finished projects' average total working days per flowchart
 * against its target and the time it replaced, and where open projects
 * wait longest (stage and office), each with the number of projects
 * counted, so that `project find` and the console's drill-down list the
 * same projects.
 */
#include <stdio.h>
#include <string.h>

#include "cmd_projstat.h"
#include "i18n.h"
#include "out.h"
#include "tcase.h"
#include "util.h"

static const char *
kind_key(enum pfig_kind k)
{
	static const char *const keys[] = { "open_by_light", "flowcharts", "stages_waiting",
		"offices_waiting" };

	return keys[k];
}

void
cmd_projstat_text(FILE *fp, const struct project_figures *f)
{
	char days[16];
	int i, k;

	out_printf_safe(fp, "\n%s\n", _("investment projects:"));
	out_printf_safe(fp, _("  open %ld:"), f->open);
	for (i = 0; i < f->n; i++)
		if (f->v[i].kind == PFIG_LIGHT)
			out_printf_safe(fp, " %s %ld", f->v[i].label, f->v[i].n);
	out_printf_safe(fp, _("; finished %ld\n"), f->done);
	for (k = PFIG_FLOWCHART; k <= PFIG_OFFICE; k++) {
		int shown = 0;

		out_printf_safe(fp, "  %s\n", k == PFIG_FLOWCHART ?
		    _("average total working days of finished projects, by flowchart "
		    "(target; before the reform):") : k == PFIG_STAGE ?
		    _("stages where open projects wait longest (working days in the stage so far):") :
		    _("offices where open projects wait longest (working days so far):"));
		for (i = 0; i < f->n; i++) {
			const struct pfig *g = &f->v[i];

			if ((int)g->kind != k)
				continue;
			shown++;
			project_stats_days(g->avg, days);
			/* A long name on a line of its own: the figures keep their
			 * column, and nothing is cut. */
			fputs("    ", fp);
			if (utf8_width(g->label) > 44) {
				out_printf_safe(fp, "%s\n    ", g->label);
				out_pad(fp, "", 44);
			} else
				out_pad(fp, g->label, 44);
			if (k == PFIG_FLOWCHART)
				out_printf_safe(fp, _(" %3ld finished  average %5s  target ≤ %d  was %s\n"),
				    g->n, days, g->target, *g->before ? g->before : "-");
			else if (k == PFIG_STAGE)
				out_printf_safe(fp, _(" %3ld open  average %5s  limit %d\n"), g->n, days,
				    g->target);
			else
				out_printf_safe(fp, _(" %3ld open  average %5s\n"), g->n, days);
		}
		if (!shown)
			out_printf_safe(fp, "    %s\n", _("(none)"));
	}
}

void
cmd_projstat_json(struct json *j, const struct project_figures *f)
{
	int i, k;

	json_begin_object(j);
	json_key(j, "region");
	json_string(j, f->scope);
	json_key(j, "open");
	json_int(j, f->open);
	json_key(j, "done");
	json_int(j, f->done);
	for (k = PFIG_LIGHT; k <= PFIG_OFFICE; k++) {
		json_key(j, kind_key((enum pfig_kind)k));
		json_begin_array(j);
		for (i = 0; i < f->n; i++) {
			const struct pfig *g = &f->v[i];
			long n;

			if ((int)g->kind != k)
				continue;
			json_begin_object(j);
			json_key(j, k == PFIG_LIGHT ? "light" : k == PFIG_FLOWCHART ? "flowchart" :
			    k == PFIG_STAGE ? "stage" : "office");
			json_string(j, g->key);
			json_key(j, "name");
			json_string(j, g->label);
			json_key(j, "projects");
			json_int(j, g->n);
			if (k != PFIG_LIGHT) {
				json_key(j, "average_days");
				if (g->avg < 0)
					json_null(j);
				else
					json_double(j, g->avg, 1);
			}
			if (k == PFIG_FLOWCHART || k == PFIG_STAGE) {
				json_key(j, k == PFIG_FLOWCHART ? "target_days" : "limit_days");
				json_int(j, g->target);
			}
			if (k == PFIG_FLOWCHART) {
				json_key(j, "before");
				json_string(j, g->before);
			}
			json_key(j, "nos");
			json_begin_array(j);
			for (n = 0; n < g->n; n++)
				json_string(j, g->nos[n]);
			json_end(j);
			json_end(j);
		}
		json_end(j);
	}
	json_end(j);
}
