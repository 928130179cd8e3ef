//! Webhook subscriptions (create shows the secret once; list; delete) and the outbox of
//! deliveries: each event gets one stable `event_id`, whichever subscription and attempt.

use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

use serde_json::{json, Value};

use crate::http::{ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::json::{self, Obj};
use crate::threepl::envelope::unprocessable;
use crate::threepl::store::{now, Store};

pub const EVENTS: [&str; 7] = [
    "shipment.created",
    "shipment.updated",
    "order.cancelled",
    "inventory.updated",
    "inbound.received",
    "inventory.adjusted",
    "return.received",
];

pub struct Subscription {
    pub view: Value,
    pub url: String,
    pub secret: String,
    pub events: Vec<String>,
}

/// One delivery of one event to one subscription, waiting for its next attempt.
#[derive(Clone)]
pub struct Pending {
    pub event_id: String,
    pub url: String,
    pub secret: String,
    pub body: String,
    pub attempts: u32,
    pub due: Instant,
}

#[derive(Default)]
pub struct Outbox {
    pub subscriptions: BTreeMap<String, Subscription>,
    pub queue: VecDeque<Pending>,
    pub delivered: u64,
    pub failed_attempts: u64,
    next_event: u64,
    next_secret: u64,
}

impl Outbox {
    /// Queues `event_type` with the full resource for every subscription that wants it.
    pub fn emit(&mut self, event_type: &str, data: &Value) {
        let wanted: Vec<(String, String)> = self
            .subscriptions
            .values()
            .filter(|s| s.events.iter().any(|e| e == event_type))
            .map(|s| (s.url.clone(), s.secret.clone()))
            .collect();
        if wanted.is_empty() {
            return;
        }
        self.next_event += 1;
        let event_id = format!("evt_{:010}", self.next_event);
        let body = json!({"event_id": event_id, "event_type": event_type, "created_at": now(), "data": data})
            .to_string();
        for (url, secret) in wanted {
            self.queue.push_back(Pending {
                event_id: event_id.clone(),
                url,
                secret,
                body: body.clone(),
                attempts: 0,
                due: Instant::now(),
            });
        }
    }
}

pub fn create(store: &mut Store, req: &ApiRequest) -> ApiResult {
    let body = json::parse_body(&req.body)?;
    let o = Obj::root(&body)?;
    let url = o.string("url")?;
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(unprocessable("invalid_url", "url", "url must be an http(s) URL"));
    }
    let mut events = Vec::new();
    for (i, e) in o.non_empty_array("events")?.iter().enumerate() {
        let name = e.as_str().ok_or_else(|| json::wrong_type(&format!("events[{i}]"), "a string"))?;
        if !EVENTS.contains(&name) {
            return Err(unprocessable(
                "unknown_event",
                &format!("events[{i}]"),
                format!("{name:?} is not an event this API sends"),
            ));
        }
        events.push(name.to_owned());
    }
    let id = store.next_id("whk");
    store.outbox.next_secret += 1;
    let secret = format!("whsec_{:016x}{:016x}", store.rng.u64(..), store.outbox.next_secret);
    let view = json!({"id": id, "url": url, "events": events, "created_at": now()});
    let mut shown = view.clone();
    shown["secret"] = json!(secret);
    store.outbox.subscriptions.insert(id, Subscription { view, url, secret, events });
    Ok(ApiResponse::with_status(201, shown))
}

pub fn list(store: &Store) -> ApiResult {
    let data: Vec<Value> = store.outbox.subscriptions.values().map(|s| s.view.clone()).collect();
    Ok(ApiResponse::ok(json!({"data": data, "pagination": {"next_cursor": null, "has_more": false}})))
}

pub fn delete(store: &mut Store, id: &str) -> ApiResult {
    match store.outbox.subscriptions.remove(id) {
        Some(_) => Ok(ApiResponse::ok(json!({"id": id, "deleted": true}))),
        None => {
            Err(ApiError::not_found("webhook_not_found", format!("no webhook has the id {id:?}")).field("id"))
        }
    }
}
