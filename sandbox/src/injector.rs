//! The fault settings in force, the draws made from them and the count of faults injected:
//! one set for the whole process, whichever API a request is for.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use crate::api::lock;
use crate::faults::{Fault, Faults};

pub struct Injector {
    state: Mutex<State>,
}

struct State {
    faults: Faults,
    /// What a reset returns to: the faults the sandbox was started with.
    default_faults: Faults,
    rng: fastrand::Rng,
    /// Faults injected so far, by kind.
    injected: BTreeMap<&'static str, u64>,
}

impl Injector {
    pub fn new(faults: Faults, rng_seed: u64) -> Injector {
        Injector {
            state: Mutex::new(State {
                default_faults: faults.clone(),
                faults,
                // Apart from the data rng, so turning faults on does not change generated data.
                rng: fastrand::Rng::with_seed(rng_seed ^ 0x5eed_fa17),
                injected: BTreeMap::new(),
            }),
        }
    }

    pub fn settings(&self) -> Faults {
        lock(&self.state).faults.clone()
    }

    /// Replaces the settings as a whole; the caller has validated them.
    pub fn set(&self, faults: Faults) {
        lock(&self.state).faults = faults;
    }

    pub fn injected(&self) -> BTreeMap<&'static str, u64> {
        lock(&self.state).injected.clone()
    }

    /// Start-up settings again, nothing counted.
    pub fn reset(&self) {
        let mut state = lock(&self.state);
        state.faults = state.default_faults.clone();
        state.injected.clear();
    }

    /// Sleeps the drawn latency (outside the lock) and returns the fault to inject, if any.
    pub fn draw(&self) -> Option<Fault> {
        let (delay, fault) = {
            let state = &mut *lock(&self.state);
            if !state.faults.active() {
                return None;
            }
            let drawn = state.faults.draw(&mut state.rng);
            if let Some(fault) = drawn.1 {
                *state.injected.entry(fault.name()).or_default() += 1;
            }
            drawn
        };
        if delay > 0 {
            thread::sleep(Duration::from_millis(delay));
        }
        fault
    }

    /// The `Retry-After` seconds an injected 429 carries.
    pub fn retry_after_s(&self) -> u64 {
        lock(&self.state).faults.retry_after_s
    }
}
