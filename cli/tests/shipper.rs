//! `shiplink shipper …` against the sandbox's Shipper API: every command group, one line per
//! item for walks, and the create that a lost answer cannot duplicate.

mod common;

use common::Env;
use serde_json::{json, Value};

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn shipper_commands_cover_every_group() {
    let env = Env::new("shipper");
    let countries = value(&env.run(&["shipper", "countries"], "").ok().clean().stdout());
    assert_eq!(countries[0]["code"], "TN");
    let divisions =
        env.run(&["shipper", "divisions", "TN", "--level", "2", "--parent-id", "1"], "").ok().stdout();
    assert!(value(&divisions)["divisions"].as_array().is_some_and(|d| !d.is_empty()));

    let page = value(&env.run(&["shipper", "products", "list", "--filter", "per_page=5"], "").ok().stdout());
    assert_eq!(page["data"].as_array().unwrap().len(), 5);
    let every = env.run(&["shipper", "products", "iter"], "").ok().clean().lines();
    assert_eq!(every.len() as u64, page["pagination"]["total"].as_u64().unwrap(), "each product once");
    let uuid = page["data"][0]["uuid"].as_str().unwrap();
    assert_eq!(value(&env.run(&["shipper", "products", "get", uuid], "").ok().stdout())["uuid"], uuid);

    let order = json!({
        "address": {"name": "Omar Ben Ali", "phone1": "28177188", "address1": "Rue 1", "country": "TN"},
        "items": [{"id": uuid, "quantity": 1}], "external_order_id": "CLI-1"
    });
    let created = value(&env.run(&["shipper", "orders", "create"], &order.to_string()).ok().clean().stdout());
    let id = created["id"].to_string();
    assert_eq!(
        value(&env.run(&["shipper", "orders", "get", &id], "").ok().stdout())["external_order_id"],
        "CLI-1"
    );
    let orders = env.run(&["shipper", "orders", "iter", "--filter", "search=omar"], "").ok().lines();
    assert_eq!(orders.len(), 1);
    for _ in 0..2 {
        env.run(&["shipper", "orders", "cancel", &id], "").ok().clean();
    }
    let overview =
        env.run(&["shipper", "dashboard", "overview", "--filter", "start_date=2020-01-01"], "").ok();
    assert!(value(&overview.stdout()).is_object());

    let hook = json!({"url": "https://erp.example.com/hooks/shipper", "secret": "a-secret-of-16-chars+",
                      "events": ["order.status_changed"]});
    let made = value(&env.run(&["shipper", "webhooks", "create"], &hook.to_string()).ok().stdout());
    let listed = env.run(&["shipper", "webhooks", "list"], "").ok().stdout();
    assert!(listed.contains("erp.example.com"), "{listed}");
    env.run(&["shipper", "webhooks", "delete", &made["id"].to_string()], "").ok();
}

#[test]
fn shipper_bad_input_is_refused_before_sending() {
    let env = Env::new("shipper-bad");
    let run = env.run(&["shipper", "dashboard", "weekly"], "").clean();
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("report"), "{}", run.stderr());
    let run = env.run(&["shipper", "orders", "list", "--filter", "start_date=2026-13-45"], "");
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let run = env.run(
        &["shipper", "webhooks", "create"],
        r#"{"url":"http://erp.example.com/x","secret":"a-secret-of-16-chars"}"#,
    );
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("url"), "{}", run.stderr());
    assert_eq!(env.run(&["shipper", "orders", "create"], "not json").code(), 2);
    assert_eq!(env.run(&["shipper", "orders", "list", "--filter", "nokeyvalue"], "").code(), 1);
}
