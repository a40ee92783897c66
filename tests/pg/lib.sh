# Shared by the PostgreSQL suites (tests/pg/*-test.sh, *-check.sh): "ok -" /
# "not ok -" lines as in tests/e2e/lib.sh, a summary line, and throwaway
# clusters (tests/pg/cluster.sh) that are destroyed on exit.
set -u
PGDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER=$PGDIR/cluster.sh
PGTMP=$(mktemp -d /tmp/tongban-pg.XXXXXX)
chmod 755 "$PGTMP"
PG_CLUSTERS=()
PASSED=0
FAILED=0

ok() { echo "ok - $1"; PASSED=$((PASSED + 1)); }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; FAILED=$((FAILED + 1)); }
# check NAME CMD...: ok when CMD succeeds
check() { local n=$1; shift; if "$@"; then ok "$n"; else not_ok "$n" "failed: $*"; fi; }
# expect_eq NAME GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi; }
# summary: the last line, and the exit status (1 when anything failed)
summary() { echo "$PASSED passed, $FAILED failed"; [ "$FAILED" -eq 0 ]; }

# free_port: a free TCP port on 127.0.0.1 in 55432-59999 (private)
free_port() {
	python3 - <<'PY'
import random, socket
for _ in range(200):
    p = random.randint(55432, 59999)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    break
PY
}

# port_in LO-HI: a free TCP port on 127.0.0.1 in that range. With
# TB_PG_PORTS=LO-HI, the clusters' ports come from that range only.
port_in() { python3 -c '
import random, socket, sys
lo, hi = map(int, sys.argv[1].split("-"))
ports = list(range(lo, hi + 1)); random.shuffle(ports)
for p in ports:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: s.close()' "$1"; }
[ -n "${TB_PG_PORTS:-}" ] && free_port() { port_in "$TB_PG_PORTS"; }

# pg_start NAME: a cluster in $PGTMP/NAME on a free port; sets PORT_NAME
pg_start() {
	local name=$1 port i
	for i in 1 2 3; do
		port=$(free_port)
		if "$CLUSTER" start "$PGTMP/$name" "$port"; then
			PG_CLUSTERS+=("$PGTMP/$name")
			printf -v "PORT_$name" '%s' "$port"
			return 0
		fi
		"$CLUSTER" destroy "$PGTMP/$name" 2>/dev/null
	done
	return 1
}

# pg_standby NAME PRIMARY: a hot standby of cluster PRIMARY; sets PORT_NAME
pg_standby() {
	local name=$1 primary=$2 pport port
	pport=$(eval echo "\$PORT_$primary")
	port=$(free_port)
	PG_CLUSTERS+=("$PGTMP/$name")
	"$CLUSTER" standby "$PGTMP/$primary" "$pport" "$PGTMP/$name" "$port" || return 1
	printf -v "PORT_$name" '%s' "$port"
}

# pg_sql PORT [DB] SQL: one value or rows, unaligned, no header
pg_sql() {
	local port=$1 db=tongban
	[ $# -eq 3 ] && { db=$2; shift; }
	"$CLUSTER" psql "$port" "$db" -q -A -t -c "$2"
}

# pg_procs PATTERN: the running postgres processes whose command line has
# PATTERN (a cluster's data folder, or "tongban-PORT:" for its children)
pg_procs() { pgrep -a postgres | grep -v defunct | grep -F -- "$1"; }

pg_cleanup() {
	local d
	for d in "${PG_CLUSTERS[@]}"; do "$CLUSTER" destroy "$d"; done
	rm -rf "$PGTMP"
}
trap pg_cleanup EXIT
