/*
 * SHA-256 (FIPS 180-4), used for the audit hash chain. Incremental:
 * sha256_init, any number of sha256_update, then sha256_final, which also
 * releases the context (every sha256_init must be followed by one
 * sha256_final). The digest is computed by libcrypto; this header keeps
 * OpenSSL out of the domain's sight.
 */
#ifndef TONGBAN_SHA256_H
#define TONGBAN_SHA256_H

#include <stddef.h>

struct sha256 {
	void *ctx;		/* EVP_MD_CTX, owned until sha256_final */
};

/* Start a digest; aborts when libcrypto cannot allocate (as xmalloc does). */
void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Write the 32-byte digest to out and release the context. */
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Write the 64-character lowercase hex of a digest plus NUL to hex. */
void sha256_hex(const unsigned char d[32], char hex[65]);

#endif
