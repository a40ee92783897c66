/*
 * The server's configuration file. Every line is checked: an unknown key or
 * a bad value stops the start with the file and line named, as a bad row of
 * an import does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serveconf.h"
#include "util.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
serve_conf_read(const char *path, struct serve_conf *c, char **cause)
{
	char line[4096], *k, *v, *eq;
	long n;
	int no = 0, rc = 0;
	FILE *fp;

	memset(c, 0, sizeof *c);
	c->compression = -1;
	if ((fp = fopen(path, "r")) == NULL) {
		set_cause(cause, "%s: cannot open the configuration file", path);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
		no++;
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			set_cause(cause, "%s:%d: expected key = value, found '%s'", path, no, k);
			rc = -1;
			break;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (strcmp(k, "db") == 0 && *v) {
			free(c->db);
			c->db = xstrdup(v);
		} else if (strcmp(k, "listen") == 0 && strchr(v, ':') != NULL) {
			free(c->listen);
			c->listen = xstrdup(v);
		} else if (strcmp(k, "host_key") == 0 && *v) {
			free(c->host_key);
			c->host_key = xstrdup(v);
		} else if (strcmp(k, "idle_timeout") == 0 && parse_int(v, 0, 100000, &n) == 0) {
			free(c->idle_timeout);
			c->idle_timeout = xstrdup(v);
		} else if (strcmp(k, "compression") == 0 && (strcmp(v, "yes") == 0 ||
		    strcmp(v, "no") == 0)) {
			c->compression = strcmp(v, "yes") == 0;
		} else if (strcmp(k, "warn_percent") == 0 && parse_int(v, 1, 100, &n) == 0) {
			c->warn_percent = (int)n;
		} else if (strcmp(k, "db_connections") == 0 && parse_int(v, 2, 10000, &n) == 0) {
			free(c->db_connections);
			c->db_connections = xstrdup(v);
		} else {
			static const char *const want[][2] = {
				{ "db", "a path" }, { "listen", "ADDR:PORT" }, { "host_key", "a path" },
				{ "idle_timeout", "minutes from 0 to 100000" },
				{ "compression", "yes or no" }, { "warn_percent", "a percent from 1 to 100" },
				{ "db_connections", "a number from 2 to 10000" },
			};
			size_t i;

			for (i = 0; i < sizeof want / sizeof want[0]; i++)
				if (strcmp(k, want[i][0]) == 0)
					break;
			if (i < sizeof want / sizeof want[0])
				set_cause(cause, "%s:%d: %s: expected %s, found '%s'", path, no, k,
				    want[i][1], v);
			else
				set_cause(cause, "%s:%d: expected one of db, listen, host_key, "
				    "idle_timeout, compression, warn_percent, db_connections, found '%s'", path, no, k);
			rc = -1;
		}
	}
	fclose(fp);
	if (rc != 0)
		serve_conf_release(c);
	return rc;
}

void
serve_conf_release(struct serve_conf *c)
{
	free(c->db);
	free(c->listen);
	free(c->host_key);
	free(c->idle_timeout);
	free(c->db_connections);
	memset(c, 0, sizeof *c);
	c->compression = -1;
}
