//! The four-stage state machine over HTTP: accept/reject, allocate, ship, invoice, failed.

mod common;

use common::{find, id, item, item_ids, order, start, Client};
use serde_json::{json, Value};
use shiplink_sandbox::{Sandbox, SandboxConfig};

fn setup() -> (Sandbox, Client) {
    start(SandboxConfig::new())
}

#[test]
fn full_accept_moves_the_order_to_pending_allocation() {
    let (_sb, c) = setup();
    let o = order(&c, &[("A", 2), ("B", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r = c.accept(&oid, &[(ids[0], 2), (ids[1], 1)]);
    let full = r.assert_ok();
    assert_eq!(full["status"], "pending_allocation");
    assert_eq!(item(full, ids[0])["qty_accepted"], 2);
    assert!(full["shipments"].as_array().unwrap().is_empty());
    assert!(c.queue("pending_accept", "").list().is_empty());
    let alloc = c.queue("pending_allocation", "");
    assert_eq!(alloc.list().len(), 1);
    let view = &alloc.list()[0];
    assert_eq!(view["items"][0]["qty"], 2);
    assert_eq!(view["items"][0]["price_incl_tax"], 10.0);
    assert_eq!(view["grand_total"], 34.99);
    assert_eq!(view["shipping_amount_incl_tax"], 4.99);
}

#[test]
fn partial_accept_needs_partials_enabled() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 1), ("B", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r = c.accept(&oid, &[(ids[0], 1)]);
    r.assert_error(400, "partial_not_allowed");
    assert_eq!(r.field(), "order.items");
    assert!(r.body["message"].as_str().unwrap().contains(&ids[1].to_string()));
    assert_eq!(sb.order(&oid).unwrap()["status"], "pending_accept", "nothing applied");

    // Per-order consent.
    sb.set_order_partial(&oid, true, false).unwrap();
    let full = c.accept(&oid, &[(ids[0], 1)]).assert_ok().clone();
    assert_eq!(full["status"], "partially_accepted");
    let pa = c.queue("pending_accept", "");
    assert_eq!(pa.list().len(), 1);
    assert_eq!(item_ids(&pa.list()[0]), vec![ids[1]], "only the undecided item is listed");
    let alloc = c.queue("pending_allocation", "");
    assert_eq!(item_ids(&alloc.list()[0]), vec![ids[0]]);
    assert_eq!(alloc.list()[0]["status"], "partially_accepted");
}

#[test]
fn system_wide_partials_allow_a_subset() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 1), ("B", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r = c.post("/sandbox/settings", &json!({"partial": true}));
    assert_eq!(r.assert_ok()["partial"], true);
    c.accept(&oid, &[(ids[1], 1)]).assert_ok();
    assert_eq!(sb.order(&oid).unwrap()["status"], "partially_accepted");
}

#[test]
fn accept_qty_must_match_unless_partial_qty() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 3)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r = c.accept(&oid, &[(ids[0], 2)]);
    r.assert_error(400, "partial_qty_not_allowed");
    assert_eq!(r.field(), "order.items[0].qty");
    let r = c.accept(&oid, &[(ids[0], 4)]);
    r.assert_error(400, "qty_exceeds_ordered");
    assert_eq!(r.field(), "order.items[0].qty");

    sb.set_order_partial(&oid, false, true).unwrap();
    c.accept(&oid, &[(ids[0], 4)]).assert_error(400, "qty_exceeds_ordered");
    let full = c.accept(&oid, &[(ids[0], 2)]).assert_ok().clone();
    let it = item(&full, ids[0]);
    assert_eq!((it["qty_accepted"].as_u64(), it["qty_rejected"].as_u64()), (Some(2), Some(1)));
    // The rejected unit is rerouted as its own order.
    let rerouted = full["rerouted_to"].as_array().unwrap();
    assert_eq!(rerouted.len(), 1);
    let child = sb.order(rerouted[0].as_str().unwrap()).unwrap();
    assert_eq!(child["items"][0]["qty_ordered"], 1);
    assert_eq!(child["warehouse_code"], "WH-B");
    // Allocation lists the accepted quantity.
    assert_eq!(c.queue("pending_allocation", "").list()[0]["items"][0]["qty"], 2);
}

