#!/usr/bin/env bash
# The dashboard's figures reconcile with their drill-downs: every figure
# of `dashboard --once --drill` equals the rows of `case export` with the
# options it names (the city's and a district's), and on the console
# supervisor1 (中文) and supervisor2 (English) choose a total, an area's
# figure, a bottleneck and an anomaly and read the same number on the
# list's count line, at 80x24, 120x40 and 40x12.
. "$(dirname "$0")/lib.sh"
start_server 3000

# Supervision records past their deadlines in 城口县: an order and a
# complaint issued weeks ago and never answered (the same database, an
# earlier day).
NO=$("$TB" --db "$DB" --as supervisor2 case find --area 500229 --open --limit 1 --format csv |
    python3 -c 'import csv,sys; print(next(csv.DictReader(sys.stdin))["no"])')
TONGBAN_TODAY=2026-11-02 "$TB" --db "$DB" --as supervisor2 supervise new --case "$NO" \
    --note "e2e: answer" --due 2026-11-05 >/dev/null
TONGBAN_TODAY=2026-11-02 "$TB" --db "$DB" --as supervisor2 complaint new --case "$NO" \
    --text "e2e: complaint" >/dev/null

# Scripts -------------------------------------------------------------------------------

for u in supervisor1 supervisor2; do
	ssh_as "$u" dashboard --once --drill >"$TMP/$u.drill"
	bad= n=0
	while IFS=$'\t' read -r key fig cmd; do
		case "$cmd" in
		"case find "*)
			# shellcheck disable=SC2086 # the options are words
			got=$("$TB" --db "$DB" --as "$u" case export --format csv ${cmd#case find } | tail -n +2 | wc -l)
			n=$((n + 1))
			[ "$got" = "$fig" ] || bad="$bad $key=$fig/$got";;
		esac
	done <"$TMP/$u.drill"
	expect_eq "script: each of $u's $n figures equals the rows of case export with its options" \
	    "${bad:-none}" none
done
# A few of them over ssh, as a supervisor's script would run them.
for key in open light.red anomaly.step_late; do
	line=$(grep -m1 "^$key	" "$TMP/supervisor2.drill")
	fig=$(cut -f2 <<<"$line"); cmd=$(cut -f3 <<<"$line")
	# shellcheck disable=SC2086
	got=$(ssh_as supervisor2 case export --format csv ${cmd#case find } | tail -n +2 | wc -l)
	expect_eq "script over ssh: supervisor2's $key ($fig) is what case export lists" "$got" "$fig"
done
late=$(grep -c "^anomaly\.\(order\|complaint\)_late	" "$TMP/supervisor2.drill")
expect_eq "script: the unanswered order and complaint are anomalies of 城口县" "$late" 2
expect_eq "case find: --area and --area-only together are refused (exit 5)" \
    "$("$TB" --db "$DB" --as supervisor2 case find --area 500229 --area-only 500229 >/dev/null 2>&1; echo $?)" 5
expect_eq "case find: --step needs a number (exit 5)" \
    "$("$TB" --db "$DB" --as supervisor2 case find --step x >/dev/null 2>&1; echo $?)" 5

# Console -------------------------------------------------------------------------------

# fig U KEY: the figure KEY of U's --drill; nth U PREFIX N: the key of the
# N-th (from 1) figure whose key starts with PREFIX
fig() { grep -m1 "^$2	" "$TMP/$1.drill" | cut -f2; }
nth() { grep "^$2" "$TMP/$1.drill" | sed -n "$3p" | cut -f1; }
# count_line: the number on the list's count line (共 N 件 / cases: N)
count_line() { tmux_screen | sed -n 3p | grep -oE '[0-9]+' | head -1; }
# back_to_dash: q until the dashboard's section line is there again
back() { tmux_keys q; sleep 0.4; }
# drill NAME WANT WORD: Enter, until WORD is on the count line, the number
# there against WANT, back
drill() {
	tmux_keys Enter
	wait_screen "$3" 5 >/dev/null
	expect_eq "$1" "$(count_line)" "$2"
	back
}
tmux_restart() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.5
	tmux_start "$@"
}

# index U PREFIX KEY: KEY's place (0-based) among U's keys starting with PREFIX
index() { grep "^$2" "$TMP/$1.drill" | cut -f1 | grep -nxF -- "$3" | cut -d: -f1 | awk '{print $1 - 1}'; }

console() {	# console U COLS ROWS COUNTWORD
	local u=$1 cols=$2 rows=$3 w=$4 a b k i
	tmux_restart "$u" "$cols" "$rows"
	wait_screen "tongban" 10 >/dev/null; sleep 1
	tmux_keys d
	sleep 1
	drill "$u ${cols}x$rows: the open total drills to as many cases" "$(fig "$u" open)" "$w"
	tmux_keys Right Right Right
	drill "$u ${cols}x$rows: the red total drills to as many cases" "$(fig "$u" light.red)" "$w"
	tmux_keys Right
	drill "$u ${cols}x$rows: the month's on-time rate drills to the month's finished cases" \
	    "$(fig "$u" month_finished)" "$w"
	tmux_keys Tab
	a=$(nth "$u" area. 1)
	drill "$u ${cols}x$rows: the first area's open figure ($a) lists as many" "$(fig "$u" "$a")" "$w"
	tmux_keys Right Right
	a=$(nth "$u" area. 3)
	drill "$u ${cols}x$rows: its red figure ($a) lists as many" "$(fig "$u" "$a")" "$w"
	tmux_keys Left Left Tab
	b=$(nth "$u" bottleneck. 1)
	drill "$u ${cols}x$rows: the first bottleneck ($b) lists the cases waiting there" \
	    "$(fig "$u" "$b")" "$w"
	tmux_keys Tab Tab
	for k in anomaly.step_late anomaly.deemed; do
		i=$(index "$u" anomaly. "$k")
		[ -n "$i" ] || continue
		for _ in $(seq "$i"); do tmux_keys Down; done
		drill "$u ${cols}x$rows: the anomaly $k lists its cases" "$(fig "$u" "$k")" "$w"
		for _ in $(seq "$i"); do tmux_keys Up; done
	done
}

console supervisor1 80 24 "共"
console supervisor2 120 40 "cases:"

# The month's list says how many were on time and how many late, as the rate counts them
# (back from the anomalies to the totals, where the month's figure is still chosen).
tmux_keys BTab BTab BTab BTab Enter
scr=$(wait_screen "· on time" 5)
ontime=$("$TB" --db "$DB" --as supervisor2 case export --format csv --area 500229 \
    --finished-from 2026-11-01 --finished-to 2026-11-27 --on-time yes | tail -n +2 | wc -l)
expect_has "supervisor2: the month's list counts the on-time ones as case find --on-time yes" \
    "$scr" "on time $ontime · late $(( $(fig supervisor2 month_finished) - ontime ))"
back
tmux_keys Tab Tab Tab Tab

# The late order opens the records screen, filtered to the late ones.
i=$(index supervisor2 anomaly. anomaly.order_late)
for _ in $(seq "$i"); do tmux_keys Down; done
tmux_keys Enter
scr=$(wait_screen "past their deadlines" 5)
expect_has "supervisor2: the late orders open the records screen, filtered to them" "$scr" \
    "1 past their deadlines (the last 30 days)"
back

console supervisor2 40 12 "cases:"
# At 40x12 nothing runs into the next line: the section line and the key bar.
tmux_restart supervisor2 40 12
wait_screen "tongban" 10 >/dev/null; sleep 1
tmux_keys d
scr=$(wait_screen "1/6 Tab" 5)
expect_has "40x12: the section line names the section and its place" "$scr" "totals  1/6 Tab"
expect_has "40x12: the key bar is readable" "$(tmux_screen | tail -1)" "Tab section  Enter cases  q back"
tmux_keys Tab Tab
scr=$(wait_screen "bottlenecks  3/6" 5)
expect_has "40x12: the bottlenecks keep their numbers in the window" "$scr" " open  p90"
tmux_keys Tab Tab
scr=$(wait_screen "anomalies  5/6" 5)
expect_has "40x12: the anomalies scroll in the room there is" "$scr" "steps running late"
# The red total's list at 40 columns: the number, the light's symbol, the status.
tmux_keys BTab BTab BTab BTab Right Right Right Enter
scr=$(wait_screen "cases: $(fig supervisor2 light.red)" 5)
check "40x12: the red cases' list shows each light's symbol" \
    test "$(printf '%s\n' "$scr" | grep -cE '^[0-9]{6}-[0-9]{8}-[0-9]{6} ● ')" -ge 5
tmux_keys q q
