//! The Shipper Open API client (spec 004): countries and divisions, products, orders (list,
//! get, create, cancel), the dashboard reports and webhooks. Requests and answers are the
//! spec's JSON; every request is checked locally first, every call paced by the key's shared
//! rate limiter ([`limiter`]), and order creation never sent twice ([`create`]).
//!
//! ```no_run
//! use serde_json::json;
//! use shiplink::shipper::{Client, Config};
//! let client = Client::new(Config::new("https://server.shipper.network/api/v1", "token"))?;
//! let created = client.create_order(&json!({
//!     "address": {"name": "Omar Ben Ali", "phone1": "28177188", "address1": "Rue 1", "country": "TN"},
//!     "items": [{"id": "2e97b37a-3118-4905-842c-19706bcf1455", "quantity": 1}],
//!     "external_order_id": "ORD-12345"
//! }))?;
//! for order in client.iter("orders", &json!({"start_date": "2026-05-01 09:00"}))? {
//!     println!("{}", order?.json());
//! }
//! # let _ = created;
//! # Ok::<(), shiplink::Error>(())
//! ```

mod checks;
mod config;
mod create;
mod dates;
mod iter;
mod limiter;
mod query;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

pub use checks::{EVENTS, MIN_SECRET_CHARS, REPORTS, SORT_BY};
pub use config::{Config, DEFAULT_BASE_URL};
pub use create::CreatedOrder;
pub use iter::{ListIter, ListSource};
pub use query::Resource;

use crate::error::{Error, Result, Status};
use crate::transport::{json, Api, Decoder, Failure, Method, Replay, Request, Transport};
use limiter::{Limiter, ShipperPacer};
use query::Query;

/// A connection to Shipper with one API key. Cheap to clone; share it across threads. Every
/// client of the same base URL and key in the process shares one rate limiter.
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
    /// Cancels sent through this client: they shift lists filtered by status.
    cancels: Arc<AtomicU64>,
}

impl Client {
    pub fn new(config: Config) -> Result<Client> {
        config.validate()?;
        let limiter = Limiter::shared(
            &config.base_url,
            &config.token,
            Duration::from_millis(config.rate_window_ms),
            Duration::from_millis(config.retry_after_max_ms),
        );
        let api =
            Api { pacer: Some(Arc::new(ShipperPacer(limiter))), explain, ..Api::new(config.api_root()) };
        Ok(Client { transport: Arc::new(Transport::new(&config.transport, api)?), cancels: Arc::default() })
    }

    /// `GET /countries`: every supported country with its geographic structure.
    pub fn countries(&self) -> Result<Value> {
        self.list("countries", &Value::Null)
    }

    /// `GET /countries/{country}/divisions`: level 1 by default, or the children of `parent_id`.
    pub fn divisions(&self, country: &str, level: Option<u64>, parent_id: Option<u64>) -> Result<Value> {
        let query = serde_json::json!({ "country": country, "level": level, "parent_id": parent_id });
        self.list("divisions", &query)
    }

    /// One page (or, for lists without pages, the whole list) of `resource` as the server sent
    /// it. `resource`: one of [`Resource::NAMES`]; `query`: `null` or an object of its filters.
    pub fn list(&self, resource: &str, query: &Value) -> Result<Value> {
        let resource = Resource::parse(resource)?;
        let query = query::list(resource, query)?;
        self.get_list(resource, &query, &json)
    }

    /// Every item of `resource`, each once, across pages: see [`ListIter`]. `page` is the walk's
    /// to choose; `per_page` defaults to the maximum (fewer requests against the Read budget);
    /// a walk over orders pins `end_date` to its start (by the server's clock) unless the query
    /// sets one.
    pub fn iter(&self, resource: &str, query: &Value) -> Result<ListIter> {
        let resource = Resource::parse(resource)?;
        let mut query = query::list(resource, query)?;
        if query.get("page").is_some() {
            return Err(Error::invalid("query.page", "a walk reads every page; leave page out"));
        }
        if let Some(max) = resource.max_per_page() {
            if query.get("per_page").is_none() {
                query.set("per_page", max.to_string());
            }
        }
        let pin = (resource == Resource::Orders && query.get("end_date").is_none()).then(Arc::default);
        Ok(ListIter::new(ListSource { client: self.clone(), resource, query, pin }))
    }

    pub(crate) fn get_list<T>(&self, resource: Resource, query: &Query, decode: Decoder<T>) -> Result<T> {
        let path = match (resource, &query.country) {
            (Resource::Divisions, Some(country)) => format!("/countries/{country}/divisions"),
            (Resource::ProductPerformance, _) => "/dashboard/product-performance".to_owned(),
            (Resource::Divisions, None) => return Err(Error::invalid("query.country", "is required")),
            _ => format!("/{}", Resource::NAMES[resource as usize]),
        };
        self.transport.get_with(&path, &query.as_pairs(), decode)
    }

