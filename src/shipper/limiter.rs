//! Keeps every client of one Shipper key inside the documented per-key budgets.
//!
//! Rules:
//! - One limiter per (base URL, token) in the process, whichever handle or thread calls.
//! - Each of the five classes (Read 120, Dashboard 30, Reference 60, Write 30, Destructive 20
//!   per window) holds at most its budget of requests in any window-long stretch: a sliding
//!   log of sends. A send counts from when its answer arrives (the server counted it at some
//!   point before that), so the log never expires a request before the server does.
//! - `X-RateLimit-Remaining` tightens, never loosens: when the server has counted more than
//!   this process sent (another process on the same key), the difference is booked here too.
//! - A 429 closes the class's gate for `Retry-After` (or until the oldest send leaves the
//!   window) plus jitter, never longer than `retry_after_max_ms`.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::transport::{Method, Pacer, RateLimit, Request};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Read,
    Dashboard,
    Reference,
    Write,
    Destructive,
}

impl Class {
    const ALL: [Class; 5] =
        [Class::Read, Class::Dashboard, Class::Reference, Class::Write, Class::Destructive];

    /// The documented requests per minute.
    pub fn budget(self) -> usize {
        match self {
            Class::Read => 120,
            Class::Dashboard => 30,
            Class::Reference => 60,
            Class::Write => 30,
            Class::Destructive => 20,
        }
    }

    /// The spec's table: which class an endpoint belongs to.
    pub fn of(method: Method, path: &str) -> Class {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match (method, segments.as_slice()) {
            (Method::Get, ["countries", ..]) => Class::Reference,
            (Method::Get, ["dashboard", ..]) => Class::Dashboard,
            (Method::Get, _) => Class::Read,
            (Method::Post, ["orders", _, "cancel"]) | (Method::Delete, _) => Class::Destructive,
            _ => Class::Write,
        }
    }
}

struct Slot {
    at: Instant,
    answered: bool,
}

struct Lane {
    budget: usize,
    sent: Vec<Slot>,
    gate: Option<Instant>,
}

/// Every limiter of the process, by (base URL, token). Kept for the life of the process, so
/// a host that makes a client per call still shares one history. A list, not a map: there are
/// a handful of keys, and leak checkers see a list's blocks as reachable (a map's table is
/// only pointed into).
type Registry = Vec<(String, String, Arc<Limiter>)>;

pub(crate) struct Limiter {
    window: Duration,
    /// Margin added to each send's stay in the log.
    slack: Duration,
    retry_after_cap: Duration,
    lanes: [Mutex<Lane>; 5],
}

impl Limiter {
    fn new(window: Duration, retry_after_cap: Duration) -> Limiter {
        let lane = |class: Class| Mutex::new(Lane { budget: class.budget(), sent: Vec::new(), gate: None });
        Limiter {
            window,
            slack: Duration::from_millis(5) + window / 1000,
            retry_after_cap,
            lanes: Class::ALL.map(lane),
        }
    }

    /// The process's limiter for `(base_url, token)`, made on first use with this window.
    pub fn shared(base_url: &str, token: &str, window: Duration, retry_after_cap: Duration) -> Arc<Limiter> {
        static ALL: OnceLock<Mutex<Registry>> = OnceLock::new();
        let mut all = ALL.get_or_init(|| Mutex::new(Vec::new())).lock().unwrap_or_else(|p| p.into_inner());
        let base_url = base_url.trim_end_matches('/');
        if let Some((_, _, limiter)) = all.iter().find(|(b, t, _)| b == base_url && t == token) {
            return Arc::clone(limiter);
        }
        let limiter = Arc::new(Limiter::new(window, retry_after_cap));
        all.push((base_url.to_owned(), token.to_owned(), Arc::clone(&limiter)));
        limiter
    }

    fn lane(&self, class: Class) -> std::sync::MutexGuard<'_, Lane> {
        self.lanes[class as usize].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until `class` may send, and books the send.
    pub fn acquire(&self, class: Class) {
        loop {
            let wait = {
                let mut lane = self.lane(class);
                let now = Instant::now();
                let stay = self.window + self.slack;
                lane.sent.retain(|s| now.duration_since(s.at) < stay);
                match lane.gate.filter(|g| *g > now) {
                    Some(gate) => gate - now,
                    None if lane.sent.len() < lane.budget => {
                        lane.sent.push(Slot { at: now, answered: false });
                        return;
                    }
                    None => {
                        let oldest = lane.sent.iter().map(|s| s.at).min().unwrap_or(now);
                        (oldest + stay).saturating_duration_since(now)
                    }
                }
            };
            std::thread::sleep(wait.max(Duration::from_millis(1)));
        }
    }

