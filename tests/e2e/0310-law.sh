#!/usr/bin/env bash
# The rules of the Administrative Licensing Law over the real ssh client and
# `case act`: the one-time notice and the 5 working days (art. 32), 容缺受理
# of secondary materials, the extension by the head of the office (art. 42)
# and a dissent in a parallel review, overruled by the lead office. Every
# refusal has its exit code, one message naming what is wrong, and changes
# nothing. Today is Friday 27 November 2026.
. "$(dirname "$0")/lib.sh"
start_server 300

rc_of() { "$@" >/dev/null 2>&1; echo $?; }
json_get() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], "(missing)"))' "$1" "$2"; }
version_of() { json_get "$(ssh_as supervisor1 case show "$1" --format json)" version; }
# later DATE CMD...: the same command line, on the host, on another day
later() { local d=$1; shift; TONGBAN_TODAY=$d "$TB" --db "$DB" "$@"; }
# 食品经营许可 for 城口县's market bureau: 1 申请书, 2 营业执照, 3 设备布局,
# 4 规章制度目录 (secondary: may be pledged), 5 委托书 (optional).
new_food_case() {
	ssh_as clerk1 case new --item 000101001000 --applicant-id 11010519491231002X \
	    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials "$1"
}

# Art. 32: one notice listing every missing material ---------------------------

no=$(new_food_case 1,2)
err=$(ssh_as approver1 case act "$no" supplement --materials 3 2>&1 >/dev/null); rc=$?
expect_eq "notice: a notice that leaves out a missing material is refused (exit 5)" "$rc" 5
expect_has "notice: ... naming the one left out, in Chinese" "$err" "遗漏了：4. 食品安全自查"
expect_eq "notice: ... and nothing changed (version 1)" "$(version_of "$no")" 1
expect_eq "notice: the notice of every missing material is given" \
    "$(rc_of ssh_as approver1 case act "$no" supplement)" 0
expect_eq "notice: a resupply names what was handed in (exit 5 without)" \
    "$(rc_of ssh_as approver1 case act "$no" resupply)" 5
out=$(ssh_as approver1 case act "$no" resupply --materials 3); rc=$?
expect_eq "notice: the applicant hands in material 3 only" "$rc" 0
expect_has "notice: ... and the case is back at the desk" "$out" "待受理"
note=$(ssh_as approver1 case show "$no" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][-1]["note"])')
expect_has "notice: the resupply records what is still missing" "$note" "仍缺：4. "
err=$(ssh_as approver1 case act "$no" supplement 2>&1 >/dev/null); rc=$?
expect_eq "notice: a second notice at the acceptance stage is refused (exit 4)" "$rc" 4
expect_has "notice: ... citing art. 32" "$err" "第三十二条"
acts=$(ssh_as approver1 case actions "$no")
check "notice: ... not among the actions offered" bash -c "! grep -q '^supplement' <<<'$acts'"
err=$(ssh_as approver1 case act "$no" accept 2>&1 >/dev/null); rc=$?
expect_eq "notice: acceptance is refused while a required material is missing (exit 5)" "$rc" 5
expect_has "notice: ... naming it" "$err" "4. 食品安全自查"

# 容缺受理 --------------------------------------------------------------------

err=$(ssh_as approver1 case act "$no" accept --pledge-materials 2 --pledge-date 2026-12-01 2>&1 >/dev/null); rc=$?
expect_eq "pledge: a material already received cannot be pledged (exit 5)" "$rc" 5
no2=$(new_food_case 2,3)
err=$(ssh_as approver1 case act "$no2" accept --pledge-materials 1,4 --pledge-date 2026-12-01 2>&1 >/dev/null); rc=$?
expect_eq "pledge: a material that is not secondary cannot be pledged (exit 5)" "$rc" 5
expect_has "pledge: ... naming it" "$err" "1. 食品经营许可申请书"
expect_eq "pledge: the pledged date must be a working day (Saturday 28 November, exit 5)" \
    "$(rc_of ssh_as approver1 case act "$no" accept --pledge-materials 4 --pledge-date 2026-11-28)" 5
err=$(ssh_as approver1 case act "$no" accept --pledge-materials 4 --pledge-date 2026-12-07 2>&1 >/dev/null); rc=$?
expect_eq "pledge: ... within the promised limit (7 December is past 4 December, exit 5)" "$rc" 5
expect_has "pledge: ... which the message names" "$err" "2026-12-04"
expect_eq "pledge: refusals left the case as it was (version 3)" "$(version_of "$no")" 3
expect_eq "pledge: accepted on the pledge of material 4 by 1 December" \
    "$(rc_of ssh_as approver1 case act "$no" accept --pledge-materials 4 --pledge-date 2026-12-01)" 0
