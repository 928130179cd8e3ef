"""shiplink.ThreePLClient against the sandbox's blueprint API (/v1/): orders with their 409s,
lists and the sync with a checkpoint, bad input refused by name with nothing sent, and the
example ERP script run twice."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import shiplink
from conftest import REPO, Sandbox


def order(n: int, **extra):
    body = {
        "order_number": "SO-{}".format(n),
        "reference": "PY-{}".format(n),
        "warehouse_id": "wh_syd_1",
        "ship_to": {"name": "Jane Doe", "address1": "1 Main St", "country": "AU"},
        "items": [{"sku": "WIDGET-RED-S", "quantity": 2, "unit_price": "9.50"}],
    }
    body.update(extra)
    return body


@pytest.fixture
def threepl(sandbox: Sandbox):
    with shiplink.ThreePLClient(sandbox.url + "/v1", sandbox.token, retry_base_ms=5, max_retries=2) as c:
        yield c


def requests_served(sandbox: Sandbox) -> int:
    return sandbox.stats()["threepl"]["counts"].get("requests", 0)


def test_orders_amend_cancel_and_conflicts(sandbox: Sandbox, threepl: shiplink.ThreePLClient) -> None:
    created = threepl.create_order(order(1))
    assert threepl.create_order(order(1))["id"] == created["id"]
    amended = threepl.amend_order(created["id"], {"packing_note": "porch"}, if_match=created["version"])
    assert amended["version"] == "2"
    with pytest.raises(shiplink.Conflict) as stale:
        threepl.amend_order(created["id"], {"packing_note": "again"}, if_match="1")
    assert stale.value.body["error"]["code"] == "version_conflict"
    assert threepl.cancel_order(created["id"])["status"] == "cancelled"
    assert threepl.cancel_order(created["id"])["status"] == "cancelled"
    shipped = threepl.create_order(order(2))
    sandbox.admin("POST", "threepl/orders/{}/ship".format(shipped["id"]), {"parcels": 2})
    with pytest.raises(shiplink.Conflict) as late:
        threepl.cancel_order(shipped["id"])
    assert late.value.body["error"]["code"] == "already_shipped"
    assert late.value.http_status == 409


def test_lists_and_a_sync_resumed_from_its_checkpoint(sandbox: Sandbox, threepl: shiplink.ThreePLClient) -> None:
    sandbox.admin("POST", "threepl/settings", {"page_size": 3})
    sandbox.admin("POST", "threepl/shipments", {"count": 7})
    page = threepl.list("shipments", limit=2)
    assert len(page["data"]) == 2 and page["pagination"]["has_more"]
    assert [w["id"] for w in threepl.list("warehouses")["data"]] == ["wh_syd_1", "wh_mel_1"]
    with threepl.iter("shipments") as walk:
        first = [s["id"] for s in walk]
        saved = walk.checkpoint()
    assert len(first) == 7 and len(set(first)) == 7
    sandbox.admin("POST", "threepl/shipments", {"count": 2})
    sandbox.admin("POST", "threepl/shipments/{}/status".format(first[0]), {"status": "delivered"})
    with threepl.iter("shipments", checkpoint=saved) as walk:
        again = [(s["id"], s["status"]) for s in walk]
    assert len(again) == 3
    assert (first[0], "delivered") in again
    levels = threepl.list("inventory", sku="WIDGET-RED-S", warehouse_id="wh_mel_1")["data"]
    assert [w["warehouse_id"] for w in levels[0]["warehouses"]] == ["wh_mel_1"]


def test_bad_input_is_refused_by_name_and_nothing_is_sent(sandbox: Sandbox, threepl: shiplink.ThreePLClient) -> None:
    before = requests_served(sandbox)
    cases = []
    for key in ("reference", "ship_to", "items"):
        body = order(3)
        del body[key]
        cases.append((lambda b=body: threepl.create_order(b), "order." + key))
    cases += [
        (lambda: threepl.create_order(order(3, items=[{"sku": "A", "quantity": 0}])), "order.items[0].quantity"),
        (lambda: threepl.create_order(order(3, items=[{"sku": "A", "quantity": -1}])), "order.items[0].quantity"),
        (lambda: threepl.create_order(None), "order_json"),
        (lambda: threepl.create_order({"reference": "\ud800"}), "order_json"),
        (lambda: threepl.create_order(order(3), idempotency_key="no spaces"), "idempotency_key"),
        (lambda: threepl.get_order(None), "order_id"),
        (lambda: threepl.get_order("ord/1"), "order_id"),
        (lambda: threepl.cancel_order("ord?1"), "order_id"),
        (lambda: threepl.list("parcels"), "resource"),
        (lambda: threepl.iter("shipments", colour="red"), "query.colour"),
        (lambda: threepl.iter("shipments", checkpoint="garbage"), "checkpoint"),
    ]
    for call, field in cases:
        with pytest.raises(shiplink.InvalidArgument) as e:
            call()
        assert field in str(e.value), (field, str(e.value))
    assert requests_served(sandbox) == before
    with pytest.raises(shiplink.InvalidArgument, match="store_code"):
        shiplink.ThreePLClient(sandbox.url + "/v1", sandbox.token, store_code="all")


def test_the_example_erp_script_picks_up_only_changes(sandbox: Sandbox, tmp_path) -> None:
    script = REPO / "examples" / "python" / "threepl_sync.py"
    database = str(tmp_path / "erp.sqlite")
    env = dict(os.environ)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, str(script), sandbox.url + "/v1", sandbox.token, database],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    sandbox.admin("POST", "threepl/shipments", {"count": 4})
    first = run()
    assert "shipments: 4 new" in first, first
    orders = sandbox.admin("GET", "threepl/orders")["orders"]
    mine = [o for o in orders if o["reference"] == "F-100421-1"][0]
    assert mine["packing_note"] == "Leave in porch"
    sandbox.admin("POST", "threepl/orders/{}/ship".format(mine["id"]), {"parcels": 2})
    second = run()
    assert "shipments: 1 new" in second, second
    assert "inventory: 1 new" in second, second
    assert "shipments: 0 new" in run()
