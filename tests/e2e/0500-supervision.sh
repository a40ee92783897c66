#!/usr/bin/env bash
# Efficiency supervision over the real ssh client: the dashboard's figures
# against the cases themselves, the summaries checked after live actions,
# supervision orders (督办), complaints (投诉) and ratings (好差评) through
# their lives, the five reports in every format, the live dashboard on the
# console, and the 催办 reminder at an approver's login.
. "$(dirname "$0")/lib.sh"
start_server 3000

# rc_of CMD...: the exit status of CMD, output discarded
rc_of() { "$@" >/dev/null 2>&1; echo $?; }
# csv_count [PY-CONDITION]: rows of the CSV on stdin (header excluded) for
# which the condition on the row r (a dict) holds
csv_count() {
	python3 -c 'import csv,sys
rows = list(csv.DictReader(sys.stdin))
cond = sys.argv[1] if len(sys.argv) > 1 else "True"
print(sum(1 for r in rows if eval(cond)))' "$@"
}
# csv_first FIELD PY-CONDITION: FIELD of the first row where the condition holds
csv_first() {
	python3 -c 'import csv,sys
for r in csv.DictReader(sys.stdin):
    if eval(sys.argv[2]):
        print(r[sys.argv[1]]); break' "$1" "$2"
}
OPEN_STATUSES='("submitted","accepted","supplement","under_review","suspended","approved","denied")'
# totals JSON: "open red yellow green" of a dashboard
totals() {
	python3 -c 'import json,sys
t = json.loads(sys.stdin.read())["totals"]
print(t["open"], t["red"], t["yellow"], t["green"])' <<<"$1"
}
new_firm_case() {	# 企业设立登记 for 城口县's market bureau, taken in by clerk1
	ssh_as clerk1 case new --item 000101003000 --applicant-id 11010519491231002X \
	    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5
}

# Dashboard ------------------------------------------------------------------

dash=$(ssh_as supervisor1 dashboard --once --format json); rc=$?
expect_eq "dashboard: supervisor1 gets the figures as JSON (exit 0)" "$rc" 0
read -r d_open d_red d_yellow d_green <<<"$(totals "$dash")"
ssh_as supervisor1 case export --format csv >"$TMP/all.csv"
x_open=$(csv_count "r['status'] in $OPEN_STATUSES" <"$TMP/all.csv")
x_red=$(ssh_as supervisor1 case export --light red --format csv | csv_count)
x_yellow=$(ssh_as supervisor1 case export --light yellow --format csv | csv_count)
expect_eq "dashboard: the city's open, red and yellow equal what case export gives" \
    "$d_open $d_red $d_yellow" "$x_open $x_red $x_yellow"
expect_eq "dashboard: ... and green is the rest" "$d_green" "$((x_open - x_red - x_yellow))"
check "dashboard: ... with some red and some yellow in the demo" \
    test "$x_red" -gt 0 -a "$x_yellow" -gt 0
expect_eq "dashboard: ... and the light column of the export agrees" \
    "$(csv_count "r['light'] == 'red'" <"$TMP/all.csv") $(csv_count "r['light'] == 'yellow'" <"$TMP/all.csv")" \
    "$x_red $x_yellow"
expect_eq "dashboard: the city's grid adds up to its open cases" \
    "$(python3 -c 'import json,sys; print(sum(a["open"] for a in json.loads(sys.stdin.read())["areas"]))' <<<"$dash")" \
    "$d_open"

