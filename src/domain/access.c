/*
 * Access rules; see access.h for the rule in words.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "i18n.h"

void
access_region_prefix(const char *code, const char *level, char out[16])
{
	size_t n = strlen(code);

	if (level != NULL && strcmp(level, "city") == 0 && n >= 2)
		n = 2;
	if (n > 14)
		n = 14;	/* room for the range's ':' (access_scope) and the NUL */
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

static int
is_office_user(const struct user *u)
{
	return (u->role == ROLE_CLERK || u->role == ROLE_APPROVER) && u->office != NULL;
}

static int
sees_all(const struct user *u)
{
	return u->role == ROLE_ADMIN || u->role == ROLE_LOCAL;
}

int
access_has(const struct user *u, enum right r)
{
	if (u->disabled || u->role == ROLE_NONE)
		return 0;
	switch (r) {
	case RIGHT_ANY:
	case RIGHT_CASE_READ:
		return 1;
	case RIGHT_CASE_INTAKE:
	case RIGHT_RATE:
		return u->role == ROLE_CLERK;
	case RIGHT_CASE_WORK:
		return is_office_user(u);
	case RIGHT_USER_ADMIN:
	case RIGHT_CATALOG_ADMIN:
		return sees_all(u);
	case RIGHT_SUPERVISE:
		return u->role == ROLE_SUPERVISOR || sees_all(u);
	case RIGHT_ORDER_ISSUE:
		return u->role == ROLE_SUPERVISOR;
	case RIGHT_COMPLAINT_LOG:
		return u->role == ROLE_CLERK || u->role == ROLE_SUPERVISOR;
	case RIGHT_HOST_FILES:
		return u->role == ROLE_LOCAL;
	case RIGHT_OFFICE_HEAD:
		/* art. 42: 经本行政机关负责人批准 -- the head of an office that decides. */
		return access_may_head(u->role) && u->head && u->office != NULL;
	case RIGHT_COUNT:
		break;
	}
	return 0;
}

const char *
access_denied_text(enum right r)
{
	switch (r) {
	case RIGHT_CASE_INTAKE:
		return _("permission denied: applications are taken in by window clerks");
	case RIGHT_RATE:
		return _("permission denied: ratings are recorded by window clerks");
	case RIGHT_CASE_WORK:
		return _("permission denied: worklists are for clerks and approvers");
	case RIGHT_USER_ADMIN:
		return _("permission denied: users are managed by admins");
	case RIGHT_CATALOG_ADMIN:
		return _("permission denied: reference data is kept by admins");
	case RIGHT_SUPERVISE:
		return _("permission denied: this is for supervisors and admins");
	case RIGHT_ORDER_ISSUE:
		return _("permission denied: supervision orders are issued by supervisors");
	case RIGHT_COMPLAINT_LOG:
		return _("permission denied: complaints are logged by clerks (a phone call) or "
		    "supervisors");
	case RIGHT_HOST_FILES:
		return _("permission denied: over ssh, send the file on standard input (-)");
	case RIGHT_OFFICE_HEAD:
		return _("permission denied: an extension is approved by the head of the office "
		    "(负责人, art. 42)");
	default:
		return _("permission denied");
	}
}

void
access_supervised_prefix(const struct user *u, char out[16])
{
	if (sees_all(u))
		snprintf(out, 16, "50");
	else
		access_region_prefix(u->region, u->region_level, out);
}

int
access_narrow(const struct user *u, const char *region, const char *level, char out[16])
{
	char mine[16];

	access_supervised_prefix(u, mine);
	if (region == NULL) {
		memcpy(out, mine, 16);
		return 0;
	}
	access_region_prefix(region, level, out);
	return access_in_subtree(mine, out) ? 0 : -1;
}

static int
same_office(const struct user *u, const struct tcase *c)
{
	return u->office != NULL && strcmp(u->office, c->office) == 0;
}

int
access_may_act(const struct user *u, const struct tcase *c, enum act_who who)
{
	/* Separation of duties: supervisors, admins and the operator never act. */
	if (!access_has(u, RIGHT_CASE_WORK))
		return 0;
	switch (who) {
	case WHO_ACCEPTOR:
		return same_office(u, c);
	case WHO_DECIDER:
		return u->role == ROLE_APPROVER && same_office(u, c);
	case WHO_BRANCH:
		return u->role == ROLE_APPROVER && has_branch(c, u->office);
	case WHO_DELIVERER:
		/* The competent office, or a clerk of the very hall that took it in. */
		return same_office(u, c) ||
		    (u->role == ROLE_CLERK && strcmp(u->region, c->hall_region) == 0);
	case WHO_HEAD:
		return access_has(u, RIGHT_OFFICE_HEAD) && same_office(u, c);
	}
	return 0;
}

int
access_project_may(const struct user *u, enum project_who who, const char *hall,
    const char *office)
{
	if (!access_has(u, RIGHT_CASE_WORK))
		return 0;
	switch (who) {
	case PROJECT_BY_HALL:
		/* Opened and withdrawn at the window of the very hall. */
		return u->role == ROLE_CLERK && hall != NULL && strcmp(u->region, hall) == 0;
	case PROJECT_BY_OFFICE:
		return u->role == ROLE_APPROVER && office != NULL && u->office != NULL &&
		    strcmp(u->office, office) == 0;
	}
	return 0;
}

int
access_project_site(const struct user *u, const char *site)
{
	if (u->region_level != NULL && strcmp(u->region_level, "city") == 0)
		return 1;
	/* A district's or township's hall opens projects in its district. */
	return site != NULL && u->region != NULL && strlen(site) >= 6 &&
	    strncmp(site, u->region, 6) == 0;
}

