/*
 * Query plans of the newest-first pages (docs/PERFORMANCE.md): under every
 * kind of scope, a page of store_case_find walks an index of the cases
 * table, never the table itself, and sorts nothing but the few rows the
 * index walks gave (a subquery's output). And the fast pages hold the same
 * rows, in the same order, as the general query does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "demo.h"
#include "store.h"
#include "tcase.h"
#include "test.h"
#include "util.h"

static void
scope_of(struct scope *s, enum scope_kind kind, const char *lo, const char *office)
{
	size_t n = strlen(lo);

	memset(s, 0, sizeof *s);
	s->kind = kind;
	memcpy(s->lo, lo, n + 1);
	memcpy(s->hi, lo, n);
	s->hi[n] = ':';
	s->hi[n + 1] = '\0';
	s->office = office;
}

/*
 * 1 when every walk of cases x in plan is over a partial index of the open
 * cases by their light dates (or by id), and there is at least one.
 */
static int
light_walks(const char *plan)
{
	const char *p = plan;
	int n = 0;

	while ((p = strstr(p, "SEARCH x USING ")) != NULL) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[256];

		snprintf(line, sizeof line, "%.*s", (int)len, p);
		if (strstr(line, "_light ") == NULL && strstr(line, "_yellow ") == NULL &&
		    strstr(line, "PRIMARY KEY") == NULL)
			return 0;
		n++;
		p += len;
	}
	return n > 0;
}

/*
 * 1 when plan is a bounded walk: no line scans the cases table without an
 * index, and a temporary B-tree for ORDER BY only sorts rows read from a
 * subquery (the first N of index walks), an office's parallel-review
 * branches (case_branch), or the open cases of one light (rows by id from
 * walks of the light indexes), never rows read from the cases table.
 */
static int
bounded(const char *plan)
{
	const char *p = plan, *nl;
	int ok = 1;

	for (; *p; p = nl + 1) {
		int id, parent, off = 0;
		const char *d;

		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		if (sscanf(p, "%d %d %n", &id, &parent, &off) < 2 || off == 0)
			continue;
		d = p + off;
		/* The cases table read row by row, no index: "SCAN c" alone. */
		if (strncmp(d, "SCAN c\n", 7) == 0 || strncmp(d, "SCAN c2\n", 8) == 0 ||
		    strncmp(d, "SCAN cases\n", 11) == 0)
			ok = 0;
		if (strncmp(d, "USE TEMP B-TREE FOR ORDER BY", 28) == 0) {
			/* Which loops are its siblings? */
			const char *q = plan, *ql;
			int fine = 0, cases_walk = 0;

			for (; *q; q = ql + 1) {
				int qid, qparent, qoff = 0;
				const char *qd;

				ql = strchr(q, '\n');
				if (ql == NULL)
					break;
				if (sscanf(q, "%d %d %n", &qid, &qparent, &qoff) < 2 || qparent != parent)
					continue;
				qd = q + qoff;
				/* Rows by id from a list of open cases' light walks. */
				if (strncmp(qd, "LIST SUBQUERY", 13) == 0 && light_walks(plan))
					fine = 1;
				if (strncmp(qd, "SCAN (subquery", 14) == 0 || strncmp(qd, "SCAN t", 6) == 0 ||
				    (strncmp(qd, "SEARCH b ", 9) == 0 &&
				    (strstr(qd, " case_branch_office ") != NULL ||
				    strstr(qd, " case_branch_pending ") != NULL)))
					fine = 1;
				if ((strncmp(qd, "SCAN c", 6) == 0 || strncmp(qd, "SEARCH c ", 9) == 0 ||
				    strncmp(qd, "SEARCH cases", 12) == 0 || strncmp(qd, "SCAN cases", 10) == 0) &&
				    strstr(qd, "PRIMARY KEY") == NULL)
					cases_walk = 1;
			}
			if (!fine || cases_walk)
				ok = 0;
		}
	}
	return ok;
}

