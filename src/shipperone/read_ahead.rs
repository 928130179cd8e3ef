//! Reading a quiet walk's pages ahead on a second thread, so that fetching one page overlaps
//! the walk's work on the one before (and a remote server's latency hides behind it).
//!
//! The worker reads page after page, one ahead of the walk: it hands a page over when the walk
//! asks for it, then fetches the next. Who decodes a page depends on where the walk is when
//! the page arrives. If the host has the walk's last page (a Python host parsing it), the
//! worker decodes the new one too. Otherwise (a C host that takes orders as fast as they come,
//! or the walk still decoding) the page goes over as it arrived, and the walk decodes it while
//! the worker fetches the next. Each of the simpler splits made one drain benchmark slower:
//! decoding only on the walk's thread left Python waiting, and decoding on the worker whenever
//! the walk was not waiting had two threads allocating typed orders at once.
//!
//! The worker stops at a plainly empty page (the end of the queue), after a failed read, and as
//! soon as any action on the queue has happened since the walk began: pages read before an
//! action are not trusted, and the walk reads for itself again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use chrono::NaiveDateTime;

use super::models::QueueEntry;
use super::queue::{actions, Queue};
use super::Client;
use crate::error::Result;

/// A page read ahead: as it arrived, or already decoded (`Err` says why it would not decode).
pub(super) enum Page<T> {
    Body(Vec<u8>),
    Decoded(std::result::Result<Vec<T>, String>),
}

/// A page as the worker read it: its number, the action count just before the request, and the
/// page (or why there is none).
type Read<T> = (u32, u64, Result<Page<T>>);

pub(super) struct ReadAhead<T> {
    pages: Receiver<Read<T>>,
    /// Set while the host has the walk's last page, and not yet asked for the next.
    host_has_page: Arc<AtomicBool>,
}

/// Where a walk is and what it may read ahead: the pages from `first` on, while the action
/// count on `queue` stays `quiet_at`.
pub(super) struct Plan {
    pub queue: Queue,
    pub since: Option<NaiveDateTime>,
    pub first: u32,
    pub quiet_at: u64,
}

impl<T: QueueEntry + Send + 'static> ReadAhead<T> {
    /// `None` when no thread can be had: the walk then reads every page itself. Every request
    /// the worker sends is counted in `requests`.
    pub fn start(client: Client, plan: Plan, requests: Arc<AtomicU64>) -> Option<ReadAhead<T>> {
        // A rendezvous channel: the worker is never more than one page ahead.
        let (hand_over, pages) = sync_channel::<Read<T>>(0);
        let host_has_page = Arc::new(AtomicBool::new(false));
        let host_busy = Arc::clone(&host_has_page);
        std::thread::Builder::new()
            .name("shiplink-read-ahead".into())
            .spawn(move || {
                for page in plan.first.. {
                    let actions_then = actions(plan.queue);
                    if actions_then != plan.quiet_at {
                        break;
                    }
                    requests.fetch_add(1, Ordering::Relaxed);
                    let read =
                        client.poll_queue_body(plan.queue, page, plan.since).map(|body| {
                            match host_busy.load(Ordering::Relaxed) {
                                true => Page::Decoded(T::decode_page(body)),
                                false => Page::Body(body),
                            }
                        });
                    let more = match &read {
                        Ok(Page::Body(body)) => may_hold_orders(body),
                        Ok(Page::Decoded(Ok(orders))) => !orders.is_empty(),
                        _ => false,
                    };
                    // A closed channel: the walk has ended or stopped trusting the read-ahead.
                    if hand_over.send((page, actions_then, read)).is_err() || !more {
                        break;
                    }
                }
            })
            .ok()?;
        Some(ReadAhead { pages, host_has_page })
    }

    /// The next page read ahead, if it is `page` and the action count is still `actions`.
    /// `None` means the read-ahead is over (stopped, or out of step): the caller drops it and
    /// reads the page itself.
    pub fn take(&self, page: u32, actions: u64) -> Option<Result<Page<T>>> {
        self.host_has_page.store(false, Ordering::Relaxed);
        let (got_page, got_actions, read) = self.pages.recv().ok()?;
        (got_page == page && got_actions == actions).then_some(read)
    }
}

impl<T> ReadAhead<T> {
    /// The walk has decoded its page and hands it to the host.
    pub fn host_takes_page(&self) {
        self.host_has_page.store(true, Ordering::Relaxed);
    }
}

/// False for a body that is plainly an empty page (`[]`): the queue ends there.
pub(super) fn may_hold_orders(body: &[u8]) -> bool {
    let mut text = body.iter().filter(|b| !b.is_ascii_whitespace());
    !matches!((text.next(), text.next()), (Some(b'['), Some(b']')))
}

#[cfg(test)]
mod tests {
    use super::may_hold_orders;

    #[test]
    fn only_a_plainly_empty_page_ends_the_read_ahead() {
        for empty in ["[]", " [ ]\n", "\r\n[\t]"] {
            assert!(!may_hold_orders(empty.as_bytes()), "{empty:?}");
        }
        for other in ["[{}]", "[1]", "", "{}", "[", "garbled"] {
            assert!(may_hold_orders(other.as_bytes()), "{other:?}");
        }
    }
}
