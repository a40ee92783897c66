/*
 * calendar, region, item and audit commands: the reference data and the
 * record, for people and scripts.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "tcase.h"
#include "trail.h"
#include "calendar.h"
#include "catalog.h"
#include "cmd.h"
#include "i18n.h"
#include "util.h"

/* calendar ------------------------------------------------------------------- */

static int
read_date(struct cmd_ctx *c, const char *s, int *d)
{
	if (clock_parse_date(s, d) != 0) {
		cmd_fail(c, EXIT_INVALID, _("expected a date YYYY-MM-DD, not '%s'"), s);
		return -1;
	}
	if (!clock_in_range(c->s->cal, *d)) {
		cmd_fail(c, EXIT_INVALID, _("date '%s' is outside %d to %d"), s,
		    CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR);
		return -1;
	}
	return 0;
}

int
cmd_open_input(struct cmd_ctx *c, const char *file, const char *what, FILE **fp)
{
	if (strcmp(file, "-") == 0)
		*fp = c->in;
	else if (!access_has(&c->s->user, RIGHT_HOST_FILES))
		return cmd_fail(c, EXIT_USAGE, _("over ssh, send the file on standard input: %s import -"),
		    what);
	else if ((*fp = fopen(file, "r")) == NULL)
		return cmd_fail(c, EXIT_NOTFOUND, _("cannot open '%s'"), file);
	return EXIT_OK;
}

/* Import a reference file through the catalog service. */
static int
import(struct cmd_ctx *c, struct cmd_args *a, const char *what, enum catalog_kind kind)
{
	const char *file = a->pos[0];
	char *cause = NULL;
	int rc;
	FILE *fp;

	if ((rc = cmd_open_input(c, file, what, &fp)) != EXIT_OK)
		return rc;
	rc = catalog_import(c->s, kind, fp, strcmp(file, "-") ? file : "stdin",
	    cmd_arg(a, "encoding"), &cause);
	if (fp != c->in)
		fclose(fp);
	if (rc != 0) {
		cmd_fail(c, rc, "%s", cause ? cause : store_error(c->s->st));
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, _("%s imported\n"), what);
	return EXIT_OK;
}

int
cmd_calendar_import(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *file = a->pos[0];
	char *cause = NULL;
	long n = 0;
	int rc;
	FILE *fp;

	if ((rc = cmd_open_input(c, file, "calendar", &fp)) != EXIT_OK)
		return rc;
	rc = calendar_import(c->s, fp, strcmp(file, "-") ? file : "stdin", cmd_arg(a, "encoding"),
	    &n, &cause);
	if (fp != c->in)
		fclose(fp);
	if (rc != 0) {
		cmd_fail(c, rc, "%s", cause ? cause : store_error(c->s->st));
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, "%s\n", _("holiday calendar imported"));
	out_printf_safe(c->out, _("open cases whose clock was recomputed: %ld\n"), n);
	return EXIT_OK;
}

/*
 * A count or a date that rests on a year no notice covers gets a note on
 * standard error (the answer on standard output stays as scripts read it).
 */
static void
provisional_note(struct cmd_ctx *c, int from, int to)
{
	int y = clock_provisional_year(c->s->cal, from, to);

	if (y == 0)
		return;
	if (!clock_statutory_known(c->s->cal, y)) {
		fprintf(c->err, _("note: provisional: the calendar has neither a State Council "
		    "holiday notice for %d nor its statutory holidays; it is counted Monday to "
		    "Friday\n"), y);
		return;
	}
	fprintf(c->err, _("note: provisional: no State Council holiday notice covers %d yet "
	    "(the last is for %d); only the statutory holidays and the rest days owed for them "
	    "count as rest days there, and the answer may change when the notice is imported\n"),
	    y, clock_last_noticed(c->s->cal));
}

int
cmd_calendar_add(struct cmd_ctx *c, struct cmd_args *a)
{
	char out[11];
	long n;
	int d, r;

	if (read_date(c, a->pos[0], &d) != 0)
		return EXIT_INVALID;
	if (parse_int(a->pos[1], 0, 10000, &n) != 0)
		return cmd_fail(c, EXIT_INVALID, _("expected a number of working days from 0 to 10000, not '%s'"),
		    a->pos[1]);
	r = clock_add(c->s->cal, d, (int)n);
	clock_format_date(r, out);
	out_printf_safe(c->out, "%s\n", out);
	provisional_note(c, d, r);
	return EXIT_OK;
}

