"""Python values → native arguments: JSON bodies, timestamps, the client configuration.

Only the conversions every client shares live here; what a body must contain is checked by the
native library, which names the JSON path of a mistake.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import sys

# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Union

    #: A time as the APIs' ``"yyyy-mm-dd hh:mm:ss"`` text: ``None``, a ``datetime``/``date`` or the text.
    When = Union[None, str, _dt.datetime, _dt.date]

from . import _ffi
from .errors import InvalidArgument

__all__ = ["is_decimal", "encode_json", "unix_seconds", "utc_text", "millis", "client_config"]


def is_decimal(value: Any) -> bool:
    """Whether ``value`` is a ``decimal.Decimal``, without importing ``decimal`` (ERP scripts
    start often; a Decimal can only exist once its module is loaded)."""
    module = sys.modules.get("decimal")
    return module is not None and isinstance(value, module.Decimal)


def _json_default(value: Any) -> Any:
    if is_decimal(value):
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


def utc_text(value: When, name: str) -> Optional[bytes]:
    """A time as ``"yyyy-mm-dd hh:mm:ss"`` in UTC: a naive ``datetime`` is UTC, an aware one is
    converted, a ``date`` is its midnight; a ``str`` goes as given (checked natively); ``None``
    stays NULL."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S").encode("ascii")
    if isinstance(value, _dt.date):
        return value.strftime("%Y-%m-%d 00:00:00").encode("ascii")
    if isinstance(value, str):
        return _ffi.cstr(value, name)
    raise InvalidArgument("{}: must be None, a datetime or a str, not {}".format(name, type(value).__name__))


def millis(seconds: Any, name: str = "timeout") -> Any:
    """Seconds (int, float or ``Decimal``) as whole milliseconds. Any other type goes through as
    given: the native configuration check then names the ``_ms`` key."""
    if isinstance(seconds, bool) or not (isinstance(seconds, (int, float)) or is_decimal(seconds)):
        return seconds
    if not math.isfinite(seconds):
        raise InvalidArgument("{}: must be a finite number of seconds".format(name))
    return int(round(seconds * 1000))


def client_config(
    base_url: Any, token: Any, timeout: Any, max_retries: Any, options: Dict[str, Any], **own: Any
) -> Dict[str, Any]:
    """The configuration object a native ``_client_new`` takes: the transport keys every client
    shares, the API's ``own`` keys, then ``options`` verbatim (an unknown key is refused
    natively, by name)."""
    if not isinstance(token, str):
        # Checked here because the native message would quote a non-string value.
        raise InvalidArgument("token: must be a str, not {}".format(type(token).__name__))
    config: Dict[str, Any] = {"base_url": base_url, "token": token}
    config.update(own)
    config["timeout_ms"] = millis(timeout)
    config["max_retries"] = max_retries
    config.update(options)
    return config
