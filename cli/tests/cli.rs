//! The `shiplink` command against the sandbox, run as a process the way an engineer runs it:
//! every command group, the exit codes, and the token and secrets kept out of everything it
//! prints.

mod common;

use std::process::Command;

use common::{Env, Run, SECRET, TOKEN};
use serde_json::{json, Value};

fn body(order_id: &str, items: Value) -> String {
    json!({"order": {"order_id": order_id, "items": items}}).to_string()
}

#[test]
fn shipperone_commands_drive_orders_through_every_stage() {
    let env = Env::new("stages");
    env.sandbox.seed_orders(3);
    let page = env.run(&["shipperone", "queue", "pending_accept"], "").ok().clean();
    assert_eq!(page.lines().len(), 3, "one order per line");
    let orders = env.run(&["shipperone", "iter", "pending_accept", "-v"], "").ok().clean().lines();
    assert_eq!(orders.len(), 3);
    for order in &orders {
        let id = order["order_id"].as_str().unwrap();
        let items = order["items"].as_array().unwrap();
        let lines: Vec<Value> =
            items.iter().map(|i| json!({"item_id": i["item_id"], "qty": i["qty"]})).collect();
        // The body from stdin, then from a file.
        env.run(&["shipperone", "accept"], &body(id, json!(lines))).ok().clean();
        let ids: Vec<Value> = items.iter().map(|i| json!({"item_id": i["item_id"]})).collect();
        let file = env.file("allocate.json", &body(id, json!(ids)));
        let answer = env.run(&["shipperone", "allocate", file.to_str().unwrap()], "").ok().clean();
        assert_eq!(serde_json::from_str::<Value>(&answer.stdout()).unwrap()["order_id"], id);
        let shipment = json!({"shipment": {"order_id": id, "items": lines,
            "tracks": [{"carrier_code": "dhl", "title": "DHL", "track_number": format!("{id}-1")}]}});
        env.run(&["shipperone", "ship", "-"], &shipment.to_string()).ok().clean();
    }
    for order in env.run(&["shipperone", "iter", "pending_invoice"], "").ok().lines() {
        let ids: Vec<Value> =
            order["items"].as_array().unwrap().iter().map(|i| json!({"item_id": i["item_id"]})).collect();
        let mut invoice = json!({"order": {"order_id": order["order_id"], "items": ids}});
        invoice["order"]["shipping_amount_incl_tax"] = order["shipping_amount_incl_tax"].clone();
        env.run(&["shipperone", "invoice"], &invoice.to_string()).ok().clean();
    }
    assert_eq!(env.sandbox.stats()["statuses"], json!({"complete": 3}));
}

#[test]
fn exit_codes_are_the_shiplink_statuses() {
    let env = Env::new("exits");
    // INVALID_ARGUMENT (2): refused locally, naming the field.
    let run = env.run(&["shipperone", "queue", "pending"], "").clean();
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("INVALID_ARGUMENT: queue"), "{}", run.stderr());
    let run = env.run(&["shipperone", "accept"], r#"{"order":{"order_id":"FO-1","items":[]}}"#).clean();
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("items"), "{}", run.stderr());
    // UNAUTHORIZED (4): the other profile's token.
    let run = env.run(&["--profile", "wrong", "shipperone", "queue", "failed"], "").clean();
    assert_eq!(run.code(), 4, "{}", run.stderr());
    // NOT_FOUND (6) or BAD_REQUEST (3), as the server answers an unknown order; with the
    // server's body under --verbose.
    let run = env.run(&["-v", "shipperone", "allocate"], &body("FO-404", json!([{"item_id": 1}]))).clean();
    assert!([3, 6].contains(&run.code()), "{}: {}", run.code(), run.stderr());
    assert!(run.stderr().contains("\"http_status\""), "{}", run.stderr());
    // The command's own problems: 1.
    let run = env.run(&["--profile", "nope", "shipperone", "queue", "failed"], "");
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("no profile \"nope\""), "{}", run.stderr());
    assert_eq!(env.run(&["shipperone", "accept", "/no/such/file.json"], "").code(), 1);
}

#[test]
fn no_flag_takes_a_token_and_the_environment_overrides_the_file() {
    let env = Env::new("token");
    for args in [
        &["--token", TOKEN, "shipperone", "queue", "failed"][..],
        &["shipperone", "queue", "failed", "--token", TOKEN],
        &["shipperone", "queue", "failed", "--secret", TOKEN],
    ] {
        let run = env.run(args, "");
        assert_eq!(run.code(), 2, "{args:?} was accepted");
    }
    let help = env.run(&["shipperone", "queue", "--help"], "").ok().stdout();
    assert!(!help.contains("--token"), "{help}");
    // A config file without the token; the environment gives it.
    let bare = json!({"profiles": {"default": {"shipperone": {"base_url": env.sandbox.base_url()}}}});
    let config = env.file("bare.json", &bare.to_string());
    let mut command = Command::new(env!("CARGO_BIN_EXE_shiplink"));
    let run = Run(command
        .args(["--config", config.to_str().unwrap(), "-v", "shipperone", "queue", "failed"])
        .env("SHIPLINK_SHIPPERONE_TOKEN", TOKEN)
        .output()
        .unwrap());
    run.ok().clean();
    let mut command = Command::new(env!("CARGO_BIN_EXE_shiplink"));
    let run = Run(command
        .args(["--config", config.to_str().unwrap(), "shipperone", "queue", "failed"])
        .env_remove("SHIPLINK_SHIPPERONE_TOKEN")
        .env_remove("SHIPLINK_TOKEN")
        .output()
        .unwrap());
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("SHIPLINK_SHIPPERONE_TOKEN"), "{}", run.stderr());
}

