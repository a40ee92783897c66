#!/usr/bin/env bash
# Investment projects on the console, over ssh in tmux: a real-estate
# project from opening to completion acceptance, in Chinese (clerk1 at the
# 葛城街道 hall, 城口县's departments) and in English (clerk2 at the 渝中区
# hall, 渝中区's departments). Stage 1 runs two departments in parallel
# (发展改革委 and 规划自然资源局) with a joint survey; the console opens the
# project, schedules the survey, records one office's findings and shows
# the stages, lights and the case that holds the project back; the other
# steps run as commands, for speed. Then the flowchart's diagram (80x24 and
# 40x12) and the dashboard's project figures, whose counts are the lengths
# of the lists they open; a half-typed form survives a dropped link.
. "$(dirname "$0")/lib.sh"
start_server 300

# The real-estate flowchart as loaded: its total, the time it replaced, its
# stages' joint steps, and the departments its items' steps go to.
"$TB" --db "$DB" flowchart list --format json >"$TMP/fc.json"
"$TB" --db "$DB" flowchart show real-estate --format json >"$TMP/re.json"
read -r TOTAL BEFORE <<<"$(python3 -c "import json
f=[x for x in json.load(open('$TMP/fc.json')) if x['code']=='real-estate'][0]
print(f['total_days'], f['before'])")"
joint_of() {
	python3 -c "import json
print(([x['joint'] for x in json.load(open('$TMP/re.json')) if x['stage']=='$1'] + [''])[0])"
}
KINDS=$(python3 -c "import json, csv
items={x['item'] for x in json.load(open('$TMP/re.json'))}
print(' '.join(sorted({r[4] for r in csv.reader(open('data/item_steps.csv')) if r[0] in items})))")
for k in $KINDS; do
	for d in 500229:z:zh 500103:e:en; do
		IFS=: read -r region pre lang <<<"$d"
		"$TB" --db "$DB" user add "${pre}_$k" --role approver --region "$region" \
		    --office "$region.$k" --lang "$lang" >/dev/null 2>&1 &&
		    "$TB" --db "$DB" user key add "${pre}_$k" "$TMP/key.pub" >/dev/null
	done
done
# The figures before: the demo may hold projects of its own.
re_done() {
	ssh_as "$1" dashboard --once --format json | python3 -c "import json,sys
d=json.load(sys.stdin)['projects']
print([f['projects'] for f in d['flowcharts'] if f['flowchart']=='real-estate'][0])"
}
CITY0=$(re_done supervisor1)
DIST0=$(re_done supervisor2)
DONE0=$(ssh_as supervisor2 dashboard --once --format json |
    python3 -c "import json,sys; print(json.load(sys.stdin)['projects']['done'])")
ORG1=91500101YJ5U44JP14
ORG2=91500102HWUBFQWU5H

# The cases of stage SEQ of project NO not yet decided: "no office" lines.
cases_of() {
	"$TB" --db "$DB" --as admin project show "$1" --format json | python3 -c "
import json,sys; p=json.load(sys.stdin)
for c in p['stages'][$2-1]['cases']:
    if c['status'] not in ('approved','completed'): print(c['no'], c['office'])"
}
# Grant every undecided case of a stage: the competent office accepts and
# reviews, each department of a parallel review gives its opinion, the
# competent office approves. PRE is the approvers' prefix (z_, e_).
grant_stage() {
	local no=$1 seq=$2 pre=$3 c off k
	cases_of "$no" "$seq" | while read -r c off; do
		"$TB" --db "$DB" --as "${pre}_${off#*.}" case act "$c" accept --note ok >/dev/null 2>&1
		"$TB" --db "$DB" --as "${pre}_${off#*.}" case act "$c" review --note ok >/dev/null 2>&1
		for k in $KINDS; do
			"$TB" --db "$DB" --as "${pre}_$k" case act "$c" opinion --note 同意 >/dev/null 2>&1
		done
		"$TB" --db "$DB" --as "${pre}_${off#*.}" case act "$c" approve --note ok >/dev/null ||
		    echo "# approve $c failed"
	done
}
# Findings of every office of the current joint step (those not recorded).
all_findings() {
	local no=$1 pre=$2 k
	for k in $KINDS; do
		"$TB" --db "$DB" --as "${pre}_$k" project findings "$no" --text "验收合格 ok" >/dev/null 2>&1
	done
}
status_of() {
	"$TB" --db "$DB" --as admin project show "$1" --format json |
	    python3 -c "import json,sys; p=json.load(sys.stdin); print(p['status'], p['stage'])"
}

# Another user's console: the last session's server is gone before the next.
tmux_restart() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.5
	tmux_start "$@"
}

