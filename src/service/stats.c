/*
 * Summary upkeep and the dashboard's figures. A case contributes:
 *   open with a running clock   stat_open (by warn and due, the delivery
 *                               clock's once decided in time), stat_office,
 *                               stat_light (its light as of the stat day)
 *   open with a stopped clock   stat_frozen (by its fixed light), and
 *                               stat_frozen_red when that light is red
 *   open                        stat_step (where it waits, since when)
 *   every case                  stat_day received, stat_hall received
 *   completed                   stat_day finished (and on time)
 * store_stat_rebuild() computes the same from the cases alone.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "stats.h"
#include "store_appoint.h"
#include "tcase.h"
#include "util.h"

static int
running(const struct tcase *c)
{
	if (!c->open || (c->paused_since != NULL && *c->paused_since != '\0'))
		return 0;
	if (c->decided == NULL || *c->decided == '\0')
		return 1;
	/* art. 44: decided in time, the delivery clock runs (tcase_light_span). */
	return strcmp(c->decided, c->due) <= 0 && c->deliver_due != NULL && *c->deliver_due != '\0';
}

/* The warning and due dates of the clock that runs: the delivery clock's
 * once decided. */
static const char *
run_warn(const struct tcase *c)
{
	return c->decided != NULL && *c->decided != '\0' ? c->deliver_warn : c->warn;
}

static const char *
run_due(const struct tcase *c)
{
	return c->decided != NULL && *c->decided != '\0' ? c->deliver_due : c->due;
}

static int
contribute(struct store *st, const struct tcase *c, const char *day, long sign, char **cause)
{
	const char *area = c->office_region;
	const char *started = c->step_started && *c->step_started ? c->step_started :
	    c->accepted && *c->accepted ? c->accepted : c->submitted;
	char district[7];
	int d;

	snprintf(district, sizeof district, "%.6s", area);
	if (c->open) {
		if (running(c)) {
			/* Its light as of the day stat_light is kept for. */
			if (clock_parse_date(day, &d) != 0)
				d = clock_today();
			if (store_stat_open_add(st, area, c->status, run_warn(c), run_due(c), sign,
			    cause) ||
			    store_stat_office_add(st, c->office, area, run_due(c), sign, cause) ||
			    store_stat_light_add(st, area, c->status, (int)tcase_light(c, d), sign, cause))
				return -1;
		} else {
			enum light l = tcase_light(c, 0);	/* fixed: as of the pause or decision */

			if (store_stat_frozen_add(st, area, c->status, (int)l, sign, cause) ||
			    (l == LIGHT_RED && store_stat_frozen_red_add(st, c->office, area, sign, cause)))
				return -1;
		}
		if (store_stat_step_add(st, c->item, c->step, district, started, sign, cause))
			return -1;
	}
	if (store_stat_day_add(st, c->submitted, district, sign, 0, 0, cause) ||
	    store_stat_hall_add(st, c->submitted, c->hall_region, sign, cause))
		return -1;
	if (strcmp(c->status, "completed") == 0 && c->finished && *c->finished &&
	    store_stat_day_add(st, c->finished, district, 0, sign, c->on_time == 1 ? sign : 0, cause))
		return -1;
	return 0;
}

int
stats_case_change(struct store *st, const struct tcase *before, const struct tcase *after,
    char **cause)
{
	char *day = NULL;
	int rc = 0;

	if (store_meta_get(st, "stat_day", &day) != 0) {
		char today[11];

		/* No day yet: the lights are kept from today on. */
		clock_format_date(clock_today(), today);
		if (store_stat_roll(st, today, cause) != 0)
			return -1;
		day = xstrdup(today);
	}
	if (before != NULL && contribute(st, before, day, -1, cause) != 0)
		rc = -1;
	else if (after != NULL && contribute(st, after, day, 1, cause) != 0)
		rc = -1;
	free(day);
	return rc;
}

