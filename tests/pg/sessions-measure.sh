#!/usr/bin/env bash
# A measurement, not a test (tests/pg/run.sh does not run it): the figures of
# issue 14 item 4, SESSIONS consoles on each of 3 servers (default 200)
# against one PostgreSQL with the stock max_connections = 100, each server
# with its default budget (--db-connections 30).
#
#   bash tests/pg/sessions-measure.sh [SESSIONS] [RATE]
#
# The consoles log in RATE a second per server (default 10; a server lets
# at most 64 logins be under way, 8 from one address, so each console comes
# from its own loopback address), show their home screen and stay idle.
# Meanwhile and afterwards pg_stat_activity is sampled; then a burst of 60
# commands (20 per server) runs while all consoles are logged in. Prints
# the figures. Private ports: PostgreSQL in 56100-56199, servers 2600-2699.
cd "$(dirname "$0")/../.." || exit 1
. tests/pg/lib.sh
N=${1:-200}
RATE=${2:-10}
TB=${TONGBAN:-$PWD/tongban}
export TONGBAN_TODAY=2026-11-27 TONGBAN_LOCALEDIR=$PWD/po/locale
SERVERS=()
CLIENTS=()
SSH_OPTS=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=60)
measure_cleanup() {
	local p
	for p in "${CLIENTS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${SERVERS[@]}"; do wait "$p" 2>/dev/null; done
	pg_cleanup
}
trap measure_cleanup EXIT
trap "exit 143" TERM INT
port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null; }
first_free() { local p; for ((p = $1; p <= $2; p++)); do port_free "$p" && { echo "$p"; return 0; }; done; return 1; }

PGPORT=$(first_free 56100 56199) || exit 1
"$CLUSTER" start "$PGTMP/db" "$PGPORT" || exit 1
PG_CLUSTERS+=("$PGTMP/db")
URL=$("$CLUSTER" url "$PGPORT")
sql() { "$CLUSTER" psql "$PGPORT" tongban -q -A -t -c "$1"; }
echo "# PostgreSQL: max_connections $(sql 'SHOW max_connections'), superuser_reserved_connections $(sql 'SHOW superuser_reserved_connections')"
"$TB" init --db "$URL" >/dev/null && "$TB" demo --db "$URL" --cases 300 --seed 7 >/dev/null 2>&1 || exit 1
ssh-keygen -q -t ed25519 -N '' -f "$PGTMP/key" </dev/null
"$TB" --db "$URL" user key add clerk1 "$PGTMP/key.pub" >/dev/null || exit 1
ports=()
next=2600
for s in A B C; do
	p=$(first_free "$next" 2699) || exit 1
	next=$((p + 1))
	"$TB" serve --db "$URL" --listen "127.0.0.1:$p" --host-key "$PGTMP/hostkey" \
	    >"$PGTMP/server-$s.log" 2>&1 </dev/null &
	SERVERS+=($!)
	ports+=("$p")
done
sleep 1
backends() { sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tongban'"; }
printf "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tongban'\n\\\\watch 0.05\n" |
    "$CLUSTER" psql "$PGPORT" tongban -q -A -t > "$PGTMP/samples" 2>/dev/null &
mon=$!

# The consoles: ssh -tt reading keys from a fifo this script holds open
# (KEYS: one descriptor a console), writing the screen to a file.
KEYS=()
t0=$(date +%s)
for ((i = 0; i < N; i++)); do
	for k in 0 1 2; do
		f=$PGTMP/in-$k-$i
		mkfifo "$f"
		exec {fd}<>"$f"
		KEYS+=("$fd")
		TERM=xterm ssh "${SSH_OPTS[@]}" -tt -o BindAddress=127.$((20 + k)).$((i / 200)).$((i % 200 + 10)) \
		    -i "$PGTMP/key" -p "${ports[$k]}" clerk1@127.0.0.1 <"$f" >"$PGTMP/out-$k-$i" 2>&1 &
		CLIENTS+=($!)
	done
	sleep "$(echo "scale=3; 1 / $RATE" | bc)"
done
t1=$(date +%s)
sleep 5
logged() { local n=0 s; for s in A B C; do n=$((n + $(grep -c 'console)' "$PGTMP/server-$s.log"))); done; echo "$n"; }
gone() { local n=0 s; for s in A B C; do n=$((n + $(grep -c 'logout' "$PGTMP/server-$s.log"))); done; echo "$n"; }
echo "# $((3 * N)) consoles started in $((t1 - t0)) s: $(logged) logged in, $(gone) logged out"
echo "# tongban backends with every console idle: $(backends)"
echo "# memory: $(free -m | awk '/Mem:/ {print $3}') MB used; tongban processes: $(pgrep -c -x tongban)"

# A burst of 60 commands while all consoles are logged in.
tb0=$(date +%s.%N)
burst=()
for k in 0 1 2; do
	for i in $(seq 20); do
		ssh "${SSH_OPTS[@]}" -o BindAddress=127.$((30 + k)).0.$((10 + i)) -i "$PGTMP/key" \
		    -p "${ports[$k]}" clerk1@127.0.0.1 case find --limit 5 --format csv \
		    >"$PGTMP/burst-$k-$i" 2>&1 &
		burst+=($!)
	done
done
wait "${burst[@]}"
tb1=$(date +%s.%N)
ok=$(grep -l '^no,' "$PGTMP"/burst-* | wc -l)
echo "# burst: $ok of 60 commands answered in $(printf '%.1f' "$(echo "$tb1 - $tb0" | bc)") s"
echo "# peak tongban backends so far: $(grep -E '^[0-9]+$' "$PGTMP/samples" | sort -n | tail -1) (of $(wc -l < "$PGTMP/samples") samples); 3 x 30 = 90 allowed"
# Every console at once: the worklist (w), 10 s later back home (Esc).
sleep 3
# Each console opens its connection again for the key: counted in the log.
sql "ALTER SYSTEM SET log_connections = on" && sql "SELECT pg_reload_conf()" >/dev/null
sleep 1
logfrom=$(( $(stat -c %s "$PGTMP/db/postgres.log") + 1 ))
from=$(wc -l < "$PGTMP/samples")
tk0=$(date +%s.%N)
for fd in "${KEYS[@]}"; do printf w >&"$fd"; done
tk1=$(date +%s.%N)
sleep 12
for fd in "${KEYS[@]}"; do printf '\033' >&"$fd"; done
sleep 12
conns=$(tail -c +"$logfrom" "$PGTMP/db/postgres.log" | grep -c 'connection authorized.*application_name=tongban')
told=$(grep -l -e '数据库连接都在使用中' -e 'database connections of this server' "$PGTMP"/out-* 2>/dev/null | wc -l)
echo "# all $((3 * N)) consoles pressed a key within $(printf '%.1f' "$(echo "$tk1 - $tk0" | bc)") s (the worklist, then back home): at most $(tail -n +"$from" "$PGTMP/samples" | grep -E '^[0-9]+$' | sort -n | tail -1) tongban backends; $conns connections opened for them; $told consoles were told every connection was in use"
kill "$mon" 2>/dev/null
alive=0
for p in "${CLIENTS[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
echo "# at the end: $alive of $((3 * N)) consoles still connected; tongban backends $(backends)"
