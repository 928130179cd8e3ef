//! Walks a whole page-numbered list without skipping or repeating an item.
//!
//! Pages are numbered over a list that may shift under the walk: a ShipperOne queue shrinks as
//! the host acts on its orders, so reading page 1, 2, 3… skips whatever slides down into a
//! page already read. The walk therefore:
//! - yields each id once (a set of ids seen);
//! - re-reads the same page while the source's shift count moved since it was read (the
//!   items behind slid into it), and moves on when nothing moved or the page had nothing new;
//! - at the end of the list, starts one more pass from page 1 if the count moved during the
//!   pass and it found anything new (items may have slid into pages already passed), and
//!   stops after a pass that finds nothing new.
//!
//! The end of the list is an empty page, a page the source marks as the last, or (for sources
//! that ask for it) a page with nothing new. A list that never shifts (count 0) is simply read
//! once, page after page.
//!
//! From page 2 on, for sources that read ahead and while nothing has shifted since the walk
//! began, a second thread reads the following pages, one ahead of the walk
//! ([`super::read_ahead`]): fetching one page overlaps validating the one before and the
//! host's work on it, and a remote server's latency hides behind both. A page read ahead is
//! used only if the walk then wants exactly that page and nothing shifted since it was
//! requested; otherwise the read-ahead is dropped. A host that acts from its first order never
//! starts one; one that starts acting later wastes at most one read per walk.
//!
//! Memory is one page of items (two while reading ahead) plus one id per item seen.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::read_ahead::{may_hold_items, Ahead, Plan, ReadAhead};
use super::seen::SeenIds;
use super::{Entry, RawItem, Walk};
use crate::error::Result;

/// One page as a source decoded it: its items, and whether the source knows it is the last.
pub struct Page<T> {
    pub items: Vec<T>,
    pub last: bool,
}

/// Where a page-numbered list comes from: one API's endpoint with its filters.
pub trait PageSource: Clone + Send + 'static {
    /// Requests page `page` (1-based) and decodes the body with `decode`, inside the
    /// transport's retries (so a garbled body is read again there).
    fn fetch_with<R>(
        &self,
        page: u32,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R>;

    /// A page body as entries; `Err` says why it is not one.
    fn decode<T: Entry>(&self, body: Vec<u8>) -> std::result::Result<Page<T>, String>;

    /// A count that moves whenever something may have shifted the list's pages (ShipperOne
    /// counts the actions on a queue); a list that does not move under the walk keeps 0.
    fn shifts(&self) -> u64 {
        0
    }

    /// Whether quiet walks read the next page ahead on a second thread. Only for sources whose
    /// pages are JSON arrays (an empty one, `[]`, ends the read-ahead).
    fn reads_ahead(&self) -> bool {
        false
    }

    /// Whether a page that brings nothing new ends the walk (lists whose pages do not shift,
    /// where such a page means the walk has gone round).
    fn stops_on_nothing_new(&self) -> bool {
        false
    }
}

pub struct NumberedWalk<S: PageSource, T: Entry> {
    source: S,
    seen: SeenIds,
    buffer: VecDeque<T>,
    /// Next page to read, or the page to read again.
    page: u32,
    /// Whether the current page gave new items, and the shift count when it was read.
    page_state: Option<(bool, u64)>,
    /// Set when the page just read was the list's last: the pass ends there.
    at_last_page: bool,
    pass_shifts: u64,
    pass_found_new: bool,
    /// Requests sent for pages, by the walk and its read-ahead.
    pages_read: Arc<AtomicU64>,
    done: bool,
    /// The shift count when the walk began: equal to it now means nothing has shifted since.
    walk_shifts: u64,
    read_ahead: Option<ReadAhead<T>>,
}

impl<S: PageSource, T: Entry> NumberedWalk<S, T> {
    pub fn new(source: S) -> NumberedWalk<S, T> {
        let shifts = source.shifts();
        NumberedWalk {
            source,
            seen: SeenIds::new(),
            buffer: VecDeque::new(),
            page: 1,
            page_state: None,
            at_last_page: false,
            pass_shifts: shifts,
            pass_found_new: false,
            pages_read: Arc::default(),
            done: false,
            walk_shifts: shifts,
            read_ahead: None,
        }
    }

    pub fn source(&self) -> &S {
        &self.source
    }

