#!/usr/bin/env bash
# The console as a person sees it, in tmux at 80x24, through the real client.
. "$(dirname "$0")/lib.sh"
start_server 3000

no=$("$TB" --db "$DB" case find --region 500229001 --status under_review --limit 1 --format csv | tail -1 | cut -d, -f1)
item=$("$TB" --db "$DB" case find --no "$no" --format csv | tail -1 | cut -d, -f3)

tmux_start clerk1 80 24
scr=$(wait_screen "王芳" 10)
expect_has "console: home screen after login, in Chinese" "$scr" "欢迎"
expect_has "console: home shows the latest cases" "$scr" "500229-"
tmux_keys F1
scr=$(wait_screen "本屏按键" 3)
expect_has "help: F1 lists the keys of the screen it was pressed on (home: n new application)" \
    "$(echo "$scr" | grep -A8 本屏按键)" "新收件"
expect_has "help: ... then the keys that work everywhere" "$scr" "各屏通用"
tmux_keys q
wait_screen "欢迎" 3 >/dev/null
tmux_keys /
scr=$(wait_screen "查找办件" 5)   # the lookup screen is up; then type the number
tmux_keys "$no" Enter
wait_screen "$item" 5 >/dev/null
scr=$(wait_screen "提交申请" 5)   # the timeline is drawn last: the whole screen is up
expect_has "console: case detail shows the number" "$scr" "$no"
expect_has "console: case detail shows the Chinese item name" "$scr" "$item"
expect_has "console: case detail shows the timeline" "$scr" "提交申请"
expect_has "console: the clock with working days" "$scr" "工作日"
# Enter on a timeline row reads the event whole: the first event's note, uncut.
tmux_keys Home Up Up Up Up Up Up Up Up Enter
scr=$(wait_screen "办理人：" 3)
note=$(sqlite3 "$DB" "SELECT note FROM event WHERE case_id = (SELECT id FROM cases WHERE no = '$no') ORDER BY id LIMIT 1")
whole=$(python3 -c '
import sys
scr = "".join(l.strip() for l in sys.argv[1].splitlines())
print("whole" if sys.argv[2].replace(" ", "") in scr.replace(" ", "") else "cut")' "$scr" "$note")
expect_eq "console: Enter on a timeline row shows the event's note whole" "$whole" whole
tmux_keys q
wait_screen "工作日" 3 >/dev/null

tmux -L "$TMUX_SOCK" resize-window -t t -x 120 -y 40 2>/dev/null || tmux -L "$TMUX_SOCK" resize-pane -t t -x 120 -y 40
sleep 1
scr=$(tmux_screen)
expect_eq "console: follows a resize to 120x40" "$(echo "$scr" | head -1 | awk '{print (length($0) > 90)}')" 1
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null
sleep 1
scr=$(tmux_screen)
expect_has "console: back at 80x24 the case is still shown" "$scr" "$no"
tmux_keys q
scr=$(wait_screen "欢迎" 3)
expect_has "console: q from the case goes back home" "$scr" "欢迎"
# Ctrl-C, Ctrl-\ and Ctrl-Z never end the session; Ctrl-C cancels a form, keeping a draft.
tmux_keys C-c
sleep 0.3
tmux_keys 'C-\'
sleep 0.3
tmux_keys C-z
sleep 0.5
scr=$(tmux_screen)
expect_has "console: Ctrl-C, Ctrl-\\ and Ctrl-Z at home leave the session on" "$scr" "欢迎"
expect_has "console: ... and say how to log out" "$scr" "按 q 退出登录"
tmux_keys n
wait_screen "F2" 3 >/dev/null
tmux_keys Tab 110101199003071234
sleep 0.3
tmux_keys C-c
scr=$(wait_screen "草稿" 3)
expect_has "console: Ctrl-C on the intake form goes back, the typing kept as a draft" "$scr" "已保存为草稿"
expect_has "console: ... to the home screen" "$scr" "欢迎"
tmux_keys q
scr=$(wait_screen "退出登录？" 3)
expect_has "console: q at home asks before logging out" "$scr" "退出登录？"
tmux_keys x
sleep 0.5
expect_has "console: any other key stays" "$(tmux_screen)" "欢迎"
tmux_keys q
sleep 0.3
tmux_keys y
sleep 1
expect_has "server: q, y at home quits, and the logout is logged" "$(cat "$TMP/server.log")" "logout clerk1"

# English for a user whose language is en.
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
tmux_start clerk2 80 24
scr=$(wait_screen "Welcome" 10)
expect_has "console: English for an en user" "$scr" "Welcome"
expect_has "console: key bar" "$scr" "find case"
tmux_keys /
sleep 0.3
tmux_keys "500000-20000101-000001" Enter
scr=$(wait_screen "no case" 3)
expect_has "console: an unknown number says so" "$scr" "no case"
# After a search the field keeps the focus: typing refines it.
name=$("$TB" --db "$DB" --as clerk2 case find --limit 20 --format csv | awk -F, 'NR > 1 && length($5) >= 6 {print $5; exit}')
first=$(printf '%s' "$name" | cut -c1-3)
rest=$(printf '%s' "$name" | cut -c4-)
tmux_keys Escape
sleep 0.3
tmux_keys /
sleep 0.3
tmux_keys "$first" Enter
wait_screen "found for applicant name $first" 3 >/dev/null
tmux_keys "$rest" Enter
scr=$(wait_screen "found for applicant name $name" 3)
expect_has "console: typing after a search goes on into the field ($name)" "$scr" "found for applicant name $name"
tmux_keys F10
sleep 1
expect_has "server: F10 quits" "$(cat "$TMP/server.log")" "logout clerk2"

# A terminal set to GB18030/GBK (Xshell, SecureCRT on Chinese Windows): the
# user chooses the encoding, and the session transcodes both ways.
ssh_as clerk1 user set clerk1 --encoding gbk >/dev/null
expect_eq "gbk: a user chooses their own terminal encoding" "$?" 0
(sleep 2; printf '/'; sleep 0.5; printf '\xd5\xc5'; sleep 0.7; printf '\033'; sleep 0.3; printf 'q'; sleep 1) |
    ssh $SSH_OPTS -tt -i "$TMP/key" -p "$PORT" clerk1@127.0.0.1 > "$TMP/gbk.bin" 2>/dev/null
out=$(python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
t = b.decode("gb18030", errors="replace")
try:
    b.decode("utf-8"); utf8 = True
except UnicodeDecodeError:
    utf8 = False
wide = [c for c in "○◐●·◀▶→“”" if c in t]
print("home" if "欢迎" in t else "-", "typed" if "张" in t else "-", "utf8" if utf8 else "gbk",
    "narrow" if not wide and (" # " in t or " o " in t or " ! " in t) else "wide:" + "".join(wide))' "$TMP/gbk.bin")
expect_eq "gbk: the console reads right in GB18030, typed GBK arrives as the character, and the symbols a GBK terminal draws two columns wide are one ASCII column" \
    "$out" "home typed gbk narrow"
ssh_as clerk1 user set clerk1 --name other >/dev/null 2>&1
expect_eq "gbk: a user may not rename themselves (exit 3)" "$?" 3
# Commands over ssh follow the GBK user's encoding both ways: the typed
# arguments arrive as characters, the output goes out in GB18030.
surname=$("$TB" --db "$DB" --as clerk1 case find --limit 50 --format csv |
    python3 -c 'import csv, sys; r = list(csv.reader(sys.stdin)); print(r[1][4][0])')
ssh_as clerk1 "$(python3 -c 'import sys; sys.stdout.buffer.write(("case find --name %s --limit 3" % sys.argv[1]).encode("gbk"))' "$surname")" > "$TMP/gbk-exec.bin" 2>&1
out=$(python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
try:
    b.decode("utf-8"); enc = "utf8"
except UnicodeDecodeError:
    enc = "gbk"
t = b.decode("gb18030", errors="replace")
print(enc, "header" if "办件编号" in t else "-", "name" if sys.argv[2] in t.split("\n", 1)[-1] else "-")' "$TMP/gbk-exec.bin" "$surname")
expect_eq "gbk: a command's GBK arguments are read as characters and its output is GB18030" \
    "$out" "gbk header name"
ssh_as clerk1 case export --limit 2 --encoding utf-8 > "$TMP/gbk-exec2.bin" 2>&1
expect_eq "gbk: a command naming its own --encoding is left as it asked (UTF-8 here)" \
    "$(python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
print("utf8" if any(ord(ch) > 0x4e00 for ch in b.decode("utf-8", errors="strict")) else "ascii")' "$TMP/gbk-exec2.bin" 2>&1 | tail -1)" utf8
