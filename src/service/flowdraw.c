/*
 * Flowcharts and projects drawn as lines of text within a width, counted
 * in terminal cells (utf8_width: a CJK character takes two), never bytes.
 * The console's flowchart diagram and project view draw these lines; the
 * unit tests check their widths and contents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "clock.h"
#include "flowdraw.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

void
drawing_release(struct drawing *d)
{
	int i;

	for (i = 0; i < d->n; i++) {
		free(d->lines[i].text);
		free(d->lines[i].full);
	}
	free(d->lines);
	memset(d, 0, sizeof *d);
}

/* Append s to sb, at most w cells of it; the cells appended. */
static int
put(struct sb *sb, const char *s, int w)
{
	const char *p = s;
	mbstate_t ps;
	int used = 0;

	memset(&ps, 0, sizeof ps);
	while (p && *p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &ps);
		int cw;

		int bad = 0;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			n = 1;
			bad = 1;
		}
		cw = wcwidth(wc);
		if (cw < 0) {
			cw = 1;
			bad = 1;
		}
		if (used + cw > w)
			break;
		if (bad)
			sb_addc(sb, '?');
		else if (wc == L'\n' || wc == L'\t' || wc == L'\r')
			sb_addc(sb, ' ');
		else
			sb_add(sb, p, n);
		used += cw;
		p += n;
	}
	return used;
}

/* Append s cut to w cells ("…" at a cut); the cells appended. */
static int
put_cut(struct sb *sb, const char *s, int w)
{
	if (w <= 0)
		return 0;
	if (utf8_width(s) <= w)
		return put(sb, s, w);
	w = put(sb, s, w - 1);
	sb_adds(sb, "…");
	return w + 1;
}

char *
flowdraw_cut(const char *s, int w)
{
	struct sb sb = SB_INIT;

	put_cut(&sb, s ? s : "", w);
	return sb_detach(&sb);
}

/* Append s cut or padded to exactly w cells. */
static void
put_pad(struct sb *sb, const char *s, int w)
{
	int used = put_cut(sb, s ? s : "", w);

	for (; used < w; used++)
		sb_addc(sb, ' ');
}

static void
repeat(struct sb *sb, const char *s, int n)
{
	while (n-- > 0)
		sb_adds(sb, s);
}

static struct draw_line *
add(struct drawing *d, enum draw_kind kind, struct sb *text)
{
	struct draw_line *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->lines = xreallocarray(d->lines, (size_t)d->cap, sizeof *d->lines);
	}
	l = &d->lines[d->n++];
	memset(l, 0, sizeof *l);
	l->text = sb_detach(text);
	l->kind = kind;
	l->stage = l->index = l->office = -1;
	return l;
}

static const char *
stage_name(const struct flow_stage *fs)
{
	int en = strcmp(i18n_lang(), "en") == 0;

	return en && fs->name_en && *fs->name_en ? fs->name_en : fs->name ? fs->name : "";
}

/* A line of a box: "│ " content padded " │". */
static void
box_line(struct drawing *d, enum draw_kind kind, const char *prefix, const char *s, int stage,
    int index, const char *full)
{
	struct sb sb = SB_INIT;
	struct draw_line *l;
	int inner = d->width - 4, pw = utf8_width(prefix);

	sb_adds(&sb, "│ ");
	sb_adds(&sb, prefix);
	put_pad(&sb, s, inner - pw);
	sb_adds(&sb, " │");
	l = add(d, kind, &sb);
	l->stage = stage;
	l->index = index;
	if (full && utf8_width(full) > inner - pw)
		l->full = xstrdup(full);
}