#[test]
fn mixed_accept_and_reject_reroutes_the_rejected_items() {
    let (sb, c) = setup();
    // An unrelated order first, so the reroute must land after it.
    let first = order(&c, &[("X", 1)], json!({}));
    let o = order(
        &c,
        &[("A", 2), ("B", 1)],
        json!({"customer": {"name": "Ana Horvat", "email": "ana@example.com"}}),
    );
    let (oid, ids) = (id(&o), item_ids(&o));
    let full = c.accept(&oid, &[(ids[0], 2), (ids[1], 0)]).assert_ok().clone();
    assert_eq!(full["status"], "pending_allocation");
    assert_eq!(item(&full, ids[1])["status"], "rejected");
    assert_eq!(item(&full, ids[1])["qty_rejected"], 1);

    let pa = c.queue("pending_accept", "");
    let list = pa.list();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["order_id"], id(&first));
    let child = &list[1];
    assert_eq!(child["rerouted_from"], oid);
    assert_ne!(child["order_id"], oid);
    assert_eq!(child["warehouse_code"], "WH-B");
    assert_eq!(child["customer"]["name"], "Ana Horvat");
    assert_eq!(child["shipping_address"], o["shipping_address"]);
    assert_eq!(child["items"].as_array().unwrap().len(), 1);
    assert_eq!(child["items"][0]["sku"], "B");
    assert_eq!(child["items"][0]["qty"], 1);
    assert!(!ids.contains(&child["items"][0]["item_id"].as_u64().unwrap()), "new item ids");
    assert_eq!(full["rerouted_to"][0], child["order_id"]);

    // Rejected again: on to WH-C; then nowhere left.
    let child_id = id(child);
    let grandchild_id = {
        let f = c.accept(&child_id, &[(item_ids(child)[0], 0)]).assert_ok().clone();
        assert_eq!(f["status"], "rejected");
        f["rerouted_to"][0].as_str().unwrap().to_string()
    };
    let grandchild = sb.order(&grandchild_id).unwrap();
    assert_eq!(grandchild["warehouse_code"], "WH-C");
    assert_eq!(grandchild["rerouted_from"], child_id);
    let last = c.accept(&grandchild_id, &[(item_ids(&grandchild)[0], 0)]).assert_ok().clone();
    assert_eq!(last["status"], "rejected");
    assert!(last["rerouted_to"].as_array().unwrap().is_empty(), "every warehouse was tried");
    assert_eq!(sb.orders().len(), 4);
}

#[test]
fn reject_endpoint_is_accept_with_qty_zero() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r =
        c.action("reject", &json!({"order": {"order_id": oid, "items": [{"item_id": ids[0], "qty": 3}]}}));
    r.assert_error(400, "invalid_value");
    let full = c.action("reject", &json!({"order": {"order_id": oid, "items": [{"item_id": ids[0]}]}}));
    assert_eq!(full.assert_ok()["status"], "rejected");
    assert_eq!(sb.orders().len(), 2, "rerouted");
}

#[test]
fn repeating_an_accept_changes_nothing() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 2), ("B", 1)], json!({"updated_at": "2024-01-01 00:00:00"}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let first = c.accept(&oid, &[(ids[0], 2), (ids[1], 0)]).assert_ok().clone();
    let orders_after_first = sb.orders().len();
    let before = sb.order(&oid).unwrap();
    let again = c.accept(&oid, &[(ids[0], 2), (ids[1], 0)]).assert_ok().clone();
    assert_eq!(again, before);
    assert_eq!(again["updated_at"], first["updated_at"]);
    assert_eq!(sb.orders().len(), orders_after_first, "no second reroute");

    // A different decision for a decided item is a conflict.
    let r = c.accept(&oid, &[(ids[0], 0), (ids[1], 0)]);
    r.assert_error(400, "decision_conflict");
    assert_eq!(r.field(), "order.items[0].qty");
    c.accept(&oid, &[(ids[0], 2), (ids[1], 1)]).assert_error(400, "decision_conflict");
}

#[test]
fn idempotent_accept_does_not_bump_updated_at() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    c.accept(&oid, &[(ids[0], 1)]).assert_ok();
    // Wait past a second boundary so that a bump would show in the timestamp.
    let stamp = sb.order(&oid).unwrap()["updated_at"].as_str().unwrap().to_string();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = c.accept(&oid, &[(ids[0], 1)]).assert_ok().clone();
    assert_eq!(again["updated_at"], stamp);
}

