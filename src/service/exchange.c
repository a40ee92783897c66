/*
 * Bulk intake: the applications of another office's spreadsheet, each row
 * taken in as `case new` takes one (routed, clocked, with its event and its
 * summaries), all of them in one transaction or none.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "case.h"
#include "clock.h"
#include "csvio.h"
#include "exitcode.h"
#include "i18n.h"
#include "exchange.h"
#include "lifecycle.h"
#include "sshkey.h"
#include "store.h"
#include "user.h"
#include "util.h"

/* The columns, in order: the code scripts write, or the name a Chinese
 * spreadsheet has. Each is the `case new` option of the same name. */
const char *const exchange_case_header[] = {
	"item|事项编码", "applicant_id|申请人证件号码", "applicant_name|申请人名称",
	"phone|联系电话", "applicant_region|申请人所在区划", "channel|申请渠道",
	"materials|已收材料", "name_differs|确认更名", "submitted|收件日期", NULL
};

enum { COL_ITEM = 1, COL_ID, COL_NAME, COL_PHONE, COL_REGION, COL_CHANNEL, COL_MATERIALS,
	COL_DIFFERS, COL_SUBMITTED };

/* The rows seen, by applicant and item: a second row for the same
 * application names the first. */
struct seen {
	char *key;
	long line;
	struct seen *next;
};

#define SEEN_BUCKETS 4096

struct import {
	struct session *s;
	struct actor who;
	const char *name;
	int dry_run;
	long rows, taken;
	struct seen *seen[SEEN_BUCKETS];
	FILE *out;		/* the new numbers, one per line; NULL: none */
};

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % SEEN_BUCKETS;
}

/* The line of an earlier row with this key, or 0 (and the key is kept). */
static long
seen_before(struct import *x, const char *key, long line)
{
	unsigned h = hash(key);
	struct seen *e;

	for (e = x->seen[h]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->line;
	e = xcalloc(1, sizeof *e);
	e->key = xstrdup(key);
	e->line = line;
	e->next = x->seen[h];
	x->seen[h] = e;
	return 0;
}

static void
seen_free(struct import *x)
{
	int i;

	for (i = 0; i < SEEN_BUCKETS; i++)
		while (x->seen[i] != NULL) {
			struct seen *e = x->seen[i];

			x->seen[i] = e->next;
			free(e->key);
			free(e);
		}
}

/* A channel as a spreadsheet writes it: the code, or its Chinese name. */
static const char *
channel_of(const char *v)
{
	static const struct { const char *word, *code; } words[] = {
		{ "window", "window" }, { "窗口", "window" },
		{ "online", "online" }, { "网上", "online" }, { "网办", "online" },
		{ "self-service", "self-service" }, { "自助", "self-service" },
	};
	size_t i;

	if (*v == '\0')
		return "window";
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(v, words[i].word) == 0)
			return words[i].code;
	return NULL;
}

