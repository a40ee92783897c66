/*
 * Supervision figures:
 *  - the summary tables kept in each case transaction (stats.c) against a
 *    full recomputation from the cases (store_stat_check) after 1,000
 *    random actions across Mid-Autumn and National Day 2026, and the
 *    dashboard's totals against the light of every case;
 *  - the report figures, the five indicators (五度), the score and the band
 *    of two offices on a small dataset worked out by hand;
 *  - report periods on hard dates;
 *  - the working-day median and p90 of the bottlenecks across National Day.
 *
 * Each test opens a store of its own (schema + data/), so that the cases
 * of the other suites do not change its figures, and theirs stay as they
 * were.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "clock.h"
#include "cmd.h"
#include "ids.h"
#include "lifecycle.h"
#include "load.h"
#include "report.h"
#include "schema.h"
#include "stats.h"
#include "store.h"
#include "tcase.h"
#include "test.h"

/* Helpers ------------------------------------------------------------------- */

static int
D(const char *s)
{
	int d = 0;

	if (clock_parse_date(s, &d) != 0)
		printf("#   bad date in test: %s\n", s);
	return d;
}

/* A store of its own with the reference data, and its calendar; at path
 * (a file another connection can read) or in memory. */
static struct store *
fresh_at(const char *path, struct calendar *cal)
{
	char *cause = NULL;
	struct store *st = store_open(path, schema_sql, &cause);

	if (st == NULL || load_all(st, "data", &cause) != 0) {
		printf("#   cannot make a store: %s\n", cause ? cause : "?");
		free(cause);
		if (st)
			store_close(st);
		return NULL;
	}
	clock_calendar_init(cal);
	if (store_calendar_load(st, cal, &cause) != 0) {
		printf("#   cannot load the calendar: %s\n", cause ? cause : "?");
		free(cause);
		store_close(st);
		clock_calendar_release(cal);
		return NULL;
	}
	return st;
}

static struct store *
fresh(struct calendar *cal)
{
	return fresh_at(test_db(), cal);
}

static void
done_with(struct store *st, struct calendar *cal)
{
	store_close(st);
	clock_calendar_release(cal);
}

#define CHECK_NEAR(got, want) do {						\
	double g_ = (got), w_ = (want);						\
	if (fabs(g_ - w_) > 1e-9)						\
		printf("#   %s:%d: %s is %.12g, expected %.12g\n", __FILE__,	\
		    __LINE__, #got, g_, w_);					\
	CHECK(fabs(g_ - w_) <= 1e-9);						\
} while (0)

/*
 * A person acting for an office (or a hall): the user record points into
 * the struct, so it is filled in place and never copied.
 */
struct person {
	char login[64];
	char region[16];
	char level[12];
	char office[48];
	struct user u;
};

static void
person_of(struct person *p, const char *office, enum role role)
{
	size_t n = strcspn(office, ".");

	memset(p, 0, sizeof *p);
	snprintf(p->office, sizeof p->office, "%s", office);
	snprintf(p->region, sizeof p->region, "%.*s", (int)n, office);
	snprintf(p->level, sizeof p->level, "%s", n == 9 ? "township" :
	    strcmp(p->region, "500000") == 0 ? "city" : "district");
	snprintf(p->login, sizeof p->login, "%s@%s", role == ROLE_CLERK ? "clerk" :
	    role == ROLE_APPROVER ? "appr" : "other", office);
	p->u.login = p->login;
	p->u.name = p->login;
	p->u.role = role;
	p->u.region = p->region;
	p->u.region_level = p->level;
	p->u.office = role == ROLE_CLERK || role == ROLE_APPROVER ? p->office : NULL;
	p->u.lang = (char *)"en";
}

/* The clerk of the hall at region (a district's hall or a township's centre). */
static void
hall_clerk(struct person *p, const char *region)
{
	char office[48];

	snprintf(office, sizeof office, "%s.%s", region, strlen(region) == 9 ? "township" : "hall");
	person_of(p, office, ROLE_CLERK);
}

/* A deterministic PRNG (xorshift64*), so that a failure can be replayed. */
static unsigned long long rng = 0x746f6e6762616eULL;	/* "tongban" */

static unsigned
rnd(unsigned n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (unsigned)((rng * 2685821657736338717ULL) >> 33) % n : 0;
}

/* The lights of every open case whose office lies in an area, by hand. */
struct tally {
	const char *prefix;	/* area prefix, as the dashboard's scope */
	const char *group;	/* when set: only cases whose area, cut to depth, is group */
	int depth;
	int day;
	long open, green, yellow, red;
	long by_status[10];
};

static int
tally_case(void *arg, const struct tcase *c)
{
	struct tally *t = arg;
	enum light l;
	int i;

	if (!c->open || strncmp(c->office_region, t->prefix, strlen(t->prefix)) != 0)
		return 0;
	if (t->group != NULL) {
		char key[16];

		snprintf(key, sizeof key, "%.*s", t->depth, c->office_region);
		if (strcmp(key, t->group) != 0)
			return 0;
	}
	t->open++;
	l = tcase_light(c, t->day);
	t->red += l == LIGHT_RED;
	t->yellow += l == LIGHT_YELLOW;
	t->green += l == LIGHT_GREEN;
	for (i = 0; tcase_statuses[i] != NULL && i < 10; i++)
		if (strcmp(tcase_statuses[i], c->status) == 0)
			t->by_status[i]++;
	return 0;
}

/* The dashboard's totals, statuses and grid against the cases themselves;
 * the number of figures that differ. */
static int
dashboard_agrees(struct store *st, const struct calendar *cal, const char *prefix, int day)
{
	struct dash *d = calloc(1, sizeof *d);
	struct tally t;
	char ds[11];
	int bad = 0, i;
	long grid_open = 0;

	clock_format_date(day, ds);
	memset(&t, 0, sizeof t);
	t.prefix = prefix;
	t.day = day;
	store_case_each_all(st, tally_case, &t);
	stats_dashboard(st, cal, prefix, day, d);
	if (d->open != t.open || d->red != t.red || d->yellow != t.yellow || d->green != t.green) {
		printf("#   dashboard %s on %s: open %ld red %ld yellow %ld green %ld; the cases say "
		    "open %ld red %ld yellow %ld green %ld\n", prefix, ds, d->open, d->red, d->yellow,
		    d->green, t.open, t.red, t.yellow, t.green);
		bad++;
	}
	for (i = 0; i < 10; i++)
		if (d->by_status[i] != t.by_status[i]) {
			printf("#   dashboard %s on %s: %ld %s, the cases say %ld\n", prefix, ds,
			    d->by_status[i], tcase_statuses[i], t.by_status[i]);
			bad++;
		}
	for (i = 0; i < d->nareas; i++) {
		struct tally a;

		memset(&a, 0, sizeof a);
		a.prefix = prefix;
		a.group = d->areas[i].code;
		a.depth = strlen(prefix) <= 2 ? 6 : 9;
		a.day = day;
		store_case_each_all(st, tally_case, &a);
		grid_open += d->areas[i].open;
		if (d->areas[i].open != a.open || d->areas[i].red != a.red ||
		    d->areas[i].yellow != a.yellow) {
			printf("#   dashboard %s on %s, area %s: open %ld red %ld yellow %ld; the cases "
			    "say %ld, %ld, %ld\n", prefix, ds, d->areas[i].code, d->areas[i].open,
			    d->areas[i].red, d->areas[i].yellow, a.open, a.red, a.yellow);
			bad++;
		}
	}
	if (grid_open != t.open) {
		printf("#   dashboard %s on %s: the grid holds %ld open cases of %ld\n", prefix, ds,
		    grid_open, t.open);
		bad++;
	}
	free(d);
	return bad;
}

/* a) 1,000 random actions ------------------------------------------------------ */

/*
 * Items chosen to meet every path: one-step and four-step licences, parallel
 * reviews at district and township level (a township branch of the planning
 * department goes to the district's), a township item and a city-only item.
 */
static const char *const random_items[] = {
	"000101001000",	/* 食品经营许可: market, 4 steps */
	"000101003000",	/* 企业设立登记: market, 1 step, 1 day */
	"000112004000",	/* 旅馆业特种行业许可: public security + fire + health */
	"000103004000",	/* 商品房预售许可: housing + planning */
	"000109001000",	/* 民办学校设立审批: education, step 3 with fire and health */
	"000190001000",	/* 乡村建设规划许可: township + planning */
	"002090006000",	/* 生育登记: township, 1 day */
	"000101006000",	/* 工业产品生产许可证: city level only */
	NULL
};

/* Where applicants live: a village of 葛城街道 (城口县), one of 七星岗街道 (渝中区). */
static const char *const homes[] = { "500229001003", "500103001003" };

struct mats {
	int n;		/* materials of the item */
	int last_required;
	int secondary;	/* one that may be pledged (容缺受理), or 0 */
};

