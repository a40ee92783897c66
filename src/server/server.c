/*
 * The SSH server. The listener accepts connections and forks one process
 * per connection; that process does the key exchange and authentication
 * (bounded by an alarm), then serves one session channel: a console on a
 * pty, or one exec command on pipes, each in a child process whose output
 * is pumped to the channel. See docs/PLATFORM.md for the pitfalls
 * this file avoids; they are named where they matter.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "console.h"
#include "conv.h"
#include "pw.h"
#include "server.h"
#include "exec.h"
#include "exitcode.h"
#include "store.h"
#include "util.h"

#define LOGIN_TIMEOUT 30	/* seconds from accept to an open session */
#define MAX_PREAUTH 64		/* connections not yet authenticated (MaxStartups) */
#define MAX_PREAUTH_ADDR 8	/* ... of them from one address */
#define LOGIN_MAX 64		/* bytes of a login name; longer is refused unread */
#define IDLE_MINUTES 30		/* console idle timeout by default */
#define KEEPALIVE_SECONDS 15	/* an idle peer is asked to answer this often */
#define KEEPALIVE_COUNT 4	/* unanswered keepalives before the session is dropped */
#define REAP_SECONDS 5		/* a child that outlives its session this long is killed */
#define IN_MAX (1 << 20)	/* bytes buffered toward the child; more waits in libssh */
#define CMD_MAX 8192		/* bytes of an exec command line */
#define MAX_SESSIONS 1000
#define MAX_AUTH_TRIES 6
#define THROTTLE_WINDOW 900	/* seconds: failures counted over 15 minutes */
#define THROTTLE_LOGIN 10	/* failures for one login in the window */
#define THROTTLE_ADDR 30	/* failures from one address in the window */
#define OUT_MAX 65536		/* bytes buffered toward the client */
#define COALESCE_MS 2		/* PLATFORM 5: one packet per screen */
#define DB_CONNECTIONS 30	/* PostgreSQL connections of one server at most */
/* ... of which logins (a key or password check: a moment each) may use */
#define LOGIN_UNITS(n) ((n) >= 10 ? 2 : 1)

/* Listener ------------------------------------------------------------------- */

static volatile sig_atomic_t got_chld, got_term;

static void
on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static void
logline(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Length of the valid UTF-8 character at p (n bytes left) that is not a C1
 * control, else 0. */
static size_t
utf8_ok(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < 0xa0 || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;	/* C1 controls, overlong forms, surrogates */
	return len;
}

/*
 * One line of the server log. Everything in it may come from a client (a
 * login name), so control characters, backslashes and bytes that are not
 * UTF-8 are written as \xNN, and the line goes out in one write(2): lines
 * of concurrent sessions never interleave.
 */
static void
logline(const char *fmt, ...)
{
	char msg[1024], line[32 + 4 * sizeof msg];
	time_t t = time(NULL);
	struct tm tm;
	va_list ap;
	size_t i, n, k, len;
	int m;

	localtime_r(&t, &tm);
	len = strftime(line, sizeof line, "%Y-%m-%d %H:%M:%S ", &tm);
	va_start(ap, fmt);
	m = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = m < 0 ? 0 : (size_t)m < sizeof msg ? (size_t)m : sizeof msg - 1;
	for (i = 0; i < n; ) {
		const unsigned char *u = (const unsigned char *)msg + i;

		if (*u >= 0x20 && *u < 0x7f && *u != '\\') {
			line[len++] = (char)*u;
			i++;
		} else if (*u >= 0x80 && (k = utf8_ok(u, n - i)) > 0) {
			memcpy(line + len, u, k);
			len += k;
			i += k;
		} else {
			len += (size_t)snprintf(line + len, 5, "\\x%02x", *u);
			i++;
		}
	}
	line[len++] = '\n';
	(void)!write(STDERR_FILENO, line, len);
}

/* What every connection process is given by the listener. */
struct conf {
	const char *db;
	const char *listen;
	int compress;
	int idle_s;		/* console idle timeout; 0: none */
	int grace_s;		/* from accept to an open session */
	int keepalive_s;	/* SSH keepalive interval; 0: none */
	char *dummy_hash;	/* checked for logins that have no hash */
	int lock_fd;		/* record locks serialise password checks */
	int db_connections;	/* the budget of PostgreSQL connections */
	int budget;		/* its semaphore set, or -1 (SQLite) */
	int status_wr;		/* children write their pid once authenticated */
};

struct child {
	pid_t pid;
	int authed;
	char host[64];		/* the peer's address, without the port */
};

struct listener {
	struct child *kids;
	size_t nkids;
	int status_rd;
};

/* Connections not yet authenticated, in all (host NULL) or from host. */
static size_t
count_preauth(const struct listener *l, const char *host)
{
	size_t i, n = 0;

	for (i = 0; i < l->nkids; i++)
		n += !l->kids[i].authed && (host == NULL || strcmp(l->kids[i].host, host) == 0);
	return n;
}

static void
reap(struct listener *l)
{
	pid_t pid;
	size_t i;

	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
		for (i = 0; i < l->nkids; i++)
			if (l->kids[i].pid == pid) {
				l->kids[i] = l->kids[--l->nkids];
				break;
			}
}

static int
make_host_key(const char *path)
{
	ssh_key key = NULL;
	struct stat sb;
	char *pem = NULL;
	size_t n;
	int fd, rc = -1;

	if (stat(path, &sb) == 0)
		return 0;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
		return -1;
	/*
	 * libssh's file export opens with the default mode and the umask, so
	 * the key is exported to memory and the file created 0600 here, with
	 * O_EXCL: there is no moment when it is readable by others.
	 */
	if (ssh_pki_export_privkey_base64(key, NULL, NULL, NULL, &pem) != SSH_OK)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	n = strlen(pem);
	if (write(fd, pem, n) != (ssize_t)n || fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		close(fd);
		unlink(path);
		goto out;
	}
	close(fd);
	logline("created host key %s", path);
	rc = 0;
out:
	ssh_string_free_char(pem);
	ssh_key_free(key);
	return rc;
}

/* A positive number of seconds from the environment (tests shorten them). */
static int
env_seconds(const char *name, int dflt)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return dflt;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 && n < 1000000 ? (int)n : dflt;
}

/* The peer's address as "host" and "host:port". */
static void
peer_of(int fd, char host[64], char addr[64])
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof sa;
	char h[INET6_ADDRSTRLEN] = "?";
	int port = 0;

	if (getpeername(fd, (struct sockaddr *)&sa, &salen) == 0) {
		if (sa.ss_family == AF_INET) {
			struct sockaddr_in *in = (struct sockaddr_in *)&sa;

			inet_ntop(AF_INET, &in->sin_addr, h, sizeof h);
			port = ntohs(in->sin_port);
		} else if (sa.ss_family == AF_INET6) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&sa;

			inet_ntop(AF_INET6, &in6->sin6_addr, h, sizeof h);
			port = ntohs(in6->sin6_port);
		}
	}
	snprintf(host, 64, "%s", h);
	snprintf(addr, 64, "%s:%d", h, port);
}

