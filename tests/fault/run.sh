#!/usr/bin/env bash
# make test-fault: faults tried for real, in bounded time. kill -9 of writers
# and of the server at random moments during intake, actions and a
# 100,000-row import; a full disk during an import and during actions. After
# each fault: the database's integrity check, the audit chain, the summaries
# against a recomputation, every acknowledged write present, an import whole
# or absent. Ends with "N passed, N failed"; the counts go to
# docs/RELIABILITY.md.
set -u
cd "$(dirname "$0")/../.."
TB=${TONGBAN:-$PWD/tongban}
TMP=$(mktemp -d /tmp/tongban-fault.XXXXXX)
ROUNDS=${FAULT_ROUNDS:-40}
export TONGBAN_TODAY=2026-11-27
export TONGBAN_LOCALEDIR=$PWD/po/locale
export TONGBAN_LANG=en
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; fail=$((fail + 1)); }
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi; }
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }
cleanup() {
	pkill -9 -f "tongban serve --db $TMP" 2>/dev/null
	mountpoint -q "$TMP/small" 2>/dev/null && umount "$TMP/small"
	rm -rf "$TMP"
}
trap cleanup EXIT

# A resident ID of 城口县 (GB 11643, check digit included) made from a number.
pid() { python3 -c "
import datetime
n = $1
d = datetime.date(1950, 1, 1) + datetime.timedelta(days=n % 20000)
s = '500229' + d.strftime('%Y%m%d') + '%03d' % (n % 997)
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])" 2>/dev/null; }

# consistent DB: the checks every fault must leave passing; prints what failed.
consistent() {
	local db=$1 bad=""
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || bad="$bad integrity"
	"$TB" --db "$db" audit verify >/dev/null 2>&1 || bad="$bad audit"
	"$TB" --db "$db" stats check >/dev/null 2>&1 || bad="$bad summaries"
	echo "${bad# }"
}

DB=$TMP/f.db
"$TB" demo --db "$DB" --cases 1500 --seed 11 >/dev/null || { echo "not ok - demo database"; exit 1; }

# 1. kill -9 of a writing process (a session) at random moments.
acked=$TMP/acked
: > "$acked"
writer() {	# take in cases one after another; log each acknowledged number
	local i=0
	while :; do
		i=$((i + 1))
		out=$("$TB" --db "$DB" --as clerk1 case new --item 000112004000 \
		    --applicant-id "$(pid $((RANDOM * 7 + i)))" \
		    --applicant-name 测试 --name-differs --applicant-region 500229001003 --channel window \
		    --materials 1,2,3,4,5 2>/dev/null) && echo "$out" | grep -o '500229-[0-9]*-[0-9]*' >> "$acked"
	done
}
actor() {	# accept and review cases of the district's police, one by one
	local no
	for no in $(sqlite3 "$DB" "SELECT no FROM cases WHERE status = 'submitted' AND office = '500229.public_security' ORDER BY random() LIMIT 40"); do
		"$TB" --db "$DB" --as ps9 case act "$no" accept >/dev/null 2>&1 &&
		    echo "$no accepted" >> "$TMP/acts"
	done
}
"$TB" --db "$DB" user add ps9 --role approver --region 500229 --office 500229.public_security >/dev/null
: > "$TMP/acts"
bad=0
for r in $(seq "$ROUNDS"); do
	# Each loop in a process group of its own (set -m), so that kill -9
	# reaches the session in mid-transaction, whatever its depth.
	set -m
	writer & w=$!
	actor & a=$!
	set +m
	sleep "$((RANDOM % 2)).$((RANDOM % 9 + 1))"
	kill -9 -- "-$w" "-$a" 2>/dev/null
	{ wait "$w" "$a"; } 2>/dev/null
	c=$(consistent "$DB")
	if [ -n "$c" ]; then bad=$((bad + 1)); echo "#   round $r: $c"; fi
