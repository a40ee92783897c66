#!/usr/bin/env bash
# Public keys: `user key add` checks a line with libssh's own key import.
. "$(dirname "$0")/lib.sh"
start_server 200

ssh_as admin user add li --role clerk --region 500229001 --name 李四 >/dev/null
expect_eq "keys: admin adds a user" "$?" 0
ssh-keygen -q -t ed25519 -N '' -C li-ed -f "$TMP/li-ed" </dev/null
ssh-keygen -q -t rsa -b 2048 -N '' -C li-rsa -f "$TMP/li-rsa" </dev/null

ssh_as admin user key add li - < "$TMP/li-ed.pub" >/dev/null
expect_eq "keys: an ed25519 key is accepted" "$?" 0
ssh_as admin user key add li - < "$TMP/li-rsa.pub" >/dev/null
expect_eq "keys: an rsa key is accepted" "$?" 0

# Valid base64 of an ed25519 key, but the line says ssh-rsa.
ed_blob=$(cut -d' ' -f2 "$TMP/li-ed.pub")
err=$(echo "ssh-rsa $ed_blob liar" | ssh_as admin user key add li - 2>&1 >/dev/null); rc=$?
expect_eq "keys: a type that does not match the blob is refused (exit 5)" "$rc" 5
expect_eq "keys: ... with one line" "$(printf '%s\n' "$err" | wc -l)" 1
expect_has "keys: ... naming the key's own type" "$err" "'ssh-ed25519'"
err=$(echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA!!notbase64 x" | ssh_as admin user key add li - 2>&1 >/dev/null); rc=$?
expect_eq "keys: garbage base64 is refused (exit 5)" "$rc" 5
expect_eq "keys: ... with one line" "$(printf '%s\n' "$err" | wc -l)" 1
echo "ssh-ed25519 QUJDREVGR0hJSktMTU5PUFFSU1RVVldY x" | ssh_as admin user key add li - >/dev/null 2>&1
expect_eq "keys: base64 that is not a key is refused (exit 5)" "$?" 5
echo "ssh-dss AAAAB3NzaC1kc3MAAACBAP x" | ssh_as admin user key add li - >/dev/null 2>&1
expect_eq "keys: an unknown type is refused (exit 5)" "$?" 5

list=$(ssh_as admin user key list li --format csv); rc=$?
expect_eq "keys: key list exits 0" "$rc" 0
expect_eq "keys: key list shows the two keys" "$(echo "$list" | tail -n +2 | cut -d, -f2 | tr -d '\r' | paste -sd' ')" \
    "ssh-ed25519 ssh-rsa"
expect_has "keys: key list shows the end of the ed25519 blob" "$list" "${ed_blob: -12}"
expect_has "keys: key list shows the comment" "$list" "li-rsa"

for k in li-ed li-rsa; do
	out=$(ssh $SSH_OPTS -o BatchMode=yes -o IdentitiesOnly=yes -i "$TMP/$k" -p "$PORT" li@127.0.0.1 version)
	expect_has "keys: li logs in with the $k key" "$out" "tongban"
done
