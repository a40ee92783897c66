/*
 * report daily|weekly|monthly|quarterly|annual: the supervision centre's
 * rhythm, as text for people (with bar charts where a picture says more),
 * CSV for spreadsheets (the main table of each report) and JSON for scripts
 * (every table).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "cmd.h"
#include "cmd_projstat.h"
#include "i18n.h"
#include "json.h"
#include "record.h"
#include "report.h"
#include "stats.h"
#include "tcase.h"
#include "util.h"

struct rctx {
	struct cmd_ctx *c;
	enum fmt fmt;
	int raw;		/* --raw: CSV cells as they are (out.h) */
	int labels;		/* --header zh|en: CSV headers are labels, not keys */
	char lo[24], hi[24];
	const char *office;
	struct report_period p;
	char from[11], to[11];
	struct json j;		/* JSON: the one document of the report */
};

static void
bar(FILE *fp, double share, int width)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	int cells = (int)(share * width * 8 + 0.5), i;

	for (i = 0; i < cells / 8; i++)
		fputs("█", fp);
	fputs(eighths[cells % 8], fp);
}

/* Begin a table: JSON tables are members of one object; numeric marks the
 * columns written as JSON numbers. */
static int
table(struct rctx *r, struct out *o, const char *name, size_t n, const char *const *keys,
    const char *const *labels, const unsigned char *numeric)
{
	int rc = 0;

	if (r->fmt == FMT_JSON) {
		json_key(&r->j, name);
		out_begin_json(o, &r->j, n, keys);
	} else
		/* CSV's header row is its keys: the labels with --header zh|en. */
		rc = out_begin(o, r->c->out, r->fmt, n, r->labels && r->fmt == FMT_CSV ? labels : keys,
		    labels, NULL, 0);
	o->numeric = numeric;
	o->raw = r->raw;
	return rc;
}

/* A figure that does not exist (nothing completed in the period): "–" for
 * people and spreadsheets, null in JSON (an empty numeric cell). */
static const char *
none(const struct rctx *r)
{
	return r->fmt == FMT_JSON ? "" : REPORT_NONE;
}

static const char *
fmt_rate(const struct rctx *r, char buf[16], long num, long den)
{
	if (den == 0)
		snprintf(buf, 16, "%s", none(r));
	else
		report_rate_text(num, den, buf);
	return buf;
}

/* The formulas beside the figures: a footer in text, a member in JSON. */
static void
formulas(struct rctx *r)
{
	int i;

	if (r->fmt == FMT_TEXT) {
		out_printf_safe(r->c->out, "\n%s\n", _("how the figures are computed:"));
		for (i = 0; report_formula[i] != NULL; i++)
			out_printf_safe(r->c->out, "  %s\n", _(report_formula[i]));
	} else if (r->fmt == FMT_JSON) {
		json_key(&r->j, "formula");
		json_begin_array(&r->j);
		for (i = 0; report_formula[i] != NULL; i++)
			json_string(&r->j, _(report_formula[i]));
		json_end(&r->j);
	}
}

/* Supervision records past their deadlines (record_late), as a table. */
struct lates {
	struct rctx *r;
	struct out o;
	long n;
};

static int
late_row(void *arg, const struct late_record *x, int days_over)
{
	struct lates *l = arg;

	cmd_late_row(&l->o, x, days_over, l->r->fmt == FMT_TEXT);
	l->n++;
	return 0;
}