static void
check_plan(const struct case_filter *f, const struct scope *s, const char *what,
    const char *must)
{
	char *plan = NULL, *cause = NULL;

	CHECK(store_explain_case_find(test_store(), f, s, &plan, &cause) == 0);
	if (plan == NULL) {
		printf("#   %s: %s\n", what, cause ? cause : "?");
		free(cause);
		return;
	}
	if (getenv("TONGBAN_SHOW_PLANS") != NULL)
		printf("#   %s:\n%s", what, plan);
	if (!bounded(plan))
		printf("#   %s: not a bounded walk:\n%s", what, plan);
	CHECK(bounded(plan));
	/* A region's page reads all three of its columns' walks. */
	if (must != NULL && strstr(plan, must) == NULL)
		printf("#   %s: no %s in\n%s", what, must, plan);
	CHECK(must == NULL || strstr(plan, must) != NULL);
	free(plan);
}

static void
plans_bounded(void)
{
	static const struct {
		enum scope_kind kind;
		const char *lo, *office, *region, *what, *must;
	} cases[] = {
		{ SCOPE_ALL, "", NULL, NULL, "all", "cases_submitted" },
		{ SCOPE_ALL, "", NULL, "500229", "all, --region district", "cases_office_district" },
		{ SCOPE_REGION, "50", NULL, NULL, "city supervisor", "cases_submitted" },
		{ SCOPE_REGION, "500229", NULL, NULL, "district supervisor",
		  "cases_office_district" },
		{ SCOPE_REGION, "500229001", NULL, NULL, "township supervisor",
		  "cases_office_township" },
		{ SCOPE_REGION, "50", NULL, "500229", "city supervisor, --region district",
		  "cases_office_district" },
		{ SCOPE_REGION, "50", NULL, "500229001", "city supervisor, --region township",
		  "cases_office_township" },
		{ SCOPE_CLERK, "500229001", "500229001.township", NULL, "township clerk",
		  "cases_office_submitted" },
		{ SCOPE_CLERK, "500103", "500103.hall", NULL, "district hall clerk",
		  "cases_office_submitted" },
		{ SCOPE_OFFICE, "", "500229.market", NULL, "approver", "cases_office_submitted" },
	};
	size_t i;

	if (test_on_pg()) {
		test_skip("it reads SQLite's query plans");
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct case_filter f;
		struct scope s;

		memset(&f, 0, sizeof f);
		f.today = "2026-11-27";
		f.limit = 8;
		f.region = cases[i].region;
		scope_of(&s, cases[i].kind, cases[i].lo, cases[i].office);
		check_plan(&f, &s, cases[i].what, cases[i].must);
	}
}

struct page {
	struct sb nos;
	int n;
};

static int
add_no(void *arg, const struct tcase *c)
{
	struct page *p = arg;

	sb_adds(&p->nos, c->no);
	sb_addc(&p->nos, ' ');
	p->n++;
	return 0;
}

/* The page of f under s, by the fast query and by the general one (a filter
 * every case passes turns the fast path off). */
static int
same_page(const struct scope *s, const char *region, long limit, int *rows)
{
	struct case_filter f;
	struct page fast = { SB_INIT, 0 }, slow = { SB_INIT, 0 };
	int same;

	memset(&f, 0, sizeof f);
	f.today = "2026-11-27";
	f.limit = limit;
	f.region = region;
	store_case_find(test_store(), &f, s, add_no, &fast, NULL);
	f.from = "0000-00-00";
	store_case_find(test_store(), &f, s, add_no, &slow, NULL);
	same = fast.n == slow.n && strcmp(fast.nos.buf, slow.nos.buf) == 0;
	if (!same)
		printf("#   %d %s (%s) limit %ld region %s: %d vs %d rows\n", s->kind, s->lo,
		    s->office ? s->office : "-", limit, region ? region : "-", fast.n, slow.n);
	*rows += fast.n;
	sb_release(&fast.nos);
	sb_release(&slow.nos);
	return same;
}

