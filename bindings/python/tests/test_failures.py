"""The failures a server or a network makes, through a scripted HTTP server on 127.0.0.1:
every exception class the transport can raise, with attempts, HTTP status and body attached."""

from __future__ import annotations

import os
import socket
import time
from typing import Any, Dict

import pytest

import shiplink
from scripted import API, ScriptedServer, drop, hang, reply

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "scripted-token-9d41"
QUEUE = API + "/fulfillmentOrders/"
ALLOCATE = API + "/fulfillmentOrder/allocate"
ORDER: Dict[str, Any] = {"order_id": "FO-000000042", "status": "pending_allocation", "items": [{"item_id": 55501, "qty": 1}]}


def client_for(server: ScriptedServer, **options: Any) -> shiplink.Client:
    options.setdefault("timeout", 5.0)
    options.setdefault("max_retries", 0)
    options.setdefault("retry_base_ms", 1)
    options.setdefault("retry_max_ms", 5)
    return shiplink.Client(server.url, TOKEN, **options)


def assert_no_token(e: shiplink.Error) -> None:
    assert TOKEN not in str(e) and TOKEN not in repr(e.body)


def test_429_with_a_long_retry_after_is_rate_limited_at_once() -> None:
    body = {"message": "slow down", "code": "rate_limited"}
    with ScriptedServer([("GET", QUEUE, [reply(429, body, {"Retry-After": "3600"})])]) as server:
        with client_for(server, max_retries=3) as c:
            started = time.monotonic()
            with pytest.raises(shiplink.RateLimited) as info:
                c.poll_queue("pending_accept")
            assert time.monotonic() - started < 2
        e = info.value
        assert (e.http_status, e.body, e.attempts) == (429, body, 1)
        assert "retry_after_max_ms" in str(e)
        assert server.count("GET", QUEUE) == 1
        assert server.requests[0]["headers"]["authorization"] == "Bearer " + TOKEN
        assert_no_token(e)


def test_429_with_a_short_retry_after_is_waited_out() -> None:
    steps = [reply(429, {"message": "wait"}, {"Retry-After": "0"}), reply(200, [ORDER])]
    with ScriptedServer([("GET", QUEUE, steps)]) as server, client_for(server, max_retries=1) as c:
        assert [o["order_id"] for o in c.poll_queue("pending_allocation")] == ["FO-000000042"]
        assert server.count("GET", QUEUE) == 2


def test_5xx_after_every_retry_is_server_error() -> None:
    body = {"message": "database down", "code": "internal_error"}
    with ScriptedServer([("GET", QUEUE, [reply(503, body)])]) as server, client_for(server, max_retries=2) as c:
        with pytest.raises(shiplink.ServerError) as info:
            c.poll_queue("pending_accept")
        assert (info.value.http_status, info.value.body, info.value.attempts) == (503, body, 3)
        assert server.count("GET", QUEUE) == 3


def test_409_is_conflict_and_not_retried() -> None:
    body = {"message": "order is being edited", "code": "conflict"}
    with ScriptedServer([("POST", API + "/fulfillmentOrder/accept", [reply(409, body)])]) as server:
        with client_for(server, max_retries=3) as c:
            with pytest.raises(shiplink.Conflict) as info:
                c.accept("FO-1", [(55501, 1)])
        assert (info.value.http_status, info.value.body, info.value.attempts) == (409, body, 1)
        assert server.count("POST", API) == 1


def test_a_refused_connection_is_network_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with shiplink.Client("http://127.0.0.1:{}".format(port), TOKEN, max_retries=1, retry_base_ms=1) as c:
        with pytest.raises(shiplink.NetworkError) as info:
            c.poll_queue("pending_accept")
    assert info.value.attempts == 2 and info.value.http_status is None
    assert_no_token(info.value)


def test_a_dropped_connection_is_network_error_after_retries() -> None:
    with ScriptedServer([("GET", QUEUE, [drop()])]) as server, client_for(server, max_retries=1) as c:
        with pytest.raises(shiplink.NetworkError) as info:
            c.poll_queue("pending_accept")
        assert info.value.attempts == 2 and server.count("GET", QUEUE) == 2


def test_a_server_that_hangs_is_timeout() -> None:
    with ScriptedServer([("GET", QUEUE, [hang(10)])]) as server, client_for(server, timeout=0.3) as c:
        started = time.monotonic()
        with pytest.raises(shiplink.Timeout) as info:
            c.poll_queue("pending_accept")
        assert time.monotonic() - started < 3
        assert info.value.attempts == 1


