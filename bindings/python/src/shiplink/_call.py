"""Native calls made on behalf of a handle owner: arguments in, the owner's handle held for the
call, an owned string (usually JSON) or a new handle out.

A failing status never gets past the native call itself: ``_ffi`` declares every function to
raise the status's exception, so what these functions read after the call is a result.
"""

from __future__ import annotations

import json
from ctypes import byref, c_void_p

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._handle import NativeHandle

from . import _ffi, _logging
from .errors import InternalError

__all__ = ["call_out", "call_json", "create", "create_from"]


def call_out(owner: NativeHandle, func: Any, *args: Any) -> str:
    """Calls ``func(handle, *args, &out)`` with ``owner``'s handle and returns the owned string
    it produced (copied, then freed natively)."""
    out = c_void_p()
    handle = owner._acquire()
    try:
        func(handle, *args, byref(out))
    finally:
        owner._release()
    text = _ffi.take_string(out)
    if text is None:  # pragma: no cover - the C contract sets it on success
        raise InternalError("the native call succeeded without a result")
    return text


def call_json(owner: NativeHandle, func: Any, *args: Any) -> Any:
    """:func:`call_out`, with the result parsed from JSON (``dict``s and ``list``s)."""
    return json.loads(call_out(owner, func, *args))


def create(func: Any, handle_type: Any, *args: Any) -> Any:
    """Calls a native constructor ``func(*args, &handle)`` and returns the handle it made, for
    :meth:`NativeHandle._adopt`."""
    _logging.sync()
    handle = handle_type()
    func(*args, byref(handle))
    return handle


def create_from(owner: NativeHandle, func: Any, handle_type: Any, *args: Any) -> Any:
    """Like :func:`create` for a handle made from another one (an iterator from its client):
    ``func(owner_handle, *args, &handle)``, ``owner`` held for the call."""
    handle = handle_type()
    owner_handle = owner._acquire()
    try:
        func(owner_handle, *args, byref(handle))
    finally:
        owner._release()
    return handle
