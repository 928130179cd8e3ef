//! The Shipper Open API's part of the sandbox configuration, with its builder method on
//! [`SandboxConfig`].

use crate::config::SandboxConfig;

/// The `shipper` field of [`SandboxConfig`].
#[derive(Debug, Clone)]
pub struct Config {
    /// The length of the rate-limit window. The documented budgets are per minute; tests
    /// shrink the minute so that a budget can be spent in a second or two.
    pub rate_window_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config { rate_window_ms: 60_000 }
    }
}

impl SandboxConfig {
    /// Shrinks (or stretches) the Shipper API's rate-limit "minute" to `ms` milliseconds; the
    /// budgets per window stay the documented ones (Read 120, Dashboard 30, Reference 60,
    /// Write 30, Destructive 20).
    pub fn shipper_rate_window_ms(mut self, ms: u64) -> Self {
        self.shipper.rate_window_ms = ms.max(1);
        self
    }
}
