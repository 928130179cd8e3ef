//! `shiplink_queue_iter`: a whole queue, one order at a time, none skipped or repeated.

use std::ffi::c_char;

use super::args::{free_handle, handle_arg, into_handle, opt_str_arg, out_arg, str_arg};
use super::client::shiplink_client;
use super::walk::{self, WalkHandle};
use super::{guard, shiplink_status};
use crate::error::Status;
use crate::paging::Walk;
use crate::shipperone::{parse_since, Queue, QueueIter, RawOrder};

/// Walks one queue. Use from one thread at a time (different iterators may run in parallel).
pub struct shiplink_queue_iter {
    iter: QueueIter<RawOrder>,
}

impl WalkHandle for shiplink_queue_iter {
    fn walk(&mut self) -> &mut dyn Walk {
        &mut self.iter
    }
}

/// Starts a walk over `queue` (see `shiplink_poll_queue` for names and `since`). No request is
/// made until the first `shiplink_queue_iter_next`. The host may act on each order (accept,
/// ship…) between calls: the iterator still yields every order once. On success `*out_iter`
/// must be released with `shiplink_queue_iter_free`; it keeps its own reference to the client.
#[no_mangle]
pub unsafe extern "C" fn shiplink_queue_iter_new(
    client: *mut shiplink_client,
    queue: *const c_char,
    since: *const c_char,
    out_iter: *mut *mut shiplink_queue_iter,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, every pointer is NULL or valid for the call: `out_iter`
        // writable, `client` live, `queue` and `since` NUL-terminated strings.
        let (out, client, queue, since) = unsafe {
            (
                out_arg(out_iter, "out_iter")?,
                &handle_arg(client, "client")?.client,
                str_arg(queue, "queue")?,
                opt_str_arg(since, "since")?,
            )
        };
        let queue: Queue = queue.parse()?;
        let since = since.map(parse_since).transpose()?;
        *out = into_handle(shiplink_queue_iter { iter: client.iter_queue_raw(queue, since) });
        Ok(Status::Ok)
    })
}

/// The next order as a JSON object, as the server sent it, in `*out_order_json` (free with
/// `shiplink_string_free`), or
/// SHIPLINK_DONE with `*out_order_json` NULL when the queue is exhausted. After a failure
/// (network, server…) the walk is where it was: calling again retries the same page.
#[no_mangle]
pub unsafe extern "C" fn shiplink_queue_iter_next(
    iter: *mut shiplink_queue_iter,
    out_order_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, `iter` is NULL or live and used by this thread alone, and
    // `out_order_json` is NULL or writable.
    unsafe { walk::next_item(iter, out_order_json, "out_order_json") }
}

/// The next orders, at most a page of them, as one JSON array in `*out_orders_json` (free with
/// `shiplink_string_free`), or SHIPLINK_DONE with `*out_orders_json` NULL at the end. The same
/// walk as `shiplink_queue_iter_next` — the host may act on the orders between calls — for hosts
/// where each call costs (scripting languages). The two may be mixed on one iterator. Either
/// way, from page 2 on and while nothing acts on the queue, a second thread reads the next page
/// ahead as the host works on the current one; a page read before an action is never used.
#[no_mangle]
pub unsafe extern "C" fn shiplink_queue_iter_next_batch(
    iter: *mut shiplink_queue_iter,
    out_orders_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: as in shiplink_queue_iter_next.
    unsafe { walk::next_items(iter, out_orders_json, "out_orders_json") }
}

/// Releases an iterator. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn shiplink_queue_iter_free(iter: *mut shiplink_queue_iter) {
    // SAFETY: by the C contract, `iter` is NULL or came from shiplink_queue_iter_new, freed once.
    unsafe { free_handle(iter) }
}
