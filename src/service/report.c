/*
 * Report periods and office scores; see report.h for the formula.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

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

const char *
report_band(double score)
{
	if (score >= 90)
		return "优秀";
	if (score >= 80)
		return "良好";
	if (score >= 60)
		return "合格";
	return "不合格";
}

struct citem {
	char code[24];
	char kind[48];
	char levels[48];
	int all_channels;
	int depth4;
};

struct build {
	struct office_score *v;
	int n, cap;
	struct citem *items;
	int nitems, capitems;
	/* per office, a mark per catalog item: 1 handled, 2 handled and accurate */
	unsigned char *marks;
	char (*kinds)[48];
	char (*levels)[16];
};

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
	utf8_copy(c->levels, sizeof c->levels, it->levels);
	c->all_channels = strstr(it->channels, "window") && strstr(it->channels, "online") &&
	    strstr(it->channels, "self-service");
	c->depth4 = it->online_depth == 4;
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
	o->rate = p->finished ? (double)p->on_time / (double)p->finished : 0;
	o->i5 = p->w > 0 ? p->w_on_time / p->w : 0;
	b->n++;
	return 0;
}

static int
in_catalog(const struct citem *it, const char *kind, const char *level)
{
	return strcmp(it->kind, kind) == 0 && strstr(it->levels, level) != NULL;
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
on_usage(void *arg, const char *office, const char *item, long cases, long supplements,
    long complaints)
{
	struct build *b = arg;
	int o = find_office(b, office), i = find_item(b, item);

	if (o < 0 || i < 0 || cases == 0)
		return 0;
	b->marks[(size_t)o * (size_t)b->nitems + (size_t)i] = supplements == 0 && complaints == 0 ? 2 : 1;
	return 0;
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
	b.marks = xcalloc((size_t)(b.n ? b.n : 1) * (size_t)(b.nitems ? b.nitems : 1), 1);
	failed = failed || store_report_usage(st, lo, hi, f, t, on_usage, &b) < 0;
	for (o = 0; o < b.n; o++) {
		struct office_score *s = &b.v[o];
		long items = 0, every = 0, deep = 0, handled = 0, accurate = 0;

		for (i = 0; i < b.nitems; i++) {
			unsigned char m = b.marks[(size_t)o * (size_t)b.nitems + (size_t)i];

			if (!in_catalog(&b.items[i], b.kinds[o], b.levels[o]))
				continue;
			items++;
			every += b.items[i].all_channels;
			deep += b.items[i].depth4;
			handled += m > 0;
			accurate += m == 2;
		}
		s->items = items;
		s->handled = handled;
		s->i1 = items ? (double)every / (double)items : 0;
		s->i2 = items ? (double)handled / (double)items : 0;
		s->i3 = handled ? (double)accurate / (double)handled : 1;
		s->i4 = items ? (double)deep / (double)items : 0;
		s->graded = s->finished > 0;
		s->score = 100 * (0.15 * s->i1 + 0.15 * s->i2 + 0.15 * s->i3 + 0.15 * s->i4 +
		    0.20 * s->i5 + 0.20 * s->rate);
		s->band = s->graded ? report_band(s->score) : "";
	}
	free(b.items);
	free(b.marks);
	free(b.kinds);
	free(b.levels);
	*out = b.v;
	*n = b.n;
	return failed ? -1 : 0;
}
