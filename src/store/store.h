/*
 * The store: every read and write of the database goes through here, and
 * this is the only module that speaks SQL. The interface is narrow and in
 * terms of the records of model.h so that another backend (PostgreSQL, for
 * several front-end servers) can stand behind it.
 *
 * A store is one connection, used by one process. It runs SQLite in WAL
 * mode with foreign keys on; every statement is prepared with bound
 * parameters. Functions return 0 on success, STORE_NOTFOUND when the asked-for
 * row does not exist, or -1 with *cause set (when cause is not NULL) on any
 * failure of the database (busy, I/O, read-only, corrupt, a constraint): a
 * failure never reads as "not found" nor as the end of a list. Iterators call
 * fn once per row; fn returning non-zero stops the iteration and that value
 * is returned; they return -1 when the database fails mid-way. Functions
 * without a cause parameter leave the message for store_error().
 */
#ifndef TONGBAN_STORE_H
#define TONGBAN_STORE_H

#include "access.h"
#include "clock.h"
#include "model.h"

#define STORE_NOTFOUND 1
#define STORE_CONFLICT 2
#define STORE_SCHEMA_VERSION 22

struct store;

/* Open path; with create, make the file and apply schema_sql when new.
 * Sets the process umask to at least 077: the database, its -wal and -shm
 * files (and any file the process makes after) are readable by their
 * owner only. An existing database keeps the mode it has. */
struct store *store_open(const char *path, const char *schema_sql, char **cause);
/* 1 when where names a PostgreSQL database (a postgresql:// or postgres://
 * URI, or a libpq "key=value" string), 0 for an SQLite file. */
int store_is_pg(const char *where);
/* where as messages show it: a PostgreSQL password becomes *** (a static
 * buffer, valid until the next call). */
const char *store_shown(const char *where);
void store_close(struct store *st);
/* Run a script of statements (the schema, maintenance). */
int store_exec(struct store *st, const char *sql, char **cause);
/* Tune for a bulk load: no fsync until store_bulk_end. A database with
 * no case and no event yet (a new demo) is written outside the WAL, with
 * the journal off, and switched back to WAL at the end: the load writes
 * each page once instead of twice (an interrupted load leaves a broken
 * file: remove it and load again). */
void store_bulk_begin(struct store *st);
void store_bulk_end(struct store *st);

/* Inside a bulk load's transaction: drop the secondary indexes of the case
 * tables (returned as SQL to restore them) and build them again at the end,
 * which is much faster than keeping them up to date row by row. */
char *store_bulk_drop_indexes(struct store *st, char **cause);
int store_bulk_restore_indexes(struct store *st, const char *sql, char **cause);

/* Transactions: begin takes the write lock at once (BEGIN IMMEDIATE). */
int store_begin(struct store *st, char **cause);
int store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

int store_meta_set(struct store *st, const char *key, const char *value, char **cause);
/* *value is a heap string or NULL when the key is absent. */
int store_meta_get(struct store *st, const char *key, char **value);
/* The message of the connection's last failure ("" or "not an error" when
 * there was none): for callers that have no cause to fill. */
const char *store_error(struct store *st);
/* 1 when the connection's last error was the database's own (full, I/O,
 * busy, read-only, corrupt), not a refused row: the caller says exit 10. */
int store_failed(struct store *st);
/* The PRAGMA data_version: changes when another connection commits. */
long store_data_version(struct store *st);
/* Nothing to do until the user's next key (a console on a screen that is
 * not live): a PostgreSQL store outside a transaction closes its
 * connection and gives its unit of the server's budget back; the next
 * statement opens it again (its data version moves, so readers look
 * again). SQLite keeps its file open: nothing to give back. */
void store_idle(struct store *st);

/*
 * The connection budget of a server (PostgreSQL only): a SysV semaphore
 * set made by the listener before it accepts and inherited by every
 * process it forks, with two pools: the units of sessions (a command, a
 * console) and a few of logins (the key or password check, a moment
 * each), so that a login is never kept waiting by long sessions. Each
 * PostgreSQL connection a process opens after store_budget() takes a unit
 * of its pool first (waiting at most STORE_BUDGET_WAIT_MS, then failing
 * with "all N database connections of this server are in use; try
 * again") and gives it back when it closes; SEM_UNDO gives back the units
 * of a process that dies holding them.
 */
