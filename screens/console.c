/*
 * The console's one loop: it owns the terminal, reads every key, offers it
 * to the top screen and then to the global keys (/, ?, F1, q, Esc, F10), and
 * redraws only when something asked for it. curses then sends only what
 * changed on the screen.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "exitcode.h"
#include "conv.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

#define IDLE_CLOSE_MS 2000	/* without a key: the database connection goes back */
#define IDLE_SLICE_MS 200	/* ... or sooner, when other sessions wait for one */

/* PLATFORM 9: never exit on an unknown TERM; fall back to a known entry. */
static SCREEN *
open_terminal(void)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100", "dumb", NULL };
	const char *term = getenv("TERM");
	SCREEN *scr = NULL;
	int i;

	if (term != NULL && *term != '\0')
		scr = newterm(term, stdout, stdin);
	for (i = 0; scr == NULL && fallbacks[i] != NULL; i++) {
		setenv("TERM", fallbacks[i], 1);
		scr = newterm(fallbacks[i], stdout, stdin);
	}
	return scr;
}

static volatile sig_atomic_t hung_up;

static void
on_hup(int sig)
{
	(void)sig;
	hung_up = 1;
}

/* The link dropped: every screen keeps its unfinished work as a draft. */
static void
save_all(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i]->save)
			ui->stack[i]->save(ui, ui->state[i]);
}

static void
draw(struct ui *ui)
{
	int top = ui->depth - 1, cursor;

	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	if (ui->rows < 6 || ui->cols < 20) {
		ui_put(0, 0, ui->cols, _("window too small"));
		refresh();
		return;
	}
	/* The message first: the screen draws its focused field last, so the
	 * cursor rests there and typing sends only the typed character. */
	ui_draw_message(ui);
	ui->stack[top]->draw(ui, ui->state[top]);
	cursor = ui->stack[top]->typing && ui->stack[top]->typing(ui, ui->state[top]);
	if (cursor != ui->cursor) {
		curs_set(cursor);
		ui->cursor = cursor;
	}
	refresh();
}

static int
global_key(struct ui *ui, struct ui_key k, int typing)
{
	if (k.fkey && k.ch == KEY_F(10))
		return UI_QUIT;
	if (k.fkey && k.ch == KEY_F(3) && ui->last_message[0] != '\0') {
		/* The last message whole, however long (a conflict names who acted). */
		struct sb t = SB_INIT;

		sb_addf(&t, "%s\n%s", _("tongban · message"), ui->last_message);
		ui_push(ui, &screen_text, t.buf);
		sb_release(&t);
		return UI_REDRAW;
	}
	if (k.fkey && k.ch == KEY_F(1))
		return ui_push(ui, &screen_help, NULL) == 0 ? UI_REDRAW : UI_REDRAW;
	if (!k.fkey && k.ch == 27)
		return ui->depth > 1 ? UI_BACK : UI_HANDLED;
	if (k.fkey && k.ch == KEY_RESIZE)
		return UI_REDRAW;
	if (!k.fkey && k.ch == 12)	/* ^L repaints everything, in a field as well */
		return clearok(curscr, TRUE), UI_REDRAW;
	if (typing || k.fkey)
		return UI_IGNORED;
	if (k.ch == L'/')
		return ui_push(ui, &screen_lookup, NULL) == 0 ? UI_REDRAW : UI_REDRAW;
	if (k.ch == L'?')
		return ui_push(ui, &screen_help, NULL) == 0 ? UI_REDRAW : UI_REDRAW;
	if (k.ch == L':')
		return ui_push(ui, &screen_prompt, "") == 0 ? UI_REDRAW : UI_REDRAW;
	if (k.ch == L'q' || k.ch == L'Q')
		return ui->depth > 1 ? UI_BACK : UI_QUIT;
	return UI_IGNORED;
}

/*
 * Ctrl-C, Ctrl-\ and Ctrl-Z arrive as keys (the terminal is in raw mode):
 * they must never end a working day's session. Ctrl-C cancels a form,
 * keeping what was typed as a draft; elsewhere the three do nothing but
 * say how to go back or leave.
 */
static int
interrupt_key(struct ui *ui, wint_t ch)
{
	int top = ui->depth - 1;

	if (ch == 3 && ui->depth > 1 && ui->stack[top]->save != NULL) {
		ui->stack[top]->save(ui, ui->state[top]);
		ui_message(ui, 0, "%s", _("cancelled; what you typed is kept as a draft"));
		return UI_BACK | UI_REDRAW;
	}
	ui_message(ui, 0, "%s", ui->depth > 1 ? _("Esc goes back; q on the home screen logs out") :
	    _("q logs out"));
	return UI_REDRAW;
}

