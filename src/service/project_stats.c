/*
 * A user's projects and the supervision figures over a region's projects,
 * each project read through project_get() (its clock, light, critical case
 * and the reader's sight are the project service's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "project_stats.h"
#include "tcase.h"
#include "store_project_stat.h"
#include "util.h"

struct nos {
	char **v;
	int n, cap;
};

static int
add_no(void *arg, const char *no)
{
	struct nos *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(no);
	return 0;
}

static void
nos_release(struct nos *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Read each project of l the user may see into *out (those out of sight,
 * or gone since, are left out). */
static int
read_all(struct session *s, struct nos *l, struct project **out, int *n, char **cause)
{
	struct project *v = xcalloc((size_t)(l->n ? l->n : 1), sizeof *v);
	int i, k = 0, rc;

	for (i = 0; i < l->n; i++) {
		char *why = NULL;

		rc = project_get(s, l->v[i], &v[k], &why);
		if (rc == EXIT_OK)
			k++;
		else if (rc != EXIT_NOTFOUND && rc != EXIT_DENIED) {
			project_stats_free(v, k);
			set_cause(cause, "%s", why ? why : "?");
			free(why);
			return rc;
		}
		free(why);
	}
	*out = v;
	*n = k;
	return EXIT_OK;
}

int
project_stats_read(struct session *s, char *const *nos, long n, struct project **out,
    int *nout, char **cause)
{
	struct nos l;

	l.v = (char **)nos;
	l.n = l.cap = (int)n;
	return read_all(s, &l, out, nout, cause);
}

void
project_stats_free(struct project *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		project_release(&v[i]);
	free(v);
}

int
project_stats_mine(struct session *s, long limit, struct project **out, int *n, char **cause)
{
	struct project_filter f;
	struct scope sc;
	struct nos l;
	int rc;

	*out = NULL;
	*n = 0;
	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	/* The projects whose cases the user's scope reaches: the list narrows,
	 * project_get() decides. */
	access_scope(&s->user, &sc);
	switch (sc.kind) {
	case SCOPE_ALL:
		break;
	case SCOPE_REGION:
		f.site_lo = f.hall_lo = sc.lo;
		f.site_hi = f.hall_hi = sc.hi;
		break;
	case SCOPE_CLERK:
		f.hall_lo = sc.lo;
		f.hall_hi = sc.hi;
		f.office = sc.office;
		break;
	case SCOPE_OFFICE:
		f.office = sc.office;
		break;
	default:
		*out = xcalloc(1, sizeof **out);
		return EXIT_OK;
	}
	f.limit = limit;
	if (store_project_nos(s->st, &f, add_no, &l) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		nos_release(&l);
		return EXIT_INTERNAL;
	}
	rc = read_all(s, &l, out, n, cause);
	nos_release(&l);
	return rc;
}

/* Figures ------------------------------------------------------------------ */

struct acc {
	struct pfig f;
	double sum;
	int cap;
};

static struct acc *
acc_get(struct acc **v, int *n, enum pfig_kind kind, const char *key)
{
	struct acc *a;
	int i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].f.kind == kind && strcmp((*v)[i].f.key, key) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, (size_t)*n + 1, sizeof **v);
	a = &(*v)[(*n)++];
	memset(a, 0, sizeof *a);
	a->f.kind = kind;
	a->f.avg = -1;
	snprintf(a->f.key, sizeof a->f.key, "%s", key);
	return a;
}

static void
acc_add(struct acc *a, const char *no, double days)
{
	if (a->f.n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->f.nos = xreallocarray(a->f.nos, (size_t)a->cap, sizeof *a->f.nos);
	}
	a->f.nos[a->f.n++] = xstrdup(no);
	a->sum += days;
	a->f.avg = a->sum / (double)a->f.n;
}

static int
by_wait(const void *x, const void *y)
{
	const struct acc *a = x, *b = y;

	if (a->f.avg != b->f.avg)
		return a->f.avg < b->f.avg ? 1 : -1;
	if (a->f.n != b->f.n)
		return a->f.n < b->f.n ? 1 : -1;
	return strcmp(a->f.key, b->f.key);
}

static void
acc_free(struct acc *a)
{
	long i;

	for (i = 0; i < a->f.n; i++)
		free(a->f.nos[i]);
	free(a->f.nos);
}

/* Append the accumulated figures of v to f: all of them, or the top ones
 * by the longest average wait. */
static void
take(struct project_figures *f, struct acc *v, int n, int top)
{
	int i;

	if (top)
		qsort(v, (size_t)n, sizeof *v, by_wait);
	for (i = 0; i < n; i++) {
		if (top && i >= PFIG_TOP) {
			acc_free(&v[i]);
			continue;
		}
		f->v = xreallocarray(f->v, (size_t)f->n + 1, sizeof *f->v);
		f->v[f->n++] = v[i].f;
	}
	free(v);
}

static const struct flow_stage *
stage_of(const struct flowchart *fc, int seq)
{
	int i;

	for (i = 0; fc && i < fc->n_stages; i++)
		if (fc->stages[i].seq == seq)
			return &fc->stages[i];
	return NULL;
}

