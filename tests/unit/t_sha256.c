/*
 * SHA-256: the test vectors of FIPS 180-4 / NIST, fed whole and in pieces.
 */
#include <string.h>

#include "sha256.h"
#include "test.h"

static void
digest(const char *s, size_t n, size_t piece, char hex[65])
{
	struct sha256 c;
	unsigned char d[32];
	size_t off, k;

	sha256_init(&c);
	for (off = 0; off < n; off += k) {
		k = n - off < piece ? n - off : piece;
		sha256_update(&c, s + off, k);
	}
	sha256_final(&c, d);
	sha256_hex(d, hex);
}

static void
vectors(void)
{
	static const char m448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65], million[1000];
	struct sha256 c;
	unsigned char d[32];
	int i;

	digest("", 0, 1, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest("abc", 3, 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest(m448, strlen(m448), 64, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	digest(m448, strlen(m448), 7, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof million);
	sha256_init(&c);
	for (i = 0; i < 1000; i++)
		sha256_update(&c, million, sizeof million);
	sha256_final(&c, d);
	sha256_hex(d, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

const struct test tests_sha256[] = {
	{ "sha256: the FIPS 180-4 test vectors, whole and in pieces", vectors },
	{ NULL, NULL }
};
