//! Webhook signature headers: any header, secret and body must give a status, never a crash,
//! and a header shiplink signed must verify.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplink::webhook::{sign, verify, Scheme};

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(data.iter().position(|b| *b == b'\n').unwrap_or(data.len())));
    let header = String::from_utf8_lossy(head);
    for scheme in [Scheme::Timestamped, Scheme::Hex] {
        let _ = verify(scheme, b"fuzz-secret", &header, body, 1_782_043_452, 300);
        let signed = sign(scheme, b"fuzz-secret", body, 1_782_043_452).unwrap();
        verify(scheme, b"fuzz-secret", &signed, body, 1_782_043_452, 300).unwrap();
    }
    let mut c_header: Vec<u8> = head.iter().copied().filter(|b| *b != 0).collect();
    c_header.push(0);
    unsafe {
        shiplink::ffi::shiplink_verify_signature(
            c"timestamped".as_ptr(),
            c"fuzz-secret".as_ptr(),
            c_header.as_ptr().cast(),
            body.as_ptr(),
            body.len(),
            1_782_043_452,
            0,
        );
    }
});
