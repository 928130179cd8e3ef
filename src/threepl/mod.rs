//! The 3PL blueprint client (spec 003): an ERP pushes fulfillment orders, amends or cancels
//! them before pick, and polls shipments, inventory, receipts, adjustments and returns with an
//! incremental sync that neither misses nor repeats a row.
//!
//! ```no_run
//! use shiplink::threepl::{Client, Config, Query, Resource};
//! use shiplink::paging::Walk;
//! let client = Client::new(Config::new("https://api.your-3pl.com/v1", "token"))?;
//! let stored: Option<String> = None; // the host's own storage
//! let mut walk = client.iter(Resource::Shipments, &Query::new(), stored.as_deref())?;
//! while let Some(shipment) = walk.next_item() {
//!     println!("{}", shipment?.json());
//! }
//! let _save_with_the_rows = walk.checkpoint();
//! # Ok::<(), shiplink::Error>(())
//! ```

mod checks;
mod config;
mod envelope;
mod keys;
mod pacer;
mod query;
mod resource;
mod settle;
mod walks;

use std::sync::Arc;

use serde_json::Value;

pub use checks::object as parse_object;
pub use config::Config;
pub use envelope::error_code;
pub use query::Query;
pub use resource::Resource;

use crate::error::{Error, Result, Status};
use crate::paging::{CursorWalk, SyncWalk, Walk};
use crate::transport::{json, Api, Failure, Method, Replay, Request, Transport};
use walks::ListSource;

/// A connection to one 3PL. Cheap to clone; share it across threads. Every client of the same
/// base URL and token in the process shares one rate-limit budget.
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
    overlap_ms: u64,
}

/// What an answer decodes to when the caller wants the server's text itself (a page).
fn text(body: Vec<u8>) -> std::result::Result<String, String> {
    let text = String::from_utf8(body).map_err(|e| e.to_string())?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text).map_err(|e| e.to_string())?;
    Ok(text)
}

impl Client {
    pub fn new(config: Config) -> Result<Client> {
        config.validate()?;
        let root = config.api_root();
        let pacer = pacer::shared(&root, &config.token);
        let api = Api { root, explain: envelope::explain, verdict: envelope::verdict, pacer: Some(pacer) };
        Ok(Client {
            transport: Arc::new(Transport::new(&config.transport, api)?),
            overlap_ms: config.sync_overlap_ms,
        })
    }

    /// Creates a fulfillment order. It carries an `Idempotency-Key` (the host's, or one
    /// derived from `reference`), so it is retried after any failure and a retry, or a later
    /// process creating the same order, gets the one order back.
    pub fn create_order(&self, order: &Value, idempotency_key: Option<&str>) -> Result<Value> {
        checks::order(order)?;
        let key = keys::idempotency_key(idempotency_key, "order", order["reference"].as_str().unwrap_or(""))?;
        self.create("/orders", order, &key)
    }

    /// Announces an inbound shipment (ASN); idempotent like [`Client::create_order`].
    pub fn create_inbound_shipment(&self, asn: &Value, idempotency_key: Option<&str>) -> Result<Value> {
        checks::asn(asn)?;
        let key = keys::idempotency_key(idempotency_key, "inbound", asn["reference"].as_str().unwrap_or(""))?;
        self.create("/inbound-shipments", asn, &key)
    }

    /// Authorises a return (RMA); idempotent, the key derived from `rma` unless given.
    pub fn create_return(&self, rma: &Value, idempotency_key: Option<&str>) -> Result<Value> {
        checks::rma(rma)?;
        let key = keys::idempotency_key(idempotency_key, "return", rma["rma"].as_str().unwrap_or(""))?;
        self.create("/returns", rma, &key)
    }

    fn create(&self, path: &str, body: &Value, key: &str) -> Result<Value> {
        let bytes = body.to_string().into_bytes();
        let headers = [("Idempotency-Key", key)];
        let request = Request::new(Method::Post, path).headers(&headers).body(&bytes).replay(Replay::Always);
        self.transport.call(&request, &json::<Value>).map_err(Failure::into_error)
    }

    pub fn get_order(&self, order_id: &str) -> Result<Value> {
        checks::id(order_id, "order_id")?;
        let path = format!("/orders/{order_id}");
        self.transport.call(&Request::new(Method::Get, &path), &json::<Value>).map_err(Failure::into_error)
    }

    /// Amends an order before pick: only the fields that change; `items[]` replaces the lines.
    /// With `if_match` (the version read) a concurrent edit gives CONFLICT (`version_conflict`)
    /// instead of being overwritten. A retry that meets a 409 because its own earlier attempt
    /// applied is recognised by reading the order: if it carries the changes, the amend
    /// succeeded and the order is returned.
    pub fn amend_order(&self, order_id: &str, changes: &Value, if_match: Option<&str>) -> Result<Value> {
        checks::id(order_id, "order_id")?;
        checks::changes(changes)?;
        let quoted = match if_match {
            Some(v) => {
                checks::header_value(v, "if_match")?;
                Some(if v.starts_with('"') || v.starts_with("W/") {
                    v.to_owned()
                } else {
                    format!("\"{v}\"")
                })
            }
            None => None,
        };
        let headers: Vec<(&str, &str)> = quoted.iter().map(|v| ("If-Match", v.as_str())).collect();
        let path = format!("/orders/{order_id}");
        let bytes = changes.to_string().into_bytes();
        let request =
            Request::new(Method::Patch, &path).headers(&headers).body(&bytes).replay(Replay::Always);
        match self.transport.call(&request, &json::<Value>).map_err(Failure::into_error) {
            Err(e) if e.status == Status::Conflict && e.attempts > 1 => {
                self.settle(order_id, e, |order| settle::carries(order, changes))
            }
            other => other,
        }
    }

