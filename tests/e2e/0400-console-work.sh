#!/usr/bin/env bash
# Approval work on the console, as people do it, in tmux at 80x24 over ssh:
# a township clerk takes in an application, the district approver finds it
# in the worklist and accepts it, the parallel review's departments give
# opinions, it is approved and handed over; drafts survive a dropped link.
. "$(dirname "$0")/lib.sh"
start_server 2000

for u in ps:public_security fire:fire health:health; do
	"$TB" --db "$DB" user add "a_${u%%:*}" --role approver --region 500229 --office "500229.${u##*:}" --lang zh >/dev/null
	"$TB" --db "$DB" user key add "a_${u%%:*}" "$TMP/key.pub" >/dev/null
done
ID=$(python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; m='10X98765432'; s='50022919850505123'
print(s+m[sum(int(a)*b for a,b in zip(s,w))%11])")

# 1. Intake at the township hall.
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "旅馆业特种"
sleep 0.5
tmux_keys Enter
sleep 0.3
tmux_keys "$ID" Tab
sleep 0.3
tmux_keys "赵六" Tab "13900001111" Tab Tab Tab
sleep 0.3
tmux_keys a
sleep 0.3
scr=$(tmux_screen)
expect_has "intake: the item's materials are listed to tick" "$scr" "[x] 5."
expect_has "intake: the equivalent ssh command is shown" "$scr" "case new --item 000112004000"
tmux_keys Enter Enter Enter Enter Enter Enter
sleep 0.5
scr=$(tmux_screen)
expect_has "intake: Enter on the materials list never submits" "$scr" "受理台"
expect_has "intake: ... and at the last material says F2 submits" "$scr" "F2 提交申请"
tmux_keys F2
scr=$(wait_screen "待受理" 5)
NO=$(echo "$scr" | grep -o '500229-20261127-[0-9]\{6\}' | head -1)
check "intake: submitting opens the new case" test -n "$NO"
expect_has "intake: routed to the district's public security bureau" "$scr" "城口县公安局"
tmux_keys q
wait_screen "欢迎" 3 >/dev/null

# "Lives in" finds a place by its name or the initials of its pinyin.
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "旅馆业特种"
sleep 0.5
tmux_keys Enter Tab Tab Tab
sleep 0.3
tmux_keys C-u gcjd
scr=$(wait_screen "葛城街道 · 城口县" 3)
expect_has "intake: 'gcjd' in lives-in lists 葛城街道 by its initials" "$scr" "葛城街道 · 城口县"
tmux_keys Enter
sleep 0.5
scr=$(tmux_screen)
expect_has "intake: choosing it puts the code in the field, the name beside" \
    "$(echo "$scr" | grep 住址区划)" "500229001      葛城街道"
tmux_keys BTab C-u 梧桐社区
scr=$(wait_screen "梧桐社区" 3)
expect_has "intake: a community is found by its name, with its township" "$scr" "梧桐社区居民委员会 · 葛城街道"
tmux_keys C-u qqqqzz Enter
scr=$(wait_screen "没有" 3)
expect_has "intake: a name that matches nothing is said" "$scr" "没有名称或拼音首字母与之相符的"
tmux_keys Escape
wait_screen "欢迎" 3 >/dev/null

# The same applicant and item again: said before a second case is filed.
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "旅馆业特种"
sleep 0.5
tmux_keys Enter "$ID" Tab
sleep 0.3
tmux_keys Tab Tab Tab
sleep 0.2
tmux_keys a F2
scr=$(wait_screen "已有同一事项" 3)
expect_has "intake: a second application of the same applicant and item is shown first" \
    "$scr" "该申请人已有同一事项的办件 $NO"
expect_has "intake: ... and nothing is filed yet (the form stays)" "$scr" "受理台"
tmux_keys F3
scr=$(wait_screen "另行收件" 3)
expect_has "message: F3 reads the last message whole" "$(echo "$scr" | tr -d ' \n')" "再按F2将另行收件"
tmux_keys q
wait_screen "受理台" 3 >/dev/null
tmux_keys F2
scr=$(wait_screen "待受理" 5)
NO2=$(echo "$scr" | grep -o '500229-20261127-[0-9]\{6\}' | head -1)
check "intake: F2 again files the second application as a case of its own" \
    test -n "$NO2" -a "$NO2" != "$NO"
tmux_keys q
wait_screen "欢迎" 3 >/dev/null
tmux_keys q y
sleep 0.5

# 2. The approver's worklist, acceptance, review.
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
tmux_start a_ps 80 40
wait_screen "欢迎" 10 >/dev/null
tmux_keys w
scr=$(wait_screen "$NO" 5)
expect_has "worklist: the new case is in the approver's worklist" "$scr" "$NO"
tmux_keys /
sleep 0.2
tmux_keys "$NO" Enter
wait_screen "$NO" 3 >/dev/null
tmux_keys a
scr=$(wait_screen "请选择要办理的操作" 3)
expect_has "act: the dialog offers acceptance" "$scr" "  受理 "
tmux_keys Enter
sleep 0.3
tmux_keys F2
scr=$(wait_screen "已受理" 5)
expect_has "act: accepted from the console" "$scr" "已受理"
tmux_keys a
sleep 0.3
tmux_keys Enter F2
scr=$(wait_screen "审查中" 5)
expect_has "act: review started; the parallel branches are shown" "$scr" "城口县消防救援支队"

# 3. Opinions from the three departments (two over ssh exec, one here).
ssh_as a_fire case act "$NO" opinion --note 消防合格 >/dev/null
ssh_as a_health case act "$NO" opinion --note 卫生合格 >/dev/null
tmux_keys a
sleep 0.3
scr=$(tmux_screen)
expect_has "act: the department's own opinion is offered" "$scr" "出具意见"
ln=$(echo "$scr" | grep -n '^  出具意见' | cut -d: -f1)
first=$(echo "$scr" | grep -n -A1 '请选择要办理的操作' | sed -n 2p | cut -d- -f1)
for _ in $(seq $((ln - first))); do tmux_keys Down; done
tmux_keys Enter
sleep 0.3
tmux_keys "治安合格" Enter
scr=$(wait_screen "决定" 5)
expect_has "parallel: after the last opinion the case moves to the decision step" "$scr" "决定"
tmux_keys a
sleep 0.3
scr=$(tmux_screen)
ln=$(echo "$scr" | grep -n '^  准予许可' | cut -d: -f1)
first=$(echo "$scr" | grep -n -A1 '请选择要办理的操作' | sed -n 2p | cut -d- -f1)
for _ in $(seq $((ln - first))); do tmux_keys Down; done
tmux_keys Enter F2
scr=$(wait_screen "准予许可" 5)
expect_has "act: approved from the console" "$scr" "准予许可"

# 4. A dropped link keeps the clerk's half-typed action as a draft.
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
tmux_start clerk1 80 24
wait_screen "欢迎" 10 >/dev/null
tmux_keys /
sleep 0.2
tmux_keys "$NO" Enter
wait_screen "$NO" 3 >/dev/null
tmux_keys a
sleep 0.3
tmux_keys Enter
sleep 0.2
tmux_keys "申请人已领证"
sleep 0.3
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null   # the link drops
sleep 1.5
tmux_start clerk1 80 24
scr=$(wait_screen "r" 10)
scr=$(wait_screen "$NO" 5)
expect_has "draft: offered again at the next login" "$scr" "$NO"
tmux_keys r
scr=$(wait_screen "申请人已领证" 5)
expect_has "draft: the typed note is back" "$scr" "申请人已领证"
tmux_keys F2
scr=$(wait_screen "已办结" 5)
expect_has "act: the clerk hands over the result" "$scr" "已办结"

json=$(ssh_as supervisor1 case show "$NO" --format json)
for a in submit accept review opinion approve complete; do
	expect_has "record: the timeline has '$a'" "$json" "\"action\": \"$a\""
done
expect_has "record: the console's address is recorded" "$json" "\"addr\": \"127.0.0.1"

# The intake form at 40x12: it scrolls to the focused field, nothing drawn over another.
tmux -L "$TMUX_SOCK" kill-session -t t 2>/dev/null
tmux_start clerk1 40 12
wait_screen "王芳" 10 >/dev/null
tmux_keys n
wait_screen "受理台" 3 >/dev/null
tmux_keys "旅馆业特种"
sleep 0.5
tmux_keys Enter Tab Tab Tab Tab Tab Down Down
sleep 0.5
scr=$(tmux_screen)
check "intake 40x12: the materials scroll into view, each on its own row" \
    test "$(echo "$scr" | grep -c '\[ \] [0-9]\.')" -ge 3
check "intake 40x12: the channel and the materials in order, no ssh line over them" \
    bash -c "printf '%s\n' \"\$1\" | grep -n '渠道\|材料\|\\\$ ssh' | tr '\n' ' ' | grep -qE '^[0-9]+:.*渠道.* [0-9]+:.*材料[^$]*$'" _ "$scr"
tmux_keys Escape
