/*
 * Reference data loaders over csvio. Every field is checked here, before the
 * store sees it, so that a bad file gets a message a person can act on.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "csvio.h"
#include "i18n.h"
#include "load.h"
#include "store_appoint.h"
#include "util.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/tongban"
#endif

struct ctx {
	struct store *st;
	const char *name;
	int zone;
};

/* csvio's guard: a refused row stops the read when the store failed. */
static int
store_down(void *st)
{
	return store_failed(st);
}

/* Every loader reads through this: rows refused for what they hold are
 * all named, but a failing store (a full disk) ends the read at once. */
static int
read_rows(struct store *st, FILE *fp, const char *name, const char *const *header,
    const char *encoding, csvio_row_fn fn, void *arg, char **cause)
{
	return csvio_read_guarded(fp, name, header, encoding, fn, arg, store_down, st, cause);
}

static int
bad(char **cause, const struct ctx *c, const struct csvio_row *r, int col,
    const char *what)
{
	return csvio_bad(cause, c->name, r, col, what);
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * The levels of the division codes (GB/T 2260 and the township and village
 * codes of the statistics bureau), as data/regions-chongqing.csv has them:
 * the city is its two digits and four zeros (500000), a district six digits
 * (500229), a township nine (500229001), a village twelve (500229001003).
 * A region's code starts with its parent's, and its parent is one level up.
 * A wrong level is not a detail: the level decides the prefix of a user's
 * scope (access_region_prefix), and a "city" anywhere sees the whole city.
 */
static const struct {
	const char *level;
	size_t len;		/* digits of the code */
	const char *parent;	/* the level of the parent; NULL: none */
	size_t prefix;		/* digits of the parent's code the code repeats */
} region_levels[] = {
	{ "city", 6, NULL, 0 },
	{ "district", 6, "city", 2 },
	{ "township", 9, "district", 6 },
	{ "village", 12, "township", 9 },
};

static int
region_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	const char *code = r->f[0], *level = r->f[2], *parent = r->f[3];
	size_t n = strlen(code), i, nl = sizeof region_levels / sizeof region_levels[0];
	struct sb why = SB_INIT;
	struct region up;
	int rc;

	if (!all_digits(code) || (n != 6 && n != 9 && n != 12))
		return bad(cause, c, r, 1, _("a region code of 6, 9 or 12 digits"));
	if (*r->f[1] == '\0')
		return bad(cause, c, r, 2, _("a name"));
	for (i = 0; i < nl && strcmp(level, region_levels[i].level) != 0; i++)
		;
	if (i == nl)
		return bad(cause, c, r, 3, _("city, district, township or village"));
	if (n != region_levels[i].len || (i == 0) != (strcmp(code + 2, "0000") == 0))
		return bad(cause, c, r, 3, i == 0 ? _("a city code of two digits and four zeros "
		    "(500000)") : _("the level of the code: 6 digits not ending in 0000 for a "
		    "district, 9 for a township, 12 for a village"));
	if (region_levels[i].parent == NULL) {
		if (*parent != '\0')
			return bad(cause, c, r, 4, _("no parent for the city"));
	} else {
		if (!all_digits(parent))
			return bad(cause, c, r, 4, _("the code of the parent region"));
		rc = store_region_get(c->st, parent, &up);
		if (rc == STORE_NOTFOUND)
			return bad(cause, c, r, 4, _("a parent region imported before"));
		if (rc != 0) {
			set_cause(cause, "%s:%ld: %s", c->name, r->line, store_error(c->st));
			return CSVIO_STOP;
		}
		rc = strcmp(up.level, region_levels[i].parent) != 0 ||
		    strncmp(code, parent, region_levels[i].prefix) != 0;
		region_release(&up);
		if (rc)
			return bad(cause, c, r, 4, _("a parent one level up whose code the "
			    "region's code starts with"));
	}
	rc = store_region_put(c->st, code, r->f[1], level, parent, c->zone, cause);
	if (rc != 0) {
		sb_addf(&why, "%s:%ld: %s", c->name, r->line, *cause ? *cause : "");
		set_cause(cause, "%s", why.buf);
	}
	sb_release(&why);
	return rc;
}

