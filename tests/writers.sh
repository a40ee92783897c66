#!/usr/bin/env bash
# Parallel writers: P workers, each an approver acting on its own case K
# times (supplement, then resupply), one `tongban` command per action, with
# the time of every command; optionally while an import of ITEMS catalog
# rows runs. Prints actions/s, median, p95 and worst, and every error seen.
# usage: tests/writers.sh DB [P] [K] [ITEMS]
set -u
cd "$(dirname "$0")/.."
db=$1 par=${2:-20} k=${3:-20} items=${4:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$db" "$tmp/db"
TB=$PWD/tongban
sqlite3 "$tmp/db" "SELECT no, office FROM cases WHERE status = 'submitted' ORDER BY id DESC LIMIT $par" > "$tmp/cases"
i=0
while IFS='|' read -r no office; do
	i=$((i + 1))
	"$TB" --db "$tmp/db" user add "w$i" --role approver --region "${office%%.*}" --office "$office" >/dev/null
	echo "$i $no" >> "$tmp/work"
done < "$tmp/cases"
if [ "$items" -gt 0 ]; then
	python3 - "$tmp/items.csv" "$items" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("code,name,name_en,power_type,dept_kind,levels,statutory_days,promised_days,fee,online_depth,channels,guide,applicant_kind\n")
    for i in range(int(sys.argv[2])):
        f.write("8%011d,压测事项%d,Load item %d,licensing,market,district,20,10,0.00,3,window|online,压测用。,either\n" % (i, i, i))
PY
fi
worker() {
	local w=$1 no=$2 j s e
	for j in $(seq "$k"); do
		for a in "supplement --materials 1" "resupply --materials 1"; do
			s=$(date +%s%N)
			if ! "$TB" --db "$tmp/db" --as "w$w" case act "$no" $a >/dev/null 2>>"$tmp/err.$w"; then
				echo "fail" >> "$tmp/fails"
			fi
			e=$(date +%s%N)
			echo $(( (e - s) / 1000 )) >> "$tmp/lat.$w"
		done
	done
}
s0=$(date +%s%N)
[ "$items" -gt 0 ] && { "$TB" --db "$tmp/db" item import "$tmp/items.csv" > "$tmp/import.out" 2>&1; echo "import exit $?" > "$tmp/import.rc"; } &
while read -r w no; do worker "$w" "$no" & done < "$tmp/work"
wait
e0=$(date +%s%N)
cat "$tmp"/lat.* | sort -n > "$tmp/lat"
n=$(wc -l < "$tmp/lat")
pick() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$tmp/lat"; }
echo "writers: $par x $k x 2 actions, $n in $(( (e0 - s0) / 1000000 )) ms: $(( n * 1000000000 / (e0 - s0) )) actions/s;" \
    "median $(( $(pick 50) / 1000 )) ms, p95 $(( $(pick 95) / 1000 )) ms, worst $(( $(tail -1 "$tmp/lat") / 1000 )) ms;" \
    "$(cat "$tmp/fails" 2>/dev/null | wc -l) failed"
[ -f "$tmp/import.rc" ] && echo "$(cat "$tmp/import.rc") ($items rows): $(tail -1 "$tmp/import.out")"
cat "$tmp"/err.* 2>/dev/null | sort | uniq -c | sort -rn | head -5
