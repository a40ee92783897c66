#!/usr/bin/env bash
# Supervision orders, complaints and ratings on screens of their own: a
# list with a filter, one record with its history, its steps taken there.
. "$(dirname "$0")/lib.sh"
start_server 1500

no=$(ssh_as approver1 case worklist --format csv --limit 1 | tail -1 | cut -d, -f1)
ssh_as supervisor1 supervise new --case "$no" --note 请说明超期原因 --due 2026-12-09 >/dev/null
id=$(sqlite3 "$DB" "SELECT max(id) FROM supervision")

tmux_start approver1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys o
scr=$(wait_screen "督办单" 3)
expect_has "orders: o lists the office's supervision orders" "$scr" "请说明超期原因"
tmux_keys Enter
scr=$(wait_screen "下达督办" 3)
expect_has "orders: Enter opens one, with its history" "$scr" "supervisor1  请说明超期原因"
tmux_keys Tab "已受理，三日内办结" F2
scr=$(wait_screen "现为" 3)
expect_has "orders: the office responds on the screen" "$scr" "回复：已办理，现为已答复"
expect_eq "orders: ... and the order is responded" \
    "$(sqlite3 "$DB" "SELECT status || ' ' || response FROM supervision WHERE id = $id")" \
    "responded 已受理，三日内办结"
tmux_keys q q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

tmux_start supervisor1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys o
wait_screen "督办单" 3 >/dev/null
tmux_keys f
scr=$(wait_screen "筛选：待答复" 3)
check "orders: f filters by status (open: not this one)" bash -c "! printf '%s' \"\$1\" | grep -q 请说明超期原因" _ "$scr"
tmux_keys f
scr=$(wait_screen "筛选：已答复" 3)
expect_has "orders: ... responded: this one" "$scr" "请说明超期原因"
tmux_keys Enter
wait_screen "下达督办" 3 >/dev/null
tmux_keys Right F2
scr=$(wait_screen "现为" 3)
expect_has "orders: the supervisor closes it on the screen" "$scr" "办结：已办理"
expect_eq "orders: ... closed" "$(sqlite3 "$DB" "SELECT status FROM supervision WHERE id = $id")" closed
check "audit: the chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"
tmux_keys q q
tmux_keys c
scr=$(wait_screen "投诉" 3)
expect_has "complaints: c lists complaints on their own screen" "$(echo "$scr" | head -1)" "投诉"
tmux_keys q e
scr=$(wait_screen "好差评" 3)
expect_has "ratings: e lists ratings and rectifications" "$(echo "$scr" | head -1)" "好差评"
tmux_keys q q y
