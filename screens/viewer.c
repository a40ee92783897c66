/*
 * Commands on the console: ':' opens a prompt for any command (run with the
 * user's rights through the same table as ssh exec), and the viewer shows
 * its output, scrollable both ways. Reports, supervision orders and
 * complaints are shown this way, so the console and scripts never disagree.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

struct viewer {
	char command[512];
	char *text;
	char **lines;
	int nlines;
	int top, left;
	int rc;
	int generation;
	int writes;		/* the command changes data: it ran once, never again */
};

static void
run(struct ui *ui, struct viewer *v)
{
	struct cmd_ctx c;
	char *out = NULL, *err = NULL, **argv = NULL, *cause = NULL, *p;
	size_t outlen = 0, errlen = 0;
	FILE *fo = open_memstream(&out, &outlen), *fe = open_memstream(&err, &errlen);
	FILE *in = fopen("/dev/null", "r");
	int argc = 0, n;

	free(v->text);
	free(v->lines);
	v->text = NULL;
	v->lines = NULL;
	v->nlines = 0;
	memset(&c, 0, sizeof c);
	c.s = ui->s;
	c.in = in;
	c.out = fo;
	c.err = fe;
	c.today = session_today(ui->s);
	if (cmd_split(v->command, &argc, &argv, &cause) != 0) {
		fprintf(fe, "%s", cause);
		free(cause);
		v->rc = EXIT_USAGE;
	} else {
		v->writes = cmd_writes(argc, argv);
		v->rc = cmd_run(&c, argc, argv);
	}
	cmd_free_argv(argc, argv);
	fclose(fo);
	fclose(fe);
	if (in)
		fclose(in);
	if (err && *err) {
		err[strcspn(err, "\n")] = '\0';
		ui_message(ui, v->rc != 0, "%s", strncmp(err, "tongban: ", 9) ? err : err + 9);
	}
	free(err);
	v->text = out ? out : xstrdup("");
	/* Split into lines in place. */
	for (p = v->text, n = 1; *p; p++)
		n += *p == '\n';
	v->lines = xcalloc((size_t)n + 1, sizeof *v->lines);
	for (p = v->text; *p;) {
		v->lines[v->nlines++] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
	/* What a command changed, the screens below show when they come back. */
	if (v->writes && v->rc == 0)
		ui->generation++;
	v->generation = ui->generation;
}

static void *
viewer_enter(struct ui *ui, const void *arg)
{
	struct viewer *v = xcalloc(1, sizeof *v);

	utf8_copy(v->command, sizeof v->command, (const char *)arg);
	run(ui, v);
	return v;
}

/* Draw a line from display column left, clipped to the screen width. */
static void
put_from(struct ui *ui, int y, const char *s, int left)
{
	mbstate_t ps;
	int col = 0;

	memset(&ps, 0, sizeof ps);
	while (*s && col < left) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &ps);

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break;
		col += wcwidth(wc) > 0 ? wcwidth(wc) : 1;
		s += n;
	}
	ui_put(y, 0, ui->cols, s);
}

static void
viewer_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"↑↓←→", N_("scroll"), ":", N_("command"), "r", N_("run again"), "q", N_("back"), NULL
	};
	static const char *const report_keys[] = {
		"1", N_("daily"), "2", N_("weekly"), "3", N_("monthly"), "4", N_("quarterly"),
		"5", N_("annual"), "↑↓←→", N_("scroll"), "q", N_("back"), "r", N_("run again"),
		":", N_("command"), NULL
	};
	struct viewer *v = state;
	char title[600];
	int y, h = ui->rows - 4, i;

	/* A command runs when it is entered, and again only when asked (r):
	 * a redraw, a resize, Ctrl-L or data changed elsewhere never run it. */
	snprintf(title, sizeof title, "tongban · %s", v->command);
	ui_title(ui, title);
	for (i = v->top, y = 2; i < v->nlines && y < 2 + h; i++, y++)
		put_from(ui, y, v->lines[i], v->left);
	ui_keybar(ui, strncmp(v->command, "report ", 7) == 0 ? report_keys : keys);
}

