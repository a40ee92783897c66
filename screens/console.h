/*
 * The console: an ncursesw program on the session's pseudo-terminal.
 * Nothing outside screens/ sees curses; this is its only entry point.
 */
#ifndef TONGBAN_CONSOLE_H
#define TONGBAN_CONSOLE_H

/* Run the console for login on the controlling terminal; an exit code. */
int console_main(const char *db, const char *login, const char *addr);

#endif
