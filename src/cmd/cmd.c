/*
 * The command table, the line splitter, option parsing and help. Commands
 * live in cmd_*.c; this file declares every one of them as a row and runs
 * the checks every row shares before its exec: options, the right, the
 * target.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "cmd.h"
#include "i18n.h"
#include "project.h"
#include "report.h"
#include "util.h"

#ifndef TONGBAN_VERSION
#define TONGBAN_VERSION "0.1"
#endif

#define MAX_LINE 8192
#define MAX_WORDS 128

static int cmd_help(struct cmd_ctx *, struct cmd_args *);
static int cmd_version(struct cmd_ctx *, struct cmd_args *);

#define FILTERS "[--no NO] [--applicant ID] [--name TEXT] [--phone P] [--status S] " \
	"[--light green|yellow|red] [--item CODE] [--region CODE] [--office CODE] [--from DATE] " \
	"[--to DATE] [--open] [--area CODE|--area-only CODE] [--step N] [--step-late] " \
	"[--finished-from DATE] [--finished-to DATE] [--on-time yes|no] [--anomaly KIND [--anomaly-from DATE] " \
	"[--anomaly-to DATE]] [--pledge-overdue] [--suspend-overdue] " \
	"[--limit N] [--forecast N] [--nos-from FILE|- | --applicants-from FILE|- " \
	"[--column NAME]] [--format text|csv|tsv|json|jsonl] [--header code|zh|en] [--labels] " \
	"[--excel] [--encoding gbk] [--bom] [--raw]"
#define FILTER_OPTS "no= applicant= name= phone= status= light= item= region= office= " \
	"from= to= open area= area-only= step= step-late finished-from= finished-to= on-time= " \
	"anomaly= anomaly-from= anomaly-to= pledge-overdue suspend-overdue " \
	"limit= forecast= nos-from= applicants-from= column= format= encoding= bom raw " \
	"header= excel labels"
#define LIST "[--format text|csv|tsv|json|jsonl] [--header code|zh|en] [--excel] [--raw]"
#define LIST_OPTS "format= encoding= bom raw header= excel"
#define REPORT_OPTS "region= office= date= format= header= raw"

/*
 * Every command, one row per noun and verb:
 * noun, verb, args, summary, options, min and max positional words, right,
 * target, flags, exec. The options are those each command has always
 * taken, documented in args or not, so that no script breaks.
 */
