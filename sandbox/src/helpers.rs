//! Plain-Rust twins of the `/sandbox/` admin endpoints. They go through the same router as
//! HTTP requests, so a test gets the same behaviour whichever it uses.

use std::fmt;

use serde_json::{json, Value};

use crate::config::Scopes;
use crate::http::ApiRequest;
use crate::server::{dispatch, Sandbox};

/// An admin call the sandbox refused: the HTTP status and the JSON error body.
#[derive(Debug, Clone)]
pub struct AdminError {
    pub status: u16,
    pub body: Value,
}

impl fmt::Display for AdminError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.body["message"].as_str().unwrap_or("admin request failed");
        write!(f, "{} ({})", message, self.status)
    }
}

impl std::error::Error for AdminError {}

impl Sandbox {
    /// Calls any admin endpoint in-process, e.g. `admin("POST", "/sandbox/reset", None)`.
    pub fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, AdminError> {
        let mut req = ApiRequest::new(method, path);
        if let Some(body) = &body {
            req = req.with_json(body);
        }
        let resp = dispatch(&self.shared, &req);
        if resp.status < 300 {
            Ok(resp.body)
        } else {
            Err(AdminError { status: resp.status, body: resp.body })
        }
    }

    /// Adds `n` random orders (store `all`, one to three items, partials off); returns their
    /// full views.
    pub fn seed_orders(&self, n: usize) -> Vec<Value> {
        self.create_orders(json!({ "count": n })).expect("seeding random orders cannot fail")
    }

    /// Same body as `POST /sandbox/orders`: `{"count": N, ...}` or `{"orders": [...]}`.
    pub fn create_orders(&self, body: Value) -> Result<Vec<Value>, AdminError> {
        let mut out = self.admin("POST", "/sandbox/orders", Some(body))?;
        Ok(match out["orders"].take() {
            Value::Array(orders) => orders,
            _ => Vec::new(),
        })
    }

    /// Full view of one order, or `None` when it does not exist.
    pub fn order(&self, order_id: &str) -> Option<Value> {
        self.admin("GET", &order_path(order_id, ""), None).ok()
    }

    /// Full views of every order, in creation order.
    pub fn orders(&self) -> Vec<Value> {
        match self.admin("GET", "/sandbox/orders", None) {
            Ok(mut v) => match v["orders"].take() {
                Value::Array(orders) => orders,
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        }
    }

    /// System-wide partial switches; returns the settings now in force.
    pub fn set_partial(&self, partial: bool, partial_qty: bool) -> Value {
        let body = json!({ "partial": partial, "partial_qty": partial_qty });
        self.admin("POST", "/sandbox/settings", Some(body)).expect("settings body is well-formed")
    }

    pub fn settings(&self) -> Value {
        self.admin("GET", "/sandbox/settings", None).expect("settings are always readable")
    }

    /// The order's own consent flags (OR-ed with the system-wide settings).
    pub fn set_order_partial(
        &self,
        order_id: &str,
        allow_partial: bool,
        allow_partial_qty: bool,
    ) -> Result<Value, AdminError> {
        let body = json!({ "allow_partial": allow_partial, "allow_partial_qty": allow_partial_qty });
        self.admin("POST", &order_path(order_id, "/settings"), Some(body))
    }

    /// Moves an order out of the active flow into the `failed` queue.
    pub fn fail_order(&self, order_id: &str, reason: &str) -> Result<Value, AdminError> {
        self.admin("POST", &order_path(order_id, "/fail"), Some(json!({ "reason": reason })))
    }

    /// Brings a failed order back into the active queues.
    pub fn restore_order(&self, order_id: &str) -> Result<Value, AdminError> {
        self.admin("POST", &order_path(order_id, "/restore"), None)
    }

    /// Empties the store; tokens stay, settings return to the start-up configuration.
    pub fn reset(&self) {
        let _ = self.admin("POST", "/sandbox/reset", None);
    }

    pub fn add_token(&self, token: &str, scopes: Scopes) {
        let scopes = match scopes {
            Scopes::All => json!("all"),
            Scopes::List(names) => json!(names),
        };
        let _ = self.admin("POST", "/sandbox/tokens", Some(json!({ "token": token, "scopes": scopes })));
    }

    /// Counts per queue and status, total shipments and invoices.
    pub fn stats(&self) -> Value {
        self.admin("GET", "/sandbox/stats", None).expect("stats are always readable")
    }
}

fn order_path(order_id: &str, suffix: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(order_id.as_bytes()).collect();
    // byte_serialize encodes spaces as '+', which a path would read literally.
    format!("/sandbox/orders/{}{suffix}", encoded.replace('+', "%20"))
}
