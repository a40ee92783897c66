#!/usr/bin/env bash
# tongban migrate: an SQLite demo database (with a few actions on top)
# copied whole into PostgreSQL; the audit chain verifies there, every table
# holds as many rows, cases read the same, and new rows continue after the
# copied ids. The refusals: a target that holds cases, a file that is not a
# tongban database of this schema version -- exit 5, nothing written.
cd "$(dirname "$0")/../.." || exit 1
. tests/pg/lib.sh
TB=${TONGBAN:-$PWD/tongban}
expect_has() {
	if printf '%s' "$2" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 600)"; fi
}
quiet() { "$@" >/dev/null 2>&1; }
export TONGBAN_TODAY=2026-11-27 TONGBAN_LANG=en

SRC=$PGTMP/src.db
pg_start pg || { not_ok "start a PostgreSQL cluster"; summary; exit 1; }
P=$PORT_pg
URL=$("$CLUSTER" url "$P")

# The source: a demo, a case taken in, a supervision order, a complaint.
"$TB" --db "$SRC" init >/dev/null && "$TB" --db "$SRC" demo --cases 3000 --seed 7 >/dev/null ||
	{ not_ok "demo database"; summary; exit 1; }
NO=$("$TB" --db "$SRC" --as clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
	--applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5)
check "a case taken in on the source" test -n "$NO"
OLD=$(sqlite3 "$SRC" "SELECT no FROM cases WHERE status IN ('approved','completed') LIMIT 1")
"$TB" --db "$SRC" --as supervisor1 supervise new --case "$OLD" --note 'check it' --due 2026-12-31 \
	>/dev/null 2>&1
"$TB" --db "$SRC" --as supervisor1 complaint new --case "$NO" --text 'kept waiting' >/dev/null 2>&1

# The copy.
out=$("$TB" migrate --from "$SRC" --to "$URL" 2>&1); rc=$?
expect_eq "migrate exits 0" "$rc" 0
expect_has "migrate tells the rows of each table" "$out" "event"
echo "# $(printf '%s\n' "$out" | tail -1)"

v=$("$TB" --db "$URL" audit verify 2>&1); rc=$?
expect_eq "audit verify passes on the target" "$rc" 0
n_ev=$(sqlite3 "$SRC" "SELECT count(*) FROM event")
expect_has "audit verify checked every copied event" "$v" "$n_ev"

bad=""
for t in $(sqlite3 "$SRC" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"); do
	a=$(sqlite3 "$SRC" "SELECT count(*) FROM $t")
	b=$(pg_sql "$P" "SELECT count(*) FROM $t")
	[ "$t" = meta ] && b=$((b - 1))	# PostgreSQL keeps its schema version in meta
	[ "$a" = "$b" ] || bad="$bad $t($a/$b)"
done
expect_eq "every table holds as many rows on both" "$bad" ""

same=0
for no in "$NO" "$OLD" $(sqlite3 "$SRC" "SELECT no FROM cases ORDER BY id DESC LIMIT 2 OFFSET 100"); do
	a=$("$TB" --db "$SRC" case show "$no" --format json 2>&1)
	b=$("$TB" --db "$URL" case show "$no" --format json 2>&1)
	if [ "$a" = "$b" ] && [ -n "$a" ]; then same=$((same + 1))
	else not_ok "case show $no reads the same on both" "sqlite: $(printf '%s' "$a" | head -c 300)" \
	    "pg:     $(printf '%s' "$b" | head -c 300)"; fi
done
expect_eq "case show --format json of 4 cases reads the same on both" "$same" 4

max_case=$(pg_sql "$P" "SELECT max(id) FROM cases")
max_ev=$(pg_sql "$P" "SELECT max(id) FROM event")
NEW=$("$TB" --db "$URL" --as clerk1 case new --item 000112004000 --applicant-id 11010519491231002X \
	--applicant-name 张三 --applicant-region 500229001003 --channel window --materials 1,2,3,4,5 \
	2>"$PGTMP/new.err")
rc=$?
expect_eq "a new case is taken in on the target" "$rc" 0
expect_eq "its id continues after the copied ones" "$(pg_sql "$P" "SELECT id FROM cases WHERE no = '$NEW'")" \
	"$((max_case + 1))"
expect_eq "its event continues the chain" "$(pg_sql "$P" "SELECT min(id) FROM event WHERE id > $max_ev")" \
	"$((max_ev + 1))"
check "audit verify still passes" quiet "$TB" --db "$URL" audit verify

# Refusals: exit 5, one message, nothing written.
cases_before=$(pg_sql "$P" "SELECT count(*) FROM cases")
err=$("$TB" migrate --from "$SRC" --to "$URL" 2>&1 >/dev/null); rc=$?
expect_eq "a target that holds cases is refused (exit 5)" "$rc" 5
expect_has "with a message that says why" "$err" "already holds cases"
expect_eq "and nothing is written" "$(pg_sql "$P" "SELECT count(*) FROM cases")" "$cases_before"

"$CLUSTER" createdb "$PGTMP/pg" "$P" other
URL2=$("$CLUSTER" url "$P" other)
printf 'not a database\n' > "$PGTMP/junk.db"
err=$("$TB" migrate --from "$PGTMP/junk.db" --to "$URL2" 2>&1 >/dev/null); rc=$?
expect_eq "a file that is not a database is refused (exit 5)" "$rc" 5
cp "$SRC" "$PGTMP/old.db"
sqlite3 "$PGTMP/old.db" "PRAGMA user_version = 3"
err=$("$TB" migrate --from "$PGTMP/old.db" --to "$URL2" 2>&1 >/dev/null); rc=$?
expect_eq "a database of another schema version is refused (exit 5)" "$rc" 5
expect_has "saying which version" "$err" "schema version 3"
expect_eq "nothing was made in the target" \
	"$(pg_sql "$P" other "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" 0
err=$("$TB" migrate --from "$SRC" --to "$PGTMP/x.db" 2>&1 >/dev/null); rc=$?
expect_eq "a target that is not PostgreSQL is refused (exit 5)" "$rc" 5
err=$(echo | "$TB" --db "$SRC" --as admin migrate --from "$SRC" --to "$URL2" 2>&1); rc=$?
expect_eq "a user (not the host operator) may not migrate (exit 3)" "$rc" 3

# A target made with init (reference data, no case): filled all the same.
"$CLUSTER" createdb "$PGTMP/pg" "$P" inited
URL3=$("$CLUSTER" url "$P" inited)
"$TB" init --db "$URL3" >/dev/null 2>&1
out=$("$TB" migrate --from "$SRC" --to "$URL3" 2>&1); rc=$?
expect_eq "an initialised but empty target is filled (exit 0)" "$rc" 0
expect_eq "with the source's cases" "$(pg_sql "$P" inited "SELECT count(*) FROM cases")" \
	"$(sqlite3 "$SRC" "SELECT count(*) FROM cases")"
check "and its chain verifies" quiet "$TB" --db "$URL3" audit verify

summary
