//! Every request-taking entry point of the C ABI with arbitrary bytes. The client points at a
//! closed loopback port with no retries, so input that passes validation fails fast as NETWORK.
#![no_main]

use std::ffi::CString;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use shiplink::ffi::*;

struct Handle(*mut shiplink_client);
unsafe impl Send for Handle {}
unsafe impl Sync for Handle {}

fn client() -> *mut shiplink_client {
    static CLIENT: OnceLock<Handle> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let config = c"{\"base_url\":\"http://127.0.0.1:1\",\"token\":\"fuzz-token\",\"max_retries\":0,\"connect_timeout_ms\":200}";
            let mut client = std::ptr::null_mut();
            unsafe { shiplink_client_new(config.as_ptr(), &mut client) };
            Handle(client)
        })
        .0
}

type Action = unsafe extern "C" fn(*mut shiplink_client, *const std::ffi::c_char, *mut *mut std::ffi::c_char) -> shiplink_status;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = CString::new(rest.iter().copied().filter(|b| *b != 0).collect::<Vec<u8>>()).unwrap();
    let mut out = std::ptr::null_mut();
    let actions: [Action; 5] = [shiplink_accept, shiplink_reject, shiplink_allocate, shiplink_ship, shiplink_invoice];
    let status = match selector % 8 {
        n @ 0..=4 => unsafe { actions[n as usize](client(), text.as_ptr(), &mut out) },
        5 => unsafe { shiplink_poll_queue(client(), text.as_ptr(), 1, std::ptr::null(), &mut out) },
        6 => unsafe { shiplink_poll_queue(client(), c"failed".as_ptr(), 1, text.as_ptr(), &mut out) },
        _ => {
            let mut iter = std::ptr::null_mut();
            let status = unsafe { shiplink_queue_iter_new(client(), text.as_ptr(), text.as_ptr(), &mut iter) };
            unsafe { shiplink_queue_iter_free(iter) };
            status
        }
    };
    assert_ne!(status, shiplink_status::SHIPLINK_INTERNAL, "a panic was caught: {:?}", unsafe {
        std::ffi::CStr::from_ptr(shiplink_last_error())
    });
    unsafe { shiplink_string_free(out) };
});
