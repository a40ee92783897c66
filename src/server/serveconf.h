/*
 * The server's configuration file (etc/tongban.conf): "key = value" lines,
 * '#' for comments. Keys: db, listen, host_key, idle_timeout (minutes),
 * compression (yes/no), warn_percent (1-100), db_connections (2-10000:
 * PostgreSQL connections of the server at most).
 */
#ifndef TONGBAN_SERVECONF_H
#define TONGBAN_SERVECONF_H

struct serve_conf {
	char *db, *listen, *host_key, *idle_timeout, *db_connections;
	int compression;	/* -1: not set */
	int warn_percent;	/* 0: not set */
};

/* Read path into c (zeroed first): 0, or -1 with *cause "FILE:LINE: ...". */
int serve_conf_read(const char *path, struct serve_conf *c, char **cause);
void serve_conf_release(struct serve_conf *c);

#endif
