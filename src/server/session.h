/*
 * What runs inside one authenticated SSH session, on the far side of a
 * pipes: one command (the console is screens/console.c). It opens their own store
 * connection and loads the user again, so a session holds no state of the
 * listener's.
 */
#ifndef TONGBAN_SESSION_H
#define TONGBAN_SESSION_H

/* Run one exec command line as login; returns its exit code. */
int session_exec(const char *db, const char *login, const char *addr, const char *line);

#endif