void
flowdraw_flowchart(const struct flowchart *f, int width, struct drawing *d)
{
	char buf[512], num[32];
	int i, k;

	memset(d, 0, sizeof *d);
	d->width = width < 20 ? 20 : width;
	for (i = 0; i < f->n_stages; i++) {
		const struct flow_stage *fs = &f->stages[i];
		struct sb sb = SB_INIT;
		struct draw_line *l;
		int lw, nw, used;

		/* ┌─ 1 立项用地规划许可 ───── ≤ 20 working days ─┐ */
		snprintf(num, sizeof num, _("≤ %d working days"), fs->limit_days);
		snprintf(buf, sizeof buf, "%d %s", fs->seq, stage_name(fs));
		lw = utf8_width(num);
		nw = utf8_width(buf);
		sb_adds(&sb, "┌─ ");
		if (3 + nw + 2 + lw + 3 <= d->width) {
			used = 3 + put(&sb, buf, nw);
			sb_addc(&sb, ' ');
			repeat(&sb, "─", d->width - used - 2 - lw - 3);
			sb_addc(&sb, ' ');
			sb_adds(&sb, num);
			sb_adds(&sb, " ─┐");
			lw = 0;
		} else {
			used = 3 + put_cut(&sb, buf, d->width - 6);
			sb_addc(&sb, ' ');
			repeat(&sb, "─", d->width - used - 2);
			sb_adds(&sb, "┐");
		}
		l = add(d, DRAW_STAGE, &sb);
		l->stage = i;
		l->strong = 1;
		if (nw > d->width - 6)
			l->full = xstrdup(buf);
		if (lw)
			box_line(d, DRAW_TEXT, "", num, i, -1, NULL);
		snprintf(buf, sizeof buf, _("%d in parallel:"), fs->n_items);
		box_line(d, DRAW_TEXT, "", buf, i, -1, NULL);
		for (k = 0; k < fs->n_items; k++) {
			const char *name = fs->item_names && fs->item_names[k] ? fs->item_names[k] :
			    fs->items[k];
			char full[512];

			snprintf(full, sizeof full, "%s (%s)", name, fs->items[k]);
			box_line(d, DRAW_ITEM, k + 1 < fs->n_items ? "├ " : "└ ", name, i, k, full);
			/* The item's full name and code are for the reader who
			 * asks (the screen shows the selected line's full). */
			free(d->lines[d->n - 1].full);
			d->lines[d->n - 1].full = xstrdup(full);
		}
		if (fs->joint != JOINT_NONE) {
			snprintf(buf, sizeof buf, _("%s: the stage's offices together"),
			    project_joint_label(fs->joint));
			box_line(d, DRAW_JOINT, "◆ ", buf, i, -1, buf);
		}
		sb_adds(&sb, "└");
		repeat(&sb, "─", d->width - 2);
		sb_adds(&sb, "┘");
		add(d, DRAW_TEXT, &sb)->stage = i;
		if (i + 1 < f->n_stages) {
			repeat(&sb, " ", d->width / 2 - 1);
			sb_adds(&sb, "▼");
			add(d, DRAW_TEXT, &sb);
		}
	}
	{
		struct sb sb = SB_INIT;
		struct draw_line *l;

		if (f->before && *f->before)
			snprintf(buf, sizeof buf, _("total ≤ %d working days, was %s"), f->total_days,
			    f->before);
		else
			snprintf(buf, sizeof buf, _("total ≤ %d working days"), f->total_days);
		put_cut(&sb, buf, d->width);
		l = add(d, DRAW_TOTAL, &sb);
		l->strong = 1;
		if (utf8_width(buf) > d->width)
			l->full = xstrdup(buf);
	}
}

/* The light as a mark and a word, legible without colour. */
static void
light_text(int light, char buf[64])
{
	static const char *const marks[] = { "", "○", "◐", "●" };

	buf[0] = '\0';
	if (light > LIGHT_NONE && light <= LIGHT_RED)
		snprintf(buf, 64, "%s %s", marks[light], tcase_light_label((enum light)light));
}

