"""A tiny scripted HTTP server on 127.0.0.1 for failures the sandbox does not make on demand.

Each request is answered by the first rule whose method and path prefix match; a rule is a
list of steps used in turn (the last one repeats). A step is a callable taking the handler.
Every request is recorded (method, path, headers, body) for the tests to inspect.
"""

from __future__ import annotations

import json
import os
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple

Step = Callable[["Handler"], None]


def reply(status: int, body: Any = None, headers: Optional[Dict[str, str]] = None, raw: Optional[bytes] = None) -> Step:
    """Answers with ``status`` and ``body`` as JSON (or ``raw`` bytes as they are)."""

    def step(h: "Handler") -> None:
        data = raw if raw is not None else json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    return step


def hang(seconds: float) -> Step:
    """Reads the request, then says nothing for ``seconds`` (or until the server stops)."""

    def step(h: "Handler") -> None:
        h.server.stopping.wait(seconds)  # type: ignore[attr-defined]
        h.close_connection = True

    return step


def drop() -> Step:
    """Reads the request, then closes the connection without an answer."""

    def step(h: "Handler") -> None:
        h.close_connection = True

    return step


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server: ScriptedServer = self.server.owner  # type: ignore[attr-defined]
        step = server.next_step(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        step(self)

    do_GET = _handle
    do_POST = _handle


class ScriptedServer:
    def __init__(self, rules: List[Tuple[str, str, List[Step]]], tls: bool = False) -> None:
        self._rules = [(method, prefix, list(steps)) for method, prefix, steps in rules]
        self._lock = threading.Lock()
        self.requests: List[Dict[str, Any]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._httpd.stopping = threading.Event()  # type: ignore[attr-defined]
        if tls:  # tests/tls/server.pem, issued for 127.0.0.1 by tests/tls/ca.pem
            here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(os.path.join(here, "server.pem"), os.path.join(here, "server.key"))
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.port = self._httpd.server_address[1]
        self.url = "{}://127.0.0.1:{}".format("https" if tls else "http", self.port)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def next_step(self, method: str, path: str, headers: Dict[str, str], body: bytes) -> Step:
        with self._lock:
            self.requests.append({"method": method, "path": path, "headers": headers, "body": body})
            for rule_method, prefix, steps in self._rules:
                if rule_method == method and path.startswith(prefix):
                    return steps.pop(0) if len(steps) > 1 else steps[0]
        return reply(404, {"message": "no rule for {} {}".format(method, path), "code": "not_found"})

    def count(self, method: str, prefix: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r["method"] == method and r["path"].startswith(prefix))

    def __enter__(self) -> "ScriptedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._httpd.stopping.set()  # type: ignore[attr-defined]
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


API = "/rest/all/V1"
