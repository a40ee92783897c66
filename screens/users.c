/*
 * Users and their keys, for admins (admin.h). The list filters by role (r),
 * standing (s), a text found in the login or name and a region or office
 * (Tab goes to the two search fields); Enter opens a user: every field and
 * their keys (fingerprint, comment, added), and the admin's actions on
 * them -- change (e), disable or enable (d, asks first), add a key by
 * pasting its line (k), remove the selected key (x, asks first). Changes go
 * through the user service (user.h).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "access.h"
#include "admin.h"
#include "exitcode.h"
#include "i18n.h"
#include "sshkey.h"
#include "user.h"
#include "util.h"

struct urow {
	char login[40];
	char name[96];
	enum role role;
	char region[16];
	char office[48];
	char place[160];	/* the office's name, or the region's */
	char lang[8];
	int disabled, keys;
};

/* A region's or an office's name (heap; the code when it has none). */
static char *
place_name(struct ui *ui, const char *region, const char *office)
{
	char *name = NULL;
	struct region r;

	if (office && *office && store_office_name(ui->s->st, office, &name) == 0)
		return name;
	if (store_region_get(ui->s->st, region, &r) == 0) {
		name = xstrdup(r.name);
		region_release(&r);
		return name;
	}
	return xstrdup(office && *office ? office : region);
}

/* Columns side by side: w[i] cells each (0: hidden), one space apart. */
static void
columns(int y, int x, int n, const char *const *text, const int *w)
{
	int i;

	for (i = 0; i < n; i++) {
		if (w[i] <= 0)
			continue;
		ui_put_pad(y, x, w[i], text[i]);
		x += w[i] + 1;
	}
}

/* The list ----------------------------------------------------------------- */

enum { F_LIST, F_FIND, F_PLACE };

struct users {
	struct urow *rows;	/* every user */
	int n, cap;
	int *shown, nshown;
	int role;		/* 0 all, else ROLE_CLERK.. +1 */
	int state;		/* 0 all, 1 active, 2 disabled */
	int focus;
	struct ui_field find, place;
	struct ui_list list;
	int generation;
};

static const enum role roles[] = { ROLE_CLERK, ROLE_APPROVER, ROLE_SUPERVISOR, ROLE_ADMIN };

static int
keep_user(void *arg, const struct user *u, int nkeys)
{
	struct users *l = arg;
	struct urow *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->rows = xreallocarray(l->rows, (size_t)l->cap, sizeof *l->rows);
	}
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	utf8_copy(r->login, sizeof r->login, u->login);
	utf8_copy(r->name, sizeof r->name, u->name ? u->name : "");
	r->role = u->role;
	utf8_copy(r->region, sizeof r->region, u->region);
	utf8_copy(r->office, sizeof r->office, u->office ? u->office : "");
	utf8_copy(r->lang, sizeof r->lang, u->lang);
	r->disabled = u->disabled;
	r->keys = nkeys;
	return 0;
}

static int
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

/* Which rows the filters let through. */
static void
refilter(struct users *l)
{
	char *find = ui_field_text(&l->find), *place = ui_field_text(&l->place);
	int i;

	l->nshown = 0;
	for (i = 0; i < l->n; i++) {
		struct urow *r = &l->rows[i];

		if (l->role && r->role != roles[l->role - 1])
			continue;
		if (l->state && r->disabled != (l->state == 2))
			continue;
		if (*find && !contains(r->login, find) && !contains(r->name, find))
			continue;
		if (*place && strncmp(r->region, place, strlen(place)) != 0 &&
		    strncmp(r->office, place, strlen(place)) != 0 && !contains(r->place, place))
			continue;
		l->shown[l->nshown++] = i;
	}
	free(find);
	free(place);
	l->list.n = l->nshown;
	if (l->list.sel >= l->nshown)
		l->list.sel = l->nshown > 0 ? l->nshown - 1 : 0;
	if (l->list.top > l->list.sel)
		l->list.top = l->list.sel;
}