int
cmd_calendar_workdays(struct cmd_ctx *c, struct cmd_args *a)
{
	int from, to;

	if (read_date(c, a->pos[0], &from) != 0 || read_date(c, a->pos[1], &to) != 0)
		return EXIT_INVALID;
	/* The working days d with FROM < d <= TO: none when FROM is after TO. */
	if (from >= to) {
		out_printf_safe(c->out, "0\n");
		return EXIT_OK;
	}
	out_printf_safe(c->out, "%d\n", clock_workdays(c->s->cal, from, to));
	provisional_note(c, from, to);
	return EXIT_OK;
}

/* One calendar row; text shows the day's kind as a label (放假, 调休上班). */
static void
cal_put(struct out *o, const char **v)
{
	char *kind = NULL;

	if (o->fmt == FMT_TEXT) {
		v[1] = kind = tcase_list_label(v[1]);
		v[4] = strcmp(v[4], "1") == 0 ? _("yes") : _("no");
	}
	out_row(o, v);
	free(kind);
}

static int
cal_row(void *arg, const char *day, const char *kind, const char *cn, const char *en)
{
	const char *v[5] = { day, kind, cn, en, "0" };

	cal_put(arg, v);
	return 0;
}

/* The rows listed for a year without a notice (a make-up day of the next
 * year's notice, say), for calendar show. */
struct listed {
	char day[32][11];
	char kind[32][20];
	char cn[32][64];
	char en[32][64];
	int n;
};

static int
keep_row(void *arg, const char *day, const char *kind, const char *cn, const char *en)
{
	struct listed *l = arg;

	if (l->n < 32) {
		utf8_copy(l->day[l->n], sizeof l->day[0], day);
		utf8_copy(l->kind[l->n], sizeof l->kind[0], kind);
		utf8_copy(l->cn[l->n], sizeof l->cn[0], cn ? cn : "");
		utf8_copy(l->en[l->n], sizeof l->en[0], en ? en : "");
		l->n++;
	}
	return 0;
}

/* A year no notice covers: its rest days by the statutory rule, each one
 * provisional, and any day listed for it all the same. */
static int
show_provisional(struct cmd_ctx *c, struct out *ot, int year)
{
	struct listed *l = xcalloc(1, sizeof *l);
	char from[11], to[11];
	int d, first = clock_day_from_ymd(year, 1, 1), end = clock_day_from_ymd(year + 1, 1, 1);
	int k = 0, rc;

	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	rc = store_calendar_each(c->s->st, from, to, keep_row, l);
	for (d = first; rc == 0 && d < end; d++) {
		char day[11], cn[96], en[96];
		const char *v[5];
		enum clock_holiday h;
		enum clock_rest r;

		clock_format_date(d, day);
		if (k < l->n && strcmp(l->day[k], day) == 0) {
			v[0] = l->day[k];
			v[1] = l->kind[k];
			v[2] = l->cn[k];
			v[3] = l->en[k];
			v[4] = "0";
			cal_put(ot, v);
			k++;
			continue;
		}
		if ((r = clock_rest_of(c->s->cal, d, &h)) == CLOCK_REST_NONE)
			continue;
		if (r == CLOCK_REST_SUBSTITUTE) {
			/* 放假办法 art. 6: owed for a day of it that fell on a weekend. */
			snprintf(cn, sizeof cn, "%s补假", clock_holiday_name_cn(h));
			snprintf(en, sizeof en, "%s (rest day owed)", clock_holiday_name_en(h));
		} else {
			snprintf(cn, sizeof cn, "%s", clock_holiday_name_cn(h));
			snprintf(en, sizeof en, "%s", clock_holiday_name_en(h));
		}
		v[0] = day;
		v[1] = "public_holiday";
		v[2] = cn;
		v[3] = en;
		v[4] = "1";
		cal_put(ot, v);
	}
	free(l);
	return rc;
}

