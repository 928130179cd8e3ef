//! Every action against the sandbox: full and partial operations, rejection and rerouting,
//! idempotent repeats, invoice validation, and the documented error codes.

mod common;

use common::{client, item_ids, sandbox, seed_order};
use shiplink::{
    AcceptRequest, AllocateRequest, Client, InvoiceRequest, Queue, RejectRequest, ShipRequest, Status, Track,
};
use shiplink_sandbox::Sandbox;

fn find(client: &Client, queue: Queue, order_id: &str) -> Option<shiplink::Order> {
    client.iter_queue(queue, None).map(Result::unwrap).find(|o| o.order_id == order_id)
}

fn dhl(n: &str) -> Track {
    Track::new("dhl", "DHL Express", n)
}

/// Accepts and allocates every item of a fresh order; returns (order_id, item ids).
fn ready_to_ship(sandbox: &Sandbox, client: &Client, qtys: &[u32], partial: bool) -> (String, Vec<u64>) {
    let items: Vec<(&str, u32, Option<&str>)> = qtys.iter().map(|q| ("SKU-R", *q, None)).collect();
    let order = seed_order(sandbox, &items, partial);
    let id = order["order_id"].as_str().unwrap().to_owned();
    let ids = item_ids(&order);
    let accept: Vec<(u64, f64)> = ids.iter().zip(qtys).map(|(i, q)| (*i, *q as f64)).collect();
    client.accept(&AcceptRequest::new(&id, &accept)).unwrap();
    client.allocate(&AllocateRequest::new(&id, &ids)).unwrap();
    (id, ids)
}

#[test]
fn full_lifecycle_through_every_queue() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("SKU-A", 2, None), ("SKU-B", 1, Some("WH-C"))], false);
    let id = order["order_id"].as_str().unwrap();
    let ids = item_ids(&order);

    let accepted = client.accept(&AcceptRequest::new(id, &[(ids[0], 2.0), (ids[1], 1.0)])).unwrap();
    assert_eq!(accepted.status.as_deref(), Some("pending_allocation"));
    assert!(find(&client, Queue::PendingAccept, id).is_none());

    let pending = find(&client, Queue::PendingAllocation, id).expect("in pending_allocation");
    let transfer = pending.items.iter().find(|i| i.item_id == ids[1]).unwrap();
    assert_eq!(transfer.warehouse_code.as_deref(), Some("WH-C"), "inter-warehouse item is marked");
    let local = pending.items.iter().find(|i| i.item_id == ids[0]).unwrap();
    assert_eq!(local.warehouse_code, None);

    client.allocate(&AllocateRequest::new(id, &ids)).unwrap();
    let to_ship = find(&client, Queue::PendingShipment, id).expect("in pending_shipment");
    assert_eq!(to_ship.items.len(), 2);

    let mut ship = ShipRequest::new(id, &[(ids[0], 2.0), (ids[1], 1.0)], vec![dhl("JD1"), dhl("JD2")]);
    ship.cod_amount = Some(25.5);
    ship.package_value = Some(30.0);
    client.ship(&ship).unwrap();

    let to_invoice = find(&client, Queue::PendingInvoice, id).expect("in pending_invoice");
    let amount = to_invoice.shipping_amount_incl_tax.expect("pending_invoice shows the shipping amount");
    assert!((amount - 4.99).abs() < 1e-9);
    let done = client.invoice(&InvoiceRequest::new(id, &ids, amount)).unwrap();
    assert_eq!(done.status.as_deref(), Some("complete"));
    for queue in Queue::ALL {
        assert!(find(&client, queue, id).is_none(), "{id} still in {queue}");
    }
    let state = sandbox.order(id).unwrap();
    assert_eq!(state["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(state["shipments"][0]["tracks"].as_array().unwrap().len(), 2);
    assert_eq!(state["invoices"].as_array().unwrap().len(), 1);
}

#[test]
fn partial_accept_is_refused_unless_enabled_for_the_order_or_system() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let strict = seed_order(&sandbox, &[("A", 1, None), ("B", 1, None)], false);
    let strict_id = strict["order_id"].as_str().unwrap();
    let first = item_ids(&strict)[0];
    let e = client.accept(&AcceptRequest::new(strict_id, &[(first, 1.0)])).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::BadRequest, Some(400)));
    assert!(e.body.as_ref().unwrap()["message"].is_string(), "JSON error body kept");
    assert_eq!(sandbox.order(strict_id).unwrap()["status"], "pending_accept", "nothing applied");

    let consenting = seed_order(&sandbox, &[("A", 1, None), ("B", 1, None)], true);
    let id = consenting["order_id"].as_str().unwrap();
    let ids = item_ids(&consenting);
    let order = client.accept(&AcceptRequest::new(id, &[(ids[0], 1.0)])).unwrap();
    assert_eq!(order.status.as_deref(), Some("partially_accepted"));
    let still = find(&client, Queue::PendingAccept, id).unwrap();
    assert_eq!(still.items.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![ids[1]]);

    sandbox.set_partial(true, false);
    client.accept(&AcceptRequest::new(strict_id, &[(first, 1.0)])).unwrap();
}

