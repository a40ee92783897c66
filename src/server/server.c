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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
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
#include "store.h"
#include "util.h"

#define LOGIN_TIMEOUT 30	/* seconds from accept to an open session */
#define MAX_PREAUTH 32		/* connections not yet authenticated */
#define MAX_SESSIONS 1000
#define MAX_AUTH_TRIES 6
#define THROTTLE_WINDOW 900	/* seconds: failures counted over 15 minutes */
#define THROTTLE_LOGIN 10	/* failures for one login in the window */
#define THROTTLE_ADDR 30	/* failures from one address in the window */
#define OUT_MAX 65536		/* bytes buffered toward the client */
#define COALESCE_MS 2		/* PLATFORM 5: one packet per screen */

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

static void
logline(const char *fmt, ...)
{
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	va_list ap;

	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "%s ", when);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

struct child {
	pid_t pid;
	int authed;
};

struct listener {
	struct child *kids;
	size_t nkids;
	int status_rd;		/* children write their pid once authenticated */
	int status_wr;
};

static size_t
count_preauth(const struct listener *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->nkids; i++)
		n += !l->kids[i].authed;
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
	int rc;

	if (stat(path, &sb) == 0)
		return 0;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
		return -1;
	/* Written under a restrictive umask, then forced to 0600 anyway. */
	mode_t old = umask(077);
	rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
	umask(old);
	ssh_key_free(key);
	if (rc != SSH_OK)
		return -1;
	chmod(path, 0600);
	logline("created host key %s", path);
	return 0;
}

static void serve_connection(ssh_session s, const char *db, const char *listen, int status_wr,
    int compress);

int
server_main(const char *db, int argc, char **argv)
{
	const char *listen = "127.0.0.1:2222", *hostkey = NULL;
	char addr[256], *colon, keypath[4096];
	struct listener l;
	struct sigaction sa;
	struct store *st;
	char *cause = NULL;
	ssh_bind bind;
	int i, port, zero = 0, compress = 1, p[2];

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else if (strcmp(argv[i], "--host-key") == 0 && i + 1 < argc)
			hostkey = argv[++i];
		else if (strcmp(argv[i], "--no-compression") == 0)
			compress = 0;
		else {
			fprintf(stderr, "usage: tongban serve --db PATH [--listen ADDR:PORT] "
			    "[--host-key PATH] [--no-compression]\n");
			return 1;
		}
	}
	snprintf(addr, sizeof addr, "%s", listen);
	colon = strrchr(addr, ':');
	if (colon == NULL || (port = atoi(colon + 1)) <= 0 || port > 65535) {
		fprintf(stderr, "tongban: --listen: expected ADDR:PORT, not '%s'\n", listen);
		return 1;
	}
	*colon = '\0';
	if (hostkey == NULL) {
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
	memset(&l, 0, sizeof l);
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return 10;
	l.status_rd = p[0];
	l.status_wr = p[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	logline("tongban listening on %s (database %s)", listen, db);
	fprintf(stderr, "log in with: ssh -p %d LOGIN@%s\n", port,
	    strcmp(addr, "127.0.0.1") == 0 ? "localhost" : addr);
	fflush(stderr);

	while (!got_term) {
		struct pollfd pf[2];
		ssh_session s;
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
		if (count_preauth(&l) >= MAX_PREAUTH || l.nkids >= MAX_SESSIONS) {
			/* Too many at once: drop without a word, before any work. */
			logline("refused connection: %zu unauthenticated, %zu in all",
			    count_preauth(&l), l.nkids);
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
			serve_connection(s, db, listen, l.status_wr, compress);
			_exit(0);
		}
		if (pid > 0) {
			l.kids = xreallocarray(l.kids, l.nkids + 1, sizeof *l.kids);
			l.kids[l.nkids].pid = pid;
			l.kids[l.nkids].authed = 0;
			l.nkids++;
		}
		/* The parent's copy: close the socket without sending anything. */
		close(ssh_get_fd(s));
		ssh_free(s);
	}
	logline("tongban stopping");
	ssh_bind_free(bind);
	ssh_finalize();
	free(l.kids);
	return 0;
}

/* One connection ---------------------------------------------------------------- */

enum mode { MODE_NONE, MODE_PTY, MODE_EXEC, MODE_SHELL_NOPTY };

struct conn {
	ssh_session s;
	ssh_channel ch;
	ssh_event ev;
	const char *db;
	const char *listen;
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
	struct conv to_term;	/* UTF-8 to GB18030; keeps a cut character */
	struct conv from_term;	/* GB18030 to UTF-8; keeps a cut character */
	struct sb raw_out;	/* console output read, not yet converted */
	struct sb out;		/* to the client's stdout */
	struct sb err;		/* to the client's stderr */
	struct sb in;		/* to the child */
	long long flush_at;	/* ms clock when buffered output goes */
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
		}
	}
	return c->st;
}

