//! §1 Orders: the create that must never ship twice, reading it back, the amend guarded by a
//! version, and cancels that are honest about what the warehouse already did.

use serde_json::{json, Value};

use super::http::{Answer, Http};
use super::report::Report;
use super::Found;

const CREATE: &str = "§1 Orders: POST /v1/orders";
const IDEMPOTENT: &str = "§ Design principles: idempotent writes; §1 POST /v1/orders";
const READ: &str = "§1 Orders: GET /v1/orders/{id}";
const AMEND: &str = "§1 Orders: PATCH /v1/orders/{id}, If-Match";
const CANCEL: &str = "§1 Orders: POST /v1/orders/{id}/cancel";

pub fn check(http: &Http, report: &mut Report, found: &Found, run_id: &str, shipped: Option<&str>) {
    let reference = format!("{run_id}-A");
    let key = format!("{reference}-key");
    let body = found.order(&reference);
    let created = http.send("POST", "/orders", &[("Idempotency-Key", &key)], &body);
    let id = match &created {
        Ok(a) if a.status == 201 => match id_of(a) {
            Some(id) => {
                report.pass("create answers 201 with a real id", CREATE, format!("id {id}"));
                Some(id)
            }
            None => {
                report.fail("create answers 201 with a real id", CREATE, format!("no id in {}", a.text));
                None
            }
        },
        Ok(a) => {
            report.fail(
                "create answers 201 with a real id",
                CREATE,
                format!("HTTP {}: {}", a.status, short(&a.text)),
            );
            None
        }
        Err(e) => {
            report.fail("create answers 201 with a real id", CREATE, e.clone());
            None
        }
    };
    let Some(id) = id else {
        for check in ["a replayed create returns the same order with 200", "an order reads back by id"] {
            report.skip(check, CREATE, "no order was created");
        }
        report.skip("a stale If-Match is refused with 409", AMEND, "no order was created");
        report.skip("cancel answers 200, and a second cancel is harmless", CANCEL, "no order was created");
        cancel_after_ship(http, report, shipped);
        return;
    };

    match http.send("POST", "/orders", &[("Idempotency-Key", &key)], &body) {
        Ok(a) => report.expect(
            "a replayed create returns the same order with 200",
            IDEMPOTENT,
            a.status == 200 && id_of(&a).as_deref() == Some(id.as_str()),
            format!("HTTP {} with id {:?}", a.status, id_of(&a)),
        ),
        Err(e) => report.fail("a replayed create returns the same order with 200", IDEMPOTENT, e),
    }
    match http.get(&format!("/orders/{id}"), &[]) {
        Ok(a) => report.expect(
            "an order reads back by id",
            READ,
            a.status == 200 && id_of(&a).as_deref() == Some(id.as_str()),
            format!("HTTP {}: {}", a.status, short(&a.text)),
        ),
        Err(e) => report.fail("an order reads back by id", READ, e),
    }
    // A version the server never issued: any honest version check refuses it.
    let amend = http.send(
        "PATCH",
        &format!("/orders/{id}"),
        &[("If-Match", "\"conform-stale-0\"")],
        &json!({"packing_note": "conformance check"}),
    );
    match amend {
        Ok(a) => report.expect(
            "a stale If-Match is refused with 409",
            AMEND,
            a.status == 409,
            format!("HTTP {}: {}", a.status, short(&a.text)),
        ),
        Err(e) => report.fail("a stale If-Match is refused with 409", AMEND, e),
    }
    let path = format!("/orders/{id}/cancel");
    let first = http.send("POST", &path, &[], &json!({}));
    let second = http.send("POST", &path, &[], &json!({}));
    match (first, second) {
        (Ok(a), Ok(b)) => {
            let cancelled = a.status == 200 && a.json().is_some_and(|v| v["status"] == "cancelled");
            report.expect(
                "cancel answers 200, and a second cancel is harmless",
                CANCEL,
                cancelled && (200..300).contains(&b.status),
                format!(
                    "first HTTP {} {}, second HTTP {} {}",
                    a.status,
                    short(&a.text),
                    b.status,
                    short(&b.text)
                ),
            );
        }
        (Err(e), _) | (_, Err(e)) => {
            report.fail("cancel answers 200, and a second cancel is harmless", CANCEL, e)
        }
    }
    cancel_after_ship(http, report, shipped);
}

fn cancel_after_ship(http: &Http, report: &mut Report, shipped: Option<&str>) {
    const CHECK: &str = "cancel after ship is 409 already_shipped";
    let Some(order) = shipped else {
        report.skip(CHECK, CANCEL, "needs an order the warehouse has shipped: --shipped-order ID");
        return;
    };
    match http.send("POST", &format!("/orders/{order}/cancel"), &[], &json!({})) {
        Ok(a) => {
            let code = a.json().and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
            report.expect(
                CHECK,
                CANCEL,
                a.status == 409 && code.as_deref() == Some("already_shipped"),
                format!("HTTP {}: {}", a.status, short(&a.text)),
            );
        }
        Err(e) => report.fail(CHECK, CANCEL, e),
    }
}

fn id_of(answer: &Answer) -> Option<String> {
    answer
        .json()
        .and_then(|v| v.get("id").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned))
}

/// The start of a body, for a report line.
pub fn short(text: &str) -> String {
    let mut s: String = text.chars().take(160).collect();
    if text.chars().count() > 160 {
        s.push('…');
    }
    s
}
