//! One error type for every layer. Each failure carries a [`Status`] that maps 1:1 onto the C
//! ABI's `shiplink_status`, so bindings never have to guess what went wrong.

use std::fmt;

/// The outcome class of a call. Numbers are part of the C ABI: never reuse or renumber one.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Ok = 0,
    Done = 1,
    InvalidArgument = 2,
    BadRequest = 3,
    Unauthorized = 4,
    Forbidden = 5,
    NotFound = 6,
    Conflict = 7,
    RateLimited = 8,
    ServerError = 9,
    Network = 10,
    Timeout = 11,
    Tls = 12,
    Decode = 13,
    OutcomeUnknown = 14,
    SignatureMismatch = 15,
    SignatureExpired = 16,
    SignatureMalformed = 17,
    Internal = 18,
}

impl Status {
    /// Every status, in number order.
    pub const ALL: [Status; 19] = [
        Status::Ok,
        Status::Done,
        Status::InvalidArgument,
        Status::BadRequest,
        Status::Unauthorized,
        Status::Forbidden,
        Status::NotFound,
        Status::Conflict,
        Status::RateLimited,
        Status::ServerError,
        Status::Network,
        Status::Timeout,
        Status::Tls,
        Status::Decode,
        Status::OutcomeUnknown,
        Status::SignatureMismatch,
        Status::SignatureExpired,
        Status::SignatureMalformed,
        Status::Internal,
    ];

    /// The status with this number, if any.
    pub fn from_code(code: i32) -> Option<Status> {
        usize::try_from(code).ok().and_then(|i| Status::ALL.get(i).copied())
    }

    /// The name used in the C header (`SHIPLINK_<NAME>`) and in last-error JSON.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("INTERNAL")
    }

    /// [`Status::name`] as a C string, for the C ABI.
    pub fn c_name(self) -> &'static std::ffi::CStr {
        match self {
            Status::Ok => c"OK",
            Status::Done => c"DONE",
            Status::InvalidArgument => c"INVALID_ARGUMENT",
            Status::BadRequest => c"BAD_REQUEST",
            Status::Unauthorized => c"UNAUTHORIZED",
            Status::Forbidden => c"FORBIDDEN",
            Status::NotFound => c"NOT_FOUND",
            Status::Conflict => c"CONFLICT",
            Status::RateLimited => c"RATE_LIMITED",
            Status::ServerError => c"SERVER_ERROR",
            Status::Network => c"NETWORK",
            Status::Timeout => c"TIMEOUT",
            Status::Tls => c"TLS",
            Status::Decode => c"DECODE",
            Status::OutcomeUnknown => c"OUTCOME_UNKNOWN",
            Status::SignatureMismatch => c"SIGNATURE_MISMATCH",
            Status::SignatureExpired => c"SIGNATURE_EXPIRED",
            Status::SignatureMalformed => c"SIGNATURE_MALFORMED",
            Status::Internal => c"INTERNAL",
        }
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
