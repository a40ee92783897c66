#!/usr/bin/env bash
# The catalog round trip: item export carries every item's materials and
# steps, and item import of that file into an empty database gives back the
# same catalog, byte for byte; a GBK export decodes to the UTF-8 one; a
# bad line in a materials cell is named by line and column and changes
# nothing.
. "$(dirname "$0")/lib.sh"
start_server 50

ssh_as admin item material add 000101001000 --name '食品安全管理制度（含“|”号）' --secondary >/dev/null
ssh_as admin "item step add 000101001000 --name 公示 --name-en 'Publish, then file' --dept market --days 2" >/dev/null
ssh_as admin item export > "$TMP/items.csv"
expect_eq "export: two more columns" "$(head -1 "$TMP/items.csv" | tr -d '\r' | awk -F, '{print $14 "," $15}')" "materials,steps"
expect_has "export: the new material, numbered, with its flags" "$(cat "$TMP/items.csv")" "|1|1|食品安全管理制度（含“|”号）"
"$TB" init --db "$TMP/empty.db" >/dev/null
"$TB" --db "$TMP/empty.db" item import "$TMP/items.csv" >/dev/null; rc=$?
expect_eq "round trip: import into an empty database (exit 0)" "$rc" 0
expect_eq "round trip: the same catalog, materials and steps included" \
    "$("$TB" --db "$TMP/empty.db" item export | sha1sum)" "$(sha1sum < "$TMP/items.csv")"
expect_has "round trip: the step as entered" "$("$TB" --db "$TMP/empty.db" item show 000101001000)" "公示"
ssh_as admin item export --encoding gbk > "$TMP/items-gbk.csv"
expect_eq "GBK: the GBK export decodes to the UTF-8 one" \
    "$(iconv -f gbk -t utf-8 "$TMP/items-gbk.csv" | sha1sum)" "$(sha1sum < "$TMP/items.csv")"
"$TB" init --db "$TMP/empty2.db" >/dev/null
"$TB" --db "$TMP/empty2.db" item import "$TMP/items-gbk.csv" >/dev/null
expect_eq "GBK: ... and imports the same, without --encoding" \
    "$("$TB" --db "$TMP/empty2.db" item export | sha1sum)" "$(sha1sum < "$TMP/items.csv")"

python3 - "$TMP/items.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
rows[1][13] = rows[1][13] + "\n7|0|1|可选却容缺"      # an optional material pledged
csv.writer(open(sys.argv[1] + ".bad", "w", newline="", encoding="utf-8")).writerows(rows)
PY
before=$(ssh_as admin item export | sha1sum)
err=$(ssh_as admin item import - < "$TMP/items.csv.bad" 2>&1); rc=$?
expect_eq "bad cell: exit 5" "$rc" 5
expect_has "bad cell: names the record's line and the column" "$err" "stdin:2:14: "
expect_has "bad cell: ... and the line in the cell" "$err" "第 7 行"
expect_eq "bad cell: nothing changed" "$(ssh_as admin item export | sha1sum)" "$before"

# Regions round-trip the same way, GBK included.
ssh_as admin region export > "$TMP/regions.csv"
"$TB" --db "$TMP/empty.db" region import "$TMP/regions.csv" >/dev/null
expect_eq "regions: export, import, export gives the same file" \
    "$("$TB" --db "$TMP/empty.db" region export | sha1sum)" "$(sha1sum < "$TMP/regions.csv")"
# One village's name (…㭎…) is outside GBK: "gbk" output is GB18030, its
# superset, which every Chinese Windows reads; iconv decodes it as GB18030.
ssh_as admin region export --encoding gbk > "$TMP/regions-gbk.csv"
expect_eq "regions: the GBK (GB18030) export decodes to the UTF-8 one" \
    "$(iconv -f gb18030 -t utf-8 "$TMP/regions-gbk.csv" | sha1sum)" "$(sha1sum < "$TMP/regions.csv")"
