#!/usr/bin/env bash
# Help for every verb over ssh (usage, what it does, every option with its
# meaning, an example, the exit codes), in English and Chinese; and the
# rules of the console's ':' prompt: it starts empty (Up and Down walk the
# commands entered), it runs the equivalent line the console shows, pasted
# whole, and it never runs a command again by itself.
. "$(dirname "$0")/lib.sh"
start_server
export LANG=C.UTF-8

# --- help NOUN [VERB] -----------------------------------------------------------
for noun in case appointment flowchart project user calendar region item audit dashboard \
    stats supervise complaint rating report help version; do
	out=$(ssh_as approver2 help "$noun")
	# a verb's usage line: "  NOUN ..." with its summary under it
	rows=$(printf '%s\n' "$out" | awk -v n="$noun" '
	    prev ~ "^  " n "( |$)" && /^      [^ ]/ { c++ } { prev = $0 } END { print c + 0 }')
	examples=$(printf '%s\n' "$out" | grep -c "^      example: $noun\( \|$\)")
	expect_eq "help $noun: an example for each of its $rows verbs" "$examples" "$rows"
	bare=$(printf '%s\n' "$out" | grep -cE '^        --[a-z-]+( VALUE)? *$')
	expect_eq "help $noun: every option has its meaning" "$bare" 0
	expect_has "help $noun: the exit codes" "$out" "Exit codes: 0 ok"
done
out=$(ssh_as approver2 help case act)
expect_has "help case act: its usage" "$out" "case act NO ACTION [--note TEXT]"
expect_has "help case act: --verdict means an opinion" "$out" "--verdict VALUE"
expect_has "help case act: what --expect-version does" "$out" "refuse (exit 4) if the case changed"
expect_has "help case act: an example" "$out" "example: case act "
expect_eq "help case act: only that verb" "$(printf '%s\n' "$out" | grep -c '^  case ')" 1
out=$(ssh_as clerk1 help case find)
expect_has "help in Chinese: options" "$out" "选项："
expect_has "help in Chinese: the option's meaning" "$out" "只看姓名含该文字的申请人"
expect_has "help in Chinese: an example" "$out" "示例："
expect_has "help in Chinese: the exit codes" "$out" "退出码"
ssh_as admin help case nosuch >/dev/null 2>&1
expect_eq "help of a verb that does not exist: exit 2" "$?" 2

# --- the ':' prompt ---------------------------------------------------------------
no=$(ssh_as approver2 case worklist --format tsv | awk -F'\t' '$6 == "under_review" {print $1; exit}')
tmux_start approver2 80 24
wait_screen "F1" 5 >/dev/null
tmux_keys :
scr=$(wait_screen "Any command" 3)
expect_eq "prompt: starts empty" "$(printf '%s\n' "$scr" | sed -n 5p)" " :"
tmux_keys "case show $no" Enter
scr=$(wait_screen "tongban · case show $no" 3)
expect_has "prompt: runs a command and shows its output" "$scr" "case no     $no"
tmux_keys q
wait_screen "Latest cases" 3 >/dev/null
tmux_keys :
sleep 0.4
expect_eq "prompt: empty again after a command ran" "$(tmux_screen | sed -n 5p)" " :"
tmux_keys "calendar add 2026-11-27 1" Enter
wait_screen "tongban · calendar add" 3 >/dev/null
tmux_keys q
sleep 0.4
tmux_keys :
sleep 0.3
tmux_keys Up
sleep 0.3
expect_eq "prompt: Up recalls the last command" "$(tmux_screen | sed -n 5p)" " : calendar add 2026-11-27 1"
tmux_keys Up
sleep 0.3
expect_eq "prompt: Up again, the one before" "$(tmux_screen | sed -n 5p)" " : case show $no"
tmux_keys Down Down
sleep 0.3
expect_eq "prompt: Down back to the empty line" "$(tmux_screen | sed -n 5p)" " :"
# The equivalent line as the console shows it, pasted whole.
tmux_keys -l "\$ ssh -p $PORT approver2@localhost case tell $no accept --how phone --note 'told at the window, by phone'"
tmux_keys Enter
scr=$(wait_screen "tongban · case tell" 3)
expect_has "prompt: a pasted equivalent line runs its command" "$scr" "told of the acceptance notice by phone"
tells() { ssh_as approver2 case show "$no" --format json | python3 -c '
import json, sys
print(sum(1 for e in json.load(sys.stdin)["events"] if e["action"] == "tell"))'; }
expect_eq "prompt: the command ran once" "$(tells)" 1
# Nothing runs it again: a repaint, a resize, data changed elsewhere, r.
tmux_keys C-l
sleep 0.4
tmux -L "$TMUX_SOCK" resize-window -t t -x 100 -y 30 2>/dev/null
sleep 0.5
ssh_as approver2 case tell "$no" accept --how sms >/dev/null
tmux_keys C-l
sleep 0.4
tmux_keys r
scr=$(wait_screen "run it again with" 3)
expect_has "prompt: r on a command that changed data is refused" "$scr" "this command changes data"
tmux_keys q
sleep 0.5
expect_eq "prompt: after Ctrl-L, a resize, a change elsewhere and r: still once (plus the one by ssh)" \
    "$(tells)" 2
expect_has "prompt: q returns to where the prompt was opened" "$(tmux_screen)" "Latest cases"
expect_has "prompt: the note pasted with quotes is kept whole" \
    "$(ssh_as approver2 case show "$no")" "told at the window, by phone"
