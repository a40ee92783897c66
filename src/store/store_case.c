/*
 * Cases and their branches: insert and optimistic update, the get by
 * number, the filtered search and its fast export, the worklist of an
 * office, the ticker of newest cases, and the per-prefix number sequence.
 * Queries with optional filters are assembled from fixed fragments, each
 * with its own placeholder; no user text ever becomes SQL.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "tcase.h"
#include "util.h"

static const char *
or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* Parameters 27..34 and 39: the columns added for the lifecycle; 37, 38:
 * the light's dates, derived from the case (tcase_light_span); 40: the
 * date of a pledge still outstanding (tcase_pledge_open); 41: whether its
 * dates were counted over a year without a holiday notice; 42, 43: the
 * delivery clock (art. 44). */
static void
bind_case_tail(sq_stmt *s, const struct tcase *c)
{
	char yellow[11], red[11];

	if (tcase_light_span(c, yellow, red) == 0) {
		sq_text(s, 37, yellow);
		sq_text(s, 38, red);
	}
	sq_int(s, 39, c->notices);
	/* Outstanding until handed in, or until the case is decided without them. */
	sq_text(s, 40, c->open && (c->decided == NULL || *c->decided == '\0') &&
	    tcase_pledge_open(c) ? or_null(c->pledge_date) : NULL);
	sq_text(s, 27, or_null(c->prev_status));
	sq_text(s, 28, or_null(c->step_started));
	sq_int(s, 29, c->step_paused);
	sq_text(s, 30, or_null(c->pledge_date));
	sq_text(s, 31, c->pledge_materials ? c->pledge_materials : "");
	sq_int(s, 32, c->deemed);
	sq_text(s, 33, c->suspend_reason ? c->suspend_reason : "");
	sq_int(s, 34, c->suspend_days);
	sq_int(s, 41, c->provisional != 0);
	sq_text(s, 42, or_null(c->deliver_warn));
	sq_text(s, 43, or_null(c->deliver_due));
	sq_text(s, 44, or_null(c->suspend_due));
}

int
store_case_insert(struct store *st, struct tcase *c, char **cause)
{
	static const char sql[] =
	    "INSERT INTO cases(no, item, applicant, applicant_region, channel, hall_region, "
	    "office, office_region, status, open, step, submitted, accepted, decided, finished, "
	    "limit_days, paused_days, extended_days, paused_since, warn, due, on_time, "
	    "materials, result, fee_cents, version, prev_status, step_started, step_paused, "
	    "pledge_date, pledge_materials, deemed, suspend_reason, suspend_days, "
	    "applicant_name, applicant_phone, yellow_from, red_from, notices, pledge_due, "
	    "provisional, deliver_warn, deliver_due, suspend_due) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, "
	    "?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44)";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, c->no);
	sq_text(s, 2, c->item);
	sq_text(s, 3, c->applicant);
	sq_text(s, 4, c->applicant_region);
	sq_text(s, 5, c->channel);
	sq_text(s, 6, c->hall_region);
	sq_text(s, 7, c->office);
	sq_text(s, 8, c->office_region);
	sq_text(s, 9, c->status);
	sq_int(s, 10, c->open);
	sq_int(s, 11, c->step);
	sq_text(s, 12, c->submitted);
	sq_text(s, 13, c->accepted && *c->accepted ? c->accepted : NULL);
	sq_text(s, 14, c->decided && *c->decided ? c->decided : NULL);
	sq_text(s, 15, c->finished && *c->finished ? c->finished : NULL);
	sq_int(s, 16, c->limit_days);
	sq_int(s, 17, c->paused_days);
	sq_int(s, 18, c->extended_days);
	sq_text(s, 19, c->paused_since && *c->paused_since ? c->paused_since : NULL);
	sq_text(s, 20, c->warn);
	sq_text(s, 21, c->due);
	if (c->on_time < 0)
		sq_null(s, 22);
	else
		sq_int(s, 22, c->on_time);
	sq_text(s, 23, c->materials ? c->materials : "");
	sq_text(s, 24, c->result ? c->result : "");
	sq_int(s, 25, c->fee_cents);
	sq_int(s, 26, c->version > 0 ? c->version : 1);
	bind_case_tail(s, c);
	assert(c->applicant_name != NULL);	/* the name the case is taken in with */
	sq_text(s, 35, c->applicant_name);
	sq_text(s, 36, c->applicant_phone ? c->applicant_phone : "");
	if (sq_run(st, s, NULL) != 0) {
		set_cause(cause, _("cannot save case '%s': %s"), c->no, store_error(st));
		return -1;
	}
	c->id = sq_last_id(st);
	return 0;
}

#define CASE_COLS \
	"c.id, c.no, c.item, i.name, i.name_en, c.applicant, c.applicant_name, " \
	"c.applicant_phone, " \
	"c.applicant_region, c.channel, c.hall_region, hr.name, c.office, o.name, " \
	"c.office_region, c.status, c.open, c.step, " \
	"(SELECT CASE WHEN ?99 = 'en' THEN s.name_en ELSE s.name END FROM item_step s " \
	" WHERE s.item = c.item AND s.seq = c.step LIMIT 1), " \
	"c.submitted, c.accepted, c.decided, c.finished, c.limit_days, c.paused_days, " \
	"c.extended_days, c.paused_since, c.warn, c.due, c.on_time, c.materials, " \
	"c.result, c.fee_cents, c.version, c.prev_status, c.step_started, c.step_paused, " \
	"c.pledge_date, c.pledge_materials, c.deemed, c.suspend_reason, c.suspend_days, " \
	"(SELECT ',' || group_concat(b.office, ',') || ',' FROM case_branch b WHERE b.case_id = c.id), " \
	"c.notices, c.provisional, c.deliver_warn, c.deliver_due, c.suspend_due, " \
	"coalesce(c.assignee, '')"
#define CASE_JOINS \
	" FROM cases c JOIN item i ON i.code = c.item " \
	"JOIN office o ON o.code = c.office " \
	"LEFT JOIN region hr ON hr.code = c.hall_region "

