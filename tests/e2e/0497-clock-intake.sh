#!/usr/bin/env bash
# Issue 12, what a tester found in the case clock, the lights and the
# intake form, on the console at 80x24 and 40x12, in Chinese and English:
# the acceptance clock (art. 32) named as such before acceptance; a step's
# used days, due date and light agree (also while its clock stands still);
# a step is due no later than its case; a late decision's delivery clock
# has its own light; a stray key in the intake's item field keeps the item
# and its ticked materials; console forms name their fields, not flags.
. "$(dirname "$0")/lib.sh"
"$TB" demo --db "$DB" --cases 50 --seed 7 >/dev/null || { echo "not ok - demo database"; exit 1; }
T() { "$TB" --db "$DB" "$@"; }
T user add a_plan --role approver --region 500229 --office 500229.planning --lang zh >/dev/null
T user add e_plan --role approver --region 500229 --office 500229.planning --lang en >/dev/null
T user add e_clerk --role clerk --region 500229001 --lang en >/dev/null 2>&1 ||
    T user add e_clerk --role clerk --region 500229 --lang en >/dev/null
ID=11010519491231002X
# 临时用地审批: steps 受理 1, 审查 5, 决定 3, 办结送达 1 working days; promised 10.
new() { T --as clerk1 case new --item 000104009000 --applicant-id $ID --applicant-name 张三 \
    --phone 13800000000 --applicant-region 500229001 --channel window "$@" 2>/dev/null; }

# A: submitted 11-16, sent back for correction (补正) on 11-20: both clocks stop.
A=$(TONGBAN_TODAY=2026-11-16 new)
TONGBAN_TODAY=2026-11-20 T --as a_plan case act "$A" supplement --note 缺材料 >/dev/null 2>&1
# B: accepted 11-16 (due 11-30), reviewed, passed to 决定 (3 days) on 11-27.
B=$(TONGBAN_TODAY=2026-11-16 new --materials 1,2,3,4)
TONGBAN_TODAY=2026-11-16 T --as a_plan case act "$B" accept >/dev/null
TONGBAN_TODAY=2026-11-17 T --as a_plan case act "$B" review >/dev/null
TONGBAN_TODAY=2026-11-27 T --as a_plan case act "$B" pass >/dev/null
check "setup: three cases" test -n "$A" -a -n "$B"

# The console run locally, on a fixed day: console DAY LOGIN COLS ROWS
console() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.5
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$3" -y "$4" \
	    "TONGBAN_TODAY=$1 $TB --db $DB --as $2 console; sleep 30"
	sleep 0.3
}
open_case() { tmux_keys /; sleep 0.4; tmux_keys C-u "$1" Enter; sleep 0.8; }

# 1. Before acceptance the clock is art. 32's: 受理时限, then 办理时限.
console 2026-11-24 clerk1 80 24
wait_screen "欢迎" 5 >/dev/null
open_case "$A"
scr=$(tmux_screen)
expect_has "zh: before acceptance the clock row is 受理时限" "$scr" "受理时限  已用 4 / 5 个工作日"
step=$(echo "$scr" | grep "环节")
expect_has "zh: a stopped step is read on the day it stopped: 4 of 1 used, due 11-17" "$step" \
    "受理：已用 4 / 1 个工作日 · 截止 2026-11-17"
expect_has "zh: ... and is red, as its past due date says" "$step" "● 红灯"
tmux_keys q
sleep 0.3
open_case "$B"
scr=$(tmux_screen)
expect_has "zh: after acceptance the clock row is 办理时限" "$scr" "办理时限  已用 6 / 10"

# 2. A step is due no later than its case.
console 2026-12-01 clerk1 80 24
wait_screen "欢迎" 5 >/dev/null
open_case "$B"
scr=$(tmux_screen)
expect_has "zh: the case is red on 12-01" "$scr" "截止 2026-11-30  ● 红灯"
step=$(echo "$scr" | grep "环节")
expect_has "zh: the step started 11-27 with 3 days is due with the case, 11-30" "$step" \
    "决定：已用 2 / 3 个工作日 · 截止 2026-11-30（即办件截止日）"
expect_has "zh: ... and red like the case" "$step" "● 红灯"

console 2026-12-01 e_plan 80 24
wait_screen "Welcome" 5 >/dev/null
open_case "$B"
scr=$(tmux_screen)
expect_has "en: the clock row says 'to decide'" "$scr" "to decide"
expect_has "en: the step is due with its case" "$scr" "due 2026-11-30 (the case's due date)"

