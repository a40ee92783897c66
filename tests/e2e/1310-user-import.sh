#!/usr/bin/env bash
# Users from a spreadsheet over ssh: an admin adds a district's people with
# their keys from a GBK file with a Chinese header, and they log in with
# those keys; a bad row names its line and column, exits 5 and adds nobody;
# `user export` read back by `user import` into an empty database gives the
# same users and keys.
. "$(dirname "$0")/lib.sh"
start_server 50

users() { sqlite3 "$DB" 'SELECT count(*) FROM users; SELECT count(*) FROM user_key' | tr '\n' ' '; }
for k in wang li; do ssh-keygen -q -t ed25519 -N '' -C "$k@hall" -f "$TMP/$k" </dev/null; done
python3 - "$TMP" <<'PY'
import csv, sys
t = sys.argv[1]
k = {n: open(f"{t}/{n}.pub").read().strip() for n in ("wang", "li")}
head = ['登录名','姓名','角色','区划','办理机关','语言','终端编码','负责人','状态','公钥']
good = [head,
    ['wang','王芳','窗口人员','500229001','','','','','',k['wang']],
    ['li','李强','审批人员','500229','500229.market','zh','gbk','是','',k['li']],
    ['zhao','赵六','supervisor','500229','','en','','','停用','']]
def save(name, rows):
    with open(f"{t}/{name}", 'w', encoding='gbk', newline='') as f:
        csv.writer(f, lineterminator='\r\n').writerows(rows)
save('good.csv', good)
save('role.csv', good[:2] + [['li','李强','局长','500229','','','','','','']])
save('region.csv', good[:2] + [['li','李强','审批人员','509999','500229.market','','','','','']])
save('key.csv', good[:2] + [['li','李强','审批人员','500229','500229.market','','','','','ssh-ed25519 AAAAnotakey li@hall']])
save('dup.csv', good[:2] + [['wang','王芳','窗口人员','500229001','','','','','','']])
PY
refuse() {
	local before err rc
	before=$(users)
	err=$(ssh_as admin user import - < "$2" 2>&1); rc=$?
	expect_eq "$1: exit 5" "$rc" 5
	expect_has "$1: says '$3'" "$err" "$3"
	expect_eq "$1: nobody added" "$(users)" "$before"
}
refuse "unknown role" "$TMP/role.csv" "stdin:3:3: 应为窗口人员、审批人员、效能监察人员或系统管理员"
refuse "unknown region" "$TMP/region.csv" "stdin:3:4: "
refuse "a bad key" "$TMP/key.csv" "stdin:3:10: 应为 OpenSSH 公钥"
refuse "a login twice" "$TMP/dup.csv" "stdin:3:1: 每个登录名只应出现一次，实际与第 2 行重复"
expect_eq "a clerk may not import users (exit 3)" \
    "$(ssh_as clerk1 user import - < "$TMP/good.csv" >/dev/null 2>&1; echo $?)" 3

out=$(ssh_as admin user import --dry-run - < "$TMP/good.csv")
expect_has "dry run: says so" "$out" "全部有效；未写入任何数据"
out=$(ssh_as admin user import - < "$TMP/good.csv"); rc=$?
expect_eq "import: exit 0" "$rc" 0
expect_has "import: counts" "$out" "已添加用户 3 个、密钥 2 个（共 3 行）"
me=$(ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/wang" -p "$PORT" wang@127.0.0.1 user me)
expect_has "import: wang logs in with the imported key, a clerk of 葛城街道" "$me" "窗口人员"
# li's terminal is GBK, as the file said: the output is too.
me=$(ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/li" -p "$PORT" li@127.0.0.1 user me | iconv -f gb18030 -t utf-8)
expect_has "import: li is an approver heading the office (output in GBK)" "$me" "办理办件、负责人"
check "import: zhao is disabled" bash -c "! ssh $SSH_OPTS -o BatchMode=yes -i '$TMP/key' -p '$PORT' zhao@127.0.0.1 version >/dev/null 2>&1"
out=$(ssh_as admin user import - < "$TMP/good.csv"); rc=$?
expect_eq "import again: nothing new, not an error" "$out" "已添加用户 0 个、密钥 0 个（共 3 行）"

# Round trip: export, import into an empty database, export again.
ssh_as admin user export > "$TMP/users.csv"
"$TB" init --db "$TMP/empty.db" >/dev/null
"$TB" --db "$TMP/empty.db" user import "$TMP/users.csv" >/dev/null
expect_eq "round trip: the same users and keys" \
    "$("$TB" --db "$TMP/empty.db" user export | sha1sum)" "$(sha1sum < "$TMP/users.csv")"
ssh_as admin user export --header zh --encoding gbk > "$TMP/users-gbk.csv"
expect_eq "round trip: a GBK export with Chinese headers decodes to the same rows" \
    "$(iconv -f gbk -t utf-8 "$TMP/users-gbk.csv" | tail -n +2 | sha1sum)" "$(tail -n +2 "$TMP/users.csv" | sha1sum)"
"$TB" init --db "$TMP/empty2.db" >/dev/null
"$TB" --db "$TMP/empty2.db" user import "$TMP/users-gbk.csv" >/dev/null
expect_eq "round trip: ... and imports the same" \
    "$("$TB" --db "$TMP/empty2.db" user export | sha1sum)" "$(sha1sum < "$TMP/users.csv")"
