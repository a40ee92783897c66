#!/usr/bin/env bash
# Commands over ssh exec: output, formats, exit codes, rights and regions.
. "$(dirname "$0")/lib.sh"
start_server 3000
sqlite_only "database: the demo database passes SQLite's integrity check" ||
expect_eq "database: the demo database passes SQLite's integrity check" \
    "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok

out=$(ssh_as supervisor1 case find --light red --limit 5 --format csv); rc=$?
expect_eq "exec: case find exits 0" "$rc" 0
expect_eq "exec: csv header first, case number first" "$(echo "$out" | head -1 | cut -d, -f1)" "no"
expect_eq "exec: --limit 5 gives 5 rows" "$(echo "$out" | tail -n +2 | wc -l)" 5
expect_eq "exec: only red cases" "$(echo "$out" | tail -n +2 | cut -d, -f7 | sort -u | tr -d '\r')" "red"

no=$(echo "$out" | sed -n 2p | cut -d, -f1)
json=$(ssh_as supervisor1 case show "$no" --format json); rc=$?
expect_eq "exec: case show exits 0" "$rc" 0
expect_has "exec: case show json has the number" "$json" "\"no\": \"$no\""
expect_has "exec: case show json has the timeline" "$json" "\"action\": \"submit\""
python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$json"
expect_eq "exec: case show json parses" "$?" 0

err=$(ssh_as supervisor1 case show 500000-20000101-000001 2>&1 >/dev/null); rc=$?
expect_eq "exec: unknown case exits 2" "$rc" 2
expect_has "exec: unknown case says so on stderr" "$err" "500000-20000101-000001"

ssh_as supervisor1 case export --format csv > "$TMP/cases.csv"; rc=$?
expect_eq "exec: case export exits 0" "$rc" 0
expect_eq "exec: export has every case plus header" "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))))' "$TMP/cases.csv")" 3001

# A township clerk sees only cases of their hall, their residents or their office.
ssh_as clerk1 case export --format csv > "$TMP/clerk.csv"
"$TB" --db "$DB" case export --format csv > "$TMP/all.csv"
rule='import csv,sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
mine = [r["no"] for r in rows if r["hall_region"].startswith("500229001")
        or r["applicant_region"].startswith("500229001") or r["office"] == "500229001.township"]
print(len(rows), len(mine))'
read -r n_clerk n_clerk_mine <<<"$(python3 -c "$rule" "$TMP/clerk.csv")"
read -r n_all n_all_mine <<<"$(python3 -c "$rule" "$TMP/all.csv")"
expect_eq "exec: clerk sees only own township, its residents and its office" "$n_clerk" "$n_clerk_mine"
expect_eq "exec: ... and all of those" "$n_clerk" "$n_all_mine"
check "exec: ... which is some but not all" test "$n_clerk" -gt 0 -a "$n_clerk" -lt "$n_all"
foreign=$("$TB" --db "$DB" case find --region 500103 --format csv --limit 1 | tail -1 | cut -d, -f1)
err=$(ssh_as clerk1 case show "$foreign" 2>&1); rc=$?
expect_eq "exec: another township's case is not found for a clerk" "$rc" 2
ssh_as supervisor2 case show "$foreign" >/dev/null 2>&1
expect_eq "exec: a district supervisor does not see another district" "$?" 2
ssh_as supervisor1 case show "$foreign" >/dev/null 2>&1
expect_eq "exec: the city supervisor sees every district" "$?" 0

