#!/usr/bin/env bash
# A newcomer's script: an admin who has only read `help` sets up a district
# (丰都县, 500230) from spreadsheets over ssh -- its people and their keys,
# a local item of the catalog with its materials and steps -- then the new
# clerk takes in a morning's paper applications from a spreadsheet, the new
# approver accepts one, and the district's supervisor keeps the weekly pull
# as a saved query. Every step is a command of help; nothing else is used.
. "$(dirname "$0")/lib.sh"
start_server 50

for u in fd_clerk fd_approver fd_super; do ssh-keygen -q -t ed25519 -N '' -C "$u" -f "$TMP/$u" </dev/null; done
as() { local u=$1; shift; ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/$u" -p "$PORT" "$u@127.0.0.1" "$@"; }

# What the newcomer reads first.
help=$(ssh_as admin help)
for verb in "user import" "item import" "query save"; do
	expect_has "help: lists $verb" "$help" "$verb"
done

# 1. People and keys, from the district's staff list (GBK, as Excel saves it).
python3 - "$TMP" <<'PY'
import csv, sys
t = sys.argv[1]
k = {u: open(f"{t}/{u}.pub").read().strip() for u in ("fd_clerk", "fd_approver", "fd_super")}
with open(f"{t}/staff.csv", "w", encoding="gbk", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["登录名", "姓名", "角色", "区划", "办理机关", "语言", "终端编码", "负责人", "状态", "公钥"])
    w.writerow(["fd_clerk", "丰收", "窗口人员", "500230001", "", "", "", "", "", k["fd_clerk"]])
    w.writerow(["fd_approver", "丰审", "审批人员", "500230", "500230.market", "", "", "是", "", k["fd_approver"]])
    w.writerow(["fd_super", "丰监", "效能监察人员", "500230", "", "", "", "", "", k["fd_super"]])
PY
expect_has "people: imported" "$(ssh_as admin user import - < "$TMP/staff.csv")" "已添加用户 3 个、密钥 3 个"
expect_has "people: the clerk logs in with the key from the sheet" "$(as fd_clerk user me)" "丰收"

# 2. A local item with its materials and steps (the export's own columns).
ssh_as admin item export > "$TMP/items.csv"
python3 - "$TMP/items.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
new = ["500230001000", "丰都县小吃摊点备案", "Food stall registration", "other", "market",
       "district", "5", "3", "0.00", "2", "window", "在丰都县经营小吃摊点的，向县市场监督管理局备案。",
       "person", "1|1|0|备案申请表\n2|1|0|本人居民身份证\n3|0|0|摊点位置示意图",
       "1|market|1|受理|Accept\n2|market|2|审查备案|Review and file"]
with open(sys.argv[1] + ".new", "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([rows[0], new])
PY
expect_eq "catalog: imported" "$(ssh_as admin item import - < "$TMP/items.csv.new")" "item 已导入"
show=$(ssh_as fd_clerk item show 500230001000 2>/dev/null || as fd_clerk item show 500230001000)
expect_has "catalog: the item with its materials" "$show" "摊点位置示意图"

# 3. The clerk takes in the morning's paper applications (help told how).
expect_has "help: the clerk's help lists case import" "$(as fd_clerk help)" "case import"
expect_has "help: ... and its columns" "$(as fd_clerk help case import)" "applicant_id"
idno() { python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='$1'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])"; }
printf '事项编码,申请人证件号码,申请人名称,联系电话,申请人所在区划,申请渠道,已收材料,确认更名,收件日期\r\n500230001000,%s,冉一,13900000001,500230001001,窗口,1、2,,\r\n500230001000,%s,冉二,13900000002,500230001002,窗口,"1,2,3",,\r\n' \
    "$(idno 50023019800101001)" "$(idno 50023019810101002)" > "$TMP/morning.csv"
as fd_clerk case import - < "$TMP/morning.csv" > "$TMP/nos" 2>/dev/null
expect_eq "intake: two cases" "$(wc -l < "$TMP/nos")" 2
NO=$(head -1 "$TMP/nos")
expect_has "intake: routed to the district's office" "$(as fd_approver case show "$NO")" "丰都县市场监督管理局"

# 4. The approver accepts one; the supervisor keeps the weekly pull.
expect_eq "work: accepted" "$(as fd_approver case act "$NO" accept >/dev/null; echo $?)" 0
as fd_super "query save weekly --share -- case find --status open --format csv" >/dev/null
pull=$(as fd_super query run weekly)
for no in $(cat "$TMP/nos"); do
	expect_has "supervision: the weekly pull is one word, and has $no" "$pull" "$no"
done
