#!/usr/bin/env bash
# Reports on the console (home screen p): the last complete week by default,
# periods stepped, the region chosen, every figure drilled to exactly the
# cases it counts, "–" where nothing was completed, the export line and
# printing through the terminal's print controller; supervisor1 in Chinese
# at 80x24, supervisor2 in English at 120x40 and 40x12. And `report`: the
# same default period, headers in Chinese or English with --header zh|en.
. "$(dirname "$0")/lib.sh"
start_server 1500

tmux_restart() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.5
	tmux_start "$@"
}
# json_sum JSON FIELD: the sum of FIELD over the report's offices
json_sum() {
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(sum(o[sys.argv[2]] for o in d["offices"]))' "$1" "$2"
}
# count_of SCREEN TEXT: the number before TEXT on the screen ("12 cases")
count_of() { printf '%s\n' "$1" | grep -oE "[0-9]+ $2" | head -1 | grep -oE '^[0-9]+'; }

# ---------------------------------------------------------------- CLI ------

json=$(ssh_as supervisor1 report weekly --format json)
expect_eq "cli: weekly defaults to the last complete week (today 2026-11-27)" \
    "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["from"], d["to"])' "$json")" \
    "2026-11-16 2026-11-22"
expect_eq "cli: monthly defaults to October" \
    "$(ssh_as supervisor1 report monthly --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["from"], d["to"])')" \
    "2026-10-01 2026-10-31"
expect_eq "cli: annual defaults to last year" \
    "$(ssh_as supervisor1 report annual --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["from"], d["to"])')" \
    "2025-01-01 2025-12-31"
csv=$(ssh_as supervisor1 report weekly --format csv --header zh)
expect_has "cli: --header zh gives Chinese CSV headers" "$(head -1 <<<"$csv")" "收件"
expect_eq "cli: ... the default stays the stable codes" \
    "$(ssh_as supervisor1 report weekly --format csv | head -1 | cut -d, -f1-4)" "rank,office,office_name,received"
expect_has "cli: ... and --header en English ones, whoever asks" \
    "$(ssh_as supervisor1 report weekly --format csv --header en | head -1)" "received,finished"
expect_eq "cli: --header other is refused (exit 5)" \
    "$(ssh_as supervisor1 report weekly --header xx >/dev/null 2>&1; echo $?)" 5
expect_has "cli: an office that completed nothing has – for its on-time rate (text)" \
    "$(ssh_as supervisor2 report weekly)" " –  "
check "cli: ... and in CSV" grep -q ',–,' <<<"$(ssh_as supervisor2 report weekly --format csv)"
check "cli: ... and null in JSON" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(not any(o["on_time_rate"] is None for o in d["offices"]))' \
    "$(ssh_as supervisor2 report weekly --format json)"
expect_has "cli: help report says what the default period is" "$(ssh_as supervisor2 help report)" \
    "without it the last complete week"

# ------------------------------------------------- supervisor1, 中文, 80x24 ------

tmux_start supervisor1 80 24
wait_screen "陈效能" 10 >/dev/null || not_ok "console: supervisor1 logs in"
tmux_keys p
wait_screen " 合计 " 5 >/dev/null
sleep 0.3
scr=$(tmux_screen)
expect_has "console: p opens the reports at the last complete week, its dates in the title" "$scr" \
    "周调度 · 重庆市 · 2026-11-16 – 2026-11-22"
expect_has "console: Chinese column headers" "$scr" "按时办结"
total=$(printf '%s\n' "$scr" | grep '^ 合计' | awk '{print $2, $3}')
expect_eq "console: the totals row's received and finished are the report's" "$total" \
    "$(json_sum "$json" received) $(json_sum "$json" finished)"
tmux_keys '<'
expect_has "console: < steps to the week before" "$(wait_screen "2026-11-09 – 2026-11-15" 3)" \
    "2026-11-09 – 2026-11-15"
tmux_keys '>'
wait_screen "2026-11-16 – 2026-11-22" 3 >/dev/null
tmux_keys '>'
expect_has "console: > never passes the last complete week" "$(wait_screen "完整周期" 3)" \
    "已是最近一个完整周期"
tmux_keys 3
expect_has "console: 3 the monthly bulletin, of October" "$(wait_screen "月通报" 3)" \
    "2026-10-01 – 2026-10-31"
