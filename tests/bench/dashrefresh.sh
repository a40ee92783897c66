#!/usr/bin/env bash
# The live dashboard's refresh as a supervisor sees it: supervisor1's
# console (the real ssh client in tmux, 80x24) on the dashboard of server B;
# clerk1 takes in a case with `ssh ... case new` on server A; the pane is
# read every 50 ms until it differs. SERVERS=1: A and B are one server (the
# SQLite way); SERVERS=2: two `tongban serve` on one database (PostgreSQL:
# the change reaches B by LISTEN/NOTIFY). R repetitions (default 10); prints
# the median and worst time from the command's return (the acknowledged
# commit) to the change on B's screen, and from the command's start.
# DB is a SQLite file or a PostgreSQL connection string; it is written to
# (cases are added): give a copy. Ports PORT and PORT+1 (default 2850).
# usage: tests/bench/dashrefresh.sh DB SERVERS [R] [PORT]
set -u
cd "$(dirname "$0")/../.."
db=$1 servers=$2 reps=${3:-10} port0=${4:-2850}
TB=$PWD/tongban
tmp=$(mktemp -d)
sock=dashrefresh-$$
pids=()
trap 'tmux -L "$sock" kill-server 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" </dev/null
for u in supervisor1 clerk1; do "$TB" --db "$db" user key add "$u" "$tmp/key.pub" >/dev/null || exit 1; done
for ((j = 0; j < servers; j++)); do
	"$TB" serve --db "$db" --listen "127.0.0.1:$((port0 + j))" --host-key "$tmp/host$j" \
	    >"$tmp/server$j.log" 2>&1 </dev/null &
	pids+=($!)
done
for ((j = 0; j < servers; j++)); do
	for _ in $(seq 100); do grep -q listening "$tmp/server$j.log" 2>/dev/null && break; sleep 0.1; done
	grep -q listening "$tmp/server$j.log" || { echo "dashrefresh: server $j did not start"; exit 1; }
done
A=$port0 B=$((port0 + servers - 1))
ssh_opts="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i $tmp/key"
tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "ssh $ssh_opts -t -p $B supervisor1@127.0.0.1; sleep 30"
screen() { tmux -L "$sock" capture-pane -p -t t 2>/dev/null; }
now() { date +%s%N; }
# settle: until the pane has not changed for a second
settle() {
	local a b i
	a=$(screen)
	for i in $(seq 100); do sleep 1; b=$(screen); [ "$a" = "$b" ] && return 0; a=$b; done
}
sleep 2
tmux -L "$sock" send-keys -t t d
settle
screen > "$tmp/first"
for r in $(seq "$reps"); do
	before=$(screen)
	s=$(now)
	ssh $ssh_opts -p "$A" clerk1@127.0.0.1 case new --item 000101001000 \
	    --applicant-id 11010519491231002X --applicant-name 张三 --applicant-region 500229001003 \
	    --channel window --materials 1,2,3,4 >"$tmp/new.out" 2>&1 </dev/null &
	cp=$!
	acked=
	changed=
	for _ in $(seq 200); do	# at most 10 s
		[ -z "$acked" ] && ! kill -0 "$cp" 2>/dev/null && acked=$(now)
		if [ "$(screen)" != "$before" ]; then changed=$(now); break; fi
		sleep 0.05
	done
	wait "$cp" || { echo "dashrefresh: case new failed: $(cat "$tmp/new.out")"; exit 1; }
	[ -z "$acked" ] && acked=$(now)
	if [ -z "$changed" ]; then echo "dashrefresh: no change on the screen within 10 s"; screen; exit 1; fi
	echo "$(( (changed - acked) / 1000000 )) $(( (changed - s) / 1000000 ))" >> "$tmp/times"
	settle
done
sort -n -k1,1 "$tmp/times" | awk '{print $1}' > "$tmp/ack"
sort -n -k1,1 "$tmp/times" -k2,2 | awk '{print $2}' | sort -n > "$tmp/start"
n=$(wc -l < "$tmp/ack")
med() { sed -n "$(( (n + 1) / 2 ))p" "$1"; }
echo "dashboard refresh, $servers server(s), $n changes: after the commit's acknowledgement median $(med "$tmp/ack") ms," \
    "worst $(tail -1 "$tmp/ack") ms; from the command's start median $(med "$tmp/start") ms, worst $(tail -1 "$tmp/start") ms"