static int
count_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	struct mats *m = arg;

	(void)name;
	if (seq > m->n)
		m->n = seq;
	if (required)
		m->last_required = seq;
	if (secondary)
		m->secondary = seq;
	return 0;
}

static void
all_materials(int n, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 1; i <= n && len + 4 < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%d", i > 1 ? "," : "", i);
}

/* A valid resident ID (GB 11643) for applicant k, born in region. */
static void
person_id(int k, char out[19])
{
	char first[18];

	snprintf(first, sizeof first, "50022919800101%03d", k % 1000);
	snprintf(out, 19, "%s%c", first, ids_person_check(first));
}

struct run {
	struct store *st;
	const struct calendar *cal;
	int today;
	char nos[128][32];
	int ncases;
	int intakes_refused;
};

static void
take_in(struct run *r)
{
	static struct person clerks[3];
	static int made;
	struct intake in;
	struct actor who;
	struct item it;
	struct mats m;
	char id[19], mats[64], no[32], *cause = NULL;
	const char *item;
	int k, rc;

	if (!made) {
		person_of(&clerks[0], "500229001.township", ROLE_CLERK);	/* township window */
		person_of(&clerks[1], "500229.hall", ROLE_CLERK);		/* district halls */
		person_of(&clerks[2], "500103.hall", ROLE_CLERK);
		made = 1;
	}
	if (r->ncases >= 128)
		return;
	for (k = 0; random_items[k] != NULL; k++)
		;
	item = random_items[rnd((unsigned)k)];
	memset(&m, 0, sizeof m);
	store_material_each(r->st, item, count_mat, &m);
	/* Mostly complete; now and then the last required material is missing. */
	all_materials(rnd(5) == 0 ? m.last_required - 1 : m.n, mats, sizeof mats);
	person_id((int)rnd(7), id);
	memset(&in, 0, sizeof in);
	in.item = item;
	in.applicant_id = id;
	in.name = "张三";
	/* An item for organisations takes a credit code (GB 32100), not a person. */
	if (store_item_get(r->st, item, &it) == 0) {
		if (strcmp(it.applicant_kind, "organisation") == 0) {
			snprintf(id, 18, "91500229MA%07d", (int)rnd(7));
			id[17] = ids_org_check(id);
			id[18] = '\0';
			in.name = "城口县某有限公司";
		}
		item_release(&it);
	}
	in.phone = "13800000000";
	in.region = homes[rnd(2)];
	in.channel = "window";
	if (store_item_get(r->st, item, &it) == 0) {
		if (rnd(3) == 0 && strstr(it.channels, "online"))
			in.channel = "online";
		item_release(&it);
	}
	in.materials = mats;
	who.user = &clerks[rnd(3)].u;
	who.addr = "10.0.0.9";
	who.today = r->today;
	rc = test_intake(r->st, r->cal, &who, &in, no, &cause);
	free(cause);
	if (rc == 0)
		memcpy(r->nos[r->ncases++], no, 32);
	else
		r->intakes_refused++;
}

static const char *const notes[] = {
	"申请人书面申请", "材料不全", "现场核查合格", "专家评审意见", "Applicant asked by letter"
};

/* One random action on one random case by a more or less plausible person. */
static int
random_act(struct run *r, char what[96])
{
	static const char *const verdicts[] = { "agree", "disagree", NULL, "maybe" };
	struct person p;
	struct tcase c;
	struct act_args a;
	struct actor who;
	const struct act_def *def;
	const struct act_def *legal[20];
	char mats[64], pledge[11], *cause = NULL;
	const char *no = r->nos[rnd((unsigned)r->ncases)];
	int nacts, nlegal = 0, k, rc;

	if (store_case_get(r->st, no, &c) != 0)
		return -1;
	for (nacts = 0; lifecycle_acts[nacts].name != NULL; nacts++)
		if (lifecycle_from_ok(&lifecycle_acts[nacts], c.status) && nlegal < 20 &&
		    /* what needs a pledge or a dissent, mostly where there may be one */
		    (strcmp(lifecycle_acts[nacts].name, "receive") || *c.pledge_materials) &&
		    (strcmp(lifecycle_acts[nacts].name, "override") || *c.branch_offices))
			legal[nlegal++] = &lifecycle_acts[nacts];
	/* Mostly something the status allows (refusals and withdrawals seldom,
	 * so that cases live long enough to go places), else anything at all. */
	def = &lifecycle_acts[rnd((unsigned)nacts)];
	if (nlegal > 0 && rnd(10) < 7)
		for (k = 0; k < 4; k++) {
			def = legal[rnd((unsigned)nlegal)];
			if (strcmp(def->name, "refuse") && strcmp(def->name, "withdraw"))
				break;
		}

	/* Who: mostly someone holding the right to it, sometimes anyone near. */
	k = (int)rnd(4) == 0 ? (int)rnd(5) : def->who == WHO_ACCEPTOR ? (int)rnd(2) :
	    def->who == WHO_DECIDER ? 0 : def->who == WHO_BRANCH ? 3 : rnd(2) ? 0 : 2;
	if (k == 0)
		person_of(&p, c.office, ROLE_APPROVER);
	else if (k == 1)
		person_of(&p, c.office, ROLE_CLERK);
	else if (k == 2)
		hall_clerk(&p, c.hall_region);
	else if (k == 3 && c.branch_offices && *c.branch_offices) {
		/* ",a,b,c,": one of the branch offices */
		char list[256], *tok, *save = NULL;
		int n = 0, pick;

		snprintf(list, sizeof list, "%s", c.branch_offices);
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			n++;
		pick = (int)rnd((unsigned)n);
		snprintf(list, sizeof list, "%s", c.branch_offices);
		save = NULL;
		for (tok = strtok_r(list, ",", &save); tok && pick > 0; tok = strtok_r(NULL, ",", &save))
			pick--;
		person_of(&p, tok ? tok : c.office, ROLE_APPROVER);
	} else if (k == 4) {
		static const char *const others[] = { "500103.market", "500229.civil", "500000.hall" };

		person_of(&p, others[rnd(3)], rnd(2) ? ROLE_APPROVER : ROLE_CLERK);
		if (rnd(4) == 0)
			p.u.role = ROLE_SUPERVISOR;
	} else
		person_of(&p, c.office, ROLE_APPROVER);

	memset(&a, 0, sizeof a);
	a.action = def->name;
	a.note = rnd(10) < 8 ? notes[rnd(5)] : NULL;
	a.expect_version = rnd(10) == 0 ? c.version - (int)rnd(2) : -1;
	a.fee_cents = -1;
	if (strcmp(def->name, "accept") == 0) {
		struct mats m;

		memset(&m, 0, sizeof m);
		store_material_each(r->st, c.item, count_mat, &m);
		k = (int)rnd(10);
		if (k < 6) {
			all_materials(m.n, mats, sizeof mats);
			a.materials = mats;
		} else if (k < 8 && m.last_required > 0) {
			/* 容缺受理 on the applicant's pledge, within a few days: mostly
			 * of a secondary material, now and then of one that may not be. */
			snprintf(mats, sizeof mats, "%d", m.secondary && rnd(4) ? m.secondary :
			    m.last_required);
			a.pledge_materials = mats;
			clock_format_date(r->today + (int)rnd(12), pledge);
			a.pledge_date = pledge;
		}
	} else if (strcmp(def->name, "receive") == 0 && rnd(4)) {
		snprintf(mats, sizeof mats, "%s", c.pledge_materials);
		a.materials = mats;
	} else if (strcmp(def->name, "resupply") == 0 && rnd(4)) {
		/* Mostly what was asked for: every material of the item. */
		struct mats m;

		memset(&m, 0, sizeof m);
		store_material_each(r->st, c.item, count_mat, &m);
		all_materials(m.n, mats, sizeof mats);
		a.materials = mats;
	} else if (strcmp(def->name, "supplement") == 0 || strcmp(def->name, "resupply") == 0) {
		if (rnd(2)) {
			struct mats m;

			memset(&m, 0, sizeof m);
			store_material_each(r->st, c.item, count_mat, &m);
			snprintf(mats, sizeof mats, "%d", 1 + (int)rnd((unsigned)(m.n ? m.n : 1)));
			a.materials = mats;
		}
	} else if (strcmp(def->name, "suspend") == 0) {
		k = (int)rnd(9);
		a.reason = lifecycle_suspend_reasons[k] ? lifecycle_suspend_reasons[k] : "holiday";
		a.days = (int)rnd(40);
	} else if (strcmp(def->name, "opinion") == 0) {
		a.verdict = verdicts[rnd(4)];
	} else if (strcmp(def->name, "complete") == 0 && rnd(4) == 0) {
		a.fee_cents = (long)rnd(100000);	/* now and then above the catalog fee */
	}
	/* An extension is the head's (负责人), mostly asked of them. */
	if (strcmp(def->name, "extend") == 0 && p.u.role == ROLE_APPROVER && rnd(4))
		p.u.head = 1;
	who.user = &p.u;
	who.addr = "10.0.0.7";
	who.today = r->today;
	snprintf(what, 96, "%s on %s (%s) by %s", def->name, no, c.status, p.login);
	rc = test_act(r->st, r->cal, &who, no, &a, &cause);
	/* TONGBAN_TEST_VERBOSE=1 replays the run action by action. */
	if (getenv("TONGBAN_TEST_VERBOSE"))
		printf("#     %d %s%s%s\n", rc, what, cause ? ": " : "", cause ? cause : "");
	free(cause);
	tcase_release(&c);
	return rc;
}

