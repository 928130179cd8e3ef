//! Fault settings for every hosted API's routes, so a client's reliability can be tested
//! against the failures real networks and servers produce. Each request draws its fate once:
//!
//! - before the action applies: added latency, a 429 with `Retry-After`, a 500, or a broken
//!   connection — the request had no effect;
//! - after it applied: a 500, a broken connection, a body cut short, or a 200 whose body is not
//!   JSON — the state changed but the client cannot know.
//!
//! The admin surface (`/sandbox/…`) is never faulted.

use serde::{Deserialize, Serialize};

/// Probabilities (0.0–1.0) and sizes of each fault. All zero: no faults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Up to this many milliseconds added to every request (uniformly drawn).
    pub latency_ms: u64,
    /// 429 Too Many Requests, before applying.
    pub rate_limit_rate: f64,
    /// The `Retry-After` seconds sent with a 429.
    pub retry_after_s: u64,
    /// 500, before applying.
    pub error_rate: f64,
    /// Connection broken before applying.
    pub drop_before_rate: f64,
    /// 500 after applying.
    pub error_after_rate: f64,
    /// Connection broken after applying.
    pub drop_after_rate: f64,
    /// Response body cut short after applying.
    pub truncate_rate: f64,
    /// 200 with a body that is not JSON, after applying.
    pub garbage_rate: f64,
}

/// What happens instead of (or after) handling one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    RateLimited,
    Error,
    DropBefore,
    ErrorAfter,
    DropAfter,
    Truncate,
    Garbage,
}

impl Fault {
    pub fn name(self) -> &'static str {
        match self {
            Fault::RateLimited => "rate_limited",
            Fault::Error => "error",
            Fault::DropBefore => "drop_before",
            Fault::ErrorAfter => "error_after",
            Fault::DropAfter => "drop_after",
            Fault::Truncate => "truncate",
            Fault::Garbage => "garbage",
        }
    }

    /// Whether the request is handled (and so applied) before the fault strikes.
    pub fn after_applying(self) -> bool {
        matches!(self, Fault::ErrorAfter | Fault::DropAfter | Fault::Truncate | Fault::Garbage)
    }
}

impl Faults {
    pub fn validate(&self) -> Result<(), String> {
        let rates = [
            ("rate_limit_rate", self.rate_limit_rate),
            ("error_rate", self.error_rate),
            ("drop_before_rate", self.drop_before_rate),
            ("error_after_rate", self.error_after_rate),
            ("drop_after_rate", self.drop_after_rate),
            ("truncate_rate", self.truncate_rate),
            ("garbage_rate", self.garbage_rate),
        ];
        for (name, rate) in rates {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0 and 1, got {rate}"));
            }
        }
        let before = self.rate_limit_rate + self.error_rate + self.drop_before_rate;
        let after = self.error_after_rate + self.drop_after_rate + self.truncate_rate + self.garbage_rate;
        if before > 1.0 || after > 1.0 {
            return Err("the rates before (and after) applying must add up to at most 1".into());
        }
        if self.latency_ms > 60_000 {
            return Err("latency_ms must be at most 60000".into());
        }
        Ok(())
    }

    pub fn active(&self) -> bool {
        *self != Faults::default()
    }

    /// Draws the delay and the fault, if any, for one request.
    pub fn draw(&self, rng: &mut fastrand::Rng) -> (u64, Option<Fault>) {
        let delay = if self.latency_ms == 0 { 0 } else { rng.u64(0..=self.latency_ms) };
        let pick = |rng: &mut fastrand::Rng, table: &[(f64, Fault)]| {
            let roll = rng.f64();
            let mut edge = 0.0;
            table
                .iter()
                .find(|(rate, _)| {
                    edge += rate;
                    roll < edge
                })
                .map(|(_, fault)| *fault)
        };
        let before = [
            (self.rate_limit_rate, Fault::RateLimited),
            (self.error_rate, Fault::Error),
            (self.drop_before_rate, Fault::DropBefore),
        ];
        let after = [
            (self.error_after_rate, Fault::ErrorAfter),
            (self.drop_after_rate, Fault::DropAfter),
            (self.truncate_rate, Fault::Truncate),
            (self.garbage_rate, Fault::Garbage),
        ];
        (delay, pick(rng, &before).or_else(|| pick(rng, &after)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_honoured_roughly() {
        let faults = Faults { error_rate: 0.2, garbage_rate: 0.5, ..Faults::default() };
        let mut rng = fastrand::Rng::with_seed(1);
        let draws: Vec<_> = (0..10_000).map(|_| faults.draw(&mut rng).1).collect();
        let errors = draws.iter().filter(|f| **f == Some(Fault::Error)).count();
        let garbage = draws.iter().filter(|f| **f == Some(Fault::Garbage)).count();
        assert!((1_800..2_200).contains(&errors), "{errors}");
        // Garbage applies to the 80% not already failed before applying.
        assert!((3_700..4_300).contains(&garbage), "{garbage}");
    }

    #[test]
    fn out_of_range_rates_are_refused() {
        assert!(Faults { error_rate: 1.5, ..Faults::default() }.validate().is_err());
        assert!(Faults { error_rate: 0.6, drop_before_rate: 0.6, ..Faults::default() }.validate().is_err());
        assert!(Faults::default().validate().is_ok());
        assert!(!Faults::default().active());
    }
}
