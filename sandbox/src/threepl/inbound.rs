//! What the ERP announces is coming: inbound shipments (ASNs), whose expected stock shows as
//! `incoming`, and return authorisations (RMAs). Both creates are idempotent like orders.

use serde_json::{json, Value};

use crate::http::{ApiRequest, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::threepl::catalog;
use crate::threepl::envelope::conflict;
use crate::threepl::idempotency::{self, Start};
use crate::threepl::orders::{check_items, find};
use crate::threepl::stock::{lines, Level};
use crate::threepl::store::{now, Store};

pub fn create_asn(store: &mut Store, req: &ApiRequest) -> ApiResult {
    let (body, key) = match idempotency::start(store, "inbound shipment", req)? {
        Start::Replay(id) => return Ok(ApiResponse::ok(store.inbound[&id].clone())),
        Start::New { body, key } => (body, key),
    };
    let o = Obj::root(&body)?;
    let reference = o.string("reference")?;
    let warehouse = o.string("warehouse_id")?;
    catalog::check_warehouse(&warehouse)?;
    check_new_skus(&o)?;
    if let Some(existing) = store.inbound.values().find(|r| r["reference"] == reference.as_str()) {
        if key.is_none() {
            return Ok(ApiResponse::ok(existing.clone()));
        }
        return Err(conflict(
            "duplicate_reference",
            format!("reference {reference:?} already belongs to {}", existing["id"]),
        )
        .field("reference"));
    }
    let id = store.next_id("ib");
    let at = now();
    let record = stamped(&body, &id, "expected", &at);
    store
        .stock
        .each_line(&lines(&record, "expected_quantity"), &warehouse, &at, |l: &mut Level, q| l.incoming += q);
    store.inbound.insert(id.clone(), record.clone());
    idempotency::remember(store, "inbound shipment", key, body, &id);
    Ok(ApiResponse::with_status(201, record))
}

pub fn create_rma(store: &mut Store, req: &ApiRequest) -> ApiResult {
    let (body, key) = match idempotency::start(store, "return", req)? {
        Start::Replay(id) => return Ok(ApiResponse::ok(store.returns[&id].clone())),
        Start::New { body, key } => (body, key),
    };
    let o = Obj::root(&body)?;
    let rma = o.string("rma")?;
    check_items(store, &o, "quantity")?;
    let mut warehouse = o.opt_string("warehouse_id")?;
    let mut order_number = None;
    if let Some(order_id) = o.opt_string("order_id")? {
        let order = find(store, &order_id).map_err(|e| e.field("order_id"))?;
        warehouse = warehouse.or_else(|| order["warehouse_id"].as_str().map(str::to_owned));
        order_number = order["order_number"].as_str().map(str::to_owned);
    }
    let warehouse = warehouse.unwrap_or_else(|| catalog::WAREHOUSES[0].0.to_owned());
    catalog::check_warehouse(&warehouse)?;
    if let Some(existing) = store.returns.values().find(|r| r["rma"] == rma.as_str()) {
        if key.is_none() {
            return Ok(ApiResponse::ok(existing.clone()));
        }
        return Err(conflict("duplicate_rma", format!("rma {rma:?} already belongs to {}", existing["id"]))
            .field("rma"));
    }
    let id = store.next_id("ret");
    let mut record = stamped(&body, &id, "expected", &now());
    record["warehouse_id"] = json!(warehouse);
    if let Some(n) = order_number {
        record["order_number"] = json!(n);
    }
    store.returns.insert(id.clone(), record.clone());
    idempotency::remember(store, "return", key, body, &id);
    Ok(ApiResponse::with_status(201, record))
}

/// The body as sent, plus the server's fields.
pub fn stamped(body: &Value, id: &str, status: &str, at: &str) -> Value {
    let mut record = body.as_object().cloned().unwrap_or_default();
    for (k, v) in
        [("id", json!(id)), ("status", json!(status)), ("created_at", json!(at)), ("updated_at", json!(at))]
    {
        record.insert(k.into(), v);
    }
    Value::Object(record)
}

/// ASN lines: a `sku` (new SKUs are fine: stock may arrive for the first time) and a positive
/// `expected_quantity`.
fn check_new_skus(o: &Obj) -> Result<(), crate::http::ApiError> {
    for (i, item) in o.non_empty_array("items")?.iter().enumerate() {
        let path = format!("items[{i}]");
        let line = Obj::at(item, &path)?;
        line.string("sku")?;
        let qty = json::count(line.required("expected_quantity")?, &line.path("expected_quantity"))?;
        if qty == 0 {
            return Err(json::invalid(&line.path("expected_quantity"), "must be at least 1"));
        }
    }
    Ok(())
}
