"""shiplink: ShipperOne fulfillment-order queues for Python hosts, over the native libshiplink.

A thin ctypes binding of the C ABI (``shiplink.h``): every rule (validation, paging, retries,
reconciliation, signatures) is the native library's. Python 3.8+, no compiler needed.

>>> import shiplink
>>> with shiplink.Client("https://tenant.example.com", token) as client:   # doctest: +SKIP
...     for order in client.iter_queue("pending_allocation"):
...         client.allocate(order["order_id"], [i["item_id"] for i in order["items"]])

The native library is ``SHIPLINK_LIBRARY`` when that environment variable is set, else the copy
installed inside this package (``shiplink/_native/``); see :data:`library_path`.
"""

from __future__ import annotations

from ._ffi import library_path, native_version
from ._logging import disable_logging, enable_logging
from ._version import __version__
from ._iter import ListIterator
from .shipperone import Client, QueueIterator
from . import shipper
from .shipper import ShipperClient
from .threepl import ThreePLClient
from . import errors
from .errors import *  # noqa: F401,F403  (every exception class; the list is errors.__all__)
from .webhook import parse_webhook, sign_webhook, verify_signature

#: The five queues.
QUEUES = ("pending_accept", "pending_allocation", "pending_shipment", "pending_invoice", "failed")

__all__ = [
    "__version__",
    "library_path",
    "native_version",
    "QUEUES",
    "Client",
    "QueueIterator",
    "ShipperClient",
    "ThreePLClient",
    "ListIterator",
    "verify_signature",
    "parse_webhook",
    "sign_webhook",
    "enable_logging",
    "disable_logging",
] + errors.__all__
