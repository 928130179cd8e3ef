//! Soak: 1,000 orders driven through accept → allocate → ship (in one or two parcels) → invoice
//! by 8 concurrent workers sharing one client, while the sandbox injects every fault it has:
//! latency, 429 bursts, 500s and dropped connections before and after applying, truncated and
//! non-JSON bodies. The workers behave like a host's polling loop: a call that fails is left
//! for the next cycle. Afterwards the sandbox's own records must show every order completed
//! exactly once. Bounded: a fixed number of orders and a deadline.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use shiplink_sandbox::{Faults, Sandbox, SandboxConfig, Scopes};

const ORDERS: usize = 1_000;
const WORKERS: usize = 8;
const DEADLINE: Duration = Duration::from_secs(300);
const ALL_FAULTS: [&str; 7] =
    ["rate_limited", "error", "drop_before", "error_after", "drop_after", "truncate", "garbage"];

fn faults() -> Faults {
    Faults {
        latency_ms: 2,
        rate_limit_rate: 0.03,
        retry_after_s: 0,
        error_rate: 0.03,
        drop_before_rate: 0.03,
        error_after_rate: 0.03,
        drop_after_rate: 0.03,
        truncate_rate: 0.02,
        garbage_rate: 0.02,
    }
}

#[test]
fn a_thousand_orders_complete_exactly_once_under_faults() {
    let token = common::token();
    let sandbox = Sandbox::start(
        SandboxConfig::new().token(token, Scopes::All).rng_seed(11).faults(faults()).workers(8),
    )
    .unwrap();
    let client = common::soak::prepare(&sandbox, ORDERS);
    let started = Instant::now();
    let tally = common::soak::run(&client, &sandbox, WORKERS, ORDERS, DEADLINE);
    let elapsed = started.elapsed();
    let stats = sandbox.stats();
    println!(
        "soak: {ORDERS} orders in {:.1} s; {} transient failures left for a later cycle; faults injected: {}",
        elapsed.as_secs_f64(),
        tally.transient.load(Ordering::Relaxed),
        stats["faults_injected"]
    );

    let unexpected = tally.unexpected.lock().unwrap();
    assert!(
        unexpected.is_empty(),
        "{} unexpected failures, e.g. {:?}",
        unexpected.len(),
        &unexpected[..unexpected.len().min(5)]
    );
    common::ledger::verify(&sandbox, ORDERS, &ALL_FAULTS);
}