# ---------------------------------------------------------------- 中文 ------
# 1. clerk1 opens the project on the console: P, o, the form.
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
scr=$(tmux_screen)
expect_has "zh home: the key bar offers the projects" "$scr" "P 项目"
tmux_keys P
wait_screen "您可查看的项目" 5 >/dev/null
tmux_keys o
scr=$(wait_screen "project new --flowchart general" 5)
expect_has "zh form: the equivalent command is shown" "$scr" "project new --flowchart general"
tmux_keys BTab
for _ in $(seq 12); do
	tmux_screen | grep -qF -- "--flowchart real-estate" && break
	tmux_keys Right
	sleep 0.2
done
tmux_keys Tab
sleep 0.3
tmux_keys "$ORG1" Tab
tmux_keys "重庆大巴山商贸有限公司" Tab "巴山小区一期" Tab C-u "500229" Tab "13800000000"
sleep 0.5
scr=$(tmux_screen)
expect_has "zh form: the real-estate flowchart is chosen" "$scr" "--flowchart real-estate"
tmux_keys F2
scr=$(wait_screen "卡在" 8)
NO=$(echo "$scr" | grep -o 'XM[0-9]\{12\}' | head -1)
check "zh open: the new project's view replaces the form" test -n "$NO"
expect_has "zh view: stage 1 with its limit" "$scr" "1 立项用地规划许可"
expect_has "zh view: department 1 of the stage, in parallel" "$scr" "城口县发展和改革委员会"
expect_has "zh view: department 2 of the stage, in parallel" "$scr" "城口县规划和自然"
expect_has "zh view: the project light" "$scr" "○ 绿灯"
expect_has "zh view: the case that holds the project back" "$scr" "卡在：城口县"
expect_has "zh view: the joint survey is not scheduled yet" "$scr" "联合踏勘"
expect_has "zh view: the project clock against the flowchart's" "$scr" "0 / $TOTAL 工作日"
expect_has "zh view: stages not reached list their items" "$scr" "工作日 · 未开始"

# 2. The clerk schedules the joint survey from the view.
tmux_keys j
scr=$(wait_screen "安排联合环节" 5)
expect_has "zh joint form: the stage's joint step is offered" "$scr" "联合踏勘"
tmux_keys "2026-11-30" Tab "巴山小区项目现场"
sleep 0.3
scr=$(tmux_screen)
expect_has "zh joint form: the equivalent command" "$scr" "project joint $NO --kind survey"
tmux_keys F2
scr=$(wait_screen "巴山小区项目现场 ·" 5)
expect_has "zh view: the survey with each office waiting" "$scr" "城口县规划和自然资源局: 等待中"

# 3. Both departments decide (commands), then 发展改革委 records its findings
#    on the console: the planning office still holds the stage.
grant_stage "$NO" 1 z
tmux_restart z_development_reform 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys P
scr=$(wait_screen "$NO" 5)
expect_has "zh approver: the project is in the office's list" "$scr" "巴山小区一期"
tmux_keys Enter
wait_screen "卡在" 5 >/dev/null
tmux_keys r
scr=$(wait_screen "记录本部门" 5)
expect_has "zh findings form: the equivalent command" "$scr" "project findings $NO"
tmux_keys "符合产业政策，同意"
tmux_keys F2
scr=$(wait_screen "城口县发展和改革委员会: 符合产业政策" 5)
expect_has "zh view: this office's findings" "$scr" "城口县发展和改革委员会: 符合产业政策，同意"
expect_has "zh view: the other office is waited for" "$scr" "城口县规划和自然资源局: 等待中"
expect_has "zh view: the waited office holds the project back" "$scr" "卡在：城口县规划和自然资源局"
tmux_keys q q
"$TB" --db "$DB" --as z_planning project findings "$NO" --text 用地红线与规划一致 >/dev/null
expect_eq "zh: the survey's last findings open stage 2" "$(status_of "$NO")" "open 2"

