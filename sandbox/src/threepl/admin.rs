//! The blueprint's own `/sandbox/threepl/` endpoints: move the warehouse forward, change
//! settings, expire cursors, and read every record as the API shows it. No auth; JSON in
//! and out.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::api::lock;
use crate::http::{no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json;
use crate::threepl::settings::Settings;
use crate::threepl::store::Store;
use crate::threepl::warehouse;

/// `path` holds the segments after `sandbox`; `None` for paths that are not the blueprint's.
pub fn handle(shared: &Mutex<Store>, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
    let ["threepl", rest @ ..] = path else { return None };
    let mut store = lock(shared);
    let store = &mut *store;
    let body = || json::parse_body_or_empty(&req.body);
    Some((|| match (rest, req.method.as_str()) {
        (["settings"], "GET") => Ok(ApiResponse::ok(json!(store.settings))),
        (["settings"], "POST") => settings(store, &body()?),
        (["cursors", "expire"], "POST") => {
            store.cursor_epoch += 1;
            Ok(ApiResponse::ok(json!({"cursor_epoch": store.cursor_epoch})))
        }
        (["orders"], "GET") => {
            Ok(ApiResponse::ok(json!({"orders": store.orders.values().collect::<Vec<_>>()})))
        }
        (["shipments"], "GET") => {
            Ok(ApiResponse::ok(json!({"shipments": store.shipments.values().collect::<Vec<_>>()})))
        }
        (["shipments"], "POST") => warehouse::bulk_ship(store, &body()?),
        (["orders", id, "pick"], "POST") => warehouse::pick(store, id),
        (["orders", id, "ship"], "POST") => warehouse::ship(store, id, &body()?),
        (["shipments", id, "status"], "POST") => warehouse::move_shipment(store, id, &body()?, false),
        (["shipments", id, "void"], "POST") => warehouse::move_shipment(store, id, &body()?, true),
        (["inbound-shipments", id, "receive"], "POST") => warehouse::receive_asn(store, id, &body()?),
        (["adjustments"], "POST") => warehouse::adjust(store, &body()?),
        (["returns"], "POST") => warehouse::receive_return(store, None, &body()?),
        (["returns", id, "receive"], "POST") => warehouse::receive_return(store, Some(id), &body()?),
        _ => Err(no_route(&req.path)),
    })())
}

/// Replaces the listed settings; the others keep their values.
fn settings(store: &mut Store, body: &Value) -> ApiResult {
    let mut merged = json!(store.settings);
    if let (Some(target), Some(given)) = (merged.as_object_mut(), body.as_object()) {
        for (k, v) in given {
            target.insert(k.clone(), v.clone());
        }
    }
    let settings: Settings = serde_json::from_value(merged)
        .map_err(|e| ApiError::bad_request("invalid_settings", format!("settings: {e}")))?;
    store.settings = settings;
    Ok(ApiResponse::ok(json!(store.settings)))
}
