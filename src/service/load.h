/*
 * Loading reference data from a data directory into a store: regions and
 * development zones, the holiday calendar and the statutory holidays, departments (and from them the
 * offices of every level), and the item catalog with materials and steps.
 * Each loader runs inside the caller's transaction and checks every row;
 * the first bad row stops the load with a message naming file, line and field.
 */
#ifndef TONGBAN_LOAD_H
#define TONGBAN_LOAD_H

#include <stdio.h>

#include "store.h"

/* Load everything from dir in one transaction. */
int load_all(struct store *st, const char *dir, char **cause);

int load_regions(struct store *st, FILE *fp, const char *name, int zone,
    const char *encoding, char **cause);
int load_calendar(struct store *st, FILE *fp, const char *name,
    const char *encoding, char **cause);
/* The days of the statutory holidays (data/statutory-holidays.csv). */
int load_statutory(struct store *st, FILE *fp, const char *name, char **cause);
int load_departments(struct store *st, FILE *fp, const char *name, char **cause);
/* Create the offices of every department kind at the levels it serves. */
int load_offices(struct store *st, char **cause);
int load_items(struct store *st, FILE *fp, const char *name,
    const char *encoding, char **cause);
int load_materials(struct store *st, FILE *fp, const char *name, char **cause);
int load_steps(struct store *st, FILE *fp, const char *name, char **cause);
/* The items that need an on-site inspection (data/item_inspection.csv). */
int load_inspections(struct store *st, FILE *fp, const char *name, char **cause);

/* The flowcharts of dir (data/flowcharts): flowcharts.csv and one
 * CODE.csv of stages and items per flowchart, each checked (items of the
 * catalog, stages in order, a stage's fields agreeing on its rows, the
 * stages' days within the total, the joint step's word). */
int load_flowcharts(struct store *st, const char *dir, char **cause);
/* The stages of flowchart code (total_days its limit) from fp. */
int load_flowchart_stages(struct store *st, FILE *fp, const char *name, const char *code,
    int total_days, char **cause);

/* Find the data directory: $TONGBAN_DATA, ./data, or the install path. */
const char *load_data_dir(void);

#endif
