/*
 * The item catalog on screens (admin.h): the list filters by level (l),
 * department (k) and a text found in the code or name (Tab); Enter opens an
 * item -- its guide, materials and steps, one line each, long ones read
 * whole with Enter. Every user reads the catalog; those who hold the
 * catalog right (access.h) add a material (m) or a step (t) and change the
 * selected one (Enter), through the catalog service (catalog.h).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "access.h"
#include "admin.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

static int
english(void)
{
	return strcmp(i18n_lang(), "en") == 0;
}

/* A department kind as staff read it. */
struct dname {
	char kind[48];
	char name[128];
};

struct dnames {
	struct dname *d;
	int n, cap;
};

static int
keep_dept(void *arg, const struct dept *d)
{
	struct dnames *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->d = xreallocarray(l->d, (size_t)l->cap, sizeof *l->d);
	}
	utf8_copy(l->d[l->n].kind, sizeof l->d[0].kind, d->kind);
	utf8_copy(l->d[l->n].name, sizeof l->d[0].name, english() ? d->name_en :
	    *d->district_suffix ? d->district_suffix : d->city_name);
	l->n++;
	return 0;
}

static const char *
dept_label(const struct dnames *l, const char *kind)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->d[i].kind, kind) == 0)
			return l->d[i].name;
	return kind;
}

static int
count_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	(void)seq, (void)name, (void)required, (void)secondary;
	++*(int *)arg;
	return 0;
}

static int
count_step(void *arg, int seq, const char *name, const char *name_en, const char *dept, int days)
{
	(void)seq, (void)name, (void)name_en, (void)dept, (void)days;
	++*(int *)arg;
	return 0;
}

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

/* The list --------------------------------------------------------------------- */

struct irow {
	char code[16];
	char name[160];
	char name_en[160];
	char levels[48];
	char dept[48];
	int statutory, promised, nmat, nstep;
};

static const char *const levels[] = { NULL, "city", "district", "township" };

struct items {
	struct irow *rows;
	int n, cap;
	int *shown, nshown;
	struct dnames depts;
	char used[64][48];	/* the department kinds items name, for the filter */
	int nused;
	int level, dept;	/* 0: all */
	int focus;		/* 1: the search field */
	struct ui_field find;
	struct ui_list list;
	int generation;
};

static int
keep_item(void *arg, const struct item *it)
{
	struct items *l = arg;
	struct irow *r;
	int i;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 128;
		l->rows = xreallocarray(l->rows, (size_t)l->cap, sizeof *l->rows);
	}
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	utf8_copy(r->code, sizeof r->code, it->code);
	utf8_copy(r->name, sizeof r->name, it->name);
	utf8_copy(r->name_en, sizeof r->name_en, it->name_en);
	utf8_copy(r->levels, sizeof r->levels, it->levels);
	utf8_copy(r->dept, sizeof r->dept, it->dept_kind);
	r->statutory = it->statutory_days;
	r->promised = it->promised_days;
	for (i = 0; i < l->nused; i++)
		if (strcmp(l->used[i], r->dept) == 0)
			break;
	if (i == l->nused && l->nused < 64)
		utf8_copy(l->used[l->nused++], sizeof l->used[0], r->dept);
	return 0;
}

static int
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == '|') && (p[n] == '\0' || p[n] == '|'))
			return 1;
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

static void
refilter(struct items *l)
{
	char *find = ui_field_text(&l->find);
	int i;

	l->nshown = 0;
	for (i = 0; i < l->n; i++) {
		struct irow *r = &l->rows[i];

		if (l->level && !has_word(r->levels, levels[l->level]))
			continue;
		if (l->dept && strcmp(r->dept, l->used[l->dept - 1]) != 0)
			continue;
		if (*find && strncmp(r->code, find, strlen(find)) != 0 && !contains(r->name, find) &&
		    !contains(r->name_en, find))
			continue;
		l->shown[l->nshown++] = i;
	}
	free(find);
	l->list.n = l->nshown;
	if (l->list.sel >= l->nshown)
		l->list.sel = l->nshown > 0 ? l->nshown - 1 : 0;
	if (l->list.top > l->list.sel)
		l->list.top = l->list.sel;
}

