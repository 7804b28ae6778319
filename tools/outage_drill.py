"""The database-outage drill of issue #13, from outside: 4 gunicorn workers on PostgreSQL, logged-in clients
asking for pages and the API while the database goes away for a while and comes back.

    make drill-outage            # or: .venv/bin/python tools/outage_drill.py --outage 20

The database is reached through a small TCP relay (this script) so that "the database goes away" is the relay
dropping every connection and refusing new ones — the PostgreSQL server itself is left alone. The drill builds
the demo organ in a scratch database (qinglian_drill, dropped and recreated), runs production settings
(QINGLIAN_DEBUG off, keys set, static collected; the second factor is switched off because the drill is about
the database, not the login), and prints per phase: the answers by status, whether every 503 carried
Retry-After and the Chinese page/body, how many bytes the log grew while the database was away, and how long
the first good answer took after it came back. It exits non-zero on any 500, a 503 without Retry-After, or no
recovery.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_HOST, PG_PORT, RELAY_PORT, WEB_PORT = "127.0.0.1", 5432, 55432, 58001
PAGES = ["/", "/compliance/findings/", "/duty/", "/partylife/meetings/", "/npc/suggestions/", "/org/people/"]
API = ["/api/org/people", "/api/duty/tasks", "/api/npc/suggestions"]


class Relay:
    """TCP relay to PostgreSQL that can be cut (every open connection closed, new ones closed on accept)."""

    def __init__(self) -> None:
        self.up = threading.Event()
        self.up.set()
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", RELAY_PORT), reuse_port=True)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.server.accept()
            if not self.up.is_set():
                client.close()
                continue
            upstream = socket.create_connection((PG_HOST, PG_PORT))
            with self.lock:
                self.open.update({client, upstream})
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.close()

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            for s in self.open:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.open.clear()

    def restore(self) -> None:
        self.up.set()


def qinglian(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    # `-m` from the checkout, as gunicorn imports it: never another checkout's code through the venv's entry point.
    done = subprocess.run([str(BIN / "python"), "-m", "qinglian.cli", *args], env=env, cwd=ROOT, **kwargs)
    if done.returncode:
        raise SystemExit(f"qinglian {' '.join(args)} 失败：\n{done.stdout or ''}{done.stderr or ''}"[-3000:])
    return done


def login(env: dict[str, str], base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    answer = opener.open(urllib.request.Request(f"{base}/login/", body.encode(), headers={"Referer": f"{base}/login/"}))
    if "/account/second-factor/" in answer.url:  # the demo officer has an authenticator: pass it as a person would
        code = qinglian(env, "totp-code", username, "--force", capture_output=True, text=True).stdout.strip()
        page = answer.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": code})
        answer = opener.open(urllib.request.Request(answer.url, body.encode(), headers={"Referer": answer.url}))
    if "/login/" in answer.url or "/account/" in answer.url:
        raise SystemExit(f"登录失败：{username} 停在 {answer.url}")
    return opener


def ask(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers and body; a redirect elsewhere (to the login or the second factor) counts as 302."""
    try:
        with opener.open(url, timeout=30) as response:
            if response.url.split("?")[0] != url.split("?")[0]:
                return 302, dict(response.headers), ""
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode(errors="replace")
    except OSError as exc:
        return 0, {}, repr(exc)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outage", type=int, default=20, help="seconds the database stays away")
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="qinglian-drill-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{RELAY_PORT}/qinglian_drill",
        "QINGLIAN_DATA_DIR": str(data_dir),
        "QINGLIAN_DEBUG": "0",
        "QINGLIAN_SECRET_KEY": secrets.token_urlsafe(48),
        "QINGLIAN_AUDIT_KEY": secrets.token_urlsafe(48),
        "QINGLIAN_DATA_KEY": secrets.token_urlsafe(48),
        "QINGLIAN_ALLOWED_HOSTS": "127.0.0.1",
        "QINGLIAN_SECURE_COOKIES": "0",
        "QINGLIAN_TOTP_REQUIRED_ROLES": "",
    }
    relay = Relay()
    subprocess.run(["dropdb", "-h", PG_HOST, "-U", "postgres", "--if-exists", "qinglian_drill"], check=True)
    subprocess.run(["createdb", "-h", PG_HOST, "-U", "postgres", "qinglian_drill"], check=True)
    print("建库、演示数据、静态文件……", flush=True)
    qinglian(env, "migrate", "--noinput", "-v", "0")
    demo = qinglian(env, "demo", capture_output=True, text=True).stdout
    qinglian(env, "collectstatic", "--noinput", "-v", "0")
    officer = re.search(r"^\s+(dangwei)\s+(\S+)", demo, re.M)
    username, password = officer.group(1), officer.group(2)

    log = data_dir / "gunicorn.log"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{WEB_PORT}", "-w", "4", "--timeout", "60"],
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{WEB_PORT}"
    try:
        for _ in range(60):
            if ask(urllib.request.build_opener(), f"{base}/login/")[0] == 200:
                break
            time.sleep(1)
        opener = login(env, base, username, password)
        urls = [base + p for p in PAGES + API]
        phase = {"name": "before"}
        answers: dict[str, Counter] = {"before": Counter(), "outage": Counter(), "after": Counter()}
        bad: list[str] = []
        first_good_after: list[float] = []
        restored_at = [0.0]
        stop = threading.Event()

        def client(offset: int) -> None:
            i = offset
            while not stop.is_set():
                url = urls[i % len(urls)]
                i += 1
                status, headers, body = ask(opener, url)
                name = phase["name"]
                answers[name][status] += 1
                if status >= 500 and status != 503:
                    bad.append(f"{name} {url} → {status}")
                if name != "outage" and status in (302, 401, 403):  # the session must survive the outage
                    bad.append(f"{name} {url} → {status}")
                if status == 503:
                    if "Retry-After" not in headers:
                        bad.append(f"{url} 503 without Retry-After")
                    if "系统暂时无法使用" not in body and "数据库暂时无法连接" not in body:
                        bad.append(f"{url} 503 without the Chinese page/body")
                if name == "after" and status == 200 and not first_good_after:
                    first_good_after.append(time.monotonic() - restored_at[0])

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(10)
        size_before = log.stat().st_size
        phase["name"] = "outage"
        relay.cut()
        time.sleep(args.outage)
        size_outage = log.stat().st_size - size_before
        phase["name"] = "after"
        restored_at[0] = time.monotonic()
        relay.restore()
        time.sleep(10)
        stop.set()
        for t in threads:
            t.join(timeout=40)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"gunicorn 4 workers, {args.clients} clients, database away {args.outage} s")
    for name, counter in answers.items():
        print(f"  {name:>7}: " + ", ".join(f"{code}×{n}" for code, n in sorted(counter.items())))
    print(f"  log growth while away: {size_outage} bytes")
    print(f"  first 200 after the database returned: {first_good_after[0]:.2f} s" if first_good_after else "  never")
    for line in sorted(set(bad))[:20]:
        print("  FAIL", line)
    ok = not bad and first_good_after and answers["outage"][503] > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
