#!/usr/bin/env bash
# One exit code for each kind of failure, the same for every verb, over
# real ssh: 0 ok, 1 usage (an unknown option, a missing word), 2 not found
# (or not yours to see), 3 denied, 4 conflict, 5 invalid input (the option
# or the file's line named).
. "$(dirname "$0")/lib.sh"
start_server 100

rc_of() { "$@" >/dev/null 2>&1; echo $?; }
NO=$(ssh_as clerk1 case find --status submitted --limit 1 --format csv | sed -n 2p | cut -d, -f1)
V=$(ssh_as clerk1 case show "$NO" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')

expect_eq "0: a command that works" "$(rc_of ssh_as supervisor1 case find --limit 1)" 0
for cmd in "case find --colour red" "user list --bogus" "report weekly --when now" "query run"; do
	expect_eq "1: usage: $cmd" "$(rc_of ssh_as admin "$cmd")" 1
done
expect_eq "1: an unknown command" "$(rc_of ssh_as admin frobnicate)" 1
expect_eq "2: no such case" "$(rc_of ssh_as supervisor1 case show 500229-20000101-000001)" 2
expect_eq "2: a case out of sight reads the same" "$(rc_of ssh_as supervisor2 case show "$(ssh_as supervisor1 case find --region 500103 --limit 1 --format csv | sed -n 2p | cut -d, -f1)")" 2
expect_eq "2: no such saved query" "$(rc_of ssh_as clerk1 query run nothing)" 2
expect_eq "3: a clerk may not list users" "$(rc_of ssh_as clerk1 user list)" 3
expect_eq "3: an approver may not import applications" "$(echo | rc_of ssh_as approver1 case import -)" 3
expect_eq "4: an action on an older version" "$(rc_of ssh_as clerk1 case act "$NO" withdraw --note x --expect-version $((V + 5)))" 4
# Each with the option (or the word) its message names.
while IFS='|' read -r who cmd named; do
	expect_eq "5: invalid: $cmd" "$(rc_of ssh_as "$who" "$cmd")" 5
	expect_has "5: ... names $named" "$(ssh_as "$who" "$cmd" 2>&1 >/dev/null)" "$named"
done <<EOT
supervisor1|case find --status opened|--status
supervisor1|case find --from 2017-02-30|--from
supervisor1|case find --light purple|--light
supervisor1|case find --format xml|--format
supervisor1|report weekly --date 2017-02-30|--date
supervisor2|dashboard --once --region 500229001|--region
admin|calendar set colour 5|colour
clerk1|case act $NO grant|grant
supervisor1|case find --limit -3|--limit
supervisor1|item list --header fr|--header
EOT
printf 'item,applicant_id\n' | { err=$(ssh_as clerk1 case import - 2>&1); rc=$?; 
	expect_eq "5: a file: its header named" "$rc" 5; expect_has "5: ... by FILE:LINE" "$err" "stdin:1: "; }
# 10 (the database failed: busy past 10 s, full, unreadable) is tried for
# real by make test-fault (a full disk), as root ignores a read-only file.
