//! The checked-in C header must be exactly what cbindgen generates from src/ffi, and must declare
//! every status and every function of the contract. `SHIPLINK_BLESS=1` rewrites it.

use std::path::Path;

fn generate() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(Path::new(root).join("cbindgen.toml")).unwrap();
    let bindings = cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn checked_in_header_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/shiplink.h");
    let fresh = generate();
    if std::env::var_os("SHIPLINK_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(checked_in == fresh, "include/shiplink.h is stale: run scripts/gen-header and commit the result");
}

#[test]
fn header_declares_the_whole_contract() {
    let header = generate();
    for status in shiplink::Status::ALL {
        let line = format!("SHIPLINK_{} = {},", status.name(), status as i32);
        assert!(header.contains(&line), "missing `{line}`");
    }
    for function in [
        "shiplink_version",
        "shiplink_client_new",
        "shiplink_client_free",
        "shiplink_poll_queue",
        "shiplink_queue_iter_new",
        "shiplink_queue_iter_next",
        "shiplink_queue_iter_free",
        "shiplink_accept",
        "shiplink_reject",
        "shiplink_allocate",
        "shiplink_ship",
        "shiplink_invoice",
        "shiplink_verify_signature",
        "shiplink_sign_webhook",
        "shiplink_last_error",
        "shiplink_string_free",
        "shiplink_status_name",
        "shiplink_set_log_callback",
        "shiplink_parse_webhook",
        "shiplink_list_iter_next",
        "shiplink_list_iter_next_batch",
        "shiplink_list_iter_checkpoint",
        "shiplink_list_iter_free",
        "shiplink_shipper_client_new",
        "shiplink_shipper_client_free",
        "shiplink_shipper_list",
        "shiplink_shipper_iter_new",
        "shiplink_shipper_get_product",
        "shiplink_shipper_get_order",
        "shiplink_shipper_create_order",
        "shiplink_shipper_cancel_order",
        "shiplink_shipper_dashboard",
        "shiplink_shipper_create_webhook",
        "shiplink_shipper_delete_webhook",
        "shiplink_threepl_client_new",
        "shiplink_threepl_client_free",
        "shiplink_threepl_create_order",
        "shiplink_threepl_get_order",
        "shiplink_threepl_amend_order",
        "shiplink_threepl_cancel_order",
        "shiplink_threepl_create_inbound_shipment",
        "shiplink_threepl_create_return",
        "shiplink_threepl_create_webhook",
        "shiplink_threepl_delete_webhook",
        "shiplink_threepl_list",
        "shiplink_threepl_iter_new",
    ] {
        assert!(header.contains(&format!("{function}(")), "missing {function}");
    }
    for define in ["SHIPLINK_VERSION_MAJOR", "SHIPLINK_VERSION_MINOR", "SHIPLINK_VERSION_PATCH"] {
        assert!(header.contains(&format!("#define {define} ")), "missing {define}");
    }
    for line in header.lines() {
        let prefixed = |name: &str| name.starts_with("shiplink_") || name.starts_with("SHIPLINK_");
        if let Some(rest) = line.strip_prefix("#define ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            assert!(prefixed(name), "unprefixed define: {line}");
        } else if line.starts_with("typedef ") {
            assert!(line.contains("shiplink_"), "unprefixed type: {line}");
        } else if let Some((before, _)) = line.split_once('(') {
            // A prototype at column 0: the word before '(' is the function's name.
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let name = before.rsplit([' ', '*']).next().unwrap_or("");
                assert!(prefixed(name), "unprefixed function: {line}");
            }
        }
    }
    assert!(header.contains("typedef struct shiplink_client shiplink_client;"));
    assert!(header.contains("typedef struct shiplink_queue_iter shiplink_queue_iter;"));
    assert!(header.contains("typedef struct shiplink_list_iter shiplink_list_iter;"));
    assert!(header.contains("typedef struct shiplink_shipper_client shiplink_shipper_client;"));
}
