#!/usr/bin/env bash
# JSON for scripts: figures are JSON numbers, not strings; a missing figure
# is null. Run locally on a demo database (no server needed).
. "$(dirname "$0")/lib.sh"
"$TB" demo --db "$DB" --cases 1500 --seed 7 >/dev/null || { echo "not ok - demo database"; exit 1; }
tb() { "$TB" --db "$DB" "$@"; }

# kind JSON EXPR: the Python type name of EXPR evaluated on the document d
kind() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(type(eval(sys.argv[1])).__name__)' "$2" <<<"$1"; }

dash=$(tb dashboard --once --format json); rc=$?
expect_eq "json: dashboard exits 0" "$rc" 0
expect_eq "json: dashboard total is a number" "$(kind "$dash" 'd["totals"]["open"]')" int
expect_eq "json: dashboard area figure is a number" "$(kind "$dash" 'd["areas"][0]["red"]')" int
expect_eq "json: dashboard 30-day series are numbers" \
    "$(kind "$dash" 'sum(d["received_30d"])') $(kind "$dash" 'd["finished_30d"][0]')" "int int"

for k in daily weekly monthly quarterly annual; do
	tb report "$k" --format json >"$TMP/$k.json"
	check "json: report $k parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/$k.json"
done
weekly=$(cat "$TMP/weekly.json")
expect_eq "json: weekly report: received, rank and overdue are numbers" \
    "$(kind "$weekly" 'd["offices"][0]["received"]') $(kind "$weekly" 'd["offices"][0]["rank"]') $(kind "$weekly" 'd["offices"][0]["overdue"]')" \
    "int int int"
expect_eq "json: weekly report: on-time rate is a number or null, never a string" \
    "$(python3 -c 'import json,sys; print(sorted({"null" if o["on_time_rate"] is None else type(o["on_time_rate"]).__name__ for o in json.load(sys.stdin)["offices"]}))' <"$TMP/weekly.json")" \
    "['float', 'null']"
expect_eq "json: weekly report: office codes stay strings" "$(kind "$weekly" 'd["offices"][0]["office"]')" str
quarterly=$(cat "$TMP/quarterly.json")
expect_eq "json: quarterly report: score and I1 are numbers" \
    "$(kind "$quarterly" 'd["grading"][0]["score"]') $(kind "$quarterly" 'd["grading"][0]["I1"]')" "float float"
expect_eq "json: quarterly report: trends are numbers" \
    "$(kind "$quarterly" 'd["trends"][0]["received"]') $(kind "$quarterly" 'd["trends"][0]["on_time_rate"]')" "int float"
daily=$(cat "$TMP/daily.json")
expect_eq "json: daily report: days over is a number" "$(kind "$daily" 'd["cases"][0]["days_over"]')" int
annual=$(cat "$TMP/annual.json")
expect_eq "json: annual report: items is a number" "$(kind "$annual" 'd["offices"][0]["items"]')" int
