/*
 * Intake (受理台): find the item by any part of its name or its code, enter
 * or reuse the applicant (a known ID fills in the rest), tick the materials
 * received, choose the channel, submit. The case is routed by the core.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <time.h>

#include "exitcode.h"
#include "access.h"
#include "case.h"
#include "i18n.h"
#include "ids.h"
#include "lifecycle.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

enum { I_ITEM, I_ID, I_NAME, I_PHONE, I_REGION, I_CHANNEL, I_MATERIALS, I_COUNT };

#define MAX_CAND 50
#define MAX_MAT 24

static const char *const channels[] = { "window", "online", "self-service" };

struct intake_state {
	struct ui_field f[I_COUNT];
	int focus;
	char cand_code[MAX_CAND][24];
	char cand_name[MAX_CAND][256];
	int ncand, csel;
	char item[24];
	char item_name[256];
	int promised;
	int mat_seq[MAX_MAT];
	char mat_name[MAX_MAT][256];
	int mat_req[MAX_MAT];
	int mat_on[MAX_MAT];
	int nmat, msel;
	int channel;
	char region_name[160];
	/* Places matching the "lives in" field's text (name or pinyin initials). */
	char place_code[5][16];
	char place_label[5][200];
	int nplace, psel;
	char registered[256];	/* the registered name of a known ID, or "" */
	char differs[256];	/* another name the clerk confirmed with a second F2 */
	char again[32];		/* an open case of the same applicant and item, shown once */
	int top, bottom;	/* the virtual rows scrolled off, the last screen row */
};


struct cand_ctx {
	struct intake_state *s;
	int en;
};

static int
add_cand(void *arg, const struct item *it)
{
	struct cand_ctx *c = arg;
	struct intake_state *s = c->s;

	if (s->ncand >= MAX_CAND)
		return 1;
	utf8_copy(s->cand_code[s->ncand], sizeof s->cand_code[0], it->code);
	snprintf(s->cand_name[s->ncand], sizeof s->cand_name[0], "%s",
	    c->en && *it->name_en ? it->name_en : it->name);
	s->ncand++;
	return 0;
}

static void
search_items(struct ui *ui, struct intake_state *s)
{
	char *q = ui_field_text(&s->f[I_ITEM]);
	struct cand_ctx c = { s, strcmp(i18n_lang(), "en") == 0 };
	const char *p = q;

	s->ncand = 0;
	s->csel = 0;
	while (*p == ' ')
		p++;
	/* The field still showing the chosen item, or blank (a stray Space),
	 * finds that item: Tab then keeps it and its ticked materials. */
	store_item_each(ui->s->st, s->item[0] && (s->f[I_ITEM].filled || !*p) ? s->item :
	    *p ? p : NULL, add_cand, &c);
	free(q);
}

static int
add_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	struct intake_state *s = arg;

	(void)secondary;	/* pledges are taken at acceptance, not at intake */
	if (s->nmat < MAX_MAT) {
		s->mat_seq[s->nmat] = seq;
		utf8_copy(s->mat_name[s->nmat], sizeof s->mat_name[0], name);
		s->mat_req[s->nmat] = required;
		s->mat_on[s->nmat] = 0;
		s->nmat++;
	}
	return 0;
}

/*
 * The item field shows the chosen item, code and name, as text filled in
 * for the user: a key that types replaces it all and starts a new search,
 * and the chosen item (with its ticked materials) stays until another one
 * is picked.
 */
static void
item_show(struct intake_state *s)
{
	char buf[300];

	if (!s->item[0])
		return;
	snprintf(buf, sizeof buf, "%s %s", s->item, s->item_name);
	ui_field_set(&s->f[I_ITEM], buf);
	s->f[I_ITEM].filled = 1;
}

/* Focus comes to the item field: the chosen item, its line selected. */
static void
item_focus(struct ui *ui, struct intake_state *s)
{
	item_show(s);
	search_items(ui, s);
}