static void
users_load(struct ui *ui, struct users *l)
{
	int i;

	l->n = 0;
	if (store_user_each(ui->s->st, keep_user, l) != 0)
		ui_message(ui, 1, "%s", store_error(ui->s->st));
	for (i = 0; i < l->n; i++) {
		char *p = place_name(ui, l->rows[i].region, l->rows[i].office);

		utf8_copy(l->rows[i].place, sizeof l->rows[i].place, p);
		free(p);
	}
	free(l->shown);
	l->shown = xcalloc((size_t)l->n + 1, sizeof *l->shown);
	refilter(l);
	l->generation = ui->generation;
}

/* The columns' widths at w cells: login, name, role, place, lang, state, keys. */
static void
user_widths(int w, int *cw)
{
	int i, used = 0;

	cw[0] = 12;
	cw[1] = w >= 120 ? 20 : 12;
	cw[2] = 10;
	cw[3] = -1;
	cw[4] = 4;
	cw[5] = 8;
	cw[6] = 4;
	if (w < 60) {
		cw[2] = cw[3] = cw[4] = cw[6] = 0;
		cw[1] = w - cw[0] - cw[5] - 2;
		return;
	}
	for (i = 0; i < 7; i++)
		if (cw[i] > 0)
			used += cw[i] + 1;
	cw[3] = w - used - 1;
}

static const char *
state_label(int disabled)
{
	return disabled ? _("disabled") : _("active");
}

static void
user_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct users *l = arg;
	struct urow *r = &l->rows[l->shown[i]];
	char keys[16];
	const char *t[7];
	int cw[7];

	(void)ui;
	snprintf(keys, sizeof keys, "%d", r->keys);
	t[0] = r->login;
	t[1] = r->name;
	t[2] = role_label(r->role);
	t[3] = r->place;
	t[4] = r->lang;
	t[5] = state_label(r->disabled);
	t[6] = keys;
	user_widths(w, cw);
	attrset(selected ? A_REVERSE : r->disabled ? A_DIM : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	columns(y, 0, 7, t, cw);
	attrset(A_NORMAL);
}

static void *
users_enter(struct ui *ui, const void *arg)
{
	struct users *l;

	(void)arg;
	if (!access_has(&ui->s->user, RIGHT_USER_ADMIN)) {
		ui_message(ui, 1, "%s", access_denied_text(RIGHT_USER_ADMIN));
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	l->list.row = user_row;
	l->list.arg = l;
	users_load(ui, l);
	return l;
}

static void
users_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "n", N_("add a user"), "r", N_("role"), "s", N_("state"),
		"Tab", N_("find"), "q", N_("back"), NULL
	};
	struct users *l = state;
	char buf[256];
	const char *t[7];
	int cw[7], lw = ui->cols < 60 ? 8 : 14, h;

	if (l->generation != ui->generation)
		users_load(ui, l);
	ui_title(ui, _("tongban · users and keys"));
	snprintf(buf, sizeof buf, _("%d of %d · role: %s · state: %s"), l->nshown, l->n,
	    l->role ? role_label(roles[l->role - 1]) : _("all"),
	    l->state == 0 ? _("all") : state_label(l->state == 2));
	ui_put(1, 1, ui->cols - 2, buf);
	attrset(l->focus == F_FIND ? A_BOLD : A_NORMAL);
	ui_put_pad(2, 1, lw, _("login/name"));
	attrset(l->focus == F_PLACE ? A_BOLD : A_NORMAL);
	ui_put_pad(3, 1, lw, _("region/office"));
	attrset(A_BOLD);
	t[0] = _("login");
	t[1] = _("name");
	t[2] = _("role");
	t[3] = _("office/region");
	t[4] = _("lang");
	t[5] = _("state");
	t[6] = _("keys");
	user_widths(ui->cols, cw);
	columns(4, 0, 7, t, cw);
	attrset(A_NORMAL);
	h = ui->rows - 7;
	if (l->nshown == 0)
		ui_put(5, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &l->list, 5, h);
	ui_keybar(ui, keys);
	/* The focused field last: the cursor stays in it. */
	if (l->focus == F_PLACE) {
		ui_field_draw(ui, &l->find, 2, lw + 2, ui->cols - lw - 3, 0);
		ui_field_draw(ui, &l->place, 3, lw + 2, ui->cols - lw - 3, 1);
	} else {
		ui_field_draw(ui, &l->place, 3, lw + 2, ui->cols - lw - 3, 0);
		ui_field_draw(ui, &l->find, 2, lw + 2, ui->cols - lw - 3, l->focus == F_FIND);
	}
}