#define STORE_BUDGET_WAIT_MS 10000
#define STORE_POOL_SESSION 0
#define STORE_POOL_LOGIN 1
/* A new semaphore set with those units: its id, or -1 with *cause set. */
int store_budget_create(int sessions, int logins, char **cause);
/* Connections of this process (and of those it forks) draw on pool of
 * semid; total is the server's whole budget, for the message. semid -1:
 * no budget. */
void store_budget(int semid, int pool, int total);
void store_budget_remove(int semid);
/* How many processes wait for a unit of this process's pool now (0
 * without a budget): a console that has one gives it back at once. */
int store_budget_waiting(void);
/* 1 when this process's last connection found every unit in use. */
int store_budget_refused(void);

/* Calendar */
int store_calendar_put(struct store *st, const char *day, const char *kind,
    const char *name_cn, const char *name_en, char **cause);
/* A day of a statutory holiday (code as clock_holiday_code). */
int store_statutory_put(struct store *st, const char *day, const char *holiday,
    const char *name_cn, const char *name_en, char **cause);
/* Fill cal (already initialised) from the notices, the statutory holidays
 * and the yellow threshold (meta STORE_WARN_PERCENT), and finish it. */
int store_calendar_load(struct store *st, struct calendar *cal, char **cause);
/* The meta key of the yellow threshold: a percentage, 1..100. */
#define STORE_WARN_PERCENT "warn_percent"
/* The meta key that changes with every notice imported and every threshold
 * set, so that open sessions count with the new calendar (session_refresh). */
#define STORE_CALENDAR_REV "calendar_rev"
typedef int (*store_calendar_fn)(void *arg, const char *day, const char *kind,
    const char *name_cn, const char *name_en);
int store_calendar_each(struct store *st, const char *from, const char *to,
    store_calendar_fn fn, void *arg);

/* Regions */
int store_region_put(struct store *st, const char *code, const char *name,
    const char *level, const char *parent, int zone, char **cause);
int store_region_get(struct store *st, const char *code, struct region *r);
typedef int (*store_region_fn)(void *arg, const struct region *r);
/* Children of parent (NULL: the top), in code order. */
int store_region_children(struct store *st, const char *parent,
    store_region_fn fn, void *arg);
/* All regions of one level in code order (level NULL: all). */
int store_region_each(struct store *st, const char *level, store_region_fn fn, void *arg);
/* Set the pinyin initials of region code: 0, or -1 with *cause (no such region). */
int store_region_initials_put(struct store *st, const char *code, const char *initials,
    char **cause);
/* Regions (the city, districts, townships, villages) whose name holds text
 * or whose initials begin with it, those under near (a region code prefix)
 * first, then exact matches, then by level (districts before townships
 * before villages): fn gets each with its parent's name, at most
 * max. 0, 1 when fn stopped, -1 on a store error. */
typedef int (*store_place_fn)(void *arg, const char *code, const char *name,
    const char *level, const char *parent_name);
int store_place_find(struct store *st, const char *text, const char *near, int max,
    store_place_fn fn, void *arg);

/* Departments and offices */
/* A department kind and how its offices are named (data/departments.csv). */
struct dept {
	const char *kind;
	const char *city_name;
	const char *district_suffix;	/* "{}" stands for the district's name */
	const char *county_suffix;	/* for a county (县); "": district_suffix */
	const char *name_en;
	const char *levels;
	int in_zones;			/* the development zones have such a body */
};
int store_dept_put(struct store *st, const struct dept *d, char **cause);
typedef int (*store_dept_fn)(void *arg, const struct dept *d);
int store_dept_each(struct store *st, store_dept_fn fn, void *arg);
int store_office_put(struct store *st, const char *code, const char *name,
    const char *kind, const char *region, const char *level, char **cause);
/* *name is a heap string. */
int store_office_name(struct store *st, const char *code, char **name);
typedef int (*store_office_fn)(void *arg, const char *code, const char *name,
    const char *kind, const char *region, const char *level);
int store_office_each(struct store *st, const char *region_prefix, store_office_fn fn, void *arg);

