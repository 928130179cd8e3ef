//! One error type for every layer. Each failure carries a [`Status`] that maps 1:1 onto the C
//! ABI's `shiplink_status`, so bindings never have to guess what went wrong.

use std::fmt;

use std::ffi::CStr;

/// The one list of statuses: the Rust enum, its names and the conversion to the C enum are all
/// made from it. The C enum itself (`ffi::shiplink_status`) is written out for cbindgen, which
/// cannot see through macros; a test checks the two agree, and the bindings test theirs
/// against the generated header.
macro_rules! statuses {
    ($($variant:ident = $n:literal => $c_name:ident;)*) => {
        /// The outcome class of a call. Numbers are part of the C ABI: never reuse or renumber one.
        #[repr(i32)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Status {
            $($variant = $n,)*
        }

        impl Status {
            /// Every status, in number order.
            pub const ALL: [Status; [$($n),*].len()] = [$(Status::$variant),*];

            /// [`Status::name`] as a C string, for the C ABI.
            pub fn c_name(self) -> &'static CStr {
                match self {
                    $(Status::$variant => const { without_prefix(concat!(stringify!($c_name), "\0")) },)*
                }
            }
        }

        impl From<Status> for crate::ffi::shiplink_status {
            fn from(status: Status) -> crate::ffi::shiplink_status {
                match status {
                    $(Status::$variant => crate::ffi::shiplink_status::$c_name,)*
                }
            }
        }
    };
}

statuses! {
    Ok = 0 => SHIPLINK_OK;
    Done = 1 => SHIPLINK_DONE;
    InvalidArgument = 2 => SHIPLINK_INVALID_ARGUMENT;
    BadRequest = 3 => SHIPLINK_BAD_REQUEST;
    Unauthorized = 4 => SHIPLINK_UNAUTHORIZED;
    Forbidden = 5 => SHIPLINK_FORBIDDEN;
    NotFound = 6 => SHIPLINK_NOT_FOUND;
    Conflict = 7 => SHIPLINK_CONFLICT;
    RateLimited = 8 => SHIPLINK_RATE_LIMITED;
    ServerError = 9 => SHIPLINK_SERVER_ERROR;
    Network = 10 => SHIPLINK_NETWORK;
    Timeout = 11 => SHIPLINK_TIMEOUT;
    Tls = 12 => SHIPLINK_TLS;
    Decode = 13 => SHIPLINK_DECODE;
    OutcomeUnknown = 14 => SHIPLINK_OUTCOME_UNKNOWN;
    SignatureMismatch = 15 => SHIPLINK_SIGNATURE_MISMATCH;
    SignatureExpired = 16 => SHIPLINK_SIGNATURE_EXPIRED;
    SignatureMalformed = 17 => SHIPLINK_SIGNATURE_MALFORMED;
    Internal = 18 => SHIPLINK_INTERNAL;
}

/// `SHIPLINK_BAD_REQUEST\0` → `BAD_REQUEST`: the C name without its prefix.
const fn without_prefix(c_name: &'static str) -> &'static CStr {
    let (_, name) = c_name.as_bytes().split_at("SHIPLINK_".len());
    match CStr::from_bytes_with_nul(name) {
        Ok(name) => name,
        Err(_) => panic!("a status name holds a NUL byte"),
    }
}

impl Status {
    /// The status with this number, if any.
    pub fn from_code(code: i32) -> Option<Status> {
        usize::try_from(code).ok().and_then(|i| Status::ALL.get(i).copied())
    }

    /// The name used in the C header (`SHIPLINK_<NAME>`) and in last-error JSON.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("INTERNAL")
    }

    /// The status an HTTP error response maps to.
    pub fn from_http(code: u16) -> Status {
        match code {
            400 | 422 => Status::BadRequest,
            401 => Status::Unauthorized,
            403 => Status::Forbidden,
            404 | 410 => Status::NotFound,
            409 | 412 => Status::Conflict,
            429 => Status::RateLimited,
            500..=599 => Status::ServerError,
            _ => Status::BadRequest,
        }
    }
}

/// A failed call: what class of failure, a message a person can act on, and what the server said.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub status: Status,
    pub message: String,
    /// The HTTP status of the last response, when there was one.
    pub http_status: Option<u16>,
    /// The server's error body: parsed JSON when it was JSON, else the text.
    pub body: Option<serde_json::Value>,
    /// How many HTTP requests were made for this call (0 when refused locally).
    pub attempts: u32,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(status: Status, message: impl Into<String>) -> Error {
        Error { status, message: message.into(), http_status: None, body: None, attempts: 0 }
    }

    /// Bad input from the caller; `field` is the argument or JSON path at fault.
    pub fn invalid(field: &str, problem: impl fmt::Display) -> Error {
        Error::new(Status::InvalidArgument, format!("{field}: {problem}"))
    }

    pub fn with_attempts(mut self, attempts: u32) -> Error {
        self.attempts = attempts;
        self
    }

    /// The detail record hosts read through `shiplink_last_error` and binding exceptions.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "status": self.status.name(),
            "code": self.status as i32,
            "message": self.message,
            "http_status": self.http_status,
            "body": self.body,
            "attempts": self.attempts,
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.name(), self.message)?;
        if let Some(code) = self.http_status {
            write!(f, " (HTTP {code})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
