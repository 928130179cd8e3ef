//! Polling every queue against the sandbox: pages of 100, the end, the date filter, and the
//! documented error codes.

mod common;

use common::{client, config, sandbox, seed, token};
use shiplink::{AcceptRequest, Client, Queue, Status};
use shiplink_sandbox::{scope, Scopes};

#[test]
fn pages_hold_100_orders_and_end_with_an_empty_page() {
    let sandbox = sandbox();
    let ids = seed(&sandbox, 250);
    let client = client(&sandbox);
    let pages: Vec<_> = (1..=4).map(|p| client.poll_queue(Queue::PendingAccept, p, None).unwrap()).collect();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![100, 100, 50, 0]);
    let polled: Vec<String> = pages.concat().into_iter().map(|o| o.order_id).collect();
    assert_eq!(polled, ids, "every order once, in creation order");
}

#[test]
fn every_queue_is_reachable_and_starts_empty() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    for queue in Queue::ALL {
        assert!(client.poll_queue(queue, 1, None).unwrap().is_empty(), "{queue}");
    }
    seed(&sandbox, 3);
    assert_eq!(client.poll_queue(Queue::PendingAccept, 1, None).unwrap().len(), 3);
}

#[test]
fn orders_carry_items_and_unknown_fields() {
    let sandbox = sandbox();
    seed(&sandbox, 1);
    let order = client(&sandbox).poll_queue(Queue::PendingAccept, 1, None).unwrap().remove(0);
    assert!(order.order_id.starts_with("FO-"));
    assert_eq!(order.status.as_deref(), Some("pending_accept"));
    assert!(!order.items.is_empty() && order.items.len() <= 3);
    assert!(order.items.iter().all(|i| i.item_id > 0 && i.qty.unwrap() >= 1.0));
    assert!(order.extra.contains_key("shipping_address"), "kept: {:?}", order.extra.keys());
    assert!(order.shipping_amount_incl_tax.is_none(), "pending_accept omits prices");
}

#[test]
fn date_filter_keeps_recently_updated_orders() {
    let sandbox = sandbox();
    sandbox.create_orders(serde_json::json!({"count": 2, "updated_at": "2026-01-01 00:00:00"})).unwrap();
    let recent =
        sandbox.create_orders(serde_json::json!({"count": 3, "updated_at": "2026-06-01 12:00:00"})).unwrap();
    let client = client(&sandbox);
    let since = shiplink::parse_since("2026-06-01 12:00:00").unwrap();
    let filtered = client.poll_queue(Queue::PendingAccept, 1, Some(since)).unwrap();
    let expected: Vec<&str> = recent.iter().map(|o| o["order_id"].as_str().unwrap()).collect();
    assert_eq!(filtered.iter().map(|o| o.order_id.as_str()).collect::<Vec<_>>(), expected);
    assert_eq!(client.poll_queue(Queue::PendingAccept, 1, None).unwrap().len(), 5);
}

#[test]
fn bad_token_is_unauthorized_and_missing_scope_is_forbidden() {
    let sandbox = sandbox();
    seed(&sandbox, 1);
    let stranger = Client::new(config(&sandbox, "not-a-known-token")).unwrap();
    let e = stranger.poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::Unauthorized, Some(401)));
    assert!(e.body.is_some());

    sandbox.add_token("reader-only-token", Scopes::list(&[scope::PENDING_ACCEPT]));
    let reader = Client::new(config(&sandbox, "reader-only-token")).unwrap();
    let order = reader.poll_queue(Queue::PendingAccept, 1, None).unwrap().remove(0);
    let e = reader.poll_queue(Queue::PendingInvoice, 1, None).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::Forbidden, Some(403)));
    let accept = AcceptRequest::new(&order.order_id, &[(order.items[0].item_id, 1.0)]);
    let e = reader.accept(&accept).unwrap_err();
    assert_eq!(e.status, Status::Forbidden);
    assert_eq!(e.attempts, 1, "4xx is not retried");
}

#[test]
fn unknown_store_code_is_not_found() {
    let sandbox = sandbox();
    let mut cfg = config(&sandbox, token());
    cfg.store_code = "zz".into();
    let e = Client::new(cfg).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::NotFound);
}