expect_eq "pledge: the review starts" "$(rc_of ssh_as approver1 case act "$no" review)" 0
acts=$(ssh_as approver1 case actions "$no")
expect_has "pledge: receive is offered" "$acts" "receive"
check "pledge: approve is not offered while the pledge is outstanding" \
    bash -c "! grep -q '^approve' <<<'$acts'"
err=$(ssh_as approver1 case act "$no" approve 2>&1 >/dev/null); rc=$?
expect_eq "pledge: a licence while the pledge is outstanding is refused (exit 4)" "$rc" 4
expect_has "pledge: ... naming the material" "$err" "4. 食品安全自查"
expect_eq "pledge: a denial before the pledged day is refused too (exit 4)" \
    "$(rc_of ssh_as approver1 case act "$no" deny --note 不符合条件)" 4
show=$(ssh_as approver1 case show "$no")
expect_has "pledge: case show says what is owed" "$show" "材料 4，期限 2026-12-01，待补交"
dash=$(later 2026-12-02 dashboard --once --region 500229 --format json)
expect_eq "pledge: past its day it is an anomaly on the dashboard" \
    "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["anomalies"].get("pledge_overdue", 0) >= 1)' "$dash")" True
daily=$(later 2026-12-02 report daily --region 500229)
expect_has "pledge: ... and in the daily scan" "$daily" "容缺材料逾期未补齐"
expect_eq "pledge: receive takes only what is outstanding (exit 5)" \
    "$(rc_of ssh_as approver1 case act "$no" receive --materials 3)" 5
expect_eq "pledge: the material comes and is received" \
    "$(rc_of ssh_as approver1 case act "$no" receive --materials 4)" 0
expect_eq "pledge: the licence may now be granted" "$(rc_of ssh_as approver1 case act "$no" approve)" 0

# Art. 32: past the 5 working days, no refusal ------------------------------------

no3=$(new_food_case 1,2,3)
# 30 November, 1, 2, 3, 4 December are the 5 working days; 7 December is past.
expect_eq "deemed: a refusal after the 5 working days is refused (exit 4)" \
    "$(rc_of later 2026-12-07 --as approver1 case act "$no3" refuse --note 材料不全)" 4
expect_eq "deemed: ... and so is a notice of the acceptance stage (exit 4)" \
    "$(rc_of later 2026-12-07 --as approver1 case act "$no3" supplement)" 4
acts=$(later 2026-12-07 --as approver1 case actions "$no3")
expect_eq "deemed: only acceptance and withdrawal are offered" \
    "$(awk '{print $1}' <<<"$acts" | paste -sd' ')" "accept withdraw"
out=$(later 2026-12-07 --as approver1 case act "$no3" accept); rc=$?
expect_eq "deemed: it is accepted as it is (exit 0)" "$rc" 0
json=$(ssh_as supervisor1 case show "$no3" --format json)
expect_eq "deemed: ... on receipt" "$(json_get "$json" accepted)" "2026-11-27"

# Art. 42: an extension by the head of the office ----------------------------------

no4=$(new_food_case 1,2,3,4)
ssh_as approver1 case act "$no4" accept >/dev/null && ssh_as approver1 case act "$no4" review >/dev/null
err=$(ssh_as approver1 case act "$no4" extend --note 需现场核查 2>&1 >/dev/null); rc=$?
expect_eq "extend: an approver who is not the head may not extend (exit 3)" "$rc" 3
expect_has "extend: ... and is told who may" "$err" "负责人"
expect_eq "extend: the head needs the reason (exit 5)" \
    "$(rc_of ssh_as head1 case act "$no4" extend)" 5
err=$(ssh_as head1 case act "$no4" extend --days 16 --note 需现场核查 2>&1 >/dev/null); rc=$?
expect_eq "extend: past the statutory limit + 10 is refused (10 + 10 - 5: 15 at most, exit 5)" "$rc" 5
expect_has "extend: ... naming the most allowed" "$err" "最多延长 15 个工作日"
out=$(ssh_as head1 case act "$no4" extend --note 需现场核查); rc=$?
expect_eq "extend: the head extends by 10 working days" "$rc" 0
expect_has "extend: ... and the case is due 10 working days later, 18 December" "$out" "2026-12-18"
note=$(ssh_as supervisor1 case show "$no4" --format json | python3 -c 'import json,sys; e=json.load(sys.stdin)["events"][-1]; print(e["actor"], e["note"])')
expect_has "extend: the record says who approved it and why" "$note" "head1"
expect_has "extend: ... why" "$note" "需现场核查"
expect_eq "extend: a second extension is refused (exit 4)" \
    "$(rc_of ssh_as head1 case act "$no4" extend --note 再次)" 4