int
stats_roll(struct store *st, int today, char **cause)
{
	char *day = NULL, t[11];
	int rc = 0;

	clock_format_date(today, t);
	store_meta_get(st, "stat_day", &day);
	if (day != NULL && strcmp(day, t) == 0) {
		free(day);
		return 0;
	}
	free(day);
	/* Once a day, for everyone: whoever comes first recomputes the lights. */
	if (store_begin(st, cause) != 0)
		return -1;
	store_meta_get(st, "stat_day", &day);
	if (day == NULL || strcmp(day, t) != 0)
		rc = store_stat_roll(st, t, cause);
	free(day);
	if (rc == 0 && store_commit(st, cause) == 0)
		return 0;
	store_rollback(st);
	return -1;
}

/* Dashboard ------------------------------------------------------------------ */

struct build {
	struct dash *d;
	const struct calendar *cal;
	int today;
	int depth;
};

static struct dash_area *
area_of(struct dash *d, const char *code)
{
	int i;

	for (i = 0; i < d->nareas; i++)
		if (strcmp(d->areas[i].code, code) == 0)
			return &d->areas[i];
	if (d->nareas == DASH_AREAS)
		return NULL;
	snprintf(d->areas[d->nareas].code, sizeof d->areas[0].code, "%s", code);
	return &d->areas[d->nareas++];
}

static int
status_index(const char *s)
{
	int i;

	for (i = 0; tcase_statuses[i] != NULL; i++)
		if (strcmp(tcase_statuses[i], s) == 0)
			return i;
	return 0;
}

static void
count(struct build *b, const char *group, const char *status, int light, long n)
{
	struct dash_area *a = area_of(b->d, group);

	b->d->open += n;
	b->d->by_status[status_index(status)] += n;
	if (light == LIGHT_RED)
		b->d->red += n;
	else if (light == LIGHT_YELLOW)
		b->d->yellow += n;
	else
		b->d->green += n;
	if (a) {
		a->open += n;
		a->red += light == LIGHT_RED ? n : 0;
		a->yellow += light == LIGHT_YELLOW ? n : 0;
	}
}

static int
on_light(void *arg, const char *group, const char *status, int light, long n)
{
	struct build *b = arg;

	count(b, group, status, light, n);
	/* Unanswered past the 5 working days: deemed accepted (art. 32). */
	if (strcmp(status, "submitted") == 0 && light == LIGHT_RED)
		b->d->deemed += n;
	return 0;
}

static int
on_frozen(void *arg, const char *group, const char *status, int light, long n)
{
	count(arg, group, status, light, n);
	return 0;
}

static int
on_day(void *arg, const char *day, long received, long finished, long on_time)
{
	struct build *b = arg;
	int d, k, y, m, dd, ty, tm, td;

	if (clock_parse_date(day, &d) != 0)
		return 0;
	k = DASH_DAYS - 1 - (b->today - d);
	if (k >= 0 && k < DASH_DAYS) {
		b->d->received[k] += received;
		b->d->finished[k] += finished;
	}
	if (d == b->today) {
		b->d->received_today += received;
		b->d->finished_today += finished;
	}
	clock_ymd(d, &y, &m, &dd);
	clock_ymd(b->today, &ty, &tm, &td);
	if (y == ty && m == tm) {
		b->d->month_finished += finished;
		b->d->month_on_time += on_time;
	}
	return 0;
}

static int
on_office(void *arg, const char *office, const char *name, long n)
{
	struct build *b = arg;
	struct dash_top *t;

	if (b->d->noffices >= DASH_TOP)
		return 1;
	t = &b->d->offices[b->d->noffices++];
	snprintf(t->code, sizeof t->code, "%s", office);
	utf8_copy(t->name, sizeof t->name, name);
	t->n = n;
	return 0;
}

/* Waits of one (item, step): working days since each start, with counts. */
struct waits {
	char item[48];
	char name[192];
	char step_name[96];
	int step;
	int limit;
	int *w;
	long *n;
	int len, cap;
	long total;
	struct build *b;
};

static int
weighted(const struct waits *g, double q)
{
	long want = (long)(q * (double)g->total), seen = 0;
	int i;

	/* Waits arrive oldest start first, so largest wait first. */
	for (i = g->len - 1; i >= 0; i--) {
		seen += g->n[i];
		if (seen > want)
			return g->w[i];
	}
	return g->len ? g->w[0] : 0;
}

