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
//! Memory is one page of orders plus one id per order seen.

use std::collections::{HashSet, VecDeque};

use chrono::NaiveDateTime;

use super::models::{Order, QueueEntry};
use super::queue::{actions, Queue};
use super::Client;
use crate::error::Result;

pub struct QueueIter<T = Order> {
    client: Client,
    queue: Queue,
    since: Option<NaiveDateTime>,
    seen: HashSet<String>,
    buffer: VecDeque<T>,
    /// Next page to read, or the page to read again.
    page: u32,
    /// Whether the current page gave new orders, and the action count when it was read.
    page_state: Option<(bool, u64)>,
    pass_actions: u64,
    pass_found_new: bool,
    pages_read: u64,
    done: bool,
}

impl<T: QueueEntry> QueueIter<T> {
    pub(crate) fn new(client: Client, queue: Queue, since: Option<NaiveDateTime>) -> QueueIter<T> {
        QueueIter {
            client,
            queue,
            since,
            seen: HashSet::new(),
            buffer: VecDeque::new(),
            page: 1,
            page_state: None,
            pass_actions: actions(queue),
            pass_found_new: false,
            pages_read: 0,
            done: false,
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
        self.pages_read
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
        let orders: Vec<T> = self.client.poll_queue_as(self.queue, self.page, self.since)?;
        self.pages_read += 1;
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
            if self.seen.insert(order.order_id().to_owned()) {
                found_new = true;
                self.buffer.push_back(order);
            }
        }
        self.pass_found_new |= found_new;
        self.page_state = Some((found_new, before));
        Ok(true)
    }
}

impl<T: QueueEntry> Iterator for QueueIter<T> {
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
