#!/usr/bin/env bash
# Terminals as they are at a service window: a GBK terminal (luit between
# tmux and ssh) typing Chinese into fresh fields, the symbols it can draw,
# command output in GBK over ssh; the case screen, the action form, intake
# and the case lists at 40x12 in Chinese and English; the columns at 120x40.
. "$(dirname "$0")/lib.sh"
start_server
export LANG=C.UTF-8	# tmux and luit: the outer terminal speaks UTF-8

# tmux_term COLS ROWS CMD...: the session "t" afresh, running CMD (a
# second session keeps the tmux server up between them)
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s keep "sleep 600"
tmux_term() {
	local cols=$1 rows=$2; shift 2
	tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" "$*; sleep 30"
}
console_at() {	# console_at LOGIN COLS ROWS
	tmux_term "$2" "$3" "ssh $SSH_OPTS -t -i $TMP/key -p $PORT $1@127.0.0.1"
	wait_screen "F1" 5 >/dev/null
}
line_of() { tmux_screen | sed -n "$1p"; }
# the row (1-based) of the first line holding TEXT, or 0
row_of() { tmux_screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | grep . || echo 0; }

# --- GBK through luit -------------------------------------------------------
ssh_as clerk1 user set clerk1 --encoding gbk >/dev/null
if ! command -v luit >/dev/null || [ ! -d /usr/share/fonts/X11/encodings ]; then
	ok "# SKIP GBK terminal: luit or xfonts-encodings is not installed (etc/install-deps.sh installs both)"
else
	tmux_term 80 24 "luit -encoding GBK ssh $SSH_OPTS -t -i $TMP/key -p $PORT clerk1@127.0.0.1"
	scr=$(wait_screen "欢迎" 5)
	expect_has "gbk/luit: the home screen reads right through a GBK terminal" "$scr" "王芳"
	marks=$(printf '%s' "$scr" | grep -c '[○◐●◀▶·“”]')
	expect_eq "gbk/luit: no symbol a GBK terminal draws two columns wide (lights are o ! #)" "$marks" 0
	expect_has "gbk/luit: the light of a case reads as one ASCII column" "$scr" " o 绿灯"
	# A fresh intake form: the item, then the applicant's name in Chinese.
	tmux_keys n
	wait_screen "受理台" 3 >/dev/null
	tmux_keys '食品经营'
	sleep 0.5
	tmux_keys Enter
	sleep 0.5
	tmux_keys Tab
	sleep 0.3
	tmux_keys '张三丰'
	sleep 0.8
	expect_eq "gbk/luit: every character typed into a fresh field arrives (the applicant's name)" \
	    "$(tmux_screen | grep '^ 姓名' | sed 's/^ 姓名 *//')" "张三丰"
	tmux_keys Tab '13800001111'
	sleep 0.5
	expect_has "gbk/luit: the next field types on" "$(tmux_screen)" "13800001111"
	tmux_keys Escape
	wait_screen "草稿" 3 >/dev/null
	# luit reads Esc and the key after it as one escape sequence: a Chinese
	# character typed right after Esc, / loses all but its first byte. The
	# session drops that byte and says so; what follows types right.
	tmux_keys /
	wait_screen "查找办件" 3 >/dev/null
	tmux_keys Escape
	sleep 0.5
	tmux_keys /
	tmux_keys '张三'
	sleep 0.8
	scr=$(tmux_screen)
	# luit's timing decides: it loses all but the first byte of 张 (the
	# stray is dropped and the console says so), or passes 张 whole, or
	# loses it whole. Never garbled, whichever.
	got=$(printf '%s' "$scr" | grep '姓名或电话' | sed 's/.*姓名或电话：* *//')
	check "gbk/luit: after Esc and /, what follows is not garbled ('$got')" \
	    test "$got" = 三 -o "$got" = 张三
	if [ "$got" = 三 ] && grep -q "请重新输入" <<<"$scr"; then
		ok "gbk/luit: the console says the character was lost"
	elif [ "$got" = 三 ]; then
		echo "# gbk/luit: luit lost 张 whole this time (nothing reached the server to tell)"
	fi
	tmux_keys BSpace BSpace BSpace '张三'
	sleep 0.8
	expect_eq "gbk/luit: typed again, the field holds it" \
	    "$(tmux_screen | grep '姓名或电话' | sed 's/.*姓名或电话：* *//')" "张三"
	# The dashboard-like lists of a GBK user: the worklist and the case list.
	tmux_keys Escape
	sleep 0.4
	tmux_keys w
	scr=$(wait_screen "待办" 3)
	marks=$(printf '%s' "$scr" | grep -c '[○◐●◀▶·“”]')
	expect_eq "gbk/luit: the worklist draws no symbol of ambiguous width" "$marks" 0
fi
# Command output over ssh follows the user's encoding.
no=$(ssh_as clerk1 case find --limit 1 --format tsv --encoding utf-8 | sed -n 2p | cut -f1)
ssh_as clerk1 case show "$no" > "$TMP/show.gbk"
expect_eq "gbk: ssh case show prints GB18030 for a GBK user" \
    "$(python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
try:
    b.decode("utf-8"); print("utf-8")
except UnicodeDecodeError:
    print("gbk" if "办件编号" in b.decode("gb18030") else "?")' "$TMP/show.gbk")" gbk
ssh_as clerk1 user set clerk1 --encoding utf-8 >/dev/null

