/*
 * The widget layer under every screen: the session's console state, the
 * screen vtable and its stack, and the few widgets screens are made of
 * (title and key bar, clipped CJK-aware text, a list, a text field).
 *
 * One loop (console.c) owns the terminal: it reads a key, offers it to the
 * top screen, then to the global keymap, and redraws when asked. Screens
 * draw into the curses screen; curses sends only the cells that changed.
 */
#ifndef TONGBAN_UI_H
#define TONGBAN_UI_H

#include <wchar.h>

#include "case.h"
#include "clock.h"
#include "model.h"
#include "session.h"
#include "store.h"

#define UI_DEPTH 16
#define UI_HISTORY 32	/* ':' commands kept for Up at the prompt */

/* Flags returned by key handlers. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1,
	UI_REDRAW = 2,
	UI_BACK = 4,		/* pop this screen */
	UI_QUIT = 8
};

/* A key: a character, or a curses KEY_* code when fkey is set. */
struct ui_key {
	wint_t ch;
	int fkey;
};

struct ui;

struct screen {
	const char *name;
	/* Make the screen's state from arg; NULL to refuse (message set). */
	void *(*enter)(struct ui *ui, const void *arg);
	void (*draw)(struct ui *ui, void *state);
	int (*key)(struct ui *ui, void *state, struct ui_key k);
	void (*leave)(struct ui *ui, void *state);
	/* 1 while a text field has the focus: '/', 'q' and '?' are typed then. */
	int (*typing)(struct ui *ui, void *state);
	/* The link dropped: keep unfinished work as a draft for the next login. */
	void (*save)(struct ui *ui, void *state);
	/* Called about once a second while on top (live screens); flags. */
	int (*tick)(struct ui *ui, void *state);
};

/* What a drill-down list shows (screen_cases). */
struct cases_arg {
	struct case_query q;	/* its title, and the cases (stats_drill) */
};

struct ui {
	struct session *s;	/* the store, the user, the calendar, the clock */
	char *office_name;
	char ssh_hint[128];	/* "-p 2222 clerk1@localhost" for equivalent commands */
	int generation;		/* bumped by every action taken: screens reload */
	int color;
	int rows, cols;
	int cursor;		/* the cursor is shown (a field has the focus) */
	const struct screen *stack[UI_DEPTH];
	void *state[UI_DEPTH];
	int depth;
	const struct screen *next;	/* pushed by the loop after the key is handled */
	char next_arg[512];
	char message[2048];	/* shown on the line above the key bar until the next key */
	char last_message[2048];	/* the last one, whole: F3 reads it after it is gone */
	char *ended;		/* why the session ended (the user was disabled) */
	char history[UI_HISTORY][512];	/* the ':' commands entered, oldest first */
	int nhistory;
	int message_error;
	const char *const *bar;	/* the key bar drawn last: what F1 lists for the screen */
};

/* Push a screen (made from arg); 0, or -1 when it refused. */
int ui_push(struct ui *ui, const struct screen *s, const void *arg);
void ui_pop(struct ui *ui);
/* Ask the loop to push s(arg) once the current key is handled (after a
 * UI_BACK, so that a screen can replace itself). */
