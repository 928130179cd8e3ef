//! The Shipper client against the sandbox: every endpoint, dates on the wire, cancels that
//! repeat safely, webhooks delivered signed, and bad input refused before anything is sent.

mod shipper_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use serde_json::{json, Value};
use shiplink::webhook::{verify, Scheme};
use shiplink::Status;
use shipper_support::{client, move_order, order, product, requests, sandbox};

const WINDOW: u64 = 60_000;

#[test]
fn reference_data_products_and_orders() {
    let sandbox = sandbox(WINDOW);
    let client = client(&sandbox, WINDOW);
    let countries = client.countries().unwrap();
    assert_eq!(countries[0]["code"], "TN");
    assert_eq!(countries[0]["geo_structure"]["fields"][1]["depends_on"], "division_1_id");
    let children = client.divisions("TN", Some(2), Some(1)).unwrap();
    let names: Vec<&str> =
        children["divisions"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Bab El Bhar", "Bab Souika", "Carthage"]);

    let page = client.list("products", &json!({"per_page": 10, "page": 2})).unwrap();
    assert_eq!(page["data"].as_array().unwrap().len(), 10);
    assert_eq!(page["pagination"]["last_page"], 5);
    let uuid = page["data"][0]["uuid"].as_str().unwrap();
    let one = client.get_product(uuid).unwrap();
    assert_eq!(one["uuid"], uuid);
    assert!(one["variants"][0]["available_qte"].is_u64());
    let shirts = client.list("products", &json!({"search": "t-shirt"})).unwrap();
    assert!(shirts["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"].as_str().unwrap().contains("T-Shirt")));

    let created = client.create_order(&order(uuid, Some("ORD-1"))).unwrap();
    assert!(!created.reconciled);
    let got = client.get_order(&created.id.to_string()).unwrap();
    assert_eq!(got["status"], "Pending");
    assert_eq!(got["address"]["first_name"], "Omar");
    move_order(&sandbox, created.id, "delivered");
    let listed = client.list("orders", &json!({"status": "delivered", "search": "omar"})).unwrap();
    assert_eq!(listed["data"][0]["id"], created.id);
    assert_eq!(listed["data"][0]["status"], "Delivered");
    assert_eq!(listed["data"][0]["revenue"], "199");
    let stats = client.dashboard("delivery-stats", &json!({"start_date": "2020-01-01"})).unwrap();
    assert_eq!(stats["total_by_status"][0], json!({"status": "delivered", "count": 1, "on_hold_count": 0}));
    let perf = client
        .dashboard("product-performance", &json!({"sort_by": "delivered_orders", "per_page": 5}))
        .unwrap();
    assert_eq!(perf["total"], 1);
    assert_eq!(perf["products"][0]["delivered_orders"], 1);
    let overview = client.dashboard("overview", &Value::Null).unwrap();
    assert_eq!(overview["shipments_delivered_non_paid"]["revenue"][0]["amount"], "199.00");
    let internal = client.dashboard("internal-confirmation-stats", &Value::Null).unwrap();
    assert_eq!(internal["has_stats"], true);
    assert_eq!(client.dashboard("confirmation-stats", &Value::Null).unwrap()["has_stats"], false);
}

#[test]
fn dates_go_out_with_percent_20_and_a_plus_is_refused_by_the_server() {
    let sandbox = sandbox(WINDOW);
    let client = client(&sandbox, WINDOW);
    client
        .list("orders", &json!({"start_date": "2026-03-29 09:00", "end_date": "2026-05-14T00:00:00+01:00"}))
        .unwrap();
    let line = requests(&sandbox).into_iter().find(|r| r.contains("start_date")).unwrap();
    assert!(line.contains("start_date=2026-03-29%2009"), "{line}");
    assert!(line.contains("end_date=2026-05-14T00%3A00%3A00%2B01%3A00"), "{line}");
    assert!(!line.contains('+'), "{line}");

    // What a client that encodes the space as '+' would have met.
    let url = format!("{}/api/v1/orders?start_date=2026-03-29+09:00", sandbox.base_url());
    let answer = ureq::get(&url)
        .header("Authorization", &format!("Bearer {}", shipper_support::token()))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    assert_eq!(answer.status(), 422);
    let body: Value = serde_json::from_reader(answer.into_body().into_reader()).unwrap();
    assert_eq!(body["hint"], "A space in the URL must be encoded as %20, not %10 or +.");

    let e = client.list("orders", &json!({"start_date": "2026-03-29+09:00"})).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.starts_with("query.start_date"), "{}", e.message);
}

