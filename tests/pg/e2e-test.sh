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
for t in ${E2E:-tests/e2e/[0-9]*.sh}; do
	case " $SQLITE_ONLY " in *" $(basename "$t") "*) echo "# $t: SQLite only"; continue ;; esac
	echo "# $t on PostgreSQL"
	timeout 300 bash "$t" 2>&1 | sed 's/^ok - /ok - pg: /; s/^not ok - /not ok - pg: /' | tee -a "$PGTMP/out"
done
PASSED=$(grep -c '^ok ' "$PGTMP/out")
FAILED=$(grep -c '^not ok ' "$PGTMP/out")
summary