# 4. Stages 2 to 4 by command, with their joint steps (drawings, acceptance).
rest_by_command() {
	local no=$1 pre=$2 clerk=$3 seq j
	for seq in 2 3 4; do
		grant_stage "$no" "$seq" "$pre"
		j=$(joint_of "$seq")
		if [ -n "$j" ]; then
			ssh_as "$clerk" project joint "$no" --kind "$j" --day 2026-11-30 --place Site \
			    >/dev/null
			all_findings "$no" "$pre"
		fi
	done
}
rest_by_command "$NO" z clerk1
expect_eq "zh: the joint acceptance completes the project" "$(status_of "$NO")" "done 4"

# 5. The completed project and its flowchart on the console, 80x24 and 40x12.
tmux_restart clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys / "$NO" Enter
scr=$(wait_screen "2026-11-27 办结" 5)
expect_has "zh view: the project is done" "$scr" "2026-11-27 办结"
check "zh view: nothing holds a completed project back" \
    bash -c "! printf '%s' \"\$1\" | grep -q '卡在'" _ "$scr"
tmux_keys f
scr=$(wait_screen " 工作日 ─┐" 5)
expect_has "zh diagram: a stage box with its limit" "$scr" " 工作日 ─┐"
expect_has "zh diagram: the items run in parallel" "$scr" "│ 并联办理 2 项："
expect_has "zh diagram: the joint survey is marked" "$scr" "联合踏勘"
tmux_keys End
scr=$(wait_screen "合计" 5)
expect_has "zh diagram: the total against the old figure" "$scr" "合计 ≤ $TOTAL 个工作日，原 $BEFORE"
tmux -L "$TMUX_SOCK" resize-window -t t -x 40 -y 12 2>/dev/null
sleep 0.5
tmux_keys Home
sleep 0.5
scr=$(tmux_screen)
expect_has "zh diagram at 40x12: the first stage is drawn" "$scr" "┌─ 1 立项用地"
width=$(printf '%s\n' "$scr" | python3 -c "
import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l.rstrip('\n')) for l in sys.stdin))")
check "zh diagram at 40x12: no line wider than 40 columns" test "$width" -le 40
tmux_keys PageDown PageDown
sleep 0.3
scr=$(tmux_screen)
expect_has "zh diagram at 40x12: it scrolls" "$scr" "│"
tmux_keys q
sleep 0.3
scr=$(tmux_screen)
expect_has "zh view at 40x12: the project is still shown" "$scr" "$NO"
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null

# ---------------------------------------------------------------- English ---
NO2=$(ssh_as clerk2 project new --flowchart real-estate --org "$ORG2" --org-name "'Yuzhong Land Co'" \
    --name "'Riverside Phase 1'" --site 500103 --phone 13900000000)
