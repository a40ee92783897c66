#!/usr/bin/env bash
# The calendar past the last notice, as users meet it: at the end of 2026,
# with no notice for 2027 yet, a case's due date in 2027 is provisional (the
# statutory holidays only), said on the case screen, in `case show` and in
# exports; `calendar add/workdays/show` print a note on stderr; the admin
# imports the 2027 notice and every open case it moves is recomputed in
# that one transaction, with an event each; a console open since before
# counts by the notice at once. Then the yellow threshold as a setting.
export TONGBAN_TODAY=2026-12-28
. "$(dirname "$0")/lib.sh"
export TONGBAN_TODAY_FILE=$TMP/today
echo 2026-12-28 > "$TONGBAN_TODAY_FILE"
start_server 600

rc_of() { "$@" >/dev/null 2>&1; echo $?; }
idno() {
	python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='$1'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])"
}
json_of() { ssh_as supervisor1 case show "$1" --format json |
	python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$2"; }
ID=$(idno 50022919900404123)
ID2=$(idno 50022919900505123)

# 1. Taken in on Monday 28 December: 5 working days to answer (art. 32):
# 29, 30, 31 December, then 元旦 (Friday 1 January) and a weekend, 4 and 5
# January: due 2027-01-05, counted over 2027, which has no notice yet.
NO=$(ssh_as clerk1 case new --item 000112004000 --applicant-id "$ID" --applicant-name 郑一 \
    --applicant-region 500229001003 --channel window --materials 1,2,3,4,5)
check "provisional: a case is taken in" test -n "$NO"
expect_eq "provisional: its due date skips 元旦 and the weekend" "$(json_of "$NO" due)" "2027-01-05"
expect_eq "provisional: case show --format json says provisional" "$(json_of "$NO" provisional)" 1
show=$(ssh_as clerk1 case show "$NO")
expect_has "provisional: case show marks the due date" "$show" "截止 2027-01-05（暂定）"
expect_has "provisional: ... and says why" "$show" "国务院节假日安排通知尚未发布"
csv=$(ssh_as supervisor1 case export --format csv)
expect_eq "provisional: exports have a provisional column" \
    "$(printf '%s\n' "$csv" | head -1 | tr -d '\r' | awk -F, '{print $NF}')" "provisional"
expect_eq "provisional: ... which is 1 for this case" \
    "$(printf '%s\n' "$csv" | grep "^$NO," | tr -d '\r' | awk -F, '{print $NF}')" 1
# The open cases the notice will move: every open one counted over 2027.
open_prov=$(printf '%s\n' "$csv" | python3 -c "
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(sum(1 for r in rows if r['provisional'] == '1' and
          r['status'] not in ('not_accepted', 'completed', 'withdrawn')))")
check "provisional: some demo cases are provisional too ($open_prov)" test "$open_prov" -gt 1
# ... and the suspended ones whose period told (art. 45) ends on 4 to 8
# January 2027: the notice takes Monday 4 January and gives back Saturday
# 9 January, so those ends move, though their own due date is not
# provisional (a later end keeps its day).
open_prov=$((open_prov + $(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE open = 1 AND
    provisional = 0 AND status = 'suspended' AND suspend_due BETWEEN '2027-01-04' AND
    '2027-01-08'")))

# 2. The console shows the mark on the case screen (80x24).
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys /
wait_screen "查找办件" 5 >/dev/null
tmux_keys "$NO" Enter
scr=$(wait_screen "提交申请" 5)
expect_has "console: the case screen marks the due date provisional" "$scr" "2027-01-05（暂定）"
expect_has "console: ... with a line saying why" "$scr" "暂定：2027 年节假日安排尚未发布"

# 3. The calendar commands: the answer on stdout, a note on stderr, exit 0.
out=$(ssh_as clerk1 calendar add 2026-12-31 1 2>"$TMP/err"); rc=$?
expect_eq "calendar add: 2026-12-31 + 1 skips 元旦 2027 and the weekend" "$out" "2027-01-04"
expect_eq "calendar add: ... exit 0" "$rc" 0
expect_has "calendar add: ... with a note on stderr" "$(cat "$TMP/err")" "注意：结果为暂定。2027 年"
out=$(ssh_as clerk1 calendar workdays 2026-12-28 2027-01-05 2>"$TMP/err"); rc=$?
expect_eq "calendar workdays: 29, 30, 31 December, 4 and 5 January" "$out" 5
expect_has "calendar workdays: ... with the note" "$(cat "$TMP/err")" "暂定"
out=$(ssh_as clerk1 calendar workdays 2027-01-05 2026-12-28 2>"$TMP/err"); rc=$?
expect_eq "calendar workdays: FROM after TO is 0" "$out" 0
expect_eq "calendar workdays: ... exit 0, no note" "$rc $(wc -c < "$TMP/err")" "0 0"
out=$(ssh_as clerk1 calendar workdays 2026-12-01 2026-12-31 2>"$TMP/err")
# (1 December, 31 December]: the 22 weekdays after the first.
expect_eq "calendar workdays: within 2026, no note" "$out $(wc -c < "$TMP/err")" "22 0"
out=$(ssh_as clerk1 calendar show --year 2027 --format csv 2>"$TMP/err"); rc=$?
expect_has "calendar show: 2027's rest days by the statutory rule" "$out" \
    "2027-02-05,public_holiday,春节,Chinese New Year,1"
expect_has "calendar show: ... and the day owed for 初一 on a Saturday" "$out" \
    "2027-02-09,public_holiday,春节补假"
expect_has "calendar show: ... with the note" "$(cat "$TMP/err")" "暂定"
expect_eq "calendar show: ... exit 0" "$rc" 0

# 4. The admin imports a 2027 notice (made up for the test: 元旦 from
# Friday 1 to Monday 4 January, Saturday 9 January worked).
printf 'date,kind,name_cn,name_en\n2027-01-01,public_holiday,元旦,New Year\n2027-01-02,public_holiday,元旦,New Year\n2027-01-03,public_holiday,元旦,New Year\n2027-01-04,public_holiday,元旦,New Year\n2027-01-09,transfer_workday,元旦补班,Workday\n' > "$TMP/cal2027.csv"
printf 'date,kind,name_cn,name_en\n2027-01-04,public_holiday,元旦,New Year\n2027-01-09,transfer_workday,元旦补班\n' > "$TMP/bad.csv"
err=$(ssh_as admin calendar import - < "$TMP/bad.csv" 2>&1); rc=$?
expect_eq "import: a short row is refused (exit 5)" "$rc" 5
expect_has "import: ... naming its line" "$err" "stdin:3:"
expect_eq "import: ... and nothing moved" "$(json_of "$NO" provisional)" 1
events_before=$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'reclock'")
out=$(ssh_as admin calendar import - < "$TMP/cal2027.csv"); rc=$?
expect_eq "import: the notice lands (exit 0)" "$rc" 0
expect_has "import: ... and says how many open cases were recomputed" "$out" \
    "重新计算时限的在办办件：$open_prov 件"
expect_eq "import: one event per recomputed case" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'reclock'")" \
    "$((events_before + open_prov))"
expect_eq "import: the case's due date moves past Monday 4 January" "$(json_of "$NO" due)" "2027-01-06"
expect_eq "import: ... and is provisional no more" "$(json_of "$NO" provisional)" 0
show=$(ssh_as clerk1 case show "$NO")
expect_has "import: the timeline says what moved" "$show" "截止日期 2027-01-05 → 2027-01-06"
expect_has "import: case show no longer marks the due date" "$show" "截止 2027-01-06，"
expect_eq "import: no open case is provisional any more" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE open = 1 AND provisional = 1")" 0
check "import: the summaries agree with the cases (stats check)" \
    bash -c "\"$TB\" --db \"$DB\" stats check >/dev/null"
check "import: the audit chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"
out=$(ssh_as clerk1 calendar add 2027-01-08 1 2>"$TMP/err")
expect_eq "import: the clock counts the Saturday worked" "$out $(wc -c < "$TMP/err")" "2027-01-09 0"

# 5. The console open since before the import counts by the notice at once.
tmux_keys q
wait_screen "欢迎" 3 >/dev/null
tmux_keys :
sleep 0.3
tmux_keys "case new --item 000112004000 --applicant-id $ID2 --applicant-name 钱二 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5" Enter
scr=$(wait_screen "500229-20261228" 5)
NO2=$(echo "$scr" | grep -o '500229-20261228-[0-9]\{6\}' | tail -1)
check "console: a case taken in after the import" test -n "$NO2"
expect_eq "console: ... is due by the notice, not the statutory guess" "$(json_of "$NO2" due)" "2027-01-06"
expect_eq "console: ... and is not provisional" "$(json_of "$NO2" provisional)" 0

# 6. The yellow threshold: a setting of the admin's.
echo 2026-12-31 > "$TONGBAN_TODAY_FILE"
# Thursday 31 December: 3 of 5 days used (29, 30, 31); yellow at 80% is 4.
expect_eq "warn: at 80%, 3 of 5 days used is green" "$(json_of "$NO" light)" green
expect_eq "warn: a clerk may not change it (exit 3)" \
    "$(rc_of ssh_as clerk1 calendar set warn-percent 60)" 3
expect_eq "warn: 101 is refused (exit 5)" "$(rc_of ssh_as admin calendar set warn-percent 101)" 5
expect_eq "warn: 'abc' is refused (exit 5)" "$(rc_of ssh_as admin calendar set warn-percent abc)" 5
expect_eq "warn: an unknown setting is invalid input (exit 5)" \
    "$(rc_of ssh_as admin calendar set colour 5)" 5
expect_eq "warn: the setting in force" "$(ssh_as admin calendar set warn-percent)" 80
out=$(ssh_as admin calendar set warn-percent 60); rc=$?
expect_eq "warn: the admin sets 60% (exit 0)" "$rc" 0
expect_has "warn: ... which is said back" "$out" "时限用去 60%（原为 80%）"
expect_has "warn: ... with the open cases recomputed" "$out" "重新计算时限的在办办件："
expect_eq "warn: the setting in force now" "$(ssh_as admin calendar set warn-percent)" 60
expect_eq "warn: at 60%, 3 of 5 days used is yellow" "$(json_of "$NO" light)" yellow
expect_has "warn: the case's timeline says why" "$(ssh_as clerk1 case show "$NO")" \
    "黄灯预警比例 80% → 60%"
check "warn: the summaries agree with the cases" \
    bash -c "\"$TB\" --db \"$DB\" stats check >/dev/null"
