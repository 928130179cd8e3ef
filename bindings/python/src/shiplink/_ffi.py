"""The one place that touches the C ABI: loads libshiplink, declares every native function
(argtypes/restype) and maps every failing status to an exception (:func:`_check`).

Nothing else in the package calls ``ctypes`` on the library. Conventions (from ``shiplink.h``):

- Strings going in are UTF-8 (encoded strictly; a NUL inside one is refused here, since C would
  silently cut the string there).
- Strings coming out through ``out_*`` parameters are owned by the caller: they are declared as
  ``c_void_p`` so ctypes keeps the pointer, copied, then released with ``shiplink_string_free``
  (:func:`take_string`). ``shiplink_version``, ``shiplink_status_name`` and
  ``shiplink_last_error`` return library-owned strings: never freed.
- ``shiplink_last_error`` is thread-local and valid until the next shiplink call on the thread:
  ``_check`` runs on the calling thread right after the call returns, before anything else.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from ctypes import POINTER, c_char_p, c_int, c_int32, c_int64, c_size_t, c_uint32, c_void_p
# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Tuple

from . import errors
from ._version import ABI

__all__ = ["lib", "library_path", "native_version", "take_string", "cstr", "opt_cstr"]

OK = int(errors.Status.OK)
DONE = int(errors.Status.DONE)


def _library_file_name() -> str:
    if sys.platform == "win32":
        return "shiplink.dll"
    if sys.platform == "darwin":
        return "libshiplink.dylib"
    return "libshiplink.so"


def _locate() -> Tuple[str, str]:
    """The library to load and where that choice came from: ``SHIPLINK_LIBRARY`` wins, else the
    copy shipped inside the package (``shiplink/_native/``)."""
    env = os.environ.get("SHIPLINK_LIBRARY")
    if env:
        return os.path.abspath(env), "SHIPLINK_LIBRARY"
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "_native", _library_file_name()), "the package"


def _load() -> Tuple[ctypes.CDLL, str]:
    path, origin = _locate()
    if not os.path.isfile(path):
        raise ImportError(
            "shiplink: the native library was not found at {} (from {}). Install the package "
            "with `pip install ./bindings/python` from the shiplink repository, or set "
            "SHIPLINK_LIBRARY to the path of a built {}.".format(path, origin, _library_file_name())
        )
    try:
        return ctypes.CDLL(path), path
    except OSError as e:
        raise ImportError("shiplink: cannot load {} (from {}): {}".format(path, origin, e)) from e


lib, library_path = _load()


# Opaque handle types, so a client pointer cannot be passed where an iterator is expected.
class _Client(ctypes.Structure):
    pass


class _QueueIter(ctypes.Structure):
    pass


class _ListIter(ctypes.Structure):
    pass


class _ShipperClient(ctypes.Structure):
    pass


class _ThreePLClient(ctypes.Structure):
    pass


ClientPtr = POINTER(_Client)
QueueIterPtr = POINTER(_QueueIter)
ListIterPtr = POINTER(_ListIter)
ShipperClientPtr = POINTER(_ShipperClient)
ThreePLClientPtr = POINTER(_ThreePLClient)

#: ``void (*)(int32_t level, const char *message, void *user_data)``
LOG_CALLBACK = ctypes.CFUNCTYPE(None, c_int32, c_char_p, c_void_p)


def _last_error_detail() -> Optional[Dict[str, Any]]:
    raw = lib.shiplink_last_error()
    if raw is None:
        return None
    try:
        detail = json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return {"message": raw.decode("utf-8", "replace")}
    return detail if isinstance(detail, dict) else None


def _check(result: int, func: Any, args: Any) -> int:
    """errcheck of every function returning a ``shiplink_status``: OK and DONE pass through;
    anything else raises the matching :class:`shiplink.Error` subclass with this thread's
    last-error detail (read at once, before any other shiplink call on the thread)."""
    if result == OK or result == DONE:
        return result
    detail = _last_error_detail()
    if detail is None:  # the C contract records one on every failure; never fail silently
        name = status_name(result)
        detail = {"status": name, "message": "{} (the library recorded no detail)".format(name)}
    raise errors.from_detail(result, detail)


def _declare(name: str, restype: Any, argtypes: List[Any], status: bool = False) -> None:
    try:
        func = getattr(lib, name)
    except AttributeError:
        # A library from before the function was added: say so, rather than fail at first use.
        raise ImportError(
            "shiplink: {} has no {}: it is older than this binding, rebuild or reinstall it".format(library_path, name)
        ) from None
    func.restype = restype
    func.argtypes = argtypes
    if status:
        func.errcheck = _check


_OUT_STR = POINTER(c_void_p)  # char **out_*: kept as a raw pointer, freed by take_string

# The version first: a library of another ABI is refused for its version, not for a function
# it lacks.
_declare("shiplink_version", c_char_p, [])


def native_version() -> str:
    """The loaded library's version, e.g. ``"0.1.0"``."""
    version: bytes = lib.shiplink_version()
    return version.decode("ascii")


def _check_abi() -> None:
    version = native_version()
    try:
        major_minor = tuple(int(p) for p in version.split(".")[:2])
    except ValueError:
        major_minor = ()
    if major_minor != ABI:
        raise ImportError(
            "shiplink: {} is libshiplink {}, but this binding needs {}.{}.x".format(
                library_path, version, ABI[0], ABI[1]
            )
        )