done
expect_eq "kill -9 of sessions ($ROUNDS rounds): integrity, audit chain and summaries hold every time" "$bad" 0
n=$(sort -u "$acked" | wc -l)
missing=$(sort -u "$acked" | while read -r no; do
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE no = '$no'")" = 1 ] || echo "$no"; done | wc -l)
expect_eq "kill -9 of sessions: all $n acknowledged intakes are present" "$missing" 0
lost=$(while read -r no _; do
	[ "$(sqlite3 "$DB" "SELECT status FROM cases WHERE no = '$no'")" != submitted ] || echo "$no"; done < "$TMP/acts" | wc -l)
expect_eq "kill -9 of sessions: all $(wc -l < "$TMP/acts") acknowledged actions are present" "$lost" 0
echo "kill9_sessions rounds=$ROUNDS acked_intakes=$n acked_actions=$(wc -l < "$TMP/acts")" >> "$TMP/figures"

# 2. kill -9 of the server (and every session under it) during writes over ssh.
ssh-keygen -q -t ed25519 -N '' -f "$TMP/key" </dev/null
"$TB" --db "$DB" user key add clerk1 "$TMP/key.pub" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SSHO="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -i $TMP/key -p $port"
: > "$TMP/acked2"
bad=0
for r in $(seq $((ROUNDS / 5 + 1))); do
	{ "$TB" serve --db "$DB" --listen "127.0.0.1:$port" >"$TMP/server.log" 2>&1 & } 2>/dev/null; srv=$!
	for _ in $(seq 50); do grep -q listening "$TMP/server.log" && break; sleep 0.1; done
	( for i in $(seq 20); do
		out=$(ssh $SSHO clerk1@127.0.0.1 case new --item 000112004000 \
		    --applicant-id "$(pid $((r * 100 + i)))" \
		    --applicant-name 远程 --name-differs --applicant-region 500229001003 --channel window \
		    --materials 1,2,3,4,5 2>/dev/null) && echo "$out" | grep -o '500229-[0-9]*-[0-9]*' >> "$TMP/acked2"
	done ) & cl=$!
	sleep "1.$((RANDOM % 9))"
	pkill -9 -f "tongban serve --db $DB" 2>/dev/null
	{ wait "$srv"; } 2>/dev/null; kill "$cl" 2>/dev/null; wait "$cl" 2>/dev/null
	c=$(consistent "$DB")
	if [ -n "$c" ]; then bad=$((bad + 1)); echo "#   server round $r: $c"; fi
done
expect_eq "kill -9 of the server during ssh intake: integrity, audit chain and summaries hold" "$bad" 0
missing=$(sort -u "$TMP/acked2" | while read -r no; do
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE no = '$no'")" = 1 ] || echo "$no"; done | wc -l)
expect_eq "kill -9 of the server: all $(sort -u "$TMP/acked2" | wc -l) acknowledged intakes over ssh are present" "$missing" 0
echo "kill9_server rounds=$((ROUNDS / 5 + 1)) acked=$(sort -u "$TMP/acked2" | wc -l)" >> "$TMP/figures"

# 3. kill -9 during a 100,000-row import: whole or absent.
python3 - "$TMP/items.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("code,name,name_en,power_type,dept_kind,levels,statutory_days,promised_days,fee,online_depth,channels,guide,applicant_kind\n")
    for i in range(100000):
        f.write("9%011d,测试事项%d,Test item %d,licensing,market,district,20,10,0.00,3,window|online,测试用的办事指南。,either\n" % (i, i, i))
