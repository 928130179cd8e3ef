//! Soak: 1,000 orders driven through accept → allocate → ship (in one or two parcels) → invoice
//! by 8 concurrent workers sharing one client, while the sandbox injects every fault it has:
//! latency, 429 bursts, 500s and dropped connections before and after applying, truncated and
//! non-JSON bodies. The workers behave like a host's polling loop: a call that fails is left
//! for the next cycle. Afterwards the sandbox's own records must show every order completed
//! exactly once. Bounded: a fixed number of orders and a deadline.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use shiplink::{
    AcceptRequest, AllocateRequest, Client, Config, Error, InvoiceRequest, Order, Queue, ShipRequest, Status,
    Track,
};
use shiplink_sandbox::{Faults, Sandbox, SandboxConfig, Scopes};

const ORDERS: usize = 1_000;
const WORKERS: usize = 8;
const DEADLINE: Duration = Duration::from_secs(300);

fn faults() -> Faults {
    Faults {
        latency_ms: 2,
        rate_limit_rate: 0.03,
        retry_after_s: 0,
        error_rate: 0.03,
        drop_before_rate: 0.03,
        error_after_rate: 0.03,
        drop_after_rate: 0.03,
        truncate_rate: 0.02,
        garbage_rate: 0.02,
    }
}

/// Failures a polling host shrugs off: the order stays where it is until the next cycle.
fn transient(e: &Error) -> bool {
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

struct Tally {
    transient: AtomicU64,
    unexpected: Mutex<Vec<String>>,
}

fn owner(order_id: &str) -> usize {
    order_id.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)) % WORKERS
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

fn work(client: &Client, sandbox: &Sandbox, me: usize, tally: &Tally, started: Instant) {
    let stages =
        [Queue::PendingAccept, Queue::PendingAllocation, Queue::PendingShipment, Queue::PendingInvoice];
    while started.elapsed() < DEADLINE {
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
                if owner(&order.order_id) != me {
                    continue;
                }
                match act(client, queue, &order) {
                    Ok(()) => {}
                    Err(e) if transient(&e) => {
                        tally.transient.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => {
                        tally.unexpected.lock().unwrap().push(format!("{queue} {}: {e}", order.order_id))
                    }
                }
            }
        }
        if sandbox.stats()["statuses"]["complete"].as_u64() == Some(ORDERS as u64) {
            return;
        }
    }
}

#[test]
fn a_thousand_orders_complete_exactly_once_under_faults() {
    let token = common::token();
    let sandbox = Sandbox::start(
        SandboxConfig::new().token(token, Scopes::All).rng_seed(11).faults(faults()).workers(8),
    )
    .unwrap();
    sandbox.create_orders(json!({"count": ORDERS / 2, "allow_partial": true})).unwrap();
    sandbox.create_orders(json!({"count": ORDERS / 2})).unwrap();

    let mut config = Config::new(sandbox.base_url(), token);
    config.max_retries = 6;
    config.retry_base_ms = 2;
    config.retry_max_ms = 20;
    config.timeout_ms = 5_000;
    let client = Client::new(config).unwrap();
    let tally = Tally { transient: AtomicU64::new(0), unexpected: Mutex::new(Vec::new()) };
    let started = Instant::now();
    thread::scope(|s| {
        for me in 0..WORKERS {
            let (client, sandbox, tally) = (&client, &sandbox, &tally);
            s.spawn(move || work(client, sandbox, me, tally, started));
        }
    });
    let elapsed = started.elapsed();
    let stats = sandbox.stats();
    println!(
        "soak: {ORDERS} orders in {:.1} s; {} transient failures left for a later cycle; faults injected: {}",
        elapsed.as_secs_f64(),
        tally.transient.load(Ordering::Relaxed),
        stats["faults_injected"]
    );

    let unexpected = tally.unexpected.lock().unwrap();
    assert!(
        unexpected.is_empty(),
        "{} unexpected failures, e.g. {:?}",
        unexpected.len(),
        &unexpected[..unexpected.len().min(5)]
    );
    verify(&sandbox);
}

/// The sandbox's own records: N seeded = N completed, nothing shipped, invoiced or counted twice.
fn verify(sandbox: &Sandbox) {
    let stats = sandbox.stats();
    for kind in ["rate_limited", "error", "drop_before", "error_after", "drop_after", "truncate", "garbage"] {
        assert!(
            stats["faults_injected"][kind].as_u64().unwrap_or(0) > 0,
            "no {kind} fault was injected: {stats}"
        );
    }
    assert_eq!(
        stats["repeats_refused"],
        json!({}),
        "a non-repeatable action was sent again after it applied"
    );

    let orders = sandbox.orders();
    assert_eq!(orders.len(), ORDERS, "no order lost, none created twice");
    let mut tracks = HashSet::new();
    for order in &orders {
        let id = order["order_id"].as_str().unwrap();
        assert_eq!(order["status"], "complete", "{id} did not complete: {order}");
        let mut shipped: HashMap<u64, u64> = HashMap::new();
        for shipment in order["shipments"].as_array().unwrap() {
            for line in shipment["items"].as_array().unwrap() {
                *shipped.entry(line["item_id"].as_u64().unwrap()).or_default() +=
                    line["qty"].as_u64().unwrap();
            }
            for track in shipment["tracks"].as_array().unwrap() {
                let number = track["track_number"].as_str().unwrap().to_owned();
                assert!(tracks.insert(number.clone()), "{number} recorded twice");
            }
        }
        let mut invoiced: HashMap<u64, u64> = HashMap::new();
        let mut shipping_invoiced = 0.0;
        for invoice in order["invoices"].as_array().unwrap() {
            shipping_invoiced += invoice["shipping_amount_incl_tax"].as_f64().unwrap();
            for line in invoice["items"].as_array().unwrap() {
                *invoiced.entry(line["item_id"].as_u64().unwrap()).or_default() +=
                    line["qty"].as_u64().unwrap();
            }
        }
        for item in order["items"].as_array().unwrap() {
            let item_id = item["item_id"].as_u64().unwrap();
            let ordered = item["qty_ordered"].as_u64().unwrap();
            assert_eq!(shipped.get(&item_id).copied(), Some(ordered), "{id} item {item_id} shipped wrong");
            assert_eq!(invoiced.get(&item_id).copied(), Some(ordered), "{id} item {item_id} invoiced wrong");
        }
        let parcels = order["shipments"].as_array().unwrap().len();
        let multi_line = order["items"].as_array().unwrap().len() > 1;
        let expected_parcels = if order["allow_partial"] == true && multi_line { 2 } else { 1 };
        assert_eq!(parcels, expected_parcels, "{id}: {parcels} parcels");
        let shipping = order["shipping_amount_incl_tax"].as_f64().unwrap();
        assert!((shipping_invoiced - shipping).abs() < 0.005, "{id}: shipping invoiced {shipping_invoiced}");
    }
}
