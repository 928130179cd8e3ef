//! Retries, backoff, Retry-After, error mapping and the allocate/invoice no-double-send rule,
//! against a scripted loopback server.

mod common;

use std::time::{Duration, Instant};

use common::scripted::{ok, status, Scripted};
use shiplink::{AllocateRequest, Client, Config, InvoiceRequest, Queue, Status};

fn client_for(server: &Scripted, max_retries: u32) -> Client {
    let mut config = Config::new(server.base_url.clone(), common::token());
    config.max_retries = max_retries;
    config.retry_base_ms = 1;
    config.retry_max_ms = 4;
    config.timeout_ms = 3_000;
    Client::new(config).unwrap()
}

const ORDER: &str = r#"{"order_id":"FO-1","status":"pending_shipment","items":[{"item_id":11,"qty":1}]}"#;
const PENDING: &str = r#"[{"order_id":"FO-1","items":[{"item_id":11,"qty":1}]}]"#;

#[test]
fn polls_send_auth_user_agent_and_page() {
    let server = Scripted::start(vec![ok("[]")]);
    let since = shiplink::parse_since("2026-11-20 08:00:00").unwrap();
    let orders = client_for(&server, 0).poll_queue(Queue::PendingShipment, 3, Some(since)).unwrap();
    assert!(orders.is_empty());
    let request = &server.requests()[0];
    assert_eq!(
        request.line,
        "GET /rest/all/V1/fulfillmentOrders/pending_shipment?page=3&date=2026-11-20%2008%3A00%3A00 HTTP/1.1"
    );
    let header = |name: &str| request.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(header("authorization").unwrap(), format!("Bearer {}", common::token()));
    assert!(header("user-agent").unwrap().starts_with(&format!("shiplink/{}", shiplink::VERSION)));
    assert_eq!(header("accept").unwrap(), "application/json");
}