static void
items_load(struct ui *ui, struct items *l)
{
	int i;

	l->n = 0;
	l->nused = 0;
	if (store_item_each(ui->s->st, NULL, keep_item, l) != 0)
		ui_message(ui, 1, "%s", store_error(ui->s->st));
	for (i = 0; i < l->n; i++) {
		store_material_each(ui->s->st, l->rows[i].code, count_mat, &l->rows[i].nmat);
		store_step_each(ui->s->st, l->rows[i].code, count_step, &l->rows[i].nstep);
	}
	l->depts.n = 0;
	store_dept_each(ui->s->st, keep_dept, &l->depts);
	free(l->shown);
	l->shown = xcalloc((size_t)l->n + 1, sizeof *l->shown);
	if (l->dept > l->nused)
		l->dept = 0;
	refilter(l);
	l->generation = ui->generation;
}

/* code, name, level, department, limit, materials, steps */
static void
item_widths(int w, int *cw)
{
	int i, used = 0;

	cw[0] = 12;
	cw[1] = -1;
	cw[2] = w >= 120 ? 16 : 12;
	cw[3] = w >= 120 ? 24 : 12;
	cw[4] = 5;
	cw[5] = 4;
	cw[6] = 4;
	if (w < 60) {
		cw[2] = cw[3] = cw[4] = cw[5] = cw[6] = 0;
		cw[1] = w - cw[0] - 1;
		return;
	}
	for (i = 0; i < 7; i++)
		if (cw[i] > 0)
			used += cw[i] + 1;
	cw[1] = w - used - 1;
}

static void
item_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct items *l = arg;
	struct irow *r = &l->rows[l->shown[i]];
	char limit[24], nm[16], ns[16], *lv = tcase_list_label(r->levels);
	const char *t[7];
	int cw[7];

	(void)ui;
	snprintf(limit, sizeof limit, "%d/%d", r->promised, r->statutory);
	snprintf(nm, sizeof nm, "%d", r->nmat);
	snprintf(ns, sizeof ns, "%d", r->nstep);
	t[0] = r->code;
	t[1] = english() ? r->name_en : r->name;
	t[2] = lv;
	t[3] = dept_label(&l->depts, r->dept);
	t[4] = limit;
	t[5] = nm;
	t[6] = ns;
	item_widths(w, cw);
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	columns(y, 0, 7, t, cw);
	/* Without materials or steps no application is taken in: say so. */
	if (!selected && (r->nmat == 0 || r->nstep == 0) && cw[5] > 0) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) : A_BOLD);
		columns(y, 0, 7, t, cw);
	}
	attrset(A_NORMAL);
	free(lv);
}

static void *
items_enter(struct ui *ui, const void *arg)
{
	struct items *l = xcalloc(1, sizeof *l);

	(void)arg;
	l->list.row = item_row;
	l->list.arg = l;
	items_load(ui, l);
	return l;
}

static void
items_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "l", N_("levels served"), "k", N_("department"), "Tab", N_("find"),
		"q", N_("back"), NULL
	};
	struct items *l = state;
	char buf[320], *lv;
	const char *t[7];
	int cw[7], lw = ui->cols < 60 ? 8 : 14;

	if (l->generation != ui->generation)
		items_load(ui, l);
	ui_title(ui, _("tongban · item catalog"));
	lv = l->level ? tcase_list_label(levels[l->level]) : xstrdup(_("all"));
	snprintf(buf, sizeof buf, _("%d of %d · levels served: %s · department: %s"), l->nshown, l->n,
	    lv, l->dept ? dept_label(&l->depts, l->used[l->dept - 1]) : _("all"));
	free(lv);
	ui_put(1, 1, ui->cols - 2, buf);
	attrset(l->focus ? A_BOLD : A_NORMAL);
	ui_put_pad(2, 1, lw, _("code/name"));
	attrset(A_BOLD);
	t[0] = _("code");
	t[1] = _("item name");
	t[2] = _("levels served");
	t[3] = _("department");
	t[4] = _("days");
	t[5] = _("mat.");
	t[6] = _("st.");
	item_widths(ui->cols, cw);
	columns(3, 0, 7, t, cw);
	attrset(A_NORMAL);
	if (l->nshown == 0)
		ui_put(4, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &l->list, 4, ui->rows - 6);
	ui_keybar(ui, keys);
	ui_field_draw(ui, &l->find, 2, lw + 2, ui->cols - lw - 3, l->focus);
}

