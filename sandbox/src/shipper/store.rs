//! The Shipper organisation's data: the catalogue, orders with their shipments, and the
//! changes that move them (create, cancel, an admin moving a shipment), each of which returns
//! the webhook events it causes.

use chrono::{DateTime, SubsecRound, Utc};
use serde_json::{json, Map, Value};

use super::catalog::{self, Product};
use super::model::{timestamp, Line, Order, Shipment, CANCELABLE, SHIPMENT_STATUSES};

/// A change worth a webhook: `(event, data)`.
pub type Event = (&'static str, Value);

pub struct Store {
    pub products: Vec<Product>,
    pub orders: Vec<Order>,
    next_id: u64,
    next_shipment: u64,
    /// `POST /orders` requests handled (each one created an order or was refused).
    pub creates_handled: u64,
}

/// A 422 in the spec's validation shape: `{"message", "errors": {field: [why]}}`.
pub fn validation(field: &str, why: &str) -> (u16, Value) {
    (422, json!({ "message": why, "errors": { field: [why] } }))
}

impl Store {
    pub fn new() -> Store {
        Store {
            products: catalog::products(),
            orders: Vec::new(),
            next_id: 555,
            next_shipment: 1,
            creates_handled: 0,
        }
    }

    pub fn order(&self, id: u64) -> Option<&Order> {
        self.orders.iter().find(|o| o.id == id)
    }

    fn product_for(&self, item_id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.owns(item_id))
    }

    /// `POST /orders`: validates as the API does and creates the order with one shipment.
    pub fn create(&mut self, body: &[u8]) -> Result<u64, (u16, Value)> {
        self.creates_handled += 1;
        let root: Value = serde_json::from_slice(body)
            .map_err(|_| validation("body", "The request body must be a JSON object."))?;
        let text = |v: &Value, path: &str| -> Result<String, (u16, Value)> {
            match v {
                Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                _ => Err(validation(path, &format!("The {path} field is required."))),
            }
        };
        let opt_text = |key: &str| root.get(key).and_then(Value::as_str).map(str::to_string);
        let address = root
            .get("address")
            .filter(|a| a.is_object())
            .ok_or_else(|| validation("address", "The address field is required."))?;
        let name = text(&address["name"], "address.name")?;
        let phone1 = text(&address["phone1"], "address.phone1")?;
        let address1 = text(&address["address1"], "address.address1")?;
        let country = text(&address["country"], "address.country")?;
        if catalog::geo_structure(&country).is_none() {
            return Err(validation("address.country", "The selected address.country is invalid."));
        }
        let items = root.get("items").and_then(Value::as_array).filter(|a| !a.is_empty());
        let items = items.ok_or_else(|| validation("items", "The items field is required."))?;
        let mut lines = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let id_path = format!("items.{n}.id");
            let id = text(&item["id"], &id_path)?;
            let product = self
                .product_for(&id)
                .ok_or_else(|| validation(&id_path, &format!("The selected {id_path} is invalid.")))?;
            let quantity = match item.get("quantity").filter(|q| !q.is_null()) {
                None => 1,
                Some(q) => q.as_u64().filter(|q| *q >= 1).ok_or_else(|| {
                    let path = format!("items.{n}.quantity");
                    validation(&path, &format!("The {path} must be an integer of at least 1."))
                })?,
            };
            let total = match item.get("total_price").filter(|t| !t.is_null()) {
                None => (product.price * quantity) as f64,
                Some(t) => t.as_f64().filter(|t| *t >= 0.0).ok_or_else(|| {
                    let path = format!("items.{n}.total_price");
                    validation(&path, &format!("The {path} must be a number."))
                })?,
            };
            lines.push(Line { product_id: product.id, product_name: product.name.clone(), quantity, total });
        }
        let (first_name, last_name) = match name.trim().split_once(' ') {
            Some((first, last)) => (first.to_string(), last.trim().to_string()),
            None => (name.trim().to_string(), String::new()),
        };
        let field = |key: &str| address.get(key).cloned().unwrap_or(Value::Null);
        let mut stored = Map::new();
        stored.insert("first_name".into(), json!(first_name));
        stored.insert("last_name".into(), json!(last_name));
        stored.insert("phone1".into(), json!(phone1));
        stored.insert("phone2".into(), json!(address.get("phone2").and_then(Value::as_str).unwrap_or("")));
        stored.insert("address1".into(), json!(address1));
        stored
            .insert("address2".into(), json!(address.get("address2").and_then(Value::as_str).unwrap_or("")));
        stored.insert("division_1".into(), field("division_1"));
        stored.insert("division_2".into(), field("division_2"));
        stored.insert("country".into(), json!(country));
        let with_confirmation = root.get("with_confirmation").and_then(Value::as_bool).unwrap_or(false);
        // Stored as precisely as it is shown (microseconds), so a filter built from a shown
        // `created_at` matches the order it came from.
        let now = Utc::now().trunc_subsecs(6);
        let first = if with_confirmation { "awaitingconfirmation" } else { "awaitingpackaging" };
        let shipment = self.new_shipment(first, now);
        let id = self.next_id;
        self.next_id += 1;
        self.orders.push(Order {
            id,
            created_at: now,
            address: Value::Object(stored),
            lines,
            shipping_total: root.get("shipping_total").and_then(Value::as_f64).unwrap_or(0.0),
            is_cod: root.get("is_cod").and_then(Value::as_bool).unwrap_or(false),
            with_confirmation,
            store_name: opt_text("store_name"),
            external_order_id: opt_text("external_order_id"),
            external_order_url: opt_text("external_order_url"),
            shipments: vec![shipment],
        });
        Ok(id)
    }

    fn new_shipment(&mut self, status: &str, at: DateTime<Utc>) -> Shipment {
        let n = self.next_shipment;
        self.next_shipment += 1;
        Shipment {
            uuid: format!("11111111-2222-3333-4444-{n:012}"),
            status: status.to_string(),
            reason: None,
            logs: vec![(status.to_string(), at)],
            delivered_at: None,
        }
    }

    /// `POST /orders/{id}/cancel`: cancels every shipment still in confirmation or preparation.
    pub fn cancel(&mut self, id: u64) -> Result<(usize, Vec<Event>), (u16, Value)> {
        let index = self.index(id)?;
        let cancelable: Vec<String> = self.orders[index]
            .shipments
            .iter()
            .filter(|s| CANCELABLE.contains(&s.status.as_str()))
            .map(|s| s.uuid.clone())
            .collect();
        if cancelable.is_empty() {
            return Err((422, json!({ "error": "No shipments available to cancel" })));
        }
        let mut events = Vec::new();
        for uuid in &cancelable {
            events.extend(self.move_shipment(uuid, "canceled", None)?);
        }
        Ok((cancelable.len(), events))
    }

    fn index(&self, id: u64) -> Result<usize, (u16, Value)> {
        self.orders
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| (404, json!({ "message": format!("Order {id} not found.") })))
    }

    /// Moves one shipment to `status` (the admin surface, and cancels); returns the events.
    pub fn move_shipment(
        &mut self,
        uuid: &str,
        status: &str,
        reason: Option<String>,
    ) -> Result<Vec<Event>, (u16, Value)> {
        if !SHIPMENT_STATUSES.contains(&status) {
            return Err((
                400,
                json!({ "message": format!("unknown shipment status {status:?}"),
                                     "known": SHIPMENT_STATUSES }),
            ));
        }
        let order = self
            .orders
            .iter_mut()
            .find(|o| o.shipments.iter().any(|s| s.uuid == uuid))
            .ok_or_else(|| (404, json!({ "message": format!("no shipment {uuid}") })))?;
        let before = order.status();
        let shipment = order.shipments.iter_mut().find(|s| s.uuid == uuid).expect("found above");
        let previous = std::mem::replace(&mut shipment.status, status.to_string());
        if previous == status {
            return Ok(Vec::new());
        }
        let now = Utc::now();
        shipment.logs.push((status.to_string(), now));
        if status == "delivered" {
            shipment.delivered_at = Some(now);
        }
        if status == "failed" {
            shipment.reason = reason;
        }
        let mut events = vec![(
            "shipment.status_changed",
            json!({ "order_id": order.id, "shipment_uuid": uuid, "status": status, "previous_status": previous }),
        )];
        let after = order.status();
        if after != before {
            events.push((
                "order.status_changed",
                json!({ "order_id": order.id, "status": after, "previous_status": before }),
            ));
        }
        Ok(events)
    }

    /// Every shipment of order `id` to `status`.
    pub fn move_order(
        &mut self,
        id: u64,
        status: &str,
        reason: Option<String>,
    ) -> Result<Vec<Event>, (u16, Value)> {
        let index = self.index(id)?;
        let uuids: Vec<String> = self.orders[index].shipments.iter().map(|s| s.uuid.clone()).collect();
        let mut events = Vec::new();
        for uuid in uuids {
            events.extend(self.move_shipment(&uuid, status, reason.clone())?);
        }
        Ok(events)
    }

    /// Everything the admin surface shows of an order: the detail plus what tests check.
    pub fn admin_view(order: &Order) -> Value {
        let mut view = order.detail();
        view["created_at"] = json!(timestamp(&order.created_at));
        view
    }
}
