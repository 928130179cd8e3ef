//! The C ABI: a thin, defensive layer over the typed API, and the only `unsafe` in the crate.
//!
//! Every exported function checks its pointers and UTF-8, catches panics, records the failure
//! in the calling thread's last error, and returns a `shiplink_status`. Strings handed out are
//! owned by the library until passed to `shiplink_string_free`.

// The C contract of each function (ownership, NULL, threads) is its doc comment, which flows
// into the header; a Rust "# Safety" section would repeat it.
#![allow(clippy::missing_safety_doc)]
// C names: the header is the contract, and it spells types the C way.
#![allow(non_camel_case_types)]

mod actions;
mod client;
mod last_error;
mod log;
mod queue_iter;
mod status;
mod version;
mod webhook;

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use actions::*;
pub use client::*;
pub use last_error::*;
pub use log::*;
pub use queue_iter::*;
pub use status::shiplink_status;
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

/// A required string argument.
unsafe fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(Error::invalid(name, "must not be NULL"));
    }
    CStr::from_ptr(ptr).to_str().map_err(|_| Error::invalid(name, "is not valid UTF-8"))
}

/// An optional string argument (NULL means absent).
unsafe fn opt_str_arg<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        str_arg(ptr, name).map(Some)
    }
}

/// A required handle.
unsafe fn handle_arg<'a, T>(ptr: *const T, name: &str) -> Result<&'a T> {
    ptr.as_ref().ok_or_else(|| Error::invalid(name, "must not be NULL"))
}

/// A byte buffer; NULL is allowed only with length 0.
unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(Error::invalid(name, "must not be NULL when its length is not 0"));
    }
    Ok(std::slice::from_raw_parts(ptr, len))
}

/// An out-parameter: checked before any work, and set to NULL so a failure never leaves a
/// dangling value behind.
unsafe fn out_arg<'a, T>(ptr: *mut *mut T, name: &str) -> Result<&'a mut *mut T> {
    let out = ptr.as_mut().ok_or_else(|| Error::invalid(name, "must not be NULL"))?;
    *out = std::ptr::null_mut();
    Ok(out)
}

/// Hands a string to C; it must come back through `shiplink_string_free`.
fn c_string(text: String) -> Result<*mut c_char> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| Error::new(Status::Internal, "output contained a NUL byte"))
}

/// Orders as one JSON array, each exactly as the server sent it, ready for C.
fn json_array(orders: &[crate::shipperone::RawOrder]) -> *mut c_char {
    let mut json = String::with_capacity(orders.iter().map(|o| o.json().len() + 1).sum::<usize>() + 3);
    json.push('[');
    for (n, order) in orders.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        json.push_str(order.json());
    }
    json.push(']');
    validated_json_for_c(json)
}

/// An order's text for C, copied once.
fn order_for_c(order: &crate::shipperone::RawOrder) -> *mut c_char {
    let mut owned = String::with_capacity(order.json().len() + 1);
    owned.push_str(order.json());
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
        release(|| drop(CString::from_raw(s)));
    }
}

/// Runs a `_free`: never fails, so it leaves the thread's last error alone (a host may free a
/// handle between a failing call and reading its error), and never lets a panic reach C.
fn release(free: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(free));
}
