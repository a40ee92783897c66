/*
 * A small streaming JSON writer over a FILE *. The writer keeps a stack of
 * open containers, inserts commas and the ": " after keys itself, and
 * escapes strings so that the output is always valid UTF-8 JSON.
 *
 * Invariants: inside an object, keys and values alternate, starting with a
 * key (json_key); inside an array only values come; at depth 0 exactly one
 * value is written. Misuse is a programming error and fails an assert().
 *
 * Layout, for people reading it: the members of the outermost object and
 * the containers inside arrays start on lines of their own; everything else
 * stays on one line. The outermost value ends with a newline. A compact
 * writer (set compact after json_init) writes it all on one line and no
 * newline, for JSON Lines.
 */
#ifndef TONGBAN_JSON_H
#define TONGBAN_JSON_H

#include <stdio.h>

#define JSON_MAXDEPTH 16

struct json {
	FILE *fp;
	int depth;		/* open containers */
	int done;		/* the outermost value is complete */
	int compact;		/* one line, no final newline (JSON Lines) */
	struct {
		char kind;	/* '{' or '[' */
		char want_value;/* object: a key was written, its value is due */
		char broke;	/* a member started on a line of its own */
		long n;		/* members or elements written */
	} stack[JSON_MAXDEPTH];
};

/* Start a document on fp; nothing is written yet. */
void json_init(struct json *j, FILE *fp);
void json_begin_object(struct json *j);
void json_begin_array(struct json *j);
/* Close the innermost container (a key must not be waiting for its value). */
void json_end(struct json *j);
/* The name of the next member of the current object. */
void json_key(struct json *j, const char *key);
/* A string; NULL writes null. */
void json_string(struct json *j, const char *s);
void json_int(struct json *j, long long v);
/* A finite double with at most decimals digits after the point (trailing
 * zeros kept); NaN and infinities are written as null. */
void json_double(struct json *j, double v, int decimals);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* Write text as a number when it follows JSON's number grammar and return
 * 0; otherwise write nothing and return -1. */
int json_number(struct json *j, const char *text);
/* 1 when text follows JSON's number grammar ("-1", "2.50", "1e3"). */
int json_is_number(const char *text);

/* Write s as a JSON string literal, quotes included, to fp: control
 * characters, U+2028/U+2029 and Unicode non-characters as \uXXXX, invalid
 * UTF-8 as \ufffd. */
void json_write_string(FILE *fp, const char *s);

#endif
