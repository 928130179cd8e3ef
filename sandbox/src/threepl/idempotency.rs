//! Idempotent creates: a create remembered under its `Idempotency-Key` returns what it made
//! when the same body comes again, and is refused with a clear error when a different body
//! reuses the key.

use serde_json::Value;

use crate::http::{ApiError, ApiRequest};
use crate::threepl::envelope::unprocessable;
use crate::threepl::store::{Remembered, Store};

/// The request's key, checked: visible ASCII, at most 255 characters.
pub fn key(req: &ApiRequest) -> Result<Option<String>, ApiError> {
    let Some(key) = req.header("Idempotency-Key").map(str::trim) else { return Ok(None) };
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(unprocessable(
            "invalid_idempotency_key",
            "Idempotency-Key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        ));
    }
    Ok(Some(key.to_owned()))
}

/// The id made earlier under `key` for `kind`, when the body is the same; an error when the
/// key was used with another body.
pub fn replayed(
    store: &mut Store,
    kind: &'static str,
    key: Option<&str>,
    body: &Value,
) -> Result<Option<String>, ApiError> {
    let Some(key) = key else { return Ok(None) };
    match store.keys.get(&(kind, key.to_owned())) {
        None => Ok(None),
        Some(Remembered { body: first, id }) if first == body => {
            let id = id.clone();
            store.count("creates_replayed");
            Ok(Some(id))
        }
        Some(Remembered { id, .. }) => {
            let id = id.clone();
            store.count("idempotency_mismatches");
            Err(unprocessable(
                "idempotency_key_reused",
                "Idempotency-Key",
                format!("this Idempotency-Key was first used with a different body (it created {id}); use a new key for a new {kind}"),
            )
            .extra("existing_id", Value::String(id)))
        }
    }
}

/// How a create begins: its body and key, or the id a replay of it already made.
pub enum Start {
    Replay(String),
    New { body: Value, key: Option<String> },
}

pub fn start(store: &mut Store, kind: &'static str, req: &ApiRequest) -> Result<Start, ApiError> {
    let body = crate::json::parse_body(&req.body)?;
    let key = key(req)?;
    Ok(match replayed(store, kind, key.as_deref(), &body)? {
        Some(id) => Start::Replay(id),
        None => Start::New { body, key },
    })
}

pub fn remember(store: &mut Store, kind: &'static str, key: Option<String>, body: Value, id: &str) {
    if let Some(key) = key {
        store.keys.insert((kind, key), Remembered { body, id: id.to_owned() });
    }
}