/* Catalog */
int store_item_put(struct store *st, const struct item *it, char **cause);
/* A material of an item: required (1) or optional (0), and secondary (1:
 * a required material that may be pledged under 容缺受理). */
int store_material_put(struct store *st, const char *item, int seq,
    const char *name, int required, int secondary, char **cause);
int store_step_put(struct store *st, const char *item, int seq, const char *name,
    const char *name_en, const char *dept_kind, int limit_days, char **cause);
int store_item_get(struct store *st, const char *code, struct item *it);
typedef int (*store_item_fn)(void *arg, const struct item *it);
/* Items whose code starts with or whose name contains text (NULL: all). */
int store_item_each(struct store *st, const char *text, store_item_fn fn, void *arg);
typedef int (*store_step_fn)(void *arg, int seq, const char *name,
    const char *name_en, const char *dept_kind, int limit_days);
int store_step_each(struct store *st, const char *item, store_step_fn fn, void *arg);
typedef int (*store_material_fn)(void *arg, int seq, const char *name, int required,
    int secondary);
int store_material_each(struct store *st, const char *item, store_material_fn fn, void *arg);

/* Applicants: register id at version 1, or, when name, phone (unless
 * empty) or region differ from its current entry, write them as its next
 * version, at (a time stamp) by login. *changed says whether an existing
 * entry got a new version (the caller records the event); the earlier
 * versions stay in applicant_version. */
int store_applicant_put(struct store *st, const char *id, const char *kind,
    const char *name, const char *phone, const char *region, const char *at,
    const char *by, int *changed, char **cause);
/* The versions of an applicant's entry, oldest first. */
typedef int (*store_applicant_fn)(void *arg, int version, const char *name,
    const char *phone, const char *region, const char *since, const char *by);
int store_applicant_each_version(struct store *st, const char *id, store_applicant_fn fn,
    void *arg);

/* Users and keys */
int store_user_add(struct store *st, const struct user *u, const char *pwhash,
    const char *created, char **cause);
int store_user_get(struct store *st, const char *login, struct user *u);
typedef int (*store_user_fn)(void *arg, const struct user *u, int nkeys);
int store_user_each(struct store *st, store_user_fn fn, void *arg);
int store_user_set_disabled(struct store *st, const char *login, int disabled);
/* Change the given (non-NULL; head: not negative) settings of a user. */
int store_user_set(struct store *st, const char *login, const char *name, const char *lang,
    const char *encoding, int head);
int store_user_set_pwhash(struct store *st, const char *login, const char *pwhash);
/* *hash is a heap string, or NULL when the user has no password. */
int store_user_pwhash(struct store *st, const char *login, char **hash);
int store_key_add(struct store *st, const char *login, const char *type,
    const char *blob, const char *comment, const char *added, char **cause);
typedef int (*store_key_fn)(void *arg, long long id, const char *type,
    const char *blob, const char *comment, const char *added);
int store_key_each(struct store *st, const char *login, store_key_fn fn, void *arg);
int store_key_remove(struct store *st, const char *login, long long id);
/* 0 when login has this key, STORE_NOTFOUND otherwise. */
int store_key_has(struct store *st, const char *login, const char *type, const char *blob);

/* Failed logins: record one, and count those since a time (epoch seconds)
 * for a login and for an address. */
int store_login_failure_add(struct store *st, const char *login, const char *addr, long long at);
void store_login_failures(struct store *st, const char *login, const char *addr, long long since,
    long *by_login, long *by_addr);

