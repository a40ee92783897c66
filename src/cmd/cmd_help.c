/*
 * The help of every command row beyond its usage and summary: what each
 * of its options means and an example. An option means the same in every
 * command unless a row (noun and verb) or a noun says otherwise; the unit
 * test t_help walks the whole table and fails for any gap.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

struct opt_help {
	const char *where;	/* "noun verb", "noun", or NULL for every command */
	const char *opt;
	const char *meaning;
};

static const struct opt_help opts[] = {
	/* Every command */
	{ NULL, "format", N_("the output: text (aligned columns, the default), csv, tsv, json, or jsonl (lists: one JSON object a line)") },
	{ NULL, "encoding", N_("the output's encoding: utf-8 (the default) or gbk, for Excel on a Chinese Windows") },
	{ NULL, "bom", N_("begin the output with a byte-order mark (Excel reads UTF-8 CSV right then)") },
	{ NULL, "raw", N_("CSV/TSV: write cells as they are, without the guard against spreadsheet formulas (for scripts)") },
	{ NULL, "limit", N_("show at most N rows") },
	{ NULL, "note", N_("a note kept with the event in the case's or record's history") },
	{ NULL, "region", N_("only this administrative division (a region code; region list shows them)") },
	{ NULL, "office", N_("only this office (an office code)") },
	{ NULL, "phone", N_("a telephone number") },
	{ NULL, "light", N_("only this light: green, yellow or red") },
	{ NULL, "channel", N_("how the application came in: window, online or self-service") },
	{ NULL, "expect-version", N_("refuse (exit 4) if the case changed since you read this version of it") },
	{ NULL, "mine", N_("only what is given to you") },
	{ NULL, "q", N_("only items whose code or name holds this text") },
	{ NULL, "parent", N_("only the divisions directly under this one") },
	{ NULL, "lang", N_("the language of the console and the output: zh or en") },
	{ NULL, "head", N_("the user heads their office (yes or no): decides its cases and is told of its late ones") },
	{ NULL, "date", N_("the day the report is for (YYYY-MM-DD; the last complete period when left out)") },
	{ NULL, "secondary", N_("a secondary material: may be pledged and handed in after acceptance (容缺受理)") },
	{ NULL, "dept", N_("the kind of department that does the step") },
	{ NULL, "name-en", N_("the step's name in English") },
	{ NULL, "days", N_("a number of working days") },
	{ NULL, "inspector", N_("the login of the person who inspects on site") },
	{ NULL, "flowchart", N_("the flowchart's code (flowchart list shows them)") },
	{ NULL, "item", N_("the item's code (item list shows them)") },
	{ NULL, "text", N_("the text itself") },
	{ NULL, "case", N_("the case number") },
	{ NULL, "status", N_("only records in this state") },
	{ NULL, "from", N_("from this day on (YYYY-MM-DD)") },
	{ NULL, "to", N_("up to this day (YYYY-MM-DD)") },
	{ NULL, "day", N_("the day (YYYY-MM-DD)") },
	{ NULL, "name", N_("the name") },
	/* Cases */
	{ "case find", "no", N_("only the case with this number") },
	{ "case find", "applicant", N_("only the applicant with this ID number or unified social credit code") },
	{ "case find", "name", N_("only applicants whose name holds this text") },
	{ "case find", "phone", N_("only the applicant with this telephone number") },
	{ "case find", "status", N_("only cases in this state (submitted, accepted, supplement, under_review, suspended, approved, denied, ...)") },
	{ "case find", "item", N_("only cases of this item (its code)") },
	{ "case find", "from", N_("only cases received on or after this day") },
	{ "case find", "to", N_("only cases received on or before this day") },
	{ "case find", "forecast", N_("only cases whose light changes within the next N working days, soonest first") },
	{ "case export", "no", N_("only the case with this number") },
	{ "case export", "applicant", N_("only the applicant with this ID number or unified social credit code") },
	{ "case export", "name", N_("only applicants whose name holds this text") },
	{ "case export", "phone", N_("only the applicant with this telephone number") },
	{ "case export", "status", N_("only cases in this state (submitted, accepted, supplement, under_review, suspended, approved, denied, ...)") },
	{ "case export", "item", N_("only cases of this item (its code)") },
	{ "case export", "from", N_("only cases received on or after this day") },
	{ "case export", "to", N_("only cases received on or before this day") },
	{ "case export", "forecast", N_("only cases whose light changes within the next N working days, soonest first") },
	{ "case new", "item", N_("the item applied for (its code)") },
	{ "case new", "applicant-id", N_("the applicant's ID number (18 characters) or unified social credit code") },
	{ "case new", "applicant-name", N_("the applicant's name as on the ID or licence") },
	{ "case new", "phone", N_("the applicant's telephone number") },
	{ "case new", "applicant-region", N_("where the applicant lives: a village, community, township or street (code)") },
	{ "case new", "materials", N_("the numbers of the materials handed in, comma-separated (item show lists them)") },
	{ "case new", "name-differs", N_("take the application although the name differs from the one on file for this ID") },
	{ "case act", "note", N_("the note or reason kept in the event (required by some actions: case actions says which)") },
	{ "case act", "materials", N_("the numbers of the materials received, comma-separated") },
	{ "case act", "pledge-materials", N_("accept with these secondary materials pledged (容缺受理), comma-separated") },
	{ "case act", "pledge-date", N_("the day the pledged materials are due (YYYY-MM-DD)") },
	{ "case act", "reason", N_("the reason: for suspend, the special procedure; for supplement, listed or unlisted") },
	{ "case act", "days", N_("the working days told to the applicant (suspend) or added (extend)") },
	{ "case act", "fee", N_("the fee charged in yuan (decisions of items with a fee)") },
	{ "case act", "verdict", N_("an opinion: agree or disagree") },
	{ "case paper", "format", N_("txt (text for a printer, the default) or pdf (A4)") },
	{ "case paper", "width", N_("the text's width in columns (32 to 200; 72 by default, 32 for a receipt printer)") },
	{ "case paper", "encoding", N_("the text's encoding: utf-8 or gbk (for a GBK printer)") },
	{ "case tell", "how", N_("how the applicant was told: phone, sms, person, post or online") },
	{ "case tell", "note", N_("what was said, or to whom") },
	{ "case assign", "note", N_("why the case goes to this person") },
	{ "case worklist", "unassigned", N_("only the cases given to nobody") },
	{ "case appoint", "wish", N_("when the applicant would like the visit") },
	{ "case appoint", "contact", N_("the telephone number to arrange the visit") },
	/* Appointments */
	{ "appointment list", "day", N_("only visits on this day (YYYY-MM-DD or today)") },
	{ "appointment list", "status", N_("only appointments in this state: requested, booked, done or cancelled") },
	{ "appointment list", "case", N_("only the appointments of this case") },
	{ "appointment list", "overdue", N_("only requests not answered in time") },
	{ "appointment list", "late", N_("only visits whose outcome was not recorded in time") },
	{ "appointment", "day", N_("the day of the visit (YYYY-MM-DD)") },
	{ "appointment", "from", N_("when the visit starts (HH:MM)") },
	{ "appointment", "to", N_("when the visit ends (HH:MM)") },
	{ "appointment", "note", N_("a note kept in the appointment's history (the reason, where required)") },
	{ "appointment", "outcome", N_("how the visit went: passed, failed or absent") },
	/* Projects */
	{ "project new", "org", N_("the enterprise's unified social credit code") },
	{ "project new", "org-name", N_("the enterprise's name") },
	{ "project new", "name", N_("the project's name") },
	{ "project new", "site", N_("where the project is built (a region code; the enterprise's district when left out)") },
	{ "project new", "phone", N_("the enterprise's telephone number") },
	{ "project", "status", N_("only projects in this state: open, done, stopped or withdrawn") },
	{ "project", "note", N_("the reason, kept in every case's event") },
	{ "project joint", "kind", N_("the joint step: survey (联合踏勘), drawings (多图联审) or acceptance (联合验收)") },
	{ "project joint", "day", N_("the day of the joint step (YYYY-MM-DD)") },
	{ "project joint", "place", N_("where the offices meet") },
	{ "project findings", "text", N_("your office's findings") },
	{ "project findings", "joint", N_("the joint step's number (the current one when left out)") },
	/* Users */
	{ "user", "name", N_("the user's name as shown on the console") },
	{ "user", "role", N_("clerk, approver, supervisor or admin") },
	{ "user", "region", N_("the user's administrative division (region code)") },
	{ "user", "office", N_("the user's office (office code; clerks and approvers)") },
	{ "user add", "encoding", N_("the user's terminal encoding: utf-8 or gbk (the console and command output follow it)") },
	{ "user set", "encoding", N_("the user's terminal encoding: utf-8 or gbk (the console and command output follow it)") },
	{ "calendar", "year", N_("only this year") },
	{ "calendar import", "encoding", N_("the file's encoding: utf-8 (the default) or gbk") },
	{ "region import", "encoding", N_("the file's encoding: utf-8 (the default) or gbk") },
	{ "item import", "encoding", N_("the file's encoding: utf-8 (the default) or gbk") },
	/* Items */
	{ "item", "name", N_("the material's or step's name") },
	{ "item", "optional", N_("the material is optional") },
	{ "item", "required", N_("yes: the material is required; no: optional") },
	{ "item step add", "days", N_("the step's limit in working days") },
	{ "item step set", "days", N_("the step's limit in working days") },
	/* Supervision */
	{ "audit export", "from", N_("events from this day on (YYYY-MM-DD)") },
	{ "migrate", "from", N_("the SQLite database file to copy (it is only read)") },
	{ "migrate", "to", N_("the PostgreSQL database to fill: a postgresql:// URI or a libpq connection string; it must hold no case and no event") },
	{ "audit export", "to", N_("events up to this day (YYYY-MM-DD)") },
	{ "dashboard", "once", N_("print the figures once and end (without it the dashboard is the console's)") },
	{ "supervise new", "case", N_("the case the order is about") },
	{ "supervise new", "office", N_("the office the order is about (without --case)") },
	{ "supervise new", "note", N_("what is ordered") },
	{ "supervise new", "due", N_("the day the office must answer by (YYYY-MM-DD)") },
	{ "supervise list", "status", N_("only orders in this state: open, responded or closed") },
	{ "complaint new", "case", N_("the case complained about") },
	{ "complaint new", "office", N_("the office complained about (without --case)") },
	{ "complaint new", "text", N_("the complaint as the citizen put it") },
	{ "complaint new", "missing-material", N_("the complaint is about a material the guide did not list") },
	{ "complaint list", "status", N_("only complaints in this state: received, accepted, refused, answered or closed") },
	{ "rating add", "level", N_("the rating, 1 (very bad) to 5 (very good)") },
	{ "rating add", "comment", N_("the citizen's words") },
	{ "rating list", "bad", N_("only bad ratings (1 or 2) with their rectification") },
	/* Scripting and data exchange */
	{ NULL, "header", N_("the CSV/TSV header row: code (stable codes, the default, for scripts), zh or en (labels in that language)") },
	{ NULL, "excel", N_("a CSV Excel opens right: UTF-8 with a byte-order mark (or GBK with --encoding gbk), long digit strings such as IDs kept as text") },
	{ NULL, "dry-run", N_("check every row and write nothing") },
	{ NULL, "labels", N_("statuses, lights and channels as people read them, in your language, instead of codes") },
	{ NULL, "nos-from", N_("look up the case numbers of this file (- : standard input): one a line, or the column no/办件编号 of a CSV") },
	{ NULL, "applicants-from", N_("look up the applicants of this file (- : standard input): one ID a line, or the column applicant/申请人证件号码 of a CSV") },
	{ NULL, "column", N_("the column of the --nos-from or --applicants-from CSV to read, by its header") },
	{ "query save", "share", N_("share the query with the users of your region (supervisors)") },
	/* The dashboard's drill-downs, as case find and case export filters */
	{ "dashboard", "drill", N_("with --once: every figure with its number and the case find options that list its cases") },
	{ "case", "open", N_("only open cases") },
	{ "case", "area", N_("only cases handled by an office in this region (code) and below it") },
	{ "case", "area-only", N_("only cases handled by an office of exactly this region (a district's own departments)") },
	{ "case", "step", N_("only open cases waiting in this step (its number) of their item") },
	{ "case", "step-late", N_("only open cases waiting in their step longer than its limit") },
	{ "case", "finished-from", N_("only cases completed on or after this day") },
	{ "case", "finished-to", N_("only cases completed on or before this day") },
	{ "case", "on-time", N_("only cases decided on time (yes) or late (no)") },
	{ "case", "anomaly", N_("only cases with an anomaly of this kind (dashboard --once --drill lists the kinds)") },
	{ "case", "anomaly-from", N_("with --anomaly: recorded on or after this day") },
	{ "case", "anomaly-to", N_("with --anomaly: recorded on or before this day") },
	{ "case", "pledge-overdue", N_("only cases with pledged materials outstanding past their day (容缺受理)") },
	{ "case", "suspend-overdue", N_("only cases suspended past the period told (art. 45)") },
	{ "report daily", "offices", N_("the day's figures per office instead of the red and yellow cases") },
	{ NULL, NULL, NULL }
};