#[test]
fn webhook_verify_says_why_a_delivery_was_refused() {
    let env = Env::new("webhook");
    let event = r#"{"event_id":"evt_1","event_type":"shipment.created"}"#;
    let body = env.file("event.json", event);
    let body = body.to_str().unwrap();
    let header = env
        .run(&["webhook", "sign", "--scheme", "timestamped", "--timestamp", "1782043452", body], "")
        .ok()
        .clean();
    let header = header.stdout().trim().to_owned();
    assert!(header.starts_with("t=1782043452,v1="), "{header}");
    let verify = |args: &[&str], stdin: &str| {
        let mut all =
            vec!["webhook", "verify", "--scheme", "timestamped", "--header", &header, "--now", "1782043460"];
        all.extend_from_slice(args);
        env.run(&all, stdin).clean()
    };
    assert_eq!(verify(&[body], "").code(), 0);
    assert_eq!(verify(&[], event).code(), 0, "the body from stdin");
    assert_eq!(verify(&[], &event.replace("evt_1", "evt_2")).code(), 15, "SIGNATURE_MISMATCH");
    let secret_file = env.file("secret", &format!("{SECRET}\n"));
    assert_eq!(verify(&["--secret-file", secret_file.to_str().unwrap(), body], "").code(), 0);
    let wrong = env.file("wrong-secret", "whsec_wrong_0000000");
    assert_eq!(verify(&["--secret-file", wrong.to_str().unwrap(), body], "").code(), 15);
    let late = env.run(
        &["webhook", "verify", "--scheme", "timestamped", "--header", &header, "--now", "1782053460", body],
        "",
    );
    assert_eq!(late.clean().code(), 16, "SIGNATURE_EXPIRED");
    let bad = env.run(&["webhook", "verify", "--scheme", "timestamped", "--header", "v1=00", body], "");
    assert_eq!(bad.clean().code(), 17, "SIGNATURE_MALFORMED");
    let hex = env.run(&["webhook", "sign", "--scheme", "hex", body], "").ok().stdout();
    let run = env.run(&["webhook", "verify", "--scheme", "hex", "--header", hex.trim(), body], "");
    assert_eq!(run.clean().code(), 0);
    let unset =
        env.run(&["webhook", "sign", "--scheme", "hex", "--secret-env", "SHIPLINK_NO_SUCH_VAR", body], "");
    assert_eq!(unset.code(), 1);
}

#[test]
fn shiplink_sandbox_is_the_same_server() {
    let env = Env::new("sandbox");
    let mut child = Command::new(env!("CARGO_BIN_EXE_shiplink"))
        .args(["sandbox", "--listen", "127.0.0.1:0", "--token", TOKEN, "--seed", "2"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first)
        .unwrap();
    let url =
        first.trim().strip_prefix("listening on ").expect("the first line names the address").to_owned();
    let config = json!({"profiles": {"default": {"shipperone": {"base_url": url, "token": TOKEN}}}});
    let file = env.file("own.json", &config.to_string());
    let run = Run(Command::new(env!("CARGO_BIN_EXE_shiplink"))
        .args(["--config", file.to_str().unwrap(), "shipperone", "iter", "pending_accept"])
        .output()
        .unwrap());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(run.ok().clean().lines().len(), 2, "the two seeded orders");
    let help = env.run(&["sandbox", "--help"], "").ok().stdout();
    assert!(help.contains("--threepl-token") && help.contains("--shipper-token"), "{help}");
}

#[test]
fn a_terminal_gets_a_table_unless_json_is_asked_for() {
    let env = Env::new("terminal");
    env.sandbox.seed_orders(2);
    // `script` gives the command a pseudo-terminal as stdout, as an engineer's shell would.
    let on_terminal = |extra: &str| {
        let command = format!("{} {extra} shipperone iter pending_accept", env!("CARGO_BIN_EXE_shiplink"));
        let out = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("SHIPLINK_CONFIG", env.dir.join("config.json"))
            .output()
            .expect("script(1) from util-linux");
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    let table = on_terminal("");
    let lines: Vec<&str> = table.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {table}");
    assert!(lines[0].contains("order_id") && !lines[0].contains('{'), "{table}");
    assert!(!table.contains(TOKEN));
    let json = on_terminal("--json");
    let rows: Vec<Value> =
        json.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2, "{json}");
}
