//! JSON shapes of an order: one per queue, plus the full view for actions and admin. `key`
//! names an item's own id (`item_id`, or `id` when the sandbox is set so).

use serde_json::{json, Map, Value};

use crate::clock;
use crate::shipperone::model::{Item, Order, Stage};
use crate::shipperone::queue::Queue;
use crate::shipperone::settings::ItemKey;

fn header(o: &Order) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("order_id".into(), json!(o.order_id));
    m.insert("status".into(), json!(o.status()));
    m.insert("store_code".into(), json!(o.store_code));
    m.insert("warehouse_code".into(), json!(o.warehouse_code));
    m.insert("created_at".into(), json!(clock::format(&o.created_at)));
    m.insert("updated_at".into(), json!(clock::format(&o.updated_at)));
    m.insert("allow_partial".into(), json!(o.allow_partial));
    m.insert("allow_partial_qty".into(), json!(o.allow_partial_qty));
    if let Some(from) = &o.rerouted_from {
        m.insert("rerouted_from".into(), json!(from));
    }
    m.insert("customer".into(), json!({ "name": o.customer.name, "email": o.customer.email }));
    let a = &o.shipping_address;
    m.insert(
        "shipping_address".into(),
        json!({
            "name": a.name, "street": a.street, "city": a.city,
            "postcode": a.postcode, "country_id": a.country_id, "telephone": a.telephone,
        }),
    );
    m.insert("shipping_method".into(), json!(o.shipping_method));
    m.insert("currency_code".into(), json!(o.currency_code));
    m
}

/// The order as a queue lists it: only the items in that queue's stage, `qty` being the
/// quantity that stage is about.
pub fn queue_view(o: &Order, queue: Queue, key: ItemKey) -> Value {
    let mut m = header(o);
    let priced = !matches!(queue, Queue::PendingAccept | Queue::Failed);
    if priced {
        let shipping = match queue {
            Queue::PendingInvoice => o.shipping_to_invoice(),
            _ => o.shipping_amount_incl_tax,
        };
        m.insert("shipping_amount_incl_tax".into(), json!(shipping));
        m.insert("grand_total".into(), json!(o.grand_total()));
    }
    if let Some(reason) = o.failure_reason.as_ref().filter(|_| queue == Queue::Failed) {
        m.insert("failure_reason".into(), json!(reason));
    }
    let items: Vec<Value> = o
        .items
        .iter()
        .filter_map(|it| {
            let qty = queue_qty(it, queue);
            (qty > 0).then(|| queue_item(o, it, queue, qty, priced, key))
        })
        .collect();
    m.insert("items".into(), Value::Array(items));
    Value::Object(m)
}

fn queue_qty(it: &Item, queue: Queue) -> u32 {
    match queue.stage() {
        Some(Stage::PendingAccept) if it.pending_accept() => it.qty_ordered,
        Some(Stage::PendingAllocation) if it.pending_allocation() => it.qty_accepted,
        Some(Stage::PendingShipment) => it.remaining_to_ship(),
        Some(Stage::PendingInvoice) => it.pending_invoice_qty(),
        // A failed order shows what is still live: undecided or accepted quantities.
        None if !it.rejected() => {
            if it.decided() {
                it.qty_accepted
            } else {
                it.qty_ordered
            }
        }
        _ => 0,
    }
}

fn queue_item(o: &Order, it: &Item, queue: Queue, qty: u32, priced: bool, key: ItemKey) -> Value {
    let mut m = Map::new();
    m.insert(key.as_str().into(), json!(it.item_id));
    m.insert("sku".into(), json!(it.sku));
    m.insert("name".into(), json!(it.name));
    m.insert("qty".into(), json!(qty));
    m.insert("qty_ordered".into(), json!(it.qty_ordered));
    if priced {
        m.insert("price_incl_tax".into(), json!(it.price_incl_tax));
        m.insert("row_total_incl_tax".into(), json!(it.row_total_incl_tax()));
    }
    if queue == Queue::PendingAllocation {
        if let Some(w) = it.warehouse_code.as_ref().filter(|w| **w != o.warehouse_code) {
            m.insert("warehouse_code".into(), json!(w));
        }
    }
    Value::Object(m)
}

/// Everything the sandbox knows about an order. Only the items' own ids follow `key`: the
/// items of shipments and invoices refer to order items the way request bodies do.
pub fn full_view(o: &Order, key: ItemKey) -> Value {
    let mut m = header(o);
    if let Some(reason) = &o.failure_reason {
        m.insert("failure_reason".into(), json!(reason));
    }
    m.insert("shipping_amount_incl_tax".into(), json!(o.shipping_amount_incl_tax));
    m.insert("shipping_amount_to_invoice".into(), json!(o.shipping_to_invoice()));
    m.insert("grand_total".into(), json!(o.grand_total()));
    m.insert("rerouted_to".into(), json!(o.rerouted_to));
    m.insert("warehouses_tried".into(), json!(o.warehouses_tried));
    let items: Vec<Value> = o.items.iter().map(|it| full_item(it, key)).collect();
    m.insert("items".into(), Value::Array(items));
    let shipments: Vec<Value> = o
        .shipments
        .iter()
        .map(|s| {
            json!({
                "shipment_id": s.shipment_id,
                "items": item_qtys(&s.items),
                "tracks": s.tracks.iter().map(|t| json!({
                    "carrier_code": t.carrier_code, "title": t.title, "track_number": t.track_number,
                })).collect::<Vec<_>>(),
                "cod_amount": s.cod_amount,
                "package_value": s.package_value,
                "created_at": clock::format(&s.created_at),
            })
        })
        .collect();
    m.insert("shipments".into(), Value::Array(shipments));
    let invoices: Vec<Value> = o
        .invoices
        .iter()
        .map(|inv| {
            json!({
                "invoice_id": inv.invoice_id,
                "items": item_qtys(&inv.items),
                "shipping_amount_incl_tax": inv.shipping_amount_incl_tax,
                "created_at": clock::format(&inv.created_at),
            })
        })
        .collect();
    m.insert("invoices".into(), Value::Array(invoices));
    Value::Object(m)
}

fn full_item(it: &Item, key: ItemKey) -> Value {
    let mut v = json!({
        "sku": it.sku,
        "name": it.name,
        "status": it.status(),
        "qty_ordered": it.qty_ordered,
        "price_incl_tax": it.price_incl_tax,
        "row_total_incl_tax": it.row_total_incl_tax(),
        "qty_accepted": it.qty_accepted,
        "qty_rejected": it.qty_rejected,
        "allocated": it.allocated,
        "qty_shipped": it.qty_shipped,
        "qty_invoiced": it.qty_invoiced,
    });
    v[key.as_str()] = json!(it.item_id);
    if let Some(w) = &it.warehouse_code {
        v["warehouse_code"] = json!(w);
    }
    v
}

fn item_qtys(items: &[(u64, u32)]) -> Vec<Value> {
    items.iter().map(|(id, qty)| json!({ "item_id": id, "qty": qty })).collect()
}
