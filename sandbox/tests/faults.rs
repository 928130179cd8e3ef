//! The fault layer, seen over plain HTTP: configured through the admin surface, applied to the
//! REST surface only, and counted.

mod common;

use common::{start, TOKEN};
use serde_json::json;
use shiplink_sandbox::{SandboxConfig, Scopes};

fn sandbox() -> (shiplink_sandbox::Sandbox, common::Client) {
    start(SandboxConfig::new().token(TOKEN, Scopes::All).rng_seed(3))
}

#[test]
fn settings_round_trip_and_bad_values_are_refused() {
    let (_sandbox, client) = sandbox();
    let faults = json!({"error_rate": 0.25, "latency_ms": 3, "retry_after_s": 2});
    let set = client.post("/sandbox/faults", &faults);
    assert_eq!(set.assert_ok()["error_rate"], 0.25);
    assert_eq!(client.get("/sandbox/faults").assert_ok()["latency_ms"], 3);
    client.post("/sandbox/faults", &json!({"error_rate": 2})).assert_error(400, "invalid_faults");
    client.post("/sandbox/faults", &json!({"eror_rate": 0.1})).assert_error(400, "invalid_faults");
    client
        .post("/sandbox/faults", &json!({"error_rate": 0.7, "drop_before_rate": 0.7}))
        .assert_error(400, "invalid_faults");
    client.post("/sandbox/faults", &json!({})).assert_ok();
    assert_eq!(client.get("/sandbox/faults").assert_ok()["error_rate"], 0.0);
}

#[test]
fn rate_limits_carry_retry_after_and_leave_admin_alone() {
    let (_sandbox, client) = sandbox();
    client.post("/sandbox/faults", &json!({"rate_limit_rate": 1.0, "retry_after_s": 7})).assert_ok();
    let limited = client.queue("pending_accept", "");
    limited.assert_error(429, "rate_limited");
    assert_eq!(limited.retry_after.as_deref(), Some("7"));
    client.get("/sandbox/stats").assert_ok();
    assert_eq!(client.get("/sandbox/stats").assert_ok()["faults_injected"]["rate_limited"], 1);
}

#[test]
fn errors_before_applying_change_nothing_and_after_applying_change_state() {
    let (sandbox, client) = sandbox();
    let seeded = sandbox.seed_orders(1);
    let id = seeded[0]["order_id"].as_str().unwrap().to_owned();
    let lines: Vec<_> = seeded[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"item_id": i["item_id"], "qty": i["qty_ordered"]}))
        .collect();
    let accept = json!({"order": {"order_id": id, "items": lines}});
    let path = client.rest("fulfillmentOrder/accept");

    client.post("/sandbox/faults", &json!({"error_rate": 1.0})).assert_ok();
    client.post(&path, &accept).assert_error(500, "internal_error");
    assert_eq!(sandbox.order(&id).unwrap()["status"], "pending_accept", "not applied");

    client.post("/sandbox/faults", &json!({"error_after_rate": 1.0})).assert_ok();
    client.post(&path, &accept).assert_error(500, "internal_error");
    assert_eq!(sandbox.order(&id).unwrap()["status"], "pending_allocation", "applied despite the 500");
}

/// A GET with a plain client that does not insist on JSON.
fn fetch(client: &common::Client, path: &str) -> Result<(u16, String), ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(5)))
        .build()
        .into();
    let mut response = agent
        .get(&format!("{}{path}", client.base))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()?;
    let text = response.body_mut().read_to_string()?;
    Ok((response.status().as_u16(), text))
}

#[test]
fn broken_connections_and_bodies_are_not_valid_answers() {
    let (sandbox, client) = sandbox();
    sandbox.seed_orders(3);
    let path = client.rest("fulfillmentOrders/pending_accept");
    for fault in ["drop_before_rate", "drop_after_rate", "truncate_rate"] {
        client.post("/sandbox/faults", &json!({ fault: 1.0 })).assert_ok();
        let outcome = fetch(&client, &path);
        assert!(outcome.is_err(), "{fault}: a broken exchange must fail, got {outcome:?}");
    }
    client.post("/sandbox/faults", &json!({"garbage_rate": 1.0})).assert_ok();
    let (status, text) = fetch(&client, &path).unwrap();
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err(), "{text}");
    client.post("/sandbox/faults", &json!({})).assert_ok();
    let (status, text) = fetch(&client, &path).unwrap();
    assert_eq!(status, 200, "faults off: the same connection pool works again: {text}");
    let stats = client.get("/sandbox/stats");
    let injected = &stats.assert_ok()["faults_injected"];
    assert_eq!((injected["drop_before"].as_u64(), injected["garbage"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn refused_repeats_are_counted() {
    let (sandbox, client) = sandbox();
    let seeded = sandbox.seed_orders(1);
    let id = seeded[0]["order_id"].as_str().unwrap().to_owned();
    let items: Vec<_> = seeded[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"item_id": i["item_id"], "qty": i["qty_ordered"]}))
        .collect();
    client
        .post(&client.rest("fulfillmentOrder/accept"), &json!({"order": {"order_id": id, "items": items}}))
        .assert_ok();
    let allocate = json!({"order": {"order_id": id, "items": items}});
    client.post(&client.rest("fulfillmentOrder/allocate"), &allocate).assert_ok();
    client.post(&client.rest("fulfillmentOrder/allocate"), &allocate).assert_error(400, "already_allocated");
    assert_eq!(client.get("/sandbox/stats").assert_ok()["repeats_refused"]["allocate"], 1);
}
