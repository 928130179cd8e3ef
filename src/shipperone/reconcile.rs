//! `allocate` and `invoice` are not safe to repeat: re-sending one whose answer was lost could
//! allocate or invoice twice. After an ambiguous failure (a timeout, a dropped connection or a
//! 5xx once the request may have reached the server) the client looks at the queues instead:
//!
//! - the listed items are still in the order's pending queue: the call provably did not apply,
//!   so it is sent again (at most `max_retries` times in all);
//! - they have left it (and the order is not in `failed`): the call applied; the result is
//!   `{"order_id": …, "items": [], "reconciled": true}` since the server's own answer was lost;
//! - anything else (the order is in `failed`, only some items left, the queues cannot be read):
//!   `OUTCOME_UNKNOWN`, with what was seen. The host must check before acting again.
//!
//! This assumes the order was in that pending queue when the call was made, as the host saw it.
//!
//! Only the order's item ids decide, so the queues are read as the server sent them and nothing
//! else of an order has to match the typed model: a server whose items carry `id` instead of
//! `item_id`, or fields of unexpected types, still gets an answer.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::models::item_id_of;
use super::{ActionRequest, Client, Order, Queue, RawOrder};
use crate::error::{Error, Result, Status};
use crate::log::{log, Level};
use crate::transport::{Failure, Replay};

enum Finding {
    StillPending,
    Applied,
    Unknown(String),
}

impl Client {
    pub(super) fn act_once<R: ActionRequest>(&self, queue: Queue, path: &str, request: &R) -> Result<Order> {
        let mut attempts = 0;
        let mut resent = 0;
        loop {
            let error = match self.send(queue, path, request, Replay::OnlyIfUnsent) {
                Ok(order) => return Ok(order),
                Err(Failure::Definite(e)) => {
                    let total = attempts + e.attempts;
                    return Err(e.with_attempts(total));
                }
                Err(Failure::MaybeApplied(e)) => e,
            };
            attempts += error.attempts;
            let order_id = request.order_id();
            log(Level::Warn, || {
                format!("{path} for {order_id}: {error}; checking {queue} before anything else")
            });
            match self.find(queue, order_id, &request.item_ids()) {
                Finding::StillPending if resent < self.transport().max_retries() => {
                    resent += 1;
                    log(Level::Info, || format!("{order_id} is still in {queue}: sending {path} again"));
                }
                Finding::StillPending => {
                    let mut e = error;
                    e.message.push_str(&format!(
                        "; {order_id} is still in {queue}, so nothing was applied and the call may be retried"
                    ));
                    return Err(e.with_attempts(attempts));
                }
                Finding::Applied => {
                    log(Level::Info, || format!("{order_id} has left {queue}: {path} applied"));
                    let mut extra = Map::new();
                    extra.insert("reconciled".into(), Value::Bool(true));
                    return Ok(Order {
                        order_id: order_id.to_owned(),
                        status: None,
                        store_code: None,
                        warehouse_code: None,
                        created_at: None,
                        updated_at: None,
                        shipping_amount_incl_tax: None,
                        items: Vec::new(),
                        extra,
                    });
                }
                Finding::Unknown(seen) => {
                    let message = format!(
                        "{path} for {order_id} may or may not have been applied: {} ({seen}); \
                         check the order in ShipperOne before sending it again",
                        error.message
                    );
                    let mut e = Error::new(Status::OutcomeUnknown, message).with_attempts(attempts);
                    e.http_status = error.http_status;
                    e.body = error.body;
                    return Err(e);
                }
            }
        }
    }

    fn find(&self, queue: Queue, order_id: &str, item_ids: &[u64]) -> Finding {
        match self.lookup(queue, order_id) {
            Err(e) => Finding::Unknown(format!("{queue} could not be read: {e}")),
            Ok(Some(order)) => {
                let listed = match items_of(&order) {
                    Ok(listed) => listed,
                    Err(why) => return Finding::Unknown(format!("{order_id} in {queue}: {why}")),
                };
                let pending = item_ids.iter().filter(|id| listed.contains(id)).count();
                if pending == item_ids.len() {
                    Finding::StillPending
                } else if pending == 0 {
                    Finding::Applied
                } else {
                    Finding::Unknown(format!("{pending} of {} items are still in {queue}", item_ids.len()))
                }
            }
            Ok(None) => match self.lookup(Queue::Failed, order_id) {
                Ok(None) => Finding::Applied,
                Ok(Some(_)) => Finding::Unknown("the order is now in the failed queue".into()),
                Err(e) => Finding::Unknown(format!("the failed queue could not be read: {e}")),
            },
        }
    }

    fn lookup(&self, queue: Queue, order_id: &str) -> Result<Option<RawOrder>> {
        for order in self.iter_queue_raw(queue, None) {
            let order = order?;
            if order.id() == order_id {
                return Ok(Some(order));
            }
        }
        Ok(None)
    }
}

/// The ids of an order's items, each read from `item_id` or else `id`.
fn items_of(order: &RawOrder) -> std::result::Result<Vec<u64>, String> {
    #[derive(Deserialize)]
    struct Items {
        #[serde(default)]
        items: Vec<Map<String, Value>>,
    }
    let parsed: Items =
        serde_json::from_str(order.json()).map_err(|e| format!("its items cannot be read ({e})"))?;
    parsed
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            item.get("item_id")
                .or_else(|| item.get("id"))
                .and_then(item_id_of)
                .ok_or_else(|| format!("items[{n}] has neither an item_id nor an id"))
        })
        .collect()
}