/* Cases */
struct case_filter {
	const char *no;
	const char *applicant;
	const char *name;	/* applicant name, exact or prefix */
	const char *phone;
	const char *status;	/* one, "S,S" (STORE_MAX_STATUSES at most), open or closed */
	int light;		/* enum light, LIGHT_NONE for any */
	const char *item;
	const char *region;	/* submitted, handled or applicant in subtree */
	const char *office;
	const char *from;	/* submitted on or after */
	const char *to;		/* submitted on or before */
	const char *today;	/* for lights */
	long limit;		/* 0: no limit */
	int open_only;		/* only open cases */
	int by_due;		/* most urgent first instead of newest first */
	const char *anomaly;	/* only cases with an anomaly of this kind */
	int pledge_overdue;	/* only cases with pledged materials outstanding before today */
	int suspend_overdue;	/* only cases suspended past the period told (art. 45) */
	const char *forecast;	/* running cases turning yellow or red before this day */
	/* The dashboard's drill-downs (docs: README "supervision"). */
	const char *area;	/* handled by an office whose region lies in this subtree */
	int area_exact;		/* ... whose region is exactly area (a district's own offices) */
	/* Open cases waiting in their step longer than its limit: the last day
	 * such a wait may have begun, by limit, as 10-character dates one after
	 * another (limit L at offset 10 L); beyond the string: never late. */
	const char *step_late;
	int step;		/* with by_step: waiting in this step of its item */
	int by_step;
	const char *finished_from;	/* finished (completed) on or after */
	const char *finished_to;	/* finished on or before */
	int on_time;		/* 1 decided on time, 2 not on time (late), 0 either */
	const char *anomaly_from;	/* with anomaly: recorded on or after */
	const char *anomaly_to;		/* with anomaly: recorded on or before */
	/* Keyset paging: the page that follows this row in the list's order
	 * (submitted and id newest first; due, warn and id with by_due). */
	const struct tcase *after;
};

/* Insert c (id set on return). */
int store_case_insert(struct store *st, struct tcase *c, char **cause);
/* Load the case with number no, with its names joined in. */
int store_case_get(struct store *st, const char *no, struct tcase *c);
/* The same by the case's id (events name cases by id). */
int store_case_get_id(struct store *st, long long id, struct tcase *c);
typedef int (*store_case_fn)(void *arg, const struct tcase *c);
/* Cases matching f within scope, newest first. */
int store_case_find(struct store *st, const struct case_filter *f,
    const struct scope *scope, store_case_fn fn, void *arg, char **cause);
/* The numbers of applicant's cases of item that are open or were taken in
 * today, newest first, to fn until it returns non-zero (which is returned). */
int store_case_same(struct store *st, const char *applicant, const char *item, const char *today,
    int (*fn)(void *arg, const char *no), void *arg);
/* How many cases store_case_find would list without its limit, counting
 * up to cap (0: all of them). */
int store_case_count(struct store *st, const struct case_filter *f,
    const struct scope *scope, long cap, long *n, char **cause);
#define STORE_MAX_STATUSES 12
/* The query plan of store_case_find (EXPLAIN QUERY PLAN), one line per
 * step, "id parent detail"; *plan is a heap string. */
int store_explain_case_find(struct store *st, const struct case_filter *f,
    const struct scope *scope, char **plan, char **cause);
/* The same for store_worklist. */
int store_explain_worklist(struct store *st, char **plan, char **cause);
/* Write c's changeable fields if its version is still c->version (and bump
 * it); STORE_CONFLICT when someone else changed the case first. */
int store_case_update(struct store *st, const struct tcase *c, char **cause);
/* The worklist of an office: its open cases, cases with a branch pending at
 * it, and decided cases waiting at the hall (a region code; NULL: none) that
 * took them in; most urgent first; the page after the row after (NULL: the
 * first page). */
int store_worklist(struct store *st, const char *office, const char *hall,
    const char *today, const struct tcase *after, long limit, store_case_fn fn, void *arg);
/* An office's open cases given to nobody (assignee NULL), or the open cases
 * given to assignee (any office), most urgent first, a page after after. */
int store_worklist_given(struct store *st, const char *office, const char *assignee,
    const char *today, const struct tcase *after, long limit, store_case_fn fn, void *arg);
/* Give case id (at version) to assignee ("" or NULL: to nobody), bumping its
 * version: 0; STORE_CONFLICT when the case changed meanwhile; -1 on error. */
int store_case_assign(struct store *st, long long id, int version, const char *assignee,
    char **cause);
/* What the applicant was told (告知): one row per telling. */
int store_notice_add(struct store *st, long long case_id, const char *moment, const char *how,
    const char *at, const char *by, const char *note, char **cause);
typedef int (*store_notice_fn)(void *arg, const char *moment, const char *how, const char *at,
    const char *by, const char *note);
int store_notice_each(struct store *st, long long case_id, store_notice_fn fn, void *arg);
/* How many cases of store_worklist()'s list are green, yellow and red
 * today: n[LIGHT_GREEN] (0 unless with_green: most of the list, the one
 * count that reads it whole), n[LIGHT_YELLOW], n[LIGHT_RED]; n[0] is 0. */
