//! Orders: create (idempotent, allocating stock), read, amend before pick (`If-Match` against
//! the version, `items[]` replacing the lines) and cancel before ship, with the spec's 409s.

use serde_json::{json, Map, Value};

use crate::http::{ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::threepl::catalog;
use crate::threepl::envelope::{conflict, unprocessable};
use crate::threepl::idempotency::{self, Start};
use crate::threepl::stock::{lines, Level};
use crate::threepl::store::{now, Store};

/// Statuses in which an order can still be amended or cancelled.
const BEFORE_PICK: [&str; 3] = ["received", "on_hold", "backordered"];

/// Fields the server owns; an amend may not set them.
const READ_ONLY: [&str; 8] =
    ["id", "status", "version", "reference", "order_number", "created_at", "updated_at", "shipments"];

pub fn create(store: &mut Store, req: &ApiRequest) -> ApiResult {
    let (body, key) = match idempotency::start(store, "order", req)? {
        Start::Replay(id) => return Ok(ApiResponse::ok(store.orders[&id].clone())),
        Start::New { body, key } => (body, key),
    };
    let o = Obj::root(&body)?;
    for field in ["order_number", "reference", "warehouse_id"] {
        o.string(field)?;
    }
    let warehouse = o.string("warehouse_id")?;
    catalog::check_warehouse(&warehouse)?;
    check_ship_to(&o)?;
    check_items(store, &o, "quantity")?;
    check_method(&o)?;
    let reference = o.string("reference")?;
    if let Some(existing) = store.orders.values().find(|r| r["reference"] == reference.as_str()) {
        let id = existing["id"].as_str().unwrap_or("").to_owned();
        if key.is_none() {
            // The reference is the dedup anchor when no key is sent: the server upserts on it.
            return Ok(ApiResponse::ok(existing.clone()));
        }
        return Err(conflict(
            "duplicate_reference",
            format!("reference {reference:?} already belongs to order {id}"),
        )
        .field("reference")
        .extra("existing_id", json!(id)));
    }
    let id = store.next_id("ord");
    let at = now();
    let mut record = body.as_object().cloned().unwrap_or_default();
    let server = json!({"id": id, "status": "received", "version": "1", "created_at": at, "updated_at": at, "shipments": []});
    record.extend(server.as_object().cloned().unwrap_or_default());
    let record = Value::Object(record);
    store.stock.each_line(&lines(&record, "quantity"), &warehouse, &at, |l: &mut Level, q| l.allocated += q);
    store.orders.insert(id.clone(), record.clone());
    idempotency::remember(store, "order", key, body, &id);
    store.count("orders_created");
    Ok(ApiResponse::with_status(201, record))
}

pub fn get(store: &Store, id: &str) -> ApiResult {
    find(store, id).map(|o| ApiResponse::ok(o.clone()))
}

pub fn find<'s>(store: &'s Store, id: &str) -> Result<&'s Value, ApiError> {
    store.orders.get(id).ok_or_else(|| {
        ApiError::not_found("order_not_found", format!("no order has the id {id:?}")).field("id")
    })
}

pub fn amend(store: &mut Store, req: &ApiRequest, id: &str) -> ApiResult {
    let changes = json::parse_body(&req.body)?;
    let order = find(store, id)?.clone();
    let version = order["version"].as_str().unwrap_or("").to_owned();
    if let Some(wanted) = req.header("If-Match") {
        let wanted = wanted.trim().trim_start_matches("W/").trim_matches('"');
        if wanted != version {
            store.count("version_conflicts");
            return Err(conflict(
                "version_conflict",
                format!("If-Match {wanted:?} is not the order's version {version:?}; read it again"),
            )
            .extra("current_version", json!(version)));
        }
    }
    let status = order["status"].as_str().unwrap_or("");
    if !BEFORE_PICK.contains(&status) {
        return Err(conflict("too_late_to_amend", "Order is being picked; cancel to change it.")
            .extra("order_status", json!(status)));
    }
    let o = Obj::root(&changes)?;
    if o.map.contains_key("warehouse_id") {
        return Err(unprocessable(
            "warehouse_change_not_allowed",
            "warehouse_id",
            "the source warehouse cannot be amended; cancel and create the order again",
        ));
    }
    if let Some(field) = READ_ONLY.iter().find(|f| o.map.contains_key(**f)) {
        return Err(unprocessable("read_only_field", field, format!("{field} cannot be amended")));
    }
    if o.get("ship_to").is_some() {
        check_ship_to(&o)?;
    }
    if o.map.contains_key("items") {
        check_items(store, &o, "quantity")?;
    }
    check_method(&o)?;
    let warehouse = order["warehouse_id"].as_str().unwrap_or("").to_owned();
    let at = now();
    let mut record = order.as_object().cloned().unwrap_or_default();
    if o.map.contains_key("items") {
        store
            .stock
            .each_line(&lines(&order, "quantity"), &warehouse, &at, |l: &mut Level, q| l.allocated -= q);
        store
            .stock
            .each_line(&lines(&changes, "quantity"), &warehouse, &at, |l: &mut Level, q| l.allocated += q);
    }
    for (k, v) in o.map {
        record.insert(k.clone(), v.clone());
    }
    bump(&mut record, &version, &at);
    let record = Value::Object(record);
    store.orders.insert(id.to_owned(), record.clone());
    store.count("amends");
    Ok(ApiResponse::ok(record))
}

