//! Orders against the blueprint sandbox: create, amend, cancel and their 409s, the error
//! envelope, and local checks that keep bad input from being sent.

mod common;

use common::threepl::{admin, client, order, requests, sandbox, stats};
use serde_json::json;
use shiplink::threepl::{error_code, Query, Resource};
use shiplink::Status;

#[test]
fn create_get_amend_cancel() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let created = client.create_order(&order(1), None).unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["status"], "received");
    assert_eq!(created["packing_note"], "Leave in porch", "unknown fields pass through");
    let again = client.create_order(&order(1), None).unwrap();
    assert_eq!(again["id"], created["id"], "the same reference is the same order");
    let read = client.get_order(id).unwrap();
    let changes = json!({"ship_to": {"name": "Jane Doe", "address1": "456 New Street", "country": "AU"},
                         "items": [{"sku": "WIDGET-BLUE-M", "quantity": 1}, {"sku": "WIDGET-RED-S", "quantity": 3}]});
    let amended = client.amend_order(id, &changes, read["version"].as_str()).unwrap();
    assert_eq!(amended["version"], "2");
    assert_eq!(amended["items"][1]["sku"], "WIDGET-RED-S");
    let cancelled = client.cancel_order(id).unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(client.cancel_order(id).unwrap()["status"], "cancelled", "cancel twice succeeds both times");
}

#[test]
fn a_stale_if_match_is_a_conflict_carrying_version_conflict() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let id = client.create_order(&order(2), None).unwrap()["id"].as_str().unwrap().to_owned();
    client.amend_order(&id, &json!({"packing_note": "first"}), Some("1")).unwrap();
    let e = client.amend_order(&id, &json!({"packing_note": "second"}), Some("1")).unwrap_err();
    assert_eq!(e.status, Status::Conflict, "{e}");
    assert_eq!(error_code(&e), Some("version_conflict"), "{:?}", e.body);
    assert!(e.message.contains("version_conflict"), "{}", e.message);
    assert!(e.body.as_ref().unwrap()["error"]["request_id"].as_str().is_some_and(|r| r.starts_with("req_")));
    assert_eq!(client.get_order(&id).unwrap()["packing_note"], "first");
}

#[test]
fn cancel_after_ship_is_a_conflict_carrying_already_shipped() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let id = client.create_order(&order(3), None).unwrap()["id"].as_str().unwrap().to_owned();
    admin(&sandbox, "POST", &format!("orders/{id}/pick"), json!({}));
    let e = client.amend_order(&id, &json!({"packing_note": "late"}), None).unwrap_err();
    assert_eq!(error_code(&e), Some("too_late_to_amend"));
    let shipment = admin(&sandbox, "POST", &format!("orders/{id}/ship"), json!({"parcels": 2}));
    assert_eq!(shipment["parcels"].as_array().unwrap().len(), 2, "one parcel per tracking number");
    let e = client.cancel_order(&id).unwrap_err();
    assert_eq!(e.status, Status::Conflict);
    assert_eq!(error_code(&e), Some("already_shipped"), "{:?}", e.body);
    assert_eq!(client.get_order(&id).unwrap()["status"], "shipped");
}

#[test]
fn an_amend_whose_response_was_lost_succeeds() {
    let sandbox = sandbox();
    let mut config = common::threepl::config(&sandbox);
    config.max_retries = 10;
    let client = shiplink::threepl::Client::new(config).unwrap();
    let id = client.create_order(&order(4), None).unwrap()["id"].as_str().unwrap().to_owned();
    sandbox
        .admin("POST", "/sandbox/faults", Some(json!({"drop_after_rate": 0.3, "error_after_rate": 0.1})))
        .unwrap();
    for n in 0..30 {
        let version = loop {
            match client.get_order(&id) {
                Ok(order) => break order["version"].as_str().unwrap().to_owned(),
                Err(e) => assert_eq!(e.status, Status::Network, "{e}"),
            }
        };
        let note = format!("note {n}");
        let amended = client.amend_order(&id, &json!({"packing_note": note}), Some(&version));
        let amended = amended.unwrap_or_else(|e| panic!("amend {n} failed: {e}"));
        assert_eq!(amended["packing_note"], note.as_str());
    }
    let injected = sandbox.stats()["faults_injected"]["drop_after"].as_u64().unwrap_or(0);
    assert!(injected >= 5, "responses were lost after the amend applied ({injected})");
    let conflicts = stats(&sandbox)["counts"]["version_conflicts"].as_u64().unwrap_or(0);
    assert!(conflicts > 0, "a retry met the 409 its own applied attempt caused, and still succeeded");
    sandbox.admin("POST", "/sandbox/faults", Some(json!({}))).unwrap();
    assert_eq!(client.get_order(&id).unwrap()["packing_note"], "note 29");
}

