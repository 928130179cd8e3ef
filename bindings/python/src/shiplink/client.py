"""``shiplink.Client``: a native client handle, and the queue iterator.

Python only builds the documented JSON bodies and passes them to the native library, which
validates them (an error names the JSON path, e.g. ``order.items[0].qty``), sends them, retries
and reconciles. No protocol rule lives here.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import sys
import threading
import warnings
from collections import deque
from ctypes import byref, c_void_p
from collections.abc import Iterable, Mapping
from collections.abc import Iterator as _Iterator

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Union

    #: What ``since`` accepts: ``None``, a ``datetime``/``date`` or ``"yyyy-mm-dd hh:mm:ss"`` (UTC).
    Since = Union[None, str, _dt.datetime, _dt.date]

from . import _ffi, _logging
from .errors import InternalError, InvalidArgument

__all__ = ["Client", "QueueIterator"]

_UINT32_MAX = 2**32 - 1


# ---------------------------------------------------------------------------------------------
# Marshalling helpers (shared with the webhook functions)


def _is_decimal(value: Any) -> bool:
    """Whether ``value`` is a ``decimal.Decimal``, without importing ``decimal`` (ERP scripts
    start often; a Decimal can only exist once its module is loaded)."""
    module = sys.modules.get("decimal")
    return module is not None and isinstance(value, module.Decimal)


def _json_default(value: Any) -> Any:
    if _is_decimal(value):
        if not value.is_finite():
            raise ValueError("non-finite Decimal")
        return float(value)
    raise TypeError(type(value).__name__)


def encode_json(value: Any, name: str) -> bytes:
    """``value`` as UTF-8 JSON for the native side; InvalidArgument when it cannot be JSON.
    ``Decimal`` amounts are sent as JSON numbers."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False, default=_json_default)
    except TypeError as e:
        raise InvalidArgument("{}: a value of type {} cannot be sent as JSON".format(name, e)) from None
    except ValueError:
        raise InvalidArgument("{}: NaN and infinite numbers cannot be sent as JSON".format(name)) from None
    return _ffi.cstr(text, name)