EOF
before=$(sqlite3 "$DB" "SELECT count(*) FROM item")
bad=0
for r in $(seq 5); do
	"$TB" --db "$DB" item import "$TMP/items.csv" >/dev/null 2>&1 & imp=$!
	sleep "0.$((RANDOM % 6 + 2))"
	kill -9 "$imp" 2>/dev/null; wait "$imp" 2>/dev/null
	n=$(sqlite3 "$DB" "SELECT count(*) FROM item")
	[ "$n" = "$before" ] || [ "$n" = $((before + 100000)) ] || { bad=$((bad + 1)); echo "#   import round $r: $n items"; }
	sqlite3 "$DB" "DELETE FROM item WHERE code LIKE '9%'" 2>/dev/null
	[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || bad=$((bad + 1))
done
expect_eq "kill -9 during a 100,000-row import (5 rounds): whole or absent, never part" "$bad" 0
"$TB" --db "$DB" item import "$TMP/items.csv" >/dev/null 2>&1
expect_eq "... and the same import, left alone, lands whole" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM item WHERE code LIKE '9%'")" 100000
sqlite3 "$DB" "DELETE FROM item WHERE code LIKE '9%'"

# 4. A full disk during an import and during actions.
mkdir -p "$TMP/small"
size=$(( $(stat -c %s "$DB") / 1024 + 1536 ))
if mount -t tmpfs -o size=${size}k tmpfs "$TMP/small" 2>/dev/null; then
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$DB" "$TMP/small/f.db"
	SDB=$TMP/small/f.db
	before=$(sqlite3 "$SDB" "SELECT count(*) FROM item")
	out=$("$TB" --db "$SDB" item import "$TMP/items.csv" 2>&1); rc=$?
	check_rc=$([ "$rc" -ne 0 ] && echo refused || echo accepted)
	expect_eq "disk full during an import: the import is refused (exit $rc)" "$check_rc" refused
	case "$out" in *full*|*disk*|*"No space"*) ok "disk full: the message says the disk is full";;
	*) not_ok "disk full: the message says the disk is full" "got: $out";; esac
	expect_eq "disk full: nothing of the import is in the database" \
	    "$(sqlite3 "$SDB" "SELECT count(*) FROM item")" "$before"
	# Fill what is left, then act: a clear error, nothing half-written.
	no=$(sqlite3 "$SDB" "SELECT no FROM cases WHERE status = 'submitted' AND office = '500229.public_security' LIMIT 1")
	v0=$(sqlite3 "$SDB" "SELECT version FROM cases WHERE no = '$no'")
	dd if=/dev/zero of="$TMP/small/fill" bs=4k >/dev/null 2>&1
	acts_ok=0 acts_failed=0
	for i in $(seq 10); do
		if "$TB" --db "$SDB" --as ps9 case act "$no" supplement --materials 1 >/dev/null 2>&1; then
			acts_ok=$((acts_ok + 1))
			"$TB" --db "$SDB" --as ps9 case act "$no" resupply --materials 1 >/dev/null 2>&1
		else
			acts_failed=$((acts_failed + 1))
		fi
	done
	# A login while the disk is full: told so, not "Permission denied".
	rm -f "$TMP/small/fill"
	"$TB" --db "$SDB" user key add clerk1 "$TMP/key.pub" >/dev/null 2>&1
	{ "$TB" serve --db "$SDB" --listen "127.0.0.1:$port" >"$TMP/server2.log" 2>&1 & } 2>/dev/null
	for _ in $(seq 50); do grep -q listening "$TMP/server2.log" && break; sleep 0.1; done
	dd if=/dev/zero of="$TMP/small/fill2" bs=4k >/dev/null 2>&1
	out=$(ssh $SSHO clerk1@127.0.0.1 case find --limit 1 2>&1)
	case "$out" in *"cannot open its database"*|*tongban:*) ok "disk full at login: the client is told what is wrong";;
	*) not_ok "disk full at login: the client is told what is wrong" \
	    "got: $out; server: $(tail -3 "$TMP/server2.log")";; esac
	pkill -9 -f "tongban serve --db $SDB" 2>/dev/null
	{ wait; } 2>/dev/null
	rm -f "$TMP/small/fill" "$TMP/small/fill2"
	c=$(consistent "$SDB")
	expect_eq "disk full during actions ($acts_failed refused, $acts_ok taken): integrity, chain, summaries hold" "$c" ""
	expect_has_case=$("$TB" --db "$SDB" case show "$no" >/dev/null 2>&1 && echo usable || echo broken)
	expect_eq "disk full: once space is back, the database is usable" "$expect_has_case" usable
	echo "diskfull import_refused=1 actions_refused=$acts_failed actions_taken=$acts_ok version_before=$v0" >> "$TMP/figures"
	umount "$TMP/small"
else
	echo "# disk full: skipped (cannot mount a tmpfs here)"
fi

echo "# figures:"; sed 's/^/#   /' "$TMP/figures"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
