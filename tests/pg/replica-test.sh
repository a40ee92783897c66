#!/usr/bin/env bash
# Reads off the primary (--read-db): a primary and its synchronous hot
# standby; reports read on the standby give what the primary gives, a case
# taken in on the primary is in an export from the standby, an export
# through --read-db reads nothing of the primary's cases, and a standby
# that cannot be reached is said once and exports go on from --db; the
# same through a server (serve --read-db, read_db in its configuration).
cd "$(dirname "$0")/../.." || exit 1
. tests/pg/lib.sh
TB=${TONGBAN:-$PWD/tongban}
export TONGBAN_TODAY=2026-11-27 TONGBAN_LANG=en
expect_has() {
	if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 600)"; fi
}

pg_start p1 || { not_ok "start the primary"; summary; exit 1; }
P1=$PORT_p1
PRIMARY=$("$CLUSTER" url "$P1")
SRC=$PGTMP/src.db
{ "$TB" --db "$SRC" init && "$TB" --db "$SRC" demo --cases 5000 --seed 7 &&
  "$TB" migrate --from "$SRC" --to "$PRIMARY"; } >/dev/null 2>"$PGTMP/seed.err" ||
	{ not_ok "seed the primary" "$(head -c 600 "$PGTMP/seed.err")"; summary; exit 1; }
pg_standby s1 p1 || { not_ok "start a synchronous standby"; summary; exit 1; }
P2=$PORT_s1
STANDBY=$("$CLUSTER" url "$P2")
check "the standby is in recovery (read-only)" test "$(pg_sql "$P2" "SELECT pg_is_in_recovery()")" = t

for kind in weekly monthly; do
	a=$("$TB" --db "$PRIMARY" report $kind --format csv 2>"$PGTMP/a.err"); ra=$?
	b=$("$TB" --db "$PRIMARY" --read-db "$STANDBY" report $kind --format csv 2>"$PGTMP/b.err"); rb=$?
	if [ "$ra$rb" = 00 ] && [ "$a" = "$b" ] && [ -n "$a" ]; then
		ok "report $kind --read-db STANDBY gives what the primary gives"
	else not_ok "report $kind --read-db STANDBY gives what the primary gives" \
	    "primary (exit $ra): ${a:0:200} $(head -c 200 "$PGTMP/a.err")" \
	    "standby (exit $rb): ${b:0:200} $(head -c 200 "$PGTMP/b.err")"; fi
done

NO=$("$TB" --db "$PRIMARY" --as clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
	--applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5 2>&1)
check "a case is taken in on the primary" test -n "$NO"
# Synchronous replication: flushed on the standby at commit, visible as
# soon as it is replayed (a few milliseconds).
got=
for _ in $(seq 20); do
	got=$("$TB" --db "$PRIMARY" --read-db "$STANDBY" case export --no "$NO" --format csv --raw 2>&1)
	printf '%s' "$got" | grep -qF -- "$NO" && break
	sleep 0.1
done
expect_has "it is in an export from the standby" "$got" "$NO"

# An export through --read-db reads the standby, not the primary: the
# rows the primary returns are those of opening a session (the user, the
# calendar), as many as for a command that reads nothing else.
returned() { pg_sql "$1" "SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = 'tongban'"; }
settle() { sleep 0.6; }
settle
b1=$(returned "$P1"); s1=$(returned "$P2")
"$TB" --db "$PRIMARY" --read-db "$STANDBY" case export --format csv --raw > "$PGTMP/export.csv" 2>"$PGTMP/export.err"
settle
b2=$(returned "$P1"); s2=$(returned "$P2")
"$TB" --db "$PRIMARY" --read-db "$STANDBY" user me >/dev/null 2>&1
settle
b3=$(returned "$P1")
"$TB" --db "$PRIMARY" case export --format csv --raw > "$PGTMP/export2.csv" 2>&1
settle
b4=$(returned "$P1")
rows=$(($(wc -l < "$PGTMP/export.csv") - 1))
expect_eq "the export through --read-db has every case" "$rows" "$(pg_sql "$P1" "SELECT count(*) FROM cases")"
cmp -s "$PGTMP/export.csv" "$PGTMP/export2.csv" && ok "... the same as an export from the primary" ||
	not_ok "... the same as an export from the primary"
