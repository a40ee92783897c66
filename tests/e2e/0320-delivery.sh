#!/usr/bin/env bash
# The clocks after the decision and during a special procedure, over the
# real ssh client and the host's command line on other days
# (TONGBAN_TODAY): art. 44's 10 working days from the decision to delivery
# with their own light, a late delivery making the case late; art. 45's
# period told to the applicant, past which a suspension is an anomaly; the
# decision's words by the item's power type; and a notice imported that
# moves a delivery date. Today is Friday 27 November 2026.
. "$(dirname "$0")/lib.sh"
start_server 300

rc_of() { "$@" >/dev/null 2>&1; echo $?; }
# at DATE LOGIN CMD...: the command as LOGIN on the host, on another day
at() { local d=$1 u=$2; shift 2; TONGBAN_TODAY=$d "$TB" --db "$DB" --as "$u" "$@"; }
json_of() { at "$1" supervisor1 case show "$2" --format json |
	python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$3"; }
# found DATE NO LIGHT: 1 when case find --light LIGHT finds case NO on DATE
found() { at "$1" supervisor1 case find --no "$2" --light "$3" --format csv | tail -n +2 | grep -c "^$2,"; }
# 食品经营许可 (行政许可, promised 5 days) for 城口县's market bureau.
new_food_case() {
	ssh_as clerk1 case new --item 000101001000 --applicant-id 11010519491231002X \
	    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4
}

# Art. 44: decided Friday 27 November; 10 working days: 30 November, 1-4,
# 7-11 December: deliver by 11 December; 80% used (8 days) on 9 December.
no=$(new_food_case)
for a in accept review approve; do
	expect_eq "delivery: $a (exit 0)" "$(rc_of ssh_as approver1 case act "$no" "$a")" 0
done
expect_eq "delivery: the decision's words are the licence's" "$(json_of 2026-11-27 "$no" result)" "准予许可"
expect_eq "delivery: due 10 working days after the decision" \
    "$(json_of 2026-11-27 "$no" deliver_due)" "2026-12-11"
expect_eq "delivery: green on 8 December (the stored light, as SQL filters it)" \
    "$(found 2026-12-08 "$no" green)" 1
expect_eq "delivery: yellow from 9 December" "$(found 2026-12-09 "$no" yellow)" 1
expect_eq "delivery: still yellow on the due day, 11 December" "$(found 2026-12-11 "$no" yellow)" 1
expect_eq "delivery: red from Monday 14 December" "$(found 2026-12-14 "$no" red)" 1
show=$(at 2026-12-14 clerk1 case show "$no")
expect_has "delivery: case show names the delivery clock" "$show" "应于 2026-12-11 前送达（自决定之日起10个工作日，第四十四条），红灯"
expect_has "delivery: ... and the decision in time" "$show" "准予许可，按时作出决定"
expect_eq "delivery: handed over on 14 December (exit 0)" \
    "$(rc_of at 2026-12-14 clerk1 case act "$no" complete)" 0
expect_eq "delivery: late, so the case is late" "$(json_of 2026-12-14 "$no" on_time)" 0
show=$(at 2026-12-14 clerk1 case show "$no")
expect_has "delivery: case show says it was delivered late" "$show" "2026-12-14 送达，期限 2026-12-11，逾期送达；超期办结"

no2=$(new_food_case)
for a in accept review approve; do ssh_as approver1 case act "$no2" "$a" >/dev/null; done
expect_eq "delivery: handed over on the 10th working day (exit 0)" \
    "$(rc_of at 2026-12-11 clerk1 case act "$no2" complete)" 0
expect_eq "delivery: ... on time" "$(json_of 2026-12-11 "$no2" on_time)" 1

# Results by power type: 企业设立登记 is a registration (准予登记/不予登记).
no3=$(ssh_as clerk1 case new --item 000101003000 --applicant-id 11010519491231002X \
    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5)
ssh_as approver1 case act "$no3" accept >/dev/null
ssh_as approver1 case act "$no3" review >/dev/null
expect_eq "result: a registration denied (exit 0)" \
    "$(rc_of ssh_as approver1 case act "$no3" deny --note 名称不符合规定)" 0
expect_has "result: the timeline says 不予登记" "$(ssh_as approver1 case show "$no3")" "不予登记；名称不符合规定"
expect_has "result: in English for an English user" "$(ssh_as supervisor2 case show "$no3")" \
    "registration refused"
expect_eq "result: exports carry it" \
    "$(ssh_as supervisor1 case find --no "$no3" --format csv | head -1 | tr -d '\r' | cut -d, -f20-23)" \
    "decided,result,deliver_due,provisional"
expect_has "result: ... translated" "$(ssh_as supervisor2 case find --no "$no3" --format csv)" \
    ",registration refused,"

# Art. 45: suspended on 27 November for 5 working days told: the period
# ends 4 December; on 7 December it has run past and is an anomaly.
no4=$(new_food_case)
ssh_as approver1 case act "$no4" accept >/dev/null
ssh_as approver1 case act "$no4" review >/dev/null
expect_eq "suspension: a period is required (exit 5)" \
    "$(rc_of ssh_as approver1 case act "$no4" suspend --reason hearing --note 听证)" 5
expect_eq "suspension: hearing, 5 working days told (exit 0)" \
    "$(rc_of ssh_as approver1 case act "$no4" suspend --reason hearing --days 5 --note 依申请举行听证)" 0
anom() { at "$1" supervisor2 dashboard --once --format json |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["anomalies"].get("suspend_overdue", 0))'; }
before=$(anom 2026-12-04)
after=$(anom 2026-12-07)
expect_eq "suspension: past its period it is an anomaly on the dashboard" "$((after - before))" 1
expect_has "suspension: ... and in the daily scan" \
    "$(at 2026-12-07 supervisor2 report daily --region 500229)" "past the period told to the applicant"
expect_has "suspension: case show says when it ends, with its light" \
    "$(at 2026-12-07 approver1 case show "$no4")" "自 2026-11-27 起听证，告知申请人 5 个工作日，至 2026-12-04 止，红灯"
expect_eq "suspension: resumed on 8 December (exit 0)" \
    "$(rc_of at 2026-12-08 approver1 case act "$no4" resume)" 0
expect_has "suspension: the resume says how far past the period" \
    "$(at 2026-12-08 approver1 case show "$no4")" "超过告知期限 2 个工作日"
expect_eq "suspension: ... and it is no anomaly any more" "$(anom 2026-12-08)" "$before"

# A notice imported moves a delivery date: decided Monday 21 December, the
# 10 working days end on 5 January 2027 by the statutory holidays alone
# (元旦, then the weekend), provisional; a notice giving 4 January too moves
# it to the 6th.
no5=$(at 2026-12-21 clerk1 case new --item 000101001000 --applicant-id 11010519491231002X \
    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4)
for a in accept review approve; do at 2026-12-21 approver1 case act "$no5" "$a" >/dev/null; done
expect_eq "notice: delivery due 5 January, provisional" \
    "$(json_of 2026-12-21 "$no5" deliver_due) $(json_of 2026-12-21 "$no5" provisional)" "2027-01-05 1"
printf 'date,kind,name_cn,name_en\n2027-01-01,public_holiday,元旦,New Year\n2027-01-02,public_holiday,元旦,New Year\n2027-01-03,public_holiday,元旦,New Year\n2027-01-04,public_holiday,元旦,New Year\n2027-01-09,transfer_workday,元旦补班,Workday\n' > "$TMP/cal2027.csv"
expect_eq "notice: imported (exit 0)" "$(rc_of at 2026-12-21 admin calendar import - < "$TMP/cal2027.csv")" 0
expect_eq "notice: the delivery date moved, no longer provisional" \
    "$(json_of 2026-12-21 "$no5" deliver_due) $(json_of 2026-12-21 "$no5" provisional)" "2027-01-06 0"
expect_has "notice: the timeline says so" "$(at 2026-12-21 approver1 case show "$no5")" \
    "送达期限 2027-01-05 → 2027-01-06"

check "the summaries agree with the cases (stats check)" \
    bash -c "TONGBAN_TODAY=2026-12-21 \"$TB\" --db \"$DB\" stats check >/dev/null"
check "the audit chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"
