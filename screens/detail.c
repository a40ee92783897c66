/*
 * Case detail: who applied for what, where it is, the clock with its light,
 * and the timeline of events (scrolls with the arrow keys).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

struct detail {
	struct tcase c;
	struct event *ev;
	int nev, cap;
	struct ui_list list;
};

static int
add_event(void *arg, const struct event *e)
{
	struct detail *d = arg;

	if (d->nev == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->ev = xreallocarray(d->ev, (size_t)d->cap, sizeof *d->ev);
	}
	d->ev[d->nev++] = *e;
	memset((struct event *)e, 0, sizeof *e);
	return 0;
}

static void
event_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct detail *d = arg;
	struct event *e = &d->ev[i];
	char to[96] = "";
	int x = 1;

	(void)ui;
	(void)selected;
	if (*e->to_status && strcmp(e->from_status, e->to_status) != 0)
		snprintf(to, sizeof to, "→ %s", tcase_status_label(e->to_status));
	x += ui_put(y, x, 16, e->at) + 2;
	ui_put_pad(y, x, 12, tcase_action_label(e->action));
	x += 13;
	ui_put_pad(y, x, 11, to);
	x += 12;
	attrset(ui->color ? COLOR_PAIR(UI_PAIR_DIM) : A_DIM);
	x += ui_put(y, x, 20, e->actor) + 1;
	attrset(A_NORMAL);
	if (x < w)
		ui_put(y, x, w - x, e->note);
}

static void *
detail_enter(struct ui *ui, const void *arg)
{
	const char *no = arg;
	struct detail *d = xcalloc(1, sizeof *d);

	if (store_case_get(ui->st, no, &d->c) != 0 || !access_can_see(&ui->user, &d->c)) {
		/* Not found and not visible read the same: numbers cannot be probed. */
		ui_message(ui, 1, _("no case '%s'"), no);
		if (d->c.no)
			tcase_release(&d->c);
		free(d);
		return NULL;
	}
	store_event_each_of_case(ui->st, d->c.id, add_event, d);
	d->list.n = d->nev;
	d->list.row = event_row;
	d->list.arg = d;
	d->list.sel = d->nev > 0 ? d->nev - 1 : 0;
	return d;
}

static void
field(struct ui *ui, int y, int x, int lw, const char *label, const char *value)
{
	attrset(A_BOLD);
	ui_put_pad(y, x, lw, label);
	attrset(A_NORMAL);
	ui_put(y, x + lw, ui->cols - x - lw - 1, value);
}

static void
detail_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"↑↓", N_("timeline"), "/", N_("find case"), "F1", N_("help"), "q", N_("back"),
		"F10", N_("quit"), NULL
	};
	struct detail *d = state;
	struct tcase *c = &d->c;
	char buf[512];
	enum light l = tcase_light(c, ui->today);
	int en = strcmp(i18n_lang(), "en") == 0, y = 2, lw = en ? 11 : 10, h, x;

	snprintf(buf, sizeof buf, "%s · %s", _("tongban · case"), c->no);
	ui_title(ui, buf);
	field(ui, y++, 1, lw, _("case no"), c->no);
	snprintf(buf, sizeof buf, "%s  %s", en && *c->item_name_en ? c->item_name_en : c->item_name,
	    c->item);
	field(ui, y++, 1, lw, _("item"), buf);
	snprintf(buf, sizeof buf, "%s  %s  %s", c->applicant_name, c->applicant, c->applicant_phone);
	field(ui, y++, 1, lw, _("applicant"), buf);
	snprintf(buf, sizeof buf, "%s  %s  %s", c->submitted, tcase_channel_label(c->channel),
	    c->hall_name);
	field(ui, y++, 1, lw, _("received"), buf);
	field(ui, y++, 1, lw, _("office"), c->office_name);
	snprintf(buf, sizeof buf, "%s%s%s", tcase_status_label(c->status),
	    *c->step_name ? " · " : "", c->step_name);
	field(ui, y++, 1, lw, _("status"), buf);
	if (c->open)
		snprintf(buf, sizeof buf, _("%d / %d working days used · due %s"),
		    tcase_days_used(&ui->cal, c, ui->today), tcase_limit(c), c->due);
	else
		snprintf(buf, sizeof buf, _("%d / %d working days used · finished %s · %s"),
		    tcase_days_used(&ui->cal, c, ui->today), tcase_limit(c),
		    *c->finished ? c->finished : c->decided,
		    c->on_time == 0 ? _("late") : c->on_time == 1 ? _("on time") : "");
	field(ui, y, 1, lw, _("clock"), buf);
	x = 1 + lw + utf8_width(buf) + 2;
	if (x < ui->cols - 8)
		ui_light(ui, y, x, l);
	y++;
	if (*c->paused_since) {
		snprintf(buf, sizeof buf, _("clock stopped since %s"), c->paused_since);
		ui_put(y++, 1 + lw, ui->cols - lw - 2, buf);
	}
	y++;
	attrset(A_BOLD);
	move(y, 0);
	hline(ACS_HLINE, ui->cols);
	snprintf(buf, sizeof buf, " %s (%d) ", _("timeline"), d->nev);
	ui_put(y++, 2, ui->cols - 4, buf);
	attrset(A_NORMAL);
	h = ui->rows - 2 - y;
	ui_list_draw(ui, &d->list, y, h);
	ui_keybar(ui, keys);
}

static int
detail_key(struct ui *ui, void *state, struct ui_key k)
{
	struct detail *d = state;

	return ui_list_key(&d->list, k, ui->rows - 14);
}

static void
detail_leave(struct ui *ui, void *state)
{
	struct detail *d = state;
	int i;

	(void)ui;
	for (i = 0; i < d->nev; i++)
		event_release(&d->ev[i]);
	free(d->ev);
	tcase_release(&d->c);
	free(d);
}

const struct screen screen_detail = {
	.name = "detail",
	.enter = detail_enter,
	.draw = detail_draw,
	.key = detail_key,
	.leave = detail_leave,
};
