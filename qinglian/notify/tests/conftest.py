"""A webhook receiver on 127.0.0.1 for the notify tests (a thread running http.server)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Receiver:
    """What the webhook server got, and what it answers (`status`, `reply`, `delay` seconds)."""

    url: str = ""
    status: int = 200
    reply: bytes = b'{"errcode": 0, "errmsg": "ok"}'
    delay: float = 0.0
    received: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def keys(self) -> list[str]:
        with self.lock:
            return [r["headers"].get("Idempotency-Key") for r in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length).decode("utf-8"))
            with receiver.lock:
                receiver.received.append({"path": self.path, "headers": dict(self.headers), "json": body})
            if receiver.delay:
                time.sleep(receiver.delay)
            self.send_response(receiver.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(receiver.reply)))
            self.end_headers()
            self.wfile.write(receiver.reply)

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def webhook(settings):
    """A running receiver, with QINGLIAN_WEBHOOK_URL pointing at it."""
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_port}/hook?access_token=secret-token"
    settings.QINGLIAN_WEBHOOK_URL = receiver.url
    settings.QINGLIAN_BASE_URL = "https://qinglian.example.gov.cn"
    yield receiver
    server.shutdown()
    server.server_close()
