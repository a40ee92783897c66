/*
 * case show | find | export | new | act | actions | worklist. Visibility is
 * the user's scope from access.c: a case outside it is reported exactly as
 * one that does not exist for show (so numbers cannot be probed), and never
 * listed by find or export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "case.h"
#include "notice.h"
#include "paper.h"
#include "conv.h"
#include "cmd.h"
#include "i18n.h"
#include "csvio.h"
#include "exchange.h"
#include "lifecycle.h"
#include "project.h"
#include "tcase.h"
#include "util.h"

static const char *const find_keys[] = {
	"no", "item", "item_name", "applicant", "applicant_name", "status", "light",
	"days_used", "limit", "due", "submitted", "accepted", "finished", "on_time",
	"office", "office_name", "channel", "hall_region", "applicant_region", "decided",
	"result", "deliver_due", "provisional"
};
#define NFIND (sizeof find_keys / sizeof find_keys[0])

/* The short columns of the text view. */
static const int text_cols[] = { 0, 2, 4, 5, 6, 7, 9, 15 };
#define NTEXT (sizeof text_cols / sizeof text_cols[0])

struct find {
	struct cmd_ctx *c;
	struct out o;
	int text;
	int labels;		/* --labels */
	long n;
	int progress;
};

static void
case_fields(struct cmd_ctx *c, const struct tcase *k, char num[3][16], const char *v[NFIND])
{
	enum light l = tcase_light(k, c->today);
	int en = strcmp(i18n_lang(), "en") == 0;

	snprintf(num[0], 16, "%d", tcase_days_used(c->s->cal, k, c->today));
	snprintf(num[1], 16, "%d", tcase_limit(k));
	v[0] = k->no;
	v[1] = k->item;
	v[2] = en && *k->item_name_en ? k->item_name_en : k->item_name;
	v[3] = k->applicant;
	v[4] = k->applicant_name;
	v[5] = k->status;
	v[6] = clock_light_name(l);
	v[7] = num[0];
	v[8] = num[1];
	v[9] = k->due;
	v[10] = k->submitted;
	v[11] = k->accepted;
	v[12] = k->finished;
	v[13] = k->on_time < 0 ? "" : k->on_time ? "1" : "0";
	v[14] = k->office;
	v[15] = k->office_name;
	v[16] = k->channel;
	v[17] = k->hall_region;
	v[18] = k->applicant_region;
	/* 1 when due, warning or verdict were counted over a year without a
	 * holiday notice: they may move when it is imported. */
	/* art. 44: the decision, its words by power type (in the user's
	 * language), and the day the result is to be delivered by. */
	v[19] = k->decided ? k->decided : "";
	v[20] = tcase_result_label(k->result);
	v[21] = k->deliver_due ? k->deliver_due : "";
	v[22] = k->provisional ? "1" : "0";
}

static int
find_row(void *arg, const struct tcase *k)
{
	struct find *f = arg;
	char num[3][16], due[64];
	const char *v[NFIND];

	case_fields(f->c, k, num, v);
	if (f->text) {
		const char *t[NTEXT];
		size_t i;

		v[5] = tcase_status_label(k->status);
		v[6] = tcase_light_label(tcase_light(k, f->c->today));
		if (k->provisional) {
			snprintf(due, sizeof due, "%s%s", k->due, _(" (provisional)"));
			v[9] = due;
		}
		for (i = 0; i < NTEXT; i++)
			t[i] = v[text_cols[i]];
		out_row(&f->o, t);
	} else {
		/* --labels: the words people read, in the user's language. */
		if (f->labels) {
			v[5] = tcase_status_label(k->status);
			v[6] = tcase_light_label(tcase_light(k, f->c->today));
			v[13] = k->on_time < 0 ? "" : k->on_time ? _("on time") : _("late");
			v[16] = tcase_channel_label(k->channel);
		}
		out_row(&f->o, v);
	}
	f->n++;
	if (f->progress && f->n % 100000 == 0)
		fprintf(f->c->err, "\r%ld", f->n);
	return ferror(f->c->out) ? -1 : 0;
}

/* Switch a case table to its short text view, with translated labels. */
static void
text_view(struct find *fd)
{
	static const char *labels[NTEXT];
	static const char *keys[NTEXT];
	size_t i;

	labels[0] = _("case no");
	labels[1] = _("item");
	labels[2] = _("applicant");
	labels[3] = _("status");
	labels[4] = _("light");
	labels[5] = _("days");
	labels[6] = _("due");
	labels[7] = _("office");
	for (i = 0; i < NTEXT; i++)
		keys[i] = find_keys[text_cols[i]];
	fd->text = 1;
	fd->o.ncols = NTEXT;
	fd->o.keys = keys;
	fd->o.labels = labels;
}

