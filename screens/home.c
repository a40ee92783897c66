/*
 * Home: who is logged in and where, what they can do, and the latest cases
 * in their scope.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caselist.h"
#include "access.h"
#include "appoint.h"
#include "appts.h"
#include "i18n.h"
#include "project_screens.h"
#include "tcase.h"
#include "admin.h"
#include "queries.h"
#include "ui.h"
#include "util.h"

struct home {
	struct caselist recent;
	char *region_name;
	int generation;
	char draft_kind[16];	/* an unfinished form from a dropped link */
	char draft_saved[32];
	long red, yellow, orders, complaints;	/* reminders for an office */
	long appt_waiting, appt_overdue;	/* inspection requests to answer (预约) */
	const char *bar[32];	/* the key bar drawn (F1 lists it) */
};

static int
count_appt(void *arg, const struct appointment *a)
{
	long *n = arg;

	(void)a;
	(*n)++;
	return 0;
}

static int
count_row(void *arg, int n, const char *const *v)
{
	(void)n;
	(void)v;
	(*(long *)arg)++;
	return 0;
}

/* 催办 and 提醒: the office's red and yellow cases, its open supervision
 * orders and complaints waiting for an answer, shown at every login. */
static void
reminders(struct ui *ui, struct home *h)
{
	const char *office, *hall;
	char today[11];
	long n[4];

	h->red = h->yellow = h->orders = h->complaints = 0;
	if (access_worklist(&ui->s->user, &office, &hall) != 0)
		return;
	clock_format_date(session_today(ui->s), today);
	if (store_worklist_lights(ui->s->st, office, hall, today, 0, n) == 0) {
		h->red = n[LIGHT_RED];
		h->yellow = n[LIGHT_YELLOW];
	}
	store_supervision_each(ui->s->st, "", "", ui->s->user.office, "open", count_row, &h->orders);
	store_complaint_each(ui->s->st, "", "", ui->s->user.office, "accepted", count_row, &h->complaints);
	/* 预约: the office's requests waiting for an answer, and those past time. */
	h->appt_waiting = h->appt_overdue = 0;
	if (office != NULL) {
		struct appoint_filter f;
		long now = appoint_now(ui->s);

		memset(&f, 0, sizeof f);
		f.office = office;
		f.status = "requested";
		appoint_list(ui->s, &f, now, count_appt, &h->appt_waiting, NULL);
		f.overdue = 1;
		appoint_list(ui->s, &f, now, count_appt, &h->appt_overdue, NULL);
	}
}

static void
load(struct ui *ui, struct home *h)
{
	struct case_filter f;

	memset(&f, 0, sizeof f);
	/* A few rows only: home is drawn at every login and every return. */
	f.limit = 8;
	caselist_load(ui, &h->recent, &f);
	h->generation = ui->generation;
	reminders(ui, h);
}


static void *
home_enter(struct ui *ui, const void *arg)
{
	struct home *h = xcalloc(1, sizeof *h);
	struct region r;
	int k;

	(void)arg;
	if (store_region_get(ui->s->st, ui->s->user.region, &r) == 0) {
		h->region_name = xstrdup(r.name);
		region_release(&r);
	}
	load(ui, h);
	for (k = 0; k < 5; k++) {
		static const char *const kinds[] = { "intake", "act", "appt", "project", "admin" };
		char *data = NULL, *saved = NULL;

		if (store_draft_get(ui->s->st, ui->s->user.login, kinds[k], &data, &saved) == 0) {
			snprintf(h->draft_kind, sizeof h->draft_kind, "%s", kinds[k]);
			snprintf(h->draft_saved, sizeof h->draft_saved, "%s", saved);
			if (k == 1) {
				char *no = ui_draft_value(data, "no");

				snprintf(h->draft_saved, sizeof h->draft_saved, "%s", no ? no : "");
				free(no);
			}
		}
		free(data);
		free(saved);
		if (h->draft_kind[0])
			break;
	}
	return h;
}

