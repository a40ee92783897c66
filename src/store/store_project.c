/*
 * Flowcharts and investment projects: the flowcharts loaded from
 * data/flowcharts, the projects, their stages and cases, and the joint
 * steps of a stage with each office's findings. Lists hand rows to the
 * caller as text columns (store_row_fn); the columns are in store.h.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

/* Call fn with each row of s as text and give s back; STORE_NOTFOUND when
 * there was no row. */
static int
rows(struct store *st, sq_stmt *s, store_row_fn fn, void *arg)
{
	const char *v[20];
	int rc = 0, n, i, found = 0;

	while (rc == 0 && sq_next(st, s, &rc)) {
		n = sq_ncols(s);	/* known once it ran (PostgreSQL) */
		assert(n <= 20);
		for (i = 0; i < n; i++)
			v[i] = (const char *)sq_col_text(s, i);
		found = 1;
		rc = fn(arg, n, v);
	}
	sq_done(st, s);
	return rc ? rc : found ? 0 : STORE_NOTFOUND;
}

static int
each(struct store *st, sq_stmt *s, store_row_fn fn, void *arg)
{
	int rc = rows(st, s, fn, arg);

	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Flowcharts -------------------------------------------------------------------- */

int
store_flowchart_put(struct store *st, const char *code, const char *name, const char *name_en,
    int total_days, const char *before, char **cause)
{
	static const char sql[] =
	    "INSERT INTO flowchart(code, name, name_en, total_days, before, seq) VALUES (?1, ?2, ?3, "
	    "?4, ?5, (SELECT COALESCE(max(seq), 0) + 1 FROM flowchart)) "
	    "ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
	    "total_days = excluded.total_days, before = excluded.before";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, code);
	sq_text(s, 2, name);
	sq_text(s, 3, name_en);
	sq_int(s, 4, total_days);
	sq_text(s, 5, before);
	return sq_run(st, s, cause);
}

int
store_flowchart_clear(struct store *st, const char *code, char **cause)
{
	static const char del_items[] = "DELETE FROM flow_item WHERE flowchart = ?1";
	static const char del_stages[] = "DELETE FROM flow_stage WHERE flowchart = ?1";
	sq_stmt *s = sq_prep(st, del_items);

	sq_text(s, 1, code);
	if (sq_run(st, s, cause) != 0)
		return -1;
	s = sq_prep(st, del_stages);
	sq_text(s, 1, code);
	return sq_run(st, s, cause);
}

long
store_project_count_open(struct store *st, const char *flowchart)
{
	static const char sql[] =
	    "SELECT count(*) FROM project WHERE flowchart = ?1 AND status IN ('open', 'stopped')";
	sq_stmt *s = sq_prep(st, sql);
	long n = -1;

	sq_text(s, 1, flowchart);
	if (sq_first(st, s) == 0)
		n = (long)sq_col_int(s, 0);
	sq_done(st, s);
	return n;
}

int
store_flow_stage_put(struct store *st, const char *flowchart, int seq, const char *name,
    const char *name_en, int limit_days, const char *joint, char **cause)
{
	static const char sql[] =
	    "INSERT INTO flow_stage(flowchart, seq, name, name_en, limit_days, joint) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, flowchart);
	sq_int(s, 2, seq);
	sq_text(s, 3, name);
	sq_text(s, 4, name_en);
	sq_int(s, 5, limit_days);
	sq_text(s, 6, joint);
	return sq_run(st, s, cause);
}

int
store_flow_item_put(struct store *st, const char *flowchart, int stage, int seq,
    const char *item, char **cause)
{
	static const char sql[] =
	    "INSERT INTO flow_item(flowchart, stage, seq, item) VALUES (?1, ?2, ?3, ?4)";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, flowchart);
	sq_int(s, 2, stage);
	sq_int(s, 3, seq);
	sq_text(s, 4, item);
	return sq_run(st, s, cause);
}

int
store_flowchart_each(struct store *st, const char *code, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT code, name, name_en, total_days, before FROM flowchart "
	    "WHERE ?1 IS NULL OR code = ?1 ORDER BY seq, code";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, code);
	return rows(st, s, fn, arg);
}

