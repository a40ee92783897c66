#!/usr/bin/env bash
# Bulk intake over ssh, from files made the way Excel on Chinese Windows
# saves them: every kind of malformed file gets its message (FILE:LINE:COL:
# expected ..., found ...), exit 5, and leaves the database exactly as it
# was; a good file in GBK with CRLF and a Chinese header is taken in whole,
# as real cases (routed, clocked, in the summaries and the audit chain).
export TONGBAN_TODAY=2026-11-18
. "$(dirname "$0")/lib.sh"
start_server 300

sum() { sqlite3 "$DB" 'SELECT count(*), max(id) FROM cases; SELECT count(*) FROM event; SELECT count(*) FROM applicant' | tr '\n' ' '; }
idno() {
	python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='$1'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])"
}
ID1=$(idno 50022919800101771)
ID2=$(idno 50022919810202772)
ID3=$(idno 50022919820303773)
ORG=91500229MA5U00001B	# a unified social credit code of 城口县
HEAD='事项编码,申请人证件号码,申请人名称,联系电话,申请人所在区划,申请渠道,已收材料,确认更名,收件日期'
ROW1="000112002000,$ID1,测试甲,13800000001,,窗口,\"1,2\",,"
ROW2="000112002000,$ID2,测试乙,13800000002,500229001003,window,1、2,否,2026-11-16"

# refuse NAME FILE WANT: exit 5, the message, nothing changed
refuse() {
	local before after err rc
	before=$(sum)
	err=$(ssh_as clerk1 case import - < "$2" 2>&1); rc=$?
	after=$(sum)
	expect_eq "$1: exit 5" "$rc" 5
	expect_has "$1: says '$3'" "$err" "$3"
	expect_eq "$1: nothing changed" "$after" "$before"
}

printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID2,\"测试\"乙,,,,,," > "$TMP/q.csv"
refuse "bad quoting" "$TMP/q.csv" "stdin:3:3: 引号应包住整个字段"
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID2,\"测试乙,,,,,," > "$TMP/u.csv"
refuse "unterminated quote at the end" "$TMP/u.csv" "stdin:3:3: 应有闭合引号，实际已到文件末尾"
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID2,测试乙" > "$TMP/c.csv"
refuse "wrong column count" "$TMP/c.csv" "stdin:3:4: 应为 9 列，实际 3 列"
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID2,,,,,,," > "$TMP/e.csv"
refuse "empty required field" "$TMP/e.csv" "stdin:3:3: 应为申请人名称，实际为空"
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID2,测试乙,,,window,1,,2017-02-30" > "$TMP/d.csv"
refuse "2017-02-30" "$TMP/d.csv" "stdin:3:9: 应为YYYY-MM-DD 格式的日期，实际为“2017-02-30”"
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "999999999999,$ID2,测试乙,,,window,1,," > "$TMP/i.csv"
refuse "unknown item code" "$TMP/i.csv" "stdin:3:1: "
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,${ID2%?}0,测试乙,,,window,1,," > "$TMP/x.csv"
[ "${ID2: -1}" = 0 ] && sed -i "s/${ID2%?}0/${ID2%?}1/" "$TMP/x.csv"
refuse "bad check digit" "$TMP/x.csv" "stdin:3:2: "
# A passport is a person's: an organisation's code is refused.
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ORG,城口置业有限公司,,,window,1,," > "$TMP/o.csv"
refuse "a person-only item for an organisation" "$TMP/o.csv" "stdin:3:2: "
printf '%s\r\n%s\r\n%s\r\n' "$HEAD" "$ROW1" "000112002000,$ID1,测试甲,,,window,1,," > "$TMP/dup.csv"
refuse "the same applicant and item twice" "$TMP/dup.csv" "stdin:3:2: 同一申请人同一事项只应有一行，实际与第 2 行重复"
printf '%s\r\n%s\r\n' "$HEAD" "$ROW1" | iconv -f utf-8 -t utf-16 > "$TMP/w.csv"
refuse "UTF-16 (Excel's Unicode text)" "$TMP/w.csv" "实际为 UTF-16"
printf '%s\r\n%s\r\n000112002000,%s,\xb2\xe2\xca\xd4\xb1\xfb\xa1\xff\xff,,,,,,\r\n' "$HEAD" "$ROW1" "$ID3" > "$TMP/bad-gbk.csv"
refuse "GBK bytes in a UTF-8 file" "$TMP/bad-gbk.csv" "stdin:3:3: 应为 UTF-8 文本"
python3 - "$TMP/big.csv" "$HEAD" "$ID3" <<'PY'
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write(sys.argv[2] + '\r\n')
    f.write('000112002000,%s,"%s",,,,,,\r\n' % (sys.argv[3], 'x' * (10 << 20)))