/* yes/no as people write it; -1 for anything else. */
static int
yes_no(const char *v)
{
	static const char *const yes[] = { "1", "yes", "y", "是", NULL };
	static const char *const no[] = { "", "0", "no", "n", "否", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

/* Material numbers separated by commas, '|', '、' or spaces, as "1,2,3";
 * -1 when something else is there. */
static int
materials_of(const char *v, struct sb *out)
{
	while (*v) {
		if (*v >= '0' && *v <= '9') {
			if (out->len && out->buf[out->len - 1] != ',' && (v[-1] < '0' || v[-1] > '9'))
				sb_addc(out, ',');
			sb_addc(out, *v++);
		} else if (*v == ',' || *v == '|' || *v == ' ' || *v == ';')
			v++;
		else if (strncmp(v, "、", 3) == 0 || strncmp(v, "，", 3) == 0)
			v += 3;
		else
			return -1;
	}
	return 0;
}

/* Which column an intake message is about, by the option it names. */
static int
column_of(const char *why, const char **rest)
{
	static const struct { const char *opt; int col; } opts[] = {
		{ "--item", COL_ITEM }, { "--applicant-id", COL_ID },
		{ "--applicant-name", COL_NAME }, { "--phone", COL_PHONE },
		{ "--applicant-region", COL_REGION }, { "--channel", COL_CHANNEL },
		{ "--materials", COL_MATERIALS },
	};
	size_t i, n;

	/* "--item: ..." or, translated, "--item：..." */
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		n = strlen(opts[i].opt);
		if (strncmp(why, opts[i].opt, n) != 0)
			continue;
		if (strncmp(why + n, ": ", 2) == 0)
			*rest = why + n + 2;
		else if (strncmp(why + n, "：", 3) == 0)
			*rest = why + n + 3;
		else
			continue;
		return opts[i].col;
	}
	*rest = why;
	/* "item '...' has no materials": the item's column. */
	return strncmp(why, "item '", 6) == 0 ? COL_ITEM : 0;
}

static int
case_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct import *x = arg;
	struct intake in;
	struct sb mats = SB_INIT, key = SB_INIT, origin = SB_INIT;
	char no[32], other[32], day[11], *why = NULL;
	const char *rest;
	long first;
	int rc = -1, differs, d, col;

	x->rows++;
	memset(&in, 0, sizeof in);
	in.item = r->f[0];
	in.applicant_id = r->f[1];
	in.name = r->f[2];
	in.phone = *r->f[3] ? r->f[3] : NULL;
	in.region = *r->f[4] ? r->f[4] : NULL;
	if ((in.channel = channel_of(r->f[5])) == NULL) {
		csvio_bad(cause, x->name, r, COL_CHANNEL, _("window, online or self-service"));
		goto out;
	}
	if (materials_of(r->f[6], &mats) != 0) {
		csvio_bad(cause, x->name, r, COL_MATERIALS, _("material numbers like 1,2,3"));
		goto out;
	}
	in.materials = mats.len ? mats.buf : NULL;
	if ((differs = yes_no(r->f[7])) < 0) {
		csvio_bad(cause, x->name, r, COL_DIFFERS, _("yes or no (empty: no)"));
		goto out;
	}
	in.name_differs = differs;
	/* Received elsewhere on an earlier day: its clock started then. */
	if (*r->f[8] != '\0') {
		if (clock_parse_date(r->f[8], &d) != 0) {
			csvio_bad(cause, x->name, r, COL_SUBMITTED, _("a date YYYY-MM-DD"));
			goto out;
		}
		if (d > x->who.today || d < x->who.today - 366) {
			csvio_bad(cause, x->name, r, COL_SUBMITTED,
			    _("a day within the last year, not after today"));
			goto out;
		}
		in.day = d;
	}
	if (*in.item == '\0') {
		csvio_bad(cause, x->name, r, COL_ITEM, _("an item code"));
		goto out;
	}
	if (*in.applicant_id == '\0') {
		csvio_bad(cause, x->name, r, COL_ID, _("a resident ID or a unified social credit code"));
		goto out;
	}
	if (*in.name == '\0') {
		csvio_bad(cause, x->name, r, COL_NAME, _("the applicant's name"));
		goto out;
	}
	/* One application per applicant and item: a second row, or one the
	 * applicant already has open, is refused (take it in with case new,
	 * which only warns, if it really is a second). */
	sb_addf(&key, "%s\t%s", in.applicant_id, in.item);
	if ((first = seen_before(x, key.buf, r->line)) != 0) {
		set_cause(cause, _("%s:%ld:%d: expected one row per applicant and item, found the "
		    "application of line %ld again"), x->name, r->line, COL_ID, first);
		goto out;
	}
	if (case_same_open(x->s, in.applicant_id, in.item, other, day) == 1) {
		set_cause(cause, _("%s:%ld:%d: expected an application not yet taken in, found case "
		    "%s of this applicant for this item (taken in %s)"), x->name, r->line, COL_ID,
		    other, day);
		goto out;
	}
	sb_addf(&origin, _("imported: %s line %ld"), x->name, r->line);
	in.origin = origin.buf;
	rc = lifecycle_intake_tx(x->s->st, x->s->cal, &x->who, &in, no, &why);
	if (rc == EXIT_OK) {
		x->taken++;
		if (x->out != NULL)
			fprintf(x->out, "%s\n", no);
		rc = 0;
	} else if (rc == EXIT_INVALID) {
		col = column_of(why ? why : "", &rest);
		if (col)
			set_cause(cause, "%s:%ld:%d: %s", x->name, r->line, col, rest);
		else
			set_cause(cause, "%s:%ld: %s", x->name, r->line, rest);
		rc = -1;
	} else {
		set_cause(cause, "%s:%ld: %s", x->name, r->line, why ? why : "?");
		rc = CSVIO_STOP;
	}
out:
	free(why);
	sb_release(&mats);
	sb_release(&key);
	sb_release(&origin);
	return rc;
}

/* csvio's guard: a refused row ends the read when the store failed (a
 * full disk may have rolled the transaction back by itself). */
static int
store_down(void *st)
{
	return store_failed(st);
}

