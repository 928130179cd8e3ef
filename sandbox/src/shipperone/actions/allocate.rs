//! allocate: stock reserved for accepted items. Deliberately not idempotent, as documented.

use super::{item, load, parse, partials, require_all_listed, wrong_stage, Qty};
use crate::clock;
use crate::http::ApiError;
use crate::json;
use crate::shipperone::store::Store;

pub fn allocate(store: &mut Store, store_code: &str, body: &[u8]) -> Result<String, ApiError> {
    let root = json::parse_body(body)?;
    let req = parse(&root, "order", Qty::Ignored)?;
    let order = load(store, store_code, &req.order_id)?;
    for r in &req.items {
        let it = item(order, &req, r)?;
        if it.allocated {
            let refused = ApiError::bad_request(
                "already_allocated",
                format!("item {} is already allocated", it.item_id),
            )
            .field(req.item_path(r, "item_id"));
            *store.repeats_refused.entry("allocate").or_default() += 1;
            return Err(refused);
        }
        if !it.pending_allocation() {
            return Err(wrong_stage(&req, r, it, "pending allocation"));
        }
    }
    if !partials(store, order) {
        require_all_listed(order, &req, |it| it.pending_allocation(), "pending allocation")?;
    }

    let order_id = order.order_id.clone();
    let order = store.find_mut(&order_id)?;
    for r in &req.items {
        if let Some(it) = order.item_mut(r.item_id) {
            it.allocated = true;
        }
    }
    order.updated_at = clock::now();
    Ok(order_id)
}
