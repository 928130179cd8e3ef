//! What C passes in: pointers checked for NULL, strings for UTF-8, out-parameters cleared
//! before any work. Each helper's caller vouches, by the C contract of its export, that a
//! non-NULL pointer is valid for the call.

use std::ffi::{c_char, CStr};

use crate::error::{Error, Result};

/// A required string argument.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that outlives the call.
pub(super) unsafe fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(Error::invalid(name, "must not be NULL"));
    }
    // SAFETY: non-NULL, and NUL-terminated and live by the caller's promise.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str().map_err(|_| Error::invalid(name, "is not valid UTF-8"))
}

/// An optional string argument (NULL means absent).
///
/// # Safety
/// As [`str_arg`].
pub(super) unsafe fn opt_str_arg<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: the caller's promise, passed on.
        unsafe { str_arg(ptr, name) }.map(Some)
    }
}

/// A required handle, shared (thread-safe handles).
///
/// # Safety
/// `ptr` is NULL or a live handle this library created, not being freed concurrently.
pub(super) unsafe fn handle_arg<'a, T>(ptr: *const T, name: &str) -> Result<&'a T> {
    // SAFETY: NULL is checked by as_ref; otherwise live by the caller's promise.
    unsafe { ptr.as_ref() }.ok_or_else(|| Error::invalid(name, "must not be NULL"))
}

/// A required handle used by one thread at a time (iterators).
///
/// # Safety
/// As [`handle_arg`], and no other thread uses the handle during the call.
pub(super) unsafe fn handle_mut_arg<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T> {
    // SAFETY: NULL is checked by as_mut; exclusive by the caller's promise.
    unsafe { ptr.as_mut() }.ok_or_else(|| Error::invalid(name, "must not be NULL"))
}

/// A byte buffer; NULL is allowed only with length 0.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes that outlive the call.
pub(super) unsafe fn bytes_arg<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(Error::invalid(name, "must not be NULL when its length is not 0"));
    }
    // SAFETY: non-NULL and `len` bytes long by the caller's promise.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// An out-parameter: checked before any work, and set to NULL so a failure never leaves a
/// dangling value behind.
///
/// # Safety
/// `ptr` is NULL or points to a writable pointer slot.
pub(super) unsafe fn out_arg<'a, T>(ptr: *mut *mut T, name: &str) -> Result<&'a mut *mut T> {
    // SAFETY: NULL is checked by as_mut; writable by the caller's promise.
    let out = unsafe { ptr.as_mut() }.ok_or_else(|| Error::invalid(name, "must not be NULL"))?;
    *out = std::ptr::null_mut();
    Ok(out)
}

/// Moves a new handle to C; it comes back through [`free_handle`].
pub(super) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Releases a handle made by [`into_handle`]. NULL is a no-op.
///
/// # Safety
/// `ptr` is NULL or came from [`into_handle`] with the same `T`, and is freed once.
pub(super) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: made by Box::into_raw for this T and not freed before, by the caller's promise.
        super::release(|| drop(unsafe { Box::from_raw(ptr) }));
    }
}
