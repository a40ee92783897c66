/*
 * Saved queries on the console (query save|list|run|delete): the queries a
 * user may run -- their own and those a supervisor shared with their
 * region -- each with its command; Enter runs one in the viewer, as
 * `query run NAME` over ssh, with the user's own rights; d deletes one of
 * the user's own, after a y.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "queries.h"
#include "ui.h"
#include "util.h"

struct qrow {
	char *name, *owner, *region, *command;
};

struct queries {
	struct qrow *rows;
	int n, cap;
	struct ui_list list;
	int confirm;		/* d was pressed: y deletes the selected query */
	int generation;
};

static void
clear_rows(struct queries *q)
{
	int i;

	for (i = 0; i < q->n; i++) {
		free(q->rows[i].name);
		free(q->rows[i].owner);
		free(q->rows[i].region);
		free(q->rows[i].command);
	}
	q->n = 0;
}

static int
add_row(void *arg, const struct saved_query *s)
{
	struct queries *q = arg;
	struct qrow *r;
	char *p;

	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->rows = xreallocarray(q->rows, (size_t)q->cap, sizeof *q->rows);
	}
	r = &q->rows[q->n++];
	r->name = xstrdup(s->name);
	r->owner = xstrdup(s->owner);
	r->region = xstrdup(s->region);
	r->command = xstrdup(s->words);
	/* The words, one a line, read as one line. */
	for (p = r->command; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return 0;
}

static void
load(struct ui *ui, struct queries *q)
{
	char *cause = NULL;

	clear_rows(q);
	if (query_each(ui->s, add_row, q, &cause) != 0) {
		ui_message(ui, 1, "%s", cause ? cause : "?");
		free(cause);
	}
	q->list.n = q->n;
	if (q->list.sel >= q->n)
		q->list.sel = q->n > 0 ? q->n - 1 : 0;
	q->generation = ui->generation;
}

static void
row(struct ui *ui, void *arg, int i, int y, int w, int selected)
{
	struct queries *q = arg;
	struct qrow *r = &q->rows[i];
	int name_w = w >= 100 ? 20 : 14, owner_w = w >= 60 ? 14 : 0;

	(void)ui;
	attrset(selected ? A_REVERSE : A_NORMAL);
	move(y, 0);
	clrtoeol();
	ui_put_pad(y, 1, name_w, r->name);
	if (owner_w)
		ui_put_pad(y, 2 + name_w, owner_w, r->owner);
	ui_put(y, 3 + name_w + owner_w, w - 4 - name_w - owner_w, r->command);
	attrset(A_NORMAL);
}

static void *
queries_enter(struct ui *ui, const void *arg)
{
	struct queries *q = xcalloc(1, sizeof *q);

	(void)arg;
	q->list.row = row;
	q->list.arg = q;
	load(ui, q);
	return q;
}

static void
queries_draw(struct ui *ui, void *state)
{
	static const char *const keys[] = {
		"Enter", N_("run"), "d", N_("delete"), "q", N_("back"), "F1", N_("help"), NULL
	};
	struct queries *q = state;
	char buf[256];

	if (q->generation != ui->generation)
		load(ui, q);
	ui_title(ui, _("saved queries"));
	ui_put(2, 1, ui->cols - 2, _("Saved with `query save NAME -- COMMAND` over ssh; run here "
	    "with your own rights."));
	attrset(A_BOLD);
	move(3, 0);
	clrtoeol();
	ui_put_pad(3, 1, ui->cols >= 100 ? 20 : 14, _("query"));
	if (ui->cols >= 60)
		ui_put_pad(3, 2 + (ui->cols >= 100 ? 20 : 14), 14, _("owner"));
	ui_put(3, 3 + (ui->cols >= 100 ? 20 : 14) + (ui->cols >= 60 ? 14 : 0), ui->cols - 40,
	    _("command"));
	attrset(A_NORMAL);
	if (q->n == 0)
		ui_put(4, 1, ui->cols - 2, _("(none)"));
	else
		ui_list_draw(ui, &q->list, 4, ui->rows - 7);
	if (q->n > 0) {
		struct qrow *r = &q->rows[q->list.sel];

		/* The whole command of the selected one, and with whom it is shared. */
		if (*r->region)
			snprintf(buf, sizeof buf, _("%s's, shared with %s: %s"), r->owner, r->region,
			    r->command);
		else
			snprintf(buf, sizeof buf, "%s: %s", r->owner, r->command);
		move(ui->rows - 3, 0);
		clrtoeol();
		attrset(A_DIM);
		ui_put(ui->rows - 3, 1, ui->cols - 2, buf);
		attrset(A_NORMAL);
	}
	ui_keybar(ui, keys);
}

static int
queries_key(struct ui *ui, void *state, struct ui_key k)
{
	struct queries *q = state;
	char cmd[160], *cause = NULL;

	if (q->confirm) {
		q->confirm = 0;
		if (!k.fkey && (k.ch == L'y' || k.ch == L'Y') && q->n > 0) {
			if (query_delete(ui->s, q->rows[q->list.sel].name, &cause) != 0)
				ui_message(ui, 1, "%s", cause ? cause : "?");
			else {
				ui_message(ui, 0, _("query '%s' deleted"), q->rows[q->list.sel].name);
				ui->generation++;
			}
			free(cause);
		} else
			ui_message(ui, 0, "%s", _("nothing deleted"));
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && (k.ch == L'\n' || k.ch == L'\r') && q->n > 0) {
		snprintf(cmd, sizeof cmd, "query run %s", q->rows[q->list.sel].name);
		ui_push(ui, &screen_viewer, cmd);
		return UI_HANDLED | UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_ENTER && q->n > 0) {
		snprintf(cmd, sizeof cmd, "query run %s", q->rows[q->list.sel].name);
		ui_push(ui, &screen_viewer, cmd);
		return UI_HANDLED | UI_REDRAW;
	}
	if (!k.fkey && k.ch == L'd' && q->n > 0) {
		if (strcmp(q->rows[q->list.sel].owner, ui->s->user.login) != 0) {
			ui_message(ui, 1, "%s", _("only its owner deletes a saved query"));
			return UI_HANDLED | UI_REDRAW;
		}
		q->confirm = 1;
		ui_message(ui, 0, _("delete query '%s'? y deletes it, any other key keeps it"),
		    q->rows[q->list.sel].name);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_key(&q->list, k, ui->rows - 7);
}

static void
queries_leave(struct ui *ui, void *state)
{
	struct queries *q = state;

	(void)ui;
	clear_rows(q);
	free(q->rows);
	free(q);
}

const struct screen screen_queries = {
	"queries", queries_enter, queries_draw, queries_key, queries_leave, NULL, NULL, NULL
};