#[test]
fn bad_input_is_refused_by_name_and_nothing_is_sent() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let before = requests(&sandbox);
    let mut cases = Vec::new();
    for (key, field) in
        [("reference", "order.reference"), ("ship_to", "order.ship_to"), ("items", "order.items")]
    {
        let mut o = order(5);
        o.as_object_mut().unwrap().remove(key);
        cases.push((client.create_order(&o, None).unwrap_err(), field));
    }
    let mut o = order(5);
    o["items"][0]["quantity"] = json!(0);
    cases.push((client.create_order(&o, None).unwrap_err(), "order.items[0].quantity"));
    cases.push((client.get_order("ord_1/../x").unwrap_err(), "order_id"));
    cases.push((client.cancel_order("ord_1?x=1").unwrap_err(), "order_id"));
    cases.push((
        client.amend_order("ord_1", &json!({"warehouse_id": "wh_mel_1"}), None).unwrap_err(),
        "changes.warehouse_id",
    ));
    cases.push(("nowhere".parse::<Resource>().unwrap_err(), "resource"));
    cases.push((
        client.list(Resource::Shipments, &Query::new().updated_since("yesterday")).unwrap_err(),
        "query.updated_since",
    ));
    for (e, field) in cases {
        assert_eq!(e.status, Status::InvalidArgument, "{e}");
        assert!(e.message.starts_with(field), "{field}: {}", e.message);
        assert_eq!(e.attempts, 0);
    }
    assert_eq!(requests(&sandbox), before, "the sandbox received nothing");
}

#[test]
fn the_server_refuses_a_reused_key_with_another_body() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    client.create_order(&order(6), Some("key-6")).unwrap();
    let mut changed = order(6);
    changed["packing_note"] = json!("different");
    let e = client.create_order(&changed, Some("key-6")).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    assert_eq!(error_code(&e), Some("idempotency_key_reused"));
    assert_eq!(stats(&sandbox)["orders"], 1);
}

#[test]
fn stock_moves_with_orders_receipts_adjustments_and_returns() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    let level = |client: &shiplink::threepl::Client| {
        let page = client
            .list(
                Resource::Inventory,
                &Query::new().filter("sku", "WIDGET-BLUE-M").filter("warehouse_id", "wh_syd_1"),
            )
            .unwrap();
        let page: serde_json::Value = serde_json::from_str(&page).unwrap();
        let w = &page["data"][0]["warehouses"][0];
        (w["on_hand"].as_i64().unwrap(), w["allocated"].as_i64().unwrap(), w["incoming"].as_i64().unwrap())
    };
    let (on_hand, allocated, incoming) = level(&client);
    let id = client.create_order(&order(7), None).unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(level(&client), (on_hand, allocated + 2, incoming));
    admin(&sandbox, "POST", &format!("orders/{id}/ship"), json!({}));
    assert_eq!(level(&client), (on_hand - 2, allocated, incoming));
    let asn = json!({"reference": "ASN-1", "warehouse_id": "wh_syd_1", "items": [{"sku": "WIDGET-BLUE-M", "expected_quantity": 10}]});
    let asn = client.create_inbound_shipment(&asn, None).unwrap();
    assert_eq!(level(&client).2, incoming + 10);
    let received = admin(
        &sandbox,
        "POST",
        &format!("inbound-shipments/{}/receive", asn["id"].as_str().unwrap()),
        json!({}),
    );
    assert_eq!(received["items"][0]["discrepancy"], -2);
    assert_eq!(level(&client), (on_hand - 2 + 8, allocated, incoming));
    admin(
        &sandbox,
        "POST",
        "adjustments",
        json!({"sku": "WIDGET-BLUE-M", "warehouse_id": "wh_syd_1", "quantity_delta": -3, "reason": "damaged"}),
    );
    let rma = client
        .create_return(
            &json!({"rma": "RMA-7", "order_id": id, "items": [{"sku": "WIDGET-BLUE-M", "quantity": 1}]}),
            None,
        )
        .unwrap();
    admin(&sandbox, "POST", &format!("returns/{}/receive", rma["id"].as_str().unwrap()), json!({}));
    assert_eq!(level(&client).0, on_hand - 2 + 8 - 3 + 1);
}

#[test]
fn a_threepl_token_opens_the_blueprint_only() {
    let sandbox = sandbox();
    let client = client(&sandbox);
    client.list(Resource::Warehouses, &Query::new()).unwrap();
    let mut config = shiplink::Config::new(sandbox.base_url(), common::token());
    config.max_retries = 0;
    let shipperone = shiplink::Client::new(config).unwrap();
    let e = shipperone.poll_queue(shiplink::Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::Unauthorized, "{e}");
}