static int
viewer_key(struct ui *ui, void *state, struct ui_key k)
{
	struct viewer *v = state;
	int h = ui->rows - 4, max = v->nlines - h > 0 ? v->nlines - h : 0;

	if (!k.fkey && k.ch == L'r') {
		if (v->writes) {
			ui_message(ui, 1, "%s", _("this command changes data: run it again with ':'"));
			return UI_HANDLED | UI_REDRAW;
		}
		run(ui, v);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch >= L'1' && k.ch <= L'5' && strncmp(v->command, "report ", 7) == 0) {
		static const char *const kinds[] = { "daily", "weekly", "monthly", "quarterly", "annual" };

		snprintf(v->command, sizeof v->command, "report %s", kinds[k.ch - L'1']);
		v->top = v->left = 0;
		run(ui, v);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L':') {
		ui_then(ui, &screen_prompt, "");
		return UI_HANDLED | UI_BACK;
	}
	if (!k.fkey)
		return UI_IGNORED;
	switch (k.ch) {
	case KEY_DOWN:
		v->top = v->top < max ? v->top + 1 : max;
		break;
	case KEY_UP:
		v->top = v->top > 0 ? v->top - 1 : 0;
		break;
	case KEY_NPAGE:
		v->top = v->top + h < max ? v->top + h : max;
		break;
	case KEY_PPAGE:
		v->top = v->top - h > 0 ? v->top - h : 0;
		break;
	case KEY_RIGHT:
		v->left += 20;
		break;
	case KEY_LEFT:
		v->left = v->left > 20 ? v->left - 20 : 0;
		break;
	case KEY_HOME:
		v->top = v->left = 0;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED | UI_REDRAW;
}

static void
viewer_leave(struct ui *ui, void *state)
{
	struct viewer *v = state;

	(void)ui;
	free(v->text);
	free(v->lines);
	free(v);
}

const struct screen screen_viewer = {
	.name = "viewer",
	.enter = viewer_enter,
	.draw = viewer_draw,
	.key = viewer_key,
	.leave = viewer_leave,
};

/* The prompt ------------------------------------------------------------------ */

struct prompt {
	struct ui_field f;
	int hpos;		/* the history entry shown; ui->nhistory: the line being typed */
	char typed[UI_FIELD_MAX * 4 + 1];	/* that line, kept while Up walks back */
};

/* Keep line in the session's history of ':' commands (ui->history). */
static void
remember(struct ui *ui, const char *line)
{
	if (ui->nhistory > 0 && strcmp(ui->history[ui->nhistory - 1], line) == 0)
		return;
	if (ui->nhistory == UI_HISTORY) {
		memmove(ui->history[0], ui->history[1], sizeof ui->history[0] * (UI_HISTORY - 1));
		ui->nhistory--;
	}
	utf8_copy(ui->history[ui->nhistory++], sizeof ui->history[0], line);
}

static void *
prompt_enter(struct ui *ui, const void *arg)
{
	struct prompt *p = xcalloc(1, sizeof *p);

	ui_field_set(&p->f, arg ? arg : "");
	p->hpos = ui->nhistory;
	return p;
}

static void
prompt_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("run"), "↑↓", N_("history"), "Esc", N_("cancel"), "F1", N_("help"), NULL
	};
	struct prompt *p = state;

	ui_title(ui, _("tongban · command"));
	ui_put(2, 1, ui->cols - 2, _("Any command, as over ssh, with your rights (help lists them):"));
	ui_put_wrapped(6, 1, ui->cols - 2, ui->rows - 9, _("↑↓ walk through the commands entered; a pasted \"ssh ... LOGIN@HOST\" is left out"));
	ui_put(4, 1, 2, ":");
	ui_keybar(ui, keys);
	ui_field_draw(ui, &p->f, 4, 3, ui->cols - 5, 1);
}

static int
prompt_key(struct ui *ui, void *state, struct ui_key k)
{
	struct prompt *p = state;

	if ((!k.fkey && (k.ch == L'\r' || k.ch == L'\n')) || (k.fkey && k.ch == KEY_ENTER)) {
		char *line = ui_field_text(&p->f);
		const char *cmd = cmd_strip_ssh(line);

		if (strlen(cmd) >= sizeof ui->next_arg || strlen(cmd) >= sizeof ui->history[0]) {
			/* never run a command cut short (a pasted line too long) */
			ui_message(ui, 1, _("the command is too long for the prompt (%zu bytes, at most "
			    "%zu): run it over ssh"), strlen(cmd), sizeof ui->next_arg - 1);
			free(line);
			return UI_HANDLED | UI_REDRAW;
		}
		if (*cmd) {
			remember(ui, cmd);
			ui_then(ui, &screen_viewer, cmd);
		}
		free(line);
		return UI_HANDLED | UI_BACK;
	}
	/* The prompt starts empty; Up walks back through the commands entered
	 * this session, Down forward to the line being typed. */
	if (k.fkey && (k.ch == KEY_UP || k.ch == KEY_DOWN)) {
		int to = p->hpos + (k.ch == KEY_UP ? -1 : 1);

		if (to < 0 || to > ui->nhistory)
			return UI_HANDLED;
		if (p->hpos == ui->nhistory) {
			char *t = ui_field_text(&p->f);

			utf8_copy(p->typed, sizeof p->typed, t);
			free(t);
		}
		p->hpos = to;
		ui_field_set(&p->f, to == ui->nhistory ? p->typed : ui->history[to]);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_field_key(&p->f, k);
}

static int
prompt_typing(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return 1;
}

static void
prompt_leave(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

const struct screen screen_prompt = {
	.name = "prompt",
	.enter = prompt_enter,
	.draw = prompt_draw,
	.key = prompt_key,
	.leave = prompt_leave,
	.typing = prompt_typing,
};
