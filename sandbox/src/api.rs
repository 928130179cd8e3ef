//! The contract between the shared server and each API it hosts.
//!
//! The server owns the socket, the fault layer and the `/sandbox/` endpoints every API shares
//! (reset, faults, stats, tokens). An API owns its state, everything under its path prefix,
//! its own `/sandbox/` endpoints and its share of the stats. A new API is a module that
//! implements [`Api`] plus its line in the registry in `lib.rs`; no shared file learns its
//! routes.

use std::sync::{Mutex, MutexGuard};

use serde_json::{Map, Value};

use crate::http::{ApiRequest, ApiResult};
use crate::tokens::Scopes;

/// One API served by the sandbox. Every worker thread calls it concurrently, so each
/// implementation guards its own state.
pub trait Api: Send + Sync {
    /// Names the API wherever one is picked: `SandboxConfig::token_for` and the `api` of
    /// `POST /sandbox/tokens`.
    fn name(&self) -> &'static str;

    /// The path prefix this API answers, e.g. `/rest/`, compared segment by segment after
    /// percent-decoding. No prefix may begin another API's, nor be `/sandbox/`.
    fn prefix(&self) -> &'static str;

    /// Answers a request under the prefix; `path` holds the decoded segments after it.
    /// Everything under the prefix is this API's to answer, its 404s included, and the fault
    /// layer draws for every such request before this is called.
    fn handle(&self, req: &ApiRequest, path: &[&str]) -> ApiResult;

    /// Answers one of this API's own admin endpoints; `path` holds the segments after
    /// `/sandbox/`. `None` leaves the path to the next API, and finally to a 404. APIs other
    /// than ShipperOne keep their endpoints under `/sandbox/{name}/`.
    fn admin(&self, req: &ApiRequest, path: &[&str]) -> Option<ApiResult>;

    /// Lets a bearer token in from now on; a reset keeps it. `scopes` limit it where the API
    /// has ACL scopes; an API without them lets the token do everything.
    fn add_token(&self, token: &str, scopes: &Scopes);

    /// Adds this API's counters to the `GET /sandbox/stats` object. ShipperOne's keys sit at
    /// the top level; every other API puts its own under its `name()`, so keys never collide.
    fn stats(&self, out: &mut Map<String, Value>);

    /// Back to start-up: no data, id counters and settings as configured, tokens kept.
    fn reset(&self);
}

/// A handler that panicked is answered with a 500 and must not take the sandbox down with it:
/// every change is validated before it is applied, so the state behind a poisoned lock is
/// still consistent.
pub fn lock<T>(shared: &Mutex<T>) -> MutexGuard<'_, T> {
    shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
