"""Iterators over a native walk, and :class:`ListIterator`, the one the list APIs return.

Every native iterator type (``shiplink_queue_iter``, ``shiplink_list_iter``) has a
``_next_batch`` function giving the next items, at most a page, as one JSON array: one native
call and one ``json.loads`` per page instead of per item, and the same walk as item by item.
:class:`BatchIterator` reads those batches and hands the items out one at a time.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator as _Iterator
from ctypes import byref, c_void_p

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Deque, Dict, Optional

from . import _ffi
from ._call import call_out
from ._handle import NativeHandle
from .errors import InternalError, InvalidArgument

__all__ = ["BatchIterator", "ListIterator"]


class BatchIterator(NativeHandle, _Iterator):
    """Items of a native iterator handle, given its ``_next_batch`` and ``_free`` functions.

    After an exception (network, server…), calling ``next()`` again retries the same page. The
    native iterator is for one thread at a time: steps are serialized here, so concurrent use
    is never unsafe, and :meth:`close` waits for a step in progress.
    """

    _NOUN = "iterator"
    # An iterator dropped half-way is ordinary use, not a leak to warn about.
    _WARN_UNCLOSED = False
    #: Whether the native iterator is released as soon as the walk ends.
    _FREE_WHEN_DONE = True

    def __init__(self, next_batch: Callable[..., int], free: Callable[[Any], None]) -> None:
        NativeHandle.__init__(self, free)
        self._next_batch = next_batch
        self._step = threading.Lock()
        self._batch: Deque[Dict[str, Any]] = deque()
        self._done = False

    def __iter__(self) -> BatchIterator:
        return self

    def __next__(self) -> Dict[str, Any]:
        # The page already read needs no lock: deque.popleft is atomic. Only the native handle
        # (reading the next page) is guarded.
        try:
            return self._batch.popleft()
        except IndexError:
            pass
        with self._step:
            while not self._batch:
                if self._closed or self._done:
                    raise StopIteration
                self._before_batch()
                out = c_void_p()
                handle = self._acquire()
                try:
                    status = self._next_batch(handle, byref(out))
                finally:
                    self._release()
                if status == _ffi.DONE:
                    self._done = True
                    if self._FREE_WHEN_DONE:
                        NativeHandle.close(self)
                    raise StopIteration
                text = _ffi.take_string(out)
                if text is None:  # pragma: no cover - the C contract sets it on success
                    raise InternalError("the native iterator returned no items")
                self._batch.extend(json.loads(text))
            return self._batch.popleft()

    def _before_batch(self) -> None:
        """Runs (with the step lock held) before each native ``_next_batch`` call."""

    @property
    def closed(self) -> bool:
        """Whether the native iterator was released."""
        return self._closed

    def close(self) -> None:
        """Releases the native iterator; later ``next()`` calls raise ``StopIteration``."""
        with self._step:
            self._batch.clear()
            NativeHandle.close(self)


class ListIterator(BatchIterator):
    """Every item of one list (a ``dict`` each, as the server sent it), over a native
    ``shiplink_list_iter``: the iterator the list APIs' ``iter`` methods return. Requests are
    made as you iterate.

    :meth:`checkpoint` gives an opaque string from which a later walk of the same list resumes;
    store it with your own writes of the items received so far. The native iterator is kept
    after the last item, so the final checkpoint can still be read: release it with
    :meth:`close` (or ``with``); garbage collection is the fallback. For one thread at a time,
    like every iterator here.

    Made by a client from the native handle its ``_iter_new`` function returned, which this
    object then owns.
    """

    _NAME = "ListIterator"
    _FREE_WHEN_DONE = False

    def __init__(self, handle: Any, client: Any = None, resource: Optional[str] = None) -> None:
        BatchIterator.__init__(self, _ffi.lib.shiplink_list_iter_next_batch, _ffi.lib.shiplink_list_iter_free)
        #: The client that made this iterator (kept alive with it), or ``None``.
        self.client = client
        #: The list walked, e.g. ``"orders"``.
        self.resource = resource
        # The native checkpoint taken before the batch being handed out was read (see
        # checkpoint()), and whether this walk has checkpoints at all.
        self._batch_start: Optional[str] = None
        self._has_checkpoint = True
        self._adopt(handle)

    def _describe(self) -> str:
        return repr(self.resource)

    def _before_batch(self) -> None:
        if not self._has_checkpoint:
            return
        try:
            self._batch_start = call_out(self, _ffi.lib.shiplink_list_iter_checkpoint)
        except InvalidArgument:
            self._has_checkpoint = False  # a page-numbered walk; checkpoint() says so itself

    def checkpoint(self) -> str:
        """Where a later walk of the same list resumes (pass it back as the ``checkpoint`` query
        value). Nothing after it is missed: after the last item it covers the whole walk; in the
        middle of a page it is the checkpoint from that page's start, so a walk resumed from it
        may deliver the page's earlier items again.

        Raises:
            InvalidArgument: the walk has no checkpoint (a page-numbered list), or the iterator
                is closed.
        """
        with self._step:
            # The native walk has already handed this whole batch to Python, so its own
            # checkpoint would skip the items not yet yielded: the one from before the batch
            # is the one that matches what the host received.
            if self._batch and self._has_checkpoint and self._batch_start is not None:
                return self._batch_start
            return call_out(self, _ffi.lib.shiplink_list_iter_checkpoint)