static void serve_connection(ssh_session s, const struct conf *cf);

int
server_main(const char *db, int argc, char **argv)
{
	const char *listen = "127.0.0.1:2222", *hostkey = NULL;
	char addr[256], *colon, keypath[4096], *end;
	struct listener l;
	struct sigaction sa;
	struct store *st;
	struct conf cf;
	char *cause = NULL;
	ssh_bind bind;
	int i, port, zero = 0, p[2], semid = -1;
	long idle_min = IDLE_MINUTES, db_conns = DB_CONNECTIONS;
	unsigned char rnd[16];

	memset(&cf, 0, sizeof cf);
	cf.compress = 1;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else if (strcmp(argv[i], "--host-key") == 0 && i + 1 < argc)
			hostkey = argv[++i];
		else if (strcmp(argv[i], "--no-compression") == 0)
			cf.compress = 0;
		else if (strcmp(argv[i], "--idle-timeout") == 0 && i + 1 < argc) {
			idle_min = strtol(argv[++i], &end, 10);
			if (*argv[i] == '\0' || *end != '\0' || idle_min < 0 || idle_min > 100000) {
				fprintf(stderr, "tongban: --idle-timeout: expected minutes (0: none), "
				    "not '%s'\n", argv[i]);
				return 1;
			}
		} else if (strcmp(argv[i], "--db-connections") == 0 && i + 1 < argc) {
			db_conns = strtol(argv[++i], &end, 10);
			if (*argv[i] == '\0' || *end != '\0' || db_conns < 2 || db_conns > 10000) {
				fprintf(stderr, "tongban: --db-connections: expected a number from 2 to "
				    "10000, not '%s'\n", argv[i]);
				return 1;
			}
		} else {
			fprintf(stderr, "usage: tongban serve --db PATH [--listen ADDR:PORT] "
			    "[--host-key PATH] [--no-compression] [--idle-timeout MINUTES] "
			    "[--db-connections N]\n");
			return 1;
		}
	}
	cf.db = db;
	cf.listen = listen;
	cf.db_connections = (int)db_conns;
	cf.budget = -1;
	cf.idle_s = env_seconds("TONGBAN_IDLE_SECONDS", (int)idle_min * 60);
	cf.grace_s = env_seconds("TONGBAN_LOGIN_GRACE", LOGIN_TIMEOUT);
	cf.keepalive_s = env_seconds("TONGBAN_KEEPALIVE_SECONDS", KEEPALIVE_SECONDS);
	if (cf.grace_s == 0)
		cf.grace_s = LOGIN_TIMEOUT;	/* the login phase is always bounded */
	snprintf(addr, sizeof addr, "%s", listen);
	colon = strrchr(addr, ':');
	if (colon == NULL || (port = atoi(colon + 1)) <= 0 || port > 65535) {
		fprintf(stderr, "tongban: --listen: expected ADDR:PORT, not '%s'\n", listen);
		return 1;
	}
	*colon = '\0';
	if (hostkey == NULL && store_is_pg(db)) {
		/* No folder of the database: the one the server runs in. */
		snprintf(keypath, sizeof keypath, "host_ed25519_key");
		hostkey = keypath;
	} else if (hostkey == NULL) {
		/* Next to the database, so that one directory holds a deployment. */
		const char *slash = strrchr(db, '/');

		snprintf(keypath, sizeof keypath, "%.*s%shost_ed25519_key",
		    slash ? (int)(slash - db) : 0, db, slash ? "/" : "");
		hostkey = keypath;
	}
	st = store_open(db, NULL, &cause);
	if (st == NULL) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return 2;
	}
	store_close(st);
	if (make_host_key(hostkey) != 0) {
		fprintf(stderr, "tongban: cannot create host key '%s'\n", hostkey);
		return 10;
	}
	/*
	 * A login that has no password hash (unknown, disabled, keys only) is
	 * checked against this one, so that every wrong password costs the
	 * same yescrypt work and takes the same time.
	 */
	if (getentropy(rnd, sizeof rnd) != 0)
		memset(rnd, 'x', sizeof rnd);
	{
		char pw[2 * sizeof rnd + 1];

		for (i = 0; i < (int)sizeof rnd; i++)
			snprintf(pw + 2 * i, 3, "%02x", rnd[i]);
		cf.dummy_hash = pw_hash(pw);
	}
	if (cf.dummy_hash == NULL) {
		fprintf(stderr, "tongban: cannot hash a password\n");
		return 10;
	}
	/* Inherited by every connection: POSIX record locks on it are per process. */
	cf.lock_fd = memfd_create("tongban-auth", MFD_CLOEXEC);
	if (cf.lock_fd < 0) {
		fprintf(stderr, "tongban: cannot create the login lock\n");
		return 10;
	}
	ssh_init();
	bind = ssh_bind_new();
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &zero);	/* PLATFORM 6 */
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDADDR, addr);
	ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDPORT, &port);
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_HOSTKEY, hostkey) != SSH_OK) {
		fprintf(stderr, "tongban: cannot use host key '%s': %s\n", hostkey, ssh_get_error(bind));
		return 10;
	}
	if (ssh_bind_listen(bind) != SSH_OK) {
		fprintf(stderr, "tongban: cannot listen on %s: %s\n", listen, ssh_get_error(bind));
		return 10;
	}
	/*
	 * PostgreSQL: every session process opens its own connection, so the
	 * server bounds them: a semaphore set of db_connections units, one
	 * taken per open connection (store_budget), LOGIN_UNITS of them kept
	 * for logins. 3 servers x 30 fit a stock max_connections of 100
	 * (README: Several servers on one PostgreSQL).
	 */
	if (store_is_pg(db)) {
		int logins = LOGIN_UNITS(cf.db_connections);

		semid = store_budget_create(cf.db_connections - logins, logins, &cause);
		if (semid < 0) {
			fprintf(stderr, "tongban: %s\n", cause);
			free(cause);
			return 10;
		}
		cf.budget = semid;
	}
	memset(&l, 0, sizeof l);
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) {
		store_budget_remove(semid);
		return 10;
	}
	l.status_rd = p[0];
	cf.status_wr = p[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (semid >= 0)
		logline("tongban listening on %s (database %s, at most %d connections to it)",
		    listen, db, cf.db_connections);
	else
		logline("tongban listening on %s (database %s)", listen, db);
	fprintf(stderr, "log in with: ssh -p %d LOGIN@%s\n", port,
	    strcmp(addr, "127.0.0.1") == 0 ? "localhost" : addr);
	fflush(stderr);

	while (!got_term) {
		struct pollfd pf[2];
		ssh_session s;
		char host[64], peer[64];
		pid_t pid;

		pf[0].fd = ssh_bind_get_fd(bind);
		pf[0].events = POLLIN;
		pf[1].fd = l.status_rd;
		pf[1].events = POLLIN;
		if (got_chld) {
			got_chld = 0;
			reap(&l);
		}
		if (poll(pf, 2, 1000) <= 0)
			continue;
		if (pf[1].revents & POLLIN) {
			pid_t who;
			size_t k;

			while (read(l.status_rd, &who, sizeof who) == sizeof who)
				for (k = 0; k < l.nkids; k++)
					if (l.kids[k].pid == who)
						l.kids[k].authed = 1;
		}
		if (!(pf[0].revents & POLLIN))
			continue;
		s = ssh_new();
		if (ssh_bind_accept(bind, s) != SSH_OK) {
			ssh_free(s);
			continue;
		}
		reap(&l);
		peer_of(ssh_get_fd(s), host, peer);
		if (count_preauth(&l, NULL) >= MAX_PREAUTH ||
		    count_preauth(&l, host) >= MAX_PREAUTH_ADDR || l.nkids >= MAX_SESSIONS) {
			/* Too many at once: drop without a word, before any work. */
			logline("refused connection from %s: %zu unauthenticated from it, %zu in all, "
			    "%zu sessions", peer, count_preauth(&l, host), count_preauth(&l, NULL),
			    l.nkids);
			close(ssh_get_fd(s));
			ssh_free(s);
			continue;
		}
		pid = fork();
		if (pid == 0) {
			signal(SIGCHLD, SIG_DFL);
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			close(l.status_rd);
			ssh_bind_free(bind);
			serve_connection(s, &cf);
			_exit(0);
		}
		if (pid > 0) {
			l.kids = xreallocarray(l.kids, l.nkids + 1, sizeof *l.kids);
			l.kids[l.nkids].pid = pid;
			l.kids[l.nkids].authed = 0;
			snprintf(l.kids[l.nkids].host, sizeof l.kids[l.nkids].host, "%s", host);
			l.nkids++;
		}
		/* The parent's copy: close the socket without sending anything. */
		close(ssh_get_fd(s));
		ssh_free(s);
	}
	logline("tongban stopping");
	store_budget_remove(semid);
	ssh_bind_free(bind);
	ssh_finalize();
	free(l.kids);
	free(cf.dummy_hash);
	close(cf.lock_fd);
	return 0;
}

