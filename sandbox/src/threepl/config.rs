//! The blueprint's part of the sandbox configuration, with its builder methods on
//! [`SandboxConfig`].

use crate::config::SandboxConfig;
use crate::threepl::settings::{RateLimit, Settings};

/// The `threepl` field of [`SandboxConfig`]: the settings a reset returns to.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub settings: Settings,
}

impl SandboxConfig {
    /// The blueprint's rate limit: `limit` requests per token in each `window_s`-second window
    /// (aligned to the clock). `limit` 0 turns it off.
    pub fn threepl_rate_limit(mut self, limit: u64, window_s: u64) -> Self {
        self.threepl.settings.rate_limit =
            (limit > 0).then_some(RateLimit { limit, window_s: window_s.max(1) });
        self
    }

    /// Whether `updated_since` keeps rows updated exactly at that second (the spec leaves it
    /// open; a client must cope with both).
    pub fn threepl_updated_since_inclusive(mut self, inclusive: bool) -> Self {
        self.threepl.settings.updated_since_inclusive = inclusive;
        self
    }
}
