//! Reading a quiet walk's pages ahead on a second thread, so that fetching one page overlaps
//! the walk's work on the one before (and a remote server's latency hides behind it).
//!
//! The worker reads page after page, one ahead of the walk: it hands a page over when the walk
//! asks for it, then fetches the next. Who decodes a page depends on where the walk is when
//! the page arrives. If the host has the walk's last page (a Python host parsing it), the
//! worker decodes the new one too. Otherwise (a C host that takes items as fast as they come,
//! or the walk still decoding) the page goes over as it arrived, and the walk decodes it while
//! the worker fetches the next. Each of the simpler splits made one drain benchmark slower:
//! decoding only on the walk's thread left Python waiting, and decoding on the worker whenever
//! the walk was not waiting had two threads allocating typed orders at once.
//!
//! The worker stops at a plainly empty page (the end of the list), after a failed read, and as
//! soon as the source's shift count has moved since the walk began: pages read before a shift
//! are not trusted, and the walk reads for itself again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use super::numbered::{Page, PageSource};
use super::Entry;
use crate::error::Result;

/// A page read ahead: as it arrived, or already decoded (`Err` says why it would not decode).
pub(super) enum Ahead<T> {
    Body(Vec<u8>),
    Decoded(std::result::Result<Page<T>, String>),
}

/// A page as the worker read it: its number, the shift count just before the request, and the
/// page (or why there is none).
type Read<T> = (u32, u64, Result<Ahead<T>>);

pub(super) struct ReadAhead<T> {
    pages: Receiver<Read<T>>,
    /// Set while the host has the walk's last page, and not yet asked for the next.
    host_has_page: Arc<AtomicBool>,
}

/// What a walk may read ahead: the pages from `first` on, while the source's shift count stays
/// `quiet_at`.
pub(super) struct Plan {
    pub first: u32,
    pub quiet_at: u64,
}

impl<T: Entry> ReadAhead<T> {
    /// `None` when no thread can be had: the walk then reads every page itself. Every request
    /// the worker sends is counted in `requests`.
    pub fn start<S: PageSource>(source: S, plan: Plan, requests: Arc<AtomicU64>) -> Option<ReadAhead<T>> {
        // A rendezvous channel: the worker is never more than one page ahead.
        let (hand_over, pages) = sync_channel::<Read<T>>(0);
        let host_has_page = Arc::new(AtomicBool::new(false));
        let host_busy = Arc::clone(&host_has_page);
        std::thread::Builder::new()
            .name("shiplink-read-ahead".into())
            .spawn(move || {
                for page in plan.first.. {
                    let shifts_then = source.shifts();
                    if shifts_then != plan.quiet_at {
                        break;
                    }
                    requests.fetch_add(1, Ordering::Relaxed);
                    let read =
                        source.fetch_with(page, &Ok).map(|body| match host_busy.load(Ordering::Relaxed) {
                            true => Ahead::Decoded(source.decode(body)),
                            false => Ahead::Body(body),
                        });
                    let more = match &read {
                        Ok(Ahead::Body(body)) => may_hold_items(body),
                        Ok(Ahead::Decoded(Ok(page))) => !page.items.is_empty() && !page.last,
                        _ => false,
                    };
                    // A closed channel: the walk has ended or stopped trusting the read-ahead.
                    if hand_over.send((page, shifts_then, read)).is_err() || !more {
                        break;
                    }
                }
            })
            .ok()?;
        Some(ReadAhead { pages, host_has_page })
    }

    /// The next page read ahead, if it is `page` and the shift count is still `shifts`.
    /// `None` means the read-ahead is over (stopped, or out of step): the caller drops it and
    /// reads the page itself.
    pub fn take(&self, page: u32, shifts: u64) -> Option<Result<Ahead<T>>> {
        self.host_has_page.store(false, Ordering::Relaxed);
        let (got_page, got_shifts, read) = self.pages.recv().ok()?;
        (got_page == page && got_shifts == shifts).then_some(read)
    }
}

impl<T> ReadAhead<T> {
    /// The walk has decoded its page and hands it to the host.
    pub fn host_takes_page(&self) {
        self.host_has_page.store(true, Ordering::Relaxed);
    }
}

/// False for a body that is plainly an empty page (`[]`): the list ends there.
pub(super) fn may_hold_items(body: &[u8]) -> bool {
    let mut text = body.iter().filter(|b| !b.is_ascii_whitespace());
    !matches!((text.next(), text.next()), (Some(b'['), Some(b']')))
}

#[cfg(test)]
mod tests {
    use super::may_hold_items;

    #[test]
    fn only_a_plainly_empty_page_ends_the_read_ahead() {
        for empty in ["[]", " [ ]\n", "\r\n[\t]"] {
            assert!(!may_hold_items(empty.as_bytes()), "{empty:?}");
        }
        for other in ["[{}]", "[1]", "", "{}", "[", "garbled"] {
            assert!(may_hold_items(other.as_bytes()), "{other:?}");
        }
    }
}
