"""Fixtures: ONE shiplink-sandbox process per test session, reset before each test that uses it.

The binary is ``$SHIPLINK_SANDBOX`` or ``<repo>/target/release/shiplink-sandbox`` (build it with
``cargo build --release -p shiplink-sandbox``; ``scripts/test-python`` does). The package under
test is whatever ``import shiplink`` finds: ``scripts/test-python`` puts ``bindings/python/src``
on ``PYTHONPATH`` and ``SHIPLINK_LIBRARY`` on the freshly built library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # helpers next to the tests

import shiplink  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
# The test command sets SHIPLINK_SENTINEL_TOKEN and searches the whole output for it.
TOKEN = os.environ.get("SHIPLINK_SENTINEL_TOKEN", "py-suite-token-3f9a1c")


class Sandbox:
    """The running sandbox process and its admin surface (``/sandbox/…``)."""

    def __init__(self, url: str, process: subprocess.Popen) -> None:
        self.url = url
        self.token = TOKEN
        self.process = process

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "/sandbox/" + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            raise AssertionError("admin {} {}: HTTP {}: {}".format(method, path, e.code, e.read()[:500]))

    def reset(self) -> None:
        self.admin("POST", "reset")  # orders, id counters and settings back to start-up

    def seed(self, count: int, **options: Any) -> List[Dict[str, Any]]:
        body = dict(options)
        body["count"] = count
        return self.admin("POST", "orders", body)["orders"]

    def create(self, orders: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return self.admin("POST", "orders", {"orders": orders})["orders"]

    def order(self, order_id: str) -> Dict[str, Any]:
        return self.admin("GET", "orders/" + order_id)

    def stats(self) -> Dict[str, Any]:
        return self.admin("GET", "stats")

    def add_token(self, token: str, scopes: Any) -> None:
        self.admin("POST", "tokens", {"token": token, "scopes": scopes})

    def client(self, **options: Any) -> shiplink.Client:
        options.setdefault("timeout", 10.0)
        options.setdefault("max_retries", 1)
        options.setdefault("retry_base_ms", 10)
        return shiplink.Client(self.url, self.token, **options)


def _sandbox_binary() -> Path:
    explicit = os.environ.get("SHIPLINK_SANDBOX")
    path = Path(explicit) if explicit else REPO / "target" / "release" / "shiplink-sandbox"
    if not path.is_file():
        pytest.exit("the sandbox binary {} is missing: run cargo build --release -p shiplink-sandbox".format(path), 2)
    return path


@pytest.fixture(scope="session")
def sandbox_process() -> Iterator[Sandbox]:
    log = tempfile.NamedTemporaryFile(prefix="shiplink-sandbox-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [str(_sandbox_binary()), "--listen", "127.0.0.1:0", "--token", TOKEN, "--rng-seed", "7"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url: Optional[str] = None
    deadline = time.monotonic() + 20
    while url is None and time.monotonic() < deadline and process.poll() is None:
        with open(log.name, encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if first.endswith("\n"):
            assert first.startswith("listening on http://"), first
            url = first.split()[-1]
        else:
            time.sleep(0.02)
    try:
        if url is None:
            with open(log.name, encoding="utf-8", errors="replace") as f:
                pytest.exit("the sandbox did not start: " + f.read(), 2)
        yield Sandbox(url, process)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


@pytest.fixture
def sandbox(sandbox_process: Sandbox) -> Sandbox:
    """The session's sandbox, emptied (orders and settings reset; tokens kept)."""
    sandbox_process.reset()
    return sandbox_process


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[shiplink.Client]:
    with sandbox.client() as c:
        yield c


@pytest.fixture
def local_time_not_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time 9 hours ahead of UTC (a POSIX TZ string: no tzdata needed), so a naive
    datetime taken as local time instead of UTC shows."""
    monkeypatch.setenv("TZ", "JST-9")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()