static const struct cmd_entry commands[] = {
	{ "case", "show", "NO [--format text|json|csv|tsv] [--raw]", N_("one case with its clock and timeline"),
	  "format= encoding= bom raw", 1, 1, RIGHT_CASE_READ, CMD_TARGET_CASE, 0, cmd_case_show },
	{ "case", "find", FILTERS, N_("find cases (newest first)"), FILTER_OPTS, 0, 0,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_case_find },
	{ "case", "export", FILTERS, N_("export cases as they are stored, streaming"), FILTER_OPTS,
	  0, 0, RIGHT_CASE_READ, CMD_TARGET_NONE, CMD_READ_DB, cmd_case_export },
	{ "case", "new", "--item CODE --applicant-id ID --applicant-name NAME [--phone P] "
	  "[--applicant-region CODE] --channel window|online|self-service [--materials 1,2,3] "
	  "[--name-differs]",
	  N_("take in an application"),
	  "item= applicant-id= applicant-name= phone= applicant-region= channel= materials= "
	  "name-differs", 0, 0,
	  RIGHT_CASE_INTAKE, CMD_TARGET_NONE, CMD_WRITES, cmd_case_new },
	{ "case", "import", "FILE|- [--encoding gbk] [--dry-run]",
	  N_("take in the applications of a spreadsheet, all of them or none"),
	  "encoding= dry-run", 1, 1, RIGHT_CASE_INTAKE, CMD_TARGET_NONE, CMD_WRITES, cmd_case_import },
	/* No target: lifecycle_act() finds the case itself, after the
	 * options are checked (a bad --fee is exit 5 before any lookup). */
	{ "case", "act", "NO ACTION [--note TEXT] [--expect-version N] [--materials 1,2] "
	  "[--pledge-materials 3 --pledge-date DATE] [--reason R --days N] [--fee YUAN] "
	  "[--verdict agree|disagree]", N_("take an action (case actions NO lists yours)"),
	  "note= expect-version= materials= pledge-date= pledge-materials= reason= days= fee= "
	  "verdict=", 2, 2, RIGHT_CASE_READ, CMD_TARGET_NONE, CMD_WRITES, cmd_case_act },
	{ "case", "actions", "NO", N_("what you may do on a case now"), "", 1, 1,
	  RIGHT_CASE_READ, CMD_TARGET_CASE, 0, cmd_case_actions },
	{ "case", "worklist", "[--mine|--unassigned] [--limit N] " LIST,
	  N_("your office's cases needing action (--mine: given to you; --unassigned: to nobody)"),
	  "limit= mine unassigned " LIST_OPTS, 0, 0, RIGHT_CASE_WORK, CMD_TARGET_NONE, 0,
	  cmd_case_worklist },
	{ "case", "paper", "NO accept|supplement|refuse|delivery [--format txt|pdf] [--width N] "
	  "[--encoding gbk]", N_("a paper to hand over: 受理通知书, 一次性告知书, 不予受理决定书, "
	  "送达回证 (text for a printer, or PDF)"), "format= width= encoding=", 2, 2,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_case_paper },
	{ "case", "tell", "NO accept|refuse|supplement|suspend|extend|decision|delivery "
	  "--how phone|sms|person|post|online [--note TEXT]",
	  N_("record how the applicant was told of a moment of their case (告知)"),
	  "how= note=", 2, 2, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES, cmd_case_tell },
	{ "case", "assign", "NO LOGIN|none [--note TEXT] [--expect-version N]",
	  N_("give a case of your office to one of its people, or back to the office (none)"),
	  "note= expect-version=", 2, 2, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_case_assign },
	/* Inspection appointments (预约, cmd_appoint.c); the service finds the
	 * case or the appointment and checks who may take each step. */
	{ "case", "appoint", "NO [--channel window|online|self-service] [--wish TEXT] "
	  "[--contact PHONE]", N_("book an on-site inspection (预约) for a case"),
	  "channel= wish= contact=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_case_appoint },
	{ "appointment", "list", "[--mine] [--day DATE|today] [--status requested|booked|done|"
	  "cancelled] [--office CODE] [--case NO] [--overdue] [--late] [--limit N] " LIST,
	  N_("inspection appointments: waiting requests first, then visits by day"),
	  "mine day= status= office= case= overdue late limit= " LIST_OPTS, 0, 0,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_appointment_list },
	{ "appointment", "show", "ID [--format text|json]",
	  N_("one appointment with its history"), "format=", 1, 1,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_appointment_show },
	{ "appointment", "answer", "ID --day DATE --from HH:MM --to HH:MM --inspector LOGIN "
	  "[--note TEXT]", N_("answer a request with a visit (the competent office)"),
	  "day= from= to= inspector= note=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_appointment_answer },
	{ "appointment", "reschedule", "ID --day DATE --from HH:MM --to HH:MM [--inspector LOGIN] "
	  "--note REASON", N_("move a booked visit (its history is kept)"),
	  "day= from= to= inspector= note=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_appointment_reschedule },
	{ "appointment", "done", "ID --outcome passed|failed|absent --note TEXT",
	  N_("record the outcome of a visit"), "outcome= note=", 1, 1,
	  RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES, cmd_appointment_done },
	{ "appointment", "cancel", "ID --note REASON", N_("cancel a request or a visit"),
	  "note=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES, cmd_appointment_cancel },

	{ "flowchart", "list", LIST, N_("the flowcharts of investment projects (1+8)"),
	  LIST_OPTS, 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_flowchart_list },
	{ "flowchart", "show", "CODE " LIST,
	  N_("a flowchart's stages, their limits, joint steps and items"), LIST_OPTS, 1, 1,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_flowchart_show },
	{ "flowchart", "import", "DIR",
	  N_("load flowcharts from a directory on the host (flowcharts.csv and CODE.csv)"), "", 1, 1,
	  RIGHT_HOST_FILES, CMD_TARGET_NONE, CMD_WRITES, cmd_flowchart_import },
	{ "project", "new", "--flowchart CODE --org USCC --org-name NAME --name NAME "
	  "[--site REGION] [--phone P] [--channel online|window|self-service]",
	  N_("open an investment project and its first stage's cases (window clerks)"),
	  "flowchart= org= org-name= name= site= phone= channel=", 0, 0,
	  RIGHT_CASE_INTAKE, CMD_TARGET_NONE, CMD_WRITES, cmd_project_new },
	{ "project", "show", "NO [--format text|json|csv|tsv] [--raw]",
	  N_("one project with its stages, cases, joint steps and clock"),
	  "format= encoding= bom raw", 1, 1, RIGHT_CASE_READ, CMD_TARGET_NONE, 0,
	  cmd_project_show },
	{ "project", "list", "[--limit N] " LIST, N_("the projects you may see (newest first)"),
	  "limit= " LIST_OPTS, 0, 0, RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_project_list },
	{ "project", "find", "[--flowchart CODE] [--status open|done|stopped|withdrawn] "
	  "[--light green|yellow|red] [--region CODE] [--limit N] " LIST,
	  N_("find projects (newest first)"),
	  "flowchart= status= light= region= limit= " LIST_OPTS, 0, 0,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, 0, cmd_project_find },
	{ "project", "export", "[--flowchart CODE] [--status S] [--light L] [--region CODE] "
	  "[--format csv|tsv|json] [--encoding gbk] [--bom] [--raw]",
	  N_("export projects with their clocks"),
	  "flowchart= status= light= region= limit= " LIST_OPTS, 0, 0,
	  RIGHT_CASE_READ, CMD_TARGET_NONE, CMD_READ_DB, cmd_project_export },
	{ "project", "withdraw", "NO --note TEXT",
	  N_("withdraw a project and every open case of it (the hall that opened it)"),
	  "note=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES, cmd_project_withdraw },
	{ "project", "joint", "NO --kind survey|drawings|acceptance --day DATE --place TEXT",
	  N_("schedule the current stage's joint step for all its offices"),
	  "kind= day= place=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_project_joint },
	{ "project", "findings", "NO --text TEXT [--joint ID]",
	  N_("record your office's findings of the joint step"),
	  "text= joint=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_NONE, CMD_WRITES,
	  cmd_project_findings },

	{ "user", "me", LIST, N_("who you are and the rights you hold"),
	  LIST_OPTS, 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_user_me },
	{ "user", "add", "LOGIN --role clerk|approver|supervisor|admin --region CODE "
	  "[--office CODE] [--name NAME] [--lang zh|en] [--head]", N_("add a user"),
	  "role= region= office= name= lang= encoding= head", 1, 1,
	  RIGHT_USER_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_user_add },
	{ "user", "list", LIST, N_("every user"), LIST_OPTS, 0, 0,
	  RIGHT_USER_ADMIN, CMD_TARGET_NONE, 0, cmd_user_list },
	{ "user", "import", "FILE|- [--encoding gbk] [--dry-run]",
	  N_("add users and their keys from a spreadsheet, all of them or none"),
	  "encoding= dry-run", 1, 1, RIGHT_USER_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_user_import },
	{ "user", "export", "[--header code|zh] [--encoding gbk] [--bom]",
	  N_("every user with their keys, as CSV that user import reads back"),
	  "header= encoding= bom", 0, 0, RIGHT_USER_ADMIN, CMD_TARGET_NONE, CMD_READ_DB, cmd_user_export },
	{ "query", "save", "NAME [--share] -- COMMAND...",
	  N_("keep a command that reads (case find, report ...) under a name"), "share", 1, 1,
	  RIGHT_ANY, CMD_TARGET_NONE, CMD_WRITES | CMD_REST, cmd_query_save },
	{ "query", "list", LIST, N_("your saved queries and those shared with your region"),
	  LIST_OPTS, 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_query_list },
	{ "query", "run", "NAME [--format F] [--limit N] [--encoding gbk] [--bom] [--raw]",
	  N_("run a saved query, with your own rights"), "format= limit= encoding= bom raw", 1, 1,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_query_run },
	{ "query", "delete", "NAME", N_("delete one of your saved queries"), "", 1, 1,
	  RIGHT_ANY, CMD_TARGET_NONE, CMD_WRITES, cmd_query_delete },
	{ "user", "disable", "LOGIN", N_("stop a user (their open sessions end)"), "", 1, 1,
	  RIGHT_USER_ADMIN, CMD_TARGET_USER, CMD_WRITES, cmd_user_disable },
	{ "user", "enable", "LOGIN", N_("let a user in again"), "", 1, 1,
	  RIGHT_USER_ADMIN, CMD_TARGET_USER, CMD_WRITES, cmd_user_enable },
	/* Per target: one's own password, or an admin's (access_may_passwd). */
	{ "user", "passwd", "LOGIN", N_("set a password (read from standard input)"), "", 1, 1,
	  RIGHT_ANY, CMD_TARGET_USER, CMD_WRITES, cmd_user_passwd },
	/* Per target: one's own language and encoding, or an admin's. */
	{ "user", "set", "LOGIN [--name NAME] [--lang zh|en] [--encoding utf-8|gbk] [--head yes|no]",
	  N_("change a user's name, language or terminal encoding, or who heads an office"),
	  "name= lang= encoding= head=", 1, 1,
	  RIGHT_ANY, CMD_TARGET_USER, CMD_WRITES, cmd_user_set },
	{ "user", "key add", "LOGIN FILE|-", N_("add an OpenSSH public key"), "", 2, 2,
	  RIGHT_USER_ADMIN, CMD_TARGET_USER, CMD_WRITES, cmd_user_key_add },
	{ "user", "key list", "LOGIN", N_("a user's keys"), "format= raw", 1, 1,
	  RIGHT_USER_ADMIN, CMD_TARGET_USER, 0, cmd_user_key_list },
	{ "user", "key remove", "LOGIN ID", N_("remove a key"), "", 2, 2,
	  RIGHT_USER_ADMIN, CMD_TARGET_USER, CMD_WRITES, cmd_user_key_remove },

	{ "calendar", "show", "[--year Y]", N_("rest days and make-up working days"),
	  LIST_OPTS " year=", 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_calendar_show },
	{ "calendar", "add", "DATE N", N_("the date N working days after DATE"), "", 2, 2,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_calendar_add },
	{ "calendar", "workdays", "FROM TO", N_("working days d with FROM < d <= TO"), "", 2, 2,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_calendar_workdays },
	{ "calendar", "import", "FILE|- [--encoding gbk]", N_("import holidays and make-up days"),
	  "encoding=", 1, 1, RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_calendar_import },
	{ "calendar", "set", "warn-percent [N]", N_("the yellow threshold: the percent of the limit used "
	  "(1 to 100, 80 unless set); without N, the one in force"), "", 1, 2, RIGHT_CATALOG_ADMIN,
	  CMD_TARGET_NONE, CMD_WRITES, cmd_calendar_set },
	{ "region", "list", "[--parent CODE]", N_("administrative divisions"),
	  LIST_OPTS " parent=", 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_region_list },
	{ "region", "export", "", N_("every division as CSV"), LIST_OPTS " parent=", 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, CMD_READ_DB, cmd_region_export },
	{ "region", "import", "FILE|- [--encoding gbk]", N_("import divisions"), "encoding=", 1, 1,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_region_import },
	{ "item", "list", "[--q TEXT]", N_("the item catalog"), LIST_OPTS " q=", 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_item_list },
	{ "item", "show", "CODE", N_("one item with its materials, steps and guide"),
	  LIST_OPTS " q=", 1, 1, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_item_show },
	{ "item", "export", "", N_("the catalog as CSV"), LIST_OPTS " q=", 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, CMD_READ_DB, cmd_item_export },
	{ "item", "import", "FILE|- [--encoding gbk]", N_("import items"), "encoding=", 1, 1,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_item_import },
	{ "item", "material add", "CODE --name NAME [--optional] [--secondary]",
	  N_("add a material to an item (the next number)"), "name= optional secondary", 1, 1,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_item_material_add },
	{ "item", "material set", "CODE SEQ [--name NAME] [--required yes|no] [--secondary yes|no]",
	  N_("change a material of an item in place"), "name= required= secondary=", 2, 2,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_item_material_set },
	{ "item", "step add", "CODE --name NAME --name-en NAME --dept KIND --days N",
	  N_("add a step to an item (the next number)"), "name= name-en= dept= days=", 1, 1,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_item_step_add },
	{ "item", "step set", "CODE SEQ [--dept KIND] [--name NAME] [--name-en NAME] [--days N]",
	  N_("change a step of an item in place"), "name= name-en= dept= days=", 2, 2,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_item_step_set },

	{ "audit", "verify", "", N_("check the hash chain of every event"), "", 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, 0, cmd_audit_verify },
	{ "audit", "export", "--from DATE --to DATE [--format csv|json|text] [--raw]",
	  N_("events of a period"), LIST_OPTS " from= to=", 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_audit_export },
	{ "dashboard", NULL, "--once [--region CODE] [--format json|text] [--drill]",
	  N_("the supervision figures of your region"), "once format= region= drill", 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, 0, cmd_dashboard },
	{ "stats", "check", "", N_("compare the summaries with a recomputation"), "", 0, 0,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_READ_DB, cmd_stats_check },
	{ "stats", "rebuild", "", N_("recompute the summaries"), "", 0, 0,
	  RIGHT_CATALOG_ADMIN, CMD_TARGET_NONE, CMD_WRITES, cmd_stats_rebuild },

	{ "supervise", "new", "--case NO|--office CODE --note TEXT --due DATE",
	  N_("issue a supervision order (督办)"), "case= office= note= due= format=", 0, 0,
	  RIGHT_ORDER_ISSUE, CMD_TARGET_NONE, CMD_WRITES, cmd_supervise_new },
	{ "supervise", "list", "[--status open|responded|closed] " LIST,
	  N_("supervision orders you may see"), "status= " LIST_OPTS, 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_supervise_list },
	{ "supervise", "late", "[--region CODE] " LIST,
	  N_("orders, complaints and rectifications past their deadlines"), "region= " LIST_OPTS,
	  0, 0, RIGHT_SUPERVISE, CMD_TARGET_NONE, 0, cmd_supervise_late },
	{ "supervise", "respond", "ID --note TEXT", N_("the office answers an order"), "note= format=",
	  1, 1, RIGHT_CASE_WORK, CMD_TARGET_RECORD, CMD_WRITES, cmd_supervise_step },
	{ "supervise", "close", "ID [--note TEXT]", N_("close an order"), "note= format=", 1, 1,
	  RIGHT_ORDER_ISSUE, CMD_TARGET_RECORD, CMD_WRITES, cmd_supervise_step },
	{ "supervise", "return", "ID --note TEXT", N_("send a response back"), "note= format=", 1, 1,
	  RIGHT_ORDER_ISSUE, CMD_TARGET_RECORD, CMD_WRITES, cmd_supervise_step },
	{ "complaint", "new", "--case NO|--office CODE --text TEXT [--missing-material]",
	  N_("log a complaint (投诉)"), "case= office= text= missing-material format=", 0, 0,
	  RIGHT_COMPLAINT_LOG, CMD_TARGET_NONE, CMD_WRITES, cmd_complaint_new },
	{ "complaint", "list", "[--status received|accepted|refused|answered|closed] " LIST,
	  N_("complaints you may see"), "status= " LIST_OPTS, 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_complaint_list },
	{ "complaint", "accept", "ID", N_("accept a complaint (within 5 working days)"), "note= format=",
	  1, 1, RIGHT_ORDER_ISSUE, CMD_TARGET_RECORD, CMD_WRITES, cmd_complaint_step },
	{ "complaint", "refuse", "ID --note TEXT", N_("refuse a complaint, with the reason"),
	  "note= format=", 1, 1, RIGHT_ORDER_ISSUE, CMD_TARGET_RECORD, CMD_WRITES, cmd_complaint_step },
	{ "complaint", "answer", "ID --note TEXT", N_("the office answers a complaint"), "note= format=",
	  1, 1, RIGHT_CASE_WORK, CMD_TARGET_RECORD, CMD_WRITES, cmd_complaint_step },
	{ "complaint", "close", "ID", N_("close an answered complaint"), "note= format=", 1, 1,
	  RIGHT_ORDER_ISSUE, CMD_TARGET_RECORD, CMD_WRITES, cmd_complaint_step },
	{ "rating", "add", "NO --level 1-5 [--comment TEXT]",
	  N_("record a citizen's rating (好差评) of a finished case"), "level= comment= format=", 1, 1,
	  RIGHT_RATE, CMD_TARGET_NONE, CMD_WRITES, cmd_rating_add },
	{ "rating", "list", "[--bad] " LIST, N_("ratings and rectifications"),
	  "bad " LIST_OPTS, 0, 0, RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_rating_list },
	{ "rating", "rectify", "ID --note TEXT",
	  N_("the rated office reports its rectification (within 15 working days)"),
	  "note= format=", 1, 1, RIGHT_CASE_WORK, CMD_TARGET_RECORD, CMD_WRITES, cmd_rating_step },
	/* Per record: a supervisor of its region or the hall that took the
	 * case in, never the rated office (access_record_may). */
	{ "rating", "callback", "ID --note TEXT",
	  N_("record the call back to the applicant (a supervisor or the hall)"),
	  "note= format=", 1, 1, RIGHT_ANY, CMD_TARGET_RECORD, CMD_WRITES, cmd_rating_step },

	/* The five reports share one exec: the kind is the verb. */
	{ "report", "daily", "[--region CODE] [--office CODE] [--date DATE] [--offices] "
	  "[--format text|csv|json] [--header code|zh|en]",
	  N_("daily scan: every red and yellow case per office"), REPORT_OPTS " offices", 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_report_run },
	{ "report", "weekly", "[--region CODE] [--office CODE] [--date DATE] [--format ...] "
	  "[--header code|zh|en]",
	  N_("weekly dispatch per office"), REPORT_OPTS, 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_report_run },
	{ "report", "monthly", "[--region CODE] [--date DATE] [--format ...] "
	  "[--header code|zh|en]",
	  N_("monthly bulletin: districts and departments ranked"), REPORT_OPTS, 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_report_run },
	{ "report", "quarterly", "[--region CODE] [--date DATE] [--format ...] "
	  "[--header code|zh|en]",
	  N_("quarterly analysis with grading and recommendations"), REPORT_OPTS, 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_report_run },
	{ "report", "annual", "[--region CODE] [--date DATE] [--format ...] "
	  "[--header code|zh|en]",
	  N_("annual evaluation with the five indicators"), REPORT_OPTS, 0, 0,
	  RIGHT_SUPERVISE, CMD_TARGET_NONE, CMD_READ_DB, cmd_report_run },

	/* On the host only: it reads a database file by its path. It writes
	 * another database than the session's: not CMD_WRITES. */
	{ "migrate", NULL, "--from FILE --to postgresql://USER@HOST/DB",
	  N_("copy an SQLite database whole into an empty PostgreSQL database"), "from= to=", 0, 0,
	  RIGHT_HOST_FILES, CMD_TARGET_NONE, 0, cmd_migrate },

	{ "help", NULL, "[COMMAND]", N_("this help"), NULL, 0, 2,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_help },
	{ "version", NULL, "", N_("the version of tongban"), NULL, 0, 0,
	  RIGHT_ANY, CMD_TARGET_NONE, 0, cmd_version },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct cmd_entry *
cmd_entries(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

/* Does a message begin "FILE:LINE:"? */
static int
names_place(const char *s)
{
	const char *colon = strchr(s, ':');

	if (colon == NULL || colon == s || colon[1] < '0' || colon[1] > '9')
		return 0;
	for (colon++; *colon >= '0' && *colon <= '9'; colon++)
		;
	return *colon == ':';
}

int
cmd_fail(struct cmd_ctx *c, int code, const char *fmt, ...)
{
	struct sb m = SB_INIT;
	const char *line, *end;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&m, fmt, ap);
	va_end(ap);
	/* One message per line; a line that names a place in a file
	 * ("items.csv:12:3: expected ...") is left as it is, the form editors
	 * and scripts read. */
	for (line = m.buf; ; line = end + 1) {
		end = strchr(line, '\n');
		if (!names_place(line))
			fputs("tongban: ", c->err);
		fwrite(line, 1, end ? (size_t)(end - line) : strlen(line), c->err);
		fputc('\n', c->err);
		if (end == NULL)
			break;
	}
	fflush(c->err);
	sb_release(&m);
	return code;
}

int
cmd_store_error(struct cmd_ctx *c)
{
	return cmd_fail(c, EXIT_INTERNAL, "%s", store_error(c->s->st));
}

/* 1 when row e's verb is the words at argv (one or two of them). */
static int
verb_matches(const struct cmd_entry *e, int argc, char **argv, int *used)
{
	const char *sp;
	size_t n;

	if (e->verb == NULL) {
		*used = 1;
		return 1;
	}
	if (argc < 2)
		return 0;
	sp = strchr(e->verb, ' ');
	if (sp == NULL) {
		*used = 2;
		return strcmp(e->verb, argv[1]) == 0;
	}
	n = (size_t)(sp - e->verb);
	*used = 3;
	return argc >= 3 && strlen(argv[1]) == n && strncmp(e->verb, argv[1], n) == 0 &&
	    strcmp(sp + 1, argv[2]) == 0;
}

const struct cmd_entry *
cmd_find(int argc, char **argv, int *used)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (argc >= 1 && strcmp(commands[i].noun, argv[0]) == 0 &&
		    verb_matches(&commands[i], argc, argv, used))
			return &commands[i];
	return NULL;
}

int
cmd_writes(int argc, char **argv)
{
	const struct cmd_entry *e;
	int used;

	e = cmd_find(argc, argv, &used);
	/* An unknown line is treated as writing: never run again by itself. */
	return e == NULL || (e->flags & CMD_WRITES);
}

static int
noun_known(const char *noun)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].noun, noun) == 0)
			return 1;
	return 0;
}

static void
row_line(FILE *fp, const struct cmd_entry *e)
{
	fprintf(fp, "%s%s%s%s%s", e->noun, e->verb ? " " : "", e->verb ? e->verb : "",
	    *e->args ? " " : "", e->args);
}

/* The usage of every row of noun, one line each. */
static int
noun_usage(struct cmd_ctx *c, const char *noun)
{
	size_t i;

	fprintf(c->err, "%s\n", _("usage:"));
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].noun, noun) == 0) {
			fputs("  ", c->err);
			row_line(c->err, &commands[i]);
			fputc('\n', c->err);
		}
	return EXIT_USAGE;
}

