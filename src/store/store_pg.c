/*
 * The PostgreSQL driver, over libpq: the same statements as SQLite's
 * (store_priv.h), with ?N written as $N, SQLite's planner hints dropped,
 * and the compatibility functions of data/schema-pg.sql (tb_light, instr,
 * group_concat) on the server.
 *
 * Decisions that make several servers on one database behave like one:
 *  - Writers take one transaction-scoped advisory lock as they begin
 *    (begin_sql): changes are serialized exactly as SQLite's BEGIN
 *    IMMEDIATE serializes them, so a transition that read a case inside
 *    its transaction still sees it unchanged when it writes, and the
 *    audit chain stays one chain: no two events share a predecessor.
 *  - Every writing transaction NOTIFYs the channel tongban; a connection
 *    LISTENs to it, and store_data_version() counts what arrived, so a
 *    live dashboard on one server sees another server's change without
 *    asking the database.
 *  - A connection lost while no transaction was open (a failover, a
 *    restarted server) is opened again, from the same connection string,
 *    before the next statement: with several hosts and
 *    target_session_attrs=read-write, libpq finds the new primary.
 *  - Statements are prepared lazily, once per connection, so that they
 *    are prepared again after a reconnection.
 *  - A server's connections are bounded (store_budget): every connection
 *    takes one unit of a SysV semaphore, created by the listener, before
 *    it connects, and gives it back when it closes; SEM_UNDO gives it
 *    back when a process dies with it. A console waiting for a key closes
 *    its connection (store_idle) and the next statement opens it again.
 */
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_priv.h"
#include "util.h"

#define MAXPARAMS 100
/* The one lock every writer takes: "tongban" on a phone keypad. */
#define WRITE_LOCK "8664226"

struct pgconn {
	PGconn *c;
	char *where;
	int gen;		/* bumped at every (re)connection */
	int nextname;
	long long last_id;
	int changes;
	int failed;		/* the last failure was the database's own */
	long version;		/* notifications seen */
	int unit;		/* holds a unit of the server's budget: its pool + 1 */
	char err[256];
};

struct pgstmt {
	char *text;		/* the statement with $N */
	char name[24];
	int gen;		/* the connection generation it was prepared in */
	int nparams;
	int used[MAXPARAMS + 1];
	Oid types[MAXPARAMS];
	char *vals[MAXPARAMS];
	int returning_id;	/* an INSERT we added RETURNING id to */
	PGresult *res;
	int row, nrows, executed;
};

#define PC(st) ((struct pgconn *)(st)->conn)
#define PS(s) ((struct pgstmt *)(s)->native)

/* Tables whose rows get their id from the database (INTEGER PRIMARY KEY). */
static const char *const id_tables[] = {
	"user_key", "cases", "event", "anomaly", "supervision", "complaint",
	"rating", "project", "project_joint", "appointment", "case_notice", NULL
};

static void
keep_error(struct store *st, const PGresult *r)
{
	struct pgconn *pc = PC(st);
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	size_t n;

	if (m == NULL || *m == '\0')
		m = PQerrorMessage(pc->c);
	if (m == NULL || *m == '\0')
		m = "connection lost";
	if (strncmp(m, "ERROR:  ", 8) == 0)
		m += 8;
	/* Other writers held the lock past lock_timeout (STORE_BUSY_MS), or
	 * two transactions crossed: nothing was done, say so as SQLite's
	 * driver does. */
	if (code != NULL && (strcmp(code, "55P03") == 0 || strcmp(code, "40P01") == 0 ||
	    strcmp(code, "40001") == 0))
		m = _("the database is busy with other changes; nothing was changed, try again");
	snprintf(pc->err, sizeof pc->err, "%s", m);
	if (getenv("TONGBAN_PG_DEBUG") != NULL)
		fprintf(stderr, "tongban: postgresql: %s\n", r ? PQresultErrorMessage(r) : m);
	n = strlen(pc->err);
	while (n > 0 && (pc->err[n - 1] == '\n' || pc->err[n - 1] == ' '))
		pc->err[--n] = '\0';
	/* One line: libpq's hint lines join the message. */
	for (n = 0; pc->err[n] != '\0'; n++)
		if (pc->err[n] == '\n' || pc->err[n] == '\t')
			pc->err[n] = ' ';
	/* Connection, resources, shutdown, system: the database's own. */
	pc->failed = PQstatus(pc->c) != CONNECTION_OK || code == NULL ||
	    strncmp(code, "08", 2) == 0 || strncmp(code, "53", 2) == 0 ||
	    strncmp(code, "57", 2) == 0 || strncmp(code, "58", 2) == 0 ||
	    strncmp(code, "XX", 2) == 0 || strncmp(code, "40", 2) == 0 ||
	    strcmp(code, "25006") == 0;
}