/* What a row's usage and options do not say: the columns an import reads. */
struct note {
	const char *cmd;
	const char *text;
};

static const struct note notes[] = {
	{ "case import", N_("columns (a header first; codes or the Chinese names): item|事项编码, "
	    "applicant_id|申请人证件号码, applicant_name|申请人名称, phone|联系电话, "
	    "applicant_region|申请人所在区划, channel|申请渠道 (window/窗口, online/网上, "
	    "self-service/自助; empty: window), materials|已收材料 (1,2,3), name_differs|确认更名 "
	    "(yes/是), submitted|收件日期 (within the last year; empty: today). UTF-8 or GBK, "
	    "found by itself; errors FILE:LINE:COLUMN; all rows or none. The new case numbers "
	    "go to standard output, one a line.") },
	{ "user import", N_("columns (a header first; codes or the Chinese names): login|登录名, "
	    "name|姓名, role|角色 (clerk/窗口人员, approver/审批人员, supervisor/效能监察人员, "
	    "admin/系统管理员), region|区划, office|办理机关, lang|语言, encoding|终端编码, "
	    "head|负责人 (yes/是), state|状态 (active/disabled), keys|公钥 (OpenSSH public keys, "
	    "one a line of the cell). A login that exists must match and only gets the keys it "
	    "lacks. As user export writes them.") },
	{ "item import", N_("columns: code, name, name_en, power_type, dept_kind, levels, "
	    "statutory_days, promised_days, fee, online_depth, channels, guide, applicant_kind, "
	    "and optionally materials (SEQ|REQUIRED|SECONDARY|NAME a line) and steps "
	    "(SEQ|DEPT_KIND|LIMIT_DAYS|NAME|NAME_EN a line), as item export writes them.") },
	{ "query save", N_("the words after -- are the command, saved as typed; only a command "
	    "that reads may be saved. Whoever runs the query runs it with their own rights.") },
	{ NULL, NULL }
};