int
load_regions(struct store *st, FILE *fp, const char *name, int zone,
    const char *encoding, char **cause)
{
	static const char *const header[] = { "code", "name", "level", "parent_code", NULL };
	struct ctx c = { st, name, zone };

	return read_rows(c.st, fp, name, header, encoding, region_row, &c, cause);
}

static int
calendar_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	int day;

	/* The clock counts working days in these years only (clock.h). */
	if (clock_parse_date(r->f[0], &day) != 0 || atoi(r->f[0]) < CLOCK_FIRST_YEAR ||
	    atoi(r->f[0]) > CLOCK_LAST_YEAR)
	{
		char what[96];

		snprintf(what, sizeof what, _("a date YYYY-MM-DD in the years %d to %d"),
		    CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR);
		return csvio_bad(cause, c->name, r, 1, what);
	}
	if (strcmp(r->f[1], "public_holiday") && strcmp(r->f[1], "transfer_workday"))
		return bad(cause, c, r, 2, _("public_holiday or transfer_workday"));
	if (strcmp(r->f[1], "transfer_workday") == 0 && clock_weekday(day) < 5)
		return bad(cause, c, r, 1, _("a Saturday or Sunday for a make-up working day"));
	return store_calendar_put(c->st, r->f[0], r->f[1], r->f[2], r->f[3], cause);
}

int
load_calendar(struct store *st, FILE *fp, const char *name,
    const char *encoding, char **cause)
{
	static const char *const header[] = { "date", "kind", "name_cn", "name_en", NULL };
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, encoding, calendar_row, &c, cause);
}

/* A day of a statutory holiday: its date must be one the holiday can have
 * (元旦 1 January, 清明 4-6 April, 中秋 7 September to 8 October...), so that
 * a shifted column or a wrong year is caught here and not as a rest day. */
static int
statutory_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	enum clock_holiday h;
	int day;

	if (clock_parse_date(r->f[0], &day) != 0 || atoi(r->f[0]) < CLOCK_FIRST_YEAR ||
	    atoi(r->f[0]) > CLOCK_LAST_YEAR)
	{
		char what[96];

		snprintf(what, sizeof what, _("a date YYYY-MM-DD in the years %d to %d"),
		    CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR);
		return csvio_bad(cause, c->name, r, 1, what);
	}
	if (clock_holiday_parse(r->f[1], &h) != 0)
		return bad(cause, c, r, 2, _("new_year, spring_festival, qingming, labour_day, "
		    "dragon_boat, mid_autumn or national_day"));
	if (!clock_holiday_plausible(h, day))
		return bad(cause, c, r, 1, _("a date this holiday can fall on"));
	return store_statutory_put(c->st, r->f[0], r->f[1], r->f[2], r->f[3], cause);
}

int
load_statutory(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = { "date", "holiday", "name_cn", "name_en", NULL };
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, statutory_row, &c, cause);
}

static int
dept_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	struct dept d;

	if (*r->f[0] == '\0')
		return bad(cause, c, r, 1, _("a department kind"));
	if (*r->f[2] == '\0' && strstr(r->f[4], "district") != NULL)
		return bad(cause, c, r, 3, _("a district name suffix"));
	if (*r->f[4] == '\0')
		return bad(cause, c, r, 5, _("levels such as city|district"));
	if (strcmp(r->f[6], "yes") != 0 && strcmp(r->f[6], "no") != 0)
		return bad(cause, c, r, 7, _("yes or no"));
	d.kind = r->f[0];
	d.city_name = r->f[1];
	d.district_suffix = r->f[2];
	d.name_en = r->f[3];
	d.levels = r->f[4];
	d.county_suffix = r->f[5];
	d.in_zones = strcmp(r->f[6], "yes") == 0;
	return store_dept_put(c->st, &d, cause);
}