dash2=$(ssh_as supervisor2 dashboard --once --format json); rc=$?
expect_eq "dashboard: supervisor2 (城口县) gets the figures (exit 0)" "$rc" 0
areas2=$(python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(d["scope"], " ".join(a["code"] for a in d["areas"]))' <<<"$dash2")
expect_eq "dashboard: supervisor2's scope is 500229" "${areas2%% *}" "500229"
check "dashboard: ... and every area of the grid lies in 城口县" \
    python3 -c 'import sys; c = sys.argv[1].split()[1:]; sys.exit(not c or any(not x.startswith("500229") for x in c))' "$areas2"
city_cq=$(python3 -c 'import json,sys
for a in json.loads(sys.stdin.read())["areas"]:
    if a["code"] == "500229": print(a["open"], a["red"], a["yellow"])' <<<"$dash")
read -r s2_open s2_red s2_yellow _ <<<"$(totals "$dash2")"
expect_eq "dashboard: supervisor2's totals are 城口县's cell of the city's grid" \
    "$s2_open $s2_red $s2_yellow" "$city_cq"
# The dashboard's finest view is a district's (its grid shows the townships):
# narrowing to one township is refused with a clear message, not half-answered.
terr=$(ssh_as supervisor2 dashboard --once --region 500229001 --format json 2>&1 >/dev/null); rc=$?
expect_eq "dashboard: narrowing to a township is invalid input (exit 5)" "$rc" 5
expect_has "dashboard: ... which says the dashboard covers the city or a district" "$terr" "500229001"
tdash=$(ssh_as supervisor2 dashboard --once --format json)
expect_has "dashboard: a district supervisor's grid lists its townships" "$tdash" "\"code\": \"500229001\""
dash_admin=$(ssh_as admin dashboard --once --format json)
expect_eq "dashboard: admin sees the whole city, the same totals" \
    "$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["scope"])' <<<"$dash_admin") $(totals "$dash_admin")" \
    "50 $d_open $d_red $d_yellow $d_green"
expect_eq "dashboard: a clerk may not see it (exit 3)" "$(rc_of ssh_as clerk1 dashboard --once)" 3
expect_eq "dashboard: nor an approver (exit 3)" "$(rc_of ssh_as approver1 dashboard --once)" 3
expect_eq "dashboard: supervisor2 may not look at 渝中区 (exit 3)" \
    "$(rc_of ssh_as supervisor2 dashboard --once --region 500103)" 3

# The summaries after actions over ssh ------------------------------------------

no_a=$(new_firm_case)
no_b=$(new_firm_case)
acted=0
for a in "$no_a accept" "$no_a review" "$no_a approve"; do
	set -- $a
	ssh_as approver1 case act "$1" "$2" >/dev/null && acted=$((acted + 1))
done
ssh_as clerk1 case act "$no_a" complete >/dev/null && acted=$((acted + 1))
ssh_as approver1 case act "$no_b" supplement --materials 5 >/dev/null && acted=$((acted + 1))
expect_eq "stats: five actions over ssh succeed" "$acted" 5
out=$(ssh_as admin stats check); rc=$?
expect_eq "stats: the admin's check finds the summaries equal to the cases (exit 0)" "$rc" 0
expect_eq "stats: a supervisor may not run the check (exit 3)" "$(rc_of ssh_as supervisor1 stats check)" 3
# On a copy: a summary row that no case explains is found, and rebuilt away.
tampered=$(db_copy tampered)
sqlite3 "$tampered" "INSERT INTO stat_hall(day, hall, received) VALUES ('2000-01-03', '500229001', 3)"
expect_eq "stats: a summary row no case explains makes the check fail (exit 4)" \
    "$(rc_of "$TB" --db "$tampered" stats check)" 4
expect_eq "stats: rebuild recomputes the summaries (exit 0)" \
    "$(rc_of "$TB" --db "$tampered" stats rebuild)" 0
expect_eq "stats: ... and then the check passes" "$(rc_of "$TB" --db "$tampered" stats check)" 0
dash_after=$(ssh_as supervisor1 dashboard --once --format json)
read -r a_open _ <<<"$(totals "$dash_after")"
expect_eq "stats: two cases taken in, one completed: the city has one more open case" \
    "$a_open" "$((d_open + 1))"

# Supervision orders (督办) ---------------------------------------------------------

ssh_as supervisor2 case export --light red --format csv >"$TMP/red2.csv"
red_no=$(csv_first no "r['office'].startswith('500229')" <"$TMP/red2.csv")
red_office=$(csv_first office "r['office'].startswith('500229')" <"$TMP/red2.csv")
check "supervise: 城口县 has a red case handled by one of its offices" test -n "$red_no"
office_region=${red_office%%.*}
"$TB" --db "$DB" user add offi1 --role approver --region "$office_region" --office "$red_office" \
    --name 办件机关审批 >/dev/null || not_ok "setup: add user offi1"
"$TB" --db "$DB" user key add offi1 "$TMP/key.pub" >/dev/null || not_ok "setup: key for offi1"
"$TB" --db "$DB" user add sup3 --role supervisor --region 500103 --name 渝中监察 >/dev/null ||
    not_ok "setup: add user sup3"
"$TB" --db "$DB" user key add sup3 "$TMP/key.pub" >/dev/null || not_ok "setup: key for sup3"
# order_field LOGIN ID FIELD: one field of an order in LOGIN's list
order_field() {
	ssh_as "$1" supervise list --format csv | csv_first "$3" "r['id'] == '$2'"
}

expect_eq "supervise: a clerk may not issue an order (exit 3)" \
    "$(rc_of ssh_as clerk1 supervise new --case "$red_no" --note 督办 --due 2026-12-04)" 3
expect_eq "supervise: a due date in the past is invalid (exit 5)" \
    "$(rc_of ssh_as supervisor2 supervise new --case "$red_no" --note 督办 --due 2026-11-20)" 5
other_no=$(csv_first no "r['office'].startswith('500103.')" <"$TMP/all.csv")
expect_eq "supervise: a case outside 城口县 reads as unknown to supervisor2 (exit 2)" \
    "$(rc_of ssh_as supervisor2 supervise new --case "$other_no" --note 督办 --due 2026-12-04)" 2
out=$(ssh_as supervisor2 supervise new --case "$red_no" --note '超期办件，请于12月4日前办结并书面答复' \
    --due 2026-12-04); rc=$?
expect_eq "supervise: supervisor2 issues an order on the red case (exit 0)" "$rc" 0
expect_has "supervise: ... addressed to the case's office" "$out" "$red_office"
oid=$(ssh_as supervisor2 supervise list --format csv | csv_first id "r['case'] == '$red_no'")
check "supervise: ... listed for supervisor2 with an id" test -n "$oid"
expect_eq "supervise: the office's approver sees it open in its list" \
    "$(order_field offi1 "$oid" status) $(order_field offi1 "$oid" due)" "open 2026-12-04"
expect_eq "supervise: another office's approver does not" \
    "$(ssh_as approver1 supervise list --format csv | csv_count "r['id'] == '$oid'")" 0
expect_eq "supervise: another office does not see the order (exit 2, as if none)" \
    "$(rc_of ssh_as approver1 supervise respond "$oid" --note 已办)" 2
expect_eq "supervise: a response needs a note (exit 5)" \
    "$(rc_of ssh_as offi1 supervise respond "$oid")" 5
expect_eq "supervise: the office responds (exit 0)" \
    "$(rc_of ssh_as offi1 supervise respond "$oid" --note '已于今日办结，超期原因为专家评审延误')" 0
expect_eq "supervise: ... once (a second response is a conflict, exit 4)" \
    "$(rc_of ssh_as offi1 supervise respond "$oid" --note 再次)" 4
expect_eq "supervise: the office may not close its own order (exit 3)" \
    "$(rc_of ssh_as offi1 supervise close "$oid")" 3
expect_eq "supervise: a supervisor of 渝中区 does not see 城口县's order (exit 2, as if none)" \
    "$(rc_of ssh_as sup3 supervise close "$oid")" 2
expect_eq "supervise: supervisor2 closes it (exit 0)" "$(rc_of ssh_as supervisor2 supervise close "$oid")" 0
expect_eq "supervise: ... closed, with the office's response" \
    "$(order_field supervisor2 "$oid" status) $(order_field supervisor2 "$oid" response)" \
    "closed 已于今日办结，超期原因为专家评审延误"
expect_eq "supervise: a closed order cannot be closed again (exit 4)" \
    "$(rc_of ssh_as supervisor2 supervise close "$oid")" 4

# A second order, on the office: returned once, answered again, closed.
out=$(ssh_as supervisor2 supervise new --office "$red_office" --note '本月超期办件偏多，请说明原因' \
    --due 2026-12-04); rc=$?
expect_eq "supervise: an order on the office itself (exit 0)" "$rc" 0
oid2=$(ssh_as supervisor2 supervise list --status open --format csv | csv_first id "r['case'] == ''")
check "supervise: ... listed as open" test -n "$oid2"
expect_eq "supervise: an open order cannot be returned (exit 4)" \
    "$(rc_of ssh_as supervisor2 supervise return "$oid2" --note 不具体)" 4
expect_eq "supervise: the office responds" \
    "$(rc_of ssh_as offi1 supervise respond "$oid2" --note 人手不足)" 0
expect_eq "supervise: returning needs a note (exit 5)" \
    "$(rc_of ssh_as supervisor2 supervise return "$oid2")" 5
expect_eq "supervise: supervisor2 returns the answer as not enough" \
    "$(rc_of ssh_as supervisor2 supervise return "$oid2" --note '答复不具体，请列明整改措施')" 0
expect_eq "supervise: ... and the order is open again" "$(order_field offi1 "$oid2" status)" open
expect_eq "supervise: the office responds again" \
    "$(rc_of ssh_as offi1 supervise respond "$oid2" --note '已增派两名审批人员，12月4日前清零')" 0
expect_eq "supervise: ... the new response is kept" \
    "$(order_field supervisor2 "$oid2" status) $(order_field supervisor2 "$oid2" response)" \
    "responded 已增派两名审批人员，12月4日前清零"
expect_eq "supervise: supervisor1 (the city) may close it too" \
    "$(rc_of ssh_as supervisor1 supervise close "$oid2")" 0
out=$(ssh_as supervisor1 audit verify); rc=$?
expect_eq "supervise: the record still verifies after every step (exit 0)" "$rc" 0
ssh_as supervisor1 audit export --from 2026-11-27 --to 2026-11-27 --format csv >"$TMP/audit.csv"
expect_eq "supervise: every step is in the record, with who took it" \
    "$(python3 -c 'import csv,sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
        if r["action"] in ("supervise", "respond", "return", "close")
        and r["actor"] in ("supervisor1", "supervisor2", "offi1")]
print(" ".join(r["action"] + ":" + r["actor"] for r in rows))' "$TMP/audit.csv")" \
    "supervise:supervisor2 respond:offi1 close:supervisor2 supervise:supervisor2 respond:offi1 return:supervisor2 respond:offi1 close:supervisor1"

# An order or a complaint on a case that supervisor2 sees (taken in at one of
# 城口县's halls, or for one of its residents) but that a city department
# handles: either supervisor2 may not issue it (exit 3), or it may follow it
# up: the record is in its list and it can close it.
ext_no=$(ssh_as supervisor2 case export --format csv |
    csv_first no "r['office'].startswith('500000.') and r['status'] in $OPEN_STATUSES")
check "supervise: supervisor2 sees an open case handled by a city department" test -n "$ext_no"
out=$(ssh_as supervisor2 supervise new --case "$ext_no" --note '请说明办理进度' --due 2026-12-04); rc=$?
if [ "$rc" = 3 ]; then
	ok "supervise: an order on a city department's case is refused to supervisor2 (exit 3)"
elif [ "$rc" = 0 ]; then
	oid3=$(grep -oE '[0-9]+' <<<"$out" | head -1)
	expect_eq "supervise: the order supervisor2 issued on $ext_no is in supervisor2's list" \
	    "$(ssh_as supervisor2 supervise list --format csv | csv_count "r['id'] == '$oid3'")" 1
	expect_eq "supervise: ... and supervisor2 may close it (exit 0)" \
	    "$(rc_of ssh_as supervisor2 supervise close "$oid3")" 0
else
	not_ok "supervise: an order on a city department's case: exit 0 or 3" "exit $rc"
fi
out=$(ssh_as supervisor2 complaint new --case "$ext_no" --text '办理进度无人答复'); rc=$?
if [ "$rc" = 3 ]; then
	ok "complaint: a complaint on a city department's case is refused to supervisor2 (exit 3)"
elif [ "$rc" = 0 ]; then
	cid3=$(grep -oE '[0-9]+' <<<"$out" | head -1)
	expect_eq "complaint: the complaint supervisor2 logged on $ext_no is in supervisor2's list" \
	    "$(ssh_as supervisor2 complaint list --format csv | csv_count "r['id'] == '$cid3'")" 1
	expect_eq "complaint: ... and supervisor2 may accept it (exit 0)" \
	    "$(rc_of ssh_as supervisor2 complaint accept "$cid3")" 0
else
	not_ok "complaint: a complaint on a city department's case: exit 0 or 3" "exit $rc"
fi

# Complaints (投诉) -------------------------------------------------------------------

out=$(ssh_as clerk1 complaint new --office 500229.market --text '窗口要求提交办事指南未列明的材料' \
    --missing-material); rc=$?
expect_eq "complaint: clerk1 logs a complaint against 城口县's market bureau (exit 0)" "$rc" 0
cid=$(grep -oE '[0-9]+' <<<"$out" | head -1)
# complaint_field LOGIN ID FIELD
complaint_field() {
	ssh_as "$1" complaint list --format csv | csv_first "$3" "r['id'] == '$2'"
}
expect_eq "complaint: ... received, to be accepted within 5 working days, about a material" \
    "$(complaint_field supervisor2 "$cid" status) $(complaint_field supervisor2 "$cid" accept_due) $(complaint_field supervisor2 "$cid" missing_material)" \
    "received $("$TB" --db "$DB" calendar add 2026-11-27 5) 1"
expect_eq "complaint: an approver may not accept it (exit 3)" \
    "$(rc_of ssh_as approver1 complaint accept "$cid")" 3
expect_eq "complaint: refusing it needs a reason (exit 5)" \
    "$(rc_of ssh_as supervisor2 complaint refuse "$cid")" 5
expect_eq "complaint: the office cannot answer before it is accepted (exit 4)" \
    "$(rc_of ssh_as approver1 complaint answer "$cid" --note 已核实)" 4
expect_eq "complaint: supervisor2 accepts it" "$(rc_of ssh_as supervisor2 complaint accept "$cid")" 0
expect_eq "complaint: another office does not see the complaint (exit 2, as if none)" \
    "$(rc_of ssh_as approver2 complaint answer "$cid" --note 已核实)" 2
expect_eq "complaint: an answer needs a note (exit 5)" \
    "$(rc_of ssh_as approver1 complaint answer "$cid")" 5
expect_eq "complaint: approver1 answers for the market bureau" \
    "$(rc_of ssh_as approver1 complaint answer "$cid" --note '已核实，已更正办事指南材料清单')" 0
expect_eq "complaint: supervisor2 closes it" "$(rc_of ssh_as supervisor2 complaint close "$cid")" 0
expect_eq "complaint: ... closed, with the answer" \
    "$(complaint_field supervisor2 "$cid" status) $(complaint_field supervisor2 "$cid" answer)" \
    "closed 已核实，已更正办事指南材料清单"
out=$(ssh_as clerk1 complaint new --office 500229.market --text 重复投诉); cid2=$(grep -oE '[0-9]+' <<<"$out" | head -1)
expect_eq "complaint: a complaint refused with a reason" \
    "$(rc_of ssh_as supervisor2 complaint refuse "$cid2" --note '与前件重复')" 0
expect_eq "complaint: ... is refused, and then cannot be accepted (exit 4)" \
    "$(complaint_field supervisor2 "$cid2" status) $(rc_of ssh_as supervisor2 complaint accept "$cid2")" "refused 4"
expect_eq "complaint: an approver does not log complaints (exit 3)" \
    "$(rc_of ssh_as approver1 complaint new --office 500229.market --text x)" 3

# Ratings (好差评) ------------------------------------------------------------------------

done_no=$(ssh_as clerk1 case export --status completed --format csv |
    csv_first no "r['hall_region'] == '500229001' and r['office'] != '500229001.township'")
check "rating: clerk1's hall has a completed case of another office" test -n "$done_no"
rated_office=$(ssh_as clerk1 case export --no "$done_no" --format csv | csv_first office True)
"$TB" --db "$DB" user add rect1 --role approver --region "${rated_office%%.*}" --office "$rated_office" \
    --name 被评价机关 >/dev/null || not_ok "setup: add user rect1"
"$TB" --db "$DB" user key add rect1 "$TMP/key.pub" >/dev/null || not_ok "setup: key for rect1"
due15=$("$TB" --db "$DB" calendar add 2026-11-27 15)
out=$(ssh_as clerk1 rating add "$done_no" --level 1 --comment '办理太慢，来回跑了三次'); rc=$?
expect_eq "rating: clerk1 records a very bad rating (exit 0)" "$rc" 0
expect_has "rating: ... which opens a rectification due 15 working days later" "$out" "$due15"
rid=$(grep -oE '[0-9]+' <<<"$out" | head -1)
# rating_field LOGIN ID FIELD
rating_field() {
	ssh_as "$1" rating list --format csv | csv_first "$3" "r['id'] == '$2'"
}
expect_eq "rating: ... listed for the supervisor: level 1, rectification open, due $due15" \
    "$(rating_field supervisor2 "$rid" case) $(rating_field supervisor2 "$rid" level) $(rating_field supervisor2 "$rid" rect_status) $(rating_field supervisor2 "$rid" rect_due)" \
    "$done_no 1 open $due15"
check "rating: ... and among the bad ones" \
    test "$(ssh_as supervisor2 rating list --bad --format csv | csv_count "r['id'] == '$rid'")" = 1
expect_eq "rating: rating the same case twice is a conflict (exit 4)" \
    "$(rc_of ssh_as clerk1 rating add "$done_no" --level 5)" 4
open_no=$(ssh_as clerk1 case export --status under_review --format csv | csv_first no True)
expect_eq "rating: rating a case not finished is a conflict (exit 4)" \
    "$(rc_of ssh_as clerk1 rating add "$open_no" --level 5)" 4
expect_eq "rating: a level outside 1–5 is invalid (exit 5)" \
    "$(rc_of ssh_as clerk1 rating add "$done_no" --level 6)" 5
expect_eq "rating: approvers do not record ratings (exit 3)" \
    "$(rc_of ssh_as approver1 rating add "$done_no" --level 5)" 3
rc=$(rc_of ssh_as sup3 rating callback "$rid" --note 越权回访)
check "rating: a supervisor of 渝中区 may not record the callback of 城口县's rating (exit 3 or 2)" \
    test "$rc" = 3 -o "$rc" = 2
expect_eq "rating: ... and the rectification stays open" "$(rating_field supervisor2 "$rid" rect_status)" open
expect_eq "rating: no callback before the office reports its rectification (exit 4)" \
    "$(rc_of ssh_as supervisor2 rating callback "$rid" --note 提前回访)" 4
expect_eq "rating: a supervisor does not rectify for the office (exit 3)" \
    "$(rc_of ssh_as supervisor2 rating rectify "$rid" --note 代为整改)" 3
expect_eq "rating: the rated office reports its rectification (exit 0)" \
    "$(rc_of ssh_as rect1 rating rectify "$rid" --note '已约谈窗口人员，优化办理流程')" 0
expect_eq "rating: ... rectified on 2026-11-27" \
    "$(rating_field supervisor2 "$rid" rect_status) $(rating_field supervisor2 "$rid" rect_done)" \
    "rectified 2026-11-27"
out=$(ssh_as rect1 rating callback "$rid" --note 自行回访 2>&1); rc=$?
expect_eq "rating: the rated office may not call its own applicant back (exit 3)" "$rc" 3
expect_has "rating: ... and is told who calls back" "$out" "被评价单位不得自行回访"
expect_eq "rating: ... and nothing changed" "$(rating_field supervisor2 "$rid" rect_status)" rectified
expect_eq "rating: the hall that took the case in calls back (exit 0)" \
    "$(rc_of ssh_as clerk1 rating callback "$rid" --note '已回访，申请人对整改表示满意')" 0
expect_eq "rating: ... and closes the rectification" \
    "$(rating_field supervisor2 "$rid" rect_status) $(rating_field supervisor2 "$rid" callback)" \
    "done 已回访，申请人对整改表示满意"
expect_eq "rating: a second callback is a conflict (exit 4)" \
    "$(rc_of ssh_as supervisor2 rating callback "$rid" --note 再次回访)" 4
expect_eq "rating: the record still verifies (exit 0)" "$(rc_of ssh_as supervisor1 audit verify)" 0
ssh_as supervisor1 audit export --from 2026-11-27 --to 2026-11-27 --format csv >"$TMP/audit2.csv"
for step in complain:clerk1 accept:supervisor2 refuse:supervisor2 answer:approver1 close:supervisor2 \
    rate:clerk1 rectify:rect1 callback:clerk1; do
	check "record: the complaint and rating steps are in the record ($step)" \
	    python3 -c 'import csv,sys
a, who = sys.argv[2].split(":")
sys.exit(not any(r["action"] == a and r["actor"] == who
                 for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))))' \
	    "$TMP/audit2.csv" "$step"