# 3. The action form names its field: deny without a reason, on the console.
console 2026-12-03 a_plan 80 24
wait_screen "欢迎" 5 >/dev/null
open_case "$B"
tmux_keys a
sleep 0.5
scr=$(tmux_screen)
# The menu: move down to the deny line, then Enter, then F2 with an empty note.
menu=$(tmux_screen)
row=$(echo "$menu" | grep -n "作出不予" | head -1 | cut -d: -f1)
first=$(echo "$menu" | grep -n "开始审查\|审查通过\|作出准予" | head -1 | cut -d: -f1)
if [ -n "$row" ] && [ -n "$first" ]; then
	for i in $(seq $((row - first))); do tmux_keys Down; done
	tmux_keys Enter
	sleep 0.4
	tmux_keys F2
	sleep 0.5
	scr=$(tmux_screen)
	expect_has "zh: deny with no reason names the form's field" "$scr" "备注/理由：此项办理须写明理由"
	check "zh: ... and no command-line flag" test -z "$(echo "$scr" | grep -- '--note')"
else
	not_ok "zh: the action menu lists deny" "$menu"
fi

# 4. A late decision: the case stays red, its delivery clock is its own.
TONGBAN_TODAY=2026-12-03 T --as a_plan case act "$B" deny --note 不符合规划 >/dev/null
console 2026-12-03 clerk1 80 24
wait_screen "欢迎" 5 >/dev/null
open_case "$B"
scr=$(tmux_screen)
expect_has "zh: decided late: the clock row is red" "$scr" "超期作出决定  ● 红灯"
dl=$(echo "$scr" | grep "送达")
expect_has "zh: the delivery clock, two weeks left, is green" "$dl" "○ 绿灯"

# 5. Intake: the item shows its name, a stray key keeps it and the materials.
for size in "80 24" "40 12"; do
	set -- $size
	console 2026-12-03 clerk1 "$1" "$2"
	wait_screen "欢迎" 5 >/dev/null
	tmux_keys n
	wait_screen "受理台" 3 >/dev/null
	tmux_keys "临时用地"
	sleep 0.5
	tmux_keys Enter
	sleep 0.3
	scr=$(tmux_screen)
	if [ "$1" = 80 ]; then
		expect_has "zh $size: intake names the acceptance limit, then the promised one" "$scr" \
		    "受理时限 5 个工作日（受理后承诺 10 个工作日）"
	fi
	tmux_keys Tab Tab Tab Tab Tab
	sleep 0.2
	tmux_keys Space
	sleep 0.2
	tmux_keys Tab
	sleep 0.3
	scr=$(tmux_screen)
	expect_has "zh $size: back on the item field it shows the chosen item" "$scr" "000104009000 临时用地"
	tmux_keys Space
	sleep 0.3
	tmux_keys Tab
	sleep 0.4
	if [ "$1" = 80 ]; then
		scr=$(tmux_screen)
		expect_has "zh $size: a stray Space kept the item and the ticked material" "$scr" \
		    "--item 000104009000"
		expect_has "zh $size: ... the material stays ticked" "$scr" "[x] 1."
	fi
done

# 6. Intake: a bad ID is refused by the form's label, not the flag.
console 2026-12-03 clerk1 80 24
wait_screen "欢迎" 5 >/dev/null
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "临时用地"
sleep 0.5
tmux_keys Enter
sleep 0.3
tmux_keys "110101199001011234" Tab
sleep 0.3
tmux_keys "张三" Tab "13800000000" Tab
sleep 0.3
tmux_keys F2
sleep 0.5
scr=$(tmux_screen)
expect_has "zh: intake names the ID field by its label" "$scr" "证件号码：'110101199001011234'"
check "zh: ... not by the flag" test -z "$(echo "$scr" | grep -- '--applicant-id：')"

console 2026-12-03 e_clerk 80 24
wait_screen "Welcome" 5 >/dev/null
tmux_keys n
sleep 0.5
tmux_keys "000104009000"
sleep 0.5
tmux_keys Enter
sleep 0.3
scr=$(tmux_screen)
expect_has "en: intake names the acceptance limit" "$scr" "to accept in 5 working days (then promised 10)"
tmux_keys "110101199001011234" Tab
sleep 0.3
tmux_keys "Zhang" Tab "13800000000" Tab
sleep 0.3
tmux_keys F2
sleep 0.5
scr=$(tmux_screen)
expect_has "en: intake names the ID field by its label" "$scr" "applicant ID: '110101199001011234'"

console 2026-12-03 e_clerk 40 12
wait_screen "tongban" 5 >/dev/null
tmux_keys n
sleep 0.5
tmux_keys "000104009000"
sleep 0.5
tmux_keys Enter
sleep 0.3
tmux_keys Tab Tab Tab Tab Tab
sleep 0.2
tmux_keys Space Tab
sleep 0.3
tmux_keys zzzq
sleep 0.3
scr=$(tmux_screen)
expect_has "en 40x12: typing in the item field starts a new search, the item still chosen" "$scr" \
    "still chosen"
