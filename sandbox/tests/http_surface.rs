//! Auth, ACL scopes, routing, paging, the date filter and error bodies.

mod common;

use common::{order, start, Client};
use serde_json::json;
use shiplink_sandbox::{scope, Sandbox, SandboxConfig, Scopes};

#[test]
fn missing_or_unknown_token_is_401() {
    let (_sb, client) = start(SandboxConfig::new().seed_orders(1));
    let anon = client.with_token(None);
    anon.queue("pending_accept", "").assert_error(401, "unauthorized");
    let wrong = client.with_token(Some("not-a-token"));
    wrong.queue("pending_accept", "").assert_error(401, "unauthorized");
    wrong.accept("FO-000000001", &[(55501, 1)]).assert_error(401, "unauthorized");
    // The message never echoes the token back.
    let r = wrong.queue("pending_accept", "");
    assert!(!r.text.contains("not-a-token"), "{}", r.text);
    assert_eq!(client.queue("pending_accept", "").list().len(), 1);
}

#[test]
fn token_without_the_scope_is_403() {
    let config = SandboxConfig::new().seed_orders(1).token("reader", Scopes::list(&[scope::PENDING_ACCEPT]));
    let (_sb, client) = start(config);
    let reader = client.with_token(Some("reader"));
    assert_eq!(reader.queue("pending_accept", "").list().len(), 1);
    let r = reader.queue("pending_shipment", "");
    r.assert_error(403, "forbidden");
    assert!(r.body["message"].as_str().unwrap().contains(scope::PENDING_SHIPMENT));
    reader.queue("failed", "").assert_error(403, "forbidden");
    reader.accept("FO-000000001", &[(55501, 1)]).assert_error(403, "forbidden");
    reader.allocate("FO-000000001", &[55501]).assert_error(403, "forbidden");
    // Nothing changed behind the 403.
    assert_eq!(client.queue("pending_accept", "").list().len(), 1);
}

#[test]
fn tokens_added_at_runtime_work() {
    let (_sb, client) = start(SandboxConfig::new());
    let late = client.with_token(Some("late"));
    late.queue("pending_accept", "").assert_error(401, "unauthorized");
    let r = client.post("/sandbox/tokens", &json!({"token": "late", "scopes": [scope::PENDING_ACCEPT]}));
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(late.queue("pending_accept", "").list().len(), 0);
    late.queue("pending_invoice", "").assert_error(403, "forbidden");
}

#[test]
fn routing_errors() {
    let (_sb, mut client) = start(SandboxConfig::new().store_code("rs"));
    client.get("/rest/xx/V1/fulfillmentOrders/pending_accept").assert_error(404, "store_not_found");
    client.get("/rest/all/V1/fulfillmentOrders/shipped").assert_error(404, "unknown_queue");
    client.get("/rest/all/V1/nothingHere").assert_error(404, "not_found");
    client.get("/rest/all/V2/fulfillmentOrders/pending_accept").assert_error(404, "not_found");
    client.get("/elsewhere").assert_error(404, "not_found");
    client
        .post("/rest/all/V1/fulfillmentOrders/pending_accept", &json!({}))
        .assert_error(405, "method_not_allowed");
    client.get("/rest/all/V1/fulfillmentOrder/accept").assert_error(405, "method_not_allowed");
    client.raw("DELETE", "/sandbox/orders", None).assert_error(405, "method_not_allowed");
    client.store = "rs".to_string();
    assert_eq!(client.queue("pending_accept", "").list().len(), 0);
}

#[test]
fn store_codes_scope_what_is_visible() {
    let (sb, mut client) = start(SandboxConfig::new().store_code("rs"));
    sb.seed_orders(2);
    let r = client.post("/sandbox/orders", &json!({"count": 3, "store_code": "rs"}));
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(client.queue("pending_accept", "").list().len(), 5, "store `all` sees everything");
    client.store = "rs".to_string();
    let rs = client.queue("pending_accept", "");
    assert_eq!(rs.list().len(), 3);
    assert!(rs.list().iter().all(|o| o["store_code"] == "rs"));
    // An order of another store is not found through this store code.
    client.accept("FO-000000001", &[(55501, 1)]).assert_error(404, "order_not_found");
    let r = client.post("/sandbox/orders", &json!({"count": 1, "store_code": "hr"}));
    r.assert_error(400, "unknown_store_code");
}

