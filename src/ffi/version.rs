//! The library version, as a string and as numbers the header defines.

use std::ffi::c_char;

/// Matches Cargo.toml; a test keeps them in step.
pub const SHIPLINK_VERSION_MAJOR: u32 = 0;
pub const SHIPLINK_VERSION_MINOR: u32 = 1;
pub const SHIPLINK_VERSION_PATCH: u32 = 0;

/// The library version, e.g. "0.1.0". A static string: never free it.
#[no_mangle]
pub extern "C" fn shiplink_version() -> *const c_char {
    const VERSION: &std::ffi::CStr =
        match std::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(text) => text,
            Err(_) => c"0.0.0",
        };
    super::guard_value(VERSION.as_ptr(), || VERSION.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_numbers_match_the_package_version() {
        assert_eq!(SHIPLINK_VERSION_MAJOR.to_string(), env!("CARGO_PKG_VERSION_MAJOR"));
        assert_eq!(SHIPLINK_VERSION_MINOR.to_string(), env!("CARGO_PKG_VERSION_MINOR"));
        assert_eq!(SHIPLINK_VERSION_PATCH.to_string(), env!("CARGO_PKG_VERSION_PATCH"));
        let text = unsafe { std::ffi::CStr::from_ptr(shiplink_version()) };
        assert_eq!(text.to_str().unwrap(), crate::VERSION);
    }
}