static void
pick_item(struct ui *ui, struct intake_state *s, const char *code)
{
	struct item it;
	int rc;

	/* Passing through the item field keeps the ticked materials. */
	if (strcmp(s->item, code) == 0 && s->nmat > 0)
		return;
	if ((rc = store_item_get(ui->s->st, code, &it)) != 0) {
		if (rc < 0)
			ui_message(ui, 1, "%s", store_error(ui->s->st));
		return;
	}
	utf8_copy(s->item, sizeof s->item, it.code);
	snprintf(s->item_name, sizeof s->item_name, "%s",
	    strcmp(i18n_lang(), "en") == 0 && *it.name_en ? it.name_en : it.name);
	s->promised = it.promised_days;
	s->nmat = 0;
	s->msel = 0;
	store_material_each(ui->s->st, it.code, add_mat, s);
	item_release(&it);
	item_show(s);
}

static void
region_name(struct ui *ui, struct intake_state *s)
{
	char *code = ui_field_text(&s->f[I_REGION]);
	struct region r, up;

	s->region_name[0] = '\0';
	if (store_region_get(ui->s->st, code, &r) == 0) {
		/* A village reads with its township: 城北社区 · 葛城街道. */
		if (strcmp(r.level, "village") == 0 && r.parent &&
		    store_region_get(ui->s->st, r.parent, &up) == 0) {
			snprintf(s->region_name, sizeof s->region_name, "%s · %s", r.name, up.name);
			region_release(&up);
		} else
			utf8_copy(s->region_name, sizeof s->region_name, r.name);
		region_release(&r);
	}
	free(code);
}

static int
digits_only(const char *t)
{
	for (; *t; t++)
		if (*t < '0' || *t > '9')
			return 0;
	return 1;
}

static int
add_place(void *arg, const char *code, const char *name, const char *level,
    const char *parent_name)
{
	struct intake_state *s = arg;

	(void)level;
	utf8_copy(s->place_code[s->nplace], sizeof s->place_code[0], code);
	if (*parent_name)
		snprintf(s->place_label[s->nplace], sizeof s->place_label[0], "%s · %s", name,
		    parent_name);
	else
		utf8_copy(s->place_label[s->nplace], sizeof s->place_label[0], name);
	s->nplace++;
	return 0;
}

/* The field holds a name or initials, not a code: list the places it
 * matches, the clerk's own district first. */
static void
search_places(struct ui *ui, struct intake_state *s)
{
	char *q = ui_field_text(&s->f[I_REGION]);
	char near[8];

	s->nplace = 0;
	s->psel = 0;
	snprintf(near, sizeof near, "%.6s", ui->s->user.region ? ui->s->user.region : "");
	if (*q && !digits_only(q))
		store_place_find(ui->s->st, q, near, 5, add_place, s);
	free(q);
}

/* Take the chosen place: the field holds its code, its name beside. */
static void
pick_place(struct ui *ui, struct intake_state *s)
{
	if (s->nplace > 0) {
		ui_field_set(&s->f[I_REGION], s->place_code[s->psel]);
		s->nplace = 0;
	}
	region_name(ui, s);
}

/* A known applicant fills in the rest: entered once, reused everywhere. */
static void
known_applicant(struct ui *ui, struct intake_state *s)
{
	char *id = ui_field_text(&s->f[I_ID]), *name, *phone, *region;

	s->registered[0] = '\0';
	if (*id && ids_kind(id) == NULL)
		ui_message(ui, 1, _("'%s' is not a valid ID: check the digits"), id);
	else if (*id && store_applicant_get(ui->s->st, id, &name, &phone, &region) == 0) {
		ui_field_set(&s->f[I_NAME], name);
		snprintf(s->registered, sizeof s->registered, "%s", name);
		ui_field_set(&s->f[I_PHONE], phone);
		ui_field_set(&s->f[I_REGION], region);
		s->f[I_NAME].filled = s->f[I_PHONE].filled = s->f[I_REGION].filled = 1;
		region_name(ui, s);
		ui_message(ui, 0, _("known applicant: %s"), name);
		free(name);
		free(phone);
		free(region);
	}
	free(id);
}