#[test]
fn unknown_item_and_unknown_order() {
    let (_sb, c) = setup();
    let a = order(&c, &[("A", 1)], json!({}));
    let b = order(&c, &[("B", 1)], json!({}));
    let r = c.accept(&id(&a), &[(item_ids(&a)[0], 1), (item_ids(&b)[0], 1)]);
    r.assert_error(400, "unknown_item");
    assert_eq!(r.field(), "order.items[1].item_id");
    let r = c.accept("FO-999999999", &[(55501, 1)]);
    r.assert_error(404, "order_not_found");
    c.allocate("FO-999999999", &[55501]).assert_error(404, "order_not_found");
    c.ship("FO-999999999", &[(55501, 1)], &["T1"]).assert_error(404, "order_not_found");
    c.invoice("FO-999999999", &[55501], 0.0).assert_error(404, "order_not_found");
    c.allocate(&id(&a), &[99]).assert_error(400, "unknown_item");
}

/// Accepted and allocated order with items A x2 and B x1, plus its item ids.
fn allocated(c: &Client, extra: Value) -> (String, Vec<u64>) {
    let o = order(c, &[("A", 2), ("B", 1)], extra);
    let (oid, ids) = (id(&o), item_ids(&o));
    c.accept(&oid, &[(ids[0], 2), (ids[1], 1)]).assert_ok();
    assert_eq!(c.allocate(&oid, &ids).assert_ok()["status"], "pending_shipment");
    (oid, ids)
}