static void
drain_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void
count_notifications(struct pgconn *pc)
{
	PGnotify *n;

	/* Another connection's commits only, as SQLite's data_version. */
	while ((n = PQnotifies(pc->c)) != NULL) {
		if (n->be_pid != PQbackendPID(pc->c))
			pc->version++;
		PQfreemem(n);
	}
}

/* The connection budget ------------------------------------------------------ */

/* The server's semaphore set (STORE_POOL_SESSION: the units of sessions,
 * STORE_POOL_LOGIN: those of logins), inherited by every process it forks;
 * -1: no budget (the command line, SQLite). */
static int budget_sem = -1;
static int budget_pool;
static int budget_total;	/* the server's whole budget, for the message */
static int budget_refused;	/* the last connection waited in vain */
static long long budget_refused_ms;	/* ... when it stopped waiting */
static int budget_nowait;	/* take a unit only when one is free now */

static long long
mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int
store_budget_create(int sessions, int logins, char **cause)
{
	unsigned short vals[2];
	union semun {	/* the caller defines it (semctl(2)) */
		int val;
		struct semid_ds *buf;
		unsigned short *array;
	} arg;
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);

	if (id < 0) {
		set_cause(cause, "cannot create the connection budget: %s", strerror(errno));
		return -1;
	}
	vals[STORE_POOL_SESSION] = (unsigned short)sessions;
	vals[STORE_POOL_LOGIN] = (unsigned short)logins;
	arg.array = vals;
	if (semctl(id, 0, SETALL, arg) != 0) {
		set_cause(cause, "cannot set the connection budget: %s", strerror(errno));
		semctl(id, 0, IPC_RMID);
		return -1;
	}
	return id;
}

void
store_budget(int semid, int pool, int total)
{
	budget_sem = semid;
	budget_pool = pool;
	budget_total = total;
}

void
store_budget_remove(int semid)
{
	if (semid >= 0)
		semctl(semid, 0, IPC_RMID);
}

int
store_budget_waiting(void)
{
	int n;

	if (budget_sem < 0)
		return 0;
	n = semctl(budget_sem, budget_pool, GETNCNT);
	return n > 0 ? n : 0;
}

int
store_budget_refused(void)
{
	return budget_refused;
}

/* Take a unit, waiting for one at most STORE_BUDGET_WAIT_MS: 0, or -1 when
 * every unit stayed in use. Right after a wait in vain (the statements
 * that follow it for the same key of a console) it does not wait again:
 * one wait per request. */