int
project_stats_figures(struct session *s, const char *prefix, struct project_figures *f,
    char **cause)
{
	static const enum light lights[] = { LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED };
	struct acc *lv = NULL, *fv = NULL, *sv = NULL, *ov = NULL;
	int nl = 0, nf = 0, ns = 0, no = 0, i, k, np = 0, nfc = 0, rc;
	int en = strcmp(i18n_lang(), "en") == 0;
	struct flowchart *fcs = NULL;
	struct project *ps = NULL;
	struct project_filter pf;
	struct nos l;
	char hi[24];

	memset(f, 0, sizeof *f);
	memset(&l, 0, sizeof l);
	memset(&pf, 0, sizeof pf);
	snprintf(f->scope, sizeof f->scope, "%s", prefix);
	snprintf(hi, sizeof hi, "%s:", prefix);
	pf.site_lo = prefix;
	pf.site_hi = hi;
	if (store_project_nos(s->st, &pf, add_no, &l) != 0) {
		set_cause(cause, "%s", store_error(s->st));
		nos_release(&l);
		return EXIT_INTERNAL;
	}
	rc = read_all(s, &l, &ps, &np, cause);
	nos_release(&l);
	if (rc != EXIT_OK)
		return rc;
	if ((rc = flowchart_list(s, &fcs, &nfc, cause)) != EXIT_OK) {
		project_stats_free(ps, np);
		return rc;
	}
	/* Every light and every flowchart has its line, counted or not. */
	for (i = 0; i < 3; i++) {
		struct acc *a = acc_get(&lv, &nl, PFIG_LIGHT, clock_light_name(lights[i]));

		a->f.light = lights[i];
		snprintf(a->f.label, sizeof a->f.label, "%s", tcase_light_label(lights[i]));
	}
	for (i = 0; i < nfc; i++) {
		struct acc *a = acc_get(&fv, &nf, PFIG_FLOWCHART, fcs[i].code);

		snprintf(a->f.label, sizeof a->f.label, "%s", en && fcs[i].name_en &&
		    *fcs[i].name_en ? fcs[i].name_en : fcs[i].name);
		a->f.target = fcs[i].total_days;
		snprintf(a->f.before, sizeof a->f.before, "%s", fcs[i].before ? fcs[i].before : "");
	}
	for (i = 0; i < np; i++) {
		struct project *p = &ps[i];
		const struct flowchart *fc = NULL;

		for (k = 0; k < nfc; k++)
			if (strcmp(fcs[k].code, p->flowchart) == 0)
				fc = &fcs[k];
		if (p->status == PROJECT_DONE) {
			f->done++;
			if (fc)
				acc_add(acc_get(&fv, &nf, PFIG_FLOWCHART, p->flowchart), p->no,
				    p->used_days);
			continue;
		}
		if (p->status != PROJECT_OPEN)
			continue;
		f->open++;
		if (p->light >= LIGHT_GREEN && p->light <= LIGHT_RED)
			acc_add(acc_get(&lv, &nl, PFIG_LIGHT, clock_light_name((enum light)p->light)),
			    p->no, p->used_days);
		for (k = 0; k < p->n_stages; k++) {
			const struct project_stage *st = &p->stages[k];
			const struct flow_stage *fs;
			char key[64];
			struct acc *a;
			int c;

			if (st->seq != p->stage)
				continue;
			/* The stage the project waits in now, and its days so far. */
			snprintf(key, sizeof key, "%s:%d", p->flowchart, st->seq);
			a = acc_get(&sv, &ns, PFIG_STAGE, key);
			fs = stage_of(fc, st->seq);
			snprintf(a->f.label, sizeof a->f.label, "%s · %d %s", fc ? (en &&
			    fc->name_en && *fc->name_en ? fc->name_en : fc->name) : p->flowchart,
			    st->seq, fs ? (en && fs->name_en && *fs->name_en ? fs->name_en :
			    fs->name) : "");
			a->f.target = st->limit_days;
			acc_add(a, p->no, st->used_days);
			/* The office of the case that holds it back, and that case's days. */
			for (c = 0; p->critical && c < st->n_cases; c++) {
				const struct project_case *pc = &st->cases[c];

				if (pc->no == NULL || strcmp(pc->no, p->critical) != 0 ||
				    pc->office == NULL)
					continue;
				a = acc_get(&ov, &no, PFIG_OFFICE, pc->office);
				snprintf(a->f.label, sizeof a->f.label, "%s", pc->office_name &&
				    *pc->office_name ? pc->office_name : pc->office);
				acc_add(a, p->no, pc->used_days);
			}
		}
	}
	take(f, lv, nl, 0);
	take(f, fv, nf, 0);
	take(f, sv, ns, 1);
	take(f, ov, no, 1);
	for (i = 0; i < nfc; i++)
		flowchart_release(&fcs[i]);
	free(fcs);
	project_stats_free(ps, np);
	return EXIT_OK;
}

void
project_stats_release(struct project_figures *f)
{
	int i;
	long k;

	for (i = 0; i < f->n; i++) {
		for (k = 0; k < f->v[i].n; k++)
			free(f->v[i].nos[k]);
		free(f->v[i].nos);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

const struct pfig *
project_stats_find(const struct project_figures *f, enum pfig_kind kind, const char *key)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].kind == kind && strcmp(f->v[i].key, key) == 0)
			return &f->v[i];
	return NULL;
}

void
project_stats_days(double avg, char buf[16])
{
	if (avg < 0)
		snprintf(buf, 16, "-");
	else
		snprintf(buf, 16, "%.1f", avg);
}
