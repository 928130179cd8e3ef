//! The item key setting: queue views and action responses may name an item's own id `id`
//! (spec 001) instead of `item_id`, while request bodies and the admin surface keep `item_id`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{id, item_ids, order, start, Client};
use serde_json::{json, Value};
use shiplink_sandbox::{ItemKey, SandboxConfig};

/// The own-id keys of a view's items: each item must carry exactly one of `id`/`item_id`.
fn own_ids(view: &Value, key: &str) -> Vec<u64> {
    let other = if key == "id" { "item_id" } else { "id" };
    view["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|it| {
            assert!(it.get(other).is_none(), "{other} alongside {key}: {it}");
            it[key].as_u64().unwrap_or_else(|| panic!("no {key}: {it}"))
        })
        .collect()
}

#[test]
fn queue_pages_use_id_when_set_and_actions_still_work() {
    let (sb, c) = start(SandboxConfig::new().item_key(ItemKey::Id));
    let o = order(&c, &[("SKU-A", 2), ("SKU-B", 1)], json!({}));
    let (oid, ids) = (id(&o), item_ids(&o));
    assert_eq!(sb.settings(), json!({"partial": false, "partial_qty": false, "item_key": "id"}));

    let page = c.queue("pending_accept", "");
    assert_eq!(own_ids(&page.list()[0], "id"), ids);

    // Requests carry item_id, as the spec shows; answers name the item's own id `id`.
    let accepted = c.accept(&oid, &[(ids[0], 2), (ids[1], 1)]).assert_ok().clone();
    assert_eq!(own_ids(&accepted, "id"), ids);
    assert_eq!(own_ids(&c.queue("pending_allocation", "").list()[0], "id"), ids);
    c.allocate(&oid, &ids).assert_ok();
    assert_eq!(own_ids(&c.queue("pending_shipment", "").list()[0], "id"), ids);
    let shipped = c.ship(&oid, &[(ids[0], 2), (ids[1], 1)], &["TRK-1"]).assert_ok().clone();
    // Shipment lines refer to items the way request bodies do.
    assert_eq!(shipped["shipments"][0]["items"][0]["item_id"], ids[0]);
    let invoice_view = c.queue("pending_invoice", "").list()[0].clone();
    assert_eq!(own_ids(&invoice_view, "id"), ids);
    let done = c.invoice(&oid, &ids, 4.99).assert_ok().clone();
    assert_eq!(done["status"], "complete");
    assert_eq!(own_ids(&done, "id"), ids);

    // The admin surface keeps item_id whatever the setting.
    assert_eq!(own_ids(&sb.order(&oid).unwrap(), "item_id"), ids);
}

#[test]
fn the_setting_changes_at_runtime_and_resets_to_start_up() {
    let (sb, c) = start(SandboxConfig::new().seed_orders(1));
    assert_eq!(c.get("/sandbox/settings").body, json!({"partial": false, "partial_qty": false}));
    let ids = own_ids(&c.queue("pending_accept", "").list()[0], "item_id");

    let set = c.post("/sandbox/settings", &json!({"item_key": "id"}));
    assert_eq!(set.assert_ok(), &json!({"partial": false, "partial_qty": false, "item_key": "id"}));
    assert_eq!(own_ids(&c.queue("pending_accept", "").list()[0], "id"), ids);

    let bad = c.post("/sandbox/settings", &json!({"item_key": "ID", "partial": true}));
    bad.assert_error(400, "invalid_value");
    assert_eq!(bad.field(), "item_key");
    assert_eq!(sb.settings()["partial"], false, "a refused body changes nothing");
    c.post("/sandbox/settings", &json!({"item_key": 1})).assert_error(400, "invalid_type");

    assert_eq!(sb.set_item_key(ItemKey::ItemId), json!({"partial": false, "partial_qty": false}));
    assert_eq!(own_ids(&c.queue("pending_accept", "").list()[0], "item_id"), ids);
    sb.set_item_key(ItemKey::Id);
    assert_eq!(sb.stats()["settings"]["item_key"], "id");
    sb.reset();
    assert_eq!(sb.settings(), json!({"partial": false, "partial_qty": false}), "back to start-up");
}

#[test]
fn item_key_parses_both_names_only() {
    assert_eq!("id".parse::<ItemKey>(), Ok(ItemKey::Id));
    assert_eq!("item_id".parse::<ItemKey>(), Ok(ItemKey::ItemId));
    assert!("itemId".parse::<ItemKey>().is_err());
    assert_eq!(ItemKey::default(), ItemKey::ItemId);
    assert_eq!(ItemKey::Id.to_string(), "id");
}

/// Ends the sandbox process however the test ends.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn binary_takes_item_key() {
    let exe = env!("CARGO_BIN_EXE_shiplink-sandbox");
    let bad = Command::new(exe).args(["--item-key", "sku"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--item-key"));

    let mut proc = Proc(
        Command::new(exe)
            .args(["--token", "t", "--seed", "1", "--item-key", "id"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(proc.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base =
        line.trim_end().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {line:?}"));
    let page = Client::new(base, Some("t")).queue("pending_accept", "");
    assert_eq!(own_ids(&page.list()[0], "id")[0], 55501);
}