    /// Learns from one answer of `class`.
    pub fn learn(&self, class: Class, limits: &RateLimit) {
        let mut lane = self.lane(class);
        let now = Instant::now();
        if let Some(slot) = lane.sent.iter_mut().filter(|s| !s.answered).min_by_key(|s| s.at) {
            slot.at = now;
            slot.answered = true;
        }
        if let Some(limit) = limits.limit.map(|l| l as usize).filter(|l| *l > 0) {
            lane.budget = lane.budget.min(limit);
        }
        if let Some(remaining) = limits.remaining {
            let server_used = lane.budget.saturating_sub(remaining as usize);
            let missing = server_used.saturating_sub(lane.sent.len());
            lane.sent.extend((0..missing).map(|_| Slot { at: now, answered: true }));
        }
        if limits.status == 429 {
            let until_free = || {
                let oldest = lane.sent.iter().map(|s| s.at).min().unwrap_or(now);
                (oldest + self.window + self.slack).saturating_duration_since(now)
            };
            let wait = limits.retry_after.unwrap_or_else(until_free);
            let jitter = (self.window / 50).min(Duration::from_millis(250)).mul_f64(fastrand::f64());
            lane.gate = Some(now + (wait + jitter).min(self.retry_after_cap));
        }
    }
}

/// The transport's hook: every attempt waits its turn, every answer teaches the limiter.
pub(crate) struct ShipperPacer(pub Arc<Limiter>);

impl Pacer for ShipperPacer {
    fn before(&self, request: &Request) {
        self.0.acquire(Class::of(request.method, request.path));
    }

    fn after(&self, request: &Request, limits: &RateLimit) {
        self.0.learn(Class::of(request.method, request.path), limits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_has_its_documented_class() {
        assert_eq!(Class::of(Method::Get, "/orders"), Class::Read);
        assert_eq!(Class::of(Method::Get, "/orders/5"), Class::Read);
        assert_eq!(Class::of(Method::Get, "/webhooks"), Class::Read);
        assert_eq!(Class::of(Method::Get, "/products/x"), Class::Read);
        assert_eq!(Class::of(Method::Get, "/dashboard/overview"), Class::Dashboard);
        assert_eq!(Class::of(Method::Get, "/countries/TN/divisions"), Class::Reference);
        assert_eq!(Class::of(Method::Post, "/orders"), Class::Write);
        assert_eq!(Class::of(Method::Post, "/webhooks"), Class::Write);
        assert_eq!(Class::of(Method::Post, "/orders/5/cancel"), Class::Destructive);
        assert_eq!(Class::of(Method::Delete, "/webhooks/2"), Class::Destructive);
    }

    #[test]
    fn a_full_window_waits_and_remaining_only_tightens() {
        let limiter = Limiter::new(Duration::from_millis(300), Duration::from_secs(5));
        let started = Instant::now();
        for _ in 0..20 {
            limiter.acquire(Class::Destructive);
        }
        assert!(started.elapsed() < Duration::from_millis(100));
        limiter.acquire(Class::Destructive);
        assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());

        // The server saw 25 of 30 writes used: another process holds 25 slots.
        let limits = RateLimit { status: 200, limit: Some(30), remaining: Some(5), ..Default::default() };
        limiter.learn(Class::Write, &limits);
        assert_eq!(limiter.lane(Class::Write).sent.len(), 25);
        // A generous answer frees nothing.
        let limits = RateLimit { status: 200, limit: Some(30), remaining: Some(30), ..Default::default() };
        limiter.learn(Class::Write, &limits);
        assert_eq!(limiter.lane(Class::Write).sent.len(), 25);
    }

    #[test]
    fn a_429_closes_the_gate_for_retry_after_within_the_cap() {
        let limiter = Limiter::new(Duration::from_secs(60), Duration::from_millis(200));
        let limits =
            RateLimit { status: 429, retry_after: Some(Duration::from_secs(30)), ..Default::default() };
        limiter.learn(Class::Read, &limits);
        let started = Instant::now();
        limiter.acquire(Class::Read);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(150) && waited < Duration::from_secs(2), "{waited:?}");
    }
}