# Rights: users are managed by admins only.
err=$(ssh_as clerk1 user list 2>&1); rc=$?
expect_eq "exec: clerk may not list users (exit 3)" "$rc" 3
expect_has "exec: permission denied, in the clerk's language (zh)" "$err" "权限不足"
out=$(ssh_as admin user add wang --role clerk --region 500229001 --name 王芳2); rc=$?
expect_eq "exec: admin adds a user over ssh" "$rc" 0
ssh-keygen -q -t ed25519 -N '' -C wang -f "$TMP/wang" </dev/null
ssh_as admin user key add wang - < "$TMP/wang.pub" >/dev/null
expect_eq "exec: admin adds a key from stdin" "$?" 0
out=$(ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/wang" -p "$PORT" wang@127.0.0.1 version)
expect_has "exec: the new user logs in with the new key" "$out" "tongban"
echo 'wang-secret-1' | ssh_as admin user passwd wang >/dev/null
out=$(ssh_pw wang wang-secret-1 case find --limit 1 --format csv); rc=$?
expect_eq "exec: password login works" "$rc" 0
ssh_pw wang wrong-password version >/dev/null 2>&1
check "exec: a wrong password is refused" test $? -ne 0
expect_has "server: failed login is logged" "$(cat "$TMP/server.log")" "failed login wang"
if [ -n "$PGDB" ]; then ! pg_dump "$DB" | grep -q 'wang-secret-1'; else ! grep -q 'wang-secret-1' "$DB"; fi
expect_eq "store: the password is not in the database file" "$?" 0
expect_eq "store: the password hash is yescrypt" \
    "$(sqlite3 "$DB" "select substr(pwhash, 1, 3) from users where login='wang'")" '$y$'

# Usage errors and bad input.
ssh_as supervisor1 case find --light purple >/dev/null 2>&1
expect_eq "exec: a bad --light is invalid input (exit 5)" "$?" 5
ssh_as supervisor1 frobnicate >/dev/null 2>&1
expect_eq "exec: unknown command exits 1" "$?" 1
out=$(ssh_as supervisor1 calendar add 2017-09-29 1)
expect_eq "exec: calendar add over a make-up Saturday" "$out" "2017-09-30"
out=$(ssh_as supervisor1 calendar workdays 2017-09-30 2017-10-09)
expect_eq "exec: calendar workdays over National Day" "$out" "1"
out=$(ssh $SSH_OPTS -T -o BatchMode=yes -i "$TMP/key" -p "$PORT" supervisor1@127.0.0.1 2>&1 </dev/null); rc=$?
check "exec: ssh -T without a command gets a clear refusal" test "$rc" -ne 0
expect_has "exec: ... which says what to do" "$out" "no shell"
out=$(ssh_as supervisor1 'case find --name "$(id)"' 2>&1)
check "exec: no shell expansion in commands" test "$(echo "$out" | grep -c uid=)" -eq 0

# Guessing is throttled across connections: after 10 failures in 15 minutes
# for one login, even the right password is refused for a while.
for _ in $(seq 10); do ssh_pw wang "guess-$RANDOM" version >/dev/null 2>&1; done
ssh_pw wang wang-secret-1 version >/dev/null 2>&1
check "exec: after 10 failed logins the right password is refused too" test $? -ne 0
expect_has "server: the throttling is logged" "$(cat "$TMP/server.log")" "throttled login wang"
out=$(ssh_as supervisor1 version)
expect_has "exec: other logins from the same address still work" "$out" "tongban"

# Catalog imports: whole or not at all, with the line of the first bad row.
ssh_as admin item export > "$TMP/items.csv"
python3 - "$TMP/items.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
rows[1][7] = "3"                       # a promised limit changes
rows[2][3] = "licenzing"               # and a bad power type two rows on
csv.writer(open(sys.argv[1] + ".bad", "w", newline="", encoding="utf-8")).writerows(rows)
rows[2][3] = "licensing"
csv.writer(open(sys.argv[1] + ".good", "w", newline="", encoding="utf-8")).writerows(rows)
# The line the third record starts on: the cells of materials and steps
# hold line breaks.
print(1 + sum(1 + sum(f.count("\n") for f in r) for r in rows[:2]), file=open(sys.argv[1] + ".line", "w"))
PY
first=$(sed -n 2p "$TMP/items.csv" | cut -d, -f1)
before=$(ssh_as admin item export --format csv | sed -n 2p | cut -d, -f8)
err=$(ssh_as admin item import - < "$TMP/items.csv.bad" 2>&1); rc=$?
expect_eq "import: a bad catalog row is refused (exit 5)" "$rc" 5
expect_has "import: ... naming the line and column (in the admin's Chinese)" "$err" "stdin:$(cat "$TMP/items.csv.line"):4: 应为"
expect_eq "import: ... and nothing changed, not even the good row before it" \
    "$(ssh_as admin item export --format csv | sed -n 2p | cut -d, -f8)" "$before"
ssh_as admin item import - < "$TMP/items.csv.good" >/dev/null
expect_eq "import: a good catalog file lands" "$(ssh_as admin item export | sed -n 2p | cut -d, -f8)" "3"
ssh_as clerk1 item import - < "$TMP/items.csv.good" >/dev/null 2>&1
expect_eq "import: only admins import (exit 3)" "$?" 3

# A later year's holiday notice: calendar import, then the clock follows it.
printf 'date,kind,name_cn,name_en\n2027-01-01,public_holiday,元旦,New Year\n2027-01-02,public_holiday,元旦,New Year\n2027-01-03,public_holiday,元旦,New Year\n2027-01-09,transfer_workday,元旦补班,Workday\n' > "$TMP/cal2027.csv"
# Before it, 2027 counts its statutory holidays (元旦 on Friday 1 January),
# with a note on stderr that the answer is provisional.
expect_eq "calendar: before the notice, 2026-12-31 + 1 working day skips 元旦" \
    "$(ssh_as supervisor1 calendar add 2026-12-31 1 2>/dev/null)" "2027-01-04"
ssh_as admin calendar import - < "$TMP/cal2027.csv" >/dev/null
expect_eq "calendar: admin imports a later year's notice" "$?" 0
expect_eq "calendar: after it, New Year's Day is skipped" \
    "$(ssh_as supervisor1 calendar add 2026-12-31 1)" "2027-01-04"
expect_eq "calendar: and the make-up Saturday counts" \
    "$(ssh_as supervisor1 calendar workdays 2027-01-08 2027-01-11)" "2"
printf 'date,kind,name_cn,name_en\n2027-05-03,public_holiday,劳动节,Labour Day\n2027-02-30,public_holiday,x,x\n' > "$TMP/calbad.csv"
err=$(ssh_as admin calendar import - < "$TMP/calbad.csv" 2>&1); rc=$?
expect_eq "calendar: a bad date is refused (exit 5)" "$rc" 5
expect_has "calendar: ... on its line" "$err" "stdin:3:1: "
expect_eq "calendar: ... and the good line before it did not land" \
    "$(ssh_as supervisor1 calendar workdays 2027-04-30 2027-05-04)" "2"
