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
tmux_keys /
scr=$(wait_screen "$(printf '\xe6')" 1)   # any screen; then type the number
tmux_keys "$no" Enter
scr=$(wait_screen "$item" 5)
expect_has "console: case detail shows the number" "$scr" "$no"
expect_has "console: case detail shows the Chinese item name" "$scr" "$item"
expect_has "console: case detail shows the timeline" "$scr" "提交申请"
expect_has "console: the clock with working days" "$scr" "工作日"

tmux -L "$TMUX_SOCK" resize-window -t t -x 120 -y 40 2>/dev/null || tmux -L "$TMUX_SOCK" resize-pane -t t -x 120 -y 40
sleep 1
scr=$(tmux_screen)
expect_eq "console: follows a resize to 120x40" "$(echo "$scr" | head -1 | awk '{print (length($0) > 90)}')" 1
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null
sleep 1
scr=$(tmux_screen)
expect_has "console: back at 80x24 the case is still shown" "$scr" "$no"
tmux_keys q
scr=$(wait_screen "王芳" 2)
expect_has "console: q from the case goes back home" "$scr" "欢迎"
tmux_keys q
sleep 1
expect_has "server: q at home quits, and the logout is logged" "$(cat "$TMP/server.log")" "logout clerk1"

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
tmux_keys F10
sleep 1
expect_has "server: F10 quits" "$(cat "$TMP/server.log")" "logout clerk2"
