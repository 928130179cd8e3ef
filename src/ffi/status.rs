//! `shiplink_status`: the C face of [`crate::Status`]. Numbers are fixed once released.

use crate::error::Status;

/// The result of every fallible call. 0 is success; `SHIPLINK_DONE` marks the end of an
/// iteration; anything else is a failure whose detail `shiplink_last_error` returns.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum shiplink_status {
    SHIPLINK_OK = 0,
    /// The iterator has no more orders.
    SHIPLINK_DONE = 1,
    /// A NULL pointer, invalid UTF-8, malformed JSON or a value the API would refuse; the
    /// message names the argument or JSON field. Nothing was sent.
    SHIPLINK_INVALID_ARGUMENT = 2,
    /// HTTP 400/422: the server refused the request (see the body).
    SHIPLINK_BAD_REQUEST = 3,
    /// HTTP 401: missing or invalid token.
    SHIPLINK_UNAUTHORIZED = 4,
    /// HTTP 403: the token lacks the ACL scope for this call.
    SHIPLINK_FORBIDDEN = 5,
    /// HTTP 404: unknown order, queue or store code.
    SHIPLINK_NOT_FOUND = 6,
    /// HTTP 409: the order's state conflicts with the request.
    SHIPLINK_CONFLICT = 7,
    /// HTTP 429 after every retry, or a Retry-After longer than allowed.
    SHIPLINK_RATE_LIMITED = 8,
    /// HTTP 5xx after every retry.
    SHIPLINK_SERVER_ERROR = 9,
    /// The connection failed or broke.
    SHIPLINK_NETWORK = 10,
    /// A connect or request deadline passed.
    SHIPLINK_TIMEOUT = 11,
    /// The TLS handshake or certificate check failed.
    SHIPLINK_TLS = 12,
    /// The response was not the JSON expected, or was larger than allowed.
    SHIPLINK_DECODE = 13,
    /// allocate/invoice: the request may or may not have been applied and the queues could not
    /// settle it. Check the order before sending it again.
    SHIPLINK_OUTCOME_UNKNOWN = 14,
    /// The webhook signature does not match the body.
    SHIPLINK_SIGNATURE_MISMATCH = 15,
    /// The webhook timestamp is outside the tolerance window.
    SHIPLINK_SIGNATURE_EXPIRED = 16,
    /// The webhook signature header cannot be parsed.
    SHIPLINK_SIGNATURE_MALFORMED = 17,
    /// A bug in shiplink (a caught panic); the host is unaffected.
    SHIPLINK_INTERNAL = 18,
}

/// The status's name without prefix ("OK", "BAD_REQUEST", …); a static string, never freed.
/// Unknown numbers give "UNKNOWN".
#[no_mangle]
pub extern "C" fn shiplink_status_name(status: i32) -> *const std::ffi::c_char {
    super::guard_value(c"UNKNOWN".as_ptr(), || {
        Status::from_code(status).map_or(c"UNKNOWN", Status::c_name).as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_agree_with_the_rust_status() {
        for (n, status) in Status::ALL.into_iter().enumerate() {
            assert_eq!(status as i32, n as i32);
            assert_eq!(shiplink_status::from(status) as i32, n as i32);
            let name = unsafe { std::ffi::CStr::from_ptr(shiplink_status_name(n as i32)) };
            assert_eq!(name.to_str().unwrap(), status.name());
            assert_eq!(Status::from_code(n as i32), Some(status));
        }
        assert_eq!(Status::from_code(19), None);
        assert_eq!(Status::from_code(-1), None);
    }
}
