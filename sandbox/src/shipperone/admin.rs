//! ShipperOne's own `/sandbox/` endpoints: orders (seed, create, read, fail, restore, per-order
//! partial flags) and the tenant-wide settings, plus its share of `/sandbox/stats`. Orders
//! here always show `item_id`, whatever the item key setting, so tools reading them need not
//! care.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use serde_json::{json, Map, Value};

use crate::api::lock;
use crate::clock;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::shipperone::model::Order;
use crate::shipperone::order_body;
use crate::shipperone::queue::Queue;
use crate::shipperone::settings::ItemKey;
use crate::shipperone::store::Store;
use crate::shipperone::views;

/// `path` holds the segments after `sandbox`; `None` for paths that are not ShipperOne's.
pub fn handle(shared: &Mutex<Store>, req: &ApiRequest, path: &[&str]) -> Option<ApiResult> {
    if !matches!(path, ["orders", ..] | ["settings"]) {
        return None;
    }
    let mut store = lock(shared);
    let store = &mut *store;
    Some(match (path, req.method.as_str()) {
        (["orders"], "GET") => Ok(ApiResponse::ok(json!({ "orders": all_orders(store) }))),
        (["orders"], "POST") => create_orders(store, &req.body),
        (["orders", id], "GET") => store.find(id).map(|order| ApiResponse::ok(view(order))),
        (["orders", id, "settings"], "POST") => order_settings(store, id, &req.body),
        (["orders", id, "fail"], "POST") => fail(store, id, &req.body),
        (["orders", id, "restore"], "POST") => restore(store, id),
        (["settings"], "GET") => Ok(ApiResponse::ok(store.settings.to_json())),
        (["settings"], "POST") => set_settings(store, &req.body),
        (["orders", _, _], _) => Err(method_not_allowed("POST")),
        (["orders"] | ["settings"], _) => Err(method_not_allowed("GET, POST")),
        (["orders", _], _) => Err(method_not_allowed("GET")),
        _ => Err(no_route(&req.path)),
    })
}

/// The full view as the admin surface shows it.
fn view(order: &Order) -> Value {
    views::full_view(order, ItemKey::ItemId)
}

fn all_orders(store: &Store) -> Vec<Value> {
    store.orders().iter().map(view).collect()
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
    let orders: Vec<Value> = ids.iter().filter_map(|id| store.order(id)).map(view).collect();
    Ok(ApiResponse::with_status(201, json!({ "orders": orders })))
}

fn order_settings(store: &mut Store, id: &str, body: &[u8]) -> ApiResult {
    let root = json::parse_body_or_empty(body)?;
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
    Ok(ApiResponse::ok(view(order)))
}

fn fail(store: &mut Store, id: &str, body: &[u8]) -> ApiResult {
    let root = json::parse_body_or_empty(body)?;
    let reason = Obj::root(&root)?
        .opt_string("reason")?
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "moved to failed by the sandbox operator".to_string());
    let order = store.find_mut(id)?;
    order.failure_reason = Some(reason);
    order.updated_at = clock::now();
    Ok(ApiResponse::ok(view(order)))
}

fn restore(store: &mut Store, id: &str) -> ApiResult {
    let order = store.find_mut(id)?;
    if order.failure_reason.take().is_some() {
        order.updated_at = clock::now();
    }
    Ok(ApiResponse::ok(view(order)))
}

/// `{"partial"?, "partial_qty"?, "item_key"?}`: the listed settings change, together or not
/// at all.
fn set_settings(store: &mut Store, body: &[u8]) -> ApiResult {
    let root = json::parse_body(body)?;
    let o = Obj::root(&root)?;
    let partial = o.opt_bool("partial")?;
    let partial_qty = o.opt_bool("partial_qty")?;
    let item_key = match o.opt_string("item_key")? {
        None => None,
        Some(raw) => Some(raw.parse::<ItemKey>().map_err(|_| {
            json::invalid("item_key", &format!("must be \"item_id\" or \"id\", not {raw:?}"))
        })?),
    };
    let settings = &mut store.settings;
    settings.partial = partial.unwrap_or(settings.partial);
    settings.partial_qty = partial_qty.unwrap_or(settings.partial_qty);
    settings.item_key = item_key.unwrap_or(settings.item_key);
    Ok(ApiResponse::ok(settings.to_json()))
}

/// ShipperOne's keys of `GET /sandbox/stats`.
pub fn stats(store: &Store, out: &mut Map<String, Value>) {
    let orders = store.orders();
    let queues: Map<String, Value> = Queue::ALL
        .iter()
        .map(|q| (q.name().to_string(), json!(orders.iter().filter(|o| q.contains(o)).count())))
        .collect();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for o in orders {
        *statuses.entry(o.status()).or_default() += 1;
    }
    out.insert("orders".into(), json!(orders.len()));
    out.insert("queues".into(), Value::Object(queues));
    out.insert("statuses".into(), json!(statuses));
    out.insert("shipments".into(), json!(orders.iter().map(|o| o.shipments.len()).sum::<usize>()));
    out.insert("invoices".into(), json!(orders.iter().map(|o| o.invoices.len()).sum::<usize>()));
    out.insert("repeats_refused".into(), json!(store.repeats_refused));
    out.insert("settings".into(), store.settings.to_json());
}