static void
home_draw(struct ui *ui, void *state)
{
	static const char *const keys_clerk[] = {
		"n", N_("intake"), "w", N_("worklist"), "/", N_("find case"), "a",
		N_("inspections"), "P", N_("projects"), "o", N_("orders"), "F1", N_("help"),
		"q", N_("quit"), "e", N_("ratings"), "F", N_("flowcharts"), "i", N_("item catalog"),
		"Q", N_("saved queries"), NULL
	};
	static const char *const keys_approver[] = {
		"w", N_("worklist"), "/", N_("find case"), "a", N_("inspections"), "P", N_("projects"),
		"o", N_("orders"), "F1", N_("help"), "q", N_("quit"), "e", N_("ratings"),
		"F", N_("flowcharts"), "i", N_("item catalog"), "Q", N_("saved queries"), NULL
	};
	static const char *const keys[] = {
		"d", N_("dashboard"), "p", N_("reports"), "P", N_("projects"), "o", N_("orders"),
		"c", N_("complaints"), "/", N_("find case"), "F1", N_("help"), "q", N_("quit"),
		"e", N_("ratings"), "F", N_("flowcharts"), "i", N_("item catalog"),
		"Q", N_("saved queries"), NULL
	};
	/* The admin's own screens first: users and keys, the catalog. */
	static const char *const keys_admin[] = {
		"u", N_("users"), "i", N_("item catalog"), "d", N_("dashboard"), "o", N_("orders"),
		"/", N_("find case"), "F1", N_("help"), "q", N_("quit"), "P", N_("projects"),
		"e", N_("ratings"), "F", N_("flowcharts"), "Q", N_("saved queries"), NULL
	};
	struct home *h = state;
	char line[512];
	int y = 2;

	if (h->generation != ui->generation)
		load(ui, h);

	ui_title(ui, _("tongban · city-wide approval and efficiency supervision"));
	snprintf(line, sizeof line, _("Welcome, %s (%s) · %s%s%s"),
	    *ui->s->user.name ? ui->s->user.name : ui->s->user.login, role_label(ui->s->user.role),
	    h->region_name ? h->region_name : ui->s->user.region,
	    ui->office_name ? " · " : "", ui->office_name ? ui->office_name : "");
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, line);
	attrset(A_NORMAL);
	/* A short window (40x12) keeps its lines for the cases: the hint is
	 * in the key bar and F1. */
	if (ui->rows >= 16)
		ui_put(y++, 1, ui->cols - 2,
		    _("Press / to look up a case by number, applicant ID, name or phone."));
	if (h->red || h->yellow || h->orders || h->complaints) {
		snprintf(line, sizeof line, _("overdue (催办) %ld · due soon (提醒) %ld · orders to answer "
		    "%ld · complaints %ld"), h->red, h->yellow, h->orders, h->complaints);
		attrset(h->red || h->orders ? ui_attr_light(ui, LIGHT_RED) : ui_attr_light(ui, LIGHT_YELLOW));
		ui_put(y++, 1, ui->cols - 2, line);
		attrset(A_NORMAL);
	}
	if (h->appt_waiting) {
		snprintf(line, sizeof line, _("inspection requests to answer (预约) %ld · past their "
		    "response time %ld: a opens them"), h->appt_waiting, h->appt_overdue);
		attrset(ui_attr_light(ui, h->appt_overdue ? LIGHT_RED : LIGHT_YELLOW));
		ui_put(y++, 1, ui->cols - 2, line);
		attrset(A_NORMAL);
	}
	if (h->draft_kind[0]) {
		if (strcmp(h->draft_kind, "intake") == 0)
			snprintf(line, sizeof line, _("An unfinished intake form from %s was kept: "
			    "r resumes it, x discards it."), h->draft_saved);
		else if (strcmp(h->draft_kind, "appt") == 0)
			snprintf(line, sizeof line, _("An unfinished inspection form from %s was kept: "
			    "r resumes it, x discards it."), h->draft_saved);
		else if (strcmp(h->draft_kind, "project") == 0)
			snprintf(line, sizeof line, _("An unfinished project form from %s was kept: "
			    "r resumes it, x discards it."), h->draft_saved);
		else if (strcmp(h->draft_kind, "admin") == 0)
			snprintf(line, sizeof line, _("An unfinished form (users or catalog) from %s was "
			    "kept: r resumes it, x discards it."), h->draft_saved);
		else
			snprintf(line, sizeof line, _("An unfinished action on case %s was kept: "
			    "r resumes it, x discards it."), h->draft_saved);
		attrset(A_BOLD | (ui->color ? COLOR_PAIR(UI_PAIR_YELLOW) : A_REVERSE));
		ui_put(y, 1, ui->cols - 2, line);
		attrset(A_NORMAL);
		if (ui->rows < 16)
			y++;
	}
	if (ui->rows >= 16)
		y++;
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, _("Latest cases you can see"));
	attrset(A_NORMAL);
	caselist_header(ui, y++);
	if (h->recent.n == 0)
		ui_put(y, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &h->recent.list, y, ui->rows - 3 - y);
	{
		/* A kept draft adds its two keys, so that F1 lists them too. */
		const char *const *src = access_has(&ui->s->user, RIGHT_USER_ADMIN) ? keys_admin :
		    access_has(&ui->s->user, RIGHT_CASE_INTAKE) ? keys_clerk :
		    access_has(&ui->s->user, RIGHT_CASE_WORK) ? keys_approver : keys;
		int n = 0;

		if (h->draft_kind[0]) {
			h->bar[n++] = "r";
			h->bar[n++] = N_("resume the draft");
			h->bar[n++] = "x";
			h->bar[n++] = N_("discard the draft");
		}
		for (; *src && n < 30; src++)
			h->bar[n++] = *src;
		h->bar[n] = NULL;
		ui_keybar(ui, h->bar);
	}
}

