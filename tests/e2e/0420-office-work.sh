#!/usr/bin/env bash
# Work inside an office (分办): a case given to a person and taken back, the
# "my cases" and "unassigned" views, several cases accepted or given at once
# on the console -- each its own event.
. "$(dirname "$0")/lib.sh"
start_server 2000

# approver1 and head1 are both of 城口县市场监督管理局.
no=$(ssh_as approver1 case worklist --unassigned --format csv --limit 1 | tail -1 | cut -d, -f1)
check "assign: the office's unassigned list has a case" grep -qE '^5002' <<<"$no"
out=$(ssh_as approver1 case assign "$no" head1 --note 请黄局长牵头); rc=$?
expect_eq "assign: an approver gives a case of the office to head1 (exit 0)" "$rc" 0
expect_has "assign: ... and is told so" "$out" "已分给 head1"
expect_has "assign: head1's own list holds it" \
    "$(ssh_as head1 case worklist --mine --format csv | cut -d, -f1)" "$no"
check "assign: ... and it has left the unassigned list" \
    bash -c "! ssh $SSH_OPTS -o BatchMode=yes -i $TMP/key -p $PORT approver1@127.0.0.1 case worklist --unassigned --format csv --limit 1000 | cut -d, -f1 | grep -qx -- $no"
expect_has "assign: case show names the person" "$(ssh_as approver1 case show "$no")" "经办人"
expect_has "assign: the timeline records it with the note" \
    "$(ssh_as approver1 case show "$no" --format json)" "分给 黄局长；请黄局长牵头"
expect_eq "assign: a clerk of another office is refused (exit 5)" \
    "$(ssh_as approver1 case assign "$no" clerk1 >/dev/null 2>&1; echo $?)" 5
expect_eq "assign: another bureau cannot even see the case (exit 2)" \
    "$(ssh_as approver2 case assign "$no" approver2 >/dev/null 2>&1; echo $?)" 2
expect_eq "assign: a supervisor may not give cases (exit 3)" \
    "$(ssh_as supervisor1 case assign "$no" head1 >/dev/null 2>&1; echo $?)" 3
expect_eq "assign: a stale version is a conflict (exit 4)" \
    "$(ssh_as approver1 case assign "$no" approver1 --expect-version 1 >/dev/null 2>&1; echo $?)" 4
out=$(ssh_as approver1 case assign "$no" none); rc=$?
expect_eq "assign: none gives it back to the office (exit 0)" "$rc $out" "0 $no：已收回给本机关"
check "audit: the chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"

# The console: mark two unassigned cases, give them to head1 at once.
events0=$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'assign'")
ID=$(python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='50022919850505123'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])")
fresh=$(ssh_as clerk1 case new --item 000101001000 --applicant-id "$ID" --applicant-name 吴敏 \
    --name-differs --channel window --materials 1,2,3,4,5 2>/dev/null)
tmux_start approver1 80 50
wait_screen "欢迎" 10 >/dev/null
tmux_keys w
wait_screen "待办" 3 >/dev/null
tmux_keys v v
scr=$(wait_screen "未分办的" 3)
expect_has "console: v shows the office's cases given to nobody" "$scr" "未分办的"
first=$(echo "$scr" | grep -o '^500[0-9-]*' | sed -n 1p)
second=$(echo "$scr" | grep -o '^500[0-9-]*' | sed -n 2p)
tmux_keys Space Space
scr=$(wait_screen "已标记 2 件" 3)
expect_has "console: Space marks rows" "$scr" "已标记 2 件"
tmux_keys g
scr=$(wait_screen "分给：" 3)
expect_has "console: g asks to whom, among the office's people" "$scr" "head1"
# the people are listed one a row under the question: go down to head1
downs=$(echo "$scr" | awk '/分给：/ {on = 1; n = 0; next} on && /head1/ {print n; exit} on {n++}')
for _ in $(seq "${downs:-0}"); do tmux_keys Down; done
sleep 0.2
tmux_keys Enter
scr=$(wait_screen "完成" 3)
expect_has "console: both cases are given at once" "$scr" "完成 2 件"
expect_eq "console: ... each with its own event" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'assign'")" $((events0 + 2))
expect_eq "console: ... to head1" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE no IN ('$first', '$second') AND assignee = 'head1'")" 2

# A on a marked case that waits for acceptance: accepted, with its own event.
tmux_keys v v v
scr=$(wait_screen "最紧急的在前" 3)
sleep 0.5
scr=$(tmux_screen)
pos=$(echo "$scr" | awk -v no="$fresh" '/^办件编号/ {on = 1; n = 0; next} on && index($0, no) == 1 {print n; exit} on {n++}')
sub=$fresh
if [ -n "$pos" ]; then
	for _ in $(seq "$pos"); do tmux_keys Down; done
	tmux_keys Space A
	scr=$(wait_screen "完成" 3)
	expect_has "console: A accepts the marked case" "$scr" "完成 1 件"
	expect_eq "console: ... which is accepted now" \
	    "$(sqlite3 "$DB" "SELECT status FROM cases WHERE no = '$sub'")" accepted
else
	not_ok "console: a case waiting for acceptance in the worklist" "$scr"
fi
tmux_keys q q y
