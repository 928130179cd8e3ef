"""Every Client method against the sandbox, and the errors the sandbox produces."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Dict, List

import pytest

import shiplink

UTC_PLUS_2 = dt.timezone(dt.timedelta(hours=2))


def make_order(sandbox: Any, qtys: List[int] = [2, 1, 1], shipping: float = 4.99, **fields: Any) -> Dict[str, Any]:
    items = [{"sku": "SKU-{}".format(i), "qty_ordered": q, "price_incl_tax": 10.0} for i, q in enumerate(qtys)]
    return sandbox.create([dict(items=items, shipping_amount_incl_tax=shipping, **fields)])[0]


def item_ids(order: Dict[str, Any]) -> List[int]:
    return [item["item_id"] for item in order["items"]]


def accept_all(client: shiplink.Client, order: Dict[str, Any]) -> Dict[str, Any]:
    return client.accept(order["order_id"], [(i["item_id"], i["qty_ordered"]) for i in order["items"]])


# --- queues -----------------------------------------------------------------------------------


def test_poll_queue_reads_pages_of_100_then_empty(client: shiplink.Client, sandbox: Any) -> None:
    seeded = {o["order_id"] for o in sandbox.seed(150)}
    page1 = client.poll_queue("pending_accept")
    page2 = client.poll_queue("pending_accept", page=2)
    page3 = client.poll_queue("pending_accept", 3)
    assert (len(page1), len(page2), page3) == (100, 50, [])
    assert {o["order_id"] for o in page1 + page2} == seeded
    first = page1[0]
    assert isinstance(first, dict) and first["status"] == "pending_accept"
    assert first["items"] and isinstance(first["items"][0]["item_id"], int)
    assert client.poll_queue("pending_allocation") == []


def test_since_accepts_strings_datetimes_and_dates(client: shiplink.Client, sandbox: Any, local_time_not_utc: None) -> None:
    old = {o["order_id"] for o in sandbox.seed(2, updated_at="2021-01-01 00:00:00")}
    new = {o["order_id"] for o in sandbox.seed(3, updated_at="2021-06-01 12:00:00")}

    def ids(since: Any) -> set:
        return {o["order_id"] for o in client.poll_queue("pending_accept", since=since)}

    assert ids(None) == old | new
    assert ids("2021-01-01 00:00:00") == old | new
    assert ids("2021-01-01 00:00:01") == new
    assert ids(dt.datetime(2021, 6, 1, 12, 0, 0)) == new  # naive: UTC
    assert ids(dt.datetime(2021, 6, 1, 12, 0, 1)) == set()
    assert ids(dt.datetime(2021, 6, 1, 14, 0, 0, tzinfo=UTC_PLUS_2)) == new  # 12:00 UTC
    assert ids(dt.datetime(2021, 6, 1, 14, 0, 1, tzinfo=UTC_PLUS_2)) == set()
    assert ids(dt.date(2021, 6, 1)) == new
    walked = {o["order_id"] for o in client.iter_queue("pending_accept", since=dt.datetime(2021, 1, 1, 0, 0, 1))}
    assert walked == new


# --- actions ----------------------------------------------------------------------------------


def test_accept_allocate_ship_invoice_every_argument_form(client: shiplink.Client, sandbox: Any) -> None:
    order = make_order(sandbox, [2, 1, 1])
    oid = order["order_id"]
    a, b, c = item_ids(order)

    # accept: (item_id, qty) tuples and dicts; qty 0 rejects c (rerouted to a new order)
    accepted = client.accept(oid, [(a, 2), {"item_id": b, "qty": 1}, (c, 0)])
    assert accepted["order_id"] == oid and accepted["status"] == "pending_allocation"
    status = {i["item_id"]: i["status"] for i in accepted["items"]}
    assert status == {a: "pending_allocation", b: "pending_allocation", c: "rejected"}
    assert len(accepted["rerouted_to"]) == 1

    # allocate: an id and a dict, from a generator
    allocated = client.allocate(oid, (x for x in [a, {"item_id": b}]))
    assert allocated["status"] == "pending_shipment"
    assert [i["allocated"] for i in allocated["items"] if i["item_id"] in (a, b)] == [True, True]

    # ship: one parcel, two tracks (a tuple and a dict), extra fields
    shipped = client.ship(
        oid,
        [(a, 2), {"item_id": b, "qty": 1}],
        [("dhl", "DHL Express", "JD014600"), {"carrier_code": "ups", "title": "UPS", "track_number": "1Z999"}],
        cod_amount=0,
        package_value=Decimal("30.00"),
    )
    assert shipped["status"] == "pending_invoice"
    (shipment,) = shipped["shipments"]
    assert [t["track_number"] for t in shipment["tracks"]] == ["JD014600", "1Z999"]
    assert shipment["package_value"] == 30.0 and shipment["cod_amount"] == 0
    assert sorted((i["item_id"], i["qty"]) for i in shipment["items"]) == [(a, 2), (b, 1)]

    # the same shipment again is not recorded twice
    again = client.ship(oid, [(a, 2), (b, 1)], [("dhl", "DHL Express", "JD014600"), ("ups", "UPS", "1Z999")],
                        cod_amount=0, package_value=30)
    assert len(again["shipments"]) == 1

    # invoice: the amount as a Decimal
    invoiced = client.invoice(oid, [a, {"item_id": b}], Decimal("4.99"))
    assert invoiced["status"] == "complete"
    (invoice,) = invoiced["invoices"]
    assert invoice["shipping_amount_incl_tax"] == 4.99
    assert sandbox.order(oid)["status"] == "complete"


def test_reject_whole_items(client: shiplink.Client, sandbox: Any) -> None:
    order = make_order(sandbox, [1, 3])
    result = client.reject(order["order_id"], [item_ids(order)[0], {"item_id": item_ids(order)[1]}])
    assert result["status"] == "rejected"
    assert all(i["status"] == "rejected" for i in result["items"])
    assert all(i["qty_rejected"] == i["qty_ordered"] for i in result["items"])


# --- errors from the server, with the server's body attached -----------------------------------


def test_partial_accept_on_strict_order_is_bad_request_with_body(client: shiplink.Client, sandbox: Any) -> None:
    order = make_order(sandbox, [2, 1])
    with pytest.raises(shiplink.BadRequest) as info:
        client.accept(order["order_id"], [(item_ids(order)[0], 2)])
    e = info.value
    assert isinstance(e, shiplink.Error)
    assert e.status == shiplink.Status.BAD_REQUEST and e.status.name == "BAD_REQUEST"
    assert e.http_status == 400 and e.attempts == 1
    assert isinstance(e.body, dict) and e.body["code"] == "partial_not_allowed"
    assert e.body["message"] in str(e)
    assert sandbox.order(order["order_id"])["status"] == "pending_accept"


def test_invoice_mismatch_is_bad_request_with_expected_body(client: shiplink.Client, sandbox: Any) -> None:
    order = make_order(sandbox, [1], shipping=7.5)
    oid, ids = order["order_id"], item_ids(order)
    accept_all(client, order)
    client.allocate(oid, ids)
    client.ship(oid, [(ids[0], 1)], [("dhl", "DHL", "JD1")])
    with pytest.raises(shiplink.BadRequest) as info:
        client.invoice(oid, ids, 1.0)
    e = info.value
    assert e.body["code"] == "invoice_mismatch"
    assert e.body["expected"]["shipping_amount_incl_tax"] == 7.5
    assert e.body["expected"]["items"] == [{"item_id": ids[0], "qty": 1}]
    assert e.attempts == 1  # a 400 is never retried
    assert client.invoice(oid, ids, 7.5)["status"] == "complete"


def test_bad_token_is_unauthorized_and_never_shown(sandbox: Any) -> None:
    secret = "wrong-token-5b2e77"
    with shiplink.Client(sandbox.url, secret, max_retries=0) as bad:
        with pytest.raises(shiplink.Unauthorized) as info:
            bad.poll_queue("pending_accept")
    e = info.value
    assert e.http_status == 401 and e.body["code"] == "unauthorized"
    assert secret not in str(e) and secret not in repr(e) and secret not in repr(e.body)


def test_token_without_the_scope_is_forbidden(sandbox: Any) -> None:
    sandbox.add_token("py-read-only", ["Shipper_FulfillmentOrder::api_pending_accept"])
    order = make_order(sandbox, [1])
    with shiplink.Client(sandbox.url, "py-read-only", max_retries=0) as limited:
        assert [o["order_id"] for o in limited.poll_queue("pending_accept")] == [order["order_id"]]
        with pytest.raises(shiplink.Forbidden) as info:
            accept_all(limited, order)
    assert info.value.http_status == 403 and info.value.body["code"] == "forbidden"


def test_unknown_order_and_store_are_not_found(client: shiplink.Client, sandbox: Any) -> None:
    with pytest.raises(shiplink.NotFound) as info:
        client.accept("FO-999999999", [(55501, 1)])
    assert info.value.http_status == 404 and info.value.body["code"] == "order_not_found"
    assert "FO-999999999" in str(info.value)
    with sandbox.client(store_code="nowhere") as other:
        with pytest.raises(shiplink.NotFound) as info:
            other.poll_queue("pending_accept")
    assert info.value.body["code"] == "store_not_found"


# --- bad input: InvalidArgument, nothing sent --------------------------------------------------


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda c, o, i: c.accept(o, [(i[0], -1)]), "order.items[0].qty"),
        (lambda c, o, i: c.accept(o, [{"item_id": i[0]}]), "order.items[0]"),
        (lambda c, o, i: c.accept(o, []), "order.items"),
        (lambda c, o, i: c.accept("", [(i[0], 1)]), "order.order_id"),
        (lambda c, o, i: c.accept(o, None), "order.items"),
        (lambda c, o, i: c.allocate(o, ["55501"]), "order.items[0].item_id"),
        (lambda c, o, i: c.ship(o, [(i[0], 1)], [("dhl", "DHL", "")]), "shipment.tracks[0].track_number"),
        (lambda c, o, i: c.ship(o, [(i[0], 1)], []), "shipment.tracks"),
        (lambda c, o, i: c.invoice(o, [i[0]], "4.99"), "order.shipping_amount_incl_tax"),
        (lambda c, o, i: c.poll_queue("pending"), "queue"),
        (lambda c, o, i: c.poll_queue("pending_accept", since="yesterday"), "since"),
        (lambda c, o, i: c.poll_queue("pending_accept", page=0), "page"),
        (lambda c, o, i: c.iter_queue("pending"), "queue"),
    ],
)
def test_bad_input_is_invalid_argument_naming_the_field(client: shiplink.Client, sandbox: Any, call: Any, field: str) -> None:
    order = make_order(sandbox, [2])
    before = sandbox.order(order["order_id"])
    with pytest.raises(shiplink.InvalidArgument) as info:
        call(client, order["order_id"], item_ids(order))
    e = info.value
    assert str(e).startswith(field), str(e)
    assert (e.http_status, e.body, e.attempts) == (None, None, 0)
    assert isinstance(e, ValueError)
    assert sandbox.order(order["order_id"]) == before


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda c: c.poll_queue("pending\0accept"), "queue: must not contain a NUL"),
        (lambda c: c.poll_queue(b"pending_accept"), "queue: must be a str"),
        (lambda c: c.poll_queue("pending_accept", page=-1), "page: -1 is out of range"),
        (lambda c: c.poll_queue("pending_accept", page=2**32), "page: 4294967296 is out of range"),
        (lambda c: c.poll_queue("pending_accept", page="2"), "page: must be an int"),
        (lambda c: c.poll_queue("pending_accept", since=12), "since: must be None, a datetime or a str"),
        (lambda c: c.accept("FO-\ud800", [(1, 1)]), "request: is not valid UTF-8"),
        (lambda c: c.accept("FO-1", [(1, object())]), "request: a value of type object cannot be sent as JSON"),
        (lambda c: c.accept("FO-1", [(1, float("nan"))]), "request: NaN and infinite numbers"),
    ],
)
def test_values_that_cannot_be_marshalled_are_invalid_argument(client: shiplink.Client, call: Any, message: str) -> None:
    with pytest.raises(shiplink.InvalidArgument) as info:
        call(client)
    assert str(info.value).startswith(message), str(info.value)


def test_bad_configuration_is_invalid_argument_naming_the_key(sandbox: Any) -> None:
    with pytest.raises(shiplink.InvalidArgument) as info:
        shiplink.Client(sandbox.url, sandbox.token, colour="blue")
    assert "colour" in str(info.value)
    with pytest.raises(shiplink.InvalidArgument) as info:
        shiplink.Client(sandbox.url, sandbox.token, timeout=-1)
    assert "timeout_ms" in str(info.value)
    with pytest.raises(shiplink.InvalidArgument) as info:
        shiplink.Client(sandbox.url, sandbox.token, max_retries=11)
    assert "max_retries" in str(info.value)
    with pytest.raises(shiplink.InvalidArgument):
        shiplink.Client("http://tenant.example.com", sandbox.token)  # plain http, not loopback
    with pytest.raises(shiplink.InvalidArgument) as info:
        shiplink.Client(sandbox.url, sandbox.token, timeout=float("inf"))
    assert str(info.value).startswith("timeout")
    with pytest.raises(shiplink.InvalidArgument) as info:
        shiplink.Client(sandbox.url, 987654321)  # type: ignore[arg-type]
    assert str(info.value) == "token: must be a str, not int"
    # options pass through verbatim
    with shiplink.Client(sandbox.url, sandbox.token, connect_timeout_ms=2000, user_agent="erp/1", retry_base_ms=5,
                         retry_max_ms=50, retry_after_max_ms=1000, max_response_bytes=1 << 20) as ok:
        assert ok.poll_queue("pending_accept") == []


# --- lifetime ---------------------------------------------------------------------------------


def test_close_twice_is_safe_and_later_calls_raise(sandbox: Any) -> None:
    c = sandbox.client()
    assert not c.closed and "open" in repr(c) and sandbox.token not in repr(c)
    c.close()
    c.close()
    assert c.closed
    for call in (lambda: c.poll_queue("pending_accept"), lambda: c.accept("FO-1", [(1, 1)]),
                 lambda: c.iter_queue("pending_accept")):
        with pytest.raises(shiplink.InvalidArgument, match="client is closed"):
            call()


def test_context_manager_closes_even_on_error(sandbox: Any) -> None:
    with sandbox.client() as c:
        assert c.poll_queue("pending_accept") == []
    assert c.closed
    with pytest.raises(shiplink.NotFound):
        with sandbox.client() as d:
            d.accept("FO-999999999", [(1, 1)])
    assert d.closed
    with pytest.raises(shiplink.InvalidArgument, match="client is closed"):
        d.poll_queue("pending_accept")
