/*
 * Report periods and office scores; see report.h for the formulas.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "exitcode.h"
#include "i18n.h"
#include "record.h"
#include "report.h"
#include "util.h"

const char *const report_formula[] = {
	N_("score = 100 × (0.15 × channels + 0.15 × coverage + 0.15 × guide + 0.15 × online depth "
	"+ 0.20 × online effect + 0.20 × on-time rate), rounded half up to one decimal"),
	N_("channels (服务方式完备度) = Σ channels the office took each handled item in through "
	"/ Σ channels the catalog allows for it, at most its number of cases"),
	N_("coverage (服务事项覆盖度) = items handled (cases received in the period) / items the "
	"office is competent for"),
	N_("guide (办事指南准确度) = items handled without a supplement notice or a complaint for a "
	"material the guide does not list / items handled"),
	N_("online depth (在线服务深度) = items handled that can be done wholly online and were taken "
	"in online at least once / items handled that can be done wholly online"),
	N_("online effect (在线服务成效度) = on-time rate × satisfaction; satisfaction = Σ rating "
	"levels / (5 × cases completed), an unrated case counting as 4"),
	N_("on-time rate = cases completed on time / cases completed"),
	N_("an indicator with nothing to measure counts as 1; bands on the score as printed: "
	"优秀 from 90.0, 良好 from 80.0, 合格 from 60.0, 不合格 below; an office that completed "
	"nothing is not graded"),
	NULL
};

int
report_kind_parse(const char *s, enum report_kind *k)
{
	static const char *const names[] = { "daily", "weekly", "monthly", "quarterly", "annual" };
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0) {
			*k = (enum report_kind)i;
			return 0;
		}
	return -1;
}

void
report_period(enum report_kind k, int day, struct report_period *p)
{
	int y, m, d, q;

	clock_ymd(day, &y, &m, &d);
	switch (k) {
	case REPORT_DAILY:
		p->from = p->to = day;
		p->prev_from = p->prev_to = day - 1;
		break;
	case REPORT_WEEKLY:
		p->from = day - clock_weekday(day);
		p->to = p->from + 6;
		p->prev_from = p->from - 7;
		p->prev_to = p->from - 1;
		break;
	case REPORT_MONTHLY:
		p->from = clock_day_from_ymd(y, m, 1);
		p->to = (m == 12 ? clock_day_from_ymd(y + 1, 1, 1) : clock_day_from_ymd(y, m + 1, 1)) - 1;
		p->prev_to = p->from - 1;
		clock_ymd(p->prev_to, &y, &m, &d);
		p->prev_from = clock_day_from_ymd(y, m, 1);
		break;
	case REPORT_QUARTERLY:
		q = (m - 1) / 3;
		p->from = clock_day_from_ymd(y, q * 3 + 1, 1);
		p->to = (q == 3 ? clock_day_from_ymd(y + 1, 1, 1) : clock_day_from_ymd(y, q * 3 + 4, 1)) - 1;
		p->prev_to = p->from - 1;
		clock_ymd(p->prev_to, &y, &m, &d);
		p->prev_from = clock_day_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
		break;
	case REPORT_ANNUAL:
		p->from = clock_day_from_ymd(y, 1, 1);
		p->to = clock_day_from_ymd(y + 1, 1, 1) - 1;
		p->prev_from = clock_day_from_ymd(y - 1, 1, 1);
		p->prev_to = p->from - 1;
		break;
	}
}

static const char *const kind_names[] = { "daily", "weekly", "monthly", "quarterly", "annual" };

const char *
report_kind_name(enum report_kind k)
{
	return kind_names[k];
}

const char *
report_kind_label(enum report_kind k)
{
	static const char *const labels[] = {
		N_("daily scan"), N_("weekly dispatch"), N_("monthly bulletin"),
		N_("quarterly analysis"), N_("annual evaluation")
	};

	return _(labels[k]);
}

void
report_default(enum report_kind k, int today, struct report_period *p)
{
	struct report_period cur;

	report_period(k, today, &cur);
	if (k == REPORT_DAILY)
		*p = cur;
	else
		report_period(k, cur.from - 1, p);
}

int
report_step(enum report_kind k, int today, int dir, struct report_period *p)
{
	struct report_period last, next;

	if (dir < 0) {
		report_period(k, p->from - 1, p);
		return 0;
	}
	report_default(k, today, &last);
	report_period(k, p->to + 1, &next);
	if (next.from > last.from)
		return -1;
	*p = next;
	return 0;
}

int
report_region(struct session *s, const char *region, char prefix[16], char **cause)
{
	struct region r;
	int rc;

	if (!access_has(&s->user, RIGHT_SUPERVISE)) {
		set_cause(cause, "%s", _("permission denied: reports are for supervisors"));
		return EXIT_DENIED;
	}
	if (region == NULL || *region == '\0') {
		access_narrow(&s->user, NULL, NULL, prefix);
		return EXIT_OK;
	}
	if ((rc = store_region_get(s->st, region, &r)) != 0) {
		if (rc != STORE_NOTFOUND) {
			set_cause(cause, "%s", store_error(s->st));
			return EXIT_INTERNAL;
		}
		set_cause(cause, _("--region: no region '%s'"), region);
		return EXIT_NOTFOUND;
	}
	rc = access_narrow(&s->user, r.code, r.level, prefix);
	region_release(&r);
	if (rc != 0) {
		set_cause(cause, _("permission denied: '%s' is outside your region"), region);
		return EXIT_DENIED;
	}
	return EXIT_OK;
}

static int
by_rate(const void *a, const void *b)
{
	const struct office_score *x = a, *y = b;

	if (x->graded != y->graded)
		return y->graded - x->graded;
	if (x->rate != y->rate)
		return x->rate < y->rate ? 1 : -1;
	if (x->open_red != y->open_red)
		return x->open_red > y->open_red ? 1 : -1;
	return strcmp(x->office, y->office);
}

static int
by_score_cmp(const void *a, const void *b)
{
	const struct office_score *x = a, *y = b;

	if (x->graded != y->graded)
		return y->graded - x->graded;
	if (x->tenths != y->tenths)
		return x->tenths < y->tenths ? 1 : -1;
	return strcmp(x->office, y->office);
}

void
report_sort(struct office_score *v, int n, int by_score)
{
	qsort(v, (size_t)n, sizeof *v, by_score ? by_score_cmp : by_rate);
}

void
report_total(const struct office_score *v, int n, struct office_score *t)
{
	int i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < n; i++) {
		t->received += v[i].received;
		t->finished += v[i].finished;
		t->on_time += v[i].on_time;
		t->late += v[i].late;
		t->open_red += v[i].open_red;
		t->open_orders += v[i].open_orders;
		t->orders_late += v[i].orders_late;
		t->rectify_late += v[i].rectify_late;
		t->complaints_late += v[i].complaints_late;
		t->bad_ratings += v[i].bad_ratings;
		t->rating_sum += v[i].rating_sum;
	}
	t->graded = t->finished > 0;
	t->rate = t->finished ? (double)t->on_time / (double)t->finished : 0;
	t->sat = t->finished ? (double)t->rating_sum / (5.0 * (double)t->finished) : 0;
	t->band = "";
}

void
report_rate_text(long num, long den, char buf[16])
{
	if (den == 0)
		snprintf(buf, 16, "%s", REPORT_NONE);
	else
		snprintf(buf, 16, "%.1f", 100.0 * (double)num / (double)den);
}

const char *const report_figure_key[FIG_COUNT] = {
	"received", "finished", "on_time", "overdue", "open_red", "open_orders", "orders_late",
	"rectify_late", "complaints_late"
};

const char *
report_figure_label(enum report_figure f)
{
	static const char *const labels[FIG_COUNT] = {
		N_("received"), N_("finished"), N_("on time"), N_("finished late"), N_("red now"),
		N_("open orders"), N_("orders late"), N_("rectif. late"), N_("complaints late")
	};

	return _(labels[f]);
}

long
report_figure(const struct office_score *o, enum report_figure f)
{
	switch (f) {
	case FIG_RECEIVED:
		return o->received;
	case FIG_FINISHED:
		return o->finished;
	case FIG_ON_TIME:
		return o->on_time;
	case FIG_LATE:
		return o->late;
	case FIG_OPEN_RED:
		return o->open_red;
	case FIG_OPEN_ORDERS:
		return o->open_orders;
	case FIG_ORDERS_LATE:
		return o->orders_late;
	case FIG_RECTIFY_LATE:
		return o->rectify_late;
	case FIG_COMPLAINTS_LATE:
		return o->complaints_late;
	default:
		return 0;
	}
}

enum report_figure
report_late_figure(const char *kind)
{
	if (strcmp(kind, "order") == 0)
		return FIG_ORDERS_LATE;
	if (strcmp(kind, "complaint") == 0)
		return FIG_COMPLAINTS_LATE;
	return FIG_RECTIFY_LATE;
}

int
report_figure_is_cases(enum report_figure f)
{
	return f <= FIG_OPEN_RED;
}

/* The filters below are store_report_offices' counts, term by term. */
void
report_drill_filter(const struct report_drill *d, struct case_filter *f)
{
	memset(f, 0, sizeof *f);
	f->light = LIGHT_NONE;
	f->area = d->lo;
	f->office = d->office[0] ? d->office : NULL;
	f->today = d->today;
	switch (d->fig) {
	case FIG_RECEIVED:
		f->from = d->from;
		f->to = d->to;
		break;
	case FIG_FINISHED:
	case FIG_ON_TIME:
	case FIG_LATE:
		f->finished_from = d->from;
		f->finished_to = d->to;
		f->on_time = d->fig == FIG_ON_TIME ? 1 : d->fig == FIG_LATE ? 2 : 0;
		break;
	default:
		f->light = LIGHT_RED;
		break;
	}
}

