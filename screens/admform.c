/*
 * The admin's forms (admin.h): a user added or changed, a key pasted, an
 * item's material or step added or changed. One form of text fields and
 * choices (←→): Enter and Tab go to the next field, F2 submits, Esc cancels
 * (asking first when something was typed). The form calls the user or
 * catalog service; a refusal is shown under the form, which keeps what was
 * typed.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "admin.h"
#include "catalog.h"
#include "exitcode.h"
#include "i18n.h"
#include "user.h"
#include "util.h"

#define NF 8
#define NCHOICE 48

enum verb { V_USER_ADD, V_USER_SET, V_KEY_ADD, V_MAT_ADD, V_MAT_SET, V_STEP_ADD, V_STEP_SET };

static const char *const verbs[] = { "useradd", "userset", "keyadd", "matadd", "matset",
	"stepadd", "stepset", NULL };

struct afield {
	const char *label;	/* msgid */
	const char *opt;	/* the command's option, for the equivalent line */
	int choice;		/* a choice (←→) rather than text */
	int nchoice, sel, sel0;
	char value[NCHOICE][48];
	char label_of[NCHOICE][96];
	struct ui_field f;
	int lookup;		/* LK_REGION, LK_OFFICE: a name looked up, a code submitted */
	char typed[96];		/* what was typed before the matches were offered */
};

enum { LK_NONE, LK_REGION, LK_OFFICE };

struct aform {
	char arg[96];		/* what made it: kept with a draft */
	enum verb verb;
	char target[48];	/* the login or the item */
	int seq;		/* the material or step changed */
	char dept[48];		/* the step's department (joint steps share a number) */
	struct afield fl[NF];
	char *orig[NF];		/* the text fields as filled in (user set: what changed) */
	int n, focus, changed, asking;
	char *error;
};

static struct afield *
add_text(struct aform *f, const char *label, const char *opt, const char *value)
{
	struct afield *a = &f->fl[f->n];

	a->label = label;
	a->opt = opt;
	ui_field_set(&a->f, value ? value : "");
	f->orig[f->n] = xstrdup(value ? value : "");
	f->n++;
	return a;
}

static struct afield *
add_choice(struct aform *f, const char *label, const char *opt)
{
	struct afield *a = &f->fl[f->n++];

	a->label = label;
	a->opt = opt;
	a->choice = 1;
	return a;
}

static void
choice_add(struct afield *a, const char *value, const char *label, int selected)
{
	if (a->nchoice >= NCHOICE)
		return;
	utf8_copy(a->value[a->nchoice], sizeof a->value[0], value);
	utf8_copy(a->label_of[a->nchoice], sizeof a->label_of[0], label);
	if (selected)
		a->sel = a->sel0 = a->nchoice;
	a->nchoice++;
}

static int
dept_choice(void *arg, const struct dept *d)
{
	struct afield *a = arg;
	char label[96];

	snprintf(label, sizeof label, "%s (%s)", strcmp(i18n_lang(), "en") == 0 ? d->name_en :
	    d->district_suffix, d->kind);
	choice_add(a, d->kind, label, 0);
	return 0;
}

struct part {
	int want, found;
	const char *want_dept;
	char name[256], name_en[256], dept[48];
	int required, secondary, days;
};

static int
mat_of(void *arg, int seq, const char *name, int required, int secondary)
{
	struct part *p = arg;

	if (seq == p->want && !p->found) {
		p->found = 1;
		utf8_copy(p->name, sizeof p->name, name);
		p->required = required;
		p->secondary = secondary;
	}
	return 0;
}

static int
step_of(void *arg, int seq, const char *name, const char *name_en, const char *dept, int days)
{
	struct part *p = arg;

	if (seq == p->want && !p->found && (!p->want_dept || !*p->want_dept ||
	    strcmp(dept, p->want_dept) == 0)) {
		p->found = 1;
		utf8_copy(p->name, sizeof p->name, name);
		utf8_copy(p->name_en, sizeof p->name_en, name_en);
		utf8_copy(p->dept, sizeof p->dept, dept);
		p->days = days;
	}
	return 0;
}

