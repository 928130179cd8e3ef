//! `shiplink_queue_iter`: a whole queue, one order at a time, none skipped or repeated.

use std::ffi::c_char;

use super::client::shiplink_client;
use super::{guard, handle_arg, opt_str_arg, out_arg, shiplink_status, str_arg};
use crate::error::{Error, Status};
use crate::shipperone::{parse_since, Queue, QueueIter, RawOrder};

/// Walks one queue. Use from one thread at a time (different iterators may run in parallel).
pub struct shiplink_queue_iter {
    iter: QueueIter<RawOrder>,
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
        let out = out_arg(out_iter, "out_iter")?;
        let client = &handle_arg(client, "client")?.client;
        let queue: Queue = str_arg(queue, "queue")?.parse()?;
        let since = opt_str_arg(since, "since")?.map(parse_since).transpose()?;
        let iter = client.iter_queue_raw(queue, since);
        *out = Box::into_raw(Box::new(shiplink_queue_iter { iter }));
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
    guard(|| {
        let out = out_arg(out_order_json, "out_order_json")?;
        let iter = iter.as_mut().ok_or_else(|| Error::invalid("iter", "must not be NULL"))?;
        match iter.iter.next() {
            None => Ok(Status::Done),
            Some(order) => {
                *out = super::order_for_c(&order?);
                Ok(Status::Ok)
            }
        }
    })
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
    guard(|| {
        let out = out_arg(out_orders_json, "out_orders_json")?;
        let iter = iter.as_mut().ok_or_else(|| Error::invalid("iter", "must not be NULL"))?;
        match iter.iter.next_batch() {
            None => Ok(Status::Done),
            Some(orders) => {
                *out = super::json_array(&orders?);
                Ok(Status::Ok)
            }
        }
    })
}

/// Releases an iterator. NULL is a no-op.
#[no_mangle]
pub unsafe extern "C" fn shiplink_queue_iter_free(iter: *mut shiplink_queue_iter) {
    if !iter.is_null() {
        super::release(|| drop(Box::from_raw(iter)));
    }
}
