#!/usr/bin/env bash
# tests/pg/cluster.sh itself: a primary and a hot standby on private ports,
# a write read on the standby, the primary lost (kill -9), the standby
# promoted with every acknowledged write, and nothing left behind.
. "$(dirname "$0")/lib.sh"

if ! pg_start p; then not_ok "cluster: start a primary"; summary; exit 1; fi
ok "cluster: start a primary"
P=$PORT_p
expect_eq "cluster: url" "$("$CLUSTER" url "$P")" "postgresql://tongban@127.0.0.1:$P/tongban"
expect_eq "cluster: url with a database" "$("$CLUSTER" url "$P" x)" "postgresql://tongban@127.0.0.1:$P/x"
expect_eq "cluster: database tongban, UTF8, collation C" \
    "$(pg_sql "$P" "SELECT pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database WHERE datname = current_database()")" \
    "UTF8 C"
expect_eq "cluster: listens on 127.0.0.1 only, stock max_connections" \
    "$(pg_sql "$P" "SELECT current_setting('listen_addresses') || ' ' || current_setting('max_connections') || ' ' || current_setting('wal_level')")" \
    "127.0.0.1 100 replica"
if [ "$(id -u)" = 0 ]; then
	expect_eq "cluster: run as root, the server runs as tongbanpg" \
	    "$(ps -o user= -p "$(head -n 1 "$PGTMP/p/data/postmaster.pid")")" tongbanpg
fi
check "cluster: createdb" "$CLUSTER" createdb "$PGTMP/p" "$P" other
expect_eq "cluster: psql on another database" "$(pg_sql "$P" other "SELECT current_database()")" other
"$CLUSTER" createdb "$PGTMP/p" "$P" other 2>/dev/null; rc=$?
check "cluster: createdb of an existing database fails" test "$rc" -ne 0
"$CLUSTER" start "$PGTMP/p" "$P" 2>/dev/null; rc=$?
check "cluster: start refuses a running cluster" test "$rc" -ne 0

if ! pg_standby s p; then not_ok "cluster: start a standby"; summary; exit 1; fi
ok "cluster: start a standby"
S=$PORT_s
expect_eq "cluster: the standby is in recovery" "$(pg_sql "$S" "SELECT pg_is_in_recovery()")" t
expect_eq "cluster: the primary commits synchronously to the standby" \
    "$(pg_sql "$P" "SELECT current_setting('synchronous_standby_names') || ' ' || sync_state FROM pg_stat_replication")" \
    "* sync"

pg_sql "$P" "CREATE TABLE t (n integer PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100)" >/dev/null
n=
for _ in $(seq 50); do
	n=$(pg_sql "$S" "SELECT count(*) FROM t" 2>/dev/null)
	[ "$n" = 100 ] && break
	sleep 0.1
done
expect_eq "cluster: a write on the primary is read on the standby" "$n" 100
out=$(pg_sql "$S" "INSERT INTO t VALUES (0)" 2>&1)
check "cluster: the standby refuses writes" grep -q "read-only transaction" <<<"$out"

# Acknowledged writes, one transaction each, then the primary is lost.
acked=0
for i in $(seq 101 150); do
	pg_sql "$P" "INSERT INTO t VALUES ($i)" >/dev/null && acked=$i
done
expect_eq "cluster: 50 writes acknowledged" "$acked" 150
check "cluster: kill" "$CLUSTER" kill "$PGTMP/p"
expect_eq "cluster: no process of the killed primary is left" \
    "$(pg_procs "$PGTMP/p/data"; pg_procs "tongban-$P:")" ""
check "cluster: the killed primary does not answer" bash -c "! '$CLUSTER' psql $P -c 'SELECT 1' >/dev/null 2>&1"

check "cluster: promote" "$CLUSTER" promote "$PGTMP/s"
expect_eq "cluster: the promoted standby is a primary" "$(pg_sql "$S" "SELECT pg_is_in_recovery()")" f
expect_eq "cluster: no acknowledged write lost" "$(pg_sql "$S" "SELECT count(*) || ' ' || max(n) FROM t")" "150 150"
expect_eq "cluster: the new primary waits for no standby" \
    "$(pg_sql "$S" "SHOW synchronous_standby_names")" ""
out=$(timeout 10 "$CLUSTER" psql "$S" -q -A -t -c "INSERT INTO t VALUES (151) RETURNING n" 2>&1)
expect_eq "cluster: a write on the new primary" "$out" 151
url="postgresql://tongban@127.0.0.1:$P,127.0.0.1:$S/tongban?target_session_attrs=read-write"
expect_eq "cluster: a two-host URL with target_session_attrs finds the new primary" \
    "$(timeout 20 /usr/lib/postgresql/15/bin/psql -X -A -t "$url" -c "SELECT inet_server_port()" 2>/dev/null)" "$S"

check "cluster: stop of a dead server succeeds" "$CLUSTER" stop "$PGTMP/p"
check "cluster: stop" "$CLUSTER" stop "$PGTMP/s"
check "cluster: start again after stop (data kept)" "$CLUSTER" start "$PGTMP/s" "$S"
expect_eq "cluster: the rows survived the restart" "$(pg_sql "$S" "SELECT count(*) FROM t")" 151
check "cluster: destroy the primary" "$CLUSTER" destroy "$PGTMP/p"
check "cluster: destroy the standby" "$CLUSTER" destroy "$PGTMP/s"
check "cluster: destroy removes the folders" test ! -e "$PGTMP/p" -a ! -e "$PGTMP/s"
expect_eq "cluster: no server process left" \
    "$(pg_procs "$PGTMP"; pg_procs "tongban-$P:"; pg_procs "tongban-$S:")" ""
check "cluster: destroy of a missing folder succeeds" "$CLUSTER" destroy "$PGTMP/none"
mkdir -p "$PGTMP/keep"; touch "$PGTMP/keep/file"
"$CLUSTER" destroy "$PGTMP/keep" 2>/dev/null; rc=$?
check "cluster: destroy refuses a folder that holds no cluster" test "$rc" -ne 0 -a -e "$PGTMP/keep/file"
summary
