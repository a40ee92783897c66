#!/usr/bin/env bash
# Saved queries over ssh, as a cron line would use them: a supervisor saves
# the district's weekly pull and shares it; a colleague in the district runs
# it with their own sight, one outside does not see it; --format and --limit
# given to run replace the saved ones; a query that would write is refused.
. "$(dirname "$0")/lib.sh"
start_server 800

out=$(ssh_as supervisor2 "query save weekly --share -- case find --status open --limit 5 --format csv")
expect_has "save: says how to run it" "$out" "query run weekly"
want=$(ssh_as supervisor2 case find --status open --limit 5 --format csv)
expect_eq "run: the same as the command itself" "$(ssh_as supervisor2 query run weekly)" "$want"
expect_eq "run: --limit given to run replaces the saved one" \
    "$(ssh_as supervisor2 query run weekly --limit 2 | tail -n +2 | wc -l)" 2
expect_has "run: --format given to run replaces the saved one" \
    "$(ssh_as supervisor2 query run weekly --format json)" '"no": "'
expect_has "list: the owner sees it" "$(ssh_as supervisor2 query list)" "weekly"
# approver1 works in 城口县 (500229), where it is shared; supervisor1's region is the city.
expect_has "shared: a colleague in the district lists it" "$(ssh_as approver1 query list)" "supervisor2"
mine=$(ssh_as approver1 case find --status open --limit 5 --format csv)
expect_eq "shared: ... and runs it with their own sight" "$(ssh_as approver1 query run weekly)" "$mine"
expect_eq "shared: one outside the district does not see it (exit 2)" \
    "$(ssh_as approver2 query run weekly >/dev/null 2>&1; echo $?)" 2
expect_eq "delete: not someone else's (exit 2)" \
    "$(ssh_as approver1 query delete weekly >/dev/null 2>&1; echo $?)" 2
expect_eq "share: a clerk may not share (exit 3)" \
    "$(ssh_as clerk1 "query save mine --share -- case find" >/dev/null 2>&1; echo $?)" 3
expect_eq "save: a command that writes is refused (exit 5)" \
    "$(ssh_as clerk1 "query save x -- case act 500229-20261101-000001 accept" >/dev/null 2>&1; echo $?)" 5
expect_eq "save: an unknown command is refused (exit 5)" \
    "$(ssh_as clerk1 "query save x -- case frobnicate" >/dev/null 2>&1; echo $?)" 5
expect_eq "save: a bad name is refused (exit 5)" \
    "$(ssh_as clerk1 "query save 'a b' -- case find" >/dev/null 2>&1; echo $?)" 5
ssh_as supervisor2 "query save weekly --share -- case find --status closed --limit 5 --format csv" >/dev/null
expect_has "save: the same name replaces it" "$(ssh_as supervisor2 query list)" "closed"
expect_has "delete: the owner deletes it" "$(ssh_as supervisor2 query delete weekly)" "weekly"
expect_eq "delete: ... and it is gone (exit 2)" \
    "$(ssh_as supervisor2 query run weekly >/dev/null 2>&1; echo $?)" 2
