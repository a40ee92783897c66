/*
 * The action dialog: the actions the user may take on a case now (from the
 * lifecycle table), then a small form for the chosen one, the equivalent
 * ssh command, and the result. A conflict keeps everything typed; a dropped
 * link keeps it as a draft.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "lifecycle.h"
#include "tcase.h"
#include "ui.h"
#include "util.h"

enum field_id { F_MATERIALS, F_PLEDGE_MAT, F_PLEDGE_DATE, F_REASON, F_DAYS, F_FEE, F_VERDICT,
	F_NOTE, F_COUNT };

static const char *const field_opt[F_COUNT] = {
	"materials", "pledge-materials", "pledge-date", "reason", "days", "fee", "verdict", "note"
};

struct act {
	char no[32];
	struct tcase c;
	const struct act_def *defs[24];
	int ndefs;
	struct ui_list menu;
	const struct act_def *def;	/* chosen; NULL while in the menu */
	struct ui_field f[F_COUNT];
	int used[F_COUNT];		/* which fields this action shows */
	int order[F_COUNT];
	int nused;
	int focus;
	int reason;			/* index into lifecycle_suspend_reasons */
	int agree;
	int mat_seq[24];
	char mat_name[24][256];
	int mat_req[24];
	int mat_sec[24];		/* secondary: may be pledged (容缺受理) */
	int mat_have[24];
	int nmat;
	char *error;			/* the last refusal, shown whole under the form */
};

static int
add_mat(void *arg, int seq, const char *name, int required, int secondary)
{
	struct act *a = arg;
	char tok[8];
	const char *p;

	if (a->nmat >= 24)
		return 0;
	a->mat_seq[a->nmat] = seq;
	utf8_copy(a->mat_name[a->nmat], sizeof a->mat_name[0], name);
	a->mat_req[a->nmat] = required;
	a->mat_sec[a->nmat] = secondary;
	snprintf(tok, sizeof tok, "%d", seq);
	a->mat_have[a->nmat] = 0;
	for (p = a->c.materials; p && (p = strstr(p, tok)) != NULL; p++)
		if ((p == a->c.materials || p[-1] == ',') && (p[strlen(tok)] == ',' || !p[strlen(tok)]))
			a->mat_have[a->nmat] = 1;
	a->nmat++;
	return 0;
}


static void
menu_row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct act *a = arg;

	(void)ui;
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	hline(' ', w);
	/* The action as staff name it (出具意见); the command's word is in the
	 * equivalent `case act` line under the form. */
	{
		/* As wide as the longest label of the menu (English ones are
		 * long: "special procedure"), within a third of the line. */
		int lw = 8, k;

		for (k = 0; k < a->ndefs; k++)
			if (utf8_width(tcase_action_label(a->defs[k]->name)) > lw)
				lw = utf8_width(tcase_action_label(a->defs[k]->name));
		if (lw > w / 3)
			lw = w / 3;
		ui_put(y, 2, lw, tcase_action_label(a->defs[i]->name));
		ui_put(y, 3 + lw, w - 4 - lw, _(a->defs[i]->summary));
	}
	attrset(A_NORMAL);
}

/* A supplement notice's reason: a listed material missing, or one the
 * guide does not list (which counts against 办事指南准确度). */
static const char *const supplement_reasons[] = { "listed", "unlisted", NULL };

/* The choices of the reason field for the form's action. */
static const char *const *
reasons(const struct act *a)
{
	return a->def && strcmp(a->def->name, "supplement") == 0 ? supplement_reasons :
	    lifecycle_suspend_reasons;
}

static const char *
reason_label(const struct act *a)
{
	const char *code = reasons(a)[a->reason];

	if (reasons(a) == supplement_reasons)
		return strcmp(code, "unlisted") == 0 ?
		    _("a material the guide does not list (name it in the note)") :
		    _("listed materials missing");
	return tcase_suspend_label(code);
}