int
access_worklist(const struct user *u, const char **office, const char **hall)
{
	if (!access_has(u, RIGHT_CASE_WORK))
		return -1;
	*office = u->office;
	/* A hall's clerks also hand over what their hall took in. */
	*hall = u->role == ROLE_CLERK ? u->region : NULL;
	return 0;
}

int
access_may_passwd(const struct user *u, const char *login)
{
	return access_has(u, RIGHT_USER_ADMIN) ||
	    (access_has(u, RIGHT_ANY) && u->login && strcmp(u->login, login) == 0);
}

int
access_passwd_needs_current(const struct user *u, const char *login)
{
	return !access_has(u, RIGHT_USER_ADMIN) && u->login && strcmp(u->login, login) == 0;
}

int
access_may_set_self(const struct user *u, const char *login)
{
	return access_has(u, RIGHT_ANY) && u->login && strcmp(u->login, login) == 0;
}

static int
supervises(const struct user *u, const char *area)
{
	char p[16];

	if (u->role != ROLE_SUPERVISOR)
		return 0;
	access_supervised_prefix(u, p);
	return access_in_subtree(p, area);
}

int
access_record_may(const struct user *u, enum record_who who, const char *office,
    const char *area, const char *hall)
{
	int mine = is_office_user(u) && strcmp(u->office, office) == 0;

	if (u->disabled)
		return 0;
	switch (who) {
	case BY_SUPERVISOR:
		return supervises(u, area);
	case BY_OFFICE:
		return mine;
	case BY_HALL_OR_SUPERVISOR:
		/* The callback checks the office's work: never by that office,
		 * even when it is itself the hall (a township centre). */
		if (mine)
			return 0;
		return supervises(u, area) || (u->role == ROLE_CLERK && u->office != NULL &&
		    hall != NULL && strcmp(u->region, hall) == 0);
	}
	return 0;
}

void
access_record_scope(const struct user *u, int office_clerks, char lo[24], char hi[24],
    const char **office, const char **hall)
{
	char p[16];

	access_supervised_prefix(u, p);
	snprintf(lo, 24, "%s", p);
	snprintf(hi, 24, "%s:", p);
	*office = NULL;
	if (u->role == ROLE_APPROVER || (office_clerks && u->role == ROLE_CLERK))
		*office = u->office ? u->office : "-";
	/* A hall calls back the applicants it took in, wherever the case went. */
	*hall = u->role == ROLE_CLERK && u->office != NULL ? u->region : NULL;
}

int
access_record_visible(const struct user *u, int office_clerks, const char *office,
    const char *area, const char *hall)
{
	char lo[24], hi[24];
	const char *mine, *my_hall;

	if (!access_has(u, RIGHT_ANY))
		return 0;
	access_record_scope(u, office_clerks, lo, hi, &mine, &my_hall);
	if (hall != NULL && my_hall != NULL && strcmp(hall, my_hall) == 0)
		return 1;
	if (mine != NULL)
		return strcmp(mine, office) == 0;
	return access_in_subtree(lo, area);
}

int
access_may_head(enum role r)
{
	/* art. 42: the head of an office that decides. */
	return r == ROLE_APPROVER;
}

int
access_role_level_ok(enum role r, const char *level)
{
	if (r == ROLE_SUPERVISOR || r == ROLE_ADMIN)
		return strcmp(level, "city") == 0 || strcmp(level, "district") == 0;
	return 1;
}

int
access_role_needs_office(enum role r)
{
	return r == ROLE_APPROVER;
}

int
access_role_in_hall(enum role r)
{
	return r == ROLE_CLERK;
}

int
access_may_share_query(const struct user *u)
{
	return u->role == ROLE_SUPERVISOR || u->role == ROLE_ADMIN;
}

int
access_appoint_may(const struct user *u, const struct tcase *c, const char *inspector,
    enum appoint_who who)
{
	int hall_clerk;

	if (!access_has(u, RIGHT_CASE_WORK))
		return 0;
	hall_clerk = u->role == ROLE_CLERK && strcmp(u->region, c->hall_region) == 0;
	switch (who) {
	case APPOINT_REQUEST:
		return access_may_act(u, c, WHO_DELIVERER);
	case APPOINT_ANSWER:
		return access_may_act(u, c, WHO_DECIDER);
	case APPOINT_DONE:
		return access_may_act(u, c, WHO_DECIDER) ||
		    (inspector != NULL && u->login != NULL && strcmp(u->login, inspector) == 0 &&
		    same_office(u, c));
	case APPOINT_CANCEL:
		return hall_clerk || access_may_act(u, c, WHO_DECIDER);
	}
	return 0;
}

int
access_may_inspect(const struct user *inspector, const struct tcase *c)
{
	return access_has(inspector, RIGHT_CASE_WORK) && same_office(inspector, c);
}

int
access_may_assign(const struct user *u, const struct tcase *c, const struct user *whom)
{
	if (!access_has(u, RIGHT_CASE_WORK) || u->office == NULL || !c->open ||
	    strcmp(u->office, c->office) != 0)
		return 0;
	return whom == NULL || access_may_be_given(whom, c->office);
}

int
access_may_be_given(const struct user *whom, const char *office)
{
	return !whom->disabled && (whom->role == ROLE_APPROVER || whom->role == ROLE_CLERK) &&
	    whom->office != NULL && office != NULL && strcmp(whom->office, office) == 0;
}