static const char worklist_sql[] =
    "SELECT " CASE_COLS " FROM ("
    " SELECT due, warn, id FROM (SELECT due, warn, id FROM cases"
    "  WHERE office = ?1 AND open = 1 AND (due, warn, id) > (?5, ?6, ?7)"
    "  ORDER BY due, warn, id LIMIT ?4)"
    " UNION SELECT due, warn, id FROM (SELECT c2.due, c2.warn, c2.id FROM case_branch b"
    "  JOIN cases c2 ON c2.id = b.case_id WHERE b.office = ?1 AND b.opinion IS NULL"
    "  AND (c2.due, c2.warn, c2.id) > (?5, ?6, ?7) ORDER BY c2.due, c2.warn, c2.id LIMIT ?4)"
    " UNION SELECT due, warn, id FROM (SELECT due, warn, id FROM cases"
    "  WHERE hall_region = ?2 AND open = 1 AND status IN ('approved', 'denied')"
    "  AND (due, warn, id) > (?5, ?6, ?7) ORDER BY due, warn, id LIMIT ?4)"
    " ORDER BY 1, 2, 3 LIMIT ?4) t JOIN cases c ON c.id = t.id "
    "JOIN item i ON i.code = c.item JOIN office o ON o.code = c.office "
    "LEFT JOIN region hr ON hr.code = c.hall_region "
    "ORDER BY c.due, c.warn, c.id LIMIT ?4";

static void
case_from_row(sq_stmt *s, struct tcase *c)
{
	c->id = sq_col_int(s, 0);
	c->no = sq_col(s, 1);
	c->item = sq_col(s, 2);
	c->item_name = sq_col(s, 3);
	c->item_name_en = sq_col(s, 4);
	c->applicant = sq_col(s, 5);
	c->applicant_name = sq_col(s, 6);
	c->applicant_phone = sq_col(s, 7);
	c->applicant_region = sq_col(s, 8);
	c->channel = sq_col(s, 9);
	c->hall_region = sq_col(s, 10);
	c->hall_name = sq_col(s, 11);
	c->office = sq_col(s, 12);
	c->office_name = sq_col(s, 13);
	c->office_region = sq_col(s, 14);
	c->status = sq_col(s, 15);
	c->open = sq_col_int(s, 16);
	c->step = sq_col_int(s, 17);
	c->step_name = sq_col(s, 18);
	c->submitted = sq_col(s, 19);
	c->accepted = sq_col(s, 20);
	c->decided = sq_col(s, 21);
	c->finished = sq_col(s, 22);
	c->limit_days = sq_col_int(s, 23);
	c->paused_days = sq_col_int(s, 24);
	c->extended_days = sq_col_int(s, 25);
	c->paused_since = sq_col(s, 26);
	c->warn = sq_col(s, 27);
	c->due = sq_col(s, 28);
	c->on_time = sq_col_null(s, 29) ? -1 : sq_col_int(s, 29);
	c->materials = sq_col(s, 30);
	c->result = sq_col(s, 31);
	c->fee_cents = (long)sq_col_int(s, 32);
	c->version = sq_col_int(s, 33);
	c->prev_status = sq_col(s, 34);
	c->step_started = sq_col(s, 35);
	c->step_paused = sq_col_int(s, 36);
	c->pledge_date = sq_col(s, 37);
	c->pledge_materials = sq_col(s, 38);
	c->deemed = sq_col_int(s, 39);
	c->suspend_reason = sq_col(s, 40);
	c->suspend_days = sq_col_int(s, 41);
	c->branch_offices = sq_col(s, 42);
	c->notices = sq_col_int(s, 43);
	c->provisional = sq_col_int(s, 44);
	c->deliver_warn = sq_col(s, 45);
	c->deliver_due = sq_col(s, 46);
	c->suspend_due = sq_col(s, 47);
	c->assignee = sq_col(s, 48);
}

/* Call fn with each row of s (CASE_COLS) and give s back. */
static int
case_iter(struct store *st, sq_stmt *s, store_case_fn fn, void *arg)
{
	int rc = 0;

	sq_text(s, 99, i18n_lang());
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct tcase c;

		case_from_row(s, &c);
		rc = fn(arg, &c);
		tcase_release(&c);
	}
	sq_done(st, s);
	return rc;
}


int
store_case_get(struct store *st, const char *no, struct tcase *c)
{
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS "WHERE c.no = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(c, 0, sizeof *c);
	sq_text(s, 1, no);
	sq_text(s, 99, i18n_lang());
	if ((rc = sq_first(st, s)) == 0)
		case_from_row(s, c);
	sq_done(st, s);
	return rc;
}

int
store_case_get_id(struct store *st, long long id, struct tcase *c)
{
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS "WHERE c.id = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	memset(c, 0, sizeof *c);
	sq_int(s, 1, id);
	sq_text(s, 99, i18n_lang());
	if ((rc = sq_first(st, s)) == 0)
		case_from_row(s, c);
	sq_done(st, s);
	return rc;
}

/*
 * A page of the newest visible cases, without other filters, as a bounded
 * index walk (docs/PERFORMANCE.md): the scope's region prefix (6 or 9
 * digits: a district or a township) is an equality on an index over
 * (substr(column, 1, length), submitted), which delivers each column's cases
 * newest first; the page is the merge of the first N of each such walk (and
 * of the office's own cases and its branches), cut to N again. A prefix of
 * another length (the city's "50") walks cases_submitted and checks the
 * scope on each row: the city sees nearly every case. The predicates are the
 * scope's range written as a prefix test: x in [p, p || ':') is exactly
 * substr(x, 1, len(p)) = p and substr(x, len(p) + 1, 1) < ':'.
 */
static int
fast_prefix(const struct case_filter *f, const struct scope *scope, const char **prefix)
{
	if (f->limit <= 0 || f->by_due || f->no || f->applicant || f->name || f->phone ||
	    f->status || f->item || f->office || f->from || f->to || f->light != LIGHT_NONE ||
	    f->open_only || f->forecast || f->anomaly || f->pledge_overdue || f->suspend_overdue ||
	    f->area || f->by_step || f->finished_from || f->finished_to || f->step_late ||
	    f->on_time)
		return 0;
	*prefix = NULL;
	switch (scope->kind) {
	case SCOPE_ALL:
		*prefix = f->region;
		return 1;
	case SCOPE_REGION:
		/* A narrower region in the subtree implies the scope, column by column. */
		if (f->region && strncmp(f->region, scope->lo, strlen(scope->lo)) != 0)
			return 0;
		*prefix = f->region ? f->region : scope->lo;
		return 1;
	case SCOPE_CLERK:
		*prefix = scope->lo;
		return f->region == NULL;
	case SCOPE_OFFICE:
		return f->region == NULL;
	default:
		return 0;
	}
}

/* One arm of the merge: the newest N cases whose column lies under ?30. */
/* The keyset of the page after f->after, newest first, on alias a. */
static void
after_newest(struct sb *q, const struct case_filter *f, const char *a)
{
	if (f->after != NULL)
		sb_addf(q, " AND (%ssubmitted, %sid) < (?41, ?42)", a, a);
}

static void
arm_prefix(struct sb *q, const struct case_filter *f, const char *col, int n)
{
	sb_addf(q, "SELECT submitted, id FROM (SELECT submitted, id FROM cases "
	    "WHERE substr(%s, 1, %d) = ?30 AND substr(%s, %d, 1) < ':'", col, n, col, n + 1);
	after_newest(q, f, "");
	sb_adds(q, " ORDER BY submitted DESC, id DESC LIMIT ?11)");
}