    /// Every item read with the last page and not yet yielded (at most a page), or `None` at
    /// the end: the same walk as [`Iterator::next`], a page at a time, for callers that pay per
    /// call (the C ABI's bindings).
    pub fn next_batch(&mut self) -> Option<Result<Vec<T>>> {
        if self.buffer.is_empty() {
            match self.next()? {
                Ok(first) => self.buffer.push_front(first),
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Ok(self.buffer.drain(..).collect()))
    }

    /// Pages requested so far (for logs and benchmarks).
    pub fn pages_read(&self) -> u64 {
        self.pages_read.load(Ordering::Relaxed)
    }

    /// The chosen page: the read-ahead's when it is that page and still valid, else a fresh
    /// read.
    fn read(&mut self, before: u64) -> Result<Page<T>> {
        let page = self.page;
        let decoded = match self.read_ahead.as_ref().and_then(|ahead| ahead.take(page, before)) {
            Some(Ok(Ahead::Decoded(decoded))) => decoded,
            Some(Ok(Ahead::Body(body))) => self.source.decode(body),
            // Stopped, out of step, or failed: a failed read is simply read again, so its
            // failure surfaces here.
            _ => {
                self.read_ahead = None;
                self.pages_read.fetch_add(1, Ordering::Relaxed);
                let body = self.source.fetch_with(page, &Ok)?;
                self.start_read_ahead(before, &body);
                self.source.decode(body)
            }
        };
        if let Some(ahead) = &self.read_ahead {
            ahead.host_takes_page();
        }
        match decoded {
            Ok(items) => Ok(items),
            // A garbled page is read again through the transport, whose retries decide.
            Err(_) => {
                self.pages_read.fetch_add(1, Ordering::Relaxed);
                let source = self.source.clone();
                self.source.fetch_with(page, &|body| source.decode(body))
            }
        }
    }

    /// Reads the pages after this one ahead, from page 2 on, while nothing has shifted since
    /// the walk began. A host that acts from its first order never starts it, and one that
    /// starts acting later wastes at most one read.
    fn start_read_ahead(&mut self, before: u64, body: &[u8]) {
        let quiet = before == self.walk_shifts && self.source.shifts() == self.walk_shifts;
        if quiet && self.page >= 2 && self.source.reads_ahead() && may_hold_items(body) {
            let plan = Plan { first: self.page + 1, quiet_at: before };
            self.read_ahead = ReadAhead::start(self.source.clone(), plan, Arc::clone(&self.pages_read));
        }
    }

    fn choose_page(&mut self) {
        if let Some((found_new, shifts_then)) = self.page_state.take() {
            let shifted = self.source.shifts() != shifts_then;
            if !(found_new && shifted) {
                self.page += 1;
            }
        }
    }

    /// The end of a pass: one more from page 1 when the list shifted during this one and it
    /// found something new; otherwise the walk is over. Returns whether the walk goes on.
    fn end_of_pass(&mut self) -> bool {
        let shifted_during_pass = self.source.shifts() != self.pass_shifts;
        if self.pass_found_new && shifted_during_pass && self.page > 1 {
            self.page = 1;
            self.page_state = None;
            self.pass_shifts = self.source.shifts();
            self.pass_found_new = false;
            return true;
        }
        self.done = true;
        false
    }

    /// Reads the chosen page; returns false when the walk is over.
    fn fill(&mut self) -> Result<bool> {
        if self.at_last_page {
            self.at_last_page = false;
            return Ok(self.end_of_pass());
        }
        self.choose_page();
        let before = self.source.shifts();
        let Page { items, last } = self.read(before)?;
        if items.is_empty() {
            return Ok(self.end_of_pass());
        }
        let mut found_new = false;
        for item in items {
            if self.seen.insert(Entry::id(&item)) {
                found_new = true;
                self.buffer.push_back(item);
            }
        }
        self.pass_found_new |= found_new;
        self.page_state = Some((found_new, before));
        self.at_last_page = last || (!found_new && self.source.stops_on_nothing_new());
        Ok(true)
    }
}

impl<S: PageSource, T: Entry> Iterator for NumberedWalk<S, T> {
    type Item = Result<T>;

    /// The next item not yet yielded. An error leaves the walk where it was: calling again
    /// retries the same page.
    fn next(&mut self) -> Option<Result<T>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            let (page_state, page, at_last_page) = (self.page_state, self.page, self.at_last_page);
            match self.fill() {
                Ok(true) => continue,
                Ok(false) => return None,
                Err(e) => {
                    self.page_state = page_state;
                    self.page = page;
                    self.at_last_page = at_last_page;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl<S: PageSource> Walk for NumberedWalk<S, RawItem> {
    fn next_item(&mut self) -> Option<Result<RawItem>> {
        self.next()
    }

    fn next_items(&mut self) -> Option<Result<Vec<RawItem>>> {
        self.next_batch()
    }
}

/// Decodes a page that is a JSON array of entries keyed by `id_key`: an empty array ends the
/// list, nothing else does.
pub(crate) fn array_page<T: Entry>(body: Vec<u8>, id_key: &str) -> std::result::Result<Page<T>, String> {
    T::decode_page(body, id_key).map(|items| Page { items, last: false })
}
