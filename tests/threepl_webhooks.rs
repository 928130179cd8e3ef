//! Webhook subscriptions through the client, and the sandbox's deliveries to a real listener:
//! signed `t=,v1=` over the raw body (checked with `shiplink::webhook::verify`), retried after a
//! failure with the same `event_id`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use common::threepl::{admin, client, order, sandbox};
use serde_json::{json, Value};
use shiplink::threepl::{Query, Resource};
use shiplink::webhook::{verify, Scheme};

/// One delivery as received: the signature header and the raw body.
struct Delivery {
    signature: String,
    body: Vec<u8>,
}

/// A listener that answers the first `failures` deliveries with a 500, then 204s.
fn receiver(failures: usize) -> (String, mpsc::Receiver<Delivery>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/wms", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut length, mut signature) = (0, String::new());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap_or(("", ""));
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    "x-webhook-signature" => signature = value.trim().to_owned(),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let status = if n < failures { "500 Internal Server Error" } else { "204 No Content" };
            let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            if tx.send(Delivery { signature, body }).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

#[test]
fn deliveries_are_signed_and_retried_with_a_stable_event_id() {
    let sandbox = sandbox();
    admin(&sandbox, "POST", "settings", json!({"webhook_retry_base_ms": 50}));
    let client = client(&sandbox);
    let (url, received) = receiver(2);
    let created = client.create_webhook(&json!({"url": url, "events": ["shipment.created"]})).unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let listed: Value =
        serde_json::from_str(&client.list(Resource::Webhooks, &Query::new()).unwrap()).unwrap();
    assert_eq!(listed["data"][0]["id"], created["id"]);
    assert!(listed["data"][0].get("secret").is_none(), "the secret is shown once");

    let id = client.create_order(&order(1), None).unwrap()["id"].as_str().unwrap().to_owned();
    admin(&sandbox, "POST", &format!("orders/{id}/ship"), json!({"parcels": 2}));
    let mut events = Vec::new();
    for _ in 0..3 {
        let delivery = received.recv_timeout(Duration::from_secs(10)).expect("a delivery");
        let now = chrono::Utc::now().timestamp();
        verify(Scheme::Timestamped, secret.as_bytes(), &delivery.signature, &delivery.body, now, 300)
            .expect("signed over the raw body");
        let event: Value = serde_json::from_slice(&delivery.body).unwrap();
        assert_eq!(event["event_type"], "shipment.created");
        assert_eq!(event["data"]["order_id"], id.as_str(), "the full shipment object");
        assert_eq!(event["data"]["parcels"].as_array().unwrap().len(), 2);
        events.push(event["event_id"].as_str().unwrap().to_owned());
    }
    assert!(events.iter().all(|e| *e == events[0]), "retries keep the event_id: {events:?}");
    // The sandbox counts a delivery once the receiver's answer is read, just after it was sent.
    let counted = || {
        let stats = common::threepl::stats(&sandbox);
        (stats["deliveries"].as_u64(), stats["delivery_failures"].as_u64())
    };
    for _ in 0..100 {
        if counted() == (Some(1), Some(2)) {
            break;
        }
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(counted(), (Some(1), Some(2)));

    let deleted = client.delete_webhook(created["id"].as_str().unwrap()).unwrap();
    assert_eq!(deleted["deleted"], true);
    let e = client.delete_webhook(created["id"].as_str().unwrap()).unwrap_err();
    assert_eq!(e.status, shiplink::Status::NotFound);
}
