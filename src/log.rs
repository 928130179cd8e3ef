//! An optional log sink, so hosts see each request in their own logs. Process-wide (like
//! libgit2's trace callback): one integration has one log. Messages never contain the token,
//! signatures or webhook secrets; callers of [`log`] only pass already-safe text.

use std::sync::RwLock;

/// Severity of a log message; numbers are part of the C ABI.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

type Sink = Box<dyn Fn(Level, &str) + Send + Sync>;

static SINK: RwLock<Option<(Level, Sink)>> = RwLock::new(None);

/// Sends every message at `max_level` or more severe to `sink`, replacing any previous sink.
pub fn set_logger(max_level: Level, sink: impl Fn(Level, &str) + Send + Sync + 'static) {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = Some((max_level, Box::new(sink)));
}

/// Stops logging; returns once no call to the old sink is still running.
pub fn clear_logger() {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = None;
}

/// Formats and emits the message only when a sink wants this level. The sink runs under the
/// read lock, so replacing or clearing it waits until calls in flight have returned: a host may
/// free what its callback uses as soon as it has removed the callback. The price: a sink must
/// not call back into shiplink.
pub(crate) fn log(level: Level, message: impl FnOnce() -> String) {
    let guard = SINK.read().unwrap_or_else(|p| p.into_inner());
    if let Some((max, sink)) = &*guard {
        if level <= *max {
            sink(level, &message());
        }
    }
}
