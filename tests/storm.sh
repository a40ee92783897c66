#!/usr/bin/env bash
# 200 consoles logging in within a second (tests/storm.py) on a copy of DB.
# usage: tests/storm.sh DB [N]   (needs Debian's python3-paramiko)
set -u
cd "$(dirname "$0")/.."
db=$1 n=${2:-200}
/usr/bin/python3 -c 'import paramiko' 2>/dev/null || { echo "storm: python3-paramiko is not installed (apt-get install python3-paramiko)"; exit 0; }
tmp=$(mktemp -d)
trap 'kill $srv 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" </dev/null
logins="clerk1 clerk2 approver1 approver2 approver3 supervisor1 supervisor2"
for u in $logins; do ./tongban --db "$db" user key add "$u" "$tmp/key.pub" >/dev/null; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./tongban serve --db "$db" --listen "127.0.0.1:$port" --host-key "$tmp/hk" >"$tmp/log" 2>&1 & srv=$!
for _ in $(seq 50); do grep -q listening "$tmp/log" && break; sleep 0.1; done
/usr/bin/python3 tests/storm.py "$port" "$tmp/key" "$n" $logins
