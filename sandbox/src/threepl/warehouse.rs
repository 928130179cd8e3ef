//! The warehouse floor, moved forward by an operator (or a test): pick, ship in parcels,
//! move a shipment along (in transit, delivered) or void its label, receive an ASN with its
//! discrepancies, adjust stock, receive a return. Each change stamps `updated_at` and queues
//! its webhook event.

use serde_json::{json, Map, Value};

use crate::http::{ApiError, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::threepl::catalog;
use crate::threepl::envelope::{conflict, unprocessable};
use crate::threepl::inbound::stamped;
use crate::threepl::orders::{bump, find};
use crate::threepl::stock::{lines, Level};
use crate::threepl::store::{now, Store};

const SHIPMENT_STATUSES: [&str; 5] = ["shipped", "in_transit", "out_for_delivery", "delivered", "exception"];

pub fn pick(store: &mut Store, id: &str) -> ApiResult {
    let order = find(store, id)?.clone();
    if order["status"] != "received" {
        return Err(conflict("not_pickable", format!("order {id} is {}", order["status"])));
    }
    set_order(store, id, order, "processing")
}

fn set_order(store: &mut Store, id: &str, order: Value, status: &str) -> ApiResult {
    let mut record = order.as_object().cloned().unwrap_or_default();
    record.insert("status".into(), json!(status));
    let version = order["version"].as_str().unwrap_or("").to_owned();
    bump(&mut record, &version, &now());
    let record = Value::Object(record);
    store.orders.insert(id.to_owned(), record.clone());
    Ok(ApiResponse::ok(record))
}

/// Ships `{"parcels": n, "items"?: [{sku, quantity}]}` of an order (default: every line not
/// shipped yet) as one shipment with `n` parcels, each with its own tracking number.
pub fn ship(store: &mut Store, id: &str, body: &Value) -> ApiResult {
    let order = find(store, id)?.clone();
    let status = order["status"].as_str().unwrap_or("");
    if !["received", "processing", "partially_shipped"].contains(&status) {
        return Err(conflict("not_shippable", format!("order {id} is {status}")));
    }
    let o = Obj::root(body)?;
    let parcels = o.opt_count("parcels")?.unwrap_or(1).clamp(1, 20);
    let ordered = lines(&order, "quantity");
    let mut left = ordered.clone();
    for sid in order["shipments"].as_array().into_iter().flatten() {
        let shipped =
            store.shipments.get(sid.as_str().unwrap_or("")).map(|s| lines(s, "quantity")).unwrap_or_default();
        for (sku, q) in shipped {
            if let Some(line) = left.iter_mut().find(|(s, _)| *s == sku) {
                line.1 -= q;
            }
        }
    }
    let wanted = if o.get("items").is_some() { lines(body, "quantity") } else { left.clone() };
    let wanted: Vec<(String, i64)> = wanted.into_iter().filter(|(_, q)| *q > 0).collect();
    for (sku, q) in &wanted {
        let open = left.iter().find(|(s, _)| s == sku).map_or(0, |l| l.1);
        if *q > open {
            return Err(unprocessable(
                "over_shipment",
                "items",
                format!("{sku}: {q} asked, {open} left to ship"),
            ));
        }
    }
    if wanted.is_empty() {
        return Err(conflict("nothing_to_ship", format!("order {id} has nothing left to ship")));
    }
    let warehouse = order["warehouse_id"].as_str().unwrap_or("").to_owned();
    let at = now();
    let sid = store.next_id("shp");
    let shipment = shipment(&sid, &order, &wanted, parcels, &at);
    store.stock.each_line(&wanted, &warehouse, &at, |l: &mut Level, q| {
        l.on_hand -= q;
        l.allocated -= q;
    });
    store.shipments.insert(sid.clone(), shipment.clone());
    let complete =
        left.iter().all(|(sku, open)| wanted.iter().find(|(s, _)| s == sku).map_or(0, |w| w.1) >= *open);
    let mut record = order.as_object().cloned().unwrap_or_default();
    if let Some(Value::Array(list)) = record.get_mut("shipments") {
        list.push(json!(sid));
    }
    record.insert("status".into(), json!(if complete { "shipped" } else { "partially_shipped" }));
    bump(&mut record, order["version"].as_str().unwrap_or(""), &at);
    store.orders.insert(id.to_owned(), Value::Object(record));
    store.outbox.emit("shipment.created", &shipment);
    Ok(ApiResponse::with_status(201, shipment))
}

fn shipment(sid: &str, order: &Value, items: &[(String, i64)], parcels: u32, at: &str) -> Value {
    let digits: String = sid.chars().filter(char::is_ascii_digit).collect();
    let parcels: Vec<Value> = (0..parcels)
        .map(|n| {
            let tracking = format!("SL{digits}{n:02}AU");
            json!({"tracking_number": tracking, "tracking_url": format!("https://auspost.com.au/track/{tracking}"),
                   "carrier": "auspost", "service": "Express Post",
                   "weight": {"value": 1.2, "unit": "kg"},
                   "dimensions": {"length": 30, "width": 20, "height": 10, "unit": "cm"}})
        })
        .collect();
    let cost = format!("{}.40", 8 + 4 * parcels.len());
    let items: Vec<Value> = items.iter().map(|(sku, q)| json!({"sku": sku, "quantity": q})).collect();
    json!({"id": sid, "order_id": order["id"], "order_number": order["order_number"], "status": "shipped",
           "warehouse_id": order["warehouse_id"], "shipped_at": at, "created_at": at, "updated_at": at,
           "cost": {"amount": cost, "currency": "AUD"}, "voided": false, "parcels": parcels, "items": items})
}

/// `{"status": "in_transit" | "out_for_delivery" | "delivered" | "exception"}`, or a void.
pub fn move_shipment(store: &mut Store, id: &str, body: &Value, void: bool) -> ApiResult {
    let mut shipment =
        store.shipments.get(id).cloned().ok_or_else(|| {
            ApiError::not_found("shipment_not_found", format!("no shipment has the id {id:?}"))
        })?;
    if void {
        shipment["voided"] = json!(true);
        shipment["status"] = json!("voided");
    } else {
        let status = Obj::root(body)?.string("status")?;
        if !SHIPMENT_STATUSES.contains(&status.as_str()) {
            return Err(json::invalid("status", "must be a shipment status such as in_transit or delivered"));
        }
        shipment["status"] = json!(status);
    }
    shipment["updated_at"] = json!(now());
    store.shipments.insert(id.to_owned(), shipment.clone());
    store.outbox.emit("shipment.updated", &shipment);
    Ok(ApiResponse::ok(shipment))
}

/// `{"count": n, "parcels"?}`: n one-line orders, each shipped at once, all in this second
/// (tied timestamps are what a busy warehouse produces).
pub fn bulk_ship(store: &mut Store, body: &Value) -> ApiResult {
    let o = Obj::root(body)?;
    let count = o.opt_count("count")?.unwrap_or(1).min(200_000);
    let parcels = json!({"parcels": o.opt_count("parcels")?.unwrap_or(1)});
    let mut ids = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let oid = store.next_id("ord");
        let at = now();
        let sku = catalog::SKUS[store.rng.usize(..catalog::SKUS.len())];
        let order = json!({"id": oid, "order_number": format!("SO-{oid}"), "reference": format!("BULK-{oid}"),
            "status": "received", "version": "1", "warehouse_id": catalog::WAREHOUSES[0].0, "created_at": at,
            "updated_at": at, "shipments": [],
            "ship_to": {"name": "Jane Doe", "address1": "123 Main St", "city": "Sydney", "country": "AU"},
            "items": [{"sku": sku, "quantity": 1}]});
        store.stock.each_line(
            &lines(&order, "quantity"),
            catalog::WAREHOUSES[0].0,
            &at,
            |l: &mut Level, q| l.allocated += q,
        );
        store.orders.insert(oid.clone(), order);
        let shipped = ship(store, &oid, &parcels)?;
        ids.push(shipped.body["id"].clone());
    }
    Ok(ApiResponse::with_status(201, json!({"shipments": ids})))
}

