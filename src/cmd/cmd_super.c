/*
 * Supervision orders (督办), complaints (投诉) and ratings (好差评): each a
 * small record with its own life, every step of which is an event in the
 * audit chain (subject "supervision:N", "complaint:N", "rating:N").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "i18n.h"
#include "tcase.h"
#include "util.h"

/* Copy of one row, for checks before a change. */
struct row {
	char v[16][512];
	int n;
};

static int
keep_row(void *arg, int n, const char *const *v)
{
	struct row *r = arg;
	int i;

	r->n = n;
	for (i = 0; i < n && i < 16; i++)
		utf8_copy(r->v[i], sizeof r->v[i], v[i] ? v[i] : "");
	return 0;
}

static int
record(struct cmd_ctx *c, long long case_id, const char *kind, long long id,
    const char *action, const char *from, const char *to, const char *note, char **cause)
{
	struct event e;
	char at[32], subject[48];

	clock_stamp(c->today, at);
	snprintf(subject, sizeof subject, "%s:%lld", kind, id);
	memset(&e, 0, sizeof e);
	e.case_id = case_id;
	e.subject = subject;
	e.at = at;
	e.actor = c->s->user.login;
	e.addr = (char *)c->s->addr;
	e.action = (char *)action;
	e.from_status = (char *)from;
	e.to_status = (char *)to;
	e.note = (char *)(note ? note : "");
	return audit_record(c->s->st, &e, cause);
}

