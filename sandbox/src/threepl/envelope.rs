//! The blueprint's one error envelope: `{"error":{"code","message","field"?,"request_id",…}}`,
//! made from the sandbox's shared error type.

use serde_json::{json, Map, Value};

use crate::http::{ApiError, ApiResponse};

/// `error` as the blueprint shows it, with `request_id` and the given extra headers.
pub fn wrap(error: ApiError, request_id: String, headers: &[(String, String)]) -> ApiResponse {
    let parts = error.parts();
    let mut inner = Map::new();
    inner.insert("code".into(), json!(parts.code));
    inner.insert("message".into(), json!(parts.message));
    if let Some(field) = &parts.field {
        inner.insert("field".into(), json!(field));
    }
    for (k, v) in &parts.extra {
        inner.insert(k.clone(), v.clone());
    }
    inner.insert("request_id".into(), json!(request_id));
    let mut all = parts.headers.clone();
    all.extend(headers.iter().cloned());
    ApiResponse { status: parts.status, headers: all, body: json!({ "error": Value::Object(inner) }) }
}

pub fn unprocessable(code: &str, field: &str, message: impl Into<String>) -> ApiError {
    ApiError::new(422, code, message).field(field)
}

pub fn conflict(code: &str, message: impl Into<String>) -> ApiError {
    ApiError::new(409, code, message)
}