/// Receives an ASN: `{"items"?: [{sku, received_quantity}], "partial"?: bool}`. Without items,
/// the first line arrives two short, so there is a discrepancy to reconcile.
pub fn receive_asn(store: &mut Store, id: &str, body: &Value) -> ApiResult {
    let asn = store.inbound.get(id).cloned().ok_or_else(|| {
        ApiError::not_found("inbound_not_found", format!("no inbound shipment has the id {id:?}"))
    })?;
    let o = Obj::root(body)?;
    let given = if o.get("items").is_some() { Some(lines(body, "received_quantity")) } else { None };
    let warehouse = asn["warehouse_id"].as_str().unwrap_or("").to_owned();
    let at = now();
    let mut items = Vec::new();
    for (n, (sku, expected)) in lines(&asn, "expected_quantity").into_iter().enumerate() {
        let received = match &given {
            Some(list) => list.iter().find(|(s, _)| *s == sku).map_or(0, |l| l.1),
            None if n == 0 => (expected - 2).max(0),
            None => expected,
        };
        let level = store.stock.level(&sku, &warehouse, &at);
        level.incoming -= expected;
        level.on_hand += received;
        items.push(json!({"sku": sku, "expected_quantity": expected, "received_quantity": received, "discrepancy": received - expected}));
    }
    let partial = o.opt_bool("partial")?.unwrap_or(false);
    let mut record = asn.clone();
    record["items"] = json!(items);
    record["status"] = json!(if partial { "partially_received" } else { "received" });
    record["received_at"] = json!(at);
    record["updated_at"] = json!(at);
    store.inbound.insert(id.to_owned(), record.clone());
    store.outbox.emit("inbound.received", &record);
    Ok(ApiResponse::ok(record))
}

