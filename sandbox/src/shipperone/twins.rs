//! Plain-Rust twins of ShipperOne's `/sandbox/` admin endpoints, as methods of [`Sandbox`].

use serde_json::{json, Value};

use crate::server::Sandbox;
use crate::shipperone::settings::ItemKey;
use crate::twins::AdminError;

impl Sandbox {
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

    /// The settings in force, as `GET /sandbox/settings` shows them.
    pub fn settings(&self) -> Value {
        self.admin("GET", "/sandbox/settings", None).expect("settings are always readable")
    }

    /// What queue views and action responses call an item's own id; returns the settings now
    /// in force.
    pub fn set_item_key(&self, key: ItemKey) -> Value {
        let body = json!({ "item_key": key.as_str() });
        self.admin("POST", "/sandbox/settings", Some(body)).expect("settings body is well-formed")
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
}

fn order_path(order_id: &str, suffix: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(order_id.as_bytes()).collect();
    // byte_serialize encodes spaces as '+', which a path would read literally.
    format!("/sandbox/orders/{}{suffix}", encoded.replace('+', "%20"))
}