PY
refuse "a 10 MB field" "$TMP/big.csv" "stdin:2:3: 应为不超过 65536 字节的字段"
# Many bad rows: the first 20 named, then a count.
{ echo "$HEAD"; for i in $(seq 25); do echo "000112002000,$ID1,测试甲,,,fax,,,"; done; } > "$TMP/many.csv"
err=$(ssh_as clerk1 case import - < "$TMP/many.csv" 2>&1)
expect_eq "many: 20 messages and a count" "$(printf '%s\n' "$err" | wc -l)" 21
expect_has "many: ... the count" "$err" "另有 5 处错误未列出"

# A good file as Excel saves it: GBK, CRLF, a Chinese header, a quoted
# newline in a name, an empty trailing column.
printf '%s,\r\n%s,\r\n%s,\r\n' "$HEAD" "$ROW1" "$ROW2" | iconv -f utf-8 -t gbk > "$TMP/good.csv"
before=$(sum)
out=$(ssh_as clerk1 case import --dry-run - < "$TMP/good.csv" 2>&1); rc=$?
expect_eq "dry run: exit 0" "$rc" 0
expect_has "dry run: says it wrote nothing" "$out" "已检查 2 行，全部有效；未写入任何数据"
expect_eq "dry run: nothing changed" "$(sum)" "$before"
ssh_as clerk1 case import - < "$TMP/good.csv" > "$TMP/nos" 2> "$TMP/err"; rc=$?
expect_eq "import: exit 0" "$rc" 0
expect_eq "import: one number per case on stdout" "$(wc -l < "$TMP/nos")" 2
expect_has "import: the count and the pace on stderr" "$(cat "$TMP/err")" "已收件 2 件（每秒"
NO1=$(sed -n 1p "$TMP/nos"); NO2=$(sed -n 2p "$TMP/nos")
show=$(ssh_as clerk1 case show "$NO1")
expect_has "import: a real case, routed to its office" "$show" "城口县公安局"
expect_has "import: ... with its event saying where it came from" "$show" "批量导入：stdin 第 2 行"
expect_has "import: received on 16 November, numbered for that day" "$NO2" "-20261116-"
expect_eq "import: ... and its clock started then (due 5 working days on)" \
    "$(ssh_as clerk1 case show "$NO2" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due"])')" \
    "2026-11-23"
expect_has "import: the summaries agree" "$("$TB" --db "$DB" stats check)" "汇总表与办件一致"
expect_has "import: the audit chain holds" "$("$TB" --db "$DB" audit verify)" "审计链完整"
refuse "import again: each is open already" "$TMP/good.csv" "实际该申请人此事项已有办件 $NO1"
expect_eq "import: an approver may not take in (exit 3)" \
    "$(ssh_as approver1 case import - < "$TMP/good.csv" >/dev/null 2>&1; echo $?)" 3

# Excel's "CSV UTF-8": a byte-order mark, a code header, LF line ends.
ID4=$(idno 50022919830404774)
printf '\357\273\277item,applicant_id,applicant_name,phone,applicant_region,channel,materials,name_differs,submitted\n000112002000,%s,测试丁,,,online,"1,2",no,\n' "$ID4" > "$TMP/bom.csv"
out=$(ssh_as clerk1 case import - < "$TMP/bom.csv" 2>/dev/null); rc=$?
expect_eq "BOM: a UTF-8 file with a byte-order mark imports (exit 0)" "$rc" 0
expect_has "BOM: ... the case is the applicant's" "$(ssh_as clerk1 case show "$out")" "测试丁"
