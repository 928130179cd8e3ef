//! invoice: must match exactly what is shipped and not yet invoiced. Not idempotent.

use std::collections::BTreeSet;

use serde_json::json;

use super::{item, load, parse, Qty};
use crate::clock;
use crate::http::ApiError;
use crate::json;
use crate::shipperone::model::Invoice;
use crate::shipperone::store::Store;

/// Amounts are money with two decimals; anything closer than half a cent is the same amount.
const AMOUNT_TOLERANCE: f64 = 0.005;

pub fn invoice(store: &mut Store, store_code: &str, body: &[u8]) -> Result<String, ApiError> {
    let root = json::parse_body(body)?;
    let req = parse(&root, "order", Qty::Ignored)?;
    let shipping_path = "order.shipping_amount_incl_tax";
    let shipping = json::amount(req.body.required("shipping_amount_incl_tax")?, shipping_path)?;
    let order = load(store, store_code, &req.order_id)?;
    for r in &req.items {
        item(order, &req, r)?;
    }

    let expected: Vec<(u64, u32)> = order
        .items
        .iter()
        .filter(|it| it.pending_invoice_qty() > 0)
        .map(|it| (it.item_id, it.pending_invoice_qty()))
        .collect();
    let expected_ids: BTreeSet<u64> = expected.iter().map(|(id, _)| *id).collect();
    let sent_ids: BTreeSet<u64> = req.items.iter().map(|r| r.item_id).collect();
    let expected_shipping = order.shipping_to_invoice();
    let items_ok = expected_ids == sent_ids;
    let amount_ok = (shipping - expected_shipping).abs() < AMOUNT_TOLERANCE;
    if !items_ok || !amount_ok {
        let mut message = if expected.is_empty() {
            format!("nothing on fulfillment order {} is shipped and not yet invoiced", order.order_id)
        } else {
            format!("the invoice does not match fulfillment order {}", order.order_id)
        };
        message.push_str(&format!(
            ": expected items {:?} with shipping_amount_incl_tax {expected_shipping:.2}, got items {:?} with shipping_amount_incl_tax {shipping:.2}",
            Vec::from_iter(&expected_ids),
            Vec::from_iter(&sent_ids),
        ));
        let extra: Vec<u64> = sent_ids.difference(&expected_ids).copied().collect();
        let missing: Vec<u64> = expected_ids.difference(&sent_ids).copied().collect();
        if !extra.is_empty() {
            message.push_str(&format!("; not shipped or already invoiced: {extra:?}"));
        }
        if !missing.is_empty() {
            message.push_str(&format!("; shipped but not listed: {missing:?}"));
        }
        let mut err = ApiError::bad_request("invoice_mismatch", message).extra(
            "expected",
            json!({
                "items": expected.iter().map(|(id, qty)| json!({"item_id": id, "qty": qty})).collect::<Vec<_>>(),
                "shipping_amount_incl_tax": expected_shipping,
            }),
        );
        // Name the field only when exactly one is at fault.
        if items_ok {
            err = err.field(shipping_path);
        } else if amount_ok {
            err = err.field("order.items");
        }
        // Every listed item already invoiced and nothing new shipped: a repeated invoice.
        let repeat = req.items.iter().all(|r| {
            order
                .items
                .iter()
                .any(|it| it.item_id == r.item_id && it.qty_invoiced > 0 && it.pending_invoice_qty() == 0)
        });
        if repeat {
            *store.repeats_refused.entry("invoice").or_default() += 1;
        }
        return Err(err);
    }

    let order_id = order.order_id.clone();
    let invoice_id = store.take_invoice_id();
    let order = store.find_mut(&order_id)?;
    for (item_id, _) in &expected {
        if let Some(it) = order.item_mut(*item_id) {
            it.qty_invoiced = it.qty_shipped;
        }
    }
    let now = clock::now();
    order.invoices.push(Invoice {
        invoice_id,
        items: expected,
        shipping_amount_incl_tax: expected_shipping,
        created_at: now,
    });
    order.updated_at = now;
    Ok(order_id)
}
