/*
 * dashboard --once and stats check|rebuild: the supervision centre's figures
 * for scripts, and the upkeep of the summaries behind them (an admin's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "cmd.h"
#include "cmd_projstat.h"
#include "i18n.h"
#include "json.h"
#include "stats.h"
#include "tcase.h"
#include "util.h"

/* The region prefix the user may supervise, narrowed by --region; NULL when
 * the region is outside the user's subtree (an error has been printed). */
int
cmd_scope_prefix(struct cmd_ctx *c, const char *region, char out[16])
{
	struct region r;
	int rc;

	if (region == NULL)
		return access_narrow(&c->s->user, NULL, NULL, out), 0;
	rc = store_region_get(c->s->st, region, &r);
	if (rc != 0)
		return rc == STORE_NOTFOUND ?
		    cmd_fail(c, EXIT_NOTFOUND, _("--region: no region '%s'"), region) :
		    cmd_store_error(c);
	rc = access_narrow(&c->s->user, r.code, r.level, out);
	region_release(&r);
	if (rc != 0)
		return cmd_fail(c, EXIT_DENIED, _("permission denied: '%s' is outside your region"), region);
	return 0;
}

static void
json_num(struct json *j, const char *key, long v)
{
	json_key(j, key);
	json_int(j, v);
}

static void
dash_json(FILE *fp, const struct dash *d, const char *today, const struct project_figures *pf)
{
	struct json j;
	int i;

	json_init(&j, fp);
	json_begin_object(&j);
	json_key(&j, "scope");
	json_string(&j, d->scope);
	json_key(&j, "scope_name");
	json_string(&j, d->scope_name);
	json_key(&j, "date");
	json_string(&j, today);
	json_key(&j, "totals");
	json_begin_object(&j);
	json_num(&j, "open", d->open);
	json_num(&j, "green", d->green);
	json_num(&j, "yellow", d->yellow);
	json_num(&j, "red", d->red);
	json_num(&j, "received_today", d->received_today);
	json_num(&j, "finished_today", d->finished_today);
	json_num(&j, "month_finished", d->month_finished);
	json_num(&j, "month_on_time", d->month_on_time);
	json_end(&j);
	json_key(&j, "by_status");
	json_begin_object(&j);
	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (tcase_status_open(tcase_statuses[i]))
			json_num(&j, tcase_statuses[i], d->by_status[i]);
	json_end(&j);
	json_key(&j, "areas");
	json_begin_array(&j);
	for (i = 0; i < d->nareas; i++) {
		json_begin_object(&j);
		json_key(&j, "code");
		json_string(&j, d->areas[i].code);
		json_key(&j, "name");
		json_string(&j, d->areas[i].name);
		json_num(&j, "open", d->areas[i].open);
		json_num(&j, "yellow", d->areas[i].yellow);
		json_num(&j, "red", d->areas[i].red);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "received_30d");
	json_begin_array(&j);
	for (i = 0; i < DASH_DAYS; i++)
		json_int(&j, d->received[i]);
	json_end(&j);
	json_key(&j, "finished_30d");
	json_begin_array(&j);
	for (i = 0; i < DASH_DAYS; i++)
		json_int(&j, d->finished[i]);
	json_end(&j);
	json_key(&j, "offices_most_red");
	json_begin_array(&j);
	for (i = 0; i < d->noffices; i++) {
		json_begin_object(&j);
		json_key(&j, "office");
		json_string(&j, d->offices[i].code);
		json_key(&j, "name");
		json_string(&j, d->offices[i].name);
		json_num(&j, "red", d->offices[i].n);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "bottlenecks");
	json_begin_array(&j);
	for (i = 0; i < d->nbottlenecks; i++) {
		const struct dash_top *t = &d->bottlenecks[i];

		json_begin_object(&j);
		json_key(&j, "item");
		json_string(&j, t->code);
		json_key(&j, "name");
		json_string(&j, t->name);
		json_key(&j, "step");
		json_string(&j, t->step);
		json_num(&j, "open", t->n);
		json_num(&j, "median_days", t->median);
		json_num(&j, "p90_days", t->p90);
		json_num(&j, "step_limit", t->limit);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "anomalies");
	json_begin_object(&j);
	for (i = 0; i < d->nanomalies; i++)
		json_num(&j, d->anomalies[i].kind, d->anomalies[i].n);
	json_end(&j);
	json_key(&j, "projects");
	cmd_projstat_json(&j, pf);
	json_end(&j);
}


