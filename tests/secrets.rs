//! The token never reaches an error, a log line or a Debug print — not even when a server echoes
//! it back. Every log line is also printed, so the test command's search of the whole suite's
//! output for the sentinel token covers them too.

mod common;

use std::sync::{Arc, Mutex};

use common::scripted::{status, Scripted};
use common::{sandbox, seed, token};
use serde_json::json;
use shiplink::log::{clear_logger, set_logger, Level};
use shiplink::{AcceptRequest, AllocateRequest, Client, Config, Queue, ShipRequest, Track};
use shiplink_sandbox::Faults;

fn fast(base: &str) -> Config {
    let mut config = Config::new(base, token());
    config.retry_base_ms = 1;
    config.retry_max_ms = 2;
    config
}

#[test]
fn the_token_appears_in_no_error_log_line_or_debug_output() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    set_logger(Level::Debug, move |level, line| {
        eprintln!("shiplink log [{level:?}] {line}");
        sink.lock().unwrap().push(line.to_owned());
    });
    let mut seen: Vec<String> = Vec::new();

    // A server that echoes the Authorization header back in its error body.
    let echo = format!(r#"{{"message":"token Bearer {} is not valid here"}}"#, token());
    let server = Scripted::start(vec![status(401, &echo), status(500, &echo), status(500, &echo)]);
    let client = Client::new(fast(&server.base_url)).unwrap();
    for e in [
        client.poll_queue(Queue::PendingAccept, 1, None).unwrap_err(),
        client.poll_queue(Queue::Failed, 1, None).unwrap_err(),
    ] {
        seen.push(e.to_string());
        seen.push(format!("{e:?}"));
        seen.push(e.to_json().to_string());
    }
    assert!(seen.iter().any(|s| s.contains("[redacted]")), "the echoed token was redacted: {seen:?}");

    // The sandbox with every fault on: retries, reconciliation and failures all log.
    let sandbox = sandbox();
    seed(&sandbox, 5);
    sandbox
        .admin(
            "POST",
            "/sandbox/faults",
            Some(json!(Faults {
                error_rate: 0.2,
                error_after_rate: 0.2,
                drop_after_rate: 0.2,
                garbage_rate: 0.1,
                ..Faults::default()
            })),
        )
        .unwrap();
    let client = Client::new(fast(&sandbox.base_url())).unwrap();
    for order in client.iter_queue(Queue::PendingAccept, None).flatten() {
        let lines: Vec<(u64, f64)> = order.items.iter().map(|i| (i.item_id, i.qty.unwrap())).collect();
        let ids: Vec<u64> = lines.iter().map(|l| l.0).collect();
        let results = [
            client.accept(&AcceptRequest::new(&order.order_id, &lines)).map(drop),
            client.allocate(&AllocateRequest::new(&order.order_id, &ids)).map(drop),
            client
                .ship(&ShipRequest::new(
                    &order.order_id,
                    &lines,
                    vec![Track::new("dhl", "", &order.order_id)],
                ))
                .map(drop),
        ];
        seen.extend(results.iter().filter_map(|r| r.as_ref().err()).map(|e| format!("{e} {e:?}")));
    }

    // Refused locally, with the token in unusual places.
    let refused = [
        Config::from_json(&format!(
            r#"{{"base_url":"http://example.com","token":"{0}","x":"{0}"}}"#,
            token()
        )),
        Config::from_json(&format!(r#"{{"base_url":"{0}","token":"{0}"}}"#, token())),
        Config::from_json(&format!(r#"{{"base_url":"https://u:{0}@[bad","token":"{0}"}}"#, token())),
        Config::from_json(&format!(
            r#"{{"base_url":"https://x.example","token":"{0}","proxy":["{0}"]}}"#,
            token()
        )),
    ];
    seen.extend(refused.iter().map(|r| format!("{:?}", r.as_ref().err())));
    seen.push(format!("{:?}", Config::new("https://x.example", token())));

    clear_logger();
    let lines = lines.lock().unwrap();
    assert!(lines.len() > 20, "the log saw the run: {} lines", lines.len());
    for text in lines.iter().chain(&seen) {
        assert!(!text.contains(token()), "the token leaked: {text}");
    }
}
