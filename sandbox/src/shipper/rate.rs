//! Per-key rate limits as the spec documents them: five classes of endpoint, each with its own
//! budget per window, counted over a sliding window (stricter than a fixed one, so a client
//! that keeps to it keeps to either). Every answer carries `X-RateLimit-Limit` and
//! `X-RateLimit-Remaining`; a request over budget gets a 429 with `Retry-After`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Read,
    Dashboard,
    Reference,
    Write,
    Destructive,
}

impl Class {
    /// Requests per window, from the spec's table.
    pub fn budget(self) -> usize {
        match self {
            Class::Read => 120,
            Class::Dashboard => 30,
            Class::Reference => 60,
            Class::Write => 30,
            Class::Destructive => 20,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Read => "read",
            Class::Dashboard => "dashboard",
            Class::Reference => "reference",
            Class::Write => "write",
            Class::Destructive => "destructive",
        }
    }
}

/// What the limiter decided about one request.
pub struct Verdict {
    pub allowed: bool,
    pub limit: usize,
    pub remaining: usize,
    /// When refused: how long until a slot frees.
    pub retry_after: Duration,
}

pub struct Limits {
    window: Duration,
    /// Accepted requests per (token, class), oldest first.
    log: HashMap<(String, Class), VecDeque<Instant>>,
    /// 429s served, by class.
    pub refused: HashMap<Class, u64>,
}

impl Limits {
    pub fn new(window_ms: u64) -> Limits {
        Limits { window: Duration::from_millis(window_ms), log: HashMap::new(), refused: HashMap::new() }
    }

    pub fn reset(&mut self) {
        self.log.clear();
        self.refused.clear();
    }

    /// Counts the request if the key's class has room, else refuses it.
    pub fn admit(&mut self, token: &str, class: Class) -> Verdict {
        let now = Instant::now();
        let window = self.window;
        let log = self.log.entry((token.to_string(), class)).or_default();
        while log.front().is_some_and(|t| now.duration_since(*t) >= window) {
            log.pop_front();
        }
        let limit = class.budget();
        if log.len() < limit {
            log.push_back(now);
            return Verdict {
                allowed: true,
                limit,
                remaining: limit - log.len(),
                retry_after: Duration::ZERO,
            };
        }
        let oldest = *log.front().expect("a full log has entries");
        *self.refused.entry(class).or_default() += 1;
        Verdict { allowed: false, limit, remaining: 0, retry_after: window - now.duration_since(oldest) }
    }
}
