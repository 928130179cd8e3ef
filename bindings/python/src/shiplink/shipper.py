"""``shiplink.ShipperClient``: the Shipper Open API (countries, products, orders, dashboard
reports, webhooks) over one native ``shiplink_shipper_client``.

Dicts in, dicts out, as the spec shows them. Every rule is the native library's: local checks
that name the field (``order.address.phone1``, ``query.start_date``…), the per-key rate limiter
shared by every client of the same key in the process, dates sent with ``%20``, and
``create_order`` never sent twice (it reconciles by ``external_order_id``, else raises
:class:`OutcomeUnknown`).
"""

from __future__ import annotations

import datetime as _dt

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Union

from . import _ffi
from ._call import call_json, create, create_from
from ._handle import NativeHandle
from ._iter import ListIterator
from ._marshal import client_config, encode_json
from .errors import InvalidArgument

__all__ = ["ShipperClient", "DEFAULT_BASE_URL"]

#: The production root (``base_url`` includes the version prefix).
DEFAULT_BASE_URL = "https://server.shipper.network/api/v1"


def _date_text(value: Any) -> Any:
    """A ``datetime`` as the API's text: aware ones in ISO 8601 with their offset, naive ones
    as UTC ``YYYY-MM-DD HH:MM:SS``; a ``date`` as ``YYYY-MM-DD``; anything else as given (the
    native check names a malformed one)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            return value.isoformat(timespec="seconds")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, _dt.date):
        return value.strftime("%Y-%m-%d")
    return value


def _query(query: Dict[str, Any]) -> Optional[bytes]:
    if not query:
        return None
    shown = {key: _date_text(value) if key in ("start_date", "end_date") else value for key, value in query.items()}
    return encode_json(shown, "query")


def _id(value: Any, name: str) -> bytes:
    """An integer id (orders, webhooks) as the decimal text the C ABI takes."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidArgument("{}: must be an int or a str, not {}".format(name, type(value).__name__))
    return _ffi.cstr(value, name)


class ShipperClient(NativeHandle):
    """A connection to Shipper with one API key.

    Args:
        token: the API key. It never appears in an error or a log line.
        base_url: the API root with its version prefix (default the production one).
        timeout: seconds per attempt (sent as ``timeout_ms``).
        max_retries: retries after the first attempt (0–10).
        **options: any other configuration key, passed verbatim: ``rate_window_ms`` (60000;
            only a test server runs a shorter window), ``connect_timeout_ms``, ``ca_file``,
            ``proxy``, ``user_agent``, ``allow_insecure_http``, ``retry_base_ms``,
            ``retry_max_ms``, ``retry_after_max_ms``, ``max_response_bytes``. An unknown key
            raises :class:`InvalidArgument` naming it.

    Thread-safe; release it with :meth:`close` or ``with``.
    """

    _NAME = "ShipperClient"
    _NOUN = "client"

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        max_retries: int = 3,
        **options: Any,
    ) -> None:
        NativeHandle.__init__(self, _ffi.lib.shiplink_shipper_client_free)
        self.base_url = base_url
        config = client_config(base_url, token, timeout, max_retries, options)
        self._adopt(create(_ffi.lib.shiplink_shipper_client_new, _ffi.ShipperClientPtr, encode_json(config, "config")))

    def __enter__(self) -> ShipperClient:
        return self

    def _describe(self) -> str:
        return repr(self.base_url)

    def list(self, resource: str, **query: Any) -> Any:
        """One page (or, without pages, the whole list) of ``resource`` as the server sent it:
        ``"countries"``, ``"divisions"`` (``country=``, ``level=``, ``parent_id=``),
        ``"products"``, ``"orders"``, ``"webhooks"``, ``"product-performance"``. Dates may be
        ``datetime``/``date`` objects or the API's text."""
        return call_json(self, _ffi.lib.shiplink_shipper_list, _ffi.cstr(resource, "resource"), _query(query))

    def iter(self, resource: str, **query: Any) -> ListIterator:
        """Every item of ``resource``, each once, page after page (no ``page=``). A walk over
        orders pins ``end_date`` to its start, so new orders neither repeat nor hide others."""
        handle = create_from(
            self, _ffi.lib.shiplink_shipper_iter_new, _ffi.ListIterPtr, _ffi.cstr(resource, "resource"), _query(query)
        )
        return ListIterator(handle, self, resource)

    def countries(self) -> List[Dict[str, Any]]:
        return self.list("countries")

    def divisions(self, country: str, level: Optional[int] = None, parent_id: Optional[int] = None) -> Dict[str, Any]:
        return self.list("divisions", country=country, level=level, parent_id=parent_id)

    def get_product(self, uuid: str) -> Dict[str, Any]:
        return call_json(self, _ffi.lib.shiplink_shipper_get_product, _ffi.cstr(uuid, "uuid"))

    def get_order(self, order_id: Union[int, str]) -> Dict[str, Any]:
        return call_json(self, _ffi.lib.shiplink_shipper_get_order, _id(order_id, "order_id"))

    def create_order(self, order: Dict[str, Any]) -> Dict[str, Any]:
        """Creates an order; returns ``{"id": …}``, with ``"reconciled": True`` when the answer
        was lost and the order was found by its ``external_order_id``.

        Raises:
            OutcomeUnknown: the order may or may not exist (no ``external_order_id`` to look it
                up by, or not found): look for it before creating it again.
        """
        return call_json(self, _ffi.lib.shiplink_shipper_create_order, encode_json(order, "order"))

    def cancel_order(self, order_id: Union[int, str]) -> Dict[str, Any]:
        """Cancels an order still in confirmation or preparation. Safe to repeat (an order
        already canceled gives ``"already_canceled": True``); a shipped one raises
        :class:`BadRequest` with the server's body."""
        return call_json(self, _ffi.lib.shiplink_shipper_cancel_order, _id(order_id, "order_id"))

    def dashboard(self, report: str, **query: Any) -> Dict[str, Any]:
        """``"overview"``, ``"delivery-stats"``, ``"confirmation-stats"``,
        ``"internal-confirmation-stats"`` or ``"product-performance"`` (which also takes
        ``page``, ``per_page`` ≤ 50 and ``sort_by``)."""
        return call_json(self, _ffi.lib.shiplink_shipper_dashboard, _ffi.cstr(report, "report"), _query(query))

    def create_webhook(self, url: str, events: List[str], secret: Optional[str] = None) -> Dict[str, Any]:
        """Registers ``url`` (https; http only to loopback) for ``events``; ``secret`` (16+
        characters) signs deliveries: check them with
        ``shiplink.verify_signature("hex", secret, header, body)``."""
        subscription: Dict[str, Any] = {"url": url, "events": events}
        if secret is not None:
            subscription["secret"] = secret
        return call_json(
            self, _ffi.lib.shiplink_shipper_create_webhook, encode_json(subscription, "subscription")
        )

    def list_webhooks(self) -> List[Dict[str, Any]]:
        return self.list("webhooks")

    def delete_webhook(self, webhook_id: Union[int, str]) -> Dict[str, Any]:
        return call_json(self, _ffi.lib.shiplink_shipper_delete_webhook, _id(webhook_id, "webhook_id"))
