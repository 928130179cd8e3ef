//! What the queues return. Known fields are typed; every other field the server sends is kept in
//! `extra` and written back out, so hosts see the whole order even as the API grows.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// What a queue page holds: something with an `order_id`, decoded a page at a time.
pub trait QueueEntry: Sized {
    fn order_id(&self) -> &str;
    /// A page's body (a JSON array of orders) as entries; `Err` says why it is not one.
    fn decode_page(body: Vec<u8>) -> Result<Vec<Self>, String>;
}

impl QueueEntry for Order {
    fn order_id(&self) -> &str {
        &self.order_id
    }
    fn decode_page(body: Vec<u8>) -> Result<Vec<Order>, String> {
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }
}

/// An order exactly as the server sent it, plus its id: what the C ABI and the bindings hand on,
/// without the cost of building and re-encoding the typed model. The orders of one page share
/// that page's text, so a page is one allocation wherever it goes (another thread included).
#[derive(Debug, Clone)]
pub struct RawOrder {
    page: Arc<String>,
    range: Range<usize>,
    order_id: OrderId,
}

/// Where an order's id is: nearly always plain text inside the page, so a page of orders needs
/// no allocation per order; an id with escapes is kept unescaped.
#[derive(Debug, Clone)]
enum OrderId {
    InPage(Range<usize>),
    Unescaped(Box<str>),
}

impl RawOrder {
    pub fn order_id(&self) -> &str {
        match &self.order_id {
            OrderId::InPage(range) => &self.page[range.clone()],
            OrderId::Unescaped(id) => id,
        }
    }

    /// The order's JSON text, verbatim.
    pub fn json(&self) -> &str {
        &self.page[self.range.clone()]
    }
}

impl QueueEntry for RawOrder {
    fn order_id(&self) -> &str {
        RawOrder::order_id(self)
    }

    /// One validating pass over the page (serde_json), then a scan of each order for its id.
    fn decode_page(body: Vec<u8>) -> Result<Vec<RawOrder>, String> {
        let page = Arc::new(String::from_utf8(body).map_err(|e| e.to_string())?);
        let orders: Vec<&RawValue> = serde_json::from_str(&page).map_err(|e| e.to_string())?;
        let offset = |text: &str| text.as_ptr() as usize - page.as_ptr() as usize;
        orders
            .into_iter()
            .enumerate()
            .map(|(n, raw)| {
                let text = raw.get();
                let order_id = match super::scan::top_level_string(text, "order_id") {
                    Some(Cow::Borrowed(id)) => OrderId::InPage(offset(id)..offset(id) + id.len()),
                    Some(Cow::Owned(id)) => OrderId::Unescaped(id.into()),
                    None => return Err(format!("order {n} of the page has no string order_id")),
                };
                let start = offset(text);
                Ok(RawOrder { page: Arc::clone(&page), range: start..start + text.len(), order_id })
            })
            .collect()
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
    #[serde(default)]
    pub items: Vec<OrderItem>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One line of an order, with the quantity that matters for the queue it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
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
    fn raw_orders_keep_the_text_and_find_the_id() {
        let page = r#" [ {"items":[],"order_id":"FO-\u0031","qty":2.50} , {"order_id":"FO-2"}]"#;
        let orders = RawOrder::decode_page(page.as_bytes().to_vec()).unwrap();
        assert_eq!(orders[0].order_id(), "FO-1");
        assert_eq!(orders[0].json(), r#"{"items":[],"order_id":"FO-\u0031","qty":2.50}"#);
        assert_eq!(orders[1].json(), r#"{"order_id":"FO-2"}"#);
        assert!(RawOrder::decode_page(br#"[{"id":1}]"#.to_vec()).unwrap_err().contains("order_id"));
        assert!(RawOrder::decode_page(br#"{"order_id":"x"}"#.to_vec()).is_err());
        assert!(RawOrder::decode_page(b"[{\"order_id\":\"\xff\"}]".to_vec()).is_err());
    }

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
}