static void
pages_same_as_general(void)
{
	static const long limits[] = { 1, 8, 50, 5000 };
	struct store *st = test_store();
	char *cause = NULL;
	char **prefixes = NULL;
	int nprefix = 0, i, k, bad = 0, rows = 0;
	struct tcase c;
	long id;

	if (demo_cases(st, test_calendar(), 600, 7, clock_today(), NULL, &cause) != 0) {
		printf("#   cannot generate cases: %s\n", cause ? cause : "?");
		free(cause);
		CHECK(0);
		return;
	}
	/* Prefixes and offices taken from cases spread over the table. */
	prefixes = calloc(200, sizeof *prefixes);
	for (id = 1; id <= 600 && nprefix < 180; id += 37) {
		if (store_case_get_id(st, id, &c) != 0)
			continue;
		prefixes[nprefix++] = xstrndup(c.applicant_region, 6);
		prefixes[nprefix++] = xstrndup(c.applicant_region, 9);
		prefixes[nprefix++] = xstrndup(c.hall_region, 9);
		prefixes[nprefix++] = xstrdup(c.office);
		tcase_release(&c);
	}
	for (i = 0; i < nprefix; i++)
		for (k = 0; k < 4; k++) {
			struct scope s;
			const char *p = prefixes[i];

			if (strchr(p, '.') != NULL) {
				char lo[16];

				scope_of(&s, SCOPE_OFFICE, "", p);
				bad += !same_page(&s, NULL, limits[k], &rows);
				snprintf(lo, sizeof lo, "%.*s", (int)(strchr(p, '.') - p), p);
				scope_of(&s, SCOPE_CLERK, lo, p);
				bad += !same_page(&s, NULL, limits[k], &rows);
				continue;
			}
			scope_of(&s, SCOPE_REGION, p, NULL);
			bad += !same_page(&s, NULL, limits[k], &rows);
			scope_of(&s, SCOPE_CLERK, p, "500229.market");
			bad += !same_page(&s, NULL, limits[k], &rows);
			scope_of(&s, SCOPE_REGION, "50", NULL);
			bad += !same_page(&s, p, limits[k], &rows);
			scope_of(&s, SCOPE_ALL, "", NULL);
			bad += !same_page(&s, p, limits[k], &rows);
		}
	for (k = 0; k < 4; k++) {
		struct scope s;

		scope_of(&s, SCOPE_ALL, "", NULL);
		bad += !same_page(&s, NULL, limits[k], &rows);
		scope_of(&s, SCOPE_REGION, "50", NULL);
		bad += !same_page(&s, NULL, limits[k], &rows);
	}
	printf("#   %d prefixes and offices, %d rows compared\n", nprefix, rows);
	CHECK(rows > 1000);
	CHECK_INT(bad, 0);
	for (i = 0; i < nprefix; i++)
		free(prefixes[i]);
	free(prefixes);
}

/*
 * Light filters under every kind of scope read the partial indexes of open
 * cases by their light dates; the worklist merges three bounded walks.
 */
