#!/usr/bin/env bash
# A case from the window to delivery over the real ssh client: intake, the
# district approver's worklist, acceptance, a joint inspection by three
# departments, approval, delivery; exit codes of refused actions; two people
# acting at once; and the tamper-evident record (on copies of the database).
. "$(dirname "$0")/lib.sh"
start_server 300

# The public security bureau of 城口县 and the departments of the joint
# inspection of a hotel licence (item 000112004000).
# ps1 works in English, the others in Chinese.
for spec in "ps1 public_security 公安审批 en" "ps2 public_security 公安审批二 zh" \
    "fire1 fire 消防审批 zh" "health1 health 卫健审批 zh"; do
	set -- $spec
	"$TB" --db "$DB" user add "$1" --role approver --region 500229 --office "500229.$2" \
	    --name "$3" --lang "$4" >/dev/null || not_ok "setup: add user $1"
	"$TB" --db "$DB" user key add "$1" "$TMP/key.pub" >/dev/null || not_ok "setup: key for $1"
done

# rc_of CMD...: the exit status of CMD, output discarded
rc_of() { "$@" >/dev/null 2>&1; echo $?; }
# json_get JSON KEY: one top-level field of a case
json_get() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], "(missing)"))' "$1" "$2"; }
# in_worklist LOGIN NO: 0 when NO is a row of LOGIN's worklist
in_worklist() { ssh_as "$1" case worklist --format csv | cut -d, -f1 | grep -qx -- "$2"; }
not_in_worklist() { ! in_worklist "$@"; }
new_hotel_case() {
	ssh_as clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
	    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5
}

# Intake at the township window.
no=$(new_hotel_case); rc=$?
expect_eq "lifecycle: the clerk takes in a hotel licence (exit 0)" "$rc" 0
check "lifecycle: ... and is told the new case number" \
    grep -qxE '500229-20261127-[0-9]{6}' <<<"$no"
check "lifecycle: the district public security approver finds it in the worklist" in_worklist ps1 "$no"
row=$(ssh_as ps1 case worklist --format csv | grep -- "^$no,")
expect_eq "lifecycle: ... as submitted, on the 5-day answer clock" \
    "$(cut -d, -f6,9,10 <<<"$row")" "submitted,5,2026-12-04"

# Refusals, each with its own exit code; none leaves a trace.
expect_eq "lifecycle: approving an application not yet accepted is a conflict (exit 4)" \
    "$(rc_of ssh_as ps1 case act "$no" approve)" 4
err=$(ssh_as clerk1 case act "$no" accept 2>&1 >/dev/null); rc=$?
expect_eq "lifecycle: the township clerk may not accept for the police (exit 3)" "$rc" 3
expect_has "lifecycle: ... and is told so in Chinese" "$err" "权限不足"
expect_eq "lifecycle: a supervisor never acts on a case (exit 3)" \
    "$(rc_of ssh_as supervisor1 case act "$no" accept)" 3
expect_eq "lifecycle: another bureau's approver cannot even see the case (exit 2)" \
    "$(rc_of ssh_as approver1 case act "$no" accept)" 2
expect_eq "lifecycle: acting on an unknown case number says not found (exit 2)" \
    "$(rc_of ssh_as ps1 case act 500229-20000101-000001 accept)" 2
expect_eq "lifecycle: an unknown action is invalid input (exit 5)" \
    "$(rc_of ssh_as ps1 case act "$no" grant)" 5
json=$(ssh_as ps1 case show "$no" --format json)
expect_eq "lifecycle: refused actions leave the case at version 1" "$(json_get "$json" version)" 1

# Acceptance opens the joint inspection.
out=$(ssh_as ps1 case act "$no" accept --expect-version 1); rc=$?
expect_eq "lifecycle: the approver accepts (exit 0)" "$rc" 0
expect_has "lifecycle: ... and sees the new version and the due date" "$out" "version 2, due 2026-12-11"
json=$(ssh_as ps1 case show "$no" --format json)
expect_eq "lifecycle: accepted today, 10 working days, due 2026-12-11, green" \
    "$(for k in status accepted limit due light; do json_get "$json" "$k"; done | paste -sd' ')" \
    "accepted 2026-11-27 10 2026-12-11 green"
expect_eq "lifecycle: accepting twice is a conflict (exit 4)" \
    "$(rc_of ssh_as ps1 case act "$no" accept)" 4
check "lifecycle: the fire brigade finds its part of the inspection in its worklist" \
    in_worklist fire1 "$no"
expect_eq "lifecycle: opinions wait for the review to start (exit 4)" \
    "$(rc_of ssh_as fire1 case act "$no" opinion --note 消防合格)" 4
