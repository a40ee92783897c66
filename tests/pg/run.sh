#!/usr/bin/env bash
# The PostgreSQL suites (make test-pg): every tests/pg/*-test.sh and
# *-check.sh, each with throwaway clusters of its own (tests/pg/cluster.sh).
# PostgreSQL 15 is installed first when missing (etc/install-deps.sh --pg).
# Counts "ok"/"not ok" lines and ends with "N passed, N failed"; exit status 1
# when anything failed. A suite that ends with a non-zero status and no
# "not ok" line counts as one failure.
set -u
cd "$(dirname "$0")/../.."
export TONGBAN=${TONGBAN:-$PWD/tongban}
SUITE_TIMEOUT=${TB_PG_SUITE_TIMEOUT:-600}
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
	echo "# installing PostgreSQL 15 (etc/install-deps.sh --pg)"
	./etc/install-deps.sh --pg || { echo "not ok - install PostgreSQL 15"; echo "0 passed, 1 failed"; exit 1; }
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT

shopt -s nullglob
for t in tests/pg/*-test.sh tests/pg/*-check.sh; do
	echo "# $t"
	one=$(mktemp)
	timeout -k 10 "$SUITE_TIMEOUT" bash "$t" > >(tee "$one" | sed 's/^\([0-9]* passed, [0-9]* failed\)$/# \1/') 2>&1
	rc=$?
	wait
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$one"; then
		echo "not ok - $t ended with status $rc" | tee -a "$one"
	fi
	cat "$one" >> "$out"
	rm -f "$one"
done
passed=$(grep -c '^ok ' "$out")
failed=$(grep -c '^not ok ' "$out")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
