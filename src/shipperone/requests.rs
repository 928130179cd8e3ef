//! Bodies of the action endpoints, and the checks made before anything is sent: a request the
//! server would refuse, or one that could be half-applied, never leaves the host.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::models::{number, Track};
use crate::error::{Error, Result};

/// A request body of one action endpoint.
pub trait ActionRequest: Serialize + DeserializeOwned {
    /// The documented wrapper key: `order` (accept, allocate, invoice) or `shipment` (ship).
    const WRAPPER: &'static str;
    fn order_id(&self) -> &str;
    /// The ids of the items the request acts on.
    fn item_ids(&self) -> Vec<u64>;
    /// Checks particular to this action, after the common ones.
    fn check_details(&self) -> Result<()> {
        Ok(())
    }
    /// Refuses what the API would refuse or could half-apply, naming the field.
    fn validate(&self) -> Result<()> {
        check_common(Self::WRAPPER, self.order_id(), self.item_ids())?;
        self.check_details()
    }
}

/// The wrapper key and the accessors every request type has the same way.
macro_rules! request_basics {
    ($wrapper:literal) => {
        const WRAPPER: &'static str = $wrapper;
        fn order_id(&self) -> &str {
            &self.order_id
        }
        fn item_ids(&self) -> Vec<u64> {
            self.items.iter().map(|i| i.item_id).collect()
        }
    };
}

/// `{"order":{"order_id":…,"items":[{"item_id":…,"qty":…}]}}`; `qty: 0` rejects that item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptRequest {
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub items: Vec<AcceptItem>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptItem {
    pub item_id: u64,
    /// The quantity accepted; 0 rejects the item.
    #[serde(serialize_with = "number::one")]
    pub qty: f64,
}

/// Rejects whole items: sent as an accept whose items all carry `qty: 0`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectRequest {
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub items: Vec<RejectItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectItem {
    pub item_id: u64,
    /// Optional; when given it must be 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qty: Option<f64>,
}

