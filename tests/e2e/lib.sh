# Shared by the end-to-end tests: a fresh database, the real server on a
# free port, the real OpenSSH client, and tmux for the console.
set -u
TB=${TONGBAN:-$PWD/tongban}
TMP=$(mktemp -d /tmp/tongban-e2e.XXXXXX)
DB=$TMP/t.db
export TONGBAN_TODAY=${TONGBAN_TODAY:-2026-11-27}
export TONGBAN_LOCALEDIR=$PWD/po/locale
TMUX_SOCK=tb$$
SERVER=
# With TONGBAN_E2E_PG (a PostgreSQL server's URI ending in '/', as
# tests/pg/e2e-test.sh sets it), the database is a new PostgreSQL database
# there instead of an SQLite file: the same script runs against both stores.
PGDB=
if [ -n "${TONGBAN_E2E_PG:-}" ]; then
	PGDB=e2e_$$_$RANDOM
	psql -X -q "${TONGBAN_E2E_PG}postgres" -c "CREATE DATABASE $PGDB TEMPLATE template0 \
	    ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" || { echo "not ok - PostgreSQL database"; exit 1; }
	DB=${TONGBAN_E2E_PG}$PGDB
fi

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
# check NAME CMD...: ok when CMD succeeds
check() { local n=$1; shift; if "$@"; then ok "$n"; else not_ok "$n" "failed: $*"; fi; }
# expect_eq NAME GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi; }
# expect_has NAME TEXT NEEDLE
expect_has() {
	if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 1500)"; fi
}

# pg_copy NAME: a copy of the PostgreSQL database; prints its URI.
pg_copy() {
	psql -X -q "${TONGBAN_E2E_PG}postgres" -c "CREATE DATABASE ${PGDB}_$1 TEMPLATE template0 \
	    ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" &&
	    pg_dump "$DB" | psql -X -q -v ON_ERROR_STOP=1 "${TONGBAN_E2E_PG}${PGDB}_$1" >/dev/null &&
	    echo "${TONGBAN_E2E_PG}${PGDB}_$1"
}

# db_copy NAME: a consistent copy of the live database (an SQLite file with
# its WAL, or a PostgreSQL database); prints where it is.
db_copy() {
	if [ -n "$PGDB" ]; then pg_copy "$1"
	else sqlite3 "$DB" ".backup '$TMP/$1.db'" && echo "$TMP/$1.db"; fi
}

# sqlite_only NAME: on PostgreSQL, say NAME is skipped and fail (so that
# "sqlite_only NAME || check NAME ..." checks it on SQLite only).
sqlite_only() { [ -z "$PGDB" ] && return 1; echo "ok - $1 # SKIP SQLite's file"; return 0; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	if [ -n "$PGDB" ]; then
		# The test's database and its copies (pg_copy).
		local d
		for d in $(psql -X -At "${TONGBAN_E2E_PG}postgres" \
		    -c "SELECT datname FROM pg_database WHERE datname LIKE '${PGDB}%'"); do
			psql -X -q "${TONGBAN_E2E_PG}postgres" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)"
		done 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

# start_server [CASES]: demo database, a key for every demo user, the server.
start_server() {
	local cases=${1:-3000}
	"$TB" demo --db "$DB" --cases "$cases" --seed 7 >/dev/null || { echo "not ok - demo database"; exit 1; }
	ssh-keygen -q -t ed25519 -N '' -C e2e -f "$TMP/key" </dev/null
	for u in admin supervisor1 supervisor2 clerk1 clerk2 approver1 approver2 approver3 head1 head2; do
		"$TB" --db "$DB" user key add "$u" "$TMP/key.pub" >/dev/null
	done
	PORT=$(free_port)
	"$TB" serve --db "$DB" --listen "127.0.0.1:$PORT" --host-key "$TMP/host_ed25519_key" \
	    >"$TMP/server.log" 2>&1 </dev/null &
	SERVER=$!
	for _ in $(seq 50); do
		grep -q listening "$TMP/server.log" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "not ok - server did not start"; cat "$TMP/server.log"; exit 1
}

# The tests read the database beside the running server: a session that
# closes may hold a lock for a moment, so every sqlite3 read waits for it.
# On PostgreSQL, SQL for "$DB" (or a copy of it) goes to psql, printing
# rows as sqlite3 does; SQLite's "DROP TRIGGER event_no_x;" (a test that
# tampers with the audit trail) and char(N) are said the way PostgreSQL
# says them.
sqlite3() {
	if [ -n "$PGDB" ] && [[ "${1:-}" == postgresql://* ]]; then
		local where=$1
		shift
		if [ $# -gt 0 ]; then
			psql -X -q -At -F'|' -v ON_ERROR_STOP=1 "$where" \
			    -c "$(sed -E -e 's/DROP TRIGGER (event_no_[a-z]+);/DROP TRIGGER \1 ON event;/g' \
			    -e 's/\bchar\(/chr(/g' <<<"$*")"
		else psql -X -q -At -F'|' -v ON_ERROR_STOP=1 "$where"; fi
	else
		command sqlite3 -cmd ".timeout 5000" "$@"
	fi
}

SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
# ssh_as LOGIN CMD...: exec through the real client with the test key
ssh_as() { local u=$1; shift; ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/key" -p "$PORT" "$u@127.0.0.1" "$@"; }
# ssh_pw LOGIN PASSWORD CMD...: password login through SSH_ASKPASS
ssh_pw() {
	local u=$1 pw=$2; shift 2
	printf '#!/bin/sh\necho %s\n' "$pw" > "$TMP/askpass"; chmod +x "$TMP/askpass"
	SSH_ASKPASS="$TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none \
	    ssh $SSH_OPTS -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 -p "$PORT" "$u@127.0.0.1" "$@" </dev/null
}

# The console in tmux at COLSxROWS, logged in as LOGIN.
# A server still going away after kill-session may take the new session
# with it: try again until the session is there.
tmux_start() {
	local u=$1 cols=${2:-80} rows=${3:-24} i
	for i in 1 2 3 4 5; do
		tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		    "ssh $SSH_OPTS -t -i $TMP/key -p $PORT $u@127.0.0.1; sleep 30" 2>/dev/null
		sleep 0.2
		tmux -L "$TMUX_SOCK" has-session -t t 2>/dev/null && return 0
	done
}
tmux_keys() { tmux -L "$TMUX_SOCK" send-keys -t t "$@"; }
tmux_screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t t 2>/dev/null; }
# wait_screen TEXT [SECONDS]: until TEXT is on the screen; prints the screen
wait_screen() {
	local i n=$(( ${2:-5} * 10 ))
	for i in $(seq "$n"); do
		if tmux_screen | grep -qF -- "$1"; then tmux_screen; return 0; fi
		sleep 0.1
	done
	tmux_screen; return 1
}