int store_worklist_lights(struct store *st, const char *office, const char *hall,
    const char *today, int with_green, long n[4]);
/* The office of a department kind in a region; *code is a heap string. */
int store_office_for(struct store *st, const char *region, const char *kind, char **code);
/* A known applicant's name, phone and region (heap strings). */
int store_applicant_get(struct store *st, const char *id, char **name, char **phone,
    char **region);

/* Branches of parallel steps */
int store_branch_insert(struct store *st, long long case_id, const struct branch *b, char **cause);
/* Record the opinion of office's pending branch; STORE_NOTFOUND when none. */
int store_branch_opinion(struct store *st, long long case_id, int step, const char *office,
    const char *verdict, const char *opinion, const char *login, const char *on);
/* The lead office overrules every dissent (verdict disagree) of step that
 * is not overruled yet, with its reason; STORE_NOTFOUND when there is none. */
int store_branch_override(struct store *st, long long case_id, int step, const char *reason,
    const char *login, const char *on);
/* Remove the branches of one step of a case (before asking again). */
int store_branch_clear(struct store *st, long long case_id, int step, char **cause);
/* A pending branch waited while the case was paused (art. 45, a
 * supplement): its new due date, and days more paused. */
int store_branch_pause(struct store *st, long long case_id, int step, const char *dept_kind,
    const char *due, int days, char **cause);
typedef int (*store_branch_fn)(void *arg, const struct branch *b);
int store_branch_each(struct store *st, long long case_id, store_branch_fn fn, void *arg);

/* Drafts: one per user and kind ("intake", "act"); data is key=value lines. */
int store_draft_put(struct store *st, const char *login, const char *kind, const char *data,
    const char *saved);
int store_draft_get(struct store *st, const char *login, const char *kind, char **data,
    char **saved);
int store_draft_delete(struct store *st, const char *login, const char *kind);

/* Summaries (kept by stats.c). Each add changes one counter by delta and
 * drops the row when it reaches zero. 'area' is the region of the office. */
int store_stat_open_add(struct store *st, const char *area, const char *status,
    const char *warn, const char *due, long delta, char **cause);
int store_stat_frozen_add(struct store *st, const char *area, const char *status, int light,
    long delta, char **cause);
int store_stat_light_add(struct store *st, const char *area, const char *status, int light,
    long delta, char **cause);
int store_stat_frozen_red_add(struct store *st, const char *office, const char *area,
    long delta, char **cause);
/* Recompute stat_light as of today from stat_open and remember the day. */
int store_stat_roll(struct store *st, const char *today, char **cause);
int store_stat_office_add(struct store *st, const char *office, const char *area,
    const char *due, long delta, char **cause);
int store_stat_step_add(struct store *st, const char *item, int step, const char *area,
    const char *started, long delta, char **cause);
int store_stat_day_add(struct store *st, const char *day, const char *area, long received,
    long finished, long on_time, char **cause);
int store_stat_hall_add(struct store *st, const char *day, const char *hall, long delta,
    char **cause);
/* Empty every summary table (before a rebuild). */
int store_stat_clear(struct store *st, char **cause);
/* Recompute every summary table from the cases in one pass of SQL (an
 * implementation independent of stats.c's, so that each checks the other). */
int store_stat_rebuild(struct store *st, const char *today, char **cause);
/* Compare the summary tables with a fresh rebuild (changing nothing): the
 * number of rows that differ, or -1 on error. */
long store_stat_check(struct store *st, char **cause);
int store_anomaly_add(struct store *st, long long case_id, const char *kind, const char *day,
    const char *detail, char **cause);

/* Summary queries over the areas in [lo, hi), grouped by the first depth
 * characters of the area (depth 0: everything together). */
typedef int (*store_stat_light_fn)(void *arg, const char *group, const char *status,
    int light, long n);
/* Running open cases by light as of the stat day, and paused or decided ones. */
int store_stat_light_each(struct store *st, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg);
int store_stat_frozen_each(struct store *st, const char *lo, const char *hi, int depth,
    store_stat_light_fn fn, void *arg);
