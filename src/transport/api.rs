//! What an API tells the transport about itself: the root its paths hang from, how its error
//! bodies explain themselves, which answers deserve another attempt, and who paces it.

use std::sync::Arc;

use serde_json::Value;

use super::rate::Pacer;
use super::request::Request;

/// Whether a failed answer is worth another attempt, and whether the server may have acted on
/// the request before answering so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Retry { maybe_applied: bool },
    Fail { maybe_applied: bool },
}

#[derive(Clone)]
pub(crate) struct Api {
    /// Prefix of every request path, e.g. `https://tenant.example.com/rest/all/V1`.
    pub root: String,
    /// The server's own explanation in an error body, for the error's message.
    pub explain: fn(&Value) -> Option<String>,
    /// How a non-2xx answer to `request` is treated.
    pub verdict: fn(&Request, u16) -> Verdict,
    /// Waits before a request and learns from each answer's rate-limit headers.
    pub pacer: Option<Arc<dyn Pacer>>,
}

impl Api {
    /// An API with the usual rules: `{"message": …}` errors, and [`usual_verdict`].
    pub fn new(root: String) -> Api {
        Api { root, explain: message_field, verdict: usual_verdict, pacer: None }
    }
}

/// `{"message": "…"}`, the plainest error body.
pub(crate) fn message_field(body: &Value) -> Option<String> {
    body.get("message").and_then(Value::as_str).map(str::to_owned)
}

/// 429: the server refused before doing anything, so any request may go again; 5xx: worth
/// another attempt, but the request may have applied; anything else is the answer.
pub(crate) fn usual_verdict(_request: &Request, code: u16) -> Verdict {
    match code {
        429 => Verdict::Retry { maybe_applied: false },
        500..=599 => Verdict::Retry { maybe_applied: true },
        _ => Verdict::Fail { maybe_applied: false },
    }
}
