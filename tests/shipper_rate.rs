//! The documented per-key limits, enforced by the sandbox over a shortened window: more
//! creates than the Write budget from four threads, plus reads from a second client on the
//! same key, all succeed without the server ever answering 429.

mod shipper_support;

use std::time::Instant;

use serde_json::json;
use shipper_support::{order, product, sandbox, stats};

const WINDOW: u64 = 1_500;

#[test]
fn two_clients_on_one_key_stay_inside_every_budget() {
    let sandbox = sandbox(WINDOW);
    let config = shipper_support::config(&sandbox, WINDOW);
    let writer = shiplink::shipper::Client::new(config.clone()).unwrap();
    let reader = shiplink::shipper::Client::new(config).unwrap();
    let product = product(&writer);
    let started = Instant::now();
    let (creates, reads) = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..4)
            .map(|t| {
                let (writer, product) = (writer.clone(), product.clone());
                scope.spawn(move || {
                    (0..12)
                        .map(|n| writer.create_order(&order(&product, Some(&format!("R-{t}-{n}")))).unwrap())
                        .count()
                })
            })
            .collect();
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let reader = reader.clone();
                scope.spawn(move || {
                    (0..80).map(|_| reader.list("orders", &json!({"per_page": 5})).unwrap()).count()
                })
            })
            .collect();
        let creates: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
        let reads: usize = readers.into_iter().map(|r| r.join().unwrap()).sum();
        (creates, reads)
    });
    let elapsed = started.elapsed();
    let stats = stats(&sandbox);
    println!("shipper rate: {creates} creates and {reads} reads in {elapsed:?}; sandbox: {stats}");
    assert_eq!((creates, reads), (48, 160));
    assert_eq!(stats["rate_limited_total"], 0, "the server answered 429: {stats}");
    // 48 writes at 30 per window take more than one window: the limiter did hold them back.
    assert!(elapsed.as_millis() >= u128::from(WINDOW), "{elapsed:?}");
}

/// Another process on the same key is seen only through `X-RateLimit-Remaining`: the limiter
/// books what the server counted beyond its own sends, and waits instead of meeting a 429.
#[test]
fn another_process_on_the_key_tightens_the_budget() {
    const WINDOW: u64 = 2_000;
    let sandbox = sandbox(WINDOW);
    let client = shipper_support::client(&sandbox, WINDOW);
    let product = product(&client);
    // 25 of the 30 writes of this window, spent by "another process" that shares no limiter.
    let url = format!("{}/api/v1/orders", sandbox.base_url());
    for n in 0..25 {
        let body = order(&product, Some(&format!("OTHER-{n}"))).to_string();
        let answer = ureq::post(&url)
            .header("Authorization", &format!("Bearer {}", shipper_support::token()))
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .unwrap();
        assert_eq!(answer.status(), 201);
    }
    let started = Instant::now();
    for n in 0..10 {
        client.create_order(&order(&product, Some(&format!("MINE-{n}")))).unwrap();
    }
    let stats = stats(&sandbox);
    assert_eq!(stats["rate_limited_total"], 0, "the server answered 429: {stats}");
    assert!(started.elapsed().as_millis() >= 1_000, "the limiter did not wait: {:?}", started.elapsed());
}