    /// `GET /products/{uuid}`: one product with its variants and stock.
    pub fn get_product(&self, uuid: &str) -> Result<Value> {
        checks::uuid("uuid", uuid)?;
        self.transport.get_with(&format!("/products/{uuid}"), &[], &json)
    }

    /// `GET /orders/{id}`: the order with its shipments, tracking logs and address.
    pub fn get_order(&self, order_id: &str) -> Result<Value> {
        checks::integer_id("order_id", order_id)?;
        self.transport.get_with(&format!("/orders/{order_id}"), &[], &json)
    }

    /// `POST /orders/{id}/cancel`. Safe to repeat: when the server answers 422 ("No shipments
    /// available to cancel"), the order is read, and if it is already canceled (by an earlier
    /// attempt whose answer was lost, say) the cancel succeeds with `"already_canceled": true`.
    /// Otherwise (the order has shipped) the 422 stays BAD_REQUEST with the server's body.
    pub fn cancel_order(&self, order_id: &str) -> Result<Value> {
        checks::integer_id("order_id", order_id)?;
        self.cancels.fetch_add(1, Ordering::Relaxed);
        let path = format!("/orders/{order_id}/cancel");
        let request = Request::new(Method::Post, &path).replay(Replay::Always);
        let error = match self.transport.call(&request, &json) {
            Ok(answer) => return Ok(answer),
            Err(failure) => failure.into_error(),
        };
        if error.http_status != Some(422) {
            return Err(error);
        }
        match self.get_order(order_id) {
            Ok(order) if order["status"] == "Canceled" => Ok(serde_json::json!({
                "success": true, "canceled_shipments": 0, "already_canceled": true
            })),
            _ => Err(error),
        }
    }

    /// `GET /dashboard/{report}`: one of [`REPORTS`], with its filters (`start_date`,
    /// `end_date`, `retailer_product_id`; `product-performance` also takes `page`,
    /// `per_page` ≤ 50 and `sort_by`, one of [`SORT_BY`]).
    pub fn dashboard(&self, report: &str, query: &Value) -> Result<Value> {
        checks::report(report)?;
        let query = query::report(report, query)?;
        self.transport.get_with(&format!("/dashboard/{report}"), &query.as_pairs(), &json)
    }

    /// `POST /webhooks`. The answer carries the registration's id. Not re-sent after an
    /// ambiguous failure (a second registration would count against the five per key).
    pub fn create_webhook(&self, subscription: &Value) -> Result<Value> {
        checks::webhook(subscription)?;
        let body =
            serde_json::to_vec(subscription).map_err(|e| Error::new(Status::Internal, e.to_string()))?;
        let request = Request::new(Method::Post, "/webhooks").body(&body).replay(Replay::OnlyIfUnsent);
        self.transport.call(&request, &json).map_err(Failure::into_error)
    }

    /// `GET /webhooks`: the registrations of this key.
    pub fn list_webhooks(&self) -> Result<Value> {
        self.list("webhooks", &Value::Null)
    }

    /// `DELETE /webhooks/{id}`.
    pub fn delete_webhook(&self, webhook_id: &str) -> Result<Value> {
        checks::integer_id("webhook_id", webhook_id)?;
        let path = format!("/webhooks/{webhook_id}");
        let request = Request::new(Method::Delete, &path).replay(Replay::Always);
        self.transport.call(&request, &json).map_err(Failure::into_error)
    }

    fn cancels(&self) -> u64 {
        self.cancels.load(Ordering::Relaxed)
    }
}

/// A UTC time as the API's `YYYY-MM-DD HH:MM:SS`, for `start_date` and `end_date`.
pub fn date_text(t: chrono::DateTime<chrono::Utc>) -> String {
    dates::format(t)
}

/// Shipper's error bodies: `{"error": …}` (with a `hint` for dates), or `{"message": …,
/// "errors": {field: [why]}}`.
fn explain(body: &Value) -> Option<String> {
    let mut text = body.get("error").or_else(|| body.get("message")).and_then(Value::as_str)?.to_owned();
    if let Some(errors) = body.get("errors").and_then(Value::as_object) {
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        if !fields.is_empty() && !fields.iter().all(|f| text.contains(f)) {
            text.push_str(&format!(" (fields: {})", fields.join(", ")));
        }
    }
    if let Some(hint) = body.get("hint").and_then(Value::as_str) {
        text.push_str(&format!(" Hint: {hint}"));
    }
    Some(text)
}
