#!/usr/bin/env bash
# The admin's screens: users and keys, the item catalog. An admin (in
# Chinese) adds a user and pastes their key, and the user logs in with it;
# disables a user, who then cannot log in; (in English) adds a material
# and a step to an item from the screens, and `item show` lists them; a
# clerk reads the catalog but cannot change it. At 80x24, 120x40 and 40x12.
. "$(dirname "$0")/lib.sh"
start_server 500

ssh-keygen -q -t ed25519 -N '' -C newbie-laptop -f "$TMP/newkey" </dev/null
fp=$(ssh-keygen -lf "$TMP/newkey.pub" | cut -d' ' -f2)

# Users and keys, in Chinese, at 80x24 ------------------------------------------------
tmux_start admin 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys u
scr=$(wait_screen "用户与密钥" 3)
expect_has "users: u opens the users and keys" "$scr" "approver1"
expect_has "users: ... with their role and office" "$scr" "审批人员   城口县市场监督管理局"
tmux_keys r
scr=$(wait_screen "角色：窗口人员" 3)
check "users: r filters by role (no approvers)" bash -c "! printf '%s' \"\$1\" | grep -q approver1" _ "$scr"
tmux_keys Tab
tmux_keys -l clerk2
scr=$(wait_screen "1 / " 3)
expect_has "users: typing in the find field filters by login or name" "$scr" "clerk2"
tmux_keys C-u Enter r r r r
wait_screen "角色：全部" 3 >/dev/null

# Add a user on the form; the service names the field it refuses.
tmux_keys n
wait_screen "添加用户" 3 >/dev/null
tmux_keys -l newbie
tmux_keys Enter
tmux_keys -l 新同事
tmux_keys Enter Enter
tmux_keys -l 999999
tmux_keys F2
scr=$(wait_screen "找不到行政区划" 3)
expect_has "users: a region that does not exist is refused, naming the field" "$scr" "999999"
expect_eq "users: ... and nothing is added" "$(sqlite3 "$DB" "SELECT count(*) FROM users WHERE login = 'newbie'")" 0
tmux_keys C-u
tmux_keys -l 500229
tmux_keys F2
scr=$(wait_screen "已添加用户" 3)
expect_has "users: F2 adds the user and opens them" "$scr" "城口县政务服务中心 (500229.hall)"
expect_has "users: ... with no key yet" "$scr" "（无：此用户不能用密钥登录）"
expect_eq "users: the user is in the database" \
    "$(sqlite3 "$DB" "SELECT role || ' ' || name || ' ' || office FROM users WHERE login = 'newbie'")" \
    "clerk 新同事 500229.hall"

