//! The 3PL fulfillment API blueprint (spec 003) under `/v1/`: idempotent order creates,
//! amends with versions and `If-Match`, cancels with the spec's 409s, shipments with parcels,
//! per-warehouse stock, inbound shipments, adjustments and returns, webhook subscriptions,
//! opaque cursors over `(updated_at, id)` with `updated_since`, rate-limit headers and the
//! `{"error":{…,"request_id"}}` envelope. Its admin endpoints sit under `/sandbox/threepl/`.

mod admin;
mod catalog;
mod config;
mod delivery;
mod envelope;
mod idempotency;
mod inbound;
mod listing;
mod orders;
mod rate;
mod routes;
mod settings;
mod stock;
mod store;
mod warehouse;
mod webhooks;

use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::api::{lock, Api};
use crate::config::SandboxConfig;
use crate::http::{ApiRequest, ApiResult};
use crate::tokens::Scopes;

pub use config::Config;
pub use settings::Settings;
use store::Store;

/// The blueprint API as the hub hosts it.
pub struct ThreePl {
    /// One request at a time holds it, so each change is atomic.
    store: Arc<Mutex<Store>>,
    delivery: delivery::Courier,
}

impl ThreePl {
    pub fn new(config: &SandboxConfig, rng_seed: u64) -> ThreePl {
        let store = Arc::new(Mutex::new(Store::new(&config.threepl, rng_seed)));
        let delivery = delivery::Courier::start(Arc::clone(&store));
        ThreePl { store, delivery }
    }
}

impl Api for ThreePl {
    fn name(&self) -> &'static str {
        "threepl"
    }

    fn prefix(&self) -> &'static str {
        "/v1/"
    }

    fn handle(&self, req: &ApiRequest, path: &[&str]) -> ApiResult {
        let answer = routes::handle(&self.store, req, path);
        self.delivery.wake();
        answer
    }

    fn admin(&self, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
        let answer = admin::handle(&self.store, req, path);
        self.delivery.wake();
        answer
    }

    fn add_token(&self, token: &str, _scopes: &Scopes) {
        lock(&self.store).tokens.add(token, Scopes::All);
    }

    fn stats(&self, out: &mut Map<String, Value>) {
        out.insert("threepl".into(), lock(&self.store).stats());
    }

    fn reset(&self) {
        lock(&self.store).reset();
    }
}
