/*
 * SHA-256 (FIPS 180-4), used for the audit hash chain. Incremental:
 * sha256_init, any number of sha256_update, then sha256_final.
 */
#ifndef TONGBAN_SHA256_H
#define TONGBAN_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Write the 64-character lowercase hex of a digest plus NUL to hex. */
void sha256_hex(const unsigned char d[32], char hex[65]);

#endif
