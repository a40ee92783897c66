#!/usr/bin/env bash
# Failover: a primary and its synchronous hot standby, `tongban serve` on a
# connection string that lists both (target_session_attrs=read-write),
# three writers taking cases in over ssh. The primary is killed mid-way and
# the standby promoted: the writers go on (a command that fails during the
# gap was never acknowledged), every case number a writer got with exit 0
# is on the new primary, the chain verifies, an idle console goes on, and
# a half-filled intake form keeps what was typed. Bounded: about a minute.
cd "$(dirname "$0")/../.." || exit 1
. tests/pg/lib.sh
TB=${TONGBAN:-$PWD/tongban}
export TONGBAN_TODAY=2026-11-27 TONGBAN_LANG=en TONGBAN_LOCALEDIR=$PWD/po/locale
expect_has() {
	if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 1500)"; fi
}
# TB_SERVE_PORTS=LO-HI: the server's port from that range (port_in, lib.sh).
WRITERS=3
SERVER=
TMUX_SOCK=tbfo$$
SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
ssh_as() { local u=$1; shift; ssh $SSH_OPTS -o BatchMode=yes -o ConnectTimeout=20 -i "$PGTMP/key" -p "$SPORT" "$u@127.0.0.1" "$@"; }
tmux_keys() { local w=$1; shift; tmux -L "$TMUX_SOCK" send-keys -t "$w" "$@"; }
tmux_screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t "$1" 2>/dev/null; }
wait_screen() {	# WINDOW TEXT [SECONDS]
	local i n=$(( ${3:-5} * 10 ))
	for i in $(seq "$n"); do
		tmux_screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	return 1
}
stop_all() {
	touch "$PGTMP/stop"
	wait_writers
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	SERVER=
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
}
WPIDS=()
wait_writers() { local p; for p in "${WPIDS[@]}"; do wait "$p" 2>/dev/null; done; WPIDS=(); }
trap 'stop_all; pg_cleanup' EXIT

# Two clusters: the primary and a synchronous hot standby.
pg_start p1 || { not_ok "start the primary"; summary; exit 1; }
P1=$PORT_p1

# The data: a small demo with keys for the users, moved into PostgreSQL.
SRC=$PGTMP/src.db
ssh-keygen -q -t ed25519 -N '' -C failover -f "$PGTMP/key" </dev/null
{ "$TB" --db "$SRC" init && "$TB" --db "$SRC" demo --cases 500 --seed 7 &&
  for u in clerk1 clerk2 approver2; do "$TB" --db "$SRC" user key add "$u" "$PGTMP/key.pub" || exit 1; done &&
  "$TB" migrate --from "$SRC" --to "$("$CLUSTER" url "$P1")"; } >/dev/null 2>"$PGTMP/seed.err" ||
	{ not_ok "seed the primary" "$(head -c 600 "$PGTMP/seed.err")"; summary; exit 1; }
pg_standby s1 p1 || { not_ok "start a synchronous standby"; summary; exit 1; }
P2=$PORT_s1
URL="postgresql://tongban@127.0.0.1:$P1,127.0.0.1:$P2/tongban?target_session_attrs=read-write&connect_timeout=3"

if [ -n "${TB_SERVE_PORTS:-}" ]; then SPORT=$(port_in "$TB_SERVE_PORTS"); else
	SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'); fi
"$TB" serve --db "$URL" --listen "127.0.0.1:$SPORT" --host-key "$PGTMP/host_key" \
	>"$PGTMP/server.log" 2>&1 </dev/null &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$PGTMP/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$PGTMP/server.log" || { not_ok "serve on both hosts" "$(head -c 600 "$PGTMP/server.log")"; summary; exit 1; }
ok "tongban serve on a connection string listing the primary and the standby"

# An idle console on the worklist, and a half-filled intake form.
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s idle -x 80 -y 24 \
	"ssh $SSH_OPTS -t -i $PGTMP/key -p $SPORT approver2@127.0.0.1; sleep 60"
tmux -L "$TMUX_SOCK" new-session -d -s form -x 80 -y 24 \
	"ssh $SSH_OPTS -t -i $PGTMP/key -p $SPORT clerk2@127.0.0.1; sleep 60"
wait_screen idle "Welcome" 10
tmux_keys idle w
wait_screen idle "most urgent first" 5
check "the idle console shows the worklist before the failover" wait_screen idle "most urgent first" 1
wait_screen form "Welcome" 10
tmux_keys form n; sleep 0.5
tmux_keys form 000112004000; sleep 0.5
tmux_keys form Enter; sleep 0.5
tmux_keys form 11010519491231002X Tab; sleep 0.3
tmux_keys form 张三 Tab 13912345678 Tab Tab Tab Space; sleep 0.5
check "the intake form holds what was typed" wait_screen form "13912345678" 3

