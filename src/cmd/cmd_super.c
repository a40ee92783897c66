/*
 * supervise | complaint | rating: the command door to the record service
 * (record.h). Each verb parses, calls the service and prints; the rules
 * live in the service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "record.h"
#include "util.h"

static int
failed(struct cmd_ctx *c, int rc, char *cause)
{
	cmd_fail(c, rc, "%s", cause ? cause : _("the database is not available"));
	free(cause);
	return rc;
}

struct lister {
	struct out o;
	const int *cols;
	int ncols;
	enum record_kind kind;
};

static int
list_row(void *arg, int n, const char *const *v)
{
	struct lister *l = arg;
	const char *out[16];
	int i;

	for (i = 0; i < l->ncols && l->cols[i] < n; i++) {
		out[i] = v[l->cols[i]] ? v[l->cols[i]] : "";
		/* Text is read by staff: statuses in their language. */
		if (l->o.fmt == FMT_TEXT && (strcmp(l->o.keys[i], "status") == 0 ||
		    strcmp(l->o.keys[i], "rect_status") == 0))
			out[i] = record_status_label(l->kind, out[i]);
	}
	out_row(&l->o, out);
	return 0;
}

static int
list(struct cmd_ctx *c, struct cmd_args *a, enum record_kind kind, const char *const *keys,
    const int *cols, int ncols)
{
	struct lister l;
	char *cause = NULL;
	int rc;

	memset(&l, 0, sizeof l);
	l.cols = cols;
	l.ncols = ncols;
	l.kind = kind;
	if ((rc = cmd_table(c, &l.o, a->opt, FMT_TEXT, (size_t)ncols, keys, NULL)) != EXIT_OK)
		return rc;
	rc = record_list(c->s, kind, cmd_arg(a, "status"), cmd_arg(a, "bad") != NULL, list_row,
	    &l, &cause);
	out_end(&l.o);
	return rc ? failed(c, rc, cause) : EXIT_OK;
}

static int
step(struct cmd_ctx *c, struct cmd_args *a, enum record_kind kind)
{
	char *cause = NULL;
	const char *to = NULL;
	int rc;

	rc = record_step(c->s, kind, a->id, a->e->verb, cmd_arg(a, "note"), &to, &cause);
	if (rc != EXIT_OK)
		return failed(c, rc, cause);
	/* Orders print the verb taken, complaints the status reached. */
	if (kind == RECORD_ORDER)
		out_printf_safe(c->out, _("supervision order %lld: %s\n"), a->id, a->e->verb);
	else if (kind == RECORD_COMPLAINT)
		out_printf_safe(c->out, _("complaint %lld: %s\n"), a->id, to);
	else if (strcmp(a->e->verb, "rectify") == 0)
		out_printf_safe(c->out, _("rating %lld: rectification reported\n"), a->id);
	else
		out_printf_safe(c->out, _("rating %lld: callback recorded\n"), a->id);
	return EXIT_OK;
}

/* Open a record of kind from in and say what was opened. */
static int
open_record(struct cmd_ctx *c, enum record_kind kind, struct record_new *in)
{
	char *cause = NULL, due[11];
	long long id;
	int rc;

	if ((rc = record_new(c->s, kind, in, &id, due, &cause)) != EXIT_OK)
		return failed(c, rc, cause);
	if (kind == RECORD_ORDER)
		out_printf_safe(c->out, _("supervision order %lld issued to %s, due %s\n"), id,
		    in->office_to, due);
	else if (kind == RECORD_COMPLAINT)
		out_printf_safe(c->out, _("complaint %lld logged against %s; accept or refuse by %s\n"), id,
		    in->office_to, due);
	else if (*due)
		out_printf_safe(c->out, _("rating %lld: level %ld; rectification due %s\n"), id, (long)in->level,
		    due);
	else
		out_printf_safe(c->out, _("rating %lld: level %ld\n"), id, (long)in->level);
	return EXIT_OK;
}

int
cmd_supervise_new(struct cmd_ctx *c, struct cmd_args *a)
{
	struct record_new in;

	memset(&in, 0, sizeof in);
	in.case_no = cmd_arg(a, "case");
	in.office = cmd_arg(a, "office");
	in.text = cmd_arg(a, "note");
	in.due = cmd_arg(a, "due");
	if (in.text == NULL || *in.text == '\0' || in.due == NULL)
		return cmd_row_usage(c, a);
	return open_record(c, RECORD_ORDER, &in);
}