void ui_then(struct ui *ui, const struct screen *s, const char *arg);
/* Show a one-line message (error in red/bold). */
void ui_message(struct ui *ui, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Colour pairs */
enum { UI_PAIR_TITLE = 1, UI_PAIR_GREEN, UI_PAIR_YELLOW, UI_PAIR_RED, UI_PAIR_DIM, UI_PAIR_KEY };
int ui_attr_light(struct ui *ui, enum light l);

/* Draw s at (y, x) in at most w cells; returns the cells used. */
int ui_put(int y, int x, int w, const char *s);
/* Like ui_put, then pad with spaces to exactly w cells. */
void ui_put_pad(int y, int x, int w, const char *s);
/* Title line with the screen name, and the user and date on the right. */
void ui_title(struct ui *ui, const char *title);
/* Key bar on the last line: pairs of key and label, NULL-terminated. */
void ui_keybar(struct ui *ui, const char *const *pairs);
/* The message line (rows - 2). */
void ui_draw_message(struct ui *ui);
/* A light as a mark and word, legible without colour: "● 红灯". */
/* The light as text with its mark ("◐ yellow"), legible without colour. */
void ui_light_text(enum light l, char buf[64]);
void ui_light(struct ui *ui, int y, int x, enum light l);

/* A scrolling list of n rows drawn by a callback. */
struct ui_list {
	int n;
	int top;
	int sel;
	void (*row)(struct ui *ui, void *arg, int i, int y, int w, int selected);
	void *arg;
	/* Lists read a page at a time: called with arg when the selection
	 * comes within a screen of the last row read; adds rows to n. */
	void (*more)(void *arg);
};
void ui_list_draw(struct ui *ui, struct ui_list *l, int y, int h);
/* Movement keys; UI_HANDLED|UI_REDRAW when the key moved the selection. */
int ui_list_key(struct ui_list *l, struct ui_key k, int h);

/* A one-line text field. */
#define UI_FIELD_MAX 1024	/* an RSA-4096 public key line is pasted whole */
struct ui_field {
	wchar_t buf[UI_FIELD_MAX + 1];
	int len;
	int cur;
	int filled;	/* the text was filled in for the user: typing replaces it */
};
void ui_field_draw(struct ui *ui, struct ui_field *f, int y, int x, int w, int focus);
/* Editing keys; UI_HANDLED|UI_REDRAW when the key edited the field. */
int ui_field_key(struct ui_field *f, struct ui_key k);
/* The field's text as UTF-8 (heap). */
char *ui_field_text(const struct ui_field *f);
/* Set the field to s (UTF-8; an invalid sequence ends it), the cursor at
 * its end. */
void ui_field_set(struct ui_field *f, const char *s);

/* Append s to sb quoted for a POSIX shell (for equivalent ssh lines). */
struct sb;
void ui_shell_quote(struct sb *sb, const char *s);
/* Draw the equivalent command at line y: "ssh <hint> <cmd>", clipped. */
void ui_equivalent(struct ui *ui, int y, const char *cmd);
/* s over at most maxlines lines of w columns from (y, x), cut where a line
 * is full (CJK characters are two columns); the lines used. */
int ui_put_wrapped(int y, int x, int w, int maxlines, const char *s);
/* The lines s takes in w columns. */
int ui_wrapped_lines(int w, const char *s);
/*
 * A refusal from the rules, worded for a command line ("--applicant-id:
 * ..."), as a console form shows it: each "--FLAG" of flags[] (without the
 * dashes, NULL-ended) becomes labels[i], the form's label of that field, and
 * a placeholder after it (" TEXT", " N") goes. Heap; the CLI keeps its words.
 */
char *ui_form_cause(const char *cause, const char *const *flags, const char *const *labels);
/* Where the first line of s that fits in w columns ends (at least one
 * character), as ui_put_wrapped cuts it. */
const char *ui_wrap_end(const char *s, int w);

/* Send text to the printer beside the user's terminal through its print
 * controller mode (ESC [5i ... ESC [4i: PuTTY, Xshell and SecureCRT pass it
 * on), lines ended CR LF and a form feed at the end; then the whole screen
 * is drawn again, for a terminal without a printer shows the text instead. */
void ui_print(struct ui *ui, const char *text);

/* Drafts: key=value lines. */
void ui_draft_add(struct sb *sb, const char *key, const char *value);
/* The value of key in data (heap), or NULL. */
char *ui_draft_value(const char *data, const char *key);

/* The screens */
extern const struct screen screen_worklist;
extern const struct screen screen_dash;
extern const struct screen screen_viewer;
/* The reports: kind, period and region chosen, every figure drilled. */
extern const struct screen screen_reports;
/* A text read whole, wrapped to the window: the arg is "TITLE\nTEXT". */
extern const struct screen screen_text;
/* Record how the applicant of a case was told (arg: the case number). */
extern const struct screen screen_tell;
/* A case's papers, shown and printed (arg: the case number). */
extern const struct screen screen_paper;
/* Supervision orders, complaints or ratings (arg: "order", "complaint",
 * "rating"), and one of them (arg: "order:12"). */
extern const struct screen screen_records;
extern const struct screen screen_record;
/* A supervision order issued or a complaint logged: arg "order" or
 * "complaint", ":CASE-NO" pre-fills the case (recnew.c). */
extern const struct screen screen_record_new;
extern const struct screen screen_prompt;
extern const struct screen screen_cases;
extern const struct screen screen_act;
extern const struct screen screen_intake;
extern const struct screen screen_home;
extern const struct screen screen_lookup;
extern const struct screen screen_detail;
extern const struct screen screen_help;

#endif