static void
light_plans_bounded(void)
{
	static const struct {
		enum scope_kind kind;
		const char *lo, *office, *region, *what, *must;
	} cases[] = {
		{ SCOPE_ALL, "", NULL, NULL, "all", "cases_light" },
		{ SCOPE_ALL, "", NULL, "500229", "all, --region district", "cases_office_district_light" },
		{ SCOPE_REGION, "50", NULL, NULL, "city supervisor", "cases_light" },
		{ SCOPE_REGION, "500229", NULL, NULL, "district supervisor",
		  "cases_hall_district_light" },
		{ SCOPE_REGION, "500229001", NULL, NULL, "township supervisor",
		  "cases_applicant_district_light" },
		{ SCOPE_CLERK, "500229001", "500229001.township", NULL, "township clerk",
		  "INDEX cases_office_" },
		{ SCOPE_OFFICE, "", "500229.market", NULL, "approver", "INDEX cases_office_" },
	};
	static const enum light lights[] = { LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN };
	char *plan = NULL, *cause = NULL;
	size_t i, k;

	if (test_on_pg()) {
		test_skip("it reads SQLite's query plans");
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (k = 0; k < 3; k++) {
			struct case_filter f;
			struct scope s;

			memset(&f, 0, sizeof f);
			f.today = "2026-11-27";
			f.limit = 8;
			f.light = lights[k];
			f.region = cases[i].region;
			scope_of(&s, cases[i].kind, cases[i].lo, cases[i].office);
			check_plan(&f, &s, cases[i].what, cases[i].must);
		}
	CHECK(store_explain_worklist(test_store(), &plan, &cause) == 0);
	if (plan != NULL) {
		if (getenv("TONGBAN_SHOW_PLANS") != NULL)
			printf("#   worklist:\n%s", plan);
		CHECK(bounded(plan));
		CHECK(strstr(plan, "cases_office_open") != NULL);
		CHECK(strstr(plan, "cases_hall_handover") != NULL);
		CHECK(strstr(plan, "case_branch_pending") != NULL);
		if (!bounded(plan) || strstr(plan, "cases_hall_handover") == NULL)
			printf("#   worklist:\n%s", plan);
	}
	free(plan);
	free(cause);
}

struct lit {
	struct sb nos;
	int n;
	enum light want;	/* LIGHT_NONE: keep all */
	int today;
};

static int
add_lit(void *arg, const struct tcase *c)
{
	struct lit *p = arg;

	if (p->want != LIGHT_NONE && tcase_light(c, p->today) != p->want)
		return 0;
	sb_adds(&p->nos, c->no);
	sb_addc(&p->nos, ' ');
	p->n++;
	return 0;
}

/* The cases a light filter finds under s on day are those whose light,
 * by tcase_light() on every case of the scope, is that light. */
static int
same_light(const struct scope *s, const char *region, enum light l, int day, int *rows)
{
	struct case_filter f;
	struct lit sql = { SB_INIT, 0, LIGHT_NONE, day }, c = { SB_INIT, 0, l, day };
	char today[11];
	int same;

	clock_format_date(day, today);
	memset(&f, 0, sizeof f);
	f.today = today;
	f.region = region;
	f.from = "0000-00-00";	/* the general query, every case */
	store_case_find(test_store(), &f, s, add_lit, &c, NULL);
	f.light = l;
	store_case_find(test_store(), &f, s, add_lit, &sql, NULL);
	same = sql.n == c.n && strcmp(sql.nos.buf, c.nos.buf) == 0;
	if (!same)
		printf("#   light %d on %s, scope %d %s (%s) region %s: %d by SQL, %d by the rule\n",
		    (int)l, today, s->kind, s->lo, s->office ? s->office : "-",
		    region ? region : "-", sql.n, c.n);
	*rows += sql.n;
	sb_release(&sql.nos);
	sb_release(&c.nos);
	return same;
}

static void
lights_same_as_rule(void)
{
	static const enum light lights[] = { LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN };
	static const int shift[] = { -20, 0, 3, 30 };
	static const char *const regions[] = { "500229", "500229001", "500103", "500103001" };
	int bad = 0, rows = 0, today = clock_today();
	size_t i, k, d;

	for (d = 0; d < 4; d++)
		for (k = 0; k < 3; k++) {
			struct scope s;
			int day = today + shift[d];

			scope_of(&s, SCOPE_ALL, "", NULL);
			bad += !same_light(&s, NULL, lights[k], day, &rows);
			scope_of(&s, SCOPE_REGION, "50", NULL);
			bad += !same_light(&s, NULL, lights[k], day, &rows);
			for (i = 0; i < 4; i++) {
				scope_of(&s, SCOPE_REGION, regions[i], NULL);
				bad += !same_light(&s, NULL, lights[k], day, &rows);
				scope_of(&s, SCOPE_ALL, "", NULL);
				bad += !same_light(&s, regions[i], lights[k], day, &rows);
				scope_of(&s, SCOPE_CLERK, regions[i], "500229.market");
				bad += !same_light(&s, NULL, lights[k], day, &rows);
			}
			scope_of(&s, SCOPE_OFFICE, "", "500229.market");
			bad += !same_light(&s, NULL, lights[k], day, &rows);
			scope_of(&s, SCOPE_OFFICE, "", "500103.market");
			bad += !same_light(&s, NULL, lights[k], day, &rows);
		}
	printf("#   %d rows compared\n", rows);
	CHECK(rows > 500);
	CHECK_INT(bad, 0);
}

struct counts {
	long n[4];
	int today;
};

static int
count_lit(void *arg, const struct tcase *c)
{
	struct counts *k = arg;

	k->n[tcase_light(c, k->today)]++;
	return 0;
}

struct desks {
	char office[12][40];
	char hall[12][16];
	int n;
};

static int
add_desk(void *arg, const struct tcase *c)
{
	struct desks *d = arg;
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->office[i], c->office) == 0)
			return 0;
	if (d->n == 12)
		return 0;
	snprintf(d->office[d->n], sizeof d->office[0], "%s", c->office);
	snprintf(d->hall[d->n], sizeof d->hall[0], "%s", c->hall_region);
	d->n++;
	return 0;
}