static void *
intake_enter(struct ui *ui, const void *arg)
{
	struct intake_state *s;
	char *data = NULL, *saved = NULL;

	if (!access_has(&ui->s->user, RIGHT_CASE_INTAKE)) {
		ui_message(ui, 1, "%s", _("applications are taken in by window clerks"));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	ui_field_set(&s->f[I_REGION], ui->s->user.region);
	region_name(ui, s);
	search_items(ui, s);
	if (arg != NULL && strcmp(arg, "draft") == 0 &&
	    store_draft_get(ui->s->st, ui->s->user.login, "intake", &data, &saved) == 0) {
		static const char *const keys[] = { "item", "id", "name", "phone", "region" };
		char *v;
		int i;

		v = ui_draft_value(data, "item");
		if (v && *v)
			pick_item(ui, s, v);
		free(v);
		for (i = 1; i < 5; i++) {
			v = ui_draft_value(data, keys[i]);
			if (v)
				ui_field_set(&s->f[i], v);
			free(v);
		}
		v = ui_draft_value(data, "channel");
		for (i = 0; v && i < 3; i++)
			if (strcmp(v, channels[i]) == 0)
				s->channel = i;
		free(v);
		v = ui_draft_value(data, "materials");
		for (i = 0; v && i < s->nmat; i++) {
			char tok[8];

			snprintf(tok, sizeof tok, "%d", s->mat_seq[i]);
			for (char *p = v; (p = strstr(p, tok)) != NULL; p++)
				if ((p == v || p[-1] == ',') && (p[strlen(tok)] == ',' || !p[strlen(tok)]))
					s->mat_on[i] = 1;
		}
		free(v);
		region_name(ui, s);
		s->focus = s->item[0] ? I_ID : I_ITEM;
		ui_message(ui, 0, _("your unfinished intake form from %s is back"), saved);
		store_draft_delete(ui->s->st, ui->s->user.login, "intake");
		free(data);
		free(saved);
	}
	return s;
}

static char *
checked(struct intake_state *s)
{
	struct sb sb = SB_INIT;
	int i;

	for (i = 0; i < s->nmat; i++)
		if (s->mat_on[i])
			sb_addf(&sb, "%s%d", sb.len ? "," : "", s->mat_seq[i]);
	return sb_detach(&sb);
}

static void
command(struct intake_state *s, struct sb *cmd)
{
	static const char *const opts[] = { NULL, "applicant-id", "applicant-name", "phone",
		"applicant-region" };
	char *m = checked(s);
	int i;

	sb_addf(cmd, "case new --item %s", s->item[0] ? s->item : "?");
	for (i = 1; i < 5; i++) {
		char *v = ui_field_text(&s->f[i]);

		if (*v) {
			sb_addf(cmd, " --%s ", opts[i]);
			ui_shell_quote(cmd, v);
		}
		free(v);
	}
	sb_addf(cmd, " --channel %s", channels[s->channel]);
	if (*m)
		sb_addf(cmd, " --materials %s", m);
	free(m);
	{
		char *name = ui_field_text(&s->f[I_NAME]);

		if (s->differs[0] && strcmp(name, s->differs) == 0)
			sb_adds(cmd, " --name-differs");
		free(name);
	}
}

/* The width of field i: the region is a code beside its name; a name that
 * is not the registered one leaves room to show the registered one. */
static int
field_width(const struct intake_state *s, int i, int fw)
{
	if (i == I_REGION)
		return 14;
	if (i == I_NAME && s->registered[0] && fw > 24)
		return 20;
	return fw;
}

/*
 * The form's rows are laid out on a virtual page (item 2, its candidates
 * 3-7, applicant 8-11, channel 12, materials 13 on) that scrolls so that
 * the focused field is always on screen: a 40x12 window shows a few rows
 * at a time, never a field drawn over another.
 */
static int
row(const struct intake_state *s, int y)
{
	int r = y - s->top;

	return r >= 2 && r <= s->bottom ? r : -1;
}

static void
label(struct ui *ui, const struct intake_state *s, int y, const char *text, int focus)
{
	int r = row(s, y);

	(void)ui;
	if (r < 0)
		return;
	attrset(focus ? A_BOLD : A_NORMAL);
	ui_put(r, 1, 13, text);
	attrset(A_NORMAL);
}

static void
put(const struct intake_state *s, int y, int x, int w, const char *text, int pad)
{
	int r = row(s, y);

	if (r < 0 || w <= 0)
		return;
	if (pad)
		ui_put_pad(r, x, w, text);
	else
		ui_put(r, x, w, text);
}

/* The virtual rows the focus needs on screen, first and last. */
static void
focus_rows(const struct intake_state *s, int *first, int *last)
{
	switch (s->focus) {
	case I_ITEM:
		*first = 2;
		*last = 2 + (s->ncand < 5 ? (s->ncand > 0 ? s->ncand : s->item[0] ? 2 : 1) : 5);
		break;
	case I_CHANNEL:
		*first = *last = 12;
		break;
	case I_MATERIALS:
		*first = *last = 13 + s->msel;
		break;
	default:
		*first = 7 + s->focus;
		*last = *first + (s->focus == I_REGION ? s->nplace : 0);
	}
}

static void
intake_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"F2", N_("submit"), "Tab", N_("next field"), "Space", N_("tick"), "←→", N_("channel"),
		"Esc", N_("cancel"), "a", N_("tick all materials"), "Enter", N_("next field"), NULL
	};
	struct intake_state *s = state;
	static const char *const channel_labels[] = { N_("window"), N_("online"), N_("self-service") };
	int fx = 15, fw = ui->cols - fx - 2, i, top, first, last, r;
	int tall = ui->rows >= 20;	/* room for the equivalent ssh line */
	char buf[320];
	struct sb cmd = SB_INIT;

	if (ui->cols < 40) {
		/* A narrow window: the labels above their fields would need a form of
		 * their own; keep the fields wide enough to read. */
		fx = 12;
		fw = ui->cols - fx - 1;
	}
	s->bottom = ui->rows - (tall ? 4 : 3);
	focus_rows(s, &first, &last);
	if (last - s->top > s->bottom)
		s->top = last - s->bottom;
	if (first - s->top < 2)
		s->top = first - 2;
	/* The whole form fits: no scrolling at all. */
	if (s->top < 0 || s->bottom >= 12 + (s->nmat > 0 ? s->nmat : 1))
		s->top = 0;
	ui_title(ui, _("tongban · intake (受理台)"));
	label(ui, s, 2, _("item"), s->focus == I_ITEM);
	if (s->focus == I_ITEM) {
		for (i = 0; i < 5 && i < s->ncand; i++) {
			top = s->csel < 5 ? 0 : s->csel - 4;
			snprintf(buf, sizeof buf, "%s %s", s->cand_code[top + i], s->cand_name[top + i]);
			attrset(top + i == s->csel ? A_REVERSE : A_NORMAL);
			put(s, 3 + i, fx, fw, buf, 1);
			attrset(A_NORMAL);
		}
		if (s->ncand == 0)
			put(s, 3, fx, fw, _("(no item matches)"), 0);
		if (s->ncand == 0 && s->item[0]) {
			snprintf(buf, sizeof buf, _("still chosen: %s"), s->item_name);
			put(s, 4, fx, fw, buf, 0);
		}
	} else if (s->item[0]) {
		put(s, 3, fx, fw, s->item_name, 0);
		/* art. 32's clock runs until acceptance, the promised one after. */
		snprintf(buf, sizeof buf, _("to accept in %d working days (then promised %d)"),
		    TCASE_ACCEPT_DAYS, s->promised);
		put(s, 4, fx, fw, buf, 0);
	}
	label(ui, s, 8, _("applicant ID"), s->focus == I_ID);
	label(ui, s, 9, _("name"), s->focus == I_NAME);
	label(ui, s, 10, _("phone"), s->focus == I_PHONE);
	label(ui, s, 11, _("lives in"), s->focus == I_REGION);
	for (i = I_ID; i <= I_REGION; i++)
		if (i != s->focus && (r = row(s, 7 + i)) >= 0)
			ui_field_draw(ui, &s->f[i], r, fx, field_width(s, i, fw), 0);
	put(s, 11, fx + 15, fw - 15, s->region_name, 0);
	if (s->registered[0] && fw > 24) {
		char *name = ui_field_text(&s->f[I_NAME]);

		if (strcmp(name, s->registered) != 0) {
			snprintf(buf, sizeof buf, _("registered: %s"), s->registered);
			attrset(A_BOLD);
			put(s, 9, fx + 21, fw - 21, buf, 0);
			attrset(A_NORMAL);
		}
		free(name);
	}
	if (s->focus == I_REGION && s->nplace > 0) {
		/* The places the text matches, over the rows below until one is chosen. */
		for (i = 0; i < s->nplace; i++) {
			attrset(i == s->psel ? A_REVERSE : A_NORMAL);
			put(s, 12 + i, fx, fw, s->place_label[i], 1);
			attrset(A_NORMAL);
		}
		goto bottom;
	}
	label(ui, s, 12, _("channel"), s->focus == I_CHANNEL);
	snprintf(buf, sizeof buf, "◀ %s ▶", _(channel_labels[s->channel]));
	attrset(s->focus == I_CHANNEL ? A_REVERSE : A_NORMAL);
	put(s, 12, fx, fw, buf, 0);
	attrset(A_NORMAL);
	label(ui, s, 13, _("materials"), s->focus == I_MATERIALS);
	for (i = 0; i < s->nmat; i++) {
		snprintf(buf, sizeof buf, "[%s] %d. %s%s", s->mat_on[i] ? "x" : " ", s->mat_seq[i],
		    s->mat_name[i], s->mat_req[i] ? "" : _(" (optional)"));
		attrset(s->focus == I_MATERIALS && i == s->msel ? A_REVERSE : A_NORMAL);
		put(s, 13 + i, fx, fw, buf, 0);
		attrset(A_NORMAL);
	}
	if (s->nmat == 0)
		put(s, 13, fx, fw, _("(choose an item first)"), 0);