static void
arm_office(struct sb *q, const struct case_filter *f)
{
	sb_adds(q, "SELECT submitted, id FROM (SELECT submitted, id FROM cases WHERE office = ?32");
	after_newest(q, f, "");
	sb_adds(q, " ORDER BY submitted DESC, id DESC LIMIT ?11) "
	    "UNION SELECT submitted, id FROM (SELECT c2.submitted, c2.id FROM case_branch b "
	    "JOIN cases c2 ON c2.id = b.case_id WHERE b.office = ?32");
	after_newest(q, f, "c2.");
	sb_adds(q, " ORDER BY c2.submitted DESC, c2.id DESC LIMIT ?11)");
}

/* The fast query, or 0 when f and scope need the general one. */
static int
build_fast(struct sb *q, const struct case_filter *f, const struct scope *scope)
{
	const char *p;
	size_t n;

	if (!fast_prefix(f, scope, &p))
		return 0;
	n = p ? strlen(p) : 0;
	if (p == NULL && scope->kind == SCOPE_ALL) {
		sb_adds(q, "SELECT " CASE_COLS CASE_JOINS "WHERE 1 = 1");
		after_newest(q, f, "c.");
		sb_adds(q, " ORDER BY c.submitted DESC, c.id DESC LIMIT ?11");
		return 1;
	}
	if (scope->kind == SCOPE_CLERK && n != 6 && n != 9)
		return 0;
	if (scope->kind != SCOPE_OFFICE && n != 6 && n != 9) {
		/* Walk cases_submitted; no index serves these prefixes. */
		sb_adds(q, "SELECT " CASE_COLS CASE_JOINS "WHERE "
		    "((substr(c.office_region, 1, ?33) = ?30 AND substr(c.office_region, ?34, 1) < ':')"
		    " OR (substr(c.hall_region, 1, ?33) = ?30 AND substr(c.hall_region, ?34, 1) < ':')"
		    " OR (substr(c.applicant_region, 1, ?33) = ?30"
		    " AND substr(c.applicant_region, ?34, 1) < ':'))");
		after_newest(q, f, "c.");
		sb_adds(q, " ORDER BY c.submitted DESC, c.id DESC LIMIT ?11");
		return 1;
	}
	sb_adds(q, "SELECT " CASE_COLS " FROM (");
	if (scope->kind == SCOPE_OFFICE)
		arm_office(q, f);
	else {
		if (scope->kind != SCOPE_CLERK) {	/* a region: all three columns */
			arm_prefix(q, f, "office_region", (int)n);
			sb_adds(q, " UNION ");
		}
		arm_prefix(q, f, "hall_region", (int)n);
		sb_adds(q, " UNION ");
		arm_prefix(q, f, "applicant_region", (int)n);
		if (scope->kind == SCOPE_CLERK) {
			sb_adds(q, " UNION ");
			arm_office(q, f);
		}
	}
	sb_adds(q, " ORDER BY 1 DESC, 2 DESC LIMIT ?11) t JOIN cases c ON c.id = t.id "
	    "JOIN item i ON i.code = c.item JOIN office o ON o.code = c.office "
	    "LEFT JOIN region hr ON hr.code = c.hall_region "
	    "ORDER BY c.submitted DESC, c.id DESC LIMIT ?11");
	return 1;
}

/* The light filter on the columns of alias a (SQL_LIGHT_* without "c."). */
static void
light_terms(struct sb *q, const char *a, enum light l)
{
	sb_addf(q, "%s.open = 1 AND ", a);
	switch (l) {
	case LIGHT_RED:
		sb_addf(q, "%s.red_from <= ?20", a);
		break;
	case LIGHT_YELLOW:
		sb_addf(q, "%s.red_from > ?20 AND %s.yellow_from <= ?20", a, a);
		break;
	default:
		sb_addf(q, "%s.red_from > ?20 AND %s.yellow_from > ?20", a, a);
		break;
	}
}

/* The district (6 digits) a light filter's arms walk, or NULL for all. */
static const char *
light_district(const struct case_filter *f, const struct scope *scope)
{
	if (f->region && strlen(f->region) >= 6)
		return f->region;
	if ((scope->kind == SCOPE_REGION || scope->kind == SCOPE_CLERK) && strlen(scope->lo) >= 6)
		return scope->lo;
	return NULL;
}

/*
 * A light filter without a narrower key (number, applicant): the ids of
 * the open cases of that light in the scope, as walks of the partial
 * indexes on the light dates (per office, per district on each region
 * column, or the city's), bounded by the open cases there. The outer query
 * still applies the scope and every filter exactly.
 */
static void
light_arms(struct sb *q, const struct case_filter *f, const struct scope *scope)
{
	const char *d = light_district(f, scope);

	sb_adds(q, " AND c.id IN (");
	if (scope->kind == SCOPE_OFFICE || (scope->kind == SCOPE_CLERK && d == NULL)) {
		sb_adds(q, "SELECT id FROM cases x WHERE x.office = ?32 AND ");
		light_terms(q, "x", f->light);
		/* CROSS JOIN: the office's branches first, then each case by id. */
		sb_adds(q, " UNION SELECT b.case_id FROM case_branch b CROSS JOIN cases x"
		    " ON x.id = b.case_id WHERE b.office = ?32 AND ");
		light_terms(q, "x", f->light);
	} else if (d != NULL) {
		static const char *const cols[] = { "office_region", "hall_region", "applicant_region" };
		size_t i;

		for (i = 0; i < 3; i++) {
			sb_addf(q, "%sSELECT id FROM cases x WHERE substr(x.%s, 1, 6) = substr(?40, 1, 6)"
			    " AND ", i ? " UNION " : "", cols[i]);
			light_terms(q, "x", f->light);
		}
		if (scope->kind == SCOPE_CLERK) {
			sb_adds(q, " UNION SELECT id FROM cases x WHERE x.office = ?32 AND ");
			light_terms(q, "x", f->light);
			sb_adds(q, " UNION SELECT b.case_id FROM case_branch b CROSS JOIN cases x"
			    " ON x.id = b.case_id WHERE b.office = ?32 AND ");
			light_terms(q, "x", f->light);
		}
	} else {
		sb_adds(q, "SELECT id FROM cases x WHERE ");
		light_terms(q, "x", f->light);
	}
	sb_adds(q, ")");
}

