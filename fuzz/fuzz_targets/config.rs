//! The configuration parser, through the C ABI as a host calls it: any bytes, NUL-terminated.
#![no_main]

use std::ffi::CString;

use libfuzzer_sys::fuzz_target;
use shiplink::ffi::{shiplink_client_free, shiplink_client_new, shiplink_last_error, shiplink_status};

fuzz_target!(|data: &[u8]| {
    let text: Vec<u8> = data.iter().copied().filter(|b| *b != 0).collect();
    let config = CString::new(text).unwrap();
    let mut client = std::ptr::null_mut();
    let status = unsafe { shiplink_client_new(config.as_ptr(), &mut client) };
    if status == shiplink_status::SHIPLINK_OK {
        assert!(!client.is_null());
    } else {
        assert!(client.is_null());
        assert!(!shiplink_last_error().is_null(), "a failure always leaves a message");
    }
    unsafe { shiplink_client_free(client) };
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = shiplink::Config::from_json(text);
    }
});