bottom:
	if (tall) {
		command(s, &cmd);
		ui_equivalent(ui, ui->rows - 3, cmd.buf);
		sb_release(&cmd);
	}
	ui_keybar(ui, keys);
	if (s->focus == I_ITEM && (r = row(s, 2)) >= 0)
		ui_field_draw(ui, &s->f[I_ITEM], r, fx, fw, 1);
	else if (s->focus >= I_ID && s->focus <= I_REGION && (r = row(s, 7 + s->focus)) >= 0)
		ui_field_draw(ui, &s->f[s->focus], r, fx, field_width(s, s->focus, fw), 1);
}

static int
submit(struct ui *ui, struct intake_state *s)
{
	struct intake in;
	char *v[I_COUNT], *m, *cause = NULL, no[32];
	int i, rc;

	if (!s->item[0]) {
		ui_message(ui, 1, "%s", _("choose an item first"));
		s->focus = I_ITEM;
		return UI_HANDLED | UI_REDRAW;
	}
	for (i = I_ID; i <= I_REGION; i++)
		v[i] = ui_field_text(&s->f[i]);
	m = checked(s);
	memset(&in, 0, sizeof in);
	in.item = s->item;
	in.applicant_id = v[I_ID];
	in.name = v[I_NAME];
	in.phone = v[I_PHONE];
	in.region = *v[I_REGION] ? v[I_REGION] : NULL;
	in.channel = channels[s->channel];
	in.materials = m;
	/* Another name for a known ID: shown beside the registered one, and
	 * taken in only on a second F2 with the same name (the clerk has checked
	 * the papers). */
	{
		char *oname = NULL, *ophone = NULL, *oregion = NULL;

		if (ids_kind(in.applicant_id) && store_applicant_get(ui->s->st, in.applicant_id,
		    &oname, &ophone, &oregion) == 0 && oname && strcmp(oname, in.name) != 0) {
			if (strcmp(s->differs, in.name) == 0)
				in.name_differs = 1;
			else {
				snprintf(s->differs, sizeof s->differs, "%s", in.name);
				ui_message(ui, 1, _("registered as %s, not %s: check the papers; F2 "
				    "again takes it in under the new name"), oname, in.name);
				s->focus = I_NAME;
				free(oname);
				free(ophone);
				free(oregion);
				for (i = I_ID; i <= I_REGION; i++)
					free(v[i]);
				free(m);
				return UI_HANDLED | UI_REDRAW;
			}
		}
		free(oname);
		free(ophone);
		free(oregion);
	}
	/* The same applicant, the same item, a case still open (or taken in
	 * today): said before a second one is filed; F2 again files it. */
	{
		char other[32], day[11];

		if (case_same_open(ui->s, in.applicant_id, in.item, other, day) == 1 &&
		    strcmp(s->again, other) != 0) {
			snprintf(s->again, sizeof s->again, "%s", other);
			ui_message(ui, 1, _("this applicant already has case %s for this item (taken "
			    "in %s): F2 again files a second one"), other, day);
			for (i = I_ID; i <= I_REGION; i++)
				free(v[i]);
			free(m);
			return UI_HANDLED | UI_REDRAW;
		}
	}
	rc = lifecycle_intake(ui->s, &in, no, &cause);
	for (i = I_ID; i <= I_REGION; i++)
		free(v[i]);
	free(m);
	if (rc != EXIT_OK) {
		/* The rules word it for the command line: name the form's fields. */
		static const char *const flags[] = { "item", "applicant-id", "applicant-name",
			"phone", "applicant-region", "channel", "materials", NULL };
		const char *labels[] = { _("item"), _("applicant ID"), _("name"), _("phone"),
			_("lives in"), _("channel"), _("materials"), NULL };
		char *shown = ui_form_cause(cause, flags, labels);

		ui_message(ui, 1, "%s", shown);
		free(shown);
		free(cause);
		return UI_HANDLED | UI_REDRAW;
	}
	ui->generation++;
	ui_message(ui, 0, _("case %s taken in and routed"), no);
	ui_then(ui, &screen_detail, no);
	return UI_HANDLED | UI_BACK;
}

