//! The five actions. Each takes the documented request body and returns the response body.

use std::ffi::c_char;

use super::args::str_arg;
use super::call::{json_call, to_json};
use super::client::shiplink_client;
use super::shiplink_status;
use crate::error::Result;
use crate::shipperone::{from_body, ActionRequest, Client, Order};

/// Shared body of every action: parse and validate locally, send, encode the answer.
///
/// # Safety
/// The export's C contract: each pointer is NULL or valid for the call.
unsafe fn act<R: ActionRequest>(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
    send: impl FnOnce(&Client, &R) -> Result<Order>,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe {
        json_call(client, "client", out_json, "out_json", |handle| {
            // SAFETY: `request_json` is NULL or a NUL-terminated string, by the C contract.
            let request: R = from_body(str_arg(request_json, "request_json")?)?;
            to_json(&send(&handle.client, &request)?)
        })
    }
}

/// Accepts or rejects items: `{"order":{"order_id":"FO-1","items":[{"item_id":55501,"qty":2},
/// {"item_id":55502,"qty":0}]}}` (qty 0 rejects). Retried on network errors, 5xx and 429; a
/// repeated decision is a no-op on the server. `*out_json` is the order's current state.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_accept(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { act(client, request_json, out_json, Client::accept) }
}

/// Rejects whole items: `{"order":{"order_id":"FO-1","items":[{"item_id":55502}]}}`, sent as an
/// accept with qty 0 (a given qty must be 0). Retried like `shiplink_accept`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_reject(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { act(client, request_json, out_json, Client::reject) }
}

/// Confirms allocation: `{"order":{"order_id":"FO-1","items":[{"item_id":55501}]}}`. Never
/// blindly re-sent: after an ambiguous failure shiplink checks pending_allocation and re-sends
/// only if the items are still there; if they left, `*out_json` is
/// `{"order_id":"FO-1","items":[],"reconciled":true}`; if it cannot tell,
/// SHIPLINK_OUTCOME_UNKNOWN.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_allocate(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { act(client, request_json, out_json, Client::allocate) }
}

/// Reports a shipment: `{"shipment":{"order_id":"FO-1","items":[{"item_id":55501,"qty":1}],
/// "tracks":[{"carrier_code":"dhl","title":"DHL","track_number":"JD01"}],"cod_amount":0,
/// "package_value":0}}` (several tracks allowed; cod_amount and package_value optional). Retried
/// like `shiplink_accept`; the same shipment is not recorded twice. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_ship(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { act(client, request_json, out_json, Client::ship) }
}

/// Invoices shipped items: `{"order":{"order_id":"FO-1","items":[{"item_id":55501}],
/// "shipping_amount_incl_tax":4.99}}`; both must match the order's pending_invoice view, else
/// SHIPLINK_BAD_REQUEST with the server's explanation. Never blindly re-sent (see
/// `shiplink_allocate`). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_invoice(
    client: *mut shiplink_client,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { act(client, request_json, out_json, Client::invoice) }
}
