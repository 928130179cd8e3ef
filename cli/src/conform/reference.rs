//! §4 Warehouses & shipping methods: two lists with stable ids, read twice. Also where the
//! rate-limit headers are first looked for, and where the checks find a warehouse and a SKU.

use serde_json::Value;

use super::http::Http;
use super::report::Report;
use super::Found;

const STABLE: &str = "§4 Warehouses & shipping methods";
const HEADERS: &str = "§ Global conventions: rate limits";

pub fn check(http: &Http, report: &mut Report) -> Found {
    let warehouses = stable_ids(http, report, "/warehouses", "warehouses have stable ids");
    let methods = stable_ids(http, report, "/shipping-methods", "shipping methods have stable ids");
    match http.get("/warehouses", &[]) {
        Ok(answer) => {
            let missing: Vec<&str> = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]
                .into_iter()
                .filter(|h| answer.header(h).is_none())
                .collect();
            report.expect(
                "rate-limit headers on every answer",
                HEADERS,
                missing.is_empty(),
                format!("missing: {missing:?}"),
            );
        }
        Err(e) => report.fail("rate-limit headers on every answer", HEADERS, e),
    }
    let sku = http
        .get("/inventory", &[])
        .ok()
        .and_then(|a| a.json())
        .and_then(|page| page["data"].get(0).and_then(|item| item["sku"].as_str().map(str::to_owned)));
    Found { warehouse_id: warehouses.first().cloned(), shipping_method_id: methods.first().cloned(), sku }
}

/// Reads `path` twice; every item has a non-empty id, the same both times.
fn stable_ids(http: &Http, report: &mut Report, path: &str, check: &'static str) -> Vec<String> {
    let read = || -> Result<Vec<String>, String> {
        let answer = http.get(path, &[])?;
        if answer.status != 200 {
            return Err(format!("GET {path} answered {}", answer.status));
        }
        let page = answer.json().ok_or_else(|| format!("GET {path}: not JSON"))?;
        let items = page["data"].as_array().ok_or_else(|| format!("GET {path}: no data[]"))?;
        items
            .iter()
            .map(|item| match item.get("id").and_then(Value::as_str) {
                Some(id) if !id.is_empty() => Ok(id.to_owned()),
                _ => Err(format!("GET {path}: an item has no string id: {item}")),
            })
            .collect()
    };
    match (read(), read()) {
        (Ok(first), Ok(second)) if first.is_empty() => {
            report.fail(check, STABLE, format!("{path} is empty"));
            second
        }
        (Ok(first), Ok(second)) => {
            report.expect(check, STABLE, first == second, format!("{first:?} then {second:?}"));
            first
        }
        (Err(e), _) | (_, Err(e)) => {
            report.fail(check, STABLE, e);
            Vec::new()
        }
    }
}
