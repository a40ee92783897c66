#!/usr/bin/env bash
# Logins per second over ssh: N logins, P at a time, each running one short
# command (`case find --limit 1`), with a password (yescrypt) or with a key.
# usage: tests/loginrate.sh DB [password|key] [N] [P] [one]
# With "one", every login comes from one address (an office behind NAT).
set -u
cd "$(dirname "$0")/.."
db=$1 how=${2:-password} n=${3:-200} par=${4:-20} same=${5:-}
tmp=$(mktemp -d)
trap 'kill $srv 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
cp "$db" "$tmp/db"
printf 'bench-pass-1\n' | ./tongban --db "$tmp/db" user passwd clerk1 >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" </dev/null
./tongban --db "$tmp/db" user key add clerk1 "$tmp/key.pub" >/dev/null
printf '#!/bin/sh\necho bench-pass-1\n' > "$tmp/askpass"; chmod +x "$tmp/askpass"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./tongban serve --db "$tmp/db" --listen "127.0.0.1:$port" --host-key "$tmp/hk" >"$tmp/log" 2>&1 & srv=$!
for _ in $(seq 50); do grep -q listening "$tmp/log" && break; sleep 0.1; done
opts="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $port"
if [ "$how" = password ]; then
	opts="$opts -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1"
else
	opts="$opts -o BatchMode=yes -o PasswordAuthentication=no -i $tmp/key"
fi
one() {
	# each from its own address: the per-address throttle is not the subject
	local from="127.0.$((1 + $1 / 250)).$((1 + $1 % 250))"
	[ -n "$same" ] && from=127.0.0.1
	SSH_ASKPASS="$tmp/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none \
	    ssh $opts -b "$from" clerk1@127.0.0.1 \
	    case find --limit 1 </dev/null >/dev/null 2>>"$tmp/err" && echo ok; true
}
export -f one; export opts tmp same
s=$(date +%s.%N)
ok=$(seq 0 $((n - 1)) | xargs -P "$par" -I{} bash -c 'one {}' | grep -c ok)
e=$(date +%s.%N)
echo "$how logins${same:+ from one address}: $ok of $n in $(echo "$e - $s" | bc | cut -c1-5) s, $par in parallel: $(echo "$ok / ($e - $s)" | bc) per second"