/* An import may start: the session stands and holds right r. */
static int
may_import(struct session *s, enum right r, struct import_stats *st, char **cause)
{
	int rc;

	memset(st, 0, sizeof *st);
	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, r)) {
		set_cause(cause, "%s", access_denied_text(r));
		return EXIT_DENIED;
	}
	return EXIT_OK;
}

/* End the import's transaction by how the read went (csvio_read's rc):
 * all of it, or none of it (a refusal, a dry run). An exit code. */
static int
end_import(struct session *s, int read_rc, int dry_run, char **cause)
{
	if (read_rc != 0) {
		int rc = store_failed(s->st) ? EXIT_INTERNAL : EXIT_INVALID;

		store_rollback(s->st);
		return rc;
	}
	if (dry_run) {
		store_rollback(s->st);
		return EXIT_OK;
	}
	if (store_commit(s->st, cause) != 0) {
		store_rollback(s->st);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int
exchange_cases_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    int dry_run, FILE *out, struct import_stats *st, char **cause)
{
	struct import *x;
	struct timespec t0;
	int rc;

	if ((rc = may_import(s, RIGHT_CASE_INTAKE, st, cause)) != EXIT_OK)
		return rc;
	x = xcalloc(1, sizeof *x);
	x->s = s;
	x->who.user = &s->user;
	x->who.addr = s->addr;
	x->who.today = session_today(s);
	x->name = name;
	x->dry_run = dry_run;
	/* The numbers are printed once the transaction holds: kept till then. */
	x->out = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(s->st, cause) != 0) {
		free(x);
		return EXIT_INTERNAL;
	}
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);

		x->out = mem;
		rc = csvio_read_guarded(fp, name, exchange_case_header, encoding, case_row, x,
		    store_down, s->st, cause);
		fclose(mem);
		x->out = NULL;
		rc = end_import(s, rc, dry_run, cause);
		if (rc == EXIT_OK && !dry_run && out != NULL && len > 0)
			fwrite(buf, 1, len, out);
		free(buf);
	}
	st->rows = x->rows;
	st->taken = rc == EXIT_OK && !dry_run ? x->taken : 0;
	st->seconds = seconds_since(&t0);
	seen_free(x);
	free(x);
	return rc;
}

/* Users: the columns of `user export`, which `user import` reads back. */
const char *const exchange_user_header[] = {
	"login|登录名", "name|姓名", "role|角色", "region|区划", "office|办理机关",
	"lang|语言", "encoding|终端编码", "head|负责人", "state|状态", "keys|公钥", NULL
};

enum { U_LOGIN = 1, U_NAME, U_ROLE, U_REGION, U_OFFICE, U_LANG, U_ENCODING, U_HEAD, U_STATE,
	U_KEYS };

/* A role as a spreadsheet writes it: the code, or its Chinese label. */
static const char *
role_of(const char *v)
{
	static const struct { const char *word, *code; } words[] = {
		{ "clerk", "clerk" }, { "窗口人员", "clerk" },
		{ "approver", "approver" }, { "审批人员", "approver" },
		{ "supervisor", "supervisor" }, { "效能监察人员", "supervisor" },
		{ "admin", "admin" }, { "系统管理员", "admin" },
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(v, words[i].word) == 0)
			return words[i].code;
	return NULL;
}

struct user_import {
	struct session *s;
	const char *name;
	long rows, added, keys;
	struct import *seen;	/* for seen_before: logins */
};