static void
dash_text(FILE *fp, const struct dash *d, const char *today, const struct project_figures *pf)
{
	int i;
	double rate = d->month_finished ? 100.0 * (double)d->month_on_time / (double)d->month_finished : 0;

	out_printf_safe(fp, "%s · %s · %s\n", _("efficiency supervision"), d->scope_name, today);
	out_printf_safe(fp, _("open %ld: green %ld, yellow %ld, red %ld\n"), d->open, d->green, d->yellow, d->red);
	out_printf_safe(fp, _("today: received %ld, finished %ld; this month on time %.1f%% of %ld finished\n"),
	    d->received_today, d->finished_today, rate, d->month_finished);
	fputc('\n', fp);
	for (i = 0; i < d->nareas; i++) {
		fputs("  ", fp);
		out_pad(fp, d->areas[i].name, 24);
		out_printf_safe(fp, _("open %5ld  yellow %4ld  red %4ld\n"), d->areas[i].open, d->areas[i].yellow,
		    d->areas[i].red);
	}
	out_printf_safe(fp, "\n%s\n", _("where cases wait longest (working days in the step):"));
	for (i = 0; i < d->nbottlenecks; i++) {
		const struct dash_top *t = &d->bottlenecks[i];

		out_printf_safe(fp, _("  %s · %s: %ld open, median %d, p90 %d (limit %d)\n"), t->name, t->step,
		    t->n, t->median, t->p90, t->limit);
	}
	out_printf_safe(fp, "\n%s\n", _("offices with most red cases:"));
	for (i = 0; i < d->noffices; i++)
		out_printf_safe(fp, "  %s  %ld\n", d->offices[i].name, d->offices[i].n);
	out_printf_safe(fp, "\n%s\n", _("anomalies:"));
	for (i = 0; i < d->nanomalies; i++)
		out_printf_safe(fp, "  %s  %ld\n", tcase_anomaly_label(d->anomalies[i].kind), d->anomalies[i].n);
	cmd_projstat_text(fp, pf);
}

/* One figure of --drill: its key, its number, and the list behind it. */
static void
drill_line(struct cmd_ctx *c, const struct dash *d, enum dash_fig fig, int i, const char *key)
{
	struct case_query q;
	char args[600];
	long n;

	switch (stats_drill(d, fig, i, c->today, &q, &n)) {
	case DASH_LIST_CASES:
		case_query_args(&q, args, sizeof args);
		out_printf_safe(c->out, "%s\t%ld\tcase find %s\n", key, n, args);
		break;
	case DASH_LIST_LATE:
		out_printf_safe(c->out, "%s\t%ld\tsupervise late (%s)\n", key, n, q.anomaly);
		break;
	case DASH_LIST_APPTS:
		out_printf_safe(c->out, "%s\t%ld\tappointment list --overdue\n", key, n);
		break;
	case DASH_LIST_HALLS:
		out_printf_safe(c->out, "%s\t%ld\treport daily (halls)\n", key, n);
		break;
	default:
		break;
	}
}

