//! The five fulfillment-order queues, the `date` filter, and a per-queue count of actions so an
//! iterator can tell when the host may have shrunk the queue under its page numbers.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

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

/// Actions attempted per queue of one tenant and store. Every attempt counts, failed or not:
/// an ambiguous failure may still have moved the order out of its queue.
///
/// The counts are shared by every client of this process that addresses the same queues (the
/// same `{base_url}/rest/{store}/V1`), so two handles on one tenant still see each other's
/// actions; clients of other tenants or stores never make a walk re-read a page.
#[derive(Debug)]
pub(crate) struct ActionCounts {
    counts: [AtomicU64; 5],
    root: String,
}

/// The counts in use, by API root. An entry leaves when its last client is dropped, so a host
/// that frees its clients leaves nothing behind (valgrind's leak check runs the C suite).
fn registry() -> std::sync::MutexGuard<'static, BTreeMap<String, Weak<ActionCounts>>> {
    static BY_ROOT: Mutex<BTreeMap<String, Weak<ActionCounts>>> = Mutex::new(BTreeMap::new());
    BY_ROOT.lock().unwrap_or_else(|p| p.into_inner())
}

impl ActionCounts {
    /// The counts of the queues under `api_root`, made on first use.
    pub fn for_root(api_root: &str) -> Arc<ActionCounts> {
        let mut roots = registry();
        if let Some(counts) = roots.get(api_root).and_then(Weak::upgrade) {
            return counts;
        }
        let counts = Arc::new(ActionCounts { counts: Default::default(), root: api_root.to_owned() });
        roots.insert(api_root.to_owned(), Arc::downgrade(&counts));
        counts
    }

    pub fn note(&self, queue: Queue) {
        self.counts[index(queue)].fetch_add(1, Ordering::SeqCst);
    }

    pub fn count(&self, queue: Queue) -> u64 {
        self.counts[index(queue)].load(Ordering::SeqCst)
    }
}

impl Drop for ActionCounts {
    fn drop(&mut self) {
        let mut roots = registry();
        // A client made for the same root after the last one went may already sit there.
        if roots.get(&self.root).is_some_and(|entry| entry.strong_count() == 0) {
            roots.remove(&self.root);
        }
    }
}

fn index(queue: Queue) -> usize {
    Queue::ALL.iter().position(|q| *q == queue).unwrap_or(0)
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

    #[test]
    fn counts_are_per_tenant_and_store() {
        let a = ActionCounts::for_root("https://a.example/rest/all/V1");
        let a_again = ActionCounts::for_root("https://a.example/rest/all/V1");
        let b = ActionCounts::for_root("https://b.example/rest/all/V1");
        a.note(Queue::PendingAccept);
        assert_eq!(a_again.count(Queue::PendingAccept), 1);
        assert_eq!(b.count(Queue::PendingAccept), 0);
        assert_eq!(a.count(Queue::PendingShipment), 0);
        drop((a, a_again));
        assert!(!registry().contains_key("https://a.example/rest/all/V1"), "the last client took its entry");
        assert_eq!(ActionCounts::for_root("https://a.example/rest/all/V1").count(Queue::PendingAccept), 0);
    }
}