int
cmd_row_usage(struct cmd_ctx *c, const struct cmd_args *a)
{
	fprintf(c->err, "%s\n  ", _("usage:"));
	row_line(c->err, a->e);
	fputc('\n', c->err);
	return EXIT_USAGE;
}

const char *
cmd_arg(const struct cmd_args *a, const char *name)
{
	return cmd_opt(a->opt, name);
}

/* Split the row's option list ("note= due= bom") into a->opt. */
static void
row_options(struct cmd_args *a)
{
	char *p, *save = NULL;
	int n = 0;

	snprintf(a->names, sizeof a->names, "%s", a->e->options ? a->e->options : "");
	for (p = strtok_r(a->names, " ", &save); p != NULL && n < CMD_MAXOPTS;
	    p = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(p);

		a->opt[n].arg = len > 0 && p[len - 1] == '=';
		if (a->opt[n].arg)
			p[len - 1] = '\0';
		a->opt[n].name = p;
		n++;
	}
	assert(p == NULL);	/* a row never declares more than CMD_MAXOPTS */
	a->opt[n].name = NULL;
}

/* Parse, check the right, resolve the target, run. */
static int
run_row(struct cmd_ctx *c, const struct cmd_entry *e, int argc, char **argv, int used)
{
	struct cmd_args a;
	char *cause = NULL;
	long n;
	int rc;

	memset(&a, 0, sizeof a);
	a.e = e;
	if (!access_has(&c->s->user, e->right))
		return cmd_fail(c, EXIT_DENIED, "%s", access_denied_text(e->right));
	row_options(&a);
	if (e->flags & CMD_REST) {
		int k;

		for (k = used; k < argc && strcmp(argv[k], "--") != 0; k++)
			;
		if (k < argc) {
			a.rest = argv + k + 1;
			a.nrest = argc - k - 1;
		}
		argc = k;
	}
	if ((rc = cmd_opts(c, argc - used, argv + used, a.opt, a.pos, &a.npos, e->maxpos)) != 0)
		return rc == EXIT_USAGE ? cmd_row_usage(c, &a) : rc;
	if (a.npos < e->minpos)
		return cmd_row_usage(c, &a);
	switch (e->target) {
	case CMD_TARGET_CASE:
		if ((rc = case_get(c->s, a.pos[0], &a.target, &cause)) != 0) {
			cmd_fail(c, rc, "%s", cause);
			free(cause);
			return rc;
		}
		break;
	case CMD_TARGET_RECORD:
		if (parse_int(a.pos[0], 1, 2147483647, &n) != 0)
			return cmd_fail(c, EXIT_INVALID, _("expected a record number, not '%s'"), a.pos[0]);
		a.id = n;
		break;
	case CMD_TARGET_USER:
	case CMD_TARGET_NONE:
		break;
	}
	if (e->flags & CMD_READ_DB) {
		struct store *primary = session_read_begin(c->s);
		char *note = session_read_note(c->s);

		if (note != NULL)
			fprintf(c->err, "tongban: %s\n", note);
		free(note);
		rc = e->exec(c, &a);
		session_read_end(c->s, primary);
	} else
		rc = e->exec(c, &a);
	if (a.target.no != NULL)
		tcase_release(&a.target);
	return rc;
}

