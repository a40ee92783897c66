#!/usr/bin/env bash
# The server's exec door: stdin of any size arrives whole (back-pressure,
# not a full buffer that drops bytes), an over-long command line gets a
# line of its own, and the host key is created 0600.
. "$(dirname "$0")/lib.sh"
start_server 50

# gen ROWS PAD [bad]: a calendar of ROWS valid days from 2030-01-01, each
# name padded to PAD bytes; with "bad", one invalid line at the very end.
gen() {
	python3 - "$@" <<'PY'
import datetime, sys
rows, pad = int(sys.argv[1]), int(sys.argv[2])
w = sys.stdout.write
w("date,kind,name_cn,name_en\n")
d, fill = datetime.date(2030, 1, 1), "x" * pad
for i in range(rows):
    w(f"{d.isoformat()},public_holiday,测试假日{i},Day {i} {fill}\n")
    d += datetime.timedelta(days=1)
if len(sys.argv) > 3:
    w("2099-13-01,public_holiday,坏,bad\n")
PY
}

# 3 MB of valid rows: every one lands (the old server kept the first 1 MiB).
gen 25000 100 > "$TMP/cal.csv"
ssh_as admin calendar import - < "$TMP/cal.csv" >/dev/null
expect_eq "stdin: 3 MB import succeeds" "$?" 0
# every day from 2030-01-01 to the 25000th is now a holiday: no workday in between
lastday=$(python3 -c 'import datetime; print(datetime.date(2030,1,1) + datetime.timedelta(days=24999))')
expect_eq "stdin: ... and all 25000 rows ($(stat -c %s "$TMP/cal.csv") bytes) landed" \
    "$(ssh_as admin calendar workdays 2029-12-31 "$lastday")" 0

# 50 MB whose only bad line is the last: the error names that line, so
# every byte arrived.
gen 25000 2050 bad > "$TMP/big.csv"
err=$(ssh_as admin calendar import - < "$TMP/big.csv" 2>&1); rc=$?
expect_eq "stdin: 50 MB body refused for its last line (exit 5)" "$rc" 5
expect_has "stdin: ... naming line 25002 of $(stat -c %s "$TMP/big.csv") bytes" "$err" "stdin:25002:"

# A command that stops reading early is fine: the session still ends.
start=$(date +%s)
ssh_as admin help < "$TMP/big.csv" >/dev/null 2>&1
expect_eq "stdin: a command that reads nothing ends (exit 0)" "$?" 0
check "stdin: ... promptly" [ $(( $(date +%s) - start )) -lt 10 ]

# Over-long command line: a clear line, not "exec request failed".
long=$(python3 -c 'print("case show " + "9" * 9000)')
err=$(ssh_as admin "$long" 2>&1); rc=$?
expect_eq "exec: an over-long command line is exit 1" "$rc" 1
expect_has "exec: ... with a line that says so" "$err" "at most 8192 are accepted"

expect_eq "host key: created 0600" "$(stat -c %a "$TMP/host_ed25519_key")" 600
