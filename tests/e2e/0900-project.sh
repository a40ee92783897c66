#!/usr/bin/env bash
# An investment project over the real ssh client, from opening to completion
# acceptance under the real-estate flowchart: the window clerk of a 城口县
# hall opens it for an enterprise; each stage's cases are routed to the
# district departments and decided in parallel; a stage with a joint step
# (the joint site survey of stage 1) waits for every office's findings; the
# project is done after the last stage. Read in Chinese (clerk1) and in
# English (supervisor2), with the exit codes of refused commands.
#
# The flowchart is read from `flowchart show` rather than written in here,
# so that the researched data of data/flowcharts may change its items.
. "$(dirname "$0")/lib.sh"
start_server 300

P_ORG=91500229MA5U00001B	# a unified social credit code of 城口县
rc_of() { "$@" >/dev/null 2>&1; echo $?; }
json_get() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], "(missing)"))' "$1" "$2"; }

# An approver a_KIND for every department kind of 城口县 (500229) that has
# an office there; keys for all of them.
kinds=$(tail -n +2 data/departments.csv | cut -d, -f1 | sort -u)
for k in $kinds; do
	if "$TB" --db "$DB" user add "a_$k" --role approver --region 500229 --office "500229.$k" \
	    --lang zh >/dev/null 2>&1; then
		"$TB" --db "$DB" user key add "a_$k" "$TMP/key.pub" >/dev/null
	fi
done

# The real-estate flowchart's name and limit, as data/flowcharts has them.
RE_NAME=$(grep '^real-estate,' data/flowcharts/flowcharts.csv | cut -d, -f2)
RE_DAYS=$(grep '^real-estate,' data/flowcharts/flowcharts.csv | cut -d, -f4)
# The demo's own projects, there before this test opens any.
demo_projects=$(ssh_as supervisor1 project list --format csv | wc -l)

# Refusals first: each with its exit code, and nothing opened.
expect_eq "project: an unknown flowchart is invalid input (exit 5)" \
    "$(rc_of ssh_as clerk1 project new --flowchart nosuch --org $P_ORG --org-name 城口置业有限公司 --name 葛城花园)" 5
expect_eq "project: a unified social credit code with a wrong check character (exit 5)" \
    "$(rc_of ssh_as clerk1 project new --flowchart real-estate --org 91500229MA5U00001C --org-name 城口置业有限公司 --name 葛城花园)" 5
expect_eq "project: a site outside the clerk's district (exit 5)" \
    "$(rc_of ssh_as clerk1 project new --flowchart real-estate --org $P_ORG --org-name 城口置业有限公司 --name 葛城花园 --site 500103)" 5
expect_eq "project: an approver does not open projects (exit 3)" \
    "$(rc_of ssh_as a_planning project new --flowchart real-estate --org $P_ORG --org-name 城口置业有限公司 --name 葛城花园)" 3
expect_eq "project: ... and nothing was opened" "$(ssh_as supervisor1 project list --format csv | wc -l)" "$demo_projects"

# The flowchart as the clerk reads it.
out=$(ssh_as clerk1 flowchart list)
expect_has "project: flowchart list names the real-estate flowchart in Chinese" "$out" "$RE_NAME"
chart=$(ssh_as clerk1 flowchart show real-estate --format csv)
nstages=$(tail -n +2 <<<"$chart" | cut -d, -f1 | sort -un | tail -1)
check "project: the real-estate flowchart has stages" test "${nstages:-0}" -ge 2
out=$(ssh_as supervisor2 flowchart show real-estate)
expect_has "project: ... and in English" "$out" "Completion acceptance"

# Opening.
P=$(ssh_as clerk1 project new --flowchart real-estate --org $P_ORG --org-name 城口置业有限公司 \
    --name 葛城花园一期 --site 500229 --phone 13800000000); rc=$?
expect_eq "project: the clerk opens a project (exit 0)" "$rc" 0
check "project: ... and is told its number XM + date + sequence" grep -qx 'XM202611270001' <<<"$P"

# stage_cases N: the case numbers of stage N as the clerk sees them
stage_cases() { ssh_as clerk1 project show "$P" --format csv | awk -F, -v s="$1" 'NR>1 && $1==s {print $3}'; }
# office_of NO: the office code of a case
office_of() { ssh_as clerk1 project show "$P" --format csv | awk -F, -v n="$1" '$3==n {print $6}'; }
item_of() { ssh_as clerk1 project show "$P" --format csv | awk -F, -v n="$1" '$3==n {print $4}'; }