done

# Deadlines ---------------------------------------------------------------------------------

# A complaint logged today (27 November) must be accepted or refused within
# 5 working days, by 4 December; an order due 1 December; left alone, both
# are late on Monday 7 December (the local command with a later day).
out=$(ssh_as supervisor2 complaint new --office 500229.market --text 办事窗口推诿); late_cid=$(grep -oE '[0-9]+' <<<"$out" | head -1)
out=$(ssh_as supervisor2 supervise new --office 500229.market --note 限期说明 --due 2026-12-01)
late_oid=$(grep -oE '[0-9]+' <<<"$out" | head -1)
check "deadlines: nothing of these is late on 27 November" \
    test "$(ssh_as supervisor2 supervise late --format csv | csv_count "r['id'] in ('$late_cid', '$late_oid')")" = 0
late=$(TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 supervise late --format csv)
expect_eq "deadlines: on 7 December the complaint is late by 1 working day, the order by 4" \
    "$(csv_first days_over "r['kind'] == 'complaint' and r['id'] == '$late_cid'" <<<"$late") $(csv_first days_over "r['kind'] == 'order' and r['id'] == '$late_oid'" <<<"$late")" \
    "1 4"
dl=$(TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 dashboard --once --format json)
check "deadlines: ... and the dashboard lists them among the anomalies" \
    python3 -c 'import json,sys; a = json.loads(sys.argv[1])["anomalies"]; sys.exit(not (a.get("complaint_late", 0) >= 1 and a.get("order_late", 0) >= 1))' "$dl"
