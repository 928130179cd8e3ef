//! What every hosted API shares: tokens given to all APIs or to one, faults drawn only on API
//! routes, and one reset for everything.

mod common;

use common::{start, Client, TOKEN};
use serde_json::json;
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

#[test]
fn a_token_for_one_api_opens_that_api() {
    let (_sb, c) = start(SandboxConfig::new().seed_orders(1).token_for("shipperone", "s1", Scopes::All));
    assert_eq!(c.with_token(Some("s1")).queue("pending_accept", "").list().len(), 1);
}

#[test]
fn a_token_for_an_api_not_served_is_refused_at_start() {
    let err = Sandbox::start(SandboxConfig::new().token_for("nonesuch", "k", Scopes::All)).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("nonesuch"), "{err}");
}

#[test]
fn runtime_tokens_go_to_every_api_or_the_named_one() {
    let (_sb, c) = start(SandboxConfig::new());
    let every = c.post("/sandbox/tokens", &json!({"token": "a", "scopes": "all"}));
    assert_eq!(every.status, 201, "{}", every.text);
    assert_eq!(every.body["apis"], json!(["shipperone", "threepl", "shipper"]));
    let one = c.post("/sandbox/tokens", &json!({"token": "b", "scopes": "all", "api": "shipperone"}));
    assert_eq!(one.status, 201, "{}", one.text);
    for token in ["a", "b"] {
        c.with_token(Some(token)).queue("pending_accept", "").assert_ok();
    }
    let unknown = c.post("/sandbox/tokens", &json!({"token": "x", "scopes": "all", "api": "nonesuch"}));
    unknown.assert_error(400, "unknown_api");
    assert_eq!(unknown.field(), "api");
    c.with_token(Some("x")).queue("pending_accept", "").assert_error(401, "unauthorized");
}

#[test]
fn faults_strike_api_routes_only() {
    let (_sb, c) = start(SandboxConfig::new());
    c.post("/sandbox/faults", &json!({"error_rate": 1.0})).assert_ok();
    c.queue("pending_accept", "").assert_error(500, "internal_error");
    c.get("/elsewhere").assert_error(404, "not_found");
    c.get("/sandbox/stats").assert_ok();
    c.get("/sandbox/nothing").assert_error(404, "not_found");
    assert_eq!(c.get("/sandbox/stats").body["faults_injected"]["error"], 1);
}

#[test]
fn reset_restores_faults_and_every_api_but_keeps_tokens() {
    let (sb, c) = start(SandboxConfig::new().seed_orders(2));
    sb.add_token("late", Scopes::All);
    c.post("/sandbox/faults", &json!({"error_rate": 1.0})).assert_ok();
    c.queue("pending_accept", "").assert_error(500, "internal_error");
    sb.reset();
    assert_eq!(c.get("/sandbox/faults").body["error_rate"], 0.0);
    assert!(c.get("/sandbox/stats").body["faults_injected"].as_object().unwrap().is_empty());
    assert!(sb.orders().is_empty());
    for token in [TOKEN, "late"] {
        assert!(Client::new(&sb.base_url(), Some(token)).queue("pending_accept", "").list().is_empty());
    }
}