struct seen {
	long statuses[10];
	long paused, decided, deemed, branches;
};

static int
see_case(void *arg, const struct tcase *c)
{
	struct seen *s = arg;
	int i;

	for (i = 0; tcase_statuses[i] != NULL && i < 10; i++)
		if (strcmp(tcase_statuses[i], c->status) == 0)
			s->statuses[i]++;
	s->paused += c->paused_days > 0;
	s->decided += c->decided && *c->decided;
	s->deemed += c->deemed;
	s->branches += c->branch_offices && *c->branch_offices;
	return 0;
}

static void
summaries_after_random_actions(void)
{
	struct calendar cal;
	struct run r;
	struct seen seen;
	long ok_by_act[20], n, mismatch_rows = 0;
	char what[96], first_bad[160] = "", *cause = NULL;
	int i, k, rc, acted = 0, refused = 0, bad_dash = 0;

	memset(&r, 0, sizeof r);
	memset(ok_by_act, 0, sizeof ok_by_act);
	r.st = fresh(&cal);
	if (r.st == NULL) {
		CHECK(0);
		return;
	}
	r.cal = &cal;
	rng = 0x746f6e6762616eULL;
	/* Monday 14 September 2026: ahead lie the make-up Sunday 20 September,
	 * Mid-Autumn 25–27 September, National Day 1–7 October and the make-up
	 * Saturday 10 October. */
	r.today = D("2026-09-14");
	/* The lights of running cases are kept as of a day (stats_roll, once a
	 * day, by whoever looks first): start the store on the first day. */
	CHECK_INT(stats_roll(r.st, r.today, NULL), 0);
	for (k = 0; k < 40; k++) {
		take_in(&r);
		if (k % 10 == 9)
			r.today++;
	}
	for (i = 0; i < 1000; i++) {
		/* Another application now and then, and the days go by. */
		if (i % 40 == 39)
			take_in(&r);
		if (rnd(20) == 0) {
			r.today++;
			/* Some days someone opens the dashboard (which brings the lights
			 * to the day), some days only the daily roll runs, some days
			 * nobody looks and the lights stay as of an earlier day. */
			k = (int)rnd(3);
			if (k == 0)
				bad_dash += dashboard_agrees(r.st, &cal, "50", r.today);
			else if (k == 1)
				CHECK_INT(stats_roll(r.st, r.today, NULL), 0);
		}
		rc = random_act(&r, what);
		if (rc != 0) {
			refused++;
			continue;
		}
		acted++;
		for (k = 0; lifecycle_acts[k].name != NULL && k < 20; k++)
			if (strncmp(what, lifecycle_acts[k].name, strlen(lifecycle_acts[k].name)) == 0 &&
			    what[strlen(lifecycle_acts[k].name)] == ' ')
				ok_by_act[k]++;
		/* After every change: the summaries are what a rebuild makes. */
		n = store_stat_check(r.st, &cause);
		free(cause);
		cause = NULL;
		if (n != 0 && first_bad[0] == '\0') {
			char day[11];

			clock_format_date(r.today, day);
			snprintf(first_bad, sizeof first_bad, "action %d on %s: %s", i, day, what);
			mismatch_rows = n;
		}
	}
	if (first_bad[0]) {
		printf("#   summaries first differed (%ld rows) after %s\n", mismatch_rows, first_bad);
		CHECK(first_bad[0] == '\0');
	}
	CHECK_INT(store_stat_check(r.st, &cause), 0);
	free(cause);
	cause = NULL;

	/* The run went places: cases taken in, many actions done, many refused,
	 * every kind of state reached. */
	CHECK(r.ncases >= 60);
	CHECK(acted >= 250);
	CHECK(refused >= 250);
	for (k = 0; lifecycle_acts[k].name != NULL && k < 20; k++)
		if (ok_by_act[k] == 0)
			printf("#   (the random run never did '%s')\n", lifecycle_acts[k].name);
	memset(&seen, 0, sizeof seen);
	store_case_each_all(r.st, see_case, &seen);
	if (getenv("TONGBAN_TEST_VERBOSE")) {
		char day[11];

		clock_format_date(r.today, day);
		printf("#     %d cases (%d intakes refused), %d actions done, %d refused, until %s;",
		    r.ncases, r.intakes_refused, acted, refused, day);
		for (k = 0; k < 10; k++)
			printf(" %s %ld", tcase_statuses[k], seen.statuses[k]);
		printf("; paused %ld, decided %ld, deemed %ld, with branches %ld\n", seen.paused,
		    seen.decided, seen.deemed, seen.branches);
		for (k = 0; lifecycle_acts[k].name != NULL && k < 20; k++)
			printf("#     %-10s %ld done\n", lifecycle_acts[k].name, ok_by_act[k]);
	}
	CHECK(seen.statuses[8] > 0);	/* completed */
	CHECK(seen.statuses[4] + seen.statuses[5] > 0);	/* under review or suspended */
	CHECK(seen.paused > 0);
	CHECK(seen.decided > 0);
	CHECK(seen.branches > 0);
	CHECK(r.today > D("2026-10-10"));

	/* The dashboard reads the summaries; its totals are the lights of the
	 * cases, today and on later days as the clocks run on. */
	for (k = 0; k < 4; k++) {
		int day = r.today + (k == 0 ? 0 : k == 1 ? 1 : k == 2 ? 5 : 30);

		bad_dash += dashboard_agrees(r.st, &cal, "50", day);
		bad_dash += dashboard_agrees(r.st, &cal, "500229", day);
		bad_dash += dashboard_agrees(r.st, &cal, "500103", day);
	}
	CHECK_INT(bad_dash, 0);

	/* A rebuild changes nothing, and the dashboard reads the same after it. */
	{
		char day[11];

		clock_format_date(r.today, day);
		CHECK_INT(store_stat_rebuild(r.st, day, &cause), 0);
	}
	free(cause);
	cause = NULL;
	CHECK_INT(store_stat_check(r.st, &cause), 0);
	free(cause);
	CHECK_INT(dashboard_agrees(r.st, &cal, "50", r.today), 0);
	done_with(r.st, &cal);
}

/* b) Reports on a dataset made by hand ------------------------------------------- */

#define APPLICANT "11010519491231002X"

struct spec {
	const char *no, *item, *office, *status;
	const char *submitted, *accepted, *decided, *finished;
	const char *warn, *due;
	int on_time;	/* -1 open */
	int step;
	const char *channel;	/* NULL: window */
};

/* Insert a case (with its contribution to the summaries); its id, or 0. */
static long long
put(struct store *st, const struct spec *s)
{
	int changed = 0;
	struct tcase c;
	char region[16];
	char *cause = NULL;

	snprintf(region, sizeof region, "%.*s", (int)strcspn(s->office, "."), s->office);
	memset(&c, 0, sizeof c);
	c.no = (char *)s->no;
	c.item = (char *)s->item;
	c.applicant = (char *)APPLICANT;
	c.applicant_name = (char *)"张三";
	c.applicant_region = (char *)"500229001003";
	c.channel = (char *)(s->channel ? s->channel : "window");
	c.hall_region = (char *)"500229001";
	c.office = (char *)s->office;
	c.office_region = region;
	c.status = (char *)s->status;
	c.open = tcase_status_open(s->status);
	c.step = s->step ? s->step : 1;
	c.submitted = (char *)s->submitted;
	c.accepted = (char *)(s->accepted ? s->accepted : "");
	c.decided = (char *)(s->decided ? s->decided : "");
	c.finished = (char *)(s->finished ? s->finished : "");
	c.limit_days = 5;
	c.warn = (char *)s->warn;
	c.due = (char *)s->due;
	c.on_time = s->on_time;
	c.materials = (char *)"";
	c.step_started = (char *)(s->accepted ? s->accepted : s->submitted);
	c.version = 1;
	if (store_begin(st, &cause) != 0 ||
	    store_applicant_put(st, APPLICANT, "person", "张三", "13800000000", "500229001003",
	    "2026-01-01 00:00:00", "test", &changed, &cause) != 0 || store_case_insert(st, &c, &cause) != 0 ||
	    stats_case_change(st, NULL, &c, &cause) != 0 || store_commit(st, &cause) != 0) {
		printf("#   cannot put case %s: %s\n", s->no, cause ? cause : "?");
		free(cause);
		store_rollback(st);
		return 0;
	}
	return c.id;
}