static int
budget_take(struct pgconn *pc)
{
	struct sembuf op = { (unsigned short)budget_pool, -1, SEM_UNDO };
	struct timespec until, now, left;

	if (budget_sem < 0 || pc->unit)
		return 0;
	if (budget_nowait || (budget_refused && mono_ms() - budget_refused_ms < 1000)) {
		op.sem_flg |= IPC_NOWAIT;
		if (semop(budget_sem, &op, 1) != 0)
			return -1;
		pc->unit = budget_pool + 1;
		return 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += STORE_BUDGET_WAIT_MS / 1000;
	until.tv_nsec += (long)(STORE_BUDGET_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = until.tv_sec - now.tv_sec;
		left.tv_nsec = until.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			return -1;
		if (semtimedop(budget_sem, &op, 1, &left) == 0) {
			pc->unit = budget_pool + 1;
			return 0;
		}
		if (errno != EINTR)
			return -1;	/* EAGAIN: the time is up */
	}
}

static void
budget_give(struct pgconn *pc)
{
	struct sembuf op = { 0, 1, SEM_UNDO };

	if (budget_sem < 0 || !pc->unit)
		return;
	op.sem_num = (unsigned short)(pc->unit - 1);
	while (semop(budget_sem, &op, 1) != 0 && errno == EINTR)
		;
	pc->unit = 0;
}

/* Close the connection and give its unit back. */
static void
disconnect(struct pgconn *pc)
{
	if (pc->c != NULL)
		PQfinish(pc->c);
	pc->c = NULL;
	budget_give(pc);
}

/* Open the connection: -1 when the database refused, -2 when every unit
 * of the server's budget stayed in use. */
static int
connect_now(struct store *st, char **cause)
{
	struct pgconn *pc = PC(st);
	PGresult *r;
	char set[160];

	if (pc->c != NULL)
		PQfinish(pc->c);	/* a lost one: its unit is kept for the next */
	pc->c = NULL;
	if (budget_take(pc) != 0) {
		if (!budget_nowait) {
			budget_refused = 1;
			budget_refused_ms = mono_ms();
		}
		snprintf(pc->err, sizeof pc->err, _("all %d database connections of this server "
		    "are in use; try again"), budget_total);
		pc->failed = 1;
		snprintf(st->err, sizeof st->err, "%s", pc->err);
		set_cause(cause, "%s", pc->err);
		return -2;
	}
	budget_refused = 0;
	{
		/* "tongban" in pg_stat_activity unless the string names another */
		static const char *const keys[] = { "dbname", "fallback_application_name", NULL };
		const char *vals[] = { pc->where, "tongban", NULL };

		pc->c = PQconnectdbParams(keys, vals, 1);
	}
	if (PQstatus(pc->c) != CONNECTION_OK) {
		keep_error(st, NULL);
		pc->failed = 1;
		snprintf(st->err, sizeof st->err, "%s", pc->err);
		set_cause(cause, _("cannot open database '%s': %s"), store_shown(pc->where),
		    pc->err);
		disconnect(pc);
		return -1;
	}
	PQsetNoticeProcessor(pc->c, drain_notices, NULL);
	pc->gen++;
	snprintf(set, sizeof set, "SET client_encoding = 'UTF8'; SET datestyle = 'ISO'; "
	    "SET lock_timeout = %d; LISTEN tongban", STORE_BUSY_MS);
	r = PQexec(pc->c, set);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		keep_error(st, r);
		PQclear(r);
		set_cause(cause, _("database: %s"), pc->err);
		return -1;
	}
	PQclear(r);
	/* A reconnection may have missed changes: readers look again. */
	pc->version++;
	return 0;
}

/* Open the connection again when it was lost between transactions. */
static int
alive(struct store *st)
{
	struct pgconn *pc = PC(st);
	int tries;

	if (PQstatus(pc->c) == CONNECTION_OK)
		return 0;
	/* A promotion takes a few seconds: try for up to ten. A connection
	 * closed by store_idle opens at the first try. */
	for (tries = 0; tries < 20; tries++) {
		int rc = connect_now(st, NULL);

		if (rc == 0) {
			st->err[0] = '\0';
			return 0;
		}
		if (rc == -2)
			return -1;	/* waited for a unit already */
		usleep(500000);
	}
	return -1;
}

static int
pg_open(struct store *st, const char *where, int create, char **cause)
{
	struct pgconn *pc = xcalloc(1, sizeof *pc);

	(void)create;
	pc->where = xstrdup(where);
	st->conn = pc;
	return connect_now(st, cause);
}

static void
pg_close(struct store *st)
{
	struct pgconn *pc = PC(st);

	if (pc == NULL)
		return;
	disconnect(pc);
	free(pc->where);
	free(pc);
	st->conn = NULL;
}

/* Nothing open: give the connection and its unit back until the next
 * statement (store.c checks that no transaction and no statement is open). */