static int
home_key(struct ui *ui, void *state, struct ui_key k)
{
	struct home *h = state;

	if (!k.fkey && k.ch == L'u' && access_has(&ui->s->user, RIGHT_USER_ADMIN)) {
		ui_push(ui, &screen_users, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'i') {
		ui_push(ui, &screen_items, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'd') {
		ui_push(ui, &screen_dash, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'p' && access_has(&ui->s->user, RIGHT_ORDER_ISSUE)) {
		ui_push(ui, &screen_reports, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'o') {
		ui_push(ui, &screen_records, "order");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'c' && access_has(&ui->s->user, RIGHT_ORDER_ISSUE)) {
		ui_push(ui, &screen_records, "complaint");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'e') {
		ui_push(ui, &screen_records, "rating");
		return UI_HANDLED | UI_REDRAW;
	}
	/* Investment projects and their flowcharts (project_screens.h). F is
	 * last in the key bar, so that 80 columns keep "/ find case" in
	 * English; the help lists it, and the projects screen has f. */
	if (!k.fkey && k.ch == L'Q') {
		ui_push(ui, &screen_queries, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'P') {
		ui_push(ui, &screen_projects, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'F') {
		ui_push(ui, &screen_flowlist, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'a') {
		/* 预约: an inspector opens the day's visits, others every appointment. */
		ui_push(ui, &screen_appts, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'w') {
		ui_push(ui, &screen_worklist, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'n') {
		ui_push(ui, &screen_intake, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && h->draft_kind[0] && (k.ch == L'r' || k.ch == L'x')) {
		if (k.ch == L'x')
			store_draft_delete(ui->s->st, ui->s->user.login, h->draft_kind);
		else if (strcmp(h->draft_kind, "intake") == 0)
			ui_push(ui, &screen_intake, "draft");
		else if (strcmp(h->draft_kind, "appt") == 0)
			ui_push(ui, &screen_appt_form, "draft");
		else if (strcmp(h->draft_kind, "project") == 0)
			projact_resume(ui);
		else if (strcmp(h->draft_kind, "admin") == 0)
			ui_push(ui, &screen_admform, "draft");
		else if (ui_push(ui, &screen_detail, h->draft_saved) == 0)
			ui_push(ui, &screen_act, h->draft_saved);
		h->draft_kind[0] = '\0';
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && (k.ch == L'\r' || k.ch == L'\n'))
		return caselist_open(ui, &h->recent);
	if (k.fkey && k.ch == KEY_ENTER)
		return caselist_open(ui, &h->recent);
	return ui_list_key(&h->recent.list, k, ui->rows - 9);
}

static void
home_leave(struct ui *ui, void *state)
{
	struct home *h = state;

	(void)ui;
	caselist_release(&h->recent);
	free(h->region_name);
	free(h);
}

const struct screen screen_home = {
	.name = "home",
	.enter = home_enter,
	.draw = home_draw,
	.key = home_key,
	.leave = home_leave,
};
