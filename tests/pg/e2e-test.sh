#!/usr/bin/env bash
# The end-to-end suites against PostgreSQL: each tests/e2e script runs as it
# does on SQLite, its database a new one on a throwaway cluster
# (tests/e2e/lib.sh, TONGBAN_E2E_PG); its sqlite3 reads go to psql.
# The scripts listed in SQLITE_ONLY test the SQLite file itself.
. "$(dirname "$0")/lib.sh"
trap pg_cleanup EXIT
# Kill -9 and full-disk rounds of files, the file's mode and its -wal: SQLite's.
SQLITE_ONLY=${SQLITE_ONLY:-}
pg_start e2e || { not_ok "a throwaway cluster"; summary; exit 1; }
export TONGBAN_E2E_PG="postgresql://tongban@127.0.0.1:$PORT_e2e/"
: > "$PGTMP/out"
# Three scripts at a time: they mostly wait for ssh and the terminal.
one() {
	echo "# $1 on PostgreSQL"
	timeout 300 bash "$1" 2>&1 | sed 's/^ok - /ok - pg: /; s/^not ok - /not ok - pg: /'
}
export -f one
ls ${E2E:-tests/e2e/[0-9]*.sh} | while read -r t; do
	case " $SQLITE_ONLY " in *" $(basename "$t") "*) echo "# $t: SQLite only" >&2; continue ;; esac
	echo "$t"
done | xargs -P "${E2E_JOBS:-3}" -I{} bash -c 'one {} > "$0/$(basename {}).out"' "$PGTMP"
cat "$PGTMP"/*.sh.out | tee "$PGTMP/out"
PASSED=$(grep -c '^ok ' "$PGTMP/out")
FAILED=$(grep -c '^not ok ' "$PGTMP/out")
summary