/* The WHERE terms of store_case_find (after "WHERE 1 = 1") into q. */
static void
find_where(struct sb *q, const struct case_filter *f, const struct scope *scope)
{
	int arms = f->light != LIGHT_NONE && !f->no && !f->applicant && !f->name && !f->phone;

	if (arms)
		light_arms(q, f, scope);
	switch (scope->kind) {
	case SCOPE_REGION:
		sb_adds(q, " AND ((c.office_region >= ?30 AND c.office_region < ?31)"
		    " OR (c.hall_region >= ?30 AND c.hall_region < ?31)"
		    " OR (c.applicant_region >= ?30 AND c.applicant_region < ?31))");
		break;
	case SCOPE_CLERK:
		sb_adds(q, " AND ((c.hall_region >= ?30 AND c.hall_region < ?31)"
		    " OR (c.applicant_region >= ?30 AND c.applicant_region < ?31)"
		    " OR c.office = ?32"
		    " OR c.id IN (SELECT case_id FROM case_branch WHERE office = ?32))");
		break;
	case SCOPE_OFFICE:
		/* A union of two indexed lookups, not an OR that would scan. */
		sb_adds(q, " AND c.id IN (SELECT id FROM cases WHERE office = ?32"
		    " UNION SELECT case_id FROM case_branch WHERE office = ?32)");
		break;
	default:
		break;
	}
	if (f->no)
		sb_adds(q, " AND c.no = ?1");
	if (f->applicant)
		sb_adds(q, " AND c.applicant = ?2");
	if (f->name)
		sb_adds(q, " AND c.applicant IN (SELECT applicant FROM applicant_version WHERE "
		    "name >= ?3 AND name < ?48)");
	if (f->phone)
		sb_adds(q, " AND c.applicant IN (SELECT applicant FROM applicant_version "
		    "WHERE phone = ?4)");
	/* "open", "closed", one status, or several "S,S" (at most
	 * STORE_MAX_STATUSES, bound as ?50 on). */
	if (f->status && strcmp(f->status, "open") == 0)
		sb_adds(q, " AND c.open = 1");
	else if (f->status && strcmp(f->status, "closed") == 0)
		sb_adds(q, " AND c.open = 0");
	else if (f->status && strchr(f->status, ',') != NULL) {
		const char *p = f->status;
		int i;

		sb_adds(q, " AND c.status IN (");
		for (i = 0; p != NULL && i < STORE_MAX_STATUSES; i++, p = strchr(p, ',')) {
			if (*p == ',')
				p++;
			sb_addf(q, "%s?%d", i ? ", " : "", 50 + i);
		}
		sb_adds(q, ")");
	} else if (f->status)
		sb_adds(q, " AND c.status = ?5");
	if (f->item)
		sb_adds(q, " AND c.item = ?6");
	if (f->region)
		sb_adds(q, " AND ((c.office_region >= ?7 AND c.office_region < ?7 || ':')"
		    " OR (c.hall_region >= ?7 AND c.hall_region < ?7 || ':')"
		    " OR (c.applicant_region >= ?7 AND c.applicant_region < ?7 || ':'))");
	if (f->office)
		sb_adds(q, " AND c.office = ?8");
	if (f->from)
		sb_adds(q, " AND c.submitted >= ?9");
	if (f->to)
		sb_adds(q, " AND c.submitted <= ?10");
	/* With the arms above, the light is applied there, exactly. */
	switch (arms ? LIGHT_NONE : f->light) {
	case LIGHT_RED:
		sb_adds(q, " AND " SQL_LIGHT_RED);
		break;
	case LIGHT_YELLOW:
		sb_adds(q, " AND " SQL_LIGHT_YELLOW);
		break;
	case LIGHT_GREEN:
		sb_adds(q, " AND " SQL_LIGHT_GREEN);
		break;
	default:
		break;
	}
	if (f->open_only)
		sb_adds(q, " AND c.open = 1");
	/* Cases whose light changes after today and by ?13 (only a running
	 * clock's dates lie there: a stopped one's are 0000 or 9999). */
	if (f->forecast)
		sb_adds(q, " AND c.open = 1 AND ((c.yellow_from > ?20 AND c.yellow_from <= ?13)"
		    " OR (c.red_from > ?20 AND c.red_from <= ?13))");
	if (f->anomaly) {
		sb_adds(q, " AND c.id IN (SELECT case_id FROM anomaly WHERE kind = ?12");
		if (f->anomaly_from)
			sb_adds(q, " AND day >= ?14");
		if (f->anomaly_to)
			sb_adds(q, " AND day <= ?15");
		sb_adds(q, ")");
	}
	/* The handling office's region: the dashboard's areas and the reports'
	 * offices count by it. */
	if (f->area && f->area_exact)
		sb_adds(q, " AND c.office_region = ?16");
	else if (f->area)
		sb_adds(q, " AND c.office_region >= ?16 AND c.office_region < ?16 || ':'");
	/* The wait began on or before the last day allowed for its step's limit
	 * (the rule of stats.c's close_group, on the day of the step's start). */
	if (f->step_late)
		sb_adds(q, " AND c.open = 1 AND substr(COALESCE(c.step_started, c.accepted, "
		    "c.submitted), 1, 10) <= substr(?21, 10 * COALESCE((SELECT max(limit_days) "
		    "FROM item_step s WHERE s.item = c.item AND s.seq = c.step), 0) + 1, 10)");
	if (f->by_step)
		sb_adds(q, " AND c.open = 1 AND c.step = ?17");
	if (f->finished_from)
		sb_adds(q, " AND c.status = 'completed' AND c.finished >= ?18");
	if (f->finished_to)
		sb_adds(q, " AND c.status = 'completed' AND c.finished <= ?19");
	/* As the dashboard's on-time rate counts: on_time = 1, or not. */
	if (f->on_time == 1)
		sb_adds(q, " AND c.on_time = 1");
	else if (f->on_time == 2)
		sb_adds(q, " AND (c.on_time IS NULL OR c.on_time <> 1)");
	/* 容缺受理: pledges outstanding past their day (cases_pledge_due). */
	if (f->pledge_overdue)
		sb_adds(q, " AND c.pledge_due < ?20");
	/* art. 45: suspended past the period told (cases_suspend_due). */
	if (f->suspend_overdue)
		sb_adds(q, " AND c.suspend_due < ?20");
	if (f->after != NULL && f->by_due)
		sb_adds(q, " AND (c.due, c.warn, c.id) > (?43, ?44, ?42)");
	else
		after_newest(q, f, "c.");
}

/* The SQL of store_case_find into q. */
static void
build_find(struct sb *q, const struct case_filter *f, const struct scope *scope)
{
	if (build_fast(q, f, scope))
		return;
	sb_adds(q, "SELECT " CASE_COLS CASE_JOINS "WHERE 1 = 1");
	find_where(q, f, scope);
	sb_adds(q, f->by_due ? " ORDER BY c.due, c.warn, c.id" : " ORDER BY c.submitted DESC, c.id DESC");
	if (f->limit > 0)
		sb_adds(q, " LIMIT ?11");
}

