"""The exception tree: one class per native status, all under :class:`shiplink.Error`.

Every failing call raises the class of the status the native library returned, carrying the
detail of ``shiplink_last_error``: the message, the HTTP status, the server's error body
(a ``dict`` when the server sent JSON) and the number of HTTP requests made.
"""

from __future__ import annotations

import enum
# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Type, Union

__all__ = [
    "Status",
    "Error",
    "InvalidArgument",
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "RateLimited",
    "ServerError",
    "NetworkError",
    "Timeout",
    "TLSError",
    "DecodeError",
    "OutcomeUnknown",
    "SignatureError",
    "SignatureMismatch",
    "SignatureExpired",
    "SignatureMalformed",
    "InternalError",
]


class Status(enum.IntEnum):
    """The native ``shiplink_status`` numbers (``SHIPLINK_<NAME>`` in ``shiplink.h``)."""

    OK = 0
    DONE = 1
    INVALID_ARGUMENT = 2
    BAD_REQUEST = 3
    UNAUTHORIZED = 4
    FORBIDDEN = 5
    NOT_FOUND = 6
    CONFLICT = 7
    RATE_LIMITED = 8
    SERVER_ERROR = 9
    NETWORK = 10
    TIMEOUT = 11
    TLS = 12
    DECODE = 13
    OUTCOME_UNKNOWN = 14
    SIGNATURE_MISMATCH = 15
    SIGNATURE_EXPIRED = 16
    SIGNATURE_MALFORMED = 17
    INTERNAL = 18


class Error(Exception):
    """A failed shiplink call.

    Attributes:
        message: what went wrong, as the native library put it (never contains the token).
        status: the native status, a :class:`Status` (an ``int`` for a status this binding
            does not know yet).
        http_status: the HTTP status of the last response, or ``None`` when there was none.
        body: the server's error body: a ``dict`` (or other JSON value) when it sent JSON,
            else its text; ``None`` when there was no body.
        attempts: how many HTTP requests the call made (0 when refused before sending).
    """

    #: The status this class stands for (the base class has none of its own).
    STATUS: Optional[Status] = None

    def __init__(
        self,
        message: str,
        status: Union[Status, int, None] = None,
        http_status: Optional[int] = None,
        body: Any = None,
        attempts: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is None:
            status = self.STATUS if self.STATUS is not None else Status.INTERNAL
        self.status: Union[Status, int] = _as_status(status)
        self.http_status = http_status
        self.body = body
        self.attempts = attempts

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        status = self.status.name if isinstance(self.status, Status) else self.status
        return "{}({!r}, status={}, http_status={!r}, attempts={!r})".format(
            type(self).__name__, self.message, status, self.http_status, self.attempts
        )


class InvalidArgument(Error, ValueError):
    """Bad input; nothing was sent. The message names the argument or JSON path
    (``order.items[0].qty``). Also raised for calls on a closed client."""

    STATUS = Status.INVALID_ARGUMENT


class BadRequest(Error):
    """HTTP 400/422: the server refused the request (invoice mismatch, partial not allowed…);
    see :attr:`body`."""

    STATUS = Status.BAD_REQUEST


class Unauthorized(Error):
    """HTTP 401: missing or invalid token."""

    STATUS = Status.UNAUTHORIZED


class Forbidden(Error):
    """HTTP 403: the token lacks the ACL scope for this call."""

    STATUS = Status.FORBIDDEN


class NotFound(Error):
    """HTTP 404: unknown order, queue or store code."""

    STATUS = Status.NOT_FOUND


class Conflict(Error):
    """HTTP 409: the order's state conflicts with the request."""

    STATUS = Status.CONFLICT


class RateLimited(Error):
    """HTTP 429 after every retry, or a ``Retry-After`` longer than ``retry_after_max_ms``."""

    STATUS = Status.RATE_LIMITED


class ServerError(Error):
    """HTTP 5xx after every retry."""

    STATUS = Status.SERVER_ERROR


class NetworkError(Error):
    """The connection failed or broke."""

    STATUS = Status.NETWORK


class Timeout(Error):
    """A connect or request deadline passed."""

    STATUS = Status.TIMEOUT


class TLSError(Error):
    """The TLS handshake or the certificate check failed."""

    STATUS = Status.TLS


class DecodeError(Error):
    """The response was not what the API documents, or was larger than allowed."""

    STATUS = Status.DECODE


class OutcomeUnknown(Error):
    """``allocate``/``invoice`` may or may not have been applied and the queues could not
    settle it: look at the order before sending the call again."""

    STATUS = Status.OUTCOME_UNKNOWN


class SignatureError(Error):
    """A webhook signature did not verify (base of the three signature errors)."""


class SignatureMismatch(SignatureError):
    """The webhook signature does not match the body."""

    STATUS = Status.SIGNATURE_MISMATCH


class SignatureExpired(SignatureError):
    """The webhook timestamp is outside the tolerance window."""

    STATUS = Status.SIGNATURE_EXPIRED


class SignatureMalformed(SignatureError):
    """The webhook signature header cannot be parsed."""

    STATUS = Status.SIGNATURE_MALFORMED


class InternalError(Error):
    """A bug inside shiplink (caught natively; the process is unaffected). Please report it."""

    STATUS = Status.INTERNAL


_BY_STATUS: Dict[int, Type[Error]] = {
    int(cls.STATUS): cls
    for cls in (
        InvalidArgument,
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        RateLimited,
        ServerError,
        NetworkError,
        Timeout,
        TLSError,
        DecodeError,
        OutcomeUnknown,
        SignatureMismatch,
        SignatureExpired,
        SignatureMalformed,
        InternalError,
    )
    if cls.STATUS is not None
}


def _as_status(status: Union[Status, int]) -> Union[Status, int]:
    try:
        return Status(status)
    except ValueError:
        return int(status)


def class_for(status: int) -> Type[Error]:
    """The exception class of a native status (:class:`Error` itself for an unknown one)."""
    return _BY_STATUS.get(int(status), Error)


def from_detail(status: int, detail: Optional[Dict[str, Any]]) -> Error:
    """Builds the exception for a failed call from its last-error JSON (may be ``None``)."""
    detail = detail or {}
    message = detail.get("message")
    if not isinstance(message, str) or not message:
        name = detail.get("status")
        message = name if isinstance(name, str) and name else "status {}".format(int(status))
    attempts = detail.get("attempts")
    http_status = detail.get("http_status")
    return class_for(status)(
        message,
        status=status,
        http_status=http_status if isinstance(http_status, int) else None,
        body=detail.get("body"),
        attempts=attempts if isinstance(attempts, int) else 0,
    )


# Shown as shiplink.BadRequest (the documented name) in tracebacks and reprs; pickle finds them
# there too.
for _cls in (Error, SignatureError, Status, *_BY_STATUS.values()):
    _cls.__module__ = "shiplink"
del _cls