static void
event_on(struct store *st, long long case_id, const char *at, const char *action,
    const char *from, const char *to)
{
	struct event e;
	char *cause = NULL;

	memset(&e, 0, sizeof e);
	e.case_id = case_id;
	e.at = (char *)at;
	e.actor = (char *)"mkt_appr";
	e.addr = (char *)"10.0.0.1";
	e.action = (char *)action;
	e.from_status = (char *)from;
	e.to_status = (char *)to;
	e.note = (char *)"";
	if (store_begin(st, &cause) != 0 || audit_record(st, &e, &cause) != 0 ||
	    store_commit(st, &cause) != 0) {
		printf("#   cannot record event: %s\n", cause ? cause : "?");
		store_rollback(st);
		CHECK(0);
	}
	free(cause);
}

static const struct office_score *
office_in(const struct office_score *v, int n, const char *office)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].office, office) == 0)
			return &v[i];
	printf("#   office %s is not in the report\n", office);
	return NULL;
}

#define MKT "500229.market"
#define PSB "500229.public_security"

/*
 * October 2026 for 城口县市场监督管理局 (MKT) and 城口县公安局 (PSB), as of
 * Thursday 5 November:
 *
 *  no    item          submitted  status        finished   on time  rating
 *  M1    000101001000  10-09      completed     10-13      yes      5
 *  M2    000101001000  10-12      completed     10-20      yes      2  (+ a missing-material complaint 10-21)
 *  M3    000101003000  10-14      completed     10-21      no       1  (+ a supplement notice 10-15
 *                                                                      for a listed material)
 *  M4    000101003000  10-15      completed     10-16      yes      -  (online)
 *  M5    000101004000  10-20      under_review  -          due 10-23: red now (+ a supplement
 *                                                          notice 11-02 for an unlisted material)
 *  M6    000101005000  09-25      completed     10-10      yes      -
 *  M7    000101002000  10-29      accepted      -          due 11-09 (+ a complaint not about
 *                                                          materials, and a supplement notice
 *                                                          10-30 for an unlisted material)
 *  M8    000101001000  11-03      submitted     -          after the period
 *  M9    000101008000  10-22      withdrawn     10-23
 *  P1    000112004000  10-12      completed     10-26      yes      5
 *  P2    000112006000  10-30      submitted     -          due 11-06
 * Every case came in at the window but M4 (online).
 * Supervision orders on MKT: one open, one responded, one closed.
 */
static void
build_october(struct store *st, long long id[11])
{
	static const struct spec cases[] = {
		{ "500229-20261009-000001", "000101001000", MKT, "completed", "2026-10-09",
		  "2026-10-09", "2026-10-12", "2026-10-13", "2026-10-15", "2026-10-16", 1, 4,
		  NULL },
		{ "500229-20261012-000001", "000101001000", MKT, "completed", "2026-10-12",
		  "2026-10-12", "2026-10-19", "2026-10-20", "2026-10-16", "2026-10-19", 1, 4, NULL },
		{ "500229-20261014-000001", "000101003000", MKT, "completed", "2026-10-14",
		  "2026-10-14", "2026-10-20", "2026-10-21", "2026-10-15", "2026-10-15", 0, 1, NULL },
		{ "500229-20261015-000001", "000101003000", MKT, "completed", "2026-10-15",
		  "2026-10-15", "2026-10-16", "2026-10-16", "2026-10-16", "2026-10-16", 1, 1, "online" },
		{ "500229-20261020-000001", "000101004000", MKT, "under_review", "2026-10-20",
		  "2026-10-22", NULL, NULL, "2026-10-23", "2026-10-23", -1, 1, NULL },
		{ "500229-20260925-000001", "000101005000", MKT, "completed", "2026-09-25",
		  "2026-09-28", "2026-10-09", "2026-10-10", "2026-10-09", "2026-10-12", 1, 4, NULL },
		{ "500229-20261029-000001", "000101002000", MKT, "accepted", "2026-10-29",
		  "2026-10-29", NULL, NULL, "2026-11-06", "2026-11-09", -1, 1, NULL },
		{ "500229-20261103-000001", "000101001000", MKT, "submitted", "2026-11-03",
		  NULL, NULL, NULL, "2026-11-09", "2026-11-10", -1, 1, NULL },
		{ "500229-20261022-000001", "000101008000", MKT, "withdrawn", "2026-10-22",
		  "2026-10-22", NULL, "2026-10-23", "2026-11-04", "2026-11-05", -1, 1, NULL },
		{ "500229-20261012-000002", "000112004000", PSB, "completed", "2026-10-12",
		  "2026-10-12", "2026-10-23", "2026-10-26", "2026-10-23", "2026-10-26", 1, 4, NULL },
		{ "500229-20261030-000001", "000112006000", PSB, "submitted", "2026-10-30",
		  NULL, NULL, NULL, "2026-11-05", "2026-11-06", -1, 1, NULL },
	};
	long long x;
	char *cause = NULL;
	int i, ok = 1;

	for (i = 0; i < 11; i++) {
		id[i] = put(st, &cases[i]);
		CHECK(id[i] > 0);
	}
	/* Ratings: M1 5, M2 2, M3 1, P1 5 (M4 and M6 unrated: 4/5). */
	ok &= store_rating_insert(st, id[0], MKT, "500229", 5, "", "2026-10-13", NULL, &x, &cause) == 0;
	ok &= store_rating_insert(st, id[1], MKT, "500229", 2, "慢", "2026-10-20", "2026-11-10", &x,
	    &cause) == 0;
	ok &= store_rating_insert(st, id[2], MKT, "500229", 1, "差", "2026-10-21", "2026-11-11", &x,
	    &cause) == 0;
	ok &= store_rating_insert(st, id[9], PSB, "500229", 5, "", "2026-10-26", NULL, &x, &cause) == 0;
	/* A supplement notice on M3 in the period for a material the guide
	 * lists (it says nothing of the guide); one on M7 in the period and one
	 * on M5 after it, each for a material the guide does not list (the
	 * anomaly lifecycle.c records with --reason unlisted). */
	event_on(st, id[2], "2026-10-15 10:00:00", "supplement", "accepted", "supplement");
	event_on(st, id[6], "2026-10-30 10:00:00", "supplement", "accepted", "supplement");
	event_on(st, id[4], "2026-11-02 10:00:00", "supplement", "under_review", "supplement");
	ok &= store_anomaly_add(st, id[6], "unlisted_material", "2026-10-30", "房屋产权证明",
	    &cause) == 0;
	ok &= store_anomaly_add(st, id[4], "unlisted_material", "2026-11-02", "场地租赁合同",
	    &cause) == 0;
	/* A complaint about a material the guide did not list (M2's item), and
	 * one about something else (M7's item). */
	ok &= store_complaint_insert(st, id[1], MKT, "500229", "指南未列明的材料被要求提交",
	    "2026-10-21", "2026-10-28", "clerk1", 1, &x, &cause) == 0;
	ok &= store_complaint_insert(st, id[6], MKT, "500229", "窗口态度不好", "2026-10-30",
	    "2026-11-06", "clerk1", 0, &x, &cause) == 0;
	/* Supervision orders: open, responded (still open business), closed. */
	ok &= store_supervision_insert(st, id[4], MKT, "500229", "超期督办", "2026-11-10",
	    "supervisor2", "2026-11-02", &x, &cause) == 0;
	ok &= store_supervision_insert(st, 0, MKT, "500229", "作风督办", "2026-11-10",
	    "supervisor2", "2026-10-20", &x, &cause) == 0;
	ok &= store_supervision_set(st, x, "responded", "已整改", "2026-10-22", NULL, &cause) == 0;
	ok &= store_supervision_insert(st, 0, MKT, "500229", "已办结督办", "2026-10-30",
	    "supervisor2", "2026-10-10", &x, &cause) == 0;
	ok &= store_supervision_set(st, x, "closed", "已整改", "2026-10-12", "2026-10-13", &cause) == 0;
	if (!ok)
		printf("#   cannot build the dataset: %s\n", cause ? cause : "?");
	CHECK(ok);
	free(cause);
}

