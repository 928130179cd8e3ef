//! The rate limit: a fixed window per token, aligned to the clock, announced on every answer
//! (`X-RateLimit-Limit`, `-Remaining`, `-Reset`) and enforced with a 429 and `Retry-After`.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::http::ApiError;
use crate::threepl::settings::RateLimit;

/// What an unlimited sandbox announces, so clients see the headers either way.
const UNLIMITED: RateLimit = RateLimit { limit: 1_000_000, window_s: 60 };

#[derive(Debug, Default)]
pub struct Windows {
    /// token → (window start in unix seconds, requests made in it)
    used: HashMap<String, (u64, u64)>,
}

/// The headers of one answer, and whether the request may go on.
pub struct Verdict {
    pub headers: Vec<(String, String)>,
    pub allowed: bool,
    pub retry_after_s: u64,
}

impl Windows {
    /// Counts one request of `token` and says whether it is within the limit.
    pub fn take(&mut self, token: &str, limit: Option<RateLimit>) -> Verdict {
        let limit = limit.unwrap_or(UNLIMITED);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let secs = now.as_secs();
        let start = secs - secs % limit.window_s;
        let reset = start + limit.window_s;
        let slot = self.used.entry(token.to_owned()).or_insert((start, 0));
        if slot.0 != start {
            *slot = (start, 0);
        }
        let allowed = slot.1 < limit.limit;
        if allowed {
            slot.1 += 1;
        }
        let remaining = limit.limit - slot.1;
        let headers = vec![
            ("X-RateLimit-Limit".to_owned(), limit.limit.to_string()),
            ("X-RateLimit-Remaining".to_owned(), remaining.to_string()),
            ("X-RateLimit-Reset".to_owned(), reset.to_string()),
        ];
        Verdict { headers, allowed, retry_after_s: (reset - secs).max(1) }
    }
}

pub fn too_many(verdict: &Verdict) -> ApiError {
    ApiError::new(429, "rate_limited", "too many requests for this token; see Retry-After")
        .header("Retry-After", &verdict.retry_after_s.to_string())
}