static void
close_group(struct waits *g)
{
	struct dash *d = g->b->d;
	struct dash_top t;
	int i, pos;

	if (g->len == 0)
		return;
	memset(&t, 0, sizeof t);
	snprintf(t.code, sizeof t.code, "%s", g->item);
	utf8_copy(t.name, sizeof t.name, g->name);
	utf8_copy(t.step, sizeof t.step, g->step_name);
	t.seq = g->step;
	t.n = g->total;
	t.median = weighted(g, 0.5);
	t.p90 = weighted(g, 0.9);
	t.limit = g->limit;
	/* A step late while it waits longer than its limit. */
	for (i = 0; i < g->len; i++)
		if (g->w[i] > g->limit)
			d->step_late += g->n[i];
	/* Keep the five longest waits (by p90, then median, then count). */
	for (pos = d->nbottlenecks; pos > 0; pos--) {
		struct dash_top *o = &d->bottlenecks[pos - 1];

		if (o->p90 > t.p90 || (o->p90 == t.p90 && (o->median > t.median ||
		    (o->median == t.median && o->n >= t.n))))
			break;
	}
	if (pos < DASH_TOP) {
		int last = d->nbottlenecks < DASH_TOP ? d->nbottlenecks : DASH_TOP - 1;

		memmove(&d->bottlenecks[pos + 1], &d->bottlenecks[pos],
		    (size_t)(last - pos) * sizeof t);
		d->bottlenecks[pos] = t;
		if (d->nbottlenecks < DASH_TOP)
			d->nbottlenecks++;
	}
	g->len = 0;
	g->total = 0;
}

static int
on_step(void *arg, const char *item, const char *item_name, int step, const char *step_name,
    int limit, const char *started, long n)
{
	struct waits *g = arg;
	int s;

	if (strcmp(g->item, item) != 0 || g->step != step) {
		close_group(g);
		snprintf(g->item, sizeof g->item, "%s", item);
		utf8_copy(g->name, sizeof g->name, item_name);
		utf8_copy(g->step_name, sizeof g->step_name, step_name);
		g->step = step;
		g->limit = limit;
	}
	if (clock_parse_date(started, &s) != 0)
		return 0;
	if (g->len == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->w = xreallocarray(g->w, (size_t)g->cap, sizeof *g->w);
		g->n = xreallocarray(g->n, (size_t)g->cap, sizeof *g->n);
	}
	g->w[g->len] = clock_workdays(g->b->cal, s, g->b->today);
	if (g->w[g->len] < 0)
		g->w[g->len] = 0;
	g->n[g->len] = n;
	g->len++;
	g->total += n;
	return 0;
}

struct halls {
	long busy;
	stats_hall_fn fn;
	void *arg;
};

static int
on_hall(void *arg, const char *hall, const char *name, long today, long total, long days)
{
	struct halls *h = arg;

	/* Busy: today at least twice the usual day, and at least 5. */
	if (today >= 5 && (days == 0 || today * days >= 2 * total)) {
		h->busy++;
		if (h->fn != NULL)
			return h->fn(h->arg, hall, name, today, days ? (double)total / (double)days : 0);
	}
	return 0;
}

static int
on_anomaly(void *arg, const char *kind, long cases)
{
	struct dash *d = arg;

	if (d->nanomalies < DASH_ANOMALIES) {
		snprintf(d->anomalies[d->nanomalies].kind, sizeof d->anomalies[0].kind, "%s", kind);
		d->anomalies[d->nanomalies++].n = cases;
	}
	return 0;
}

/* Supervision records past their deadlines, by kind. */
struct late_counts {
	long order, complaint, rectification;
};

static int
on_late(void *arg, const struct late_record *r)
{
	struct late_counts *n = arg;

	if (strcmp(r->kind, "order") == 0)
		n->order++;
	else if (strcmp(r->kind, "complaint") == 0)
		n->complaint++;
	else
		n->rectification++;
	return 0;
}