/* Resolve the target: --case NO (visible to the user) or --office CODE. */
static int
target(struct cmd_ctx *c, const char *no, const char *office, struct tcase *k,
    char **office_out, char **area_out)
{
	char *name = NULL, prefix[16];

	memset(k, 0, sizeof *k);
	if ((no == NULL) == (office == NULL))
		return cmd_fail(c, EXIT_USAGE, "%s", _("give either --case NO or --office CODE"));
	if (no != NULL) {
		if (store_case_get(c->s->st, no, k) != 0 || !access_can_see(&c->s->user, k)) {
			if (k->no)
				tcase_release(k);
			return cmd_fail(c, EXIT_NOTFOUND, _("no case '%s'"), no);
		}
		/* A supervision centre holds its own region's offices to account. */
		if (c->s->user.role == ROLE_SUPERVISOR) {
			access_region_prefix(c->s->user.region, c->s->user.region_level, prefix);
			if (!access_in_subtree(prefix, k->office_region)) {
				int rc = cmd_fail(c, EXIT_DENIED, _("permission denied: case '%s' is handled "
				    "by %s, outside your region"), no, k->office_name);

				tcase_release(k);
				return rc;
			}
		}
		*office_out = xstrdup(k->office);
		*area_out = xstrdup(k->office_region);
		return 0;
	}
	if (store_office_name(c->s->st, office, &name) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no office '%s'"), office);
	free(name);
	*office_out = xstrdup(office);
	*area_out = xstrndup(office, strcspn(office, "."));
	if (c->s->user.role == ROLE_SUPERVISOR) {
		access_region_prefix(c->s->user.region, c->s->user.region_level, prefix);
		if (!access_in_subtree(prefix, *area_out)) {
			free(*office_out);
			free(*area_out);
			return cmd_fail(c, EXIT_DENIED, _("permission denied: '%s' is outside your region"),
			    office);
		}
	}
	return 0;
}

static int
in_tx(struct cmd_ctx *c, char **cause)
{
	if (store_begin(c->s->st, cause) != 0)
		return -1;
	return 0;
}

static int
finish(struct cmd_ctx *c, int ok, char **cause)
{
	int rc;

	if (ok && store_commit(c->s->st, cause) == 0)
		return EXIT_OK;
	store_rollback(c->s->st);
	rc = cmd_fail(c, EXIT_INTERNAL, "%s", *cause ? *cause : "?");
	free(*cause);
	*cause = NULL;
	return rc;
}

static void
scope_range(struct cmd_ctx *c, char lo[24], char hi[24])
{
	char p[16];

	if (c->s->user.role == ROLE_ADMIN || c->s->user.role == ROLE_LOCAL)
		snprintf(p, sizeof p, "50");
	else
		access_region_prefix(c->s->user.region, c->s->user.region_level, p);
	snprintf(lo, 24, "%s", p);
	snprintf(hi, 24, "%s:", p);
}

static int
is_office_user(const struct user *u, const char *office)
{
	return (u->role == ROLE_CLERK || u->role == ROLE_APPROVER) && u->office &&
	    strcmp(u->office, office) == 0;
}

struct lister {
	struct out o;
	const int *cols;
	int ncols;
};

static int
list_row(void *arg, int n, const char *const *v)
{
	struct lister *l = arg;
	const char *out[16];
	int i;

	for (i = 0; i < l->ncols && l->cols[i] < n; i++)
		out[i] = v[l->cols[i]] ? v[l->cols[i]] : "";
	out_row(&l->o, out);
	return 0;
}

/*
 * Begin a list of records: the user's region range, and for office users
 * (approvers, and clerks too when clerks_too) their own office only.
 */
static int
begin_list(struct cmd_ctx *c, const struct opt *o, struct lister *l, const char *const *keys,
    const int *cols, int ncols, int clerks_too, char lo[24], char hi[24], const char **mine)
{
	scope_range(c, lo, hi);
	*mine = NULL;
	if (c->s->user.role == ROLE_APPROVER || (clerks_too && c->s->user.role == ROLE_CLERK))
		*mine = c->s->user.office ? c->s->user.office : "-";
	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->ncols = ncols;
	return cmd_table(c, &l->o, o, FMT_TEXT, (size_t)ncols, keys, NULL);
}

/* supervise ------------------------------------------------------------------ */

int
cmd_supervise(struct cmd_ctx *c, int argc, char **argv)
{
	static const char usage[] =
	    "supervise new --case NO|--office CODE --note TEXT --due DATE\n"
	    "supervise list [--status open|responded|closed] [--format ...]\n"
	    "supervise respond ID --note TEXT | supervise close ID [--note TEXT] |\n"
	    "supervise return ID --note TEXT";
	struct opt o[] = {
		{ "case", 1, NULL, 0 }, { "office", 1, NULL, 0 }, { "note", 1, NULL, 0 },
		{ "due", 1, NULL, 0 }, { "status", 1, NULL, 0 }, { "format", 1, NULL, 0 },
		{ NULL, 0, NULL, 0 }
	};
	char *pos[2], *cause = NULL, *office = NULL, *area = NULL, day[11];
	const char *note;
	struct row r;
	long id;
	int npos, rc, d;

	if (argc < 2)
		return cmd_usage(c, usage);
	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	note = cmd_opt(o, "note");
	clock_format_date(c->today, day);
	if (strcmp(argv[1], "new") == 0) {
		struct tcase k;
		long long nid;

		if (c->s->user.role != ROLE_SUPERVISOR)
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: supervision orders are "
			    "issued by supervisors"));
		if (!note || !*note || !cmd_opt(o, "due"))
			return cmd_usage(c, usage);
		if (clock_parse_date(cmd_opt(o, "due"), &d) != 0 || d < c->today)
			return cmd_fail(c, EXIT_INVALID, _("--due: expected a date from today on, not '%s'"),
			    cmd_opt(o, "due"));
		if ((rc = target(c, cmd_opt(o, "case"), cmd_opt(o, "office"), &k, &office, &area)) != 0)
			return rc;
		rc = in_tx(c, &cause) == 0 &&
		    store_supervision_insert(c->s->st, k.id, office, area, note, cmd_opt(o, "due"),
		    c->s->user.login, day, &nid, &cause) == 0 &&
		    record(c, k.id, "supervision", nid, "supervise", "", "open", note, &cause) == 0;
		rc = finish(c, rc, &cause);
		if (rc == EXIT_OK)
			fprintf(c->out, _("supervision order %lld issued to %s, due %s\n"), nid, office,
			    cmd_opt(o, "due"));
		if (k.no)
			tcase_release(&k);
		free(office);
		free(area);
		return rc;
	}
	if (strcmp(argv[1], "list") == 0) {
		static const char *const keys[] = { "id", "case", "office", "office_name", "note",
			"due", "status", "response", "created_by", "created" };
		static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10 };
		struct lister l;
		char lo[24], hi[24];
		const char *mine;

		if ((rc = begin_list(c, o, &l, keys, cols, 10, 1, lo, hi, &mine)) != EXIT_OK)
			return rc;
		store_supervision_each(c->s->st, lo, hi, mine, cmd_opt(o, "status"), list_row, &l);
		out_end(&l.o);
		return EXIT_OK;
	}
	if (npos != 1 || parse_int(pos[0], 1, 2147483647, &id) != 0)
		return cmd_usage(c, usage);
	memset(&r, 0, sizeof r);
	if (store_supervision_get(c->s->st, id, keep_row, &r) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no supervision order %ld"), id);
	/* r: id, case_no, office, office_name, area, note, due, status, response, ... */
	if (strcmp(argv[1], "respond") == 0) {
		if (!is_office_user(&c->s->user, r.v[2]))
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: the office the order is "
			    "addressed to responds"));
		if (strcmp(r.v[7], "open") != 0)
			return cmd_fail(c, EXIT_CONFLICT, _("order %ld is %s, not open"), id, r.v[7]);
		if (!note || !*note)
			return cmd_fail(c, EXIT_INVALID, "%s", _("'respond' needs --note TEXT"));
		rc = in_tx(c, &cause) == 0 &&
		    store_supervision_set(c->s->st, id, "responded", note, day, NULL, &cause) == 0 &&
		    record(c, 0, "supervision", id, "respond", "open", "responded", note, &cause) == 0;
	} else if (strcmp(argv[1], "close") == 0 || strcmp(argv[1], "return") == 0) {
		int closing = strcmp(argv[1], "close") == 0;
		char lo[24], hi[24];

		scope_range(c, lo, hi);
		if (c->s->user.role != ROLE_SUPERVISOR || strncmp(r.v[4], lo, strlen(lo)) != 0)
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: supervisors of the "
			    "region close or return orders"));
		if (strcmp(r.v[7], "closed") == 0 || (!closing && strcmp(r.v[7], "responded") != 0))
			return cmd_fail(c, EXIT_CONFLICT, _("order %ld is %s"), id, r.v[7]);
		if (!closing && (!note || !*note))
			return cmd_fail(c, EXIT_INVALID, "%s", _("'return' needs --note TEXT"));
		rc = in_tx(c, &cause) == 0 &&
		    store_supervision_set(c->s->st, id, closing ? "closed" : "open", NULL, NULL,
		    closing ? day : NULL, &cause) == 0 &&
		    record(c, 0, "supervision", id, closing ? "close" : "return", r.v[7],
		    closing ? "closed" : "open", note, &cause) == 0;
	} else
		return cmd_usage(c, usage);
	rc = finish(c, rc, &cause);
	if (rc == EXIT_OK)
		fprintf(c->out, _("supervision order %ld: %s\n"), id, argv[1]);
	return rc;
}