int
cmd_run(struct cmd_ctx *c, int argc, char **argv)
{
	static char help[] = "help";
	static char *help_argv[] = { help, NULL };
	const struct cmd_entry *e;
	char *cause = NULL;
	int i, rc, used;

	if (argc < 1) {
		argv = help_argv;
		argc = 1;
	}
	for (i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		unsigned cp;

		if (n > 4096 || !utf8_valid(argv[i], n))
			return cmd_fail(c, EXIT_INVALID,
			    _("argument %d is not valid UTF-8 text of at most 4096 bytes"), i + 1);
		/* Every input refuses what a terminal would obey (escape
		 * sequences, CR): names and notes reach other users' screens.
		 * TAB and LF are text in a note. */
		if (utf8_ctl(argv[i], n, UTF8_CTL_TEXT, &cp) >= 0)
			return cmd_fail(c, EXIT_INVALID,
			    _("argument %d contains the control character U+%04X"), i + 1, cp);
	}
	e = cmd_find(argc, argv, &used);
	if (e == NULL && noun_known(argv[0]))
		return noun_usage(c, argv[0]);
	if (e == NULL)
		return cmd_fail(c, EXIT_USAGE, _("unknown command '%s' (try 'help')"), argv[0]);
	/* A command runs at one instant, as the user stands now. */
	if ((rc = session_refresh(c->s, &cause)) != 0) {
		rc = cmd_fail(c, rc, "%s", cause);
		free(cause);
		return rc;
	}
	c->today = session_today(c->s);
	return run_row(c, e, argc, argv, used);
}