static void
pg_idle(struct store *st)
{
	struct pgconn *pc = PC(st);

	if (pc->c == NULL)
		return;
	disconnect(pc);
}

static int
pg_in_txn(struct store *st)
{
	PGTransactionStatusType t = PQtransactionStatus(PC(st)->c);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int
pg_exec(struct store *st, const char *sql, char **cause)
{
	struct pgconn *pc = PC(st);
	PGresult *r;
	ExecStatusType rs;
	int was_idle = !pg_in_txn(st);

	if (was_idle && alive(st) != 0)
		goto fail_conn;
	r = PQexec(pc->c, sql);
	rs = PQresultStatus(r);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK &&
	    PQstatus(pc->c) != CONNECTION_OK && was_idle && alive(st) == 0) {
		PQclear(r);
		r = PQexec(pc->c, sql);
		rs = PQresultStatus(r);
	}
	count_notifications(pc);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
		keep_error(st, r);
		PQclear(r);
		snprintf(st->err, sizeof st->err, "%s", pc->err);
		set_cause(cause, _("database: %s"), st->err);
		return -1;
	}
	PQclear(r);
	return 0;
fail_conn:
	snprintf(st->err, sizeof st->err, "%s", pc->err);
	set_cause(cause, _("database: %s"), st->err);
	return -1;
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/*
 * SQLite's text to PostgreSQL's: ?N and ? become $N, "INDEXED BY name"
 * goes (a hint for SQLite's planner), quoted text is left alone. An INSERT
 * into a table with a database-made id RETURNs it (sq_last_id).
 */
/* Whether q starts with word w as a whole word (case as written). */
static int
word_at(const char *q, const char *w)
{
	size_t n = strlen(w);

	return strncmp(q, w, n) == 0 && !is_word(q[n]);
}

/* After a subquery in FROM: does an alias follow, or a keyword? */
static int
alias_follows(const char *q)
{
	static const char *const keywords[] = {
		"WHERE", "GROUP", "ORDER", "UNION", "LIMIT", "JOIN", "LEFT", "CROSS",
		"INNER", "ON", "EXCEPT", "INTERSECT", "HAVING", NULL
	};
	int i;

	while (*q == ' ' || *q == '\n' || *q == '\t')
		q++;
	if (!is_word(*q))
		return 0;
	for (i = 0; keywords[i] != NULL; i++)
		if (word_at(q, keywords[i]))
			return 0;
	return 1;
}