const char *
cmd_help_note(const struct cmd_entry *e)
{
	char name[64];
	size_t i;

	snprintf(name, sizeof name, "%s%s%s", e->noun, e->verb ? " " : "", e->verb ? e->verb : "");
	for (i = 0; notes[i].cmd != NULL; i++)
		if (strcmp(notes[i].cmd, name) == 0)
			return notes[i].text;
	return NULL;
}

struct example {
	const char *cmd;	/* "noun verb" or "noun" */
	const char *line;
};

static const struct example examples[] = {
	{ "case show", "case show 500103-20261124-000001" },
	{ "case import", "case import --dry-run - < 收件登记.csv" },
	{ "user import", "user import - < 人员.csv" },
	{ "user export", "user export --header zh --encoding gbk > 人员.csv" },
	{ "query save", "query save weekly --share -- case find --status open --format csv" },
	{ "query list", "query list" },
	{ "query run", "query run weekly --encoding gbk --bom > weekly.csv" },
	{ "query delete", "query delete weekly" },
	{ "case find", "case find --name 张 --status submitted --limit 20" },
	{ "case export", "case export --from 2026-11-01 --to 2026-11-30 --format csv --encoding gbk --bom" },
	{ "case new", "case new --item 000101001000 --applicant-id 500229199003077779 --applicant-name 张三 --phone 13800000000 --channel window --materials 1,2" },
	{ "case act", "case act 500103-20261124-000001 accept --materials 1,2 --note 'materials complete'" },
	{ "case actions", "case actions 500103-20261124-000001" },
	{ "case worklist", "case worklist --mine" },
	{ "case paper", "case paper 500103-20261124-000001 accept --width 32 --encoding gbk" },
	{ "case tell", "case tell 500103-20261124-000001 accept --how phone --note 'told the applicant'" },
	{ "case assign", "case assign 500103-20261124-000001 approver2 --note 'on leave tomorrow'" },
	{ "case appoint", "case appoint 500103-20261124-000001 --wish 'mornings' --contact 13800000000" },
	{ "appointment list", "appointment list --day today" },
	{ "appointment show", "appointment show 3" },
	{ "appointment answer", "appointment answer 3 --day 2026-12-01 --from 09:30 --to 10:30 --inspector approver2" },
	{ "appointment reschedule", "appointment reschedule 3 --day 2026-12-02 --from 14:00 --to 15:00 --note 'the applicant asked'" },
	{ "appointment done", "appointment done 3 --outcome passed --note 'all in order'" },
	{ "appointment cancel", "appointment cancel 3 --note 'the application was withdrawn'" },
	{ "flowchart list", "flowchart list" },
	{ "flowchart show", "flowchart show FC01" },
	{ "flowchart import", "flowchart import /srv/tongban/flowcharts" },
	{ "project new", "project new --flowchart FC01 --org 91500103MA60B00016 --org-name 'Example Co' --name 'Plant No. 2' --channel window" },
	{ "project show", "project show P500103-2026-0001" },
	{ "project list", "project list --limit 20" },
	{ "project find", "project find --status open --light red" },
	{ "project export", "project export --format csv --bom" },
	{ "project withdraw", "project withdraw P500103-2026-0001 --note 'the enterprise withdrew in writing'" },
	{ "project joint", "project joint P500103-2026-0001 --kind survey --day 2026-12-03 --place 'the site'" },
	{ "project findings", "project findings P500103-2026-0001 --text 'no objection'" },
	{ "user me", "user me" },
	{ "user add", "user add clerk3 --role clerk --region 500103 --office 500103-SJ --name 'Li Na' --lang zh" },
	{ "user list", "user list --format csv" },
	{ "user disable", "user disable clerk3" },
	{ "user enable", "user enable clerk3" },
	{ "user passwd", "user passwd clerk3 < password.txt" },
	{ "user set", "user set clerk1 --encoding gbk" },
	{ "user key add", "user key add clerk3 - < id_ed25519.pub" },
	{ "user key list", "user key list clerk3" },
	{ "user key remove", "user key remove clerk3 2" },
	{ "calendar show", "calendar show --year 2026" },
	{ "calendar add", "calendar add 2026-09-30 5" },
	{ "calendar workdays", "calendar workdays 2026-09-30 2026-10-09" },
	{ "calendar import", "calendar import - --encoding gbk < holidays-2027.csv" },
	{ "calendar set", "calendar set warn-percent 75" },
	{ "region list", "region list --parent 500103" },
	{ "region export", "region export > regions.csv" },
	{ "region import", "region import regions.csv" },
	{ "item list", "item list --q 食品" },
	{ "item show", "item show 000101001000" },
	{ "item export", "item export > items.csv" },
	{ "item import", "item import - --encoding gbk < items.csv" },
	{ "item material add", "item material add 000101001000 --name 'site plan' --secondary" },
	{ "item material set", "item material set 000101001000 3 --required no" },
	{ "item step add", "item step add 000101001000 --name 审查 --name-en Review --dept approval --days 3" },
	{ "item step set", "item step set 000101001000 2 --days 5" },
	{ "audit verify", "audit verify" },
	{ "audit export", "audit export --from 2026-11-01 --to 2026-11-30 --format csv" },
	{ "dashboard", "dashboard --once --region 500103" },
	{ "stats check", "stats check" },
	{ "stats rebuild", "stats rebuild" },
	{ "supervise new", "supervise new --case 500103-20261124-000001 --note 'overdue: decide this week' --due 2026-12-04" },
	{ "supervise list", "supervise list --status open" },
	{ "supervise late", "supervise late --region 500103" },
	{ "supervise respond", "supervise respond 4 --note 'decided on 2026-12-02'" },
	{ "supervise close", "supervise close 4" },
	{ "supervise return", "supervise return 4 --note 'the decision is not attached'" },
	{ "complaint new", "complaint new --case 500103-20261124-000001 --text 'asked for a paper twice'" },
	{ "complaint list", "complaint list --status received" },
	{ "complaint accept", "complaint accept 2" },
	{ "complaint refuse", "complaint refuse 2 --note 'not about an administrative approval'" },
	{ "complaint answer", "complaint answer 2 --note 'the clerk apologised; the guide now lists it'" },
	{ "complaint close", "complaint close 2" },
	{ "rating add", "rating add 500103-20261124-000001 --level 2 --comment 'slow'" },
	{ "rating list", "rating list --bad" },
	{ "rating rectify", "rating rectify 5 --note 'a second window opens at noon'" },
	{ "rating callback", "rating callback 5 --note 'the applicant is satisfied'" },
	{ "report daily", "report daily --region 500103" },
	{ "report weekly", "report weekly --date 2026-11-27 --format csv" },
	{ "report monthly", "report monthly --date 2026-10-31" },
	{ "report quarterly", "report quarterly --region 500103" },
	{ "report annual", "report annual --date 2025-12-31 --format json" },
	{ "migrate", "migrate --from /srv/tongban/tongban.db --to postgresql://tongban@db1/tongban" },
	{ "help", "help case act" },
	{ "version", "version" },
	{ NULL, NULL }
};

static void
name_of(const struct cmd_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", e->noun, e->verb ? " " : "", e->verb ? e->verb : "");
}

const char *
cmd_help_option(const struct cmd_entry *e, const char *opt)
{
	char name[64];
	size_t i;

	name_of(e, name, sizeof name);
	for (i = 0; opts[i].opt != NULL; i++)
		if (opts[i].where && strcmp(opts[i].where, name) == 0 && strcmp(opts[i].opt, opt) == 0)
			return opts[i].meaning;
	for (i = 0; opts[i].opt != NULL; i++)
		if (opts[i].where && strcmp(opts[i].where, e->noun) == 0 &&
		    strcmp(opts[i].opt, opt) == 0)
			return opts[i].meaning;
	for (i = 0; opts[i].opt != NULL; i++)
		if (opts[i].where == NULL && strcmp(opts[i].opt, opt) == 0)
			return opts[i].meaning;
	return NULL;
}

const char *
cmd_help_example(const struct cmd_entry *e)
{
	char name[64];
	size_t i;

	name_of(e, name, sizeof name);
	for (i = 0; examples[i].cmd != NULL; i++)
		if (strcmp(examples[i].cmd, name) == 0)
			return examples[i].line;
	return NULL;
}
