//! What a soak checks afterwards, from the sandbox's own records rather than the client's word.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use shiplink_sandbox::Sandbox;

/// The sandbox's own records: `orders` seeded = `orders` completed, nothing shipped, invoiced or
/// counted twice, and every fault kind of `faults` injected at least once.
pub fn verify(sandbox: &Sandbox, orders: usize, faults: &[&str]) {
    let stats = sandbox.stats();
    for kind in faults {
        assert!(
            stats["faults_injected"][kind].as_u64().unwrap_or(0) > 0,
            "no {kind} fault was injected: {stats}"
        );
    }
    assert_eq!(
        stats["repeats_refused"],
        json!({}),
        "a non-repeatable action was sent again after it applied"
    );

    let all = sandbox.orders();
    assert_eq!(all.len(), orders, "no order lost, none created twice");
    let mut tracks = HashSet::new();
    for order in &all {
        let id = order["order_id"].as_str().unwrap();
        assert_eq!(order["status"], "complete", "{id} did not complete: {order}");
        let mut shipped: HashMap<u64, u64> = HashMap::new();
        for shipment in order["shipments"].as_array().unwrap() {
            for line in shipment["items"].as_array().unwrap() {
                *shipped.entry(line["item_id"].as_u64().unwrap()).or_default() +=
                    line["qty"].as_u64().unwrap();
            }
            for track in shipment["tracks"].as_array().unwrap() {
                let number = track["track_number"].as_str().unwrap().to_owned();
                assert!(tracks.insert(number.clone()), "{number} recorded twice");
            }
        }
        let mut invoiced: HashMap<u64, u64> = HashMap::new();
        let mut shipping_invoiced = 0.0;
        for invoice in order["invoices"].as_array().unwrap() {
            shipping_invoiced += invoice["shipping_amount_incl_tax"].as_f64().unwrap();
            for line in invoice["items"].as_array().unwrap() {
                *invoiced.entry(line["item_id"].as_u64().unwrap()).or_default() +=
                    line["qty"].as_u64().unwrap();
            }
        }
        for item in order["items"].as_array().unwrap() {
            let item_id = item["item_id"].as_u64().unwrap();
            let ordered = item["qty_ordered"].as_u64().unwrap();
            assert_eq!(shipped.get(&item_id).copied(), Some(ordered), "{id} item {item_id} shipped wrong");
            assert_eq!(invoiced.get(&item_id).copied(), Some(ordered), "{id} item {item_id} invoiced wrong");
        }
        let parcels = order["shipments"].as_array().unwrap().len();
        let multi_line = order["items"].as_array().unwrap().len() > 1;
        let expected_parcels = if order["allow_partial"] == true && multi_line { 2 } else { 1 };
        assert_eq!(parcels, expected_parcels, "{id}: {parcels} parcels");
        let shipping = order["shipping_amount_incl_tax"].as_f64().unwrap();
        assert!((shipping_invoiced - shipping).abs() < 0.005, "{id}: shipping invoiced {shipping_invoiced}");
    }
}