static void
bind_find(sq_stmt *s, const struct case_filter *f, const struct scope *scope)
{
	const char *p = NULL;

	sq_text(s, 1, f->no);
	sq_text(s, 2, f->applicant);
	sq_text(s, 3, f->name);
	if (f->name != NULL) {
		/* Names that start with it sort below it followed by U+10FFFF. */
		struct sb past = SB_INIT;

		sb_addf(&past, "%s\xf4\x8f\xbf\xbf", f->name);
		sq_text(s, 48, past.buf);
		sb_release(&past);
	}
	sq_text(s, 4, f->phone);
	sq_text(s, 5, f->status);
	if (f->status && strchr(f->status, ',') != NULL) {
		const char *v = f->status, *comma;
		int i;

		for (i = 0; i < STORE_MAX_STATUSES && v != NULL; i++) {
			comma = strchr(v, ',');
			if (comma != NULL) {
				char *one = xstrndup(v, (size_t)(comma - v));

				sq_text(s, 50 + i, one);
				free(one);
			} else
				sq_text(s, 50 + i, v);
			v = comma ? comma + 1 : NULL;
		}
	}
	sq_text(s, 6, f->item);
	sq_text(s, 7, f->region);
	sq_text(s, 8, f->office);
	sq_text(s, 9, f->from);
	sq_text(s, 10, f->to);
	if (f->limit > 0)
		sq_int(s, 11, f->limit);
	sq_text(s, 12, f->anomaly);
	sq_text(s, 13, f->forecast);
	sq_text(s, 14, f->anomaly_from);
	sq_text(s, 15, f->anomaly_to);
	sq_text(s, 16, f->area);
	if (f->by_step)
		sq_int(s, 17, f->step);
	sq_text(s, 18, f->finished_from);
	sq_text(s, 19, f->finished_to);
	sq_text(s, 21, f->step_late);
	sq_text(s, 20, f->today);
	sq_text(s, 40, light_district(f, scope));
	if (f->after != NULL) {
		sq_text(s, 41, f->after->submitted);
		sq_int(s, 42, f->after->id);
		sq_text(s, 43, f->after->due);
		sq_text(s, 44, f->after->warn);
	}
	if (scope->kind == SCOPE_REGION || scope->kind == SCOPE_CLERK) {
		sq_text(s, 30, scope->lo);
		sq_text(s, 31, scope->hi);
	}
	if (scope->kind == SCOPE_CLERK || scope->kind == SCOPE_OFFICE)
		sq_text(s, 32, scope->office);
	if (fast_prefix(f, scope, &p) && p != NULL) {
		char hi[40];
		size_t n = strlen(p);

		if (n + 2 > sizeof hi)
			n = sizeof hi - 2;
		memcpy(hi, p, n);
		hi[n] = ':';
		hi[n + 1] = '\0';
		sq_text(s, 30, p);
		sq_text(s, 31, hi);
		sq_int(s, 33, (long long)strlen(p));
		sq_int(s, 34, (long long)strlen(p) + 1);
	}
}

/* Prepare store_case_find's statement (not cached). */
static int
prep_find(struct store *st, const struct case_filter *f, const struct scope *scope,
    sq_stmt **s, char **cause)
{
	struct sb q = SB_INIT;

	build_find(&q, f, scope);
	*s = sq_prep_once(st, q.buf);
	sb_release(&q);
	if (*s == NULL)
		return sq_fail(st, cause);
	bind_find(*s, f, scope);
	return 0;
}

int
store_case_find(struct store *st, const struct case_filter *f,
    const struct scope *scope, store_case_fn fn, void *arg, char **cause)
{
	sq_stmt *s = NULL;
	int rc;

	if (scope->kind == SCOPE_NONE)
		return 0;
	if (prep_find(st, f, scope, &s, cause) != 0)
		return -1;
	/* Not cached: sq_done finalizes it. */
	if ((rc = case_iter(st, s, fn, arg)) == -1)
		set_cause(cause, _("database: %s"), store_error(st));
	return rc;
}

int
store_case_count(struct store *st, const struct case_filter *f, const struct scope *scope,
    long cap, long *n, char **cause)
{
	struct case_filter g = *f;
	struct sb q = SB_INIT;
	sq_stmt *s = NULL;
	int rc;

	*n = 0;
	if (scope->kind == SCOPE_NONE)
		return 0;
	g.limit = 0;
	g.after = NULL;
	if (cap > 0) {
		sb_adds(&q, "SELECT count(*) FROM (SELECT 1 FROM cases c WHERE 1 = 1");
		find_where(&q, &g, scope);
		sb_addf(&q, " LIMIT %ld)", cap);
	} else {
		sb_adds(&q, "SELECT count(*) FROM cases c WHERE 1 = 1");
		find_where(&q, &g, scope);
	}
	s = sq_prep_once(st, q.buf);
	sb_release(&q);
	if (s == NULL)
		return sq_fail(st, cause);
	bind_find(s, &g, scope);
	if ((rc = sq_first(st, s)) == 0)
		*n = (long)sq_col_int(s, 0);
	else
		set_cause(cause, _("database: %s"), store_error(st));
	sq_done(st, s);
	return rc == 0 ? 0 : -1;
}