daily=$(TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 report daily --format json)
check "deadlines: ... and the daily scan's late records" \
    python3 -c 'import json,sys; r = json.loads(sys.argv[1])["late_records"]; sys.exit(not any(x["kind"] == "order" and str(x["id"]) == sys.argv[2] for x in r))' "$daily" "$late_oid"
weekly=$(TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 report weekly --format json)
check "deadlines: ... and the weekly dispatch (orders late of the market bureau, complaints late)" \
    python3 -c 'import json,sys; d = json.loads(sys.argv[1]); o = [x for x in d["offices"] if x["office"] == "500229.market"]; sys.exit(not (o and o[0]["orders_late"] >= 1 and d["complaints_late"] >= 1))' "$weekly"
TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 complaint accept "$late_cid" >/dev/null
late=$(TONGBAN_TODAY=2026-12-08 "$TB" --db "$DB" --as supervisor2 supervise late --format csv)
expect_eq "deadlines: accepted a day late, the complaint stays on the list as met late on 12-07" \
    "$(csv_first done "r['kind'] == 'complaint' and r['id'] == '$late_cid'" <<<"$late")" 2026-12-07

# A supplement notice says whether the guide lists the material.
sup_no=$(new_firm_case)
ssh_as approver1 case act "$sup_no" accept >/dev/null
before=$(ssh_as supervisor2 case show "$sup_no" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
expect_eq "supplement: --reason must be listed or unlisted (exit 5)" \
    "$(rc_of ssh_as approver1 case act "$sup_no" supplement --reason other --note 验资报告)" 5
expect_eq "supplement: --reason unlisted names the material (exit 5 without --note)" \
    "$(rc_of ssh_as approver1 case act "$sup_no" supplement --reason unlisted)" 5
expect_eq "supplement: ... and nothing changed" \
    "$(ssh_as supervisor2 case show "$sup_no" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" "$before"
expect_eq "supplement: a notice for a material the guide does not list (exit 0)" \
    "$(rc_of ssh_as approver1 case act "$sup_no" supplement --reason unlisted --note 房屋产权证明)" 0
check "supplement: ... is an anomaly on the dashboard" \
    python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1])["anomalies"].get("unlisted_material", 0) < 1)' \
    "$(ssh_as supervisor2 dashboard --once --format json)"