static void
yes_no(struct afield *a, int yes)
{
	choice_add(a, "no", _("no"), !yes);
	choice_add(a, "yes", _("yes"), yes);
}

static void *
form_make(struct ui *ui, const void *arg)
{
	struct aform *f;
	const char *a = arg, *colon = strchr(a, ':');
	size_t n = colon ? (size_t)(colon - a) : strlen(a);
	int v;

	for (v = 0; verbs[v] != NULL; v++)
		if (strlen(verbs[v]) == n && strncmp(verbs[v], a, n) == 0)
			break;
	if (verbs[v] == NULL)
		return NULL;
	f = xcalloc(1, sizeof *f);
	snprintf(f->arg, sizeof f->arg, "%s", a);
	f->verb = (enum verb)v;
	if (colon) {
		const char *c2 = strchr(colon + 1, ':');

		snprintf(f->target, sizeof f->target, "%.*s",
		    (int)(c2 ? (size_t)(c2 - colon - 1) : strlen(colon + 1)), colon + 1);
		f->seq = c2 ? atoi(c2 + 1) : 0;
		if (c2 && strchr(c2 + 1, ':'))
			utf8_copy(f->dept, sizeof f->dept, strchr(c2 + 1, ':') + 1);
	}
	if (f->verb <= V_KEY_ADD && !access_has(&ui->s->user, RIGHT_USER_ADMIN)) {
		ui_message(ui, 1, "%s", access_denied_text(RIGHT_USER_ADMIN));
		free(f);
		return NULL;
	}
	if (f->verb >= V_MAT_ADD && !access_has(&ui->s->user, RIGHT_CATALOG_ADMIN)) {
		ui_message(ui, 1, "%s", access_denied_text(RIGHT_CATALOG_ADMIN));
		free(f);
		return NULL;
	}
	switch (f->verb) {
	case V_USER_ADD: {
		struct afield *c;

		add_text(f, N_("login"), NULL, "");
		add_text(f, N_("name"), "name", "");
		c = add_choice(f, N_("role"), "role");
		choice_add(c, "clerk", role_label(ROLE_CLERK), 1);
		choice_add(c, "approver", role_label(ROLE_APPROVER), 0);
		choice_add(c, "supervisor", role_label(ROLE_SUPERVISOR), 0);
		choice_add(c, "admin", role_label(ROLE_ADMIN), 0);
		add_text(f, N_("region"), "region", "")->lookup = LK_REGION;
		add_text(f, N_("office"), "office", "")->lookup = LK_OFFICE;
		c = add_choice(f, N_("language"), "lang");
		choice_add(c, "zh", "中文 (zh)", 1);
		choice_add(c, "en", "English (en)", 0);
		break;
	}
	case V_USER_SET: {
		struct user u;
		struct afield *c;

		if (store_user_get(ui->s->st, f->target, &u) != 0) {
			ui_message(ui, 1, _("no user '%s'"), f->target);
			free(f);
			return NULL;
		}
		add_text(f, N_("name"), "name", u.name);
		c = add_choice(f, N_("language"), "lang");
		choice_add(c, "zh", "中文 (zh)", strcmp(u.lang, "zh") == 0);
		choice_add(c, "en", "English (en)", strcmp(u.lang, "en") == 0);
		c = add_choice(f, N_("encoding"), "encoding");
		choice_add(c, "utf-8", "UTF-8", strcmp(u.encoding, "gbk") != 0);
		choice_add(c, "gbk", "GBK (GB18030)", strcmp(u.encoding, "gbk") == 0);
		if (access_may_head(u.role)) {
			c = add_choice(f, N_("head of office"), "head");
			yes_no(c, u.head);
		}
		user_release(&u);
		break;
	}
	case V_KEY_ADD:
		add_text(f, N_("public key"), NULL, "");
		break;
	case V_MAT_ADD:
	case V_MAT_SET: {
		struct part p = { 0 };

		p.want = f->seq;
		p.required = 1;
		if (f->verb == V_MAT_SET) {
			store_material_each(ui->s->st, f->target, mat_of, &p);
			if (!p.found) {
				ui_message(ui, 1, _("item '%s' has no material %d"), f->target, f->seq);
				free(f);
				return NULL;
			}
		}
		add_text(f, N_("material name"), "name", p.name);
		yes_no(add_choice(f, N_("required"), "required"), p.required);
		yes_no(add_choice(f, N_("secondary (容缺)"), "secondary"), p.secondary);
		break;
	}
	case V_STEP_ADD:
	case V_STEP_SET: {
		struct part p = { 0 };
		char days[16] = "";

		p.want = f->seq;
		p.want_dept = f->dept;
		if (f->verb == V_STEP_SET) {
			store_step_each(ui->s->st, f->target, step_of, &p);
			if (!p.found) {
				ui_message(ui, 1, _("item '%s' has no step %d"), f->target, f->seq);
				free(f);
				return NULL;
			}
			snprintf(days, sizeof days, "%d", p.days);
			utf8_copy(f->dept, sizeof f->dept, p.dept);
		}
		add_text(f, N_("step name"), "name", p.name);
		add_text(f, N_("step name in English"), "name-en", p.name_en);
		if (f->verb == V_STEP_ADD) {
			struct item it;
			struct afield *c = add_choice(f, N_("department"), "dept");

			store_dept_each(ui->s->st, dept_choice, c);
			/* The item's own department first offered. */
			if (store_item_get(ui->s->st, f->target, &it) == 0) {
				int i;

				for (i = 0; i < c->nchoice; i++)
					if (strcmp(c->value[i], it.dept_kind) == 0)
						c->sel = c->sel0 = i;
				item_release(&it);
			}
		}
		add_text(f, N_("limit (working days)"), "days", days);
		break;
	}
	}
	return f;
}