    /// Cancels an order that has not shipped. Safe to repeat: a 409 or 422 is checked against
    /// the order, and an order already cancelled is a success. Otherwise CONFLICT, with the
    /// server's `error.code` (`already_shipped`…) in the error's body.
    pub fn cancel_order(&self, order_id: &str) -> Result<Value> {
        checks::id(order_id, "order_id")?;
        let path = format!("/orders/{order_id}/cancel");
        let request = Request::new(Method::Post, &path).body(b"{}").replay(Replay::Always);
        match self.transport.call(&request, &json::<Value>).map_err(Failure::into_error) {
            Err(e) if matches!(e.http_status, Some(409 | 422)) => {
                self.settle(order_id, e, |order| order["status"] == "cancelled")
            }
            other => other,
        }
    }

    /// The order, if it shows the call applied; else the call's own error. When the order
    /// cannot be read, nobody can tell: OUTCOME_UNKNOWN, with the server's answer kept.
    fn settle(&self, order_id: &str, error: Error, applied: impl Fn(&Value) -> bool) -> Result<Value> {
        match self.get_order(order_id) {
            Ok(order) if applied(&order) => Ok(order),
            Ok(_) => Err(error),
            Err(read) => Err(Error {
                status: Status::OutcomeUnknown,
                message: format!(
                    "{}; reading the order to see whether an earlier attempt applied failed too ({read})",
                    error.message
                ),
                ..error
            }),
        }
    }

    /// Subscribes a URL to events; the answer holds the signing secret, shown this once.
    pub fn create_webhook(&self, subscription: &Value) -> Result<Value> {
        checks::subscription(subscription)?;
        let bytes = subscription.to_string().into_bytes();
        // No idempotency key in the blueprint: a repeat could subscribe twice, so only a
        // request that never left is sent again.
        let request = Request::new(Method::Post, "/webhooks").body(&bytes).replay(Replay::OnlyIfUnsent);
        self.transport.call(&request, &json::<Value>).map_err(Failure::into_error)
    }

    /// Removes a subscription. Safe to repeat: a 404 after a retry means the first one applied.
    pub fn delete_webhook(&self, webhook_id: &str) -> Result<Value> {
        checks::id(webhook_id, "webhook_id")?;
        let path = format!("/webhooks/{webhook_id}");
        let request = Request::new(Method::Delete, &path).replay(Replay::Always);
        match self.transport.call(&request, &json::<Value>).map_err(Failure::into_error) {
            Err(e) if e.status == Status::NotFound && e.attempts > 1 => {
                Ok(serde_json::json!({"id": webhook_id, "deleted": true}))
            }
            other => other,
        }
    }

    /// One page of a list, as the server sent it: `{"data":[…],"pagination":{…}}`.
    pub fn list(&self, resource: Resource, query: &Query) -> Result<String> {
        query.validate()?;
        if query.checkpoint.is_some() {
            return Err(Error::invalid("query.checkpoint", "resumes a walk (iter), not a single page"));
        }
        let mut pairs: Vec<(&str, &str)> =
            query.filters.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Some(since) = &query.updated_since {
            pairs.push(("updated_since", since));
        }
        if let Some(cursor) = &query.cursor {
            pairs.push(("cursor", cursor));
        }
        let request = Request::new(Method::Get, resource.path()).query(&pairs);
        self.transport.call(&request, &text).map_err(Failure::into_error)
    }

    /// Every item of a list, cursor after cursor. Polled resources (orders, shipments,
    /// inventory, receipts, adjustments, returns) walk as an incremental sync: resumed from
    /// `checkpoint` (a [`Walk::checkpoint`] of an earlier walk, stored by the host with its
    /// own writes), each version of each row comes once. Warehouses, shipping methods and
    /// webhooks are read whole.
    pub fn iter(&self, resource: Resource, query: &Query, checkpoint: Option<&str>) -> Result<Box<dyn Walk>> {
        query.validate()?;
        if query.cursor.is_some() {
            return Err(Error::invalid("query.cursor", "belongs to list; a walk resumes from a checkpoint"));
        }
        let checkpoint = checkpoint.or(query.checkpoint.as_deref());
        let source =
            ListSource { transport: Arc::clone(&self.transport), resource, filters: query.filters.clone() };
        if !resource.incremental() {
            return Ok(match checkpoint {
                Some(saved) => Box::new(CursorWalk::resume(source, saved)?),
                None => Box::new(CursorWalk::new(source)),
            });
        }
        let scope = query.scope(resource.name());
        Ok(match checkpoint {
            Some(saved) => Box::new(SyncWalk::resume(source, &scope, self.overlap_ms, saved)?),
            None => Box::new(SyncWalk::new(source, &scope, self.overlap_ms, query.updated_since.clone())),
        })
    }
}
