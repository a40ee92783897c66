#!/usr/bin/env bash
# Inspection appointments (预约), as the offices do them, over ssh: a
# township clerk books a lift's registration inspection, the district
# market bureau answers with a day, a time and an inspector, the inspector
# records the outcome; the same in English in 渝中区; refusals; and on the
# console in tmux, a clerk books an elevator inspection from the case and
# an approver answers it from the appointments screen; a dropped link keeps
# a half-typed answer.
. "$(dirname "$0")/lib.sh"
# Friday 27 November 2026, 10:00: a 2-hour response is due at 12:00.
export TONGBAN_TIME=10:00
start_server 300

ORG=91350100M000100Y43
lift_case() {	# lift_case CLERK REGION: a new lift registration's number
	ssh_as "$1" case new --item 000101005000 --applicant-id $ORG \
	    --applicant-name 城口县锦华物业公司 --applicant-region "$2" --channel online
}

# 1. In Chinese: clerk1 (城口县葛城街道) books, approver1 answers, head1 inspects.
NO=$(lift_case clerk1 500229001003)
check "cli: clerk1 takes in a lift's use registration" grep -qE '^500229-20261127-' <<<"$NO"
out=$(ssh_as clerk1 case appoint "$NO" --channel online --wish 上午 --contact 13800000000); rc=$?
expect_eq "cli zh: the request is booked (exit 0)" "$rc" 0
expect_has "cli zh: ... and the office must answer within 2 working hours" "$out" "2026-11-27 12:00"
ID=$(grep -o '预约 [0-9]*' <<<"$out" | grep -o '[0-9]*')
check "cli zh: ... with an appointment number" test -n "$ID"
ssh_as clerk1 case appoint "$NO" >/dev/null 2>&1; rc=$?
expect_eq "cli zh: a second request on the same case is refused (exit 4)" "$rc" 4
out=$(ssh_as approver1 appointment list --status requested)
expect_has "cli zh: the office sees the waiting request with its time left" "$out" "2h00"
out=$(ssh_as clerk1 appointment answer "$ID" --day 2026-11-27 --from 11:00 --to 12:00 \
    --inspector head1 2>&1); rc=$?
expect_eq "cli zh: the hall's clerk does not answer (exit 3)" "$rc" 3
out=$(ssh_as approver1 appointment answer "$ID" --day 2026-11-28 --from 11:00 --to 12:00 \
    --inspector head1 2>&1); rc=$?
expect_eq "cli zh: a Saturday is refused (exit 5)" "$rc" 5
expect_has "cli zh: ... saying why" "$out" "不是工作日"
out=$(ssh_as approver1 appointment answer "$ID" --day 2026-11-27 --from 11:00 --to 12:00 \
    --inspector approver4 2>&1); rc=$?
expect_eq "cli zh: an inspector of another office is refused (exit 5)" "$rc" 5
out=$(ssh_as approver1 appointment answer "$ID" --day 2026-11-27 --from 11:00 --to 12:00 \
    --inspector head1 --note 已电话联系); rc=$?
expect_eq "cli zh: approver1 answers (exit 0)" "$rc" 0
expect_has "cli zh: ... with the day, the time and the inspector" "$out" "2026-11-27 11:00-12:00"
out=$(ssh_as head1 appointment list --mine --day today)
expect_has "cli zh: the inspector's day lists the visit" "$out" "$NO"
out=$(ssh_as head1 appointment done "$ID" --outcome passed --note 电梯安全装置齐全); rc=$?
expect_eq "cli zh: the inspector records the outcome (exit 0)" "$rc" 0
out=$(ssh_as clerk1 appointment show "$ID")
expect_has "cli zh: the appointment shows its outcome" "$out" "检查合格"
expect_has "cli zh: ... and its history" "$out" "安排现场检查"
out=$(ssh_as clerk1 case show "$NO")
expect_has "cli zh: the case's timeline has the inspection" "$out" "现场检查结果"
ssh_as clerk2 appointment show "$ID" >/dev/null 2>&1; rc=$?
expect_eq "cli zh: another district's clerk does not see it (exit 2)" "$rc" 2

# The dashboard: the demo's request answered late and the one still waiting
# past its response time are anomalies; the lists behind them.
out=$(ssh_as supervisor1 dashboard --once)
expect_has "dashboard: a late answer is an anomaly" "$out" "预约检查申请超时答复  1"
expect_has "dashboard: a request waiting past its time is one" "$out" "预约检查申请超时未答复  1"
out=$(ssh_as supervisor1 appointment list --overdue --format csv)
expect_eq "dashboard: ... and listed by appointment list --overdue" "$(tail -n +2 <<<"$out" | wc -l)" 1
out=$(ssh_as supervisor2 appointment list --late --format csv)
expect_has "dashboard: the late answer is listed by --late" "$out" ",1,"

# An item without an inspection: exit 5, nothing booked.
PID=$(python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='50022919850505123'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])")
FIRM=$(ssh_as clerk1 case new --item 000101003000 --applicant-id "$PID" --applicant-name 赵六 \
    --applicant-region 500229001003 --channel window)
out=$(ssh_as clerk1 case appoint "$FIRM" 2>&1); rc=$?
expect_eq "cli: an item without an inspection is refused (exit 5)" "$rc" 5
expect_has "cli: ... saying so" "$out" "无需现场检查"