static char *ftext(const struct aform *f, int i);

/* The region and office fields look a name up -------------------------------
 * Typed text (a name, pinyin initials or a code) and Enter: the matches
 * become a choice (←→) showing name and code; the code is what is
 * submitted. Typing again goes back to the text. */

static int
region_hit(void *arg, const char *code, const char *name, const char *level,
    const char *parent_name)
{
	struct afield *a = arg;
	struct sb t = SB_INIT;

	(void)level;
	if (*parent_name)
		sb_addf(&t, "%s · %s (%s)", name, parent_name, code);
	else
		sb_addf(&t, "%s (%s)", name, code);
	choice_add(a, code, t.buf, a->nchoice == 0);
	sb_release(&t);
	return 0;
}

struct office_q {
	struct afield *a;
	const char *q;
	char regs[NCHOICE][16];	/* regions whose name or initials match q */
	int nregs;
};

static int
region_collect(void *arg, const char *code, const char *name, const char *level,
    const char *parent_name)
{
	struct office_q *o = arg;

	(void)name;
	(void)level;
	(void)parent_name;
	if (o->nregs < NCHOICE)
		snprintf(o->regs[o->nregs++], sizeof o->regs[0], "%.15s", code);
	return 0;
}

static int
office_hit(void *arg, const char *code, const char *name, const char *kind, const char *region,
    const char *level)
{
	struct office_q *o = arg;
	int i, hit = strstr(name, o->q) != NULL || strncmp(code, o->q, strlen(o->q)) == 0;
	struct sb t = SB_INIT;

	(void)kind;
	(void)level;
	for (i = 0; !hit && i < o->nregs; i++)
		hit = strcmp(o->regs[i], region) == 0;
	if (!hit)
		return 0;
	sb_addf(&t, "%s (%s)", name, code);
	choice_add(o->a, code, t.buf, o->a->nchoice == 0);
	sb_release(&t);
	return 0;
}

/* The region the office is looked up in: the region field's code, or NULL. */
static char *
form_region(struct ui *ui, const struct aform *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (f->fl[i].lookup == LK_REGION) {
			char *v = ftext(f, i);
			struct region r;

			if (*v && store_region_get(ui->s->st, v, &r) == 0) {
				region_release(&r);
				return v;
			}
			free(v);
		}
	return NULL;
}

/* Look the text of lookup field a up: its matches become its choices.
 * The number of matches, or -1 (the office before its region). */
