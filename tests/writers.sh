#!/usr/bin/env bash
# Parallel writers: P workers, each an approver acting on its own case K
# times (assigns it to itself, then gives it back to the office: two
# transactions with an event each; supplement and resupply are no longer
# repeatable since the one-notice rule of article 32), one `tongban`
# command per action, with
# the time of every command; optionally while an import of ITEMS catalog
# rows runs. Prints actions/s, median, p95 and worst, and every error seen.
# DB is a SQLite file (copied first) or a PostgreSQL connection string
# (written in place: give a throwaway database).
# WRITERS_SERVERS=N (default 0: each action is `tongban --db DB` on this
# machine): N `tongban serve` on DB, ports WRITERS_PORT.. (default 2800),
# worker i acting through server i mod N, one `ssh LOGIN@127.0.0.1 case ...`
# per action (a key login each time, from the writer's own 127.0.x.y, as a
# hall's own machine: the server limits unauthenticated connections per
# address); P counts the writers of all servers.
# usage: tests/writers.sh DB [P] [K] [ITEMS]
set -u
cd "$(dirname "$0")/.."
db=$1 par=${2:-20} k=${3:-20} items=${4:-0}
servers=${WRITERS_SERVERS:-0} port0=${WRITERS_PORT:-2800}
tmp=$(mktemp -d)
spids=()
trap 'for p in "${spids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
TB=$PWD/tongban
if [ ! -f "$db" ]; then	# not a file: a PostgreSQL connection string
	DB=$db
	q() { psql -X -q -A -t -F'|' "$DB" -c "$1"; }
else
	cp "$db" "$tmp/db"
	DB=$tmp/db
	q() { sqlite3 "$DB" "$1"; }
fi
q "SELECT no, office FROM cases WHERE status = 'submitted' ORDER BY id DESC LIMIT $par" > "$tmp/cases"
[ "$servers" -gt 0 ] && ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" </dev/null
i=0
while IFS='|' read -r no office; do
	i=$((i + 1))
	"$TB" --db "$DB" user add "w$i" --role approver --region "${office%%.*}" --office "$office" >/dev/null
	[ "$servers" -gt 0 ] && "$TB" --db "$DB" user key add "w$i" "$tmp/key.pub" >/dev/null
	echo "$i $no" >> "$tmp/work"
done < "$tmp/cases"
for ((j = 0; j < servers; j++)); do
	"$TB" serve --db "$DB" --listen "127.0.0.1:$((port0 + j))" --host-key "$tmp/host$j" \
	    >"$tmp/server$j.log" 2>&1 </dev/null &
	spids+=($!)
done
for ((j = 0; j < servers; j++)); do
	for _ in $(seq 100); do grep -q listening "$tmp/server$j.log" 2>/dev/null && break; sleep 0.1; done
	grep -q listening "$tmp/server$j.log" || { echo "writers: server $j did not start"; cat "$tmp/server$j.log"; exit 1; }
done
# act W CASE ACTION...: one action as writer W
act() {
	local w=$1; shift
	if [ "$servers" -gt 0 ]; then
		ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		    -o BatchMode=yes -i "$tmp/key" -b "127.0.$((1 + w / 250)).$((1 + w % 250))" -p $((port0 + w % servers)) "w$w@127.0.0.1" case "$@"
	else
		"$TB" --db "$DB" --as "w$w" case "$@"
	fi
}
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
		for a in "w$w" none; do
			s=$(date +%s%N)
			if ! act "$w" assign "$no" "$a" </dev/null >/dev/null 2>>"$tmp/err.$w"; then
				echo "fail" >> "$tmp/fails"
			fi
			e=$(date +%s%N)
			echo $(( (e - s) / 1000 )) >> "$tmp/lat.$w"
		done
	done
}
s0=$(date +%s%N)
[ "$items" -gt 0 ] && { "$TB" --db "$DB" item import "$tmp/items.csv" > "$tmp/import.out" 2>&1; echo "import exit $?" > "$tmp/import.rc"; } &
wpids=()
[ "$items" -gt 0 ] && wpids+=($!)
while read -r w no; do worker "$w" "$no" & wpids+=($!); done < "$tmp/work"
wait "${wpids[@]}"
e0=$(date +%s%N)
cat "$tmp"/lat.* | sort -n > "$tmp/lat"
n=$(wc -l < "$tmp/lat")
pick() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$tmp/lat"; }
echo "writers: $par x $k x 2 actions$([ "$servers" -gt 0 ] && echo " through $servers server(s) by ssh"), $n in $(( (e0 - s0) / 1000000 )) ms: $(( n * 1000000000 / (e0 - s0) )) actions/s;" \
    "median $(( $(pick 50) / 1000 )) ms, p95 $(( $(pick 95) / 1000 )) ms, worst $(( $(tail -1 "$tmp/lat") / 1000 )) ms;" \
    "$(cat "$tmp/fails" 2>/dev/null | wc -l) failed"
[ -f "$tmp/import.rc" ] && echo "$(cat "$tmp/import.rc") ($items rows): $(tail -1 "$tmp/import.out")"
cat "$tmp"/err.* 2>/dev/null | sort | uniq -c | sort -rn | head -5