static void
choose(struct act *a, const struct act_def *def)
{
	int n = 0;

	a->def = def;
	a->reason = 0;
	memset(a->used, 0, sizeof a->used);
	if (strcmp(def->name, "accept") == 0) {
		a->used[F_MATERIALS] = a->used[F_PLEDGE_MAT] = a->used[F_PLEDGE_DATE] = 1;
	} else if (strcmp(def->name, "supplement") == 0) {
		a->used[F_MATERIALS] = a->used[F_REASON] = 1;
	} else if (strcmp(def->name, "resupply") == 0 || strcmp(def->name, "receive") == 0) {
		a->used[F_MATERIALS] = 1;
	} else if (strcmp(def->name, "extend") == 0) {
		a->used[F_DAYS] = 1;
	} else if (strcmp(def->name, "suspend") == 0) {
		a->used[F_REASON] = a->used[F_DAYS] = 1;
	} else if (strcmp(def->name, "complete") == 0) {
		a->used[F_FEE] = 1;
	} else if (strcmp(def->name, "opinion") == 0) {
		a->used[F_VERDICT] = 1;
	}
	a->used[F_NOTE] = 1;
	for (int i = 0; i < F_COUNT; i++)
		if (a->used[i])
			a->order[n++] = i;
	a->nused = n;
	a->focus = n - 1 > 0 && a->used[F_MATERIALS] ? 0 : n - 1;
	/* One notice lists every missing material (art. 32): the required ones
	 * not received are filled in, to add to. What was handed in is typed. */
	if (strcmp(def->name, "supplement") == 0 && a->f[F_MATERIALS].len == 0) {
		struct sb miss = SB_INIT;

		for (int i = 0; i < a->nmat; i++)
			if (a->mat_req[i] && !a->mat_have[i])
				sb_addf(&miss, "%s%d", miss.len ? "," : "", a->mat_seq[i]);
		ui_field_set(&a->f[F_MATERIALS], miss.buf);
		sb_release(&miss);
	}
}