static int
lookup(struct ui *ui, struct aform *f, struct afield *a)
{
	char *q = ui_field_text(&a->f);

	a->nchoice = a->sel = a->sel0 = 0;
	utf8_copy(a->typed, sizeof a->typed, q);
	if (a->lookup == LK_REGION) {
		struct region r;

		if (store_region_get(ui->s->st, q, &r) == 0) {
			region_hit(a, r.code, r.name, r.level, "");
			region_release(&r);
		} else
			store_place_find(ui->s->st, q, NULL, NCHOICE, region_hit, a);
	} else {
		char *region = form_region(ui, f);
		struct office_q o;

		if (region == NULL) {
			free(q);
			return -1;
		}
		memset(&o, 0, sizeof o);
		o.a = a;
		o.q = q;
		store_place_find(ui->s->st, q, region, NCHOICE, region_collect, &o);
		store_office_each(ui->s->st, region, office_hit, &o);
		free(region);
	}
	free(q);
	return a->nchoice;
}

/* Back to the text the matches came from. */
static void
unlook(struct afield *a)
{
	if (a->lookup && a->choice) {
		a->choice = 0;
		a->nchoice = 0;
		ui_field_set(&a->f, a->typed);
	}
}

/* Resolve lookup field a: 0 when it holds a code (or nothing), else -1
 * with *cause naming the field. */
static int
resolve(struct ui *ui, struct aform *f, struct afield *a, char **cause)
{
	struct region r;
	char *q;
	int n;

	if (!a->lookup || a->choice)
		return 0;
	q = ui_field_text(&a->f);
	if (*q == '\0' || (a->lookup == LK_REGION && q[strspn(q, "0123456789")] == '\0' &&
	    store_region_get(ui->s->st, q, &r) != 0)) {
		/* nothing, or a code that is no region: the service says so */
		free(q);
		return 0;
	}
	if (a->lookup == LK_REGION && *q && q[strspn(q, "0123456789")] == '\0')
		region_release(&r);
	n = lookup(ui, f, a);
	if (n < 0)
		set_cause(cause, _("%s: choose the region first"), _(a->label));
	else if (n == 0)
		set_cause(cause, _("%s: nothing matches '%s': type a name, pinyin initials or a code"),
		    _(a->label), q);
	else {
		a->choice = 1;
		f->changed = 1;
	}
	free(q);
	return n > 0 ? 0 : -1;
}

/* A refusal naming an option ("--region: ...") names the field instead. */
static void
relabel(const struct aform *f, char **cause)
{
	int i;

	for (i = 0; *cause && i < f->n; i++) {
		size_t n;
		struct sb t = SB_INIT;

		if (f->fl[i].opt == NULL)
			continue;
		n = strlen(f->fl[i].opt);
		if (strncmp(*cause, "--", 2) != 0 || strncmp(*cause + 2, f->fl[i].opt, n) != 0 ||
		    (*cause)[2 + n] == '-' || ((*cause)[2 + n] >= 'a' && (*cause)[2 + n] <= 'z'))
			continue;
		sb_addf(&t, "%s%s", _(f->fl[i].label), *cause + 2 + n);
		free(*cause);
		*cause = xstrdup(t.buf);
		sb_release(&t);
		return;
	}
}

static const char *
form_title(const struct aform *f)
{
	switch (f->verb) {
	case V_USER_ADD:
		return _("add a user");
	case V_USER_SET:
		return _("change a user");
	case V_KEY_ADD:
		return _("add a key: paste one OpenSSH public key line (ssh-ed25519 AAAA… comment)");
	case V_MAT_ADD:
		return _("add a material");
	case V_MAT_SET:
		return _("change a material");
	case V_STEP_ADD:
		return _("add a step");
	default:
		return _("change a step");
	}
}

/* The text of field i (heap). */
static char *
ftext(const struct aform *f, int i)
{
	return f->fl[i].choice ? xstrdup(f->fl[i].value[f->fl[i].sel]) : ui_field_text(&f->fl[i].f);
}

/* Field i as the form changes it: NULL when it is as it was (user set, a
 * material or step changed). */
