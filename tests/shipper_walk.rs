//! A walk over orders while new ones keep arriving at the front of the list (it is sorted
//! newest first): every order that existed when the walk began comes out exactly once.

mod shipper_support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;
use shipper_support::{order, product, sandbox};

const WINDOW: u64 = 200;

#[test]
fn orders_arriving_during_a_walk_neither_repeat_nor_hide_older_ones() {
    let sandbox = sandbox(WINDOW);
    let client = shipper_support::client(&sandbox, WINDOW);
    let product = product(&client);
    let before: HashSet<String> = (0..120)
        .map(|n| client.create_order(&order(&product, Some(&format!("B-{n}")))).unwrap().id.to_string())
        .collect();
    // Past the second the walk pins end_date to, so arrivals are strictly newer.
    std::thread::sleep(std::time::Duration::from_millis(1_100));

    let stop = AtomicBool::new(false);
    let (yielded, arrived) = std::thread::scope(|scope| {
        let walk = client.iter("orders", &json!({"per_page": 10})).unwrap();
        let feeder = scope.spawn(|| {
            let mut arrived = 0;
            while !stop.load(Ordering::Relaxed) {
                client.create_order(&order(&product, Some(&format!("N-{arrived}")))).unwrap();
                arrived += 1;
            }
            arrived
        });
        let mut yielded = Vec::new();
        for item in walk {
            yielded.push(item.unwrap().id().to_owned());
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        stop.store(true, Ordering::Relaxed);
        (yielded, feeder.join().unwrap())
    });
    let distinct: HashSet<&String> = yielded.iter().collect();
    assert_eq!(distinct.len(), yielded.len(), "an order came out twice");
    let missing: Vec<_> = before.iter().filter(|id| !distinct.contains(id)).collect();
    assert!(missing.is_empty(), "orders that existed at the start were skipped: {missing:?}");
    assert!(arrived >= 10, "only {arrived} orders arrived during the walk");
    println!("shipper walk: {} yielded, {} arrived meanwhile", yielded.len(), arrived);

    // Without a pinned end_date the same walk still yields each order once: duplicates from
    // the shifting pages are dropped by id.
    let unpinned: Vec<String> = client
        .iter("orders", &json!({"per_page": 10, "end_date": "2999-01-01"}))
        .unwrap()
        .map(|o| o.unwrap().id().to_owned())
        .collect();
    assert_eq!(unpinned.iter().collect::<HashSet<_>>().len(), unpinned.len());
}
