#!/usr/bin/env python3
"""Bytes the live dashboard sends when one figure changes.

Runs the console locally on a pseudo-terminal (80x24, as supervisor1), opens
the dashboard, waits until it is idle, then changes one case through the
command line and counts the bytes the console writes in the next 2.5 s.
usage: tests/dashwire.py DB
"""
import os, pty, select, subprocess, sys, time, fcntl, termios, struct

db = sys.argv[1]
tb = os.environ.get("TONGBAN", "./tongban")

def drain(fd, t):
    out = b""; end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out

def run(*args):
    return subprocess.run([tb, "--db", db] + list(args), capture_output=True, text=True).stdout

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.environ["NCURSES_NO_UTF8_ACS"] = "1"
    os.execv(tb, [tb, "--db", db, "--as", "supervisor1", "console"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
drain(fd, 1.0)
os.write(fd, b"d")
first = drain(fd, 1.5)
idle = drain(fd, 2.0)
# One change: a submitted case gets a supplement notice (待受理 -1, 补正中 +1).
no = run("--as", "approver1", "case", "worklist", "--format", "csv").splitlines()
target = next((l.split(",")[0] for l in no[1:] if ",submitted," in l), None)
if target:
    run("--as", "approver1", "case", "act", target, "supplement")
update = drain(fd, 2.5)
# A new case: the totals, the area, the status line and the ticker change.
run("--as", "clerk1", "case", "new", "--item", "000101001000", "--applicant-id",
    "11010519491231002X", "--applicant-name", "张三", "--applicant-region", "500229001003",
    "--channel", "window", "--materials", "1,2,3,4")
newcase = drain(fd, 2.5)
os.write(fd, b"q"); drain(fd, 0.3); os.write(fd, b"q"); drain(fd, 0.5)
print(f"dashboard first paint: {len(first)} B; idle 2 s: {len(idle)} B; "
      f"one case to supplement: {len(update)} B (case {target}); one new case: {len(newcase)} B")
