#!/usr/bin/env bash
# Bytes on the wire and time to the case detail for the task of SPEC §5:
# connect, /, type a case number, Enter, see its detail, q twice. Uses
# tools/slowlink.py between the real ssh client (in tmux) and the server.
# usage: tests/wire.sh DB LOGIN KEY [RATE DELAY]   (prints one JSON line per run)
set -u
DB=$1 LOGIN=$2 KEY=$3 RATE=${4:-} DELAY=${5:-}
TB=${TONGBAN:-./tongban}
NO=$("$TB" --db "$DB" --as "$LOGIN" case find --limit 1 --format csv | tail -1 | cut -d, -f1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
run() {
	local mode=$1 sport lport rep t0 t1 srv sl
	sport=$(free_port); lport=$(free_port); rep=$(mktemp)
	"$TB" serve --db "$DB" --listen "127.0.0.1:$sport" $mode >/dev/null 2>&1 </dev/null & srv=$!
	sleep 0.4
	python3 tools/slowlink.py --listen "127.0.0.1:$lport" --to "127.0.0.1:$sport" --once \
	    --report "$rep" ${RATE:+--rate $RATE} ${DELAY:+--delay $DELAY} >/dev/null 2>&1 & sl=$!
	sleep 0.4
	t0=$(date +%s.%N)
	tmux -L wire -f /dev/null new-session -d -s w -x 80 -y 24 \
	    "ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -i $KEY -p $lport -t $LOGIN@127.0.0.1"
	until tmux -L wire capture-pane -p -t w 2>/dev/null | grep -q '/'; do sleep 0.02; done
	tmux -L wire send-keys -t w /
	sleep 0.3
	tmux -L wire send-keys -t w "$NO" Enter
	until tmux -L wire capture-pane -p -t w 2>/dev/null | grep -q "·.*$NO"; do sleep 0.02; done
	t1=$(date +%s.%N)
	tmux -L wire send-keys -t w q
	sleep 0.5
	tmux -L wire send-keys -t w q
	wait "$sl" 2>/dev/null
	tmux -L wire kill-server 2>/dev/null
	kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null
	python3 -c "import json,sys; r=json.load(open(sys.argv[1])); t=r.get('totals', r); print(json.dumps({'mode': sys.argv[2] or 'compressed', 'rate': sys.argv[4] or 'unlimited', 'detail_after_s': round(float(sys.argv[3]), 2), 'totals': t}))" \
	    "$rep" "${mode:+plain}" "$(echo "$t1 - $t0" | bc)" "$RATE"
	rm -f "$rep"
}
run ""
run "--no-compression"