static void
add_anomaly(struct dash *d, const char *kind, long n)
{
	if (n > 0 && d->nanomalies < DASH_ANOMALIES) {
		snprintf(d->anomalies[d->nanomalies].kind, sizeof d->anomalies[0].kind, "%s", kind);
		d->anomalies[d->nanomalies++].n = n;
	}
}

static int
cmp_area(const void *a, const void *b)
{
	return strcmp(((const struct dash_area *)a)->code, ((const struct dash_area *)b)->code);
}

static void
bounds(const char *prefix, char lo[24], char hi[24])
{
	snprintf(lo, 24, "%s", prefix);
	snprintf(hi, 24, "%s:", prefix);
}

int
stats_dashboard_live(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d)
{
	struct build b;
	struct region r;
	char lo[24], hi[24], day[11], from[11], month[11];
	size_t n = strlen(prefix);
	int i, y, m, dd;

	stats_roll(st, today, NULL);
	memset(d, 0, offsetof(struct dash, offices));
	snprintf(d->scope, sizeof d->scope, "%s", prefix);
	bounds(prefix, lo, hi);
	if (n == 2)
		snprintf(d->scope_name, sizeof d->scope_name, "%s", _("the whole city"));
	else if (store_region_get(st, prefix, &r) == 0) {
		utf8_copy(d->scope_name, sizeof d->scope_name, r.name);
		region_release(&r);
	}
	b.d = d;
	b.cal = cal;
	b.today = today;
	/* The grid: districts for the city, townships (and the district's own
	 * departments) for a district. */
	b.depth = n <= 2 ? 6 : 9;
	clock_format_date(today, day);
	clock_format_date(today - DASH_DAYS + 1, from);
	clock_ymd(today, &y, &m, &dd);
	clock_format_date(clock_day_from_ymd(y, m, 1), month);
	if (strcmp(month, from) < 0)
		memcpy(from, month, sizeof from);
	if (store_stat_light_each(st, lo, hi, b.depth, on_light, &b) < 0 ||
	    store_stat_frozen_each(st, lo, hi, b.depth, on_frozen, &b) < 0 ||
	    store_stat_day_each(st, lo, hi, from, day, on_day, &b) < 0)
		return -1;
	qsort(d->areas, (size_t)d->nareas, sizeof d->areas[0], cmp_area);
	for (i = 0; i < d->nareas; i++) {
		if (strcmp(d->areas[i].code, "500000") == 0 && n <= 2)
			snprintf(d->areas[i].name, sizeof d->areas[i].name, "%s", _("city depts"));
		else if (store_region_get(st, d->areas[i].code, &r) == 0) {
			utf8_copy(d->areas[i].name, sizeof d->areas[i].name,
			    strlen(d->areas[i].code) == 6 && n > 2 ? _("district depts") : r.name);
			region_release(&r);
		}
	}
	return 0;
}

int
stats_dashboard_analysis(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d)
{
	struct build b;
	struct waits g;
	struct halls h = { 0 };
	struct late_counts late = { 0, 0, 0 };
	char lo[24], hi[24], day[11], from[11];
	long pledges = 0;
	int rc;

	d->noffices = d->nbottlenecks = d->nanomalies = 0;
	d->step_late = 0;
	bounds(prefix, lo, hi);
	b.d = d;
	b.cal = cal;
	b.today = today;
	b.depth = 0;
	clock_format_date(today, day);
	if (store_stat_office_red(st, lo, hi, day, DASH_TOP, on_office, &b) < 0)
		return -1;
	memset(&g, 0, sizeof g);
	g.b = &b;
	g.step = -1;
	rc = store_stat_step_each(st, lo, hi, on_step, &g);
	close_group(&g);
	free(g.w);
	free(g.n);
	if (rc < 0)
		return -1;
	/* Anomalies: recorded ones of the last 30 days, and those read off the sums. */
	clock_format_date(today - 30, from);
	if (store_anomaly_cases(st, lo, hi, from, day, on_anomaly, d) < 0)
		return -1;
	add_anomaly(d, "deemed", d->deemed);
	add_anomaly(d, "step_late", d->step_late);
	/* Supervision records past their deadlines: pending now, or met late in
	 * the same 30 days. */
	if (store_late_each(st, lo, hi, from, day, day, on_late, &late) < 0)
		return -1;
	add_anomaly(d, "complaint_late", late.complaint);
	add_anomaly(d, "order_late", late.order);
	add_anomaly(d, "rectify_late", late.rectification);
	/* 容缺受理: pledged materials not handed in by the day pledged. */
	if (store_pledge_overdue(st, lo, hi, day, &pledges) != 0)
		return -1;
	add_anomaly(d, "pledge_overdue", pledges);
	/* art. 45: special procedures running past the period told. */
	if (store_suspend_overdue(st, lo, hi, day, &pledges) != 0)
		return -1;
	add_anomaly(d, "suspend_overdue", pledges);
	/* 预约: inspection requests unanswered past their response time. */
	{
		char now[17];

		clock_format_moment(clock_now(today), now);
		if (store_appointment_waiting_late(st, lo, hi, now, &pledges) != 0)
			return -1;
		add_anomaly(d, "appointment_waiting", pledges);
	}
	clock_format_date(clock_sub(cal, today, 20), from);
	if (store_stat_hall_each(st, lo, hi, from, day, on_hall, &h) < 0)
		return -1;
	add_anomaly(d, "busy_hall", h.busy);
	return 0;
}

