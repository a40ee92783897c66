#!/usr/bin/env bash
# The unit suites against PostgreSQL: every store a test opens is a new
# database on a throwaway cluster (tests/unit/main.c, TONGBAN_TEST_PG).
# Suites that read an SQLite file or SQLite's query plans say SKIP.
. "$(dirname "$0")/lib.sh"
trap pg_cleanup EXIT
UNIT=${UNIT:-$PWD/tests/unit/run-unit}
pg_start unit || { not_ok "a throwaway cluster"; summary; exit 1; }
TONGBAN_TEST_PG="postgresql://tongban@127.0.0.1:$PORT_unit/" "$UNIT" | sed 's/^ok - unit: /ok - unit on PostgreSQL: /; s/^not ok - unit: /not ok - unit on PostgreSQL: /' |
	grep -v '^[0-9]* passed' | tee "$PGTMP/out"
PASSED=$(grep -c '^ok ' "$PGTMP/out")
FAILED=$(grep -c '^not ok ' "$PGTMP/out")
summary