static int
user_ok(struct conn *c, const char *login)
{
	struct store *st = conn_store(c);
	struct user u;
	int ok;

	if (st == NULL || store_user_get(st, login, &u) != 0)
		return 0;
	ok = !u.disabled;
	user_release(&u);
	return ok;
}

/* The client's address without its port. */
static void
host_of(const char *addr, char out[64])
{
	const char *colon = strrchr(addr, ':');

	snprintf(out, 64, "%.*s", colon ? (int)(colon - addr) : (int)strlen(addr), addr);
}

/* Too many failures lately for this login or from this address: refuse
 * without even looking at the password. */
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

static void
auth_failed(struct conn *c, const char *login, const char *method)
{
	char host[64];

	c->tries++;
	logline("failed login %s from %s (%s)", login, c->addr, method);
	host_of(c->addr, host);
	if (conn_store(c) != NULL)
		store_login_failure_add(conn_store(c), login, host, (long long)time(NULL));
	/* Throttle guessing: each failure costs the client more time. */
	sleep((unsigned)(c->tries < 4 ? c->tries : 4));
	if (c->tries >= MAX_AUTH_TRIES)
		ssh_disconnect(c->s);
}

static int
auth_password(ssh_session s, const char *login, const char *password, void *ud)
{
	struct conn *c = ud;
	char *hash = NULL;
	int ok = 0;

	(void)s;
	if (throttled(c, login)) {
		sleep(2);
		return SSH_AUTH_DENIED;
	}
	if (strlen(login) < sizeof c->login && user_ok(c, login) &&
	    store_user_pwhash(conn_store(c), login, &hash) == 0)
		ok = pw_check(password, hash);
	free(hash);
	if (!ok) {
		auth_failed(c, login, "password");
		return SSH_AUTH_DENIED;
	}
	snprintf(c->login, sizeof c->login, "%s", login);
	snprintf(c->method, sizeof c->method, "password");
	c->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session s, const char *login, struct ssh_key_struct *key,
    char state, void *ud)
{
	struct conn *c = ud;
	char *b64 = NULL;
	const char *type = ssh_key_type_to_char(ssh_key_type(key));
	int known = 0;

	(void)s;
	if (state == SSH_PUBLICKEY_STATE_VALID && throttled(c, login))
		return SSH_AUTH_DENIED;
	if (type != NULL && strlen(login) < sizeof c->login && user_ok(c, login) &&
	    ssh_pki_export_pubkey_base64(key, &b64) == SSH_OK)
		known = store_key_has(conn_store(c), login, type, b64) == 0;
	ssh_string_free_char(b64);
	if (!known) {
		/* An offered key that is not ours is not yet a failure. */
		if (state == SSH_PUBLICKEY_STATE_VALID)
			auth_failed(c, login, "publickey");
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

static int
ch_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_stderr, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	(void)is_stderr;
	/* Keys typed ahead are kept, never dropped; the child gets them in order. */
	if (c->in.len >= 1 << 20)
		return (int)len;
	if (c->gbk && c->mode == MODE_PTY) {
		/* an invalid byte becomes '?': the session goes on */
		conv_run(&c->from_term, data, len, &c->in, CONV_REPLACE, NULL);
	} else
		sb_add(&c->in, data, len);
	return (int)len;
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
	if (c->command != NULL || strlen(command) > 8192)
		return -1;
	/* A command runs on pipes even when a pty was asked for (ssh -t host cmd). */
	c->mode = MODE_EXEC;
	c->command = xstrdup(command);
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

static void
feed_child(struct conn *c)
{
	int fd = c->master >= 0 ? c->master : c->in_fd;
	ssize_t n;

	if (fd < 0)
		return;
	while (c->in.len > 0) {
		n = write(fd, c->in.buf, c->in.len);
		if (n <= 0)
			return;
		memmove(c->in.buf, c->in.buf + n, c->in.len - (size_t)n);
		c->in.len -= (size_t)n;
		c->in.buf[c->in.len] = '\0';
	}
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
	if (c->gbk && !is_err && c->mode == MODE_PTY) {
		int end = drain(fd, &c->raw_out);

		conv_run(&c->to_term, c->raw_out.buf, c->raw_out.len, b, CONV_REPLACE, NULL);
		sb_reset(&c->raw_out);
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

static void
pump(struct conn *c)
{
	int status = 0, hup_sent = 0, out_w = 0, err_w = 0, stalled = 0;
	int out_fd = c->master >= 0 ? c->master : c->out_fd;

	c->out_open = 1;
	c->err_open = c->err_fd >= 0;
	while (!c->closed && (c->out_open || c->err_open || c->out.len || c->err.len)) {
		int timeout = 1000;

		feed_child(c);
		if (c->client_eof && c->in.len == 0) {
			if (c->mode == MODE_PTY && !hup_sent) {
				kill(c->pid, SIGHUP);	/* PLATFORM 10: EOF on a pty is a hang-up */
				hup_sent = 1;
			} else if (c->in_fd >= 0) {
				close(c->in_fd);
				c->in_fd = -1;
			}
		}
		watch(c, out_fd, c->out_open, c->out.len, &out_w);
		watch(c, c->err_fd, c->err_open, c->err.len, &err_w);
		if (c->out.len || c->err.len) {
			long long wait = c->flush_at - now_ms();

			timeout = stalled ? 50 : wait < 0 ? 0 : (int)wait;
		}
		ssh_event_dopoll(c->ev, timeout);
		/* A client that vanished without a close ends the session too. */
		if (!ssh_is_connected(c->s) || ssh_channel_is_closed(c->ch))
			c->closed = 1;
		if ((c->out.len || c->err.len) && (now_ms() >= c->flush_at || !c->out_open ||
		    c->out.len >= OUT_MAX / 2)) {
			flush_out(c, &c->out, 0);
			flush_out(c, &c->err, 1);
			stalled = c->out.len || c->err.len;	/* the window is full */
		}
	}
	watch(c, out_fd, 0, 0, &out_w);
	watch(c, c->err_fd, 0, 0, &err_w);
	/* PLATFORM 4: reap the child before exit-status, EOF and close. */
	if (c->closed)
		kill(c->pid, SIGHUP);
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!c->closed) {
		if (WIFEXITED(status))
			ssh_channel_request_send_exit_status(c->ch, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			ssh_channel_request_send_exit_signal(c->ch,
			    WTERMSIG(status) == SIGHUP ? "HUP" : WTERMSIG(status) == SIGKILL ?
			    "KILL" : "TERM", 0, "", "");
		ssh_channel_send_eof(c->ch);
		ssh_channel_close(c->ch);
		/* Wait for the client's close so nothing queued is lost. */
		for (int k = 0; k < 50 && !c->closed && ssh_is_connected(c->s); k++)
			ssh_event_dopoll(c->ev, 100);
	}
}

static void
serve_connection(ssh_session s, const char *db, const char *listen, int status_wr, int compress)
{
	struct ssh_server_callbacks_struct cb;
	struct sockaddr_storage sa;
	socklen_t salen = sizeof sa;
	struct conn c;
	long long t0;
	int one = 1, fd = ssh_get_fd(s), k;
	long timeout = 10;
	pid_t me = getpid();

	memset(&c, 0, sizeof c);
	c.s = s;
	c.db = db;
	c.listen = listen;
	c.master = c.in_fd = c.out_fd = c.err_fd = -1;
	sb_init(&c.out);
	sb_init(&c.err);
	sb_init(&c.in);
	sb_init(&c.raw_out);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);	/* PLATFORM 1 */
	snprintf(c.addr, sizeof c.addr, "?");
	if (getpeername(fd, (struct sockaddr *)&sa, &salen) == 0) {
		char host[INET6_ADDRSTRLEN] = "?";
		int port = 0;

		if (sa.ss_family == AF_INET) {
			struct sockaddr_in *in = (struct sockaddr_in *)&sa;

			inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
			port = ntohs(in->sin_port);
		} else if (sa.ss_family == AF_INET6) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&sa;

			inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
			port = ntohs(in6->sin6_port);
		}
		snprintf(c.addr, sizeof c.addr, "%s:%d", host, port);
	}
	alarm(LOGIN_TIMEOUT);	/* PLATFORM 2: bound the whole login phase */
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
	(void)!write(status_wr, &me, sizeof me);
	close(status_wr);
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
		struct user u;

		if (conn_store(&c) && store_user_get(c.st, c.login, &u) == 0) {
			c.gbk = u.encoding && strcmp(u.encoding, "gbk") == 0;
			user_release(&u);
		}
		if (c.gbk) {
			int to = conv_open(&c.to_term, "UTF-8", "GB18030");
			int from = conv_open(&c.from_term, "GB18030", "UTF-8");

			if (to != 0 || from != 0) {
				conv_close(&c.to_term);
				conv_close(&c.from_term);
				c.gbk = 0;
			}
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
	if (c.gbk) {
		conv_close(&c.to_term);
		conv_close(&c.from_term);
	}
}
