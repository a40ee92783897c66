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
s=$(date +%s.%N); ./tongban --db "$db" case export --format csv > /dev/null; e=$(date +%s.%N)
echo "case export CSV, $rows rows: $(echo "$e - $s" | bc | cut -c1-5) s  (./tongban --db $db case export > /dev/null)"
s=$(date +%s.%N); sqlite3 -csv "$db" "select no,item,applicant,status,due,submitted,accepted,finished,office,channel,hall_region,applicant_region from cases" > /dev/null; e=$(date +%s.%N)
echo "sqlite3 -csv of 12 case columns: $(echo "$e - $s" | bc | cut -c1-5) s"
s=$(date +%s.%N); sqlite3 -csv "$db" "SELECT c.no, c.item, i.name, c.applicant, a.name, c.status, c.due, c.submitted, c.accepted, c.finished, c.on_time, c.office, o.name, c.channel, c.hall_region, c.applicant_region FROM cases c JOIN item i ON i.code = c.item JOIN applicant a ON a.id = c.applicant JOIN office o ON o.code = c.office" > /dev/null; e=$(date +%s.%N)
echo "sqlite3 -csv of the same join: $(echo "$e - $s" | bc | cut -c1-5) s"
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
