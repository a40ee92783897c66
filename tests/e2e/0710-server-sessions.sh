#!/usr/bin/env bash
# Sessions that would leak: an idle console times out, a client that stops
# answering is dropped by SSH keepalives, Ctrl-S and then a dropped link do
# not block the session, and no process is left behind in any case.
export TONGBAN_KEEPALIVE_SECONDS=1
. "$(dirname "$0")/lib.sh"
start_server 50
# A second server on the same database whose consoles time out after 4 s.
PORT1=$PORT PORT2=$(free_port)
TONGBAN_IDLE_SECONDS=4 "$TB" serve --db "$DB" --listen "127.0.0.1:$PORT2" \
    >"$TMP/server2.log" 2>&1 </dev/null &
SERVER2=$!
trap 'kill $SERVER2 2>/dev/null; cleanup' EXIT
sleep 0.5

# Processes of this server besides the listener (sessions and their children).
# wait_sessions N SECONDS: until at most N remain
wait_sessions() {
	local i
	for i in $(seq $(( $2 * 10 ))); do [ "$(sessions)" -le "$1" ] && return 0; sleep 0.1; done
	return 1
}

# Server processes besides the two listeners.
sessions() { echo $(( $(pgrep -fc -- "--db $DB") - 2 )); }

# (b) idle timeout: the console hangs up by itself after TONGBAN_IDLE_SECONDS.
PORT=$PORT2
tmux_start clerk1
PORT=$PORT1
wait_screen "王芳" 3 >/dev/null
check "idle: a console is open" [ "$(sessions)" -ge 2 ]
wait_sessions 0 12
expect_eq "idle: after the idle timeout no process is left" "$(sessions)" 0
expect_has "idle: ... the client is told" "$(tmux_screen)" "session closed"
expect_has "idle: ... and the log says why" "$(cat "$TMP/server2.log")" "idle timeout for clerk1"
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null

# (a) a client that stops answering (SIGSTOP: its TCP stays up) is dropped.
sleep 60 | ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/key" -p "$PORT" admin@127.0.0.1 \
    calendar import - > /dev/null 2>&1 &
cli=$!
wait_sessions 100 1; sleep 1.5
check "keepalive: an exec session is open" [ "$(sessions)" -ge 2 ]
cli=$(pgrep -f -- "-p $PORT admin@127.0.0.1 calendar import")
kill -STOP $cli
wait_sessions 0 12
expect_eq "keepalive: a silent client's session is dropped, no process left" "$(sessions)" 0
expect_has "keepalive: ... and logged" "$(cat "$TMP/server.log")" "keepalives: session dropped"
kill -9 $cli 2>/dev/null
pkill -P $$ -x sleep 2>/dev/null

# (c) Ctrl-S on the console, then the link drops (the client is killed).
tmux_start supervisor1
wait_screen "查找" 5 >/dev/null
tmux_keys C-s
for _ in 1 2 3 4 5 6; do tmux_keys Down Up; done
sleep 0.5
pkill -9 -f -- "-p $PORT supervisor1@127.0.0.1"
wait_sessions 0 10
expect_eq "ctrl-s: XOFF then a dropped link leaves no process" "$(sessions)" 0
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null

# (d') a console that is stuck (stopped) when the link drops is killed in bounds.
tmux_start supervisor2
wait_screen "查找" 5 >/dev/null
con=$(pgrep -f -- "--db $DB" | while read -r p; do
	[ "$(ps -o ppid= -p "$p" | tr -d ' ')" != "$SERVER" ] && [ "$p" != "$SERVER" ] && [ "$p" != "$SERVER2" ] && echo "$p"; done | tail -1)
check "stuck: found the console process" [ -n "$con" ]
kill -STOP "$con"
pkill -9 -f -- "-p $PORT supervisor2@127.0.0.1"
wait_sessions 0 10
expect_eq "stuck: a stopped console is killed after the link drops, no process left" "$(sessions)" 0
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null

# (d) the link drops while an exec command is busy writing: the session ends it.
ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/key" -p "$PORT" admin@127.0.0.1 \
    case list --limit 100000 > /dev/null 2>&1 &
cli=$!
sleep 0.3
kill -9 $cli 2>/dev/null; wait $cli 2>/dev/null
wait_sessions 0 10
expect_eq "busy: a link dropped mid-command leaves no process" "$(sessions)" 0
