/*
 * A session: everything one user's work runs in, passed explicitly to every
 * service, command and screen. It owns the store connection, the calendar
 * and a copy of the user's record; it answers "what day is it" as a
 * function, never as a value copied at login, and it notices when the
 * user's record changes (a disable ends the session at the next action).
 *
 * Invariants: st is open and *cal loaded for the life of the session; user
 * is the latest record seen by session_refresh(); a local session (the
 * operator on the host) has the role ROLE_LOCAL and no stored record.
 */
#ifndef TONGBAN_SESSION_H
#define TONGBAN_SESSION_H

#include "clock.h"
#include "model.h"
#include "store.h"

struct session {
	struct store *st;
	struct calendar *cal;	/* own_cal, or a borrowed one */
	struct calendar own_cal;
	struct user user;
	char addr[64];		/* the client's address, or "local" */
	int local;		/* the host operator: no stored user */
	int fixed_today;	/* tests: a day that does not move; 0 otherwise */
	long seen_version;	/* the store's data_version when the user was read */
	char *cal_rev;		/* STORE_CALENDAR_REV when the calendar was loaded */
	int owns_store;
	/* Reports and exports (session_read_store): the store of the read
	 * database, opened at the first report; read_tried once tried. */
	struct store *read_st;
	int read_tried;
	char *read_note;	/* why it could not be opened, to say once */
};

/* Open db for login (NULL: the local operator) from addr: 0, or with
 * *cause EXIT_NOTFOUND (no such login), EXIT_DENIED (disabled) or
 * EXIT_INTERNAL (the database failed). */
int session_open(struct session *s, const char *db, const char *login, const char *addr,
    char **cause);
/* A session over an open store and a loaded calendar (tests, the demo):
 * borrows st, copies the user's fields. */
void session_init(struct session *s, struct store *st, const struct calendar *cal,
    const struct user *u, const char *addr);
/*
 * Reads off the primary (tongban --read-db, serve --read-db, read_db in
 * the configuration): every session of the process opened after this
 * call reads its reports and exports from where, a hot standby; NULL:
 * from its own store. The rule of which store a read uses is
 * session_read_store; the rows and screens that are reports or exports
 * ask for it, everything else (and the live dashboard) uses st.
 */
void session_set_read_db(const char *where);
/* The store reports and exports read: that of the read database, opened
 * at the first call, or st when none was named or it cannot be opened
 * (then read_note says why, once: a standby down does not stop reports). */
struct store *session_read_store(struct session *s);
/* For the span of one report or export: s->st is the read store until
 * session_read_end(s, what session_read_begin returned). */
struct store *session_read_begin(struct session *s);
void session_read_end(struct session *s, struct store *primary);
/* The message of a read database that could not be opened, once: a heap
 * string for the caller, or NULL. */
char *session_read_note(struct session *s);

/* The host operator without a store: for a command that opens the
 * databases it names itself (tongban migrate). */
void session_host(struct session *s);
void session_close(struct session *s);

/* Today: TONGBAN_TODAY, or the day named in the file TONGBAN_TODAY_FILE
 * (read again at every call, so that tests can move a session's clock), or
 * the system's date. */
int session_today(struct session *s);
/* Read the user again when the database changed since the last read, and
 * the calendar when a notice or the yellow threshold changed since it was
 * loaded: 0; EXIT_DENIED with *cause when the user has been disabled or
 * removed (the session must end); EXIT_INTERNAL when the database failed. */
int session_refresh(struct session *s, char **cause);
/* A console waiting for a key gives its database connection back
 * (PostgreSQL; SQLite: nothing); the next statement opens it again. */
void session_idle(struct session *s);
/* How many sessions of this server wait for a database connection. */
int session_db_waiting(void);

#endif