#[test]
fn pages_hold_100_orders_and_end_with_an_empty_array() {
    let (_sb, client) = start(SandboxConfig::new().seed_orders(250).rng_seed(1));
    let p1 = client.queue("pending_accept", "");
    let p1b = client.queue("pending_accept", "page=1");
    let p2 = client.queue("pending_accept", "page=2");
    let p3 = client.queue("pending_accept", "page=3");
    let p4 = client.queue("pending_accept", "page=4");
    assert_eq!(p1.list().len(), 100);
    assert_eq!(p1.body, p1b.body, "page defaults to 1");
    assert_eq!(p2.list().len(), 100);
    assert_eq!(p3.list().len(), 50);
    assert_eq!(p4.status, 200);
    assert!(p4.list().is_empty());
    assert_eq!(client.queue("pending_accept", "page=99999999999999999999999").list().len(), 0);
    // Ascending creation order, no overlap between pages.
    let ids: Vec<String> = [&p1, &p2, &p3]
        .iter()
        .flat_map(|p| p.list().iter().map(|o| o["order_id"].as_str().unwrap().to_string()))
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 250);
    assert_eq!(ids[0], "FO-000000001");
    assert_eq!(ids[249], "FO-000000250");
}

#[test]
fn bad_page_is_400_naming_page() {
    let (_sb, client) = start(SandboxConfig::new().seed_orders(1));
    for bad in ["0", "-1", "abc", "1.5", ""] {
        let r = client.queue("pending_accept", &format!("page={bad}"));
        r.assert_error(400, "invalid_page");
        assert_eq!(r.field(), "page", "page={bad}");
    }
}

#[test]
fn bad_date_is_400_naming_date() {
    let (_sb, client) = start(SandboxConfig::new().seed_orders(1));
    for bad in
        ["yesterday", "2024-01-01", "2024-01-01T00:00:00", "2024-13-01+00:00:00", "2024-01-01+25:00:00"]
    {
        let r = client.queue("pending_accept", &format!("date={bad}"));
        r.assert_error(400, "invalid_date");
        assert_eq!(r.field(), "date", "date={bad}");
    }
}

#[test]
fn date_filter_keeps_orders_updated_since() {
    let (_sb, client) = start(SandboxConfig::new());
    let old = client.post("/sandbox/orders", &json!({"count": 3, "updated_at": "2024-01-01 00:00:00"}));
    assert_eq!(old.status, 201, "{}", old.text);
    let new = client.post("/sandbox/orders", &json!({"count": 2, "updated_at": "2024-06-01 12:00:00"}));
    assert_eq!(new.status, 201);
    assert_eq!(new.body["orders"][0]["created_at"], "2024-06-01 12:00:00");

    let plus = client.queue("pending_accept", "date=2024-03-01+00:00:00");
    let pct = client.queue("pending_accept", "date=2024-03-01%2000:00:00");
    assert_eq!(plus.list().len(), 2);
    assert_eq!(plus.body, pct.body);
    // Inclusive bound.
    assert_eq!(client.queue("pending_accept", "date=2024-06-01+12:00:00").list().len(), 2);
    assert_eq!(client.queue("pending_accept", "date=2024-06-01+12:00:01").list().len(), 0);
    assert_eq!(client.queue("pending_accept", "date=2023-01-01+00:00:00&page=1").list().len(), 5);

    // An action bumps updated_at, so the acted-on order shows up in a recent window.
    let first = &old.body["orders"][0];
    let items: Vec<(u64, u32)> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["item_id"].as_u64().unwrap(), i["qty_ordered"].as_u64().unwrap() as u32))
        .collect();
    let accepted = client.accept(first["order_id"].as_str().unwrap(), &items);
    let updated_at = accepted.assert_ok()["updated_at"].as_str().unwrap().to_string();
    assert!(updated_at.as_str() > "2024-06-01 12:00:00");
    let since = updated_at.replace(' ', "+");
    let recent = client.queue("pending_allocation", &format!("date={since}"));
    assert_eq!(recent.list().len(), 1);
}

