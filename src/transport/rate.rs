//! Rate limits as the servers announce them, and the hook that lets an API pace its requests
//! before a 429 happens.

use std::time::Duration;

use ureq::http::HeaderMap;

use super::request::Request;
use super::retry::parse_retry_after;

/// What one answer said about the rate limit. Every field is optional: servers send what
/// they send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RateLimit {
    /// The HTTP status of the answer.
    pub status: u16,
    /// `X-RateLimit-Limit`: requests allowed per window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in this window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: when the window ends, in unix seconds.
    pub reset: Option<i64>,
    /// `Retry-After` (seconds or an HTTP date), as a wait from now.
    pub retry_after: Option<Duration>,
}

impl RateLimit {
    pub fn from_headers(status: u16, headers: &HeaderMap) -> RateLimit {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        RateLimit {
            status,
            limit: text("x-ratelimit-limit").and_then(|v| v.parse().ok()),
            remaining: text("x-ratelimit-remaining").and_then(|v| v.parse().ok()),
            reset: text("x-ratelimit-reset").and_then(|v| v.parse().ok()),
            retry_after: text("retry-after").and_then(|v| parse_retry_after(v, chrono::Utc::now())),
        }
    }
}

/// Paces one API's requests: shared by every client and thread using the same key, so that
/// together they stay inside the budget.
pub(crate) trait Pacer: Send + Sync {
    /// Called before every attempt; waits as long as the budget requires.
    fn before(&self, request: &Request);
    /// Called with every answer's rate-limit headers (a 429's included).
    fn after(&self, request: &Request, limits: &RateLimit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_headers_servers_send() {
        let mut headers = HeaderMap::new();
        headers.insert("X-RateLimit-Limit", "120".parse().unwrap());
        headers.insert("X-RateLimit-Remaining", " 118".parse().unwrap());
        headers.insert("X-RateLimit-Reset", "1782043260".parse().unwrap());
        headers.insert("Retry-After", "30".parse().unwrap());
        let limits = RateLimit::from_headers(429, &headers);
        assert_eq!(limits.limit, Some(120));
        assert_eq!(limits.remaining, Some(118));
        assert_eq!(limits.reset, Some(1_782_043_260));
        assert_eq!(limits.retry_after, Some(Duration::from_secs(30)));
        assert_eq!(
            RateLimit::from_headers(200, &HeaderMap::new()),
            RateLimit { status: 200, ..Default::default() }
        );
    }
}