/* Add the keys of a cell (one OpenSSH line each) that login lacks. */
static int
add_keys(struct user_import *x, const struct csvio_row *r, const char *login, char **cause)
{
	char *cell = xstrdup(r->f[U_KEYS - 1]), *line, *save = NULL, *why = NULL;
	int n = 0, rc = 0;

	for (line = strtok_r(cell, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *type, *blob, *comment, *copy;

		n++;
		while (*line == ' ')
			line++;
		if (*line == '\0')
			continue;
		copy = xstrdup(line);
		if (sshkey_parse_line(copy, &type, &blob, &comment, &why) != 0) {
			set_cause(cause, _("%s:%ld:%d: expected OpenSSH public keys, one per line, found "
			    "in key %d: %s"), x->name, r->line, U_KEYS, n, why);
			free(why);
			free(copy);
			rc = -1;
			break;
		}
		rc = store_key_has(x->s->st, login, type, blob);
		free(copy);
		if (rc == 0)
			continue;	/* held already */
		rc = user_key_add(x->s, login, line, &why);
		if (rc != 0) {
			set_cause(cause, _("%s:%ld:%d: key %d: %s"), x->name, r->line, U_KEYS, n,
			    why ? why : "?");
			free(why);
			rc = rc == EXIT_INTERNAL ? CSVIO_STOP : -1;
			break;
		}
		x->keys++;
	}
	free(cell);
	return rc;
}

/* A user already there: the row must say what the user is (an export read
 * back), and brings only keys the user lacks. */
static int
same_user(struct user_import *x, const struct csvio_row *r, const struct user *u,
    const char *role, int head, int disabled, char **cause)
{
	const char *have[] = { NULL, u->name, role_name(u->role), u->region, u->office ? u->office : "",
		u->lang, u->encoding };
	int col;

	for (col = U_NAME; col <= U_ENCODING; col++) {
		const char *v = col == U_ROLE ? role : r->f[col - 1];

		/* An empty office, language or encoding is "the default". */
		if (*v == '\0' && col >= U_OFFICE)
			continue;
		if (strcmp(v, have[col - 1]) != 0) {
			set_cause(cause, _("%s:%ld:%d: expected user '%s' as they are ('%s'), found "
			    "'%s': an import adds users and keys, `user set` changes them"), x->name,
			    r->line, col, u->login, have[col - 1], v);
			return -1;
		}
	}
	if (head != u->head || disabled != u->disabled) {
		set_cause(cause, _("%s:%ld:%d: expected user '%s' as they are, found another %s: an "
		    "import adds users and keys, `user set` changes them"), x->name, r->line,
		    head != u->head ? U_HEAD : U_STATE, u->login,
		    head != u->head ? _("head of office") : _("state"));
		return -1;
	}
	return 0;
}

static int
user_row(void *arg, const struct csvio_row *r, char **cause)
{
	struct user_import *x = arg;
	struct user_new in;
	struct user u;
	const char *rest, *role, *state = r->f[U_STATE - 1];
	char *why = NULL;
	long first;
	int rc, head, disabled, col;

	x->rows++;
	if ((first = seen_before(x->seen, r->f[0], r->line)) != 0) {
		set_cause(cause, _("%s:%ld:%d: expected each login once, found the login of line %ld "
		    "again"), x->name, r->line, U_LOGIN, first);
		return -1;
	}
	if ((role = role_of(r->f[U_ROLE - 1])) == NULL)
		return csvio_bad(cause, x->name, r, U_ROLE,
		    _("clerk, approver, supervisor or admin (or 窗口人员, 审批人员, 效能监察人员, 系统管理员)"));
	if ((head = yes_no(r->f[U_HEAD - 1])) < 0)
		return csvio_bad(cause, x->name, r, U_HEAD, _("yes or no (empty: no)"));
	if (*state == '\0' || strcmp(state, "active") == 0 || strcmp(state, "在用") == 0)
		disabled = 0;
	else if (strcmp(state, "disabled") == 0 || strcmp(state, "停用") == 0 ||
	    strcmp(state, "已停用") == 0)
		disabled = 1;
	else
		return csvio_bad(cause, x->name, r, U_STATE, _("active or disabled (empty: active)"));
	memset(&u, 0, sizeof u);
	rc = store_user_get(x->s->st, r->f[0], &u);
	if (rc < 0) {
		set_cause(cause, "%s:%ld: %s", x->name, r->line, store_error(x->s->st));
		return CSVIO_STOP;
	}
	if (rc == 0) {
		rc = same_user(x, r, &u, role, head, disabled, cause);
		user_release(&u);
		return rc == 0 ? add_keys(x, r, r->f[0], cause) : rc;
	}
	memset(&in, 0, sizeof in);
	in.login = r->f[0];
	in.name = r->f[U_NAME - 1];
	in.role = role;
	in.region = r->f[U_REGION - 1];
	in.office = *r->f[U_OFFICE - 1] ? r->f[U_OFFICE - 1] : NULL;
	in.lang = *r->f[U_LANG - 1] ? r->f[U_LANG - 1] : NULL;
	in.encoding = *r->f[U_ENCODING - 1] ? r->f[U_ENCODING - 1] : NULL;
	in.head = head;
	rc = user_add(x->s, &in, &why);
	if (rc == EXIT_OK && disabled)
		rc = user_set_disabled(x->s, in.login, 1, &why);
	if (rc == EXIT_INTERNAL) {
		set_cause(cause, "%s:%ld: %s", x->name, r->line, why ? why : "?");
		free(why);
		return CSVIO_STOP;
	}
	if (rc != EXIT_OK) {
		static const struct { const char *opt; int col; } opts[] = {
			{ "--role", U_ROLE }, { "--region", U_REGION }, { "--office", U_OFFICE },
			{ "--lang", U_LANG }, { "--encoding", U_ENCODING }, { "--head", U_HEAD },
			{ "login ", U_LOGIN }, { "an approver needs --office", U_OFFICE },
			{ "user '", U_LOGIN },
		};
		size_t i, n;

		rest = why ? why : "?";
		col = 0;
		for (i = 0; i < sizeof opts / sizeof opts[0] && col == 0; i++) {
			n = strlen(opts[i].opt);
			if (strncmp(rest, opts[i].opt, n) != 0)
				continue;
			col = opts[i].col;
			if (strncmp(rest + n, ": ", 2) == 0)
				rest += n + 2;
			else if (strncmp(rest + n, "：", 3) == 0)
				rest += n + 3;
		}
		if (col)
			set_cause(cause, "%s:%ld:%d: %s", x->name, r->line, col, rest);
		else
			set_cause(cause, "%s:%ld: %s", x->name, r->line, rest);
		free(why);
		return -1;
	}
	x->added++;
	return add_keys(x, r, in.login, cause);
}

int
exchange_users_import(struct session *s, FILE *fp, const char *name, const char *encoding,
    int dry_run, struct import_stats *st, char **cause)
{
	struct user_import x;
	struct timespec t0;
	int rc;

	if ((rc = may_import(s, RIGHT_USER_ADMIN, st, cause)) != EXIT_OK)
		return rc;
	memset(&x, 0, sizeof x);
	x.s = s;
	x.name = name;
	x.seen = xcalloc(1, sizeof *x.seen);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(s->st, cause) != 0) {
		free(x.seen);
		return EXIT_INTERNAL;
	}
	rc = end_import(s, csvio_read_guarded(fp, name, exchange_user_header, encoding, user_row,
	    &x, store_down, s->st, cause), dry_run, cause);
	st->rows = x.rows;
	st->taken = rc == EXIT_OK && !dry_run ? x.added : 0;
	st->keys = rc == EXIT_OK && !dry_run ? x.keys : 0;
	st->seconds = seconds_since(&t0);
	seen_free(x.seen);
	free(x.seen);
	return rc;
}

