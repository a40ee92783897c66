/*
 * OpenSSH public-key lines ("TYPE BASE64 [COMMENT]", as in a .pub file or
 * authorized_keys), checked by libssh's own key import. The one server file
 * the core uses: `user key add` validates keys here, so that only
 * src/server includes libssh.
 */
#ifndef TONGBAN_SSHKEY_H
#define TONGBAN_SSHKEY_H

/*
 * Parse one public-key line. On success return 0 and give the caller heap
 * strings: *type, the key type as libssh names it; *blob, the key in the
 * base64 form the server compares at login; *comment, the rest of the line
 * ("" when none). On failure return -1 and set *cause (no "line N:"
 * prefix): an unknown type, a blob that is not a key, or a key whose own
 * type is not TYPE.
 */
int sshkey_parse_line(const char *line, char **type, char **blob, char **comment,
    char **cause);

#endif