_check_abi()

_declare("shiplink_status_name", c_char_p, [c_int32])
_declare("shiplink_last_error", c_char_p, [])
_declare("shiplink_string_free", None, [c_void_p])
_declare("shiplink_set_log_callback", None, [c_int32, LOG_CALLBACK, c_void_p])

_declare("shiplink_client_new", c_int, [c_char_p, POINTER(ClientPtr)], status=True)
_declare("shiplink_client_free", None, [ClientPtr])
_declare("shiplink_poll_queue", c_int, [ClientPtr, c_char_p, c_uint32, c_char_p, _OUT_STR], status=True)
_declare("shiplink_queue_iter_new", c_int, [ClientPtr, c_char_p, c_char_p, POINTER(QueueIterPtr)], status=True)
_declare("shiplink_queue_iter_next", c_int, [QueueIterPtr, _OUT_STR], status=True)
_declare("shiplink_queue_iter_next_batch", c_int, [QueueIterPtr, _OUT_STR], status=True)
_declare("shiplink_queue_iter_free", None, [QueueIterPtr])

_declare("shiplink_list_iter_next", c_int, [ListIterPtr, _OUT_STR], status=True)
_declare("shiplink_list_iter_next_batch", c_int, [ListIterPtr, _OUT_STR], status=True)
_declare("shiplink_list_iter_checkpoint", c_int, [ListIterPtr, _OUT_STR], status=True)
_declare("shiplink_list_iter_free", None, [ListIterPtr])

_declare("shiplink_threepl_client_new", c_int, [c_char_p, POINTER(ThreePLClientPtr)], status=True)
_declare("shiplink_threepl_client_free", None, [ThreePLClientPtr])
for _name, _strings in (
    ("create_order", 2),
    ("get_order", 1),
    ("amend_order", 3),
    ("cancel_order", 1),
    ("create_inbound_shipment", 2),
    ("create_return", 2),
    ("create_webhook", 1),
    ("delete_webhook", 1),
    ("list", 2),
):
    _declare("shiplink_threepl_" + _name, c_int, [ThreePLClientPtr] + [c_char_p] * _strings + [_OUT_STR], status=True)
_declare(
    "shiplink_threepl_iter_new", c_int, [ThreePLClientPtr, c_char_p, c_char_p, POINTER(ListIterPtr)], status=True
)

for _action in ("accept", "reject", "allocate", "ship", "invoice"):
    _declare("shiplink_" + _action, c_int, [ClientPtr, c_char_p, _OUT_STR], status=True)

_declare("shiplink_shipper_client_new", c_int, [c_char_p, POINTER(ShipperClientPtr)], status=True)
_declare("shiplink_shipper_client_free", None, [ShipperClientPtr])
for _name in ("list", "dashboard"):
    _declare("shiplink_shipper_" + _name, c_int, [ShipperClientPtr, c_char_p, c_char_p, _OUT_STR], status=True)
_declare(
    "shiplink_shipper_iter_new", c_int, [ShipperClientPtr, c_char_p, c_char_p, POINTER(ListIterPtr)], status=True
)
for _name in ("get_product", "get_order", "create_order", "cancel_order", "create_webhook", "delete_webhook"):
    _declare("shiplink_shipper_" + _name, c_int, [ShipperClientPtr, c_char_p, _OUT_STR], status=True)

_declare(
    "shiplink_verify_signature",
    c_int,
    [c_char_p, c_char_p, c_char_p, c_char_p, c_size_t, c_int64, c_uint32],
    status=True,
)
_declare(
    "shiplink_sign_webhook",
    c_int,
    [c_char_p, c_char_p, c_char_p, c_size_t, c_int64, _OUT_STR],
    status=True,
)
_declare(
    "shiplink_parse_webhook",
    c_int,
    [c_char_p, c_char_p, c_char_p, c_char_p, c_size_t, c_int64, c_uint32, _OUT_STR],
    status=True,
)


def take_string(out: c_void_p) -> Optional[str]:
    """Copies a caller-owned native string and frees it (exactly once). ``None`` for NULL."""
    address = out.value
    if not address:
        return None
    try:
        return ctypes.string_at(address).decode("utf-8")
    finally:
        lib.shiplink_string_free(address)


def cstr(value: Any, name: str) -> bytes:
    """A ``str`` argument as a NUL-terminated UTF-8 C string (``bytes``), or InvalidArgument."""
    if not isinstance(value, str):
        raise errors.InvalidArgument("{}: must be a str, not {}".format(name, type(value).__name__))
    try:
        data = value.encode("utf-8", "strict")
    except UnicodeEncodeError as e:
        raise errors.InvalidArgument("{}: is not valid UTF-8 ({})".format(name, e.reason)) from None
    if b"\0" in data:
        raise errors.InvalidArgument("{}: must not contain a NUL character".format(name))
    return data


def opt_cstr(value: Any, name: str) -> Optional[bytes]:
    """Like :func:`cstr`; ``None`` stays NULL."""
    return None if value is None else cstr(value, name)


def status_name(status: int) -> str:
    """The native name of a status (``"BAD_REQUEST"``; ``"UNKNOWN"`` for an unknown number)."""
    name: bytes = lib.shiplink_status_name(status)
    return name.decode("ascii")
