//! How the blueprint's answers are read: the one error envelope
//! (`{"error":{"code","message","field","request_id"}}`) for messages, and which failures are
//! worth another attempt.

use serde_json::Value;

use crate::error::Error;
use crate::transport::{Request, Verdict};

/// `version_conflict: Order version moved on (field ship_to, request req_01J8…)`; a body in
/// another shape (a proxy's, say) falls back to its `message`.
pub(crate) fn explain(body: &Value) -> Option<String> {
    let Some(error) = body.get("error") else {
        return body.get("message").and_then(Value::as_str).map(str::to_owned);
    };
    if let Some(text) = error.as_str() {
        return Some(text.to_owned());
    }
    let field = |key: &str| error.get(key).and_then(Value::as_str);
    let mut out = match (field("code"), field("message")) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        (None, Some(message)) => message.to_owned(),
        (None, None) => return None,
    };
    let extra: Vec<String> = [("field", "field"), ("request_id", "request")]
        .iter()
        .filter_map(|(key, label)| field(key).map(|v| format!("{label} {v}")))
        .collect();
    if !extra.is_empty() {
        out.push_str(&format!(" ({})", extra.join(", ")));
    }
    Some(out)
}

/// 429: refused before anything ran, so any request may go again; 5xx: worth another attempt,
/// but it may have applied (the request's [`Replay`](crate::transport::Replay) decides); the
/// rest is the answer.
pub(crate) fn verdict(_request: &Request, code: u16) -> Verdict {
    match code {
        429 => Verdict::Retry { maybe_applied: false },
        500..=599 => Verdict::Retry { maybe_applied: true },
        _ => Verdict::Fail { maybe_applied: false },
    }
}

/// The server's `error.code` of a failed call, if it sent one.
pub fn error_code(error: &Error) -> Option<&str> {
    error.body.as_ref()?.get("error")?.get("code")?.as_str()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_envelope_names_code_field_and_request() {
        let body = json!({"error": {"code": "invalid_warehouse", "message": "warehouse_id 'wh_zzz' is not a known warehouse.",
                                    "field": "warehouse_id", "request_id": "req_01J8"}});
        assert_eq!(
            explain(&body).unwrap(),
            "invalid_warehouse: warehouse_id 'wh_zzz' is not a known warehouse. (field warehouse_id, request req_01J8)"
        );
        assert_eq!(explain(&json!({"error": {"code": "already_shipped"}})).unwrap(), "already_shipped");
        assert_eq!(explain(&json!({"message": "bad gateway"})).unwrap(), "bad gateway");
        assert_eq!(explain(&json!({})), None);
    }
}
