//! The `/sandbox/` admin surface, its Rust twins, seeded data, and the binary.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{id, start, Client};
use serde_json::json;
use shiplink_sandbox::{SandboxConfig, Scopes};

#[test]
fn seeded_orders_look_real() {
    let (sb, c) = start(SandboxConfig::new().seed_orders(40).rng_seed(42));
    let orders = sb.orders();
    assert_eq!(orders.len(), 40);
    let mut transfers = 0;
    let mut items = 0;
    for (n, o) in orders.iter().enumerate() {
        assert_eq!(o["order_id"], format!("FO-{:09}", n + 1));
        assert_eq!(o["status"], "pending_accept");
        assert_eq!(o["allow_partial"], false);
        assert!(["WH-A", "WH-B", "WH-C"].contains(&o["warehouse_code"].as_str().unwrap()));
        for key in ["name", "street", "city", "postcode", "country_id", "telephone"] {
            assert!(!o["shipping_address"][key].as_str().unwrap().is_empty(), "{key}");
        }
        assert!(o["customer"]["email"].as_str().unwrap().contains('@'));
        let list = o["items"].as_array().unwrap();
        assert!((1..=3).contains(&list.len()));
        for it in list {
            items += 1;
            let q = it["qty_ordered"].as_u64().unwrap();
            assert!((1..=3).contains(&q));
            assert!(it["price_incl_tax"].as_f64().unwrap() > 0.0);
            if let Some(w) = it.get("warehouse_code") {
                assert_ne!(w, &o["warehouse_code"]);
                transfers += 1;
            }
        }
    }
    assert!(transfers > 0 && transfers < items / 2, "{transfers} transfers of {items} items");
    assert_eq!(orders[0]["items"][0]["item_id"], 55501);
    let page = c.queue("pending_accept", "").text;
    assert!(page.len() / 40 > 600, "average queue view is {} bytes", page.len() / 40);
    // Same rng seed, same data.
    let (sb2, _c2) = start(SandboxConfig::new().seed_orders(40).rng_seed(42));
    let strip = |v: &serde_json::Value| {
        let mut v = v.clone();
        v["created_at"] = json!(null);
        v["updated_at"] = json!(null);
        v
    };
    assert_eq!(strip(&sb.orders()[7]), strip(&sb2.orders()[7]));
}

