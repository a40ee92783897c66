/*
 * The worklist (待办): the cases that need the user's office, most urgent
 * first, with their light and working days left. Enter opens a case, a acts
 * on it at once. Work inside an office (分办): v shows the whole list, the
 * cases given to the user, or those given to nobody; Space marks rows; A
 * accepts the marked cases, g gives them (or the selected one) to a person
 * of the office -- each case its own action and its own event.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "caselist.h"
#include "exitcode.h"
#include "i18n.h"
#include "lifecycle.h"
#include "ui.h"
#include "util.h"

#define MAX_PEOPLE 64

struct worklist {
	struct caselist list;
	long total;		/* the whole list's length, counted */
	int generation;
	int view;		/* 1 all, 2 mine, 3 unassigned */
	char (*marks)[32];	/* the numbers of the marked cases */
	int nmarks, capmarks;
	/* Choosing whom to give the cases to: the office's people. */
	int choosing;
	char people[MAX_PEOPLE][64];
	char names[MAX_PEOPLE][128];
	int npeople, psel;
};

static int
is_marked(void *arg, const struct tcase *c)
{
	struct worklist *w = arg;
	int i;

	for (i = 0; i < w->nmarks; i++)
		if (strcmp(w->marks[i], c->no) == 0)
			return 1;
	return 0;
}

static void
toggle_mark(struct worklist *w, const char *no)
{
	int i;

	for (i = 0; i < w->nmarks; i++)
		if (strcmp(w->marks[i], no) == 0) {
			memmove(w->marks[i], w->marks[i + 1], (size_t)(w->nmarks - i - 1) * 32);
			w->nmarks--;
			return;
		}
	if (w->nmarks == w->capmarks) {
		w->capmarks = w->capmarks ? w->capmarks * 2 : 16;
		w->marks = xreallocarray(w->marks, (size_t)w->capmarks, 32);
	}
	snprintf(w->marks[w->nmarks++], 32, "%s", no);
}

static void
load(struct ui *ui, struct worklist *w)
{
	const char *office = NULL, *hall = NULL;
	char today[11];
	long n[4];

	access_worklist(&ui->s->user, &office, &hall);
	if (w->list.ui == NULL || w->list.worklist != w->view)
		caselist_load_view(ui, &w->list, office, hall, w->view);
	else
		caselist_reload(&w->list);
	w->list.marked = is_marked;
	w->list.marked_arg = w;
	clock_format_date(session_today(ui->s), today);
	w->total = w->list.n;
	if (w->view == 1 && store_worklist_lights(ui->s->st, office, hall, today, 1, n) == 0)
		w->total = n[1] + n[2] + n[3];
	w->generation = ui->generation;
}

static void *
worklist_enter(struct ui *ui, const void *arg)
{
	struct worklist *w;

	(void)arg;
	if (!access_has(&ui->s->user, RIGHT_CASE_WORK)) {
		ui_message(ui, 1, "%s", _("worklists are for clerks and approvers"));
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->view = 1;
	load(ui, w);
	return w;
}

static int
add_person(void *arg, const struct user *u, int nkeys)
{
	struct worklist *w = arg;

	(void)nkeys;
	if (w->npeople < MAX_PEOPLE && access_may_be_given(u, w->list.office)) {
		snprintf(w->people[w->npeople], sizeof w->people[0], "%s", u->login);
		snprintf(w->names[w->npeople], sizeof w->names[0], "%s  %s", u->login,
		    u->name ? u->name : "");
		w->npeople++;
	}
	return 0;
}

static void
worklist_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "a", N_("act"), "Space", N_("mark"), "A", N_("accept marked"),
		"g", N_("give to"), "v", N_("view"), "/", N_("find case"), "q", N_("back"), NULL
	};
	static const char *const keys_choose[] = {
		"↑↓", N_("choose"), "Enter", N_("give"), "Esc", N_("cancel"), NULL
	};
	static const char *const views[] = { "", N_("all"), N_("given to me"),
		N_("given to nobody") };
	struct worklist *w = state;
	char buf[256];
	int y = 2, i;

	if (w->generation != ui->generation)
		load(ui, w);
	snprintf(buf, sizeof buf, "%s · %s", _("tongban · worklist"),
	    ui->office_name ? ui->office_name : ui->s->user.region);
	ui_title(ui, buf);
	if (w->view == 1)
		snprintf(buf, sizeof buf, _("%ld cases need your office, most urgent first"), w->total);
	else
		snprintf(buf, sizeof buf, _("%d cases %s, most urgent first"), w->list.n,
		    _(views[w->view]));
	if (w->nmarks > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), _(" · %d marked"), w->nmarks);
	ui_put(y++, 1, ui->cols - 2, buf);
	if (w->choosing) {
		snprintf(buf, sizeof buf, _("give %d case(s) to:"), w->nmarks ? w->nmarks : 1);
		ui_put(y++, 1, ui->cols - 2, buf);
		for (i = 0; i < w->npeople && y < ui->rows - 2; i++, y++) {
			attrset(i == w->psel ? A_REVERSE : A_NORMAL);
			ui_put_pad(y, 3, ui->cols - 4, w->names[i]);
			attrset(A_NORMAL);
		}
		ui_keybar(ui, keys_choose);
		return;
	}
	caselist_header(ui, y++);
	if (w->list.n == 0)
		ui_put(y, 1, ui->cols - 2, _("(nothing to do)"));
	else
		ui_list_draw(ui, &w->list.list, y, ui->rows - 2 - y);
	ui_keybar(ui, keys);
}