int
store_case_export(struct store *st, const struct case_filter *f, const struct scope *scope,
    store_case_fn fn, void *arg, char **cause)
{
	/*
	 * The columns of an export, and nothing else: no step name or branch
	 * subqueries, and no copies (the record borrows SQLite's text).
	 */
	struct sb q = SB_INIT;
	sq_stmt *s = NULL;
	int rc = 0;

	if (f->limit > 0)
		return store_case_find(st, f, scope, fn, arg, cause);
	if (scope->kind == SCOPE_NONE)
		return 0;
	/* Every filter and the scope as case find has them, one pass by id. */
	sb_adds(&q, "SELECT c.no, c.item, i.name, i.name_en, c.applicant, c.applicant_name, "
	    "c.status, c.open, "
	    "c.submitted, c.accepted, c.decided, c.finished, c.limit_days, c.paused_days, "
	    "c.extended_days, c.paused_since, c.warn, c.due, c.on_time, c.office, o.name, "
	    "c.channel, c.hall_region, c.applicant_region, c.office_region, c.provisional, "
	    "c.deliver_warn, c.deliver_due, c.result FROM cases c JOIN item i ON i.code = c.item "
	    "JOIN office o ON o.code = c.office WHERE 1 = 1");
	find_where(&q, f, scope);
	sb_adds(&q, " ORDER BY c.id");
	s = sq_prep_once(st, q.buf);
	sb_release(&q);
	if (s == NULL)
		return sq_fail(st, cause);
	bind_find(s, f, scope);
	rc = 0;
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct tcase c;

		memset(&c, 0, sizeof c);
		c.no = sq_peek(s, 0);
		c.item = sq_peek(s, 1);
		c.item_name = sq_peek(s, 2);
		c.item_name_en = sq_peek(s, 3);
		c.applicant = sq_peek(s, 4);
		c.applicant_name = sq_peek(s, 5);
		c.status = sq_peek(s, 6);
		c.open = sq_col_int(s, 7);
		c.submitted = sq_peek(s, 8);
		c.accepted = sq_peek(s, 9);
		c.decided = sq_peek(s, 10);
		c.finished = sq_peek(s, 11);
		c.limit_days = sq_col_int(s, 12);
		c.paused_days = sq_col_int(s, 13);
		c.extended_days = sq_col_int(s, 14);
		c.paused_since = sq_peek(s, 15);
		c.warn = sq_peek(s, 16);
		c.due = sq_peek(s, 17);
		c.on_time = sq_col_null(s, 18) ? -1 : sq_col_int(s, 18);
		c.office = sq_peek(s, 19);
		c.office_name = sq_peek(s, 20);
		c.channel = sq_peek(s, 21);
		c.hall_region = sq_peek(s, 22);
		c.applicant_region = sq_peek(s, 23);
		c.office_region = sq_peek(s, 24);
		c.provisional = sq_col_int(s, 25);
		c.deliver_warn = sq_peek(s, 26);
		c.deliver_due = sq_peek(s, 27);
		c.result = sq_peek(s, 28);
		rc = fn(arg, &c);
	}
	sq_done(st, s);
	if (rc == -1)
		set_cause(cause, _("database: %s"), store_error(st));
	return rc;
}

/* The plan of q (EXPLAIN QUERY PLAN ...) into *plan; f and scope bind it
 * when not NULL. */
static int
explain(struct store *st, struct sb *q, const struct case_filter *f,
    const struct scope *scope, char **plan, char **cause)
{
	struct sb out = SB_INIT;
	sq_stmt *s = NULL;
	int rc;

	*plan = NULL;
	s = sq_prep_once(st, q->buf);
	sb_release(q);
	if (s == NULL)
		return sq_fail(st, cause);
	if (f != NULL)
		bind_find(s, f, scope);
	sb_adds(&out, "");
	while ((rc = sq_step(s)) == SQ_ROW)
		sb_addf(&out, "%lld %lld %s\n", sq_col_int(s, 0), sq_col_int(s, 1),
		    sq_peek(s, 3));
	sq_done(st, s);
	if (rc != SQ_DONE) {
		sb_release(&out);
		return sq_fail(st, cause);
	}
	*plan = sb_detach(&out);
	return 0;
}

int
store_explain_case_find(struct store *st, const struct case_filter *f,
    const struct scope *scope, char **plan, char **cause)
{
	struct sb q = SB_INIT;

	sb_adds(&q, "EXPLAIN QUERY PLAN ");
	build_find(&q, f, scope);
	return explain(st, &q, f, scope, plan, cause);
}

int
store_explain_worklist(struct store *st, char **plan, char **cause)
{
	struct sb q = SB_INIT;

	sb_adds(&q, "EXPLAIN QUERY PLAN ");
	sb_adds(&q, worklist_sql);
	return explain(st, &q, NULL, NULL, plan, cause);
}

int
store_case_seq_next(struct store *st, const char *prefix, long *n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_seq(prefix, n) VALUES (?1, 1) "
	    "ON CONFLICT(prefix) DO UPDATE SET n = case_seq.n + 1 RETURNING n";
	sq_stmt *s = sq_prep(st, sql);
	int rc = -1;

	sq_text(s, 1, prefix);
	/* RETURNING always gives a row, unless the insert failed. */
	if (sq_first(st, s) == 0) {
		*n = (long)sq_col_int(s, 0);
		rc = 0;
	} else
		set_cause(cause, _("database: %s"), store_error(st));
	sq_done(st, s);
	return rc;
}

int
store_case_seq_set(struct store *st, const char *prefix, long n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_seq(prefix, n) VALUES (?1, ?2) "
	    "ON CONFLICT(prefix) DO UPDATE SET n = CASE WHEN case_seq.n > excluded.n THEN case_seq.n ELSE excluded.n END";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, prefix);
	sq_int(s, 2, n);
	return sq_run(st, s, cause);
}

int
store_case_update(struct store *st, const struct tcase *c, char **cause)
{
	static const char sql[] =
	    "UPDATE cases SET status = ?9, open = ?10, step = ?11, accepted = ?13, decided = ?14, "
	    "finished = ?15, limit_days = ?16, paused_days = ?17, extended_days = ?18, "
	    "paused_since = ?19, warn = ?20, due = ?21, on_time = ?22, materials = ?23, "
	    "result = ?24, fee_cents = ?25, version = version + 1, prev_status = ?27, "
	    "step_started = ?28, step_paused = ?29, pledge_date = ?30, pledge_materials = ?31, "
	    "deemed = ?32, suspend_reason = ?33, suspend_days = ?34, yellow_from = ?37, "
	    "red_from = ?38, notices = ?39, pledge_due = ?40, provisional = ?41, "
	    "deliver_warn = ?42, deliver_due = ?43, suspend_due = ?44 WHERE id = ?35 AND version = ?26";
	sq_stmt *s;

	assert(c->id > 0);
	s = sq_prep(st, sql);
	sq_text(s, 9, c->status);
	sq_int(s, 10, c->open);
	sq_int(s, 11, c->step);
	sq_text(s, 13, or_null(c->accepted));
	sq_text(s, 14, or_null(c->decided));
	sq_text(s, 15, or_null(c->finished));
	sq_int(s, 16, c->limit_days);
	sq_int(s, 17, c->paused_days);
	sq_int(s, 18, c->extended_days);
	sq_text(s, 19, or_null(c->paused_since));
	sq_text(s, 20, c->warn);
	sq_text(s, 21, c->due);
	if (c->on_time < 0)
		sq_null(s, 22);
	else
		sq_int(s, 22, c->on_time);
	sq_text(s, 23, c->materials ? c->materials : "");
	sq_text(s, 24, c->result ? c->result : "");
	sq_int(s, 25, c->fee_cents);
	sq_int(s, 26, c->version);
	bind_case_tail(s, c);
	sq_int(s, 35, c->id);
	if (sq_run(st, s, cause) != 0)
		return -1;
	return sq_changes(st) == 1 ? 0 : STORE_CONFLICT;
}