def unix_seconds(value: Union[int, float, _dt.datetime], name: str) -> int:
    """A timestamp as whole Unix seconds. A naive ``datetime`` is taken as UTC."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return int(math.floor(value.timestamp()))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgument("{}: must be a datetime or Unix seconds, not {}".format(name, type(value).__name__))
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidArgument("{}: must be finite".format(name))
    seconds = int(math.floor(value))
    if not -(2**63) <= seconds < 2**63:
        raise InvalidArgument("{}: out of range".format(name))
    return seconds


def _since_text(since: Since) -> Optional[bytes]:
    if since is None:
        return None
    if isinstance(since, _dt.datetime):
        if since.tzinfo is not None:
            since = since.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return since.strftime("%Y-%m-%d %H:%M:%S").encode("ascii")
    if isinstance(since, _dt.date):
        return since.strftime("%Y-%m-%d 00:00:00").encode("ascii")
    if isinstance(since, str):
        return _ffi.cstr(since, "since")  # checked natively
    raise InvalidArgument("since: must be None, a datetime or a str, not {}".format(type(since).__name__))


def _is_sequence(items: Any) -> bool:
    return isinstance(items, Iterable) and not isinstance(items, (str, bytes, bytearray, Mapping))


def _items(items: Any, shape: Callable[[Any], Any]) -> Any:
    # Anything that is not a collection goes through as given: the native check names it.
    return [shape(item) for item in items] if _is_sequence(items) else items


def _qty_item(item: Any) -> Any:
    """``(item_id, qty)`` or a mapping → ``{"item_id", "qty"}``; anything else as given."""
    if isinstance(item, Mapping):
        return dict(item)
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return {"item_id": item[0], "qty": item[1]}
    return item


def _id_item(item: Any) -> Any:
    """An item id or a mapping → ``{"item_id"}``; anything else as given."""
    if isinstance(item, Mapping):
        return dict(item)
    if isinstance(item, (int, str)) and not isinstance(item, bool):
        return {"item_id": item}
    return item


def _track(track: Any) -> Any:
    """``(carrier_code, title, track_number)`` or a mapping → a track object."""
    if isinstance(track, Mapping):
        return dict(track)
    if isinstance(track, (tuple, list)) and len(track) == 3:
        return {"carrier_code": track[0], "title": track[1], "track_number": track[2]}
    return track


def _millis(seconds: Any) -> Any:
    if isinstance(seconds, bool) or not (isinstance(seconds, (int, float)) or _is_decimal(seconds)):
        return seconds  # passed through; the native configuration check names timeout_ms
    if not math.isfinite(seconds):
        raise InvalidArgument("timeout: must be a finite number of seconds")
    return int(round(seconds * 1000))


# ---------------------------------------------------------------------------------------------


class Client:
    """A connection to one ShipperOne tenant and store, over one native ``shiplink_client``.

    Args:
        base_url: ``https://tenant.example.com`` (``/rest/{store_code}/V1`` is added). Plain
            ``http://`` is refused except to loopback unless ``allow_insecure_http=True``.
        token: the bearer token. It never appears in an error or a log line.
        store_code: the store code of the path.
        timeout: seconds per attempt (sent as ``timeout_ms``).
        max_retries: retries after the first attempt (0–10).
        **options: any other configuration key of the native library, passed verbatim:
            ``connect_timeout_ms``, ``ca_file``, ``proxy``, ``user_agent``,
            ``allow_insecure_http``, ``retry_base_ms``, ``retry_max_ms``,
            ``retry_after_max_ms``, ``max_response_bytes``. An unknown key raises
            :class:`InvalidArgument` naming it.

    Thread-safe: share one client across threads. Use it as a context manager, or call
    :meth:`close`, to release the native handle (``__del__`` is only a fallback). Calls made
    after :meth:`close` raise :class:`InvalidArgument` ("client is closed"); calls already
    running when it is called finish first.

    Raises:
        InvalidArgument: a bad or unknown configuration value (no network traffic happens here).
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        store_code: str = "all",
        timeout: float = 30.0,
        max_retries: int = 3,
        **options: Any,
    ) -> None:
        self._handle = _ffi.ClientPtr()
        self._lock = threading.Lock()
        self._active = 0
        self._closed = True
        self.base_url = base_url
        self.store_code = store_code
        if not isinstance(token, str):
            # Checked here because the native message would quote a non-string value.
            raise InvalidArgument("token: must be a str, not {}".format(type(token).__name__))
        config: Dict[str, Any] = {
            "base_url": base_url,
            "token": token,
            "store_code": store_code,
            "timeout_ms": _millis(timeout),
            "max_retries": max_retries,
        }
        config.update(options)
        _logging.sync()
        handle = _ffi.ClientPtr()
        _ffi.lib.shiplink_client_new(encode_json(config, "config"), byref(handle))
        self._handle = handle
        self._closed = False

    # -- lifetime ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def close(self) -> None:
        """Releases the native client. Safe to call more than once, and from any thread; calls
        still running on other threads finish first (the last one releases the handle).
        Iterators already made keep working until exhausted or closed."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._active == 0:
                self._free_locked()

    def _free_locked(self) -> None:
        handle, self._handle = self._handle, _ffi.ClientPtr()
        if handle:
            _ffi.lib.shiplink_client_free(handle)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # Fallback only: close() or the context manager is the way to release the handle
        # (a ResourceWarning says so, as for unclosed files; hidden unless warnings are on).
        try:
            if not self._closed:
                message = "unclosed {!r}".format(self)
                self.close()
                warnings.warn(message, ResourceWarning, source=self)
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return "<shiplink.Client {} store_code={!r} ({})>".format(self.base_url, self.store_code, state)

    def _acquire(self) -> Any:
        _logging.sync()
        with self._lock:
            if self._closed:
                raise InvalidArgument("client is closed")
            self._active += 1
            return self._handle

    def _release(self) -> None:
        with self._lock:
            self._active -= 1
            if self._closed and self._active == 0:
                self._free_locked()

    def _call_out(self, func: Any, *args: Any) -> str:
        """Calls ``func(client, *args, &out)`` and returns the owned string it produced."""
        out = c_void_p()
        handle = self._acquire()
        try:
            func(handle, *args, byref(out))
        finally:
            self._release()
        text = _ffi.take_string(out)
        if text is None:  # pragma: no cover - the C contract sets it on success
            raise InternalError("the native call succeeded without a result")
        return text

    # -- queues -----------------------------------------------------------------------------

    def poll_queue(self, queue: str, page: int = 1, since: Since = None) -> List[Dict[str, Any]]:
        """One page (1-based, 100 orders) of ``queue``: ``"pending_accept"``,
        ``"pending_allocation"``, ``"pending_shipment"``, ``"pending_invoice"`` or ``"failed"``.

        ``since`` keeps orders updated at or after it: a ``datetime`` (naive means UTC; an aware
        one is converted to UTC), a ``date`` (its midnight) or ``"yyyy-mm-dd hh:mm:ss"``.
        Returns ``[]`` past the last page. Acting on orders shifts later pages: to walk a whole
        queue, use :meth:`iter_queue`.
        """
        if isinstance(page, bool) or not isinstance(page, int):
            raise InvalidArgument("page: must be an int, not {}".format(type(page).__name__))
        if not 0 <= page <= _UINT32_MAX:
            raise InvalidArgument("page: {} is out of range (pages start at 1)".format(page))
        text = self._call_out(_ffi.lib.shiplink_poll_queue, _ffi.cstr(queue, "queue"), page, _since_text(since))
        orders: List[Dict[str, Any]] = json.loads(text)
        return orders

    def iter_queue(self, queue: str, since: Since = None) -> "QueueIterator":
        """Every order of ``queue`` once, even while you act on the orders between steps (the
        native iterator re-reads pages as needed). Requests are made as you iterate. The
        iterator is for one thread at a time; close it (or exhaust it) to free it early."""
        return QueueIterator(self, queue, since)

    # -- actions ----------------------------------------------------------------------------

    def _act(self, func: Any, body: Dict[str, Any]) -> Dict[str, Any]:
        result: Dict[str, Any] = json.loads(self._call_out(func, encode_json(body, "request")))
        return result

    def accept(self, order_id: str, items: Iterable[Any]) -> Dict[str, Any]:
        """Accepts (qty > 0) or rejects (qty 0) items of an order.

        ``items``: ``(item_id, qty)`` tuples or ``{"item_id": …, "qty": …}`` dicts. Safe to
        retry: a repeated decision is a no-op. Returns the order's current state.
        """
        return self._act(
            _ffi.lib.shiplink_accept,
            {"order": {"order_id": order_id, "items": _items(items, _qty_item)}},
        )

    def reject(self, order_id: str, item_ids: Iterable[Any]) -> Dict[str, Any]:
        """Rejects whole items (sent as an accept with qty 0). ``item_ids``: ids or
        ``{"item_id": …}`` dicts. Returns the order's current state."""
        return self._act(
            _ffi.lib.shiplink_reject,
            {"order": {"order_id": order_id, "items": _items(item_ids, _id_item)}},
        )

    def allocate(self, order_id: str, items: Iterable[Any]) -> Dict[str, Any]:
        """Confirms allocation of items (ids or ``{"item_id": …}`` dicts).

        Never blindly re-sent: after an ambiguous failure the library checks
        ``pending_allocation``; if the items left it the result is
        ``{"order_id": …, "reconciled": True}``; if it cannot tell it raises
        :class:`OutcomeUnknown`.
        """
        return self._act(
            _ffi.lib.shiplink_allocate,
            {"order": {"order_id": order_id, "items": _items(items, _id_item)}},
        )

    def ship(self, order_id: str, items: Iterable[Any], tracks: Iterable[Any], **extra: Any) -> Dict[str, Any]:
        """Reports a shipment (one parcel).

        ``items``: ``(item_id, qty)`` tuples or dicts; ``tracks``: ``{"carrier_code", "title",
        "track_number"}`` dicts or ``(carrier_code, title, track_number)`` tuples; ``extra``:
        more shipment fields, e.g. ``cod_amount=…``, ``package_value=…``. Safe to retry: the
        same shipment is not recorded twice. Returns the order's current state.
        """
        shipment: Dict[str, Any] = {
            "order_id": order_id,
            "items": _items(items, _qty_item),
            "tracks": _items(tracks, _track),
        }
        shipment.update(extra)
        return self._act(_ffi.lib.shiplink_ship, {"shipment": shipment})

    def invoice(self, order_id: str, items: Iterable[Any], shipping_amount_incl_tax: Any) -> Dict[str, Any]:
        """Invoices shipped items (ids or ``{"item_id": …}`` dicts) with the shipping amount
        still to invoice (a number or ``Decimal``); both must match the order's
        ``pending_invoice`` view, else :class:`BadRequest` whose ``body["expected"]`` says what
        was expected. Never blindly re-sent (see :meth:`allocate`)."""
        return self._act(
            _ffi.lib.shiplink_invoice,
            {
                "order": {
                    "order_id": order_id,
                    "items": _items(items, _id_item),
                    "shipping_amount_incl_tax": shipping_amount_incl_tax,
                }
            },
        )


