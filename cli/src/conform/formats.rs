//! § Global conventions (timestamps & money) and §2 Shipments: what an ERP parses. Every
//! `…_at` is ISO 8601 in UTC with `Z`; money is a decimal string with a currency; a shipment
//! lists one parcel per tracking number, never several numbers joined in one string.

use serde_json::Value;

use super::cursors::{walk, Repeats};
use super::http::Http;
use super::report::Report;

const FORMATS: &str = "§ Global conventions: timestamps & money";
const PARCELS: &str = "§2 Shipments: parcels[], one tracking number each";

pub fn check(http: &Http, report: &mut Report) {
    const CHECK: &str = "timestamps are UTC with Z, money is decimal strings";
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for path in ["/shipments", "/orders", "/inventory"] {
        match walk(http, path, &[], Repeats::Tolerated) {
            Ok(walked) => rows.extend(walked.rows),
            Err(e) => problems.push(e),
        }
    }
    for row in &rows {
        look(row, "", &mut problems);
    }
    let detail = problems.first().cloned().unwrap_or_else(|| format!("{} rows read", rows.len()));
    report.expect(CHECK, FORMATS, problems.is_empty(), detail);
    parcels(http, report);
}

/// Finds timestamps and money anywhere in `value` and checks their shape.
fn look(value: &Value, path: &str, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(amount) = map.get("amount") {
                let decimal = amount.as_str().is_some_and(is_decimal);
                if !decimal || !map.get("currency").is_some_and(Value::is_string) {
                    problems.push(format!("{path}: money {value} is not a decimal string with a currency"));
                }
            }
            for (key, inner) in map {
                let here = format!("{path}.{key}");
                if key.ends_with("_at") && !inner.is_null() && !inner.as_str().is_some_and(is_utc) {
                    problems.push(format!("{here}: {inner} is not an ISO 8601 UTC time ending in Z"));
                }
                look(inner, &here, problems);
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(n, v)| look(v, &format!("{path}[{n}]"), problems))
        }
        _ => {}
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `2026-07-02T14:31:07Z` (fractions of a second allowed).
fn is_utc(text: &str) -> bool {
    let Some(body) = text.strip_suffix('Z') else { return false };
    let b = body.as_bytes();
    b.len() >= 19
        && [4, 7].iter().all(|&i| b[i] == b'-')
        && b[10] == b'T'
        && [13, 16].iter().all(|&i| b[i] == b':')
        && [0..4, 5..7, 8..10, 11..13, 14..16, 17..19]
            .into_iter()
            .all(|r| b[r].iter().all(u8::is_ascii_digit))
        && (b.len() == 19 || (b[19] == b'.' && b[20..].iter().all(u8::is_ascii_digit)))
}

fn parcels(http: &Http, report: &mut Report) {
    const CHECK: &str = "each parcel carries one tracking number";
    let shipments = match walk(http, "/shipments", &[], Repeats::Tolerated) {
        Ok(walked) => walked.rows,
        Err(e) => return report.fail(CHECK, PARCELS, e),
    };
    if shipments.is_empty() {
        return report.skip(CHECK, PARCELS, "no shipments yet: ship an order in the sandbox first");
    }
    for shipment in &shipments {
        let Some(parcels) = shipment["parcels"].as_array() else {
            return report.fail(CHECK, PARCELS, format!("shipment {} has no parcels[]", shipment["id"]));
        };
        for parcel in parcels {
            let number = parcel["tracking_number"].as_str().unwrap_or("");
            if number.is_empty() || number.contains([',', ';', ' ']) {
                return report.fail(
                    CHECK,
                    PARCELS,
                    format!("shipment {}: tracking_number {number:?}", shipment["id"]),
                );
            }
        }
    }
    report.pass(CHECK, PARCELS, format!("{} shipments", shipments.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_utc("2026-07-02T14:31:07Z") && is_utc("2026-07-02T14:31:07.125Z"));
        for bad in ["2026-07-02T14:31:07", "2026-07-02T14:31:07+10:00", "2026-07-02 14:31:07Z", "2026-07-02Z"]
        {
            assert!(!is_utc(bad), "{bad}");
        }
        assert!(is_decimal("19.99") && is_decimal("12") && is_decimal("-3.5"));
        assert!(!is_decimal("19,99") && !is_decimal("") && !is_decimal("1e3"));
        let mut problems = Vec::new();
        look(
            &serde_json::json!({"cost": {"amount": 12.4, "currency": "AUD"}, "shipped_at": "2026-07-02"}),
            "",
            &mut problems,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
