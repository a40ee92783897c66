/*
 * calendar, region, item and audit commands: the reference data and the
 * record, for people and scripts.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "load.h"
#include "util.h"

static struct opt *
fmt_opts(struct opt *o, const char *extra, int extra_arg)
{
	const struct opt proto[] = {
		{ "format", 1, NULL, 0 }, { "encoding", 1, NULL, 0 }, { "bom", 0, NULL, 0 },
		{ extra, extra_arg, NULL, 0 }, { NULL, 0, NULL, 0 }
	};

	memcpy(o, proto, sizeof proto);
	return o;
}

/* calendar ------------------------------------------------------------------- */

static int
cal_row(void *arg, const char *day, const char *kind, const char *cn, const char *en)
{
	const char *v[4] = { day, kind, cn, en };

	out_row(arg, v);
	return 0;
}

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

typedef int (*import_fn)(struct store *st, FILE *fp, const char *name, const char *encoding,
    char **cause);

/*
 * Import a reference file (an admin's): from a file locally, from standard
 * input over ssh; in one transaction, so it lands whole or not at all.
 */
static int
import(struct cmd_ctx *c, int argc, char **argv, const char *what, import_fn fn)
{
	struct opt o[] = { { "encoding", 1, NULL, 0 }, { NULL, 0, NULL, 0 } };
	char *pos[1], *cause = NULL;
	int npos, rc;
	FILE *fp;

	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	if (npos != 1)
		return cmd_fail(c, EXIT_USAGE, _("usage: %s import FILE|- [--encoding gbk]"), what);
	if (!access_has(&c->s->user, RIGHT_CATALOG_ADMIN))
		return cmd_fail(c, EXIT_DENIED, _("permission denied: %s data is kept by admins"), what);
	if (strcmp(pos[0], "-") == 0)
		fp = c->in;
	else if (!access_has(&c->s->user, RIGHT_HOST_FILES))
		return cmd_fail(c, EXIT_USAGE, _("over ssh, send the file on standard input: %s import -"),
		    what);
	else if ((fp = fopen(pos[0], "r")) == NULL)
		return cmd_fail(c, EXIT_NOTFOUND, _("cannot open '%s'"), pos[0]);
	if (store_begin(c->s->st, &cause) != 0 ||
	    fn(c->s->st, fp, strcmp(pos[0], "-") ? pos[0] : "stdin", cmd_opt(o, "encoding"), &cause) != 0 ||
	    store_commit(c->s->st, &cause) != 0) {
		store_rollback(c->s->st);
		if (fp != c->in)
			fclose(fp);
		rc = cmd_fail(c, EXIT_INVALID, "%s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	if (fp != c->in)
		fclose(fp);
	fprintf(c->out, _("%s imported\n"), what);
	return EXIT_OK;
}

static int
regions_in(struct store *st, FILE *fp, const char *name, const char *encoding, char **cause)
{
	return load_regions(st, fp, name, 0, encoding, cause);
}

static int
cal_import(struct cmd_ctx *c, int argc, char **argv)
{
	int rc = import(c, argc, argv, "calendar", load_calendar);

	if (rc == EXIT_OK) {
		clock_calendar_release(c->s->cal);
		clock_calendar_init(c->s->cal);
		store_calendar_load(c->s->st, c->s->cal, NULL);
	}
	return rc;
}

int
cmd_calendar(struct cmd_ctx *c, int argc, char **argv)
{
	static const char usage[] =
	    "calendar show [--year Y] | calendar add DATE N | calendar workdays FROM TO\n"
	    "calendar import FILE|- [--encoding gbk]";
	int a, b;
	long n;
	char out[11];

	if (argc < 2)
		return cmd_usage(c, usage);
	if (strcmp(argv[1], "add") == 0) {
		if (argc != 4)
			return cmd_usage(c, "calendar add DATE N");
		if (read_date(c, argv[2], &a) != 0)
			return EXIT_INVALID;
		if (parse_int(argv[3], 0, 10000, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("expected a number of working days from 0 to 10000, not '%s'"),
			    argv[3]);
		clock_format_date(clock_add(c->s->cal, a, (int)n), out);
		fprintf(c->out, "%s\n", out);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "workdays") == 0) {
		if (argc != 4)
			return cmd_usage(c, "calendar workdays FROM TO");
		if (read_date(c, argv[2], &a) != 0 || read_date(c, argv[3], &b) != 0)
			return EXIT_INVALID;
		fprintf(c->out, "%d\n", clock_workdays(c->s->cal, a, b));
		return EXIT_OK;
	}
	if (strcmp(argv[1], "show") == 0) {
		static const char *const keys[] = { "date", "kind", "name_cn", "name_en" };
		struct opt o[5];
		struct out ot;
		char *pos[1], from[11], to[11];
		const char *y;
		int npos, rc, yy, mm, dd;

		fmt_opts(o, "year", 1);
		if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 0)) != EXIT_OK)
			return rc;
		clock_ymd(c->today, &yy, &mm, &dd);
		if ((y = cmd_opt(o, "year")) != NULL) {
			if (parse_int(y, CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR, &n) != 0)
				return cmd_fail(c, EXIT_INVALID, _("--year: expected a year, not '%s'"), y);
			yy = (int)n;
		}
		snprintf(from, sizeof from, "%04d-01-01", yy);
		snprintf(to, sizeof to, "%04d-12-31", yy);
		if ((rc = cmd_table(c, &ot, o, FMT_TEXT, 4, keys, NULL)) != EXIT_OK)
			return rc;
		store_calendar_each(c->s->st, from, to, cal_row, &ot);
		out_end(&ot);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "import") == 0)
		return cal_import(c, argc, argv);
	return cmd_usage(c, usage);
}

