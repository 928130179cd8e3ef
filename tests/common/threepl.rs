//! Set-up for the 3PL blueprint tests: a sandbox serving `/v1/` and clients for it.

use serde_json::{json, Value};
use shiplink::threepl::{Client, Config};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

use super::token;

pub fn sandbox_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config.token_for("threepl", token(), Scopes::All).rng_seed(11)).expect("sandbox starts")
}

pub fn sandbox() -> Sandbox {
    sandbox_with(SandboxConfig::new())
}

pub fn config(sandbox: &Sandbox) -> Config {
    let mut config = Config::new(format!("{}/v1", sandbox.base_url()), token());
    config.retry_base_ms = 2;
    config.retry_max_ms = 20;
    config.timeout_ms = 5_000;
    config
}

pub fn client(sandbox: &Sandbox) -> Client {
    Client::new(config(sandbox)).expect("client")
}

/// A valid order with the spec's shape; `n` makes its number and reference unique.
pub fn order(n: usize) -> Value {
    json!({
        "order_number": format!("SO-{n}"),
        "reference": format!("F-{n}-1"),
        "order_date": "2026-07-02T09:15:00Z",
        "warehouse_id": "wh_syd_1",
        "shipping_method_id": "sm_auspost_express",
        "packing_note": "Leave in porch",
        "ship_to": {"name": "Jane Doe", "address1": "123 Main St", "city": "Sydney", "state": "NSW",
                    "postcode": "2000", "country": "AU"},
        "items": [{"sku": "WIDGET-BLUE-M", "quantity": 2, "unit_price": "19.99", "currency": "AUD"}]
    })
}

/// A `/sandbox/threepl/…` admin call that must succeed.
pub fn admin(sandbox: &Sandbox, method: &str, path: &str, body: Value) -> Value {
    sandbox.admin(method, &format!("/sandbox/threepl/{path}"), Some(body)).expect("admin call")
}

pub fn stats(sandbox: &Sandbox) -> Value {
    sandbox.stats()["threepl"].clone()
}

/// Requests the blueprint API has answered so far.
pub fn requests(sandbox: &Sandbox) -> u64 {
    stats(sandbox)["counts"]["requests"].as_u64().unwrap_or(0)
}
