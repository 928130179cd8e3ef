"""ListIterator: the batched walk it shares with QueueIterator, its checkpoint and its lifetime.

No native function makes a ``shiplink_list_iter`` yet, so the walk here is a scripted stand-in
for the four ``shiplink_list_iter_*`` functions (installed on the loaded library object for one
test), giving pages and checkpoints the way a cursor walk does: between pages, the checkpoint
is the next page; the real functions are checked against NULL handles.
"""

from __future__ import annotations

import ctypes
import gc
import json
import threading
import warnings
from typing import Any, Dict, List, Optional

import pytest

import shiplink
from shiplink import _ffi
from shiplink._handle import NativeHandle
from shiplink._iter import BatchIterator


class ScriptedWalk:
    """Pages of items; ``checkpoint`` is ``"page-<n>"``, n the next page to read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, pages: List[List[Dict[str, Any]]], checkpoints: bool = True) -> None:
        self.pages = pages
        self.checkpoints = checkpoints
        self.read = 0
        self.checkpoint_calls = 0
        self.fail_next: Optional[shiplink.Error] = None
        self.freed: List[int] = []
        self.strings: Dict[int, ctypes.Array] = {}  # alive until "freed" by take_string
        self.node = _ffi._ListIter()
        self.handle = _ffi.ListIterPtr(self.node)
        monkeypatch.setattr(_ffi.lib, "shiplink_list_iter_next_batch", self.next_batch)
        monkeypatch.setattr(_ffi.lib, "shiplink_list_iter_checkpoint", self.checkpoint)
        monkeypatch.setattr(_ffi.lib, "shiplink_list_iter_free", self.free)
        monkeypatch.setattr(_ffi.lib, "shiplink_string_free", self.string_free)

    def _give(self, out: Any, text: str) -> int:
        buffer = ctypes.create_string_buffer(text.encode("utf-8"))
        self.strings[ctypes.addressof(buffer)] = buffer
        out._obj.value = ctypes.addressof(buffer)
        return int(shiplink.Status.OK)

    def string_free(self, address: int) -> None:
        del self.strings[address]  # a KeyError here would be a double free

    def next_batch(self, handle: Any, out: Any) -> int:
        assert ctypes.addressof(handle.contents) == ctypes.addressof(self.node)
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            raise error
        if self.read == len(self.pages):
            return int(shiplink.Status.DONE)
        self.read += 1
        return self._give(out, json.dumps(self.pages[self.read - 1]))

    def checkpoint(self, handle: Any, out: Any) -> int:
        self.checkpoint_calls += 1
        if not self.checkpoints:
            raise shiplink.InvalidArgument("iter: this walk has no checkpoint (only cursor walks have one)")
        return self._give(out, "page-{}".format(self.read))

    def free(self, handle: Any) -> None:
        self.freed.append(ctypes.addressof(handle.contents))


PAGES = [[{"id": "a"}, {"id": "b"}, {"id": "c"}], [{"id": "d"}], [{"id": "e"}, {"id": "f"}]]


def test_queue_and_list_iterators_share_one_walk() -> None:
    assert issubclass(shiplink.QueueIterator, BatchIterator) and issubclass(shiplink.ListIterator, BatchIterator)
    assert shiplink.ListIterator.__next__ is shiplink.QueueIterator.__next__ is BatchIterator.__next__
    assert issubclass(shiplink.Client, NativeHandle) and issubclass(BatchIterator, NativeHandle)


def test_every_item_once_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = ScriptedWalk(monkeypatch, PAGES)
    it = shiplink.ListIterator(walk.handle, resource="orders")
    assert repr(it) == "<shiplink.ListIterator 'orders' (open)>"
    assert [item["id"] for item in it] == ["a", "b", "c", "d", "e", "f"]
    assert walk.read == 3 and walk.strings == {}
    with pytest.raises(StopIteration):
        next(it)
    it.close()
    assert walk.freed == [ctypes.addressof(walk.node)]


def test_the_checkpoint_never_skips_an_item_not_yet_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = ScriptedWalk(monkeypatch, PAGES)
    it = shiplink.ListIterator(walk.handle, resource="orders")
    assert it.checkpoint() == "page-0"  # nothing read yet
    assert next(it)["id"] == "a"
    # The library handed the whole first page over; "b" and "c" are still to come, so the
    # checkpoint is the page's start, not the next page.
    assert it.checkpoint() == "page-0"
    assert [next(it)["id"], next(it)["id"]] == ["b", "c"]
    assert it.checkpoint() == "page-1"  # the page is all handed out
    assert next(it)["id"] == "d"
    assert it.checkpoint() == "page-2"
    assert next(it)["id"] == "e"
    assert it.checkpoint() == "page-2"
    assert [item["id"] for item in it] == ["f"]
    assert walk.strings == {}

    # After the last item the native iterator is kept, so the final checkpoint can be read.
    assert not it.closed and walk.freed == []
    assert it.checkpoint() == "page-3"
    with it:
        pass
    assert it.closed and walk.freed == [ctypes.addressof(walk.node)]
    with pytest.raises(shiplink.InvalidArgument, match="iterator is closed"):
        it.checkpoint()
    assert list(it) == []
    it.close()
    assert len(walk.freed) == 1


def test_a_walk_without_checkpoints_still_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = ScriptedWalk(monkeypatch, PAGES, checkpoints=False)
    it = shiplink.ListIterator(walk.handle, resource="products")
    assert next(it)["id"] == "a"
    with pytest.raises(shiplink.InvalidArgument, match="no checkpoint"):
        it.checkpoint()  # mid-page: the library's own answer, not a stale one
    assert [item["id"] for item in it] == ["b", "c", "d", "e", "f"]
    assert walk.checkpoint_calls == 2  # asked once before the first page, then never again
    with pytest.raises(shiplink.InvalidArgument, match="no checkpoint"):
        it.checkpoint()
    it.close()


def test_after_a_failure_next_retries_the_same_page(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = ScriptedWalk(monkeypatch, PAGES)
    it = shiplink.ListIterator(walk.handle)
    assert [next(it)["id"] for _ in range(3)] == ["a", "b", "c"]
    walk.fail_next = shiplink.NetworkError("connection reset")
    with pytest.raises(shiplink.NetworkError):
        next(it)
    assert not it.closed and it.checkpoint() == "page-1"
    assert [item["id"] for item in it] == ["d", "e", "f"]
    it.close()


def test_dropping_an_open_iterator_frees_it_without_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    walk = ScriptedWalk(monkeypatch, PAGES)
    it = shiplink.ListIterator(walk.handle)
    next(it)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del it
        gc.collect()
    assert walk.freed == [ctypes.addressof(walk.node)]
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_concurrent_steps_are_serialized(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [[{"id": "{}-{}".format(p, i)} for i in range(3)] for p in range(200)]
    walk = ScriptedWalk(monkeypatch, pages)
    it = shiplink.ListIterator(walk.handle)
    seen: List[str] = []

    def drain() -> None:
        seen.extend(item["id"] for item in it)

    threads = [threading.Thread(target=drain) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == sorted(item["id"] for page in pages for item in page)
    it.close()


def test_a_null_handle_is_a_closed_iterator_and_the_native_functions_are_declared() -> None:
    it = shiplink.ListIterator(_ffi.ListIterPtr(), resource="orders")
    assert it.closed and list(it) == [] and "(closed)" in repr(it)
    with pytest.raises(shiplink.InvalidArgument, match="iterator is closed"):
        it.checkpoint()
    out = ctypes.c_void_p()
    for name in ("shiplink_list_iter_next", "shiplink_list_iter_next_batch", "shiplink_list_iter_checkpoint"):
        with pytest.raises(shiplink.InvalidArgument, match="iter: must not be NULL"):
            getattr(_ffi.lib, name)(_ffi.ListIterPtr(), ctypes.byref(out))
    _ffi.lib.shiplink_list_iter_free(_ffi.ListIterPtr())  # NULL: a no-op