#[test]
fn qty_must_match_unless_partial_quantities_are_enabled() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("A", 3, None)], false);
    let id = order["order_id"].as_str().unwrap();
    let item = item_ids(&order)[0];
    let e = client.accept(&AcceptRequest::new(id, &[(item, 2.0)])).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    let e = client.accept(&AcceptRequest::new(id, &[(item, 4.0)])).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    sandbox.set_order_partial(id, false, true).unwrap();
    let accepted = client.accept(&AcceptRequest::new(id, &[(item, 2.0)])).unwrap();
    let state = sandbox.order(id).unwrap();
    assert_eq!(state["items"][0]["qty_accepted"], 2, "{accepted:?}");
}

#[test]
fn mixed_accept_and_reject_reroutes_the_rejected_item() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("KEEP", 2, None), ("DROP", 1, None)], false);
    let id = order["order_id"].as_str().unwrap();
    let ids = item_ids(&order);
    client.accept(&AcceptRequest::new(id, &[(ids[0], 2.0), (ids[1], 0.0)])).unwrap();

    let rerouted: Vec<_> = client
        .iter_queue(Queue::PendingAccept, None)
        .map(Result::unwrap)
        .filter(|o| o.extra.get("rerouted_from").and_then(|v| v.as_str()) == Some(id))
        .collect();
    assert_eq!(rerouted.len(), 1, "the rejected item becomes a new order elsewhere");
    assert_ne!(rerouted[0].warehouse_code.as_deref(), order["warehouse_code"].as_str());
    assert_eq!(rerouted[0].items[0].sku.as_deref(), Some("DROP"));
    let allocating = find(&client, Queue::PendingAllocation, id).unwrap();
    assert_eq!(allocating.items.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![ids[0]]);
}

#[test]
fn reject_is_accept_with_zero_quantities() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("A", 1, None), ("B", 2, None)], false);
    let id = order["order_id"].as_str().unwrap();
    let rejected = client.reject(&RejectRequest::new(id, &item_ids(&order))).unwrap();
    assert_eq!(rejected.status.as_deref(), Some("rejected"));
    assert!(find(&client, Queue::PendingAllocation, id).is_none());
}

#[test]
fn repeated_accept_and_ship_are_no_ops() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("A", 1, None)], false);
    let id = order["order_id"].as_str().unwrap();
    let item = item_ids(&order)[0];
    let accept = AcceptRequest::new(id, &[(item, 1.0)]);
    let first = client.accept(&accept).unwrap();
    let again = client.accept(&accept).unwrap();
    assert_eq!(first.updated_at, again.updated_at, "a repeat changes nothing");

    client.allocate(&AllocateRequest::new(id, &[item])).unwrap();
    let ship = ShipRequest::new(id, &[(item, 1.0)], vec![dhl("TRK-1")]);
    client.ship(&ship).unwrap();
    client.ship(&ship).unwrap();
    assert_eq!(sandbox.order(id).unwrap()["shipments"].as_array().unwrap().len(), 1);
}