typedef int (*store_stat_day_fn)(void *arg, const char *day, long received, long finished,
    long on_time);
int store_stat_day_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_stat_day_fn fn, void *arg);
typedef int (*store_stat_office_fn)(void *arg, const char *office, const char *name, long n);
/* Offices by open red cases (running and frozen), most first. */
int store_stat_office_red(struct store *st, const char *lo, const char *hi, const char *today,
    long limit, store_stat_office_fn fn, void *arg);
typedef int (*store_stat_step_fn)(void *arg, const char *item, const char *item_name,
    int step, const char *step_name, int step_limit, const char *started, long n);
int store_stat_step_each(struct store *st, const char *lo, const char *hi,
    store_stat_step_fn fn, void *arg);
typedef int (*store_stat_hall_fn)(void *arg, const char *hall, const char *name, long today,
    long total, long days);
/* Per hall in [lo, hi): received on day and in total over [from, day). */
int store_stat_hall_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *day, store_stat_hall_fn fn, void *arg);
/* How many cases of offices in [lo, hi) have pledged materials (容缺受理)
 * outstanding past their date, as of today. */
int store_pledge_overdue(struct store *st, const char *lo, const char *hi, const char *today,
    long *n);
/* How many cases of offices in [lo, hi) are suspended (art. 45) past the
 * period told to the applicant, as of today. */
int store_suspend_overdue(struct store *st, const char *lo, const char *hi, const char *today,
    long *n);
typedef int (*store_anomaly_fn)(void *arg, const char *kind, const char *case_no,
    const char *day, const char *detail);
int store_anomaly_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_anomaly_fn fn, void *arg);
/* The same, as the number of cases with an anomaly of each kind. */
typedef int (*store_anomaly_count_fn)(void *arg, const char *kind, long cases);
int store_anomaly_cases(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_anomaly_count_fn fn, void *arg);
/* The newest cases submitted in [lo, hi) with id > after (the ticker). */
int store_case_newest(struct store *st, const char *lo, const char *hi, long long after,
    long limit, store_case_fn fn, void *arg);
/* The highest case id (0 when there is none, -1 on failure). */
long long store_case_max_id(struct store *st);
/* Every case, in id order (rebuilds). */
int store_case_each_all(struct store *st, store_case_fn fn, void *arg);
/* The ids of every open case, in id order: *ids is a heap array of *n. */
int store_case_open_ids(struct store *st, long long **ids, size_t *n, char **cause);

/* Supervision records: orders (督办), complaints (投诉), ratings (好差评).
 * Lists call fn with the row's columns as text (NULL for SQL NULL). */
typedef int (*store_row_fn)(void *arg, int n, const char *const *v);

/* Columns: id, case_no, office, office_name, area, note, due, status, response,
 * created_by, created, responded, closed */
int store_supervision_insert(struct store *st, long long case_id, const char *office,
    const char *area, const char *note, const char *due, const char *by, const char *created,
    long long *id, char **cause);
int store_supervision_get(struct store *st, long long id, store_row_fn fn, void *arg);
int store_supervision_set(struct store *st, long long id, const char *status,
    const char *response, const char *responded, const char *closed, char **cause);
/* Orders in [lo, hi) or of one office (office not NULL), of one status or all. */
int store_supervision_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *status, store_row_fn fn, void *arg);

/* Columns: id, case_no, office, office_name, area, text, status, received,
 * accept_due, answer, by_login, missing_material, handled */
int store_complaint_insert(struct store *st, long long case_id, const char *office,
    const char *area, const char *text, const char *received, const char *accept_due,
    const char *by, int missing_material, long long *id, char **cause);
int store_complaint_get(struct store *st, long long id, store_row_fn fn, void *arg);
/* handled: the day of an acceptance or refusal (NULL keeps it). */
int store_complaint_set(struct store *st, long long id, const char *status, const char *answer,
    const char *handled, char **cause);
int store_complaint_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *status, store_row_fn fn, void *arg);

/* Columns: id, case_no, office, office_name, area, level, comment, day, rect_due,
 * rect_status, callback, hall (the case's hall region), status (rated, open,
 * rectified, done, called), rect_note, rect_done */
