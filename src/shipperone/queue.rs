//! The five fulfillment-order queues, the `date` filter, and a per-queue count of actions so an
//! iterator can tell when the host may have shrunk the queue under its page numbers.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDateTime;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Queue {
    PendingAccept,
    PendingAllocation,
    PendingShipment,
    PendingInvoice,
    /// Read-only and diagnostic: no action moves an order out of it.
    Failed,
}

pub const PAGE_SIZE: usize = 100;

/// The `date` filter's format (`yyyy-mm-dd hh:mm:ss`).
pub const SINCE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

impl Queue {
    pub const ALL: [Queue; 5] = [
        Queue::PendingAccept,
        Queue::PendingAllocation,
        Queue::PendingShipment,
        Queue::PendingInvoice,
        Queue::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::PendingAccept => "pending_accept",
            Queue::PendingAllocation => "pending_allocation",
            Queue::PendingShipment => "pending_shipment",
            Queue::PendingInvoice => "pending_invoice",
            Queue::Failed => "failed",
        }
    }

    pub(crate) fn path(self) -> String {
        format!("/fulfillmentOrders/{}", self.as_str())
    }
}

impl fmt::Display for Queue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Queue {
    type Err = Error;
    fn from_str(s: &str) -> Result<Queue> {
        Queue::ALL.into_iter().find(|q| q.as_str() == s).ok_or_else(|| {
            Error::invalid(
                "queue",
                format!(
                    "unknown queue '{s}' (expected pending_accept, pending_allocation, \
                     pending_shipment, pending_invoice or failed)"
                ),
            )
        })
    }
}

/// Parses the `since` argument of the C ABI and bindings.
pub fn parse_since(text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, SINCE_FORMAT).map_err(|_| {
        Error::invalid("since", format!("'{text}' is not a time of the form yyyy-mm-dd hh:mm:ss"))
    })
}

/// Actions attempted per queue, process-wide. Every attempt counts, failed or not: an
/// ambiguous failure may still have moved the order out of its queue.
static ACTIONS: [AtomicU64; 5] =
    [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

fn index(queue: Queue) -> usize {
    Queue::ALL.iter().position(|q| *q == queue).unwrap_or(0)
}

pub(crate) fn note_action(queue: Queue) {
    ACTIONS[index(queue)].fetch_add(1, Ordering::SeqCst);
}

pub(crate) fn actions(queue: Queue) -> u64 {
    ACTIONS[index(queue)].load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for q in Queue::ALL {
            assert_eq!(q.as_str().parse::<Queue>().unwrap(), q);
        }
        assert!("pending".parse::<Queue>().unwrap_err().message.starts_with("queue"));
    }

    #[test]
    fn since_format() {
        let t = parse_since("2026-11-20 09:05:00").unwrap();
        assert_eq!(t.format(SINCE_FORMAT).to_string(), "2026-11-20 09:05:00");
        for bad in ["2026-11-20", "2026-11-20T09:05:00", "2026-13-01 00:00:00", "", "yesterday"] {
            assert!(parse_since(bad).unwrap_err().message.starts_with("since"), "{bad}");
        }
    }
}
