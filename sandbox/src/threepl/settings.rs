//! What an operator may change at run time through `POST /sandbox/threepl/settings`.

use serde::{Deserialize, Serialize};

/// Requests each token may make per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    pub limit: u64,
    pub window_s: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `null`: no limit (the headers are still sent, with a large budget).
    pub rate_limit: Option<RateLimit>,
    /// `updated_since` keeps rows updated at exactly that second (true) or only later ones.
    pub updated_since_inclusive: bool,
    /// Items per page of every list.
    pub page_size: usize,
    /// First wait before a failed webhook delivery is tried again; it doubles each time.
    pub webhook_retry_base_ms: u64,
    /// Delivery attempts per event and subscription before it is given up.
    pub webhook_max_attempts: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rate_limit: Some(RateLimit { limit: 1000, window_s: 1 }),
            updated_since_inclusive: true,
            page_size: 100,
            webhook_retry_base_ms: 1000,
            webhook_max_attempts: 8,
        }
    }
}