static void
translate(struct store *st, sq_stmt *s, struct pgstmt *p)
{
	const char *q = s->sql;
	struct sb out = SB_INIT;
	/* Parentheses open, and which of them are subqueries in FROM or JOIN,
	 * which PostgreSQL wants named: SQLite lets them go unnamed. */
	char from[64];
	int depth = 0, last_from = 0, aliases = 0;
	int next = 1, n, i;

	(void)st;
	sb_adds(&out, "");
	while (*q != '\0') {
		if (is_word(*q) && (q == s->sql || !is_word(q[-1]))) {
			if (word_at(q, "FROM") || word_at(q, "JOIN"))
				last_from = 1;
			else if (!word_at(q, "SELECT"))
				last_from = 0;
			if (word_at(q, "CROSS") && word_at(q + 6, "JOIN")) {
				q += 6;		/* CROSS JOIN ... ON: a hint to SQLite's planner */
				continue;
			}
		}
		if (*q == '(') {
			if (depth < (int)sizeof from)
				from[depth] = (char)last_from;
			depth++;
			last_from = 0;
			sb_add(&out, q, 1);
			q++;
			continue;
		}
		if (*q == ')') {
			sb_add(&out, q, 1);
			q++;
			if (depth > 0 && --depth < (int)sizeof from && from[depth] &&
			    !alias_follows(q))
				sb_addf(&out, " AS tb_sub%d", ++aliases);
			continue;
		}
		if (*q != ' ' && *q != '\n' && *q != '\t' && !is_word(*q) && *q != '(')
			last_from = 0;
		if (*q == '\'') {
			const char *e = q + 1;

			while (*e != '\0' && !(*e == '\'' && e[1] != '\''))
				e += *e == '\'' ? 2 : 1;
			if (*e == '\'')
				e++;
			sb_add(&out, q, (size_t)(e - q));
			q = e;
		} else if (*q == '?') {
			q++;
			if (*q >= '0' && *q <= '9') {
				n = (int)strtol(q, (char **)&q, 10);
			} else
				n = next;
			next = n + 1;
			if (n > MAXPARAMS) {
				fprintf(stderr, "tongban: too many parameters in '%s'\n", s->sql);
				abort();
			}
			if (n > p->nparams)
				p->nparams = n;
			p->used[n] = 1;
			sb_addf(&out, "$%d", n);
		} else if (strncmp(q, "INDEXED BY ", 11) == 0 &&
		    (q == s->sql || !is_word(q[-1]))) {
			q += 11;
			while (is_word(*q))
				q++;
		} else {
			sb_add(&out, q, 1);
			q++;
		}
	}
	if (strncmp(s->sql, "INSERT INTO ", 12) == 0 && strstr(s->sql, "RETURNING") == NULL &&
	    strstr(s->sql, "DO NOTHING") == NULL) {
		const char *t = s->sql + 12;

		for (i = 0; id_tables[i] != NULL; i++) {
			size_t len = strlen(id_tables[i]);

			if (strncmp(t, id_tables[i], len) == 0 && !is_word(t[len])) {
				sb_adds(&out, " RETURNING id");
				p->returning_id = 1;
				break;
			}
		}
	}
	p->text = sb_detach(&out);
	/* A parameter the text never names has no type to infer: text. */
	for (i = 1; i <= p->nparams; i++)
		p->types[i - 1] = p->used[i] ? 0 : 25;
}

static int
pg_prepare(struct store *st, sq_stmt *s)
{
	struct pgstmt *p = xcalloc(1, sizeof *p);

	translate(st, s, p);
	snprintf(p->name, sizeof p->name, "tb%d", PC(st)->nextname++);
	p->gen = -1;
	s->native = p;
	return 0;
}

static void
clear_result(struct pgstmt *p)
{
	if (p->res != NULL)
		PQclear(p->res);
	p->res = NULL;
	p->row = -1;
	p->nrows = 0;
	p->executed = 0;
}

static void
pg_reset(sq_stmt *s)
{
	struct pgstmt *p = PS(s);
	int i;

	clear_result(p);
	for (i = 0; i < p->nparams; i++) {
		free(p->vals[i]);
		p->vals[i] = NULL;
	}
}

static void
pg_finalize(sq_stmt *s)
{
	struct pgstmt *p = PS(s);
	struct pgconn *pc = PC(s->st);
	char sql[48];

	if (p == NULL)
		return;
	pg_reset(s);
	/* Statements of sq_prep_once go with their use; the cache's with
	 * the connection. */
	if (!s->cached && p->gen == pc->gen && pc->c != NULL &&
	    PQstatus(pc->c) == CONNECTION_OK) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", p->name);
		PQclear(PQexec(pc->c, sql));
	}
	free(p->text);
	free(p);
	s->native = NULL;
}

static void
set_val(sq_stmt *s, int i, char *v)
{
	struct pgstmt *p = PS(s);

	if (i < 1 || i > p->nparams) {
		free(v);
		return;		/* SQLite ignores a parameter the text lacks too */
	}
	free(p->vals[i - 1]);
	p->vals[i - 1] = v;
}

static void
pg_bind_text(sq_stmt *s, int i, const char *v)
{
	set_val(s, i, xstrdup(v));
}

static void
pg_bind_int(sq_stmt *s, int i, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	set_val(s, i, xstrdup(buf));
}

static void
pg_bind_null(sq_stmt *s, int i)
{
	set_val(s, i, NULL);
}

/* Prepare on the server, naming a parameter's type when it cannot be
 * inferred ("$1 IS NULL" alone): text. */