static int
users_key(struct ui *ui, void *state, struct ui_key k)
{
	struct users *l = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);

	if (l->focus != F_LIST) {
		int rc;

		/* Enter and ↓ go to the list; Tab to the next field. */
		if (enter || (k.fkey && k.ch == KEY_DOWN)) {
			l->focus = F_LIST;
			return UI_HANDLED | UI_REDRAW;
		}
		if (!k.fkey && k.ch == L'\t') {
			l->focus = l->focus == F_FIND ? F_PLACE : F_LIST;
			return UI_HANDLED | UI_REDRAW;
		}
		if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
			l->focus = l->focus == F_PLACE ? F_FIND : F_LIST;
			return UI_HANDLED | UI_REDRAW;
		}
		rc = ui_field_key(l->focus == F_FIND ? &l->find : &l->place, k);
		if (rc & UI_HANDLED) {
			l->list.sel = l->list.top = 0;
			refilter(l);
		}
		return rc;
	}
	if (enter && l->nshown > 0) {
		ui_push(ui, &screen_user, l->rows[l->shown[l->list.sel]].login);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'\t') {
		l->focus = F_FIND;
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_BTAB) {
		l->focus = F_PLACE;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'n') {
		ui_push(ui, &screen_admform, "useradd");
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && (k.ch == L'r' || k.ch == L's')) {
		if (k.ch == L'r')
			l->role = (l->role + 1) % 5;
		else
			l->state = (l->state + 1) % 3;
		l->list.sel = l->list.top = 0;
		refilter(l);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&l->list, k, ui->rows - 7);
}

static int
users_typing(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct users *)state)->focus != F_LIST;
}

static void
users_leave(struct ui *ui, void *state)
{
	struct users *l = state;

	(void)ui;
	free(l->rows);
	free(l->shown);
	free(l);
}

const struct screen screen_users = {
	.name = "users",
	.enter = users_enter,
	.draw = users_draw,
	.key = users_key,
	.leave = users_leave,
	.typing = users_typing,
};

/* One user -------------------------------------------------------------------- */

struct ukey {
	long long id;
	char type[32];
	char fp[64];
	char comment[128];
	char added[20];
};

/* Lines: the fields (label, value), then a heading, then a line per key. */
#define NFIELDS 9

struct uview {
	char login[40];
	struct user u;
	char label[NFIELDS][64];
	char value[NFIELDS][256];
	struct ukey *keys;
	int nkeys, cap;
	struct ui_list list;
	int confirm;		/* 'd' or 'x' awaiting y */
	int generation;
};

static int
keep_key(void *arg, long long id, const char *type, const char *blob, const char *comment,
    const char *added)
{
	struct uview *v = arg;
	struct ukey *k;

	if (v->nkeys == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->keys = xreallocarray(v->keys, (size_t)v->cap, sizeof *v->keys);
	}
	k = &v->keys[v->nkeys++];
	memset(k, 0, sizeof *k);
	k->id = id;
	utf8_copy(k->type, sizeof k->type, type);
	sshkey_fingerprint(blob, k->fp);
	utf8_copy(k->comment, sizeof k->comment, comment ? comment : "");
	utf8_copy(k->added, sizeof k->added, added ? added : "");
	return 0;
}

