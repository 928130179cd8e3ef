"""Native log lines arrive on logging.getLogger("shiplink"), filtered by its level, token-free."""

from __future__ import annotations

import logging
import threading
from typing import Any, Iterator, List

import pytest

import shiplink
from scripted import API, ScriptedServer, reply


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: List[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self.records.append(record)

    def messages(self, level: int = logging.DEBUG) -> List[str]:
        with self._guard:
            return [r.getMessage() for r in self.records if r.levelno >= level]


@pytest.fixture
def logs() -> Iterator[Collect]:
    logger = logging.getLogger("shiplink")
    handler = Collect()
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
        shiplink.enable_logging()


def test_requests_and_failures_are_logged_without_the_token(sandbox: Any, logs: Collect) -> None:
    sandbox.seed(1)
    with sandbox.client() as c:
        c.poll_queue("pending_accept")
        with pytest.raises(shiplink.NotFound):
            c.accept("FO-999999999", [(55501, 1)])
    debug = [r for r in logs.records if r.levelno == logging.DEBUG]
    assert any("GET /fulfillmentOrders/pending_accept?page=1 -> ok" in r.getMessage() for r in debug)
    info = [r for r in logs.records if r.levelno == logging.INFO]
    assert any("FO-999999999" in r.getMessage() and "failed after 1 attempt" in r.getMessage() for r in info)
    assert all(r.name == "shiplink" for r in logs.records)
    assert not any(sandbox.token in m for m in logs.messages())


def test_retries_are_warnings_and_a_bad_token_is_never_logged(logs: Collect) -> None:
    secret = "logged-token-never-0c1d"
    steps = [reply(500, {"message": "blip"}), reply(200, [])]
    with ScriptedServer([("GET", API + "/fulfillmentOrders/", steps)]) as server:
        with shiplink.Client(server.url, secret, max_retries=1, retry_base_ms=1) as c:
            assert c.poll_queue("pending_accept") == []
    warnings = [r for r in logs.records if r.levelno == logging.WARNING]
    assert any("retry 1 of 1" in r.getMessage() for r in warnings), logs.messages()
    assert logs.records and not any(secret in m for m in logs.messages())


def test_records_come_from_every_calling_thread(sandbox: Any, logs: Collect) -> None:
    with sandbox.client() as c:
        threads = [threading.Thread(target=c.poll_queue, args=("pending_accept",), name="poller-{}".format(k))
                   for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    names = {r.threadName for r in logs.records}
    assert {"poller-0", "poller-1", "poller-2", "poller-3"} <= names


def test_the_logger_level_filters_and_disable_removes_the_hook(sandbox: Any, logs: Collect) -> None:
    logger = logging.getLogger("shiplink")
    with sandbox.client() as c:
        logger.setLevel(logging.INFO)
        c.poll_queue("pending_accept")
        assert logs.records == []
        with pytest.raises(shiplink.NotFound):
            c.accept("FO-999999999", [(55501, 1)])
        assert [r.levelno for r in logs.records] == [logging.INFO]

        logger.setLevel(logging.DEBUG)
        shiplink.disable_logging()
        c.poll_queue("pending_accept")
        with sandbox.client() as later:  # a new client does not reinstall it
            later.poll_queue("pending_accept")
        assert len(logs.records) == 1

        shiplink.enable_logging()
        c.poll_queue("pending_accept")
        assert len(logs.records) == 2 and logs.records[-1].levelno == logging.DEBUG


def test_without_logging_configured_nothing_is_printed(tmp_path: Any) -> None:
    # A script that never configures logging must not get shiplink's retry warnings on stderr.
    import subprocess
    import sys

    script = (
        "import shiplink\n"
        "c = shiplink.Client('http://127.0.0.1:1', 'quiet-token-0a9c', max_retries=1,"
        " retry_base_ms=1, retry_max_ms=2)\n"
        "try:\n    c.poll_queue('failed')\nexcept shiplink.NetworkError:\n    pass\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr


def test_the_native_level_follows_the_logger_call_by_call(sandbox: Any, logs: Collect) -> None:
    # Debug lines nobody keeps must not be produced natively: each would call into Python (and
    # take the GIL) for every request.
    from shiplink import _logging

    logger = logging.getLogger("shiplink")
    with sandbox.client() as c:
        logger.setLevel(logging.WARNING)
        c.poll_queue("pending_accept")
        assert _logging._native_level == 2
        logger.setLevel(logging.DEBUG)
        c.poll_queue("pending_accept")  # the change applies from this call
        assert _logging._native_level == 4
        assert any("-> ok" in m for m in logs.messages(logging.DEBUG))
        logger.setLevel(logging.ERROR)
        for _ in c.iter_queue("pending_accept"):
            pass
        assert _logging._native_level == 1