#[test]
fn admin_over_http() {
    let (_sb, c) = start(SandboxConfig::new());
    let r = c
        .post("/sandbox/orders", &json!({"count": 3, "allow_partial": true, "min_items": 2, "max_items": 2}));
    assert_eq!(r.status, 201, "{}", r.text);
    let orders = r.body["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 3);
    assert!(orders.iter().all(|o| o["allow_partial"] == true && o["items"].as_array().unwrap().len() == 2));

    let explicit = c.post(
        "/sandbox/orders",
        &json!({"orders": [{
            "order_id": "FO-EXPLICIT-1",
            "allow_partial_qty": true,
            "shipping_amount_incl_tax": 7.5,
            "currency_code": "RSD",
            "customer": {"name": "Vuk Marić", "email": "vuk@example.rs"},
            "items": [{"sku": "SKU-1", "name": "Thing", "qty_ordered": 3, "price_incl_tax": 2.5}],
        }]}),
    );
    assert_eq!(explicit.status, 201, "{}", explicit.text);
    let o = &explicit.body["orders"][0];
    assert_eq!(o["order_id"], "FO-EXPLICIT-1");
    assert_eq!(o["grand_total"], 15.0);
    assert_eq!(o["items"][0]["row_total_incl_tax"], 7.5);
    assert_eq!(o["customer"]["name"], "Vuk Marić");
    let dup = c.post(
        "/sandbox/orders",
        &json!({"orders": [{"order_id": "FO-EXPLICIT-1", "items": [{"sku": "x"}]}]}),
    );
    dup.assert_error(400, "duplicate_order");
    assert_eq!(dup.field(), "orders[0].order_id");
    let bad = c.post("/sandbox/orders", &json!({"orders": [{"items": [{"sku": "x", "qty_ordered": 0}]}]}));
    bad.assert_error(400, "invalid_value");
    assert_eq!(bad.field(), "orders[0].items[0].qty_ordered");
    c.post("/sandbox/orders", &json!({})).assert_error(400, "missing_field");

    let all = c.get("/sandbox/orders");
    assert_eq!(all.assert_ok()["orders"].as_array().unwrap().len(), 4);
    assert_eq!(c.get("/sandbox/orders/FO-EXPLICIT-1").assert_ok()["currency_code"], "RSD");
    c.get("/sandbox/orders/FO-NOPE").assert_error(404, "order_not_found");

    let s = c.post("/sandbox/orders/FO-EXPLICIT-1/settings", &json!({"allow_partial": true}));
    assert_eq!(s.assert_ok()["allow_partial"], true);
    assert_eq!(s.body["allow_partial_qty"], true, "unlisted flags keep their value");
    assert_eq!(c.get("/sandbox/settings").assert_ok(), &json!({"partial": false, "partial_qty": false}));
    let set = c.post("/sandbox/settings", &json!({"partial_qty": true}));
    assert_eq!(set.assert_ok(), &json!({"partial": false, "partial_qty": true}));
    c.post("/sandbox/settings", &json!({"partial": "yes"})).assert_error(400, "invalid_type");

    let stats = c.get("/sandbox/stats");
    assert_eq!(stats.assert_ok()["orders"], 4);
    assert_eq!(stats.body["queues"]["pending_accept"], 4);
    assert_eq!(stats.body["queues"]["failed"], 0);

    let reset = c.raw("POST", "/sandbox/reset", None);
    assert_eq!(reset.status, 200);
    assert!(c.get("/sandbox/orders").body["orders"].as_array().unwrap().is_empty());
    assert_eq!(c.get("/sandbox/settings").body, json!({"partial": false, "partial_qty": false}));
    // Id counters start over; the token still works.
    let again = c.post("/sandbox/orders", &json!({"count": 1}));
    assert_eq!(again.body["orders"][0]["order_id"], "FO-000000001");
    assert_eq!(again.body["orders"][0]["items"][0]["item_id"], 55501);
    assert_eq!(c.queue("pending_accept", "").list().len(), 1);
}

#[test]
fn rust_helpers_match_the_admin_surface() {
    let (sb, c) = start(SandboxConfig::new().partial(true));
    let seeded = sb.seed_orders(2);
    assert_eq!(seeded.len(), 2);
    let oid = id(&seeded[0]);
    assert_eq!(sb.order(&oid).unwrap(), seeded[0]);
    assert!(sb.order("FO-000000999").is_none());
    assert_eq!(sb.settings()["partial"], true);
    sb.set_partial(false, true);
    assert_eq!(c.get("/sandbox/settings").body, json!({"partial": false, "partial_qty": true}));
    assert_eq!(sb.set_order_partial(&oid, true, false).unwrap()["allow_partial"], true);
    sb.fail_order(&oid, "lost in transit").unwrap();
    assert_eq!(c.queue("failed", "").list().len(), 1);
    sb.restore_order(&oid).unwrap();
    assert_eq!(c.queue("failed", "").list().len(), 0);
    sb.add_token("second", Scopes::All);
    assert_eq!(c.with_token(Some("second")).queue("pending_accept", "").list().len(), 2);
    assert_eq!(sb.stats()["queues"]["pending_accept"], 2);
    let err = sb.create_orders(json!({"count": 1, "store_code": "zz"})).unwrap_err();
    assert_eq!(err.status, 400);
    assert_eq!(err.body["code"], "unknown_store_code");
    sb.reset();
    assert!(sb.orders().is_empty());
    assert_eq!(sb.settings()["partial"], true, "reset restores the start-up settings");
}

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn binary_prints_its_address_first_and_serves() {
    let exe = env!("CARGO_BIN_EXE_shiplink-sandbox");
    let mut proc = Proc(
        Command::new(exe)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--token",
                "bin-token",
                "--seed",
                "5",
                "--store-code",
                "rs",
                "--rng-seed",
                "9",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("binary starts"),
    );
    let mut line = String::new();
    BufReader::new(proc.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base =
        line.trim_end().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {line:?}"));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0);

    let mut c = Client::new(base, Some("bin-token"));
    let orders = c.queue("pending_accept", "").list().clone();
    assert_eq!(orders.len(), 5);
    assert!(orders.iter().all(|o| o["allow_partial"] == false));
    c.store = "rs".into();
    assert_eq!(c.queue("pending_accept", "").list().len(), 0);
    assert_eq!(c.get("/sandbox/settings").body["partial"], false);
}

#[test]
fn binary_flags() {
    let exe = env!("CARGO_BIN_EXE_shiplink-sandbox");
    let help = Command::new(exe).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in ["--listen", "--token", "--seed", "--store-code", "--partial", "--rng-seed"] {
        assert!(text.contains(flag), "usage lacks {flag}");
    }
    let bad = Command::new(exe).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--bogus"));

    let mut proc =
        Proc(Command::new(exe).args(["--token", "t", "--partial"]).stdout(Stdio::piped()).spawn().unwrap());
    let mut line = String::new();
    BufReader::new(proc.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim_end().strip_prefix("listening on ").unwrap().to_string();
    let c = Client::new(&base, Some("t"));
    assert_eq!(c.get("/sandbox/settings").body["partial"], true);
    assert!(c.queue("pending_accept", "").list().is_empty());
}