/* ── 1 立项用地规划许可 ────── 12 / 20 working days ◐ yellow ── */
static void
stage_heading(struct drawing *d, const struct project_stage *ps,
    const struct flow_stage *fs, int i)
{
	struct sb sb = SB_INIT;
	struct draw_line *l;
	char name[512], right[160], lt[64];
	int rw, nw, used;

	snprintf(name, sizeof name, "%d %s", ps->seq, ps->name && *ps->name ? ps->name :
	    fs ? stage_name(fs) : "");
	lt[0] = '\0';
	if (ps->opened == NULL)
		snprintf(right, sizeof right, _("≤ %d working days · not reached"), ps->limit_days);
	else {
		snprintf(right, sizeof right, _("%d / %d working days"), ps->used_days, ps->limit_days);
		if (ps->closed != NULL)
			snprintf(right + strlen(right), sizeof right - strlen(right), " ✓");
		else
			light_text(ps->light, lt);
	}
	rw = utf8_width(right) + (lt[0] ? 1 + utf8_width(lt) : 0);
	nw = utf8_width(name);
	sb_adds(&sb, "── ");
	used = 3;
	if (used + nw + 2 + rw + 3 > d->width) {
		/* Narrow: the name on the heading, the clock on a line of its own. */
		used += put_cut(&sb, name, d->width - used - 3);
		sb_addc(&sb, ' ');
		repeat(&sb, "─", d->width - used - 1);
		l = add(d, DRAW_STAGE, &sb);
		l->stage = i;
		l->strong = 1;
		if (nw > d->width - 6)
			l->full = xstrdup(name);
		sb_adds(&sb, "   ");
		used = 3 + put_cut(&sb, right, d->width - 3);
		/* The light after a space, where it fits (the screen draws it). */
		if (lt[0] && used + 1 + utf8_width(lt) <= d->width)
			used++;
		else
			lt[0] = '\0';
		l = add(d, DRAW_STAGE, &sb);
		l->stage = i;
	} else {
		used += put(&sb, name, nw);
		sb_addc(&sb, ' ');
		repeat(&sb, "─", d->width - used - 2 - rw - 3);
		sb_addc(&sb, ' ');
		used = d->width - rw - 3;
		sb_adds(&sb, right);
		used += utf8_width(right);
		if (lt[0]) {
			sb_addc(&sb, ' ');
			used++;
			sb_adds(&sb, lt);
		}
		sb_adds(&sb, " ──");
		l = add(d, DRAW_STAGE, &sb);
		l->stage = i;
		l->strong = 1;
	}
	if (lt[0]) {
		l->light = ps->light;
		l->light_x = used;
	}
}

/* Columns of a case line at width w (>= 60): the item and the office share
 * what the fixed columns leave. */
#define C_MARK 4
#define C_STATUS 10
#define C_LIGHT 9
#define C_USED 4
#define C_DUE 10

