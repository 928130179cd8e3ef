//! `shiplink threepl …` against the sandbox's blueprint: orders created once, honest
//! conflicts, and a sync that, killed halfway and run again, prints every shipment once.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Env, TOKEN};
use serde_json::{json, Value};

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn order(reference: &str) -> String {
    json!({
        "order_number": reference, "reference": reference, "warehouse_id": "wh_syd_1",
        "ship_to": {"name": "Jane Doe", "address1": "123 Main St", "city": "Sydney", "postcode": "2000", "country": "AU"},
        "items": [{"sku": "WIDGET-BLUE-M", "quantity": 2}]
    })
    .to_string()
}

#[test]
fn orders_are_created_once_and_conflicts_say_why() {
    let env = Env::new("threepl-orders");
    let first = value(&env.run(&["threepl", "orders", "create"], &order("CLI-100")).ok().clean().stdout());
    let again = value(&env.run(&["threepl", "orders", "create"], &order("CLI-100")).ok().clean().stdout());
    assert_eq!(first["id"], again["id"], "the same reference, the same order");
    let id = first["id"].as_str().unwrap();
    assert_eq!(value(&env.run(&["threepl", "orders", "get", id], "").ok().stdout())["reference"], "CLI-100");
    let changes = json!({"packing_note": "Leave in porch"}).to_string();
    let stale = env.run(&["-v", "threepl", "orders", "amend", id, "--if-match", "99"], &changes).clean();
    assert_eq!(stale.code(), 7, "CONFLICT: {}", stale.stderr());
    assert!(stale.stderr().contains("version_conflict"), "{}", stale.stderr());
    env.run(&["threepl", "orders", "amend", id], &changes).ok();
    for _ in 0..2 {
        env.run(&["threepl", "orders", "cancel", id], "").ok().clean();
    }
    let warehouses = env.run(&["threepl", "iter", "warehouses"], "").ok().lines();
    assert!(warehouses.iter().any(|w| w["id"] == "wh_syd_1"));
    let page =
        value(&env.run(&["threepl", "list", "orders", "--filter", "reference=CLI-100"], "").ok().stdout());
    assert_eq!(page["data"][0]["status"], "cancelled");
    let hook = json!({"url": "http://127.0.0.1:9/hooks", "events": ["shipment.created"]}).to_string();
    let made = value(&env.run(&["threepl", "webhook-create"], &hook).ok().stdout());
    assert!(made["secret"].is_string());
    env.run(&["threepl", "webhook-delete", made["id"].as_str().unwrap()], "").ok();
    // Refused before anything is sent, naming the field.
    let bad = env.run(&["threepl", "orders", "create"], r#"{"order_number":"X","reference":"X"}"#).clean();
    assert_eq!(bad.code(), 2);
    assert!(bad.stderr().contains("warehouse_id") || bad.stderr().contains("ship_to"), "{}", bad.stderr());
    assert_eq!(env.run(&["threepl", "list", "parcels"], "").code(), 2, "unknown resource");
}

#[test]
fn an_interrupted_sync_resumes_and_prints_every_shipment_once() {
    let env = Env::new("threepl-sync");
    env.sandbox.admin("POST", "/sandbox/threepl/settings", Some(json!({"page_size": 10}))).unwrap();
    env.sandbox
        .admin("POST", "/sandbox/threepl/shipments", Some(json!({"count": 300, "parcels": 2})))
        .unwrap();
    let checkpoint = env.dir.join("shipments.checkpoint");
    let checkpoint = checkpoint.to_str().unwrap();

    // First run: stopped (SIGTERM) once 50 shipments have come out.
    let mut child = Command::new(env!("CARGO_BIN_EXE_shiplink"))
        .args(["threepl", "sync", "shipments", "--checkpoint", checkpoint])
        .env("SHIPLINK_CONFIG", env.dir.join("config.json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut printed: Vec<Value> = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref().take(50) {
        printed.push(value(&line.unwrap()));
    }
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    printed.extend(lines.map(|l| value(&l.unwrap())));
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "stopped by the signal, its place saved");
    let first_run = printed.len();
    assert!(first_run < 300, "the first run was not interrupted ({first_run} printed)");

    // Second run: the rest, from the checkpoint; a third finds nothing new.
    printed.extend(
        env.run(&["threepl", "sync", "shipments", "--checkpoint", checkpoint], "").ok().clean().lines(),
    );
    let third = env.run(&["threepl", "sync", "shipments", "--checkpoint", checkpoint], "").ok();
    assert_eq!(third.stdout(), "", "nothing changed since");

    let mut seen: HashMap<String, usize> = HashMap::new();
    for shipment in &printed {
        *seen.entry(shipment["id"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    assert_eq!(seen.len(), 300, "every shipment ({first_run} in the first run)");
    assert!(seen.values().all(|&n| n == 1), "none printed twice");
    let text: String = printed.iter().map(|p| p.to_string()).collect();
    assert!(!text.contains(TOKEN));
}