int
cmd_calendar_show(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "date", "kind", "name_cn", "name_en", "provisional" };
	struct out ot;
	char from[11], to[11];
	const char *y;
	long n;
	int rc, yy, mm, dd, noticed;

	clock_ymd(c->today, &yy, &mm, &dd);
	if ((y = cmd_arg(a, "year")) != NULL) {
		if (parse_int(y, CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--year: expected a year, not '%s'"), y);
		yy = (int)n;
	}
	snprintf(from, sizeof from, "%04d-01-01", yy);
	snprintf(to, sizeof to, "%04d-12-31", yy);
	if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 5, keys, NULL)) != EXIT_OK)
		return rc;
	noticed = clock_noticed(c->s->cal, yy);
	if (noticed)
		rc = store_calendar_each(c->s->st, from, to, cal_row, &ot);
	else
		rc = show_provisional(c, &ot, yy);
	out_end(&ot);
	if (rc != 0)
		return cmd_store_error(c);
	if (!noticed)
		provisional_note(c, clock_day_from_ymd(yy, 1, 1) - 1, clock_day_from_ymd(yy, 12, 31));
	return EXIT_OK;
}

/* The clock's one setting: the yellow threshold. */
int
cmd_calendar_set(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long pct, n = 0;
	int before, rc;

	if (strcmp(a->pos[0], "warn-percent") != 0)
		return cmd_fail(c, EXIT_INVALID, _("unknown setting '%s' (expected warn-percent)"),
		    a->pos[0]);
	if (a->npos < 2) {
		out_printf_safe(c->out, "%d\n", c->s->cal->warn_percent);
		return EXIT_OK;
	}
	if (parse_int(a->pos[1], 1, 100, &pct) != 0)
		return cmd_fail(c, EXIT_INVALID, _("warn-percent: expected a whole number of percent "
		    "from 1 to 100, not '%s'"), a->pos[1]);
	rc = calendar_set_warn(c->s, (int)pct, &before, &n, &cause);
	if (rc != 0) {
		cmd_fail(c, rc, "%s", cause ? cause : store_error(c->s->st));
		free(cause);
		return rc;
	}
	out_printf_safe(c->out, _("yellow from %ld%% of the limit used (was %d%%), or when one "
	    "working day is left\n"), pct, before);
	out_printf_safe(c->out, _("open cases whose clock was recomputed: %ld\n"), n);
	return EXIT_OK;
}

/* region --------------------------------------------------------------------- */

static int
region_row(void *arg, const struct region *r)
{
	const struct out *o = arg;
	/* Text is read by staff: the level as a label; CSV keeps the code. */
	char *level = o->fmt == FMT_TEXT ? tcase_list_label(r->level) : xstrdup(r->level);
	const char *v[4] = { r->code, r->name, level, r->parent };

	out_row(arg, v);
	free(level);
	return 0;
}

static int
region_table(struct cmd_ctx *c, struct cmd_args *a, int export)
{
	static const char *const keys[] = { "code", "name", "level", "parent_code" };
	const char *parent = cmd_arg(a, "parent");
	struct out ot;
	int rc;

	if ((rc = cmd_table(c, &ot, a->opt, export ? FMT_CSV : FMT_TEXT, 4, keys, NULL)) != EXIT_OK)
		return rc;
	if (export)
		rc = store_region_each(c->s->st, NULL, region_row, &ot);
	else
		rc = store_region_children(c->s->st, parent ? parent : "500000", region_row, &ot);
	out_end(&ot);
	return rc != 0 ? cmd_store_error(c) : EXIT_OK;
}

int
cmd_region_list(struct cmd_ctx *c, struct cmd_args *a)
{
	return region_table(c, a, 0);
}

int
cmd_region_export(struct cmd_ctx *c, struct cmd_args *a)
{
	return region_table(c, a, 1);
}

int
cmd_region_import(struct cmd_ctx *c, struct cmd_args *a)
{
	return import(c, a, "region", CATALOG_REGIONS);
}

/* item ----------------------------------------------------------------------- */

static const char *const item_keys[] = {
	"code", "name", "name_en", "power_type", "dept_kind", "levels", "statutory_days",
	"promised_days", "fee", "online_depth", "channels", "guide",
	"applicant_kind", "materials", "steps"
};

/* An item row with its materials and steps: the table, and the store to
 * read them from. */
struct item_out {
	struct out ot;
	struct store *st;
	struct sb materials, steps;
};

/* One line per material, "SEQ|REQUIRED|SECONDARY|NAME", which item import
 * reads back. */
static int
material_cell(void *arg, int seq, const char *name, int required, int secondary)
{
	struct item_out *io = arg;

	sb_addf(&io->materials, "%s%d|%d|%d|%s", io->materials.len ? "\n" : "", seq, required,
	    secondary, name);
	return 0;
}