/* One connection ---------------------------------------------------------------- */

enum mode { MODE_NONE, MODE_PTY, MODE_EXEC, MODE_SHELL_NOPTY };

struct conn {
	ssh_session s;
	ssh_channel ch;
	ssh_event ev;
	const struct conf *cf;
	const char *db;
	const char *listen;
	struct ssh_counter_struct rx;	/* bytes read from the peer's socket */
	char hint[128];		/* how to reach us: "-p 2222 clerk1@localhost" */
	struct store *st;
	char addr[64];
	char login[64];
	char method[16];
	int authed;
	int tries;
	enum mode mode;
	char term[64];
	int cols, rows;
	char *command;
	size_t cmd_len;		/* of the command line asked for */
	/* the child */
	pid_t pid;
	int master;		/* pty master, or -1 */
	int in_fd;		/* pipe to the child's stdin (exec) */
	int out_fd;		/* child's stdout (exec) */
	int err_fd;		/* child's stderr (exec) */
	int out_open, err_open;
	/* A terminal set to GB18030/GBK: the console speaks UTF-8 inside, and
	 * the session transcodes at its boundary. */
	int gbk;
	int user_gbk;		/* the user's encoding is GBK (read at login) */
	struct conv to_term;	/* UTF-8 to GB18030; keeps a cut character */
	struct conv from_term;	/* GB18030 to UTF-8; keeps a cut character */
	struct sb raw_out;	/* console output read, not yet converted */
	/* A GBK user's exec command: its output in GB18030 too (stderr's own
	 * stream state), unless the command names its own --encoding. */
	int gbk_exec;
	struct conv to_term_err;
	struct sb out;		/* to the client's stdout */
	struct sb err;		/* to the client's stderr */
	struct sb in;		/* to the child */
	int in_pending;		/* libssh holds input we had no room for */
	int in_dead;		/* the child stopped reading: input is dropped */
	int in_esc;		/* GBK keys: inside an escape sequence (conv_key_strays) */
	long long last_input;	/* ms clock of the client's last keystroke */
	long long flush_at;	/* ms clock when buffered output goes */
	int db_down;		/* the database could not be opened at login */
	int client_eof;
	int closed;
	struct ssh_channel_callbacks_struct chcb;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Disconnect so that the client reads the reason. Closing a socket that
 * still holds unread input (the client's next request, already on its way)
 * makes the kernel answer with a reset, and the client may lose the
 * disconnect message with it. So: keep a second descriptor, let libssh send
 * its message and close its own, then end our half and read until the
 * client closes (at most two seconds).
 */
static void
disconnect_gently(ssh_session s)
{
	int fd = dup(ssh_get_fd(s));
	char buf[4096];
	long long until;

	/*
	 * libssh writes a packet at once only when its poll loop has seen the
	 * socket writable since its last write; otherwise it queues it, and
	 * ssh_disconnect() then drops the queue with the socket. Called from an
	 * authentication callback that depends on the timing of the client's
	 * request. The socket has room at this point: say so, so that the
	 * message is written before the socket is closed.
	 */
	ssh_set_fd_towrite(s);
	ssh_disconnect(s);
	if (fd < 0)
		return;
	shutdown(fd, SHUT_WR);
	until = now_ms() + 2000;
	for (;;) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		long long left = until - now_ms();

		if (left <= 0 || poll(&pf, 1, (int)left) <= 0 || read(fd, buf, sizeof buf) <= 0)
			break;
	}
	close(fd);
}

/* The connection's own store, for authentication only. */
static struct store *
conn_store(struct conn *c)
{
	char *cause = NULL;

	if (c->st == NULL) {
		c->st = store_open(c->db, NULL, &cause);
		if (c->st == NULL) {
			logline("cannot open database: %s", cause);
			free(cause);
			c->db_down = 1;
		}
	}
	return c->st;
}

/* Close it: the next check opens it again, so that a login holds a
 * PostgreSQL connection (one of the server's few) only while it reads,
 * and one that cannot get one is told why (db_down). */
static void
conn_release(struct conn *c)
{
	store_close(c->st);
	c->st = NULL;
}

/*
 * The database cannot be opened (a full disk, say): no login can be
 * checked, and "Permission denied" would send the user after the wrong
 * problem. The client prints the disconnect message on its one line.
 */
static void
db_down(struct conn *c)
{
	char msg[160];

	if (store_budget_refused())
		snprintf(msg, sizeof msg, "tongban: all %d database connections of this server are "
		    "in use; try again", c->cf->db_connections);
	else
		snprintf(msg, sizeof msg, "tongban: the server cannot open its database (disk "
		    "full?); try again later");
	ssh_session_set_disconnect_message(c->s, msg);
	disconnect_gently(c->s);
}

/* The client's address without its port. */
static void
host_of(const char *addr, char out[64])
{
	const char *colon = strrchr(addr, ':');

	snprintf(out, 64, "%.*s", colon ? (int)(colon - addr) : (int)strlen(addr), addr);
}

/*
 * Password checks for one login, and those from one address, take turns:
 * the count of recent failures, the check and the new failure are one step,
 * so parallel guesses cannot all pass the throttle before any is counted.
 * The locks are POSIX record locks on the listener's memfd, one byte per
 * hash of the login and of the address; they go with the process.
 */
static off_t
lock_slot(const char *key, off_t base)
{
	unsigned h = 2166136261u;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return base + (off_t)(h % 65536);
}

static void
lock_byte(int fd, off_t at, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = at;
	fl.l_len = 1;
	while (fcntl(fd, type == F_UNLCK ? F_SETLK : F_SETLKW, &fl) != 0 && errno == EINTR)
		;
}

static void
auth_lock(struct conn *c, const char *login, short type)
{
	char host[64];
	off_t a, b;

	host_of(c->addr, host);
	a = lock_slot(login, 0);
	b = lock_slot(host, 65536);
	/* Always the lower first: two sessions never wait for each other. */
	lock_byte(c->cf->lock_fd, a, type);
	lock_byte(c->cf->lock_fd, b, type);
}

/* Too many failures lately for this login or from this address: refuse
 * without looking at the password. Call under auth_lock(). */
static int
throttled(struct conn *c, const char *login)
{
	struct store *st = conn_store(c);
	long by_login, by_addr;
	char host[64];

	if (st == NULL)
		return 0;
	host_of(c->addr, host);
	store_login_failures(st, login, host, (long long)time(NULL) - THROTTLE_WINDOW, &by_login,
	    &by_addr);
	if (by_login >= THROTTLE_LOGIN || by_addr >= THROTTLE_ADDR) {
		logline("throttled login %s from %s (%ld failures for the login, %ld from the "
		    "address in 15 minutes)", login, c->addr, by_login, by_addr);
		return 1;
	}
	return 0;
}

/* Count a failure in the store. Call under auth_lock(). */
static void
failure_add(struct conn *c, const char *login)
{
	char host[64];

	host_of(c->addr, host);
	if (conn_store(c) != NULL)
		store_login_failure_add(conn_store(c), login, host, (long long)time(NULL));
}

/* After a refusal, outside the lock: each one costs the client more time. */
static void
auth_delay(struct conn *c)
{
	conn_release(c);	/* no connection is held while the client waits */
	c->tries++;
	sleep((unsigned)(c->tries < 4 ? c->tries : 4));
	if (c->tries >= MAX_AUTH_TRIES)
		disconnect_gently(c->s);
}

/* A login name longer than any we store: refused before any lookup. */
static int
login_too_long(struct conn *c, const char *login)
{
	size_t n = strnlen(login, LOGIN_MAX);

	if (n < LOGIN_MAX && n < sizeof c->login)
		return 0;
	logline("refused a login name of more than %d bytes from %s: %.32s...", LOGIN_MAX - 1,
	    c->addr, login);
	return 1;
}

static int
check_password(ssh_session s, const char *login, const char *password, void *ud)
{
	struct conn *c = ud;
	struct user u;
	char *hash = NULL;
	int ok = 0, known = 0;

	(void)s;
	if (login_too_long(c, login)) {
		pw_check(password, c->cf->dummy_hash);
		auth_delay(c);
		return SSH_AUTH_DENIED;
	}
	auth_lock(c, login, F_WRLCK);
	if (conn_store(c) == NULL) {
		auth_lock(c, login, F_UNLCK);
		db_down(c);
		return SSH_AUTH_DENIED;
	}
	if (throttled(c, login)) {
		auth_lock(c, login, F_UNLCK);
		/* the same work and the same delay as a wrong password */
		pw_check(password, c->cf->dummy_hash);
		auth_delay(c);
		return SSH_AUTH_DENIED;
	}
	/*
	 * Unknown, disabled and password-less logins are checked against the
	 * dummy hash: the same work as a wrong password for a real user, so
	 * the time taken does not tell which logins exist.
	 */
	if (store_user_get(c->st, login, &u) == 0) {
		known = !u.disabled;
		c->user_gbk = u.encoding && strcmp(u.encoding, "gbk") == 0;
		user_release(&u);
	}
	if (known && (store_user_pwhash(c->st, login, &hash) != 0 || hash == NULL ||
	    hash[0] != '$'))
		known = 0;
	ok = pw_check(password, known ? hash : c->cf->dummy_hash) && known;
	free(hash);
	if (!ok)
		failure_add(c, login);
	auth_lock(c, login, F_UNLCK);
	if (!ok) {
		logline("failed login %s from %s (password)", login, c->addr);
		auth_delay(c);
		return SSH_AUTH_DENIED;
	}
	snprintf(c->login, sizeof c->login, "%s", login);
	snprintf(c->method, sizeof c->method, "password");
	c->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
check_pubkey(ssh_session s, const char *login, struct ssh_key_struct *key,
    char state, void *ud)
{
	struct conn *c = ud;
	char *b64 = NULL;
	const char *type = ssh_key_type_to_char(ssh_key_type(key));
	struct user u;
	int known = 0, locked = 0;

	(void)s;
	if (login_too_long(c, login)) {
		if (state == SSH_PUBLICKEY_STATE_VALID)
			auth_delay(c);
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		auth_lock(c, login, F_WRLCK);
		locked = 1;
	}
	if (conn_store(c) == NULL) {
		if (locked)
			auth_lock(c, login, F_UNLCK);
		db_down(c);
		return SSH_AUTH_DENIED;
	}
	if (locked && throttled(c, login)) {
		auth_lock(c, login, F_UNLCK);
		auth_delay(c);
		return SSH_AUTH_DENIED;
	}
	if (type != NULL && store_user_get(c->st, login, &u) == 0) {
		known = !u.disabled;
		c->user_gbk = u.encoding && strcmp(u.encoding, "gbk") == 0;
		user_release(&u);
	}
	if (known && ssh_pki_export_pubkey_base64(key, &b64) == SSH_OK)
		known = store_key_has(c->st, login, type, b64) == 0;
	else
		known = 0;
	ssh_string_free_char(b64);
	/* An offered key that is not ours is not yet a failure. */
	if (!known && locked)
		failure_add(c, login);
	if (locked)
		auth_lock(c, login, F_UNLCK);
	if (!known) {
		if (state == SSH_PUBLICKEY_STATE_VALID) {
			logline("failed login %s from %s (publickey)", login, c->addr);
			auth_delay(c);
		}
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* "this key would do": sign with it */
	if (state != SSH_PUBLICKEY_STATE_VALID)
		return SSH_AUTH_DENIED;
	snprintf(c->login, sizeof c->login, "%s", login);
	snprintf(c->method, sizeof c->method, "publickey");
	c->authed = 1;
	return SSH_AUTH_SUCCESS;
}

/* The checks hold a database connection only while they read: a login
 * waits for the client between its steps (conn_release). */
static int
auth_password(ssh_session s, const char *login, const char *password, void *ud)
{
	int rc = check_password(s, login, password, ud);

	conn_release(ud);
	return rc;
}

static int
auth_pubkey(ssh_session s, const char *login, struct ssh_key_struct *key, char state,
    void *ud)
{
	int rc = check_pubkey(s, login, key, state, ud);

	conn_release(ud);
	return rc;
}

/* Keys from a GBK terminal, to the console in UTF-8: the byte a filter
 * such as luit leaves after Esc is dropped first (conv_key_strays). */
static void
gbk_keys(struct conn *c, const void *data, size_t n)
{
	char *tmp = xmalloc(n ? n : 1);

	size_t kept;

	memcpy(tmp, data, n);
	kept = conv_key_strays(&c->in_esc, tmp, n);
	conv_run(&c->from_term, tmp, kept, &c->in, CONV_REPLACE, NULL);
	/* The character is gone: the console says so (KEY_LOST_CHAR), so that
	 * the user types it again rather than miss it. */
	if (kept < n)
		sb_addc(&c->in, KEY_LOST_CHAR);
	free(tmp);
}

/*
 * Input from the client. Take only what fits in the buffer toward the
 * child and say so: libssh keeps the rest and, while it holds more than
 * half a window, stops granting the client more (back-pressure); the pump
 * fetches the rest with pull_input() as the child reads.
 */
static int
ch_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_stderr, void *ud)
{
	struct conn *c = ud;
	uint32_t take;

	(void)s;
	(void)ch;
	if (is_stderr || c->in_dead)
		return (int)len;	/* nothing reads it: consumed and dropped */
	take = c->in.len >= IN_MAX ? 0 : IN_MAX - c->in.len < len ? (uint32_t)(IN_MAX - c->in.len) :
	    len;
	c->in_pending = take < len;
	if (take == 0)
		return 0;
	c->last_input = now_ms();
	if (c->gbk && c->mode == MODE_PTY) {
		/* an invalid byte becomes '?': the session goes on */
		gbk_keys(c, data, take);
	} else
		sb_add(&c->in, data, take);
	return (int)take;
}

/* Fetch what libssh kept back, all at once, when there is room for it. */
static void
pull_input(struct conn *c)
{
	char *buf;
	int n, got;

	if (!c->in_pending)
		return;
	n = ssh_channel_poll(c->ch, 0);
	if (n <= 0) {
		c->in_pending = 0;
		return;
	}
	/*
	 * All of it or nothing: ssh_channel_read() grants the client a new
	 * window, which must wait until libssh's buffer is empty.
	 */
	if (!c->in_dead && c->in.len > 0 && c->in.len + (size_t)n > IN_MAX)
		return;
	buf = xmalloc((size_t)n);
	got = ssh_channel_read(c->ch, buf, (uint32_t)n, 0);
	if (got > 0 && !c->in_dead) {
		if (c->gbk && c->mode == MODE_PTY)
			gbk_keys(c, buf, (size_t)got);
		else
			sb_add(&c->in, buf, (size_t)got);
		c->last_input = now_ms();
	}
	free(buf);
	c->in_pending = ssh_channel_poll(c->ch, 0) > 0;
}

static int
ch_pty(ssh_session s, ssh_channel ch, const char *term, int cols, int rows,
    int px, int py, void *ud)
{
	struct conn *c = ud;

	(void)s; (void)ch; (void)px; (void)py;
	if (c->mode != MODE_NONE)
		return -1;
	snprintf(c->term, sizeof c->term, "%s", term && *term ? term : "vt100");
	c->cols = cols > 0 && cols < 1000 ? cols : 80;
	c->rows = rows > 0 && rows < 1000 ? rows : 24;
	c->mode = MODE_PTY;
	return 0;
}

static int
ch_shell(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s; (void)ch;
	if (c->mode == MODE_PTY && c->pid == 0 && c->command == NULL) {
		c->command = xstrdup("");
		return 0;
	}
	if (c->mode == MODE_NONE) {
		c->mode = MODE_SHELL_NOPTY;	/* PLATFORM 11: ssh -T without a command */
		c->command = xstrdup("");
		return 0;
	}
	return -1;
}

static int
ch_exec(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct conn *c = ud;

	(void)s; (void)ch;
	if (c->command != NULL)
		return -1;
	/* A command runs on pipes even when a pty was asked for (ssh -t host cmd). */
	c->mode = MODE_EXEC;
	/* An over-long line is accepted, to be refused with a message of its
	 * own: a refused request only makes the client say "exec failed". */
	c->cmd_len = strlen(command);
	c->command = xstrdup(c->cmd_len > CMD_MAX ? "" : command);
	return 0;
}

static int
ch_winch(ssh_session s, ssh_channel ch, int cols, int rows, int px, int py, void *ud)
{
	struct conn *c = ud;
	struct winsize ws;

	(void)s; (void)ch; (void)px; (void)py;
	c->cols = cols;
	c->rows = rows;
	if (c->master >= 0) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = (unsigned short)cols;
		ws.ws_row = (unsigned short)rows;
		ioctl(c->master, TIOCSWINSZ, &ws);	/* the kernel sends SIGWINCH */
	}
	return 0;
}

static int
ch_env(ssh_session s, ssh_channel ch, const char *name, const char *value, void *ud)
{
	(void)s; (void)ch; (void)name; (void)value; (void)ud;
	return 0;	/* accepted and ignored: the user's settings come from the store */
}

static void
ch_eof(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s; (void)ch;
	c->client_eof = 1;
}

static void
ch_close(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s; (void)ch;
	c->closed = 1;
}

static ssh_channel
open_session(ssh_session s, void *ud)
{
	struct conn *c = ud;

	if (!c->authed || c->ch != NULL)
		return NULL;
	c->ch = ssh_channel_new(s);
	memset(&c->chcb, 0, sizeof c->chcb);
	c->chcb.userdata = c;
	c->chcb.channel_data_function = ch_data;
	c->chcb.channel_pty_request_function = ch_pty;
	c->chcb.channel_shell_request_function = ch_shell;
	c->chcb.channel_exec_request_function = ch_exec;
	c->chcb.channel_pty_window_change_function = ch_winch;
	c->chcb.channel_env_request_function = ch_env;
	c->chcb.channel_eof_function = ch_eof;
	c->chcb.channel_close_function = ch_close;
	ssh_callbacks_init(&c->chcb);
	ssh_set_channel_callbacks(c->ch, &c->chcb);
	return c->ch;
}

/* Start the child: the console on a pty, or the command on pipes. */
static int
start_child(struct conn *c)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 }, slave = -1;
	struct winsize ws;
	pid_t pid;

	c->master = c->in_fd = c->out_fd = c->err_fd = -1;
	if (c->mode == MODE_PTY) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = (unsigned short)c->cols;
		ws.ws_row = (unsigned short)c->rows;
		if (openpty(&c->master, &slave, NULL, NULL, &ws) != 0)
			return -1;
	} else if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int rc;

		/* The session's connection comes out of the sessions' units. */
		store_budget(c->cf->budget, STORE_POOL_SESSION, c->cf->db_connections);
		/* PLATFORM 7: default dispositions and no inherited descriptors. */
		signal(SIGCHLD, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		alarm(0);
		if (c->mode == MODE_PTY) {
			close(c->master);
			if (login_tty(slave) != 0)
				_exit(10);
		} else {
			dup2(in[0], 0);
			dup2(out[1], 1);
			dup2(err[1], 2);
		}
		closefrom(3);
		if (c->mode == MODE_PTY) {
			setenv("TERM", c->term, 1);
			setenv("NCURSES_NO_UTF8_ACS", "1", 1);	/* PLATFORM 8 */
			setenv("LANG", "C.UTF-8", 1);
			setenv("TONGBAN_SSH_HINT", c->hint, 1);
			rc = console_main(c->db, c->login, c->addr);
		} else if (c->mode == MODE_SHELL_NOPTY) {
			fprintf(stderr, "tongban: this server has no shell; connect with a terminal "
			    "(ssh -t) for the console, or give a command (ssh host help)\n");
			rc = 1;
		} else if (c->cmd_len > CMD_MAX) {
			fprintf(stderr, "tongban: the command line is %zu bytes long; at most %d are "
			    "accepted\n", c->cmd_len, CMD_MAX);
			rc = EXIT_USAGE;
		} else
			rc = exec_command(c->db, c->login, c->addr, c->command);
		fflush(NULL);
		_exit(rc);
	}
	c->pid = pid;
	if (c->mode == MODE_PTY) {
		close(slave);
		fcntl(c->master, F_SETFL, O_NONBLOCK);
	} else {
		close(in[0]);
		close(out[1]);
		close(err[1]);
		c->in_fd = in[1];
		c->out_fd = out[0];
		c->err_fd = err[0];
		fcntl(c->in_fd, F_SETFL, O_NONBLOCK);
		fcntl(c->out_fd, F_SETFL, O_NONBLOCK);
		fcntl(c->err_fd, F_SETFL, O_NONBLOCK);
	}
	return 0;
}

