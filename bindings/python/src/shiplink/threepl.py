"""``shiplink.ThreePLClient``: the 3PL fulfillment API blueprint (spec 003) over one native
``shiplink_threepl_client``.

Bodies are the spec's JSON as ``dict``s, passed through; the native library checks them (an
error names the JSON path, e.g. ``order.items[0].quantity``), sends them with an
``Idempotency-Key`` or ``If-Match`` as each call needs, retries and settles. Lists come back as
the server's pages; :meth:`ThreePLClient.iter` walks a list to the end as an incremental sync
whose :meth:`~shiplink.ListIterator.checkpoint` you store with your own rows.
"""

from __future__ import annotations

import datetime as _dt

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional

from . import _ffi
from ._call import call_json, create, create_from
from ._handle import NativeHandle
from ._iter import ListIterator
from ._marshal import client_config, encode_json
from .errors import InvalidArgument

__all__ = ["ThreePLClient"]


def _query(query: Dict[str, Any]) -> Optional[bytes]:
    """Keyword filters as the native query JSON; a ``datetime`` ``updated_since`` becomes
    ISO-8601 UTC (naive means UTC). ``None`` values are left out."""
    out: Dict[str, Any] = {}
    for key, value in query.items():
        if value is None:
            continue
        if isinstance(value, _dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
            value = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        out[key] = value
    return encode_json(out, "query") if out else None


class ThreePLClient(NativeHandle):
    """A connection to one 3PL that implements the blueprint.

    Args:
        base_url: the API root with its version prefix, ``https://api.your-3pl.com/v1``.
        token: the bearer token; it never appears in an error or a log line.
        timeout: seconds per attempt (sent as ``timeout_ms``).
        max_retries: retries after the first attempt (0–10).
        **options: any other configuration key, verbatim: ``sync_overlap_ms`` (60000),
            ``retry_base_ms``, ``retry_max_ms``, ``retry_after_max_ms``, ``connect_timeout_ms``,
            ``ca_file``, ``proxy``, ``user_agent``, ``allow_insecure_http``,
            ``max_response_bytes``. An unknown key raises :class:`InvalidArgument` naming it.

    Thread-safe: share one client. Every client of the same base URL and token in the process
    shares one rate-limit budget.
    """

    _NAME = "ThreePLClient"
    _NOUN = "client"

    def __init__(self, base_url: str, token: str, timeout: float = 30.0, max_retries: int = 3, **options: Any) -> None:
        NativeHandle.__init__(self, _ffi.lib.shiplink_threepl_client_free)
        self.base_url = base_url
        config = client_config(base_url, token, timeout, max_retries, options)
        self._adopt(create(_ffi.lib.shiplink_threepl_client_new, _ffi.ThreePLClientPtr, encode_json(config, "config")))

    def __enter__(self) -> ThreePLClient:
        return self

    def _describe(self) -> str:
        return self.base_url

    # -- orders -----------------------------------------------------------------------------

    def create_order(self, order: Dict[str, Any], idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """Creates a fulfillment order, once: the ``Idempotency-Key`` is ``idempotency_key`` or
        derived from ``order["reference"]``, the same in every retry and every run."""
        return call_json(
            self,
            _ffi.lib.shiplink_threepl_create_order,
            encode_json(order, "order_json"),
            _ffi.opt_cstr(idempotency_key, "idempotency_key"),
        )

    def get_order(self, order_id: str) -> Dict[str, Any]:
        return call_json(self, _ffi.lib.shiplink_threepl_get_order, _ffi.cstr(order_id, "order_id"))

    def amend_order(self, order_id: str, changes: Dict[str, Any], if_match: Optional[str] = None) -> Dict[str, Any]:
        """Amends an order before pick (``items`` replaces the lines). With ``if_match`` (the
        version read), a concurrent change raises :class:`Conflict` whose
        ``body["error"]["code"]`` is ``"version_conflict"``."""
        return call_json(
            self,
            _ffi.lib.shiplink_threepl_amend_order,
            _ffi.cstr(order_id, "order_id"),
            encode_json(changes, "changes_json"),
            _ffi.opt_cstr(if_match, "if_match"),
        )

    def cancel_order(self, order_id: str) -> Dict[str, Any]:
        """Cancels before ship; repeating it is safe. After ship: :class:`Conflict` with
        ``"already_shipped"``."""
        return call_json(self, _ffi.lib.shiplink_threepl_cancel_order, _ffi.cstr(order_id, "order_id"))

    # -- advanced flows and webhooks ----------------------------------------------------------

    def create_inbound_shipment(self, asn: Dict[str, Any], idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """Announces an ASN, once (key derived from ``reference`` unless given)."""
        return call_json(
            self,
            _ffi.lib.shiplink_threepl_create_inbound_shipment,
            encode_json(asn, "asn_json"),
            _ffi.opt_cstr(idempotency_key, "idempotency_key"),
        )

    def create_return(self, rma: Dict[str, Any], idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """Authorises a return, once (key derived from ``rma`` unless given)."""
        return call_json(
            self,
            _ffi.lib.shiplink_threepl_create_return,
            encode_json(rma, "rma_json"),
            _ffi.opt_cstr(idempotency_key, "idempotency_key"),
        )

    def create_webhook(self, subscription: Dict[str, Any]) -> Dict[str, Any]:
        """Subscribes ``{"url", "events"}``; the result holds the signing ``secret``, shown once."""
        return call_json(self, _ffi.lib.shiplink_threepl_create_webhook, encode_json(subscription, "subscription_json"))

    def delete_webhook(self, webhook_id: str) -> Dict[str, Any]:
        return call_json(self, _ffi.lib.shiplink_threepl_delete_webhook, _ffi.cstr(webhook_id, "webhook_id"))

    # -- lists ------------------------------------------------------------------------------

    def list(self, resource: str, **query: Any) -> Dict[str, Any]:
        """One page of ``resource`` (``"shipments"``, ``"inventory"``, ``"warehouses"``…) as
        the server sent it: ``{"data": [...], "pagination": {...}}``. Query keys:
        ``updated_since`` (a ``datetime`` or ISO-8601 text), ``cursor``, ``sku``,
        ``warehouse_id``, ``status``…"""
        return call_json(self, _ffi.lib.shiplink_threepl_list, _ffi.cstr(resource, "resource"), _query(query))

    def iter(self, resource: str, **query: Any) -> ListIterator:
        """Every item of ``resource``, walking cursors to the end. Polled resources walk as an
        incremental sync: pass ``checkpoint=`` (from an earlier walk's
        :meth:`~shiplink.ListIterator.checkpoint`) and only versions not delivered then come."""
        if not isinstance(resource, str):
            raise InvalidArgument("resource: must be a str, not {}".format(type(resource).__name__))
        handle = create_from(
            self,
            _ffi.lib.shiplink_threepl_iter_new,
            _ffi.ListIterPtr,
            _ffi.cstr(resource, "resource"),
            _query(query),
        )
        return ListIterator(handle, self, resource)