/* open, closed, or up to STORE_MAX_STATUSES statuses separated by commas. */
static int
status_set_valid(const char *v)
{
	char one[32];
	int n = 0;

	if (strcmp(v, "open") == 0 || strcmp(v, "closed") == 0)
		return 1;
	while (*v) {
		size_t k = strcspn(v, ",");

		if (k == 0 || k >= sizeof one || ++n > STORE_MAX_STATUSES)
			return 0;
		memcpy(one, v, k);
		one[k] = '\0';
		if (!tcase_status_valid(one))
			return 0;
		v += k;
		if (*v == ',' && *++v == '\0')
			return 0;
	}
	return n > 0;
}

/* Fill f from options; EXIT_OK or an error code (already reported). */
static int
parse_filter(struct cmd_ctx *c, const struct opt *o, struct case_filter *f,
    char today[11], long deflimit)
{
	const char *v;
	enum light l;
	int d;
	long n;

	memset(f, 0, sizeof *f);
	f->no = cmd_opt(o, "no");
	f->applicant = cmd_opt(o, "applicant");
	f->name = cmd_opt(o, "name");
	f->phone = cmd_opt(o, "phone");
	f->status = cmd_opt(o, "status");
	f->item = cmd_opt(o, "item");
	f->region = cmd_opt(o, "region");
	f->office = cmd_opt(o, "office");
	f->from = cmd_opt(o, "from");
	f->to = cmd_opt(o, "to");
	f->limit = deflimit;
	if (f->status && !status_set_valid(f->status))
		return cmd_fail(c, EXIT_INVALID, _("--status: expected open, closed, or statuses "
		    "separated by commas among submitted, accepted, not_accepted, supplement, "
		    "under_review, suspended, approved, denied, completed, withdrawn; found '%s'"),
		    f->status);
	if ((v = cmd_opt(o, "light")) != NULL) {
		if (clock_light_parse(v, &l) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--light: expected green, yellow or red, not '%s'"), v);
		f->light = l;
	}
	if (f->from && clock_parse_date(f->from, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--from: expected a date YYYY-MM-DD, not '%s'"), f->from);
	/* The dashboard's drill-downs (stats_drill, case_query_args). */
	f->open_only = cmd_opt(o, "open") != NULL;
	f->area = cmd_opt(o, "area");
	if ((v = cmd_opt(o, "area-only")) != NULL) {
		if (f->area)
			return cmd_fail(c, EXIT_INVALID, "%s", _("--area-only: give either --area or "
			    "--area-only, not both"));
		f->area = v;
		f->area_exact = 1;
	}
	if (f->area && (strlen(f->area) < 2 || strspn(f->area, "0123456789") != strlen(f->area)))
		return cmd_fail(c, EXIT_INVALID, _("--area: expected a region code of digits (e.g. "
		    "500229), not '%s'"), f->area);
	if ((v = cmd_opt(o, "step")) != NULL) {
		if (parse_int(v, 0, 1000, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--step: expected a step number, not '%s'"), v);
		f->by_step = 1;
		f->step = (int)n;
	}
	f->finished_from = cmd_opt(o, "finished-from");
	f->finished_to = cmd_opt(o, "finished-to");
	if (f->finished_from && clock_parse_date(f->finished_from, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--finished-from: expected a date YYYY-MM-DD, "
		    "not '%s'"), f->finished_from);
	if (f->finished_to && clock_parse_date(f->finished_to, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--finished-to: expected a date YYYY-MM-DD, "
		    "not '%s'"), f->finished_to);
	if ((v = cmd_opt(o, "on-time")) != NULL) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return cmd_fail(c, EXIT_INVALID, _("--on-time: expected yes or no, not '%s'"), v);
		f->on_time = strcmp(v, "yes") == 0 ? 1 : 2;
	}
	f->anomaly = cmd_opt(o, "anomaly");
	f->anomaly_from = cmd_opt(o, "anomaly-from");
	f->anomaly_to = cmd_opt(o, "anomaly-to");
	if ((f->anomaly_from || f->anomaly_to) && f->anomaly == NULL)
		return cmd_fail(c, EXIT_INVALID, "%s", _("--anomaly-from/--anomaly-to: give the kind "
		    "with --anomaly KIND as well"));
	if (f->anomaly_from && clock_parse_date(f->anomaly_from, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--anomaly-from: expected a date YYYY-MM-DD, "
		    "not '%s'"), f->anomaly_from);
	if (f->anomaly_to && clock_parse_date(f->anomaly_to, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--anomaly-to: expected a date YYYY-MM-DD, "
		    "not '%s'"), f->anomaly_to);
	f->pledge_overdue = cmd_opt(o, "pledge-overdue") != NULL;
	f->suspend_overdue = cmd_opt(o, "suspend-overdue") != NULL;
	if (cmd_opt(o, "step-late") != NULL) {
		static char late[10 * (CASE_LATE_DAYS + 1) + 1];

		case_late_days(c->s->cal, c->today, late);
		f->step_late = late;
	}
	if (f->to && clock_parse_date(f->to, &d) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--to: expected a date YYYY-MM-DD, not '%s'"), f->to);
	if ((v = cmd_opt(o, "limit")) != NULL) {
		if (parse_int(v, 1, 100000000, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--limit: expected a positive number, not '%s'"), v);
		f->limit = n;
	}
	clock_format_date(c->today, today);
	f->today = today;
	if ((v = cmd_opt(o, "forecast")) != NULL) {
		static char until[11];

		/* Cases whose light changes within the next N working days. */
		if (parse_int(v, 1, 365, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--forecast: expected a number of working days, "
			    "not '%s'"), v);
		clock_format_date(clock_add(c->s->cal, c->today, (int)n), until);
		f->forecast = until;
		f->by_due = 1;
	}
	return EXIT_OK;
}

/* The numbers or IDs of a batch query: one a line, or one column of a CSV
 * whose first line is its header. */
struct batch {
	const char *const *names;	/* the column's possible names */
	const char *column;		/* --column, or NULL */
	int col;			/* -1 until known; 0 for a plain list */
	char **v;
	size_t n, cap;
	size_t *slots, nslots;		/* batch_seen's table */
};

static unsigned
fnv(const char *v, size_t n)
{
	unsigned h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*v++) * 16777619u;
	return h;
}

/* 1 when the value was read before; else 0, and its slot is taken for
 * b->v[b->n], which the caller appends. An open-addressed table of indexes
 * into b->v, kept at most half full. */
static int
batch_seen(struct batch *b, const char *v, size_t n)
{
	size_t i, k;

	if (b->nslots < 2 * (b->n + 1)) {
		size_t ncap = b->nslots ? b->nslots * 2 : 1024;

		free(b->slots);
		b->slots = xcalloc(ncap, sizeof *b->slots);
		b->nslots = ncap;
		for (k = 0; k < b->n; k++) {
			for (i = fnv(b->v[k], strlen(b->v[k])) % ncap; b->slots[i] != 0;
			    i = (i + 1) % ncap)
				;
			b->slots[i] = k + 1;
		}
	}
	for (i = fnv(v, n) % b->nslots; b->slots[i] != 0; i = (i + 1) % b->nslots) {
		const char *w = b->v[b->slots[i] - 1];

		if (strlen(w) == n && memcmp(w, v, n) == 0)
			return 1;
	}
	b->slots[i] = b->n + 1;
	return 0;
}

static int
batch_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct batch *b = arg;
	char *v, *e;
	size_t i;
	int j;

	if (b->col < 0) {
		/* The first line: a header when it has several columns (or
		 * when --column names it), else the first value. */
		if (r->n == 1 && b->column == NULL) {
			b->col = 0;
		} else {
			for (i = 0; i < r->n && b->col < 0; i++) {
				if (b->column != NULL && strcmp(r->f[i], b->column) == 0)
					b->col = (int)i;
				for (j = 0; b->column == NULL && b->names[j] && b->col < 0; j++)
					if (strcmp(r->f[i], b->names[j]) == 0)
						b->col = (int)i;
			}
			if (b->col < 0) {
				set_cause(cause, _("expected a column named %s in the header (or "
				    "--column NAME), found '%s'..."), b->column ? b->column : b->names[0],
				    r->f[0]);
				return CSVIO_STOP;
			}
			return 0;
		}
	}
	if ((size_t)b->col >= r->n)
		return 0;
	/* Values as people paste them: spaces around, empty lines. */
	for (v = r->f[b->col]; *v == ' ' || *v == '\t'; v++)
		;
	for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'); e--)
		;
	if (e == v)
		return 0;
	/* Each value once: an ID on many rows of an export is looked up once. */
	if (batch_seen(b, v, (size_t)(e - v)))
		return 0;
	if (b->n >= 100000) {
		set_cause(cause, "%s", _("expected at most 100000 values in one call"));
		return CSVIO_STOP;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	b->v[b->n++] = xstrndup(v, (size_t)(e - v));
	return 0;
}

static void
batch_free(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i]);
	free(b->v);
	free(b->slots);
}

/* Read --nos-from or --applicants-from into b: EXIT_OK or reported. */
static int
batch_read(struct cmd_ctx *c, const char *opt, const char *file, const char *column,
    struct batch *b)
{
	static const char *const nos[] = { "no", "办件编号", "case no", NULL };
	static const char *const ids[] = { "applicant", "applicant_id", "申请人证件号码",
		"证件号码", NULL };
	char *cause = NULL, name[64];
	FILE *fp;
	int rc;

	memset(b, 0, sizeof *b);
	b->names = strcmp(opt, "nos-from") == 0 ? nos : ids;
	b->column = column;
	b->col = -1;
	if (strcmp(file, "-") == 0)
		fp = c->in;
	else if (!access_has(&c->s->user, RIGHT_HOST_FILES))
		return cmd_fail(c, EXIT_USAGE, _("over ssh, send the list on standard input: --%s -"),
		    opt);
	else if ((fp = fopen(file, "r")) == NULL)
		return cmd_fail(c, EXIT_NOTFOUND, _("cannot open '%s'"), file);
	snprintf(name, sizeof name, "%s", strcmp(file, "-") ? file : "stdin");
	rc = csvio_read(fp, name, NULL, NULL, batch_row, b, &cause);
	if (fp != c->in)
		fclose(fp);
	if (rc != 0) {
		cmd_fail(c, EXIT_INVALID, "--%s: %s", opt, cause ? cause : "?");
		free(cause);
		batch_free(b);
		return EXIT_INVALID;
	}
	return EXIT_OK;
}

static int
find_or_export(struct cmd_ctx *c, struct cmd_args *a, int export)
{
	const struct opt *o = a->opt;
	struct case_filter f;
	struct scope s;
	struct find fd;
	char today[11], *cause = NULL;
	int rc;

	const char *batch_opt = cmd_opt(o, "nos-from") ? "nos-from" :
	    cmd_opt(o, "applicants-from") ? "applicants-from" : NULL;
	struct batch b;
	long missed = 0;
	size_t i;

	if (cmd_opt(o, "nos-from") && cmd_opt(o, "applicants-from"))
		return cmd_fail(c, EXIT_USAGE, "%s", _("--nos-from and --applicants-from: give one"));
	/* A batch lists whatever it names: no limit unless one is given. */
	if ((rc = parse_filter(c, o, &f, today, export || batch_opt ? 0 : 50)) != EXIT_OK)
		return rc;
	if (batch_opt != NULL && (rc = batch_read(c, batch_opt, cmd_opt(o, batch_opt),
	    cmd_opt(o, "column"), &b)) != EXIT_OK)
		return rc;
	access_scope(&c->s->user, &s);
	memset(&fd, 0, sizeof fd);
	fd.c = c;
	rc = cmd_table(c, &fd.o, o, export ? FMT_CSV : FMT_TEXT, NFIND, find_keys, NULL);
	if (rc != EXIT_OK) {
		if (batch_opt)
			batch_free(&b);
		return rc;
	}
	fd.labels = cmd_opt(o, "labels") != NULL;
	if (fd.o.fmt == FMT_TEXT)
		text_view(&fd);
	else {
		/* Numbers are numbers in JSON, an empty one null. */
		static const unsigned char numeric[NFIND] = { [7] = OUT_NUMBER, [8] = OUT_NUMBER,
			[11] = OUT_NULLABLE, [12] = OUT_NULLABLE, [13] = OUT_NUMBER,
			[19] = OUT_NULLABLE, [20] = OUT_NULLABLE, [21] = OUT_NULLABLE,
			[22] = OUT_NUMBER };

		fd.o.numeric = fd.labels ? NULL : numeric;
	}
	fd.progress = export && isatty(fileno(c->err));
	if (batch_opt == NULL)
		rc = export ? store_case_export(c->s->st, &f, &s, find_row, &fd, &cause) :
		    store_case_find(c->s->st, &f, &s, find_row, &fd, &cause);
	else {
		/* One indexed lookup each, with the other filters; what finds
		 * nothing (unknown, or out of sight) is only counted. */
		long limit = f.limit, before;

		for (i = 0, rc = 0; i < b.n && rc == 0; i++) {
			if (limit > 0 && fd.n >= limit)
				break;
			if (strcmp(batch_opt, "nos-from") == 0)
				f.no = b.v[i];
			else
				f.applicant = b.v[i];
			f.limit = limit > 0 ? limit - fd.n : 0;
			before = fd.n;
			rc = store_case_find(c->s->st, &f, &s, find_row, &fd, &cause);
			missed += fd.n == before;
		}
	}
	out_end(&fd.o);
	if (fd.progress)
		fprintf(c->err, "\r%ld\n", fd.n);
	if (rc != 0) {
		rc = cmd_fail(c, EXIT_INTERNAL, "%s", cause ? cause : _("output error"));
		free(cause);
		if (batch_opt)
			batch_free(&b);
		return rc;
	}
	if (batch_opt != NULL) {
		if (missed > 0) {
			fprintf(c->err, "tongban: ");
			fprintf(c->err, strcmp(batch_opt, "nos-from") == 0 ?
			    _("%ld of %zu numbers found no case (unknown, or not yours to see)") :
			    _("%ld of %zu IDs found no case (unknown, or not yours to see)"), missed, b.n);
			fputc('\n', c->err);
		}
		batch_free(&b);
	} else if (!export && f.limit > 0 && fd.n >= f.limit) {
		/* Stopped at the limit: say how many there are, to a bound. */
		long total = 0;

		if (store_case_count(c->s->st, &f, &s, 100001, &total, &cause) == 0 &&
		    total > fd.n) {
			fprintf(c->err, "tongban: ");
			if (total > 100000)
				fprintf(c->err, _("showing %ld of more than 100,000 (--limit N shows more)"),
				    fd.n);
			else
				fprintf(c->err, _("showing %ld of %ld (--limit N shows more)"), fd.n, total);
			fputc('\n', c->err);
		}
		free(cause);
	}
	return EXIT_OK;
}

int
cmd_case_find(struct cmd_ctx *c, struct cmd_args *a)
{
	return find_or_export(c, a, 0);
}

int
cmd_case_export(struct cmd_ctx *c, struct cmd_args *a)
{
	return find_or_export(c, a, 1);
}

static int
print_event(void *arg, const struct event *e)
{
	FILE *fp = arg;
	char to[64] = "";

	if (*e->to_status && strcmp(e->from_status, e->to_status) != 0)
		snprintf(to, sizeof to, "→ %s", tcase_status_label(e->to_status));
	out_printf_safe(fp, "  %.16s  ", e->at);
	out_pad(fp, tcase_action_label(e->action), 16);
	fputc(' ', fp);
	out_pad(fp, to, 16);
	out_printf_safe(fp, " %s%s%s\n", e->actor, *e->note ? "  " : "", e->note);
	return 0;
}

struct json_events {
	FILE *fp;
	int n;
};

static int
json_event(void *arg, const struct event *e)
{
	struct json_events *j = arg;
	const char *k[] = { "at", "actor", "addr", "action", "from", "to", "note" };
	const char *v[] = { e->at, e->actor, e->addr, e->action, e->from_status,
	    e->to_status, e->note };
	size_t i;

	fputs(j->n++ ? ",\n    {" : "\n    {", j->fp);
	for (i = 0; i < 7; i++) {
		if (i)
			fputs(", ", j->fp);
		out_json_string(j->fp, k[i]);
		fputs(": ", j->fp);
		out_json_string(j->fp, v[i]);
	}
	fputc('}', j->fp);
	return 0;
}

static void
label(FILE *fp, const char *l)
{
	out_pad(fp, l, 12);
}

/* The day of date s (0 when it does not parse). */
static int
day_of(const char *s)
{
	int d;

	return s != NULL && clock_parse_date(s, &d) == 0 ? d : 0;
}

int
cmd_case_show(struct cmd_ctx *c, struct cmd_args *a)
{
	struct tcase k = a->target;
	const struct opt *o = a->opt;
	char num[3][16];
	const char *v[NFIND];
	enum fmt fmt = FMT_TEXT;
	enum light l;
	int rc, sw, sd, pno_rc, pstage = 0;
	char pno[32];
	size_t i;
	FILE *fp = c->out;

	/* One record: JSON Lines are for lists. */
	if (cmd_opt(o, "format") && (out_parse_format(cmd_opt(o, "format"), &fmt) != 0 ||
	    fmt == FMT_JSONL))
		return cmd_fail(c, EXIT_INVALID, _("--format: expected text, csv, tsv or json, "
		    "found '%s'"), cmd_opt(o, "format"));
	case_fields(c, &k, num, v);
	l = tcase_light(&k, c->today);
	/* A case of an investment project names it and its stage. */
	if ((pno_rc = project_of_case(c->s, k.id, pno, &pstage)) < 0)
		return cmd_store_error(c);
	if (fmt == FMT_CSV || fmt == FMT_TSV) {
		struct out ot;

		if ((rc = cmd_table(c, &ot, o, fmt, NFIND, find_keys, NULL)) == EXIT_OK) {
			out_row(&ot, v);
			out_end(&ot);
		}
		return rc;
	}
	if (fmt == FMT_JSON) {
		struct json_events j = { fp, 0 };

		fputc('{', fp);
		for (i = 0; i < NFIND; i++) {
			fputs(i ? ",\n  " : "\n  ", fp);
			out_json_string(fp, find_keys[i]);
			fputs(": ", fp);
			out_json_string(fp, v[i]);
		}
		fputs(",\n  \"applicant_phone\": ", fp);
		out_json_string(fp, k.applicant_phone);
		fputs(",\n  \"step\": ", fp);
		out_json_string(fp, k.step_name);
		fputs(",\n  \"assignee\": ", fp);
		out_json_string(fp, k.assignee ? k.assignee : "");
		{
			struct notice_state ns[NOTICE_MOMENTS];
			int n = 0;

			if (notice_read(c->s, &k, ns) != 0)
				return cmd_store_error(c);
			fputs(",\n  \"told\": [", fp);
			for (i = 0; i < NOTICE_MOMENTS; i++) {
				if (ns[i].happened[0] == '\0')
					continue;
				fputs(n++ ? ", " : "", fp);
				fputs("{\"moment\": ", fp);
				out_json_string(fp, ns[i].moment);
				fputs(", \"happened\": ", fp);
				out_json_string(fp, ns[i].happened);
				fputs(", \"told\": ", fp);
				out_json_string(fp, ns[i].told);
				fputs(", \"how\": ", fp);
				out_json_string(fp, ns[i].how);
				fputc('}', fp);
			}
			fputc(']', fp);
		}
		if (pno_rc > 0) {
			fputs(",\n  \"project\": ", fp);
			out_json_string(fp, pno);
			out_printf_safe(fp, ",\n  \"project_stage\": %d", pstage);
		}
		out_printf_safe(fp, ",\n  \"version\": %d,\n  \"events\": [", k.version);
		rc = store_event_each_of_case(c->s->st, k.id, json_event, &j);
		fputs(j.n ? "\n  ]\n}\n" : "]\n}\n", fp);
		if (rc != 0)
			return cmd_store_error(c);
		return EXIT_OK;
	}
	label(fp, _("case no"));
	out_printf_safe(fp, "%s\n", k.no);
	label(fp, _("item"));
	out_printf_safe(fp, _("%s (%s)\n"), v[2], k.item);
	label(fp, _("applicant"));
	out_printf_safe(fp, "%s  %s  %s\n", k.applicant_name, k.applicant, k.applicant_phone);
	label(fp, _("received"));
	out_printf_safe(fp, "%s  %s  %s\n", k.submitted, tcase_channel_label(k.channel), k.hall_name);
	label(fp, _("office"));
	out_printf_safe(fp, _("%s (%s)\n"), k.office_name, k.office);
	if (k.assignee && *k.assignee) {
		label(fp, _("given to"));
		out_printf_safe(fp, "%s\n", k.assignee);
	}
	if (pno_rc > 0) {
		label(fp, _("project"));
		out_printf_safe(fp, _("%s, stage %d\n"), pno, pstage);
	}
	label(fp, _("status"));
	out_printf_safe(fp, "%s%s%s\n", tcase_status_label(k.status), *k.step_name ? "  " : "",
	    k.step_name);
	label(fp, _("clock"));
	if (k.decided && *k.decided) {
		/* The decision's clock, then art. 44's delivery clock. */
		/* Once decided, what may still move is the delivery date: the
		 * provisional mark goes with it. */
		out_printf_safe(fp, _("%s / %d working days used, due %s; decided %s: %s, %s\n"),
		    num[0], tcase_limit(&k), k.due, k.decided, tcase_result_label(k.result),
		    strcmp(k.decided, k.due) <= 0 ? _("decided in time") : _("decided late"));
		label(fp, _("delivery"));
		if (k.open)
			out_printf_safe(fp, _("by %s%s (10 working days from the decision, art. 44), "
			    "%s light\n"), k.deliver_due, k.provisional ? _(" (provisional)") : "",
			    tcase_light_label(l));
		else if (*k.deliver_due)
			out_printf_safe(fp, _("delivered %s, due %s, %s; %s\n"), k.finished,
			    k.deliver_due, tcase_delivered_on_time(&k, day_of(k.finished)) ?
			    _("delivered in time") : _("delivered late"), case_verdict(&k));
		else
			out_printf_safe(fp, _("delivered %s; %s\n"), k.finished, case_verdict(&k));
	} else if (k.open)
		out_printf_safe(fp, _("%s / %d working days used, due %s%s, %s light\n"), num[0],
		    tcase_limit(&k), k.due, k.provisional ? _(" (provisional)") : "",
		    tcase_light_label(l));
	else
		out_printf_safe(fp, _("%s / %d working days used, finished %s%s%s\n"), num[0],
		    tcase_limit(&k), *k.finished ? k.finished : k.decided,
		    *case_verdict(&k) ? ", " : "", case_verdict(&k));
	if (k.provisional) {
		label(fp, "");
		out_printf_safe(fp, "%s\n", _("provisional: counted over a year without a State "
		    "Council holiday notice (statutory holidays only); recomputed when it is imported"));
	}
	if (tcase_suspend_clock(c->s->cal, &k, &sw, &sd) == 0) {
		/* art. 45: the period told to the applicant, with its own light. */
		char end[11];

		clock_format_date(sd, end);
		label(fp, _("suspended"));
		out_printf_safe(fp, _("since %s, %s, %d working days told, ends %s, %s light\n"),
		    k.paused_since, tcase_suspend_label(k.suspend_reason), k.suspend_days, end,
		    tcase_light_label(clock_light(c->today, sw, sd)));
	}
	if (*k.pledge_materials) {
		/* 容缺受理: what was pledged, by when, and whether it came. */
		label(fp, _("pledged"));
		out_printf_safe(fp, _("materials %s by %s, %s\n"), k.pledge_materials, k.pledge_date,
		    tcase_pledge_open(&k) ? _("outstanding") : _("handed in"));
	}
	{
		/* 告知: each moment that happened, told (how, when) or still owed. */
		struct notice_state ns[NOTICE_MOMENTS];
		int any = 0;

		if (notice_read(c->s, &k, ns) != 0)
			return cmd_store_error(c);
		for (i = 0; i < NOTICE_MOMENTS; i++) {
			if (ns[i].happened[0] == '\0')
				continue;
			if (!any++)
				label(fp, _("informed"));
			else
				label(fp, "");
			if (ns[i].told[0])
				out_printf_safe(fp, _("%s: %s, %.16s\n"), notice_moment_label(ns[i].moment),
				    notice_how_label(ns[i].how), ns[i].told);
			else
				out_printf_safe(fp, _("%s: not yet\n"), notice_moment_label(ns[i].moment));
		}
	}
	out_printf_safe(fp, "%s\n", _("timeline"));
	if (store_event_each_of_case(c->s->st, k.id, print_event, fp) != 0)
		return cmd_store_error(c);
	return EXIT_OK;
}

int
cmd_case_act(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const checked[] = { "expect-version", "days", "fee" };
	const char *no = a->pos[0];
	struct act_args in;
	struct tcase k;
	char *cause = NULL;
	const char *v;
	size_t i;
	int rc;

	memset(&in, 0, sizeof in);
	in.action = a->pos[1];
	in.note = cmd_arg(a, "note");
	in.materials = cmd_arg(a, "materials");
	in.pledge_date = cmd_arg(a, "pledge-date");
	in.pledge_materials = cmd_arg(a, "pledge-materials");
	in.reason = cmd_arg(a, "reason");
	in.verdict = cmd_arg(a, "verdict");
	in.expect_version = -1;
	in.fee_cents = -1;
	for (i = 0; i < sizeof checked / sizeof checked[0]; i++)
		if ((v = cmd_arg(a, checked[i])) != NULL &&
		    (rc = lifecycle_arg(&in, checked[i], v, &cause)) != 0)
			goto out;
	rc = lifecycle_act(c->s, no, &in, &cause);
out:
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	/* The action is taken; say where the case stands now. */
	rc = store_case_get(c->s->st, no, &k);
	if (rc == STORE_NOTFOUND)
		return EXIT_OK;
	if (rc != 0) {
		/* Committed already: exit 0, so that no script takes it again. */
		fprintf(c->err, "tongban: ");
		fprintf(c->err, _("the action is recorded, but the case could not be read again: %s"),
		    store_error(c->s->st));
		fputc('\n', c->err);
		return EXIT_OK;
	}
	/* Once decided in time, the date that counts is the delivery's (art. 44). */
	out_printf_safe(c->out, _("%s: %s, version %d, due %s\n"), k.no, tcase_status_label(k.status),
	    k.version, tcase_due_in_force(&k));
	{
		/* A case of a project: where the project stands after it (a
		 * decision may have opened the next stage, or stopped it). */
		struct project p;
		char pno[32], *pcause = NULL;
		int stage;

		if (project_of_case(c->s, k.id, pno, &stage) > 0 &&
		    project_get(c->s, pno, &p, &pcause) == 0) {
			out_printf_safe(c->out, _("%s: %s, stage %d of %d, %d / %d working days\n"), p.no,
			    project_status_label(p.status), p.stage, p.n_stages, p.used_days,
			    p.total_days);
			project_release(&p);
		}
		free(pcause);
	}
	tcase_release(&k);
	return EXIT_OK;
}

int
cmd_case_new(struct cmd_ctx *c, struct cmd_args *a)
{
	struct intake in;
	char *cause = NULL, no[32], other[32], day[11];
	int rc, same;

	if (!cmd_arg(a, "item") || !cmd_arg(a, "applicant-id") || !cmd_arg(a, "applicant-name"))
		return cmd_row_usage(c, a);
	memset(&in, 0, sizeof in);
	in.item = cmd_arg(a, "item");
	in.applicant_id = cmd_arg(a, "applicant-id");
	in.name = cmd_arg(a, "applicant-name");
	in.phone = cmd_arg(a, "phone");
	in.region = cmd_arg(a, "applicant-region");
	in.channel = cmd_arg(a, "channel") ? cmd_arg(a, "channel") : "window";
	in.materials = cmd_arg(a, "materials");
	in.name_differs = cmd_arg(a, "name-differs") != NULL;
	same = case_same_open(c->s, in.applicant_id, in.item, other, day);
	rc = lifecycle_intake(c->s, &in, no, &cause);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, "%s\n", no);
	/* A second application for the same item while the first is open: taken
	 * in, and said on stderr (a script's output stays the number alone). */
	if (same == 1) {
		fprintf(c->err, "tongban: ");
		fprintf(c->err, _("note: this applicant already has case %s for this item (taken in "
		    "%s)"), other, day);
		fputc('\n', c->err);
	}
	return EXIT_OK;
}

int
cmd_case_import(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *file = a->pos[0];
	struct import_stats st;
	char *cause = NULL;
	FILE *fp;
	int rc, dry = cmd_arg(a, "dry-run") != NULL;

	if ((rc = cmd_open_input(c, file, "case", &fp)) != EXIT_OK)
		return rc;
	rc = exchange_cases_import(c->s, fp, strcmp(file, "-") ? file : "stdin", cmd_arg(a, "encoding"),
	    dry, c->out, &st, &cause);
	if (fp != c->in)
		fclose(fp);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	/* The numbers are the output; the count and the pace go to stderr. */
	fprintf(c->err, "tongban: ");
	if (dry)
		fprintf(c->err, _("%ld rows checked, all valid; nothing written (--dry-run)"), st.rows);
	else
		fprintf(c->err, _("%ld cases taken in (%.0f rows/s)"), st.taken,
		    st.seconds > 0 ? (double)st.rows / st.seconds : 0.0);
	fputc('\n', c->err);
	return EXIT_OK;
}

int
cmd_case_actions(struct cmd_ctx *c, struct cmd_args *a)
{
	const struct act_def *defs[32];
	int i, n;

	if ((n = lifecycle_offered(c->s, &a->target, defs, 32)) < 0)
		return cmd_store_error(c);
	for (i = 0; i < n; i++) {
		out_pad(c->out, defs[i]->name, 12);
		out_printf_safe(c->out, "%s%s\n", _(defs[i]->summary),
		    defs[i]->need_note ? _(" (--note required)") : "");
	}
	return EXIT_OK;
}

int
cmd_case_paper(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *fmt = cmd_arg(a, "format") ? cmd_arg(a, "format") : "txt";
	const char *enc = cmd_arg(a, "encoding"), *v;
	struct sb out = SB_INIT;
	char *cause = NULL;
	long width = 72;
	int rc;

	if ((v = cmd_arg(a, "width")) != NULL && parse_int(v, 32, 200, &width) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--width: expected 32 to 200 columns, not '%s'"), v);
	if (enc && strcmp(enc, "gbk") != 0 && strcmp(enc, "utf-8") != 0)
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected gbk or utf-8, not '%s'"), enc);
	if (strcmp(fmt, "pdf") == 0)
		rc = paper_pdf(c->s, a->pos[0], a->pos[1], &out, &cause);
	else if (strcmp(fmt, "txt") == 0)
		rc = paper_text(c->s, a->pos[0], a->pos[1], (int)width, &out, &cause);
	else
		return cmd_fail(c, EXIT_INVALID, _("--format: expected txt or pdf, not '%s'"), fmt);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		sb_release(&out);
		return rc;
	}
	if (enc && strcmp(enc, "gbk") == 0 && strcmp(fmt, "txt") == 0) {
		struct conv cv;
		struct sb gb = SB_INIT;

		if (conv_open(&cv, "UTF-8", "GB18030") == 0) {
			conv_string(&cv, out.buf, out.len, &gb, CONV_REPLACE, NULL);
			conv_close(&cv);
			sb_release(&out);
			out = gb;
		}
	}
	/* The text is built from the database's own checked fields. */
	if (out.len > 0)
		fwrite(out.buf, 1, out.len, c->out);
	sb_release(&out);
	return EXIT_OK;
}

int
cmd_case_tell(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	int rc = notice_tell(c->s, a->pos[0], a->pos[1], cmd_arg(a, "how"), cmd_arg(a, "note"),
	    &cause);

	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, _("%s: the applicant was told of the %s %s\n"), a->pos[0],
	    notice_moment_label(a->pos[1]), notice_how_label(cmd_arg(a, "how")));
	return EXIT_OK;
}

int
cmd_case_assign(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *who = a->pos[1], *v;
	char *cause = NULL;
	long ver = -1;
	int rc;

	if ((v = cmd_arg(a, "expect-version")) != NULL && parse_int(v, 1, 1000000000, &ver) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--expect-version: expected a positive number, "
		    "not '%s'"), v);
	if (strcmp(who, "none") == 0)
		who = NULL;
	rc = lifecycle_assign(c->s, a->pos[0], who, (int)ver, cmd_arg(a, "note"), &cause);
	if (rc != EXIT_OK) {
		cmd_fail(c, rc, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, who ? _("%s: given to %s\n") : _("%s: given back to the office\n"),
	    a->pos[0], who);
	return EXIT_OK;
}

int
cmd_case_worklist(struct cmd_ctx *c, struct cmd_args *a)
{
	struct find fd;
	char today[11];
	const char *v, *office, *hall;
	long limit = 50;
	int rc;

	if ((v = cmd_arg(a, "limit")) != NULL && parse_int(v, 1, 100000, &limit) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--limit: expected a positive number, not '%s'"), v);
	/* The row's right let the user in; the worklist is their office's. */
	if (access_worklist(&c->s->user, &office, &hall) != 0)
		return cmd_fail(c, EXIT_DENIED, "%s", access_denied_text(RIGHT_CASE_WORK));
	memset(&fd, 0, sizeof fd);
	fd.c = c;
	if ((rc = cmd_table(c, &fd.o, a->opt, FMT_TEXT, NFIND, find_keys, NULL)) != EXIT_OK)
		return rc;
	if (fd.o.fmt == FMT_TEXT)
		text_view(&fd);
	clock_format_date(c->today, today);
	if (cmd_arg(a, "mine") && cmd_arg(a, "unassigned")) {
		out_end(&fd.o);
		return cmd_fail(c, EXIT_USAGE, "%s", _("--mine and --unassigned: one or the other"));
	}
	if (cmd_arg(a, "mine"))
		rc = store_worklist_given(c->s->st, office, c->s->user.login, today, NULL, limit,
		    find_row, &fd);
	else if (cmd_arg(a, "unassigned"))
		rc = store_worklist_given(c->s->st, office, NULL, today, NULL, limit, find_row, &fd);
	else
		rc = store_worklist(c->s->st, office, hall, today, NULL, limit, find_row, &fd);
	out_end(&fd.o);
	/* find_row stops on an output error, which ends the list quietly as
	 * before; any other stop is the database's. */
	if (rc != 0 && !ferror(c->out))
		return cmd_store_error(c);
	return EXIT_OK;
}