int
load_departments(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = {
		"kind", "city_name", "district_suffix", "name_en", "levels", "county_suffix",
		"in_zones", NULL
	};
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, dept_row, &c, cause);
}

struct offices {
	struct store *st;
	char **cause;
	const struct dept *d;
	int failed;
};

/* 1 when s ends with suffix. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/*
 * An office's name as it is styled: the region's name and the suffix
 * (城口县 + 市场监督管理局), or the suffix with "{}" standing for the
 * region's name (重庆市公安局{}分局: 重庆市公安局渝中区分局). A county (县,
 * 自治县) takes county_suffix when there is one (城口县公安局, 国家税务总局
 * 城口县税务局). See data/DATA-SOURCES.md.
 */
static void
office_name(struct sb *name, const struct dept *d, const struct region *r)
{
	const char *pat = d->district_suffix, *at;

	if (d->county_suffix && *d->county_suffix && !r->zone && ends_with(r->name, "县"))
		pat = d->county_suffix;
	if ((at = strstr(pat, "{}")) == NULL) {
		sb_addf(name, "%s%s", r->name, pat);
		return;
	}
	sb_addf(name, "%.*s%s%s", (int)(at - pat), pat, r->name, at + 2);
}

static int
office_in_region(void *arg, const struct region *r)
{
	struct offices *o = arg;
	struct sb code = SB_INIT, name = SB_INIT;
	int rc;

	/* A development zone has only the bodies it really has; its other
	 * applications go to the city's department (intake's fallback). */
	if (r->zone && !o->d->in_zones)
		return 0;
	sb_addf(&code, "%s.%s", r->code, o->d->kind);
	office_name(&name, o->d, r);
	rc = store_office_put(o->st, code.buf, name.buf, o->d->kind, r->code, r->level, o->cause);
	sb_release(&code);
	sb_release(&name);
	return rc;
}

static int
offices_of_kind(void *arg, const struct dept *d)
{
	struct offices *o = arg;
	struct sb code = SB_INIT;
	const char *kind = d->kind, *city_name = d->city_name, *levels = d->levels;
	int rc = 0;

	o->d = d;
	if (strstr(levels, "city") != NULL && *city_name != '\0') {
		sb_addf(&code, "500000.%s", kind);
		rc = store_office_put(o->st, code.buf, city_name, kind, "500000", "city", o->cause);
		sb_release(&code);
	}
	if (rc == 0 && strstr(levels, "district") != NULL)
		rc = store_region_each(o->st, "district", office_in_region, o);
	if (rc == 0 && strstr(levels, "township") != NULL)
		rc = store_region_each(o->st, "township", office_in_region, o);
	return rc;
}

int
load_offices(struct store *st, char **cause)
{
	struct offices o;

	memset(&o, 0, sizeof o);
	o.st = st;
	o.cause = cause;
	return store_dept_each(st, offices_of_kind, &o) == 0 ? 0 : -1;
}

static const char *const power_types[] = {
	"licensing", "confirmation", "payment", "other", "public_service", NULL
};

/* Money in yuan with at most two decimals, to cents. */
static int
parse_fee(const char *s, long *cents)
{
	long yuan = 0, frac = 0;
	int digits = 0;

	if (*s == '\0')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((yuan = yuan * 10 + (*s - '0')) > 100000000)
			return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9' && digits < 2; s++, digits++)
			frac = frac * 10 + (*s - '0');
		if (digits == 1)
			frac *= 10;
	}
	if (*s != '\0')
		return -1;
	*cents = yuan * 100 + frac;
	return 0;
}

