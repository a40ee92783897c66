#!/usr/bin/env bash
# make install into a staging root, then a server started the way the
# systemd unit starts it (serve --config FILE) from a database made by the
# installed binary, away from the source tree; the manual lists every
# command of help; a bad configuration names its line.
. "$(dirname "$0")/lib.sh"
ROOT=$TMP/root
SRC=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$SRC" install DESTDIR="$ROOT" >/dev/null 2>"$TMP/install.err"
expect_eq "install: exit 0" "$?" 0
P=$ROOT/usr/local
for f in bin/tongban share/tongban/items.csv share/tongban/flowcharts/general.csv \
    share/man/man1/tongban.1 share/man/zh_CN/man1/tongban.1 \
    share/locale/zh_CN/LC_MESSAGES/tongban.mo lib/systemd/system/tongban.service; do
	check "install: $f" test -s "$P/$f"
done
check "install: the configuration" test -s "$ROOT/etc/tongban/tongban.conf"
expect_has "install: the unit starts serve --config" "$(cat "$P/lib/systemd/system/tongban.service")" \
    "ExecStart=/usr/local/bin/tongban serve --config /etc/tongban/tongban.conf"

# Every command of help is in the manual, in English and in Chinese.
man=$(man -l "$P/share/man/man1/tongban.1" 2>/dev/null)
zhman=$(man -l "$P/share/man/zh_CN/man1/tongban.1" 2>/dev/null)
missing=0
while read -r noun verb _; do
	[ -n "$verb" ] || continue
	grep -q "$noun $verb" <<<"$man" || { missing=$((missing + 1)); echo "# missing: $noun $verb"; }
done < <("$TB" --db "$DB" help 2>/dev/null | sed -n 's/^  \([a-z]*\) \([a-z]*\).*/\1 \2/p')
expect_eq "man: every command of help is in the manual" "$missing" 0
expect_has "man: the exit codes" "$man" "invalid input"
expect_has "man: in Chinese too" "$zhman" "退出码"

# The installed binary away from the source tree, its data from the prefix.
cd "$TMP"
export TONGBAN_DATA=$P/share/tongban TONGBAN_LOCALEDIR=$P/share/locale
"$P/bin/tongban" init --db "$TMP/prod.db" >/dev/null
rows() { python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))) - 1)'; }
expect_eq "init: the installed catalog" "$("$P/bin/tongban" --db "$TMP/prod.db" item export | rows)" \
    "$(rows < "$SRC/data/items.csv")"
"$P/bin/tongban" --db "$TMP/prod.db" user add ops --role admin --region 500000 >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$TMP/opskey" </dev/null
"$P/bin/tongban" --db "$TMP/prod.db" user key add ops "$TMP/opskey.pub" >/dev/null
PORT=$(free_port)
sed -e "s|^db = .*|db = $TMP/prod.db|" -e "s|^listen = .*|listen = 127.0.0.1:$PORT|" \
    -e "s|^#warn_percent = 80|warn_percent = 70|" "$ROOT/etc/tongban/tongban.conf" > "$TMP/tongban.conf"
"$P/bin/tongban" serve --config "$TMP/tongban.conf" >"$TMP/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q listening "$TMP/serve.log" 2>/dev/null && break; sleep 0.1; done
expect_has "config: listens where the file says" "$(cat "$TMP/serve.log")" "127.0.0.1:$PORT"
out=$(ssh $SSH_OPTS -o BatchMode=yes -i "$TMP/opskey" -p "$PORT" ops@127.0.0.1 calendar set warn-percent)
expect_eq "config: warn_percent applied at start" "$out" "70"
kill "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=
printf 'db = %s\nlisten = 127.0.0.1:%s\nidle_timeout = soon\n' "$TMP/prod.db" "$PORT" > "$TMP/bad.conf"
err=$("$P/bin/tongban" serve --config "$TMP/bad.conf" 2>&1); rc=$?
expect_eq "config: a bad value stops the start (exit 5)" "$rc" 5
expect_has "config: ... naming file and line" "$err" "$TMP/bad.conf:3: idle_timeout: expected minutes"
printf 'colour = blue\n' > "$TMP/bad2.conf"
expect_has "config: an unknown key is named" "$("$P/bin/tongban" serve --config "$TMP/bad2.conf" 2>&1)" \
    "bad2.conf:1: expected one of db, listen"