/* The home screen's counts are those of the worklist's rows, light by
 * light, for offices and halls that hold open cases. */
static void
worklist_lights_same(void)
{
	static const int shift[] = { -20, 0, 3, 30 };
	struct desks desks;
	struct case_filter f;
	struct scope all = { SCOPE_ALL, "", "", NULL };
	int i, d, bad = 0;
	long seen = 0;

	memset(&desks, 0, sizeof desks);
	memset(&f, 0, sizeof f);
	f.today = "2026-11-27";
	f.open_only = 1;
	store_case_find(test_store(), &f, &all, add_desk, &desks, NULL);
	for (i = 0; i < desks.n; i++)
		for (d = 0; d < 4; d++) {
			struct counts k;
			long n[4];
			char today[11];
			const char *hall = i % 2 ? desks.hall[i] : NULL;

			memset(&k, 0, sizeof k);
			k.today = clock_today() + shift[d];
			clock_format_date(k.today, today);
			store_worklist(test_store(), desks.office[i], hall, today, NULL, 1000000, count_lit,
			    &k);
			CHECK(store_worklist_lights(test_store(), desks.office[i], hall, today, 1, n) == 0);
			if (n[1] != k.n[1] || n[2] != k.n[2] || n[3] != k.n[3]) {
				printf("#   %s on %s: counted %ld/%ld/%ld, listed %ld/%ld/%ld\n",
				    desks.office[i], today, n[1], n[2], n[3], k.n[1], k.n[2], k.n[3]);
				bad++;
			}
			seen += n[1] + n[2] + n[3];
		}
	printf("#   %d desks, %ld worklist rows counted\n", desks.n, seen);
	CHECK(seen > 50);
	CHECK_INT(bad, 0);
}

/* A list read whole, and read in pages of 7 by keyset, row by row. */
struct keyed {
	struct sb nos;
	int n, got;
	char submitted[11], due[11], warn[11];
	long long id;
};

static int
add_keyed(void *arg, const struct tcase *c)
{
	struct keyed *k = arg;

	sb_adds(&k->nos, c->no);
	sb_addc(&k->nos, ' ');
	k->n++;
	k->got++;
	snprintf(k->submitted, sizeof k->submitted, "%s", c->submitted);
	snprintf(k->due, sizeof k->due, "%s", c->due);
	snprintf(k->warn, sizeof k->warn, "%s", c->warn);
	k->id = c->id;
	return 0;
}

/* 1 when paging f (or the worklist of office, when office is set) by
 * keyset gives the rows of one whole read, in the same order. */
