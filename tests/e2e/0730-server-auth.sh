#!/usr/bin/env bash
# Password logins: the throttle holds under parallel guesses, wrong
# passwords for known and unknown logins take the same time, and a hostile
# login name gives one escaped log line.
. "$(dirname "$0")/lib.sh"
start_server 50
# One password try through the real client, from source address $1.
try_pw() {
	local from=$1 u=$2
	SSH_ASKPASS="$TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none \
	    ssh $SSH_OPTS -b "$from" -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
	    -p "$PORT" "$u@127.0.0.1" true </dev/null >/dev/null 2>&1
}
printf '#!/bin/sh\necho wrong-guess\n' > "$TMP/askpass"; chmod +x "$TMP/askpass"

# Timing: a wrong password, known login vs unknown login (median of 3 each).
t() { local s e; s=$(date +%s%N); try_pw "$1" "$2"; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
known=$(for i in 1 2 3; do t 127.0.2.$i clerk1; done | sort -n | sed -n 2p)
unknown=$(for i in 1 2 3; do t 127.0.3.$i nosuchuser; done | sort -n | sed -n 2p)
echo "# wrong password: known login ${known} ms, unknown login ${unknown} ms"
diff=$(( known > unknown ? known - unknown : unknown - known ))
check "timing: known and unknown logins take the same time (within 150 ms)" [ "$diff" -lt 150 ]

# 32 parallel wrong passwords on one login, each from its own address:
# at most 10 are checked, the rest are throttled.
pids=
for i in $(seq 32); do try_pw 127.0.1.$i approver1 & pids="$pids $!"; done
wait $pids
checks=$(grep -c "failed login approver1 " "$TMP/server.log")
throttled=$(grep -c "throttled login approver1 " "$TMP/server.log")
echo "# 32 parallel guesses: $checks checked, $throttled throttled"
check "throttle: at most 10 of 32 parallel guesses are checked" [ "$checks" -le 10 ]
expect_eq "throttle: ... and the others are throttled" "$(( checks + throttled ))" 32

# A login name with control characters (OpenSSH refuses them on its command
# line, and a newline anywhere, but takes ESC and BEL from a config file):
# one escaped log line.
printf 'Host hostile\n  HostName 127.0.0.1\n  User "evil\033[2Jfake\007login"\n' > "$TMP/cfg"
before=$(wc -l < "$TMP/server.log")
SSH_ASKPASS="$TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none \
    ssh -F "$TMP/cfg" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o LogLevel=ERROR -b 127.0.4.1 -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
    -p "$PORT" hostile true </dev/null >/dev/null 2>&1
sleep 0.3
new=$(tail -n +$(( before + 1 )) "$TMP/server.log")
expect_eq "log: a hostile login name gives one line" "$(printf '%s\n' "$new" | grep -c .)" 1
expect_has "log: ... with its control characters escaped" "$new" 'failed login evil\x1b[2Jfake\x07login from'
check "log: ... and no raw control byte" [ "$(printf '%s' "$new" | tr -dc '\001-\037' | wc -c)" -eq 0 ]

# A login name over 64 bytes is refused without a lookup.
try_pw 127.0.4.2 "$(printf 'a%.0s' $(seq 100))"
expect_has "log: an over-long login name is refused as such" "$(cat "$TMP/server.log")" "refused a login name of more than 63 bytes"
