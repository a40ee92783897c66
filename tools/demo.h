/*
 * The demo database: users of every role with known passwords, and N
 * synthetic cases with realistic, consistent histories over the last 18
 * months. Deterministic for a seed and a day.
 */
#ifndef TONGBAN_DEMO_H
#define TONGBAN_DEMO_H

#include <stdio.h>

#include "clock.h"
#include "store.h"

#define DEMO_PASSWORD "demo1234"

/* Add the demo users (skipping those that exist). */
int demo_users(struct store *st, char **cause);
/* Generate n cases as of today; progress lines go to log when not NULL. */
int demo_cases(struct store *st, const struct calendar *cal, long n,
    unsigned long long seed, int today, FILE *log, char **cause);
/* The demo approver of an office (not its head), or NULL. */
const char *demo_login_of_office(const char *office);
/* Investment projects under every flowchart, with histories made through
 * the project service as of today (demo_project.c); nothing without the
 * demo's users. */
int demo_projects(struct store *st, const struct calendar *cal, int today, char **cause);
/* The number of cases demo_projects() opens (0 without the demo's users). */
long demo_project_cases(struct store *st, const struct calendar *cal);
/* Print the demo logins. */
void demo_print_logins(FILE *fp, int port);

#endif
