/*
 * The tongban binary: init, demo and serve are handled here; every other
 * command goes through the command table (cmd.c) exactly as over SSH.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "calendar.h"
#include "cmd.h"
#include "console.h"
#include "demo.h"
#include "i18n.h"
#include "load.h"
#include "schema.h"
#include "server.h"
#include "serveconf.h"
#include "store.h"
#include "util.h"

static void
usage(void)
{
	fputs("usage: tongban [--db PATH] [--as LOGIN] COMMAND ...\n"
	    "       tongban init --db PATH\n"
	    "       tongban demo --db PATH [--cases N] [--seed S]\n"
	    "       tongban serve [--config FILE] [--db PATH] [--listen ADDR:PORT] [--host-key PATH]\n"
	    "                     [--idle-timeout MINUTES] [--no-compression] [--db-connections N]\n"
	    "       tongban help   (all commands)\n", stderr);
}

static int
open_and_load(const char *db, struct store **stp, int create, char **cause)
{
	struct stat sb;
	int fresh = !store_is_pg(db) && stat(db, &sb) != 0;
	struct store *st;

	if (!create && fresh) {
		set_cause(cause, _("no database '%s' (create one with 'tongban init --db %s')"), db, db);
		return -1;
	}
	st = store_open(db, create ? schema_sql : NULL, cause);
	if (st == NULL)
		return -1;
	if (create) {
		char *have = NULL;

		store_meta_get(st, "loaded", &have);
		if (have == NULL) {
			if (load_all(st, load_data_dir(), cause) != 0 ||
			    store_meta_set(st, "loaded", "1", cause) != 0) {
				store_close(st);
				return -1;
			}
		}
		free(have);
	}
	*stp = st;
	return 0;
}

/* The configuration's warn_percent, set in the database when it differs
 * (open cases recomputed, as `calendar set warn-percent` does). */
static int
apply_warn(const char *db, int pct)
{
	struct session ses;
	char *cause = NULL;
	long n = 0;
	int before, rc;

	if (pct == 0)
		return EXIT_OK;
	if ((rc = session_open(&ses, db, NULL, "local", &cause)) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return rc;
	}
	if (ses.cal->warn_percent != pct &&
	    (rc = calendar_set_warn(&ses, pct, &before, &n, &cause)) != 0) {
		fprintf(stderr, "tongban: warn_percent: %s\n", cause ? cause : "?");
		free(cause);
	} else if (n > 0)
		fprintf(stderr, "tongban: warn_percent %d%%: %ld open cases recomputed\n", pct, n);
	session_close(&ses);
	return rc;
}

static int
do_init(const char *db)
{
	struct store *st = NULL;
	char *cause = NULL;

	if (open_and_load(db, &st, 1, &cause) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return EXIT_INVALID;
	}
	store_close(st);
	printf(_("database '%s' ready\n"), store_shown(db));
	return EXIT_OK;
}