/* STORE_CONFLICT when the case has been rated already. */
int store_rating_insert(struct store *st, long long case_id, const char *office,
    const char *area, int level, const char *comment, const char *day, const char *rect_due,
    long long *id, char **cause);
int store_rating_get(struct store *st, long long id, store_row_fn fn, void *arg);
int store_rating_callback(struct store *st, long long id, const char *callback, char **cause);
/* The office reports a bad rating's rectification (open -> rectified) on day. */
int store_rating_rectify(struct store *st, long long id, const char *note, const char *day,
    char **cause);

/* Supervision records past a deadline: an order not answered by its due
 * date, a complaint not accepted or refused within its 5 working days, a
 * rectification not reported within its 15. Those in [lo, hi) still
 * pending with the deadline before today, and those met late on a day in
 * [from, to]; done is NULL while pending. */
struct late_record {
	const char *kind;	/* order | complaint | rectification */
	long long id;
	const char *office, *office_name, *case_no;
	const char *due, *done;
};
typedef int (*store_late_fn)(void *arg, const struct late_record *r);
int store_late_each(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, const char *today, store_late_fn fn, void *arg);
/* The supervision orders not closed of the offices in [lo, hi) (office not
 * NULL: of that office only), as store_report_offices counts them (open
 * orders): kind "order", done NULL; by due date. */
int store_order_open_each(struct store *st, const char *lo, const char *hi, const char *office,
    store_late_fn fn, void *arg);
/* Ratings in [lo, hi) or of one office, and those of the cases taken in
 * at the hall region hall (not NULL); bad ones only with bad_only. */
int store_rating_each(struct store *st, const char *lo, const char *hi, const char *office,
    const char *hall, int bad_only, store_row_fn fn, void *arg);

/* Reports: per office whose region is in [lo, hi), over the days [from, to]:
 * cases received; completed, completed on time, completed late; of the
 * completed, the sum of their rating levels (4 when unrated) and the number
 * rated 1 or 2; open cases red today; open supervision orders. */
struct office_period {
	const char *office;
	const char *name;
	const char *kind;
	const char *level;
	const char *area;
	long received, finished, on_time, late, open_red, open_orders;
	long rating_sum, bad_ratings;
};
typedef int (*store_period_fn)(void *arg, const struct office_period *p);
int store_report_offices(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, const char *today, store_period_fn fn, void *arg);
/* Per office and item, the cases received in the period: how many, the
 * channels they came in through (bits: 1 window, 2 online, 4 self-service),
 * how many online; and in the period, the supplement notices for a material
 * the guide does not list (anomaly unlisted_material) and the complaints
 * about such a material, on cases of that office and item. */
struct item_usage {
	const char *office, *item;
	long cases;
	int channels;
	long online, unlisted, complaints;
};
typedef int (*store_usage_fn)(void *arg, const struct item_usage *u);
int store_report_usage(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_usage_fn fn, void *arg);
/* Completed cases in the period with their item, step count and clock. */
typedef int (*store_done_fn)(void *arg, const char *item, const char *item_name,
    const char *accepted, const char *decided, int paused, int on_time);
int store_report_done(struct store *st, const char *lo, const char *hi, const char *from,
    const char *to, store_done_fn fn, void *arg);

/* Like store_case_find for whole-table exports, in case id order, as fast as
 * SQLite reads: the record passed to fn borrows its text (no step name, no
 * branches, no phone) and is valid only during the call. Filters it cannot
 * serve that way fall back to store_case_find. */
int store_case_export(struct store *st, const struct case_filter *f, const struct scope *scope,
    store_case_fn fn, void *arg, char **cause);
/* Take the next number in the per-prefix sequence. */
int store_case_seq_next(struct store *st, const char *prefix, long *n, char **cause);
/* Set the sequence (bulk loads that number cases themselves). */
int store_case_seq_set(struct store *st, const char *prefix, long n, char **cause);

/* Events */
typedef int (*store_event_fn)(void *arg, const struct event *e);
int store_event_insert(struct store *st, struct event *e, char **cause);
int store_event_each_of_case(struct store *st, long long case_id, store_event_fn fn, void *arg);
/* The events of a subject ("project:XM202611270001"), in id order. */
int store_event_each_of_subject(struct store *st, const char *subject, store_event_fn fn, void *arg);
/* Every event in id order. */
int store_event_each(struct store *st, store_event_fn fn, void *arg);
/* Events in id order with at in [from, to] (dates, inclusive). */
int store_event_each_between(struct store *st, const char *from, const char *to,
    store_event_fn fn, void *arg);