expect_eq "lifecycle: the approver starts the review" "$(rc_of ssh_as ps1 case act "$no" review)" 0

expect_eq "lifecycle: the fire brigade gives its opinion" \
    "$(rc_of ssh_as fire1 case act "$no" opinion --note 消防合格)" 0
check "lifecycle: ... and the case leaves the fire brigade's worklist" not_in_worklist fire1 "$no"
expect_eq "lifecycle: approving before every department has spoken is a conflict (exit 4)" \
    "$(rc_of ssh_as ps1 case act "$no" approve)" 4
expect_eq "lifecycle: the health commission gives its opinion" \
    "$(rc_of ssh_as health1 case act "$no" opinion --note 卫生合格)" 0
expect_eq "lifecycle: the same department cannot give a second opinion (exit 4)" \
    "$(rc_of ssh_as fire1 case act "$no" opinion --note 再次)" 4
expect_eq "lifecycle: the police give the last opinion" \
    "$(rc_of ssh_as ps1 case act "$no" opinion --note 治安合格)" 0
json=$(ssh_as ps1 case show "$no" --format json)
expect_eq "lifecycle: after the last opinion the case is at the decision step (in English)" \
    "$(json_get "$json" step)" "Decision"
expect_eq "lifecycle: a denial without a reason is invalid input (exit 5)" \
    "$(rc_of ssh_as ps1 case act "$no" deny)" 5
expect_eq "lifecycle: the approver grants the licence" "$(rc_of ssh_as ps1 case act "$no" approve)" 0
check "lifecycle: the decided case waits in the township hall's worklist" in_worklist clerk1 "$no"
expect_eq "lifecycle: the fire brigade may not deliver the result (exit 3)" \
    "$(rc_of ssh_as fire1 case act "$no" complete)" 3
expect_eq "lifecycle: the clerk hands over the licence" "$(rc_of ssh_as clerk1 case act "$no" complete)" 0

json=$(ssh_as clerk1 case show "$no" --format json); rc=$?
expect_eq "lifecycle: case show json exits 0" "$rc" 0
timeline='import json,sys
c = json.loads(sys.stdin.read())
print(" ".join(e["action"] for e in c["events"]))
print(" ".join(e["actor"] for e in c["events"]))
print(" ".join(sorted(set(e["addr"].rsplit(":", 1)[0] for e in c["events"]))))
print(c["status"], c["on_time"], c["finished"], "light" in c, c["version"])'
tl=$(python3 -c "$timeline" <<<"$json")
expect_eq "lifecycle: the timeline has every step, in order" "$(sed -n 1p <<<"$tl")" \
    "submit accept review opinion opinion opinion approve complete"
expect_eq "lifecycle: ... and who did each" "$(sed -n 2p <<<"$tl")" \
    "clerk1 ps1 ps1 fire1 health1 ps1 ps1 clerk1"
expect_eq "lifecycle: ... and from which address (host:port)" "$(sed -n 3p <<<"$tl")" "127.0.0.1"
expect_eq "lifecycle: completed today, on time, with a light field, version 8" \
    "$(sed -n 4p <<<"$tl")" "completed 1 2026-11-27 True 8"
out=$(ssh_as supervisor1 audit verify); rc=$?
expect_eq "audit: the supervisor verifies the record (exit 0)" "$rc" 0
expect_has "audit: ... which is intact" "$out" "审计链完整"

# Two people act on one version at once: one wins, the other is told who.
# (The same applicant, the same item, the first taken in today: filed, and said.)
no2=$(new_hotel_case 2>"$TMP/dup.err")
check "intake: a second application for the same item is taken in (its number alone on stdout)" \
    grep -qxE '500229-20261127-[0-9]{6}' <<<"$no2"
expect_has "intake: ... and stderr names the case already taken in today" "$(cat "$TMP/dup.err")" \
    "该申请人已有同一事项的办件 $no（2026-11-27 收件）"
ssh_as ps1 case act "$no2" accept --expect-version 1 >"$TMP/a.out" 2>"$TMP/a.err" &
pa=$!
ssh_as ps2 case act "$no2" refuse --note 材料不符 --expect-version 1 >"$TMP/b.out" 2>"$TMP/b.err" &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
expect_eq "conflict: of two simultaneous actions on version 1 exactly one succeeds" \
    "$(printf '%s\n' "$ra" "$rb" | sort | paste -sd' ')" "0 4"
if [ "$ra" = 0 ]; then winner=ps1 loser_err=$TMP/b.err want=accepted
else winner=ps2 loser_err=$TMP/a.err want=not_accepted; fi
expect_has "conflict: the loser is told who acted first" "$(cat "$loser_err")" "$winner"
json=$(ssh_as supervisor1 case show "$no2" --format json)
expect_eq "conflict: the case holds the winner's action only, at version 2" \
    "$(json_get "$json" status) $(json_get "$json" version)" "$want 2"
