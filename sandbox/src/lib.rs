//! An in-memory ShipperOne server for tests, examples and offline integration work.
//!
//! ```no_run
//! use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};
//!
//! let sandbox = Sandbox::start(SandboxConfig::new().token("t0k3n", Scopes::All).seed_orders(5))?;
//! println!("{}/rest/all/V1/fulfillmentOrders/pending_accept", sandbox.base_url());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! See the crate README for the REST surface, the admin surface and the state machine.

#![forbid(unsafe_code)]

mod actions;
mod clock;
mod config;
mod faults;
mod helpers;
mod http;
mod json;
mod model;
mod queue;
mod routes;
mod seed;
mod server;
mod store;
mod views;

pub use config::{scope, SandboxConfig, Scopes, Settings};
pub use faults::Faults;
pub use helpers::AdminError;
pub use queue::PAGE_SIZE;
pub use seed::WAREHOUSES;
pub use server::Sandbox;
