//! An optional log sink, so hosts see each request in their own logs. Process-wide (like
//! libgit2's trace callback): one integration has one log. Messages never contain the token,
//! signatures or webhook secrets; callers of [`log`] only pass already-safe text.

use std::sync::{Arc, RwLock};

/// Severity of a log message; numbers are part of the C ABI.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

type Sink = Arc<dyn Fn(Level, &str) + Send + Sync>;

static SINK: RwLock<Option<(Level, Sink)>> = RwLock::new(None);

/// Sends every message at `max_level` or more severe to `sink`, replacing any previous sink.
pub fn set_logger(max_level: Level, sink: impl Fn(Level, &str) + Send + Sync + 'static) {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = Some((max_level, Arc::new(sink)));
}

/// Stops logging.
pub fn clear_logger() {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = None;
}

/// Formats and emits the message only when a sink wants this level.
pub(crate) fn log(level: Level, message: impl FnOnce() -> String) {
    let sink = match &*SINK.read().unwrap_or_else(|p| p.into_inner()) {
        Some((max, sink)) if level <= *max => Arc::clone(sink),
        _ => return,
    };
    // Called outside the lock so a sink may itself reconfigure logging.
    sink(level, &message());
}