static char *
fchanged(const struct aform *f, int i)
{
	char *v = ftext(f, i);
	int same = f->fl[i].choice ? f->fl[i].sel == f->fl[i].sel0 : strcmp(v, f->orig[i]) == 0;

	if (same) {
		free(v);
		return NULL;
	}
	return v;
}

/* "draft": the form Ctrl-C or a dropped link left (kind "admin"), as typed. */
static void *
form_enter(struct ui *ui, const void *arg)
{
	struct aform *f;
	char *data = NULL, *saved = NULL, *which;
	int i, j;

	if (strcmp(arg, "draft") != 0)
		return form_make(ui, arg);
	if (store_draft_get(ui->s->st, ui->s->user.login, "admin", &data, &saved) != 0)
		return NULL;
	which = ui_draft_value(data, "form");
	f = which ? form_make(ui, which) : NULL;
	for (i = 0; f != NULL && i < f->n; i++) {
		char key[16], *v;

		snprintf(key, sizeof key, "f%d", i);
		if ((v = ui_draft_value(data, key)) == NULL)
			continue;
		if (f->fl[i].choice) {
			for (j = 0; j < f->fl[i].nchoice; j++)
				if (strcmp(f->fl[i].value[j], v) == 0)
					f->fl[i].sel = j;
		} else
			ui_field_set(&f->fl[i].f, v);
		f->changed = 1;
		free(v);
	}
	if (f != NULL)
		ui_message(ui, 0, _("your unfinished form from %s is back"), saved);
	store_draft_delete(ui->s->st, ui->s->user.login, "admin");
	free(which);
	free(data);
	free(saved);
	return f;
}

/* Ctrl-C, or the link dropped: keep what was typed for later. */
static void
form_save(struct ui *ui, void *state)
{
	struct aform *f = state;
	struct sb d = SB_INIT;
	char now[20];
	time_t t = time(NULL);
	struct tm tm;
	int i;

	ui_draft_add(&d, "form", f->arg);
	for (i = 0; i < f->n; i++) {
		char key[16], *v = ftext(f, i);

		snprintf(key, sizeof key, "f%d", i);
		ui_draft_add(&d, key, v);
		free(v);
	}
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
	store_draft_put(ui->s->st, ui->s->user.login, "admin", d.buf, now);
	sb_release(&d);
}

/* The equivalent command line of the form as filled in. */
static void
form_command(const struct aform *f, struct sb *cmd)
{
	static const char *const heads[] = { "user add", "user set", "user key add",
		"item material add", "item material set", "item step add", "item step set" };
	int i, add = f->verb == V_USER_ADD || f->verb == V_MAT_ADD || f->verb == V_STEP_ADD;

	sb_addf(cmd, "%s ", heads[f->verb]);
	if (f->verb == V_USER_ADD) {
		char *login = ftext(f, 0);

		ui_shell_quote(cmd, *login ? login : "LOGIN");
		free(login);
	} else
		ui_shell_quote(cmd, f->target);
	if (f->verb == V_MAT_SET || f->verb == V_STEP_SET)
		sb_addf(cmd, " %d", f->seq);
	if (f->verb == V_STEP_SET && f->dept[0])
		sb_addf(cmd, " --dept %s", f->dept);
	if (f->verb == V_KEY_ADD) {
		sb_adds(cmd, " - <KEY.pub");
		return;
	}
	for (i = 0; i < f->n; i++) {
		char *v;

		if (f->fl[i].opt == NULL)
			continue;
		v = add ? ftext(f, i) : fchanged(f, i);
		if (v == NULL)
			continue;
		if (strcmp(f->fl[i].opt, "required") == 0 && f->verb == V_MAT_ADD) {
			if (strcmp(v, "no") == 0)
				sb_adds(cmd, " --optional");
		} else if (strcmp(f->fl[i].opt, "secondary") == 0 && f->verb == V_MAT_ADD) {
			if (strcmp(v, "yes") == 0)
				sb_adds(cmd, " --secondary");
		} else if (*v) {
			sb_addf(cmd, " --%s ", f->fl[i].opt);
			ui_shell_quote(cmd, v);
		}
		free(v);
	}
}