class QueueIterator(_Iterator):
    """Iterates one queue over a native ``shiplink_queue_iter``; made by
    :meth:`Client.iter_queue`.

    Every order is yielded once. After an exception (network, server…), calling ``next()``
    again retries the same page. The native iterator is freed when exhausted, by :meth:`close`
    (or ``with``), or as a fallback when garbage-collected. It keeps its client alive and
    keeps working after the client is closed. Not meant to be shared between threads (use
    one iterator per thread); concurrent use is serialized, never unsafe.
    """

    def __init__(self, client: Client, queue: str, since: Since = None) -> None:
        self._handle = _ffi.QueueIterPtr()
        self._lock = threading.Lock()
        # Orders are fetched a page at a time (one native call, one json.loads per page) and
        # handed out one by one; the native walk is the same as order by order.
        self._batch: "Deque[Dict[str, Any]]" = deque()
        self.client = client
        self.queue = queue
        queue_arg = _ffi.cstr(queue, "queue")
        since_arg = _since_text(since)
        handle = _ffi.QueueIterPtr()
        client_handle = client._acquire()
        try:
            _ffi.lib.shiplink_queue_iter_new(client_handle, queue_arg, since_arg, byref(handle))
        finally:
            client._release()
        self._handle = handle

    def __iter__(self) -> "QueueIterator":
        return self

    def __next__(self) -> Dict[str, Any]:
        # The page already read needs no lock: deque.popleft is atomic. Only the native handle
        # (reading the next page) is guarded.
        try:
            return self._batch.popleft()
        except IndexError:
            pass
        with self._lock:
            if self._batch:
                return self._batch.popleft()
            if not self._handle:
                raise StopIteration
            _logging.sync()
            out = c_void_p()
            status = _ffi.lib.shiplink_queue_iter_next_batch(self._handle, byref(out))
            if status == _ffi.DONE:
                self._free_locked()
                raise StopIteration
            text = _ffi.take_string(out)
            if text is None:  # pragma: no cover - the C contract sets it on success
                raise InternalError("the native iterator returned no orders")
            self._batch.extend(json.loads(text))
            return self._batch.popleft()

    @property
    def closed(self) -> bool:
        """Whether the native iterator was released (exhausted or closed)."""
        return not self._handle

    def close(self) -> None:
        """Releases the native iterator; later ``next()`` calls raise ``StopIteration``."""
        with self._lock:
            self._batch.clear()
            self._free_locked()

    def _free_locked(self) -> None:
        handle, self._handle = self._handle, _ffi.QueueIterPtr()
        if handle:
            _ffi.lib.shiplink_queue_iter_free(handle)

    def __enter__(self) -> "QueueIterator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self._free_locked()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def __repr__(self) -> str:
        return "<shiplink.QueueIterator {!r} ({})>".format(self.queue, "closed" if self.closed else "open")