/* complaint -------------------------------------------------------------------- */

int
cmd_complaint(struct cmd_ctx *c, int argc, char **argv)
{
	static const char usage[] =
	    "complaint new --case NO|--office CODE --text TEXT [--missing-material]\n"
	    "complaint list [--status received|accepted|refused|answered|closed]\n"
	    "complaint accept ID | complaint refuse ID --note TEXT | complaint answer ID --note TEXT |\n"
	    "complaint close ID";
	struct opt o[] = {
		{ "case", 1, NULL, 0 }, { "office", 1, NULL, 0 }, { "text", 1, NULL, 0 },
		{ "note", 1, NULL, 0 }, { "missing-material", 0, NULL, 0 }, { "status", 1, NULL, 0 },
		{ "format", 1, NULL, 0 }, { NULL, 0, NULL, 0 }
	};
	char *pos[2], *cause = NULL, *office = NULL, *area = NULL, day[11];
	const char *note;
	struct row r;
	long id;
	int npos, rc;

	if (argc < 2)
		return cmd_usage(c, usage);
	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	note = cmd_opt(o, "note");
	clock_format_date(c->today, day);
	if (strcmp(argv[1], "new") == 0) {
		struct tcase k;
		long long nid;
		char due[11];
		const char *text = cmd_opt(o, "text");

		if (c->s->user.role != ROLE_CLERK && c->s->user.role != ROLE_SUPERVISOR)
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: complaints are logged by "
			    "clerks (a phone call) or supervisors"));
		if (!text || !*text)
			return cmd_usage(c, usage);
		if ((rc = target(c, cmd_opt(o, "case"), cmd_opt(o, "office"), &k, &office, &area)) != 0)
			return rc;
		/* Accepted or refused within 5 working days. */
		clock_format_date(clock_add(c->s->cal, c->today, 5), due);
		rc = in_tx(c, &cause) == 0 &&
		    store_complaint_insert(c->s->st, k.id, office, area, text, day, due, c->s->user.login,
		    cmd_opt(o, "missing-material") != NULL, &nid, &cause) == 0 &&
		    record(c, k.id, "complaint", nid, "complain", "", "received", text, &cause) == 0;
		rc = finish(c, rc, &cause);
		if (rc == EXIT_OK)
			fprintf(c->out, _("complaint %lld logged against %s; accept or refuse by %s\n"), nid,
			    office, due);
		if (k.no)
			tcase_release(&k);
		free(office);
		free(area);
		return rc;
	}
	if (strcmp(argv[1], "list") == 0) {
		static const char *const keys[] = { "id", "case", "office", "office_name", "text",
			"status", "received", "accept_due", "answer", "missing_material" };
		static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 11 };
		struct lister l;
		char lo[24], hi[24];
		const char *mine;

		if ((rc = begin_list(c, o, &l, keys, cols, 10, 0, lo, hi, &mine)) != EXIT_OK)
			return rc;
		store_complaint_each(c->s->st, lo, hi, mine, cmd_opt(o, "status"), list_row, &l);
		out_end(&l.o);
		return EXIT_OK;
	}
	if (npos != 1 || parse_int(pos[0], 1, 2147483647, &id) != 0)
		return cmd_usage(c, usage);
	memset(&r, 0, sizeof r);
	if (store_complaint_get(c->s->st, id, keep_row, &r) != 0)
		return cmd_fail(c, EXIT_NOTFOUND, _("no complaint %ld"), id);
	/* r: id, case_no, office, office_name, area, text, status, ... */
	{
		static const struct {
			const char *verb, *from, *to;
			int office;	/* done by the office (else by a supervisor) */
			int note;
		} steps[] = {
			{ "accept", "received", "accepted", 0, 0 },
			{ "refuse", "received", "refused", 0, 1 },
			{ "answer", "accepted", "answered", 1, 1 },
			{ "close", "answered", "closed", 0, 0 },
			{ NULL, NULL, NULL, 0, 0 }
		};
		char lo[24], hi[24];
		int i;

		for (i = 0; steps[i].verb && strcmp(steps[i].verb, argv[1]); i++)
			;
		if (steps[i].verb == NULL)
			return cmd_usage(c, usage);
		scope_range(c, lo, hi);
		if (steps[i].office ? !is_office_user(&c->s->user, r.v[2]) :
		    (c->s->user.role != ROLE_SUPERVISOR || strncmp(r.v[4], lo, strlen(lo)) != 0))
			return cmd_fail(c, EXIT_DENIED, "%s", steps[i].office ?
			    _("permission denied: the office complained about answers") :
			    _("permission denied: supervisors of the region handle complaints"));
		if (strcmp(r.v[6], steps[i].from) != 0)
			return cmd_fail(c, EXIT_CONFLICT, _("complaint %ld is %s"), id, r.v[6]);
		if (steps[i].note && (!note || !*note))
			return cmd_fail(c, EXIT_INVALID, _("'%s' needs --note TEXT"), steps[i].verb);
		rc = in_tx(c, &cause) == 0 &&
		    store_complaint_set(c->s->st, id, steps[i].to, note, &cause) == 0 &&
		    record(c, 0, "complaint", id, steps[i].verb, steps[i].from, steps[i].to, note,
		    &cause) == 0;
		rc = finish(c, rc, &cause);
		if (rc == EXIT_OK)
			fprintf(c->out, _("complaint %ld: %s\n"), id, steps[i].to);
		return rc;
	}
}

