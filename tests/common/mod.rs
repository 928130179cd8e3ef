//! Shared set-up for integration tests: a sandbox on an ephemeral port and a client for it.
#![allow(dead_code)]

pub mod ledger;
pub mod scripted;
pub mod soak;
pub mod threepl;

use serde_json::Value;
use shiplink::{Client, Config};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

/// The token every test uses: `SHIPLINK_SENTINEL_TOKEN` when the test command sets one (it then
/// searches the whole suite's output for it), else a fixed one.
pub fn token() -> &'static str {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(|| {
        std::env::var("SHIPLINK_SENTINEL_TOKEN").unwrap_or_else(|_| "test-token-5f0c2a4e".to_owned())
    })
}

pub fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::new().token(token(), Scopes::All).rng_seed(7)).expect("sandbox starts")
}

pub fn config(sandbox: &Sandbox, token: &str) -> Config {
    let mut config = Config::new(sandbox.base_url(), token);
    config.retry_base_ms = 5;
    config.retry_max_ms = 20;
    config.timeout_ms = 5_000;
    config
}

pub fn client(sandbox: &Sandbox) -> Client {
    Client::new(config(sandbox, token())).expect("client")
}

/// Seeds `n` orders and returns their ids.
pub fn seed(sandbox: &Sandbox, n: usize) -> Vec<String> {
    sandbox.seed_orders(n).iter().map(|o| o["order_id"].as_str().unwrap().to_owned()).collect()
}

/// Seeds one order with explicit items `(sku, qty, warehouse_code)`.
pub fn seed_order(sandbox: &Sandbox, items: &[(&str, u32, Option<&str>)], allow_partial: bool) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(sku, qty, wh)| {
            let mut item = serde_json::json!({"sku": sku, "qty_ordered": qty, "price_incl_tax": 10.0});
            if let Some(wh) = wh {
                item["warehouse_code"] = Value::from(*wh);
            }
            item
        })
        .collect();
    let body = serde_json::json!({"orders": [{
        "items": items, "allow_partial": allow_partial, "shipping_amount_incl_tax": 4.99,
        "warehouse_code": "WH-A"
    }]});
    sandbox.create_orders(body).expect("seed").remove(0)
}

pub fn item_ids(order: &Value) -> Vec<u64> {
    order["items"].as_array().unwrap().iter().map(|i| i["item_id"].as_u64().unwrap()).collect()
}
