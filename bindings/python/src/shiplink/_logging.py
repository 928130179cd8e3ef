"""Native log lines → ``logging.getLogger("shiplink")``.

The native hook (``shiplink_set_log_callback``) is process-wide. This module installs it
lazily, the first time a :class:`shiplink.Client` is created (or when :func:`enable_logging` is
called), at the native ``debug`` level; each line is then filtered by the ``shiplink`` logger's
own level (``logger.isEnabledFor``), so ordinary ``logging`` configuration applies, even when it
changes later. :func:`disable_logging` removes the hook (and keeps ``Client`` from installing it
again), e.g. for a process whose C host owns the callback. The hook is removed at interpreter
exit.

Levels: native 1 error → ``ERROR``, 2 warn → ``WARNING``, 3 info → ``INFO``, 4 debug →
``DEBUG``. The native library never puts the token, webhook secrets or signatures in a line.
"""

from __future__ import annotations

import atexit
import logging
import threading
# typing is for type checkers only: importing it costs every short-lived ERP script ~3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

from . import _ffi

__all__ = ["enable_logging", "disable_logging", "logger"]

#: The logger every native line goes to. Like any library's, it has a NullHandler: where the
#: lines end up is the host's logging configuration, and with none they are not printed.
logger = logging.getLogger("shiplink")
logger.addHandler(logging.NullHandler())

_LEVELS = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG}
_NATIVE_DEBUG = 4

_lock = threading.Lock()
_installed = False
_disabled = False


def _on_log(level: int, message: Any, user_data: Any) -> None:
    # Runs on whichever thread the native library logs from (ctypes takes the GIL). The message
    # is only valid during this call: it is decoded (copied) right away. Passed as an argument,
    # never as the format string, since lines carry URLs with '%' in them.
    pylevel = _LEVELS.get(level, logging.DEBUG)
    if logger.isEnabledFor(pylevel):
        text = message.decode("utf-8", "replace") if message else ""
        logger.log(pylevel, "%s", text)


# Kept alive for the life of the process: the native side may still be calling it on another
# thread right after it is replaced or removed (removal does not wait for calls in flight).
_CALLBACK = _ffi.LOG_CALLBACK(_on_log)
_NO_CALLBACK = _ffi.LOG_CALLBACK()  # NULL: stops logging


def enable_logging() -> None:
    """Routes native log lines to the ``shiplink`` logger (idempotent). Called by
    :class:`shiplink.Client` unless :func:`disable_logging` was called first."""
    global _installed, _disabled
    with _lock:
        _disabled = False
        if not _installed:
            _ffi.lib.shiplink_set_log_callback(_NATIVE_DEBUG, _CALLBACK, None)
            _installed = True


def disable_logging() -> None:
    """Removes the native log hook (process-wide); clients created later do not reinstall it."""
    global _installed, _disabled
    with _lock:
        _disabled = True
        if _installed:
            _ffi.lib.shiplink_set_log_callback(0, _NO_CALLBACK, None)
            _installed = False


def _install_default() -> None:
    """The lazy install made by ``Client.__init__``."""
    global _installed
    if _installed or _disabled:
        return
    with _lock:
        if not _installed and not _disabled:
            _ffi.lib.shiplink_set_log_callback(_NATIVE_DEBUG, _CALLBACK, None)
            _installed = True


@atexit.register
def _remove_at_exit() -> None:
    # No native thread should call into an interpreter that is shutting down.
    global _installed
    if _installed:
        _ffi.lib.shiplink_set_log_callback(0, _NO_CALLBACK, None)
        _installed = False
