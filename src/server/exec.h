/*
 * What runs inside one authenticated SSH session that asked for a command
 * (the console is screens/console.c): it opens its own session (store
 * connection, user, calendar), so it holds no state of the listener's.
 */
#ifndef TONGBAN_EXEC_H
#define TONGBAN_EXEC_H

/* Run one exec command line as login; returns its exit code. */
int exec_command(const char *db, const char *login, const char *addr, const char *line);

#endif