static int
levels_valid(const char *s)
{
	/* A |-separated subset of city, district, township. */
	while (*s) {
		size_t n = strcspn(s, "|");

		if (!((n == 4 && strncmp(s, "city", 4) == 0) ||
		    (n == 8 && strncmp(s, "district", 8) == 0) ||
		    (n == 8 && strncmp(s, "township", 8) == 0)))
			return 0;
		s += n;
		if (*s == '|')
			s++;
	}
	return 1;
}

/* The materials (col 14: "SEQ|REQUIRED|SECONDARY|NAME" a line) or the steps
 * (col 15: "SEQ|DEPT_KIND|LIMIT_DAYS|NAME|NAME_EN") of an item, as item
 * export writes them: each put by its number (numbers never move: one left
 * out of the cell stays as it is). An empty cell changes nothing. */
static int
parts(struct ctx *c, const struct csvio_row *r, int col, const char *item, char **cause)
{
	char *cell = xstrdup(r->f[col - 1]), *line, *save = NULL;
	int n = 0, rc = 0;

	for (line = strtok_r(cell, "\n", &save); line != NULL && rc == 0;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[5] = { NULL, NULL, NULL, NULL, NULL }, *p = line;
		long seq, a, b;
		int i;

		n++;
		/* SEQ, then two more fields, then the rest: a material's name
		 * (which may hold '|'), or a step's names, the English one after
		 * the last '|'. */
		for (i = 0; i < 3 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '|')) != NULL)
				*p++ = '\0';
		}
		f[3] = p;
		if (p != NULL && col == 15 && (p = strrchr(f[3], '|')) != NULL) {
			*p++ = '\0';
			f[4] = p;
		}
		if (col == 15 && f[4] == NULL)
			p = NULL;
		if (p == NULL || parse_int(f[0], 1, col == 14 ? 63 : 99, &seq) != 0) {
			char what[160];

			snprintf(what, sizeof what, col == 14 ?
			    _("lines SEQ|REQUIRED|SECONDARY|NAME (line %d of the cell)") :
			    _("lines SEQ|DEPT_KIND|LIMIT_DAYS|NAME|NAME_EN (line %d of the cell)"), n);
			rc = bad(cause, c, r, col, what);
			break;
		}
		if (col == 14) {
			if (parse_int(f[1], 0, 1, &a) != 0 || parse_int(f[2], 0, a, &b) != 0 ||
			    *f[3] == '\0') {
				char what[160];

				snprintf(what, sizeof what, _("material %ld as SEQ|REQUIRED (1 or 0)|"
				    "SECONDARY (1 only when required)|NAME (line %d of the cell)"), seq, n);
				rc = bad(cause, c, r, col, what);
				break;
			}
			rc = store_material_put(c->st, item, (int)seq, f[3], (int)a, (int)b, cause);
		} else {
			if (*f[1] == '\0' || parse_int(f[2], 1, 365, &a) != 0 || *f[3] == '\0') {
				char what[160];

				snprintf(what, sizeof what, _("step %ld as SEQ|DEPT_KIND|LIMIT_DAYS (1 to "
				    "365)|NAME|NAME_EN (line %d of the cell)"), seq, n);
				rc = bad(cause, c, r, col, what);
				break;
			}
			rc = store_step_put(c->st, item, (int)seq, f[3], f[4], f[1], (int)a, cause);
		}
	}
	free(cell);
	return rc;
}

