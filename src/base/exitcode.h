/*
 * Exit codes, shared by every door: a command's exit status, and what the
 * services return so that the console and the commands report alike.
 */
#ifndef TONGBAN_EXITCODE_H
#define TONGBAN_EXITCODE_H

enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_NOTFOUND = 2,
	EXIT_DENIED = 3,
	EXIT_CONFLICT = 4,
	EXIT_INVALID = 5,
	EXIT_INTERNAL = 10
};

#endif
