//! `shiplink conform threepl`: the sandbox passes every check; a blueprint server with one
//! deliberate flaw fails the checks of that rule and passes the rest.

mod common;
#[path = "common/flawed.rs"]
mod flawed;

use std::collections::BTreeSet;
use std::process::Command;

use flawed::{Flaw, Flawed};
use serde_json::{json, Value};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

const TOKEN: &str = "conform-token-4e2a91c7d5";

/// A blueprint sandbox with a limit the 429 check reaches quickly, shipments to look at, and
/// an order the warehouse has shipped; its id is returned with it.
fn sandbox() -> (Sandbox, String) {
    let sandbox =
        Sandbox::start(SandboxConfig::new().token(TOKEN, Scopes::All).threepl_rate_limit(60, 1)).unwrap();
    sandbox.admin("POST", "/sandbox/threepl/settings", Some(json!({"page_size": 3}))).unwrap();
    sandbox.admin("POST", "/sandbox/threepl/shipments", Some(json!({"count": 4, "parcels": 2}))).unwrap();
    let shipments = sandbox.admin("GET", "/sandbox/threepl/shipments", None).unwrap();
    let shipped =
        shipments["shipments"][0]["order_id"].as_str().or_else(|| shipments[0]["order_id"].as_str());
    let shipped = shipped.expect("a shipped order").to_owned();
    (sandbox, shipped)
}

/// Runs the checklist against `base_url`; the report, and the names of the failed checks.
fn conform(base_url: &str, shipped: &str) -> (Value, BTreeSet<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_shiplink"))
        .args(["conform", "threepl", "--json", "--base-url", &format!("{base_url}/v1")])
        .args(["--token-env", "CONFORM_TOKEN", "--shipped-order", shipped, "--burst", "400"])
        .env("CONFORM_TOKEN", TOKEN)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN), "the token was printed");
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout} {stderr}"));
    let failed: BTreeSet<String> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] == "fail")
        .map(|c| c["check"].as_str().unwrap().to_owned())
        .collect();
    let expected_code = if failed.is_empty() { 0 } else { 20 };
    assert_eq!(out.status.code(), Some(expected_code), "{report}");
    (report, failed)
}

#[test]
fn the_sandbox_passes_every_check() {
    let (sandbox, shipped) = sandbox();
    let (report, failed) = conform(&sandbox.base_url(), &shipped);
    assert!(failed.is_empty(), "{failed:?}\n{report}");
    assert_eq!(report["not_checked"], 0, "{report}");
    for check in report["checks"].as_array().unwrap() {
        assert!(check["section"].as_str().unwrap().starts_with('§'), "each line cites the spec: {check}");
    }
}

#[test]
fn each_flaw_fails_its_own_checks_and_only_those() {
    let cases: [(Flaw, &[&str]); 5] = [
        (Flaw::NonIdempotentCreate, &["a replayed create returns the same order with 200"]),
        (
            Flaw::OkWithError,
            &[
                "401 carries the error envelope",
                "404 carries the error envelope",
                "422 carries the error envelope (never 200 with an error)",
                "a stale If-Match is refused with 409",
                "cancel after ship is 409 already_shipped",
            ],
        ),
        (Flaw::ExclusiveSince, &["updated_since keeps rows that tie on its second"]),
        (
            Flaw::RepeatingCursor,
            &[
                "the orders walk is stable: no row twice, has_more agrees with next_cursor",
                "the shipments walk is stable: no row twice, has_more agrees with next_cursor",
            ],
        ),
        (Flaw::NoRetryAfter, &["429 carries Retry-After"]),
    ];
    for (flaw, expected) in cases {
        let (sandbox, shipped) = sandbox();
        let proxy = Flawed::start(&sandbox.base_url(), flaw);
        let (report, failed) = conform(&proxy.base_url, &shipped);
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(failed, expected, "{flaw:?}\n{report}");
    }
}
