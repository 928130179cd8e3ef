//! The action endpoints (accept and reject, allocate, ship, invoice). Each validates the whole
//! request before changing anything, so a 400 never leaves an order half-updated, and answers
//! with the id of the order it acted on; the route renders the order.

mod accept;
mod allocate;
mod invoice;
mod ship;

pub use accept::{accept, reject};
pub use allocate::allocate;
pub use invoice::invoice;
pub use ship::ship;

use std::collections::HashSet;

use serde_json::Value;

use crate::http::ApiError;
use crate::json::{self, Obj};
use crate::shipperone::model::{Item, Order};
use crate::shipperone::store::{order_not_found, Store};

/// What each action does with an item's `qty`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Qty {
    Required,
    /// Reject: absent, or 0.
    ZeroOnly,
    Ignored,
}

struct ItemRef {
    index: usize,
    item_id: u64,
    qty: u32,
}

struct ActionRequest<'a> {
    /// `order` or `shipment`: the wrapper key, also the root of every field path.
    wrapper: &'static str,
    order_id: String,
    items: Vec<ItemRef>,
    body: Obj<'a>,
}

impl ActionRequest<'_> {
    fn item_path(&self, r: &ItemRef, key: &str) -> String {
        format!("{}.items[{}].{key}", self.wrapper, r.index)
    }

    fn items_path(&self) -> String {
        format!("{}.items", self.wrapper)
    }
}

fn parse<'a>(root: &'a Value, wrapper: &'static str, qty: Qty) -> Result<ActionRequest<'a>, ApiError> {
    let top = Obj::root(root)?;
    let body = Obj::at(top.required(wrapper)?, wrapper)?;
    let order_id = body.string("order_id")?;
    let list = body.non_empty_array("items")?;
    let mut seen = HashSet::new();
    let mut items = Vec::with_capacity(list.len());
    for (index, v) in list.iter().enumerate() {
        let path = format!("{wrapper}.items[{index}]");
        let it = Obj::at(v, &path)?;
        let id_path = it.path("item_id");
        let item_id = json::id(it.required("item_id")?, &id_path)?;
        if !seen.insert(item_id) {
            return Err(ApiError::bad_request(
                "duplicate_item",
                format!("item {item_id} is listed more than once"),
            )
            .field(id_path));
        }
        let qty_path = it.path("qty");
        let qty = match qty {
            Qty::Required => json::count(it.required("qty")?, &qty_path)?,
            Qty::ZeroOnly => match it.get("qty") {
                None => 0,
                Some(v) if json::count(v, &qty_path)? == 0 => 0,
                Some(_) => {
                    return Err(json::invalid(
                        &qty_path,
                        "must be 0 or absent on reject; accept takes a quantity",
                    ))
                }
            },
            Qty::Ignored => 0,
        };
        items.push(ItemRef { index, item_id, qty });
    }
    Ok(ActionRequest { wrapper, order_id, items, body })
}

/// The order as the caller may act on it: visible under this store code and not failed.
fn load<'s>(store: &'s Store, store_code: &str, order_id: &str) -> Result<&'s Order, ApiError> {
    let order = store
        .order(order_id)
        .filter(|o| Store::visible_in(o, store_code))
        .ok_or_else(|| order_not_found(order_id))?;
    if order.is_failed() {
        return Err(ApiError::bad_request(
            "order_failed",
            format!("fulfillment order {order_id} is in the failed queue and takes no actions"),
        ));
    }
    Ok(order)
}

fn item<'o>(order: &'o Order, req: &ActionRequest, r: &ItemRef) -> Result<&'o Item, ApiError> {
    order.item(r.item_id).ok_or_else(|| {
        ApiError::bad_request(
            "unknown_item",
            format!("item {} does not belong to fulfillment order {}", r.item_id, order.order_id),
        )
        .field(req.item_path(r, "item_id"))
    })
}

fn partials(store: &Store, order: &Order) -> bool {
    store.settings.partial || order.allow_partial
}

fn partial_qty(store: &Store, order: &Order) -> bool {
    store.settings.partial_qty || order.allow_partial_qty
}

/// Partials off: `items[]` must cover every item in the stage being acted on.
fn require_all_listed(
    order: &Order,
    req: &ActionRequest,
    in_stage: impl Fn(&Item) -> bool,
    stage: &str,
) -> Result<(), ApiError> {
    let missing: Vec<u64> = order
        .items
        .iter()
        .filter(|it| in_stage(it) && !req.items.iter().any(|r| r.item_id == it.item_id))
        .map(|it| it.item_id)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(ApiError::bad_request(
        "partial_not_allowed",
        format!(
            "partial operations are not enabled for fulfillment order {}: items[] must list every item {stage}; missing {missing:?}",
            order.order_id
        ),
    )
    .field(req.items_path()))
}

fn wrong_stage(req: &ActionRequest, r: &ItemRef, it: &Item, wanted: &str) -> ApiError {
    ApiError::bad_request(
        "invalid_state",
        format!("item {} is {}, not {wanted}", it.item_id, it.status().replace('_', " ")),
    )
    .field(req.item_path(r, "item_id"))
}
