#!/usr/bin/env bash
# Papers to hand over (文书): text for a printer, PDF, and printing from the
# console through the terminal's print controller (ESC [5i ... ESC [4i).
. "$(dirname "$0")/lib.sh"
start_server 2000

no=$(sqlite3 "$DB" "SELECT c.no FROM cases c JOIN event e ON e.case_id = c.id
    WHERE e.action = 'supplement' AND c.office = '500229.market' LIMIT 1")
[ -n "$no" ] || no=$(sqlite3 "$DB" "SELECT c.no FROM cases c JOIN event e ON e.case_id = c.id
    WHERE e.action = 'accept' AND c.office = '500229.market' LIMIT 1")
kind=$(sqlite3 "$DB" "SELECT CASE WHEN count(*) > 0 THEN 'supplement' ELSE 'accept' END
    FROM event WHERE action = 'supplement' AND case_id = (SELECT id FROM cases WHERE no = '$no')")
title=$([ "$kind" = supplement ] && echo 补正材料一次性告知书 || echo 受理通知书)
name=$(sqlite3 "$DB" "SELECT applicant_name FROM cases WHERE no = '$no'")

out=$(ssh_as approver1 case paper "$no" "$kind"); rc=$?
expect_eq "paper: the $title of $no as text (exit 0)" "$rc" 0
expect_has "paper: ... titled" "$out" "$title"
expect_has "paper: ... addressed to the applicant" "$out" "$name（"
expect_has "paper: ... under the office's seal" "$out" "城口县市场监督管理局（印章）"
check "paper: no line wider than 72 columns" bash -c "printf '%s\n' \"\$1\" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in s)
sys.exit(0 if all(w(l.rstrip(\"\n\")) <= 72 for l in sys.stdin) else 1)'" _ "$out"
check "paper: no line begins with a closing mark" bash -c "! printf '%s\n' \"\$1\" | grep -qE '^ *[，。、；：）”]'" _ "$out"
ssh_as approver1 case paper "$no" "$kind" --encoding gbk > "$TMP/p.gbk"
expect_eq "paper: --encoding gbk for a GBK printer" \
    "$(python3 -c 'import sys; print("gbk" if sys.argv[2] in open(sys.argv[1], "rb").read().decode("gb18030") else "-")' "$TMP/p.gbk" "$title")" gbk
ssh_as approver1 case paper "$no" "$kind" --format pdf > "$TMP/p.pdf"
expect_eq "paper: --format pdf is a PDF" "$(head -c 5 "$TMP/p.pdf")" "%PDF-"
check "paper: ... with its Chinese font" grep -qa "SimSun" "$TMP/p.pdf"
expect_eq "paper: a paper whose moment has not happened is refused (exit 4)" \
    "$(ssh_as approver1 case paper "$no" refuse >/dev/null 2>&1; echo $?)" 4
expect_eq "paper: an unknown paper is refused (exit 5)" \
    "$(ssh_as approver1 case paper "$no" licence >/dev/null 2>&1; echo $?)" 5
expect_eq "paper: another district's clerk cannot see the case (exit 2)" \
    "$(ssh_as clerk2 case paper "$no" "$kind" >/dev/null 2>&1; echo $?)" 2

# The console prints through the terminal: the bytes between ESC [5i and ESC [4i.
(sleep 2; printf '/'; sleep 0.5; printf '%s\r' "$no"; sleep 1; printf 'p'; sleep 1;
 printf 'p'; sleep 1; printf 'q'; sleep 0.3; printf 'q'; sleep 0.3; printf 'qy'; sleep 1) |
    ssh $SSH_OPTS -tt -i "$TMP/key" -p "$PORT" approver1@127.0.0.1 > "$TMP/print.bin" 2>/dev/null
printed=$(python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
s = b.find(b"\x1b[5i"); e = b.find(b"\x1b[4i", s)
print(b[s + 4:e].decode("utf-8", "replace") if s >= 0 and e > s else "")' "$TMP/print.bin")
expect_has "console: p prints the paper through the terminal's print controller" "$printed" "城口县市场监督管理局（印章）"
check "console: ... with CR LF line ends for the printer" grep -qa $'\r' <<<"$printed"