int
store_flow_stage_each(struct store *st, const char *flowchart, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, name, name_en, limit_days, joint FROM flow_stage WHERE flowchart = ?1 "
	    "ORDER BY seq";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, flowchart);
	return each(st, s, fn, arg);
}

int
store_flow_item_each(struct store *st, const char *flowchart, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT f.stage, f.item, i.name, i.name_en, i.levels, i.dept_kind FROM flow_item f "
	    "JOIN item i ON i.code = f.item WHERE f.flowchart = ?1 ORDER BY f.stage, f.seq";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, flowchart);
	return each(st, s, fn, arg);
}

/* Projects ---------------------------------------------------------------------- */

#define PROJECT_COLS "id, no, flowchart, org_code, org_name, name, site, hall_region, " \
	"opened_by, opened, closed, status, stop_reason, stage, version FROM project "

int
store_project_insert(struct store *st, const char *no, const char *flowchart,
    const char *org_code, const char *org_name, const char *name, const char *site,
    const char *hall, const char *by, const char *opened, long long *id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO project(no, flowchart, org_code, org_name, name, site, hall_region, "
	    "opened_by, opened, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open')";
	sq_stmt *s = sq_prep(st, sql);

	sq_text(s, 1, no);
	sq_text(s, 2, flowchart);
	sq_text(s, 3, org_code);
	sq_text(s, 4, org_name);
	sq_text(s, 5, name);
	sq_text(s, 6, site);
	sq_text(s, 7, hall);
	sq_text(s, 8, by);
	sq_text(s, 9, opened);
	if (sq_run(st, s, cause) != 0)
		return -1;
	*id = sq_last_id(st);
	return 0;
}

int
store_project_get(struct store *st, const char *no, long long id, store_row_fn fn, void *arg)
{
	static const char by_no[] = "SELECT " PROJECT_COLS "WHERE no = ?1";
	static const char by_id[] = "SELECT " PROJECT_COLS "WHERE id = ?1";
	sq_stmt *s = sq_prep(st, no ? by_no : by_id);

	if (no)
		sq_text(s, 1, no);
	else
		sq_int(s, 1, id);
	return rows(st, s, fn, arg);
}

int
store_project_each(struct store *st, store_row_fn fn, void *arg)
{
	static const char sql[] = "SELECT " PROJECT_COLS "ORDER BY opened DESC, id DESC";

	return each(st, sq_prep(st, sql), fn, arg);
}

int
store_project_set(struct store *st, long long id, int version, const char *status, int stage,
    const char *closed, const char *stop_reason, char **cause)
{
	static const char sql[] =
	    "UPDATE project SET status = ?3, stage = ?4, closed = ?5, stop_reason = ?6, "
	    "version = version + 1 WHERE id = ?1 AND version = ?2";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_int(s, 1, id);
	sq_int(s, 2, version);
	sq_text(s, 3, status);
	sq_int(s, 4, stage);
	sq_text(s, 5, closed);
	sq_text(s, 6, stop_reason ? stop_reason : "");
	rc = sq_changed(st, s);
	if (rc == STORE_NOTFOUND)
		return STORE_CONFLICT;
	if (rc < 0)
		set_cause(cause, _("database: %s"), store_error(st));
	return rc;
}

int
store_project_of_case(struct store *st, long long case_id, long long *project_id, int *stage)
{
	static const char sql[] =
	    "SELECT project_id, stage FROM project_case WHERE case_id = ?1";
	sq_stmt *s = sq_prep(st, sql);
	int rc;

	sq_int(s, 1, case_id);
	rc = sq_first(st, s);
	if (rc == 0) {
		*project_id = sq_col_int(s, 0);
		*stage = sq_col_int(s, 1);
	}
	sq_done(st, s);
	return rc;
}

int
store_project_stage_open(struct store *st, long long project_id, int seq, const char *opened,
    char **cause)
{
	static const char sql[] =
	    "INSERT INTO project_stage(project_id, seq, opened) VALUES (?1, ?2, ?3)";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	sq_int(s, 2, seq);
	sq_text(s, 3, opened);
	return sq_run(st, s, cause);
}

int
store_project_stage_close(struct store *st, long long project_id, int seq, const char *closed,
    char **cause)
{
	static const char sql[] =
	    "UPDATE project_stage SET closed = ?3 WHERE project_id = ?1 AND seq = ?2";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	sq_int(s, 2, seq);
	sq_text(s, 3, closed);
	return sq_run(st, s, cause);
}

int
store_project_stage_each(struct store *st, long long project_id, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT seq, opened, closed FROM project_stage WHERE project_id = ?1 ORDER BY seq";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	return each(st, s, fn, arg);
}

int
store_project_case_add(struct store *st, long long project_id, int stage, long long case_id,
    char **cause)
{
	static const char sql[] =
	    "INSERT INTO project_case(project_id, stage, case_id) VALUES (?1, ?2, ?3)";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	sq_int(s, 2, stage);
	sq_int(s, 3, case_id);
	return sq_run(st, s, cause);
}

int
store_project_case_each(struct store *st, long long project_id, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT stage, case_id FROM project_case WHERE project_id = ?1 ORDER BY stage, case_id";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	return each(st, s, fn, arg);
}

/* Joint steps ------------------------------------------------------------------- */

int
store_joint_insert(struct store *st, long long project_id, int stage, const char *kind,
    const char *day, const char *place, const char *by, const char *created, long long *id,
    char **cause)
{
	static const char sql[] =
	    "INSERT INTO project_joint(project_id, stage, kind, day, place, status, by_login, created) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, 'scheduled', ?6, ?7)";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	sq_int(s, 2, stage);
	sq_text(s, 3, kind);
	sq_text(s, 4, day);
	sq_text(s, 5, place);
	sq_text(s, 6, by);
	sq_text(s, 7, created);
	if (sq_run(st, s, cause) != 0)
		return -1;
	*id = sq_last_id(st);
	return 0;
}

int
store_joint_office_add(struct store *st, long long joint_id, const char *office,
    long long case_id, char **cause)
{
	static const char sql[] =
	    "INSERT INTO project_joint_office(joint_id, office, case_id) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT DO NOTHING";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, joint_id);
	sq_text(s, 2, office);
	sq_int(s, 3, case_id);
	return sq_run(st, s, cause);
}

