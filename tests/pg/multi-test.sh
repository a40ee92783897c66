#!/usr/bin/env bash
# Several tongban servers on one PostgreSQL (issue 14, items 2, 3 and 4):
# three `tongban serve` on three ports against one throwaway cluster, used
# through the real OpenSSH client as three district machines would be.
#  - a case taken in on A is found at once on B and C;
#  - two people on two servers acting on one case at the same moment:
#    exactly one wins, the other gets exit 4 (20 rounds);
#  - 3 servers x 10 concurrent writers: every acknowledged case is there,
#    and the audit chain stays one chain (audit verify, and in SQL: every
#    event's hash is made from the hash of the event just before it);
#  - a supervisor's live dashboard on B shows a case taken in on A within
#    2 s;
#  - the connection budget (--db-connections 5): 60 concurrent sessions
#    never hold more than 3 x 5 connections, and all get their answer; idle
#    consoles hold none; a session that finds every unit in use is told so
#    after 10 s (exit 10).
# Private ports: PostgreSQL in 56100-56199, the servers in 2600-2699.
cd "$(dirname "$0")/../.." || exit 1
. tests/pg/lib.sh
TB=${TONGBAN:-$PWD/tongban}
export TONGBAN_TODAY=2026-11-27
export TONGBAN_LOCALEDIR=$PWD/po/locale
TMUX_SOCK=tbmulti$$
SERVERS=()
SSH_OPTS=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=30)

multi_cleanup() {
	local p
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${SERVERS[@]}"; do wait "$p" 2>/dev/null; done
	pg_cleanup
}
trap multi_cleanup EXIT
trap "exit 143" TERM INT

# expect_has NAME TEXT NEEDLE
expect_has() {
	if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 1500)"; fi
}
# port_free PORT: nothing listens on 127.0.0.1:PORT
port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null; }
# first_free FROM TO: the first free port of the range
first_free() { local p; for ((p = $1; p <= $2; p++)); do port_free "$p" && { echo "$p"; return 0; }; done; return 1; }

# -------------------------------------------------------------- setup ------
PGPORT=$(first_free 56100 56199) || { not_ok "setup: a free port in 56100-56199"; summary; exit 1; }
"$CLUSTER" start "$PGTMP/db" "$PGPORT" || { not_ok "setup: start a cluster"; summary; exit 1; }
PG_CLUSTERS+=("$PGTMP/db")
URL=$("$CLUSTER" url "$PGPORT")
sql() { "$CLUSTER" psql "$PGPORT" tongban -q -A -t -c "$1"; }
"$TB" init --db "$URL" >/dev/null || { not_ok "setup: tongban init"; summary; exit 1; }
"$TB" demo --db "$URL" --cases 300 --seed 7 >/dev/null 2>"$PGTMP/demo.err" ||
    { not_ok "setup: tongban demo" "$(tail -3 "$PGTMP/demo.err")"; summary; exit 1; }
ssh-keygen -q -t ed25519 -N '' -C multi -f "$PGTMP/key" </dev/null
# The district public security bureau's two approvers, as in e2e 0300.
for spec in "ps1 public_security 公安审批 en" "ps2 public_security 公安审批二 zh"; do
	set -- $spec
	"$TB" --db "$URL" user add "$1" --role approver --region 500229 --office "500229.$2" \
	    --name "$3" --lang "$4" >/dev/null || not_ok "setup: add user $1"
done
for u in admin clerk1 clerk2 supervisor1 supervisor2 ps1 ps2; do
	"$TB" --db "$URL" user key add "$u" "$PGTMP/key.pub" >/dev/null || not_ok "setup: key for $u"
done

# start_server NAME CONNECTIONS [ENV=VALUE...]: a server on the next free
# port of 2600-2699; sets PORT_NAME
start_server() {
	local name=$1 conns=$2 port i
	shift 2
	port=$(first_free "${NEXT_PORT:-2600}" 2699) || return 1
	NEXT_PORT=$((port + 1))
	env "$@" "$TB" serve --db "$URL" --listen "127.0.0.1:$port" --host-key "$PGTMP/hostkey" \
	    --db-connections "$conns" >"$PGTMP/server-$name.log" 2>&1 </dev/null &
	SERVERS+=($!)
	printf -v "PORT_$name" '%s' "$port"
	for i in $(seq 100); do
		grep -q listening "$PGTMP/server-$name.log" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$PGTMP/server-$name.log" >&2
	return 1
}
for s in A B C; do
	start_server "$s" 5 || { not_ok "setup: start server $s"; summary; exit 1; }