static void
case_line(struct drawing *d, const struct project *p, const struct project_case *c, int i,
    int k)
{
	struct sb sb = SB_INIT;
	struct draw_line *l;
	char lt[64], used[16], full[512];
	int crit = p->critical && c->no && strcmp(p->critical, c->no) == 0;
	int light = c->open && c->light > 0 ? c->light : LIGHT_NONE;
	const char *item = c->item_name && *c->item_name ? c->item_name : c->item;
	const char *office = c->office_name && *c->office_name ? c->office_name : c->office;
	int x;

	light_text(light, lt);
	snprintf(used, sizeof used, "%d", c->used_days);
	snprintf(full, sizeof full, "%s · %s · %s · %s", c->no, item, office,
	    tcase_status_label(c->status ? c->status : ""));
	sb_adds(&sb, crit ? "  ▶ " : "    ");
	if (d->width >= 60) {
		int rest = d->width - C_MARK - (C_STATUS + 1) - (C_LIGHT + 1) - (C_USED + 1) - C_DUE;
		int iw = rest * 11 / 20, ow = rest - iw;

		put_pad(&sb, item, iw - 1);
		sb_addc(&sb, ' ');
		put_pad(&sb, office, ow - 1);
		sb_addc(&sb, ' ');
		put_pad(&sb, tcase_status_label(c->status ? c->status : ""), C_STATUS);
		sb_addc(&sb, ' ');
		x = C_MARK + iw + ow + C_STATUS + 1;
		put_pad(&sb, lt, C_LIGHT);
		sb_addc(&sb, ' ');
		sb_addf(&sb, "%*s", C_USED, used);
		sb_addc(&sb, ' ');
		put_pad(&sb, c->open ? c->due : "", C_DUE);
		l = add(d, DRAW_CASE, &sb);
	} else {
		/* Narrow: the item and office, then the status, light and clock. */
		char rest[512];

		snprintf(rest, sizeof rest, "%s · %s", item, office);
		put_cut(&sb, rest, d->width - C_MARK);
		l = add(d, DRAW_CASE, &sb);
		l->stage = i;
		l->index = k;
		l->critical = crit;
		l->strong = crit;
		l->full = xstrdup(full);
		sb_adds(&sb, "      ");
		x = 6 + put_cut(&sb, tcase_status_label(c->status ? c->status : ""), 12);
		sb_addc(&sb, ' ');
		x++;
		if (lt[0]) {
			put(&sb, lt, C_LIGHT);
			sb_addc(&sb, ' ');
		}
		snprintf(rest, sizeof rest, _("used %d"), c->used_days);
		put_cut(&sb, rest, d->width - x - (lt[0] ? utf8_width(lt) + 1 : 0));
		if (c->open && c->due && d->width - utf8_width(sb.buf) >= 11) {
			sb_addc(&sb, ' ');
			sb_adds(&sb, c->due);
		}
		l = add(d, DRAW_CASE, &sb);
	}
	l->stage = i;
	l->index = k;
	l->critical = crit;
	l->strong = crit;
	l->full = xstrdup(full);
	if (lt[0]) {
		l->light = light;
		l->light_x = x;
	}
}

static void
joint_lines(struct drawing *d, const struct project_joint *j, int i, int k)
{
	struct sb sb = SB_INIT;
	struct draw_line *l;
	char buf[512];
	int o;

	snprintf(buf, sizeof buf, "%s · %s%s%s · %s", project_joint_label(j->kind),
	    j->day ? j->day : "", j->place && *j->place ? " · " : "", j->place ? j->place : "",
	    j->status && strcmp(j->status, "closed") == 0 ? _("every office has recorded") : _("scheduled"));
	sb_adds(&sb, "  ◆ ");
	put_cut(&sb, buf, d->width - 4);
	l = add(d, DRAW_JOINT, &sb);
	l->stage = i;
	l->index = k;
	l->full = xstrdup(buf);
	for (o = 0; o < j->n_offices; o++) {
		const char *name = j->office_names && j->office_names[o] && *j->office_names[o] ?
		    j->office_names[o] : j->offices[o];
		const char *f = j->findings ? j->findings[o] : NULL;

		snprintf(buf, sizeof buf, "%s: %s", name, f ? f : _("waiting"));
		sb_adds(&sb, "      ");
		put_cut(&sb, buf, d->width - 6);
		l = add(d, DRAW_FINDING, &sb);
		l->stage = i;
		l->index = k;
		l->office = o;
		l->full = xstrdup(buf);
		if (f == NULL)
			l->light = LIGHT_NONE;
	}
}

void
flowdraw_project(const struct project *p, const struct flowchart *f, int width,
    struct drawing *d)
{
	struct sb sb = SB_INIT;
	struct draw_line *l;
	char buf[256];
	int i, k;