static int
items_key(struct ui *ui, void *state, struct ui_key k)
{
	struct items *l = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);

	if (l->focus) {
		int rc;

		if (enter || (!k.fkey && k.ch == L'\t') || (k.fkey && (k.ch == KEY_DOWN ||
		    k.ch == KEY_BTAB))) {
			l->focus = 0;
			return UI_HANDLED | UI_REDRAW;
		}
		rc = ui_field_key(&l->find, k);
		if (rc & UI_HANDLED) {
			l->list.sel = l->list.top = 0;
			refilter(l);
		}
		return rc;
	}
	if (enter && l->nshown > 0) {
		ui_push(ui, &screen_item, l->rows[l->shown[l->list.sel]].code);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_BTAB)) {
		l->focus = 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && (k.ch == L'l' || k.ch == L'k')) {
		if (k.ch == L'l')
			l->level = (l->level + 1) % 4;
		else
			l->dept = (l->dept + 1) % (l->nused + 1);
		l->list.sel = l->list.top = 0;
		refilter(l);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&l->list, k, ui->rows - 6);
}

static int
items_typing(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct items *)state)->focus;
}

static void
items_leave(struct ui *ui, void *state)
{
	struct items *l = state;

	(void)ui;
	free(l->rows);
	free(l->shown);
	free(l->depts.d);
	free(l);
}

const struct screen screen_items = {
	.name = "items",
	.enter = items_enter,
	.draw = items_draw,
	.key = items_key,
	.leave = items_leave,
	.typing = items_typing,
};

/* One item ------------------------------------------------------------------------ */

/* A line of the item's screen: a field, a heading, a material or a step. */
enum lkind { L_FIELD, L_HEAD, L_MAT, L_STEP, L_NONE };

struct iline {
	enum lkind kind;
	int seq;
	char dept[48];		/* a step's department */
	char label[64];
	char *text;		/* heap */
};

struct iview {
	char code[16];
	struct iline *lines;
	int n, cap;
	int admin;
	struct dnames depts;
	struct ui_list list;
	int generation;
};

static void
add_line(struct iview *v, enum lkind kind, int seq, const char *label, const char *text)
{
	struct iline *l;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->lines = xreallocarray(v->lines, (size_t)v->cap, sizeof *v->lines);
	}
	l = &v->lines[v->n++];
	l->kind = kind;
	l->seq = seq;
	l->dept[0] = '\0';
	utf8_copy(l->label, sizeof l->label, label ? label : "");
	l->text = xstrdup(text ? text : "");
}

static int
mat_line(void *arg, int seq, const char *name, int required, int secondary)
{
	struct iview *v = arg;
	struct sb t = SB_INIT;
	char label[16];

	snprintf(label, sizeof label, "%d", seq);
	sb_addf(&t, "%s · %s%s", name, required ? _("required") : _("optional"),
	    secondary ? _(" · may be pledged (容缺)") : "");
	add_line(v, L_MAT, seq, label, t.buf);
	sb_release(&t);
	return 0;
}