tmux_keys 4
expect_has "console: 4 the quarterly analysis, of Q3" "$(wait_screen "季分析" 3)" \
    "2026-07-01 – 2026-09-30"
tmux_keys 2
wait_screen "周调度" 3 >/dev/null
# The region: 城口县 by its code.
tmux_keys r
wait_screen "选择报表的区划" 3 >/dev/null
tmux_keys 5 0 0 2 2 9
wait_screen "个区划" 5 >/dev/null
sleep 0.5
tmux_keys Enter
wait_screen "周调度 · 城口县" 5 >/dev/null
sleep 0.3
scr=$(tmux_screen)
expect_has "console: r chooses 城口县" "$scr" "周调度 · 城口县 · 2026-11-16 – 2026-11-22"
dj=$(ssh_as supervisor1 report weekly --region 500229 --format json)
expect_eq "console: ... its totals are 城口县's report" \
    "$(printf '%s\n' "$scr" | grep '^ 合计' | awk '{print $2, $3, $4, $5}')" \
    "$(json_sum "$dj" received) $(json_sum "$dj" finished) $(json_sum "$dj" on_time) $(json_sum "$dj" overdue)"
expect_has "console: – where an office completed nothing" "$scr" "–"
# Drill into the totals' finished.
tmux_keys End Enter
scr=$(wait_screen "各指标所计的办件" 3)
expect_has "console: Enter on the totals lists its figures" "$scr" "合计 · 城口县"
tmux_keys Down Enter
scr=$(wait_screen "最紧急的在前" 5)
expect_eq "console: the totals' finished lists exactly as many cases" \
    "$(count_of "$scr" "件办件")" "$(json_sum "$dj" finished)"
tmux_keys q q
# An office row's received.
tmux_keys Home Enter
wait_screen "各指标所计的办件" 3 >/dev/null
tmux_keys Enter
scr=$(wait_screen "最紧急的在前" 5)
first=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["offices"][0]["received"])' "$dj")
expect_eq "console: the first office's received lists as many cases as the report says" \
    "$(count_of "$scr" "件办件")" "$first"
tmux_keys q q
wait_screen "周调度" 3 >/dev/null
tmux_keys x
scr=$(wait_screen "weekly.csv" 3)
expect_has "console: x shows the command exporting what is shown" "$(printf '%s' "$scr" | tr -d '\n' | tr -s ' ')" \
    "report weekly --date 2026-11-16 --region 500229 --format csv --header zh > weekly.csv"

tmux_keys 1
wait_screen "日扫描 · 城口县 · 2026-11-27" 3 >/dev/null
sleep 0.3
day=$(tmux_screen)
tmux_keys x
scr=$(wait_screen "daily.csv" 3)
expect_has "console: the daily kind exports its office table (report daily --offices)" \
    "$(printf '%s' "$scr" | tr -d '\n' | tr -s ' ')" "report daily --date 2026-11-27 --offices --region 500229 --format csv --header zh > daily.csv"
expect_eq "console: ... whose totals are the screen's" \
    "$(printf '%s\n' "$day" | grep '^ 合计' | awk '{print $2, $3}')" \
    "$(ssh_as supervisor1 report daily --offices --region 500229 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(o["received"] for o in d["offices"]), sum(o["finished"] for o in d["offices"]))')"

# ------------------------------------------------- supervisor2, English, 120x40 ------

tmux_restart supervisor2 120 40
wait_screen "Welcome" 10 >/dev/null || not_ok "console: supervisor2 logs in"
tmux_keys p
wait_screen " total " 5 >/dev/null
sleep 0.3
scr=$(tmux_screen)
expect_has "console: supervisor2 sees 城口县's last complete week" "$scr" \
    "weekly dispatch · 城口县 · 2026-11-16 – 2026-11-22"