static void
load_case(struct ui *ui, struct act *a)
{
	char *cause = NULL;

	if (a->c.no)
		tcase_release(&a->c);
	if (case_get(ui->s, a->no, &a->c, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	a->ndefs = a->c.no ? lifecycle_offered(ui->s, &a->c, a->defs, 24) : 0;
	if (a->ndefs < 0) {
		ui_message(ui, 1, "%s", store_error(ui->s->st));
		a->ndefs = 0;
	}
	a->menu.n = a->ndefs;
	a->nmat = 0;
	if (a->c.no)
		store_material_each(ui->s->st, a->c.item, add_mat, a);
}

static void *
act_enter(struct ui *ui, const void *arg)
{
	struct act *a = xcalloc(1, sizeof *a);
	char *data = NULL, *saved = NULL;

	utf8_copy(a->no, sizeof a->no, (const char *)arg);
	load_case(ui, a);
	if (a->c.no == NULL) {
		free(a);
		return NULL;
	}
	a->menu.row = menu_row;
	a->menu.arg = a;
	a->agree = 1;
	if (a->ndefs == 0) {
		ui_message(ui, 1, _("there is nothing you may do on this case now (it is %s)"),
		    tcase_status_label(a->c.status));
		tcase_release(&a->c);
		free(a);
		return NULL;
	}
	/* A draft of this case's dialog from a dropped link comes back as it was. */
	if (store_draft_get(ui->s->st, ui->s->user.login, "act", &data, &saved) == 0) {
		char *no = ui_draft_value(data, "no"), *action = ui_draft_value(data, "action");
		const struct act_def *d = action ? lifecycle_find(action) : NULL;
		int i;

		if (no && strcmp(no, a->no) == 0 && d && lifecycle_from_ok(d, a->c.status)) {
			choose(a, d);
			for (i = 0; i < F_COUNT; i++) {
				char *v = ui_draft_value(data, field_opt[i]);

				if (v)
					ui_field_set(&a->f[i], v);
				free(v);
			}
			ui_message(ui, 0, _("your unfinished '%s' from %s is back"), d->name, saved);
			store_draft_delete(ui->s->st, ui->s->user.login, "act");
		}
		free(no);
		free(action);
	}
	free(data);
	free(saved);
	return a;
}

/* The command line for the form as it stands. */
static void
command(struct ui *ui, struct act *a, struct sb *cmd)
{
	int i;

	(void)ui;
	sb_addf(cmd, "case act %s %s", a->no, a->def->name);
	for (i = 0; i < F_COUNT; i++) {
		char *v;

		if (!a->used[i])
			continue;
		if (i == F_REASON)
			v = xstrdup(reasons(a)[a->reason]);
		else if (i == F_VERDICT)
			v = xstrdup(a->agree ? "agree" : "disagree");
		else
			v = ui_field_text(&a->f[i]);
		if (*v) {
			sb_addf(cmd, " --%s ", field_opt[i]);
			ui_shell_quote(cmd, v);
		}
		free(v);
	}
	sb_addf(cmd, " --expect-version %d", a->c.version);
}

static const char *
field_label(const struct act *a, int i)
{
	switch (i) {
	case F_MATERIALS:
		return _("materials (1,2,…)");
	case F_PLEDGE_MAT:
		return _("pledged materials");
	case F_PLEDGE_DATE:
		return _("pledged by (date)");
	case F_REASON:
		return reasons(a) == supplement_reasons ? _("notice for") : _("reason (art. 45)");
	case F_DAYS:
		return strcmp(a->def->name, "extend") == 0 ? _("days added") : _("days told");
	case F_FEE:
		return _("fee charged (yuan)");
	case F_VERDICT:
		return _("verdict");
	default:
		return _("note / reason");
	}
}

static void
act_draw(struct ui *ui, void *state)
{
	static const char *const keys_menu[] = {
		"Enter", N_("choose"), "Esc", N_("cancel"), "F1", N_("help"), NULL
	};
	static const char *const keys_form[] = {
		"Enter", N_("next / confirm"), "Tab", N_("next field"), "←→", N_("choose"),
		"F2", N_("confirm"), "Esc", N_("cancel"), NULL
	};
	struct act *a = state;
	struct tcase *c = &a->c;
	char buf[512];
	int y = 2, i, cy = -1, cx = 0, cw = 0, en = strcmp(i18n_lang(), "en") == 0, nerr, first;
	struct sb cmd = SB_INIT;

	snprintf(buf, sizeof buf, "%s · %s", _("tongban · act on case"), a->no);
	ui_title(ui, buf);
	{
		/* The status, the due date and the light always show; the item's
		 * name gives way on a narrow screen. */
		int x, sw;

		snprintf(buf, sizeof buf, " · %s · %s %s ", tcase_status_label(c->status), _("due"),
		    c->due);
		sw = utf8_width(buf);
		x = 1 + ui_put(y, 1, ui->cols - 11 - sw, en && *c->item_name_en ?
		    c->item_name_en : c->item_name);
		x += ui_put(y, x, sw, x > 2 ? buf : buf + strlen(" · "));
		ui_light(ui, y++, x, tcase_light(c, session_today(ui->s)));
	}
	y++;
	if (a->def == NULL) {
		attrset(A_BOLD);
		ui_put(y++, 1, ui->cols - 2, _("What do you want to do?"));
		attrset(A_NORMAL);
		ui_list_draw(ui, &a->menu, y, ui->rows - 3 - y);
		ui_keybar(ui, keys_menu);
		return;
	}
	attrset(A_BOLD);
	snprintf(buf, sizeof buf, "%s — %s", tcase_action_label(a->def->name), _(a->def->summary));
	ui_put(y++, 1, ui->cols - 2, buf);
	attrset(A_NORMAL);
	y++;
	/* The fields scroll so that the focused one shows (40x12); a narrow
	 * window gives the labels a third of its width. */
	{
		int avail = ui->rows - 4 - y;

		if (avail < 1)
			avail = 1;
		first = a->focus >= avail ? a->focus - avail + 1 : 0;
		if (first > 0)
			ui_put(y - 1, ui->cols - 3, 2, "↑");
		if (a->nused - first > avail)
			ui_put(y + avail - 1, 0, 1, "↓");
	}
	for (i = first; i < a->nused && y < ui->rows - 4; i++, y++) {
		int id = a->order[i], lw = ui->cols < 60 ? ui->cols * 2 / 5 : 20, focus = i == a->focus;

		attrset(focus ? A_BOLD : A_NORMAL);
		ui_put(y, 2, lw - 1, field_label(a, id));
		attrset(A_NORMAL);
		if (id == F_REASON) {
			snprintf(buf, sizeof buf, "◀ %s ▶", reason_label(a));
			attrset(focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, ui->cols - lw - 4, buf);
			attrset(A_NORMAL);
		} else if (id == F_VERDICT) {
			snprintf(buf, sizeof buf, "◀ %s ▶", a->agree ? _("agree") : _("disagree"));
			attrset(focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, ui->cols - lw - 4, buf);
			attrset(A_NORMAL);
		} else if (focus) {
			cy = y;
			cx = 2 + lw;
			cw = ui->cols - lw - 4;
		} else
			ui_field_draw(ui, &a->f[id], y, 2 + lw, ui->cols - lw - 4, 0);
		if (id == F_NOTE && a->def->need_note)
			ui_put(y, 1, 1, "*");
	}
	/* A refusal is shown whole (it names the materials at fault), above
	 * the equivalent command; the materials list gives way to it. */
	nerr = a->error ? ui_wrapped_lines(ui->cols - 4, a->error) : 0;
	if (nerr > 4)
		nerr = 4;
	if (a->used[F_MATERIALS] && y < ui->rows - 6 - nerr) {
		/* The item's materials, with what was received, to pick numbers from;
		 * the secondary ones may be pledged (容缺受理). */
		y++;
		for (i = 0; i < a->nmat && y < ui->rows - 5 - nerr; i++, y++) {
			snprintf(buf, sizeof buf, "%s %d. %s%s", a->mat_have[i] ? "✓" : "·",
			    a->mat_seq[i], !a->mat_req[i] ? _("(optional) ") :
			    a->mat_sec[i] ? _("(secondary) ") : "", a->mat_name[i]);
			ui_put(y, 4, ui->cols - 6, buf);
		}
	}
	if (nerr > 0) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD);
		ui_put_wrapped(ui->rows - 4 - nerr, 2, ui->cols - 4, nerr, a->error);
		attrset(A_NORMAL);
	}
	command(ui, a, &cmd);
	ui_equivalent(ui, ui->rows - 3, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys_form);
	if (cy >= 0)
		ui_field_draw(ui, &a->f[a->order[a->focus]], cy, cx, cw, 1);
}