#[test]
fn allocate_is_not_idempotent_and_needs_every_item_without_partials() {
    let (_sb, c) = setup();
    let o = order(&c, &[("A", 2), ("B", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    let r = c.allocate(&oid, &ids);
    r.assert_error(400, "invalid_state");
    assert_eq!(r.field(), "order.items[0].item_id");
    c.accept(&oid, &[(ids[0], 2), (ids[1], 1)]).assert_ok();
    c.allocate(&oid, &ids[..1]).assert_error(400, "partial_not_allowed");
    let full = c.allocate(&oid, &ids).assert_ok().clone();
    assert!(full["items"].as_array().unwrap().iter().all(|i| i["allocated"] == true));
    let r = c.allocate(&oid, &ids);
    r.assert_error(400, "already_allocated");
    assert_eq!(r.field(), "order.items[0].item_id");
    let ship = c.queue("pending_shipment", "");
    assert_eq!(ship.list().len(), 1);
    assert_eq!(ship.list()[0]["items"][0]["qty"], 2);
}

#[test]
fn pending_allocation_shows_transfer_warehouses() {
    let (_sb, c) = setup();
    let o = c.post(
        "/sandbox/orders",
        &json!({"orders": [{"warehouse_code": "WH-A", "items": [
            {"sku": "A", "qty_ordered": 1, "warehouse_code": "WH-C"},
            {"sku": "B", "qty_ordered": 1, "warehouse_code": "WH-A"},
        ]}]}),
    );
    let o = &o.body["orders"][0];
    let ids = item_ids(o);
    c.accept(&id(o), &[(ids[0], 1), (ids[1], 1)]).assert_ok();
    let view = c.queue("pending_allocation", "").list()[0].clone();
    assert_eq!(item(&view, ids[0])["warehouse_code"], "WH-C");
    assert!(item(&view, ids[1]).get("warehouse_code").is_none(), "same warehouse as the order");
    c.allocate(&id(o), &ids).assert_ok();
    let ship = c.queue("pending_shipment", "").list()[0].clone();
    assert!(item(&ship, ids[0]).get("warehouse_code").is_none(), "only pending_allocation shows it");
}

#[test]
fn full_shipment_and_idempotent_repeat() {
    let (sb, c) = setup();
    let (oid, ids) = allocated(&c, json!({}));
    let full = c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &["JD01", "JD02"]).assert_ok().clone();
    assert_eq!(full["status"], "pending_invoice");
    assert_eq!(full["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(full["shipments"][0]["tracks"][1]["track_number"], "JD02");
    // Same tracks (any order), same items: no second shipment.
    let again = c.ship(&oid, &[(ids[1], 1), (ids[0], 2)], &["JD02", "JD01"]).assert_ok().clone();
    assert_eq!(again["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(again, full);
    // Different tracks for goods already shipped: refused.
    c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &["OTHER"]).assert_error(400, "invalid_state");
    assert_eq!(sb.stats()["shipments"], 1);
    assert!(c.queue("pending_shipment", "").list().is_empty());
}

#[test]
fn ship_validation() {
    let (_sb, c) = setup();
    let (oid, ids) = allocated(&c, json!({}));
    let r = c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &[]);
    r.assert_error(400, "missing_tracks");
    assert_eq!(r.field(), "shipment.tracks");
    let r = c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &[""]);
    r.assert_error(400, "invalid_value");
    assert_eq!(r.field(), "shipment.tracks[0].track_number");
    let r = c.action("ship", &json!({"shipment": {"order_id": oid, "items": [{"item_id": ids[0], "qty": 2}, {"item_id": ids[1], "qty": 1}], "tracks": [{"carrier_code": "dhl"}]}}));
    r.assert_error(400, "missing_field");
    assert_eq!(r.field(), "shipment.tracks[0].track_number");
    let r = c.ship(&oid, &[(ids[0], 0), (ids[1], 1)], &["T"]);
    r.assert_error(400, "invalid_value");
    assert_eq!(r.field(), "shipment.items[0].qty");
    let r = c.ship(&oid, &[(ids[0], 3), (ids[1], 1)], &["T"]);
    r.assert_error(400, "qty_exceeds_remaining");
    let r = c.ship(&oid, &[(ids[0], 1), (ids[1], 1)], &["T"]);
    r.assert_error(400, "partial_not_allowed");
    assert_eq!(r.field(), "shipment.items[0].qty");
    let r = c.ship(&oid, &[(ids[0], 2)], &["T"]);
    r.assert_error(400, "partial_not_allowed");
    assert_eq!(r.field(), "shipment.items");
    let r = c.action("ship", &json!({"order": {"order_id": oid}}));
    r.assert_error(400, "missing_field");
    assert_eq!(r.field(), "shipment");
}

#[test]
fn partial_shipment_in_two_parcels_then_invoices() {
    let (sb, c) = setup();
    let (oid, ids) = allocated(&c, json!({"allow_partial": true}));

    // Parcel 1: one unit of A, with COD and package value.
    let body = json!({"shipment": {
        "order_id": oid,
        "items": [{"item_id": ids[0], "qty": 1}],
        "tracks": [{"carrier_code": "dhl", "title": "DHL Express", "track_number": "P1"}],
        "cod_amount": 12.5,
        "package_value": 40.0,
    }});
    let full = c.action("ship", &body).assert_ok().clone();
    assert_eq!(full["status"], "partially_shipped");
    assert_eq!(full["shipments"][0]["cod_amount"], 12.5);
    assert_eq!(full["shipments"][0]["package_value"], 40.0);
    assert_eq!(c.action("ship", &body).assert_ok()["shipments"].as_array().unwrap().len(), 1, "repeat");

    // pending_shipment shows what is left; pending_invoice only the shipped subset.
    let ship_view = c.queue("pending_shipment", "").list()[0].clone();
    assert_eq!(item(&ship_view, ids[0])["qty"], 1);
    assert_eq!(item(&ship_view, ids[1])["qty"], 1);
    let inv_view = c.queue("pending_invoice", "").list()[0].clone();
    assert_eq!(item_ids(&inv_view), vec![ids[0]]);
    assert_eq!(inv_view["items"][0]["qty"], 1);
    assert_eq!(inv_view["items"][0]["qty_ordered"], 2);
    assert_eq!(inv_view["shipping_amount_incl_tax"], 4.99);
    assert!(inv_view["items"][0].get("warehouse_code").is_none());

    // Invoicing with a stale snapshot (both items) is refused with an explanation.
    let r = c.invoice(&oid, &ids, 4.99);
    r.assert_error(400, "invoice_mismatch");
    assert_eq!(r.field(), "order.items");
    assert_eq!(r.body["expected"]["items"], json!([{"item_id": ids[0], "qty": 1}]));
    assert_eq!(r.body["expected"]["shipping_amount_incl_tax"], 4.99);
    let msg = r.body["message"].as_str().unwrap();
    assert!(msg.contains(&ids[1].to_string()) && msg.contains("4.99"), "{msg}");
    // Wrong amount.
    let r = c.invoice(&oid, &ids[..1], 0.0);
    r.assert_error(400, "invoice_mismatch");
    assert_eq!(r.field(), "order.shipping_amount_incl_tax");
    // Both wrong: no single field.
    let r = c.invoice(&oid, &ids[1..], 1.0);
    r.assert_error(400, "invoice_mismatch");
    assert!(r.body.get("field").is_none());
    // Within half a cent is the same amount; doc_type is ignored.
    let ok = c.action(
        "invoice",
        &json!({"order": {"order_id": oid, "items": [{"item_id": ids[0]}], "shipping_amount_incl_tax": 4.994, "doc_type": "invoice"}}),
    );
    let full = ok.assert_ok().clone();
    assert_eq!(full["status"], "partially_shipped");
    assert_eq!(item(&full, ids[0])["qty_invoiced"], 1);
    assert_eq!(full["invoices"][0]["shipping_amount_incl_tax"], 4.99);
    // Not idempotent: a repeat finds nothing pending.
    let r = c.invoice(&oid, &ids[..1], 4.99);
    r.assert_error(400, "invoice_mismatch");
    assert_eq!(r.body["expected"]["items"], json!([]));
    assert!(c.queue("pending_invoice", "").list().is_empty());

    // Parcel 2: the rest.
    let full = c.ship(&oid, &[(ids[0], 1), (ids[1], 1)], &["P2"]).assert_ok().clone();
    assert_eq!(full["status"], "partially_invoiced");
    assert_eq!(full["shipments"].as_array().unwrap().len(), 2);
    let inv_view = c.queue("pending_invoice", "").list()[0].clone();
    assert_eq!(inv_view["shipping_amount_incl_tax"], 0.0, "shipping went on the first invoice");
    assert_eq!(item(&inv_view, ids[0])["qty"], 1);
    c.invoice(&oid, &ids, 4.99).assert_error(400, "invoice_mismatch");
    let done = c.invoice(&oid, &ids, 0.0).assert_ok().clone();
    assert_eq!(done["status"], "complete");
    assert_eq!(done["invoices"].as_array().unwrap().len(), 2);
    for q in ["pending_accept", "pending_allocation", "pending_shipment", "pending_invoice", "failed"] {
        assert!(c.queue(q, "").list().is_empty(), "{q} not empty");
    }
    let stats = sb.stats();
    assert_eq!((stats["shipments"].as_u64(), stats["invoices"].as_u64()), (Some(2), Some(2)));
    assert_eq!(stats["statuses"]["complete"], 1);
}

#[test]
fn full_invoice_completes_the_order() {
    let (_sb, c) = setup();
    let (oid, ids) = allocated(&c, json!({}));
    c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &["T"]).assert_ok();
    let view = c.queue("pending_invoice", "").list()[0].clone();
    assert_eq!(view["status"], "pending_invoice");
    assert_eq!(item_ids(&view), ids);
    let full = c.invoice(&oid, &ids, 4.99).assert_ok().clone();
    assert_eq!(full["status"], "complete");
    assert!(c.invoice(&oid, &ids, 4.99).status == 400);
}

#[test]
fn failed_orders_leave_the_active_queues_until_restored() {
    let (sb, c) = setup();
    let o = order(&c, &[("A", 1)], json!({}));
    let oid = id(&o);
    let r = c.post(&format!("/sandbox/orders/{oid}/fail"), &json!({"reason": "carrier rejected address"}));
    assert_eq!(r.assert_ok()["status"], "failed");
    assert!(c.queue("pending_accept", "").list().is_empty());
    let failed = c.queue("failed", "");
    let view = find(failed.list(), &oid).expect("listed in failed").clone();
    assert_eq!(view["failure_reason"], "carrier rejected address");
    assert_eq!(view["status"], "failed");
    assert!(view.get("grand_total").is_none() && view["items"][0].get("price_incl_tax").is_none());
    assert_eq!(view["items"][0]["qty"], 1);
    // No actions while failed.
    c.accept(&oid, &[(item_ids(&o)[0], 1)]).assert_error(400, "order_failed");

    let restored = c.post(&format!("/sandbox/orders/{oid}/restore"), &json!({}));
    assert_eq!(restored.assert_ok()["status"], "pending_accept");
    assert!(restored.body.get("failure_reason").is_none());
    assert!(c.queue("failed", "").list().is_empty());
    assert_eq!(c.queue("pending_accept", "").list().len(), 1);
    sb.fail_order(&oid, "again").unwrap();
    assert_eq!(c.queue("failed", "").list().len(), 1);
    assert_eq!(sb.fail_order("FO-404404404", "x").unwrap_err().status, 404);
}