static int
item_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	struct item it;
	long v;
	int i, ok = 0;

	memset(&it, 0, sizeof it);
	it.code = r->f[0];
	it.name = r->f[1];
	it.name_en = r->f[2];
	it.power_type = r->f[3];
	it.dept_kind = r->f[4];
	it.levels = r->f[5];
	if (*it.code == '\0' || strlen(it.code) > 20)
		return bad(cause, c, r, 1, _("an item code of 1 to 20 characters"));
	if (*it.name == '\0')
		return bad(cause, c, r, 2, _("a name"));
	for (i = 0; power_types[i] != NULL; i++)
		ok |= strcmp(power_types[i], it.power_type) == 0;
	if (!ok)
		return bad(cause, c, r, 4, _("licensing, confirmation, payment, other or public_service"));
	if (*it.levels == '\0' || !levels_valid(it.levels))
		return bad(cause, c, r, 6, _("levels such as city|district"));
	if (parse_int(r->f[6], 1, 365, &v) != 0)
		return bad(cause, c, r, 7, _("working days between 1 and 365"));
	it.statutory_days = (int)v;
	if (parse_int(r->f[7], 1, it.statutory_days, &v) != 0)
		return bad(cause, c, r, 8, _("working days between 1 and the statutory limit"));
	it.promised_days = (int)v;
	if (parse_fee(r->f[8], &it.fee_cents) != 0)
		return bad(cause, c, r, 9, _("a fee in yuan such as 9.00"));
	if (parse_int(r->f[9], 1, 4, &v) != 0)
		return bad(cause, c, r, 10, _("an online depth from 1 to 4"));
	it.online_depth = (int)v;
	it.channels = r->f[10];
	if (strstr(it.channels, "window") == NULL && strstr(it.channels, "online") == NULL)
		return bad(cause, c, r, 11, _("channels such as window|online"));
	it.guide = r->f[11];
	it.applicant_kind = r->f[12];
	if (strcmp(it.applicant_kind, "person") && strcmp(it.applicant_kind, "organisation") &&
	    strcmp(it.applicant_kind, "either"))
		return bad(cause, c, r, 13, _("person, organisation or either"));
	if (store_item_put(c->st, &it, cause) != 0)
		return -1;
	if (r->n > 13 && parts(c, r, 14, it.code, cause) != 0)
		return -1;
	if (r->n > 14 && parts(c, r, 15, it.code, cause) != 0)
		return -1;
	return 0;
}

int
load_items(struct store *st, FILE *fp, const char *name, const char *encoding,
    char **cause)
{
	static const char *const header[] = {
		"code", "name", "name_en", "power_type", "dept_kind", "levels",
		"statutory_days", "promised_days", "fee", "online_depth", "channels",
		"guide", "applicant_kind", "?materials", "?steps", NULL
	};
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, encoding, item_row, &c, cause);
}

static int
material_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	long seq, req, sec;

	if (parse_int(r->f[1], 1, 63, &seq) != 0)
		return bad(cause, c, r, 2, _("a number from 1 to 99"));
	if (*r->f[2] == '\0')
		return bad(cause, c, r, 3, _("a name"));
	if (parse_int(r->f[3], 0, 1, &req) != 0)
		return bad(cause, c, r, 4, _("1 (required) or 0 (optional)"));
	/* 容缺受理: only a required material can be secondary (pledged). */
	if (parse_int(r->f[4], 0, req, &sec) != 0)
		return bad(cause, c, r, 5, req ? _("1 (secondary: may be pledged) or 0") :
		    _("0 (an optional material is never pledged)"));
	return store_material_put(c->st, r->f[0], (int)seq, r->f[2], (int)req, (int)sec, cause);
}

int
load_materials(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = { "item_code", "seq", "name", "required", "secondary",
		NULL };
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, material_row, &c, cause);
}

static int
step_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	long seq, lim;

	if (parse_int(r->f[1], 1, 99, &seq) != 0)
		return bad(cause, c, r, 2, _("a number from 1 to 99"));
	if (*r->f[2] == '\0')
		return bad(cause, c, r, 3, _("a name"));
	if (parse_int(r->f[5], 1, 365, &lim) != 0)
		return bad(cause, c, r, 6, _("working days between 1 and 365"));
	return store_step_put(c->st, r->f[0], (int)seq, r->f[2], r->f[3], r->f[4],
	    (int)lim, cause);
}

int
load_steps(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = {
		"item_code", "seq", "name", "name_en", "dept_kind", "limit_days", NULL
	};
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, step_row, &c, cause);
}

