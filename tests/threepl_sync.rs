//! The incremental sync: several rounds, each a new client resuming from the checkpoint the
//! host stored, while the warehouse ships new parcels with tied timestamps and moves old ones
//! along (twice in one second, too) and cursors expire under the walk. Run with an inclusive
//! and an exclusive `updated_since`: every version is delivered exactly once.

mod common;

use std::collections::{HashMap, HashSet};

use common::threepl::{admin, client, sandbox_with};
use serde_json::{json, Value};
use shiplink::threepl::{Query, Resource};
use shiplink_sandbox::{Sandbox, SandboxConfig};

/// Moves the warehouse along: new shipments in this second, old ones updated.
fn churn(sandbox: &Sandbox, step: usize) {
    admin(sandbox, "POST", "shipments", json!({"count": 3, "parcels": 1 + step % 2}));
    let all = admin(sandbox, "GET", "shipments", json!({}))["shipments"].as_array().unwrap().clone();
    let old = &all[(step * 7) % all.len()];
    let id = old["id"].as_str().unwrap();
    admin(sandbox, "POST", &format!("shipments/{id}/status"), json!({"status": "in_transit"}));
    if step.is_multiple_of(3) {
        // A second change in the same second keeps (id, updated_at): only the content differs.
        admin(sandbox, "POST", &format!("shipments/{id}/status"), json!({"status": "delivered"}));
    }
    if step % 11 == 5 {
        sandbox.admin("POST", "/sandbox/threepl/cursors/expire", None).unwrap();
    }
}

fn run(inclusive: bool) {
    let sandbox = sandbox_with(SandboxConfig::new().threepl_updated_since_inclusive(inclusive));
    admin(&sandbox, "POST", "settings", json!({"page_size": 4}));
    admin(&sandbox, "POST", "shipments", json!({"count": 25}));
    let mut stored: Option<String> = None;
    let mut delivered: Vec<(String, Value)> = Vec::new();
    let mut step = 0;
    for round in 0..6 {
        let client = client(&sandbox);
        let mut walk = client.iter(Resource::Shipments, &Query::new(), stored.as_deref()).unwrap();
        let mut n: usize = 0;
        while let Some(item) = walk.next_item() {
            let item = item.unwrap();
            delivered.push((item.id().to_owned(), serde_json::from_str(item.json()).unwrap()));
            n += 1;
            if n.is_multiple_of(5) && round < 4 {
                step += 1;
                churn(&sandbox, step);
            }
            // Cursors expire under a walk in progress (and in churn, wherever it happens to be).
            if round == 1 && n == 2 {
                sandbox.admin("POST", "/sandbox/threepl/cursors/expire", None).unwrap();
            }
            // A host that stops mid-walk (round 2) stores the checkpoint and goes on later.
            if round == 2 && n == 9 {
                break;
            }
        }
        stored = walk.checkpoint();
        assert!(stored.is_some());
    }
    let finals = admin(&sandbox, "GET", "shipments", json!({}))["shipments"].as_array().unwrap().clone();
    let mut seen = HashSet::new();
    for (id, body) in &delivered {
        assert!(seen.insert((id.clone(), body.to_string())), "{id} delivered twice: {body}");
    }
    let last: HashMap<&str, &Value> = delivered.iter().map(|(id, body)| (id.as_str(), body)).collect();
    for shipment in &finals {
        let id = shipment["id"].as_str().unwrap();
        assert_eq!(last.get(id).copied(), Some(shipment), "{id}: its latest version was delivered last");
    }
    assert!(
        delivered.len() > finals.len(),
        "updated shipments came again ({} for {})",
        delivered.len(),
        finals.len()
    );
    let refused = common::threepl::stats(&sandbox)["counts"]["cursors_refused"].as_u64().unwrap_or(0);
    assert!(refused >= 1, "an expired cursor made a walk start again from its mark");
}

#[test]
fn every_version_once_with_an_inclusive_updated_since() {
    run(true);
}

#[test]
fn every_version_once_with_an_exclusive_updated_since() {
    run(false);
}

#[test]
fn inventory_is_keyed_by_sku_and_small_lists_are_one_page() {
    let sandbox = sandbox_with(SandboxConfig::new());
    let client = client(&sandbox);
    let mut walk = client.iter(Resource::Inventory, &Query::new(), None).unwrap();
    let skus: Vec<String> =
        std::iter::from_fn(|| walk.next_item()).map(|i| i.unwrap().id().to_owned()).collect();
    assert_eq!(skus.len(), 5);
    let saved = walk.checkpoint().unwrap();
    client.create_order(&common::threepl::order(1), None).unwrap();
    let mut walk = client.iter(Resource::Inventory, &Query::new(), Some(&saved)).unwrap();
    let changed: Vec<String> =
        std::iter::from_fn(|| walk.next_item()).map(|i| i.unwrap().id().to_owned()).collect();
    assert_eq!(changed, ["WIDGET-BLUE-M"], "only the SKU the order allocated changed");
    let mut walk = client.iter(Resource::Warehouses, &Query::new(), None).unwrap();
    assert_eq!(walk.next_items().unwrap().unwrap().len(), 2);
    assert!(walk.next_items().is_none());
    let e = client.iter(Resource::Shipments, &Query::new(), Some(&saved)).err().unwrap();
    assert!(e.message.contains("checkpoint"), "{}", e.message);
}