/// `{"sku", "warehouse_id", "quantity_delta", "reason", "note"?}`.
pub fn adjust(store: &mut Store, body: &Value) -> ApiResult {
    let o = Obj::root(body)?;
    let sku = o.string("sku")?;
    let warehouse = o.string("warehouse_id")?;
    catalog::check_warehouse(&warehouse)?;
    let delta = o
        .required("quantity_delta")?
        .as_i64()
        .ok_or_else(|| json::wrong_type("quantity_delta", "a whole number"))?;
    let reason = o.string("reason")?;
    if !["damaged", "cycle_count", "lost", "found", "expired"].contains(&reason.as_str()) {
        return Err(json::invalid("reason", "must be damaged, cycle_count, lost, found or expired"));
    }
    let at = now();
    store.stock.level(&sku, &warehouse, &at).on_hand += delta;
    let id = store.next_id("adj");
    let record = json!({"id": id, "sku": sku, "warehouse_id": warehouse, "quantity_delta": delta, "reason": reason,
                        "note": o.opt_string("note")?, "adjusted_at": at, "created_at": at, "updated_at": at});
    store.adjustments.insert(id, record.clone());
    store.outbox.emit("inventory.adjusted", &record);
    Ok(ApiResponse::with_status(201, record))
}

/// Receives a return: an RMA by id, or `{"order_id", "items"}` arriving unannounced. Items
/// carry `condition` and `restocked`; restocked quantities go back on hand.
pub fn receive_return(store: &mut Store, id: Option<&str>, body: &Value) -> ApiResult {
    let o = Obj::root(body)?;
    let at = now();
    let mut record =
        match id {
            Some(id) => store.returns.get(id).cloned().ok_or_else(|| {
                ApiError::not_found("return_not_found", format!("no return has the id {id:?}"))
            })?,
            None => {
                let order = find(store, &o.string("order_id")?)?.clone();
                let rid = store.next_id("ret");
                let mut r = stamped(
                    &json!({"order_id": order["id"], "order_number": order["order_number"],
                "rma": format!("RMA-{rid}"), "warehouse_id": order["warehouse_id"], "items": order["items"]}),
                    &rid,
                    "expected",
                    &at,
                );
                r["id"] = json!(rid);
                r
            }
        };
    let source = if o.get("items").is_some() { body["items"].clone() } else { record["items"].clone() };
    let mut items = Vec::new();
    for line in source.as_array().into_iter().flatten() {
        let mut item: Map<String, Value> = Map::new();
        item.insert("sku".into(), line["sku"].clone());
        item.insert("quantity".into(), line["quantity"].clone());
        item.insert("condition".into(), line.get("condition").cloned().unwrap_or(json!("resellable")));
        let restocked =
            line.get("restocked").and_then(Value::as_bool).unwrap_or(item["condition"] == "resellable");
        item.insert("restocked".into(), json!(restocked));
        items.push(Value::Object(item));
    }
    let warehouse = record["warehouse_id"].as_str().unwrap_or(catalog::WAREHOUSES[0].0).to_owned();
    for item in &items {
        if item["restocked"] == true {
            let q = item["quantity"].as_i64().unwrap_or(0);
            store.stock.level(item["sku"].as_str().unwrap_or(""), &warehouse, &at).on_hand += q;
        }
    }
    record["items"] = json!(items);
    record["status"] = json!("received");
    record["received_at"] = json!(at);
    record["updated_at"] = json!(at);
    let rid = record["id"].as_str().unwrap_or("").to_owned();
    store.returns.insert(rid, record.clone());
    store.outbox.emit("return.received", &record);
    Ok(ApiResponse::ok(record))
}