/* Under a row's usage and summary: each option with its meaning, and an
 * example (cmd_help.c). */
static void
help_details(FILE *out, const struct cmd_entry *e)
{
	char names[400], *o, *save = NULL;
	const char *ex = cmd_help_example(e);
	int first = 1;

	snprintf(names, sizeof names, "%s", e->options ? e->options : "");
	for (o = strtok_r(names, " ", &save); o; o = strtok_r(NULL, " ", &save)) {
		size_t n = strcspn(o, "=");
		int value = o[n] == '=';
		const char *m;
		char opt[64];

		o[n] = '\0';
		m = cmd_help_option(e, o);
		if (first)
			fprintf(out, "      %s\n", _("options:"));
		first = 0;
		snprintf(opt, sizeof opt, "--%s%s", o, value ? _(" VALUE") : "");
		fputs("        ", out);
		out_pad(out, opt, 24);
		fprintf(out, " %s\n", m ? _(m) : "");
	}
	if (ex)
		fprintf(out, "      %s %s\n", _("example:"), ex);
	if (cmd_help_note(e) != NULL)
		fprintf(out, "      %s\n", _(cmd_help_note(e)));
	fputc('\n', out);
}

static int
cmd_help(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *noun = NULL;
	size_t i;
	int found = 0;

	if (a->npos >= 1) {
		noun = a->pos[0];
		for (i = 0; i < NCOMMANDS; i++) {
			const struct cmd_entry *e = &commands[i];

			if (strcmp(e->noun, noun) != 0 || (a->npos == 2 && e->verb &&
			    strcmp(e->verb, a->pos[1]) != 0))
				continue;
			if (!found)
				fprintf(c->out, "%s\n\n", noun);
			found = 1;
			fputs("  ", c->out);
			row_line(c->out, e);
			fprintf(c->out, "\n      %s%s\n", _(e->summary),
			    e->flags & CMD_WRITES ? _(" (changes data)") : "");
			help_details(c->out, e);
		}
		if (!found)
			return cmd_fail(c, EXIT_NOTFOUND, _("no command '%s'"), noun);
		fprintf(c->out, "\n%s\n", _("Exit codes: 0 ok, 1 usage, 2 not found, 3 permission "
		    "denied, 4 conflict, 5 invalid input, 10+ internal error."));
		/* The reports' formulas, documented beside the verbs that print them. */
		if (strcmp(noun, "project") == 0 || strcmp(noun, "flowchart") == 0) {
			fputc('\n', c->out);
			for (i = 0; project_help[i] != NULL; i++)
				fprintf(c->out, "  %s\n", _(project_help[i]));
		}
		if (strcmp(noun, "report") == 0) {
			fprintf(c->out, "\n  %s\n  %s\n  %s\n", _("--date DATE: the period that holds "
			    "DATE; without it the last complete week, month, quarter or year (the "
			    "daily scan: today)."), _("--header code|zh|en: the CSV header row as "
			    "stable codes (the default, for scripts) or as labels in Chinese or English; "
			    "JSON keys are always codes."), _("a figure with nothing completed in the "
			    "period prints – (JSON: null)."));
			fprintf(c->out, "\n%s\n", _("how the figures are computed:"));
			for (i = 0; report_formula[i] != NULL; i++)
				fprintf(c->out, "  %s\n", _(report_formula[i]));
		}
		return EXIT_OK;
	}
	fprintf(c->out, "%s\n\n", _("tongban commands (help COMMAND for details):"));
	for (i = 0; i < NCOMMANDS; i++) {
		const struct cmd_entry *e = &commands[i];
		char name[40];

		if (!access_has(&c->s->user, e->right))
			continue;
		snprintf(name, sizeof name, "%s%s%s", e->noun, e->verb ? " " : "",
		    e->verb ? e->verb : "");
		fputs("  ", c->out);
		out_pad(c->out, name, 20);
		fprintf(c->out, "%s\n", _(e->summary));
	}
	fprintf(c->out, "\n%s\n", _("Exit codes: 0 ok, 1 usage, 2 not found, 3 permission "
	    "denied, 4 conflict, 5 invalid input, 10+ internal error."));
	return EXIT_OK;
}

