//! An in-memory server for the APIs shiplink speaks, for tests, examples and offline
//! integration work. One process hosts every API under its own path prefix: ShipperOne under
//! `/rest/{store_code}/V1/`, the 3PL blueprint under `/v1/`, the Shipper Open API under `/api/v1/`.
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

// Shared by every API: the server, routing, the shared admin endpoints, faults and tokens.
mod admin;
mod api;
pub mod cli;
mod clock;
mod config;
mod faults;
mod http;
mod hub;
mod injector;
mod json;
mod nudge;
mod server;
mod tokens;
mod twins;
mod wire;

// One folder per hosted API.
mod shipper;
mod shipperone;
mod threepl;

pub use config::SandboxConfig;
pub use faults::Faults;
pub use server::Sandbox;
pub use shipperone::{scope, ItemKey, Settings, PAGE_SIZE, WAREHOUSES};
pub use threepl::Settings as ThreePlSettings;
pub use tokens::Scopes;
pub use twins::AdminError;

/// Every API this sandbox serves, built from the configuration. `/sandbox/` paths the shared
/// admin does not answer are offered to them in this order.
fn apis(config: &SandboxConfig, rng_seed: u64) -> Vec<Box<dyn api::Api>> {
    vec![
        Box::new(shipperone::ShipperOne::new(config, rng_seed)),
        Box::new(threepl::ThreePl::new(config, rng_seed)),
        Box::new(shipper::Shipper::new(config)),
    ]
}
