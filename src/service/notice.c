/*
 * What the applicant has been told; see notice.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "access.h"
#include "case.h"
#include "exitcode.h"
#include "i18n.h"
#include "lifecycle.h"
#include "notice.h"
#include "store.h"
#include "tcase.h"
#include "util.h"

const char *const notice_moments[NOTICE_MOMENTS + 1] = {
	"accept", "refuse", "supplement", "suspend", "extend", "decision", "delivery", NULL
};
const char *const notice_hows[] = { "phone", "sms", "person", "post", "online", NULL };

static const struct {
	const char *action, *moment;
} brings[] = {
	{ "accept", "accept" }, { "refuse", "refuse" }, { "supplement", "supplement" },
	{ "suspend", "suspend" }, { "extend", "extend" }, { "approve", "decision" },
	{ "deny", "decision" }, { "complete", "delivery" },
};

const char *
notice_moment_of(const char *action)
{
	size_t i;

	for (i = 0; action && i < sizeof brings / sizeof brings[0]; i++)
		if (strcmp(brings[i].action, action) == 0)
			return brings[i].moment;
	return NULL;
}

const char *
notice_moment_label(const char *m)
{
	static const struct {
		const char *code, *label;
	} l[] = {
		{ "accept", N_("acceptance notice") }, { "refuse", N_("refusal of acceptance") },
		{ "supplement", N_("supplement notice") }, { "suspend", N_("suspension and its period") },
		{ "extend", N_("extension") }, { "decision", N_("the decision") },
		{ "delivery", N_("delivery") },
	};
	size_t i;

	for (i = 0; i < sizeof l / sizeof l[0]; i++)
		if (strcmp(l[i].code, m) == 0)
			return _(l[i].label);
	return m;
}

const char *
notice_how_label(const char *h)
{
	static const struct {
		const char *code, *label;
	} l[] = {
		{ "phone", N_("by phone") }, { "sms", N_("by SMS") }, { "person", N_("in person") },
		{ "post", N_("by post") }, { "online", N_("online") },
	};
	size_t i;

	for (i = 0; i < sizeof l / sizeof l[0]; i++)
		if (strcmp(l[i].code, h) == 0)
			return _(l[i].label);
	return h;
}

static int
index_of(const char *moment)
{
	int i;

	for (i = 0; i < NOTICE_MOMENTS; i++)
		if (strcmp(notice_moments[i], moment) == 0)
			return i;
	return -1;
}

static int
happened(void *arg, const struct event *e)
{
	struct notice_state *out = arg;
	const char *m = notice_moment_of(e->action);
	int i;

	if (m != NULL && (i = index_of(m)) >= 0) {
		snprintf(out[i].happened, sizeof out[i].happened, "%s", e->at);
		out[i].told[0] = out[i].how[0] = '\0';	/* happened again: owed again */
	}
	return 0;
}

static int
told(void *arg, const char *moment, const char *how, const char *at, const char *by,
    const char *note)
{
	struct notice_state *out = arg;
	int i = index_of(moment);

	(void)by;
	(void)note;
	if (i >= 0 && out[i].happened[0] && strcmp(at, out[i].happened) >= 0) {
		snprintf(out[i].told, sizeof out[i].told, "%s", at);
		snprintf(out[i].how, sizeof out[i].how, "%s", how);
	}
	return 0;
}

int
notice_read(struct session *s, const struct tcase *c, struct notice_state out[NOTICE_MOMENTS])
{
	int i;

	memset(out, 0, sizeof *out * NOTICE_MOMENTS);
	for (i = 0; i < NOTICE_MOMENTS; i++)
		out[i].moment = notice_moments[i];
	if (store_event_each_of_case(s->st, c->id, happened, out) < 0 ||
	    store_notice_each(s->st, c->id, told, out) < 0)
		return -1;
	return 0;
}