/* region --------------------------------------------------------------------- */

static int
region_row(void *arg, const struct region *r)
{
	const char *v[4] = { r->code, r->name, r->level, r->parent };

	out_row(arg, v);
	return 0;
}

int
cmd_region(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const keys[] = { "code", "name", "level", "parent_code" };
	struct opt o[5];
	struct out ot;
	char *pos[1];
	int npos, rc, export;

	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return import(c, argc, argv, "region", regions_in);
	if (argc < 2 || (strcmp(argv[1], "list") && strcmp(argv[1], "export")))
		return cmd_usage(c, "region list [--parent CODE] | region export | region import FILE|-");
	export = strcmp(argv[1], "export") == 0;
	fmt_opts(o, "parent", 1);
	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 0)) != EXIT_OK)
		return rc;
	if ((rc = cmd_table(c, &ot, o, export ? FMT_CSV : FMT_TEXT, 4, keys, NULL)) != EXIT_OK)
		return rc;
	if (export)
		store_region_each(c->s->st, NULL, region_row, &ot);
	else
		store_region_children(c->s->st, cmd_opt(o, "parent") ? cmd_opt(o, "parent") : "500000",
		    region_row, &ot);
	out_end(&ot);
	return EXIT_OK;
}

/* item ----------------------------------------------------------------------- */

static const char *const item_keys[] = {
	"code", "name", "name_en", "power_type", "dept_kind", "levels", "statutory_days",
	"promised_days", "fee", "online_depth", "channels", "guide"
};

static int
item_row(void *arg, const struct item *it)
{
	char stat[12], prom[12], fee[24], depth[4];
	const char *v[12];

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
	out_row(arg, v);
	return 0;
}

static int
item_text_row(void *arg, const struct item *it)
{
	char stat[12], prom[12];
	const char *v[5];

	snprintf(stat, sizeof stat, "%d", it->statutory_days);
	snprintf(prom, sizeof prom, "%d", it->promised_days);
	v[0] = it->code;
	v[1] = strcmp(i18n_lang(), "en") == 0 ? it->name_en : it->name;
	v[2] = it->levels;
	v[3] = stat;
	v[4] = prom;
	out_row(arg, v);
	return 0;
}

static int
step_line(void *arg, int seq, const char *name, const char *name_en,
    const char *kind, int limit)
{
	FILE *fp = arg;

	fprintf(fp, "  %d. %s (%s) %s %d\n", seq,
	    strcmp(i18n_lang(), "en") == 0 ? name_en : name, kind, _("limit"), limit);
	return 0;
}

static int
material_line(void *arg, int seq, const char *name, int required)
{
	FILE *fp = arg;

	fprintf(fp, "  %d. %s%s\n", seq, name, required ? "" : _(" (optional)"));
	return 0;
}

