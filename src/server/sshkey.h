/*
 * OpenSSH public-key lines ("TYPE BASE64 [COMMENT]", as in a .pub file or
 * authorized_keys), checked by libssh's own key import. The one server file
 * the core uses: `user key add` validates keys here, so that only
 * src/server includes libssh.
 */
#ifndef TONGBAN_SSHKEY_H
#define TONGBAN_SSHKEY_H

/*
 * Parse one public-key line, in place: on success return 0 and point
 * *type, *blob and *comment into line (NULs are written after each; the
 * comment is "" when there is none). The key must import with libssh and
 * export back to the same base64, so *type and *blob are exactly what the
 * server compares at login. On failure return -1 and set *cause (no
 * "line N:" prefix): an unknown type, a blob that is not a key, or a key
 * whose own type is not the line's.
 */
int sshkey_parse_line(char *line, char **type, char **blob, char **comment, char **cause);

/* The key's SHA-256 fingerprint as ssh-keygen -l shows it ("SHA256:…"). */
void sshkey_fingerprint(const char *blob, char out[64]);

#endif
