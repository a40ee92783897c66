/*
 * SHA-256 through libcrypto's EVP interface (libcrypto is linked anyway,
 * through libssh). This file is the only one that includes OpenSSL.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "sha256.h"

/* A failure here is an allocation failure or a broken libcrypto: abort,
 * as xmalloc does, rather than chain a wrong hash. */
static void
sha256_fatal(const char *what)
{
	fprintf(stderr, "tongban: sha256: %s failed\n", what);
	abort();
}

void
sha256_init(struct sha256 *c)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL)
		sha256_fatal("EVP_MD_CTX_new");
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		sha256_fatal("EVP_DigestInit_ex");
	c->ctx = ctx;
}

void
sha256_update(struct sha256 *c, const void *data, size_t n)
{
	assert(c->ctx != NULL);
	if (n > 0 && EVP_DigestUpdate(c->ctx, data, n) != 1)
		sha256_fatal("EVP_DigestUpdate");
}

void
sha256_final(struct sha256 *c, unsigned char out[32])
{
	unsigned int len = 0;

	assert(c->ctx != NULL);
	if (EVP_DigestFinal_ex(c->ctx, out, &len) != 1 || len != 32)
		sha256_fatal("EVP_DigestFinal_ex");
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
}

void
sha256_hex(const unsigned char d[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}
