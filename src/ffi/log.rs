//! Routes shiplink's log lines into the host's own logging.

use std::ffi::{c_char, c_void, CString};

use crate::log::{clear_logger, set_logger, Level};

/// Receives one log line: `level` is 1 error, 2 warn, 3 info, 4 debug; `message` is valid only
/// during the call. May be called from any thread that uses shiplink, and from the thread a queue
/// walk reads ahead on (named `shiplink-read-ahead`), so it must be thread-safe.
pub type shiplink_log_callback =
    Option<unsafe extern "C" fn(level: i32, message: *const c_char, user_data: *mut c_void)>;

/// The host's pointer, passed back untouched; the host vouches that it may cross threads.
struct UserData(*mut c_void);
// SAFETY: shiplink never dereferences the pointer; the C contract of shiplink_log_callback makes
// the host responsible for it being usable from any thread.
unsafe impl Send for UserData {}
// SAFETY: as for Send: only the host's callback reads it.
unsafe impl Sync for UserData {}

/// Sends log lines at `max_level` (1–4) or more severe to `callback`; NULL stops logging.
/// Process-wide, replacing any previous callback. Lines never contain the token, webhook secrets
/// or signatures. This call returns only once no call to the previous callback is running, so
/// `user_data` may be released right after the callback is replaced or removed. The callback
/// must not call shiplink functions.
#[no_mangle]
pub unsafe extern "C" fn shiplink_set_log_callback(
    max_level: i32,
    callback: shiplink_log_callback,
    user_data: *mut c_void,
) {
    let user_data = UserData(user_data);
    super::release(move || {
        let Some(callback) = callback else {
            clear_logger();
            return;
        };
        let max = match max_level {
            i32::MIN..=1 => Level::Error,
            2 => Level::Warn,
            3 => Level::Info,
            _ => Level::Debug,
        };
        set_logger(max, move |level, message| {
            let text = CString::new(message.replace('\0', " ")).unwrap_or_default();
            let data = &user_data;
            // SAFETY: the host's function, called as its C type says, with a string valid for
            // the call; a panic cannot come back through it (it is C).
            unsafe { callback(level as i32, text.as_ptr(), data.0) };
        });
    })
}