/* Flowcharts (data/flowcharts) -------------------------------------------------- */

static const char *const joint_words[] = { "", "survey", "drawings", "acceptance", NULL };

struct flow_ctx {
	struct ctx c;
	const char *code;
	int total_days;
	int stage;		/* the stage of the rows read so far (0: none yet) */
	int sum;		/* of the stages' limits */
	int seq;		/* rows read */
	char *stage_name, *stage_name_en, *joint;
	int stage_days;
};

static int
flow_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct flow_ctx *x = arg;
	struct ctx *c = &x->c;
	struct item it;
	long stage, days;
	int i, ok = 0, rc;

	if (parse_int(r->f[0], 1, 99, &stage) != 0)
		return bad(cause, c, r, 1, _("a stage number from 1 to 99"));
	if (stage != x->stage && stage != x->stage + 1)
		return bad(cause, c, r, 1, x->stage == 0 ? _("stage 1 first (stages in order "
		    "1, 2, 3 ...)") : _("the same stage as the row before or the next one (stages in "
		    "order 1, 2, 3 ...)"));
	if (*r->f[1] == '\0')
		return bad(cause, c, r, 2, _("the stage's name"));
	if (*r->f[2] == '\0')
		return bad(cause, c, r, 3, _("the stage's English name"));
	if (parse_int(r->f[3], 1, 365, &days) != 0)
		return bad(cause, c, r, 4, _("working days between 1 and 365"));
	for (i = 0; joint_words[i] != NULL; i++)
		ok |= strcmp(joint_words[i], r->f[4]) == 0;
	if (!ok)
		return bad(cause, c, r, 5, _("nothing, survey, drawings or acceptance"));
	if (stage == x->stage) {
		/* The stage's fields repeat on each of its rows and must agree. */
		if (strcmp(r->f[1], x->stage_name) != 0)
			return bad(cause, c, r, 2, _("the stage's name as on its first row"));
		if (strcmp(r->f[2], x->stage_name_en) != 0)
			return bad(cause, c, r, 3, _("the stage's English name as on its first row"));
		if (days != x->stage_days)
			return bad(cause, c, r, 4, _("the stage's working days as on its first row"));
		if (strcmp(r->f[4], x->joint) != 0)
			return bad(cause, c, r, 5, _("the stage's joint step as on its first row"));
	} else {
		x->stage = (int)stage;
		x->stage_days = (int)days;
		x->sum += (int)days;
		free(x->stage_name);
		free(x->stage_name_en);
		free(x->joint);
		x->stage_name = xstrdup(r->f[1]);
		x->stage_name_en = xstrdup(r->f[2]);
		x->joint = xstrdup(r->f[4]);
		if (x->sum > x->total_days) {
			set_cause(cause, _("%s:%ld:%d: expected stages whose working days "
			    "add up to at most the flowchart's %d, found %d"), c->name, r->line,
			    4, x->total_days, x->sum);
			return -1;
		}
		if (store_flow_stage_put(c->st, x->code, x->stage, r->f[1], r->f[2], x->stage_days,
		    r->f[4], cause) != 0)
			return -1;
	}
	rc = store_item_get(c->st, r->f[5], &it);
	if (rc == STORE_NOTFOUND)
		return bad(cause, c, r, 6, _("an item code of the catalog (data/items.csv)"));
	if (rc != 0) {
		set_cause(cause, "%s:%ld: %s", c->name, r->line, store_error(c->st));
		return CSVIO_STOP;
	}
	item_release(&it);
	if (store_flow_item_put(c->st, x->code, x->stage, ++x->seq, r->f[5], NULL) != 0)
		return bad(cause, c, r, 6, _("an item listed once in its stage"));
	return 0;
}

