//! The transport against a scripted loopback server: methods, headers, query encoding, the
//! API's own error envelope and retry verdicts, pacing hooks, and garbled answers.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::Value;

#[path = "../../tests/common/scripted.rs"]
#[allow(dead_code)]
mod scripted;

use super::api::usual_verdict;
use super::rate::Pacer;
use super::*;
use scripted::{ok, status, Scripted};

fn transport(server: &Scripted, api: impl FnOnce(Api) -> Api) -> Transport {
    let mut config = TransportConfig::new(&server.base_url, "t0k3n-secret");
    config.retry_base_ms = 1;
    config.retry_max_ms = 2;
    Transport::new(&config, api(Api::new(format!("{}/v1", server.base_url)))).unwrap()
}

fn value(body: Vec<u8>) -> std::result::Result<Value, String> {
    json(body)
}

#[test]
fn patch_and_delete_carry_their_headers_body_and_query() {
    let server = Scripted::start(vec![ok(r#"{"id":"ord_1"}"#), ok("{}")]);
    let t = transport(&server, |a| a);
    let headers = [("If-Match", "3"), ("Idempotency-Key", "erp-1")];
    let patch = Request::new(Method::Patch, "/orders/ord_1").headers(&headers).body(br#"{"notes":"x"}"#);
    assert_eq!(t.call(&patch, &value).unwrap()["id"], "ord_1");
    let query = [("start_date", "2026-11-20 09:05"), ("search", "a+b&c")];
    t.call(&Request::new(Method::Delete, "/webhooks/9").query(&query), &value).unwrap();
    let seen = server.requests();
    assert_eq!(seen[0].line, "PATCH /v1/orders/ord_1 HTTP/1.1");
    assert!(seen[0].headers.contains(&("if-match".into(), "3".into())));
    assert!(seen[0].headers.contains(&("idempotency-key".into(), "erp-1".into())));
    assert!(seen[0].headers.contains(&("content-type".into(), "application/json".into())));
    assert_eq!(seen[0].body, r#"{"notes":"x"}"#);
    assert_eq!(
        seen[1].line,
        "DELETE /v1/webhooks/9?start_date=2026-11-20%2009%3A05&search=a%2Bb%26c HTTP/1.1"
    );
    assert!(!seen[1].headers.iter().any(|(k, _)| k == "content-type"));
}

#[test]
fn the_apis_envelope_explains_the_error() {
    let body = r#"{"error":{"code":"version_conflict","message":"stale","request_id":"req_1"}}"#;
    let server = Scripted::start(vec![status(409, body)]);
    fn envelope(body: &Value) -> Option<String> {
        let e = body.get("error")?;
        Some(format!("{} ({})", e.get("message")?.as_str()?, e.get("code")?.as_str()?))
    }
    let t = transport(&server, |a| Api { explain: envelope, ..a });
    let e = t.call(&Request::new(Method::Patch, "/orders/1").body(b"{}"), &value).unwrap_err().into_error();
    assert_eq!(e.status, Status::Conflict);
    assert!(e.message.ends_with("HTTP 409: stale (version_conflict)"), "{}", e.message);
    assert_eq!(e.body.unwrap()["error"]["request_id"], "req_1");
}

#[test]
fn the_api_decides_what_is_worth_another_attempt() {
    // An API whose 503 means "not applied, come back" may repeat even a write.
    fn verdict(request: &Request, code: u16) -> Verdict {
        match code {
            503 => Verdict::Retry { maybe_applied: false },
            _ => usual_verdict(request, code),
        }
    }
    let server = Scripted::start(vec![status(503, "{}"), ok("{}")]);
    let t = transport(&server, |a| Api { verdict, ..a });
    let write = Request::new(Method::Post, "/orders").body(b"{}");
    assert!(t.call(&write, &value).is_ok());
    // The usual verdict: a 500 on a write that may not be repeated ends the call at once.
    let server = Scripted::start(vec![status(500, "{}"), ok("{}")]);
    let t = transport(&server, |a| a);
    assert!(matches!(t.call(&write, &value), Err(Failure::MaybeApplied(_))));
    assert_eq!(server.requests().len(), 1);
}

#[derive(Default)]
struct Recorder {
    before: AtomicU32,
    seen: Mutex<Vec<RateLimit>>,
}

impl Pacer for Recorder {
    fn before(&self, _request: &Request) {
        self.before.fetch_add(1, Ordering::SeqCst);
    }
    fn after(&self, _request: &Request, limits: &RateLimit) {
        self.seen.lock().unwrap().push(limits.clone());
    }
}

#[test]
fn the_pacer_hears_every_attempt_and_every_answer() {
    let limited = Some((
        429,
        vec![("Retry-After", "0".to_owned()), ("X-RateLimit-Remaining", "0".to_owned())],
        "{}".to_owned(),
    ));
    let fine = Some((
        200,
        vec![("X-RateLimit-Limit", "120".to_owned()), ("X-RateLimit-Remaining", "119".to_owned())],
        "{}".to_owned(),
    ));
    let server = Scripted::start(vec![limited, fine]);
    let recorder = Arc::new(Recorder::default());
    let pacer: Arc<dyn Pacer> = recorder.clone();
    let t = transport(&server, |a| Api { pacer: Some(pacer), ..a });
    t.call(&Request::new(Method::Get, "/shipments"), &value).unwrap();
    assert_eq!(recorder.before.load(Ordering::SeqCst), 2);
    let seen = recorder.seen.lock().unwrap();
    assert_eq!(
        (seen[0].status, seen[0].remaining, seen[0].retry_after),
        (429, Some(0), Some(Duration::ZERO))
    );
    assert_eq!((seen[1].status, seen[1].limit, seen[1].remaining), (200, Some(120), Some(119)));
}

#[test]
fn a_garbled_answer_is_read_again_until_the_retries_run_out() {
    // The same garble twice in a row is chance as often as it is a fault that stays: read on.
    let proxy = || ok("<html>proxy</html>");
    let server = Scripted::start(vec![proxy(), proxy(), ok("[1,"), ok(r#"{"ok":1}"#)]);
    let t = transport(&server, |a| a);
    assert_eq!(t.call(&Request::new(Method::Get, "/orders"), &value).unwrap()["ok"], 1);
    assert_eq!(server.requests().len(), 4);
    // A garble that stays ends the call as DECODE once max_retries are spent.
    let server = Scripted::start(vec![proxy(); 8]);
    let t = transport(&server, |a| a);
    let e = t.call(&Request::new(Method::Get, "/orders"), &value).unwrap_err().into_error();
    assert_eq!((e.status, e.attempts), (Status::Decode, t.backoff.max_retries + 1));
}
