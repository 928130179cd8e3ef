//! The walks every list shares, whatever the API: page-numbered lists (ShipperOne queues,
//! Shipper's lists) and cursor lists (the 3PL blueprint), and the incremental sync built on cursor lists. An API plugs in a source that knows
//! how to fetch one page; the walk keeps the rules: every item once, none skipped, memory
//! bounded by a page.
//!
//! Items are handed on either typed (any [`Entry`]) or as [`RawItem`]s, the server's own text
//! with the id found by a scan, which is what the C ABI's iterators pass to hosts.

mod cursor;
mod numbered;
mod raw;
mod read_ahead;
mod scan;
mod seen;
mod sync;
mod sync_ahead;
mod sync_memory;
#[cfg(test)]
pub(crate) mod testing;

pub use cursor::{CursorPage, CursorSource, CursorWalk};
pub(crate) use numbered::array_page;
pub use numbered::{NumberedWalk, Page, PageSource};
pub use raw::RawItem;
pub use sync::{names_the_cursor, SyncSource, SyncWalk};

use crate::error::Result;

/// An element of a list, decoded a page at a time.
pub trait Entry: Sized + Send + 'static {
    /// The item's id, which a walk uses to yield each item once.
    fn id(&self) -> &str;
    /// A page's body (a JSON array) as entries, the id read from `id_key`; `Err` says why the
    /// body is not such a page.
    fn decode_page(body: Vec<u8>, id_key: &str) -> std::result::Result<Vec<Self>, String>;
}

/// A walk that hands its items on as the server sent them: what the C ABI's iterator handles
/// drive, whichever API and kind of list is underneath.
pub trait Walk: Send {
    /// The next item, `None` at the end. After an error the walk is where it was: calling again
    /// retries the same page.
    fn next_item(&mut self) -> Option<Result<RawItem>>;
    /// Every item read with the last page and not yet yielded (at most a page), `None` at the
    /// end: the same walk, a page at a time, for hosts that pay per call.
    fn next_items(&mut self) -> Option<Result<Vec<RawItem>>>;
    /// An opaque string from which a later walk resumes; `None` when this kind of walk has none.
    fn checkpoint(&self) -> Option<String> {
        None
    }
}

/// A boxed walk walks: an API that picks its kind of walk at run time (a sync or a plain
/// cursor walk) hands it on as one.
impl<W: Walk + ?Sized> Walk for Box<W> {
    fn next_item(&mut self) -> Option<Result<RawItem>> {
        (**self).next_item()
    }

    fn next_items(&mut self) -> Option<Result<Vec<RawItem>>> {
        (**self).next_items()
    }

    fn checkpoint(&self) -> Option<String> {
        (**self).checkpoint()
    }
}