/// `{"order":{"order_id":…,"items":[{"item_id":…}]}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocateRequest {
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub items: Vec<ItemRef>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An item named by id only (allocate, invoice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    pub item_id: u64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `{"shipment":{"order_id":…,"items":[{"item_id":…,"qty":…}],"tracks":[…]}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipRequest {
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub items: Vec<ShipItem>,
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// Cash to collect on delivery.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "number::opt")]
    pub cod_amount: Option<f64>,
    /// Declared value of the package.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "number::opt")]
    pub package_value: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipItem {
    pub item_id: u64,
    #[serde(serialize_with = "number::one")]
    pub qty: f64,
}

/// `{"order":{"order_id":…,"items":[{"item_id":…}],"shipping_amount_incl_tax":…}}`; both must
/// match what the order shows as shipped and not yet invoiced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRequest {
    #[serde(default)]
    pub order_id: String,
    #[serde(default)]
    pub items: Vec<ItemRef>,
    #[serde(serialize_with = "number::one")]
    pub shipping_amount_incl_tax: f64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ItemRef {
    pub fn new(item_id: u64) -> ItemRef {
        ItemRef { item_id, extra: Map::new() }
    }
}

impl AcceptRequest {
    /// `items` are `(item_id, qty)`; qty 0 rejects the item.
    pub fn new(order_id: &str, items: &[(u64, f64)]) -> AcceptRequest {
        AcceptRequest {
            order_id: order_id.into(),
            items: items.iter().map(|&(item_id, qty)| AcceptItem { item_id, qty }).collect(),
            extra: Map::new(),
        }
    }
}

impl RejectRequest {
    pub fn new(order_id: &str, item_ids: &[u64]) -> RejectRequest {
        RejectRequest {
            order_id: order_id.into(),
            items: item_ids.iter().map(|&item_id| RejectItem { item_id, qty: None }).collect(),
        }
    }

    /// The accept call that performs this rejection.
    pub fn to_accept(&self) -> AcceptRequest {
        let items: Vec<(u64, f64)> = self.items.iter().map(|i| (i.item_id, 0.0)).collect();
        AcceptRequest::new(&self.order_id, &items)
    }
}

impl AllocateRequest {
    pub fn new(order_id: &str, item_ids: &[u64]) -> AllocateRequest {
        AllocateRequest {
            order_id: order_id.into(),
            items: item_ids.iter().map(|&id| ItemRef::new(id)).collect(),
            extra: Map::new(),
        }
    }
}

impl ShipRequest {
    /// `items` are `(item_id, qty)`.
    pub fn new(order_id: &str, items: &[(u64, f64)], tracks: Vec<Track>) -> ShipRequest {
        ShipRequest {
            order_id: order_id.into(),
            items: items.iter().map(|&(item_id, qty)| ShipItem { item_id, qty }).collect(),
            tracks,
            cod_amount: None,
            package_value: None,
            extra: Map::new(),
        }
    }
}

impl InvoiceRequest {
    pub fn new(order_id: &str, item_ids: &[u64], shipping_amount_incl_tax: f64) -> InvoiceRequest {
        InvoiceRequest {
            order_id: order_id.into(),
            items: item_ids.iter().map(|&id| ItemRef::new(id)).collect(),
            shipping_amount_incl_tax,
            extra: Map::new(),
        }
    }
}

impl ActionRequest for AcceptRequest {
    request_basics!("order");
    fn check_details(&self) -> Result<()> {
        for (i, item) in self.items.iter().enumerate() {
            check_amount(&format!("order.items[{i}].qty"), item.qty)?;
        }
        Ok(())
    }
}

impl ActionRequest for RejectRequest {
    request_basics!("order");
    fn check_details(&self) -> Result<()> {
        for (i, item) in self.items.iter().enumerate() {
            if item.qty.is_some_and(|q| q != 0.0) {
                return Err(Error::invalid(
                    &format!("order.items[{i}].qty"),
                    "must be 0 or absent in a reject (use accept to accept a quantity)",
                ));
            }
        }
        Ok(())
    }
}

impl ActionRequest for AllocateRequest {
    request_basics!("order");
}

impl ActionRequest for ShipRequest {
    request_basics!("shipment");
    fn check_details(&self) -> Result<()> {
        for (i, item) in self.items.iter().enumerate() {
            let field = format!("shipment.items[{i}].qty");
            check_amount(&field, item.qty)?;
            if item.qty == 0.0 {
                return Err(Error::invalid(&field, "must be greater than 0"));
            }
        }
        if self.tracks.is_empty() {
            return Err(Error::invalid("shipment.tracks", "must list at least one track"));
        }
        let mut numbers = HashSet::new();
        for (i, track) in self.tracks.iter().enumerate() {
            if track.track_number.trim().is_empty() {
                return Err(Error::invalid(&format!("shipment.tracks[{i}].track_number"), "is required"));
            }
            if track.carrier_code.trim().is_empty() {
                return Err(Error::invalid(&format!("shipment.tracks[{i}].carrier_code"), "is required"));
            }
            if !numbers.insert(track.track_number.as_str()) {
                return Err(Error::invalid(
                    &format!("shipment.tracks[{i}].track_number"),
                    format!("'{}' is listed twice", track.track_number),
                ));
            }
        }
        if let Some(v) = self.cod_amount {
            check_amount("shipment.cod_amount", v)?;
        }
        if let Some(v) = self.package_value {
            check_amount("shipment.package_value", v)?;
        }
        Ok(())
    }
}

impl ActionRequest for InvoiceRequest {
    request_basics!("order");
    fn check_details(&self) -> Result<()> {
        check_amount("order.shipping_amount_incl_tax", self.shipping_amount_incl_tax)
    }
}

/// Parses a documented request body (`{"order":{…}}` or `{"shipment":{…}}`), naming the exact
/// JSON path of anything malformed, then validates it.
pub fn from_body<T: ActionRequest>(json: &str) -> Result<T> {
    let invalid = |path: &str, problem: String| {
        let at = if path.is_empty() || path == "." { "request_json".to_owned() } else { path.to_owned() };
        Error::invalid(&at, problem)
    };
    let mut value: Value =
        serde_json::from_str(json).map_err(|e| invalid("", format!("not valid JSON ({e})")))?;
    let Some(object) = value.as_object_mut() else {
        return Err(invalid("", format!("must be an object {{\"{}\": {{…}}}}", T::WRAPPER)));
    };
    if let Some(other) = object.keys().find(|k| k.as_str() != T::WRAPPER) {
        return Err(invalid(other, format!("unexpected key; the body is {{\"{}\": {{…}}}}", T::WRAPPER)));
    }
    let inner = object.remove(T::WRAPPER).ok_or_else(|| invalid(T::WRAPPER, "is required".into()))?;
    let request: T = serde_path_to_error::deserialize(inner).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { T::WRAPPER.to_owned() } else { format!("{}.{path}", T::WRAPPER) };
        invalid(&field, e.into_inner().to_string())
    })?;
    request.validate()?;
    Ok(request)
}

/// The wire body: the request under its documented wrapper key.
pub(crate) fn to_body<T: ActionRequest>(request: &T) -> Vec<u8> {
    use serde::ser::{SerializeMap, Serializer};
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::new(&mut out);
    // Serialising plain data into a Vec cannot fail.
    if let Ok(mut map) = serializer.serialize_map(Some(1)) {
        let _ = map.serialize_entry(T::WRAPPER, request);
        let _ = map.end();
    }
    out
}

fn check_common(wrapper: &str, order_id: &str, item_ids: Vec<u64>) -> Result<()> {
    if order_id.trim().is_empty() {
        return Err(Error::invalid(&format!("{wrapper}.order_id"), "is required"));
    }
    let mut seen = HashSet::new();
    for (i, id) in item_ids.into_iter().enumerate() {
        let field = format!("{wrapper}.items[{i}].item_id");
        if id == 0 {
            return Err(Error::invalid(&field, "must be a positive integer"));
        }
        if !seen.insert(id) {
            return Err(Error::invalid(&field, format!("{id} is listed twice")));
        }
    }
    if seen.is_empty() {
        return Err(Error::invalid(&format!("{wrapper}.items"), "must list at least one item"));
    }
    Ok(())
}

fn check_amount(field: &str, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::invalid(field, "must be a finite number"));
    }
    if value < 0.0 {
        return Err(Error::invalid(field, format!("must not be negative (got {value})")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn field_of<T: ActionRequest + std::fmt::Debug>(json: &str) -> String {
        let e = from_body::<T>(json).unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument, "{json}");
        e.message.split(':').next().unwrap().to_owned()
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            field_of::<AcceptRequest>(r#"{"order":{"items":[{"item_id":1,"qty":1}]}}"#),
            "order.order_id"
        );
        assert_eq!(field_of::<AcceptRequest>(r#"{"order":{"order_id":"A","items":[]}}"#), "order.items");
        assert_eq!(field_of::<AcceptRequest>(r#"{"order":{"order_id":"A"}}"#), "order.items");
        assert_eq!(
            field_of::<AcceptRequest>(r#"{"order":{"order_id":"A","items":[{"item_id":1,"qty":-1}]}}"#),
            "order.items[0].qty"
        );
        assert_eq!(
            field_of::<AcceptRequest>(
                r#"{"order":{"order_id":"A","items":[{"item_id":1,"qty":1},{"item_id":"x","qty":1}]}}"#
            ),
            "order.items[1].item_id"
        );
        assert_eq!(
            field_of::<AcceptRequest>(r#"{"order":{"order_id":"A","items":[{"item_id":1}]}}"#),
            "order.items[0]"
        );
        assert_eq!(
            field_of::<AcceptRequest>(
                r#"{"order":{"order_id":"A","items":[{"item_id":1,"qty":1},{"item_id":1,"qty":0}]}}"#
            ),
            "order.items[1].item_id"
        );
        assert_eq!(field_of::<AcceptRequest>(r#"{"shipment":{}}"#), "shipment");
        assert_eq!(field_of::<AcceptRequest>(r#"[]"#), "request_json");
        assert_eq!(field_of::<AcceptRequest>(r#"{"order":"#), "request_json");
        assert_eq!(
            field_of::<RejectRequest>(r#"{"order":{"order_id":"A","items":[{"item_id":1,"qty":2}]}}"#),
            "order.items[0].qty"
        );
        let ship = |tracks: &str| {
            format!(
                r#"{{"shipment":{{"order_id":"A","items":[{{"item_id":1,"qty":1}}],"tracks":{tracks}}}}}"#
            )
        };
        assert_eq!(field_of::<ShipRequest>(&ship("[]")), "shipment.tracks");
        assert_eq!(
            field_of::<ShipRequest>(&ship(
                r#"[{"carrier_code":"dhl","track_number":"1"},{"carrier_code":"dhl"}]"#
            )),
            "shipment.tracks[1].track_number"
        );
        assert_eq!(
            field_of::<ShipRequest>(
                r#"{"shipment":{"order_id":"A","items":[{"item_id":1,"qty":0}],"tracks":[{"carrier_code":"c","track_number":"1"}]}}"#
            ),
            "shipment.items[0].qty"
        );
        assert_eq!(
            field_of::<InvoiceRequest>(
                r#"{"order":{"order_id":"A","items":[{"item_id":1}],"shipping_amount_incl_tax":-4.99}}"#
            ),
            "order.shipping_amount_incl_tax"
        );
        assert_eq!(
            field_of::<InvoiceRequest>(r#"{"order":{"order_id":"A","items":[{"item_id":1}]}}"#),
            "order"
        );
    }

    #[test]
    fn non_finite_amounts_from_rust_are_refused() {
        let mut ship = ShipRequest::new("A", &[(1, 1.0)], vec![Track::new("dhl", "", "T1")]);
        ship.cod_amount = Some(f64::NAN);
        assert!(ship.validate().unwrap_err().message.starts_with("shipment.cod_amount"));
        let inv = InvoiceRequest::new("A", &[1], f64::INFINITY);
        assert!(inv.validate().unwrap_err().message.starts_with("order.shipping_amount_incl_tax"));
    }

    #[test]
    fn body_keeps_wrapper_and_integers() {
        let body = to_body(&AcceptRequest::new("FO-1", &[(55501, 2.0), (55502, 0.0)]));
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"order":{"order_id":"FO-1","items":[{"item_id":55501,"qty":2},{"item_id":55502,"qty":0}]}}"#
        );
        let ship = ShipRequest::new("FO-1", &[(1, 1.5)], vec![Track::new("dhl", "DHL", "JD1")]);
        let text = String::from_utf8(to_body(&ship)).unwrap();
        assert!(text.starts_with(r#"{"shipment":{"order_id":"FO-1""#), "{text}");
        assert!(text.contains(r#""qty":1.5"#));
    }
}