int
cmd_supervise_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "id", "case", "office", "office_name", "note",
		"due", "status", "response", "created_by", "created" };
	static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10 };

	return list(c, a, RECORD_ORDER, keys, cols, 10);
}

struct late_list {
	struct out o;
	int text;
};

void
cmd_late_row(struct out *o, const struct late_record *r, int days_over, int text)
{
	char id[24], over[16];
	const char *v[8];

	snprintf(id, sizeof id, "%lld", r->id);
	snprintf(over, sizeof over, "%d", days_over);
	v[0] = text ? record_late_label(r->kind) : r->kind;
	v[1] = id;
	v[2] = r->office;
	v[3] = r->office_name;
	v[4] = r->case_no;
	v[5] = r->due;
	v[6] = r->done ? r->done : "";
	v[7] = over;
	out_row(o, v);
}

static int
late_row(void *arg, const struct late_record *r, int days_over)
{
	struct late_list *l = arg;

	cmd_late_row(&l->o, r, days_over, l->text);
	return 0;
}

/* supervise late: the records of the region past their deadlines, pending
 * now or met late in the last 30 days (the dashboard's anomalies). */
int
cmd_supervise_late(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "kind", "id", "office", "office_name", "case",
		"due", "done", "days_over" };
	const char *labels[8];
	struct late_list l;
	char prefix[16], *cause = NULL;
	int rc;

	if ((rc = cmd_scope_prefix(c, cmd_arg(a, "region"), prefix)) != 0)
		return rc;
	labels[0] = _("kind");
	labels[1] = _("id");
	labels[2] = _("code");
	labels[3] = _("office");
	labels[4] = _("case no");
	labels[5] = _("due");
	labels[6] = _("done on");
	labels[7] = _("working days over");
	memset(&l, 0, sizeof l);
	if ((rc = cmd_table(c, &l.o, a->opt, FMT_TEXT, 8, keys, labels)) != EXIT_OK)
		return rc;
	l.text = l.o.fmt == FMT_TEXT;
	rc = record_late(c->s, prefix, c->today - 30, c->today, late_row, &l, &cause);
	out_end(&l.o);
	return rc ? failed(c, rc, cause) : EXIT_OK;
}

int
cmd_supervise_step(struct cmd_ctx *c, struct cmd_args *a)
{
	return step(c, a, RECORD_ORDER);
}

int
cmd_complaint_new(struct cmd_ctx *c, struct cmd_args *a)
{
	struct record_new in;

	memset(&in, 0, sizeof in);
	in.case_no = cmd_arg(a, "case");
	in.office = cmd_arg(a, "office");
	in.text = cmd_arg(a, "text");
	in.missing_material = cmd_arg(a, "missing-material") != NULL;
	if (in.text == NULL || *in.text == '\0')
		return cmd_row_usage(c, a);
	return open_record(c, RECORD_COMPLAINT, &in);
}

int
cmd_complaint_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "id", "case", "office", "office_name", "text",
		"status", "received", "accept_due", "answer", "missing_material" };
	static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 11 };

	return list(c, a, RECORD_COMPLAINT, keys, cols, 10);
}

int
cmd_complaint_step(struct cmd_ctx *c, struct cmd_args *a)
{
	return step(c, a, RECORD_COMPLAINT);
}

int
cmd_rating_add(struct cmd_ctx *c, struct cmd_args *a)
{
	struct record_new in;
	const char *level = cmd_arg(a, "level");
	long v;

	if (level == NULL)
		return cmd_row_usage(c, a);
	if (parse_int(level, 1, 5, &v) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--level: expected 1 (very bad) to 5 (very good), "
		    "not '%s'"), level);
	memset(&in, 0, sizeof in);
	in.case_no = a->pos[0];
	in.text = cmd_arg(a, "comment");
	in.level = (int)v;
	return open_record(c, RECORD_RATING, &in);
}

int
cmd_rating_list(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const keys[] = { "id", "case", "office", "office_name", "level",
		"comment", "day", "rect_due", "rect_status", "callback", "rect_done", "rect_note" };
	static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 14, 13 };

	return list(c, a, RECORD_RATING, keys, cols, 12);
}

int
cmd_rating_step(struct cmd_ctx *c, struct cmd_args *a)
{
	return step(c, a, RECORD_RATING);
}
