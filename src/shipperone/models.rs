//! What the queues return. Known fields are typed; every other field the server sends is kept in
//! `extra` and written back out, so hosts see the whole order even as the API grows.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::paging::Entry;
/// What a queue page holds: something with an id, decoded a page at a time.
pub use crate::paging::Entry as QueueEntry;
/// An order exactly as the server sent it, plus its `order_id`.
pub use crate::paging::RawItem as RawOrder;

/// The key of an order's id in a queue page.
pub(crate) const ORDER_ID: &str = "order_id";

impl Entry for Order {
    fn id(&self) -> &str {
        &self.order_id
    }
    fn decode_page(body: Vec<u8>, _id_key: &str) -> Result<Vec<Order>, String> {
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }
}

/// A fulfillment order as a queue (or an action's response) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_code: Option<String>,
    /// The location the order is fulfilled from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Shipping fee including tax; in `pending_invoice`, the amount still to invoice.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "number::opt")]
    pub shipping_amount_incl_tax: Option<f64>,
    #[serde(default, deserialize_with = "items")]
    pub items: Vec<OrderItem>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One line of an order, with the quantity that matters for the queue it was read from. Its id
/// is read from `item_id`, or from `id` where a server names it so (spec 001 says "each item has
/// its own id"); an `id` read that way stays in `extra`, so it is written back as it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    #[serde(default = "no_item_id")]
    pub item_id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The quantity this stage acts on (to accept, allocate, ship or invoice).
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "number::opt")]
    pub qty: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "number::opt")]
    pub qty_ordered: Option<f64>,
    /// Set when the item lives in another warehouse than the order (an inter-warehouse
    /// transfer); shown in `pending_allocation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_code: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Marks an item read without `item_id`; [`items`] then takes its `id`.
fn no_item_id() -> u64 {
    u64::MAX
}

/// The items of an order, each with its id taken from `item_id` or else `id`.
fn items<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OrderItem>, D::Error> {
    let mut items = Vec::<OrderItem>::deserialize(d)?;
    for (n, item) in items.iter_mut().enumerate() {
        if item.item_id == u64::MAX {
            item.item_id = item.extra.get("id").and_then(item_id_of).ok_or_else(|| {
                serde::de::Error::custom(format!("items[{n}] has neither an item_id nor an id"))
            })?;
        }
    }
    Ok(items)
}

/// An item id as a queue may write it: a whole number, or its decimal text.
pub(crate) fn item_id_of(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| value.as_str().and_then(|s| s.parse().ok()))
}

/// A parcel's tracking reference on a shipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Track {
    #[serde(default)]
    pub carrier_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub track_number: String,
}

impl Track {
    pub fn new(carrier_code: &str, title: &str, track_number: &str) -> Track {
        Track {
            carrier_code: carrier_code.into(),
            title: Some(title.into()).filter(|t: &String| !t.is_empty()),
            track_number: track_number.into(),
        }
    }
}

/// Numbers read as `f64` are written back as integers when whole, so `"qty": 2` stays `2`.
pub(crate) mod number {
    use serde::Serializer;

    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every whole f64 below is an exact integer

    pub fn opt<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => one(v, s),
            None => s.serialize_none(),
        }
    }

    pub fn one<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
        if value.fract() == 0.0 && value.abs() < EXACT {
            s.serialize_i64(*value as i64)
        } else {
            s.serialize_f64(*value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"order_id":"FO-1","status":"pending_allocation","priority":"high",
            "customer":{"name":"A"},"items":[{"item_id":7,"qty":2,"qty_ordered":2,
            "warehouse_code":"WH-B","price_incl_tax":19.99,"gift":true}]}"#;
        let order: Order = serde_json::from_str(text).unwrap();
        assert_eq!(order.items[0].warehouse_code.as_deref(), Some("WH-B"));
        assert_eq!(order.extra["priority"], "high");
        let back: Value = serde_json::to_value(&order).unwrap();
        let original: Value = serde_json::from_str(text).unwrap();
        assert_eq!(back, original);
        assert!(serde_json::to_string(&order).unwrap().contains(r#""qty":2,"#));
    }

    #[test]
    fn items_are_read_by_item_id_or_id() {
        let order: Order = serde_json::from_str(
            r#"{"order_id":"FO-1","items":[{"id":55501,"qty":1},{"item_id":7,"id":"x"}]}"#,
        )
        .unwrap();
        assert_eq!([order.items[0].item_id, order.items[1].item_id], [55501, 7]);
        let back = serde_json::to_value(&order.items[0]).unwrap();
        assert_eq!(back["id"], 55501);
        let e = serde_json::from_str::<Order>(r#"{"order_id":"FO-1","items":[{"qty":1}]}"#).unwrap_err();
        assert!(e.to_string().contains("items[0]"), "{e}");
    }
}
