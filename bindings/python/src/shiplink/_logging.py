"""Native log lines → ``logging.getLogger("shiplink")``.

The native hook (``shiplink_set_log_callback``) is process-wide. This module installs it
lazily, the first time a :class:`shiplink.Client` is created (or when :func:`enable_logging` is
called), asking the native library only for the levels the ``shiplink`` logger keeps
(``getEffectiveLevel``). Before every native call the level is compared again (cheap), so a
``logging`` configuration change applies from the next call. Asking for debug lines nobody keeps
would cost a callback into Python — and the GIL — for every request. Lines are filtered once
more by ``logger.isEnabledFor`` on arrival. :func:`disable_logging` removes the hook (and keeps
``Client`` from installing it again), e.g. for a process whose C host owns the callback. The
hook is removed at interpreter exit.

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
#: The native level the hook is installed at (0: not installed).
_native_level = 0
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


def _wanted_level() -> int:
    """The native level matching what the ``shiplink`` logger keeps."""
    level = logger.getEffectiveLevel()
    if level <= logging.DEBUG:
        return 4
    if level <= logging.INFO:
        return 3
    if level <= logging.WARNING:
        return 2
    return 1


def _install_locked(level: int) -> None:
    global _native_level
    _ffi.lib.shiplink_set_log_callback(level, _CALLBACK, None)
    _native_level = level


def sync() -> None:
    """Keeps the native level in step with the ``shiplink`` logger's; called before every native
    call (and by ``Client.__init__``). A comparison when nothing changed."""
    if _disabled:
        return
    wanted = _wanted_level()
    if wanted != _native_level:
        with _lock:
            if not _disabled and wanted != _native_level:
                _install_locked(wanted)


def enable_logging() -> None:
    """Routes native log lines to the ``shiplink`` logger (idempotent). Called by
    :class:`shiplink.Client` unless :func:`disable_logging` was called first."""
    global _disabled
    with _lock:
        _disabled = False
        _install_locked(_wanted_level())


def disable_logging() -> None:
    """Removes the native log hook (process-wide); clients created later do not reinstall it."""
    global _disabled, _native_level
    with _lock:
        _disabled = True
        if _native_level:
            _ffi.lib.shiplink_set_log_callback(0, _NO_CALLBACK, None)
            _native_level = 0


@atexit.register
def _remove_at_exit() -> None:
    # No native thread should call into an interpreter that is shutting down.
    global _native_level
    if _native_level:
        _ffi.lib.shiplink_set_log_callback(0, _NO_CALLBACK, None)
        _native_level = 0
