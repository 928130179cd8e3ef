//! `shiplink_list_iter`: every item of a list, whichever API and kind of paging is underneath.
//! Each API's `_iter_new` makes one.

use std::ffi::c_char;

use super::args::free_handle;
use super::shiplink_status;
use super::walk::{self, WalkHandle};
use crate::paging::Walk;

/// Walks one list. Use from one thread at a time (different iterators may run in parallel).
pub struct shiplink_list_iter {
    walk: Box<dyn Walk>,
}

impl shiplink_list_iter {
    #[allow(dead_code)] // each API's `_iter_new` makes one
    pub(super) fn new(walk: impl Walk + 'static) -> shiplink_list_iter {
        shiplink_list_iter { walk: Box::new(walk) }
    }
}

impl WalkHandle for shiplink_list_iter {
    fn walk(&mut self) -> &mut dyn Walk {
        self.walk.as_mut()
    }
}

/// The next item as a JSON object, as the server sent it, in `*out_item_json` (free with
/// `shiplink_string_free`), or SHIPLINK_DONE with `*out_item_json` NULL at the end. After a
/// failure the walk is where it was: calling again retries the same page.
#[no_mangle]
pub unsafe extern "C" fn shiplink_list_iter_next(
    iter: *mut shiplink_list_iter,
    out_item_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, `iter` is NULL or live and used by this thread alone, and
    // `out_item_json` is NULL or writable.
    unsafe { walk::next_item(iter, out_item_json, "out_item_json") }
}

/// The next items, at most a page of them, as one JSON array in `*out_items_json` (free with
/// `shiplink_string_free`), or SHIPLINK_DONE with `*out_items_json` NULL at the end. The same
/// walk as `shiplink_list_iter_next`, for hosts where each call costs; the two may be mixed.
#[no_mangle]
pub unsafe extern "C" fn shiplink_list_iter_next_batch(
    iter: *mut shiplink_list_iter,
    out_items_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: as in shiplink_list_iter_next.
    unsafe { walk::next_items(iter, out_items_json, "out_items_json") }
}

/// An opaque string (free with `shiplink_string_free`) from which a later walk of the same
/// list resumes: pass it as `"checkpoint"` in the query of the API's `_iter_new`. Store it with
/// the host's own writes of the items received so far. A walk that has no checkpoint (a
/// page-numbered list) gives SHIPLINK_INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn shiplink_list_iter_checkpoint(
    iter: *mut shiplink_list_iter,
    out_checkpoint: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: as in shiplink_list_iter_next.
    unsafe { walk::checkpoint(iter, out_checkpoint, "out_checkpoint") }
}

/// Releases an iterator. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn shiplink_list_iter_free(iter: *mut shiplink_list_iter) {
    // SAFETY: by the C contract, `iter` is NULL or came from an `_iter_new` and is freed once.
    unsafe { free_handle(iter) }
}