/* One line per step, "SEQ|DEPT_KIND|LIMIT_DAYS|NAME|NAME_EN". */
static int
step_cell(void *arg, int seq, const char *name, const char *name_en, const char *kind,
    int limit)
{
	struct item_out *io = arg;

	sb_addf(&io->steps, "%s%d|%s|%d|%s|%s", io->steps.len ? "\n" : "", seq, kind, limit,
	    name, name_en);
	return 0;
}

static int
item_row(void *arg, const struct item *it)
{
	struct item_out *io = arg;
	char stat[12], prom[12], fee[24], depth[4];
	const char *v[15];

	snprintf(stat, sizeof stat, "%d", it->statutory_days);
	snprintf(prom, sizeof prom, "%d", it->promised_days);
	snprintf(fee, sizeof fee, "%ld.%02ld", it->fee_cents / 100, it->fee_cents % 100);
	snprintf(depth, sizeof depth, "%d", it->online_depth);
	v[0] = it->code;
	v[1] = it->name;
	v[2] = it->name_en;
	v[3] = it->power_type;
	v[4] = it->dept_kind;
	v[5] = it->levels;
	v[6] = stat;
	v[7] = prom;
	v[8] = fee;
	v[9] = depth;
	v[10] = it->channels;
	v[11] = it->guide;
	v[12] = it->applicant_kind;
	sb_reset(&io->materials);
	sb_reset(&io->steps);
	if (store_material_each(io->st, it->code, material_cell, io) < 0 ||
	    store_step_each(io->st, it->code, step_cell, io) < 0)
		return -1;
	v[13] = io->materials.buf ? io->materials.buf : "";
	v[14] = io->steps.buf ? io->steps.buf : "";
	out_row(&io->ot, v);
	return 0;
}

static int
item_text_row(void *arg, const struct item *it)
{
	char stat[12], prom[12];
	const char *v[5];

	snprintf(stat, sizeof stat, "%d", it->statutory_days);
	snprintf(prom, sizeof prom, "%d", it->promised_days);
	char *levels = ((const struct out *)arg)->fmt == FMT_TEXT ? tcase_list_label(it->levels) :
	    xstrdup(it->levels);

	v[0] = it->code;
	v[1] = strcmp(i18n_lang(), "en") == 0 ? it->name_en : it->name;
	v[2] = levels;
	v[3] = stat;
	v[4] = prom;
	out_row(arg, v);
	free(levels);
	return 0;
}

static int
step_line(void *arg, int seq, const char *name, const char *name_en,
    const char *kind, int limit)
{
	struct cmd_ctx *c = arg;
	char office[64], *dept = NULL;

	/* The department by its name (the city's body), not its kind code. */
	snprintf(office, sizeof office, "500000.%s", kind);
	if (store_office_name(c->s->st, office, &dept) != 0 || dept == NULL || !*dept) {
		free(dept);
		dept = xstrdup(strcmp(kind, "township") == 0 ? _("township service centre") : kind);
	}
	out_printf_safe(c->out, _("  %d. %s (%s) limit %d\n"), seq,
	    strcmp(i18n_lang(), "en") == 0 ? name_en : name, dept, limit);
	free(dept);
	return 0;
}

static int
material_line(void *arg, int seq, const char *name, int required, int secondary)
{
	FILE *fp = arg;

	out_printf_safe(fp, "  %d. %s%s\n", seq, name, !required ? _(" (optional)") :
	    secondary ? _(" (secondary: may be pledged, 容缺受理)") : "");
	return 0;
}

static int
item_table(struct cmd_ctx *c, struct cmd_args *a, int export)
{
	const char *f = cmd_arg(a, "format");
	/* out_end reads the labels: they live as long as the table */
	const char *labels[5];
	struct out ot;
	int rc;

	if (!export && (f == NULL || strcmp(f, "text") == 0)) {
		static const char *const tkeys[] = { "code", "name", "levels",
			"statutory_days", "promised_days" };

		labels[0] = _("code");
		labels[1] = _("item name");
		labels[2] = _("levels");
		labels[3] = _("statutory");
		labels[4] = _("promised");
		if ((rc = cmd_table(c, &ot, a->opt, FMT_TEXT, 5, tkeys, labels)) != EXIT_OK)
			return rc;
		rc = store_item_each(c->s->st, cmd_arg(a, "q"), item_text_row, &ot);
	} else {
		struct item_out io;

		memset(&io, 0, sizeof io);
		io.st = c->s->st;
		if ((rc = cmd_table(c, &io.ot, a->opt, export ? FMT_CSV : FMT_TEXT, 15,
		    item_keys, NULL)) != EXIT_OK)
			return rc;
		rc = store_item_each(c->s->st, cmd_arg(a, "q"), item_row, &io);
		out_end(&io.ot);
		sb_release(&io.materials);
		sb_release(&io.steps);
		return rc != 0 ? cmd_store_error(c) : EXIT_OK;
	}
	out_end(&ot);
	return rc != 0 ? cmd_store_error(c) : EXIT_OK;
}

