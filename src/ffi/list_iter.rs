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
    /// Each API's `_iter_new` makes one.
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

#[cfg(test)]
mod tests {
    use std::ffi::{c_char, CStr};
    use std::ptr::null_mut;

    use super::*;
    use crate::ffi::{shiplink_last_error, shiplink_string_free};
    use crate::paging::testing::pages;
    use crate::paging::CursorWalk;

    fn take(s: *mut c_char) -> String {
        assert!(!s.is_null());
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
        unsafe { shiplink_string_free(s) };
        text
    }

    #[test]
    fn walks_batches_checkpoints_and_frees_through_the_c_abi() {
        let source = pages(&[
            r#"{"data":[{"id":"a"},{"id":"b"}],"pagination":{"has_more":true,"next_cursor":"c1"}}"#,
            r#"{"data":[{"id":"c","n":1}],"pagination":{"has_more":false,"next_cursor":null}}"#,
        ]);
        let iter = super::super::args::into_handle(shiplink_list_iter::new(CursorWalk::new(source)));
        let mut out: *mut c_char = null_mut();
        unsafe {
            assert_eq!(shiplink_list_iter_next(iter, &mut out), shiplink_status::SHIPLINK_OK);
            assert_eq!(take(out), r#"{"id":"a"}"#);
            assert_eq!(shiplink_list_iter_checkpoint(iter, &mut out), shiplink_status::SHIPLINK_OK);
            assert_eq!(take(out), r#"{"cursor":null}"#);
            assert_eq!(shiplink_list_iter_next_batch(iter, &mut out), shiplink_status::SHIPLINK_OK);
            assert_eq!(take(out), r#"[{"id":"b"}]"#);
            assert_eq!(shiplink_list_iter_checkpoint(iter, &mut out), shiplink_status::SHIPLINK_OK);
            assert_eq!(take(out), r#"{"cursor":"c1"}"#);
            assert_eq!(shiplink_list_iter_next_batch(iter, &mut out), shiplink_status::SHIPLINK_OK);
            assert_eq!(take(out), r#"[{"id":"c","n":1}]"#);
            out = std::ptr::dangling_mut::<c_char>();
            assert_eq!(shiplink_list_iter_next(iter, &mut out), shiplink_status::SHIPLINK_DONE);
            assert!(out.is_null(), "out is NULL at the end");
            assert_eq!(shiplink_list_iter_next_batch(iter, &mut out), shiplink_status::SHIPLINK_DONE);
            assert_eq!(shiplink_list_iter_next(iter, null_mut()), shiplink_status::SHIPLINK_INVALID_ARGUMENT);
            assert!(CStr::from_ptr(shiplink_last_error()).to_str().unwrap().contains("out_item_json"));
            assert_eq!(
                shiplink_list_iter_next(null_mut(), &mut out),
                shiplink_status::SHIPLINK_INVALID_ARGUMENT
            );
            shiplink_list_iter_free(iter);
            shiplink_list_iter_free(null_mut());
        }
    }
}