static int
intake_key(struct ui *ui, void *state, struct ui_key k)
{
	struct intake_state *s = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int rc;

	if (k.fkey && k.ch == KEY_F(2))
		return submit(ui, s);
	if (s->focus == I_ITEM) {
		if (k.fkey && (k.ch == KEY_DOWN || k.ch == KEY_UP)) {
			s->csel += k.ch == KEY_DOWN ? 1 : -1;
			if (s->csel < 0)
				s->csel = 0;
			if (s->csel >= s->ncand)
				s->csel = s->ncand - 1;
			return UI_HANDLED | UI_REDRAW;
		}
		if ((enter || (!k.fkey && k.ch == L'\t')) && s->ncand > 0) {
			pick_item(ui, s, s->cand_code[s->csel]);
			s->focus = I_ID;
			return UI_HANDLED | UI_REDRAW;
		}
		rc = ui_field_key(&s->f[I_ITEM], k);
		if (rc & UI_REDRAW)
			/* A new search; the chosen item stays until another is picked. */
			search_items(ui, s);
		return rc;
	}
	if (s->focus == I_REGION && s->nplace > 0 && k.fkey &&
	    (k.ch == KEY_DOWN || k.ch == KEY_UP)) {
		s->psel += k.ch == KEY_DOWN ? 1 : -1;
		if (s->psel < 0)
			s->psel = 0;
		if (s->psel >= s->nplace)
			s->psel = s->nplace - 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (enter || (!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN &&
	    s->focus != I_MATERIALS)) {
		if (s->focus == I_ID)
			known_applicant(ui, s);
		if (s->focus == I_REGION) {
			char *t = ui_field_text(&s->f[I_REGION]);
			int unknown = *t && !digits_only(t) && s->nplace == 0;

			free(t);
			if (unknown) {
				ui_message(ui, 1, "%s", _("no village, community, township or street by "
				    "that name or initials"));
				return UI_HANDLED | UI_REDRAW;
			}
			pick_place(ui, s);
		}
		/* Enter on the materials list goes down the list, never submits:
		 * a clerk ticking materials must not file half an application.
		 * F2 submits. */
		if (enter && s->focus == I_MATERIALS) {
			if (s->msel < s->nmat - 1)
				s->msel++;
			else
				ui_message(ui, 0, "%s", _("the last material: F2 submits the application"));
			return UI_HANDLED | UI_REDRAW;
		}
		if (s->focus < I_MATERIALS)
			s->focus++;
		else if (!k.fkey && k.ch == L'\t') {
			s->focus = I_ITEM;
			item_focus(ui, s);
		}
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP &&
	    (s->focus != I_MATERIALS || s->msel == 0))) {
		s->focus = s->focus > 0 ? s->focus - 1 : I_MATERIALS;
		if (s->focus == I_ITEM)
			item_focus(ui, s);
		return UI_HANDLED | UI_REDRAW;
	}
	if (s->focus == I_CHANNEL && k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		s->channel = (s->channel + (k.ch == KEY_RIGHT ? 1 : 2)) % 3;
		return UI_HANDLED | UI_REDRAW;
	}
	if (s->focus == I_MATERIALS) {
		if (k.fkey && k.ch == KEY_DOWN && s->msel < s->nmat - 1) {
			s->msel++;
			return UI_HANDLED | UI_REDRAW;
		}
		if (k.fkey && k.ch == KEY_UP && s->msel > 0) {
			s->msel--;
			return UI_HANDLED | UI_REDRAW;
		}
		if (!k.fkey && k.ch == L' ' && s->nmat > 0) {
			s->mat_on[s->msel] = !s->mat_on[s->msel];
			return UI_HANDLED | UI_REDRAW;
		}
		if (!k.fkey && k.ch == L'a') {	/* tick all */
			for (int i = 0; i < s->nmat; i++)
				s->mat_on[i] = 1;
			return UI_HANDLED | UI_REDRAW;
		}
		/* Function keys (F1, F3, F10), Esc, Ctrl-L, / and : work here as
		 * everywhere; a stray letter does nothing. */
		return k.fkey || wcschr(L"\033\014/:?", (wchar_t)k.ch) ? UI_IGNORED : UI_HANDLED;
	}
	if (s->focus == I_CHANNEL)
		return k.fkey || wcschr(L"\033\014/:?", (wchar_t)k.ch) ? UI_IGNORED : UI_HANDLED;
	rc = ui_field_key(&s->f[s->focus], k);
	if (s->focus == I_REGION && (rc & UI_REDRAW)) {
		s->region_name[0] = '\0';
		search_places(ui, s);
	}
	return rc;
}

