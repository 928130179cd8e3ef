//! The calling thread's last failure, as JSON. Each call returning a status clears it on entry,
//! so it always describes the most recent such call made on this thread.

use std::cell::RefCell;
use std::ffi::{c_char, CString};

use crate::error::Error;

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

pub(super) fn clear() {
    LAST_ERROR.with(|slot| slot.borrow_mut().take());
}

pub(super) fn set(error: &Error) {
    let json = error.to_json().to_string();
    // serde_json escapes control characters, so the text never contains a NUL.
    let text = CString::new(json).unwrap_or_default();
    LAST_ERROR.with(|slot| *slot.borrow_mut() = Some(text));
}

/// Detail of the last failed call made on this thread, as a JSON object:
/// `{"status":"BAD_REQUEST","code":3,"message":"…","http_status":400,"body":{…}|null,"attempts":1}`.
/// Returns NULL when the last call succeeded. The string belongs to the library and stays valid
/// until the next call on this thread of a function that returns a `shiplink_status` (the
/// `_free` functions, `shiplink_version`, `shiplink_status_name` and this one leave it alone):
/// read or copy it right away; never free it.
#[no_mangle]
pub extern "C" fn shiplink_last_error() -> *const c_char {
    super::guard_value(std::ptr::null(), || {
        LAST_ERROR.with(|slot| slot.borrow().as_ref().map_or(std::ptr::null(), |s| s.as_ptr()))
    })
}