int
stats_busy_halls(struct store *st, const struct calendar *cal, const char *prefix,
    int today, stats_hall_fn fn, void *arg)
{
	struct halls h = { 0, fn, arg };
	char lo[24], hi[24], day[11], from[11];

	bounds(prefix, lo, hi);
	clock_format_date(today, day);
	clock_format_date(clock_sub(cal, today, 20), from);
	return store_stat_hall_each(st, lo, hi, from, day, on_hall, &h) < 0 ? -1 : 0;
}

/* Drill-downs ------------------------------------------------------------------ */

static int
kind_is(const char *kind, const char *a)
{
	return strcmp(kind, a) == 0;
}

enum dash_list
stats_drill(const struct dash *d, enum dash_fig fig, int i, int today, struct case_query *q,
    long *n)
{
	const char *what = NULL;
	int y, m, dd;

	memset(q, 0, sizeof *q);
	*n = 0;
	/* Every figure counts the cases handled by an office in the scope. */
	snprintf(q->area, sizeof q->area, "%s", d->scope);
	switch (fig) {
	case DASH_OPEN:
		q->open_only = 1;
		*n = d->open;
		what = _("open cases");
		break;
	case DASH_LIGHT:
		if (i < LIGHT_GREEN || i > LIGHT_RED)
			return DASH_LIST_NONE;
		q->light = i;
		q->open_only = 1;
		*n = i == LIGHT_RED ? d->red : i == LIGHT_YELLOW ? d->yellow : d->green;
		what = tcase_light_label((enum light)i);
		break;
	case DASH_STATUS:
		if (i < 0 || i >= 10 || tcase_statuses[i] == NULL)
			return DASH_LIST_NONE;
		snprintf(q->status, sizeof q->status, "%s", tcase_statuses[i]);
		q->open_only = 1;
		*n = d->by_status[i];
		what = tcase_status_label(tcase_statuses[i]);
		break;
	case DASH_RECEIVED:
		clock_format_date(today, q->from);
		memcpy(q->to, q->from, sizeof q->to);
		q->newest = 1;
		*n = d->received_today;
		what = _("received today");
		break;
	case DASH_FINISHED:
		clock_format_date(today, q->finished_from);
		memcpy(q->finished_to, q->finished_from, sizeof q->finished_to);
		q->newest = 1;
		*n = d->finished_today;
		what = _("finished today");
		break;
	case DASH_MONTH:
		clock_ymd(today, &y, &m, &dd);
		clock_format_date(clock_day_from_ymd(y, m, 1), q->finished_from);
		clock_format_date(today, q->finished_to);
		q->newest = 1;
		*n = d->month_finished;
		what = _("finished this month");
		break;
	case DASH_AREA:
	case DASH_AREA_YELLOW:
	case DASH_AREA_RED:
		if (i < 0 || i >= d->nareas)
			return DASH_LIST_NONE;
		snprintf(q->area, sizeof q->area, "%s", d->areas[i].code);
		/* A district's grid has its townships and its own offices (the
		 * district's code): those are exactly that region. */
		q->area_exact = strlen(d->scope) > 2 && strcmp(d->areas[i].code, d->scope) == 0;
		q->open_only = 1;
		q->light = fig == DASH_AREA_RED ? LIGHT_RED : fig == DASH_AREA_YELLOW ?
		    LIGHT_YELLOW : LIGHT_NONE;
		*n = fig == DASH_AREA_RED ? d->areas[i].red : fig == DASH_AREA_YELLOW ?
		    d->areas[i].yellow : d->areas[i].open;
		snprintf(q->title, sizeof q->title, "%s · %s", d->areas[i].name,
		    fig == DASH_AREA ? _("open cases") : tcase_light_label((enum light)q->light));
		return DASH_LIST_CASES;
	case DASH_BOTTLENECK:
		if (i < 0 || i >= d->nbottlenecks)
			return DASH_LIST_NONE;
		snprintf(q->item, sizeof q->item, "%s", d->bottlenecks[i].code);
		q->by_step = 1;
		q->step = d->bottlenecks[i].seq;
		q->open_only = 1;
		*n = d->bottlenecks[i].n;
		snprintf(q->title, sizeof q->title, _("waiting in %s · %s"), d->bottlenecks[i].name,
		    d->bottlenecks[i].step);
		return DASH_LIST_CASES;
	case DASH_OFFICE:
		if (i < 0 || i >= d->noffices)
			return DASH_LIST_NONE;
		snprintf(q->office, sizeof q->office, "%s", d->offices[i].code);
		q->light = LIGHT_RED;
		q->open_only = 1;
		*n = d->offices[i].n;
		snprintf(q->title, sizeof q->title, "%s · %s", _("red cases"), d->offices[i].name);
		return DASH_LIST_CASES;
	case DASH_ANOMALY: {
		const char *k;

		if (i < 0 || i >= d->nanomalies)
			return DASH_LIST_NONE;
		k = d->anomalies[i].kind;
		*n = d->anomalies[i].n;
		snprintf(q->title, sizeof q->title, "%s", tcase_anomaly_label(k));
		q->newest = 1;
		if (kind_is(k, "complaint_late") || kind_is(k, "order_late") ||
		    kind_is(k, "rectify_late")) {
			snprintf(q->anomaly, sizeof q->anomaly, "%s", kind_is(k, "order_late") ? "order" :
			    kind_is(k, "complaint_late") ? "complaint" : "rectification");
			return DASH_LIST_LATE;
		}
		if (kind_is(k, "appointment_waiting"))
			return DASH_LIST_APPTS;
		if (kind_is(k, "busy_hall"))
			return DASH_LIST_HALLS;
		if (kind_is(k, "deemed")) {
			snprintf(q->status, sizeof q->status, "submitted");
			q->light = LIGHT_RED;
			q->open_only = 1;
		} else if (kind_is(k, "step_late")) {
			q->step_late = 1;
			q->open_only = 1;
		} else if (kind_is(k, "pledge_overdue"))
			q->pledge_overdue = 1;
		else if (kind_is(k, "suspend_overdue"))
			q->suspend_overdue = 1;
		else {
			/* Recorded: the cases with one in the last 30 days. */
			snprintf(q->anomaly, sizeof q->anomaly, "%s", k);
			clock_format_date(today - 30, q->anomaly_from);
			clock_format_date(today, q->anomaly_to);
		}
		return DASH_LIST_CASES;
	}
	default:
		return DASH_LIST_NONE;
	}
	snprintf(q->title, sizeof q->title, "%s · %s", what, d->scope_name);
	return DASH_LIST_CASES;
}

int
stats_dashboard(struct store *st, const struct calendar *cal, const char *prefix,
    int today, struct dash *d)
{
	if (stats_dashboard_live(st, cal, prefix, today, d) != 0)
		return -1;
	return stats_dashboard_analysis(st, cal, prefix, today, d);
}