no5=$(new_food_case 1,2,3,4)
ssh_as approver1 case act "$no5" accept >/dev/null && ssh_as approver1 case act "$no5" review >/dev/null
# Accepted today with 5 days: due 4 December; on 7 December it has run out.
expect_eq "extend: after the limit ran out it is refused (exit 4)" \
    "$(rc_of later 2026-12-07 --as head1 case act "$no5" extend --note 来不及)" 4
expect_eq "extend: ... but on the due day itself it is not" \
    "$(rc_of later 2026-12-04 --as head1 case act "$no5" extend --note 需补充检测)" 0

# Heads of office: who names them -------------------------------------------------

expect_eq "head: only an approver can head an office (exit 5)" \
    "$(rc_of "$TB" --db "$DB" user add lawclerk --role clerk --region 500229001 --head)" 5
expect_eq "head: an admin names one" \
    "$(rc_of ssh_as admin user set approver2 --head yes)" 0
expect_has "head: ... who then holds the right" "$(ssh_as approver2 user me)" "head of office"
expect_eq "head: a user cannot name himself (exit 3)" \
    "$(rc_of ssh_as approver1 user set approver1 --head yes)" 3
expect_eq "head: yes or no (exit 5)" "$(rc_of ssh_as admin user set approver2 --head maybe)" 5
expect_eq "head: the admin takes it back" "$(rc_of ssh_as admin user set approver2 --head no)" 0
me=$(ssh_as approver2 user me)
check "head: ... gone from user me" bash -c "! grep -q \"head of office\" <<<'$me'"

# Parallel review: a dissent holds the case -----------------------------------------

for spec in "lps1 public_security" "lfire1 fire" "lhealth1 health"; do
	set -- $spec
	"$TB" --db "$DB" user add "$1" --role approver --region 500229 --office "500229.$2" \
	    --lang zh >/dev/null || not_ok "setup: add user $1"
	"$TB" --db "$DB" user key add "$1" "$TMP/key.pub" >/dev/null || not_ok "setup: key for $1"
done
hotel=$(ssh_as clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5)
ssh_as lps1 case act "$hotel" accept >/dev/null && ssh_as lps1 case act "$hotel" review >/dev/null
ssh_as lfire1 case act "$hotel" opinion --note 消防合格 >/dev/null
acts=$(ssh_as lps1 case actions "$hotel")
check "dissent: while opinions are pending, approve is not offered" bash -c "! grep -qE '^(approve|pass) ' <<<'$acts'"
expect_eq "dissent: the health commission disagrees" \
    "$(rc_of ssh_as lhealth1 case act "$hotel" opinion --verdict disagree --note 卫生条件不达标)" 0
expect_eq "dissent: the police give the last opinion" \
    "$(rc_of ssh_as lps1 case act "$hotel" opinion --note 治安合格)" 0
err=$(ssh_as lps1 case act "$hotel" approve 2>&1 >/dev/null); rc=$?
expect_eq "dissent: approval is refused while the dissent stands (exit 4)" "$rc" 4
expect_has "dissent: ... saying what may be done" "$err" "不同意"
acts=$(ssh_as lps1 case actions "$hotel")
check "dissent: approve and pass are not offered" bash -c "! grep -qE '^(approve|pass) ' <<<'$acts'"
expect_has "dissent: override is" "$acts" "override"
expect_eq "dissent: a department that is not the lead may not overrule (exit 3)" \
    "$(rc_of ssh_as lfire1 case act "$hotel" override --note 可以)" 3
expect_eq "dissent: the lead office must give its reason (exit 5)" \
    "$(rc_of ssh_as lps1 case act "$hotel" override)" 5
expect_eq "dissent: the lead office overrules it with its reason" \
    "$(rc_of ssh_as lps1 case act "$hotel" override --note 整改已于现场核查时完成)" 0
tl=$(ssh_as supervisor1 case show "$hotel" --format json | python3 -c 'import json,sys; e=json.load(sys.stdin)["events"]; print(" ".join(x["action"] for x in e)); print(e[-1]["note"])')
expect_has "dissent: supervision sees the override in the timeline" "$(head -1 <<<"$tl")" "opinion opinion opinion override"
expect_has "dissent: ... with its reason" "$(tail -1 <<<"$tl")" "整改已于现场核查时完成"
dash=$(ssh_as supervisor1 dashboard --once --format json)
expect_eq "dissent: ... and among the anomalies of the dashboard" \
    "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["anomalies"].get("override", 0) >= 1)' "$dash")" True
expect_eq "dissent: the licence may now be granted" "$(rc_of ssh_as lps1 case act "$hotel" approve)" 0

out=$(ssh_as admin stats check); rc=$?
expect_eq "law: the summaries agree with the cases after all this (exit 0)" "$rc" 0
expect_eq "law: the record is intact" "$(rc_of ssh_as supervisor1 audit verify)" 0