static int
run(struct ui *ui)
{
	int redraw = 1, asking = 0;

	for (;;) {
		struct ui_key k;
		wint_t ch;
		int rc, top, flags, typing, refreshed;

		if (ui->depth == 0)
			return 0;
		if (redraw)
			draw(ui);
		redraw = 0;
		top = ui->depth - 1;
		/* Live screens wake up once a second to look for changes. */
		if (ui->stack[top]->tick != NULL) {
			timeout(1000);
			rc = get_wch(&ch);
		} else {
			/*
			 * Any other screen, after 2 s without a key (or sooner
			 * when other sessions wait for one), gives its database
			 * connection back (PostgreSQL: a server's connections are
			 * bounded); the next statement opens it again. A live
			 * screen keeps its own: its LISTEN is how it hears of
			 * other servers' changes.
			 */
			int waited = 0;

			timeout(IDLE_SLICE_MS);
			while ((rc = get_wch(&ch)) == ERR && !hung_up) {
				/* at once when other sessions wait for a connection */
				waited += IDLE_SLICE_MS;
				if (waited >= IDLE_CLOSE_MS || session_db_waiting() > 0) {
					session_idle(ui->s);
					timeout(-1);
					rc = get_wch(&ch);
					break;
				}
			}
		}
		if (hung_up) {
			save_all(ui);
			return 0;
		}
		/* Whoever was disabled since the last key stops here, work kept;
		 * a database that fails to answer is said, and the session goes on. */
		if ((refreshed = session_refresh(ui->s, &ui->ended)) == EXIT_DENIED) {
			save_all(ui);
			return 0;
		}
		if (rc == ERR) {
			if (refreshed != 0) {
				free(ui->ended);
				ui->ended = NULL;
			}
			if (ui->stack[top]->tick && (ui->stack[top]->tick(ui, ui->state[top]) & UI_REDRAW))
				redraw = 1;
			continue;
		}
		k.ch = ch;
		k.fkey = rc == KEY_CODE_YES;
		if (ui->message[0] != '\0') {
			ui->message[0] = '\0';
			redraw = 1;
		}
		if (refreshed != 0) {
			ui_message(ui, 1, "%s", ui->ended);
			free(ui->ended);
			ui->ended = NULL;
			redraw = 1;
		}
		top = ui->depth - 1;
		if (asking) {
			/* "Log out?" is answered by y (or Enter); any other key stays. */
			asking = 0;
			redraw = 1;
			if (!k.fkey && (k.ch == L'y' || k.ch == L'Y' || k.ch == L'\r' || k.ch == L'\n'))
				return 0;
			continue;
		}
		if (!k.fkey && k.ch == KEY_LOST_CHAR) {
			/* The session dropped what a terminal filter (luit) left of
			 * a character typed right after Esc (conv_key_strays). */
			ui_message(ui, 1, "%s", _("the terminal lost the character typed right after "
			    "Esc: type it again"));
			redraw = 1;
			continue;
		}
		if (!k.fkey && (k.ch == 3 || k.ch == 28 || k.ch == 26))
			flags = interrupt_key(ui, k.ch);
		else {
			typing = ui->stack[top]->typing && ui->stack[top]->typing(ui,
			    ui->state[top]);
			flags = ui->stack[top]->key ? ui->stack[top]->key(ui, ui->state[top], k) : 0;
			if (!(flags & UI_HANDLED))
				flags |= global_key(ui, k, typing);
		}
		if ((flags & UI_QUIT) && !k.fkey && ui->depth == 1) {
			/* q on the home screen: a stray key must not end the day. */
			ui_message(ui, 0, "%s", _("log out? y: yes, any other key: stay"));
			asking = 1;
			redraw = 1;
			continue;
		}
		if (flags & UI_QUIT)
			return 0;
		if (flags & UI_BACK) {
			ui_pop(ui);
			flags |= UI_REDRAW;
		}
		if (ui->next != NULL) {
			const struct screen *s = ui->next;

			ui->next = NULL;
			ui_push(ui, s, ui->next_arg);
			flags |= UI_REDRAW;
		}
		if (flags & UI_REDRAW)
			redraw = 1;
	}
}

int
console_main(const char *db, const char *login, const char *addr)
{
	struct session ses;
	struct ui ui;
	char *cause = NULL;
	SCREEN *scr;
	int rc = 0;

	memset(&ui, 0, sizeof ui);
	if (session_open(&ses, db, login, addr, &cause) != 0) {
		fprintf(stderr, "tongban: %s\r\n", cause ? cause : "no such user");
		free(cause);
		return 10;
	}
	ui.s = &ses;
	i18n_set_lang(ses.user.lang);
	if (ses.user.office)
		store_office_name(ses.st, ses.user.office, &ui.office_name);
	{
		const char *hint = getenv("TONGBAN_SSH_HINT");
		struct sigaction sa;

		snprintf(ui.ssh_hint, sizeof ui.ssh_hint, "%s", hint ? hint : "-p 2222 localhost");
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_hup;	/* no SA_RESTART: get_wch returns */
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	set_escdelay(50);
	scr = open_terminal();
	if (scr == NULL) {
		fprintf(stderr, "tongban: cannot use this terminal\r\n");
		rc = 10;
		goto out;
	}
	raw();		/* Ctrl-C, Ctrl-\ and Ctrl-Z are keys, not signals */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(UI_PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(UI_PAIR_GREEN, COLOR_GREEN, -1);
		init_pair(UI_PAIR_YELLOW, COLOR_YELLOW, -1);
		init_pair(UI_PAIR_RED, COLOR_RED, -1);
		init_pair(UI_PAIR_DIM, COLOR_CYAN, -1);
		init_pair(UI_PAIR_KEY, COLOR_BLACK, COLOR_CYAN);
		ui.color = 1;
	}
	getmaxyx(stdscr, ui.rows, ui.cols);
	curs_set(0);
	ui.cursor = 0;
	if (ui_push(&ui, &screen_home, NULL) == 0)
		rc = run(&ui);
	while (ui.depth > 0)
		ui_pop(&ui);
	endwin();
	delscreen(scr);
	if (ui.ended != NULL) {
		fprintf(stderr, "tongban: %s\r\n", ui.ended);
		free(ui.ended);
		rc = 3;
	}
out:
	free(ui.office_name);
	session_close(&ses);
	return rc;
}
