#!/usr/bin/env bash
# Batch queries over ssh: thousands of case numbers or applicant IDs in one
# call, as a plain list or a column of a CSV (an export read back); what is
# unknown or out of sight is only counted, never told apart; --status takes
# open, closed or a list; case find says how many it did not show.
. "$(dirname "$0")/lib.sh"
start_server 3000

ssh_as supervisor1 case export > "$TMP/all.csv"
total=$(($(wc -l < "$TMP/all.csv") - 1))
tail -n +2 "$TMP/all.csv" | cut -d, -f1 > "$TMP/nos.txt"
n=$(wc -l < "$TMP/nos.txt")
# An unknown number, and a case of another district for a district supervisor.
echo "500229-20991231-000001" >> "$TMP/nos.txt"
out=$(ssh_as supervisor1 case find --nos-from - --format csv < "$TMP/nos.txt" 2>"$TMP/err")
expect_eq "nos: every known number, in one call ($n)" "$(($(printf '%s\n' "$out" | wc -l) - 1))" "$n"
expect_has "nos: the unknown one is counted on stderr" "$(cat "$TMP/err")" "中有 1 个未查到办件（不存在，或不在您的查看范围内）"
mine=$(ssh_as supervisor2 case find --nos-from - --format csv < "$TMP/nos.txt" 2>"$TMP/err2" | tail -n +2 | wc -l)
missed=$(grep -oE '^tongban: [0-9]+ of' "$TMP/err2" | grep -oE '[0-9]+')	# supervisor2 reads English
expect_eq "nos: out of sight and unknown are one count for a district supervisor" "$((mine + missed))" "$((n + 1))"
check "nos: ... who sees fewer" test "$mine" -lt "$n"

# A column of a CSV: the export's own file, read back by its header.
ids=$(ssh_as supervisor1 case find --applicants-from - --format csv < "$TMP/all.csv" | tail -n +2 | wc -l)
expect_eq "applicants: a CSV's applicant column, each applicant once, every case of each" "$ids" "$total"
printf '序号,申请人证件号码\r\n1,%s\r\n' "$(sed -n 2p "$TMP/all.csv" | cut -d, -f4)" > "$TMP/ids.csv"
one=$(ssh_as supervisor1 case find --applicants-from - --format csv < "$TMP/ids.csv" | tail -n +2 | cut -d, -f4 | sort -u)
expect_eq "applicants: a Chinese header names the column" "$one" "$(sed -n 2p "$TMP/all.csv" | cut -d, -f4)"
printf 'a,b\r\n1,2\r\n' > "$TMP/nocol.csv"
err=$(ssh_as supervisor1 case find --applicants-from - < "$TMP/nocol.csv" 2>&1); rc=$?
expect_eq "applicants: a CSV without the column (exit 5)" "$rc" 5
expect_has "applicants: ... says which column it wants" "$err" "--column"

# --status: open, closed, a list; the filters combine with a batch.
open=$(ssh_as supervisor1 case find --status open --limit 100000 --format csv | tail -n +2 | wc -l)
closed=$(ssh_as supervisor1 case find --status closed --limit 100000 --format csv | tail -n +2 | wc -l)
expect_eq "status: open and closed make the whole" "$((open + closed))" "$total"
two=$(ssh_as supervisor1 case find --status accepted,under_review --limit 100000 --format csv | tail -n +2 | cut -d, -f6 | sort -u | tr '\n' ' ')
expect_eq "status: a list" "$two" "accepted under_review "
bopen=$(ssh_as supervisor1 case find --nos-from - --status open --format csv < "$TMP/nos.txt" 2>/dev/null | tail -n +2 | wc -l)
expect_eq "status: ... with a batch" "$bopen" "$open"
expect_eq "status: a bad one is exit 5" "$(ssh_as supervisor1 case find --status opened >/dev/null 2>&1; echo $?)" 5

# The limit said.
ssh_as supervisor1 case find --limit 5 >/dev/null 2>"$TMP/err3"
expect_has "limit: case find says how many there are" "$(cat "$TMP/err3")" "显示 5 条，共 $total 条"