static int
same_by_pages(struct case_filter *f, const struct scope *s, const char *office,
    const char *hall, int *rows)
{
	struct keyed whole = { SB_INIT, 0, 0, "", "", "", 0 };
	struct keyed paged = { SB_INIT, 0, 0, "", "", "", 0 };
	struct tcase after;
	int same, pages = 0;

	memset(&after, 0, sizeof after);
	f->limit = 0;
	f->after = NULL;
	if (office)
		store_worklist(test_store(), office, hall, f->today, NULL, 100000, add_keyed, &whole);
	else
		store_case_find(test_store(), f, s, add_keyed, &whole, NULL);
	do {
		paged.got = 0;
		f->limit = 7;
		f->after = pages ? &after : NULL;
		if (office)
			store_worklist(test_store(), office, hall, f->today, f->after, 7, add_keyed, &paged);
		else
			store_case_find(test_store(), f, s, add_keyed, &paged, NULL);
		after.submitted = paged.submitted;
		after.due = paged.due;
		after.warn = paged.warn;
		after.id = paged.id;
		pages++;
	} while (paged.got == 7 && pages < 1000);
	same = whole.n == paged.n && (whole.n == 0 || strcmp(whole.nos.buf, paged.nos.buf) == 0);
	if (!same)
		printf("#   scope %d %s %s, by_due %d, light %d: %d whole, %d by pages\n", s->kind, s->lo,
		    office ? office : (s->office ? s->office : "-"), f->by_due, f->light, whole.n,
		    paged.n);
	*rows += whole.n;
	sb_release(&whole.nos);
	sb_release(&paged.nos);
	f->after = NULL;
	return same;
}

static void
keyset_pages(void)
{
	static const struct {
		enum scope_kind kind;
		const char *lo, *office;
	} scopes[] = {
		{ SCOPE_ALL, "", NULL }, { SCOPE_REGION, "50", NULL }, { SCOPE_REGION, "500229", NULL },
		{ SCOPE_REGION, "500103001", NULL }, { SCOPE_CLERK, "500229001", "500229001.township" },
		{ SCOPE_OFFICE, "", "500229.market" }, { SCOPE_OFFICE, "", "500000.development" },
	};
	struct desks desks;
	struct case_filter f;
	struct scope all = { SCOPE_ALL, "", "", NULL };
	size_t i;
	int bad = 0, rows = 0, k;

	for (i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
		for (k = 0; k < 4; k++) {
			struct scope s;

			memset(&f, 0, sizeof f);
			f.today = "2026-11-27";
			f.by_due = k == 1 || k == 3;
			f.light = k >= 2 ? LIGHT_GREEN : LIGHT_NONE;
			scope_of(&s, scopes[i].kind, scopes[i].lo, scopes[i].office);
			bad += !same_by_pages(&f, &s, NULL, NULL, &rows);
		}
	memset(&desks, 0, sizeof desks);
	memset(&f, 0, sizeof f);
	f.today = "2026-11-27";
	f.open_only = 1;
	store_case_find(test_store(), &f, &all, add_desk, &desks, NULL);
	for (k = 0; k < desks.n; k++) {
		memset(&f, 0, sizeof f);
		f.today = "2026-11-27";
		bad += !same_by_pages(&f, &all, desks.office[k], k % 2 ? desks.hall[k] : NULL, &rows);
	}
	printf("#   %d rows compared\n", rows);
	CHECK(rows > 1000);
	CHECK_INT(bad, 0);
}

const struct test tests_plans[] = {
	{ "newest-first pages walk an index under every scope", plans_bounded },
	{ "newest-first pages equal the general query's", pages_same_as_general },
	{ "light filters and the worklist walk bounded indexes", light_plans_bounded },
	{ "light filters find exactly the cases of that light", lights_same_as_rule },
	{ "the home screen's light counts are the worklist's", worklist_lights_same },
	{ "lists read by keyset pages hold the rows of one whole read", keyset_pages },
	{ NULL, NULL }
};