# Reports -----------------------------------------------------------------------------------

for k in daily weekly monthly quarterly annual; do
	ssh_as supervisor1 report "$k" --format json >"$TMP/$k.json"; rc=$?
	expect_eq "report: $k --format json exits 0" "$rc" 0
	check "report: $k --format json parses as JSON and names itself" \
	    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d.get("report") != sys.argv[2])' \
	    "$TMP/$k.json" "$k"
	ssh_as supervisor1 report "$k" --format csv >"$TMP/$k.csv"; rc=$?
	expect_eq "report: $k --format csv exits 0" "$rc" 0
	check "report: $k --format csv starts with a header row (office, …) and has rows" \
	    python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(not (len(rows) > 1 and "office" in rows[0] and all(len(r) == len(rows[0]) for r in rows)))' \
	    "$TMP/$k.csv"
done
check "report: the annual report's JSON carries its formulas" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not any("服务方式完备度" in f for f in d["formula"]))' \
    "$TMP/annual.json"
check "report: every annual score is graded by the score printed (90.0 is 优秀)" \
    python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
def band(s):
    t = round(s * 10)
    return "优秀" if t >= 900 else "良好" if t >= 800 else "合格" if t >= 600 else "不合格"
sys.exit(any(o["score"] is not None and o["band"] != band(o["score"]) for o in d["offices"]))' "$TMP/annual.json"
check "report: the weekly figures' finished late and red now never hold one case twice" \
    python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(any(o["overdue"] > o["finished"] for o in d["offices"]))' "$TMP/weekly.json"