static int
cmd_version(struct cmd_ctx *c, struct cmd_args *a)
{
	(void)a;
	fprintf(c->out, "tongban %s\n", TONGBAN_VERSION);
	return EXIT_OK;
}

int
cmd_opts(struct cmd_ctx *c, int argc, char **argv, struct opt *opts,
    char **pos, int *npos, int maxpos)
{
	int i;

	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		struct opt *o;
		const char *eq;
		size_t n;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos >= maxpos)
				return cmd_fail(c, EXIT_USAGE, _("unexpected argument '%s' (over ssh, "
				    "text with spaces needs quotes that reach the server: "
				    "\"--note 'two words'\")"), a);
			pos[(*npos)++] = argv[i];
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o->name != NULL; o++)
			if (strlen(o->name) == n && strncmp(o->name, a, n) == 0)
				break;
		if (o->name == NULL)
			return cmd_fail(c, EXIT_USAGE, _("unknown option '--%.*s'"), (int)n, a);
		o->seen = 1;
		if (!o->arg) {
			if (eq)
				return cmd_fail(c, EXIT_USAGE, _("option '--%s' takes no value"), o->name);
			continue;
		}
		if (eq)
			o->value = eq + 1;
		else if (i + 1 < argc)
			o->value = argv[++i];
		else
			return cmd_fail(c, EXIT_USAGE, _("option '--%s' needs a value"), o->name);
	}
	return EXIT_OK;
}