int
load_flowchart_stages(struct store *st, FILE *fp, const char *name, const char *code,
    int total_days, char **cause)
{
	static const char *const header[] = {
		"stage", "stage_name", "stage_name_en", "stage_days", "joint", "item", NULL
	};
	struct flow_ctx x;
	int rc;

	memset(&x, 0, sizeof x);
	x.c.st = st;
	x.c.name = name;
	x.code = code;
	x.total_days = total_days;
	if (store_flowchart_clear(st, code, cause) != 0)
		return -1;
	rc = read_rows(x.c.st, fp, name, header, NULL, flow_row, &x, cause);
	if (rc == 0 && x.stage == 0) {
		set_cause(cause, _("%s: expected at least one stage"), name);
		rc = -1;
	}
	free(x.stage_name);
	free(x.stage_name_en);
	free(x.joint);
	return rc;
}

struct charts {
	struct ctx c;
	const char *dir;
};

static int
chart_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct charts *x = arg;
	struct ctx *c = &x->c;
	struct sb path = SB_INIT;
	const char *p;
	long total, n;
	FILE *fp;
	int rc;

	if (*r->f[0] == '\0' || strlen(r->f[0]) > 32)
		return bad(cause, c, r, 1, _("a flowchart code of 1 to 32 characters"));
	for (p = r->f[0]; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return bad(cause, c, r, 1, _("a flowchart code of lower-case letters, digits "
			    "and '-'"));
	if (*r->f[1] == '\0')
		return bad(cause, c, r, 2, _("a name"));
	if (*r->f[2] == '\0')
		return bad(cause, c, r, 3, _("an English name"));
	if (parse_int(r->f[3], 1, 1000, &total) != 0)
		return bad(cause, c, r, 4, _("working days between 1 and 1000"));
	/* The stages of a running project stay as they were opened. */
	if ((n = store_project_count_open(c->st, r->f[0])) != 0) {
		if (n < 0)
			set_cause(cause, "%s:%ld: %s", c->name, r->line, store_error(c->st));
		else
			set_cause(cause, _("%s:%ld:1: expected a flowchart without running "
			    "projects, found '%s' with %ld open or stopped: it is not replaced while "
			    "they run"), c->name, r->line, r->f[0], n);
		return -1;
	}
	if (store_flowchart_put(c->st, r->f[0], r->f[1], r->f[2], (int)total, r->f[4], cause) != 0)
		return -1;
	sb_addf(&path, "%s/%s.csv", x->dir, r->f[0]);
	fp = fopen(path.buf, "r");
	if (fp == NULL) {
		set_cause(cause, _("%s:%ld:1: cannot open '%s'"), c->name, r->line, path.buf);
		sb_release(&path);
		return -1;
	}
	rc = load_flowchart_stages(c->st, fp, path.buf, r->f[0], (int)total, cause);
	fclose(fp);
	sb_release(&path);
	return rc;
}

int
load_flowcharts(struct store *st, const char *dir, char **cause)
{
	static const char *const header[] = {
		"code", "name", "name_en", "total_days", "before", NULL
	};
	struct charts x;
	struct sb path = SB_INIT;
	FILE *fp;
	int rc;

	memset(&x, 0, sizeof x);
	x.c.st = st;
	x.dir = dir;
	sb_addf(&path, "%s/flowcharts.csv", dir);
	x.c.name = path.buf;
	if ((fp = fopen(path.buf, "r")) == NULL) {
		set_cause(cause, _("cannot open '%s'"), path.buf);
		sb_release(&path);
		return -1;
	}
	rc = read_rows(x.c.st, fp, path.buf, header, NULL, chart_row, &x, cause);
	fclose(fp);
	sb_release(&path);
	return rc;
}

/* Items that need an on-site inspection (预约), with their response time. */
static int
inspection_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	long hours;

	if (parse_int(r->f[1], 1, 40, &hours) != 0)
		return bad(cause, c, r, 2, _("working hours between 1 and 40"));
	if (*r->f[2] == '\0')
		return bad(cause, c, r, 3, _("a description of the visit"));
	if (*r->f[3] == '\0')
		return bad(cause, c, r, 4, _("a description of the visit"));
	return store_inspection_put(c->st, r->f[0], (int)hours, r->f[2], r->f[3], cause);
}

