//! Several hundred order creates under 25 % faults, dropped connections after the server
//! applied the create among them: the sandbox holds exactly one order per reference, every call
//! returned it, and a second client (a restarted host) gets the same orders back.

mod common;

use std::collections::HashMap;
use std::sync::Mutex;
use std::thread;

use common::threepl::{admin, client, order, sandbox};
use serde_json::json;

const ORDERS: usize = 300;
const WORKERS: usize = 6;

#[test]
fn every_reference_is_one_order_whatever_the_network_does() {
    let sandbox = sandbox();
    let faults = json!({"error_rate": 0.05, "drop_before_rate": 0.04, "error_after_rate": 0.05,
                        "drop_after_rate": 0.06, "truncate_rate": 0.03, "garbage_rate": 0.02});
    sandbox.admin("POST", "/sandbox/faults", Some(faults)).unwrap();
    let mut config = common::threepl::config(&sandbox);
    config.max_retries = 10;
    let client = shiplink::threepl::Client::new(config).unwrap();
    let returned: Mutex<HashMap<String, String>> = Mutex::new(HashMap::new());
    thread::scope(|s| {
        for w in 0..WORKERS {
            let (client, returned) = (&client, &returned);
            s.spawn(move || {
                for n in (w..ORDERS).step_by(WORKERS) {
                    let created =
                        client.create_order(&order(n), None).unwrap_or_else(|e| panic!("order {n}: {e}"));
                    let reference = created["reference"].as_str().unwrap().to_owned();
                    returned.lock().unwrap().insert(reference, created["id"].as_str().unwrap().to_owned());
                }
            });
        }
    });
    let injected = sandbox.stats()["faults_injected"].clone();
    assert!(injected["drop_after"].as_u64().unwrap_or(0) > 5, "{injected}");
    sandbox.admin("POST", "/sandbox/faults", Some(json!({}))).unwrap();
    let held = admin(&sandbox, "GET", "orders", json!({}))["orders"].as_array().unwrap().clone();
    assert_eq!(held.len(), ORDERS, "exactly one order per reference");
    let returned = returned.into_inner().unwrap();
    for order in &held {
        let reference = order["reference"].as_str().unwrap();
        assert_eq!(
            returned[reference],
            order["id"].as_str().unwrap(),
            "the call returned the order the sandbox holds"
        );
    }
    // A restarted host creates its orders again: the same keys, the same orders.
    let restarted = client_after_restart(&sandbox);
    for n in (0..ORDERS).step_by(37) {
        let again = restarted.create_order(&order(n), None).unwrap();
        assert_eq!(again["id"].as_str().unwrap(), returned[&format!("F-{n}-1")]);
    }
    assert_eq!(admin(&sandbox, "GET", "orders", json!({}))["orders"].as_array().unwrap().len(), ORDERS);
}

fn client_after_restart(sandbox: &shiplink_sandbox::Sandbox) -> shiplink::threepl::Client {
    client(sandbox)
}