const char *
cmd_opt(const struct opt *opts, const char *name)
{
	for (; opts->name != NULL; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts->seen ? (opts->arg ? opts->value : "") : NULL;
	return NULL;
}

int
cmd_table(struct cmd_ctx *c, struct out *o, const struct opt *opts, enum fmt def,
    size_t ncols, const char *const *keys, const char *const *labels)
{
	const char *f = cmd_opt(opts, "format");
	const char *enc = cmd_opt(opts, "encoding");
	const char *header = cmd_opt(opts, "header");
	int excel = cmd_opt(opts, "excel") != NULL;
	int gbk = enc != NULL && strcasecmp(enc, "gbk") == 0;
	enum fmt fmt = def;

	if (f != NULL && out_parse_format(f, &fmt) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--format: expected text, csv, tsv, json or jsonl, "
		    "found '%s'"), f);
	if (header != NULL && strcmp(header, "code") != 0 && strcmp(header, "zh") != 0 &&
	    strcmp(header, "en") != 0)
		return cmd_fail(c, EXIT_INVALID, _("--header: expected code, zh or en, found '%s'"),
		    header);
	/* --excel: a file Excel opens as it should, CSV unless told otherwise,
	 * with a BOM when it is UTF-8. */
	if (excel && f == NULL)
		fmt = FMT_CSV;
	if (out_begin_headless(o, c->out, fmt, ncols, keys, labels, enc,
	    cmd_opt(opts, "bom") != NULL || (excel && !gbk)) != 0)
		return cmd_fail(c, EXIT_INVALID, _("--encoding: expected utf-8 or gbk, found '%s'"), enc);
	o->raw = cmd_opt(opts, "raw") != NULL;
	o->excel = excel;
	if (header == NULL || strcmp(header, "code") == 0)
		out_header(o, keys);
	else {
		/* The labels in the language asked for, whatever the user's. */
		char lang[4];
		char **names = xcalloc(ncols, sizeof *names);
		size_t i;

		snprintf(lang, sizeof lang, "%s", i18n_lang());
		i18n_set_lang(header);
		for (i = 0; i < ncols; i++) {
			const char *l = out_column_label(keys[i]);

			/* A column without a label of its own keeps the caller's
			 * when it is in that language, else its key. */
			if (l == keys[i] && labels != NULL && strcmp(lang, header) == 0)
				l = labels[i];
			names[i] = xstrdup(l);
			/* English labels are the keys in words: "Item name". */
			if (l == keys[i] && strcmp(header, "en") == 0) {
				char *p;

				for (p = names[i]; *p; p++)
					if (*p == '_')
						*p = ' ';
				if (names[i][0] >= 'a' && names[i][0] <= 'z')
					names[i][0] = (char)(names[i][0] - 'a' + 'A');
			}
		}
		i18n_set_lang(lang);
		out_header(o, (const char *const *)names);
		for (i = 0; i < ncols; i++)
			free(names[i]);
		free(names);
	}
	return EXIT_OK;
}