/* The numbers an action on several applies to: the marked ones, else the
 * selected row. */
static int
targets(struct worklist *w, char (**out)[32])
{
	if (w->nmarks > 0) {
		*out = w->marks;
		return w->nmarks;
	}
	if (w->list.n == 0)
		return 0;
	*out = xmalloc(32);
	snprintf((*out)[0], 32, "%s", w->list.cases[w->list.list.sel].no);
	return 1;
}

/* Each case its own action, its own transaction and event; say how many
 * were done and the first refusal. */
static int
for_each(struct ui *ui, struct worklist *w, const char *action, const char *login)
{
	char (*nos)[32] = NULL, *cause = NULL, first[300] = "";
	int n = targets(w, &nos), i, done = 0, refused = 0;

	for (i = 0; i < n; i++) {
		int rc;

		if (action != NULL) {
			struct act_args a;

			memset(&a, 0, sizeof a);
			a.action = action;
			a.expect_version = -1;
			a.fee_cents = -1;
			rc = lifecycle_act(ui->s, nos[i], &a, &cause);
		} else
			rc = lifecycle_assign(ui->s, nos[i], login, -1, NULL, &cause);
		if (rc == EXIT_OK)
			done++;
		else {
			if (refused++ == 0)
				snprintf(first, sizeof first, "%s: %s", nos[i], cause ? cause : "?");
		}
		free(cause);
		cause = NULL;
	}
	if (nos != w->marks)
		free(nos);
	w->nmarks = 0;
	ui->generation++;
	if (refused)
		ui_message(ui, 1, _("%d done, %d refused (%s)"), done, refused, first);
	else
		ui_message(ui, 0, _("%d done"), done);
	return UI_HANDLED | UI_REDRAW;
}

static int
worklist_key(struct ui *ui, void *state, struct ui_key k)
{
	struct worklist *w = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);

	if (w->choosing) {
		if (k.fkey && k.ch == KEY_DOWN && w->psel < w->npeople - 1)
			w->psel++;
		else if (k.fkey && k.ch == KEY_UP && w->psel > 0)
			w->psel--;
		else if (enter && w->npeople > 0) {
			w->choosing = 0;
			return for_each(ui, w, NULL, w->people[w->psel]);
		} else if (!k.fkey && (k.ch == 27 || k.ch == 3)) {
			w->choosing = 0;
		} else
			return UI_HANDLED;
		return UI_HANDLED | UI_REDRAW;
	}
	if (enter)
		return caselist_open(ui, &w->list);
	if (!k.fkey && k.ch == L'a' && w->list.n > 0) {
		ui_push(ui, &screen_act, w->list.cases[w->list.list.sel].no);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L' ' && w->list.n > 0) {
		toggle_mark(w, w->list.cases[w->list.list.sel].no);
		if (w->list.list.sel < w->list.n - 1)
			w->list.list.sel++;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'A' && (w->nmarks > 0 || w->list.n > 0))
		return for_each(ui, w, "accept", NULL);
	if (!k.fkey && k.ch == L'g' && (w->nmarks > 0 || w->list.n > 0)) {
		w->npeople = w->psel = 0;
		store_user_each(ui->s->st, add_person, w);
		if (w->npeople == 0) {
			ui_message(ui, 1, "%s", _("nobody in your office to give cases to"));
			return UI_HANDLED | UI_REDRAW;
		}
		w->choosing = 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'v') {
		w->view = w->view % 3 + 1;
		w->nmarks = 0;
		load(ui, w);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&w->list.list, k, ui->rows - 6);
}

static void
worklist_leave(struct ui *ui, void *state)
{
	struct worklist *w = state;

	(void)ui;
	caselist_release(&w->list);
	free(w->marks);
	free(w);
}

const struct screen screen_worklist = {
	.name = "worklist",
	.enter = worklist_enter,
	.draw = worklist_draw,
	.key = worklist_key,
	.leave = worklist_leave,
};
