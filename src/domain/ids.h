/*
 * Identity numbers of applicants: the 18-digit resident identity number
 * (GB 11643-1999, ISO 7064 MOD 11-2 check digit) and the 18-character
 * unified social credit code of organisations (GB 32100-2015, MOD 31).
 */
#ifndef TONGBAN_IDS_H
#define TONGBAN_IDS_H

/* 1 when s is a well-formed resident ID with a correct check digit. */
int ids_person_valid(const char *s);
/* The check character for the first 17 digits of a resident ID. */
char ids_person_check(const char *first17);
/* 1 when s is a well-formed unified social credit code. */
int ids_org_valid(const char *s);
/* The check character for the first 17 characters of a credit code, or 0. */
char ids_org_check(const char *first17);
/* "person", "org" or NULL, whichever kind s is valid as. */
const char *ids_kind(const char *s);

#endif
