/*
 * The SSH server (libssh): one process per connection, forked after accept;
 * in it, the console runs on a pseudo-terminal in a child process, or an
 * exec request runs one command through the command table with pipes. Only
 * the server files include libssh.
 */
#ifndef TONGBAN_SERVER_H
#define TONGBAN_SERVER_H

/* tongban serve: argv holds the options after "serve". Returns an exit code. */
int server_main(const char *db, int argc, char **argv);

#endif
