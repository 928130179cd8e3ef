//! The Shipper Open API (spec 004) under `/api/v1/`: countries and divisions, products with
//! variants and stock, orders whose status is computed from their shipments, cancels, the
//! dashboard reports computed from the sandbox's own orders, webhooks delivered signed, and
//! the documented per-key rate limits with their headers and 429s.

mod admin;
mod catalog;
mod config;
mod dashboard;
mod dates;
mod lists;
mod model;
mod rate;
mod routes;
mod store;
mod webhooks;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::api::{lock, Api};
use crate::config::SandboxConfig;
use crate::http::{ApiRequest, ApiResult};
use crate::tokens::{Scopes, Tokens};

pub use config::Config;

/// Raw request lines kept for `GET /sandbox/shipper/requests`.
const REQUESTS_KEPT: usize = 500;

pub struct Shipper {
    store: Mutex<store::Store>,
    limits: Mutex<rate::Limits>,
    hooks: webhooks::Shared,
    tokens: Mutex<Tokens>,
    requests: Mutex<VecDeque<String>>,
}

impl Shipper {
    pub fn new(config: &SandboxConfig) -> Shipper {
        Shipper {
            store: Mutex::new(store::Store::new()),
            limits: Mutex::new(rate::Limits::new(config.shipper.rate_window_ms)),
            hooks: Arc::default(),
            tokens: Mutex::new(Tokens::default()),
            requests: Mutex::new(VecDeque::new()),
        }
    }

    /// Keeps the request line as it arrived, query still percent-encoded.
    fn note_request(&self, req: &ApiRequest) {
        let mut requests = lock(&self.requests);
        if requests.len() == REQUESTS_KEPT {
            requests.pop_front();
        }
        let query = if req.raw_query.is_empty() { String::new() } else { format!("?{}", req.raw_query) };
        requests.push_back(format!("{} {}{}", req.method, req.path, query));
    }
}

impl Api for Shipper {
    fn name(&self) -> &'static str {
        "shipper"
    }

    fn prefix(&self) -> &'static str {
        "/api/v1/"
    }

    fn handle(&self, req: &ApiRequest, path: &[&str]) -> ApiResult {
        Ok(routes::handle(self, req, path))
    }

    fn admin(&self, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
        admin::handle(self, req, path)
    }

    fn add_token(&self, token: &str, scopes: &Scopes) {
        lock(&self.tokens).add(token, scopes.clone());
    }

    fn stats(&self, out: &mut Map<String, Value>) {
        admin::stats(self, out);
    }

    fn reset(&self) {
        *lock(&self.store) = store::Store::new();
        lock(&self.limits).reset();
        lock(&self.hooks).reset();
        lock(&self.requests).clear();
    }
}