	memset(d, 0, sizeof *d);
	d->width = width < 20 ? 20 : width;
	if (d->width >= 60) {
		int rest = d->width - C_MARK - (C_STATUS + 1) - (C_LIGHT + 1) - (C_USED + 1) - C_DUE;
		int iw = rest * 11 / 20, ow = rest - iw;

		sb_adds(&sb, "    ");
		put_pad(&sb, _("item"), iw - 1);
		sb_addc(&sb, ' ');
		put_pad(&sb, _("office"), ow - 1);
		sb_addc(&sb, ' ');
		put_pad(&sb, _("status"), C_STATUS);
		sb_addc(&sb, ' ');
		put_pad(&sb, _("light"), C_LIGHT);
		sb_addc(&sb, ' ');
		put_pad(&sb, _("used"), C_USED);
		sb_addc(&sb, ' ');
		put_pad(&sb, _("due"), C_DUE);
		add(d, DRAW_TEXT, &sb)->strong = 1;
	}
	for (i = 0; i < p->n_stages; i++) {
		const struct project_stage *ps = &p->stages[i];
		const struct flow_stage *fs = NULL;
		int hidden = 0;

		for (k = 0; f && k < f->n_stages; k++)
			if (f->stages[k].seq == ps->seq)
				fs = &f->stages[k];
		stage_heading(d, ps, fs, i);
		for (k = 0; k < ps->n_cases; k++) {
			if (!ps->cases[k].visible) {
				hidden++;
				continue;
			}
			case_line(d, p, &ps->cases[k], i, k);
		}
		if (hidden) {
			snprintf(buf, sizeof buf, hidden == 1 ? _("+ %d case out of your sight") :
			    _("+ %d cases out of your sight"), hidden);
			sb_adds(&sb, "    ");
			put_cut(&sb, buf, d->width - 4);
			l = add(d, DRAW_TEXT, &sb);
			l->stage = i;
			/* The critical case may be one of them (the service names
			 * only its office then): said, not shown. */
			for (k = 0; k < ps->n_cases; k++)
				if (!ps->cases[k].visible && p->critical == NULL && p->critical_office &&
				    p->waiting_joint == JOINT_NONE && ps->seq == p->stage &&
				    ps->cases[k].office_name &&
				    strcmp(ps->cases[k].office_name, p->critical_office) == 0)
					l->critical = l->strong = 1;
		}
		if (ps->n_cases == 0 && fs != NULL)
			/* Not reached yet: the items the stage will open. */
			for (k = 0; k < fs->n_items; k++) {
				const char *name = fs->item_names && fs->item_names[k] ?
				    fs->item_names[k] : fs->items[k];

				sb_adds(&sb, "    · ");
				put_cut(&sb, name, d->width - 6);
				l = add(d, DRAW_ITEM, &sb);
				l->stage = i;
				l->index = k;
				l->full = xstrdup(name);
			}
		for (k = 0; k < ps->n_joints; k++)
			joint_lines(d, &ps->joints[k], i, k);
		if (ps->n_joints == 0 && ps->joint != JOINT_NONE && ps->opened && !ps->closed) {
			snprintf(buf, sizeof buf, _("%s: not scheduled yet"),
			    project_joint_label(ps->joint));
			sb_adds(&sb, "  ◇ ");
			put_cut(&sb, buf, d->width - 4);
			l = add(d, DRAW_JOINT, &sb);
			l->stage = i;
			l->full = xstrdup(buf);
		}
	}
	snprintf(buf, sizeof buf, _("total %d / %d working days"), p->used_days, p->total_days);
	put_cut(&sb, buf, d->width);
	l = add(d, DRAW_TOTAL, &sb);
	l->strong = 1;
	if (p->light > LIGHT_NONE && utf8_width(buf) + 10 <= d->width) {
		char lt[64];

		light_text(p->light, lt);
		free(l->text);
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "  %s", lt);
		l->text = xstrdup(buf);
		l->light = p->light;
		l->light_x = utf8_width(buf) - utf8_width(lt);
	}
}

int
flowdraw_critical_line(const struct drawing *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->lines[i].critical)
			return i;
	return -1;
}