static int
submit(struct ui *ui, struct act *a)
{
	struct act_args args;
	char *v[F_COUNT], *cause = NULL;
	int i, rc;

	memset(&args, 0, sizeof args);
	for (i = 0; i < F_COUNT; i++)
		v[i] = ui_field_text(&a->f[i]);
	args.action = a->def->name;
	args.expect_version = a->c.version;
	args.fee_cents = -1;
	args.note = v[F_NOTE];
	if (a->used[F_MATERIALS] && *v[F_MATERIALS])
		args.materials = v[F_MATERIALS];
	if (a->used[F_PLEDGE_MAT] && *v[F_PLEDGE_MAT])
		args.pledge_materials = v[F_PLEDGE_MAT];
	if (a->used[F_PLEDGE_DATE] && *v[F_PLEDGE_DATE])
		args.pledge_date = v[F_PLEDGE_DATE];
	if (a->used[F_REASON])
		args.reason = reasons(a)[a->reason];
	if (a->used[F_VERDICT])
		args.verdict = a->agree ? "agree" : "disagree";
	rc = 0;
	/* A reason the action needs is asked for by the form's own words. */
	if (a->def->need_note && !*v[F_NOTE]) {
		set_cause(&cause, _("%s: this action needs a reason"), field_label(a, F_NOTE));
		rc = EXIT_INVALID;
	}
	/* An extension's days may be left empty: the statutory 10 (15). */
	if (rc == 0 && a->used[F_DAYS] && (*v[F_DAYS] || strcmp(a->def->name, "extend") != 0))
		rc = lifecycle_arg(&args, "days", v[F_DAYS], &cause);
	if (rc == 0 && a->used[F_FEE] && *v[F_FEE])
		rc = lifecycle_arg(&args, "fee", v[F_FEE], &cause);
	if (rc == 0)
		rc = lifecycle_act(ui->s, a->no, &args, &cause);
	for (i = 0; i < F_COUNT; i++)
		free(v[i]);
	free(a->error);
	a->error = NULL;
	if (rc != EXIT_OK) {
		/* Keep the form as it is; with a conflict, show the case as it now
		 * is. The refusal is shown whole under the form. */
		static const char *const flags[] = { "materials", "pledge-materials",
			"pledge-date", "reason", "days", "fee", "verdict", "note", NULL };
		const char *labels[9];

		/* The rules word it for the command line: name the form's fields. */
		labels[0] = field_label(a, F_MATERIALS);
		labels[1] = field_label(a, F_PLEDGE_MAT);
		labels[2] = field_label(a, F_PLEDGE_DATE);
		labels[3] = field_label(a, F_REASON);
		labels[4] = field_label(a, F_DAYS);
		labels[5] = field_label(a, F_FEE);
		labels[6] = field_label(a, F_VERDICT);
		labels[7] = field_label(a, F_NOTE);
		labels[8] = NULL;
		a->error = ui_form_cause(cause, flags, labels);
		free(cause);
		if (rc == EXIT_CONFLICT)
			load_case(ui, a);
		if (a->c.no != NULL)
			return UI_HANDLED | UI_REDRAW;
		/* The case could not be read again: leave rather than show nothing. */
		ui_message(ui, 1, "%s", a->error);
		return UI_HANDLED | UI_BACK;
	}
	ui->generation++;
	load_case(ui, a);
	if (a->c.no != NULL)
		ui_message(ui, 0, _("done: %s is now %s (version %d)"), a->no,
		    tcase_status_label(a->c.status), a->c.version);
	return UI_HANDLED | UI_BACK;
}

