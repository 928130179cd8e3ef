//! § Global conventions (pagination) and § Efficient incremental polling: cursor walks that
//! never repeat a row, `has_more` and `next_cursor` that agree, and an `updated_since` that
//! keeps the rows tying on the mark's second (timestamps have one-second resolution, so a
//! filter that drops them loses every row committed in the same second as the last one seen).

use std::collections::HashSet;

use serde_json::{json, Value};

use super::http::Http;
use super::report::Report;
use super::Found;

const CURSORS: &str = "§ Global conventions: pagination; § Efficient incremental polling";
const SINCE: &str = "§ Efficient incremental polling: updated_since, stable sort";
/// Pages a walk reads at most: enough to judge the cursors without draining a big account.
const MAX_PAGES: usize = 200;

pub fn check(http: &Http, report: &mut Report, found: &Found, run_id: &str) {
    for (path, check) in [
        ("/shipments", "the shipments walk is stable: no row twice, has_more agrees with next_cursor"),
        ("/orders", "the orders walk is stable: no row twice, has_more agrees with next_cursor"),
    ] {
        match walk(http, path, &[], Repeats::Refused) {
            Ok(walked) => {
                report.pass(check, CURSORS, format!("{} rows in {} pages", walked.rows.len(), walked.pages))
            }
            Err(problem) => report.fail(check, CURSORS, problem),
        }
    }
    ties(http, report, found, run_id);
}

pub struct Walked {
    pub rows: Vec<Value>,
    pub pages: usize,
}

/// Whether a row seen twice in one walk breaks it: only for the checks of the walk itself, so a
/// server with one flaw fails one rule, not every check that reads a list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Repeats {
    Refused,
    Tolerated,
}

/// Every row of `path` by cursor; `Err` names the first broken rule.
pub fn walk(http: &Http, path: &str, query: &[(&str, &str)], repeats: Repeats) -> Result<Walked, String> {
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    for pages in 1..=MAX_PAGES {
        let mut q: Vec<(&str, &str)> = query.to_vec();
        if let Some(c) = &cursor {
            q.push(("cursor", c));
        }
        let answer = http.get(path, &q)?;
        if answer.status != 200 {
            return Err(format!("GET {path} page {pages}: HTTP {}", answer.status));
        }
        let page = answer.json().ok_or_else(|| format!("GET {path} page {pages}: not JSON"))?;
        let data = page["data"].as_array().ok_or_else(|| format!("GET {path} page {pages}: no data[]"))?;
        for row in data {
            // Inventory rows have no id: a SKU is its own key (§3).
            let id = if row["id"].is_null() { row["sku"].to_string() } else { row["id"].to_string() };
            if !seen.insert(id.clone()) {
                if repeats == Repeats::Refused {
                    return Err(format!("GET {path}: row {id} came twice (page {pages})"));
                }
                continue;
            }
            rows.push(row.clone());
        }
        let has_more = page["pagination"]["has_more"].as_bool();
        let next = page["pagination"]["next_cursor"].as_str().filter(|c| !c.is_empty()).map(str::to_owned);
        match (has_more, &next) {
            (Some(true), Some(_)) => cursor = next,
            (Some(false), None) => return Ok(Walked { rows, pages }),
            (None, None) if page.get("pagination").is_none() => return Ok(Walked { rows, pages }),
            _ => {
                return Err(format!(
                "GET {path} page {pages}: has_more {has_more:?} with next_cursor {next:?}: they must agree"
            ))
            }
        }
    }
    Ok(Walked { rows, pages: MAX_PAGES })
}

/// Creates orders back to back until two share an `updated_at` second, then asks for
/// `updated_since` = that second: both must come back.
fn ties(http: &Http, report: &mut Report, found: &Found, run_id: &str) {
    const CHECK: &str = "updated_since keeps rows that tie on its second";
    let mut made: Vec<(String, String)> = Vec::new();
    let mut tie = None;
    for n in 0..6 {
        let reference = format!("{run_id}-T{n}");
        let key = format!("{reference}-key");
        let created =
            match http.send("POST", "/orders", &[("Idempotency-Key", &key)], &found.order(&reference)) {
                Ok(a) if a.status == 201 || a.status == 200 => a.json().unwrap_or_default(),
                Ok(a) => {
                    return report.skip(CHECK, SINCE, format!("could not create orders (HTTP {})", a.status))
                }
                Err(e) => return report.fail(CHECK, SINCE, e),
            };
        let (Some(id), Some(at)) = (created["id"].as_str(), stamp(&created)) else {
            return report.skip(CHECK, SINCE, "created orders carry no id and updated_at/created_at");
        };
        if let Some((other, _)) = made.iter().find(|(_, t)| *t == at) {
            tie = Some((other.clone(), id.to_owned(), at.clone()));
        }
        made.push((id.to_owned(), at));
        if tie.is_some() {
            break;
        }
    }
    match tie {
        None => report.skip(CHECK, SINCE, "no two orders landed in the same second"),
        Some((a, b, second)) => {
            match walk(http, "/orders", &[("updated_since", second.as_str())], Repeats::Tolerated) {
                Ok(walked) => {
                    let ids: HashSet<&str> = walked.rows.iter().filter_map(|r| r["id"].as_str()).collect();
                    let ok = ids.contains(a.as_str()) && ids.contains(b.as_str());
                    report.expect(CHECK, SINCE, ok, format!("orders {a} and {b}, both updated at {second}; updated_since={second} returned {} rows", ids.len()));
                }
                Err(e) => report.fail(CHECK, SINCE, e),
            }
        }
    }
    for (id, _) in made {
        let _ = http.send("POST", &format!("/orders/{id}/cancel"), &[], &json!({}));
    }
}

/// The order's change time, to the second.
fn stamp(order: &Value) -> Option<String> {
    order["updated_at"].as_str().or_else(|| order["created_at"].as_str()).map(str::to_owned)
}
