"""``shiplink.Client``: ShipperOne fulfillment-order queues and actions, over one native
``shiplink_client``, and the queue iterator.

Python only builds the documented JSON bodies and passes them to the native library, which
validates them (an error names the JSON path, e.g. ``order.items[0].qty``), sends them, retries
and reconciles. No protocol rule lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as _dt
    from typing import Any, Callable, Dict, List, Union

    #: What ``since`` accepts: ``None``, a ``datetime``/``date`` or ``"yyyy-mm-dd hh:mm:ss"`` (UTC).
    Since = Union[None, str, _dt.datetime, _dt.date]

from . import _ffi
from ._call import call_json, create, create_from
from ._handle import NativeHandle
from ._iter import BatchIterator
from ._marshal import client_config, encode_json, utc_text
from .errors import InvalidArgument

__all__ = ["Client", "QueueIterator"]

_UINT32_MAX = 2**32 - 1


# -- request bodies: the argument forms each action accepts, as the documented JSON ------------


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


# ---------------------------------------------------------------------------------------------


class Client(NativeHandle):
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

    _NAME = "Client"
    _NOUN = "client"

    def __init__(
        self,
        base_url: str,
        token: str,
        store_code: str = "all",
        timeout: float = 30.0,
        max_retries: int = 3,
        **options: Any,
    ) -> None:
        NativeHandle.__init__(self, _ffi.lib.shiplink_client_free)
        self.base_url = base_url
        self.store_code = store_code
        config = client_config(base_url, token, timeout, max_retries, options, store_code=store_code)
        self._adopt(create(_ffi.lib.shiplink_client_new, _ffi.ClientPtr, encode_json(config, "config")))

    def close(self) -> None:
        """Releases the native client. Safe to call more than once, and from any thread; calls
        still running on other threads finish first (the last one releases the handle).
        Iterators already made keep working until exhausted or closed."""
        NativeHandle.close(self)

    def __enter__(self) -> Client:
        return self

    def _describe(self) -> str:
        return "{} store_code={!r}".format(self.base_url, self.store_code)

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
        orders: List[Dict[str, Any]] = call_json(
            self, _ffi.lib.shiplink_poll_queue, _ffi.cstr(queue, "queue"), page, utc_text(since, "since")
        )
        return orders

    def iter_queue(self, queue: str, since: Since = None) -> QueueIterator:
        """Every order of ``queue`` once, even while you act on the orders between steps (the
        native iterator re-reads pages as needed). Requests are made as you iterate. The
        iterator is for one thread at a time; close it (or exhaust it) to free it early."""
        return QueueIterator(self, queue, since)

    # -- actions ----------------------------------------------------------------------------

    def _act(self, func: Any, body: Dict[str, Any]) -> Dict[str, Any]:
        result: Dict[str, Any] = call_json(self, func, encode_json(body, "request"))
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


class QueueIterator(BatchIterator):
    """Iterates one queue over a native ``shiplink_queue_iter``; made by
    :meth:`Client.iter_queue`.

    Every order is yielded once. After an exception (network, server…), calling ``next()``
    again retries the same page. The native iterator is freed when exhausted, by :meth:`close`
    (or ``with``), or as a fallback when garbage-collected. It keeps its client alive and
    keeps working after the client is closed. Not meant to be shared between threads (use
    one iterator per thread); concurrent use is serialized, never unsafe.
    """

    _NAME = "QueueIterator"

    def __init__(self, client: Client, queue: str, since: Since = None) -> None:
        BatchIterator.__init__(self, _ffi.lib.shiplink_queue_iter_next_batch, _ffi.lib.shiplink_queue_iter_free)
        self.client = client
        self.queue = queue
        queue_arg = _ffi.cstr(queue, "queue")
        since_arg = utc_text(since, "since")
        self._adopt(create_from(client, _ffi.lib.shiplink_queue_iter_new, _ffi.QueueIterPtr, queue_arg, since_arg))

    def __enter__(self) -> QueueIterator:
        return self

    def _describe(self) -> str:
        return repr(self.queue)

    @property
    def closed(self) -> bool:
        """Whether the native iterator was released (exhausted or closed)."""
        return self._closed