static void
form_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("next field"), "←→", N_("choose"), "F2", N_("submit"), "Esc",
		N_("cancel"), NULL
	};
	struct aform *f = state;
	struct sb cmd = SB_INIT;
	char buf[256];
	int y = 2, i, lw, top = 0, room, cy = -1, nerr, bottom;

	lw = ui->cols < 60 ? 12 : 22;
	/* The lines left for the fields: the equivalent command takes two at
	 * the bottom when there is room for it, the error up to three. */
	bottom = ui->rows >= 16 ? ui->rows - 5 : ui->rows - 3;
	nerr = f->error ? ui_wrapped_lines(ui->cols - 4, f->error) : 0;
	if (nerr > 3)
		nerr = 3;
	snprintf(buf, sizeof buf, "tongban · %s%s%s", form_title(f), f->target[0] ? " · " : "",
	    f->target);
	ui_title(ui, buf);
	if (ui->rows >= 16)
		y += ui_put_wrapped(y, 1, ui->cols - 2, 2, form_title(f));
	/* Fields scroll to keep the focus in sight (40x12). */
	room = bottom - y + 1 - (ui->rows >= 16 ? nerr : 0);
	if (room < 1)
		room = 1;
	if (f->focus >= room)
		top = f->focus - room + 1;
	for (i = top; i < f->n && i < top + room; i++, y++) {
		struct afield *a = &f->fl[i];
		int focus = i == f->focus, w = ui->cols - lw - 4;

		attrset(focus ? A_BOLD : A_NORMAL);
		ui_put(y, 2, lw - 1, _(a->label));
		attrset(A_NORMAL);
		if (a->choice) {
			snprintf(buf, sizeof buf, "< %s >", a->nchoice ? a->label_of[a->sel] : "");
			attrset(focus ? A_REVERSE : A_NORMAL);
			ui_put(y, 2 + lw, w, buf);
			attrset(A_NORMAL);
		} else if (focus)
			cy = y;
		else
			ui_field_draw(ui, &a->f, y, 2 + lw, w, 0);
	}
	if (nerr > 0 && ui->rows >= 16) {
		attrset(ui->color ? COLOR_PAIR(UI_PAIR_RED) | A_BOLD : A_BOLD);
		ui_put_wrapped(bottom - nerr + 1, 2, ui->cols - 4, nerr, f->error);
		attrset(A_NORMAL);
	}
	form_command(f, &cmd);
	if (ui->rows >= 16)
		ui_equivalent(ui, ui->rows - 3, cmd.buf);
	sb_release(&cmd);
	ui_keybar(ui, keys);
	if (cy >= 0)
		ui_field_draw(ui, &f->fl[f->focus].f, cy, 2 + lw, ui->cols - lw - 4, 1);
}