static int
intake_typing(struct ui *ui, void *state)
{
	struct intake_state *s = state;

	(void)ui;
	return s->focus <= I_REGION;
}

static void
intake_save(struct ui *ui, void *state)
{
	static const char *const keys[] = { "item", "id", "name", "phone", "region" };
	struct intake_state *s = state;
	struct sb d = SB_INIT;
	char now[20], *m;
	time_t t = time(NULL);
	struct tm tm;
	int i, any = s->item[0] != '\0';

	ui_draft_add(&d, "item", s->item);
	for (i = 1; i < 5; i++) {
		char *v = ui_field_text(&s->f[i]);

		any |= i < 4 && *v;
		ui_draft_add(&d, keys[i], v);
		free(v);
	}
	ui_draft_add(&d, "channel", channels[s->channel]);
	m = checked(s);
	ui_draft_add(&d, "materials", m);
	free(m);
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	if (any)
		store_draft_put(ui->s->st, ui->s->user.login, "intake", d.buf, now);
	sb_release(&d);
}

static void
intake_leave(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

const struct screen screen_intake = {
	.name = "intake",
	.enter = intake_enter,
	.draw = intake_draw,
	.key = intake_key,
	.leave = intake_leave,
	.typing = intake_typing,
	.save = intake_save,
};