# --- 40x12: the case screen ---------------------------------------------------
zh=$(ssh_as supervisor1 case find --status approved --limit 1 --format tsv | sed -n 2p | cut -f1)
en=$(ssh_as supervisor2 case find --status suspended --limit 1 --format tsv | sed -n 2p | cut -f1)
for lang in zh en; do
	# The clock row of an accepted case: the decision's (办理时限, to decide).
	if [ $lang = zh ]; then u=supervisor1; no=$zh; more=更多信息; clock=办理时限; else
		u=supervisor2; no=$en; more="more facts"; clock="to decide"; fi
	console_at $u 40 12
	tmux_keys /
	wait_screen ":" 3 >/dev/null
	tmux_keys "$no" Enter
	scr=$(wait_screen "$more" 5)
	rule=$(row_of "──")
	expect_eq "40x12 $lang: the case screen's timeline rule stays above the message line" \
	    "$([ "$rule" -ge 5 ] && [ "$rule" -le 9 ] && echo above)" above
	expect_eq "40x12 $lang: two timeline rows under the rule" \
	    "$(line_of $((rule + 1)) | grep -c '^ [0-9][0-9]-[0-9][0-9] ')$(line_of $((rule + 2)) | grep -c '^ [0-9][0-9]-')" 11
	expect_has "40x12 $lang: the key bar says Space shows more facts" "$(line_of 12)" "Space"
	expect_has "40x12 $lang: the case number whole in the title" "$(line_of 1)" "$no"
	# Space pages through every fact; the clock line comes with its light.
	seen=""
	for i in 1 2 3 4; do
		tmux_keys Space
		sleep 0.4
		seen="$seen$(tmux_screen | sed -n "3,$((rule - 1))p")"
	done
	expect_has "40x12 $lang: Space brings the clock" "$seen" "$clock "
	expect_eq "40x12 $lang: the lights show on their own lines or after their text" \
	    "$(printf '%s' "$seen" | grep -c '[○◐●]' | grep -qv '^0$' && echo lights)" lights
	expect_eq "40x12 $lang: no fact line runs past 40 columns or into the rule" \
	    "$(tmux_screen | awk 'length($0) > 0' | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin) <= 40)')" True
	# The tell form: a long choice wraps rather than lose its end; Esc leaves.
	if [ $lang = en ]; then
		tmux_keys t
		sleep 0.6
		expect_has "40x12 en: the tell form wraps a long choice" "$(tmux_screen)" "told yet) ▶"
		tmux_keys Escape
		sleep 0.4
		expect_has "40x12 en: Esc on a choice leaves the tell form" "$(line_of 1)" "$no"
	fi
done

# --- 40x12: the action form ----------------------------------------------------
for u in approver1 approver2; do
	console_at $u 40 12
	tmux_keys w
	sleep 1
	tmux_keys a
	sleep 0.6
	tmux_keys Enter
	sleep 0.5
	for i in 1 2 3 4 5 6; do tmux_keys Tab; sleep 0.2; done
	expect_eq "40x12 $u: the action form keeps its key bar on the last line" \
	    "$(line_of 12 | grep -c 'Tab')" 1
	expect_has "40x12 $u: the equivalent command still shows" "$(tmux_screen)" "$ ssh -p $PORT $u@"
	tmux_keys Escape
	sleep 0.4
done

# --- 40x12: intake and the lists ------------------------------------------------
for u in clerk1 clerk2; do
	console_at $u 40 12
	tmux_keys n
	sleep 0.8
	tmux_keys '食品' Enter
	sleep 0.5
	for i in 1 2 3 4 5; do tmux_keys Tab; sleep 0.2; done
	tmux_keys '12'
	sleep 0.3
	expect_eq "40x12 $u: the intake form scrolls to the focused field; the key bar stays" \
	    "$(line_of 12 | grep -c 'F2')" 1
	tmux_keys Escape
	sleep 0.5
	name=$(ssh_as $u case find --limit 1 --format tsv | sed -n 2p | cut -f5)
	tmux_keys /
	sleep 0.4
	tmux_keys "$name"
	sleep 0.3
	expect_eq "40x12 $u: the lookup's field goes under its prompt, the name typed shows whole" \
	    "$(line_of 4 | sed 's/^ *//')" "$name"
	tmux_keys Enter
	sleep 1
	tmux_keys Tab
	sleep 0.4
	sel=$(tmux_screen | grep '^50[0-9]' | head -1)
	expect_eq "40x12 $u: a case row shows the number, the light's mark and the applicant" \
	    "$(printf '%s' "$sel" | grep -c '^50[0-9-]* [○◐●] ')" 1
	tmux -L "$TMUX_SOCK" capture-pane -e -p -t t > "$TMP/esc.txt"
	expect_eq "40x12 $u: the highlighted row keeps its light's mark" \
	    "$(grep -a $'\e\\[[0-9;]*7m' "$TMP/esc.txt" | grep -c '[○◐●]')" 1
done

# --- 120x40: the columns widen --------------------------------------------------
console_at supervisor1 120 40
long=$(ssh_as supervisor1 case find --limit 200 --format tsv | awk -F'\t' 'NR>1 && $3 ~ /有限公司$/ {print $3; exit}')
tmux_keys /
sleep 0.4
tmux_keys "$long" Enter
sleep 1
expect_has "120x40: an organisation's long name shows whole in the case list" "$(tmux_screen)" " $long "
tmux_keys Escape
sleep 0.4
expect_eq "120x40: home's latest cases show the item, status, light and due columns" \
    "$(tmux_screen | grep -c '^办件编号 .*事项 .*申请人 .*状态 .*亮灯 .*截止')" 1
