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
#include "i18n.h"
#include "ui.h"
#include "util.h"

struct home {
	struct caselist recent;
	char *region_name;
};

static const char *
role_label(enum role r)
{
	switch (r) {
	case ROLE_CLERK:
		return _("window clerk");
	case ROLE_APPROVER:
		return _("approver");
	case ROLE_SUPERVISOR:
		return _("supervisor");
	case ROLE_ADMIN:
		return _("administrator");
	default:
		return "";
	}
}

static void *
home_enter(struct ui *ui, const void *arg)
{
	struct home *h = xcalloc(1, sizeof *h);
	struct case_filter f;
	struct region r;

	(void)arg;
	if (store_region_get(ui->st, ui->user.region, &r) == 0) {
		h->region_name = xstrdup(r.name);
		region_release(&r);
	}
	memset(&f, 0, sizeof f);
	/* A few rows only: home is drawn at every login and every return. */
	f.limit = 8;
	caselist_load(ui, &h->recent, &f);
	return h;
}

static void
home_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"/", N_("find case"), "Enter", N_("open"), "F1", N_("help"), "q", N_("quit"), NULL
	};
	struct home *h = state;
	char line[512];
	int y = 2;

	ui_title(ui, _("tongban · city-wide approval and efficiency supervision"));
	snprintf(line, sizeof line, "%s %s (%s) · %s%s%s", _("Welcome,"),
	    *ui->user.name ? ui->user.name : ui->user.login, role_label(ui->user.role),
	    h->region_name ? h->region_name : ui->user.region,
	    ui->office_name ? " · " : "", ui->office_name ? ui->office_name : "");
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, line);
	attrset(A_NORMAL);
	ui_put(y++, 1, ui->cols - 2,
	    _("Press / to look up a case by number, applicant ID, name or phone."));
	y++;
	attrset(A_BOLD);
	ui_put(y++, 1, ui->cols - 2, _("Latest cases you can see"));
	attrset(A_NORMAL);
	caselist_header(ui, y++);
	if (h->recent.n == 0)
		ui_put(y, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &h->recent.list, y, ui->rows - 3 - y);
	ui_keybar(ui, keys);
}

static int
home_key(struct ui *ui, void *state, struct ui_key k)
{
	struct home *h = state;

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
