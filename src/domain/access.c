/*
 * Access rules; see access.h for the rule in words.
 */
#include <string.h>

#include "access.h"

void
access_region_prefix(const char *code, const char *level, char out[16])
{
	size_t n = strlen(code);

	if (level != NULL && strcmp(level, "city") == 0 && n >= 2)
		n = 2;
	if (n > 15)
		n = 15;
	memcpy(out, code, n);
	out[n] = '\0';
}

int
access_in_subtree(const char *prefix, const char *code)
{
	return code != NULL && strncmp(code, prefix, strlen(prefix)) == 0;
}

void
access_scope(const struct user *u, struct scope *s)
{
	size_t n;

	memset(s, 0, sizeof *s);
	switch (u->role) {
	case ROLE_ADMIN:
	case ROLE_LOCAL:
		s->kind = SCOPE_ALL;
		return;
	case ROLE_SUPERVISOR:
		s->kind = SCOPE_REGION;
		break;
	case ROLE_CLERK:
		s->kind = SCOPE_CLERK;
		break;
	case ROLE_APPROVER:
		s->kind = u->office ? SCOPE_OFFICE : SCOPE_NONE;
		s->office = u->office;
		return;
	default:
		s->kind = SCOPE_NONE;
		return;
	}
	access_region_prefix(u->region, u->region_level, s->lo);
	/* The range [prefix, prefix + ":") holds every code starting with it. */
	n = strlen(s->lo);
	memcpy(s->hi, s->lo, n);
	s->hi[n] = ':';
	s->hi[n + 1] = '\0';
	s->office = u->office ? u->office : "";
}

/* The office has a branch of a parallel review of c. */
static int
has_branch(const struct tcase *c, const char *office)
{
	size_t n = strlen(office);
	const char *p = c->branch_offices;

	if (p == NULL || n == 0)
		return 0;
	while ((p = strstr(p, office)) != NULL) {
		if (p > c->branch_offices && p[-1] == ',' && p[n] == ',')
			return 1;
		p++;
	}
	return 0;
}

int
access_can_see(const struct user *u, const struct tcase *c)
{
	struct scope s;

	access_scope(u, &s);
	switch (s.kind) {
	case SCOPE_ALL:
		return 1;
	case SCOPE_REGION:
		return access_in_subtree(s.lo, c->office_region) ||
		    access_in_subtree(s.lo, c->hall_region) ||
		    access_in_subtree(s.lo, c->applicant_region);
	case SCOPE_CLERK:
		return access_in_subtree(s.lo, c->hall_region) ||
		    access_in_subtree(s.lo, c->applicant_region) ||
		    strcmp(s.office, c->office) == 0 || has_branch(c, s.office);
	case SCOPE_OFFICE:
		return strcmp(s.office, c->office) == 0 || has_branch(c, s.office);
	case SCOPE_NONE:
		break;
	}
	return 0;
}

int
access_has(const struct user *u, enum right r)
{
	if (u->disabled)
		return 0;
	switch (r) {
	case RIGHT_CASE_READ:
		return u->role != ROLE_NONE;
	case RIGHT_CASE_INTAKE:
		return u->role == ROLE_CLERK;
	case RIGHT_USER_ADMIN:
	case RIGHT_CATALOG_ADMIN:
		return u->role == ROLE_ADMIN || u->role == ROLE_LOCAL;
	case RIGHT_SUPERVISE:
		return u->role == ROLE_SUPERVISOR || u->role == ROLE_ADMIN ||
		    u->role == ROLE_LOCAL;
	}
	return 0;
}
