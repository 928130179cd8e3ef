//! The C ABI: a thin, defensive layer over the typed API, and the only `unsafe` in the crate.
//!
//! Every exported function checks its pointers and UTF-8, catches panics, records the failure
//! in the calling thread's last error, and returns a `shiplink_status`. Strings handed out are
//! owned by the library until passed to `shiplink_string_free`.
//!
//! One file per C-facing type; `args` checks what C passes in, `call` runs the shape most
//! exports share (a handle and JSON in, JSON out), `walk` drives every iterator handle.

// The C contract of each function (ownership, NULL, threads) is its doc comment, which flows
// into the header; a Rust "# Safety" section would repeat it.
#![allow(clippy::missing_safety_doc)]
// C names: the header is the contract, and it spells types the C way.
#![allow(non_camel_case_types)]
// Every unsafe operation sits in its own block, with the reason it is sound beside it.
#![deny(unsafe_op_in_unsafe_fn)]

mod actions;
mod args;
mod call;
mod client;
mod last_error;
mod list_iter;
mod log;
mod queue_iter;
mod shipper;
mod status;
mod threepl;
mod version;
mod walk;
mod webhook;

use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use actions::*;
pub use client::*;
pub use last_error::*;
pub use list_iter::*;
pub use log::*;
pub use queue_iter::*;
pub use shipper::*;
pub use status::*;
pub use threepl::*;
pub use version::*;
pub use webhook::*;

use crate::error::{Error, Result, Status};

/// Runs the body of an exported function: clears this thread's last error, turns an `Err` or a
/// panic into a status (recording the detail), and never lets a panic unwind into C.
fn guard(body: impl FnOnce() -> Result<Status>) -> shiplink_status {
    last_error::clear();
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::new(Status::Internal, format!("internal error (please report): {what}")))
    });
    match outcome {
        Ok(status) => status.into(),
        Err(error) => {
            let status = error.status.into();
            last_error::set(&error);
            status
        }
    }
}

/// Runs an export that cannot fail and returns a value (a static string, say): a panic gives
/// `fallback` instead of unwinding into C, and the thread's last error is left alone.
fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Runs a `_free` or a setter: never fails, so it leaves the thread's last error alone (a host
/// may free a handle between a failing call and reading its error), and never lets a panic
/// reach C.
fn release(free: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(free));
}

/// Hands a string to C; it must come back through `shiplink_string_free`.
fn c_string(text: String) -> Result<*mut c_char> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| Error::new(Status::Internal, "output contained a NUL byte"))
}

/// Items as one JSON array, each exactly as the server sent it, ready for C.
fn json_array(items: &[crate::paging::RawItem]) -> *mut c_char {
    let mut json = String::with_capacity(items.iter().map(|o| o.json().len() + 1).sum::<usize>() + 3);
    json.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        json.push_str(item.json());
    }
    json.push(']');
    validated_json_for_c(json)
}

/// An item's text for C, copied once.
fn item_for_c(item: &crate::paging::RawItem) -> *mut c_char {
    let mut owned = String::with_capacity(item.json().len() + 1);
    owned.push_str(item.json());
    validated_json_for_c(owned)
}

/// JSON that serde_json has validated, handed to C without scanning it for NUL bytes again:
/// valid JSON cannot hold a raw NUL (inside a string it must be escaped, and nowhere else is it
/// allowed). The scan was 5% of a 10,000-order drain.
fn validated_json_for_c(json: String) -> *mut c_char {
    debug_assert!(!json.as_bytes().contains(&0));
    // SAFETY: no interior NUL, as above; the allocation is released by shiplink_string_free.
    unsafe { CString::from_vec_unchecked(json.into_bytes()) }.into_raw()
}

/// Frees a string returned by any shiplink function. NULL is a no-op. Call it exactly once per
/// string; strings from `shiplink_version` and `shiplink_last_error` are not to be freed.
#[no_mangle]
pub unsafe extern "C" fn shiplink_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: the contract says `s` came from this library (CString::into_raw) and is freed
        // once, so taking ownership back is sound.
        release(|| drop(unsafe { CString::from_raw(s) }));
    }
}
