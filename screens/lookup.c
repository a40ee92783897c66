/*
 * Case lookup: one field takes a case number, an applicant's ID, a name or
 * a phone number, and tells them apart by their shape. A case number that
 * matches opens the case at once; anything else lists what matched.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "caselist.h"
#include "i18n.h"
#include "project_screens.h"
#include "ids.h"
#include "ui.h"
#include "util.h"

struct lookup {
	struct ui_field field;
	struct caselist results;
	int focus_list;
	int searched;
	char what[160];
};

static void *
lookup_enter(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
	return xcalloc(1, sizeof(struct lookup));
}

static int
is_case_no(const char *s)
{
	int i;

	if (strlen(s) != 22)
		return 0;
	for (i = 0; i < 22; i++)
		if (i == 6 || i == 15 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
is_phone(const char *s)
{
	int i;

	if (strlen(s) != 11 || s[0] != '1')
		return 0;
	for (i = 0; i < 11; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
search(struct ui *ui, struct lookup *l)
{
	struct case_filter f;
	char *q = ui_field_text(&l->field);
	char *t = q;
	size_t n;

	while (*t == ' ')
		t++;
	n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		t[--n] = '\0';
	memset(&f, 0, sizeof f);
	f.limit = 500;
	if (*t == '\0') {
		free(q);
		ui_message(ui, 1, "%s", _("type a case number, an ID, a name or a phone number"));
		return UI_HANDLED | UI_REDRAW;
	}
	if ((t[0] == 'X' || t[0] == 'x') && (t[1] == 'M' || t[1] == 'm') &&
	    isdigit((unsigned char)t[2])) {
		/* A project's number (XM + date + sequence): its view replaces
		 * the lookup; one out of sight reads as one that does not exist. */
		char no[32];

		snprintf(no, sizeof no, "XM%s", t + 2);
		free(q);
		ui_then(ui, &screen_project, no);
		return UI_HANDLED | UI_BACK;
	}
	if (is_case_no(t)) {
		f.no = t;
		snprintf(l->what, sizeof l->what, "%s %s", _("case no"), t);
	} else if (ids_kind(t) != NULL) {
		f.applicant = t;
		snprintf(l->what, sizeof l->what, "%s %s", _("applicant ID"), t);
	} else if (is_phone(t)) {
		f.phone = t;
		snprintf(l->what, sizeof l->what, "%s %s", _("phone"), t);
	} else if (strlen(t) == 18 && isdigit((unsigned char)t[0])) {
		ui_message(ui, 1, _("'%s' is not a valid ID: its check digit is wrong"), t);
		free(q);
		return UI_HANDLED | UI_REDRAW;
	} else {
		f.name = t;
		snprintf(l->what, sizeof l->what, "%s %s", _("applicant name"), t);
	}
	caselist_load(ui, &l->results, &f);
	l->searched = 1;
	free(q);
	if (f.no != NULL && l->results.n == 1) {
		/* The case itself: it replaces the lookup, so q goes back home. */
		ui_then(ui, &screen_detail, l->results.cases[0].no);
		return UI_HANDLED | UI_BACK;
	}
	/* The field keeps the focus, so that typing goes on refining the
	 * search; ↓ or Tab move into the results. */
	if (l->results.n == 0)
		ui_message(ui, 1, "%s", f.no ? _("no case with this number that you may see") :
		    _("nothing found"));
	return UI_HANDLED | UI_REDRAW;
}

static void
lookup_draw(struct ui *ui, void *state)
{
	static const char *const keys_field[] = {
		"Enter", N_("search"), "Tab", N_("results"), "Esc", N_("back"), "F10", N_("quit"), NULL
	};
	static const char *const keys_found[] = {
		"Enter", N_("search"), "↓/Tab", N_("results"), "Esc", N_("back"), "F10", N_("quit"),
		NULL
	};
	static const char *const keys_list[] = {
		"Enter", N_("open"), "Tab", N_("edit search"), "/", N_("new search"), "q", N_("back"),
		NULL
	};
	struct lookup *l = state;
	const char *prompt = _("Case no, ID, name or phone:");
	int pw = utf8_width(prompt), y = 4;
	char count[200];

	ui_title(ui, _("tongban · case lookup"));
	ui_put(2, 1, pw, prompt);
	if (l->searched) {
		snprintf(count, sizeof count, _("%d found for %s"), l->results.n, l->what);
		ui_put(y++, 1, ui->cols - 2, count);
		caselist_header(ui, y++);
		ui_list_draw(ui, &l->results.list, y, ui->rows - 2 - y);
	}
	ui_keybar(ui, l->focus_list ? keys_list : l->results.n > 0 ? keys_found : keys_field);
	/* The field last, so the cursor rests in it; on a narrow window
	 * (40x12) under its prompt, with the whole width. */
	if (ui->cols - pw - 4 < 20)
		ui_field_draw(ui, &l->field, 3, 2, ui->cols - 4, !l->focus_list);
	else
		ui_field_draw(ui, &l->field, 2, pw + 2, ui->cols - pw - 4, !l->focus_list);
}

static int
lookup_key(struct ui *ui, void *state, struct ui_key k)
{
	struct lookup *l = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);

	if (!k.fkey && k.ch == L'\t') {
		l->focus_list = !l->focus_list && l->results.n > 0;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!l->focus_list) {
		if (enter)
			return search(ui, l);
		if (k.fkey && k.ch == KEY_DOWN && l->results.n > 0) {
			l->focus_list = 1;
			return UI_HANDLED | UI_REDRAW;
		}
		return ui_field_key(&l->field, k);
	}
	if (enter)
		return caselist_open(ui, &l->results);
	if (!k.fkey && k.ch == L'/') {
		l->field.len = l->field.cur = 0;
		l->focus_list = 0;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_UP && l->results.list.sel == 0) {
		l->focus_list = 0;
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&l->results.list, k, ui->rows - 8);
}

static int
lookup_typing(struct ui *ui, void *state)
{
	(void)ui;
	return !((struct lookup *)state)->focus_list;
}

static void
lookup_leave(struct ui *ui, void *state)
{
	struct lookup *l = state;

	(void)ui;
	caselist_release(&l->results);
	free(l);
}

const struct screen screen_lookup = {
	.name = "lookup",
	.enter = lookup_enter,
	.draw = lookup_draw,
	.key = lookup_key,
	.leave = lookup_leave,
	.typing = lookup_typing,
};