int
cmd_item(struct cmd_ctx *c, int argc, char **argv)
{
	static const char usage[] =
	    "item list [--q TEXT] | item show CODE | item export | item import FILE|- [--encoding gbk]";
	struct opt o[5];
	struct out ot;
	struct item it;
	char *pos[1];
	int npos, rc;

	if (argc < 2)
		return cmd_usage(c, usage);
	if (strcmp(argv[1], "import") == 0)
		return import(c, argc, argv, "item", load_items);
	fmt_opts(o, "q", 1);
	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "export") == 0) {
		int export = strcmp(argv[1], "export") == 0;
		const char *f = cmd_opt(o, "format");

		if (!export && (f == NULL || strcmp(f, "text") == 0)) {
			static const char *const tkeys[] = { "code", "name", "levels",
				"statutory_days", "promised_days" };
			const char *labels[5];

			labels[0] = _("code");
			labels[1] = _("item name");
			labels[2] = _("levels");
			labels[3] = _("statutory");
			labels[4] = _("promised");
			if ((rc = cmd_table(c, &ot, o, FMT_TEXT, 5, tkeys, labels)) != EXIT_OK)
				return rc;
			store_item_each(c->s->st, cmd_opt(o, "q"), item_text_row, &ot);
		} else {
			if ((rc = cmd_table(c, &ot, o, export ? FMT_CSV : FMT_TEXT, 12,
			    item_keys, NULL)) != EXIT_OK)
				return rc;
			store_item_each(c->s->st, cmd_opt(o, "q"), item_row, &ot);
		}
		out_end(&ot);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "show") == 0 && npos == 1) {
		if (store_item_get(c->s->st, pos[0], &it) != 0)
			return cmd_fail(c, EXIT_NOTFOUND, _("no item '%s'"), pos[0]);
		fprintf(c->out, "%s  %s\n%s\n", it.code, it.name, it.name_en);
		fprintf(c->out, _("power type %s, department %s, levels %s\n"), it.power_type,
		    it.dept_kind, it.levels);
		fprintf(c->out, _("statutory limit %d, promised %d working days; fee %ld.%02ld yuan; "
		    "online depth %d; channels %s\n"), it.statutory_days, it.promised_days,
		    it.fee_cents / 100, it.fee_cents % 100, it.online_depth, it.channels);
		fprintf(c->out, "%s\n%s\n", it.guide, _("materials:"));
		store_material_each(c->s->st, it.code, material_line, c->out);
		fprintf(c->out, "%s\n", _("steps:"));
		store_step_each(c->s->st, it.code, step_line, c->out);
		item_release(&it);
		return EXIT_OK;
	}
	return cmd_usage(c, usage);
}

/* audit ---------------------------------------------------------------------- */

static int
audit_row(void *arg, const struct event *e)
{
	char id[24], cid[24];
	const char *v[10];

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
	out_row(arg, v);
	return 0;
}

int
cmd_audit(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const keys[] = {
		"id", "case_id", "at", "actor", "addr", "action", "from", "to", "note", "hash"
	};
	struct audit_result res;
	int rc;

	if (argc < 2)
		return cmd_usage(c, "audit verify | audit export --from DATE --to DATE");
	if (!access_has(&c->s->user, RIGHT_SUPERVISE))
		return cmd_fail(c, EXIT_DENIED, _("permission denied: the record is for supervisors and admins"));
	if (strcmp(argv[1], "verify") == 0) {
		rc = audit_verify(c->s->st, &res);
		if (rc == 0) {
			fprintf(c->out, _("audit chain intact: %lld events verified\n"), res.checked);
			return EXIT_OK;
		}
		if (rc > 0) {
			fprintf(c->out, _("audit chain BROKEN at event %lld: %s\n"), res.bad_id,
			    res.reason);
			free(res.reason);
			return EXIT_CONFLICT;
		}
		return cmd_fail(c, EXIT_INTERNAL, _("cannot read the record"));
	}
	if (strcmp(argv[1], "export") == 0) {
		struct opt o[6];
		struct out ot;
		char *pos[1];
		int npos, a, b;

		fmt_opts(o, "from", 1);
		o[4].name = "to";
		o[4].arg = 1;
		o[5].name = NULL;
		if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 0)) != EXIT_OK)
			return rc;
		if (!cmd_opt(o, "from") || !cmd_opt(o, "to"))
			return cmd_usage(c, "audit export --from DATE --to DATE [--format csv|json|text]");
		if (read_date(c, cmd_opt(o, "from"), &a) != 0 || read_date(c, cmd_opt(o, "to"), &b) != 0)
			return EXIT_INVALID;
		if ((rc = cmd_table(c, &ot, o, FMT_CSV, 10, keys, NULL)) != EXIT_OK)
			return rc;
		store_event_each_between(c->s->st, cmd_opt(o, "from"), cmd_opt(o, "to"), audit_row, &ot);
		out_end(&ot);
		return EXIT_OK;
	}
	return cmd_usage(c, "audit verify | audit export --from DATE --to DATE");
}
