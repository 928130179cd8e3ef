//! `shiplink_client`: one configured connection, and one-page polling.

use std::ffi::c_char;

use super::args::{free_handle, handle_arg, opt_str_arg, out_arg, str_arg};
use super::{guard, shiplink_status};
use crate::error::Status;
use crate::shipperone::{parse_since, Client, Config, Queue, RawOrder};

/// A configured client. Thread-safe: one client may be shared by any number of threads.
pub struct shiplink_client {
    pub(super) client: Client,
}

/// Creates a client from a JSON configuration, e.g.
/// `{"base_url":"https://tenant.example.com","token":"…","store_code":"all"}`.
/// Keys: base_url, token (required); store_code ("all"), timeout_ms (30000),
/// connect_timeout_ms (10000), max_retries (3), ca_file, proxy, user_agent,
/// allow_insecure_http (false), retry_base_ms (500), retry_max_ms (5000),
/// retry_after_max_ms (60000), max_response_bytes (16 MiB). An unknown key, or plain http:// to
/// a non-loopback host without allow_insecure_http, is SHIPLINK_INVALID_ARGUMENT.
/// On success `*out_client` owns a client to release with `shiplink_client_free`; on failure
/// it is set to NULL. No network traffic happens here.
#[no_mangle]
pub unsafe extern "C" fn shiplink_client_new(
    config_json: *const c_char,
    out_client: *mut *mut shiplink_client,
) -> shiplink_status {
    // SAFETY: by the C contract, `config_json` is NULL or a NUL-terminated string and
    // `out_client` NULL or writable.
    unsafe {
        super::call::new_client(config_json, out_client, |json| {
            Ok(shiplink_client { client: Client::new(Config::from_json(json)?)? })
        })
    }
}

/// Releases a client. NULL is a no-op. Iterators made from it stay usable until freed. The
/// client must not be used by any thread after this call.
#[no_mangle]
pub unsafe extern "C" fn shiplink_client_free(client: *mut shiplink_client) {
    // SAFETY: by the C contract, `client` is NULL or came from shiplink_client_new, freed once.
    unsafe { free_handle(client) }
}

/// Reads one page (1-based, 100 orders per page) of `queue` — "pending_accept",
/// "pending_allocation", "pending_shipment", "pending_invoice" or "failed". `since` is NULL or
/// "yyyy-mm-dd hh:mm:ss" (orders updated at or after it). On success `*out_json` is a JSON array
/// of orders as the server sent them (empty past the last page), to free with
/// `shiplink_string_free`. Acting on orders
/// shrinks the queue and shifts later pages: to walk a whole queue, use
/// `shiplink_queue_iter_new`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_poll_queue(
    client: *mut shiplink_client,
    queue: *const c_char,
    page: u32,
    since: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, every pointer is NULL or valid for the call: `out_json`
        // writable, `client` live, `queue` and `since` NUL-terminated strings.
        let (out, client, queue, since) = unsafe {
            (
                out_arg(out_json, "out_json")?,
                &handle_arg(client, "client")?.client,
                str_arg(queue, "queue")?,
                opt_str_arg(since, "since")?,
            )
        };
        let queue: Queue = queue.parse()?;
        let since = since.map(parse_since).transpose()?;
        let orders: Vec<RawOrder> = client.poll_queue_as(queue, page, since)?;
        *out = super::json_array(&orders);
        Ok(Status::Ok)
    })
}