echo "# rows read: primary $((b2 - b1)) (a session alone: $((b3 - b2)); the export on the primary: $((b4 - b3))), standby $((s2 - s1))"
check "the standby read the export's rows" test $((s2 - s1)) -ge "$rows"
check "the primary read no more than a session's opening" test $((b2 - b1)) -le $(( (b3 - b2) * 2 + 500 ))
check "... far less than the export itself" test $((b2 - b1)) -lt $((rows / 2))
# The primary's sessions during a long export: none runs the export
# (looked at every 50 ms while ten run one after the other; the standby's
# are counted alike for the note: a query of 5000 rows is active for a few
# milliseconds only, so the counts of rows read above are the firm proof).
active='SELECT count(*) FROM pg_stat_activity WHERE datname = '"'tongban'"' AND pid <> pg_backend_pid() AND state = '"'active'"' AND query LIKE '"'%FROM cases%'"
for _ in $(seq 10); do
	"$TB" --db "$PRIMARY" --read-db "$STANDBY" case export --format jsonl --raw > /dev/null 2>&1
done &
EXP=$!
on_primary=0 on_standby=0
while kill -0 "$EXP" 2>/dev/null; do
	on_primary=$((on_primary + $(pg_sql "$P1" "$active")))
	on_standby=$((on_standby + $(pg_sql "$P2" "$active")))
	sleep 0.05
done
wait "$EXP"
echo "# while exporting: $on_primary looks saw it on the primary, $on_standby on the standby"
expect_eq "no query of the export runs on the primary" "$on_primary" 0

# A standby that cannot be reached: said once, and the export comes from --db.
DOWN="postgresql://tongban@127.0.0.1:1/tongban?connect_timeout=2"
b=$("$TB" --db "$PRIMARY" --read-db "$DOWN" case export --format csv --raw 2>"$PGTMP/down.err"); rc=$?
[ "$rc" = 0 ] || sed 's/^/# /' "$PGTMP/down.err"
expect_eq "with the standby down an export still runs (exit 0)" "$rc" 0
expect_eq "... from --db, the same" "$b" "$(cat "$PGTMP/export2.csv")"
expect_eq "... and says so once" "$(grep -c 'read-db' "$PGTMP/down.err")" 1

# A server's sessions: serve --read-db, and read_db in its configuration.
SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
ssh-keygen -q -t ed25519 -N '' -C replica -f "$PGTMP/key" </dev/null
"$TB" --db "$PRIMARY" user key add supervisor2 "$PGTMP/key.pub" >/dev/null 2>&1
SERVER=
serve() {	# serve ARGS...: a server on a free port; sets SPORT and SERVER
	SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$TB" serve "$@" --listen "127.0.0.1:$SPORT" --host-key "$PGTMP/host_key" \
	    >"$PGTMP/server.log" 2>&1 </dev/null &
	SERVER=$!
	for _ in $(seq 100); do grep -q listening "$PGTMP/server.log" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
unserve() { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; SERVER=; }
trap 'unserve; pg_cleanup' EXIT
ssh_export() {
	ssh $SSH_OPTS -o BatchMode=yes -i "$PGTMP/key" -p "$SPORT" supervisor2@127.0.0.1 \
	    case export --format csv --raw 2>"$PGTMP/ssh.err"
}
serve --db "$PRIMARY" || not_ok "serve"
want=$(ssh_export)
unserve
serve --db "$PRIMARY" --read-db "$STANDBY" || not_ok "serve --read-db"
settle
b1=$(returned "$P1"); s1=$(returned "$P2")
got=$(ssh_export); rc=$?
settle
b2=$(returned "$P1"); s2=$(returned "$P2")
ssh $SSH_OPTS -o BatchMode=yes -i "$PGTMP/key" -p "$SPORT" supervisor2@127.0.0.1 user me >/dev/null 2>&1
settle
b3=$(returned "$P1")
unserve
check "serve --read-db: an export over ssh runs (exit 0)" test "$rc" = 0 -a -n "$got"
expect_eq "... gives what the primary gives" "$got" "$want"
n=$(($(printf '%s\n' "$got" | wc -l) - 1))
echo "# over ssh: primary read $((b2 - b1)) rows (a login alone: $((b3 - b2))), standby $((s2 - s1)), for an export of $n"
check "... reading the standby" test $((s2 - s1)) -ge "$n" -a $((b2 - b1)) -le $(( (b3 - b2) * 2 + 500 ))
printf 'db = %s\nread_db = %s\n' "$PRIMARY" "$DOWN" > "$PGTMP/tongban.conf"
serve --config "$PGTMP/tongban.conf" || not_ok "serve --config with read_db"
got=$(ssh_export); rc=$?
unserve
expect_eq "read_db in the configuration: with it down an export over ssh still runs" "$rc" 0
expect_eq "... from db, the same" "$got" "$want"
check "... and the session says why" grep -q 'read-db' "$PGTMP/ssh.err"

summary
