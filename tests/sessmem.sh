#!/usr/bin/env bash
# Memory of console sessions: log in as each LOGIN in an 80x24 tmux window,
# wait for the home screen, and print the PSS and the private memory of the
# session's processes (the connection's and the console's). The sessions
# stay open, so later ones share the libraries with earlier ones.
# usage: tests/sessmem.sh DB LOGIN...
set -u
cd "$(dirname "$0")/.."
db=$1; shift
tmp=$(mktemp -d)
trap 'tmux -L sessmem kill-server 2>/dev/null; kill $srv 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" </dev/null
for u in "$@"; do ./tongban --db "$db" user key add "$u" "$tmp/key.pub" >/dev/null; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./tongban serve --db "$db" --listen "127.0.0.1:$port" --host-key "$tmp/hk" >"$tmp/log" 2>&1 & srv=$!
for _ in $(seq 50); do grep -q listening "$tmp/log" && break; sleep 0.1; done
for u in "$@"; do
	before=$(pgrep -P $srv | sort)
	tmux -L sessmem new-session -d -s "$u" -x 80 -y 24 \
	    "ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i $tmp/key -p $port $u@127.0.0.1"
	for _ in $(seq 100); do tmux -L sessmem capture-pane -p -t "$u" | grep -q "tongban" && break; sleep 0.1; done
	sleep 1
	kids=$(comm -13 <(echo "$before") <(pgrep -P $srv | sort))
	pss=0 uss=0
	for k in $kids; do
		for p in $k $(pgrep -P "$k"); do
			v=$(awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null)
			w=$(awk '/^Private_(Clean|Dirty):/ {n += $2} END {print n}' /proc/$p/smaps_rollup 2>/dev/null)
			pss=$((pss + ${v:-0}))
			uss=$((uss + ${w:-0}))
		done
	done
	[ -n "${SESSMEM_DETAIL:-}" ] && for k in $kids; do for p in $k $(pgrep -P "$k"); do echo "pid $p: $(tr "\0" " " < /proc/$p/cmdline)"; awk '/^[0-9a-f]+-/ {name=$6} /^Pss:/ {if ($2 > 200) print "   ", $2, "kB", name}' /proc/$p/smaps; done; done
	echo "$u: console session PSS $((pss / 1024)).$(( (pss % 1024) * 10 / 1024 )) MiB, private $((uss / 1024)).$(( (uss % 1024) * 10 / 1024 )) MiB (connection and console processes; PSS shares the libraries among the few processes running)"
done