/* Every figure with the `case find` options that list exactly its cases. */
static void
dash_drill(struct cmd_ctx *c, const struct dash *d)
{
	static const char *const lights[] = { "", "green", "yellow", "red" };
	char key[160];
	int i;

	drill_line(c, d, DASH_OPEN, 0, "open");
	for (i = LIGHT_GREEN; i <= LIGHT_RED; i++) {
		snprintf(key, sizeof key, "light.%s", lights[i]);
		drill_line(c, d, DASH_LIGHT, i, key);
	}
	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (tcase_status_open(tcase_statuses[i])) {
			snprintf(key, sizeof key, "status.%s", tcase_statuses[i]);
			drill_line(c, d, DASH_STATUS, i, key);
		}
	drill_line(c, d, DASH_RECEIVED, 0, "received_today");
	drill_line(c, d, DASH_FINISHED, 0, "finished_today");
	drill_line(c, d, DASH_MONTH, 0, "month_finished");
	for (i = 0; i < d->nareas; i++) {
		snprintf(key, sizeof key, "area.%s.open", d->areas[i].code);
		drill_line(c, d, DASH_AREA, i, key);
		snprintf(key, sizeof key, "area.%s.yellow", d->areas[i].code);
		drill_line(c, d, DASH_AREA_YELLOW, i, key);
		snprintf(key, sizeof key, "area.%s.red", d->areas[i].code);
		drill_line(c, d, DASH_AREA_RED, i, key);
	}
	for (i = 0; i < d->nbottlenecks; i++) {
		snprintf(key, sizeof key, "bottleneck.%s.%d", d->bottlenecks[i].code,
		    d->bottlenecks[i].seq);
		drill_line(c, d, DASH_BOTTLENECK, i, key);
	}
	for (i = 0; i < d->noffices; i++) {
		snprintf(key, sizeof key, "office.%s.red", d->offices[i].code);
		drill_line(c, d, DASH_OFFICE, i, key);
	}
	for (i = 0; i < d->nanomalies; i++) {
		snprintf(key, sizeof key, "anomaly.%s", d->anomalies[i].kind);
		drill_line(c, d, DASH_ANOMALY, i, key);
	}
}

int
cmd_dashboard(struct cmd_ctx *c, struct cmd_args *a)
{
	struct project_figures pf;
	struct dash *d;
	char prefix[16], today[11], *cause = NULL;
	const char *f;
	int rc;

	if (!cmd_arg(a, "once"))
		return cmd_fail(c, EXIT_USAGE, "%s", _("over a command, use dashboard --once (the live "
		    "dashboard is on the console: press d)"));
	f = cmd_arg(a, "format") ? cmd_arg(a, "format") : "text";
	if (strcmp(f, "json") && strcmp(f, "text"))
		return cmd_fail(c, EXIT_INVALID, _("--format: expected json or text, not '%s'"), f);
	if ((rc = cmd_scope_prefix(c, cmd_arg(a, "region"), prefix)) != 0)
		return rc;
	/* The dashboard's sums are kept by district: the finest view is a
	 * district's, which shows its townships in the grid. */
	if (strlen(prefix) > 6)
		return cmd_fail(c, EXIT_INVALID, _("--region: the dashboard covers the city or a district "
		    "(its grid shows the townships), not '%s'"), cmd_arg(a, "region"));
	d = xcalloc(1, sizeof *d);
	if (stats_dashboard(c->s->st, c->s->cal, prefix, c->today, d) != 0) {
		free(d);
		return cmd_store_error(c);
	}
	/* The region's investment projects, counted as the console shows them. */
	if ((rc = project_stats_figures(c->s, prefix, &pf, &cause)) != EXIT_OK) {
		free(d);
		rc = cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	clock_format_date(c->today, today);
	if (cmd_arg(a, "drill"))
		dash_drill(c, d);
	else if (strcmp(f, "json") == 0)
		dash_json(c->out, d, today, &pf);
	else
		dash_text(c->out, d, today, &pf);
	project_stats_release(&pf);
	free(d);
	return EXIT_OK;
}

int
cmd_stats_rebuild(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL, today[11];
	int rc;

	(void)a;
	clock_format_date(c->today, today);
	if (store_begin(c->s->st, &cause) != 0 || store_stat_rebuild(c->s->st, today, &cause) != 0 ||
	    store_commit(c->s->st, &cause) != 0) {
		store_rollback(c->s->st);
		rc = cmd_fail(c, EXIT_INTERNAL, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, "%s\n", _("summaries rebuilt from the cases"));
	return EXIT_OK;
}

int
cmd_stats_check(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long n;

	(void)a;
	n = store_stat_check(c->s->st, &cause);
	if (n < 0) {
		cmd_fail(c, EXIT_INTERNAL, "%s", cause ? cause : "?");
		free(cause);
		return EXIT_INTERNAL;
	}
	if (n > 0) {
		out_printf_safe(c->out, _("summaries differ from the cases in %ld rows (run stats rebuild)\n"), n);
		return EXIT_CONFLICT;
	}
	out_printf_safe(c->out, "%s\n", _("summaries agree with the cases"));
	return EXIT_OK;
}