# 2. In English: clerk2 (渝中区) books, approver2 answers and records it.
NO2=$(lift_case clerk2 500103003013)
out=$(ssh_as clerk2 case appoint "$NO2" --contact 13900000000); rc=$?
expect_eq "cli en: clerk2 books (exit 0)" "$rc" 0
expect_has "cli en: ... in English" "$out" "the office answers by 2026-11-27 12:00"
ID2=$(grep -o 'appointment [0-9]*' <<<"$out" | grep -o '[0-9]*')
out=$(ssh_as approver2 appointment answer "$ID2" --day 2026-11-27 --from 14:00 --to 15:00 \
    --inspector approver2)
expect_has "cli en: approver2 answers" "$out" "booked for 2026-11-27 14:00-15:00 with approver2"
out=$(ssh_as approver2 appointment reschedule "$ID2" --day 2026-11-27 --from 15:00 --to 16:00 2>&1); rc=$?
expect_eq "cli en: a reschedule without a reason is refused (exit 1)" "$rc" 1
out=$(ssh_as approver2 appointment reschedule "$ID2" --day 2026-11-27 --from 15:00 --to 16:00 \
    --note "'applicant asked for later'"); rc=$?
expect_eq "cli en: rescheduled with the reason (exit 0)" "$rc" 0
out=$(ssh_as approver2 appointment done "$ID2" --outcome failed --note "'guard rail missing'")
expect_has "cli en: the outcome is recorded" "$out" "failed the inspection"
out=$(ssh_as approver2 appointment show "$ID2")
expect_has "cli en: the history keeps the first visit" "$out" "14:00-15:00"
expect_has "cli en: ... and the rescheduled one with its reason" "$out" "applicant asked for later"
out=$(ssh_as approver2 appointment show "$ID2" --format json)
check "cli en: show --format json is JSON" python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert len(d['history'])==4" "$out"

# 3. The console over ssh in tmux: clerk1 books an elevator inspection from
# the case, approver1 answers it on the appointments screen.
NO3=$(lift_case clerk1 500229001003)
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys /
sleep 0.3
tmux_keys "$NO3" Enter
scr=$(wait_screen "预约检查" 5)
expect_has "console: the case of a lift offers its inspection (i)" "$scr" "i 预约检查"
tmux_keys i
scr=$(wait_screen "按 n" 5)
expect_has "console: no inspection yet, n books one" "$scr" "按 n 为本办件预约检查"
tmux_keys n
wait_screen "预约意向" 5 >/dev/null
tmux_keys Right Tab "周五上午" Tab "13800001111"
scr=$(wait_screen "case appoint" 5)
expect_has "console: the form shows the equivalent command" "$scr" "case appoint $NO3 --channel"
tmux_keys F2
scr=$(wait_screen "已提交" 5)
expect_has "console: the request is booked, due in 2 working hours" "$scr" "2026-11-27 12:00"
expect_has "console: ... and listed with its time left" "$scr" "2h00"
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
sleep 1

tmux_start approver1 80 24
scr=$(wait_screen "欢迎" 10)
expect_has "console: home offers the inspections (a)" "$scr" "a 预约检查"
expect_has "console: ... and says requests are waiting, one past its time" "$scr" \
    "待答复的预约检查 2 条 · 其中超时 1 条"
tmux_keys a
scr=$(wait_screen "剩余/检查" 5)
expect_has "console: the approver's list shows the waiting request" "$scr" "2h00"
expect_has "console: ... after the demo's request already past its time" "$scr" "● -"
tmux_keys Down Enter
scr=$(wait_screen "变更记录" 5)
expect_has "console: Enter opens the request selected" "$scr" "$NO3"
expect_has "console: the appointment opens with its history" "$scr" "申请预约检查"
tmux_keys a
scr=$(wait_screen "答复预约" 5)
expect_has "console: the answer form offers the next working day" "$scr" "2026-11-30"
tmux_keys F2
scr=$(wait_screen "已安排" 5)
expect_has "console: the answer is saved" "$scr" "预约"
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
sleep 1
out=$(ssh_as clerk1 appointment list --case "$NO3")
expect_has "console: the clerk sees the visit booked on Monday" "$out" "2026-11-30"
expect_has "console: ... with approver1 as the inspector" "$out" "approver1"

# 4. A dropped link keeps the half-typed answer (English, 渝中区): the demo's
# food shop request waiting within its time.
tmux_start approver2 80 24
wait_screen "Welcome" 10 >/dev/null
tmux_keys a
wait_screen "left/visit" 5 >/dev/null
tmux_keys Enter
wait_screen "history" 5 >/dev/null
tmux_keys a
wait_screen "answer the request" 5 >/dev/null
tmux_keys Tab Tab Tab Tab "called the owner"
sleep 0.5
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null   # the link drops
sleep 1.5
tmux_start approver2 80 24
scr=$(wait_screen "unfinished inspection form" 10)
expect_has "draft en: the inspection form is offered again at the next login" "$scr" \
    "An unfinished inspection form"
tmux_keys r
scr=$(wait_screen "called the owner" 5)
expect_has "draft en: the typed note is back" "$scr" "called the owner"
tmux_keys F2
scr=$(wait_screen "booked" 5)
expect_has "draft en: ... and the answer is saved" "$scr" "booked"
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
