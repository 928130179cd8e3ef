//! Orders and their shipments. An order's status is never stored: it is computed from its
//! shipments, as the spec says, each time it is shown.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// Shipment statuses the sandbox knows, in the order a parcel usually moves through them.
pub const SHIPMENT_STATUSES: [&str; 10] = [
    "awaitingconfirmation",
    "awaitingpackaging",
    "packaged",
    "intransit",
    "onitsway",
    "delivered",
    "paid",
    "failed",
    "returnedtosender",
    "canceled",
];

/// Statuses from which the API may still cancel: the confirmation and preparation phases.
pub const CANCELABLE: [&str; 2] = ["awaitingconfirmation", "awaitingpackaging"];

#[derive(Debug, Clone)]
pub struct Line {
    pub product_id: u64,
    pub product_name: String,
    pub quantity: u64,
    pub total: f64,
}

#[derive(Debug, Clone)]
pub struct Shipment {
    pub uuid: String,
    pub status: String,
    /// Why delivery failed, for the delivery stats.
    pub reason: Option<String>,
    pub logs: Vec<(String, DateTime<Utc>)>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Order {
    pub id: u64,
    pub created_at: DateTime<Utc>,
    pub address: Value,
    pub lines: Vec<Line>,
    pub shipping_total: f64,
    pub is_cod: bool,
    pub with_confirmation: bool,
    pub store_name: Option<String>,
    pub external_order_id: Option<String>,
    pub external_order_url: Option<String>,
    pub shipments: Vec<Shipment>,
}

impl Order {
    /// The status computed from the shipments (`None` without any).
    pub fn status(&self) -> Option<&'static str> {
        let all = |set: &[&str]| self.shipments.iter().all(|s| set.contains(&s.status.as_str()));
        let any = |set: &[&str]| self.shipments.iter().any(|s| set.contains(&s.status.as_str()));
        if self.shipments.is_empty() {
            return None;
        }
        Some(if all(&["canceled"]) {
            "Canceled"
        } else if all(&["paid"]) {
            "Paid"
        } else if all(&["delivered", "paid"]) {
            "Delivered"
        } else if any(&["delivered", "paid"]) && any(&["returnedtosender", "failed"]) {
            "Partial Delivery"
        } else if all(&["returnedtosender"]) {
            "Returned"
        } else if any(&["returnedtosender"]) {
            "Partial Return"
        } else if any(&["intransit", "onitsway", "failed"]) {
            "In Transit"
        } else if any(&["packaged"]) {
            "Fulfilled"
        } else {
            "Pending"
        })
    }

    pub fn delivered(&self) -> bool {
        self.shipments.iter().any(|s| matches!(s.status.as_str(), "delivered" | "paid"))
    }

    pub fn units(&self) -> u64 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    pub fn amount(&self) -> f64 {
        self.lines.iter().map(|l| l.total).sum::<f64>() + self.shipping_total
    }

    /// Realised revenue: nothing until a shipment is delivered.
    pub fn revenue(&self) -> f64 {
        if self.delivered() {
            self.amount()
        } else {
            0.0
        }
    }

    fn products(&self) -> Vec<Value> {
        let mut seen = Vec::new();
        for line in &self.lines {
            if !seen.iter().any(|(id, _)| *id == line.product_id) {
                seen.push((line.product_id, line.product_name.clone()));
            }
        }
        seen.into_iter().map(|(id, name)| json!({ "id": id, "name": name })).collect()
    }

    fn address_view(&self) -> Value {
        self.address.clone()
    }

    /// As `GET /orders` lists it.
    pub fn summary(&self) -> Value {
        json!({
            "id": self.id,
            "status": self.status(),
            "store_name": self.store_name,
            "is_cod": self.is_cod,
            "is_paid": self.shipments.iter().any(|s| s.status == "paid"),
            "created_at": timestamp(&self.created_at),
            "address": {
                "first_name": self.address["first_name"],
                "last_name": self.address["last_name"],
                "phone1": self.address["phone1"],
            },
            "items_count": self.units(),
            "shipments_count": self.shipments.len(),
            "products": self.products(),
            "revenue": decimal_plain(self.revenue()),
            "external_order_id": self.external_order_id,
            "external_order_url": self.external_order_url,
        })
    }

    /// As `GET /orders/{id}` shows it.
    pub fn detail(&self) -> Value {
        let shipments: Vec<Value> = self
            .shipments
            .iter()
            .map(|s| {
                let logs: Vec<Value> = s
                    .logs
                    .iter()
                    .map(|(status, at)| {
                        json!({ "status": status, "created_at": timestamp(at),
                        "external_timestamp": at.format("%Y-%m-%d %H:%M:%S").to_string() })
                    })
                    .collect();
                json!({ "uuid": s.uuid, "status": s.status,
                        "tracking_numbers": [{ "number": format!("99{:09}", self.id), "logs": logs }] })
            })
            .collect();
        let contact = if !self.with_confirmation {
            "none"
        } else if self.shipments.iter().all(|s| s.status == "awaitingconfirmation") {
            "pending"
        } else {
            "called"
        };
        json!({
            "id": self.id,
            "status": self.status(),
            "contact_task_status": contact,
            "shipments": shipments,
            "address": self.address_view(),
            "external_order_id": self.external_order_id,
            "external_order_url": self.external_order_url,
            "created_at": timestamp(&self.created_at),
        })
    }
}

pub fn timestamp(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// `59` or `59.5`: the plain decimal string the spec shows for `revenue`.
pub fn decimal_plain(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
