/*
 * Releasing records and naming roles.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"

void
user_release(struct user *u)
{
	free(u->login);
	free(u->name);
	free(u->region);
	free(u->region_level);
	free(u->office);
	free(u->lang);
	free(u->encoding);
	memset(u, 0, sizeof *u);
}

void
region_release(struct region *r)
{
	free(r->code);
	free(r->name);
	free(r->level);
	free(r->parent);
	memset(r, 0, sizeof *r);
}

void
item_release(struct item *it)
{
	free(it->code);
	free(it->name);
	free(it->name_en);
	free(it->power_type);
	free(it->dept_kind);
	free(it->levels);
	free(it->channels);
	free(it->guide);
	free(it->applicant_kind);
	memset(it, 0, sizeof *it);
}

void
tcase_release(struct tcase *c)
{
	char **s[] = {
		&c->no, &c->item, &c->item_name, &c->item_name_en, &c->applicant,
		&c->applicant_name, &c->applicant_phone, &c->applicant_region,
		&c->channel, &c->hall_region, &c->hall_name, &c->office,
		&c->office_name, &c->office_region, &c->status, &c->step_name,
		&c->submitted, &c->accepted, &c->decided, &c->finished,
		&c->paused_since, &c->warn, &c->due, &c->materials, &c->result,
		&c->prev_status, &c->step_started, &c->pledge_date, &c->pledge_materials,
		&c->suspend_reason, &c->branch_offices, &c->deliver_warn, &c->deliver_due,
		&c->suspend_due, &c->assignee
	};
	size_t i;

	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		free(*s[i]);
	memset(c, 0, sizeof *c);
}

void
event_release(struct event *e)
{
	free(e->subject);
	free(e->at);
	free(e->actor);
	free(e->addr);
	free(e->action);
	free(e->from_status);
	free(e->to_status);
	free(e->note);
	free(e->hash);
	memset(e, 0, sizeof *e);
}

void
branch_release(struct branch *b)
{
	free(b->dept_kind);
	free(b->office);
	free(b->office_name);
	free(b->started);
	free(b->due);
	free(b->opinion);
	free(b->verdict);
	free(b->by_login);
	free(b->done_on);
	free(b->override);
	free(b->override_by);
	free(b->override_on);
	memset(b, 0, sizeof *b);
}

static const char *role_names[] = {
	"", "clerk", "approver", "supervisor", "admin", "local"
};

const char *
role_name(enum role r)
{
	return role_names[r];
}

const char *
role_label(enum role r)
{
	switch (r) {
	case ROLE_CLERK:
		return _("window clerk");
	case ROLE_APPROVER:
		return _("approver");
	case ROLE_SUPERVISOR:
		return _("supervisor");
	case ROLE_ADMIN:
		return _("administrator");
	case ROLE_LOCAL:
		return _("local operator");
	default:
		return "";
	}
}

int
role_parse(const char *s, enum role *r)
{
	int i;

	for (i = ROLE_CLERK; i <= ROLE_ADMIN; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*r = (enum role)i;
			return 0;
		}
	return -1;
}