int
load_inspections(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = { "item", "response_hours", "what", "what_en", NULL };
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, inspection_row, &c, cause);
}

const char *
load_data_dir(void)
{
	const char *env = getenv("TONGBAN_DATA");

	if (env != NULL && *env != '\0')
		return env;
	if (access("data/regions-chongqing.csv", R_OK) == 0)
		return "data";
	return DATADIR;
}

typedef int (*loader_fn)(struct store *, FILE *, const char *, char **);

static int
with_file(struct store *st, const char *dir, const char *file, loader_fn fn,
    char **cause)
{
	struct sb path = SB_INIT;
	FILE *fp;
	int rc;

	sb_addf(&path, "%s/%s", dir, file);
	fp = fopen(path.buf, "r");
	if (fp == NULL) {
		set_cause(cause, _("cannot open '%s'"), path.buf);
		sb_release(&path);
		return -1;
	}
	rc = fn(st, fp, path.buf, cause);
	fclose(fp);
	sb_release(&path);
	return rc;
}

static int
regions_file(struct store *st, FILE *fp, const char *name, char **cause)
{
	return load_regions(st, fp, name, 0, NULL, cause);
}

/* code,initials: the pinyin initials of each region's name (lower-case
 * letters and digits), generated once by tools/gen-initials.js. */
static int
initials_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct ctx *c = arg;
	const char *p;

	if (!all_digits(r->f[0]))
		return bad(cause, c, r, 1, _("a region code"));
	for (p = r->f[1]; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return bad(cause, c, r, 2, _("lower-case letters and digits"));
	if (store_region_initials_put(c->st, r->f[0], r->f[1], cause) != 0)
		return bad(cause, c, r, 1, _("a region of regions-chongqing.csv"));
	return 0;
}

static int
initials_file(struct store *st, FILE *fp, const char *name, char **cause)
{
	static const char *const header[] = { "code", "initials", NULL };
	struct ctx c = { st, name, 0 };

	return read_rows(c.st, fp, name, header, NULL, initials_row, &c, cause);
}

static int
zones_file(struct store *st, FILE *fp, const char *name, char **cause)
{
	return load_regions(st, fp, name, 1, NULL, cause);
}

static int
calendar_file(struct store *st, FILE *fp, const char *name, char **cause)
{
	return load_calendar(st, fp, name, NULL, cause);
}

static int
items_file(struct store *st, FILE *fp, const char *name, char **cause)
{
	return load_items(st, fp, name, NULL, cause);
}

int
load_all(struct store *st, const char *dir, char **cause)
{
	static const struct {
		const char *file;
		loader_fn fn;
	} files[] = {
		{ "regions-chongqing.csv", regions_file },
		{ "region-initials.csv", initials_file },
		{ "zones.csv", zones_file },
		{ "calendar-cn.csv", calendar_file },
		{ "statutory-holidays.csv", load_statutory },
		{ "departments.csv", load_departments },
		{ "items.csv", items_file },
		{ "item_materials.csv", load_materials },
		{ "item_steps.csv", load_steps },
		{ "item_inspection.csv", load_inspections },
	};
	size_t i;
	int rc;

	if (store_begin(st, cause) != 0)
		return -1;
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		if (with_file(st, dir, files[i].file, files[i].fn, cause) != 0)
			goto fail;
	if (load_offices(st, cause) != 0)
		goto fail;
	{
		struct sb charts = SB_INIT;

		sb_addf(&charts, "%s/flowcharts", dir);
		rc = load_flowcharts(st, charts.buf, cause);
		sb_release(&charts);
		if (rc != 0)
			goto fail;
	}
	if (store_commit(st, cause) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}