expect_has "console: English headers" "$scr" "on-time %"
expect_has "console: at 120 columns the whole office name shows" "$scr" "城口县住房和城乡建设委员会"
ej=$(ssh_as supervisor2 report weekly --format json)
# The office with the most red cases now: its red now drills to as many.
read -r red_office red_n < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); o=max(d["offices"], key=lambda o: o["open_red"]); print(o["office_name"], o["open_red"])' "$ej")
pos=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); o=max(d["offices"], key=lambda o: o["open_red"]); print(d["offices"].index(o))' "$ej")
tmux_keys Home
for _ in $(seq "$pos"); do tmux_keys Down; done
tmux_keys Enter
scr=$(wait_screen "the cases each figure counts" 3)
expect_has "console: Enter on $red_office lists its figures" "$scr" "$red_office"
tmux_keys Down Down Down Down Enter
scr=$(wait_screen "most urgent first" 5)
expect_eq "console: its red now lists exactly its $red_n red cases" "$(count_of "$scr" "cases")" "$red_n"
tmux_keys q q
# A township within 城口县, by its pinyin initials.
tmux_keys r
wait_screen "choose the region" 3 >/dev/null
tmux_keys g c j d
wait_screen "2 regions" 5 >/dev/null
sleep 0.3
tmux_keys Enter
expect_has "console: supervisor2 narrows to 葛城街道 by its initials gcjd" \
    "$(wait_screen "weekly dispatch · 葛城街道" 5)" "weekly dispatch · 葛城街道"

# ------------------------------------------------- 40x12 ------

tmux_restart supervisor2 40 12
wait_screen "Welcome" 10 >/dev/null
tmux_keys p
wait_screen " total " 5 >/dev/null
sleep 0.3
scr=$(tmux_screen)
check "console 40x12: the header shows more columns to the right (>) and no line wraps" \
    python3 -c 'import sys; l=sys.argv[1].split("\n"); sys.exit(not (l[2].rstrip().endswith(">") and l[9].startswith(" total")))' "$scr"
tmux_keys Right Right Right Right
scr=$(wait_screen "<" 3)
check "console 40x12: → scrolls the figure columns (< on the left)" \
    python3 -c 'import sys; l=sys.argv[1].split("\n"); sys.exit(not ("<" in l[2] and "received" not in l[2]))' "$scr"

# ------------------------------------------------- records figures ------

# An order due 1 December and a complaint to accept by 4 December, left
# alone: on Monday 7 December both are late in the week just ended.
ssh_as supervisor2 complaint new --office 500229.market --text 办事窗口推诿 >/dev/null
ssh_as supervisor2 supervise new --office 500229.market --note 限期说明 --due 2026-12-01 >/dev/null
lj=$(TONGBAN_TODAY=2026-12-07 "$TB" --db "$DB" --as supervisor2 report weekly --format json)
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; sleep 0.5
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "TONGBAN_TODAY=2026-12-07 $TB --db $DB --as supervisor2 console; sleep 30"
wait_screen "Welcome" 10 >/dev/null
tmux_keys p
wait_screen "2026-11-30 – 2026-12-06" 5 >/dev/null
tmux_keys End Enter
wait_screen "the cases each figure counts" 3 >/dev/null
tmux_keys Down Down Down Down Down Down Enter
scr=$(wait_screen "past their deadline" 5)
expect_eq "console: the totals' orders late list as many orders as the report counts" \
    "$(count_of "$scr" "records past")" "$(json_sum "$lj" orders_late)"
tmux_keys Enter
expect_has "console: ... and Enter opens the order" "$(wait_screen "限期说明" 3)" "限期说明"
tmux_keys q q Up Enter
scr=$(wait_screen "orders not closed" 5)
expect_eq "console: the totals' open orders list the report's" \
    "$(count_of "$scr" "orders not closed")" "$(json_sum "$lj" open_orders)"
tmux_keys q Down Down Down Enter
scr=$(wait_screen "past their deadline" 5)
expect_eq "console: the totals' complaints late list the report's" \
    "$(count_of "$scr" "records past")" \
    "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["complaints_late"])' "$lj")"

# ------------------------------------------------- printing ------

(sleep 2; printf 'p'; sleep 1.5; printf 'P'; sleep 1; printf 'q'; sleep 0.3; printf 'qy'; sleep 1) |
    ssh $SSH_OPTS -tt -i "$TMP/key" -p "$PORT" supervisor1@127.0.0.1 > "$TMP/print.bin" 2>/dev/null
printed=$(python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
s = b.find(b"\x1b[5i"); e = b.find(b"\x1b[4i", s)
print(b[s + 4:e].decode("utf-8", "replace") if s >= 0 and e > s else "")' "$TMP/print.bin")
expect_has "print: P sends the report through the print controller" "$printed" \
    "周调度 · 重庆市 · 2026-11-16 – 2026-11-22"
expect_has "print: ... the whole table with its totals" "$printed" "合计"
check "print: ... with CR LF line ends for the printer" grep -qa $'\r' <<<"$printed"
