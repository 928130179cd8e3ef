"""shiplink.ShipperClient against the sandbox's Shipper API: orders end to end, dates on the
wire, safe cancels, bad input refused by name with nothing sent, and the CSV example."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

import shiplink
from conftest import REPO, Sandbox


def shipper(sandbox: Sandbox, **options) -> shiplink.ShipperClient:
    options.setdefault("retry_base_ms", 10)
    return shiplink.ShipperClient(sandbox.token, base_url=sandbox.url + "/api/v1", **options)


def requests_seen(sandbox: Sandbox):
    return sandbox.admin("GET", "shipper/requests")["requests"]


def an_order(uuid: str, external=None):
    order = {"address": {"name": "Omar Ben Ali", "phone1": "28177188", "address1": "Rue 1", "country": "TN"},
             "items": [{"id": uuid, "quantity": 1}]}
    if external:
        order["external_order_id"] = external
    return order


def test_orders_end_to_end(sandbox: Sandbox) -> None:
    with shipper(sandbox) as client:
        assert [c["code"] for c in client.countries()] == ["TN", "DZ", "MA"]
        assert [d["name"] for d in client.divisions("TN", level=2, parent_id=1)["divisions"]][0] == "Bab El Bhar"
        uuid = client.list("products", per_page=1)["data"][0]["uuid"]
        assert client.get_product(uuid)["uuid"] == uuid
        created = client.create_order(an_order(uuid, "PY-1"))
        assert client.get_order(created["id"])["status"] == "Pending"
        assert [o["id"] for o in client.iter("orders")] == [created["id"]]
        assert client.cancel_order(created["id"]) == {"success": True, "canceled_shipments": 1}
        assert client.cancel_order(str(created["id"]))["already_canceled"] is True

        shipped = client.create_order(an_order(uuid, "PY-2"))["id"]
        sandbox.admin("POST", "shipper/orders/{}/status".format(shipped), {"status": "intransit"})
        with pytest.raises(shiplink.BadRequest) as caught:
            client.cancel_order(shipped)
        assert caught.value.body == {"error": "No shipments available to cancel"}
        assert client.dashboard("delivery-stats")["total_by_status"]


def test_dates_are_sent_with_percent_20(sandbox: Sandbox) -> None:
    with shipper(sandbox) as client:
        client.list("orders", start_date=dt.datetime(2026, 3, 29, 9, 0), end_date=dt.date(2026, 3, 30))
    line = [r for r in requests_seen(sandbox) if "start_date" in r][-1]
    assert "start_date=2026-03-29%2009%3A00%3A00" in line and "+" not in line, line


@pytest.mark.parametrize(
    "field, call",
    [
        ("order.address.phone1", lambda c: c.create_order({"address": {"name": "A", "address1": "x", "country": "TN"},
                                                           "items": [{"id": "u"}]})),
        ("order.items", lambda c: c.create_order({"address": {"name": "A", "phone1": "1", "address1": "x",
                                                              "country": "TN"}, "items": []})),
        ("query.start_date", lambda c: c.list("orders", start_date="2026-03-29+09:00")),
        ("query.per_page", lambda c: c.list("products", per_page=101)),
        ("query.sort_by", lambda c: c.dashboard("product-performance", sort_by="revenue")),
        ("report", lambda c: c.dashboard("sales")),
        ("resource", lambda c: c.list("invoices")),
        ("subscription.url", lambda c: c.create_webhook("http://shop.example/h", ["order.status_changed"])),
        ("subscription.secret", lambda c: c.create_webhook("https://shop.example/h", ["order.status_changed"], "short")),
        ("subscription.events[0]", lambda c: c.create_webhook("https://shop.example/h", ["order.created"])),
        ("order_id", lambda c: c.get_order("12a")),
        ("order_id", lambda c: c.cancel_order(None)),
        ("webhook_id", lambda c: c.delete_webhook("1/2")),
        ("query.page", lambda c: c.iter("orders", page=2)),
    ],
)
def test_bad_input_is_refused_by_name_and_nothing_is_sent(sandbox: Sandbox, field, call) -> None:
    with shipper(sandbox) as client:
        with pytest.raises(shiplink.InvalidArgument) as caught:
            call(client)
    assert str(caught.value).startswith(field + ":") or field in str(caught.value), str(caught.value)
    assert requests_seen(sandbox) == []


def test_a_config_key_of_another_api_is_refused(sandbox: Sandbox) -> None:
    with pytest.raises(shiplink.InvalidArgument, match="store_code"):
        shipper(sandbox, store_code="all")


def test_the_csv_example_pushes_and_reports(sandbox: Sandbox) -> None:
    env = dict(os.environ, SHIPPER_BASE_URL=sandbox.url + "/api/v1", SHIPPER_API_KEY=sandbox.token)
    script = REPO / "examples" / "python" / "shipper_orders.py"
    data = REPO / "examples" / "data" / "shipper-orders.csv"
    done = subprocess.run([sys.executable, str(script), str(data)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("pushed WEB-") == 4, done.stdout
    assert "(WEB-1004): Pending" in done.stdout, done.stdout
    assert "shipments awaitingpackaging: 4" in done.stdout, done.stdout
    assert sandbox.token not in done.stdout + done.stderr