int
store_worklist(struct store *st, const char *office, const char *hall,
    const char *today, const struct tcase *after, long limit, store_case_fn fn, void *arg)
{
	/*
	 * An office's open cases, the cases with a branch pending at the office,
	 * and (for a hall) decided cases waiting to be handed over there; most
	 * urgent first: by due date, then by warning date. Each set is read as
	 * the first N of an index walk in that order (cases_office_open,
	 * case_branch_pending, cases_hall_handover), and the three are merged.
	 */
	sq_stmt *s = sq_prep(st, worklist_sql);

	sq_text(s, 1, office ? office : "");
	sq_text(s, 2, hall ? hall : "~");
	sq_int(s, 4, limit);
	/* The first page starts before every key. */
	sq_text(s, 5, after ? after->due : "");
	sq_text(s, 6, after ? after->warn : "");
	sq_int(s, 7, after ? after->id : 0);
	sq_text(s, 20, today);
	return case_iter(st, s, fn, arg);
}

int
store_worklist_given(struct store *st, const char *office, const char *assignee,
    const char *today, const struct tcase *after, long limit, store_case_fn fn, void *arg)
{
	/* One partial index each, walked in the worklist's order. */
	static const char mine[] = "SELECT " CASE_COLS CASE_JOINS
	    "WHERE c.assignee = ?2 AND c.open = 1 AND (c.due, c.warn, c.id) > (?5, ?6, ?7) "
	    "ORDER BY c.due, c.warn, c.id LIMIT ?4";
	static const char none[] = "SELECT " CASE_COLS CASE_JOINS
	    "WHERE c.office = ?1 AND c.open = 1 AND c.assignee IS NULL "
	    "AND (c.due, c.warn, c.id) > (?5, ?6, ?7) ORDER BY c.due, c.warn, c.id LIMIT ?4";
	sq_stmt *s = sq_prep(st, assignee ? mine : none);

	(void)today;
	sq_text(s, 1, office ? office : "");
	sq_text(s, 2, assignee ? assignee : "");
	sq_int(s, 4, limit);
	sq_text(s, 5, after ? after->due : "");
	sq_text(s, 6, after ? after->warn : "");
	sq_int(s, 7, after ? after->id : 0);
	return case_iter(st, s, fn, arg);
}

int
store_case_assign(struct store *st, long long id, int version, const char *assignee,
    char **cause)
{
	static const char sql[] = "UPDATE cases SET assignee = ?3, version = version + 1 "
	    "WHERE id = ?1 AND version = ?2";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, id);
	sq_int(s, 2, version);
	sq_text(s, 3, assignee && *assignee ? assignee : NULL);
	if (sq_run(st, s, cause) != 0)
		return -1;
	return sq_changes(st) == 1 ? 0 : STORE_CONFLICT;
}

int
store_worklist_lights(struct store *st, const char *office, const char *hall,
    const char *today, int with_green, long n[4])
{
	/*
	 * The worklist's sets as store_worklist() reads them, each counted once
	 * (a case of the office is not counted again for its branch or at the
	 * hall). The office's own open cases are counted as ranges of two
	 * covering indexes: red ones by red_from, yellow ones by yellow_from
	 * (and red_from > today), green ones only when asked, as they are most
	 * of the list. INDEXED BY: without statistics the planner would take
	 * the office's index of all its cases.
	 */
#define LIGHT_OF(a) "CASE WHEN " a "red_from <= ?3 THEN 3 WHEN " a "yellow_from <= ?3 " \
	"THEN 2 ELSE 1 END"
	static const char sql[] =
	    "SELECT 3, count(*) FROM cases INDEXED BY cases_office_light"
	    " WHERE office = ?1 AND open = 1 AND red_from <= ?3"
	    " UNION ALL SELECT 2, count(*) FROM cases INDEXED BY cases_office_yellow"
	    " WHERE office = ?1 AND open = 1 AND yellow_from <= ?3 AND red_from > ?3"
	    " UNION ALL SELECT 1, count(*) FROM cases INDEXED BY cases_office_yellow"
	    " WHERE ?4 = 1 AND office = ?1 AND open = 1 AND yellow_from > ?3"
	    " UNION ALL SELECT l, count(*) FROM ("
	    " SELECT " LIGHT_OF("x.") " l FROM case_branch b CROSS JOIN cases x ON x.id = b.case_id"
	    "  WHERE b.office = ?1 AND b.opinion IS NULL AND x.office != ?1"
	    " UNION ALL SELECT " LIGHT_OF("") " FROM cases INDEXED BY cases_hall_handover_light"
	    "  WHERE hall_region = ?2 AND open = 1"
	    "  AND status IN ('approved', 'denied') AND office != ?1"
	    ") GROUP BY l";
#undef LIGHT_OF
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	n[0] = n[1] = n[2] = n[3] = 0;
	sq_text(s, 1, office ? office : "");
	sq_text(s, 2, hall ? hall : "~");
	sq_text(s, 3, today);
	sq_int(s, 4, with_green != 0);
	while (rc == 0 && sq_next(st, s, &rc)) {
		int l = sq_col_int(s, 0);

		if (l >= 1 && l <= 3)
			n[l] += (long)sq_col_int(s, 1);
	}
	sq_done(st, s);
	return rc;
}

int
store_case_newest(struct store *st, const char *lo, const char *hi, long long after,
    long limit, store_case_fn fn, void *arg)
{
	/* Walks the primary key backwards: cheap at any size. */
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS
	    "WHERE c.id > ?1 AND ((c.office_region >= ?2 AND c.office_region < ?3) OR "
	    "(c.hall_region >= ?2 AND c.hall_region < ?3)) ORDER BY c.id DESC LIMIT ?4";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, after);
	sq_text(s, 2, lo);
	sq_text(s, 3, hi);
	sq_int(s, 4, limit);
	return case_iter(st, s, fn, arg);
}

long long
store_case_max_id(struct store *st)
{
	static const char sql[] = "SELECT max(id) FROM cases";
	sq_stmt *s = sq_prep(st, sql);
	long long id = -1;

	if (sq_first(st, s) == 0)
		id = sq_col_int(s, 0);
	sq_done(st, s);
	return id;
}

int
store_case_each_all(struct store *st, store_case_fn fn, void *arg)
{
	static const char sql[] = "SELECT " CASE_COLS CASE_JOINS "ORDER BY c.id";

	return case_iter(st, sq_prep(st, sql), fn, arg);
}

int
store_case_open_ids(struct store *st, long long **ids, size_t *n, char **cause)
{
	static const char sql[] = "SELECT id FROM cases WHERE open = 1 ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);
	size_t cap = 0;
	int rc = 0;

	*ids = NULL;
	*n = 0;
	while (rc == 0 && sq_next(st, s, &rc)) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sq_col_int(s, 0);
	}
	sq_done(st, s);
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		set_cause(cause, _("database: %s"), store_error(st));
	}
	return rc;
}

