//! Plain-Rust twins of the shared `/sandbox/` admin endpoints, and the generic `admin` call
//! every API's twins go through. They use the same router as HTTP requests, so a test gets
//! the same behaviour whichever it uses.

use std::fmt;

use serde_json::{json, Value};

use crate::http::ApiRequest;
use crate::server::Sandbox;
use crate::tokens::Scopes;

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
        let resp = self.hub.dispatch(&req);
        if resp.status < 300 {
            Ok(resp.body)
        } else {
            Err(AdminError { status: resp.status, body: resp.body })
        }
    }

    /// Empties every API's data; tokens stay, settings and faults return to the start-up
    /// configuration.
    pub fn reset(&self) {
        let _ = self.admin("POST", "/sandbox/reset", None);
    }

    /// A token every API accepts from now on.
    pub fn add_token(&self, token: &str, scopes: Scopes) {
        let scopes = match scopes {
            Scopes::All => json!("all"),
            Scopes::List(names) => json!(names),
        };
        let _ = self.admin("POST", "/sandbox/tokens", Some(json!({ "token": token, "scopes": scopes })));
    }

    /// Counts per queue and status, total shipments and invoices, faults injected.
    pub fn stats(&self) -> Value {
        self.admin("GET", "/sandbox/stats", None).expect("stats are always readable")
    }
}
