/*
 * Passwords, kept only as slow salted hashes: yescrypt through libxcrypt's
 * crypt_r, with a fresh salt from the system's random source.
 */
#ifndef TONGBAN_PW_H
#define TONGBAN_PW_H

/* A new heap hash of password, or NULL when hashing failed. */
char *pw_hash(const char *password);
/* 1 when password matches hash, else 0 (also for a NULL or locked hash). */
int pw_check(const char *password, const char *hash);

#endif
