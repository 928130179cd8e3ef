//! § Global conventions, errors and rate limits: one envelope with a machine-readable code and
//! a request id, the right status (never 200 with an error inside), and Retry-After on a 429.

use serde_json::json;

use super::http::{Answer, Http};
use super::orders::short;
use super::report::Report;
use super::Found;

const ENVELOPE: &str = "§ Global conventions: errors";
const LIMITS: &str = "§ Global conventions: rate limits";

pub fn check(http: &Http, report: &mut Report, found: &Found) {
    let unauthorized = http.with_token("conform-not-a-token").get("/orders", &[]);
    envelope(report, "401 carries the error envelope", 401, unauthorized);
    let missing = http.get("/orders/conform-no-such-order", &[]);
    envelope(report, "404 carries the error envelope", 404, missing);
    // Required fields missing: a 400 or 422, never a 2xx.
    let mut invalid = found.order("CONFORM-INVALID");
    invalid["ship_to"] = json!(null);
    invalid["items"] = json!([]);
    let refused = http.send("POST", "/orders", &[("Idempotency-Key", "conform-invalid-order")], &invalid);
    envelope(report, "422 carries the error envelope (never 200 with an error)", 422, refused);
}

fn envelope(report: &mut Report, check: &'static str, expected: u16, answer: Result<Answer, String>) {
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => return report.fail(check, ENVELOPE, e),
    };
    let body = answer.json().unwrap_or_default();
    let error = &body["error"];
    let status_ok = answer.status == expected || (expected == 422 && answer.status == 400);
    let ok = status_ok && error["code"].is_string() && error["request_id"].is_string();
    report.expect(check, ENVELOPE, ok, format!("HTTP {}: {}", answer.status, short(&answer.text)));
}

/// Sends reads until a 429 (at most `burst`), which must say when to come back. Run last: it
/// spends the rate limit.
pub fn retry_after(http: &Http, report: &mut Report, burst: usize) {
    const CHECK: &str = "429 carries Retry-After";
    for _ in 0..burst {
        match http.get_once("/warehouses") {
            Ok(a) if a.status == 429 => {
                let seconds = a.header("Retry-After").map(str::trim).map(str::to_owned);
                let ok = seconds.as_deref().is_some_and(|s| !s.is_empty());
                return report.expect(CHECK, LIMITS, ok, format!("Retry-After: {seconds:?}"));
            }
            Ok(_) => {}
            Err(e) => return report.fail(CHECK, LIMITS, e),
        }
    }
    report.skip(CHECK, LIMITS, format!("no 429 in {burst} requests (raise --burst to look further)"));
}
