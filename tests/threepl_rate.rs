//! Rate limits: threads sharing one client, and a second client of the same token, against a
//! tight limit. The pacer waits for the window from the headers, so every call succeeds and
//! the sandbox serves next to no 429s.

mod common;

use std::thread;
use std::time::Instant;

use common::threepl::{client, sandbox_with, stats};
use shiplink::threepl::{Query, Resource};
use shiplink_sandbox::SandboxConfig;

#[test]
fn threads_share_one_budget_and_stay_inside_it() {
    let sandbox = sandbox_with(SandboxConfig::new().threepl_rate_limit(8, 1));
    let one = client(&sandbox);
    let other = client(&sandbox);
    let started = Instant::now();
    thread::scope(|s| {
        for t in 0..4 {
            let client = if t % 2 == 0 { &one } else { &other };
            s.spawn(move || {
                for _ in 0..8 {
                    client.list(Resource::Warehouses, &Query::new()).unwrap();
                }
            });
        }
    });
    let served_429 = stats(&sandbox)["counts"]["rate_limited"].as_u64().unwrap_or(0);
    assert!(served_429 <= 2, "{served_429} 429s served");
    // 32 calls at 8 a second take at least three window changes.
    assert!(started.elapsed().as_millis() >= 2_000, "{:?}", started.elapsed());
}