expect_has "report: the quarterly analysis prints its formulas in Chinese" \
    "$(ssh_as supervisor1 report quarterly)" "服务方式完备度＝"
expect_has "report: ... and in English for supervisor2" \
    "$(ssh_as supervisor2 report quarterly)" "online effect (在线服务成效度) = on-time rate × satisfaction"
expect_has "report: help report documents the formulas" \
    "$(ssh_as supervisor2 help report)" "how the figures are computed"
expect_eq "report: on 2026-11-27 the weekly report is the last complete week, Monday 11-16 to Sunday 11-22" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["from"], d["to"])' "$TMP/weekly.json")" \
    "2026-11-16 2026-11-22"
expect_eq "report: ... and --date 2026-11-27 the week that holds it, 11-23 to 11-29" \
    "$(ssh_as supervisor1 report weekly --date 2026-11-27 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["from"], d["to"])')" \
    "2026-11-23 2026-11-29"
expect_eq "report: the quarterly report covers the last complete quarter, Q3" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["from"], d["to"])' "$TMP/quarterly.json")" \
    "2026-07-01 2026-09-30"
expect_eq "report: supervisor1 may ask for 城口县's weekly report (exit 0)" \
    "$(rc_of ssh_as supervisor1 report weekly --region 500229)" 0
