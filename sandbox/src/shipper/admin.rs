//! The Shipper API's own `/sandbox/shipper/…` endpoints: every order as the sandbox holds it,
//! moving shipments through their statuses (which fires webhooks), and the raw request lines
//! it received (so a test can see exactly how a client encoded its query).

use serde_json::{json, Map, Value};

use super::store::Store;
use super::webhooks;
use super::Shipper;
use crate::api::lock;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json;

/// `path` holds the segments after `sandbox`; `None` for paths that are not this API's.
pub fn handle(api: &Shipper, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
    let ["shipper", rest @ ..] = path else { return None };
    Some(match (rest, req.method.as_str()) {
        (["orders"], "GET") => {
            let store = lock(&api.store);
            Ok(ApiResponse::ok(
                json!({ "orders": store.orders.iter().map(Store::admin_view).collect::<Vec<_>>() }),
            ))
        }
        (["orders", id, "status"], "POST") => move_status(api, req, Target::Order(id)),
        (["shipments", uuid, "status"], "POST") => move_status(api, req, Target::Shipment(uuid)),
        (["requests"], "GET") => {
            Ok(ApiResponse::ok(json!({ "requests": lock(&api.requests).iter().collect::<Vec<_>>() })))
        }
        (["orders"] | ["requests"], _) => Err(method_not_allowed("GET")),
        (["orders", _, "status"] | ["shipments", _, "status"], _) => Err(method_not_allowed("POST")),
        _ => Err(no_route(&req.path)),
    })
}

enum Target<'a> {
    Order(&'a str),
    Shipment(&'a str),
}

/// `{"status": "delivered", "reason"?: "…"}`: moves the shipment (or every shipment of the
/// order) and delivers the webhooks the change causes.
fn move_status(api: &Shipper, req: &ApiRequest, target: Target) -> ApiResult {
    let root = json::parse_body(&req.body)?;
    let o = json::Obj::root(&root)?;
    let status = o.string("status")?;
    let reason = o.opt_string("reason")?;
    let moved = {
        let mut store = lock(&api.store);
        match target {
            Target::Order(id) => {
                let id =
                    id.parse().map_err(|_| ApiError::not_found("not_found", format!("no order {id}")))?;
                store.move_order(id, &status, reason)
            }
            Target::Shipment(uuid) => store.move_shipment(uuid, &status, reason),
        }
    };
    let events = moved.map_err(|(code, body)| {
        ApiError::new(code, "invalid_status", body["message"].as_str().unwrap_or("refused").to_string())
    })?;
    let count = events.len();
    webhooks::deliver(&api.hooks, events);
    Ok(ApiResponse::ok(json!({ "events": count })))
}

pub fn stats(api: &Shipper, out: &mut Map<String, Value>) {
    let store = lock(&api.store);
    let hooks = lock(&api.hooks);
    let limits = lock(&api.limits);
    let refused: Map<String, Value> =
        limits.refused.iter().map(|(c, n)| (c.name().to_string(), json!(n))).collect();
    out.insert(
        "shipper".into(),
        json!({
            "orders": store.orders.len(),
            "creates_handled": store.creates_handled,
            "rate_limited": refused,
            "rate_limited_total": limits.refused.values().sum::<u64>(),
            "webhooks_delivered": hooks.delivered,
            "webhooks_failed": hooks.failed,
        }),
    );
}