#[test]
fn allocate_and_invoice_are_not_repeatable() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let (id, ids) = ready_to_ship(&sandbox, &client, &[1], false);
    let e = client.allocate(&AllocateRequest::new(&id, &ids)).unwrap_err();
    assert_eq!(e.status, Status::BadRequest, "a second allocate is refused by the server");
    client.ship(&ShipRequest::new(&id, &[(ids[0], 1.0)], vec![dhl("T-9")])).unwrap();
    client.invoice(&InvoiceRequest::new(&id, &ids, 4.99)).unwrap();
    let e = client.invoice(&InvoiceRequest::new(&id, &ids, 4.99)).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    assert_eq!(sandbox.order(&id).unwrap()["invoices"].as_array().unwrap().len(), 1);
}

#[test]
fn two_parcels_then_an_invoice_after_a_partial_shipment() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let (id, ids) = ready_to_ship(&sandbox, &client, &[2, 1], true);

    // Parcel 1: one of the two units of the first item.
    client.ship(&ShipRequest::new(&id, &[(ids[0], 1.0)], vec![dhl("P1")])).unwrap();
    let invoiceable = find(&client, Queue::PendingInvoice, &id).unwrap();
    assert_eq!(invoiceable.items.len(), 1, "only the shipped subset is invoiceable");
    assert_eq!(invoiceable.items[0].qty, Some(1.0));
    let left = find(&client, Queue::PendingShipment, &id).unwrap();
    assert_eq!(left.items.len(), 2);

    // Invoicing what is not shipped is refused, with the server's explanation.
    let e = client.invoice(&InvoiceRequest::new(&id, &ids, 4.99)).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    assert!(e.body.as_ref().unwrap()["message"].as_str().unwrap().len() > 10);
    let e = client.invoice(&InvoiceRequest::new(&id, &ids[..1], 9.99)).unwrap_err();
    assert_eq!(e.status, Status::BadRequest, "wrong shipping amount");
    client.invoice(&InvoiceRequest::new(&id, &ids[..1], 4.99)).unwrap();

    // Parcel 2: the rest, with two tracks; then the second invoice carries no shipping.
    client
        .ship(&ShipRequest::new(&id, &[(ids[0], 1.0), (ids[1], 1.0)], vec![dhl("P2a"), dhl("P2b")]))
        .unwrap();
    let rest = find(&client, Queue::PendingInvoice, &id).unwrap();
    assert_eq!(rest.shipping_amount_incl_tax, Some(0.0));
    let done = client.invoice(&InvoiceRequest::new(&id, &ids, 0.0)).unwrap();
    assert_eq!(done.status.as_deref(), Some("complete"));
    assert_eq!(sandbox.order(&id).unwrap()["shipments"].as_array().unwrap().len(), 2);
}

#[test]
fn partial_ship_is_refused_on_a_strict_order() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let (id, ids) = ready_to_ship(&sandbox, &client, &[1, 1], false);
    let e = client.ship(&ShipRequest::new(&id, &[(ids[0], 1.0)], vec![dhl("X")])).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    assert!(sandbox.order(&id).unwrap()["shipments"].as_array().unwrap().is_empty());
}

#[test]
fn unknown_items_and_orders_are_refused() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let order = seed_order(&sandbox, &[("A", 1, None)], false);
    let id = order["order_id"].as_str().unwrap();
    let e = client.accept(&AcceptRequest::new(id, &[(999_999, 1.0)])).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::BadRequest, Some(400)));
    let e = client.accept(&AcceptRequest::new("FO-999999999", &[(1, 1.0)])).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::NotFound, Some(404)));
}

#[test]
fn failed_orders_show_only_in_the_failed_queue() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let (id, _) = ready_to_ship(&sandbox, &client, &[1], false);
    sandbox.fail_order(&id, "carrier rejected the address").unwrap();
    assert!(find(&client, Queue::PendingShipment, &id).is_none());
    let failed = find(&client, Queue::Failed, &id).expect("in failed");
    assert_eq!(failed.extra["failure_reason"], "carrier rejected the address");
}