expect_eq "report: supervisor2 may not ask for 渝中区's (exit 3)" \
    "$(rc_of ssh_as supervisor2 report weekly --region 500103)" 3
expect_eq "report: a clerk may not ask for reports (exit 3)" "$(rc_of ssh_as clerk1 report weekly)" 3
check "report: 城口县's weekly report names only its offices" \
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(any(not o["office"].startswith("500229") for o in d["offices"]))' \
    "$(ssh_as supervisor2 report weekly --format json)"

# The live dashboard ------------------------------------------------------------------------

tmux_start supervisor1
wait_screen "陈效能" 10 >/dev/null || not_ok "live: supervisor1 logs in to the console"
tmux_keys d
if wait_screen "万州区" 5 >/dev/null; then ok "live: d opens the dashboard with the city's districts"
else not_ok "live: d opens the dashboard with the city's districts" "screen: $(tmux_screen | head -12)"; fi
live_no=$(new_firm_case); rc=$?
t0=$(date +%s.%N)
expect_eq "live: clerk1 takes in a case over another connection (exit 0)" "$rc" 0
seen=
for _ in $(seq 13); do	# every 0.2 s, up to 2.6 s
	if tmux_screen | grep -qF -- "$live_no"; then seen=$(date +%s.%N); break; fi
	sleep 0.2
