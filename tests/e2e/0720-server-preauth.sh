#!/usr/bin/env bash
# Pre-authentication limits: idle connections from one address cannot lock
# others out, and they are dropped after the login grace time.
export TONGBAN_LOGIN_GRACE=4
. "$(dirname "$0")/lib.sh"
start_server 50
sessions() { echo $(( $(pgrep -fc -- "--db $DB") - 1 )); }

# 32 idle TCP connections from 127.0.0.1, held open for 8 s.
python3 - "$PORT" > "$TMP/idle.out" <<'PY' &
import socket, sys, time
socks = []
for _ in range(32):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    socks.append(s)
time.sleep(0.5)
print("open", len(socks))
sys.stdout.flush()
time.sleep(5.5)
closed = 0
for s in socks:
    s.settimeout(0.2)
    try:
        while True:
            d = s.recv(4096)
            if not d:
                closed += 1
                break
    except socket.timeout:
        pass
    except OSError:
        closed += 1
print("closed", closed)
PY
idle=$!
sleep 1
check "preauth: at most 8 unauthenticated processes from one address" [ "$(sessions)" -le 8 ]
out=$(ssh $SSH_OPTS -o BatchMode=yes -b 127.0.0.2 -i "$TMP/key" -p "$PORT" clerk1@127.0.0.1 user me 2>&1)
expect_eq "preauth: a login from another address still succeeds" "$?" 0
expect_has "preauth: ... refused extra ones are logged" "$(cat "$TMP/server.log")" "refused connection from 127.0.0.1"
wait $idle
expect_eq "preauth: after the grace time every idle connection is closed" "$(grep closed "$TMP/idle.out")" "closed 32"
expect_eq "preauth: ... and no process is left" "$(sessions)" 0
