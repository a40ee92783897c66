#!/usr/bin/env bash
# Looking up by name on the console, and orders issued from it. The admin
# adds users choosing the region and the office by name (in Chinese) and by
# pinyin initials (in English): the code is what is stored, the form shows
# name and code. supervisor1 issues a supervision order from a case screen
# (the case filled in) and from the orders list (n), and sees both listed; a
# case on which they can take no action offers no a. The report's region
# picker finds 城口县 by its initials ckx.
. "$(dirname "$0")/lib.sh"
start_server 300

# The admin, in Chinese: region and office by name --------------------------------
tmux_start admin 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys u
wait_screen "用户与密钥" 3 >/dev/null
tmux_keys n
wait_screen "添加用户" 3 >/dev/null
tmux_keys -l lookup1
tmux_keys Enter
tmux_keys -l 查找甲
tmux_keys Enter Right Enter
tmux_keys -l 城口
tmux_keys Enter
scr=$(wait_screen "城口县 · 重庆市 (500229)" 3)
expect_has "admin: the region 城口 is looked up by name, shown with its code" "$scr" "< 城口县 · 重庆市 (500229) >"
tmux_keys -l 市场
tmux_keys Enter
scr=$(wait_screen "城口县市场监督管理局 (500229.market)" 3)
expect_has "admin: the office is looked up by name among the region's offices" "$scr" "500229.market"
expect_has "admin: ... the equivalent command holds the codes" "$scr" "--region 500229"
tmux_keys F2
scr=$(wait_screen "已添加用户" 3)
expect_has "admin: F2 adds the user" "$scr" "城口县市场监督管理局 (500229.market)"
expect_eq "admin: the codes are stored" \
    "$(sqlite3 "$DB" "SELECT role || ' ' || region || ' ' || office FROM users WHERE login = 'lookup1'")" \
    "approver 500229 500229.market"

# A name that matches nothing: the error names the field, nothing is added.
tmux_keys q
wait_screen "用户与密钥" 3 >/dev/null
tmux_keys n
wait_screen "添加用户" 3 >/dev/null
tmux_keys -l lookup9
tmux_keys Enter Enter Enter
tmux_keys -l 没有这个地方
tmux_keys F2
scr=$(wait_screen "没有与" 3)
expect_has "admin: a region name that matches nothing is refused, naming the field" "$scr" "区划：没有与“没有这个地方”相符的项"
expect_eq "admin: ... and nothing is added" "$(sqlite3 "$DB" "SELECT count(*) FROM users WHERE login = 'lookup9'")" 0
tmux_keys Escape y
tmux_keys q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# The admin, in English: by pinyin initials -------------------------------------------
ssh_as admin user set admin --lang en >/dev/null
tmux_start admin 80 24
wait_screen "Welcome" 10 >/dev/null
tmux_keys u
wait_screen "users" 3 >/dev/null
tmux_keys n
wait_screen "add a user" 3 >/dev/null
tmux_keys -l lookup2
tmux_keys Enter
tmux_keys -l "Li Si"
tmux_keys Enter Enter
tmux_keys -l ckx
tmux_keys Enter
scr=$(wait_screen "(500229)" 3)
expect_has "admin (en): ckx finds 城口县" "$scr" "城口县 · 重庆市 (500229)"
tmux_keys -l gcjd
tmux_keys Enter
scr=$(wait_screen "500229001.township" 3)
expect_has "admin (en): the office by its township's initials gcjd" "$scr" "葛城街道便民服务中心 (500229001.township)"
tmux_keys F2
wait_screen "added" 3 >/dev/null
expect_eq "admin (en): the clerk is in that hall" \
    "$(sqlite3 "$DB" "SELECT role || ' ' || region || ' ' || office FROM users WHERE login = 'lookup2'")" \
    "clerk 500229 500229001.township"
tmux_keys q q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# supervisor1 issues orders ----------------------------------------------------------------
no=$(sqlite3 "$DB" "SELECT no FROM cases WHERE finished IS NULL ORDER BY id LIMIT 1")
tmux_start supervisor1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys /
tmux_keys -l "$no"
tmux_keys Enter
scr=$(wait_screen "督办" 5)
expect_has "case: a supervisor is offered o to issue an order" "$scr" "o 督办"
check "case: ... and no a, as no action is open to them" bash -c "! printf '%s' \"\$1\" | grep -q 'a 办理'" _ "$scr"
tmux_keys a
scr=$(wait_screen "不能对此办件" 3)
expect_has "case: a says why" "$scr" "您目前不能对此办件进行任何操作"
tmux_keys o
scr=$(wait_screen "下发督办单" 3)
expect_has "case: o opens the order form with the case filled in" "$scr" "$no"
tmux_keys -l 请加快办理
tmux_keys F2
scr=$(wait_screen "已下发督办单" 3)
expect_has "case: F2 issues the order" "$scr" "已下发督办单"
expect_eq "case: the order is about that case" \
    "$(sqlite3 "$DB" "SELECT c.no || ' ' || s.note FROM supervision s JOIN cases c ON c.id = s.case_id ORDER BY s.id DESC LIMIT 1")" \
    "$no 请加快办理"
tmux_keys q
sleep 0.5
tmux_keys o
scr=$(wait_screen "n 新督办" 3)
expect_has "orders: the list offers n" "$scr" "n 新督办"
tmux_keys n
wait_screen "下发督办单" 3 >/dev/null
tmux_keys Enter
tmux_keys -l 500229.market
tmux_keys Enter
tmux_keys -l 请整改窗口秩序
tmux_keys Enter
tmux_keys C-u
tmux_keys -l 2020-01-01
tmux_keys F2
scr=$(wait_screen "截止：" 3)
expect_has "orders: a past due date is refused, naming the field" "$scr" "截止："
tmux_keys C-u
tmux_keys -l 2099-12-31
tmux_keys F2
scr=$(wait_screen "请加快办理" 5)
expect_has "orders: F2 issues it and the list shows it" "$scr" "城口县市场监督管理局"
expect_has "orders: ... with the order from the case screen" "$scr" "请加快办理"
expect_eq "orders: two orders, one per way" "$(sqlite3 "$DB" "SELECT count(*) FROM supervision")" 2
# Complaints likewise: n on the complaints list.
tmux_keys q
sleep 0.5
tmux_keys c
scr=$(wait_screen "n 新投诉" 3)
expect_has "complaints: the list offers n" "$scr" "n 新投诉"
tmux_keys n
wait_screen "被投诉的办件" 3 >/dev/null
tmux_keys -l "$no"
wait_screen "$no" 3 >/dev/null
tmux_keys Enter Enter
tmux_keys -l 窗口态度不好
wait_screen "窗口态度不好" 3 >/dev/null
tmux_keys F2
scr=$(wait_screen "已登记投诉" 5)
expect_has "complaints: F2 logs it and the list shows it" "$scr" "已登记投诉"
expect_eq "complaints: it is about the case" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM complaint WHERE text = '窗口态度不好'")" 1
tmux_keys q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# The report's region picker: ckx finds 城口县 ------------------------------------------
tmux_start supervisor1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys p
sleep 0.5
tmux_keys r
wait_screen "选择" 3 >/dev/null
tmux_keys c k x
scr=$(wait_screen "城口县" 3)
expect_has "report: ckx finds 城口县 in the region picker" "$scr" "城口县"
tmux_keys Enter
scr=$(wait_screen "· 城口县 ·" 5)
expect_has "report: ... and Enter narrows the report to it" "$scr" "城口县"
