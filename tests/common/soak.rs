//! The host loop the soak tests run: workers sharing one client walk every stage and act on the
//! orders they own, the way a host's polling loop would; a call that fails is left for the next
//! cycle.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use shiplink::{
    AcceptRequest, AllocateRequest, Client, Config, Error, InvoiceRequest, Order, Queue, ShipRequest, Status,
    Track,
};
use shiplink_sandbox::Sandbox;

/// Failures a polling host shrugs off: the order stays where it is until the next cycle.
pub fn transient(e: &Error) -> bool {
    matches!(
        e.status,
        Status::Network
            | Status::Timeout
            | Status::ServerError
            | Status::RateLimited
            | Status::Decode
            | Status::OutcomeUnknown
    )
}

#[derive(Default)]
pub struct Tally {
    pub transient: AtomicU64,
    /// Calls that ended OUTCOME_UNKNOWN (left for a later cycle, like other transient failures).
    pub unknown: AtomicU64,
    pub unexpected: Mutex<Vec<String>>,
}

fn owner(order_id: &str, workers: usize) -> usize {
    order_id.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)) % workers
}

fn allows_partial(order: &Order) -> bool {
    order.extra.get("allow_partial").and_then(Value::as_bool) == Some(true)
}

/// One stage's action on one order, the way a host would decide it from the queue's view.
fn act(client: &Client, queue: Queue, order: &Order) -> Result<(), Error> {
    let id = order.order_id.as_str();
    let lines: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap_or(0.0))).collect();
    let ids: Vec<u64> = order.items.iter().map(|i| i.item_id).collect();
    match queue {
        Queue::PendingAccept => client.accept(&AcceptRequest::new(id, &lines)).map(drop),
        Queue::PendingAllocation => client.allocate(&AllocateRequest::new(id, &ids)).map(drop),
        Queue::PendingShipment => {
            // Orders with partial consent leave in two parcels when they have several lines.
            let first_parcel = order.status.as_deref() == Some("pending_shipment");
            let (parcel, lines) = if first_parcel && allows_partial(order) && lines.len() > 1 {
                (1, &lines[..1])
            } else {
                (if first_parcel { 1 } else { 2 }, &lines[..])
            };
            let track = Track::new("dhl", "DHL Express", &format!("{id}-P{parcel}"));
            client.ship(&ShipRequest::new(id, lines, vec![track])).map(drop)
        }
        Queue::PendingInvoice => {
            let shipping = order.shipping_amount_incl_tax.unwrap_or(0.0);
            client.invoice(&InvoiceRequest::new(id, &ids, shipping)).map(drop)
        }
        Queue::Failed => Ok(()),
    }
}

/// One of `workers` hosts sharing `client`: walks every stage, acts on the orders it owns, until
/// all `orders` are complete or `deadline` has passed since `started`.
pub fn work(
    client: &Client,
    sandbox: &Sandbox,
    (me, workers): (usize, usize),
    orders: usize,
    tally: &Tally,
    (started, deadline): (Instant, Duration),
) {
    let stages =
        [Queue::PendingAccept, Queue::PendingAllocation, Queue::PendingShipment, Queue::PendingInvoice];
    while started.elapsed() < deadline {
        for queue in stages {
            for order in client.iter_queue(queue, None) {
                let order = match order {
                    Ok(order) => order,
                    Err(e) if transient(&e) => {
                        tally.transient.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                    Err(e) => {
                        tally.unexpected.lock().unwrap().push(format!("walking {queue}: {e}"));
                        break;
                    }
                };
                if owner(&order.order_id, workers) != me {
                    continue;
                }
                match act(client, queue, &order) {
                    Ok(()) => {}
                    Err(e) if transient(&e) => {
                        tally.transient.fetch_add(1, Ordering::Relaxed);
                        if e.status == Status::OutcomeUnknown {
                            tally.unknown.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Err(e) => {
                        tally.unexpected.lock().unwrap().push(format!("{queue} {}: {e}", order.order_id))
                    }
                }
            }
        }
        if sandbox.stats()["statuses"]["complete"].as_u64() == Some(orders as u64) {
            return;
        }
    }
}

/// Seeds `orders` (half with partial consent) and makes the client the workers share: patient
/// retries, short backoff.
pub fn prepare(sandbox: &Sandbox, orders: usize) -> Client {
    sandbox.create_orders(json!({"count": orders / 2, "allow_partial": true})).unwrap();
    sandbox.create_orders(json!({"count": orders - orders / 2})).unwrap();
    let mut config = Config::new(sandbox.base_url(), super::token());
    config.max_retries = 6;
    config.retry_base_ms = 2;
    config.retry_max_ms = 20;
    config.timeout_ms = 5_000;
    Client::new(config).unwrap()
}

/// Runs `workers` hosts on `client` until every order is complete or `deadline` passes.
pub fn run(client: &Client, sandbox: &Sandbox, workers: usize, orders: usize, deadline: Duration) -> Tally {
    let tally = Tally::default();
    let started = Instant::now();
    thread::scope(|s| {
        for me in 0..workers {
            let tally = &tally;
            s.spawn(move || work(client, sandbox, (me, workers), orders, tally, (started, deadline)));
        }
    });
    tally
}
