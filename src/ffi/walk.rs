//! What every iterator handle does the same way: the next item, the next batch, the
//! checkpoint. `shiplink_queue_iter` and `shiplink_list_iter` both drive a [`Walk`].

use std::ffi::c_char;

use super::args::{handle_mut_arg, out_arg};
use super::{c_string, guard, item_for_c, json_array, shiplink_status};
use crate::error::{Error, Result, Status};
use crate::paging::Walk;

/// The part of an iterator handle that walks.
pub(super) trait WalkHandle {
    fn walk(&mut self) -> &mut dyn Walk;
}

/// Runs `step` on the walk behind `iter`, with `out` checked and cleared first.
///
/// # Safety
/// `iter` is NULL or a live iterator handle used by no other thread; `out` is NULL or a
/// writable pointer slot.
unsafe fn with_walk<H: WalkHandle>(
    iter: *mut H,
    out: *mut *mut c_char,
    out_name: &str,
    step: impl FnOnce(&mut dyn Walk) -> Result<Option<*mut c_char>>,
) -> shiplink_status {
    guard(|| {
        // SAFETY: from the export's caller, under the promise above.
        let out = unsafe { out_arg(out, out_name) }?;
        // SAFETY: as above; iterators are used by one thread at a time.
        let iter = unsafe { handle_mut_arg(iter, "iter") }?;
        match step(iter.walk())? {
            None => Ok(Status::Done),
            Some(text) => {
                *out = text;
                Ok(Status::Ok)
            }
        }
    })
}

/// The next item as JSON in `*out`, or DONE at the end.
///
/// # Safety
/// As [`with_walk`].
pub(super) unsafe fn next_item<H: WalkHandle>(
    iter: *mut H,
    out: *mut *mut c_char,
    out_name: &str,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe {
        with_walk(iter, out, out_name, |walk| {
            walk.next_item().transpose().map(|i| i.as_ref().map(item_for_c))
        })
    }
}

/// The next batch (at most a page) as one JSON array in `*out`, or DONE at the end.
///
/// # Safety
/// As [`with_walk`].
pub(super) unsafe fn next_items<H: WalkHandle>(
    iter: *mut H,
    out: *mut *mut c_char,
    out_name: &str,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe {
        with_walk(iter, out, out_name, |walk| {
            walk.next_items().transpose().map(|i| i.as_deref().map(json_array))
        })
    }
}

/// The walk's checkpoint in `*out`; a walk without one is INVALID_ARGUMENT.
///
/// # Safety
/// As [`with_walk`].
pub(super) unsafe fn checkpoint<H: WalkHandle>(
    iter: *mut H,
    out: *mut *mut c_char,
    out_name: &str,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe {
        with_walk(iter, out, out_name, |walk| match walk.checkpoint() {
            Some(text) => c_string(text).map(Some),
            None => Err(Error::invalid("iter", "this walk has no checkpoint (only cursor walks have one)")),
        })
    }
}