struct user_export {
	struct session *s;
	struct csvio_writer *w;
	struct sb keys;
};

static int
export_key(void *arg, long long id, const char *type, const char *blob, const char *comment,
    const char *added)
{
	struct user_export *x = arg;

	(void)id;
	(void)added;
	sb_addf(&x->keys, "%s%s %s%s%s", x->keys.len ? "\n" : "", type, blob,
	    comment && *comment ? " " : "", comment ? comment : "");
	return 0;
}

static int
export_user(void *arg, const struct user *u, int nkeys)
{
	struct user_export *x = arg;
	const char *f[10];

	sb_reset(&x->keys);
	if (nkeys > 0 && store_key_each(x->s->st, u->login, export_key, x) != 0)
		return -1;
	f[0] = u->login;
	f[1] = u->name;
	f[2] = role_name(u->role);
	f[3] = u->region;
	f[4] = u->office ? u->office : "";
	f[5] = u->lang;
	f[6] = u->encoding;
	f[7] = u->head ? "yes" : "no";
	f[8] = u->disabled ? "disabled" : "active";
	f[9] = x->keys.len ? x->keys.buf : "";
	csvio_write_row(x->w, 10, f);
	return 0;
}

int
exchange_users_export(struct session *s, struct csvio_writer *w, int zh, char **cause)
{
	struct user_export x;
	const char *head[10];
	char names[10][64];
	int i, rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (!access_has(&s->user, RIGHT_USER_ADMIN)) {
		set_cause(cause, "%s", access_denied_text(RIGHT_USER_ADMIN));
		return EXIT_DENIED;
	}
	/* The code, or the name after the '|'. */
	for (i = 0; i < 10; i++) {
		const char *bar = strchr(exchange_user_header[i], '|');

		snprintf(names[i], sizeof names[i], "%.*s", zh ? (int)strlen(bar + 1) :
		    (int)(bar - exchange_user_header[i]), zh ? bar + 1 : exchange_user_header[i]);
		head[i] = names[i];
	}
	csvio_write_row(w, 10, head);
	memset(&x, 0, sizeof x);
	x.s = s;
	x.w = w;
	rc = store_user_each(s->st, export_user, &x);
	sb_release(&x.keys);
	if (rc != 0) {
		set_cause(cause, "%s", store_error(s->st));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}