#[test]
fn polls_retry_5xx_and_dropped_connections_then_succeed() {
    let server = Scripted::start(vec![status(503, r#"{"message":"busy"}"#), None, ok("[]")]);
    let orders = client_for(&server, 3).poll_queue(Queue::PendingAccept, 1, None).unwrap();
    assert!(orders.is_empty());
    assert_eq!(server.lines().len(), 3);
}

#[test]
fn retries_are_bounded_and_the_last_error_is_kept() {
    let server = Scripted::start(vec![status(500, r#"{"message":"boom 1"}"#); 5]);
    let e = client_for(&server, 2).poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::ServerError);
    assert_eq!(e.http_status, Some(500));
    assert_eq!(e.attempts, 3);
    assert_eq!(e.body.unwrap()["message"], "boom 1");
    assert_eq!(server.lines().len(), 3);
}

#[test]
fn retry_after_is_honoured() {
    let limited = Some((429, vec![("Retry-After", "1".to_owned())], r#"{"message":"slow down"}"#.to_owned()));
    let server = Scripted::start(vec![limited, ok("[]")]);
    let started = Instant::now();
    client_for(&server, 2).poll_queue(Queue::PendingAccept, 1, None).unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950), "{:?}", started.elapsed());
}

#[test]
fn too_long_retry_after_fails_as_rate_limited() {
    let limited = Some((429, vec![("Retry-After", "3600".to_owned())], "{}".to_owned()));
    let server = Scripted::start(vec![limited]);
    let e = client_for(&server, 3).poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::RateLimited);
    assert!(e.message.contains("3600"), "{}", e.message);
    assert_eq!(server.lines().len(), 1);
}

#[test]
fn http_errors_map_to_statuses_without_retry() {
    for (code, expected) in [
        (400, Status::BadRequest),
        (401, Status::Unauthorized),
        (403, Status::Forbidden),
        (404, Status::NotFound),
        (409, Status::Conflict),
    ] {
        let server = Scripted::start(vec![status(code, r#"{"message":"nope","code":"x"}"#)]);
        let e = client_for(&server, 3).poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
        assert_eq!(e.status, expected, "{code}");
        assert_eq!(e.http_status, Some(code));
        assert_eq!(e.body.as_ref().unwrap()["code"], "x");
        assert_eq!(server.lines().len(), 1, "{code} must not be retried");
        assert!(!e.to_string().contains(common::token()));
    }
}

#[test]
fn redirects_are_not_followed_so_the_token_stays_home() {
    let elsewhere = Scripted::start(vec![ok("[]")]);
    let location = format!("{}/rest/all/V1/fulfillmentOrders/pending_accept?page=1", elsewhere.base_url);
    let redirect = Some((302, vec![("Location", location)], String::new()));
    let server = Scripted::start(vec![redirect]);
    let e = client_for(&server, 0).poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.http_status, Some(302));
    assert!(e.message.contains("redirect"), "{}", e.message);
    assert_eq!(server.lines().len(), 1);
    std::thread::sleep(Duration::from_millis(100));
    assert!(elsewhere.requests().is_empty(), "the redirect target was contacted");
}

#[test]
fn a_garbled_answer_to_a_poll_is_retried() {
    let server = Scripted::start(vec![ok("<html>502 Bad Gateway</html>"), ok("[]")]);
    client_for(&server, 2).poll_queue(Queue::PendingAccept, 1, None).unwrap();
    assert_eq!(server.lines().len(), 2);
}

#[test]
fn a_garbled_answer_to_allocate_is_reconciled_not_resent() {
    let server = Scripted::start(vec![
        ok("<html>502 Bad Gateway</html>"), // POST allocate: applied, answer unreadable
        ok("[]"),                           // pending_allocation: gone
        ok("[]"),                           // failed: not there
    ]);
    let order = client_for(&server, 3).allocate(&AllocateRequest::new("FO-1", &[11])).unwrap();
    assert_eq!(order.extra["reconciled"], true);
    assert_eq!(server.lines().iter().filter(|l| l.starts_with("POST")).count(), 1);
}

#[test]
fn a_body_that_is_not_orders_is_a_decode_error() {
    let server = Scripted::start(vec![ok(r#"{"not":"a list"}"#)]);
    let e = client_for(&server, 0).poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::Decode);
}

#[test]
fn oversized_bodies_are_refused() {
    let mut config = Config::new("http://127.0.0.1:1", common::token());
    config.max_response_bytes = 2048;
    let big = format!("[{}]", vec![PENDING.trim_matches(|c| c == '[' || c == ']'); 100].join(","));
    let server = Scripted::start(vec![ok(&big)]);
    config.base_url = server.base_url.clone();
    let e = Client::new(config).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::Decode);
}

#[test]
fn connection_refused_is_a_network_error_after_retries() {
    // Bind then drop: the port is very likely closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut config = Config::new(format!("http://127.0.0.1:{port}"), common::token());
    config.max_retries = 1;
    config.retry_base_ms = 1;
    config.retry_max_ms = 2;
    let e = Client::new(config).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::Network);
    assert_eq!(e.attempts, 2);
    assert!(!e.message.contains(common::token()));
}

#[test]
fn allocate_is_resent_only_when_the_queue_proves_it_did_not_apply() {
    let server = Scripted::start(vec![
        status(500, r#"{"message":"lost"}"#), // POST allocate: fate unknown
        ok(PENDING),                          // GET pending_allocation page 1: still there
        ok(ORDER),                            // POST allocate again: applied
    ]);
    let order = client_for(&server, 3).allocate(&AllocateRequest::new("FO-1", &[11])).unwrap();
    assert_eq!(order.status.as_deref(), Some("pending_shipment"));
    let lines = server.lines();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("POST /rest/all/V1/fulfillmentOrder/allocate"));
    assert!(lines[1].starts_with("GET /rest/all/V1/fulfillmentOrders/pending_allocation?page=1"));
    assert!(lines[2].starts_with("POST /rest/all/V1/fulfillmentOrder/allocate"));
}

#[test]
fn allocate_that_applied_is_reconciled_not_resent() {
    let server = Scripted::start(vec![
        None,     // POST allocate: connection dropped after the request went out
        ok("[]"), // pending_allocation: the order has left it
        ok("[]"), // failed: not there either
    ]);
    let order = client_for(&server, 3).allocate(&AllocateRequest::new("FO-1", &[11])).unwrap();
    assert_eq!(order.order_id, "FO-1");
    assert_eq!(order.extra["reconciled"], true);
    let posts = server.lines().iter().filter(|l| l.starts_with("POST")).count();
    assert_eq!(posts, 1, "allocate must not be sent twice");
}

#[test]
fn invoice_with_an_unreadable_queue_is_outcome_unknown() {
    let server = Scripted::start(vec![
        status(502, r#"{"message":"gateway"}"#), // POST invoice
        status(401, r#"{"message":"expired"}"#), // the queue cannot be read
    ]);
    let e = client_for(&server, 3).invoice(&InvoiceRequest::new("FO-1", &[11], 4.99)).unwrap_err();
    assert_eq!(e.status, Status::OutcomeUnknown);
    assert!(e.message.contains("FO-1"), "{}", e.message);
    assert_eq!(server.lines().iter().filter(|l| l.starts_with("POST")).count(), 1);
}

#[test]
fn invoice_for_an_order_now_in_failed_is_outcome_unknown() {
    let server = Scripted::start(vec![
        None,        // POST invoice
        ok("[]"),    // pending_invoice: gone
        ok(PENDING), // failed page 1: there it is
    ]);
    let e = client_for(&server, 3).invoice(&InvoiceRequest::new("FO-1", &[11], 4.99)).unwrap_err();
    assert_eq!(e.status, Status::OutcomeUnknown);
    assert!(e.message.contains("failed"), "{}", e.message);
}

#[test]
fn allocate_is_retried_when_the_connection_was_never_made() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut config = Config::new(format!("http://127.0.0.1:{port}"), common::token());
    config.max_retries = 2;
    config.retry_base_ms = 1;
    config.retry_max_ms = 2;
    let e = Client::new(config).unwrap().allocate(&AllocateRequest::new("FO-1", &[11])).unwrap_err();
    assert_eq!(e.status, Status::Network);
    assert_eq!(e.attempts, 3, "refused connections never reached the server: safe to retry");
}

#[test]
fn accept_and_ship_are_retried_after_a_5xx() {
    let server = Scripted::start(vec![status(500, "{}"), ok(ORDER)]);
    let req = shiplink::AcceptRequest::new("FO-1", &[(11, 1.0)]);
    client_for(&server, 3).accept(&req).unwrap();
    assert_eq!(server.lines().len(), 2);
    let body = &server.requests()[1].body;
    assert_eq!(body, r#"{"order":{"order_id":"FO-1","items":[{"item_id":11,"qty":1}]}}"#);
}

#[test]
fn local_validation_sends_nothing() {
    let server = Scripted::start(vec![]);
    let client = client_for(&server, 3);
    let e = client.accept(&shiplink::AcceptRequest::new("FO-1", &[])).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert_eq!(e.attempts, 0);
    let e = client.invoice(&InvoiceRequest::new("", &[1], 1.0)).unwrap_err();
    assert!(e.message.starts_with("order.order_id"));
    let e = client.poll_queue(Queue::PendingAccept, 0, None).unwrap_err();
    assert!(e.message.starts_with("page"));
    assert!(server.lines().is_empty());
}
