//! Set-up shared by the Shipper tests: a sandbox with a Shipper-only key and a shortened
//! rate-limit window, a client for it, orders to create, and the sandbox's own view.
#![allow(dead_code)]

use std::time::Duration;

use serde_json::{json, Value};
use shiplink::shipper::{Client, Config};
use shiplink_sandbox::{Faults, Sandbox, SandboxConfig};

/// The key every Shipper test uses: the test command's sentinel when it sets one.
pub fn token() -> String {
    std::env::var("SHIPLINK_SENTINEL_TOKEN")
        .map(|t| format!("{t}-shipper"))
        .unwrap_or_else(|_| "shipper-key-81c0".into())
}

/// A sandbox whose rate-limit "minute" lasts `window_ms`.
pub fn sandbox(window_ms: u64) -> Sandbox {
    sandbox_with(window_ms, Faults::default())
}

pub fn sandbox_with(window_ms: u64, faults: Faults) -> Sandbox {
    let config = SandboxConfig::new()
        .token_for("shipper", &token(), shiplink_sandbox::Scopes::All)
        .shipper_rate_window_ms(window_ms)
        .faults(faults)
        .workers(16);
    Sandbox::start(config).expect("sandbox starts")
}

pub fn config(sandbox: &Sandbox, window_ms: u64) -> Config {
    let mut config = Config::new(format!("{}/api/v1", sandbox.base_url()), token());
    config.rate_window_ms = window_ms;
    config.retry_base_ms = 5;
    config.retry_max_ms = 20;
    config.timeout_ms = 5_000;
    config
}

pub fn client(sandbox: &Sandbox, window_ms: u64) -> Client {
    Client::new(config(sandbox, window_ms)).expect("client")
}

/// A product uuid from the sandbox's catalogue.
pub fn product(client: &Client) -> String {
    let page = client.list("products", &json!({"per_page": 1})).unwrap();
    page["data"][0]["uuid"].as_str().unwrap().to_owned()
}

pub fn order(product: &str, external: Option<&str>) -> Value {
    let mut order = json!({
        "address": {"name": "Omar Ben Ali", "phone1": "28177188", "address1": "Rue de la Liberte",
                    "division_1": "Tunis", "country": "TN"},
        "items": [{"id": product, "quantity": 1, "total_price": 190}],
        "shipping_total": 9, "is_cod": true, "store_name": "My Store"
    });
    if let Some(external) = external {
        order["external_order_id"] = json!(external);
    }
    order
}

/// Every order as the sandbox holds it.
pub fn orders(sandbox: &Sandbox) -> Vec<Value> {
    let all = sandbox.admin("GET", "/sandbox/shipper/orders", None).unwrap();
    all["orders"].as_array().unwrap().clone()
}

/// The request lines the sandbox received, query still encoded.
pub fn requests(sandbox: &Sandbox) -> Vec<String> {
    let all = sandbox.admin("GET", "/sandbox/shipper/requests", None).unwrap();
    all["requests"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect()
}

pub fn stats(sandbox: &Sandbox) -> Value {
    sandbox.stats()["shipper"].clone()
}

/// Moves every shipment of `order_id` to `status`.
pub fn move_order(sandbox: &Sandbox, order_id: u64, status: &str) {
    sandbox
        .admin("POST", &format!("/sandbox/shipper/orders/{order_id}/status"), Some(json!({"status": status})))
        .unwrap();
}

pub const SECOND: Duration = Duration::from_secs(1);