int
cmd_item_list(struct cmd_ctx *c, struct cmd_args *a)
{
	return item_table(c, a, 0);
}

int
cmd_item_export(struct cmd_ctx *c, struct cmd_args *a)
{
	return item_table(c, a, 1);
}

int
cmd_item_import(struct cmd_ctx *c, struct cmd_args *a)
{
	return import(c, a, "item", CATALOG_ITEMS);
}

int
cmd_item_show(struct cmd_ctx *c, struct cmd_args *a)
{
	struct item it;
	int rc;

	if ((rc = store_item_get(c->s->st, a->pos[0], &it)) == STORE_NOTFOUND)
		return cmd_fail(c, EXIT_NOTFOUND, _("no item '%s'"), a->pos[0]);
	if (rc != 0)
		return cmd_store_error(c);
	/* The English name for English readers only. */
	if (strcmp(i18n_lang(), "en") == 0)
		out_printf_safe(c->out, "%s  %s\n%s\n", it.code, it.name, it.name_en);
	else
		out_printf_safe(c->out, "%s  %s\n", it.code, it.name);
	{
		/* Read by staff: labels, not the catalog's codes. */
		char *levels = tcase_list_label(it.levels), *channels = tcase_list_label(it.channels);
		char *dept = NULL, office[64];

		snprintf(office, sizeof office, "500000.%s", it.dept_kind);
		if (store_office_name(c->s->st, office, &dept) != 0 || dept == NULL || !*dept) {
			free(dept);
			dept = xstrdup(strcmp(it.dept_kind, "township") == 0 ?
			    _("township service centre") : it.dept_kind);
		}
		out_printf_safe(c->out, _("power type %s, department %s, levels %s\n"),
		    tcase_power_label(it.power_type), dept, levels);
		out_printf_safe(c->out, _("statutory limit %d, promised %d working days; fee %ld.%02ld "
		    "yuan; online depth %d; channels %s\n"), it.statutory_days, it.promised_days,
		    it.fee_cents / 100, it.fee_cents % 100, it.online_depth, channels);
		free(levels);
		free(channels);
		free(dept);
	}
	out_printf_safe(c->out, "%s\n%s\n", it.guide, _("materials:"));
	rc = store_material_each(c->s->st, it.code, material_line, c->out);
	if (rc == 0) {
		out_printf_safe(c->out, "%s\n", _("steps:"));
		rc = store_step_each(c->s->st, it.code, step_line, c);
	}
	item_release(&it);
	return rc != 0 ? cmd_store_error(c) : EXIT_OK;
}

/* audit ---------------------------------------------------------------------- */

static int
audit_row(void *arg, const struct event *e)
{
	char id[24], cid[24];
	const char *v[11];

	snprintf(id, sizeof id, "%lld", e->id);
	snprintf(cid, sizeof cid, "%lld", e->case_id);
	v[0] = id;
	v[1] = cid;
	v[2] = e->at;
	v[3] = e->actor;
	v[4] = e->addr;
	v[5] = e->action;
	v[6] = e->from_status;
	v[7] = e->to_status;
	v[8] = e->note;
	v[9] = e->hash;
	v[10] = e->subject;
	out_row(arg, v);
	return 0;
}

int
cmd_audit_verify(struct cmd_ctx *c, struct cmd_args *a)
{
	struct audit_result res;
	char *cause = NULL;
	int rc;

	(void)a;
	rc = trail_verify(c->s, &res, &cause);
	if (rc == 0) {
		out_printf_safe(c->out, _("audit chain intact: %lld events verified\n"), res.checked);
		return EXIT_OK;
	}
	if (rc == 1) {
		out_printf_safe(c->out, _("audit chain BROKEN at event %lld: %s\n"), res.bad_id, res.reason);
		free(res.reason);
		return EXIT_CONFLICT;
	}
	rc = cmd_fail(c, rc, "%s", cause);
	free(cause);
	return rc;
}