static int
uview_load(struct ui *ui, struct uview *v)
{
	char *p;
	int i = 0;

	user_release(&v->u);
	if (store_user_get(ui->s->st, v->login, &v->u) != 0) {
		memset(&v->u, 0, sizeof v->u);
		return -1;
	}
	v->nkeys = 0;
	store_key_each(ui->s->st, v->login, keep_key, v);
#define FIELD(l, ...) do { snprintf(v->label[i], sizeof v->label[i], "%s", l); \
	snprintf(v->value[i], sizeof v->value[i], __VA_ARGS__); i++; } while (0)
	FIELD(_("login"), "%s", v->u.login);
	FIELD(_("name"), "%s", v->u.name ? v->u.name : "");
	FIELD(_("role"), "%s", role_label(v->u.role));
	p = place_name(ui, v->u.region, NULL);
	FIELD(_("region"), "%s (%s)", p, v->u.region);
	free(p);
	if (v->u.office) {
		p = place_name(ui, v->u.region, v->u.office);
		FIELD(_("office"), "%s (%s)", p, v->u.office);
		free(p);
	} else
		FIELD(_("office"), "%s", "–");
	FIELD(_("language"), "%s", strcmp(v->u.lang, "en") == 0 ? "English (en)" : "中文 (zh)");
	FIELD(_("encoding"), "%s", strcmp(v->u.encoding, "gbk") == 0 ? "GBK" : "UTF-8");
	FIELD(_("head of office"), "%s", v->u.head ? _("yes") : _("no"));
	FIELD(_("state"), "%s", state_label(v->u.disabled));
#undef FIELD
	v->list.n = NFIELDS + 1 + (v->nkeys ? v->nkeys : 1);
	if (v->list.sel >= v->list.n)
		v->list.sel = v->list.n - 1;
	v->generation = ui->generation;
	return 0;
}

static void
uview_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct uview *v = arg;
	int lw = w < 60 ? 10 : 16;

	(void)ui;
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	if (i < NFIELDS) {
		attrset(selected ? A_REVERSE | A_BOLD : A_BOLD);
		ui_put_pad(y, 1, lw, v->label[i]);
		attrset(selected ? A_REVERSE : A_NORMAL);
		ui_put(y, 1 + lw, w - lw - 2, v->value[i]);
	} else if (i == NFIELDS) {
		char buf[128];

		attrset(selected ? A_REVERSE | A_BOLD : A_BOLD);
		snprintf(buf, sizeof buf, _("keys (%d)"), v->nkeys);
		ui_put(y, 1, w - 2, buf);
	} else if (v->nkeys == 0)
		ui_put(y, 3, w - 4, _("(none: this user cannot log in with a key)"));
	else {
		struct ukey *k = &v->keys[i - NFIELDS - 1];
		char buf[400];

		/* The fingerprint first: it tells keys apart at any width. */
		if (w >= 100)
			snprintf(buf, sizeof buf, "%-4lld %-50s %-19.19s %-12s %s", k->id, k->fp,
			    k->added, k->type, k->comment);
		else
			snprintf(buf, sizeof buf, "%-3lld %s %s · %s · %s", k->id, k->fp, k->comment,
			    k->added, k->type);
		ui_put(y, 1, w - 2, buf);
	}
	attrset(A_NORMAL);
}

static void *
uview_enter(struct ui *ui, const void *arg)
{
	struct uview *v;

	if (!access_has(&ui->s->user, RIGHT_USER_ADMIN)) {
		ui_message(ui, 1, "%s", access_denied_text(RIGHT_USER_ADMIN));
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	utf8_copy(v->login, sizeof v->login, arg ? arg : "");
	v->list.row = uview_row;
	v->list.arg = v;
	if (uview_load(ui, v) != 0) {
		ui_message(ui, 1, _("no user '%s'"), v->login);
		free(v);
		return NULL;
	}
	return v;
}

static void
uview_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"e", N_("change"), "d", N_("disable/enable"), "k", N_("add a key"), "x",
		N_("remove the key"), "Enter", N_("read whole"), "↑↓", N_("move"), "q", N_("back"),
		NULL
	};
	struct uview *v = state;
	char buf[256];

	if (v->generation != ui->generation && uview_load(ui, v) != 0) {
		ui_title(ui, v->login);
		ui_keybar(ui, keys);
		return;
	}
	snprintf(buf, sizeof buf, "tongban · %s · %s", _("user"), v->login);
	ui_title(ui, buf);
	ui_list_draw(ui, &v->list, 2, ui->rows - 4);
	ui_keybar(ui, keys);
}

