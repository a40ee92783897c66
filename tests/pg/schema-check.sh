#!/usr/bin/env bash
# data/schema-pg.sql against data/schema.sql: loaded into a throwaway
# PostgreSQL cluster and a fresh SQLite database, the two must have the same
# tables, the same columns in the same order with the same NOT NULL (a
# primary key's columns count as NOT NULL), the same index names (partial
# where the other is, with as many columns), primary keys, unique and
# foreign keys, and SQLite's triggers; the schema version must agree; and
# the compatibility functions must answer as SQLite and src/domain/clock.c do.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$PGDIR/../.." && pwd)
SQLITE_DB=$PGTMP/schema.db

if ! pg_start pg; then not_ok "schema: start a cluster"; summary; exit 1; fi
P=$PORT_pg
out=$("$CLUSTER" psql "$P" -q -1 -f "$ROOT/data/schema-pg.sql" 2>&1)
check "schema: data/schema-pg.sql loads in one transaction, without a notice" test -z "$out"
[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
check "schema: data/schema.sql makes an SQLite database" sqlite3 "$SQLITE_DB" ".read $ROOT/data/schema.sql"

lite() { sqlite3 -batch -noheader -list "$SQLITE_DB" "$1" | LC_ALL=C sort; }
pg() { pg_sql "$P" "$1" | LC_ALL=C sort; }
# same NAME SQLITE_LINES PG_LINES: the same set of lines
same() {
	local d
	d=$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3"))
	if [ -z "$d" ]; then ok "$1"; else not_ok "$1" "< SQLite, > PostgreSQL:" $d; fi
}
NS="n.nspname = current_schema()"

same "schema: the same tables" \
    "$(lite "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")" \
    "$(pg "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE $NS AND c.relkind = 'r'")"

# One line per table: its columns in order, then N (NOT NULL) or - for each.
lite_cols=$(lite "SELECT m.name || ' ' ||
    (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(m.name) ORDER BY cid)) || ' ' ||
    (SELECT group_concat(nn, '') FROM (SELECT CASE WHEN \"notnull\" OR pk > 0 THEN 'N' ELSE '-' END AS nn
        FROM pragma_table_info(m.name) ORDER BY cid))
    FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
pg_cols=$(pg "SELECT c.relname || ' ' || string_agg(a.attname, ',' ORDER BY a.attnum) || ' ' ||
    string_agg(CASE WHEN a.attnotnull THEN 'N' ELSE '-' END, '' ORDER BY a.attnum)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE $NS AND c.relkind = 'r' GROUP BY c.relname")
while read -r t _; do
	same "schema: $t: the same columns in order, the same NOT NULL" \
	    "$(grep "^$t " <<<"$lite_cols")" "$(grep "^$t " <<<"$pg_cols")"
done <<<"$lite_cols"

# Indexes made by CREATE INDEX (not those behind a key): table.name, key
# columns (an expression counts as one) and whether partial. A SQLite index
# ends with the rowid, so a PostgreSQL index may write the id out at the end
# where SQLite's does not: on both sides a last key column id (of an index
# that is not unique) is not counted.
same "schema: the same indexes (names, columns, partial)" \
    "$(lite "SELECT m.tbl_name || '.' || m.name || ' ' ||
        ((SELECT count(*) FROM pragma_index_info(m.name)) - coalesce((SELECT 1 FROM pragma_index_info(m.name) x
          WHERE x.name = 'id' AND x.seqno > 0 AND x.seqno = (SELECT max(seqno) FROM pragma_index_info(m.name))
          AND NOT (SELECT l.\"unique\" FROM pragma_index_list(m.tbl_name) l WHERE l.name = m.name)), 0)) || ' ' ||
        (SELECT l.partial FROM pragma_index_list(m.tbl_name) l WHERE l.name = m.name)
        FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL")" \
    "$(pg "SELECT t.relname || '.' || c.relname || ' ' || (i.indnkeyatts - CASE WHEN NOT i.indisunique
          AND i.indnkeyatts > 1 AND (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid
          AND a.attnum = i.indkey[i.indnkeyatts - 1]) = 'id' THEN 1 ELSE 0 END) || ' ' ||
        CASE WHEN i.indpred IS NULL THEN 0 ELSE 1 END
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE $NS AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)")"

# Keys: table pk|unique (columns).
same "schema: the same primary keys and unique constraints" \
    "$(lite "SELECT m.name || ' pk ' || (SELECT group_concat(name, ',') FROM
            (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk))
        FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)
      UNION ALL
      SELECT m.name || ' unique ' || (SELECT group_concat(name, ',') FROM
            (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
        FROM sqlite_master m, pragma_index_list(m.name) l
        WHERE m.type = 'table' AND l.origin = 'u'")" \
    "$(pg "SELECT t.relname || CASE k.contype WHEN 'p' THEN ' pk ' ELSE ' unique ' END ||
        (SELECT string_agg(a.attname, ',' ORDER BY x.ord) FROM unnest(k.conkey) WITH ORDINALITY x(att, ord)
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.att)
        FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE $NS AND k.contype IN ('p', 'u')")"

same "schema: the same foreign keys (and ON DELETE)" \
    "$(lite "SELECT m.name || '.' || f.\"from\" || ' -> ' || f.\"table\" || '.' || f.\"to\" || ' ' || f.on_delete
        FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")" \
    "$(pg "SELECT t.relname || '.' || a.attname || ' -> ' || r.relname || '.' || b.attname || ' ' ||
        CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
        FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_class r ON r.oid = k.confrelid
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = k.confkey[1]
        WHERE $NS AND k.contype = 'f'")"

same "schema: as many CHECK constraints per table" \
    "$(lite "SELECT name || ' ' || ((length(sql) - length(replace(sql, 'CHECK (', ''))) / 7)
        FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK (%'")" \
    "$(pg "SELECT t.relname || ' ' || count(*) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE $NS AND k.contype = 'c' GROUP BY t.relname")"

pg_triggers=$(pg "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
missing=$(comm -23 <(lite "SELECT name FROM sqlite_master WHERE type = 'trigger'") <(printf '%s\n' "$pg_triggers"))
expect_eq "schema: every SQLite trigger has its PostgreSQL trigger" "$missing" ""

version=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$ROOT/src/store/store.h")
expect_eq "schema: PRAGMA user_version is STORE_SCHEMA_VERSION" \
    "$(sqlite3 "$SQLITE_DB" "PRAGMA user_version")" "$version"
expect_eq "schema: meta schema_version is STORE_SCHEMA_VERSION, the only meta row" \
    "$(pg_sql "$P" "SELECT string_agg(key || '=' || value, ' ') FROM meta")" "schema_version=$version"

# The events are append-only, with SQLite's message.
pg_sql "$P" "INSERT INTO event(case_id, at, actor, action, hash) VALUES (0, 'a', 'b', 'c', 'h')" >/dev/null
for stmt in "UPDATE event SET note = 'x'" "DELETE FROM event" "TRUNCATE event"; do
	out=$(pg_sql "$P" "$stmt" 2>&1)
	check "schema: $stmt is refused: events are append-only" grep -q "events are append-only" <<<"$out"
done

# tb_reset_ids: rows copied with their ids, then the next id follows them.
pg_sql "$P" "INSERT INTO event(id, case_id, at, actor, action, hash) VALUES (1000, 0, 'a', 'b', 'c', 'h')" >/dev/null
pg_sql "$P" "SELECT tb_reset_ids()" >/dev/null
expect_eq "schema: tb_reset_ids: the next id follows the copied rows" \
    "$(pg_sql "$P" "INSERT INTO event(case_id, at, actor, action, hash) VALUES (0, 'a', 'b', 'c', 'h') RETURNING id")" 1001
expect_eq "schema: tb_reset_ids: an empty table starts at 1" \
    "$(pg_sql "$P" "SELECT nextval(pg_get_serial_sequence('anomaly', 'id'))")" 1
expect_eq "schema: tb_reset_ids sets every identity column (11)" "$(pg_sql "$P" "SELECT tb_reset_ids()")" 11

# tb_light(due, warn, day): the rule of clock_light_at().
got=$(pg_sql "$P" "SELECT string_agg(tb_light(due, warn, day)::text, ' ' ORDER BY k) FROM (VALUES
    (1, '2026-03-10', '2026-03-05', '2026-03-11'), (2, '2026-03-10', '2026-03-05', '2026-03-10'),
    (3, '2026-03-10', '2026-03-05', '2026-03-05'), (4, '2026-03-10', '2026-03-05', '2026-03-04'),
    (5, NULL, '2026-03-05', '2026-03-04'), (6, '2026-03-10', NULL, '2026-03-04'),
    (7, '2026-03-10', '2026-03-05', NULL), (8, '2026-02-30', '2026-02-01', '2026-03-01'),
    (9, '2024-02-29', '2024-02-20', '2024-03-01'), (10, '2026-3-10', '2026-03-05', '2026-03-11'),
    (11, '0000-01-01', '0000-01-01', '2026-03-11'), (12, '9999-12-31', '9999-12-31', '2026-03-11'),
    (13, '2026-03-10', '2026-03-05', '2026-03-1x'), (14, '2100-02-29', '2100-02-01', '2100-03-01'))
    AS v(k, due, warn, day)")
expect_eq "schema: tb_light answers as clock_light_at()" "$got" "3 2 2 1 0 0 0 0 3 0 0 0 0 0"

# instr and group_concat: the same answers as SQLite's own.
q="SELECT instr('观音桥街道', '桥'), instr('abcabc', 'ca'), instr('abc', 'x'), instr('abc', ''),
    CASE WHEN instr(NULL, 'a') IS NULL THEN 'null' END"
expect_eq "schema: instr answers as SQLite's" "$(pg_sql "$P" "$q")" "$(sqlite3 -list "$SQLITE_DB" "$q")"
q="SELECT group_concat(x, ', '), group_concat(x), CASE WHEN (SELECT group_concat(x, ',') FROM (SELECT 'a' AS x) AS e WHERE 1 = 0) IS NULL THEN 'null' END
    FROM (SELECT 'a' AS x UNION ALL SELECT NULL UNION ALL SELECT 'b' UNION ALL SELECT 'c') AS v"
expect_eq "schema: group_concat answers as SQLite's" "$(pg_sql "$P" "$q")" "$(sqlite3 -list "$SQLITE_DB" "$q")"
summary
