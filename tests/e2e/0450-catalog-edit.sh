#!/usr/bin/env bash
# An admin completes an imported item: its materials and steps, one at a
# time; until it has them, no application is taken in for it.
. "$(dirname "$0")/lib.sh"
start_server 1000

cat > "$TMP/item.csv" <<'CSV'
code,name,name_en,power_type,dept_kind,levels,statutory_days,promised_days,fee,online_depth,channels,guide,applicant_kind
000199009000,户外广告设置许可,Outdoor advertising permit,licensing,urban_management,district,20,10,0.00,3,window|online,在本区县设置户外广告的，向区县城市管理局申请。,either
CSV
ssh_as admin item import - < "$TMP/item.csv" >/dev/null
ID=$(python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='50022919880808123'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])")
new_case() {
	ssh_as clerk1 case new --item 000199009000 --applicant-id "$ID" --applicant-name 冯广 \
	    --name-differs --channel window --materials "$1"
}
err=$(new_case 1 2>&1 >/dev/null); rc=$?
expect_eq "catalog: an imported item without materials takes no application (exit 5)" "$rc" 5
expect_has "catalog: ... and says what is missing and who adds it" "$err" "item material add"

out=$(ssh_as admin item material add 000199009000 --name 户外广告设置申请表); rc=$?
expect_eq "catalog: an admin adds material 1 (exit 0)" "$rc $out" "0 000199009000：已增加材料 1"
ssh_as admin item material add 000199009000 --name 设计效果图 >/dev/null
ssh_as admin item material add 000199009000 --name 场地使用证明 --secondary >/dev/null
err=$(new_case 1,2,3 2>&1 >/dev/null); rc=$?
expect_eq "catalog: still no application without steps (exit 5)" "$rc" 5
expect_has "catalog: ... the steps are named" "$err" "item step add"
ssh_as admin item step add 000199009000 --name 受理 --name-en Accept --dept urban_management --days 1 >/dev/null
out=$(ssh_as admin item step add 000199009000 --name 审查决定 --name-en Review --dept urban_management --days 9); rc=$?
expect_eq "catalog: an admin adds step 2 (exit 0)" "$rc $out" "0 000199009000：已增加环节 2"
no=$(new_case 1,2,3); rc=$?
expect_eq "catalog: then the application is taken in (exit 0)" "$rc" 0
expect_has "catalog: ... routed to the district's urban management bureau" \
    "$(ssh_as clerk1 case show "$no")" "城口县城市管理局"
out=$(ssh_as admin item material set 000199009000 2 --required no --name 设计效果图（如有）); rc=$?
expect_eq "catalog: a material is changed in place (exit 0)" "$rc" 0
show=$(ssh_as admin item show 000199009000)
expect_has "catalog: item show lists the changed material" "$show" "设计效果图（如有）"
expect_has "catalog: ... and the steps" "$show" "审查决定"
expect_eq "catalog: a clerk may not edit the catalog (exit 3)" \
    "$(ssh_as clerk1 item material add 000199009000 --name x >/dev/null 2>&1; echo $?)" 3
expect_eq "catalog: an unknown department kind is refused (exit 5)" \
    "$(ssh_as admin item step add 000199009000 --name x --name-en x --dept nosuch --days 1 >/dev/null 2>&1; echo $?)" 5
expect_eq "catalog: a step keeps its department (exit 5)" \
    "$(ssh_as admin item step set 000199009000 2 --dept market >/dev/null 2>&1; echo $?)" 5
expect_eq "catalog: a material that does not exist is not found (exit 2)" \
    "$(ssh_as admin item material set 000199009000 9 --required no >/dev/null 2>&1; echo $?)" 2
expect_eq "catalog: an unknown item is not found (exit 2)" \
    "$(ssh_as admin item material add 000199999000 --name x >/dev/null 2>&1; echo $?)" 2
