"""One client shared by 8 threads: actions, polls, per-thread error detail, and close()."""

from __future__ import annotations

import threading
import time
from typing import Any, List

import shiplink

THREADS = 8


def run(target: Any, count: int = THREADS) -> List[BaseException]:
    errors: List[BaseException] = []
    barrier = threading.Barrier(count)

    def body(k: int) -> None:
        try:
            barrier.wait()
            target(k)
        except BaseException as e:  # collected and asserted on by the test
            errors.append(e)

    threads = [threading.Thread(target=body, args=(k,)) for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_a_client_shared_by_8_threads(client: shiplink.Client, sandbox: Any) -> None:
    orders = sandbox.seed(80)

    def work(k: int) -> None:
        mine = orders[k::THREADS]
        for n, order in enumerate(mine):
            result = client.accept(order["order_id"], [(i["item_id"], i["qty_ordered"]) for i in order["items"]])
            assert result["order_id"] == order["order_id"] and result["status"] == "pending_allocation"
            page = client.poll_queue("pending_accept")
            assert isinstance(page, list)
            # the error detail is this thread's own, even while 7 others fail differently
            missing = "FO-9{:02d}{:06d}".format(k, n)
            try:
                client.accept(missing, [(55501, 1)])
            except shiplink.NotFound as e:
                assert missing in str(e) and missing in e.body["message"], (missing, str(e))
            else:
                raise AssertionError("no NotFound for " + missing)
            try:
                client.accept(order["order_id"], [(order["items"][0]["item_id"], -k - 1)])
            except shiplink.InvalidArgument as e:
                assert "(got {})".format(-k - 1) in str(e), str(e)
            else:
                raise AssertionError("no InvalidArgument")

    assert run(work) == []
    stats = sandbox.stats()
    assert stats["queues"]["pending_allocation"] == 80 and stats["queues"]["pending_accept"] == 0


def test_close_while_other_threads_are_calling(sandbox: Any) -> None:
    sandbox.seed(5)
    c = sandbox.client()
    calls = [0] * THREADS
    started = threading.Event()

    def work(k: int) -> None:
        while True:
            try:
                assert len(c.poll_queue("pending_accept")) == 5
                calls[k] += 1
                started.set()
            except shiplink.InvalidArgument as e:
                assert str(e) == "client is closed"
                return

    closer = threading.Thread(target=lambda: (started.wait(10), time.sleep(0.2), c.close()))
    closer.start()
    assert run(work) == []
    closer.join()
    assert c.closed and all(n > 0 for n in calls)