/* rating ----------------------------------------------------------------------- */

int
cmd_rating(struct cmd_ctx *c, int argc, char **argv)
{
	static const char usage[] =
	    "rating add NO --level 1-5 [--comment TEXT]\n"
	    "rating list [--bad] [--format ...] | rating callback ID --note TEXT";
	struct opt o[] = {
		{ "level", 1, NULL, 0 }, { "comment", 1, NULL, 0 }, { "note", 1, NULL, 0 },
		{ "bad", 0, NULL, 0 }, { "format", 1, NULL, 0 }, { NULL, 0, NULL, 0 }
	};
	char *pos[2], *cause = NULL, day[11];
	long v;
	int npos, rc;

	if (argc < 2)
		return cmd_usage(c, usage);
	if ((rc = cmd_opts(c, argc - 2, argv + 2, o, pos, &npos, 1)) != EXIT_OK)
		return rc;
	clock_format_date(c->today, day);
	if (strcmp(argv[1], "add") == 0) {
		struct tcase k;
		long long nid;
		char due[11];
		int bad;

		if (npos != 1 || !cmd_opt(o, "level"))
			return cmd_usage(c, usage);
		if (parse_int(cmd_opt(o, "level"), 1, 5, &v) != 0)
			return cmd_fail(c, EXIT_INVALID, _("--level: expected 1 (very bad) to 5 (very good), "
			    "not '%s'"), cmd_opt(o, "level"));
		if (c->s->user.role != ROLE_CLERK)
			return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: ratings are recorded by "
			    "window clerks"));
		if (store_case_get(c->s->st, pos[0], &k) != 0 || !access_can_see(&c->s->user, &k)) {
			if (k.no)
				tcase_release(&k);
			return cmd_fail(c, EXIT_NOTFOUND, _("no case '%s'"), pos[0]);
		}
		if (strcmp(k.status, "completed") != 0) {
			rc = cmd_fail(c, EXIT_CONFLICT, _("case '%s' is not finished: only finished cases "
			    "are rated"), k.no);
			tcase_release(&k);
			return rc;
		}
		/* A bad rating (1 or 2) opens a rectification with 15 working days. */
		bad = v <= 2;
		clock_format_date(clock_add(c->s->cal, c->today, 15), due);
		if (in_tx(c, &cause) != 0) {
			tcase_release(&k);
			return finish(c, 0, &cause);
		}
		rc = store_rating_insert(c->s->st, k.id, k.office, k.office_region, (int)v,
		    cmd_opt(o, "comment"), day, bad ? due : NULL, &nid, &cause);
		if (rc == STORE_CONFLICT) {
			store_rollback(c->s->st);
			rc = cmd_fail(c, EXIT_CONFLICT, "%s", cause);
			free(cause);
			tcase_release(&k);
			return rc;
		}
		rc = rc == 0 && record(c, k.id, "rating", nid, "rate", "", bad ? "rectification" : "rated",
		    cmd_opt(o, "comment"), &cause) == 0;
		rc = finish(c, rc, &cause);
		if (rc == EXIT_OK) {
			if (bad)
				fprintf(c->out, _("rating %lld: level %ld; rectification due %s\n"), nid, v, due);
			else
				fprintf(c->out, _("rating %lld: level %ld\n"), nid, v);
		}
		tcase_release(&k);
		return rc;
	}
	if (strcmp(argv[1], "list") == 0) {
		static const char *const keys[] = { "id", "case", "office", "office_name", "level",
			"comment", "day", "rect_due", "rect_status", "callback" };
		static const int cols[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10 };
		struct lister l;
		char lo[24], hi[24];
		const char *mine;

		if ((rc = begin_list(c, o, &l, keys, cols, 10, 0, lo, hi, &mine)) != EXIT_OK)
			return rc;
		store_rating_each(c->s->st, lo, hi, mine, cmd_opt(o, "bad") != NULL, list_row, &l);
		out_end(&l.o);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "callback") == 0) {
		struct row r;
		const char *note = cmd_opt(o, "note");

		if (npos != 1 || parse_int(pos[0], 1, 2147483647, &v) != 0 || !note || !*note)
			return cmd_usage(c, usage);
		memset(&r, 0, sizeof r);
		if (store_rating_get(c->s->st, v, keep_row, &r) != 0)
			return cmd_fail(c, EXIT_NOTFOUND, _("no rating %ld"), v);
		{
			char lo[24], hi[24];

			scope_range(c, lo, hi);
			if (!(c->s->user.role == ROLE_SUPERVISOR && strncmp(r.v[4], lo, strlen(lo)) == 0) &&
			    !is_office_user(&c->s->user, r.v[2]))
				return cmd_fail(c, EXIT_DENIED, "%s", _("permission denied: the office or a "
				    "supervisor of its region calls the applicant back"));
		}
		rc = in_tx(c, &cause) == 0 && store_rating_callback(c->s->st, v, note, &cause) == 0 &&
		    record(c, 0, "rating", v, "callback", r.v[9], *r.v[8] ? "done" : "", note,
		    &cause) == 0;
		rc = finish(c, rc, &cause);
		if (rc == EXIT_OK)
			fprintf(c->out, _("rating %ld: callback recorded\n"), v);
		return rc;
	}
	return cmd_usage(c, usage);
}