check "en open: the project is opened over ssh" test -n "$NO2"
tmux_restart clerk2 80 24
wait_screen "Welcome" 10 >/dev/null
scr=$(tmux_screen)
expect_has "en home: the key bar offers the projects" "$scr" "P projects"
tmux_keys / "$NO2" Enter
scr=$(wait_screen "Held back by" 5)
expect_has "en view: the stage with its clock" "$scr" "0 / $TOTAL working days"
expect_has "en view: the project's status and stage" "$scr" "stage 1 of 4"
expect_has "en view: the case that holds it back" "$scr" "Held back by: "
expect_has "en view: the survey not scheduled yet" "$scr" "not scheduled yet"
tmux_keys j
wait_screen "schedule the stage" 5 >/dev/null
tmux_keys "2026-11-30" Tab "Riverside site"
tmux_keys F2
scr=$(wait_screen "Riverside site ·" 5)
expect_has "en view: the survey scheduled, the offices waiting" "$scr" ": waiting"
grant_stage "$NO2" 1 e
tmux_restart e_planning 80 24
wait_screen "Welcome" 10 >/dev/null
tmux_keys / "$NO2" Enter
wait_screen "Held back by" 5 >/dev/null
tmux_keys r
scr=$(wait_screen "record your office" 5)
tmux_keys "Red line matches the plan"
tmux_keys F2
scr=$(wait_screen ": Red line matches the plan" 5)
expect_has "en view: this office's findings are shown" "$scr" ": Red line matches the plan"
expect_has "en view: the other office is waited for" "$scr" ": waiting"
ssh_as e_development_reform project findings "$NO2" --text "'Consistent with policy'" >/dev/null
expect_eq "en: the survey's last findings open stage 2" "$(status_of "$NO2")" "open 2"
rest_by_command "$NO2" e clerk2
expect_eq "en: the joint acceptance completes the project" "$(status_of "$NO2")" "done 4"
tmux_keys f
scr=$(wait_screen " working days ─┐" 5)
expect_has "en diagram: stage boxes with their limits" "$scr" " working days ─┐"
tmux_keys End
scr=$(wait_screen "total" 5)
expect_has "en diagram: the total against the old figure" "$scr" "total ≤ $TOTAL working days, was $BEFORE"

# ---------------------------------------------------------- supervision ---
# 6. The figures count both projects, and each opens a list as long as it.
json=$(ssh_as supervisor1 dashboard --once --format json)
expect_eq "dashboard: the city's finished real-estate projects count both" "$(re_done supervisor1)" \
    "$((CITY0 + 2))"
expect_eq "dashboard: the district's count the Chinese one" "$(re_done supervisor2)" "$((DIST0 + 1))"
expect_eq "dashboard: every figure's count is its list's length" "$(printf '%s' "$json" |
    python3 -c "import json,sys; d=json.load(sys.stdin)['projects']
print(all(f['projects']==len(f['nos']) for k in ('open_by_light','flowcharts','stages_waiting','offices_waiting') for f in d[k]))")" "True"
rep=$(ssh_as supervisor2 report weekly)
expect_has "weekly report: the district's projects by flowchart" "$rep" "average total working days of finished projects"
tmux_restart supervisor2 80 40
wait_screen "Welcome" 10 >/dev/null
tmux_keys d
wait_screen "areas" 5 >/dev/null
tmux_keys BTab
scr=$(wait_screen "finished projects (" 5)
expect_has "dash: the projects section counts the district's finished projects" "$scr" \
    "finished projects ($((DONE0 + 1)))"
# The figures: three lights, then a line per flowchart in their order.
idx=$(python3 -c "import json
print([x['code'] for x in json.load(open('$TMP/fc.json'))].index('real-estate'))")
for _ in $(seq $((3 + idx))); do tmux_keys Down; done
tmux_keys Enter
scr=$(wait_screen "projects counted" 5)
expect_has "dash drill: the figure's list has as many projects as it counts" "$scr" \
    "$((DIST0 + 1)) projects counted"
expect_has "dash drill: the project counted is the Chinese one" "$scr" "$NO"
tmux_keys Enter
scr=$(wait_screen "stage 4 of 4" 5)
expect_has "dash drill: a project opens from the list" "$scr" "stage 4 of 4"

# 7. A dropped link keeps a half-typed project form; home offers it again.
tmux_restart clerk2 80 24
wait_screen "Welcome" 10 >/dev/null
tmux_keys / "$NO2" Enter
wait_screen "$NO2" 5 >/dev/null
tmux_keys w
wait_screen "withdraw the project" 5 >/dev/null
tmux_keys "The enterprise asked in writing"
sleep 0.5
tmux_restart clerk2 80 24
scr=$(wait_screen "unfinished project form" 10)
expect_has "draft: the project form is offered at the next login" "$scr" \
    "An unfinished project form"
tmux_keys r
scr=$(wait_screen "The enterprise asked in writing" 5)
expect_has "draft: the typed reason is back, over the project's view" "$scr" \
    "project withdraw $NO2 --note"
tmux_keys Escape
scr=$(wait_screen "stage 4 of 4" 5)
expect_has "draft: Esc leaves the form for the project's view" "$scr" "stage 4 of 4"