struct records_walk {
	struct session *s;
	const struct report_drill *d;
	struct office_score *v;		/* the report's offices (the totals), by code */
	int n;
	report_record_fn fn;
	void *arg;
};

static int
listed(const struct records_walk *w, const char *office)
{
	int lo = 0, hi = w->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(w->v[mid].office, office);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

static int
late_counted(void *arg, const struct late_record *r, int days_over)
{
	struct records_walk *w = arg;

	/* As report_offices: the kind's figure, of an office with a row. */
	if (report_late_figure(r->kind) != w->d->fig)
		return 0;
	if (w->d->office[0] ? strcmp(w->d->office, r->office) != 0 : !listed(w, r->office))
		return 0;
	return w->fn(w->arg, r, days_over);
}

static int
open_order(void *arg, const struct late_record *r)
{
	struct records_walk *w = arg;
	int due, over = 0;

	if (clock_parse_date(r->due, &due) == 0 && due < session_today(w->s))
		over = clock_workdays(w->s->cal, due, session_today(w->s));
	return w->fn(w->arg, r, over);
}

int
report_records(struct session *s, const struct report_drill *d, report_record_fn fn,
    void *arg, char **cause)
{
	struct records_walk w;
	char hi[24];
	int from = 0, to = 0, today = session_today(s), rc;

	memset(&w, 0, sizeof w);
	w.s = s;
	w.d = d;
	w.fn = fn;
	w.arg = arg;
	snprintf(hi, sizeof hi, "%s:", d->lo);
	if (d->fig == FIG_OPEN_ORDERS) {
		if (store_order_open_each(s->st, d->lo, hi, d->office[0] ? d->office : NULL,
		    open_order, &w) < 0) {
			set_cause(cause, "%s", store_error(s->st));
			return EXIT_INTERNAL;
		}
		return EXIT_OK;
	}
	clock_parse_date(d->from, &from);
	clock_parse_date(d->to, &to);
	/* The totals count the records of the offices with a row. */
	if (!d->office[0] && report_offices(s->st, d->lo, hi, from, to, today, &w.v, &w.n) != 0) {
		free(w.v);
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	rc = record_late(s, d->lo, from, to, late_counted, &w, cause);
	free(w.v);
	return rc;
}

long
report_tenths(double i1, double i2, double i3, double i4, double i5, double r)
{
	double x = 1000 * (0.15 * i1 + 0.15 * i2 + 0.15 * i3 + 0.15 * i4 + 0.20 * i5 + 0.20 * r);

	/* Half up; the epsilon absorbs binary fractions (0.15 is not exact), so
	 * that a score of exactly 60 by hand is 600 tenths here too. */
	return (long)floor(x + 0.5 + 1e-6);
}

const char *
report_band(long tenths)
{
	if (tenths >= 900)
		return "优秀";
	if (tenths >= 800)
		return "良好";
	if (tenths >= 600)
		return "合格";
	return "不合格";
}

const char *
report_band_label(long tenths)
{
	static const char *const bands[] = { "优秀", "良好", "合格", "不合格" };
	static const char *const labels[] = {
		N_("excellent (优秀)"), N_("good (良好)"), N_("pass (合格)"), N_("fail (不合格)")
	};
	const char *b = report_band(tenths);
	int i;

	for (i = 0; i < 3 && strcmp(bands[i], b) != 0; i++)
		;
	return _(labels[i]);
}

struct citem {
	char code[24];
	char kind[48];
	int township, district, city;	/* the levels that handle it */
	int channels;			/* bits: 1 window, 2 online, 4 self-service */
	int depth;
};

/* What the office did with one item in the period. */
struct mark {
	unsigned char handled;		/* cases received, at most 3 */
	unsigned char channels;		/* channels they came in through */
	unsigned char online;		/* at least one came in online */
	unsigned char inaccurate;	/* an unlisted material asked for or complained of */
};

struct build {
	struct office_score *v;
	int n, cap;
	struct citem *items;
	int nitems, capitems;
	struct mark *marks;		/* per office, per catalog item */
	char (*kinds)[48];
	char (*levels)[16];
};

static int
channel_bits(const char *channels)
{
	return (strstr(channels, "window") ? 1 : 0) | (strstr(channels, "online") ? 2 : 0) |
	    (strstr(channels, "self-service") ? 4 : 0);
}

static int
bits(int x)
{
	return (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1);
}

static int
add_item(void *arg, const struct item *it)
{
	struct build *b = arg;
	struct citem *c;

	if (b->nitems == b->capitems) {
		b->capitems = b->capitems ? b->capitems * 2 : 128;
		b->items = xreallocarray(b->items, (size_t)b->capitems, sizeof *b->items);
	}
	c = &b->items[b->nitems++];
	utf8_copy(c->code, sizeof c->code, it->code);
	utf8_copy(c->kind, sizeof c->kind, it->dept_kind);
	c->township = strstr(it->levels, "township") != NULL;
	c->district = strstr(it->levels, "district") != NULL;
	c->city = strstr(it->levels, "city") != NULL;
	c->channels = channel_bits(it->channels);
	c->depth = it->online_depth;
	return 0;
}

static int
add_office(void *arg, const struct office_period *p)
{
	struct build *b = arg;
	struct office_score *o;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xreallocarray(b->v, (size_t)b->cap, sizeof *b->v);
		b->kinds = xreallocarray(b->kinds, (size_t)b->cap, sizeof *b->kinds);
		b->levels = xreallocarray(b->levels, (size_t)b->cap, sizeof *b->levels);
	}
	o = &b->v[b->n];
	memset(o, 0, sizeof *o);
	utf8_copy(o->office, sizeof o->office, p->office);
	utf8_copy(o->name, sizeof o->name, p->name);
	utf8_copy(o->area, sizeof o->area, p->area);
	utf8_copy(b->kinds[b->n], sizeof b->kinds[0], p->kind);
	utf8_copy(b->levels[b->n], sizeof b->levels[0], p->level);
	o->received = p->received;
	o->finished = p->finished;
	o->on_time = p->on_time;
	o->late = p->late;
	o->open_red = p->open_red;
	o->open_orders = p->open_orders;
	o->bad_ratings = p->bad_ratings;
	o->rating_sum = p->rating_sum;
	b->n++;
	return 0;
}

/* The routing of lifecycle_intake(): the lowest level that handles an
 * item, by the township centre there or the office of the item's kind. */
static int
competent(const struct citem *it, const char *kind, const char *level)
{
	if (strcmp(level, "township") == 0)
		return it->township;
	if (strcmp(it->kind, kind) != 0 || it->township)
		return 0;
	if (strcmp(level, "district") == 0)
		return it->district;
	return strcmp(level, "city") == 0 && it->city && !it->district;
}

static int
find_office(const struct build *b, const char *office)
{
	int lo = 0, hi = b->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(b->v[mid].office, office);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int
find_item(const struct build *b, const char *code)
{
	int i;

	for (i = 0; i < b->nitems; i++)
		if (strcmp(b->items[i].code, code) == 0)
			return i;
	return -1;
}

static int
on_usage(void *arg, const struct item_usage *u)
{
	struct build *b = arg;
	int o = find_office(b, u->office), i = find_item(b, u->item);
	struct mark *m;

	if (o < 0 || i < 0 || u->cases == 0)
		return 0;
	m = &b->marks[(size_t)o * (size_t)b->nitems + (size_t)i];
	m->handled = (unsigned char)(u->cases < 3 ? u->cases : 3);
	m->channels = (unsigned char)(u->channels & b->items[i].channels);
	m->online = u->online > 0;
	m->inaccurate = u->unlisted > 0 || u->complaints > 0;
	return 0;
}

static int
on_late(void *arg, const struct late_record *r)
{
	struct build *b = arg;
	int o = find_office(b, r->office);

	if (o < 0)
		return 0;
	switch (report_late_figure(r->kind)) {
	case FIG_ORDERS_LATE:
		b->v[o].orders_late++;
		break;
	case FIG_COMPLAINTS_LATE:
		b->v[o].complaints_late++;
		break;
	default:
		b->v[o].rectify_late++;
		break;
	}
	return 0;
}

static double
share(long num, long den)
{
	return den ? (double)num / (double)den : 1;
}

int
report_offices(struct store *st, const char *lo, const char *hi, int from, int to,
    int today, struct office_score **out, int *n)
{
	struct build b;
	char f[11], t[11], d[11];
	int o, i, failed;

	memset(&b, 0, sizeof b);
	clock_format_date(from, f);
	clock_format_date(to, t);
	clock_format_date(today, d);
	failed = store_item_each(st, NULL, add_item, &b) < 0 ||
	    store_report_offices(st, lo, hi, f, t, d, add_office, &b) < 0;
	b.marks = xcalloc((size_t)(b.n ? b.n : 1) * (size_t)(b.nitems ? b.nitems : 1), sizeof *b.marks);
	failed = failed || store_report_usage(st, lo, hi, f, t, on_usage, &b) < 0 ||
	    store_late_each(st, lo, hi, f, t, d, on_late, &b) < 0;
	for (o = 0; o < b.n; o++) {
		struct office_score *s = &b.v[o];

		for (i = 0; i < b.nitems; i++) {
			const struct mark *m = &b.marks[(size_t)o * (size_t)b.nitems + (size_t)i];
			const struct citem *it = &b.items[i];

			if (!m->handled && !competent(it, b.kinds[o], b.levels[o]))
				continue;
			s->items++;
			if (!m->handled)
				continue;
			s->handled++;
			s->accurate += !m->inaccurate;
			/* No more channels than it had cases to show them with. */
			s->channels_allowed += bits(it->channels) < m->handled ? bits(it->channels) :
			    m->handled;
			s->channels_used += bits(m->channels);
			if (it->depth == 4) {
				s->online_items++;
				s->online_done += m->online;
			}
		}
		s->i1 = share(s->channels_used, s->channels_allowed);
		s->i2 = share(s->handled, s->items);
		s->i3 = share(s->accurate, s->handled);
		s->i4 = share(s->online_done, s->online_items);
		s->graded = s->finished > 0;
		s->rate = s->finished ? (double)s->on_time / (double)s->finished : 0;
		s->sat = s->finished ? (double)s->rating_sum / (5.0 * (double)s->finished) : 0;
		s->i5 = s->rate * s->sat;
		s->tenths = report_tenths(s->i1, s->i2, s->i3, s->i4, s->i5, s->rate);
		s->score = (double)s->tenths / 10;
		s->band = s->graded ? report_band(s->tenths) : "";
	}
	free(b.items);
	free(b.marks);
	free(b.kinds);
	free(b.levels);
	*out = b.v;
	*n = b.n;
	return failed ? -1 : 0;
}

int
report_shortcomings(const struct office_score *o, enum report_shortcoming out[SHORT_COUNT])
{
	int n = 0;

	if (o->late > 0)
		out[n++] = SHORT_LATE;
	if (o->open_red > 0)
		out[n++] = SHORT_RED;
	if (o->accurate < o->handled)
		out[n++] = SHORT_GUIDE;
	if (o->channels_used < o->channels_allowed)
		out[n++] = SHORT_CHANNELS;
	if (o->online_done < o->online_items)
		out[n++] = SHORT_ONLINE;
	if (o->handled < o->items)
		out[n++] = SHORT_COVERAGE;
	if (o->bad_ratings > 0)
		out[n++] = SHORT_RATINGS;
	if (o->orders_late > 0)
		out[n++] = SHORT_ORDERS;
	if (o->rectify_late > 0)
		out[n++] = SHORT_RECTIFY;
	return n;
}
