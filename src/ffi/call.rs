//! The shape most exports share: a handle and JSON (or text) in, JSON out. Each API's exports
//! say only what differs: which arguments they read and which typed call they make.

use std::ffi::c_char;

use serde::Serialize;

use super::args::{handle_arg, into_handle, out_arg, str_arg};
use super::{c_string, guard, shiplink_status};
use crate::error::{Error, Result, Status};

/// Checks `out` and `handle`, runs `call` on the handle, and hands its text to C through
/// `*out` (to free with `shiplink_string_free`). `call` reads its own arguments, so a NULL or
/// bad one is reported under its own name, and nothing is sent.
///
/// # Safety
/// `handle` is NULL or a live handle of type `H`; `out` is NULL or a writable pointer slot.
pub(super) unsafe fn json_call<H>(
    handle: *const H,
    handle_name: &str,
    out: *mut *mut c_char,
    out_name: &str,
    call: impl FnOnce(&H) -> Result<String>,
) -> shiplink_status {
    guard(|| {
        // SAFETY: both pointers come from the export's caller, under the promise above.
        let out = unsafe { out_arg(out, out_name) }?;
        // SAFETY: as above.
        let handle = unsafe { handle_arg(handle, handle_name) }?;
        *out = c_string(call(handle)?)?;
        Ok(Status::Ok)
    })
}

/// The body of every `_client_new`: checks `out`, reads the JSON configuration, lets `make`
/// build the client from it (the API parses and validates its own keys), and hands the new
/// handle to C. No network traffic happens here.
///
/// # Safety
/// `config_json` is NULL or a NUL-terminated string; `out` is NULL or a writable pointer slot.
pub(super) unsafe fn new_client<H>(
    config_json: *const c_char,
    out: *mut *mut H,
    make: impl FnOnce(&str) -> Result<H>,
) -> shiplink_status {
    guard(|| {
        // SAFETY: from the export's caller, under the promise above.
        let out = unsafe { out_arg(out, "out_client") }?;
        // SAFETY: as above.
        let config = unsafe { str_arg(config_json, "config_json") }?;
        *out = into_handle(make(config)?);
        Ok(Status::Ok)
    })
}

/// A typed answer as JSON text for C.
pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::new(Status::Internal, format!("cannot encode the answer: {e}")))
}