static int
server_prepare(struct store *st, struct pgstmt *p)
{
	struct pgconn *pc = PC(st);
	/* A failed PREPARE would abort the transaction around it. */
	int guard = pg_in_txn(st);
	int tries;

	if (guard)
		PQclear(PQexec(pc->c, "SAVEPOINT tb_prepare"));
	for (tries = 0; tries <= p->nparams; tries++) {
		PGresult *r = PQprepare(pc->c, p->name, p->text, p->nparams, p->types);
		const char *code;
		const char *m;
		int n;

		if (PQresultStatus(r) == PGRES_COMMAND_OK) {
			PQclear(r);
			if (guard)
				PQclear(PQexec(pc->c, "RELEASE SAVEPOINT tb_prepare"));
			p->gen = pc->gen;
			return 0;
		}
		if (guard)
			PQclear(PQexec(pc->c, "ROLLBACK TO SAVEPOINT tb_prepare"));
		code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		m = PQresultErrorMessage(r);
		if (code != NULL && (strcmp(code, "42P18") == 0 || strcmp(code, "42P08") == 0) &&
		    m != NULL &&
		    (m = strchr(m, '$')) != NULL && (n = atoi(m + 1)) >= 1 &&
		    n <= p->nparams && p->types[n - 1] == 0) {
			p->types[n - 1] = 25;
			PQclear(r);
			continue;
		}
		keep_error(st, r);
		PQclear(r);
		break;
	}
	if (guard)
		PQclear(PQexec(pc->c, "RELEASE SAVEPOINT tb_prepare"));
	return -1;
}

static enum sq_step
execute(sq_stmt *s)
{
	struct store *st = s->st;
	struct pgconn *pc = PC(st);
	struct pgstmt *p = PS(s);
	int was_idle = !pg_in_txn(st), again = was_idle;
	ExecStatusType rs;
	const char *code;

retry:
	if (was_idle && alive(st) != 0)
		return SQ_ERROR;
	if (p->gen != pc->gen && server_prepare(st, p) != 0) {
		if (again && PQstatus(pc->c) != CONNECTION_OK) {
			again = 0;
			goto retry;
		}
		return SQ_ERROR;
	}
	p->res = PQexecPrepared(pc->c, p->name, p->nparams,
	    (const char *const *)p->vals, NULL, NULL, 0);
	rs = PQresultStatus(p->res);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && again &&
	    PQstatus(pc->c) != CONNECTION_OK) {
		again = 0;
		clear_result(p);
		goto retry;
	}
	count_notifications(pc);
	p->executed = 1;
	p->row = -1;
	if (rs == PGRES_COMMAND_OK) {
		pc->changes = atoi(PQcmdTuples(p->res));
		return SQ_DONE;
	}
	if (rs == PGRES_TUPLES_OK) {
		p->nrows = PQntuples(p->res);
		if (p->returning_id) {
			pc->changes = p->nrows;
			if (p->nrows > 0)
				pc->last_id = strtoll(PQgetvalue(p->res, p->nrows - 1, 0), NULL, 10);
			p->nrows = 0;
			return SQ_DONE;
		}
		if (PQcmdTuples(p->res)[0] != '\0')
			pc->changes = atoi(PQcmdTuples(p->res));
		return SQ_ROW;
	}
	keep_error(st, p->res);
	snprintf(st->err, sizeof st->err, "%s", pc->err);
	code = PQresultErrorField(p->res, PG_DIAG_SQLSTATE);
	if (code != NULL && strcmp(code, "23505") == 0) {
		const char *con = PQresultErrorField(p->res, PG_DIAG_CONSTRAINT_NAME);
		size_t n = con ? strlen(con) : 0;

		return n > 5 && strcmp(con + n - 5, "_pkey") == 0 ? SQ_PRIMARYKEY : SQ_UNIQUE;
	}
	if (code != NULL && strcmp(code, "23503") == 0)
		return SQ_FOREIGNKEY;
	return SQ_ERROR;
}

