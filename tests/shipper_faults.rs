//! Order creation under faults of every kind: a 500 before applying, a 500 after applying, a
//! connection dropped after applying, and answers slower than the client's timeout. No order
//! is ever created twice, every call answers with the order's id or OUTCOME_UNKNOWN, and
//! nothing is re-sent once it may have reached the server.

mod shipper_support;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use shiplink::log::{set_logger, Level};
use shiplink::Status;
use shiplink_sandbox::Faults;
use shipper_support::{order, orders, product, sandbox_with, stats};

// A short window, so that four dozen creates are not held back by the Write budget.
const WINDOW: u64 = 1_000;
const THREADS: usize = 4;
const PER_THREAD: usize = 12;

#[test]
fn creates_under_thirty_percent_faults_never_duplicate_and_never_resend() {
    let faults = Faults {
        error_rate: 0.075,
        error_after_rate: 0.075,
        drop_after_rate: 0.075,
        // 30 of every 400 ms of drawn delay lie past the 370 ms timeout: another 7.5 %.
        latency_ms: 400,
        ..Faults::default()
    };
    let sandbox = sandbox_with(WINDOW, Faults::default());
    let mut config = shipper_support::config(&sandbox, WINDOW);
    let client = shiplink::shipper::Client::new(config.clone()).unwrap();
    let product = product(&client);
    sandbox.admin("POST", "/sandbox/faults", Some(serde_json::to_value(&faults).unwrap())).unwrap();
    config.timeout_ms = 370;
    let client = shiplink::shipper::Client::new(config).unwrap();

    let resent = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&resent);
    set_logger(Level::Warn, move |_, message| {
        if message.starts_with("POST /orders ->") && message.contains("retry") {
            seen.lock().unwrap().push(message.to_owned());
        }
    });
    let outcomes: Vec<(String, shiplink::Result<(u64, bool)>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (client, product) = (client.clone(), product.clone());
                scope.spawn(move || {
                    (0..PER_THREAD)
                        .map(|n| {
                            let external = format!("F-{t}-{n}");
                            let outcome = client.create_order(&order(&product, Some(&external)));
                            (external, outcome.map(|c| (c.id, c.reconciled)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    shiplink::log::clear_logger();
    sandbox.admin("POST", "/sandbox/faults", Some(serde_json::json!({}))).unwrap();
    let injected = sandbox.stats()["faults_injected"].clone();

    let held: Vec<Value> = orders(&sandbox);
    let mut by_external: HashMap<String, Vec<u64>> = HashMap::new();
    for o in &held {
        let external = o["external_order_id"].as_str().unwrap().to_owned();
        by_external.entry(external).or_default().push(o["id"].as_u64().unwrap());
    }
    let twice: Vec<_> = by_external.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(twice.is_empty(), "orders created twice: {twice:?}");

    let (mut exists, mut answered, mut unknown, mut reconciled) = (0, 0, 0, 0);
    for (external, outcome) in &outcomes {
        let held_id = by_external.get(external).map(|ids| ids[0]);
        match outcome {
            Ok((id, found)) => {
                assert_eq!(held_id, Some(*id), "{external} answered an id the sandbox does not hold for it");
                answered += 1;
                reconciled += usize::from(*found);
            }
            Err(e) => {
                assert_eq!(e.status, Status::OutcomeUnknown, "{external}: {e}");
                assert_eq!(e.attempts, 1, "{external} was sent {} times", e.attempts);
                unknown += 1;
            }
        }
        exists += usize::from(held_id.is_some());
    }
    let answered_of_existing =
        outcomes.iter().filter(|(x, o)| o.is_ok() && by_external.contains_key(x)).count();
    println!(
        "shipper faults: {} creates, {answered} answered with the id ({reconciled} of them reconciled), {unknown} \
         OUTCOME_UNKNOWN, {exists} orders exist; injected {injected}",
        outcomes.len()
    );
    assert!(
        answered_of_existing * 10 >= exists * 9,
        "only {answered_of_existing} of {exists} existing orders were answered"
    );
    assert!(reconciled + unknown > 0, "no create met a fault: {injected}");
    let resent = resent.lock().unwrap();
    assert!(resent.is_empty(), "re-sent after an ambiguous failure: {resent:?}");
    let handled = stats(&sandbox)["creates_handled"].as_u64().unwrap() as usize;
    assert!(handled <= outcomes.len(), "{handled} creates reached the handler for {} calls", outcomes.len());
    let distinct: HashSet<_> = held.iter().map(|o| o["id"].as_u64()).collect();
    assert_eq!(distinct.len(), held.len());
}

#[test]
fn a_create_without_external_id_whose_answer_is_lost_is_sent_once() {
    let sandbox = sandbox_with(WINDOW, Faults::default());
    let client = shipper_support::client(&sandbox, WINDOW);
    let product = product(&client);
    sandbox.admin("POST", "/sandbox/faults", Some(serde_json::json!({"drop_after_rate": 1.0}))).unwrap();
    let e = client.create_order(&order(&product, None)).unwrap_err();
    sandbox.admin("POST", "/sandbox/faults", Some(serde_json::json!({}))).unwrap();
    assert_eq!(e.status, Status::OutcomeUnknown, "{e}");
    assert_eq!(e.attempts, 1);
    assert!(e.message.contains("no external_order_id"), "{}", e.message);
    assert_eq!(orders(&sandbox).len(), 1, "the order was created exactly once");
    assert_eq!(stats(&sandbox)["creates_handled"], 1);
}
