#!/usr/bin/env bash
# What the applicant has been told (告知): each moment recorded with how it
# was told, owed moments shown on the case, and the operator's hook that
# sends the message by itself.
. "$(dirname "$0")/lib.sh"
cat > "$TMP/notify" <<'HOOK'
#!/bin/sh
{ echo "$1 $2 $3"; cat; echo; } >> "$(dirname "$0")/sent"
HOOK
chmod +x "$TMP/notify"
export TONGBAN_NOTIFY=$TMP/notify
start_server 2000

no=$(ssh_as approver1 case worklist --format csv --limit 50 | awk -F, '$6 == "submitted" {print $1; exit}')
check "tell: a case waits for acceptance" grep -qE '^5002' <<<"$no"
expect_eq "tell: nothing to tell before the acceptance (exit 4)" \
    "$(ssh_as approver1 case tell "$no" accept --how phone >/dev/null 2>&1; echo $?)" 4
ssh_as approver1 case act "$no" accept >/dev/null 2>&1 || ssh_as approver1 case act "$no" accept \
    --pledge-materials 4 --pledge-date 2026-12-10 >/dev/null 2>&1
status=$(ssh_as approver1 case show "$no" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
if [ "$status" = accepted ] || [ "$status" = under_review ]; then
	expect_has "hook: the acceptance ran the operator's program with the case, moment and phone" \
	    "$(cat "$TMP/sent" 2>/dev/null)" "$no accept"
	expect_has "hook: ... and the message on its input, in Chinese" "$(cat "$TMP/sent")" "已受理，办件编号 $no"
	expect_has "hook: a sent message is recorded as told by SMS" \
	    "$(ssh_as approver1 case show "$no")" "受理通知：短信告知"
else
	not_ok "tell: the case could be accepted" "status $status"
fi

# By hand: the approver tells by phone; the JSON says so too.
out=$(ssh_as approver1 case tell "$no" accept --how phone --note 本人接听); rc=$?
expect_eq "tell: recorded by phone (exit 0)" "$rc" 0
expect_has "tell: ... and said" "$out" "已将受理通知告知申请人（电话告知）"
json=$(ssh_as approver1 case show "$no" --format json)
expect_has "tell: case show --format json lists the moment told and how" "$json" '"moment": "accept"'
expect_has "tell: ... by phone" "$json" '"how": "phone"'
expect_has "tell: the timeline has the telling with its note" "$json" "受理通知：电话告知；本人接听"
expect_eq "tell: an unknown way of telling is refused (exit 5)" \
    "$(ssh_as approver1 case tell "$no" accept --how fax >/dev/null 2>&1; echo $?)" 5
expect_eq "tell: another bureau cannot see the case (exit 2)" \
    "$(ssh_as approver2 case tell "$no" accept --how phone >/dev/null 2>&1; echo $?)" 2
expect_eq "tell: a supervisor does not tell applicants (exit 3)" \
    "$(ssh_as supervisor1 case tell "$no" accept --how phone >/dev/null 2>&1; echo $?)" 3
check "audit: the chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"

# The console: an owed moment is shown; t records it.
unset TONGBAN_NOTIFY
no2=$(ssh_as approver1 case worklist --format csv --limit 50 | awk -F, '$6 == "under_review" {print $1; exit}')
tmux_start approver1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys /
wait_screen "查找办件" 3 >/dev/null
tmux_keys "$no2" Enter
scr=$(wait_screen "告知情况" 3)
expect_has "console: the case shows what the applicant is still owed" "$scr" "尚未告知"
tmux_keys t
wait_screen "告知申请人" 3 >/dev/null
tmux_keys Tab Right Right Tab "上门送达告知" Enter
scr=$(wait_screen "已登记" 3)
expect_has "console: t records the telling (in person)" "$scr" "已登记：受理通知已当面告知"
expect_has "console: ... and the case shows it" "$(echo "$scr" | grep 告知情况)" "受理通知 当面告知"
tmux_keys q q y