static void
report_figures_by_hand(void)
{
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct report_period p;
	struct office_score *v = NULL;
	const struct office_score *m, *ps;
	long long id[11];
	char score[16];
	int n = 0;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	build_october(st, id);
	report_period(REPORT_MONTHLY, D("2026-10-15"), &p);
	CHECK_INT(p.from, D("2026-10-01"));
	CHECK_INT(p.to, D("2026-10-31"));
	CHECK_INT(report_offices(st, "500229", "500229:", p.from, p.to, D("2026-11-05"), &v, &n), 0);
	/* Only the two offices with business in 城口县. */
	CHECK_INT(n, 2);
	m = office_in(v, n, MKT);
	ps = office_in(v, n, PSB);
	if (m != NULL) {
		/* Received in October: M1 M2 M3 M4 M5 M7 M9 (M6 in September, M8 in
		 * November). Finished: M1 M2 M3 M4 M6 (M9 was withdrawn, not
		 * finished); on time all but M3. */
		CHECK_INT(m->received, 7);
		CHECK_INT(m->finished, 5);
		CHECK_INT(m->on_time, 4);
		CHECK_INT(m->late, 1);
		CHECK_NEAR(m->rate, 0.8);
		CHECK_INT(m->open_red, 1);		/* M5, due 10-23 */
		CHECK_INT(m->open_orders, 2);		/* open and responded */
		/*
		 * The catalog of a district market bureau, counted in data/items.csv
		 * with a small script (dept_kind == "market" and "district" in
		 * levels):
		 *   python3 -c 'import csv; r=[x for x in csv.DictReader(open(
		 *     "data/items.csv")) if x["dept_kind"]=="market" and "district"
		 *     in x["levels"]]; print(len(r), sum(all(c in x["channels"] for c
		 *     in ("window","online","self-service")) for x in r),
		 *     sum(x["online_depth"]=="4" for x in r))'
		 * prints "7 3 3": 000101001000 002000 003000 004000 005000 008000
		 * 009000; on every channel and at depth 4: 001000, 003000, 004000;
		 * the others on the window and online.
		 */
		CHECK_INT(m->items, 7);
		/* Handled (received in the period): 001000 002000 003000 004000 008000. */
		CHECK_INT(m->handled, 5);
		/* Channels used of those it could have shown (allowed by the
		 * catalog, at most one per case): 001000 the window for 2 cases
		 * (1 of 2), 002000 the window for 1 (1 of 1), 003000 window and
		 * online for 2 (2 of 2), 004000 and 008000 the window for 1 each:
		 * 6 / 7. */
		CHECK_INT(m->channels_used, 6);
		CHECK_INT(m->channels_allowed, 7);
		CHECK_NEAR(m->i1, 6.0 / 7.0);
		CHECK_NEAR(m->i2, 5.0 / 7.0);
		/* Accurate: 003000 (its notice was for a listed material), 004000
		 * (its unlisted notice came after the period), 008000; not 001000
		 * (the complaint) nor 002000 (the unlisted notice of 10-30). */
		CHECK_INT(m->accurate, 3);
		CHECK_NEAR(m->i3, 3.0 / 5.0);
		/* Wholly online (depth 4) among those handled: 001000, 003000,
		 * 004000; taken in online: 003000 (M4). */
		CHECK_INT(m->online_items, 3);
		CHECK_INT(m->online_done, 1);
		CHECK_NEAR(m->i4, 1.0 / 3.0);
		/* Ratings of the completed: M1 5, M2 2, M3 1, M4 and M6 unrated
		 * (4 each): S = 16 / 25; I5 = R × S = 0.8 × 0.64. */
		CHECK_INT(m->rating_sum, 16);
		CHECK_INT(m->bad_ratings, 2);
		CHECK_NEAR(m->sat, 0.64);
		CHECK_NEAR(m->i5, 0.512);
		/* 100 × (0.15·6/7 + 0.15·5/7 + 0.15·0.6 + 0.15·1/3 + 0.2·0.512 + 0.2·0.8)
		 * = 100 × (0.1285714 + 0.1071429 + 0.09 + 0.05 + 0.1024 + 0.16)
		 * = 63.81…: 638 tenths, 合格. */
		CHECK_INT(m->tenths, 638);
		snprintf(score, sizeof score, "%.1f", m->score);
		CHECK_STR(score, "63.8");
		CHECK_INT(m->graded, 1);
		CHECK_STR(m->band, "合格");
		/* Its deadlines as of 5 November: the open order is due 11-10, the
		 * responded and the closed ones were answered in time; the
		 * rectifications are due 11-10 and 11-11. None late. */
		CHECK_INT(m->orders_late, 0);
		CHECK_INT(m->rectify_late, 0);
	}
	if (ps != NULL) {
		/*
		 * A district public security bureau's catalog, counted the same way
		 * (dept_kind == "public_security"): 6 items (000712001000 000112002000
		 * 003000 004000 005000 006000), on the window and online, none at
		 * depth 4.
		 */
		CHECK_INT(ps->received, 2);
		CHECK_INT(ps->finished, 1);
		CHECK_INT(ps->on_time, 1);
		CHECK_INT(ps->late, 0);
		CHECK_INT(ps->open_red, 0);
		CHECK_INT(ps->open_orders, 0);
		CHECK_INT(ps->items, 6);
		CHECK_INT(ps->handled, 2);
		/* Two items at the window, one case each: all they could show. */
		CHECK_NEAR(ps->i1, 1);
		CHECK_NEAR(ps->i2, 2.0 / 6.0);
		CHECK_NEAR(ps->i3, 1);
		/* No item it handled can be done wholly online: nothing missed. */
		CHECK_INT(ps->online_items, 0);
		CHECK_NEAR(ps->i4, 1);
		CHECK_NEAR(ps->i5, 1);
		CHECK_NEAR(ps->rate, 1);
		/* 100 × (0.15 + 0.15·1/3 + 0.15 + 0.15 + 0.2 + 0.2) = 90.0: 优秀 (in
		 * binary 89.99999999999999, 900 tenths), where the catalog's design
		 * (no item on every channel, none at depth 4) made it 60.0 before. */
		CHECK(100 * (0.15 * ps->i1 + 0.15 * ps->i2 + 0.15 * ps->i3 + 0.15 * ps->i4 +
		    0.2 * ps->i5 + 0.2 * ps->rate) < 90);
		CHECK_INT(ps->tenths, 900);
		CHECK_STR(ps->band, "优秀");
	}
	free(v);

	/* September: M6 was received but nothing finished; M5 is red now all
	 * the same. The office is listed, not graded. */
	report_period(REPORT_MONTHLY, D("2026-09-30"), &p);
	v = NULL;
	CHECK_INT(report_offices(st, "500229", "500229:", p.from, p.to, D("2026-11-05"), &v, &n), 0);
	CHECK_INT(n, 1);
	m = office_in(v, n, MKT);
	if (m != NULL) {
		CHECK_INT(m->received, 1);
		CHECK_INT(m->finished, 0);
		CHECK_INT(m->open_red, 1);
		CHECK_INT(m->open_orders, 2);
		CHECK_INT(m->handled, 1);
		CHECK_INT(m->graded, 0);
		CHECK_STR(m->band, "");
	}
	free(v);

	/* Another region's range does not see them; the city's does. */
	v = NULL;
	CHECK_INT(report_offices(st, "500103", "500103:", D("2026-10-01"), D("2026-10-31"),
	    D("2026-11-05"), &v, &n), 0);
	CHECK_INT(n, 0);
	free(v);
	v = NULL;
	CHECK_INT(report_offices(st, "50", "50:", D("2026-10-01"), D("2026-10-31"),
	    D("2026-11-05"), &v, &n), 0);
	CHECK_INT(n, 2);
	free(v);
	done_with(st, &cal);
}

/*
 * Reports recomputed by an independent SQL query: a second connection,
 * not the store, reads the October dataset and computes each office's
 * figures from the tables as README states them (written apart from
 * store_report.c's queries), and report_offices() must agree on every one.
 */