static int
do_demo(const char *db, int argc, char **argv)
{
	struct store *st = NULL;
	struct calendar cal;
	char *cause = NULL;
	long cases = 20000, seed = 1;
	int i, rc = EXIT_OK;
	struct timespec t0, t1;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
			if (parse_int(argv[++i], 0, 100000000, &cases) != 0) {
				fprintf(stderr, "tongban: --cases: expected a number, not '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (parse_int(argv[++i], 0, 2147483647, &seed) != 0) {
				fprintf(stderr, "tongban: --seed: expected a number, not '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else {
			usage();
			return EXIT_USAGE;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (open_and_load(db, &st, 1, &cause) != 0)
		goto fail;
	clock_calendar_init(&cal);
	if (store_calendar_load(st, &cal, &cause) != 0 || demo_users(st, &cause) != 0) {
		clock_calendar_release(&cal);
		goto fail;
	}
	store_bulk_begin(st);
	rc = demo_cases(st, &cal, cases, (unsigned long long)seed, clock_today(), stderr, &cause);
	store_bulk_end(st);
	clock_calendar_release(&cal);
	if (rc != 0)
		goto fail;
	store_close(st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("demo database '%s': %ld cases in %.1f s\n", db, cases,
	    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	demo_print_logins(stdout, 2222);
	return EXIT_OK;
fail:
	fprintf(stderr, "tongban: %s\n", cause ? cause : "?");
	free(cause);
	store_close(st);
	return EXIT_INTERNAL;
}

int
main(int argc, char **argv)
{
	const char *db = getenv("TONGBAN_DB");
	const char *as = NULL;
	struct session ses;
	struct cmd_ctx c;
	char *cause = NULL;
	int i = 1, rc, db_option = getenv("TONGBAN_DB") != NULL;

	/*
	 * The city's clock, whatever the server's zone: dates, event times and
	 * "today" are Beijing time (UTC+8, no daylight saving since 1991),
	 * written as a POSIX rule so that no time-zone database is needed.
	 * TONGBAN_TZ names another zone for a city elsewhere.
	 */
	setenv("TZ", getenv("TONGBAN_TZ") && *getenv("TONGBAN_TZ") ? getenv("TONGBAN_TZ") :
	    "CST-8", 1);
	tzset();
	i18n_set_lang(getenv("TONGBAN_LANG"));
	if (db == NULL)
		db = "data/demo.db";
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[i + 1];
			db_option = 1;
		}
		else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
			as = argv[i + 1];
		else if (strcmp(argv[i], "--help") == 0) {
			usage();
			return EXIT_OK;
		} else {
			usage();
			return EXIT_USAGE;
		}
		i += 2;
	}
	if (i >= argc) {
		usage();
		return EXIT_USAGE;
	}
	/* init, demo and serve also take --db after the command word. */
	if (strcmp(argv[i], "init") == 0 || strcmp(argv[i], "demo") == 0 ||
	    strcmp(argv[i], "serve") == 0) {
		const char *verb = argv[i], *config = NULL;
		char **rest = xcalloc((size_t)argc + 16, sizeof *rest);
		int n = 0, j, db_given = db_option;
		struct serve_conf cf;

		memset(&cf, 0, sizeof cf);
		/* serve --config FILE: the file's settings first, so that the
		 * options after them win. */
		for (j = i + 1; j < argc; j++)
			if (strcmp(verb, "serve") == 0 && strcmp(argv[j], "--config") == 0 &&
			    j + 1 < argc)
				config = argv[j + 1];
		if (config != NULL) {
			if (serve_conf_read(config, &cf, &cause) != 0) {
				fprintf(stderr, "tongban: %s\n", cause);
				free(cause);
				free(rest);
				return EXIT_INVALID;
			}
			if (cf.listen) {
				rest[n++] = (char *)"--listen";
				rest[n++] = cf.listen;
			}
			if (cf.host_key) {
				rest[n++] = (char *)"--host-key";
				rest[n++] = cf.host_key;
			}
			if (cf.idle_timeout) {
				rest[n++] = (char *)"--idle-timeout";
				rest[n++] = cf.idle_timeout;
			}
			if (cf.compression == 0)
				rest[n++] = (char *)"--no-compression";
			if (cf.db_connections) {
				rest[n++] = (char *)"--db-connections";
				rest[n++] = cf.db_connections;
			}
		}
		for (j = i + 1; j < argc; j++) {
			if (strcmp(argv[j], "--db") == 0 && j + 1 < argc) {
				db = argv[++j];
				db_given = 1;
			} else if (strcmp(argv[j], "--config") == 0 && j + 1 < argc && config)
				j++;
			else
				rest[n++] = argv[j];
		}
		if (cf.db != NULL && !db_given)
			db = cf.db;
		if (strcmp(verb, "init") == 0)
			rc = n ? (usage(), EXIT_USAGE) : do_init(db);
		else if (strcmp(verb, "demo") == 0)
			rc = do_demo(db, n, rest);
		else if ((rc = apply_warn(db, cf.warn_percent)) == EXIT_OK)
			rc = server_main(db, n, rest);
		free(rest);
		serve_conf_release(&cf);
		return rc;
	}
	/* The console on this terminal, as a user: for operators on the host. */
	if (strcmp(argv[i], "console") == 0) {
		if (as == NULL) {
			fputs("usage: tongban [--db PATH] --as LOGIN console\n", stderr);
			return EXIT_USAGE;
		}
		return console_main(db, as, "local");
	}
	if (!store_is_pg(db) && access(db, F_OK) != 0) {
		fprintf(stderr, "tongban: ");
		fprintf(stderr, _("no database '%s' (create one with 'tongban init --db %s')"), db, db);
		fputc('\n', stderr);
		return EXIT_NOTFOUND;
	}
	if ((rc = session_open(&ses, db, as, "local", &cause)) != 0) {
		fprintf(stderr, "tongban: %s\n", cause);
		free(cause);
		return rc;
	}
	if (as != NULL)
		i18n_set_lang(getenv("TONGBAN_LANG") ? getenv("TONGBAN_LANG") : ses.user.lang);
	memset(&c, 0, sizeof c);
	c.s = &ses;
	c.in = stdin;
	c.out = stdout;
	c.err = stderr;
	rc = cmd_run(&c, argc - i, argv + i);
	session_close(&ses);
	return rc;
}
