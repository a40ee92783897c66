#!/usr/bin/env bash
# make bench-pg: the core figures of docs/PERFORMANCE.md on PostgreSQL next
# to SQLite, on the same cases (the SQLite demo databases of tests/bench.sh,
# copied into PostgreSQL by tests/bench/pgcopy.sh), writers per second with
# 1 and 3 servers x 20 writers, and the live dashboard's refresh across
# servers. A throwaway cluster (tests/pg/cluster.sh) on BENCH_PG_PORT
# (default: a free port), tuned for a benchmark, removed at the end.
# BENCH_CASES overrides the large size (default 1000000).
set -u
cd "$(dirname "$0")/.."
big=${BENCH_CASES:-1000000}
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
	echo "# installing PostgreSQL 15 (etc/install-deps.sh --pg)"
	./etc/install-deps.sh --pg || exit 1
fi
CLUSTER=$PWD/tests/pg/cluster.sh
TB=$PWD/tongban
dir=$(mktemp -d /tmp/tongban-benchpg.XXXXXX)
chmod 755 "$dir"
trap '"$CLUSTER" destroy "$dir/pg"; rm -rf "$dir"' EXIT
port=${BENCH_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
sport=${BENCH_SERVE_PORT:-2800}	# tongban serve: sport..sport+4
secs() { echo "$(date +%s.%N) - $1" | bc | awk '{printf "%.1f", $1}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "SQLite $(sqlite3 --version | cut -d' ' -f1), $(/usr/lib/postgresql/15/bin/postgres --version)"

# The SQLite databases, as tests/bench.sh makes them.
mkdir -p build/bench
want=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);/\1/p' data/schema.sql)
for n in 20000 "$big"; do
	db=build/bench/demo-$n.db
	if [ ! -f "$db" ] || [ "$(sqlite3 "$db" 'PRAGMA user_version')" != "$want" ]; then
		rm -f "$db"*
		s=$(date +%s.%N)
		"$TB" demo --db "$db" --cases "$n" --seed 1 >/dev/null || exit 1
		echo "SQLite demo, $n cases: $(secs "$s") s"
	fi
done

# The cluster: stock settings but the memory a benchmark machine gives it;
# fsync and synchronous_commit stay on (every commit is durable, as in a
# deployment).
"$CLUSTER" start "$dir/pg" "$port" || exit 1
"$CLUSTER" psql "$port" postgres -q \
    -c "ALTER SYSTEM SET shared_buffers = '256MB'" \
    -c "ALTER SYSTEM SET effective_cache_size = '4GB'" \
    -c "ALTER SYSTEM SET work_mem = '16MB'" \
    -c "ALTER SYSTEM SET maintenance_work_mem = '256MB'" \
    -c "ALTER SYSTEM SET max_wal_size = '4GB'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '15min'" || exit 1
"$CLUSTER" stop "$dir/pg" && "$CLUSTER" start "$dir/pg" "$port" || exit 1
echo "PostgreSQL cluster: $("$CLUSTER" psql "$port" postgres -A -t -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'effective_cache_size',
    'work_mem', 'max_wal_size', 'fsync', 'synchronous_commit', 'max_connections')")"
url() { "$CLUSTER" url "$port" "$1"; }
mkdb() { "$CLUSTER" createdb "$dir/pg" "$port" "$1"; }
# clone NEW FROM: a copy of a database (CREATE DATABASE ... TEMPLATE)
clone() { "$CLUSTER" psql "$port" postgres -q -c "CREATE DATABASE $1 TEMPLATE $2"; }

echo "-- loading PostgreSQL"
mkdb demo20k
s=$(date +%s.%N)
"$TB" --db "$(url demo20k)" demo --cases 20000 --seed 1 >/dev/null || exit 1
echo "tongban demo --db URL --cases 20000 (one round trip per statement): $(secs "$s") s"
for n in 20000 "$big"; do
	mkdb "c$n"
	s=$(date +%s.%N)
	bash tests/bench/pgcopy.sh "build/bench/demo-$n.db" "$(url "c$n")" || exit 1
	echo "copy of build/bench/demo-$n.db into PostgreSQL (tests/bench/pgcopy.sh: sqlite3 -csv | COPY, ANALYZE): $(secs "$s") s," \
	    "$("$CLUSTER" psql "$port" "c$n" -A -t -c "SELECT pg_size_pretty(pg_database_size(current_database()))")" \
	    "(SQLite file $(du -h "build/bench/demo-$n.db" | cut -f1))"
	"$TB" --db "$(url "c$n")" audit verify >/dev/null || { echo "audit verify failed on the copy"; exit 1; }
