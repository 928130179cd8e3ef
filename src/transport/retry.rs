//! When to try again and how long to wait first.

use std::time::Duration;

use crate::config::TransportConfig;

/// Whether a request may be sent again after a failure that left its fate unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replay {
    /// Reads, and actions the API documents as safe to repeat (`accept`, `ship`).
    Always,
    /// `allocate` and `invoice`: re-sent only when the request surely never reached the server.
    OnlyIfUnsent,
}

#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    pub max_retries: u32,
    base: Duration,
    cap: Duration,
    pub retry_after_cap: Duration,
}

impl Backoff {
    pub fn from_config(config: &TransportConfig) -> Backoff {
        Backoff {
            max_retries: config.max_retries,
            base: Duration::from_millis(config.retry_base_ms),
            cap: Duration::from_millis(config.retry_max_ms),
            retry_after_cap: Duration::from_millis(config.retry_after_max_ms),
        }
    }

    /// Wait before retry number `retry` (1-based): `base · 2^(retry-1)`, capped, with "equal
    /// jitter" (half fixed, half random) so many clients restarted together spread out.
    pub fn delay(&self, retry: u32) -> Duration {
        let exp = self.base.saturating_mul(1u32 << (retry.saturating_sub(1)).min(20));
        let step = exp.min(self.cap);
        let half = step / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - now;
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backoff(base: u64, cap: u64) -> Backoff {
        let mut c = TransportConfig::new("https://x.example", "t");
        c.retry_base_ms = base;
        c.retry_max_ms = cap;
        Backoff::from_config(&c)
    }

    #[test]
    fn delay_doubles_within_jitter_and_caps() {
        let b = backoff(100, 1000);
        for _ in 0..200 {
            let d1 = b.delay(1).as_millis();
            let d3 = b.delay(3).as_millis();
            let d9 = b.delay(9).as_millis();
            assert!((50..=100).contains(&d1), "{d1}");
            assert!((200..=400).contains(&d3), "{d3}");
            assert!((500..=1000).contains(&d9), "{d9}");
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").unwrap().to_utc();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Fri, 20 Nov 2026 10:00:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Fri, 20 Nov 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
