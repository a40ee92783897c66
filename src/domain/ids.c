/*
 * Check digits of applicant identity numbers. Both schemes weight each
 * character by its position and take a remainder; see the standards cited in
 * ids.h. Birth dates in resident IDs are checked for plausibility too.
 */
#include <string.h>

#include "ids.h"

char
ids_person_check(const char *p)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		sum += (p[i] - '0') * w[i];
	}
	return map[sum % 11];
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
ids_person_valid(const char *s)
{
	int y, m, d;
	char c;

	if (s == NULL || strlen(s) != 18)
		return 0;
	c = ids_person_check(s);
	if (c == 0 || s[17] != c)
		return 0;
	y = digits(s + 6, 4);
	m = digits(s + 10, 2);
	d = digits(s + 12, 2);
	return y >= 1880 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* GB 32100 uses the digits and the capitals except I, O, Z, S, V. */
static const char org_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
org_value(char c)
{
	const char *p = c ? strchr(org_chars, c) : NULL;

	return p ? (int)(p - org_chars) : -1;
}

char
ids_org_check(const char *p)
{
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		int v = org_value(p[i]);

		if (v < 0)
			return 0;
		sum += v * w[i];
	}
	return org_chars[(31 - sum % 31) % 31];
}

int
ids_org_valid(const char *s)
{
	char c;

	if (s == NULL || strlen(s) != 18)
		return 0;
	c = ids_org_check(s);
	return c != 0 && s[17] == c;
}

const char *
ids_kind(const char *s)
{
	if (ids_person_valid(s))
		return "person";
	if (ids_org_valid(s))
		return "org";
	return NULL;
}