static enum sq_step
pg_step(sq_stmt *s)
{
	struct pgstmt *p = PS(s);
	enum sq_step r;

	if (!p->executed) {
		r = execute(s);
		if (r != SQ_ROW)
			return r;
	}
	if (++p->row < p->nrows)
		return SQ_ROW;
	return SQ_DONE;
}

static const char *
pg_col_text(sq_stmt *s, int i)
{
	struct pgstmt *p = PS(s);

	if (p->res == NULL || p->row < 0 || p->row >= p->nrows || i >= PQnfields(p->res) ||
	    PQgetisnull(p->res, p->row, i))
		return NULL;
	return PQgetvalue(p->res, p->row, i);
}

static long long
pg_col_int(sq_stmt *s, int i)
{
	const char *v = pg_col_text(s, i);

	if (v == NULL)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	if (v[0] == 'f' && v[1] == '\0')
		return 0;
	return strtoll(v, NULL, 10);
}

static int
pg_col_count(sq_stmt *s)
{
	struct pgstmt *p = PS(s);

	if (!p->executed)
		return 0;
	return p->res ? PQnfields(p->res) : 0;
}

static long long
pg_last_id(struct store *st)
{
	return PC(st)->last_id;
}

static int
pg_changes(struct store *st)
{
	return PC(st)->changes;
}

static const char *
pg_errmsg(struct store *st)
{
	struct pgconn *pc = PC(st);

	if (pc == NULL)
		return "out of memory";
	return pc->err[0] ? pc->err : "not an error";
}

static int
pg_failed(struct store *st)
{
	return PC(st)->failed;
}

static void
pg_bulk_begin(struct store *st, int fresh)
{
	(void)fresh;
	pg_exec(st, "SET synchronous_commit = off", NULL);
}

static void
pg_bulk_end(struct store *st)
{
	pg_exec(st, "RESET synchronous_commit; ANALYZE", NULL);
}

/* Notifications that arrived since the last look, read without a query. */
static long
pg_data_version(struct store *st)
{
	struct pgconn *pc = PC(st);

	/*
	 * A connection closed by store_idle opens here: the console looks at
	 * the version after each key, so a user disabled meanwhile is stopped
	 * before the key does anything (reopening counts as a change). When
	 * no unit is free now the key's own statement waits for one.
	 */
	if (pc->c == NULL && !pg_in_txn(st)) {
		int rc;

		budget_nowait = 1;
		rc = alive(st);
		budget_nowait = 0;
		if (rc != 0)
			return pc->version;
	}
	if (PQstatus(pc->c) != CONNECTION_OK && !pg_in_txn(st))
		alive(st);
	if (PQconsumeInput(pc->c) == 0 && !pg_in_txn(st))
		alive(st);
	count_notifications(pc);
	return pc->version;
}

static int
pg_schema_version(struct store *st, int *version)
{
	struct pgconn *pc = PC(st);
	PGresult *r = PQexec(pc->c, "SELECT value FROM meta WHERE key = 'schema_version'");

	*version = 0;
	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		if (PQntuples(r) > 0)
			*version = atoi(PQgetvalue(r, 0, 0));
		PQclear(r);
		return 0;
	}
	/* No meta table: an empty database, to be made by init. */
	if (PQresultErrorField(r, PG_DIAG_SQLSTATE) != NULL &&
	    strcmp(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42P01") == 0) {
		PQclear(r);
		return 0;
	}
	keep_error(st, r);
	snprintf(st->err, sizeof st->err, "%s", pc->err);
	PQclear(r);
	return -1;
}

const struct store_driver store_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_count = pg_col_count,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.errmsg = pg_errmsg,
	.failed = pg_failed,
	.in_txn = pg_in_txn,
	.begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK "); NOTIFY tongban",
	.bulk_begin = pg_bulk_begin,
	.bulk_end = pg_bulk_end,
	.index_sql = "SELECT indexname, indexdef FROM pg_indexes i "
	    "WHERE schemaname = current_schema() AND tablename IN ('cases', 'event', 'applicant') "
	    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)",
	.data_version = pg_data_version,
	.idle = pg_idle,
	.schema_version = pg_schema_version,
};
