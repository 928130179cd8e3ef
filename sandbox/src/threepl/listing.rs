//! Lists as the blueprint pages them: rows in a stable `(updated_at, id)` order, filtered by
//! `updated_since` (inclusive or exclusive, a setting), cut into pages joined by opaque cursors.
//! A cursor names the last row of its page and the cursor epoch: an operator can expire every
//! cursor handed out (`POST /sandbox/threepl/cursors/expire`) to show how clients recover.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::http::{ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::threepl::store::Store;

/// One row of a list: its sort key and what the API shows.
pub struct Row {
    pub updated_at: String,
    pub key: String,
    pub view: Value,
}

impl Row {
    /// A record that carries its own `updated_at` and `id`.
    pub fn of(record: &Value) -> Row {
        Row {
            updated_at: record["updated_at"].as_str().unwrap_or("").to_owned(),
            key: record["id"].as_str().unwrap_or("").to_owned(),
            view: record.clone(),
        }
    }
}

/// `updated_since` normalised to the API's format (whole seconds, `Z`), or `None` when absent.
pub fn since(req: &ApiRequest) -> Result<Option<String>, ApiError> {
    let Some(raw) = req.query_param("updated_since") else { return Ok(None) };
    let parsed = DateTime::parse_from_rfc3339(raw).map_err(|_| {
        ApiError::bad_request(
            "invalid_updated_since",
            "updated_since must be an ISO-8601 date-time, e.g. 2026-07-02T22:04:11Z",
        )
        .field("updated_since")
    })?;
    Ok(Some(parsed.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true)))
}

/// One page of `rows` for `req`: `updated_since`, `cursor` and `limit` applied.
pub fn page(store: &Store, req: &ApiRequest, mut rows: Vec<Row>) -> ApiResult {
    let since = since(req)?;
    let after = match req.query_param("cursor") {
        Some(cursor) => Some(decode(cursor, store.cursor_epoch)?),
        None => None,
    };
    let limit = match req.query_param("limit") {
        None => store.settings.page_size,
        Some(raw) => raw.parse::<usize>().ok().filter(|n| (1..=500).contains(n)).ok_or_else(|| {
            ApiError::bad_request("invalid_limit", "limit must be a whole number from 1 to 500")
                .field("limit")
        })?,
    };
    let inclusive = store.settings.updated_since_inclusive;
    rows.retain(|row| match &since {
        Some(s) if inclusive => row.updated_at.as_str() >= s.as_str(),
        Some(s) => row.updated_at.as_str() > s.as_str(),
        None => true,
    });
    if let Some((at, key)) = &after {
        rows.retain(|row| (row.updated_at.as_str(), row.key.as_str()) > (at.as_str(), key.as_str()));
    }
    rows.sort_by(|a, b| (&a.updated_at, &a.key).cmp(&(&b.updated_at, &b.key)));
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    let next_cursor = if has_more {
        rows.last().map(|last| encode(store.cursor_epoch, &last.updated_at, &last.key))
    } else {
        None
    };
    let data: Vec<Value> = rows.into_iter().map(|r| r.view).collect();
    Ok(ApiResponse::ok(
        json!({"data": data, "pagination": {"next_cursor": next_cursor, "has_more": has_more}}),
    ))
}

/// A list the blueprint does not page (warehouses, shipping methods): `{"data":[…]}`.
pub fn whole(data: Vec<Value>) -> ApiResult {
    Ok(ApiResponse::ok(json!({ "data": data })))
}

fn encode(epoch: u64, updated_at: &str, key: &str) -> String {
    format!("{epoch}|{updated_at}|{key}").bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode(cursor: &str, epoch: u64) -> Result<(String, String), ApiError> {
    let invalid = || {
        ApiError::bad_request("invalid_cursor", "the cursor is unknown or has expired; start the walk again")
            .field("cursor")
    };
    if !cursor.len().is_multiple_of(2) || !cursor.is_ascii() {
        return Err(invalid());
    }
    let bytes: Option<Vec<u8>> =
        (0..cursor.len()).step_by(2).map(|i| u8::from_str_radix(&cursor[i..i + 2], 16).ok()).collect();
    let text = bytes.and_then(|b| String::from_utf8(b).ok()).ok_or_else(invalid)?;
    let mut parts = text.splitn(3, '|');
    let (Some(e), Some(at), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    if e.parse::<u64>().ok() != Some(epoch) {
        return Err(invalid());
    }
    Ok((at.to_owned(), key.to_owned()))
}