static int
act_key(struct ui *ui, void *state, struct ui_key k)
{
	struct act *a = state;
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int id;

	if (a->def == NULL) {
		if (enter && a->ndefs > 0) {
			choose(a, a->defs[a->menu.sel]);
			return UI_HANDLED | UI_REDRAW;
		}
		return ui_list_key(&a->menu, k, ui->rows - 8);
	}
	id = a->order[a->focus];
	if (k.fkey && k.ch == KEY_F(2))
		return submit(ui, a);
	if (enter) {
		if (a->focus == a->nused - 1)
			return submit(ui, a);
		a->focus++;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		a->focus = (a->focus + 1) % a->nused;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		a->focus = (a->focus + a->nused - 1) % a->nused;
		return UI_HANDLED | UI_REDRAW;
	}
	if (id == F_REASON && k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
		int n = 0;

		while (reasons(a)[n])
			n++;
		a->reason = (a->reason + (k.ch == KEY_RIGHT ? 1 : n - 1)) % n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (id == F_VERDICT && (k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT))) {
		a->agree = !a->agree;
		return UI_HANDLED | UI_REDRAW;
	}
	if (id == F_REASON || id == F_VERDICT)
		return UI_IGNORED;
	return ui_field_key(&a->f[id], k);
}

static int
act_typing(struct ui *ui, void *state)
{
	struct act *a = state;

	(void)ui;
	return a->def != NULL && a->order[a->focus] != F_REASON && a->order[a->focus] != F_VERDICT;
}

static void
act_save(struct ui *ui, void *state)
{
	struct act *a = state;
	struct sb d = SB_INIT;
	char now[20];
	time_t t = time(NULL);
	struct tm tm;
	int i;

	if (a->def == NULL)
		return;
	ui_draft_add(&d, "no", a->no);
	ui_draft_add(&d, "action", a->def->name);
	for (i = 0; i < F_COUNT; i++) {
		char *v = ui_field_text(&a->f[i]);

		if (*v)
			ui_draft_add(&d, field_opt[i], v);
		free(v);
	}
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	store_draft_put(ui->s->st, ui->s->user.login, "act", d.buf, now);
	sb_release(&d);
}

static void
act_leave(struct ui *ui, void *state)
{
	struct act *a = state;

	(void)ui;
	tcase_release(&a->c);
	free(a->error);
	free(a);
}

const struct screen screen_act = {
	.name = "act",
	.enter = act_enter,
	.draw = act_draw,
	.key = act_key,
	.leave = act_leave,
	.typing = act_typing,
	.save = act_save,
};
