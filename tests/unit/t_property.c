/*
 * Access as a property: random users of every role, region and office
 * against a few thousand generated cases. For each user, the cases the
 * store's scoped query lists, the cases access_can_see() admits one by one,
 * and what case_get() answers (the case, or "not found") must be the same
 * set; every exported event of those cases lies in the same set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "case.h"
#include "demo.h"
#include "exitcode.h"
#include "session.h"
#include "store.h"
#include "test.h"

#define NCASES 800
#define NUSERS 80

struct all {
	char (*no)[32];
	int n;
};

static int
collect(void *arg, const struct tcase *c)
{
	struct all *a = arg;

	snprintf(a->no[a->n++], 32, "%s", c->no);
	return a->n >= NCASES * 2 ? 1 : 0;
}

struct hits {
	unsigned char *in;
	struct all *all;
	int n;
};

static int
cmp_no(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
mark(void *arg, const struct tcase *c)
{
	struct hits *h = arg;
	char (*p)[32] = bsearch(c->no, h->all->no, (size_t)h->all->n, sizeof *h->all->no, cmp_no);

	if (p != NULL) {
		h->in[p - h->all->no] = 1;
		h->n++;
	}
	return 0;
}

struct pick {
	char code[8][16];
	char office[8][48];
	int n;
};

static unsigned long long rnd_state = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

/* A user of role in a region and office taken from a random case, so that
 * the users meet the cases (a random code would see nothing). */
static void
make_user(struct user *u, enum role role, const struct tcase *c, int level)
{
	static char region[16], office[48], login[32];
	static const char *const levels[] = { "city", "district", "township" };

	memset(u, 0, sizeof u[0]);
	snprintf(login, sizeof login, "p%u", rnd(100000));
	u->login = login;
	u->role = role;
	u->lang = (char *)"en";
	if (level == 0)
		snprintf(region, sizeof region, "500000");
	else if (level == 1)
		snprintf(region, sizeof region, "%.6s", rnd(2) ? c->office_region : c->hall_region);
	else
		snprintf(region, sizeof region, "%.9s", c->applicant_region);
	u->region = region;
	u->region_level = (char *)levels[level];
	snprintf(office, sizeof office, "%s", rnd(2) ? c->office : "500229.market");
	u->office = role == ROLE_CLERK || role == ROLE_APPROVER ? office : NULL;
}

static void
same_set_every_way(void)
{
	static const enum role roles[] = { ROLE_CLERK, ROLE_APPROVER, ROLE_SUPERVISOR, ROLE_ADMIN };
	struct store *st = test_store();
	struct all all;
	struct case_filter f;
	struct scope all_scope = { SCOPE_ALL, "", "", NULL };
	char *cause = NULL;
	int i, u, bad = 0, seen_some = 0, seen_none = 0;

	if (demo_cases(st, test_calendar(), NCASES, 5, clock_today(), NULL, &cause) != 0) {
		printf("#   cannot generate cases: %s\n", cause ? cause : "?");
		free(cause);
		CHECK(0);
		return;
	}
	all.no = calloc(NCASES * 2, sizeof *all.no);
	all.n = 0;
	memset(&f, 0, sizeof f);
	f.today = "2026-11-27";
	store_case_find(st, &f, &all_scope, collect, &all, NULL);
	qsort(all.no, (size_t)all.n, sizeof *all.no, cmp_no);
	CHECK(all.n >= NCASES);
	for (u = 0; u < NUSERS && all.n > 0; u++) {
		struct tcase pivot, k;
		struct user usr;
		struct scope sc;
		struct session s;
		struct hits h;
		int level = rnd(3);

		if (store_case_get(st, all.no[rnd((unsigned)all.n)], &pivot) != 0)
			continue;
		make_user(&usr, roles[u % 4], &pivot, roles[u % 4] == ROLE_SUPERVISOR && level == 2 ?
		    1 : level);
		h.in = calloc((size_t)all.n, 1);
		h.all = &all;
		h.n = 0;
		access_scope(&usr, &sc);
		store_case_find(st, &f, &sc, mark, &h, NULL);
		session_init(&s, st, test_calendar(), &usr, "10.0.0.1");
		for (i = 0; i < all.n; i++) {
			int rule, got;

			if (store_case_get(st, all.no[i], &k) != 0)
				continue;
			rule = access_can_see(&usr, &k);
			tcase_release(&k);
			got = case_get(&s, all.no[i], &k, &cause);
			free(cause);
			cause = NULL;
			if (got == 0)
				tcase_release(&k);
			if (rule != h.in[i] || (got == 0) != rule ||
			    (got != 0 && got != EXIT_NOTFOUND)) {
				if (bad < 5)
					printf("#   %s in %s (%s): %s query %d rule %d get %d\n",
					    role_name(usr.role), usr.region, usr.office ? usr.office : "-",
					    all.no[i], h.in[i], rule, got);
				bad++;
			}
		}
		seen_some += h.n > 0;
		seen_none += h.n == 0;
		session_close(&s);
		free(h.in);
		tcase_release(&pivot);
	}
	printf("#   %d users against %d cases: %d saw some, %d saw none\n", NUSERS, all.n,
	    seen_some, seen_none);
	CHECK_INT(bad, 0);
	CHECK(seen_some > NUSERS / 2);
	free(all.no);
}

const struct test tests_property[] = {
	{ "property: for random users, the scoped query, the rule and case_get agree", same_set_every_way },
	{ NULL, NULL }
};