# A key pasted: a bad one is refused, a good one added with its fingerprint.
tmux_keys k
wait_screen "粘贴一行 OpenSSH 公钥" 3 >/dev/null
tmux_keys -l "ssh-ed25519 AAAAnotakey"
tmux_keys F2
scr=$(wait_screen "不是有效的" 3)
expect_has "keys: a line that is not a key is refused" "$scr" "不是有效的"
tmux_keys C-u
tmux_keys -l "$(cat "$TMP/newkey.pub")"
tmux_keys F2
scr=$(wait_screen "已为“newbie”添加密钥" 3)
expect_has "keys: the pasted key is listed by its fingerprint" "$scr" "$fp"
expect_has "keys: ... and its comment" "$scr" "newbie-laptop"
out=$(ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/newkey" -p "$PORT" newbie@127.0.0.1 user me 2>&1)
expect_has "keys: the new user logs in over ssh with that key" "$out" "新同事"

# Disable (asks first); the user can no longer log in.
tmux_keys d
scr=$(wait_screen "停用“newbie”" 3)
expect_has "users: d asks before disabling" "$scr" "y：是"
tmux_keys n
wait_screen "未作任何修改" 3 >/dev/null
expect_eq "users: ... any other key keeps the user" "$(sqlite3 "$DB" "SELECT disabled FROM users WHERE login = 'newbie'")" 0
tmux_keys d y
scr=$(wait_screen "用户“newbie”已停用" 3)
expect_has "users: y disables" "$scr" "已停用"
ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/newkey" -p "$PORT" newbie@127.0.0.1 user me >/dev/null 2>&1
check "users: a disabled user cannot log in" test $? -ne 0
expect_eq "audit: the user's changes are events" \
    "$(sqlite3 "$DB" "SELECT group_concat(action, ' ') FROM (SELECT action FROM event WHERE subject = 'user:newbie' ORDER BY id) AS e")" \
    "user_add key_add user_disable"
# Ctrl-C on a form cancels it and keeps what was typed as a draft.
tmux_keys e
wait_screen "修改用户" 3 >/dev/null
tmux_keys C-u
tmux_keys -l 新同事甲
tmux_keys C-c
scr=$(wait_screen "已取消" 3)
expect_has "forms: Ctrl-C cancels the form, keeping a draft" "$scr" "草稿"
expect_eq "forms: ... and changes nothing" "$(sqlite3 "$DB" "SELECT name FROM users WHERE login = 'newbie'")" 新同事
tmux_keys q
tmux_keys s s
scr=$(wait_screen "状态：已停用" 3)
expect_has "users: s shows the disabled users" "$scr" "newbie"
check "users: ... only them" bash -c "! printf '%s' \"\$1\" | grep -q approver1" _ "$scr"
tmux_keys s

# The admin cannot lock themselves out.
tmux_keys Enter
scr=$(wait_screen "tongban · 用户 · admin" 3)
tmux_keys d y
scr=$(wait_screen "不能停用自己" 3)
expect_has "users: an admin cannot disable themselves" "$scr" "不能停用自己"
expect_eq "users: ... and stays enabled" "$(sqlite3 "$DB" "SELECT disabled FROM users WHERE login = 'admin'")" 0
tmux_keys q q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# The catalog, in English, at 120x40 -----------------------------------------------------
ssh_as admin user set admin --lang en >/dev/null
tmux_start admin 120 40
scr=$(wait_screen "Welcome" 10)
expect_has "forms: the next login offers the draft" "$scr" "An unfinished form (users or catalog)"
tmux_keys r
scr=$(wait_screen "change a user" 3)
expect_has "forms: r brings the form back as typed" "$scr" "新同事甲"
tmux_keys F2
scr=$(wait_screen "changed" 3)
expect_eq "forms: ... and F2 submits it" "$(sqlite3 "$DB" "SELECT name FROM users WHERE login = 'newbie'")" 新同事甲
tmux_keys i
scr=$(wait_screen "item catalog" 3)
expect_has "catalog: i lists the items, wide names at 120 columns" "$scr" "Food business licence"
tmux_keys l
scr=$(wait_screen "levels served: city level" 3)
check "catalog: l filters by level (a district-only item goes)" bash -c "! printf '%s' \"\$1\" | grep -q 'Food business licence'" _ "$scr"
expect_has "catalog: ... a city item stays" "$scr" "Food production licence"
tmux_keys l l l k
scr=$(wait_screen "department: Market Regulation" 3)
check "catalog: k filters by department" bash -c "! printf '%s' \"\$1\" | grep -q 'Construction'" _ "$scr"
for _ in $(seq 60); do
	tmux_screen | grep -q "department: all" && break
	tmux_keys k
	sleep 0.1
done
tmux_keys Tab
tmux_keys -l 000101001
tmux_keys Enter
tmux_keys Enter
scr=$(wait_screen "service guide" 3)
expect_has "catalog: Enter opens an item with its materials" "$scr" "食品经营许可申请书"
expect_has "catalog: ... and its steps" "$scr" "Accept · Market Regulation Administration"
tmux_keys m
wait_screen "add a material" 3 >/dev/null
tmux_keys -l 场地平面图
tmux_keys Enter Right Enter Right
tmux_keys F2
scr=$(wait_screen "pledged" 3)
expect_has "catalog: only a required material may be pledged" "$scr" "--secondary"
tmux_keys Up Left F2
scr=$(wait_screen "material 6 added" 3)
expect_has "catalog: the admin adds a material from the screen" "$scr" "场地平面图 · required"
tmux_keys t
wait_screen "add a step" 3 >/dev/null
tmux_keys -l 复核
tmux_keys Enter
tmux_keys -l Recheck
tmux_keys Enter Enter
tmux_keys -l 3
tmux_keys F2
scr=$(wait_screen "step 5 added" 3)
expect_has "catalog: ... and a step" "$scr" "Recheck · Market Regulation Administration · 3 working days"
show=$(ssh_as admin item show 000101001000)
expect_has "catalog: item show over ssh lists the new material" "$show" "场地平面图"
expect_has "catalog: ... and the new step" "$show" "5. Recheck"
expect_eq "audit: the catalog's edits are events" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE subject = 'item:000101001000'")" 2
check "audit: the chain verifies" bash -c "\"$TB\" --db \"$DB\" audit verify >/dev/null"
# Esc on a changed form asks first.
tmux_keys m
wait_screen "add a material" 3 >/dev/null
tmux_keys -l x
tmux_keys Escape
scr=$(wait_screen "discard what you typed" 3)
expect_has "forms: Esc on a changed form asks first" "$scr" "y: yes"
tmux_keys y
wait_screen "Recheck" 3 >/dev/null
tmux_keys q q q y
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null

# A clerk reads the catalog, read only, at 40x12 -------------------------------------------
tmux_start clerk1 40 12
wait_screen "首页" 10 >/dev/null || wait_screen "欢迎" 5 >/dev/null
tmux_keys i
scr=$(wait_screen "事项目录" 3)
expect_has "catalog: a clerk opens the catalog with i" "$scr" "食品经营许可"
tmux_keys Enter
scr=$(wait_screen "只读" 3)
expect_has "catalog: ... an item is read only for a clerk" "$(echo "$scr" | head -1)" "只读"
tmux_keys m
scr=$(wait_screen "无权操作" 3)
check "catalog: ... m adds nothing for a clerk" bash -c "! printf '%s' \"\$1\" | grep -q 增加材料" _ "$scr"
tmux_keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
scr=$(wait_screen "办理环节" 3)
expect_has "catalog: at 40x12 the item scrolls to its steps" "$scr" "办理环节"
check "catalog: ... the key bar stays on the last line" bash -c "printf '%s\n' \"\$1\" | tail -1 | grep -q 返回" _ "$scr"
tmux_keys q q y