def test_https_to_a_plain_http_port_is_tls_error() -> None:
    with ScriptedServer([("GET", QUEUE, [reply(200, [])])]) as server:
        with shiplink.Client("https://127.0.0.1:{}".format(server.port), TOKEN, max_retries=2, timeout=5) as c:
            with pytest.raises(shiplink.TLSError) as info:
                c.poll_queue("pending_accept")
    assert info.value.attempts == 1  # a TLS failure is not retried
    assert_no_token(info.value)


def test_an_untrusted_certificate_is_tls_error_and_ca_file_trusts_it() -> None:
    with ScriptedServer([("GET", QUEUE, [reply(200, [ORDER])])], tls=True) as server:
        with client_for(server, max_retries=2) as c:
            with pytest.raises(shiplink.TLSError) as info:
                c.poll_queue("pending_allocation")
            assert info.value.attempts == 1 and server.requests == []
        with client_for(server, ca_file=os.path.join(HERE, "tls", "ca.pem")) as c:
            assert c.poll_queue("pending_allocation") == [ORDER]
        assert server.requests[0]["headers"]["authorization"] == "Bearer " + TOKEN


@pytest.mark.parametrize(
    "answer",
    [reply(200, raw=b"{not json"), reply(200, {"order_id": "FO-1"}), reply(200, [{"no_order_id": 1}])],
)
def test_a_response_that_is_not_the_documented_json_is_decode_error(answer: Any) -> None:
    with ScriptedServer([("GET", QUEUE, [answer])]) as server, client_for(server) as c:
        with pytest.raises(shiplink.DecodeError):
            c.poll_queue("pending_accept")


def test_a_response_larger_than_allowed_is_decode_error() -> None:
    big = [dict(ORDER, order_id="FO-{:09d}".format(n)) for n in range(200)]
    with ScriptedServer([("GET", QUEUE, [reply(200, big)])]) as server:
        with client_for(server, max_response_bytes=1024) as c:
            with pytest.raises(shiplink.DecodeError):
                c.poll_queue("pending_accept")
        with client_for(server) as c:
            assert len(c.poll_queue("pending_accept")) == 200


def test_allocate_dropped_then_unreadable_queue_is_outcome_unknown_and_never_resent() -> None:
    rules = [
        ("POST", ALLOCATE, [drop()]),
        ("GET", QUEUE, [reply(500, {"message": "queues unavailable", "code": "internal_error"})]),
    ]
    with ScriptedServer(rules) as server, client_for(server, max_retries=2) as c:
        with pytest.raises(shiplink.OutcomeUnknown) as info:
            c.allocate("FO-000000042", [55501])
        assert server.count("POST", ALLOCATE) == 1  # never blindly re-sent
        assert server.count("GET", QUEUE + "pending_allocation") >= 1
    assert "FO-000000042" in str(info.value) and info.value.attempts >= 1
    assert_no_token(info.value)


def test_allocate_dropped_but_applied_is_reconciled() -> None:
    rules = [("POST", ALLOCATE, [drop()]), ("GET", QUEUE, [reply(200, [])])]
    with ScriptedServer(rules) as server, client_for(server, max_retries=2) as c:
        result = c.allocate("FO-000000042", [55501])
        assert result["order_id"] == "FO-000000042" and result["reconciled"] is True
        assert server.count("POST", ALLOCATE) == 1


def test_allocate_dropped_and_still_pending_is_sent_again() -> None:
    applied = dict(ORDER, status="pending_shipment")
    rules = [
        ("POST", ALLOCATE, [drop(), reply(200, applied)]),
        ("GET", QUEUE + "pending_allocation?page=1", [reply(200, [ORDER])]),
    ]
    with ScriptedServer(rules) as server, client_for(server, max_retries=2) as c:
        assert c.allocate("FO-000000042", [55501])["status"] == "pending_shipment"
        assert server.count("POST", ALLOCATE) == 2


def test_the_iterator_retries_the_same_page_after_an_error() -> None:
    rules = [
        ("GET", QUEUE + "pending_allocation?page=1", [reply(500, {"message": "blip"}), reply(200, [ORDER])]),
        ("GET", QUEUE + "pending_allocation?page=2", [reply(200, [])]),
    ]
    with ScriptedServer(rules) as server, client_for(server) as c:
        it = c.iter_queue("pending_allocation")
        with pytest.raises(shiplink.ServerError):
            next(it)
        assert not it.closed
        assert [o["order_id"] for o in it] == ["FO-000000042"]
        assert it.closed