static int
step_line(void *arg, int seq, const char *name, const char *name_en, const char *dept, int days)
{
	struct iview *v = arg;
	struct sb t = SB_INIT;
	char label[16];

	snprintf(label, sizeof label, "%d", seq);
	sb_addf(&t, _("%s · %s · %d working days"), english() ? name_en : name,
	    dept_label(&v->depts, dept), days);
	add_line(v, L_STEP, seq, label, t.buf);
	utf8_copy(v->lines[v->n - 1].dept, sizeof v->lines[0].dept, dept);
	sb_release(&t);
	return 0;
}

/* Steps of one number run side by side (a joint review): marked ‖. */
static void
mark_parallel(struct iview *v)
{
	int i, j;

	for (i = 0; i < v->n; i++)
		for (j = 0; j < v->n && v->lines[i].kind == L_STEP; j++)
			if (j != i && v->lines[j].kind == L_STEP && v->lines[j].seq == v->lines[i].seq) {
				snprintf(v->lines[i].label, sizeof v->lines[i].label, "%d‖",
				    v->lines[i].seq);
				break;
			}
}

static void
iview_unload(struct iview *v)
{
	int i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i].text);
	v->n = 0;
}

static int
iview_load(struct ui *ui, struct iview *v)
{
	struct item it;
	char buf[256], *lv, *ch;
	int before;

	iview_unload(v);
	if (store_item_get(ui->s->st, v->code, &it) != 0)
		return -1;
	v->depts.n = 0;
	store_dept_each(ui->s->st, keep_dept, &v->depts);
	add_line(v, L_FIELD, 0, _("code"), it.code);
	add_line(v, L_FIELD, 0, _("item name"), it.name);
	add_line(v, L_FIELD, 0, _("in English"), it.name_en);
	add_line(v, L_FIELD, 0, _("kind of power"), tcase_power_label(it.power_type));
	add_line(v, L_FIELD, 0, _("department"), dept_label(&v->depts, it.dept_kind));
	lv = tcase_list_label(it.levels);
	add_line(v, L_FIELD, 0, _("levels served"), lv);
	free(lv);
	snprintf(buf, sizeof buf, _("promised %d, by law %d working days"), it.promised_days,
	    it.statutory_days);
	add_line(v, L_FIELD, 0, _("time limit"), buf);
	snprintf(buf, sizeof buf, "%ld.%02ld", it.fee_cents / 100, it.fee_cents % 100);
	add_line(v, L_FIELD, 0, _("fee (yuan)"), buf);
	ch = tcase_list_label(it.channels);
	snprintf(buf, sizeof buf, _("%s · online depth %d"), ch, it.online_depth);
	free(ch);
	add_line(v, L_FIELD, 0, _("ways to apply"), buf);
	add_line(v, L_FIELD, 0, _("applicant"), strcmp(it.applicant_kind, "person") == 0 ?
	    _("a person") : strcmp(it.applicant_kind, "organisation") == 0 ?
	    _("an organisation") : _("a person or an organisation"));
	add_line(v, L_FIELD, 0, _("service guide"), it.guide);
	item_release(&it);
	add_line(v, L_HEAD, 0, NULL, _("materials"));
	before = v->n;
	store_material_each(ui->s->st, v->code, mat_line, v);
	if (v->n == before)
		add_line(v, L_NONE, 0, NULL, _("(none: no application is taken in until it has some)"));
	add_line(v, L_HEAD, 0, NULL, _("steps"));
	before = v->n;
	store_step_each(ui->s->st, v->code, step_line, v);
	mark_parallel(v);
	if (v->n == before)
		add_line(v, L_NONE, 0, NULL, _("(none: no application is taken in until it has some)"));
	v->list.n = v->n;
	if (v->list.sel >= v->n)
		v->list.sel = v->n - 1;
	v->generation = ui->generation;
	return 0;
}