/* Read what the child wrote; -1 at its end (EOF, or EIO on a pty). */
static int
drain(int fd, struct sb *to)
{
	char buf[16384];
	ssize_t n;

	while (to->len < OUT_MAX) {
		n = read(fd, buf, sizeof buf);
		if (n > 0) {
			sb_add(to, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		return -1;
	}
	return 0;
}

/* Send as much buffered output as the channel's window allows (PLATFORM 3). */
static void
flush_out(struct conn *c, struct sb *b, int is_err)
{
	while (b->len > 0 && !c->closed) {
		uint32_t win = ssh_channel_window_size(c->ch);
		size_t n = b->len < win ? b->len : win;
		int w;

		if (n == 0)
			return;
		w = is_err ? ssh_channel_write_stderr(c->ch, b->buf, (uint32_t)n) :
		    ssh_channel_write(c->ch, b->buf, (uint32_t)n);
		if (w <= 0)
			return;
		memmove(b->buf, b->buf + w, b->len - (size_t)w);
		b->len -= (size_t)w;
		b->buf[b->len] = '\0';
	}
}

/* Write what the child can take now; never blocks (the fds are O_NONBLOCK). */
static void
feed_child(struct conn *c)
{
	int fd = c->master >= 0 ? c->master : c->in_fd;
	size_t off = 0;
	ssize_t n;

	if (fd < 0)
		return;
	while (off < c->in.len) {
		n = write(fd, c->in.buf + off, c->in.len - off);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && c->master < 0) {
			/* EPIPE: the command ended without reading it all, which is its right */
			c->in_dead = 1;
			off = c->in.len;
		}
		break;
	}
	if (off > 0) {
		memmove(c->in.buf, c->in.buf + off, c->in.len - off);
		c->in.len -= off;
		c->in.buf[c->in.len] = '\0';
	}
}

static int
on_child_input(socket_t fd, int revents, void *ud)
{
	(void)fd;
	(void)revents;
	feed_child(ud);
	return 0;
}

static int
on_child_output(socket_t fd, int revents, void *ud)
{
	struct conn *c = ud;
	int is_err = fd == c->err_fd;
	struct sb *b = is_err ? &c->err : &c->out;

	(void)revents;
	if (b->len == 0)
		c->flush_at = now_ms() + COALESCE_MS;
	if (c->gbk_exec) {
		struct sb raw = SB_INIT;
		int end = drain(fd, &raw);

		conv_run(is_err ? &c->to_term_err : &c->to_term, raw.buf ? raw.buf : "", raw.len, b,
		    CONV_REPLACE, NULL);
		sb_release(&raw);
		if (end < 0) {
			conv_finish(is_err ? &c->to_term_err : &c->to_term, b, CONV_REPLACE, NULL);
			if (is_err)
				c->err_open = 0;
			else
				c->out_open = 0;
		}
		return 0;
	}
	if (c->gbk && !is_err && c->mode == MODE_PTY) {
		int end = drain(fd, &c->raw_out);
		struct sb narrow = SB_INIT;
		size_t took;

		/* One-column stand-ins for the symbols a GBK terminal draws two
		 * columns wide; a character cut by the read waits for its rest. */
		took = conv_narrow(c->raw_out.buf, c->raw_out.len, &narrow);
		if (end < 0) {
			sb_add(&narrow, c->raw_out.buf + took, c->raw_out.len - took);
			took = c->raw_out.len;
		}
		conv_run(&c->to_term, narrow.buf ? narrow.buf : "", narrow.len, b, CONV_REPLACE, NULL);
		sb_release(&narrow);
		if (c->raw_out.len > took)
			memmove(c->raw_out.buf, c->raw_out.buf + took, c->raw_out.len - took);
		c->raw_out.len -= took;
		if (c->raw_out.buf)
			c->raw_out.buf[c->raw_out.len] = '\0';
		if (end < 0)
			c->out_open = 0;
		return 0;
	}
	if (drain(fd, b) < 0) {
		if (is_err)
			c->err_open = 0;
		else
			c->out_open = 0;
	}
	return 0;
}

/* Keep the child's descriptors polled exactly while there is room for more. */
static void
watch(struct conn *c, int fd, int open, size_t buffered, int *watched)
{
	int want = fd >= 0 && open && buffered < OUT_MAX;

	if (want && !*watched)
		ssh_event_add_fd(c->ev, fd, POLLIN, on_child_output, c);
	else if (!want && *watched)
		ssh_event_remove_fd(c->ev, fd);
	*watched = want;
}

/*
 * Wait for the child for at most secs seconds, then kill it. A console that
 * is told to hang up saves its drafts first; one that is stuck (a write to a
 * terminal stopped with Ctrl-S, a long query) does not hold the session.
 */
static int
reap_child(pid_t pid, int secs)
{
	int status = 0, i;
	pid_t r;

	for (i = 0; i < secs * 20; i++) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return status;
		usleep(50000);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static void
pump(struct conn *c)
{
	int status = 0, hup_sent = 0, out_w = 0, err_w = 0, in_w = 0, stalled = 0, idle = 0;
	int out_fd = c->master >= 0 ? c->master : c->out_fd, missed = 0, lost = 0;
	long long ka_ms = (long long)c->cf->keepalive_s * 1000, idle_ms = 0;
	long long heard = now_ms(), idle_at = 0;
	uint64_t seen = c->rx.in_bytes;

	if (c->mode == MODE_PTY)
		idle_ms = (long long)c->cf->idle_s * 1000;
	c->last_input = now_ms();
	/* From here on no libssh call waits for the peer: one that is gone
	 * (Ctrl-S and a dropped link) must not hold the session. */
	ssh_set_blocking(c->s, 0);
	c->out_open = 1;
	c->err_open = c->err_fd >= 0;
	while (!c->closed && (c->out_open || c->err_open || c->out.len || c->err.len)) {
		int timeout = 1000;
		long long now;

		pull_input(c);
		feed_child(c);
		pull_input(c);
		if (c->client_eof && c->in.len == 0 && !c->in_pending) {
			if (c->mode == MODE_PTY && !hup_sent) {
				kill(c->pid, SIGHUP);	/* PLATFORM 10: EOF on a pty is a hang-up */
				hup_sent = 1;
			} else if (c->in_fd >= 0) {
				if (in_w)
					ssh_event_remove_fd(c->ev, c->in_fd);
				in_w = 0;
				close(c->in_fd);
				c->in_fd = -1;
			}
		}
		if (c->in_dead && c->in_fd >= 0) {
			if (in_w)
				ssh_event_remove_fd(c->ev, c->in_fd);
			in_w = 0;
			close(c->in_fd);
			c->in_fd = -1;
		}
		watch(c, out_fd, c->out_open, c->out.len, &out_w);
		watch(c, c->err_fd, c->err_open, c->err.len, &err_w);
		/* the child's stdin pipe, polled for room while input waits */
		if (c->in_fd >= 0 && c->in.len > 0 && !in_w) {
			ssh_event_add_fd(c->ev, c->in_fd, POLLOUT, on_child_input, c);
			in_w = 1;
		} else if (in_w && c->in.len == 0) {
			ssh_event_remove_fd(c->ev, c->in_fd);
			in_w = 0;
		}
		if (c->out.len || c->err.len) {
			long long wait = c->flush_at - now_ms();

			timeout = stalled ? 50 : wait < 0 ? 0 : (int)wait;
		}
		if (c->master >= 0 && c->in.len > 0 && timeout > 20)
			timeout = 20;	/* the master is polled for reading only */
		ssh_event_dopoll(c->ev, timeout);
		now = now_ms();
		/* A client that vanished without a close ends the session too. */
		if (!ssh_is_connected(c->s) || ssh_channel_is_closed(c->ch)) {
			c->closed = 1;
			lost = !ssh_is_connected(c->s);
		}
		/* SSH keepalive: an idle peer must answer; one that does not is gone. */
		if (c->rx.in_bytes != seen) {
			seen = c->rx.in_bytes;
			heard = now;
			missed = 0;
		} else if (ka_ms > 0 && now - heard >= ka_ms * (missed + 1) && !c->closed) {
			if (missed >= KEEPALIVE_COUNT) {
				logline("no answer from %s to %d keepalives: session dropped", c->addr,
				    missed);
				c->closed = 1;
				lost = 1;
			} else {
				ssh_send_keepalive(c->s);
				missed++;
			}
		}
		if (idle_ms > 0 && !idle && now - c->last_input >= idle_ms) {
			logline("idle timeout for %s from %s after %d s", c->login, c->addr,
			    c->cf->idle_s);
			kill(c->pid, SIGHUP);	/* the console saves its drafts and ends */
			idle = 1;
			idle_at = now;
		} else if (idle && now - idle_at > REAP_SECONDS * 1000)
			c->closed = 1;	/* it did not: treated as a dropped session */
		if ((c->out.len || c->err.len) && (now >= c->flush_at || !c->out_open ||
		    c->out.len >= OUT_MAX / 2)) {
			flush_out(c, &c->out, 0);
			flush_out(c, &c->err, 1);
			stalled = c->out.len || c->err.len;	/* the window is full */
		}
	}
	watch(c, out_fd, 0, 0, &out_w);
	watch(c, c->err_fd, 0, 0, &err_w);
	if (in_w)
		ssh_event_remove_fd(c->ev, c->in_fd);
	if (c->in_fd >= 0)
		close(c->in_fd);
	c->in_fd = -1;
	if (c->closed) {
		/* Nobody reads any more: hang up the terminal first, so that a
		 * console blocked writing to it gets EIO, then reap within bounds. */
		if (c->master >= 0)
			close(c->master);
		c->master = -1;
		kill(c->pid, SIGHUP);
		status = reap_child(c->pid, REAP_SECONDS);
		if (lost)
			logline("connection from %s lost", c->addr);
		return;
	}
	/* PLATFORM 4: reap the child before exit-status, EOF and close; keep
	 * listening, so that a link that drops meanwhile is noticed. */
	while (waitpid(c->pid, &status, WNOHANG) == 0) {
		ssh_event_dopoll(c->ev, 100);
		if (!ssh_is_connected(c->s) || ssh_channel_is_closed(c->ch)) {
			c->closed = 1;
			if (c->master >= 0)
				close(c->master);
			c->master = -1;
			kill(c->pid, SIGHUP);
			reap_child(c->pid, REAP_SECONDS);
			return;
		}
	}
	if (c->master >= 0)
		close(c->master);
	c->master = -1;
	if (idle) {
		char msg[128];
		int n = snprintf(msg, sizeof msg, "\r\ntongban: no input for %d minutes; session "
		    "closed (drafts are kept)\r\n", c->cf->idle_s / 60);

		ssh_channel_write_stderr(c->ch, msg, (uint32_t)n);
	}
	if (WIFEXITED(status))
		ssh_channel_request_send_exit_status(c->ch, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		ssh_channel_request_send_exit_signal(c->ch,
		    WTERMSIG(status) == SIGHUP ? "HUP" : WTERMSIG(status) == SIGKILL ?
		    "KILL" : "TERM", 0, "", "");
	ssh_channel_send_eof(c->ch);
	ssh_channel_close(c->ch);
	/* Wait for the client's close so nothing queued is lost. */
	for (int k = 0; k < 50 && !c->closed && ssh_is_connected(c->s); k++) {
		ssh_event_dopoll(c->ev, 100);
	}
	/* nonblocking: give what libssh still queues a last chance to go */
	for (int k = 0; k < 20 && ssh_is_connected(c->s) && (ssh_get_poll_flags(c->s) &
	    SSH_WRITE_PENDING); k++)
		ssh_event_dopoll(c->ev, 50);
}

static void
serve_connection(ssh_session s, const struct conf *cf)
{
	struct ssh_server_callbacks_struct cb;
	struct conn c;
	long long t0;
	int one = 1, fd = ssh_get_fd(s), k, compress = cf->compress;
	int idle = 60, intvl = 15, cnt = 4;
	unsigned int user_timeout = 120000;
	long timeout = 10;
	pid_t me = getpid();
	char host[64];

	memset(&c, 0, sizeof c);
	store_budget(cf->budget, STORE_POOL_LOGIN, cf->db_connections);
	c.s = s;
	c.cf = cf;
	c.db = cf->db;
	c.listen = cf->listen;
	c.master = c.in_fd = c.out_fd = c.err_fd = -1;
	sb_init(&c.out);
	sb_init(&c.err);
	sb_init(&c.in);
	sb_init(&c.raw_out);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);	/* PLATFORM 1 */
	/*
	 * A peer that vanishes without a word (a dropped link, a sleeping
	 * laptop): TCP keepalive finds it after about two idle minutes, and
	 * TCP_USER_TIMEOUT bounds how long sent data may stay unacknowledged.
	 */
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout, sizeof user_timeout);
	peer_of(fd, host, c.addr);
	ssh_set_counters(s, &c.rx, NULL);
	alarm((unsigned)cf->grace_s);	/* PLATFORM 2: bound the whole login phase */
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	/* PLATFORM 12: offering only zlib@openssh.com makes every client compress. */
	ssh_options_set(s, SSH_OPTIONS_COMPRESSION_C_S, compress ? "zlib@openssh.com" : "none");
	ssh_options_set(s, SSH_OPTIONS_COMPRESSION_S_C, compress ? "zlib@openssh.com" : "none");
	/*
	 * Short algorithm lists: every list is sent in the server's first
	 * packet, so offering only modern algorithms saves ~800 bytes per login
	 * on a slow link (docs/PERFORMANCE.md: bytes on the wire).
	 */
	ssh_options_set(s, SSH_OPTIONS_KEY_EXCHANGE, "curve25519-sha256,curve25519-sha256@libssh.org,"
	    "ecdh-sha2-nistp256");
	ssh_options_set(s, SSH_OPTIONS_HOSTKEYS, "ssh-ed25519");
	ssh_options_set(s, SSH_OPTIONS_CIPHERS_C_S, "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes128-ctr");
	ssh_options_set(s, SSH_OPTIONS_CIPHERS_S_C, "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes128-ctr");
	ssh_options_set(s, SSH_OPTIONS_HMAC_C_S, "hmac-sha2-256-etm@openssh.com,hmac-sha2-256");
	ssh_options_set(s, SSH_OPTIONS_HMAC_S_C, "hmac-sha2-256-etm@openssh.com,hmac-sha2-256");
	memset(&cb, 0, sizeof cb);
	cb.userdata = &c;
	cb.auth_password_function = auth_password;
	cb.auth_pubkey_function = auth_pubkey;
	cb.channel_open_request_session_function = open_session;
	ssh_callbacks_init(&cb);
	ssh_set_server_callbacks(s, &cb);
	if (ssh_handle_key_exchange(s) != SSH_OK)
		goto out;
	ssh_set_auth_methods(s, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_PUBLICKEY);
	c.ev = ssh_event_new();
	ssh_event_add_session(c.ev, s);
	/* Authentication, the channel and its request, within the alarm. */
	for (k = 0; (c.ch == NULL || c.command == NULL) && !c.closed; k++) {
		if (ssh_event_dopoll(c.ev, 1000) == SSH_ERROR || !ssh_is_connected(s))
			goto out;
	}
	if (c.closed)
		goto out;
	alarm(0);
	/* If this write fails the listener only miscounts unauthenticated peers. */
	(void)!write(cf->status_wr, &me, sizeof me);
	close(cf->status_wr);
	{
		const char *colon = strrchr(c.listen, ':');
		int hostlen = colon ? (int)(colon - c.listen) : 0;

		if (colon == NULL || strncmp(c.listen, "127.0.0.1", 9) == 0 ||
		    strncmp(c.listen, "0.0.0.0", 7) == 0)
			snprintf(c.hint, sizeof c.hint, "-p %s %s@localhost", colon ? colon + 1 : "22",
			    c.login);
		else
			snprintf(c.hint, sizeof c.hint, "-p %s %s@%.*s", colon + 1, c.login, hostlen,
			    c.listen);
	}
	logline("login %s from %s (%s, %s)", c.login, c.addr, c.method,
	    c.mode == MODE_PTY ? "console" : c.mode == MODE_EXEC ? "exec" : "no pty");
	t0 = now_ms();
	{
		/* the user's encoding, read by the successful check */
		c.gbk = c.user_gbk;
		if (c.gbk) {
			int to = conv_open(&c.to_term, "UTF-8", "GB18030");
			int from = conv_open(&c.from_term, "GB18030", "UTF-8");

			if (to != 0 || from != 0) {
				conv_close(&c.to_term);
				conv_close(&c.from_term);
				c.gbk = 0;
			}
		}
		if (c.gbk && c.mode == MODE_EXEC) {
			/* The command as a GBK terminal typed it; one that is valid
			 * UTF-8 already (a script on a UTF-8 machine) stays. */
			struct conv cv;
			struct sb u8 = SB_INIT;

			if (!utf8_valid(c.command, strlen(c.command)) &&
			    conv_open(&cv, "GB18030", "UTF-8") == 0) {
				conv_string(&cv, c.command, strlen(c.command), &u8, CONV_REPLACE, NULL);
				conv_close(&cv);
				free(c.command);
				c.command = sb_detach(&u8);
			}
			sb_release(&u8);
			/* Its output in the user's encoding, unless it names its own. */
			if (strstr(c.command, "--encoding") == NULL &&
			    conv_open(&c.to_term_err, "UTF-8", "GB18030") == 0)
				c.gbk_exec = 1;
		}
	}
	/*
	 * Close our connection before forking: SQLite keeps per-process lock
	 * state that a child must not inherit alongside its own connection.
	 */
	store_close(c.st);
	c.st = NULL;
	if (start_child(&c) != 0) {
		ssh_channel_write_stderr(c.ch, "tongban: cannot start the session\n", 34);
		ssh_channel_request_send_exit_status(c.ch, 10);
		ssh_channel_close(c.ch);
		ssh_blocking_flush(s, 2000);	/* the message, before the disconnect */
		goto out;
	}
	pump(&c);
	logline("logout %s from %s after %.1f s", c.login, c.addr, (double)(now_ms() - t0) / 1000);
out:
	store_close(c.st);
	if (c.ev)
		ssh_event_free(c.ev);
	ssh_disconnect(s);
	ssh_free(s);
	free(c.command);
	sb_release(&c.out);
	sb_release(&c.err);
	sb_release(&c.in);
	sb_release(&c.raw_out);
	if (c.gbk_exec)
		conv_close(&c.to_term_err);
	if (c.gbk) {
		conv_close(&c.to_term);
		conv_close(&c.from_term);
	}
}
