//! accept / reject: the per-item decision, with rerouting of rejected quantities.

use super::{item, load, parse, partial_qty, partials, require_all_listed, Qty};
use crate::clock;
use crate::http::ApiError;
use crate::json;
use crate::shipperone::store::Store;

pub fn accept(store: &mut Store, store_code: &str, body: &[u8]) -> Result<String, ApiError> {
    decide(store, store_code, body, Qty::Required)
}

/// The documented way to reject is accept with qty 0; this is that, spelled as its own path.
pub fn reject(store: &mut Store, store_code: &str, body: &[u8]) -> Result<String, ApiError> {
    decide(store, store_code, body, Qty::ZeroOnly)
}

fn decide(store: &mut Store, store_code: &str, body: &[u8], qty_rule: Qty) -> Result<String, ApiError> {
    let root = json::parse_body(body)?;
    let req = parse(&root, "order", qty_rule)?;
    let order = load(store, store_code, &req.order_id)?;
    let partial_qty = partial_qty(store, order);

    // (item_id, accepted qty) for items whose decision this call makes.
    let mut decisions: Vec<(u64, u32)> = Vec::new();
    for r in &req.items {
        let it = item(order, &req, r)?;
        let qty_path = req.item_path(r, "qty");
        if r.qty > it.qty_ordered {
            return Err(ApiError::bad_request(
                "qty_exceeds_ordered",
                format!("qty {} for item {} is more than the {} ordered", r.qty, it.item_id, it.qty_ordered),
            )
            .field(qty_path));
        }
        if it.pending_accept() {
            if r.qty > 0 && r.qty != it.qty_ordered && !partial_qty {
                return Err(ApiError::bad_request(
                    "partial_qty_not_allowed",
                    format!(
                        "item {} was ordered {} times; accepting {} needs partial-quantity acceptance, which is not enabled for this order",
                        it.item_id, it.qty_ordered, r.qty
                    ),
                )
                .field(qty_path));
            }
            decisions.push((it.item_id, r.qty));
            continue;
        }
        // Already decided: a repeat of the same decision is a no-op, anything else a conflict.
        let same = if r.qty == 0 { it.rejected() } else { it.qty_accepted == r.qty };
        if !same {
            let before = if it.rejected() {
                "rejected".to_string()
            } else {
                format!("accepted with qty {}", it.qty_accepted)
            };
            return Err(ApiError::bad_request(
                "decision_conflict",
                format!("item {} was already {before}; a decision cannot be changed", it.item_id),
            )
            .field(qty_path));
        }
    }
    if !partials(store, order) {
        require_all_listed(order, &req, |it| it.pending_accept(), "still pending accept")?;
    }
    let order_id = order.order_id.clone();
    if decisions.is_empty() {
        return Ok(order_id);
    }

    let order = store.find_mut(&order_id)?;
    let mut rejected = Vec::new();
    for (item_id, qty) in decisions {
        if let Some(it) = order.item_mut(item_id) {
            it.qty_accepted = qty;
            it.qty_rejected = it.qty_ordered - qty;
            rejected.push((item_id, it.qty_rejected));
        }
    }
    order.updated_at = clock::now();
    if rejected.iter().any(|(_, q)| *q > 0) {
        store.reroute(&order_id, &rejected);
    }
    Ok(order_id)
}
