/*
 * Password hashing over libxcrypt. The comparison of hashes runs in time
 * independent of where they first differ.
 */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "pw.h"
#include "util.h"

char *
pw_hash(const char *password)
{
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	char *out = NULL, *h;

	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
		goto out;
	h = crypt_r(password, salt, cd);
	if (h == NULL || h[0] == '*')
		goto out;
	out = xstrdup(h);
out:
	free(cd);
	return out;
}

int
pw_check(const char *password, const char *hash)
{
	struct crypt_data *cd;
	const char *h;
	size_t n, i;
	unsigned diff = 0;

	if (hash == NULL || hash[0] != '$' || password == NULL)
		return 0;
	cd = xcalloc(1, sizeof *cd);
	h = crypt_r(password, hash, cd);
	if (h == NULL || h[0] == '*' || (n = strlen(h)) != strlen(hash)) {
		free(cd);
		return 0;
	}
	for (i = 0; i < n; i++)
		diff |= (unsigned)(h[i] ^ hash[i]);
	free(cd);
	return diff == 0;
}