int
cmd_split(const char *line, int *argc, char ***argv, char **cause)
{
	struct sb word = SB_INIT;
	char **v = NULL;
	int n = 0, in_word = 0;
	const char *p = line;

	if (strlen(line) > MAX_LINE) {
		set_cause(cause, _("command line longer than %d bytes"), MAX_LINE);
		return -1;
	}
	v = xcalloc(MAX_WORDS + 1, sizeof *v);
	for (;;) {
		char ch = *p;

		if (ch == '\0' || ch == ' ' || ch == '\t' || ch == '\n') {
			if (in_word) {
				if (n >= MAX_WORDS) {
					set_cause(cause, _("more than %d words"), MAX_WORDS);
					goto fail;
				}
				v[n++] = sb_detach(&word);
				in_word = 0;
			}
			if (ch == '\0')
				break;
			p++;
			continue;
		}
		in_word = 1;
		if (ch == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (end == NULL) {
				set_cause(cause, _("unmatched single quote"));
				goto fail;
			}
			sb_add(&word, p + 1, (size_t)(end - p - 1));
			p = end + 1;
		} else if (ch == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				sb_addc(&word, *p);
			}
			if (*p != '"') {
				set_cause(cause, _("unmatched double quote"));
				goto fail;
			}
			p++;
		} else if (ch == '\\' && p[1] != '\0') {
			sb_addc(&word, p[1]);
			p += 2;
		} else {
			sb_addc(&word, ch);
			p++;
		}
	}
	*argc = n;
	*argv = v;
	return 0;
fail:
	sb_release(&word);
	cmd_free_argv(n, v);
	return -1;
}

void
cmd_free_argv(int argc, char **argv)
{
	int i;

	if (argv == NULL)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

const char *
cmd_strip_ssh(const char *line)
{
	const char *p = line, *w;

	while (*p == ' ')
		p++;
	if (p[0] == '$' && p[1] == ' ')
		p += 2;
	while (*p == ' ')
		p++;
	if (strncmp(p, "ssh ", 4) != 0)
		return p;
	p += 4;
	/* options (those of ssh that take a value take the next word) */
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p != '-')
			break;
		w = p;
		p += strcspn(p, " ");
		if (p - w == 2 && strchr("bcDEeFIiJLlmOopQRSWw", w[1]) != NULL) {
			while (*p == ' ')
				p++;
			p += strcspn(p, " ");
		}
	}
	/* the destination, then the command */
	p += strcspn(p, " ");
	while (*p == ' ')
		p++;
	return p;
}