/* The id and hash of the last event; 0 and "" when there is none; -1 on failure. */
int store_event_last(struct store *st, long long *id, char hash[65]);

/* Flowcharts and investment projects (store_project.c). Lists call fn
 * with the row's columns as text (NULL for SQL NULL). */
int store_flowchart_put(struct store *st, const char *code, const char *name, const char *name_en,
    int total_days, const char *before, char **cause);
/* Projects open or stopped under a flowchart (-1 on failure). */
long store_project_count_open(struct store *st, const char *flowchart);
/* Remove a flowchart's stages and items (before loading them again). */
int store_flowchart_clear(struct store *st, const char *code, char **cause);
int store_flow_stage_put(struct store *st, const char *flowchart, int seq, const char *name,
    const char *name_en, int limit_days, const char *joint, char **cause);
int store_flow_item_put(struct store *st, const char *flowchart, int stage, int seq,
    const char *item, char **cause);
/* Columns: code, name, name_en, total_days, before; code NULL: all, in
 * load order. STORE_NOTFOUND when there is none. */
int store_flowchart_each(struct store *st, const char *code, store_row_fn fn, void *arg);
/* Columns: seq, name, name_en, limit_days, joint */
int store_flow_stage_each(struct store *st, const char *flowchart, store_row_fn fn, void *arg);
/* Columns: stage, item, item name, item name_en, levels, dept_kind */
int store_flow_item_each(struct store *st, const char *flowchart, store_row_fn fn, void *arg);

int store_project_insert(struct store *st, const char *no, const char *flowchart,
    const char *org_code, const char *org_name, const char *name, const char *site,
    const char *hall, const char *by, const char *opened, long long *id, char **cause);
/* Columns: id, no, flowchart, org_code, org_name, name, site, hall_region,
 * opened_by, opened, closed, status, stop_reason, stage, version. By no,
 * or by id when no is NULL; STORE_NOTFOUND when there is none. */
int store_project_get(struct store *st, const char *no, long long id, store_row_fn fn, void *arg);
/* Every project, newest first (the same columns). */
int store_project_each(struct store *st, store_row_fn fn, void *arg);
/* Guarded by version (STORE_CONFLICT when it moved); the version goes up. */
int store_project_set(struct store *st, long long id, int version, const char *status, int stage,
    const char *closed, const char *stop_reason, char **cause);
/* The project and stage of a case; STORE_NOTFOUND when it is in none. */
int store_project_of_case(struct store *st, long long case_id, long long *project_id, int *stage);
int store_project_stage_open(struct store *st, long long project_id, int seq, const char *opened,
    char **cause);
int store_project_stage_close(struct store *st, long long project_id, int seq, const char *closed,
    char **cause);
/* Columns: seq, opened, closed */
int store_project_stage_each(struct store *st, long long project_id, store_row_fn fn, void *arg);
int store_project_case_add(struct store *st, long long project_id, int stage, long long case_id,
    char **cause);
/* Columns: stage, case_id */
int store_project_case_each(struct store *st, long long project_id, store_row_fn fn, void *arg);
int store_joint_insert(struct store *st, long long project_id, int stage, const char *kind,
    const char *day, const char *place, const char *by, const char *created, long long *id,
    char **cause);
int store_joint_office_add(struct store *st, long long joint_id, const char *office,
    long long case_id, char **cause);
/* Record an office's findings: 0, STORE_NOTFOUND when it has none pending, -1. */
int store_joint_record(struct store *st, long long joint_id, const char *office,
    const char *findings, const char *by, const char *day);
int store_joint_close(struct store *st, long long joint_id, const char *day, char **cause);
/* Columns: id, stage, kind, day, place, status, by_login, created, closed */
int store_joint_each(struct store *st, long long project_id, store_row_fn fn, void *arg);
/* Columns: office, office name, case_id, findings, by_login, done_on */
int store_joint_office_each(struct store *st, long long joint_id, store_row_fn fn, void *arg);

#endif
