//! `POST /orders` has no idempotency key, so it is never re-sent once it may have reached the
//! server (a timeout, a dropped connection, a 5xx after sending, a garbled 2xx): a second
//! attempt would be a second parcel and a second cash-on-delivery collection. Instead the
//! client looks for the order by `external_order_id` among the orders created since just
//! before the first attempt, a few times over a few seconds (a slow server may apply it after
//! the client gave up waiting). Found: success, marked `reconciled`. Not found, or no
//! `external_order_id` to look by: OUTCOME_UNKNOWN, and the host decides. A 429 or a
//! connection never made means the server did not run the request, so it is sent again.

use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Value};

use super::{checks, dates, Client};
use crate::error::{Error, Result, Status};
use crate::transport::{Failure, Method, Replay, Request};

/// Orders created this long before the first attempt are looked at too: the server's clock
/// may run behind this one.
const LOOKBACK: chrono::TimeDelta = chrono::TimeDelta::seconds(120);

/// Waits before each look-up: the order of a request that timed out may still be on its way.
const LOOKUPS_MS: [u64; 4] = [200, 500, 1_000, 2_000];

/// A created order: its id, and whether it was found by reconciliation rather than answered.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedOrder {
    pub id: u64,
    pub reconciled: bool,
    /// The server's answer (`{"id": …}`), with `"reconciled": true` when it was looked up.
    pub body: Value,
}

impl Client {
    /// Creates an order. Never re-sent after an ambiguous failure; see the module docs.
    pub fn create_order(&self, order: &Value) -> Result<CreatedOrder> {
        checks::order(order)?;
        let external = order.get("external_order_id").and_then(Value::as_str).map(str::to_owned);
        let since = Utc::now() - LOOKBACK;
        let body = serde_json::to_vec(order).map_err(|e| Error::new(Status::Internal, e.to_string()))?;
        let request = Request::new(Method::Post, "/orders").body(&body).replay(Replay::OnlyIfUnsent);
        let decode = |bytes: Vec<u8>| -> std::result::Result<Value, String> {
            let value: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
            match value.get("id").and_then(Value::as_u64) {
                Some(_) => Ok(value),
                None => Err("the answer has no integer id".into()),
            }
        };
        match self.transport.call(&request, &decode) {
            Ok(body) => {
                Ok(CreatedOrder { id: body["id"].as_u64().unwrap_or_default(), reconciled: false, body })
            }
            Err(Failure::Definite(e)) => Err(e),
            Err(Failure::MaybeApplied(e)) => self.reconcile(external.as_deref(), &dates::format(since), e),
        }
    }

    fn reconcile(&self, external: Option<&str>, since: &str, error: Error) -> Result<CreatedOrder> {
        let Some(external) = external else {
            return Err(unknown(error, "the order has no external_order_id to look it up by".into()));
        };
        let mut lookup_failure = None;
        for wait in LOOKUPS_MS {
            std::thread::sleep(Duration::from_millis(wait));
            match self.find_external(external, since) {
                Ok(ids) if ids.len() == 1 => {
                    let id = ids[0];
                    return Ok(CreatedOrder {
                        id,
                        reconciled: true,
                        body: json!({ "id": id, "reconciled": true }),
                    });
                }
                Ok(ids) if ids.len() > 1 => {
                    let why = format!(
                        "several orders created since {since} carry external_order_id {external:?}: {ids:?}"
                    );
                    return Err(unknown(error, why));
                }
                Ok(_) => {}
                Err(e) => lookup_failure = Some(e),
            }
        }
        let mut why = format!(
            "no order with external_order_id {external:?} was found among those created since {since}"
        );
        if let Some(e) = lookup_failure {
            why.push_str(&format!(" (a look-up failed: {})", e.message));
        }
        Err(unknown(error, why))
    }

    /// Ids of the orders created since `since` that carry `external`.
    fn find_external(&self, external: &str, since: &str) -> Result<Vec<u64>> {
        let mut found = Vec::new();
        for page in 1u32.. {
            let page_text = page.to_string();
            let query = [("start_date", since), ("per_page", "100"), ("page", page_text.as_str())];
            let body: Value = self.transport.get_with("/orders", &query, &crate::transport::json)?;
            let data = body["data"].as_array().cloned().unwrap_or_default();
            found.extend(
                data.iter()
                    .filter(|o| o["external_order_id"].as_str() == Some(external))
                    .filter_map(|o| o["id"].as_u64()),
            );
            let last = body["pagination"]["last_page"].as_u64().unwrap_or(1);
            if data.is_empty() || u64::from(page) >= last {
                break;
            }
        }
        Ok(found)
    }
}

fn unknown(error: Error, why: String) -> Error {
    Error {
        status: Status::OutcomeUnknown,
        message: format!(
            "{}; the order may have been created and the request was not re-sent: {why}. Look for it \
             (GET /orders) before creating it again",
            error.message
        ),
        ..error
    }
}