done

# side NAME SQLITE_OUT PG_OUT: bench's lines side by side (medians)
side() {
	echo "$1: what | SQLite median (p90) | PostgreSQL median (p90)"
	awk -F'  +' '
	    FNR == 1 { f++ }
	    /median/ { l = $1; m = $0; sub(/.*median +/, "", m); split(m, a, / +/); p = $0; sub(/.*p90 +/, "", p); split(p, b, / +/)
	        v = a[1] " us (" b[1] ")"; if (f == 1) { order[++k] = l; s[l] = v } else g[l] = v }
	    END { for (i = 1; i <= k; i++) printf "  %-44s | %-22s | %s\n", order[i], s[order[i]], g[order[i]] }' "$2" "$3"
}
for n in 20000 "$big"; do
	timeout 900 tests/bench/bench "build/bench/demo-$n.db" 2000 > "$dir/s$n" 2>&1
	timeout 900 tests/bench/bench "$(url "c$n")" 2000 > "$dir/p$n" 2>&1
	grep -h "^(busiest" "$dir/s$n" "$dir/p$n" | sort -u
	side "-- core, $n cases (tests/bench/bench DB 2000)" "$dir/s$n" "$dir/p$n"
done
t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1; secs "$s"; }
echo "-- dashboard --once as supervisor1, $big cases: SQLite" \
    "$(t "$TB" --db "build/bench/demo-$big.db" --as supervisor1 dashboard --once) s / PostgreSQL" \
    "$(t "$TB" --db "$(url "c$big")" --as supervisor1 dashboard --once) s (the whole process)"
echo "-- case export CSV as admin, $big cases: SQLite" \
    "$(t "$TB" --db "build/bench/demo-$big.db" --as admin case export --format csv) s / PostgreSQL" \
    "$(t "$TB" --db "$(url "c$big")" --as admin case export --format csv) s"

echo "-- writers: 20 approvers x 10 x (assign, give back), 20k cases (tests/writers.sh)"
echo -n "SQLite, one tongban process per action: "
bash tests/writers.sh build/bench/demo-20000.db 20 10
echo -n "SQLite, 1 server, ssh per action: "
WRITERS_SERVERS=1 WRITERS_PORT=$sport bash tests/writers.sh build/bench/demo-20000.db 20 10
clone w0 c20000
echo -n "PostgreSQL, one tongban process per action: "
bash tests/writers.sh "$(url w0)" 20 10
clone w1 c20000
echo -n "PostgreSQL, 1 server, ssh per action: "
WRITERS_SERVERS=1 WRITERS_PORT=$sport bash tests/writers.sh "$(url w1)" 20 10
clone w3 c20000
echo -n "PostgreSQL, 3 servers x 20 writers, ssh per action: "
WRITERS_SERVERS=3 WRITERS_PORT=$sport bash tests/writers.sh "$(url w3)" 60 10
"$TB" --db "$(url w3)" audit verify >/dev/null && echo "audit verify after the 3 servers' writers: ok" ||
    echo "audit verify after the 3 servers' writers: FAILED"

if command -v tmux >/dev/null; then
	echo "-- live dashboard: a case taken in on server A, supervisor1's dashboard on server B (tests/bench/dashrefresh.sh)"
	cp build/bench/demo-20000.db "$dir/dash.db"
	echo -n "SQLite, A = B (one server): "
	bash tests/bench/dashrefresh.sh "$dir/dash.db" 1 10 "$sport"
	clone dash c20000
	echo -n "PostgreSQL, two servers (LISTEN/NOTIFY): "
	bash tests/bench/dashrefresh.sh "$(url dash)" 2 10 "$sport"
fi
