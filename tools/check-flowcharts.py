#!/usr/bin/python3
"""Check the "1+8" flowcharts in data/flowcharts against the catalog.

Usage: tools/check-flowcharts.py [DATADIR]   (default: data)

Checks, for flowcharts.csv and every <code>.csv it lists:
  - the headers are exactly the ones the loader reads;
  - codes are unique, lowercase letters, digits and '-', general first;
  - total_days is a positive number and before reads like 110-170;
  - stages run 1..N without a gap and each stage's rows are together;
  - stage_name, stage_name_en, stage_days and joint are the same on every
    row of a stage; joint is empty, survey, drawings or acceptance;
  - every item is in items.csv, once per flowchart, has materials and
    steps, and can be handled where the site is (city or district level);
  - a stage's limit is at least the longest promised limit of its items
    (the items run in parallel), and the stage limits add up to no more
    than total_days;
  - a joint step has offices of at least two department kinds to meet.
Prints one line per problem and exits 1 if there is any.
"""
import csv
import os
import re
import sys

FLOW_HEADER = ["code", "name", "name_en", "total_days", "before"]
STAGE_HEADER = ["stage", "stage_name", "stage_name_en", "stage_days", "joint", "item"]
JOINTS = {"", "survey", "drawings", "acceptance"}

problems = []


def problem(where, what):
    problems.append("%s: %s" % (where, what))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0] if rows else [], rows[1:]


def positive(text):
    return re.fullmatch(r"[1-9][0-9]*", text) is not None


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "data"
    _, item_rows = read(os.path.join(data, "items.csv"))
    items = {r[0]: r for r in item_rows}
    _, mat_rows = read(os.path.join(data, "item_materials.csv"))
    with_materials = {r[0] for r in mat_rows}
    _, step_rows = read(os.path.join(data, "item_steps.csv"))
    with_steps = {r[0] for r in step_rows}

    fpath = os.path.join(data, "flowcharts", "flowcharts.csv")
    header, flows = read(fpath)
    if header != FLOW_HEADER:
        problem(fpath, "header is %s, expected %s" % (",".join(header), ",".join(FLOW_HEADER)))
        return
    seen = set()
    for n, row in enumerate(flows, 2):
        where = "%s:%d" % (fpath, n)
        if len(row) != len(FLOW_HEADER):
            problem(where, "%d fields, expected %d" % (len(row), len(FLOW_HEADER)))
            continue
        code, name, name_en, total, before = row
        if not re.fullmatch(r"[a-z][a-z0-9-]*", code):
            problem(where, "code '%s' is not lowercase letters, digits and '-'" % code)
        if code in seen:
            problem(where, "code '%s' twice" % code)
        seen.add(code)
        if n == 2 and code != "general":
            problem(where, "the first flowchart must be 'general'")
        if not name or not name_en:
            problem(where, "a name and an English name are needed")
        if not positive(total):
            problem(where, "total_days '%s' is not a positive number" % total)
            continue
        m = re.fullmatch(r"([1-9][0-9]*)-([1-9][0-9]*)", before)
        if not m or int(m.group(1)) > int(m.group(2)):
            problem(where, "before '%s' is not a range like 110-170" % before)
        elif int(m.group(1)) <= int(total):
            problem(where, "before (%s) is not longer than total_days (%s)" % (before, total))
        check_flowchart(data, code, int(total), items, with_materials, with_steps)


def check_flowchart(data, code, total, items, with_materials, with_steps):
    path = os.path.join(data, "flowcharts", code + ".csv")
    if not os.path.exists(path):
        problem(path, "missing (listed in flowcharts.csv)")
        return
    header, rows = read(path)
    if header != STAGE_HEADER:
        problem(path, "header is %s, expected %s" % (",".join(header), ",".join(STAGE_HEADER)))
        return
    stages = {}		# seq -> (fields, [items], first line)
    order = []
    used = set()
    for n, row in enumerate(rows, 2):
        where = "%s:%d" % (path, n)
        if len(row) != len(STAGE_HEADER):
            problem(where, "%d fields, expected %d" % (len(row), len(STAGE_HEADER)))
            continue
        seq, sname, sname_en, days, joint, item = row
        if not positive(seq) or not positive(days):
            problem(where, "stage and stage_days must be positive numbers")
            continue
        if joint not in JOINTS:
            problem(where, "joint '%s' is not empty, survey, drawings or acceptance" % joint)
        if not sname or not sname_en:
            problem(where, "a stage name and an English stage name are needed")
        seq = int(seq)
        fields = (sname, sname_en, int(days), joint)
        if seq not in stages:
            if order and seq != order[-1] + 1:
                problem(where, "stage %d follows stage %d" % (seq, order[-1]))
            order.append(seq)
            stages[seq] = (fields, [], n)
        else:
            if seq != order[-1]:
                problem(where, "stage %d's rows are not together" % seq)
            if fields != stages[seq][0]:
                problem(where, "stage %d's name, days or joint differ from line %d"
                        % (seq, stages[seq][2]))
        if item not in items:
            problem(where, "item %s is not in items.csv" % item)
            continue
        if item in used:
            problem(where, "item %s twice in the flowchart" % item)
        used.add(item)
        if item not in with_materials:
            problem(where, "item %s has no materials" % item)
        if item not in with_steps:
            problem(where, "item %s has no steps" % item)
        levels = items[item][5].split("|")
        if "district" not in levels and "city" not in levels:
            problem(where, "item %s is handled at no city or district office" % item)
        stages[seq][1].append(item)
    if not order:
        problem(path, "no stages")
        return
    if order[0] != 1:
        problem(path, "the first stage is %d, not 1" % order[0])
    sum_days = 0
    for seq in order:
        (sname, _, days, joint), its, line = stages[seq]
        sum_days += days
        where = "%s:%d" % (path, line)
        if not its:
            continue
        longest = max(int(items[i][7]) for i in its)
        if longest > days:
            problem(where, "stage %d lasts %d days but an item promises %d"
                    % (seq, days, longest))
        if joint and len({items[i][4] for i in its}) < 2:
            problem(where, "stage %d's joint step (%s) has one department kind only"
                    % (seq, joint))
    if sum_days > total:
        problem(path, "stages add up to %d days, more than the flowchart's %d" % (sum_days, total))


if __name__ == "__main__":
    main()
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("flowcharts: all checks passed")
