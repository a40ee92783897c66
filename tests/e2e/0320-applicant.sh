#!/usr/bin/env bash
# The applicant register over the real ssh client and in the console: who may
# apply for an item (a person's resident ID or an organisation's code), and a
# known ID taken in under another name (flagged, confirmed, recorded).
. "$(dirname "$0")/lib.sh"
start_server 300

rc_of() { "$@" >/dev/null 2>&1; echo $?; }
PERSON=11010519491231002X
ORG=$(python3 -c '
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
s = "91500229MA5U7XK1Q"
print(s + chars[(31 - sum(chars.index(c) * k for c, k in zip(s, w)) % 31) % 31])')
count() { sqlite3 "$DB" "$1"; }
events_before=$(count "SELECT count(*) FROM event")

# 结婚登记 is for persons only (婚姻登记条例 art. 4).
err=$(ssh_as clerk1 case new --item 000710001000 --applicant-id "$ORG" --applicant-name 城口县某有限公司 \
    --applicant-region 500229001003 --channel window --materials 1,2,3 2>&1 >/dev/null); rc=$?
expect_eq "applicant: a company for 结婚登记 is refused (exit 5)" "$rc" 5
expect_has "applicant: ... with one message in Chinese naming the item" "$err" "只受理自然人申请"
expect_eq "applicant: ... and nothing is written" "$(count "SELECT count(*) FROM event")" "$events_before"
# 劳务派遣经营许可 is for organisations only (劳动合同法 art. 57).
err=$(ssh_as clerk1 case new --item 000111002000 --applicant-id "$PERSON" --applicant-name 张三 \
    --applicant-region 500229001003 --channel window --materials 1,2,3,4,5,6 2>&1 >/dev/null); rc=$?
expect_eq "applicant: a person for 劳务派遣经营许可 is refused (exit 5)" "$rc" 5
expect_has "applicant: ... naming the kind it takes" "$err" "只受理法人或其他组织申请"
no=$(ssh_as clerk1 case new --item 000111002000 --applicant-id "$ORG" --applicant-name 城口县某有限公司 \
    --applicant-region 500229001003 --channel window --materials 1,2,3,4,5,6); rc=$?
expect_eq "applicant: the company is taken in for 劳务派遣经营许可" "$rc" 0

# A known ID under another name.
first=$(ssh_as clerk1 case new --item 000710001000 --applicant-id "$PERSON" --applicant-name 张三 \
    --applicant-region 500229001003 --channel window --materials 1,2,3)
registered=$(count "SELECT name FROM applicant WHERE id = '$PERSON'")
expect_eq "applicant: the case is taken in under the registered name" \
    "$(count "SELECT applicant_name FROM cases WHERE no = '$first'")" "$registered"
events_before=$(count "SELECT count(*) FROM event")
err=$(ssh_as clerk1 case new --item 000710001000 --applicant-id "$PERSON" --applicant-name 张叁 \
    --applicant-region 500229001003 --channel window --materials 1,2,3 2>&1 >/dev/null); rc=$?
expect_eq "applicant: another name for a known ID is refused (exit 5)" "$rc" 5
expect_has "applicant: ... naming the registered one" "$err" "登记的名称是“张三”"
expect_has "applicant: ... and how to confirm it" "$err" "--name-differs"
expect_eq "applicant: ... and nothing is written" "$(count "SELECT count(*) FROM event")" "$events_before"
second=$(ssh_as clerk1 case new --item 000710001000 --applicant-id "$PERSON" --applicant-name 张叁 \
    --applicant-region 500229001003 --channel window --materials 1,2,3 --name-differs); rc=$?
expect_eq "applicant: confirmed with --name-differs, it is taken in" "$rc" 0
expect_eq "applicant: ... under the new name" \
    "$(count "SELECT applicant_name FROM cases WHERE no = '$second'")" "张叁"
expect_eq "applicant: ... the earlier case keeps its name" \
    "$(count "SELECT applicant_name FROM cases WHERE no = '$first'")" "张三"
expect_has "applicant: ... and the change is an event on the applicant" \
    "$(count "SELECT note FROM event WHERE subject = 'applicant:$PERSON' AND action = 'correct'")" \
    "张三 → 张叁"

# item export carries the applicant kind.
exp=$(ssh_as admin item export)
expect_eq "applicant: item export has the applicant_kind column" \
    "$(head -1 <<<"$exp" | tr -d '\r\357\273\277' | awk -F, '{print $13}')" applicant_kind
expect_has "applicant: ... 结婚登记 is for persons" "$(grep '^000710001000,' <<<"$exp")" ",person"

# The console: the registered name is shown and a second F2 confirms.
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "结婚登记"
sleep 0.5
tmux_keys Enter
sleep 0.3
tmux_keys "$PERSON" Tab
sleep 0.3
tmux_keys "张三丰" Tab Tab Tab Tab
sleep 0.3
tmux_keys a
sleep 0.3
scr=$(tmux_screen)
expect_has "console: the registered name is shown beside another one" "$scr" "登记名称：张叁"
tmux_keys F2
scr=$(wait_screen "再按 F2" 3)
expect_has "console: the first F2 flags the name and asks again" "$scr" "登记名称为张叁，不是张三丰"
tmux_keys F2
scr=$(wait_screen "待受理" 5)
expect_has "console: the second F2 takes it in under the new name" "$scr" "张三丰"
