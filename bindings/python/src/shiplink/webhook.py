"""Webhook signatures: verify a delivery (receivers) and sign one (senders, tests).

Schemes: ``"timestamped"`` (header ``t=<unix>,v1=<hex>``, HMAC-SHA256 over ``"{t}.{body}"``,
several ``v1=`` accepted for secret rotation) and ``"hex"`` (header is the hex HMAC-SHA256 of
the body, as in ``X-Shipper-Signature``). The comparison is constant-time, in the native library.
"""

from __future__ import annotations

import datetime as _dt
import json
from ctypes import byref, c_void_p
# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Union

    Body = Union[bytes, bytearray, memoryview, str]
    When = Union[None, int, float, _dt.datetime]

from . import _ffi
from ._marshal import unix_seconds
from .errors import InternalError, InvalidArgument

__all__ = ["verify_signature", "parse_webhook", "sign_webhook"]


def _body(body: Body) -> bytes:
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    raise InvalidArgument("body: must be bytes (the raw request body), not {}".format(type(body).__name__))


def _when(value: When, name: str) -> int:
    # 0 asks the native library for the system clock.
    return 0 if value is None else unix_seconds(value, name)


def verify_signature(
    scheme: str,
    secret: str,
    header: str,
    body: Body,
    now: When = None,
    tolerance: int = 300,
) -> None:
    """Verifies a webhook delivery; returns ``None`` when it is authentic, raises otherwise.

    Args:
        scheme: ``"timestamped"`` or ``"hex"``.
        secret: the shared webhook secret.
        header: the signature header's value as received.
        body: the raw request body exactly as received (``bytes``; a ``str`` is UTF-8 encoded,
            which is only right if the sender signed exactly those characters).
        now: the time to check against (``datetime`` — naive means UTC — or Unix seconds);
            ``None`` uses the system clock.
        tolerance: seconds allowed between the header's timestamp and ``now``, both ways
            (``timestamped`` only). ``0`` means the default 300, as in the C API.

    Raises:
        SignatureMismatch: the signature does not match the body.
        SignatureExpired: the timestamp is outside the tolerance window.
        SignatureMalformed: the header cannot be parsed.
        InvalidArgument: an unknown scheme or a bad argument.
    """
    _check_tolerance(tolerance)
    data = _body(body)
    _ffi.lib.shiplink_verify_signature(
        _ffi.cstr(scheme, "scheme"),
        _ffi.cstr(secret, "secret"),
        _ffi.cstr(header, "signature_header"),
        data,
        len(data),
        _when(now, "now"),
        tolerance,
    )


def parse_webhook(
    scheme: str,
    secret: str,
    header: str,
    body: Body,
    now: When = None,
    tolerance: int = 300,
) -> Dict[str, Any]:
    """Verifies a delivery as :func:`verify_signature` does, then returns its event as a dict.

    A ``"timestamped"`` (3PL blueprint) delivery must carry a string ``event_id``: deliveries
    are at least once, so store the ids you have handled and skip a repeat. Events are hints
    that something changed; polling stays the backstop.

    Raises:
        SignatureMismatch, SignatureExpired, SignatureMalformed: as :func:`verify_signature`;
            nothing of an unauthentic body is read.
        DecodeError: the delivery is authentic but its body is not a JSON object (or, for
            ``"timestamped"``, has no ``event_id``).
        InvalidArgument: an unknown scheme or a bad argument.
    """
    _check_tolerance(tolerance)
    data = _body(body)
    out = c_void_p()
    _ffi.lib.shiplink_parse_webhook(
        _ffi.cstr(scheme, "scheme"),
        _ffi.cstr(secret, "secret"),
        _ffi.cstr(header, "signature_header"),
        data,
        len(data),
        _when(now, "now"),
        tolerance,
        byref(out),
    )
    event = _ffi.take_string(out)
    if event is None:  # pragma: no cover - the C contract sets it on success
        raise InternalError("the native call succeeded without an event")
    parsed: Dict[str, Any] = json.loads(event)
    return parsed


def _check_tolerance(tolerance: int) -> None:
    if isinstance(tolerance, bool) or not isinstance(tolerance, int) or not 0 <= tolerance <= 2**32 - 1:
        raise InvalidArgument("tolerance: must be a whole number of seconds between 0 and 4294967295")


def sign_webhook(scheme: str, secret: str, body: Body, timestamp: When = None) -> str:
    """The signature header a sender attaches to ``body`` (``"t=…,v1=…"`` or the hex digest).

    ``timestamp`` (``datetime`` or Unix seconds) defaults to now; ``"hex"`` ignores it.
    """
    data = _body(body)
    out = c_void_p()
    _ffi.lib.shiplink_sign_webhook(
        _ffi.cstr(scheme, "scheme"),
        _ffi.cstr(secret, "secret"),
        data,
        len(data),
        _when(timestamp, "timestamp"),
        byref(out),
    )
    header: Optional[str] = _ffi.take_string(out)
    if header is None:  # pragma: no cover - the C contract sets it on success
        raise InternalError("the native call succeeded without a header")
    return header
