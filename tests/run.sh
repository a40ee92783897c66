#!/usr/bin/env bash
# Run the unit tests and every end-to-end script; count "ok"/"not ok" lines
# and end with "N passed, N failed". Exit status 1 when anything failed.
set -u
cd "$(dirname "$0")/.."
UNIT=${UNIT:-tests/unit/run-unit}
export TONGBAN=${TONGBAN:-$PWD/tongban}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$UNIT" | grep -v '^[0-9]* passed' | tee -a "$out"
for t in tests/e2e/[0-9]*.sh; do
	echo "# $t"
	timeout 300 bash "$t" 2>&1 | tee -a "$out" || true
done
# Where PostgreSQL is installed, the same suites on it too (make test-pg).
if [ -x /usr/lib/postgresql/15/bin/initdb ] && [ -z "${TONGBAN_NO_PG:-}" ]; then
	echo "# PostgreSQL (tests/pg/run.sh)"
	UNIT=$UNIT bash tests/pg/run.sh | grep -v '^[0-9]* passed' | tee -a "$out"
fi
passed=$(grep -c '^ok ' "$out")
failed=$(grep -c '^not ok ' "$out")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