static int
form_submit(struct ui *ui, struct aform *f)
{
	char *v[NF], *cause = NULL;
	int i, rc = EXIT_OK, seq = 0;

	for (i = 0; i < NF; i++)
		v[i] = i < f->n ? ftext(f, i) : NULL;
	switch (f->verb) {
	case V_USER_ADD: {
		struct user_new in;

		memset(&in, 0, sizeof in);
		in.login = v[0];
		in.name = v[1];
		in.role = v[2];
		in.region = v[3];
		in.office = *v[4] ? v[4] : NULL;
		in.lang = v[5];
		if (resolve(ui, f, &f->fl[3], &cause) != 0 || resolve(ui, f, &f->fl[4], &cause) != 0) {
			rc = EXIT_INVALID;
		} else if (f->fl[3].choice && f->fl[3].nchoice > 1) {
			set_cause(&cause, _("%s: %d matches: choose one with ←→, then F2"),
			    _(f->fl[3].label), f->fl[3].nchoice);
			f->focus = 3;
			rc = EXIT_INVALID;
		} else if (f->fl[4].choice && f->fl[4].nchoice > 1) {
			set_cause(&cause, _("%s: %d matches: choose one with ←→, then F2"),
			    _(f->fl[4].label), f->fl[4].nchoice);
			f->focus = 4;
			rc = EXIT_INVALID;
		} else if (*v[0] == '\0') {
			set_cause(&cause, "%s", _("login: expected the new user's login"));
			rc = EXIT_INVALID;
		} else if (*v[3] == '\0') {
			set_cause(&cause, "%s", _("region: expected a region code (e.g. 500229)"));
			rc = EXIT_INVALID;
		} else {
			free(v[3]);
			free(v[4]);
			v[3] = ftext(f, 3);
			v[4] = ftext(f, 4);
			in.region = v[3];
			in.office = *v[4] ? v[4] : NULL;
			rc = user_add(ui->s, &in, &cause);
		}
		if (rc == 0) {
			ui_message(ui, 0, _("user '%s' added; k on their screen adds a key"), v[0]);
			ui_then(ui, &screen_user, v[0]);
		}
		break;
	}
	case V_USER_SET: {
		char *name = fchanged(f, 0), *lang = fchanged(f, 1), *enc = fchanged(f, 2);
		char *head = f->n > 3 ? fchanged(f, 3) : NULL;

		if (!name && !lang && !enc && !head) {
			ui_message(ui, 0, "%s", _("nothing changed"));
			rc = -1;
		} else
			rc = user_change(ui->s, f->target, name, lang, enc, head, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("user '%s' changed"), f->target);
		free(name);
		free(lang);
		free(enc);
		free(head);
		if (rc < 0)
			rc = 0;
		break;
	}
	case V_KEY_ADD: {
		char *p = v[0];

		while (*p == ' ')
			p++;
		if (*p == '\0') {
			set_cause(&cause, "%s", _("public key: paste one OpenSSH public key line"));
			rc = EXIT_INVALID;
		} else
			rc = user_key_add(ui->s, f->target, p, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("key added for '%s'"), f->target);
		break;
	}
	case V_MAT_ADD:
		rc = catalog_material_add(ui->s, f->target, *v[0] ? v[0] : NULL,
		    strcmp(v[1], "yes") == 0, strcmp(v[2], "yes") == 0, &seq, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("%s: material %d added"), f->target, seq);
		break;
	case V_STEP_ADD: {
		long d = 0;

		if (*v[3] && parse_int(v[3], 1, 3650, &d) != 0) {
			set_cause(&cause, _("limit: expected a number of working days, not '%s'"), v[3]);
			rc = EXIT_INVALID;
			break;
		}
		rc = catalog_step_add(ui->s, f->target, *v[0] ? v[0] : NULL, *v[1] ? v[1] : NULL,
		    v[2], (int)d, &seq, &cause);
		if (rc == 0)
			ui_message(ui, 0, _("%s: step %d added"), f->target, seq);
		break;
	}
	case V_MAT_SET:
	case V_STEP_SET: {
		/* Only what was changed is passed on (and recorded). */
		char *c[3];
		long d = 0;

		for (i = 0; i < 3; i++)
			c[i] = fchanged(f, i);
		if (!c[0] && !c[1] && !c[2]) {
			ui_message(ui, 0, "%s", _("nothing changed"));
		} else if (f->verb == V_MAT_SET) {
			rc = catalog_material_set(ui->s, f->target, f->seq, c[0],
			    c[1] ? strcmp(c[1], "yes") == 0 : -1, c[2] ? strcmp(c[2], "yes") == 0 : -1,
			    &cause);
			if (rc == 0)
				ui_message(ui, 0, _("%s: material %d changed"), f->target, f->seq);
		} else if (c[2] && parse_int(c[2], 1, 3650, &d) != 0) {
			set_cause(&cause, _("limit: expected a number of working days, not '%s'"), c[2]);
			rc = EXIT_INVALID;
		} else {
			rc = catalog_step_set(ui->s, f->target, f->seq, c[0],
			    c[1] && *c[1] ? c[1] : NULL, f->dept[0] ? f->dept : NULL, (int)d, &cause);
			if (rc == 0)
				ui_message(ui, 0, _("%s: step %d changed"), f->target, f->seq);
		}
		for (i = 0; i < 3; i++)
			free(c[i]);
		break;
	}
	}
	for (i = 0; i < NF; i++)
		free(v[i]);
	free(f->error);
	f->error = NULL;
	if (rc != EXIT_OK) {
		relabel(f, &cause);
		f->error = cause ? cause : xstrdup("?");
		/* Small windows have no room under the form: the message line
		 * says it (F3 reads it whole). */
		if (ui->rows < 16)
			ui_message(ui, 1, "%s", f->error);
		return UI_HANDLED | UI_REDRAW;
	}
	free(cause);
	ui->generation++;
	return UI_HANDLED | UI_BACK;
}