/* Branches ------------------------------------------------------------------ */

int
store_branch_insert(struct store *st, long long case_id, const struct branch *b, char **cause)
{
	static const char sql[] =
	    "INSERT INTO case_branch(case_id, step, dept_kind, office, limit_days, started, due) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sq_stmt *s;

	assert(case_id > 0);
	s = sq_prep(st, sql);
	sq_int(s, 1, case_id);
	sq_int(s, 2, b->step);
	sq_text(s, 3, b->dept_kind);
	sq_text(s, 4, b->office);
	sq_int(s, 5, b->limit_days);
	sq_text(s, 6, b->started);
	sq_text(s, 7, b->due);
	return sq_run(st, s, cause);
}

int
store_branch_clear(struct store *st, long long case_id, int step, char **cause)
{
	static const char sql[] = "DELETE FROM case_branch WHERE case_id = ?1 AND step = ?2";
	sq_stmt *s;

	assert(case_id > 0);
	s = sq_prep(st, sql);
	sq_int(s, 1, case_id);
	sq_int(s, 2, step);
	return sq_run(st, s, cause);
}

int
store_branch_opinion(struct store *st, long long case_id, int step, const char *office,
    const char *verdict, const char *opinion, const char *login, const char *on)
{
	static const char sql[] =
	    "UPDATE case_branch SET opinion = ?4, verdict = ?5, by_login = ?6, done_on = ?7 "
	    "WHERE case_id = ?1 AND step = ?2 AND office = ?3 AND opinion IS NULL";
	sq_stmt *s;

	assert(case_id > 0);
	s = sq_prep(st, sql);
	sq_int(s, 1, case_id);
	sq_int(s, 2, step);
	sq_text(s, 3, office);
	sq_text(s, 4, opinion);
	sq_text(s, 5, verdict);
	sq_text(s, 6, login);
	sq_text(s, 7, on);
	return sq_changed(st, s);
}

int
store_branch_override(struct store *st, long long case_id, int step, const char *reason,
    const char *login, const char *on)
{
	static const char sql[] =
	    "UPDATE case_branch SET override = ?3, override_by = ?4, override_on = ?5 "
	    "WHERE case_id = ?1 AND step = ?2 AND verdict = 'disagree' AND override IS NULL";
	sq_stmt *s;

	assert(case_id > 0);
	s = sq_prep(st, sql);
	sq_int(s, 1, case_id);
	sq_int(s, 2, step);
	sq_text(s, 3, reason);
	sq_text(s, 4, login);
	sq_text(s, 5, on);
	return sq_changed(st, s);
}

int
store_branch_pause(struct store *st, long long case_id, int step, const char *dept_kind,
    const char *due, int days, char **cause)
{
	static const char sql[] =
	    "UPDATE case_branch SET due = ?4, paused_days = paused_days + ?5 "
	    "WHERE case_id = ?1 AND step = ?2 AND dept_kind = ?3 AND opinion IS NULL";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, case_id);
	sq_int(s, 2, step);
	sq_text(s, 3, dept_kind);
	sq_text(s, 4, due);
	sq_int(s, 5, days);
	return sq_run(st, s, cause);
}

int
store_branch_each(struct store *st, long long case_id, store_branch_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT b.step, b.dept_kind, b.office, o.name, b.limit_days, b.started, b.due, "
	    "b.opinion, b.verdict, b.by_login, b.done_on, b.override, b.override_by, "
	    "b.override_on, b.paused_days FROM case_branch b "
	    "JOIN office o ON o.code = b.office WHERE b.case_id = ?1 ORDER BY b.step, b.dept_kind";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_int(s, 1, case_id);
	while (rc == 0 && sq_next(st, s, &rc)) {
		struct branch b;

		b.step = sq_col_int(s, 0);
		b.dept_kind = sq_col(s, 1);
		b.office = sq_col(s, 2);
		b.office_name = sq_col(s, 3);
		b.limit_days = sq_col_int(s, 4);
		b.started = sq_col(s, 5);
		b.due = sq_col(s, 6);
		b.opinion = sq_col_or_null(s, 7);
		b.verdict = sq_col_or_null(s, 8);
		b.by_login = sq_col_or_null(s, 9);
		b.done_on = sq_col_or_null(s, 10);
		b.override = sq_col_or_null(s, 11);
		b.override_by = sq_col_or_null(s, 12);
		b.override_on = sq_col_or_null(s, 13);
		b.paused_days = sq_col_int(s, 14);
		rc = fn(arg, &b);
		branch_release(&b);
	}
	sq_done(st, s);
	return rc;
}

int
store_notice_add(struct store *st, long long case_id, const char *moment, const char *how,
    const char *at, const char *by, const char *note, char **cause)
{
	static const char sql[] = "INSERT INTO case_notice(case_id, moment, how, at, by_login, "
	    "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, case_id);
	sq_text(s, 2, moment);
	sq_text(s, 3, how);
	sq_text(s, 4, at);
	sq_text(s, 5, by);
	sq_text(s, 6, note ? note : "");
	return sq_run(st, s, cause);
}

int
store_notice_each(struct store *st, long long case_id, store_notice_fn fn, void *arg)
{
	static const char sql[] = "SELECT moment, how, at, by_login, note FROM case_notice "
	    "WHERE case_id = ?1 ORDER BY id";
	sq_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_int(s, 1, case_id);
	while (rc == 0 && sq_next(st, s, &rc))
		rc = fn(arg, (const char *)sq_col_text(s, 0),
		    (const char *)sq_col_text(s, 1), (const char *)sq_col_text(s, 2),
		    (const char *)sq_col_text(s, 3), (const char *)sq_col_text(s, 4));
	sq_done(st, s);
	return rc;
}

int
store_case_same(struct store *st, const char *applicant, const char *item, const char *today,
    int (*fn)(void *arg, const char *no), void *arg)
{
	/* By the applicant's index: an applicant has few cases. */
	static const char sql[] =
	    "SELECT no FROM cases WHERE applicant = ?1 AND item = ?2 AND (open = 1 OR "
	    "submitted = ?3) ORDER BY id DESC";
	sq_stmt *s = sq_prep(st, sql);
	char **nos = NULL;
	size_t n = 0, i;
	int rc = 0;

	sq_text(s, 1, applicant);
	sq_text(s, 2, item);
	sq_text(s, 3, today);
	/* Read them all first: fn may read the store again. */
	while (rc == 0 && sq_next(st, s, &rc)) {
		nos = xreallocarray(nos, n + 1, sizeof *nos);
		nos[n++] = sq_col(s, 0);
	}
	sq_done(st, s);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = fn(arg, nos[i]);
		free(nos[i]);
	}
	free(nos);
	return rc;
}
