/*
 * Saved queries on the console (screens/queries.c).
 */
#ifndef TONGBAN_QUERIES_H
#define TONGBAN_QUERIES_H

#include "ui.h"

/* The user's saved queries and those shared with them (arg unused). */
extern const struct screen screen_queries;

#endif