#[test]
fn queue_views_hide_prices_where_the_spec_says() {
    let (_sb, client) = start(SandboxConfig::new());
    let o = order(&client, &[("A", 2), ("B", 1)], json!({}));
    let view = &client.queue("pending_accept", "").list()[0].clone();
    for key in [
        "order_id",
        "status",
        "store_code",
        "warehouse_code",
        "created_at",
        "updated_at",
        "allow_partial",
        "customer",
        "shipping_address",
        "shipping_method",
        "items",
    ] {
        assert!(view.get(key).is_some(), "pending_accept view lacks {key}: {view}");
    }
    for key in ["grand_total", "shipping_amount_incl_tax"] {
        assert!(view.get(key).is_none(), "pending_accept view shows {key}");
    }
    let item = &view["items"][0];
    assert!(item.get("price_incl_tax").is_none() && item.get("row_total_incl_tax").is_none());
    assert_eq!(item["qty"], 2);
    assert_eq!(item["qty_ordered"], 2);
    assert_eq!(view["status"], "pending_accept");
    assert!(view.get("rerouted_from").is_none());
    assert_eq!(o["grand_total"], 34.99);
}

#[test]
fn malformed_bodies_are_400_naming_the_field() {
    let (_sb, client) = start(SandboxConfig::new());
    let o = order(&client, &[("A", 1)], json!({}));
    let oid = o["order_id"].as_str().unwrap();
    let path = client.rest("fulfillmentOrder/accept");
    let r = client.raw("POST", &path, Some("{not json"));
    r.assert_error(400, "invalid_json");
    client.raw("POST", &path, Some("")).assert_error(400, "invalid_json");
    let cases = [
        (json!({}), "missing_field", "order"),
        (json!({"order": []}), "invalid_type", "order"),
        (json!({"order": {"items": [{"item_id": 55501, "qty": 1}]}}), "missing_field", "order.order_id"),
        (
            json!({"order": {"order_id": 7, "items": [{"item_id": 55501, "qty": 1}]}}),
            "invalid_type",
            "order.order_id",
        ),
        (json!({"order": {"order_id": oid}}), "missing_field", "order.items"),
        (json!({"order": {"order_id": oid, "items": []}}), "empty_items", "order.items"),
        (json!({"order": {"order_id": oid, "items": {"item_id": 1}}}), "invalid_type", "order.items"),
        (json!({"order": {"order_id": oid, "items": [5]}}), "invalid_type", "order.items[0]"),
        (
            json!({"order": {"order_id": oid, "items": [{"qty": 1}]}}),
            "missing_field",
            "order.items[0].item_id",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": "55501", "qty": 1}]}}),
            "invalid_type",
            "order.items[0].item_id",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": 55501}]}}),
            "missing_field",
            "order.items[0].qty",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": 55501, "qty": -1}]}}),
            "invalid_value",
            "order.items[0].qty",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": 55501, "qty": 1.5}]}}),
            "invalid_value",
            "order.items[0].qty",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": 55501, "qty": "1"}]}}),
            "invalid_type",
            "order.items[0].qty",
        ),
        (
            json!({"order": {"order_id": oid, "items": [{"item_id": 55501, "qty": 1}, {"item_id": 55501, "qty": 1}]}}),
            "duplicate_item",
            "order.items[1].item_id",
        ),
    ];
    for (body, code, field) in cases {
        let r = client.action("accept", &body);
        r.assert_error(400, code);
        assert_eq!(r.field(), field, "body {body}");
    }
    // qty written as 1.0 is the same as 1.
    let r = client
        .action("accept", &json!({"order": {"order_id": oid, "items": [{"item_id": 55501, "qty": 1.0}]}}));
    assert_eq!(r.assert_ok()["status"], "pending_allocation");
}

#[test]
fn keep_alive_serves_many_requests_on_one_agent() {
    let (_sb, client) = start(SandboxConfig::new().seed_orders(3));
    for _ in 0..200 {
        assert_eq!(client.queue("pending_accept", "").list().len(), 3);
    }
}

#[test]
fn concurrent_clients_all_get_answers() {
    let (sb, _client) = start(SandboxConfig::new().seed_orders(20));
    let base = sb.base_url();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || {
                let c = Client::new(&base, Some(common::TOKEN));
                for _ in 0..50 {
                    assert_eq!(c.queue("pending_accept", "").list().len(), 20);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn dropping_the_sandbox_stops_it() {
    let sb = Sandbox::start(SandboxConfig::new()).unwrap();
    let addr = format!("127.0.0.1:{}", sb.port());
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    assert!(!sb.base_url().ends_with('/'));
    drop(sb);
    // tiny_http closes its listener from its own accept thread, a moment after the drop.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::net::TcpStream::connect(&addr).is_ok() {
        assert!(std::time::Instant::now() < deadline, "listener still open after drop");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