int
notice_tell(struct session *s, const char *no, const char *moment, const char *how,
    const char *note, char **cause)
{
	struct notice_state st[NOTICE_MOMENTS];
	struct tcase c;
	struct sb text = SB_INIT;
	char at[32];
	int i, rc;

	if ((rc = session_refresh(s, cause)) != 0)
		return rc;
	if (moment == NULL || (i = index_of(moment)) < 0) {
		set_cause(cause, _("expected a moment: accept, refuse, supplement, suspend, extend, "
		    "decision or delivery, not '%s'"), moment ? moment : "");
		return EXIT_INVALID;
	}
	for (rc = 0; notice_hows[rc] && strcmp(notice_hows[rc], how ? how : "") != 0; rc++)
		;
	if (notice_hows[rc] == NULL) {
		set_cause(cause, _("--how: expected phone, sms, person, post or online, not '%s'"),
		    how ? how : "");
		return EXIT_INVALID;
	}
	if (note && strlen(note) > 2000) {
		set_cause(cause, "%s", _("--note: at most 2000 bytes"));
		return EXIT_INVALID;
	}
	if (store_begin(s->st, cause) != 0)
		return EXIT_INTERNAL;
	if ((rc = case_get(s, no, &c, cause)) != 0) {
		store_rollback(s->st);
		return rc;
	}
	if (!access_may_act(&s->user, &c, WHO_DELIVERER)) {
		set_cause(cause, "%s", _("permission denied: the applicant is told by the competent "
		    "office or the hall that took the case in"));
		rc = EXIT_DENIED;
		goto fail;
	}
	if (notice_read(s, &c, st) != 0) {
		set_cause(cause, _("cannot read case '%s': %s"), no, store_error(s->st));
		rc = EXIT_INTERNAL;
		goto fail;
	}
	if (st[i].happened[0] == '\0') {
		set_cause(cause, _("nothing to tell yet: case '%s' has had no %s"), no,
		    notice_moment_label(moment));
		rc = EXIT_CONFLICT;
		goto fail;
	}
	clock_stamp(session_today(s), at);
	sb_addf(&text, "%s%s%s", notice_moment_label(moment), _(": "), notice_how_label(how));
	if (note && *note)
		sb_addf(&text, "%s%s", _("; "), note);
	if (store_notice_add(s->st, c.id, moment, how, at, s->user.login ? s->user.login : "",
	    note, cause) != 0 || lifecycle_event(s, &c, "tell", text.buf, cause) != 0 ||
	    store_commit(s->st, cause) != 0) {
		rc = EXIT_INTERNAL;
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	store_rollback(s->st);
out:
	sb_release(&text);
	tcase_release(&c);
	return rc;
}

/* The message the hook sends, in Chinese: what the applicant reads. */
static void
message(const struct tcase *c, const char *moment, struct sb *m)
{
	sb_addf(m, "【%s】%s：", c->office_name, c->applicant_name);
	if (strcmp(moment, "accept") == 0)
		sb_addf(m, "您申请的“%s”已受理，办件编号 %s，截止 %s。", c->item_name, c->no, c->due);
	else if (strcmp(moment, "refuse") == 0)
		sb_addf(m, "您申请的“%s”（%s）不予受理，请到窗口领取决定书。", c->item_name, c->no);
	else if (strcmp(moment, "supplement") == 0)
		sb_addf(m, "您申请的“%s”（%s）需补正材料，请查看一次性告知书。", c->item_name, c->no);
	else if (strcmp(moment, "suspend") == 0)
		sb_addf(m, "您申请的“%s”（%s）依法中止计时 %d 个工作日。", c->item_name, c->no,
		    c->suspend_days);
	else if (strcmp(moment, "extend") == 0)
		sb_addf(m, "您申请的“%s”（%s）经负责人批准延期，截止 %s。", c->item_name, c->no,
		    c->due);
	else if (strcmp(moment, "decision") == 0)
		sb_addf(m, "您申请的“%s”（%s）已作出决定：%s。", c->item_name, c->no,
		    tcase_result_label(c->result));
	else
		sb_addf(m, "您申请的“%s”（%s）的结果已送达。", c->item_name, c->no);
}

/* Run argv with in on its standard input; its exit status, -1 when it could
 * not run or did not end within 10 seconds. */
static int
run_hook(char *const argv[], const char *in, size_t n)
{
	int p[2], status = 0, waited;
	pid_t pid;

	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(p[0], 0);
		close(p[0]);
		close(p[1]);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[0]);
	{
		/* A hook that does not read its input must not end the session. */
		void (*was)(int) = signal(SIGPIPE, SIG_IGN);

		if (write(p[1], in, n) < 0 && errno != EPIPE)
			status = -1;
		close(p[1]);
		signal(SIGPIPE, was);
	}
	for (waited = 0; waited < 1000; waited++) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (r < 0 && errno != EINTR)
			return -1;
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

void
notice_hook(struct session *s, const char *no, const char *action)
{
	const char *prog = getenv("TONGBAN_NOTIFY"), *moment = notice_moment_of(action);
	struct tcase c;
	struct sb m = SB_INIT;
	char *cause = NULL;

	if (prog == NULL || *prog == '\0' || moment == NULL)
		return;
	if (case_get(s, no, &c, NULL) != 0)
		return;
	message(&c, moment, &m);
	{
		char *argv[] = { (char *)prog, (char *)no, (char *)moment,
			c.applicant_phone ? c.applicant_phone : (char *)"", NULL };

		if (run_hook(argv, m.buf, m.len) == 0)
			notice_tell(s, no, moment, "sms", _("sent by the notification hook"), &cause);
	}
	free(cause);
	sb_release(&m);
	tcase_release(&c);
}
