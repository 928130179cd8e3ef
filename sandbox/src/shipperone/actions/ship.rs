//! ship: one parcel (shipment) with its tracks. A repeat of a recorded shipment is a no-op.

use std::collections::{BTreeMap, BTreeSet};

use super::{item, load, parse, partials, require_all_listed, wrong_stage, ActionRequest, Qty};
use crate::clock;
use crate::http::ApiError;
use crate::json::{self, Obj};
use crate::shipperone::model::{Order, Shipment, Track};
use crate::shipperone::store::Store;

pub fn ship(store: &mut Store, store_code: &str, body: &[u8]) -> Result<String, ApiError> {
    let root = json::parse_body(body)?;
    let req = parse(&root, "shipment", Qty::Required)?;
    for r in &req.items {
        if r.qty == 0 {
            return Err(json::invalid(&req.item_path(r, "qty"), "must be at least 1"));
        }
    }
    let tracks = parse_tracks(req.body)?;
    let cod_amount = req.body.opt_amount("cod_amount")?;
    let package_value = req.body.opt_amount("package_value")?;
    let order = load(store, store_code, &req.order_id)?;

    if already_recorded(order, &req, &tracks) {
        return Ok(order.order_id.clone());
    }
    for r in &req.items {
        let it = item(order, &req, r)?;
        let remaining = it.remaining_to_ship();
        if remaining == 0 {
            let wanted = "pending shipment";
            return Err(wrong_stage(&req, r, it, wanted));
        }
        let qty_path = req.item_path(r, "qty");
        if r.qty > remaining {
            return Err(ApiError::bad_request(
                "qty_exceeds_remaining",
                format!("qty {} for item {} is more than the {remaining} left to ship", r.qty, it.item_id),
            )
            .field(qty_path));
        }
        if r.qty < remaining && !partials(store, order) {
            return Err(ApiError::bad_request(
                "partial_not_allowed",
                format!(
                    "partial shipment is not enabled for fulfillment order {}: item {} must ship all {remaining} remaining",
                    order.order_id, it.item_id
                ),
            )
            .field(qty_path));
        }
    }
    if !partials(store, order) {
        require_all_listed(order, &req, |it| it.remaining_to_ship() > 0, "pending shipment")?;
    }

    let order_id = order.order_id.clone();
    let shipment_id = store.take_shipment_id();
    let order = store.find_mut(&order_id)?;
    for r in &req.items {
        if let Some(it) = order.item_mut(r.item_id) {
            it.qty_shipped += r.qty;
        }
    }
    let now = clock::now();
    order.shipments.push(Shipment {
        shipment_id,
        items: req.items.iter().map(|r| (r.item_id, r.qty)).collect(),
        tracks,
        cod_amount,
        package_value,
        created_at: now,
    });
    order.updated_at = now;
    Ok(order_id)
}

fn parse_tracks(shipment: Obj<'_>) -> Result<Vec<Track>, ApiError> {
    let list = shipment.array("tracks")?;
    if list.is_empty() {
        return Err(ApiError::bad_request("missing_tracks", "shipment.tracks must list at least one track")
            .field("shipment.tracks"));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let path = format!("shipment.tracks[{i}]");
            let t = Obj::at(v, &path)?;
            Ok(Track {
                carrier_code: t.opt_string("carrier_code")?,
                title: t.opt_string("title")?,
                track_number: t.string("track_number")?,
            })
        })
        .collect()
}

/// Same track numbers and same item quantities as a shipment already on the order.
fn already_recorded(order: &Order, req: &ActionRequest, tracks: &[Track]) -> bool {
    let numbers: BTreeSet<&str> = tracks.iter().map(|t| t.track_number.as_str()).collect();
    let items: BTreeMap<u64, u32> = req.items.iter().map(|r| (r.item_id, r.qty)).collect();
    order.shipments.iter().any(|s| {
        s.tracks.iter().map(|t| t.track_number.as_str()).collect::<BTreeSet<_>>() == numbers
            && s.items.iter().copied().collect::<BTreeMap<_, _>>() == items
    })
}