static int
late_table(struct rctx *r, const char *prefix)
{
	static const char *const keys[] = { "kind", "id", "office", "office_name", "case",
		"due", "done", "days_over" };
	static const unsigned char numeric[] = { 0, 1, 0, 0, 0, 0, 0, 1 };
	const char *labels[8];
	struct lates l;
	char *cause = NULL;
	int rc;

	labels[0] = _("kind");
	labels[1] = _("id");
	labels[2] = _("code");
	labels[3] = _("office");
	labels[4] = _("case no");
	labels[5] = _("due");
	labels[6] = _("done on");
	labels[7] = _("working days over");
	memset(&l, 0, sizeof l);
	l.r = r;
	if (r->fmt == FMT_TEXT)
		out_printf_safe(r->c->out, "\n%s\n", _("supervision records past their deadlines "
		    "(orders by their due date, complaints accepted or refused within 5 working days, "
		    "rectifications within 15):"));
	table(r, &l.o, "late_records", 8, keys, labels, numeric);
	rc = record_late(r->c->s, prefix, r->p.from, r->p.to, late_row, &l, &cause);
	out_end(&l.o);
	if (rc != 0) {
		rc = cmd_fail(r->c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	if (r->fmt == FMT_TEXT && l.n == 0)
		out_printf_safe(r->c->out, "  %s\n", _("(none)"));
	return 0;
}

/* Daily scan: every red and yellow case, by office. */
struct scan {
	struct rctx *r;
	struct out o;
	char last[48];
};

static int
scan_row(void *arg, const struct tcase *k)
{
	struct scan *s = arg;
	enum light l = tcase_light(k, s->r->c->today);
	char over[16];
	const char *v[8];
	int due;

	/* Over the clock that is red: the delivery's once decided in time
	 * (art. 44), else the decision's. */
	clock_parse_date(tcase_due_in_force(k), &due);
	snprintf(over, sizeof over, "%d", l == LIGHT_RED && due < s->r->c->today ?
	    clock_workdays(s->r->c->s->cal, due, s->r->c->today) : 0);
	v[0] = k->office;
	v[1] = k->office_name;
	v[2] = k->no;
	v[3] = s->r->fmt == FMT_TEXT ? tcase_light_label(l) : clock_light_name(l);
	v[4] = over;
	v[5] = tcase_due_in_force(k);
	v[6] = k->item_name;
	/* A decided case by the decision's words for its power type. */
	v[7] = s->r->fmt != FMT_TEXT ? k->status : k->result && *k->result ?
	    tcase_result_label(k->result) : tcase_status_label(k->status);
	out_row(&s->o, v);
	return 0;
}

static int
daily(struct rctx *r)
{
	static const char *const keys[] = { "office", "office_name", "no", "light", "days_over",
		"due", "item", "status" };
	static const unsigned char numeric[] = { 0, 0, 0, 0, 1, 0, 0, 0 };
	const char *labels[8];
	struct case_filter f;
	struct scope all = { SCOPE_ALL, "", "", NULL };
	struct scan s;
	struct dash *d;
	char today[11], *cause = NULL;
	int i, rc = 0;

	labels[0] = _("code");
	labels[1] = _("office");
	labels[2] = _("case no");
	labels[3] = _("light");
	labels[4] = _("days over");
	labels[5] = _("due");
	labels[6] = _("item");
	labels[7] = _("status");
	memset(&s, 0, sizeof s);
	s.r = r;
	if (r->fmt == FMT_TEXT)
		out_printf_safe(r->c->out, _("daily scan (日扫描): red and yellow cases by office, %s\n\n"),
		    r->to);
	table(r, &s.o, "cases", 8, keys, labels, numeric);
	clock_format_date(r->c->today, today);
	for (i = LIGHT_RED; i >= LIGHT_YELLOW && rc == 0; i--) {
		memset(&f, 0, sizeof f);
		f.today = today;
		f.light = i;
		f.region = r->lo;
		f.office = r->office;
		f.by_due = 1;
		rc = store_case_find(r->c->s->st, &f, &all, scan_row, &s, &cause);
	}
	out_end(&s.o);
	if (rc != 0) {
		rc = cmd_fail(r->c, EXIT_INTERNAL, "%s", cause ? cause : store_error(r->c->s->st));
		free(cause);
		return rc;
	}
	d = xcalloc(1, sizeof *d);
	if (stats_dashboard(r->c->s->st, r->c->s->cal, r->lo, r->c->today, d) != 0) {
		free(d);
		return cmd_store_error(r->c);
	}
	if (r->fmt == FMT_TEXT) {
		out_printf_safe(r->c->out, "\n%s\n", _("anomalies:"));
		for (i = 0; i < d->nanomalies; i++)
			out_printf_safe(r->c->out, "  %s  %ld\n", tcase_anomaly_label(d->anomalies[i].kind),
			    d->anomalies[i].n);
		if (d->nanomalies == 0)
			out_printf_safe(r->c->out, "  %s\n", _("(none)"));
	} else if (r->fmt == FMT_JSON) {
		json_key(&r->j, "anomalies");
		json_begin_object(&r->j);
		for (i = 0; i < d->nanomalies; i++) {
			json_key(&r->j, d->anomalies[i].kind);
			json_int(&r->j, d->anomalies[i].n);
		}
		json_end(&r->j);
	}
	free(d);
	if (r->fmt != FMT_CSV)
		return late_table(r, r->lo);
	return EXIT_OK;
}

static void
office_rows(struct rctx *r, struct office_score *v, int n, const char *name)
{
	static const char *const keys[] = { "rank", "office", "office_name", "received", "finished",
		"on_time", "overdue", "on_time_rate", "open_red", "open_orders", "orders_late",
		"rectify_late" };
	static const unsigned char numeric[] = { 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const char *labels[12];
	struct office_score t;
	struct out o;
	int i;

	labels[0] = _("rank");
	labels[1] = _("code");
	labels[2] = _("office");
	labels[3] = _("received");
	labels[4] = _("finished");
	labels[5] = _("on time");
	/* Completed late in the period; the open red ones are "red now":
	 * no case is in both. */
	labels[6] = _("finished late");
	labels[7] = _("on-time %");
	labels[8] = _("red now");
	labels[9] = _("open orders");
	labels[10] = _("orders late");
	labels[11] = _("rectif. late");
	table(r, &o, name, 12, keys, labels, numeric);
	/* Text ends with the totals row the console shows (CSV and JSON keep
	 * to one row per office). */
	report_total(v, n, &t);
	for (i = 0; i < n + (r->fmt == FMT_TEXT && n > 0); i++) {
		const struct office_score *x = i < n ? &v[i] : &t;
		char num[12][24];
		const char *vals[12];
		int k;

		snprintf(num[0], 24, "%d", i + 1);
		snprintf(num[3], 24, "%ld", x->received);
		snprintf(num[4], 24, "%ld", x->finished);
		snprintf(num[5], 24, "%ld", x->on_time);
		snprintf(num[6], 24, "%ld", x->late);
		fmt_rate(r, num[7], x->on_time, x->finished);
		snprintf(num[8], 24, "%ld", x->open_red);
		snprintf(num[9], 24, "%ld", x->open_orders);
		snprintf(num[10], 24, "%ld", x->orders_late);
		snprintf(num[11], 24, "%ld", x->rectify_late);
		for (k = 0; k < 12; k++)
			vals[k] = num[k];
		vals[1] = x->office;
		vals[2] = i < n ? x->name : _("total");
		if (i == n)
			vals[0] = "";
		out_row(&o, vals);
	}
	out_end(&o);
}

/* Districts: the offices' figures summed by the district of their region;
 * their number, or -1 when the store fails (*out is then NULL). */
static int
districts(struct store *st, struct office_score *v, int n, struct office_score **out)
{
	struct office_score *d = xcalloc((size_t)(n ? n : 1), sizeof *d);
	int nd = 0, i, k;

	for (i = 0; i < n; i++) {
		char code[7];
		struct region reg;

		snprintf(code, sizeof code, "%.6s", v[i].area);
		for (k = 0; k < nd && strcmp(d[k].office, code); k++)
			;
		if (k == nd) {
			int rc;

			snprintf(d[k].office, sizeof d[k].office, "%s", code);
			if (strcmp(code, "500000") == 0)
				snprintf(d[k].name, sizeof d[k].name, "%s", _("city depts"));
			else if ((rc = store_region_get(st, code, &reg)) == 0) {
				utf8_copy(d[k].name, sizeof d[k].name, reg.name);
				region_release(&reg);
			} else if (rc != STORE_NOTFOUND) {
				free(d);
				*out = NULL;
				return -1;
			}
			/* An area no longer in the regions: the district without a name. */
			nd++;
		}
		d[k].received += v[i].received;
		d[k].finished += v[i].finished;
		d[k].on_time += v[i].on_time;
		d[k].late += v[i].late;
		d[k].open_red += v[i].open_red;
		d[k].open_orders += v[i].open_orders;
		d[k].orders_late += v[i].orders_late;
		d[k].rectify_late += v[i].rectify_late;
		d[k].complaints_late += v[i].complaints_late;
		d[k].graded = d[k].finished > 0;
	}
	for (k = 0; k < nd; k++)
		d[k].rate = d[k].finished ? (double)d[k].on_time / (double)d[k].finished : 0;
	*out = d;
	return nd;
}

static void
text_bars(struct rctx *r, const struct office_score *v, int n, const char *title)
{
	int i;

	out_printf_safe(r->c->out, "\n%s\n", title);
	for (i = 0; i < n; i++) {
		fputs("  ", r->c->out);
		out_pad(r->c->out, v[i].name, 26);
		if (v[i].finished == 0) {
			out_printf_safe(r->c->out, "  %s\n", REPORT_NONE);
			continue;
		}
		out_printf_safe(r->c->out, "%5.1f%% ", 100 * v[i].rate);
		bar(r->c->out, v[i].rate, 30);
		fputc('\n', r->c->out);
	}
}

/* The region's investment projects as they stand (cmd_projstat.c): a
 * section in text, a member in JSON; CSV keeps to the offices' table. */
static int
project_section(struct rctx *r)
{
	struct project_figures pf;
	char *cause = NULL;
	int rc;

	if (r->fmt == FMT_CSV || r->fmt == FMT_TSV)
		return EXIT_OK;
	if ((rc = project_stats_figures(r->c->s, r->lo, &pf, &cause)) != EXIT_OK) {
		rc = cmd_fail(r->c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	if (r->fmt == FMT_TEXT)
		cmd_projstat_text(r->c->out, &pf);
	else {
		json_key(&r->j, "projects");
		cmd_projstat_json(&r->j, &pf);
	}
	project_stats_release(&pf);
	return EXIT_OK;
}

static int
weekly_monthly(struct rctx *r, int monthly)
{
	struct office_score *v = NULL, *d = NULL;
	int n = 0, nd;

	if (report_offices(r->c->s->st, r->lo, r->hi, r->p.from, r->p.to, r->c->today, &v, &n)) {
		free(v);
		return cmd_store_error(r->c);
	}
	if (r->office) {
		int i, k = 0;

		for (i = 0; i < n; i++)
			if (strcmp(v[i].office, r->office) == 0)
				v[k++] = v[i];
		n = k;
	}
	report_sort(v, n, 0);
	if (r->fmt == FMT_TEXT && r->p.from == r->p.to)
		out_printf_safe(r->c->out, _("daily figures per office (日扫描), %s\n\n"), r->from);
	else if (r->fmt == FMT_TEXT)
		out_printf_safe(r->c->out, monthly ?
		    _("monthly bulletin (月通报): offices ranked by on-time rate, %s – %s\n\n") :
		    _("weekly dispatch (周调度): per office, %s – %s\n\n"), r->from, r->to);
	if (monthly) {
		if ((nd = districts(r->c->s->st, v, n, &d)) < 0) {
			free(v);
			return cmd_store_error(r->c);
		}
		report_sort(d, nd, 0);
		if (r->fmt == FMT_TEXT)
			out_printf_safe(r->c->out, "%s\n", _("districts ranked:"));
		if (r->fmt != FMT_CSV)
			office_rows(r, d, nd, "districts");
		if (r->fmt == FMT_TEXT) {
			text_bars(r, d, nd, _("on-time rate by district:"));
			out_printf_safe(r->c->out, "\n%s\n", _("departments ranked:"));
		}
		free(d);
	}
	office_rows(r, v, n, "offices");
	{
		long late = 0;
		int i;

		for (i = 0; i < n; i++)
			late += v[i].complaints_late;
		/* Acceptance is the supervision centre's own duty: one line. */
		if (r->fmt == FMT_TEXT) {
			out_printf_safe(r->c->out, "\n%s\n  %s\n", _("finished late: completed after "
			    "the due date within the period; red now: open cases past their due date "
			    "today; no case is counted in both."), _("orders late, rectif. late: "
			    "not answered by the due date, or not reported within 15 working days "
			    "(pending now, or met late within the period)."));
			out_printf_safe(r->c->out, _("complaints not accepted or refused within 5 "
			    "working days: %ld\n"), late);
		} else if (r->fmt == FMT_JSON) {
			json_key(&r->j, "complaints_late");
			json_int(&r->j, late);
		}
	}
	if (r->fmt == FMT_TEXT && !monthly && n > 0 && n <= 40)
		text_bars(r, v, n, _("on-time rate:"));
	free(v);
	return project_section(r);
}

/* Slowest items: median working days from acceptance to decision. */
struct slow {
	const struct calendar *cal;
	char item[24];
	char name[192];
	int *days;
	int n, cap;
	struct {
		char name[192];
		int median, n;
	} top[10];
	int ntop;
};

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
slow_close(struct slow *s)
{
	int pos, med;

	if (s->n == 0)
		return;
	qsort(s->days, (size_t)s->n, sizeof *s->days, cmp_int);
	med = s->days[s->n / 2];
	for (pos = s->ntop; pos > 0 && s->top[pos - 1].median < med; pos--)
		;
	if (pos < 10) {
		int last = s->ntop < 10 ? s->ntop : 9;

		memmove(&s->top[pos + 1], &s->top[pos], (size_t)(last - pos) * sizeof s->top[0]);
		utf8_copy(s->top[pos].name, sizeof s->top[pos].name, s->name);
		s->top[pos].median = med;
		s->top[pos].n = s->n;
		if (s->ntop < 10)
			s->ntop++;
	}
	s->n = 0;
}

static int
slow_row(void *arg, const char *item, const char *name, const char *accepted,
    const char *decided, int paused, int on_time)
{
	struct slow *s = arg;
	int a, d;

	(void)on_time;
	if (strcmp(s->item, item) != 0) {
		slow_close(s);
		snprintf(s->item, sizeof s->item, "%s", item);
		utf8_copy(s->name, sizeof s->name, name);
	}
	if (clock_parse_date(accepted, &a) != 0 || clock_parse_date(decided, &d) != 0)
		return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->days = xreallocarray(s->days, (size_t)s->cap, sizeof *s->days);
	}
	s->days[s->n] = clock_workdays(s->cal, a, d) - paused;
	if (s->days[s->n] < 0)
		s->days[s->n] = 0;
	s->n++;
	return 0;
}

/* What a shortcoming says, with its figure, in a 监察建议书. */
static void
shortcoming(struct sb *b, const struct office_score *o, enum report_shortcoming k)
{
	switch (k) {
	case SHORT_LATE:
		sb_addf(b, _("cases completed after their due date: %ld; trace the cause of each and "
		    "name who is responsible"), o->late);
		break;
	case SHORT_RED:
		sb_addf(b, _("open cases past their due date: %ld; complete them within a set time"),
		    o->open_red);
		break;
	case SHORT_GUIDE:
		sb_addf(b, _("items whose guide lacked a material asked for or complained of: %ld; "
		    "correct the guides and their material lists"), o->handled - o->accurate);
		break;
	case SHORT_CHANNELS:
		sb_addf(b, _("channels its items may be handled through that took no case: %ld of %ld; "
		    "open them"), o->channels_allowed - o->channels_used, o->channels_allowed);
		break;
	case SHORT_ONLINE:
		sb_addf(b, _("items that can be done wholly online but were never taken in online: %ld; "
		    "offer them online"), o->online_items - o->online_done);
		break;
	case SHORT_COVERAGE:
		sb_addf(b, _("items it is competent for without a case: %ld of %ld; check that each can "
		    "be applied for"), o->items - o->handled, o->items);
		break;
	case SHORT_RATINGS:
		sb_addf(b, _("completed cases rated bad: %ld; rectify each and report back"),
		    o->bad_ratings);
		break;
	case SHORT_ORDERS:
		sb_addf(b, _("supervision orders not answered by their due date: %ld; answer them and "
		    "say why they were late"), o->orders_late);
		break;
	case SHORT_RECTIFY:
		sb_addf(b, _("rectifications past their 15 working days: %ld; finish them at once"),
		    o->rectify_late);
		break;
	case SHORT_COUNT:
		break;
	}
}

/* The numbers of a recommendation's points, in the reader's language. */
static const char *const point_no[] = {
	N_("1. "), N_("2. "), N_("3. "), N_("4. "), N_("5. "), N_("6. "), N_("7. "), N_("8. "),
	N_("9. "), N_("10. ")
};

/* A 监察建议书 for a failing office: the figures, then one point for each
 * shortcoming it actually has, and the report back. */
static void
recommendation(struct rctx *r, const struct office_score *o)
{
	enum report_shortcoming k[SHORT_COUNT];
	int n = report_shortcomings(o, k), i;
	struct sb b = SB_INIT;
	char rate[16];

	fmt_rate(r, rate, o->on_time, o->finished);
	sb_addf(&b, _("Supervision recommendation (监察建议书) to %s"), o->name);
	sb_adds(&b, "\n  ");
	sb_addf(&b, _("The efficiency supervision of your office's approvals from %s to %s gives "
	    "a score of %ld.%ld, graded 不合格; cases completed: %ld, on time: %s%%. We recommend:"),
	    r->from, r->to, o->tenths / 10, o->tenths % 10, o->finished, rate);
	for (i = 0; i < n; i++) {
		sb_adds(&b, "\n  ");
		sb_adds(&b, _(point_no[i]));
		shortcoming(&b, o, k[i]);
		sb_adds(&b, _(";"));
	}
	sb_adds(&b, "\n  ");
	sb_adds(&b, _(point_no[n]));
	sb_adds(&b, _("report the rectification in writing to the supervision centre within 15 "
	    "working days."));
	out_printf_safe(r->c->out, "\n  %s\n", b.buf);
	sb_release(&b);
}

/* The grading columns from "office" on: code, office, finished, on-time
 * %, the five indicators, satisfaction, score, band (12 labels). */
static void
grading_labels(const char *labels[12])
{
	labels[0] = _("code");
	labels[1] = _("office");
	labels[2] = _("finished");
	labels[3] = _("on-time %");
	labels[4] = _("channels");
	labels[5] = _("coverage");
	labels[6] = _("guide");
	labels[7] = _("online depth");
	labels[8] = _("online effect");
	labels[9] = _("satisfaction");
	labels[10] = _("score");
	labels[11] = _("band");
}

/* I1..I5, satisfaction and the score as printed (the score graded). */
static void
indicators(const struct office_score *o, char (*num)[24])
{
	snprintf(num[0], 24, "%.2f", o->i1);
	snprintf(num[1], 24, "%.2f", o->i2);
	snprintf(num[2], 24, "%.2f", o->i3);
	snprintf(num[3], 24, "%.2f", o->i4);
	snprintf(num[4], 24, "%.2f", o->i5);
	snprintf(num[5], 24, "%.2f", o->sat);
	snprintf(num[6], 24, "%ld.%ld", o->tenths / 10, o->tenths % 10);
}

/* The band: its Chinese name in CSV and JSON (a stable value), in the
 * reader's language on the text report. */
static const char *
band_text(const struct rctx *r, const struct office_score *o)
{
	if (!o->graded)
		return "";
	if (r->fmt != FMT_TEXT)
		return o->band;
	return report_band_label(o->tenths);
}

static int
quarterly(struct rctx *r)
{
	static const char *const keys[] = { "office", "office_name", "finished", "on_time_rate",
		"I1", "I2", "I3", "I4", "I5", "satisfaction", "score", "band" };
	static const unsigned char numeric[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
	const char *labels[12];
	struct office_score *v = NULL, *pv = NULL, *d = NULL, *pd = NULL;
	int n = 0, pn = 0, nd, npd, i, k, rc, failed;
	char pf[11], pt[11];
	struct slow s;
	struct dash *dash = xcalloc(1, sizeof *dash);
	struct out o;

	failed = report_offices(r->c->s->st, r->lo, r->hi, r->p.from, r->p.to, r->c->today, &v,
	    &n) != 0;
	failed |= report_offices(r->c->s->st, r->lo, r->hi, r->p.prev_from, r->p.prev_to,
	    r->c->today, &pv, &pn) != 0;
	nd = failed ? -1 : districts(r->c->s->st, v, n, &d);
	npd = nd < 0 ? -1 : districts(r->c->s->st, pv, pn, &pd);
	if (nd < 0 || npd < 0) {
		free(v);
		free(pv);
		free(d);
		free(dash);
		return cmd_store_error(r->c);
	}
	clock_format_date(r->p.prev_from, pf);
	clock_format_date(r->p.prev_to, pt);
	if (r->fmt == FMT_TEXT) {
		out_printf_safe(r->c->out, _("quarterly analysis (季分析): %s – %s (previous: %s – %s)\n\n"),
		    r->from, r->to, pf, pt);
		out_printf_safe(r->c->out, "%s\n", _("trends by district (received, finished, on-time rate; "
		    "change against the previous quarter):"));
		for (i = 0; i < nd; i++) {
			struct office_score *p = NULL;

			for (k = 0; k < npd; k++)
				if (strcmp(pd[k].office, d[i].office) == 0)
					p = &pd[k];
			fputs("  ", r->c->out);
			out_pad(r->c->out, d[i].name, 24);
			if (d[i].finished == 0) {
				/* Nothing completed: no rate, and no change of one. */
				out_printf_safe(r->c->out, "%6ld (%+ld)  %6ld (%+ld)  %6s\n", d[i].received,
				    d[i].received - (p ? p->received : 0), d[i].finished,
				    d[i].finished - (p ? p->finished : 0), REPORT_NONE);
				continue;
			}
			/* TRANSLATORS: received, finished and on-time rate, each with its
			 * change against the previous quarter in brackets. */
			out_printf_safe(r->c->out, _("%6ld (%+ld)  %6ld (%+ld)  %5.1f%% (%+.1f)\n"), d[i].received,
			    d[i].received - (p ? p->received : 0), d[i].finished,
			    d[i].finished - (p ? p->finished : 0), 100 * d[i].rate,
			    100 * (d[i].rate - (p ? p->rate : 0)));
		}
	} else if (r->fmt == FMT_JSON) {
		json_key(&r->j, "trends");
		json_begin_array(&r->j);
		for (i = 0; i < nd; i++) {
			struct office_score *p = NULL;

			for (k = 0; k < npd; k++)
				if (strcmp(pd[k].office, d[i].office) == 0)
					p = &pd[k];
			json_begin_object(&r->j);
			json_key(&r->j, "district");
			json_string(&r->j, d[i].office);
			json_key(&r->j, "received");
			json_int(&r->j, d[i].received);
			json_key(&r->j, "previous_received");
			json_int(&r->j, p ? p->received : 0);
			json_key(&r->j, "finished");
			json_int(&r->j, d[i].finished);
			json_key(&r->j, "previous_finished");
			json_int(&r->j, p ? p->finished : 0);
			json_key(&r->j, "on_time_rate");
			json_double(&r->j, d[i].rate, 4);
			json_key(&r->j, "previous_on_time_rate");
			json_double(&r->j, p ? p->rate : 0, 4);
			json_end(&r->j);
		}
		json_end(&r->j);
	}
	/* The items slowest from acceptance to decision, and the steps where
	 * open cases wait longest now. */
	memset(&s, 0, sizeof s);
	s.cal = r->c->s->cal;
	rc = store_report_done(r->c->s->st, r->lo, r->hi, r->from, r->to, slow_row, &s);
	slow_close(&s);
	free(s.days);
	if (rc != 0) {
		free(v);
		free(pv);
		free(d);
		free(pd);
		free(dash);
		return cmd_store_error(r->c);
	}
	stats_dashboard(r->c->s->st, r->c->s->cal, r->lo, r->c->today, dash);
	if (r->fmt == FMT_TEXT) {
		out_printf_safe(r->c->out, "\n%s\n", _("slowest items (median working days, acceptance to decision):"));
		for (i = 0; i < s.ntop; i++) {
			fputs("  ", r->c->out);
			out_pad(r->c->out, s.top[i].name, 40);
			out_printf_safe(r->c->out, "%4d  (%d)\n", s.top[i].median, s.top[i].n);
		}
		out_printf_safe(r->c->out, "\n%s\n", _("steps where open cases wait longest (median, p90 working days):"));
		for (i = 0; i < dash->nbottlenecks; i++)
			out_printf_safe(r->c->out, _("  %s · %s  %d, %d (limit %d)\n"), dash->bottlenecks[i].name,
			    dash->bottlenecks[i].step, dash->bottlenecks[i].median, dash->bottlenecks[i].p90,
			    dash->bottlenecks[i].limit);
		out_printf_safe(r->c->out, "\n%s\n", _("grading of offices:"));
	} else if (r->fmt == FMT_JSON) {
		json_key(&r->j, "slowest_items");
		json_begin_array(&r->j);
		for (i = 0; i < s.ntop; i++) {
			json_begin_object(&r->j);
			json_key(&r->j, "item");
			json_string(&r->j, s.top[i].name);
			json_key(&r->j, "median_days");
			json_int(&r->j, s.top[i].median);
			json_key(&r->j, "cases");
			json_int(&r->j, s.top[i].n);
			json_end(&r->j);
		}
		json_end(&r->j);
	}
	report_sort(v, n, 1);
	grading_labels(labels);
	table(r, &o, "grading", 12, keys, labels, numeric);
	for (i = 0; i < n; i++) {
		char num[12][24];
		const char *vals[12];

		if (!v[i].graded)
			continue;
		snprintf(num[2], 24, "%ld", v[i].finished);
		fmt_rate(r, num[3], v[i].on_time, v[i].finished);
		indicators(&v[i], &num[4]);
		for (k = 2; k < 11; k++)
			vals[k] = num[k];
		vals[0] = v[i].office;
		vals[1] = v[i].name;
		vals[11] = band_text(r, &v[i]);
		out_row(&o, vals);
	}
	out_end(&o);
	if (r->fmt == FMT_TEXT)
		for (i = 0; i < n; i++)
			if (v[i].graded && strcmp(v[i].band, "不合格") == 0)
				recommendation(r, &v[i]);
	formulas(r);
	free(v);
	free(pv);
	free(d);
	free(pd);
	free(dash);
	return EXIT_OK;
}

static int
annual(struct rctx *r)
{
	static const char *const keys[] = { "rank", "office", "office_name", "items", "received",
		"finished", "on_time_rate", "I1", "I2", "I3", "I4", "I5", "satisfaction", "score",
		"band" };
	static const unsigned char numeric[] = { 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
	const char *labels[15], *g[12];
	struct office_score *v = NULL;
	struct out o;
	int n = 0, i, k, rank = 0;

	if (report_offices(r->c->s->st, r->lo, r->hi, r->p.from, r->p.to, r->c->today, &v, &n)) {
		free(v);
		return cmd_store_error(r->c);
	}
	report_sort(v, n, 1);
	if (r->fmt == FMT_TEXT)
		out_printf_safe(r->c->out, _("annual evaluation (年考评): %s – %s\n\n"), r->from, r->to);
	grading_labels(g);
	labels[0] = _("rank");
	labels[1] = g[0];
	labels[2] = g[1];
	labels[3] = _("items");
	labels[4] = _("received");
	for (k = 5; k < 15; k++)
		labels[k] = g[k - 3];
	table(r, &o, "offices", 15, keys, labels, numeric);
	for (i = 0; i < n; i++) {
		char num[15][24];
		const char *vals[15];

		if (r->office && strcmp(v[i].office, r->office) != 0)
			continue;
		snprintf(num[0], 24, "%d", v[i].graded ? ++rank : 0);
		snprintf(num[3], 24, "%ld", v[i].items);
		snprintf(num[4], 24, "%ld", v[i].received);
		snprintf(num[5], 24, "%ld", v[i].finished);
		fmt_rate(r, num[6], v[i].on_time, v[i].finished);
		indicators(&v[i], &num[7]);
		if (!v[i].graded) {
			/* Nothing completed: no effect, satisfaction or score. */
			snprintf(num[11], 24, "%s", none(r));
			snprintf(num[12], 24, "%s", none(r));
			snprintf(num[13], 24, "%s", none(r));
		}
		for (k = 0; k < 14; k++)
			vals[k] = num[k];
		vals[1] = v[i].office;
		vals[2] = v[i].name;
		vals[14] = band_text(r, &v[i]);
		out_row(&o, vals);
	}
	out_end(&o);
	formulas(r);
	free(v);
	return EXIT_OK;
}

/* report daily|weekly|monthly|quarterly|annual: the kind is the row's verb. */
int
cmd_report_run(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *verb = a->e->verb;
	enum report_kind kind;
	struct rctx r;
	char prefix[16];
	const char *v;
	char lang[4] = "";
	int rc, day = c->today;

	if (report_kind_parse(verb, &kind) != 0)
		return cmd_row_usage(c, a);
	memset(&r, 0, sizeof r);
	r.c = c;
	r.fmt = FMT_TEXT;
	r.raw = cmd_arg(a, "raw") != NULL;
	if ((v = cmd_arg(a, "format")) != NULL && (out_parse_format(v, &r.fmt) != 0 || r.fmt == FMT_TSV ||
	    r.fmt == FMT_JSONL))
		return cmd_fail(c, EXIT_INVALID, _("--format: expected text, csv or json, not '%s'"), v);
	if ((v = cmd_arg(a, "date")) != NULL && clock_parse_date(v, &day) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--date: expected a date YYYY-MM-DD, not '%s'"), v);
	if ((v = cmd_arg(a, "header")) != NULL && strcmp(v, "code") != 0 && strcmp(v, "zh") != 0 &&
	    strcmp(v, "en") != 0)
		return cmd_fail(c, EXIT_INVALID, _("--header: expected code, zh or en, not '%s'"), v);
	r.labels = v != NULL && strcmp(v, "code") != 0;
	if ((rc = cmd_scope_prefix(c, cmd_arg(a, "region"), prefix)) != 0)
		return rc;
	snprintf(r.lo, sizeof r.lo, "%s", prefix);
	snprintf(r.hi, sizeof r.hi, "%s:", prefix);
	r.office = cmd_arg(a, "office");
	if (r.office) {
		char *name = NULL;

		if ((rc = store_office_name(c->s->st, r.office, &name)) == STORE_NOTFOUND)
			return cmd_fail(c, EXIT_NOTFOUND, _("--office: no office '%s'"), r.office);
		if (rc != 0)
			return cmd_store_error(c);
		free(name);
		if (!access_in_subtree(prefix, r.office))
			return cmd_fail(c, EXIT_DENIED, _("permission denied: '%s' is outside your region"),
			    r.office);
	}
	/* Without --date: the last complete period (the daily scan: today). */
	if (cmd_arg(a, "date") != NULL)
		report_period(kind, day, &r.p);
	else
		report_default(kind, c->today, &r.p);
	clock_format_date(r.p.from, r.from);
	clock_format_date(r.p.to, r.to);
	if (r.fmt == FMT_JSON) {
		json_init(&r.j, c->out);
		json_begin_object(&r.j);
		json_key(&r.j, "report");
		json_string(&r.j, verb);
		json_key(&r.j, "region");
		json_string(&r.j, prefix);
		json_key(&r.j, "from");
		json_string(&r.j, r.from);
		json_key(&r.j, "to");
		json_string(&r.j, r.to);
	}
	/* --header zh|en: a CSV's one translated thing is its header row, so
	 * the report is made in that language (and the user's again after). */
	if (r.labels && r.fmt == FMT_CSV) {
		snprintf(lang, sizeof lang, "%s", i18n_lang());
		i18n_set_lang(cmd_arg(a, "header"));
	}
	switch (kind) {
	case REPORT_DAILY:
		/* --offices: the day's figures per office, as the console shows them. */
		rc = cmd_arg(a, "offices") != NULL ? weekly_monthly(&r, 0) : daily(&r);
		break;
	case REPORT_WEEKLY:
		rc = weekly_monthly(&r, 0);
		break;
	case REPORT_MONTHLY:
		rc = weekly_monthly(&r, 1);
		break;
	case REPORT_QUARTERLY:
		rc = quarterly(&r);
		break;
	default:
		rc = annual(&r);
		break;
	}
	if (r.fmt == FMT_JSON)
		json_end(&r.j);
	if (lang[0])
		i18n_set_lang(lang);
	return rc;
}