# Writers: each takes cases in until told to stop, and writes down the
# number of every case acknowledged (exit 0), with the time.
writer() {
	local w=$1 no rc t0
	while [ ! -e "$PGTMP/stop" ]; do
		t0=$(date +%s.%N)
		no=$(timeout 40 ssh $SSH_OPTS -o BatchMode=yes -o ConnectTimeout=20 -i "$PGTMP/key" -p "$SPORT" \
		    clerk1@127.0.0.1 case new --item 000112004000 --applicant-id 11010519491231002X \
		    --applicant-name 张三 --applicant-region 500229001003 --channel window \
		    --materials 1,2,3,4,5 2>>"$PGTMP/writer$w.err")
		rc=$?
		echo "$t0 $(date +%s.%N) $rc $no" >> "$PGTMP/writer$w.log"
		[ "$rc" -ne 0 ] && sleep 0.2
	done
}
for w in $(seq "$WRITERS"); do writer "$w" & WPIDS+=($!); done
sleep 5
# The primary is gone once kill returns (every process of it killed).
"$CLUSTER" kill "$PGTMP/p1"
T_KILL=$(date +%s.%N)
# The half-filled form is submitted in the gap, before the promotion.
tmux_keys form F2
sleep 1
"$CLUSTER" promote "$PGTMP/s1" || not_ok "promote the standby"
T_PROMOTED=$(date +%s.%N)
# Writers go on until writes have succeeded again for a while.
for _ in $(seq 60); do
	n=$(cat "$PGTMP"/writer*.log 2>/dev/null | awk -v t="$T_PROMOTED" '$1 > t + 0 && $3 == 0' | wc -l)
	[ "$n" -ge 10 ] && break
	sleep 0.5
done
touch "$PGTMP/stop"
wait_writers

cat "$PGTMP"/writer*.log > "$PGTMP/all.log"
# Each line: started, ended, exit status, the case number.
acked=$(awk '$3 == 0 && $4 != "" {print $4}' "$PGTMP/all.log" | sort -u)
n_acked=$(printf '%s\n' "$acked" | grep -c .)
n_failed=$(awk '$3 != 0' "$PGTMP/all.log" | wc -l)
codes=$(awk '$3 != 0 {print $3}' "$PGTMP/all.log" | sort | uniq -c | awk '{printf "%s x exit %s, ", $1, $2}')
before=$(awk -v t="$T_KILL" '$2 < t + 0 && $3 == 0' "$PGTMP/all.log" | wc -l)
# Writes succeed again: the first acknowledged command begun after the kill.
first_after=$(awk -v t="$T_KILL" '$1 > t + 0 && $3 == 0 {print $2}' "$PGTMP/all.log" | sort -n | head -1)
check "writes were acknowledged before the kill" test "$before" -gt 0
check "writes succeed again after the promotion" test -n "$first_after"
in_list=$(printf '%s\n' "$acked" | sed "s/.*/'&'/" | paste -sd, -)
found=$(pg_sql "$P2" "SELECT count(*) FROM cases WHERE no IN ($in_list)")
expect_eq "every acknowledged case is on the new primary (none lost)" "$found" "$n_acked"
bad_codes=$(awk '$3 != 0 && $3 != 10 && $3 != 255 {print $3}' "$PGTMP/all.log" | sort -u | paste -sd, -)
expect_eq "a command that failed in the gap failed as the database's failure (exit 10)" "$bad_codes" ""
gap=$(python3 -c "print('%.1f' % ($first_after - $T_KILL))" 2>/dev/null)
promo=$(python3 -c "print('%.1f' % ($T_PROMOTED - $T_KILL))" 2>/dev/null)
echo "# failover: $n_acked writes acknowledged, $((n_acked - found)) lost; $n_failed failed in the gap${codes:+ (${codes%, })}; promoted ${promo} s after the kill, writes succeed again ${gap} s after the kill"
cat "$PGTMP"/writer*.err 2>/dev/null | grep -q . &&
	echo "# a failure in the gap: $(cat "$PGTMP"/writer*.err | grep . | sort -u | head -1)"
out=$("$TB" --db "$("$CLUSTER" url "$P2")" audit verify 2>&1); rc=$?
expect_eq "audit verify passes on the new primary" "$rc" 0

# The idle console goes on: open the first case of its list.
tmux_keys idle Down; sleep 0.3
tmux_keys idle Enter
if wait_screen idle "case no" 20; then ok "the idle console goes on after the promotion (a key shows data)"
else not_ok "the idle console goes on after the promotion (a key shows data)" "$(tmux_screen idle)"; fi
scr=$(tmux_screen idle)
check "... without an error on its screen" test -z "$(printf '%s' "$scr" | grep -i 'database\|error\|connection')"

# The intake form, submitted in the gap: it is taken in (its session waited
# for the new primary), or it says why and still holds what was typed.
for _ in $(seq 200); do
	scr=$(tmux_screen form)
	printf '%s' "$scr" | grep -q "taken in\|database\|cannot\|failed" && break
	sleep 0.1
done
if printf '%s' "$scr" | grep -q "taken in"; then
	ok "the half-filled intake form, submitted in the gap, is taken in"
elif printf '%s' "$scr" | grep -q "13912345678"; then
	ok "the half-filled intake form, submitted in the gap, says why and keeps what was typed"
else
	not_ok "the half-filled intake form keeps its draft" "$scr"
fi

summary
