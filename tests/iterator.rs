//! The queue iterator yields every order exactly once while the host acts on orders between
//! calls — the case where reading page 1, 2, 3… skips orders.

mod common;

use std::collections::HashSet;

use common::{client, sandbox, seed};
use shiplink::{AcceptRequest, Client, Order, Queue};

fn accept_all(client: &Client, order: &Order) {
    let items: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap())).collect();
    client.accept(&AcceptRequest::new(&order.order_id, &items)).unwrap();
}

fn assert_each_once(yielded: &[String], seeded: &[String]) {
    let unique: HashSet<&String> = yielded.iter().collect();
    assert_eq!(unique.len(), yielded.len(), "an order was repeated");
    let expected: HashSet<&String> = seeded.iter().collect();
    let missing: Vec<_> = expected.difference(&unique).collect();
    assert!(
        missing.is_empty(),
        "skipped {} orders, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(3)]
    );
}

#[test]
fn naive_page_walk_skips_orders_while_acting() {
    // The failure the iterator exists for: shows the sandbox really shrinks the queue.
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut seen = Vec::new();
    for page in 1.. {
        let orders = client.poll_queue(Queue::PendingAccept, page, None).unwrap();
        if orders.is_empty() {
            break;
        }
        for order in orders {
            accept_all(&client, &order);
            seen.push(order.order_id);
        }
    }
    assert!(seen.len() < seeded.len(), "naive paging saw {} of {}", seen.len(), seeded.len());
}

#[test]
fn acting_on_every_order_skips_none() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut yielded = Vec::new();
    for order in client.iter_queue(Queue::PendingAccept, None) {
        let order = order.unwrap();
        accept_all(&client, &order);
        yielded.push(order.order_id);
    }
    assert_each_once(&yielded, &seeded);
    assert!(client.poll_queue(Queue::PendingAccept, 1, None).unwrap().is_empty());
}

#[test]
fn acting_on_every_other_order_skips_none() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut yielded = Vec::new();
    for (n, order) in client.iter_queue(Queue::PendingAccept, None).enumerate() {
        let order = order.unwrap();
        if n % 2 == 0 {
            accept_all(&client, &order);
        }
        yielded.push(order.order_id);
    }
    assert_each_once(&yielded, &seeded);
    assert_eq!(client.iter_queue(Queue::PendingAccept, None).count(), 125);
}

#[test]
fn acting_late_on_orders_already_passed_skips_none() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 350);
    let client = client(&sandbox);
    let iter = client.iter_queue(Queue::PendingAccept, None);
    let mut held = Vec::new();
    let mut yielded = Vec::new();
    for order in iter {
        let order = order.unwrap();
        yielded.push(order.order_id.clone());
        held.push(order);
        // After two pages, act on everything read so far: pages already passed shrink.
        if held.len() == 200 {
            for order in held.drain(..) {
                accept_all(&client, &order);
            }
        }
    }
    assert_each_once(&yielded, &seeded);
}

#[test]
fn orders_rerouted_during_the_walk_are_yielded_too() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 120);
    let client = client(&sandbox);
    let mut yielded = Vec::new();
    for (n, order) in client.iter_queue(Queue::PendingAccept, None).enumerate() {
        let order = order.unwrap();
        let reject_first = n < 10 && order.extra.get("rerouted_from").is_none();
        let items: Vec<(u64, f64)> = order
            .items
            .iter()
            .enumerate()
            .map(|(k, i)| (i.item_id, if reject_first && k == 0 { 0.0 } else { i.qty.unwrap() }))
            .collect();
        client.accept(&AcceptRequest::new(&order.order_id, &items)).unwrap();
        yielded.push(order.order_id);
    }
    assert_each_once(&yielded, &seeded);
    assert_eq!(yielded.len(), 130, "ten rerouted orders appeared and were walked");
}

#[test]
fn the_date_filter_applies_to_the_walk() {
    let sandbox = sandbox();
    sandbox.create_orders(serde_json::json!({"count": 150, "updated_at": "2026-01-01 00:00:00"})).unwrap();
    sandbox.create_orders(serde_json::json!({"count": 120, "updated_at": "2026-03-01 00:00:00"})).unwrap();
    let client = client(&sandbox);
    let since = shiplink::parse_since("2026-02-01 00:00:00").unwrap();
    assert_eq!(client.iter_queue(Queue::PendingAccept, Some(since)).count(), 120);
}

#[test]
fn batches_walk_the_same_way_while_acting() {
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 250);
    let client = client(&sandbox);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let mut yielded = Vec::new();
    while let Some(batch) = iter.next_batch() {
        let batch = batch.unwrap();
        assert!(!batch.is_empty() && batch.len() <= 100, "{} orders in a batch", batch.len());
        for (n, order) in batch.into_iter().enumerate() {
            if n % 2 == 0 {
                accept_all(&client, &order);
            }
            yielded.push(order.order_id);
        }
    }
    assert_each_once(&yielded, &seeded);
}

#[test]
fn a_batch_walk_that_starts_acting_midway_skips_none() {
    // Three read-only batches start the read-ahead; then the host acts on everything it holds
    // and on every order after: the read-ahead must be dropped, not trusted.
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 450);
    let client = client(&sandbox);
    let mut iter = client.iter_queue(Queue::PendingAccept, None);
    let (mut yielded, mut held) = (Vec::new(), Vec::new());
    let mut batches = 0;
    while let Some(batch) = iter.next_batch() {
        batches += 1;
        for order in batch.unwrap() {
            yielded.push(order.order_id.clone());
            held.push(order);
        }
        if batches >= 3 {
            for order in held.drain(..) {
                accept_all(&client, &order);
            }
        }
    }
    assert_each_once(&yielded, &seeded);
}

#[test]
fn an_order_walk_that_starts_acting_midway_skips_none() {
    // Two read-only pages start the read-ahead; from the middle of the third, the host acts on
    // every order: pages read ahead before that must be dropped, not trusted.
    let sandbox = sandbox();
    let seeded = seed(&sandbox, 450);
    let client = client(&sandbox);
    let mut yielded = Vec::new();
    for order in client.iter_queue(Queue::PendingAccept, None) {
        let order = order.unwrap();
        if yielded.len() >= 250 {
            accept_all(&client, &order);
        }
        yielded.push(order.order_id);
    }
    assert_each_once(&yielded, &seeded);
}
