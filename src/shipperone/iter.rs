//! A queue as a page-numbered list: the generic walk ([`crate::paging::NumberedWalk`]) over
//! one queue, whose pages shift as this tenant's queue is acted on.

use chrono::NaiveDateTime;

use super::models::{Order, ORDER_ID};
use super::queue::Queue;
use super::Client;
use crate::error::Result;
use crate::paging::{Entry, NumberedWalk, Page, PageSource};

/// Walks a whole queue: every order once, even while the host acts on them between calls.
pub type QueueIter<T = Order> = NumberedWalk<QueueSource, T>;

/// One queue of one tenant, with its `date` filter.
#[derive(Clone)]
pub struct QueueSource {
    pub(super) client: Client,
    pub(super) queue: Queue,
    pub(super) since: Option<NaiveDateTime>,
}

impl PageSource for QueueSource {
    fn fetch_with<R>(
        &self,
        page: u32,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        self.client.read_page(self.queue, page, self.since, decode)
    }

    fn decode<T: Entry>(&self, body: Vec<u8>) -> std::result::Result<Page<T>, String> {
        crate::paging::array_page(body, ORDER_ID)
    }

    /// Actions on this queue of this tenant: each may shrink the queue under the walk's pages.
    fn shifts(&self) -> u64 {
        self.client.actions.count(self.queue)
    }

    fn reads_ahead(&self) -> bool {
        true
    }
}

impl<T: Entry> QueueIter<T> {
    pub fn queue(&self) -> Queue {
        self.source().queue
    }
}
