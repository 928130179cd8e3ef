//! Walks a whole queue without skipping or repeating an order.
//!
//! Pages are numbered over a queue that shrinks as orders are acted on, so reading page 1, 2,
//! 3… skips whatever slides down into a page already read. The iterator therefore:
//! - yields each `order_id` once (a set of ids seen);
//! - re-reads the same page while actions on this queue happened since it was read (the
//!   orders behind slid into it), and moves on when nothing was acted on or the page had
//!   nothing new;
//! - at the end of the queue, starts one more pass from page 1 if actions happened during the
//!   pass and it found anything new (orders may have slid into pages already passed), and
//!   stops after a pass that finds nothing new.
//!
//! From page 2 on, while nothing has acted on the queue since the walk began, a second thread
//! reads the following pages, one ahead of the walk ([`super::read_ahead`]): fetching one
//! page overlaps validating the one before and the host's work on it, and a remote server's
//! latency hides behind both. A page read ahead is used only if the walk then wants exactly
//! that page and no action happened since it was requested; otherwise the read-ahead is
//! dropped. A host that acts from its first order never starts one; one that starts acting
//! later wastes at most one read per walk.
//!
//! Memory is one page of orders (two while reading ahead) plus one id per order seen.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDateTime;

use super::models::{Order, QueueEntry};
use super::queue::{actions, Queue};
use super::read_ahead::{may_hold_orders, Page, Plan, ReadAhead};
use super::seen::SeenIds;
use super::Client;
use crate::error::Result;

pub struct QueueIter<T = Order> {
    client: Client,
    queue: Queue,
    since: Option<NaiveDateTime>,
    seen: SeenIds,
    buffer: VecDeque<T>,
    /// Next page to read, or the page to read again.
    page: u32,
    /// Whether the current page gave new orders, and the action count when it was read.
    page_state: Option<(bool, u64)>,
    pass_actions: u64,
    pass_found_new: bool,
    /// Requests sent for pages, by the walk and its read-ahead.
    pages_read: Arc<AtomicU64>,
    done: bool,
    /// The action count when the walk began: equal to it now means nothing has acted since.
    walk_actions: u64,
    read_ahead: Option<ReadAhead<T>>,
}

impl<T: QueueEntry + Send + 'static> QueueIter<T> {
    pub(crate) fn new(client: Client, queue: Queue, since: Option<NaiveDateTime>) -> QueueIter<T> {
        QueueIter {
            client,
            queue,
            since,
            seen: SeenIds::new(),
            buffer: VecDeque::new(),
            page: 1,
            page_state: None,
            pass_actions: actions(queue),
            pass_found_new: false,
            pages_read: Arc::default(),
            done: false,
            walk_actions: actions(queue),
            read_ahead: None,
        }
    }

    pub fn queue(&self) -> Queue {
        self.queue
    }

    /// Every order read with the last page and not yet yielded (at most a page), or `None` at
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
    fn read(&mut self, before: u64) -> Result<Vec<T>> {
        let (page, queue, since) = (self.page, self.queue, self.since);
        let decoded = match self.read_ahead.as_ref().and_then(|ahead| ahead.take(page, before)) {
            Some(Ok(Page::Decoded(decoded))) => decoded,
            Some(Ok(Page::Body(body))) => T::decode_page(body),
            // Stopped, out of step, or failed: a failed read is simply read again, so its
            // failure surfaces here.
            _ => {
                self.read_ahead = None;
                self.pages_read.fetch_add(1, Ordering::Relaxed);
                let body = self.client.poll_queue_body(queue, page, since)?;
                self.start_read_ahead(before, &body);
                T::decode_page(body)
            }
        };
        if let Some(ahead) = &self.read_ahead {
            ahead.host_takes_page();
        }
        match decoded {
            Ok(orders) => Ok(orders),
            // A garbled page is read again through the transport, whose retries decide.
            Err(_) => {
                self.pages_read.fetch_add(1, Ordering::Relaxed);
                self.client.poll_queue_as(queue, page, since)
            }
        }
    }

    /// Reads the pages after this one ahead, from page 2 on, while nothing has acted on the
    /// queue since the walk began. A host that acts from its first order never starts it, and
    /// one that starts acting later wastes at most one read.
    fn start_read_ahead(&mut self, before: u64, body: &[u8]) {
        let quiet = before == self.walk_actions && actions(self.queue) == self.walk_actions;
        if quiet && self.page >= 2 && may_hold_orders(body) {
            let plan = Plan { queue: self.queue, since: self.since, first: self.page + 1, quiet_at: before };
            self.read_ahead = ReadAhead::start(self.client.clone(), plan, Arc::clone(&self.pages_read));
        }
    }

    fn choose_page(&mut self) {
        if let Some((found_new, actions_then)) = self.page_state.take() {
            let shifted = actions(self.queue) != actions_then;
            if !(found_new && shifted) {
                self.page += 1;
            }
        }
    }

    /// Reads the chosen page; returns false when the walk is over.
    fn fill(&mut self) -> Result<bool> {
        self.choose_page();
        let before = actions(self.queue);
        let orders = self.read(before)?;
        if orders.is_empty() {
            let acted_during_pass = actions(self.queue) != self.pass_actions;
            if self.pass_found_new && acted_during_pass && self.page > 1 {
                self.page = 1;
                self.pass_actions = actions(self.queue);
                self.pass_found_new = false;
                return Ok(true);
            }
            self.done = true;
            return Ok(false);
        }
        let mut found_new = false;
        for order in orders {
            if self.seen.insert(QueueEntry::order_id(&order)) {
                found_new = true;
                self.buffer.push_back(order);
            }
        }
        self.pass_found_new |= found_new;
        self.page_state = Some((found_new, before));
        Ok(true)
    }
}

impl<T: QueueEntry + Send + 'static> Iterator for QueueIter<T> {
    type Item = Result<T>;

    /// The next order not yet yielded. An error leaves the walk where it was: calling again
    /// retries the same page.
    fn next(&mut self) -> Option<Result<T>> {
        loop {
            if let Some(order) = self.buffer.pop_front() {
                return Some(Ok(order));
            }
            if self.done {
                return None;
            }
            let page_state = self.page_state;
            let page = self.page;
            match self.fill() {
                Ok(true) => continue,
                Ok(false) => return None,
                Err(e) => {
                    self.page_state = page_state;
                    self.page = page;
                    return Some(Err(e));
                }
            }
        }
    }
}
