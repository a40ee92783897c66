#!/usr/bin/env bash
# Copy a SQLite tongban database whole into an empty PostgreSQL database, for
# the benchmarks (tests/bench-pg.sh): the schema of data/schema-pg.sql, then
# every table's rows with their ids by `sqlite3 -csv` piped into psql's
# COPY (NULL written as \N, so that NULL and '' stay apart), then the
# identity sequences moved past the copied ids (tb_reset_ids) and ANALYZE.
# The copying sessions run with session_replication_role = replica (the
# database's superuser, as in tests/pg/cluster.sh): the foreign keys are
# not checked row by row, which lets tables load in any order and in
# parallel; the rows are the SQLite database's, where they held.
# Tables are copied two at a time (the events, the largest, first).
# The SQLite database must be of the same schema version.
# usage: tests/bench/pgcopy.sh FILE URL
set -u -o pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 FILE URL" >&2; exit 2; }
db=$1 url=$2
want=$(sed -n "s/^INSERT INTO meta(key, value) VALUES ('schema_version', '\([0-9]*\)');/\1/p" data/schema-pg.sql)
have=$(sqlite3 "$db" 'PRAGMA user_version') || exit 1
[ "$have" = "$want" ] || { echo "pgcopy: $db is schema $have, data/schema-pg.sql is $want" >&2; exit 1; }
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }
psql -1 -f data/schema-pg.sql >/dev/null || exit 1
# The tables of both, largest first (a rough count of pages).
tables=$(sqlite3 "$db" "SELECT name FROM sqlite_schema s WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    ORDER BY (SELECT count(*) FROM dbstat d WHERE d.name = s.name) DESC" 2>/dev/null) ||
    tables=$(sqlite3 "$db" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    ORDER BY name = 'event' DESC, name = 'cases' DESC, name")
one() {
	local t=$1 cols where=""
	cols=$(psql -A -t -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position)
	    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '$t'
	    AND is_generated = 'NEVER'")
	[ -n "$cols" ] || { echo "pgcopy: table $t is not in data/schema-pg.sql" >&2; return 1; }
	[ "$t" = meta ] && where="WHERE key <> 'schema_version'"
	sqlite3 -csv -nullvalue '\N' "$db" "SELECT $cols FROM $t $where" |
	    PGOPTIONS='-c session_replication_role=replica' psql -c "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv, NULL '\\N')" || {
		echo "pgcopy: table $t failed" >&2; return 1; }
}
fail=0
for t in $tables; do
	while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || fail=1; done
	one "$t" &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n || fail=1; done
[ "$fail" -eq 0 ] || exit 1
psql -c "SELECT tb_reset_ids()" -c "ANALYZE" >/dev/null || exit 1
