#!/usr/bin/python3
"""Many consoles logging in at once: N ssh sessions (paramiko, a key, a pty
of 80x24) connect within one second (5 ms apart, each from its own loopback
address: the server holds at most 64 unauthenticated connections, 8 per
address); for each, the time from the start of its
connection to its home screen on view (the home screen's key bar has
arrived), and from the end of authentication to the same moment.
usage: tests/storm.py PORT KEYFILE N LOGIN [LOGIN...]   (Debian's python3-paramiko)
"""
import socket, sys, threading, time
import paramiko

port, keyfile, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
logins = sys.argv[4:]
key = paramiko.Ed25519Key.from_private_key_file(keyfile)
start = threading.Event()
res = []
lock = threading.Lock()


def one(i):
    login = logins[i % len(logins)]
    start.wait()
    time.sleep(i * 0.005)
    t0 = time.monotonic()
    try:
        sock = socket.socket()
        sock.bind(("127.0.%d.%d" % (1 + i // 250, 1 + i % 250), 0))
        sock.connect(("127.0.0.1", port))
        c = paramiko.SSHClient()
        c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        c.connect("127.0.0.1", port=port, username=login, pkey=key, look_for_keys=False, sock=sock, compress=True,
                  allow_agent=False, timeout=60, banner_timeout=60, auth_timeout=60)
        t1 = time.monotonic()
        ch = c.invoke_shell(term="xterm", width=80, height=24)
        buf = b""
        # The home screen is on view when its key bar (F1 help) has come.
        while b"F1" not in buf:
            d = ch.recv(65536)
            if not d:
                break
            buf += d
        t2 = time.monotonic()
        ok = b"F1" in buf
        with lock:
            res.append((t2 - t0, t2 - t1, ok))
        time.sleep(2)
        ch.send("\x1b[21~")  # F10 quits
        c.close()
    except Exception as e:
        with lock:
            res.append((time.monotonic() - t0, 0, False))
        print("# session %d: %s" % (i, e), file=sys.stderr)


ts = [threading.Thread(target=one, args=(i,)) for i in range(n)]
for t in ts:
    t.start()
time.sleep(0.5)
start.set()
for t in ts:
    t.join()
good = sorted(r for r in res if r[2])
after = sorted(r[1] for r in good)
whole = sorted(r[0] for r in good)


def q(v, p):
    return v[min(len(v) - 1, int(p * len(v)))] if v else float("nan")


print("%d consoles at once: %d on their home screen; after login median %.2f s, p95 %.2f s; "
      "from connect median %.2f s, p95 %.2f s" % (n, len(good), q(after, 0.5), q(after, 0.95),
                                                  q(whole, 0.5), q(whole, 0.95)))