done
if [ -n "$seen" ] && python3 -c 'import sys; sys.exit(float(sys.argv[2]) - float(sys.argv[1]) > 2.0)' "$t0" "$seen"; then
	ok "live: the new case $live_no appears on the dashboard within 2 seconds"
else
	not_ok "live: the new case $live_no appears on the dashboard within 2 seconds" \
	    "seen after: $( [ -n "$seen" ] && python3 -c 'import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))' "$t0" "$seen" || echo never)" \
	    "screen: $(tmux_screen | tail -6)"
fi
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# 催办 at login ------------------------------------------------------------------------------

# Two cases of approver1's office past their due dates: one accepted on
# 2 November with a 1-day limit, one left unanswered since 10 November (5
# working days to answer). Made with the local command and an earlier date.
TONGBAN_TODAY=2026-11-02 "$TB" --db "$DB" --as clerk1 case new --item 000101003000 \
    --applicant-id 11010519491231002X --applicant-name 张三 --applicant-region 500229001003 \
    --channel window --materials 1,2,3,4,5 >"$TMP/late1" || not_ok "setup: a late case"
TONGBAN_TODAY=2026-11-02 "$TB" --db "$DB" --as approver1 case act "$(cat "$TMP/late1")" accept \
    >/dev/null || not_ok "setup: accept the late case"
TONGBAN_TODAY=2026-11-10 "$TB" --db "$DB" --as clerk1 case new --item 000101001000 \
    --applicant-id 11010519491231002X --applicant-name 张三 --applicant-region 500229001003 \
    --channel window --materials 1,2,3,4 >/dev/null || not_ok "setup: an unanswered case"
red1=$(ssh_as approver1 case worklist --limit 100000 --format csv | csv_count "r['light'] == 'red'")
check "催办: approver1's worklist has red cases" test "$red1" -gt 0
tmux_start approver1
wait_screen "刘审批" 10 >/dev/null || not_ok "催办: approver1 logs in to the console"
line=$(wait_screen "催办" 3 | grep -m1 -E '催办|overdue')
[ -n "$line" ] || line=$(tmux_screen | grep -m1 -E 'overdue')
if [ -n "$line" ]; then ok "催办: approver1's home screen has the 催办 line"
else not_ok "催办: approver1's home screen has the 催办 line" "screen: $(tmux_screen | head -10)"; fi
n=$(python3 -c 'import re,sys; m = re.search(r"(?:催办|overdue)\D*?(\d+)", sys.argv[1]); print(m.group(1) if m else "")' "$line")
expect_eq "催办: ... with the number of red cases of the worklist" "$n" "$red1"
