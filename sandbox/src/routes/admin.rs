//! The `/sandbox/` admin surface: no auth, JSON in and out.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Value};

use crate::clock;
use crate::config::Scopes;
use crate::faults::Faults;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::queue::Queue;
use crate::store::{lock, Shared, Store};
use crate::views;

use super::order_body;

/// `segments` start after `sandbox`.
pub fn handle(shared: &Shared, req: &ApiRequest, segments: &[String]) -> ApiResult {
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let method = req.method.as_str();
    let mut store = lock(shared);
    let store = &mut *store;
    match (parts.as_slice(), method) {
        (["reset"], "POST") => {
            store.reset();
            Ok(ApiResponse::ok(json!({ "reset": true })))
        }
        (["orders"], "GET") => Ok(ApiResponse::ok(json!({ "orders": all_orders(store) }))),
        (["orders"], "POST") => create_orders(store, &req.body),
        (["orders", id], "GET") => Ok(ApiResponse::ok(views::full_view(store.find(id)?))),
        (["orders", id, "settings"], "POST") => order_settings(store, id, &req.body),
        (["orders", id, "fail"], "POST") => fail(store, id, &req.body),
        (["orders", id, "restore"], "POST") => restore(store, id),
        (["settings"], "GET") => Ok(ApiResponse::ok(settings(store))),
        (["settings"], "POST") => set_settings(store, &req.body),
        (["tokens"], "POST") => add_token(store, &req.body),
        (["stats"], "GET") => Ok(ApiResponse::ok(stats(store))),
        (["faults"], "GET") => Ok(ApiResponse::ok(json!(store.faults))),
        (["faults"], "POST") => set_faults(store, &req.body),
        (["reset"] | ["orders", _, _], _) | (["tokens"], _) => Err(method_not_allowed("POST")),
        (["orders"] | ["settings"] | ["faults"], _) => Err(method_not_allowed("GET, POST")),
        (["orders", _] | ["stats"], _) => Err(method_not_allowed("GET")),
        _ => Err(no_route(&req.path)),
    }
}

fn all_orders(store: &Store) -> Vec<Value> {
    store.orders().iter().map(views::full_view).collect()
}

/// An absent or blank body reads as `{}`, so `curl -X POST` works for the simple endpoints.
fn body_or_empty(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(json!({}))
    } else {
        json::parse_body(bytes)
    }
}

fn create_orders(store: &mut Store, body: &[u8]) -> ApiResult {
    let root = json::parse_body(body)?;
    let o = Obj::root(&root)?;
    let ids = if o.get("orders").is_some() {
        let list = o.non_empty_array("orders")?;
        let mut specs = Vec::with_capacity(list.len());
        let mut batch_ids = HashSet::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("orders[{i}]");
            let spec = order_body::parse_order_spec(Obj::at(v, &path)?, &mut store.rng)?;
            // Checked up front so a bad entry leaves the store untouched.
            store.check_spec(&spec).map_err(|e| {
                let field = format!("{path}.{}", e.parts().field.as_deref().unwrap_or_default());
                e.field(field)
            })?;
            if let Some(id) = &spec.order_id {
                if !batch_ids.insert(id.clone()) {
                    return Err(ApiError::bad_request(
                        "duplicate_order",
                        format!("order {id} is listed twice"),
                    )
                    .field(format!("{path}.order_id")));
                }
            }
            specs.push(spec);
        }
        specs.into_iter().map(|s| store.insert(s)).collect::<Result<Vec<_>, _>>()?
    } else {
        let opts = order_body::parse_seed_options(o)?;
        if !store.has_store_code(&opts.store_code) {
            return Err(ApiError::bad_request(
                "unknown_store_code",
                format!("store code {:?} is not served by this sandbox", opts.store_code),
            )
            .field("store_code"));
        }
        store.seed(&opts)
    };
    let orders: Vec<Value> = ids.iter().filter_map(|id| store.order(id)).map(views::full_view).collect();
    Ok(ApiResponse::with_status(201, json!({ "orders": orders })))
}