expect_eq "conflict: ... with one event for it" \
    "$(python3 -c 'import json,sys; print(len(json.loads(sys.stdin.read())["events"]))' <<<"$json")" 2

# The audit export of the day has the actions.
cid=$(sqlite3 "$DB" "SELECT id FROM cases WHERE no = '$no'")
ssh_as supervisor1 audit export --from 2026-11-27 --to 2026-11-27 --format csv >"$TMP/audit.csv"; rc=$?
expect_eq "audit: export of today exits 0" "$rc" 0
mine='import csv,sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
print(" ".join(r["action"] + ":" + r["actor"] for r in rows if r["case_id"] == sys.argv[2]))'
expect_eq "audit: today's export lists every action on the case, with who did it" \
    "$(python3 -c "$mine" "$TMP/audit.csv" "$cid")" \
    "submit:clerk1 accept:ps1 review:ps1 opinion:fire1 opinion:health1 opinion:ps1 approve:ps1 complete:clerk1"
ssh_as supervisor1 audit export --from 2026-11-26 --to 2026-11-26 --format csv >"$TMP/audit0.csv"
expect_eq "audit: yesterday's export has none of today's actions" \
    "$(python3 -c "$mine" "$TMP/audit0.csv" "$cid")" ""
expect_eq "audit: a clerk may not export the record (exit 3)" \
    "$(rc_of ssh_as clerk1 audit export --from 2026-11-27 --to 2026-11-27)" 3

# Tampering, each on its own copy of the database.
mapfile -t ev < <(sqlite3 "$DB" "SELECT id FROM event WHERE case_id = $cid ORDER BY id")
# copy NAME: a consistent copy of the live database (WAL included)
copy() { db_copy "$1"; }
# first_number TEXT: the first number in TEXT (the event named by verify)
first_number() { grep -oE '[0-9]+' <<<"$1" | head -1; }

c=$(copy clean)
expect_eq "audit: an untouched copy verifies" "$(rc_of "$TB" --db "$c" audit verify)" 0

c=$(copy edited)
sqlite3 "$c" "DROP TRIGGER event_no_update; UPDATE event SET note = 'x' WHERE id = ${ev[1]};"
out=$("$TB" --db "$c" audit verify 2>&1); rc=$?
check "audit: an edited note breaks the chain (non-zero exit)" test "$rc" -ne 0
expect_eq "audit: ... and verify names the edited event" "$(first_number "$out")" "${ev[1]}"

c=$(copy deleted)
sqlite3 "$c" "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = ${ev[2]};"
out=$("$TB" --db "$c" audit verify 2>&1); rc=$?
check "audit: a deleted event breaks the chain (non-zero exit)" test "$rc" -ne 0
expect_eq "audit: ... and verify names the event after the gap" "$(first_number "$out")" "${ev[3]}"
expect_has "audit: ... and the one before it" "$out" "${ev[1]}"

c=$(copy swapped)
sqlite3 "$c" "DROP TRIGGER event_no_update;
    UPDATE event SET id = -1 WHERE id = ${ev[3]};
    UPDATE event SET id = ${ev[3]} WHERE id = ${ev[6]};
    UPDATE event SET id = ${ev[6]} WHERE id = -1;"
out=$("$TB" --db "$c" audit verify 2>&1); rc=$?
check "audit: two events swapped in order break the chain (non-zero exit)" test "$rc" -ne 0
expect_eq "audit: ... and verify names the first of them" "$(first_number "$out")" "${ev[3]}"

c=$(copy actors)
sqlite3 "$c" "DROP TRIGGER event_no_update;
    UPDATE event SET actor = CASE id WHEN ${ev[3]} THEN 'health1' ELSE 'fire1' END
    WHERE id IN (${ev[3]}, ${ev[4]});"
out=$("$TB" --db "$c" audit verify 2>&1); rc=$?
check "audit: two events' actors swapped break the chain (non-zero exit)" test "$rc" -ne 0
expect_eq "audit: ... and verify names the first of them" "$(first_number "$out")" "${ev[3]}"

# audit.h: "deleting ... any event breaks the chain" -- the newest one too
# (the last delivery of a case, say), not only events with others after them.
c=$(copy truncated)
last=$(sqlite3 "$c" "SELECT max(id) FROM event")
sqlite3 "$c" "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = $last;"
out=$("$TB" --db "$c" audit verify 2>&1); rc=$?
check "audit: deleting the newest event is noticed (non-zero exit)" test "$rc" -ne 0