int
cmd_audit_export(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = {
		"id", "case_id", "at", "actor", "addr", "action", "from", "to", "note", "hash",
		"subject"
	};
	const char *from = cmd_arg(a, "from"), *to = cmd_arg(a, "to");
	char *cause = NULL;
	struct out ot;
	int rc, d;

	if (from == NULL || to == NULL)
		return cmd_row_usage(c, a);
	if (read_date(c, from, &d) != 0 || read_date(c, to, &d) != 0)
		return EXIT_INVALID;
	if ((rc = cmd_table(c, &ot, a->opt, FMT_CSV, 11, keys, NULL)) != EXIT_OK)
		return rc;
	/* Only the events of what the user may see (trail.h). */
	rc = trail_export(c->s, from, to, audit_row, &ot, &cause);
	out_end(&ot);
	if (rc != 0) {
		rc = cmd_fail(c, rc, "%s", cause);
		free(cause);
	}
	return rc;
}

/* yes/no of an option: 1 or 0, -1 when absent, -2 when neither. */
static int
yes_no(struct cmd_args *a, const char *name)
{
	const char *v = cmd_arg(a, name);

	if (v == NULL)
		return -1;
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	return -2;
}

static int
failed(struct cmd_ctx *c, int rc, char *cause)
{
	cmd_fail(c, rc, "%s", cause ? cause : "?");
	free(cause);
	return rc;
}

static int
seq_arg(struct cmd_ctx *c, struct cmd_args *a, long *seq)
{
	if (parse_int(a->pos[1], 1, 99, seq) != 0)
		return cmd_fail(c, EXIT_INVALID, _("SEQ: expected a number from 1 to 99, not '%s'"),
		    a->pos[1]);
	return 0;
}

static int
days_arg(struct cmd_ctx *c, struct cmd_args *a, long *days)
{
	const char *v = cmd_arg(a, "days");

	*days = 0;
	if (v != NULL && parse_int(v, 1, 365, days) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--days: expected working days from 1 to 365, "
		    "not '%s'"), v);
	return 0;
}

int
cmd_item_material_add(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	int seq = 0, rc;

	rc = catalog_material_add(c->s, a->pos[0], cmd_arg(a, "name"),
	    cmd_arg(a, "optional") == NULL, cmd_arg(a, "secondary") != NULL, &seq, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("%s: material %d added\n"), a->pos[0], seq);
	return EXIT_OK;
}

int
cmd_item_material_set(struct cmd_ctx *c, struct cmd_args *a)
{
	int req = yes_no(a, "required"), sec = yes_no(a, "secondary"), rc;
	char *cause = NULL;
	long seq;

	if ((rc = seq_arg(c, a, &seq)) != 0)
		return rc;
	if (req == -2 || sec == -2)
		return cmd_fail(c, EXIT_INVALID, "%s", _("--required, --secondary: expected yes or no"));
	rc = catalog_material_set(c->s, a->pos[0], (int)seq, cmd_arg(a, "name"), req, sec, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("%s: material %d changed\n"), a->pos[0], (int)seq);
	return EXIT_OK;
}

int
cmd_item_step_add(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long days;
	int seq = 0, rc;

	if ((rc = days_arg(c, a, &days)) != 0)
		return rc;
	rc = catalog_step_add(c->s, a->pos[0], cmd_arg(a, "name"), cmd_arg(a, "name-en"),
	    cmd_arg(a, "dept"), (int)days, &seq, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("%s: step %d added\n"), a->pos[0], seq);
	return EXIT_OK;
}

int
cmd_item_step_set(struct cmd_ctx *c, struct cmd_args *a)
{
	char *cause = NULL;
	long seq, days;
	int rc;

	if ((rc = seq_arg(c, a, &seq)) != 0 || (rc = days_arg(c, a, &days)) != 0)
		return rc;
	rc = catalog_step_set(c->s, a->pos[0], (int)seq, cmd_arg(a, "name"), cmd_arg(a, "name-en"),
	    cmd_arg(a, "dept"), (int)days, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	out_printf_safe(c->out, _("%s: step %d changed\n"), a->pos[0], (int)seq);
	return EXIT_OK;
}
