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
#include "util.h"

struct list {
	struct project *v;
	int n, cap;
};

/* Keep the project project_find() hands over (it releases what is left). */
static int
keep(void *arg, const struct project *p)
{
	struct list *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	l->v[l->n++] = *p;
	memset((struct project *)p, 0, sizeof *p);
	return 0;
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
project_stats_read(struct session *s, char *const *nos, long n, struct project **out,
    int *nout, char **cause)
{
	struct project *v = xcalloc((size_t)(n ? n : 1), sizeof *v);
	int k = 0, rc;
	long i;

	for (i = 0; i < n; i++) {
		char *why = NULL;

		rc = project_get(s, nos[i], &v[k], &why);
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
	*nout = k;
	return EXIT_OK;
}

int
project_stats_mine(struct session *s, long limit, struct project **out, int *n, char **cause)
{
	struct project_filter f;
	struct list l;
	int rc;

	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	/* The projects the user may see are those whose cases they may see:
	 * a hall's, an office's, a region's (project_find, over access.c). */
	f.limit = limit;
	rc = project_find(s, &f, keep, &l, cause);
	if (rc != EXIT_OK) {
		project_stats_free(l.v, l.n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	*out = l.v ? l.v : xcalloc(1, sizeof **out);
	*n = l.n;
	return EXIT_OK;
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

	if (top && n > 1)
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
	struct list l;

	memset(f, 0, sizeof *f);
	memset(&l, 0, sizeof l);
	memset(&pf, 0, sizeof pf);
	snprintf(f->scope, sizeof f->scope, "%s", prefix);
	/* The projects sited in the region (a prefix of region codes). */
	pf.region = prefix;
	if ((rc = project_find(s, &pf, keep, &l, cause)) != EXIT_OK) {
		project_stats_free(l.v, l.n);
		return rc;
	}
	ps = l.v;
	np = l.n;
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
			/* The office that holds it back (its case's, or the one whose
			 * joint findings are awaited) and the days waited there. */
			if (p->critical_office && *p->critical_office) {
				double days = st->used_days;

				for (c = 0; c < st->n_cases; c++)
					if (st->cases[c].open && st->cases[c].office_name &&
					    strcmp(st->cases[c].office_name, p->critical_office) == 0)
						days = st->cases[c].used_days;
				a = acc_get(&ov, &no, PFIG_OFFICE, p->critical_office);
				snprintf(a->f.label, sizeof a->f.label, "%s", p->critical_office);
				acc_add(a, p->no, days);
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