static void
iview_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct iview *v = arg;
	struct iline *l = &v->lines[i];
	int lw = l->kind == L_FIELD ? (w < 60 ? 10 : 14) : 4;

	(void)ui;
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	if (l->kind == L_HEAD) {
		attrset(selected ? A_REVERSE | A_BOLD : A_BOLD);
		ui_put(y, 1, w - 2, l->text);
	} else {
		attrset(selected ? A_REVERSE | A_BOLD : A_BOLD);
		ui_put_pad(y, 1, lw, l->label);
		attrset(selected ? A_REVERSE : A_NORMAL);
		/* Longer than the row: "…" says Enter reads it whole. */
		if (utf8_width(l->text) > w - lw - 2) {
			ui_put(y, 1 + lw, w - lw - 3, l->text);
			ui_put(y, w - 2, 1, "…");
		} else
			ui_put(y, 1 + lw, w - lw - 2, l->text);
	}
	attrset(A_NORMAL);
}

static void *
iview_enter(struct ui *ui, const void *arg)
{
	struct iview *v = xcalloc(1, sizeof *v);

	utf8_copy(v->code, sizeof v->code, arg ? arg : "");
	v->admin = access_has(&ui->s->user, RIGHT_CATALOG_ADMIN);
	v->list.row = iview_row;
	v->list.arg = v;
	if (iview_load(ui, v) != 0) {
		ui_message(ui, 1, _("no item '%s'"), v->code);
		free(v->lines);
		free(v->depts.d);
		free(v);
		return NULL;
	}
	return v;
}

static void
iview_draw(struct ui *ui, void *state)
{
	static const char *const keys_admin[] = {
		"Enter", N_("change / read"), "m", N_("add a material"), "t", N_("add a step"),
		"↑↓", N_("move"), "q", N_("back"), NULL
	};
	static const char *const keys[] = {
		"Enter", N_("read whole"), "↑↓", N_("move"), "q", N_("back"), NULL
	};
	struct iview *v = state;
	char buf[256];

	if (v->generation != ui->generation)
		iview_load(ui, v);
	snprintf(buf, sizeof buf, "tongban · %s · %s%s", _("item"), v->code,
	    v->admin ? "" : _(" (read only)"));
	ui_title(ui, buf);
	ui_list_draw(ui, &v->list, 2, ui->rows - 4);
	ui_keybar(ui, v->admin ? keys_admin : keys);
}

static int
iview_key(struct ui *ui, void *state, struct ui_key k)
{
	struct iview *v = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	char arg[128];

	if (!k.fkey && (k.ch == L'm' || k.ch == L't')) {
		if (!v->admin) {
			ui_message(ui, 1, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
			return UI_HANDLED | UI_REDRAW;
		}
		snprintf(arg, sizeof arg, "%s:%s", k.ch == L'm' ? "matadd" : "stepadd", v->code);
		ui_push(ui, &screen_admform, arg);
		return UI_HANDLED | UI_REDRAW;
	}
	if (enter && v->n > 0) {
		struct iline *l = &v->lines[v->list.sel];
		struct sb t = SB_INIT;

		if (v->admin && (l->kind == L_MAT || l->kind == L_STEP)) {
			snprintf(arg, sizeof arg, "%s:%s:%d%s%s", l->kind == L_MAT ? "matset" : "stepset",
			    v->code, l->seq, l->kind == L_STEP ? ":" : "", l->kind == L_STEP ? l->dept : "");
			ui_push(ui, &screen_admform, arg);
			return UI_HANDLED | UI_REDRAW;
		}
		if (l->kind == L_HEAD || l->kind == L_NONE)
			return UI_HANDLED;
		sb_addf(&t, "%s · %s\n%s", v->code, l->label, l->text);
		ui_push(ui, &screen_text, t.buf);
		sb_release(&t);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&v->list, k, ui->rows - 4);
}

static void
iview_leave(struct ui *ui, void *state)
{
	struct iview *v = state;

	(void)ui;
	iview_unload(v);
	free(v->lines);
	free(v->depts.d);
	free(v);
}

const struct screen screen_item = {
	.name = "item",
	.enter = iview_enter,
	.draw = iview_draw,
	.key = iview_key,
	.leave = iview_leave,
};
