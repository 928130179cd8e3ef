"""The owner of one native handle: every client and iterator class is one.

A handle is freed exactly once, and never while a native call is using it: :meth:`close` marks
it closed at once, and the handle is released when the last call in flight returns (or at once
when none is). Native calls go through :meth:`_acquire` / :meth:`_release`, usually by way of the
functions in ``_call``.
"""

from __future__ import annotations

import threading
import warnings

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable

from . import _logging
from .errors import InvalidArgument

__all__ = ["NativeHandle"]


class NativeHandle:
    """Holds one native handle and the function that frees it.

    Subclasses call ``NativeHandle.__init__`` before anything that can raise (so ``__del__``
    always finds a consistent object), then hand over the handle made natively with
    :meth:`_adopt`.
    """

    #: The public name shown by ``repr``: ``<shiplink.Client …>``.
    _NAME = "handle"
    #: What a call after :meth:`close` says is closed: ``"client is closed"``.
    _NOUN = "handle"
    #: Whether ``__del__`` finding the handle still open emits a ResourceWarning (as an
    #: unclosed file does). Clients do; an iterator abandoned half-way is ordinary use.
    _WARN_UNCLOSED = True

    def __init__(self, free: Callable[[Any], None]) -> None:
        self._free = free
        self._handle: Any = None
        self._lock = threading.Lock()
        self._active = 0
        self._closed = True

    def _adopt(self, handle: Any) -> None:
        """Takes ownership of a handle the native library just made (a NULL one stays closed)."""
        if handle:
            self._handle = handle
            self._closed = False

    # -- lifetime -------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def close(self) -> None:
        """Releases the native handle. Safe to call more than once, and from any thread; calls
        still running on other threads finish first (the last one releases the handle)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._active == 0:
                self._free_locked()

    def _free_locked(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # Fallback only: close() or the context manager is the way to release the handle.
        try:
            if not self._closed:
                message = "unclosed {!r}".format(self) if self._WARN_UNCLOSED else ""
                self.close()
                if message:
                    warnings.warn(message, ResourceWarning, source=self)
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def _describe(self) -> str:
        """What ``repr`` shows between the class name and the state."""
        return ""

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return "<shiplink.{} {} ({})>".format(self._NAME, self._describe(), state)

    # -- calls ----------------------------------------------------------------------------------

    def _acquire(self) -> Any:
        """The handle, held open until the matching :meth:`_release`; InvalidArgument once
        closed. Also brings the native log level in step before the call."""
        _logging.sync()
        with self._lock:
            if self._closed:
                raise InvalidArgument("{} is closed".format(self._NOUN))
            self._active += 1
            return self._handle

    def _release(self) -> None:
        with self._lock:
            self._active -= 1
            if self._closed and self._active == 0:
                self._free_locked()