# decide NO: the competent office accepts, reviews and approves; the
# departments of a parallel step give their opinions first when asked.
decide() {
	local no=$1 office kind item u
	office=$(office_of "$no"); kind=${office#*.}; u=a_$kind
	ssh_as "$u" case act "$no" accept >/dev/null || return 1
	ssh_as "$u" case act "$no" review >/dev/null || return 1
	if ! ssh_as "$u" case act "$no" approve >/dev/null 2>&1; then
		item=$(item_of "$no")
		for k in $(grep "^$item," data/item_steps.csv | cut -d, -f5 | sort -u); do
			ssh_as "a_$k" case act "$no" opinion --verdict agree --note 同意 >/dev/null 2>&1
		done
		ssh_as "$u" case act "$no" approve >/dev/null || return 1
	fi
}

# Stage 1: its cases routed to the district departments of the site.
s1=$(stage_cases 1)
n1=$(wc -w <<<"$s1")
check "project: stage 1 opens with a case per item" test "$n1" -ge 2
offices=$(for n in $s1; do office_of "$n"; done | sort -u | wc -l)
check "project: ... at two or more departments in parallel" test "$offices" -ge 2
out=$(ssh_as clerk1 project show "$P")
expect_has "project: the Chinese view names the stage" "$out" "第 1 阶段"
expect_has "project: ... and the clock" "$out" "0 / $RE_DAYS 个工作日"
out=$(ssh_as supervisor2 project show "$P")
expect_has "project: the English view names the stage" "$out" "stage 1"
expect_has "project: ... and its light" "$out" "green light"
cno=$(head -1 <<<"$s1")
out=$(ssh_as clerk1 case show "$cno")
expect_has "project: case show names the project and stage" "$out" "$P"

# An office outside the project sees nothing of it: not found, not denied.
expect_eq "project: another district's clerk gets not found (exit 2)" \
    "$(rc_of ssh_as clerk2 project show "$P")" 2

# Every stage: decide all its cases, hold the joint step, see the next open.
stage=1
while [ "$stage" -le "$nstages" ]; do
	cases=$(stage_cases "$stage")
	joint=$(tail -n +2 <<<"$chart" | awk -F, -v s="$stage" '$1==s {print $4; exit}')
	ok_all=0
	for n in $cases; do decide "$n" || ok_all=1; done
	expect_eq "project: stage $stage: every case is decided by its department" "$ok_all" 0
	if [ -n "$joint" ]; then
		# Decided, but the joint step is not held: the stage waits.
		json=$(ssh_as clerk1 project show "$P" --format json)
		expect_eq "project: stage $stage waits for its joint step ($joint)" "$(json_get "$json" stage)" "$stage"
		expect_eq "project: the clerk schedules the $joint once for the stage's offices" \
		    "$(rc_of ssh_as clerk1 project joint "$P" --kind "$joint" --day 2026-12-01 --place 葛城街道项目现场)" 0
		expect_eq "project: ... a second time is a conflict (exit 4)" \
		    "$(rc_of ssh_as clerk1 project joint "$P" --kind "$joint" --day 2026-12-02 --place x)" 4
		first=1
		for o in $(for n in $cases; do office_of "$n"; done | sort -u); do
			if [ "$first" = 1 ] && [ "$stage" = 1 ]; then
				out=$(ssh_as supervisor2 project show "$P")
				expect_has "project: while findings are outstanding the view says who holds it" "$out" "held by"
				first=0
			fi
			expect_eq "project: stage $stage: ${o#*.} records its findings" \
			    "$(rc_of ssh_as "a_${o#*.}" project findings "$P" --text "${o#*.}：现场符合要求")" 0
		done
	fi
	json=$(ssh_as clerk1 project show "$P" --format json)
	if [ "$stage" -lt "$nstages" ]; then
		expect_eq "project: stage $stage closed, stage $((stage + 1)) open" "$(json_get "$json" stage)" "$((stage + 1))"
	fi
	stage=$((stage + 1))
done

json=$(ssh_as clerk1 project show "$P" --format json)
expect_eq "project: after completion acceptance the project is done" "$(json_get "$json" status)" done
expect_eq "project: ... on time" "$(json_get "$json" on_time)" True
out=$(ssh_as clerk1 project show "$P")
expect_has "project: the Chinese view says it is done" "$out" "已办结"
expect_has "project: ... with the joint survey's findings" "$out" "现场符合要求"
out=$(ssh_as supervisor2 project list)
expect_has "project: the English list shows it done" "$out" "done"
check "project: project find --status done finds it" grep -qx "$P" \
    <<<"$(ssh_as supervisor1 project find --status done --format csv | tail -n +2 | cut -d, -f1)"
expect_eq "project: project export streams CSV with a header" \
    "$(ssh_as supervisor1 project export | head -1 | cut -d, -f1-3)" "no,name,flowchart"
expect_eq "project: withdrawing a done project is a conflict (exit 4)" \
    "$(rc_of ssh_as clerk1 project withdraw "$P" --note 撤回)" 4
out=$(ssh_as supervisor1 audit verify 2>&1); rc=$?
expect_eq "project: the audit chain verifies with the project's events" "$rc" 0
out=$(ssh_as supervisor1 audit export --from 2026-11-27 --to 2026-11-27 --format csv)
expect_has "project: ... which carry the subject project:NO" "$out" "project_open"

# A second project, withdrawn at the enterprise's request: its open cases go.
P2=$(ssh_as clerk1 project new --flowchart real-estate --org $P_ORG --org-name 城口置业有限公司 \
    --name 葛城花园二期 --site 500229)
expect_eq "project: the second project of the day is numbered 0002" "$P2" XM202611270002
expect_eq "project: withdrawing needs the request as a note (exit 5)" \
    "$(rc_of ssh_as clerk1 project withdraw "$P2")" 5
expect_eq "project: the clerk withdraws it" "$(rc_of ssh_as clerk1 project withdraw "$P2" --note 企业书面申请撤回)" 0
json=$(ssh_as clerk1 project show "$P2" --format json)
expect_eq "project: ... the project is withdrawn" "$(json_get "$json" status)" withdrawn
st=$(ssh_as clerk1 project show "$P2" --format csv | tail -n +2 | cut -d, -f8 | sort -u)
expect_eq "project: ... and so is every case of it" "$st" withdrawn
