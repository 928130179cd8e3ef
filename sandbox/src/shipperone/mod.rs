//! ShipperOne fulfillment orders (specs 000–002) under `/rest/{store_code}/V1/`: bearer tokens
//! with per-endpoint ACL scopes, the five queues, the five actions, and the admin endpoints
//! that seed orders and change settings (`/sandbox/orders`, `/sandbox/settings`).

mod actions;
mod admin;
mod config;
mod model;
mod order_body;
mod queue;
mod routes;
pub mod scope;
mod seed;
mod settings;
mod store;
mod twins;
mod views;

use std::sync::Mutex;

use serde_json::{Map, Value};

use crate::api::{lock, Api};
use crate::config::SandboxConfig;
use crate::http::{ApiRequest, ApiResult};
use crate::tokens::Scopes;

pub use config::Config;
pub use queue::PAGE_SIZE;
pub use seed::WAREHOUSES;
pub use settings::{ItemKey, Settings};
use store::Store;

/// The ShipperOne API as the hub hosts it.
pub struct ShipperOne {
    /// One request at a time holds it, so each action is atomic.
    store: Mutex<Store>,
}

impl ShipperOne {
    pub fn new(config: &SandboxConfig, rng_seed: u64) -> ShipperOne {
        ShipperOne { store: Mutex::new(Store::new(&config.shipperone, rng_seed)) }
    }
}

impl Api for ShipperOne {
    fn name(&self) -> &'static str {
        "shipperone"
    }

    fn prefix(&self) -> &'static str {
        "/rest/"
    }

    fn handle(&self, req: &ApiRequest, path: &[&str]) -> ApiResult {
        routes::handle(&self.store, req, path)
    }

    fn admin(&self, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
        admin::handle(&self.store, req, path)
    }

    fn add_token(&self, token: &str, scopes: &Scopes) {
        lock(&self.store).tokens.add(token, scopes.clone());
    }

    fn stats(&self, out: &mut Map<String, Value>) {
        admin::stats(&lock(&self.store), out);
    }

    fn reset(&self) {
        lock(&self.store).reset();
    }
}
