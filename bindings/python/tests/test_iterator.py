"""iter_queue: every order once while acting on the queue; the native iterator's lifetime."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

import shiplink


def test_acting_while_iterating_sees_every_order_once(client: shiplink.Client, sandbox: Any) -> None:
    seeded = [o["order_id"] for o in sandbox.seed(250)]
    seen = []
    accepted = set()
    for n, order in enumerate(client.iter_queue("pending_accept")):
        seen.append(order["order_id"])
        if n % 2 == 0:
            client.accept(order["order_id"], [(i["item_id"], i["qty"]) for i in order["items"]])
            accepted.add(order["order_id"])
    assert len(seen) == 250 and set(seen) == set(seeded), "skipped or repeated orders"
    assert len(accepted) == 125
    allocation = client.poll_queue("pending_allocation") + client.poll_queue("pending_allocation", 2)
    assert {o["order_id"] for o in allocation} == accepted
    still = [o["order_id"] for o in client.iter_queue("pending_accept")]
    assert sorted(still) == sorted(set(seeded) - accepted)


def test_paging_naively_while_acting_skips_orders(client: shiplink.Client, sandbox: Any) -> None:
    # Why iter_queue exists: pages shift under page numbers as orders leave the queue.
    sandbox.seed(250)
    seen = []
    page = 1
    while True:
        orders = client.poll_queue("pending_accept", page)
        if not orders:
            break
        for order in orders:
            seen.append(order["order_id"])
            client.accept(order["order_id"], [(i["item_id"], i["qty"]) for i in order["items"]])
        page += 1
    assert len(seen) < 250


def test_exhausting_or_closing_frees_the_native_iterator(client: shiplink.Client, sandbox: Any) -> None:
    sandbox.seed(3)
    it = client.iter_queue("pending_accept")
    assert not it.closed and "open" in repr(it)
    assert len(list(it)) == 3
    assert it.closed
    with pytest.raises(StopIteration):
        next(it)

    early = client.iter_queue("pending_accept")
    assert next(early)["order_id"]
    early.close()
    early.close()
    assert early.closed
    assert list(early) == []

    with client.iter_queue("pending_accept") as scoped:
        next(scoped)
    assert scoped.closed


def test_the_iterator_keeps_its_client_alive(sandbox: Any) -> None:
    sandbox.seed(150)
    it = sandbox.client().iter_queue("pending_accept")  # the Client itself is not referenced here
    gc.collect()
    assert not it.client.closed
    assert len(list(it)) == 150
    ref = weakref.ref(it.client)
    with pytest.warns(ResourceWarning, match="unclosed <shiplink.Client"):
        del it
        gc.collect()
    assert ref() is None  # and then the client goes (its __del__ fallback closes it)


def test_the_iterator_outlives_a_closed_client(sandbox: Any) -> None:
    sandbox.seed(120)
    with sandbox.client() as c:
        it = c.iter_queue("pending_accept")
        first = next(it)
    assert c.closed
    rest = list(it)  # the native iterator holds its own reference to the native client
    assert len(rest) == 119 and first["order_id"] not in {o["order_id"] for o in rest}
