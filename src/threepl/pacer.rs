//! Pacing from the blueprint's rate-limit headers, shared by every client and thread that uses
//! one (base URL, token) in the process: requests wait for the window to reset once
//! `X-RateLimit-Remaining` runs out, before a 429 happens; a 429 closes the gate for its
//! `Retry-After`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::transport::{Pacer, RateLimit, Request};

/// Past the announced reset, in case the server's clock runs a little behind.
const RESET_MARGIN: Duration = Duration::from_millis(30);
/// How long a request waits, when the budget is spent and the window's end is not known yet,
/// before it looks again (answers in flight bring the news).
const POLL: Duration = Duration::from_millis(20);

#[derive(Default)]
struct State {
    limit: Option<u64>,
    /// Requests left in the window, counting those already on their way.
    remaining: Option<u64>,
    /// End of the window, unix seconds.
    reset: Option<i64>,
    /// No request before this (a 429's Retry-After).
    gate: Option<Instant>,
}

#[derive(Default)]
pub(crate) struct Budget {
    state: Mutex<State>,
    key: (String, String),
}

/// Every live budget, by (root, token).
type Registry = Mutex<HashMap<(String, String), Weak<Budget>>>;

fn registry() -> std::sync::MutexGuard<'static, HashMap<(String, String), Weak<Budget>>> {
    static BUDGETS: OnceLock<Registry> = OnceLock::new();
    BUDGETS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner())
}

/// The budget shared by every client of `(root, token)`, made on first use.
pub(crate) fn shared(root: &str, token: &str) -> Arc<Budget> {
    let mut budgets = registry();
    let key = (root.to_owned(), token.to_owned());
    if let Some(budget) = budgets.get(&key).and_then(Weak::upgrade) {
        return budget;
    }
    let budget = Arc::new(Budget { state: Mutex::default(), key: key.clone() });
    budgets.insert(key, Arc::downgrade(&budget));
    budget
}

impl Drop for Budget {
    /// The last client of a key is gone: its entry goes too, and an empty registry gives its
    /// memory back, so a host that frees every client leaves nothing behind.
    fn drop(&mut self) {
        let mut budgets = registry();
        if budgets.get(&self.key).is_some_and(|b| b.strong_count() == 0) {
            budgets.remove(&self.key);
        }
        if budgets.is_empty() {
            *budgets = HashMap::new();
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl Budget {
    /// How long to wait before sending; when none, the request is counted against the budget.
    fn wait(&self) -> Option<Duration> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(gate) = s.gate {
            let now = Instant::now();
            if gate > now {
                return Some(gate - now);
            }
            s.gate = None;
        }
        match (s.remaining, s.reset) {
            (Some(0), Some(reset)) => {
                let left = reset * 1000 - now_ms();
                if left > 0 {
                    return Some(Duration::from_millis(left as u64) + RESET_MARGIN);
                }
                // A new window: its budget, less this request; its end comes with the answers.
                s.remaining = s.limit.map(|l| l.saturating_sub(1));
                s.reset = None;
                None
            }
            (Some(0), None) => Some(POLL),
            (Some(n), _) => {
                s.remaining = Some(n - 1);
                None
            }
            (None, _) => None,
        }
    }

    fn learn(&self, limits: &RateLimit) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if limits.limit.is_some() {
            s.limit = limits.limit;
        }
        if limits.status == 429 {
            let wait = limits.retry_after.unwrap_or(Duration::from_secs(1));
            s.gate = Some(Instant::now() + wait + RESET_MARGIN);
            s.remaining = Some(0);
            if limits.reset.is_some() {
                s.reset = limits.reset;
            }
            return;
        }
        let (Some(remaining), Some(reset)) = (limits.remaining, limits.reset) else { return };
        match s.reset {
            // An answer from a window already over says nothing about this one.
            Some(known) if reset < known => {}
            Some(known) if reset == known => {
                s.remaining = Some(s.remaining.map_or(remaining, |r| r.min(remaining)))
            }
            _ => {
                s.reset = Some(reset);
                s.remaining = Some(s.remaining.map_or(remaining, |r| r.min(remaining)));
            }
        }
    }
}

impl Pacer for Budget {
    fn before(&self, _request: &Request) {
        while let Some(wait) = self.wait() {
            std::thread::sleep(wait.min(Duration::from_secs(1)));
        }
    }

    fn after(&self, _request: &Request, limits: &RateLimit) {
        self.learn(limits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, remaining: u64, reset: i64) -> RateLimit {
        RateLimit {
            status,
            limit: Some(3),
            remaining: Some(remaining),
            reset: Some(reset),
            retry_after: None,
        }
    }

    #[test]
    fn waits_for_the_reset_once_the_budget_is_spent() {
        let b = Budget::default();
        assert_eq!(b.wait(), None, "nothing known: go");
        let reset = now_ms() / 1000 + 2;
        b.learn(&answer(200, 1, reset));
        assert_eq!(b.wait(), None, "one left: go, and it is counted");
        let wait = b.wait().expect("spent: wait for the reset");
        assert!(wait > Duration::from_millis(900), "{wait:?}");
        b.learn(&answer(200, 0, reset - 5));
        assert!(b.wait().is_some(), "a stale answer changes nothing");
    }

    #[test]
    fn one_budget_per_root_and_token() {
        let a = shared("https://a.example/v1", "t1");
        assert!(Arc::ptr_eq(&a, &shared("https://a.example/v1", "t1")));
        assert!(!Arc::ptr_eq(&a, &shared("https://a.example/v1", "t2")));
        assert!(!Arc::ptr_eq(&a, &shared("https://b.example/v1", "t1")));
    }
}
