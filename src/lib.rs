//! shiplink connects ERP and WMS hosts to ShipperOne fulfillment-order queues: poll without losing
//! an order, accept/reject/allocate/ship/invoice without acting twice, and verify webhook
//! signatures. The typed Rust API lives here; `ffi` is a thin C ABI over it.
//!
//! ```no_run
//! use shiplink::{Client, Config, Queue, AcceptRequest};
//! let client = Client::new(Config::new("https://tenant.example.com", "token"))?;
//! for order in client.iter_queue(Queue::PendingAccept, None) {
//!     let order = order?;
//!     let items: Vec<(u64, f64)> =
//!         order.items.iter().map(|i| (i.item_id, i.qty.unwrap_or(0.0))).collect();
//!     client.accept(&AcceptRequest::new(&order.order_id, &items))?;
//! }
//! # Ok::<(), shiplink::Error>(())
//! ```

pub mod config;
pub mod error;
pub mod ffi;
pub mod log;
pub mod paging;
pub mod shipper;
pub mod shipperone;
pub mod threepl;
mod transport;
pub mod webhook;

pub use config::{Config, TransportConfig};
pub use error::{Error, Result, Status};
pub use shipperone::*;

/// The library version, `MAJOR.MINOR.PATCH`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