#[test]
fn cancel_twice_succeeds_and_a_shipped_order_keeps_the_servers_refusal() {
    let sandbox = sandbox(WINDOW);
    let client = client(&sandbox, WINDOW);
    let product = product(&client);
    let id = client.create_order(&order(&product, Some("C-1"))).unwrap().id.to_string();
    let first = client.cancel_order(&id).unwrap();
    assert_eq!(first, json!({"success": true, "canceled_shipments": 1}));
    let again = client.cancel_order(&id).unwrap();
    assert_eq!(again["success"], true);
    assert_eq!(again["already_canceled"], true);

    // The first answer lost after the cancel applied: the retry meets a 422 and finds it done.
    let lost = client.create_order(&order(&product, Some("C-2"))).unwrap().id.to_string();
    sandbox.admin("POST", "/sandbox/faults", Some(json!({"drop_after_rate": 1.0}))).unwrap();
    let mut once = shipper_support::config(&sandbox, WINDOW);
    once.max_retries = 0;
    let fragile = shiplink::shipper::Client::new(once).unwrap();
    assert!(fragile.cancel_order(&lost).is_err());
    sandbox.admin("POST", "/sandbox/faults", Some(json!({}))).unwrap();
    assert_eq!(client.get_order(&lost).unwrap()["status"], "Canceled");
    assert_eq!(client.cancel_order(&lost).unwrap()["already_canceled"], true);

    let shipped = client.create_order(&order(&product, Some("C-3"))).unwrap().id;
    move_order(&sandbox, shipped, "intransit");
    let e = client.cancel_order(&shipped.to_string()).unwrap_err();
    assert_eq!(e.status, Status::BadRequest);
    assert_eq!(e.http_status, Some(422));
    assert_eq!(e.body.unwrap(), json!({"error": "No shipments available to cancel"}));
}

/// Reads one HTTP request from the listener, answers 200, returns (signature header, body).
fn receive(listener: &TcpListener) -> (String, Vec<u8>) {
    let (stream, _) = listener.accept().unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream);
    let (mut signature, mut length) = (String::new(), 0usize);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.to_ascii_lowercase().as_str() {
                "x-shipper-signature" => signature = value.trim().to_owned(),
                "content-length" => length = value.trim().parse().unwrap(),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let mut stream = reader.into_inner();
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    (signature, body)
}

#[test]
fn webhooks_are_limited_checked_and_delivered_signed() {
    let sandbox = sandbox(WINDOW);
    let client = client(&sandbox, WINDOW);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let secret = "whsec-0123456789abcdef";
    let url = format!("http://{}/hooks/shipper", listener.local_addr().unwrap());
    let hook = client
        .create_webhook(&json!({"url": url, "events": ["order.status_changed"], "secret": secret}))
        .unwrap();
    assert_eq!(hook["status"], "active");
    for n in 0..4 {
        let other =
            json!({"url": format!("https://shop.example/h{n}"), "events": ["shipment.status_changed"]});
        client.create_webhook(&other).unwrap();
    }
    let sixth = json!({"url": "https://shop.example/h6", "events": ["order.status_changed"]});
    let e = client.create_webhook(&sixth).unwrap_err();
    assert_eq!((e.status, e.http_status), (Status::BadRequest, Some(422)));
    assert_eq!(client.list_webhooks().unwrap().as_array().unwrap().len(), 5);

    let product = product(&client);
    let id = client.create_order(&order(&product, Some("W-1"))).unwrap().id;
    move_order(&sandbox, id, "delivered");
    let (signature, body) = receive(&listener);
    verify(Scheme::Hex, secret.as_bytes(), &signature, &body, 0, 0).unwrap();
    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["event"], "order.status_changed");
    assert_eq!(event["data"], json!({"order_id": id, "status": "Delivered", "previous_status": "Pending"}));

    let hook_id = hook["id"].to_string();
    assert_eq!(client.delete_webhook(&hook_id).unwrap(), json!({"success": true}));
    assert_eq!(client.delete_webhook(&hook_id).unwrap_err().status, Status::NotFound);
}

#[test]
fn bad_input_is_refused_by_name_and_nothing_is_sent() {
    let sandbox = sandbox(WINDOW);
    let client = client(&sandbox, WINDOW);
    let good = order("2e97b37a-0001", Some("B-1"));
    let mut no_phone = good.clone();
    no_phone["address"].as_object_mut().unwrap().remove("phone1");
    let mut no_items = good.clone();
    no_items["items"] = json!([]);
    let hook =
        |url: &str, secret: &str| json!({"url": url, "events": ["order.status_changed"], "secret": secret});
    let cases: Vec<(&str, shiplink::Result<Value>)> = vec![
        ("order.address.phone1", client.create_order(&no_phone).map(|c| c.body)),
        ("order.items", client.create_order(&no_items).map(|c| c.body)),
        ("subscription.url", client.create_webhook(&hook("http://shop.example/h", "0123456789abcdef"))),
        ("subscription.secret", client.create_webhook(&hook("https://shop.example/h", "too-short"))),
        ("query.sort_by", client.dashboard("product-performance", &json!({"sort_by": "revenue"}))),
        ("report", client.dashboard("sales", &Value::Null)),
        ("query.end_date", client.list("orders", &json!({"end_date": "2026-13-01"}))),
        ("query.per_page", client.list("products", &json!({"per_page": 500}))),
        ("resource", client.list("invoices", &Value::Null)),
        ("order_id", client.get_order("55 5")),
        ("order_id", client.cancel_order("")),
        ("webhook_id", client.delete_webhook("1/../2")),
        ("uuid", client.get_product("a/b")),
    ];
    for (field, outcome) in cases {
        let e = outcome.unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument, "{field}");
        assert!(e.message.starts_with(&format!("{field}:")), "{field}: {}", e.message);
        assert_eq!(e.attempts, 0);
    }
    assert!(requests(&sandbox).is_empty(), "{:?}", requests(&sandbox));
}
