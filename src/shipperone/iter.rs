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
//! A walk taken a page at a time ([`QueueIter::next_batch`]) reads the next page ahead on a
//! second thread while nothing has acted on the queue since the walk began: fetching and
//! validating then overlap the host's work on the current page, and a remote server's latency
//! is hidden behind it. A read-ahead is used only if the walk then wants exactly that page and
//! no action happened since it started; otherwise it is dropped (a batched host that acts as it
//! goes wastes that one read, once per walk). Order-by-order walks do not read ahead: there the
//! host does little per call, and handing each page between cores cost more than it saved
//! (measured on the drain benchmark).
//!
//! Memory is one page of orders (two while reading ahead) plus one id per order seen.

use std::collections::{HashSet, VecDeque};
use std::sync::mpsc::{channel, Receiver, Sender};

use chrono::NaiveDateTime;

use super::models::{Order, QueueEntry};
use super::queue::{actions, Queue};
use super::Client;
use crate::error::Result;

/// One worker thread per walk that reads pages ahead: asked for a page with the action count
/// at that moment, it answers with both, so a stale answer is recognised and dropped.
struct ReadAhead<T> {
    ask: Sender<(u32, u64)>,
    answers: Receiver<(u32, u64, Result<Vec<T>>)>,
    /// The page asked for and not yet collected, with its action count.
    pending: Option<(u32, u64)>,
}

impl<T: QueueEntry + Send + 'static> ReadAhead<T> {
    fn start(client: Client, queue: Queue, since: Option<NaiveDateTime>) -> Option<ReadAhead<T>> {
        let (ask, asked) = channel::<(u32, u64)>();
        let (answer, answers) = channel();
        std::thread::Builder::new()
            .name("shiplink-read-ahead".into())
            .spawn(move || {
                // Ends when the walk is dropped (its sender closes) or stops listening.
                for (page, actions) in asked {
                    let orders = client.poll_queue_as(queue, page, since);
                    if answer.send((page, actions, orders)).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(ReadAhead { ask, answers, pending: None })
    }

    /// The pending page if it is `page` read after `actions`; a stale one is collected and
    /// dropped. `None` means the caller reads the page itself.
    fn take(&mut self, page: u32, actions: u64) -> Option<Result<Vec<T>>> {
        let pending = self.pending.take()?;
        let (got_page, got_actions, orders) = self.answers.recv().ok()?;
        debug_assert_eq!((got_page, got_actions), pending);
        (got_page == page && got_actions == actions).then_some(orders)
    }

    fn ask(&mut self, page: u32, actions: u64) {
        if self.pending.is_none() && self.ask.send((page, actions)).is_ok() {
            self.pending = Some((page, actions));
        }
    }
}

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
    /// The action count when the walk began: equal to it now means nothing has acted since.
    walk_actions: u64,
    read_ahead: Option<ReadAhead<T>>,
    /// Set once the walk is taken a page at a time.
    batched: bool,
}

impl<T: QueueEntry + Send + 'static> QueueIter<T> {
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
            walk_actions: actions(queue),
            read_ahead: None,
            batched: false,
        }
    }

    pub fn queue(&self) -> Queue {
        self.queue
    }

    /// Every order read with the last page and not yet yielded (at most a page), or `None` at
    /// the end: the same walk as [`Iterator::next`], a page at a time, for callers that pay per
    /// call (the C ABI's bindings).
    pub fn next_batch(&mut self) -> Option<Result<Vec<T>>> {
        self.batched = true;
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

    /// The chosen page: the read-ahead when it is that page and still valid, else a fresh read.
    fn read(&mut self, before: u64) -> Result<Vec<T>> {
        let (page, queue, since) = (self.page, self.queue, self.since);
        // A failed read-ahead is simply read again, so the failure surfaces here.
        if let Some(Ok(orders)) = self.read_ahead.as_mut().and_then(|ahead| ahead.take(page, before)) {
            return Ok(orders);
        }
        self.pages_read += 1;
        self.client.poll_queue_as(queue, page, since)
    }

    /// Asks for the next page ahead of time, while the walk has seen no action.
    fn start_read_ahead(&mut self) {
        let quiet = actions(self.queue) == self.walk_actions;
        if !self.batched || !quiet {
            self.read_ahead = None; // the walk acts now: the worker is let go
            return;
        }
        if self.read_ahead.is_none() {
            // No thread to be had: the walk simply reads every page itself.
            self.read_ahead = ReadAhead::start(self.client.clone(), self.queue, self.since);
        }
        if let Some(ahead) = self.read_ahead.as_mut() {
            self.pages_read += 1;
            ahead.ask(self.page + 1, actions(self.queue));
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
            if self.seen.insert(QueueEntry::order_id(&order).to_owned()) {
                found_new = true;
                self.buffer.push_back(order);
            }
        }
        self.pass_found_new |= found_new;
        self.page_state = Some((found_new, before));
        self.start_read_ahead();
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
