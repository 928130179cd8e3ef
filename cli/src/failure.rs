//! Why a command failed, and its exit code: a shiplink status keeps its own number (so
//! `INVALID_ARGUMENT` is 2, `NOT_FOUND` 6, `OUTCOME_UNKNOWN` 14…); a problem of the command
//! itself (a missing config file, an unreadable body) is 1. clap's usage errors are 2 as well.
//! `conform` exits 20 when a check failed; a sync stopped by a signal, 130.

use std::fmt;

pub enum Failure {
    /// The library refused or failed the call.
    Shiplink(shiplink::Error),
    /// The command could not be carried out: config, files, input.
    Command(String),
    /// `conform` ran, and this many checks failed.
    Checks(usize),
    /// A sync was stopped by a signal, its place saved.
    Interrupted,
}

impl Failure {
    pub fn command(message: impl Into<String>) -> Failure {
        Failure::Command(message.into())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Shiplink(e) => u8::try_from(e.status as i32).unwrap_or(1),
            Failure::Command(_) => 1,
            Failure::Checks(_) => crate::conform_command::CHECK_FAILED,
            Failure::Interrupted => crate::threepl::INTERRUPTED,
        }
    }

    /// The last-error record (status, HTTP status, the server's body, attempts), for --verbose.
    pub fn detail(&self) -> Option<String> {
        match self {
            Failure::Shiplink(e) => Some(e.to_json().to_string()),
            Failure::Command(_) | Failure::Checks(_) | Failure::Interrupted => None,
        }
    }
}

impl From<shiplink::Error> for Failure {
    fn from(e: shiplink::Error) -> Failure {
        Failure::Shiplink(e)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Shiplink(e) => write!(f, "{e}"),
            Failure::Command(message) => f.write_str(message),
            Failure::Checks(n) => write!(f, "{n} conformance check(s) failed"),
            Failure::Interrupted => f.write_str("interrupted"),
        }
    }
}

pub type Outcome = Result<(), Failure>;