static int
form_key(struct ui *ui, void *state, struct ui_key k)
{
	struct aform *f = state;
	struct afield *a = &f->fl[f->focus];
	int enter = (!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER);
	int rc;

	if (f->asking) {
		/* "Discard what you typed?" y leaves; any other key stays. */
		f->asking = 0;
		if (!k.fkey && (k.ch == L'y' || k.ch == L'Y'))
			return UI_HANDLED | UI_BACK;
		ui_message(ui, 0, "%s", _("the form stays as it was"));
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == 27) {
		if (!f->changed)
			return UI_HANDLED | UI_BACK;
		f->asking = 1;
		ui_message(ui, 0, "%s", _("discard what you typed? y: yes, any other key: go on"));
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_F(2))
		return form_submit(ui, f);
	if (a->lookup && !a->choice && (enter || (!k.fkey && k.ch == L'\t'))) {
		char *cause = NULL;
		char *q = ui_field_text(&a->f);
		int typed = *q != '\0';

		free(q);
		free(f->error);
		f->error = NULL;
		if (typed && resolve(ui, f, a, &cause) != 0) {
			f->error = cause;
			return UI_HANDLED | UI_REDRAW;
		}
		if (a->lookup == LK_REGION)
			unlook(&f->fl[4]);	/* the office belongs to the region */
		if (typed && a->nchoice > 1) {
			ui_message(ui, 0, _("%s: %d matches: choose one with ←→, Enter takes it"),
			    _(a->label), a->nchoice);
			return UI_HANDLED | UI_REDRAW;
		}
		f->focus = (f->focus + 1) % f->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (a->lookup && a->choice && ((!k.fkey && k.ch != L'\t' && k.ch != 27 && !enter) ||
	    (k.fkey && k.ch == KEY_BACKSPACE))) {
		/* Typing again: back to the text, the key goes to it. */
		unlook(a);
		if (a->lookup == LK_REGION)
			unlook(&f->fl[4]);
		if (!k.fkey && (k.ch == 8 || k.ch == 127))
			;
		else if (k.fkey && k.ch == KEY_BACKSPACE)
			;
		else {
			rc = ui_field_key(&a->f, k);
			f->changed = 1;
			return rc | UI_REDRAW;
		}
		f->changed = 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (enter || (!k.fkey && k.ch == L'\t') || (k.fkey && k.ch == KEY_DOWN)) {
		f->focus = (f->focus + 1) % f->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if ((k.fkey && k.ch == KEY_BTAB) || (k.fkey && k.ch == KEY_UP)) {
		f->focus = (f->focus + f->n - 1) % f->n;
		return UI_HANDLED | UI_REDRAW;
	}
	if (a->choice) {
		if (a->nchoice > 0 && k.fkey && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT)) {
			a->sel = (a->sel + (k.ch == KEY_RIGHT ? 1 : a->nchoice - 1)) % a->nchoice;
			f->changed = 1;
			return UI_HANDLED | UI_REDRAW;
		}
		return UI_IGNORED;
	}
	rc = ui_field_key(&a->f, k);
	if (rc & UI_HANDLED)
		f->changed = 1;
	return rc;
}

static int
form_typing(struct ui *ui, void *state)
{
	struct aform *f = state;

	(void)ui;
	return !f->fl[f->focus].choice || f->fl[f->focus].lookup;
}

static void
form_leave(struct ui *ui, void *state)
{
	struct aform *f = state;
	int i;

	(void)ui;
	for (i = 0; i < f->n; i++)
		free(f->orig[i]);
	free(f->error);
	free(f);
}

const struct screen screen_admform = {
	.name = "admin form",
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.typing = form_typing,
	.save = form_save,
};
