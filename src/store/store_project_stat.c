/*
 * Lists of projects for the console and the supervision figures: the
 * numbers of the projects a filter matches. Which filter a user gets is
 * the service's business (over access.c); each project is then read and
 * checked by project_get().
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "store_project_stat.h"
#include "util.h"

int
store_project_nos(struct store *st, const struct project_filter *f,
    int (*fn)(void *arg, const char *no), void *arg)
{
	static const char sql[] =
	    "SELECT p.no FROM project p WHERE "
	    " (?1 IS NULL AND ?3 IS NULL AND ?5 IS NULL) "
	    " OR (?1 IS NOT NULL AND p.site >= ?1 AND p.site < ?2) "
	    " OR (?3 IS NOT NULL AND p.hall_region >= ?3 AND p.hall_region < ?4) "
	    " OR (?5 IS NOT NULL AND EXISTS (SELECT 1 FROM project_case pc "
	    "     JOIN cases c ON c.id = pc.case_id WHERE pc.project_id = p.id AND c.office = ?5)) "
	    "ORDER BY p.opened DESC, p.id DESC LIMIT ?6";
	sqlite3_stmt *s = sq_prep(st, sql);
	int rc = 0;

	sq_text(s, 1, f->site_lo ? f->site_lo : NULL);
	sq_text(s, 2, f->site_lo ? f->site_hi : NULL);
	sq_text(s, 3, f->hall_lo ? f->hall_lo : NULL);
	sq_text(s, 4, f->hall_lo ? f->hall_hi : NULL);
	sq_text(s, 5, f->office && *f->office ? f->office : NULL);
	sqlite3_bind_int64(s, 6, f->limit > 0 ? f->limit : -1);
	while (rc == 0 && sq_next(st, s, &rc))
		if (fn(arg, (const char *)sqlite3_column_text(s, 0)) != 0)
			break;
	sq_done(st, s);
	return rc;
}