fn order_settings(store: &mut Store, id: &str, body: &[u8]) -> ApiResult {
    let root = body_or_empty(body)?;
    let o = Obj::root(&root)?;
    let allow_partial = o.opt_bool("allow_partial")?;
    let allow_partial_qty = o.opt_bool("allow_partial_qty")?;
    let order = store.find_mut(id)?;
    let before = (order.allow_partial, order.allow_partial_qty);
    order.allow_partial = allow_partial.unwrap_or(order.allow_partial);
    order.allow_partial_qty = allow_partial_qty.unwrap_or(order.allow_partial_qty);
    if before != (order.allow_partial, order.allow_partial_qty) {
        order.updated_at = clock::now();
    }
    Ok(ApiResponse::ok(views::full_view(order)))
}

fn fail(store: &mut Store, id: &str, body: &[u8]) -> ApiResult {
    let root = body_or_empty(body)?;
    let reason = Obj::root(&root)?
        .opt_string("reason")?
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "moved to failed by the sandbox operator".to_string());
    let order = store.find_mut(id)?;
    order.failure_reason = Some(reason);
    order.updated_at = clock::now();
    Ok(ApiResponse::ok(views::full_view(order)))
}

fn restore(store: &mut Store, id: &str) -> ApiResult {
    let order = store.find_mut(id)?;
    if order.failure_reason.take().is_some() {
        order.updated_at = clock::now();
    }
    Ok(ApiResponse::ok(views::full_view(order)))
}

fn settings(store: &Store) -> Value {
    json!({ "partial": store.settings.partial, "partial_qty": store.settings.partial_qty })
}

fn set_settings(store: &mut Store, body: &[u8]) -> ApiResult {
    let root = json::parse_body(body)?;
    let o = Obj::root(&root)?;
    let partial = o.opt_bool("partial")?;
    let partial_qty = o.opt_bool("partial_qty")?;
    if let Some(v) = partial {
        store.settings.partial = v;
    }
    if let Some(v) = partial_qty {
        store.settings.partial_qty = v;
    }
    Ok(ApiResponse::ok(settings(store)))
}

/// Replaces the fault settings as a whole: `{}` turns every fault off.
fn set_faults(store: &mut Store, body: &[u8]) -> ApiResult {
    let root = body_or_empty(body)?;
    let faults: Faults = serde_json::from_value(root)
        .map_err(|e| ApiError::bad_request("invalid_faults", format!("faults: {e}")))?;
    faults.validate().map_err(|e| ApiError::bad_request("invalid_faults", e))?;
    store.faults = faults;
    Ok(ApiResponse::ok(json!(store.faults)))
}

fn add_token(store: &mut Store, body: &[u8]) -> ApiResult {
    let root = json::parse_body(body)?;
    let o = Obj::root(&root)?;
    let token = o.string("token")?;
    let scopes = match o.required("scopes")? {
        Value::String(s) if s == "all" => Scopes::All,
        Value::Array(list) => Scopes::List(
            list.iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| json::wrong_type(&format!("scopes[{i}]"), "a string"))
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err(json::wrong_type("scopes", "\"all\" or an array of ACL resource names")),
    };
    let shown = match &scopes {
        Scopes::All => json!("all"),
        Scopes::List(names) => json!(names),
    };
    store.add_token(&token, scopes);
    Ok(ApiResponse::with_status(201, json!({ "scopes": shown })))
}

fn stats(store: &Store) -> Value {
    let orders = store.orders();
    let queues: serde_json::Map<String, Value> = Queue::ALL
        .iter()
        .map(|q| (q.name().to_string(), json!(orders.iter().filter(|o| q.contains(o)).count())))
        .collect();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for o in orders {
        *statuses.entry(o.status()).or_default() += 1;
    }
    json!({
        "orders": orders.len(),
        "queues": queues,
        "statuses": statuses,
        "shipments": orders.iter().map(|o| o.shipments.len()).sum::<usize>(),
        "invoices": orders.iter().map(|o| o.invoices.len()).sum::<usize>(),
        "faults_injected": store.faults_injected,
        "repeats_refused": store.repeats_refused,
        "settings": settings(store),
    })
}
