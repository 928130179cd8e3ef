"""``shiplink.client``: so that ``from shiplink.client import Client`` keeps working in existing
host code. The ShipperOne client and its queue iterator are defined in :mod:`shiplink.shipperone`.
"""

from __future__ import annotations

from ._marshal import encode_json, unix_seconds  # noqa: F401  (importable from here too)
from .shipperone import Client, QueueIterator

__all__ = ["Client", "QueueIterator"]
