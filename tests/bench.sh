#!/usr/bin/env bash
# make bench: the figures of docs/PERFORMANCE.md. Generates databases under
# build/bench/ (kept between runs; BENCH_CASES overrides the large size).
set -u
cd "$(dirname "$0")/.."
mkdir -p build/bench
big=${BENCH_CASES:-1000000}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "date: $(date -u +%Y-%m-%d)"
for n in 20000 "$big"; do
	db=build/bench/demo-$n.db
	want=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);/\1/p' data/schema.sql)
	if [ ! -f "$db" ] || [ "$(sqlite3 "$db" 'PRAGMA user_version')" != "$want" ]; then
		rm -f "$db"*
		s=$(date +%s.%N)
		./tongban demo --db "$db" --cases "$n" --seed 1 >/dev/null
		echo "demo generation, $n cases: $(echo "$(date +%s.%N) - $s" | bc | cut -c1-5) s  (./tongban demo --db $db --cases $n)"
	fi
done
for n in 20000 "$big"; do
	echo "-- core, $n cases (tests/bench/bench build/bench/demo-$n.db)"
	tests/bench/bench "build/bench/demo-$n.db" 2000
done
db=build/bench/demo-$big.db
rows=$(sqlite3 "$db" "select count(*) from cases")
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc | cut -c1-5; }
echo "-- exports, $rows cases: each role's own rows, and sqlite3 -csv of the same rows and joins"
cols="c.no, c.item, i.name, c.applicant, c.applicant_name, c.status, c.due, c.submitted, c.accepted, c.finished, c.on_time, c.office, o.name, c.channel, c.hall_region, c.applicant_region FROM cases c JOIN item i ON i.code = c.item JOIN office o ON o.code = c.office"
in_region() { echo "((c.office_region >= '$1' AND c.office_region < '$1:') OR (c.hall_region >= '$1' AND c.hall_region < '$1:') OR (c.applicant_region >= '$1' AND c.applicant_region < '$1:'))"; }
for who in admin:1 supervisor1:"$(in_region 50)" supervisor2:"$(in_region 500229)" \
    approver1:"c.id IN (SELECT id FROM cases WHERE office = '500229.market' UNION SELECT case_id FROM case_branch WHERE office = '500229.market')"; do
	u=${who%%:*} where=${who#*:}
	ours=$(t ./tongban --db "$db" --as "$u" case export --format csv)
	bare=$(t sqlite3 -csv "$db" "SELECT $cols WHERE $where ORDER BY c.id")
	echo "case export CSV as $u: $ours s; sqlite3 -csv $bare s; ratio $(echo "scale=2; $ours / $bare" | bc)"
done
echo "-- writers: 20 approvers, 10 supplement+resupply each, one command per action (tests/writers.sh)"
bash tests/writers.sh build/bench/demo-20000.db 20 10
bash tests/writers.sh build/bench/demo-20000.db 20 10 100000
echo "-- logins: 200, 20 at a time (tests/loginrate.sh)"
bash tests/loginrate.sh build/bench/demo-20000.db password 200 20
bash tests/loginrate.sh build/bench/demo-20000.db key 200 20
echo "-- 200 consoles logging in within a second, $rows cases (tests/storm.sh)"
bash tests/storm.sh "$db" 200 2>/dev/null
echo "-- console sessions' memory, $rows cases (tests/sessmem.sh)"
bash tests/sessmem.sh "$db" clerk1 supervisor2 approver1 supervisor1 clerk2
if command -v tmux >/dev/null; then
	ssh-keygen -q -t ed25519 -N '' -f build/bench/key <<<y >/dev/null 2>&1
	./tongban --db build/bench/demo-20000.db user key add clerk1 build/bench/key.pub >/dev/null 2>&1
	echo "-- wire: connect, /, case number, Enter, detail, q q (tests/wire.sh)"
	bash tests/wire.sh build/bench/demo-20000.db clerk1 build/bench/key
	bash tests/wire.sh build/bench/demo-20000.db clerk1 build/bench/key 64kbit 150ms
	echo "-- live dashboard: terminal bytes per change (tests/dashwire.py)"
	cp build/bench/demo-20000.db build/bench/dash.db
	python3 tests/dashwire.py build/bench/dash.db
fi