static long
sql_long(sqlite3 *db, const char *sql, const char *office)
{
	sqlite3_stmt *s = NULL;
	long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		printf("#   %s: %s\n", sqlite3_errmsg(db), sql);
		return -1;
	}
	sqlite3_bind_text(s, 1, office, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
report_by_independent_sql(void)
{
	/* Period 2026-10-01..31, today 2026-11-05, office ?1. */
	static const char *const q[] = {
		/* received */
		"SELECT count(*) FROM cases WHERE office = ?1 AND submitted BETWEEN '2026-10-01' "
		"AND '2026-10-31'",
		/* completed, on time, late */
		"SELECT count(*) FROM cases WHERE office = ?1 AND status = 'completed' AND finished "
		"BETWEEN '2026-10-01' AND '2026-10-31'",
		"SELECT count(*) FROM cases WHERE office = ?1 AND status = 'completed' AND finished "
		"BETWEEN '2026-10-01' AND '2026-10-31' AND on_time = 1",
		"SELECT count(*) FROM cases WHERE office = ?1 AND status = 'completed' AND finished "
		"BETWEEN '2026-10-01' AND '2026-10-31' AND on_time = 0",
		/* red now: open, due before today and not frozen green/yellow */
		"SELECT count(*) FROM cases WHERE office = ?1 AND open = 1 AND red_from <= '2026-11-05'",
		/* Σ levels, unrated 4; bad ratings */
		"SELECT total(CASE WHEN r.level IS NULL THEN 4 ELSE r.level END) FROM cases c LEFT JOIN "
		"rating r ON r.case_id = c.id WHERE c.office = ?1 AND c.status = 'completed' AND "
		"c.finished BETWEEN '2026-10-01' AND '2026-10-31'",
		"SELECT count(*) FROM rating r JOIN cases c ON c.id = r.case_id WHERE c.office = ?1 "
		"AND r.level IN (1, 2) AND c.status = 'completed' AND c.finished BETWEEN '2026-10-01' "
		"AND '2026-10-31'",
		/* H: items handled */
		"SELECT count(DISTINCT item) FROM cases WHERE office = ?1 AND submitted BETWEEN "
		"'2026-10-01' AND '2026-10-31'",
		/* C: the routing's items for a district office, with H */
		"SELECT count(*) FROM (SELECT i.code FROM item i JOIN office o ON o.code = ?1 WHERE "
		"i.dept_kind = o.kind AND instr(i.levels, 'district') > 0 AND instr(i.levels, "
		"'township') = 0 UNION SELECT item FROM cases WHERE office = ?1 AND submitted BETWEEN "
		"'2026-10-01' AND '2026-10-31')",
		/* channels allowed and used over H */
		"SELECT sum(min(length(i.channels) - length(replace(i.channels, '|', '')) + 1, h.n)) "
		"FROM item i JOIN (SELECT item, count(*) n FROM cases WHERE office = ?1 AND submitted "
		"BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY item) h ON h.item = i.code",
		"SELECT count(*) FROM (SELECT DISTINCT c.item, c.channel FROM cases c JOIN item i ON "
		"i.code = c.item WHERE c.office = ?1 AND c.submitted BETWEEN '2026-10-01' AND "
		"'2026-10-31' AND instr(i.channels, c.channel) > 0)",
		/* accurate items of H */
		"SELECT count(DISTINCT c.item) FROM cases c WHERE c.office = ?1 AND c.submitted BETWEEN "
		"'2026-10-01' AND '2026-10-31' AND c.item NOT IN (SELECT x.item FROM anomaly a JOIN "
		"cases x ON x.id = a.case_id WHERE x.office = ?1 AND a.kind = 'unlisted_material' AND "
		"a.day BETWEEN '2026-10-01' AND '2026-10-31' UNION SELECT x.item FROM complaint p JOIN "
		"cases x ON x.id = p.case_id WHERE x.office = ?1 AND p.missing_material = 1 AND "
		"p.received BETWEEN '2026-10-01' AND '2026-10-31')",
		/* depth-4 items of H, and those taken in online */
		"SELECT count(DISTINCT c.item) FROM cases c JOIN item i ON i.code = c.item WHERE "
		"c.office = ?1 AND c.submitted BETWEEN '2026-10-01' AND '2026-10-31' AND "
		"i.online_depth = 4",
		"SELECT count(DISTINCT c.item) FROM cases c JOIN item i ON i.code = c.item WHERE "
		"c.office = ?1 AND c.submitted BETWEEN '2026-10-01' AND '2026-10-31' AND "
		"i.online_depth = 4 AND c.channel = 'online'",
	};
	static const char *const offices[] = { MKT, PSB };
	char path[64];
	struct calendar cal;
	struct store *st;
	struct office_score *v = NULL;
	sqlite3 *db = NULL;
	long long id[11];
	int n = 0, k, i;

	if (test_on_pg()) {
		test_skip("it reads an SQLite file of its own");
		return;
	}
	snprintf(path, sizeof path, "/tmp/tongban-unit-report-%ld.db", (long)getpid());
	unlink(path);
	if ((st = fresh_at(path, &cal)) == NULL) {
		CHECK(0);
		return;
	}
	build_october(st, id);
	CHECK_INT(report_offices(st, "500229", "500229:", D("2026-10-01"), D("2026-10-31"),
	    D("2026-11-05"), &v, &n), 0);
	CHECK_INT(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (k = 0; k < 2 && db != NULL; k++) {
		const struct office_score *o = office_in(v, n, offices[k]);
		long f[14];
		double r, sat, i1, i2, i3, i4;

		if (o == NULL) {
			CHECK(0);
			continue;
		}
		for (i = 0; i < 14; i++)
			f[i] = sql_long(db, q[i], offices[k]);
		CHECK_INT(o->received, f[0]);
		CHECK_INT(o->finished, f[1]);
		CHECK_INT(o->on_time, f[2]);
		CHECK_INT(o->late, f[3]);
		CHECK_INT(o->open_red, f[4]);
		CHECK_INT(o->rating_sum, f[5]);
		CHECK_INT(o->bad_ratings, f[6]);
		CHECK_INT(o->handled, f[7]);
		CHECK_INT(o->items, f[8]);
		CHECK_INT(o->channels_allowed, f[9]);
		CHECK_INT(o->channels_used, f[10]);
		CHECK_INT(o->accurate, f[11]);
		CHECK_INT(o->online_items, f[12]);
		CHECK_INT(o->online_done, f[13]);
		/* The score from the SQL figures by the README's formula. */
		r = f[1] ? (double)f[2] / (double)f[1] : 0;
		sat = f[1] ? (double)f[5] / (5.0 * (double)f[1]) : 0;
		i1 = f[9] ? (double)f[10] / (double)f[9] : 1;
		i2 = f[8] ? (double)f[7] / (double)f[8] : 1;
		i3 = f[7] ? (double)f[11] / (double)f[7] : 1;
		i4 = f[12] ? (double)f[13] / (double)f[12] : 1;
		CHECK_INT(o->tenths, (long)floor(1000 * (0.15 * (i1 + i2 + i3 + i4) +
		    0.2 * r * sat + 0.2 * r) + 0.5 + 1e-6));
		CHECK_STR(o->band, report_band(o->tenths));
	}
	if (db != NULL)
		sqlite3_close(db);
	free(v);
	done_with(st, &cal);
	unlink(path);
}

/*
 * 超期 in the weekly and monthly reports: finished late counts the cases
 * completed late in the period, red now the open cases past due today. A
 * finished case is never open, so no case is in both columns, and a late
 * case counts once among the weeks, in the week it was completed: the
 * weeks of October add up to the month.
 */
static void
overdue_counted_once(void)
{
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct office_score *v = NULL;
	const struct office_score *m;
	long long id[11];
	long weeks_late = 0;
	int n = 0, day;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	build_october(st, id);
	/* The weeks from Monday 28 September to Sunday 1 November. */
	for (day = D("2026-09-28"); day <= D("2026-10-26"); day += 7) {
		struct report_period p;

		report_period(REPORT_WEEKLY, day, &p);
		v = NULL;
		CHECK_INT(report_offices(st, "500229", "500229:", p.from, p.to, D("2026-11-05"), &v,
		    &n), 0);
		if ((m = office_in(v, n, MKT)) != NULL) {
			weeks_late += m->late;
			/* M5, red since 10-24: once in every week's "red now", never
			 * in its "finished late". */
			CHECK_INT(m->open_red, 1);
			if (p.from == D("2026-10-19")) {
				CHECK_INT(m->late, 1);	/* M3, completed late 10-21 */
				CHECK_INT(m->late + m->open_red, 2);
			}
		}
		free(v);
	}
	/* M3 once over the five weeks, as in the month. */
	CHECK_INT(weeks_late, 1);
	v = NULL;
	CHECK_INT(report_offices(st, "500229", "500229:", D("2026-10-01"), D("2026-10-31"),
	    D("2026-11-05"), &v, &n), 0);
	if ((m = office_in(v, n, MKT)) != NULL) {
		CHECK_INT(m->late, 1);
		CHECK_INT(m->open_red, 1);
	}
	free(v);
	done_with(st, &cal);
}

/*
 * The quarterly analysis of Q4 2026 (as of 5 November) as 城口县's
 * supervisor reads it, after two more notices in November for materials
 * the guide does not list (on M3's and M9's items): with M5's of 2
 * November and October's, every item MKT handled drew one (0 of 5); M8
 * (3 November, at the window) makes 001000's channels 1 of 3 (6 of 8 in
 * all); and 100 × (0.15·6/8 + 0.15·5/7 + 0 + 0.15·1/3 + 0.2·0.512 +
 * 0.2·0.8) = 53.2,
 * so it fails and gets a 监察建议书. It names the shortcomings MKT has (the
 * case completed late, the open red one, the five items of the guide, the
 * channels, online depth, coverage, the bad ratings) and not those it has
 * not: no order went unanswered, no rectification ran past 15 working
 * days. PSB (90.0) gets none.
 */
static void
recommendation_names_real_shortcomings(void)
{
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct person sup;
	struct session s;
	struct cmd_ctx c;
	long long id[11];
	char *out = NULL, *argv[] = { (char *)"report", (char *)"quarterly", (char *)"--date",
		(char *)"2026-10-15", NULL };
	size_t len = 0;
	const char *rec;

	if (st == NULL) {
		CHECK(0);
		return;
	}
	build_october(st, id);
	CHECK_INT(store_anomaly_add(st, id[2], "unlisted_material", "2026-11-03", "验资报告", NULL), 0);
	CHECK_INT(store_anomaly_add(st, id[8], "unlisted_material", "2026-11-04", "执业药师证明",
	    NULL), 0);
	person_of(&sup, "500229.x", ROLE_SUPERVISOR);
	session_init(&s, st, &cal, &sup.u, "10.0.0.1");
	s.fixed_today = D("2026-11-05");
	memset(&c, 0, sizeof c);
	c.s = &s;
	c.in = stdin;
	c.out = open_memstream(&out, &len);
	c.err = fopen("/dev/null", "w");
	CHECK_INT(cmd_run(&c, 4, argv), 0);
	fclose(c.out);
	fclose(c.err);
	session_close(&s);
	rec = out ? strstr(out, "Supervision recommendation") : NULL;
	if (getenv("TONGBAN_TEST_VERBOSE") && rec)
		printf("%s", rec);
	CHECK(rec != NULL);
	if (rec != NULL) {
		CHECK(strstr(rec, "城口县市场监督管理局") != NULL);
		CHECK(strstr(rec, "a score of 53.2") != NULL);
		CHECK(strstr(rec, "cases completed after their due date: 1;") != NULL);
		CHECK(strstr(rec, "open cases past their due date: 1;") != NULL);
		CHECK(strstr(rec, "a material asked for or complained of: 5;") != NULL);
		CHECK(strstr(rec, "took no case: 2 of 8;") != NULL);
		CHECK(strstr(rec, "never taken in online: 2;") != NULL);
		CHECK(strstr(rec, "without a case: 2 of 7;") != NULL);
		CHECK(strstr(rec, "completed cases rated bad: 2;") != NULL);
		CHECK(strstr(rec, "8. report the rectification") != NULL);
		CHECK(strstr(rec, "supervision orders not answered") == NULL);
		CHECK(strstr(rec, "rectifications past their") == NULL);
		/* One recommendation: PSB passes. */
		CHECK(strstr(rec + 1, "Supervision recommendation") == NULL);
	}
	free(out);
	done_with(st, &cal);
}

static void
bands(void)
{
	CHECK_STR(report_band(1000), "优秀");
	CHECK_STR(report_band(900), "优秀");
	CHECK_STR(report_band(899), "良好");
	CHECK_STR(report_band(800), "良好");
	CHECK_STR(report_band(799), "合格");
	CHECK_STR(report_band(600), "合格");
	CHECK_STR(report_band(599), "不合格");
	CHECK_STR(report_band(0), "不合格");
	/* Scores that are exactly 90.0 and 60.0 by hand, where binary
	 * fractions fall a hair short (89.99999999999999): rounded to tenths
	 * first, they are 900 and 600, the bands' bars. */
	CHECK_INT(report_tenths(1, 1, 1, 1.0 / 3.0, 1, 1), 900);
	CHECK_INT(report_tenths(2.0 / 3.0, 2.0 / 3.0, 1, 1, 1, 1), 900);
	CHECK_STR(report_band(report_tenths(1, 1, 1, 1.0 / 3.0, 1, 1)), "优秀");
	CHECK_INT(report_tenths(1, 1, 1, 0, 1, 1), 850);	/* 84.99999999999999 */
	CHECK_INT(report_tenths(1.0 / 3.0, 0, 1, 0, 1, 1), 600);
	CHECK_STR(report_band(report_tenths(1.0 / 3.0, 0, 1, 0, 1, 1)), "合格");
	/* Half up: 89.955 is 90.0, 89.94 is 89.9. */
	CHECK_INT(report_tenths(1, 1, 0.997, 1.0 / 3.0, 1, 1), 900);
	CHECK_INT(report_tenths(1, 1, 0.996, 1.0 / 3.0, 1, 1), 899);
}

/* Report periods on hard dates ---------------------------------------------------- */

static int
period_is(enum report_kind k, const char *day, const char *from, const char *to,
    const char *prev_from, const char *prev_to)
{
	static const char *const names[] = { "daily", "weekly", "monthly", "quarterly", "annual" };
	struct report_period p;
	char f[11], t[11], pf[11], pt[11];

	memset(&p, 0, sizeof p);
	report_period(k, D(day), &p);
	clock_format_date(p.from, f);
	clock_format_date(p.to, t);
	clock_format_date(p.prev_from, pf);
	clock_format_date(p.prev_to, pt);
	if (strcmp(f, from) || strcmp(t, to) || strcmp(pf, prev_from) || strcmp(pt, prev_to)) {
		printf("#   %s of %s: %s..%s (before: %s..%s), expected %s..%s (before: %s..%s)\n",
		    names[k], day, f, t, pf, pt, from, to, prev_from, prev_to);
		return 0;
	}
	return 1;
}

static void
report_periods(void)
{
	enum report_kind k;

	CHECK(report_kind_parse("daily", &k) == 0 && k == REPORT_DAILY);
	CHECK(report_kind_parse("weekly", &k) == 0 && k == REPORT_WEEKLY);
	CHECK(report_kind_parse("monthly", &k) == 0 && k == REPORT_MONTHLY);
	CHECK(report_kind_parse("quarterly", &k) == 0 && k == REPORT_QUARTERLY);
	CHECK(report_kind_parse("annual", &k) == 0 && k == REPORT_ANNUAL);
	CHECK(report_kind_parse("yearly", &k) != 0);
	CHECK(report_kind_parse("", &k) != 0);

	/* Daily: the day, and the day before across a year's end. */
	CHECK(period_is(REPORT_DAILY, "2026-01-01", "2026-01-01", "2026-01-01",
	    "2025-12-31", "2025-12-31"));
	/* Weeks start on Monday: Thursday 1 January 2026 is in the week of
	 * Monday 29 December 2025. */
	CHECK_INT(clock_weekday(D("2026-01-01")), 3);
	CHECK(period_is(REPORT_WEEKLY, "2026-01-01", "2025-12-29", "2026-01-04",
	    "2025-12-22", "2025-12-28"));
	/* A Monday starts its own week, a Sunday ends it. */
	CHECK(period_is(REPORT_WEEKLY, "2026-11-30", "2026-11-30", "2026-12-06",
	    "2026-11-23", "2026-11-29"));
	CHECK(period_is(REPORT_WEEKLY, "2026-11-29", "2026-11-23", "2026-11-29",
	    "2026-11-16", "2026-11-22"));
	CHECK(period_is(REPORT_WEEKLY, "2026-11-27", "2026-11-23", "2026-11-29",
	    "2026-11-16", "2026-11-22"));
	/* Months: February of a common and of a leap year; January's month
	 * before is last December. */
	CHECK(period_is(REPORT_MONTHLY, "2026-02-15", "2026-02-01", "2026-02-28",
	    "2026-01-01", "2026-01-31"));
	CHECK(period_is(REPORT_MONTHLY, "2024-03-01", "2024-03-01", "2024-03-31",
	    "2024-02-01", "2024-02-29"));
	CHECK(period_is(REPORT_MONTHLY, "2026-01-31", "2026-01-01", "2026-01-31",
	    "2025-12-01", "2025-12-31"));
	CHECK(period_is(REPORT_MONTHLY, "2026-12-31", "2026-12-01", "2026-12-31",
	    "2026-11-01", "2026-11-30"));
	/* Quarters: 31 March is the last day of Q1; the quarter before Q1 is Q4
	 * of the year before. */
	CHECK(period_is(REPORT_QUARTERLY, "2026-03-31", "2026-01-01", "2026-03-31",
	    "2025-10-01", "2025-12-31"));
	CHECK(period_is(REPORT_QUARTERLY, "2026-01-01", "2026-01-01", "2026-03-31",
	    "2025-10-01", "2025-12-31"));
	CHECK(period_is(REPORT_QUARTERLY, "2026-04-01", "2026-04-01", "2026-06-30",
	    "2026-01-01", "2026-03-31"));
	CHECK(period_is(REPORT_QUARTERLY, "2026-09-30", "2026-07-01", "2026-09-30",
	    "2026-04-01", "2026-06-30"));
	CHECK(period_is(REPORT_QUARTERLY, "2026-11-27", "2026-10-01", "2026-12-31",
	    "2026-07-01", "2026-09-30"));
	/* Years, a leap one included. */
	CHECK(period_is(REPORT_ANNUAL, "2026-06-15", "2026-01-01", "2026-12-31",
	    "2025-01-01", "2025-12-31"));
	CHECK(period_is(REPORT_ANNUAL, "2024-12-31", "2024-01-01", "2024-12-31",
	    "2023-01-01", "2023-12-31"));
	CHECK(period_is(REPORT_ANNUAL, "2025-01-01", "2025-01-01", "2025-12-31",
	    "2024-01-01", "2024-12-31"));
}

/* c) Working-day medians of the bottlenecks --------------------------------------- */

#define FOOD "000101001000"	/* step 2 审查（含现场核查）: 2 days */
#define HOTEL "000112004000"	/* step 3 决定: 3 days */
#define FIRM "000101003000"	/* step 1: 1 day */

static void
open_in_step(struct store *st, const char *no, const char *item, const char *office,
    int step, const char *started)
{
	struct spec s;
	struct tcase c;
	char *cause = NULL;

	memset(&s, 0, sizeof s);
	s.no = no;
	s.item = item;
	s.office = office;
	s.status = "under_review";
	s.submitted = "2026-09-01";
	s.accepted = "2026-09-01";
	s.warn = "2026-12-01";
	s.due = "2026-12-02";
	s.on_time = -1;
	s.step = step;
	/* put() starts the step at acceptance; move it to the day given. */
	if (put(st, &s) == 0 || store_case_get(st, no, &c) != 0) {
		CHECK(0);
		return;
	}
	{
		struct tcase after = c;

		after.step_started = (char *)started;
		if (store_begin(st, &cause) != 0 || store_case_update(st, &after, &cause) != 0 ||
		    stats_case_change(st, &c, &after, &cause) != 0 || store_commit(st, &cause) != 0) {
			printf("#   cannot start %s's step on %s: %s\n", no, started, cause ? cause : "?");
			store_rollback(st);
			CHECK(0);
		}
	}
	free(cause);
	tcase_release(&c);
}

static const struct dash_top *
bottleneck(const struct dash *d, const char *item)
{
	int i;

	for (i = 0; i < d->nbottlenecks; i++)
		if (strcmp(d->bottlenecks[i].code, item) == 0)
			return &d->bottlenecks[i];
	printf("#   no bottleneck for item %s\n", item);
	return NULL;
}

static void
bottleneck_medians(void)
{
	/*
	 * As of Monday 12 October 2026, working days d with started < d <= today
	 * (Mid-Autumn 25 September, National Day 1–7 October; make-up working
	 * days Sunday 20 September and Saturday 10 October):
	 *   10-12 → 0
	 *   10-09 (Fri) → 10-10, 10-12 = 2
	 *   10-08 (Thu) → 10-09, 10-10, 10-12 = 3
	 *   09-30 (Wed) → 10-08, 10-09, 10-10, 10-12 = 4
	 *   09-28 (Mon) → 09-29, 09-30 + 4 = 6
	 *   09-24 (Thu) → 09-28, 09-29, 09-30 + 4 = 7 (25th a holiday)
	 *   09-18 (Fri) → 09-20 (make-up), 21, 22, 23, 24, 28, 29, 30 + 4 = 12
	 */
	static const struct {
		const char *no, *item, *office;
		int step;
		const char *started;
		int wait;
	} open[] = {
		/* 食品经营许可, review (2 days), 城口县: 0 2 2 3 4 6 12 */
		{ "500229-20260901-000001", FOOD, MKT, 2, "2026-10-12", 0 },
		{ "500229-20260901-000002", FOOD, MKT, 2, "2026-10-09", 2 },
		{ "500229-20260901-000003", FOOD, MKT, 2, "2026-10-09", 2 },
		{ "500229-20260901-000004", FOOD, MKT, 2, "2026-10-08", 3 },
		{ "500229-20260901-000005", FOOD, MKT, 2, "2026-09-30", 4 },
		{ "500229-20260901-000006", FOOD, MKT, 2, "2026-09-28", 6 },
		{ "500229-20260901-000007", FOOD, MKT, 2, "2026-09-18", 12 },
		/* 旅馆业特种行业许可, decision (3 days), 城口县: 3 3 7 7 7 */
		{ "500229-20260901-000011", HOTEL, PSB, 3, "2026-10-08", 3 },
		{ "500229-20260901-000012", HOTEL, PSB, 3, "2026-09-24", 7 },
		{ "500229-20260901-000013", HOTEL, PSB, 3, "2026-10-08", 3 },
		{ "500229-20260901-000014", HOTEL, PSB, 3, "2026-09-24", 7 },
		{ "500229-20260901-000015", HOTEL, PSB, 3, "2026-09-24", 7 },
		/* 企业设立登记 in 渝中区 (1 day): outside 城口县 */
		{ "500103-20260901-000001", FIRM, "500103.market", 1, "2026-09-18", 12 },
	};
	struct calendar cal;
	struct store *st = fresh(&cal);
	struct dash *d = calloc(1, sizeof *d);
	const struct dash_top *t;
	char *cause = NULL;
	int today = D("2026-10-12"), i;

	if (st == NULL) {
		CHECK(0);
		free(d);
		return;
	}
	for (i = 0; i < (int)(sizeof open / sizeof open[0]); i++) {
		open_in_step(st, open[i].no, open[i].item, open[i].office, open[i].step, open[i].started);
		/* The hand count above, against the calendar. */
		CHECK_INT(clock_workdays(&cal, D(open[i].started), today), open[i].wait);
	}
	CHECK_INT(store_stat_check(st, &cause), 0);
	free(cause);

	stats_dashboard(st, &cal, "500229", today, d);
	CHECK_INT(d->nbottlenecks, 2);
	/* Longest p90 first. */
	if (d->nbottlenecks == 2) {
		CHECK_STR(d->bottlenecks[0].code, FOOD);
		CHECK_STR(d->bottlenecks[1].code, HOTEL);
	}
	if ((t = bottleneck(d, FOOD)) != NULL) {
		/* 0 2 2 [3] 4 6 [12]: median the 4th of 7, p90 the 7th (⌈0.9·7⌉). */
		CHECK_INT(t->n, 7);
		CHECK_INT(t->median, 3);
		CHECK_INT(t->p90, 12);
		CHECK_INT(t->limit, 2);
		CHECK_STR(t->step, "Review (incl. on-site inspection)");
	}
	if ((t = bottleneck(d, HOTEL)) != NULL) {
		/* 3 3 [7] 7 [7]: median the 3rd of 5, p90 the 5th (⌈0.9·5⌉). */
		CHECK_INT(t->n, 5);
		CHECK_INT(t->median, 7);
		CHECK_INT(t->p90, 7);
		CHECK_INT(t->limit, 3);
	}
	/* Late steps: waits above the step's limit, 3 4 6 12 and 7 7 7. */
	CHECK_INT(d->step_late, 7);
	CHECK_INT(d->open, 12);

	/* The whole city adds 渝中区's firm: p90 12 like the food licence, but
	 * a longer median (12), so it comes first. */
	stats_dashboard(st, &cal, "50", today, d);
	CHECK_INT(d->nbottlenecks, 3);
	if (d->nbottlenecks == 3) {
		CHECK_STR(d->bottlenecks[0].code, FIRM);
		CHECK_STR(d->bottlenecks[1].code, FOOD);
		CHECK_STR(d->bottlenecks[2].code, HOTEL);
		CHECK_INT(d->bottlenecks[0].median, 12);
		CHECK_INT(d->bottlenecks[0].p90, 12);
	}
	CHECK_INT(d->step_late, 8);
	CHECK_INT(d->open, 13);

	/* A week later (19 October): every wait grows by 5 working days. */
	stats_dashboard(st, &cal, "500229", D("2026-10-19"), d);
	if ((t = bottleneck(d, FOOD)) != NULL) {
		CHECK_INT(t->median, 8);
		CHECK_INT(t->p90, 17);
	}
	free(d);
	done_with(st, &cal);
}

const struct test tests_supervision[] = {
	{ "supervision: summaries equal a rebuild after every change of 1,000 random actions, "
	  "and the dashboard equals the lights of the cases", summaries_after_random_actions },
	{ "supervision: October's figures, five indicators, score and band of two offices "
	  "by hand", report_figures_by_hand },
	{ "supervision: scores in tenths; bands 优秀 ≥ 90.0, 良好 ≥ 80.0, 合格 ≥ 60.0, 不合格 below "
	  "(90.0 is 优秀)", bands },
	{ "supervision: every report figure of two offices recomputed by an independent SQL "
	  "query", report_by_independent_sql },
	{ "supervision: a 监察建议书 names only the shortcomings the office has",
	  recommendation_names_real_shortcomings },
	{ "supervision: finished late and red now never count a case twice, and the weeks add "
	  "up to the month", overdue_counted_once },
	{ "supervision: report periods (weeks from Monday, months, quarters, years) on hard "
	  "dates", report_periods },
	{ "supervision: bottleneck median and p90 in working days across National Day 2026",
	  bottleneck_medians },
	{ NULL, NULL }
};