int
store_joint_record(struct store *st, long long joint_id, const char *office,
    const char *findings, const char *by, const char *day)
{
	static const char sql[] =
	    "UPDATE project_joint_office SET findings = ?3, by_login = ?4, done_on = ?5 "
	    "WHERE joint_id = ?1 AND office = ?2 AND findings IS NULL";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, joint_id);
	sq_text(s, 2, office);
	sq_text(s, 3, findings);
	sq_text(s, 4, by);
	sq_text(s, 5, day);
	return sq_changed(st, s);
}

int
store_joint_close(struct store *st, long long joint_id, const char *day, char **cause)
{
	static const char sql[] =
	    "UPDATE project_joint SET status = 'closed', closed = ?2 WHERE id = ?1";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, joint_id);
	sq_text(s, 2, day);
	return sq_run(st, s, cause);
}

int
store_joint_each(struct store *st, long long project_id, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT id, stage, kind, day, place, status, by_login, created, closed "
	    "FROM project_joint WHERE project_id = ?1 ORDER BY stage, id";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, project_id);
	return each(st, s, fn, arg);
}

int
store_joint_office_each(struct store *st, long long joint_id, store_row_fn fn, void *arg)
{
	static const char sql[] =
	    "SELECT j.office, o.name, j.case_id, j.findings, j.by_login, j.done_on "
	    "FROM project_joint_office j JOIN office o ON o.code = j.office "
	    "WHERE j.joint_id = ?1 ORDER BY j.office";
	sq_stmt *s = sq_prep(st, sql);

	sq_int(s, 1, joint_id);
	return each(st, s, fn, arg);
}