done

# on SERVER LOGIN CMD...: the command over ssh on that server. SRC=ADDR
# sends from another loopback address (a server lets 8 logins at most be
# under way from one address).
on() {
	local port
	port=$(eval echo "\$PORT_$1")
	ssh "${SSH_OPTS[@]}" ${SRC:+-o BindAddress=$SRC} -i "$PGTMP/key" -p "$port" "$2@127.0.0.1" "${@:3}"
}
NO_RE='^500229-20261127-[0-9]{6}$'
new_case() {
	on "$1" clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
	    --applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5 \
	    2>/dev/null
}
# The tongban backends now (the test's own psql is not one).
backends() { sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tongban'"; }
# ... 20 times a second, one a line, until killed (one psql, \watch)
SAMPLER="SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tongban'"
# The audit chain, checked in SQL apart from audit verify: ids follow each
# other without a gap, and each event's hash is the one made from the hash
# of the event just before it (src/domain/audit.c: fields separated by
# 0x1f), so no two events were chained to the same predecessor. Prints the
# events that break it.
chain_breaks() {
	sql "SELECT count(*) FROM event e LEFT JOIN event p ON p.id = e.id - 1
	    WHERE e.id > (SELECT min(id) FROM event) AND (p.id IS NULL OR e.hash <>
	    encode(sha256(convert_to(p.hash || chr(31) || e.id || chr(31) || e.case_id || chr(31) ||
	    CASE WHEN e.subject <> '' THEN e.subject || chr(31) ELSE '' END ||
	    e.at || chr(31) || e.actor || chr(31) || e.addr || chr(31) || e.action || chr(31) ||
	    e.from_status || chr(31) || e.to_status || chr(31) || e.note || chr(31), 'UTF8')), 'hex'))"
}

# ------------------------------------------------- found on every server ------
no=$(new_case A); rc=$?
expect_eq "multi: a case taken in over ssh on server A (exit 0)" "$rc" 0
check "multi: ... is told its number" grep -qE "$NO_RE" <<<"$no"
for s in B C; do
	out=$(on "$s" ps1 case show "$no" 2>&1); rc=$?
	expect_eq "multi: server $s finds it at once (case show, exit 0)" "$rc" 0
	expect_has "multi: ... as the case taken in on A" "$out" "$no"
done

# ---------------------------------------------- two people, two servers ------
# Rounds alternate the servers and the pair of actions; both name the
# version they saw (--expect-version 1): the second to commit must lose.
pairs=(A:B B:C C:A)
won=0 bad=()
for r in $(seq 20); do
	no=$(new_case A)
	IFS=: read -r s1 s2 <<<"${pairs[$((r % 3))]}"
	if [ $((r % 2)) = 0 ]; then act2=(accept); else act2=(refuse --note 材料不符); fi
	on "$s1" ps1 case act "$no" accept --expect-version 1 >/dev/null 2>&1 &
	p1=$!
	on "$s2" ps2 case act "$no" "${act2[@]}" --expect-version 1 >/dev/null 2>&1 &
	p2=$!
	wait "$p1"; r1=$?
	wait "$p2"; r2=$?
	got=$(printf '%s\n' "$r1" "$r2" | sort | paste -sd' ')
	if [ "$got" = "0 4" ]; then won=$((won + 1)); else bad+=("round $r ($no on $s1/$s2): exits $got"); fi
done
expect_eq "race: of two people acting on one case at once on two servers, exactly one wins and the other gets exit 4 (rounds of 20)" \
    "$won" 20
[ ${#bad[@]} -gt 0 ] && printf '#   %s\n' "${bad[@]}"
# Without a version the status guards the transition: accept twice.
no=$(new_case B)
on A ps1 case act "$no" accept >/dev/null 2>&1 & p1=$!
on C ps2 case act "$no" accept >/dev/null 2>&1 & p2=$!
wait "$p1"; r1=$?; wait "$p2"; r2=$?
expect_eq "race: two accepts without a version on servers A and C: one wins, the other exit 4" \
    "$(printf '%s\n' "$r1" "$r2" | sort | paste -sd' ')" "0 4"
expect_eq "chain: audit verify passes after the races" \
    "$("$TB" --db "$URL" audit verify >/dev/null 2>&1; echo $?)" 0
expect_eq "chain: no event shares its predecessor with another (SQL over the hash links)" \
    "$(chain_breaks)" 0

# --------------------------------------------------- concurrent writers ------
# 3 servers x 10 writers x 3 cases each, all at once, each writer from its
# own loopback address.
before=$(sql "SELECT count(*) FROM cases")
t0=$(date +%s.%N)
writers=()
for s in A B C; do
	for w in $(seq 10); do
		(
			k=$(( $(printf '%d' "'$s") - 64 ))
			for i in 1 2 3; do SRC=127.0.$k.$((10 + w)) new_case "$s"; done
		) >"$PGTMP/w-$s-$w.out" &
		writers+=($!)
	done
done
wait "${writers[@]}"
t1=$(date +%s.%N)
cat "$PGTMP"/w-*.out | grep -E "$NO_RE" | sort > "$PGTMP/acked"
acked=$(wc -l < "$PGTMP/acked")
after=$(sql "SELECT count(*) FROM cases")
echo "# 90 case new from 30 writers on 3 servers: $acked acknowledged in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s"
expect_eq "writers: the 90 case new of 30 concurrent writers on three servers are all acknowledged" \
    "$acked" 90
expect_eq "writers: the count of cases grew by exactly the acknowledged" "$((after - before))" "$acked"
expect_eq "writers: ... each acknowledged number is a distinct case" \
    "$(sort -u "$PGTMP/acked" | wc -l)" "$acked"
nos=$(sed "s/.*/'&'/" "$PGTMP/acked" | paste -sd,)
expect_eq "writers: ... found in the database" "$(sql "SELECT count(*) FROM cases WHERE no IN ($nos)")" \
    "$acked"
expect_eq "chain: audit verify passes after the concurrent writers" \
    "$("$TB" --db "$URL" audit verify >/dev/null 2>&1; echo $?)" 0
expect_eq "chain: ... still one chain in SQL (every event hashed over the one before it)" \
    "$(chain_breaks)" 0

# ------------------------------------------------------ live dashboard ------
# supervisor2 (城口县, English) on server B; the case is taken in on A. B
# hears of it by LISTEN/NOTIFY: every writing transaction NOTIFYs channel
# tongban, and store_pg.c's data_version reads the notifications off the
# console's socket once a second, without a query; only then does the
# dashboard read its figures again.
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s dash -x 80 -y 24 \
    "ssh ${SSH_OPTS[*]} -t -i $PGTMP/key -p $PORT_B supervisor2@127.0.0.1; sleep 30"
screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t dash 2>/dev/null; }
wait_for_text() {
	local i
	for i in $(seq $(( $2 * 20 ))); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
	return 1
}
received() { screen | grep -oE 'received today [0-9]+' | grep -oE '[0-9]+$'; }
wait_for_text "Welcome" 15 || not_ok "dashboard: the console opens on server B" "$(screen)"
tmux -L "$TMUX_SOCK" send-keys -t dash d
wait_for_text "received today" 10
n0=$(received)
check "dashboard: supervisor2's dashboard on server B shows the cases received today" test -n "$n0"
t0=$(date +%s%N)
no=$(new_case A)
t_ack=$(date +%s%N)
want="received today $((n0 + 1))"
seen=
for i in $(seq 100); do
	if screen | grep -qF "$want"; then seen=$(date +%s%N); break; fi
	sleep 0.02
done
if [ -n "$seen" ]; then
	ms=$(( (seen - t_ack) / 1000000 ))
	echo "# dashboard on B: $want ${ms} ms after A acknowledged $no ($(( (t_ack - t0) / 1000000 )) ms for the case new)"
	check "dashboard: a case taken in on A is in B's figures within 2 s (${ms} ms, LISTEN/NOTIFY)" \
	    test "$ms" -le 2000
else
	not_ok "dashboard: a case taken in on A is in B's figures within 2 s" "want: $want" "$(screen)"
fi
check "dashboard: ... and in its ticker of new cases" grep -qF "$no" <<<"$(screen)"

# ---------------------------------------------------- connection budget ------
# The dashboard is live: it keeps its connection (one of B's 5). Idle
# consoles give theirs back after 2 s: 3 more consoles on C, then none of
# them holds one.
for i in 1 2 3; do
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "idle$i" -x 80 -y 24 \
	    "ssh ${SSH_OPTS[*]} -t -i $PGTMP/key -p $PORT_C clerk2@127.0.0.1; sleep 30"
done
for i in 1 2 3; do
	for _ in $(seq 100); do
		tmux -L "$TMUX_SOCK" capture-pane -p -t "idle$i" | grep -q Welcome && break
		sleep 0.1
	done
done
sleep 3
expect_eq "budget: three idle consoles hold no connection (only B's live dashboard holds one)" \
    "$(backends)" 1

# 20 concurrent sessions on each server, 60 at once, each from its own
# loopback address; pg_stat_activity sampled meanwhile.
printf '%s\n\\watch 0.05\n' "$SAMPLER" | "$CLUSTER" psql "$PGPORT" tongban -q -A -t \
    > "$PGTMP/samples" 2>/dev/null &
mon=$!
t0=$(date +%s.%N)
sessions=()
for s in A B C; do
	for i in $(seq 20); do
		k=$(( $(printf '%d' "'$s") - 64 + 10 ))
		SRC=127.0.$k.$((10 + i)) on "$s" clerk1 case find --limit 5 --format csv \
		    >"$PGTMP/f-$s-$i.out" 2>&1 &
		sessions+=($!)
	done
done
fails=0
for j in "${sessions[@]}"; do
	wait "$j" || fails=$((fails + 1))
done
t1=$(date +%s.%N)
kill "$mon" 2>/dev/null; wait "$mon" 2>/dev/null
peak=$(sort -n "$PGTMP/samples" | tail -1)
answered=$(for f in "$PGTMP"/f-*.out; do [ -s "$f" ] && head -1 "$f" | grep -q '^no,' && echo y; done | wc -l)
echo "# 60 concurrent sessions on 3 servers (--db-connections 5): $answered answered in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s, at most $peak tongban backends in $(wc -l < "$PGTMP/samples") samples"
expect_eq "budget: 60 concurrent sessions on three servers all exit 0" "$fails" 0
expect_eq "budget: ... and all 60 got their answer" "$answered" 60
check "budget: ... while the tongban backends never exceeded 3 x 5 = 15 (peak $peak)" \
    test "${peak:-99}" -le 15

# Every unit in use: a fourth server with 2 connections (1 for sessions,
# 1 for logins). A console on it goes idle (its unit back); then one
# session holds the sessions' unit (a key read from stdin that does not
# come); the next command waits 10 s and is told, and so is the console
# when a key of it needs the database.
start_server D 2 || not_ok "budget: start server D"
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s dcon -x 80 -y 24 \
    "ssh ${SSH_OPTS[*]} -t -i $PGTMP/key -p $PORT_D clerk2@127.0.0.1; sleep 30"
dscreen() { tmux -L "$TMUX_SOCK" capture-pane -p -t dcon 2>/dev/null; }
for _ in $(seq 100); do dscreen | grep -q Welcome && break; sleep 0.1; done
sleep 3
(sleep 15) | on D admin user key add admin - >/dev/null 2>&1 &
holder=$!
sleep 1.5
tmux -L "$TMUX_SOCK" send-keys -t dcon w
t0=$(date +%s%N)
out=$(on D clerk2 case find --limit 1 2>&1); rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_eq "budget: with every connection of the server in use a command ends with exit 10" "$rc" 10
# (in Chinese, the server's language: the user's own is in the database)
expect_has "budget: ... saying so" "$out" "本服务器的 2 个数据库连接都在使用中，请稍后再试"
check "budget: ... after waiting about 10 s (${ms} ms)" test "$ms" -ge 9500 -a "$ms" -le 13000
for _ in $(seq 30); do dscreen | grep -qF "database connections" && break; sleep 0.1; done
expect_has "budget: a console's key that needs the database is told on the message line" \
    "$(dscreen)" "all 2 database connections of this server are in use; try again"
wait "$holder"
expect_eq "budget: when the unit is back the next command is served" \
    "$(on D clerk2 case find --limit 1 --format csv 2>/dev/null | head -1 | cut -d, -f1)" no
tmux -L "$TMUX_SOCK" send-keys -t dcon Escape
sleep 0.5
tmux -L "$TMUX_SOCK" send-keys -t dcon w
for _ in $(seq 50); do dscreen | grep -qF "database connections" || break; sleep 0.1; done
check "budget: ... and so is the console's next key" bash -c "! grep -qF 'database connections' <<<\"\$1\"" _ "$(dscreen)"

summary