static int
uview_key(struct ui *ui, void *state, struct ui_key k)
{
	struct uview *v = state;
	char arg[96], *cause = NULL;
	int rc, sel_key = v->list.sel > NFIELDS && v->nkeys > 0 ? v->list.sel - NFIELDS - 1 : -1;

	if (v->confirm) {
		int what = v->confirm;

		v->confirm = 0;
		if (k.fkey || (k.ch != L'y' && k.ch != L'Y')) {
			ui_message(ui, 0, "%s", _("nothing changed"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (what == 'd') {
			rc = user_set_disabled(ui->s, v->login, !v->u.disabled, &cause);
			if (rc == 0)
				ui_message(ui, 0, v->u.disabled ? _("user '%s' enabled") :
				    _("user '%s' disabled"), v->login);
		} else {
			long long id = sel_key >= 0 ? v->keys[sel_key].id : 0;

			rc = user_key_remove(ui->s, v->login, (long)id, &cause);
			if (rc == 0)
				ui_message(ui, 0, _("key %lld of '%s' removed"), id, v->login);
		}
		if (rc != 0) {
			ui_message(ui, 1, "%s", cause ? cause : "?");
			free(cause);
		} else
			ui->generation++;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		/* The chosen line whole (a key's comment may not fit the row). */
		struct sb t = SB_INIT;

		sb_addf(&t, "%s · %s\n", _("user"), v->login);
		if (v->list.sel < NFIELDS)
			sb_addf(&t, "%s\n%s", v->label[v->list.sel], v->value[v->list.sel]);
		else if (sel_key >= 0) {
			struct ukey *uk = &v->keys[sel_key];

			sb_addf(&t, "%s %lld\n%s\n%s\n%s\n%s", _("key"), uk->id, uk->fp, uk->type,
			    uk->comment, uk->added);
		} else {
			sb_release(&t);
			return UI_HANDLED;
		}
		ui_push(ui, &screen_text, t.buf);
		sb_release(&t);
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey)
		return ui_list_key(&v->list, k, ui->rows - 4);
	switch (k.ch) {
	case L'e':
		snprintf(arg, sizeof arg, "userset:%s", v->login);
		ui_push(ui, &screen_admform, arg);
		return UI_HANDLED | UI_REDRAW;
	case L'k':
		snprintf(arg, sizeof arg, "keyadd:%s", v->login);
		ui_push(ui, &screen_admform, arg);
		return UI_HANDLED | UI_REDRAW;
	case L'd':
		v->confirm = 'd';
		ui_message(ui, 0, v->u.disabled ? _("enable '%s'? y: yes, any other key: no") :
		    _("disable '%s' (their sessions end)? y: yes, any other key: no"), v->login);
		return UI_HANDLED | UI_REDRAW;
	case L'x':
		if (sel_key < 0) {
			ui_message(ui, 1, "%s", _("choose a key with ↑↓ first"));
			return UI_HANDLED | UI_REDRAW;
		}
		v->confirm = 'x';
		ui_message(ui, 0, _("remove key %lld (%s)? y: yes, any other key: no"),
		    v->keys[sel_key].id, v->keys[sel_key].fp);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&v->list, k, ui->rows - 4);
}

static void
uview_leave(struct ui *ui, void *state)
{
	struct uview *v = state;

	(void)ui;
	user_release(&v->u);
	free(v->keys);
	free(v);
}

const struct screen screen_user = {
	.name = "user",
	.enter = uview_enter,
	.draw = uview_draw,
	.key = uview_key,
	.leave = uview_leave,
};
