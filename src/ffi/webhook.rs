//! Webhook signatures: verification for receivers, signing for senders.

use std::ffi::c_char;

use super::args::{bytes_arg, out_arg, str_arg};
use super::{c_string, guard, shiplink_status};
use crate::error::Status;
use crate::webhook::{self, Scheme};

fn now_or(unix: i64) -> i64 {
    if unix == 0 {
        chrono::Utc::now().timestamp()
    } else {
        unix
    }
}

/// Verifies a webhook delivery. `scheme` is "timestamped" (header `t=<unix>,v1=<hex>`, HMAC-SHA256
/// over "{t}.{body}", several v1 accepted for secret rotation) or "hex" (header is the hex
/// HMAC-SHA256 of the body, as in X-Shipper-Signature). `body` is the raw request body exactly as
/// received (it may contain NUL bytes); `now_unix` 0 uses the system clock; `tolerance_s` 0
/// means 300 s, applied in both directions. Returns SHIPLINK_OK, SHIPLINK_SIGNATURE_MISMATCH,
/// SHIPLINK_SIGNATURE_EXPIRED, SHIPLINK_SIGNATURE_MALFORMED or SHIPLINK_INVALID_ARGUMENT.
/// Comparison is constant-time; no message contains the secret. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_verify_signature(
    scheme: *const c_char,
    secret: *const c_char,
    signature_header: *const c_char,
    body: *const u8,
    body_len: usize,
    now_unix: i64,
    tolerance_s: u32,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, the strings are NULL or NUL-terminated, and `body` is NULL
        // (with length 0) or `body_len` readable bytes.
        let (scheme, secret, header, body) = unsafe {
            (
                str_arg(scheme, "scheme")?,
                str_arg(secret, "secret")?,
                str_arg(signature_header, "signature_header")?,
                bytes_arg(body, body_len, "body")?,
            )
        };
        let scheme: Scheme = scheme.parse()?;
        webhook::verify(scheme, secret.as_bytes(), header, body, now_or(now_unix), tolerance_s)?;
        Ok(Status::Ok)
    })
}

/// Produces the signature header for a delivery (for hosts that send webhooks, and for tests).
/// `timestamp` 0 uses the system clock (ignored by "hex"). On success `*out_header` is to be
/// freed with `shiplink_string_free`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_sign_webhook(
    scheme: *const c_char,
    secret: *const c_char,
    body: *const u8,
    body_len: usize,
    timestamp: i64,
    out_header: *mut *mut c_char,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, `out_header` is NULL or writable, the strings NULL or
        // NUL-terminated, and `body` NULL (with length 0) or `body_len` readable bytes.
        let (out, scheme, secret, body) = unsafe {
            (
                out_arg(out_header, "out_header")?,
                str_arg(scheme, "scheme")?,
                str_arg(secret, "secret")?,
                bytes_arg(body, body_len, "body")?,
            )
        };
        let scheme: Scheme = scheme.parse()?;
        *out = c_string(webhook::sign(scheme, secret.as_bytes(), body, now_or(timestamp))?)?;
        Ok(Status::Ok)
    })
}

/// Verifies a delivery as `shiplink_verify_signature` does, then returns its body in
/// `*out_event_json` (free with `shiplink_string_free`): the event exactly as received. A
/// "timestamped" (blueprint) delivery must carry a string "event_id", the key to dedupe on:
/// deliveries are at least once and may repeat. Any verification failure returns its
/// SHIPLINK_SIGNATURE_* status and reads nothing of the body; an authentic body that is not a
/// JSON object (or lacks event_id) is SHIPLINK_DECODE. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_parse_webhook(
    scheme: *const c_char,
    secret: *const c_char,
    signature_header: *const c_char,
    body: *const u8,
    body_len: usize,
    now_unix: i64,
    tolerance_s: u32,
    out_event_json: *mut *mut c_char,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, `out_event_json` is NULL or writable, the strings NULL or
        // NUL-terminated, and `body` NULL (with length 0) or `body_len` readable bytes.
        let (out, scheme, secret, header, body) = unsafe {
            (
                out_arg(out_event_json, "out_event_json")?,
                str_arg(scheme, "scheme")?,
                str_arg(secret, "secret")?,
                str_arg(signature_header, "signature_header")?,
                bytes_arg(body, body_len, "body")?,
            )
        };
        let scheme: Scheme = scheme.parse()?;
        let event = webhook::parse(scheme, secret.as_bytes(), header, body, now_or(now_unix), tolerance_s)?;
        *out = c_string(event)?;
        Ok(Status::Ok)
    })
}
