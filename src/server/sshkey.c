/*
 * Public-key lines checked by libssh; see sshkey.h.
 *
 * ssh_pki_import_pubkey_base64() reads the key's fields as the type it is
 * given and skips the type name embedded in the blob, so a blob is accepted
 * only when exporting the imported key gives back the same base64: that
 * proves the embedded name is TYPE too, and it is also exactly the form the
 * server's auth_pubkey() compares with the stored key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>

#include "i18n.h"
#include "sha256.h"
#include "sshkey.h"
#include "util.h"

/* The key types a user may register (certificates are not accepted). */
static const enum ssh_keytypes_e sshkey_types[] = {
	SSH_KEYTYPE_ED25519, SSH_KEYTYPE_RSA, SSH_KEYTYPE_ECDSA_P256,
	SSH_KEYTYPE_ECDSA_P384, SSH_KEYTYPE_ECDSA_P521, SSH_KEYTYPE_SK_ED25519,
	SSH_KEYTYPE_SK_ECDSA
};
#define NTYPES (sizeof sshkey_types / sizeof sshkey_types[0])

static int
sshkey_allowed(enum ssh_keytypes_e t)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (sshkey_types[i] == t)
			return 1;
	return 0;
}

/*
 * Import b64 as type t and export it again: the normalised base64 when it
 * round-trips unchanged (heap, libssh's allocator), else NULL.
 */
static char *
sshkey_roundtrip(const char *b64, enum ssh_keytypes_e t)
{
	ssh_key key = NULL;
	char *out = NULL;

	if (ssh_pki_import_pubkey_base64(b64, t, &key) != SSH_OK)
		goto out;
	if (ssh_key_type(key) != t || ssh_pki_export_pubkey_base64(key, &out) != SSH_OK)
		goto out;
	if (strcmp(out, b64) != 0) {
		ssh_string_free_char(out);
		out = NULL;
	}
out:
	ssh_key_free(key);
	return out;
}

/* The next word of *p, cut in place (spaces and tabs separate words). */
static char *
sshkey_word(char **p)
{
	char *s = *p, *e;

	s += strspn(s, " \t");
	e = s + strcspn(s, " \t");
	*p = *e ? e + 1 : e;
	*e = '\0';
	return e > s ? s : NULL;
}

int
sshkey_parse_line(char *line, char **type, char **blob, char **comment, char **cause)
{
	char *p = line, *want, *b64, *norm = NULL;
	enum ssh_keytypes_e t;
	size_t i, n;
	int rc = -1;

	*type = *blob = *comment = NULL;
	want = sshkey_word(&p);
	b64 = sshkey_word(&p);
	if (want == NULL || b64 == NULL) {
		set_cause(cause, "%s", _("expected an OpenSSH public key ('ssh-ed25519 AAAA... comment')"));
		goto out;
	}
	t = ssh_key_type_from_name(want);
	if (t == SSH_KEYTYPE_UNKNOWN || !sshkey_allowed(t) ||
	    strcmp(ssh_key_type_to_char(t), want) != 0) {
		set_cause(cause, _("unknown key type '%s' (expected ssh-ed25519, ssh-rsa, "
		    "ecdsa-sha2-nistp256/384/521 or a security-key type)"), want);
		goto out;
	}
	if ((norm = sshkey_roundtrip(b64, t)) == NULL) {
		/* Name the type the blob does hold, when it holds a key at all. */
		for (i = 0; i < NTYPES; i++) {
			if (sshkey_types[i] == t || (norm = sshkey_roundtrip(b64, sshkey_types[i])) == NULL)
				continue;
			set_cause(cause, _("the key is '%s', not '%s' as the line says"),
			    ssh_key_type_to_char(sshkey_types[i]), want);
			goto out;
		}
		set_cause(cause, _("not a valid '%s' public key"), want);
		goto out;
	}
	/* the round trip gave back b64 itself: the line's words are normalised */
	p += strspn(p, " \t");
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
		p[--n] = '\0';
	*type = want;
	*blob = b64;
	*comment = p;
	rc = 0;
out:
	ssh_string_free_char(norm);
	return rc;
}

/* The value of a base64 digit, or -1. */
static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

void
sshkey_fingerprint(const char *blob, char out[64])
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(blob), len = 0, i;
	unsigned char *raw = xmalloc(n + 1), d[32];
	unsigned long acc = 0;
	int bits = 0, v, o;
	struct sha256 c;

	for (i = 0; i < n && (v = b64_value((unsigned char)blob[i])) >= 0; i++) {
		acc = (acc << 6) | (unsigned long)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			raw[len++] = (unsigned char)(acc >> bits);
		}
	}
	sha256_init(&c);
	sha256_update(&c, raw, len);
	sha256_final(&c, d);
	free(raw);
	/* As ssh-keygen -l prints it: SHA256:, base64 without padding. */
	o = snprintf(out, 64, "SHA256:");
	acc = 0;
	bits = 0;
	for (i = 0; i < 32; i++) {
		acc = (acc << 8) | d[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			out[o++] = digits[(acc >> bits) & 63];
		}
	}
	if (bits > 0)
		out[o++] = digits[(acc << (6 - bits)) & 63];
	out[o] = '\0';
}