pub fn cancel(store: &mut Store, id: &str) -> ApiResult {
    let order = find(store, id)?.clone();
    let status = order["status"].as_str().unwrap_or("");
    match status {
        "cancelled" => return Ok(ApiResponse::ok(order)),
        "shipped" | "partially_shipped" => {
            return Err(conflict("already_shipped", "Order has shipped.").extra("order_status", json!(status)))
        }
        s if !BEFORE_PICK.contains(&s) => {
            return Err(conflict(
                "too_late_to_cancel",
                "Order is being picked and can no longer be cancelled.",
            )
            .extra("order_status", json!(status)))
        }
        _ => {}
    }
    let at = now();
    let warehouse = order["warehouse_id"].as_str().unwrap_or("").to_owned();
    store.stock.each_line(&lines(&order, "quantity"), &warehouse, &at, |l: &mut Level, q| l.allocated -= q);
    let mut record = order.as_object().cloned().unwrap_or_default();
    record.insert("status".into(), json!("cancelled"));
    let version = order["version"].as_str().unwrap_or("").to_owned();
    bump(&mut record, &version, &at);
    let record = Value::Object(record);
    store.orders.insert(id.to_owned(), record.clone());
    store.outbox.emit("order.cancelled", &record);
    store.count("cancels");
    Ok(ApiResponse::ok(record))
}

/// A new version and `updated_at` for a changed order.
pub fn bump(record: &mut Map<String, Value>, version: &str, at: &str) {
    let next = version.parse::<u64>().unwrap_or(0) + 1;
    record.insert("version".into(), json!(next.to_string()));
    record.insert("updated_at".into(), json!(at));
}

fn check_ship_to(o: &Obj) -> Result<(), ApiError> {
    let ship_to = Obj::at(o.required("ship_to")?, "ship_to")?;
    for field in ["name", "address1", "country"] {
        ship_to.string(field)?;
    }
    let country = ship_to.string("country")?;
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(unprocessable(
            "invalid_address",
            "ship_to.country",
            "ship_to.country must be an ISO-3166 alpha-2 code",
        ));
    }
    Ok(())
}

fn check_method(o: &Obj) -> Result<(), ApiError> {
    if let Some(method) = o.opt_string("shipping_method_id")? {
        if !catalog::is_shipping_method(&method) {
            return Err(unprocessable(
                "invalid_shipping_method",
                "shipping_method_id",
                format!("shipping_method_id {method:?} is not a known method"),
            ));
        }
    }
    Ok(())
}

/// `items[]`: at least one line, each a known `sku` with a positive whole `qty_key`, and money
/// (`unit_price`) as a decimal string.
pub fn check_items(store: &Store, o: &Obj, qty_key: &str) -> Result<(), ApiError> {
    for (i, item) in o.non_empty_array("items")?.iter().enumerate() {
        let path = format!("items[{i}]");
        let line = Obj::at(item, &path)?;
        let sku = line.string("sku")?;
        if !store.stock.knows(&sku) {
            return Err(unprocessable(
                "unknown_sku",
                &line.path("sku"),
                format!("{} {sku:?} is not a known SKU", line.path("sku")),
            ));
        }
        let qty = json::count(line.required(qty_key)?, &line.path(qty_key))?;
        if qty == 0 {
            return Err(json::invalid(&line.path(qty_key), "must be at least 1"));
        }
        if let Some(price) = line.get("unit_price") {
            let ok = price.as_str().is_some_and(|p| p.parse::<f64>().is_ok());
            if !ok {
                return Err(json::invalid(
                    &line.path("unit_price"),
                    "must be a decimal string such as \"19.99\"",
                ));
            }
        }
    }
    Ok(())
}
