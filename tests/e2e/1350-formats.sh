#!/usr/bin/env bash
# Output formats for scripts and spreadsheets, over ssh: JSON Lines (one
# object a line, numbers as numbers, an empty date null), headers in a
# language, status labels, an Excel-safe CSV (BOM, long digit strings kept
# as text, formulas neutralised), and an export cut short by `| head`.
. "$(dirname "$0")/lib.sh"
start_server 3000

jl=$(ssh_as supervisor1 case find --limit 20 --format jsonl 2>/dev/null)
expect_eq "jsonl: one object a line" "$(printf '%s\n' "$jl" | wc -l)" 20
expect_eq "jsonl: every line parses, numbers are numbers, empty dates null" "$(printf '%s\n' "$jl" | python3 -c '
import json, sys
ok = True
for line in sys.stdin:
    c = json.loads(line)
    ok &= isinstance(c["days_used"], int) and isinstance(c["limit"], int)
    ok &= c["finished"] is None or len(c["finished"]) == 10
    ok &= c["on_time"] in (None, 0, 1)
print(ok)')" True
expect_has "json: an array of the same objects" "$(ssh_as supervisor1 case find --limit 2 --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 2

expect_eq "header: codes by default, for scripts" \
    "$(ssh_as supervisor1 case find --limit 1 --format csv 2>/dev/null | head -1 | cut -d, -f1-3)" "no,item,item_name"
expect_eq "header: in Chinese with --header zh" \
    "$(ssh_as supervisor2 case find --limit 1 --format csv --header zh 2>/dev/null | head -1 | cut -d, -f1-3)" "办件编号,事项编码,事项名称"
expect_eq "header: in English with --header en" \
    "$(ssh_as supervisor1 case find --limit 1 --format csv --header en 2>/dev/null | head -1 | cut -d, -f1-3)" "No,Item,Item name"
expect_has "labels: statuses as people read them with --labels" \
    "$(ssh_as supervisor1 case find --limit 50 --format csv --labels 2>/dev/null | cut -d, -f6 | sort -u | tr '\n' ' ')" "待受理"

ssh_as supervisor1 case export --excel > "$TMP/x.csv"
expect_eq "excel: a UTF-8 byte-order mark" "$(head -c 3 "$TMP/x.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_eq "excel: an 18-digit ID is written as text (a leading TAB)" \
    "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
ids = [r[3] for r in rows[1:] if r[3].strip().isdigit()]
print(all(i.startswith("\t") for i in ids) and len(ids) > 0)' "$TMP/x.csv")" True
sqlite3 "$DB" "UPDATE cases SET applicant_name = '=HYPERLINK(\"x\")' WHERE id = (SELECT max(id) FROM cases)"
expect_has "excel: a formula stays neutralised" "$(ssh_as supervisor1 case export --excel | tail -3)" "'=HYPERLINK"
expect_eq "excel: GBK when asked, without a BOM" \
    "$(ssh_as supervisor1 case export --excel --encoding gbk | head -c 2)" "no"

# An export read by head: ends at once, no error, the same over ssh.
first=$(ssh_as supervisor1 case export 2>"$TMP/err" | head -1)
expect_eq "head: the first line" "$(printf '%s' "$first" | cut -d, -f1)" "no"
expect_eq "head: nothing on stderr" "$(cat "$TMP/err")" ""
check "head: ... and no server error logged" bash -c "! grep -qi 'error\|assert' '$TMP/server.log'"
expect_eq "bad format: exit 5 naming the option" \
    "$(ssh_as supervisor1 case find --format xml >/dev/null 2>&1; echo $?)" 5
expect_has "bad format: ... the message" "$(ssh_as supervisor1 case find --format xml 2>&1)" "--format"
