//! `shiplink_shipper_client` and its calls: the Shipper Open API. Bodies in and out are the
//! spec's JSON; ids are decimal text; every call is checked locally before anything is sent.

use std::ffi::c_char;

use serde_json::Value;

use super::args::{free_handle, handle_arg, into_handle, opt_str_arg, out_arg, str_arg};
use super::call::{json_call, to_json};
use super::list_iter::shiplink_list_iter;
use super::{guard, shiplink_status};
use crate::error::{Error, Result, Status};
use crate::shipper::{Client, Config};

/// A configured Shipper client. Thread-safe: share it across threads. Every client of the same
/// base URL and token in the process shares one rate limiter.
pub struct shiplink_shipper_client {
    client: Client,
}

/// JSON text from C, parsed; `name` is the argument, named when it is not JSON.
fn parse(text: &str, name: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::invalid(name, format!("not valid JSON ({e})")))
}

/// An optional JSON argument: NULL reads as `null`.
///
/// # Safety
/// `ptr` is NULL or a NUL-terminated string that outlives the call.
unsafe fn opt_json(ptr: *const c_char, name: &str) -> Result<Value> {
    // SAFETY: the caller's promise, passed on.
    match unsafe { opt_str_arg(ptr, name) }? {
        Some(text) => parse(text, name),
        None => Ok(Value::Null),
    }
}

/// The shape every call here shares: check `out` and the client, run `call`, hand its JSON
/// to C.
///
/// # Safety
/// `client` is NULL or live; `out` is NULL or writable.
unsafe fn shipper_call(
    client: *mut shiplink_shipper_client,
    out: *mut *mut c_char,
    call: impl FnOnce(&Client) -> Result<Value>,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe { json_call(client, "client", out, "out_json", |handle| to_json(&call(&handle.client)?)) }
}

/// Creates a Shipper client from a JSON configuration, e.g.
/// `{"base_url":"https://server.shipper.network/api/v1","token":"…"}` (base_url defaults to
/// that). Keys: the shared transport keys (token required; timeout_ms, connect_timeout_ms,
/// max_retries, retry_base_ms, retry_max_ms, retry_after_max_ms, max_response_bytes, ca_file,
/// proxy, user_agent, allow_insecure_http) and rate_window_ms (60000: the window the
/// documented per-minute budgets apply to; only a test server has another). Any other key is
/// SHIPLINK_INVALID_ARGUMENT naming it. On success `*out_client` is to release with
/// `shiplink_shipper_client_free`. No network traffic happens here.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_client_new(
    config_json: *const c_char,
    out_client: *mut *mut shiplink_shipper_client,
) -> shiplink_status {
    // SAFETY: by the C contract, `config_json` is NULL or a NUL-terminated string and
    // `out_client` NULL or writable.
    unsafe {
        super::call::new_client(config_json, out_client, |json| {
            Ok(shiplink_shipper_client { client: Client::new(Config::from_json(json)?)? })
        })
    }
}

/// Releases a Shipper client. NULL is a no-op. Iterators made from it stay usable until freed.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_client_free(client: *mut shiplink_shipper_client) {
    // SAFETY: by the C contract, `client` is NULL or came from shiplink_shipper_client_new.
    unsafe { free_handle(client) }
}

/// One page (or list) of `resource`: "countries", "divisions" (query {"country","level",
/// "parent_id"}; country required), "products" ({"page","per_page" ≤ 100,"search"}),
/// "orders" ({"page","per_page" ≤ 100,"status","start_date","end_date","search"}), "webhooks",
/// "product-performance" ({"page","per_page" ≤ 50,"sort_by","start_date","end_date",
/// "retailer_product_id"}). `query_json` is NULL or an object of those filters; dates are
/// "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (UTC) or ISO 8601 with an offset. `*out_json` is the
/// answer as the server sent it. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_list(
    client: *mut shiplink_shipper_client,
    resource: *const c_char,
    query_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        shipper_call(client, out_json, |c| {
            let (resource, query) = (str_arg(resource, "resource")?, opt_json(query_json, "query_json")?);
            c.list(resource, &query)
        })
    }
}

/// Every item of `resource` (as for `shiplink_shipper_list`, without "page"), each once, page
/// after page; read it with `shiplink_list_iter_next` / `_next_batch`. A walk over orders pins
/// end_date to its start unless the query sets one, so orders created meanwhile neither repeat
/// nor hide older ones. `*out_iter` is to release with `shiplink_list_iter_free`.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_iter_new(
    client: *mut shiplink_shipper_client,
    resource: *const c_char,
    query_json: *const c_char,
    out_iter: *mut *mut shiplink_list_iter,
) -> shiplink_status {
    guard(|| {
        // SAFETY: by the C contract, every pointer is NULL or valid for the call.
        let (out, client, resource, query) = unsafe {
            (
                out_arg(out_iter, "out_iter")?,
                &handle_arg(client, "client")?.client,
                str_arg(resource, "resource")?,
                opt_json(query_json, "query_json")?,
            )
        };
        *out = into_handle(shiplink_list_iter::new(client.iter(resource, &query)?));
        Ok(Status::Ok)
    })
}

/// One product by UUID, with its variants and stock. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_get_product(
    client: *mut shiplink_shipper_client,
    uuid: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { shipper_call(client, out_json, |c| c.get_product(str_arg(uuid, "uuid")?)) }
}

/// One order by id (decimal text), with its shipments and tracking logs. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_get_order(
    client: *mut shiplink_shipper_client,
    order_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { shipper_call(client, out_json, |c| c.get_order(str_arg(order_id, "order_id")?)) }
}

/// Creates an order (the spec's body: address.name/phone1/address1/country and items[].id
/// required). Never re-sent once it may have reached the server: after a timeout, a dropped
/// connection or a 5xx, shiplink looks for the order by external_order_id among orders created
/// since just before the call; found: SHIPLINK_OK with `{"id":…,"reconciled":true}`; not found
/// or no external_order_id: SHIPLINK_OUTCOME_UNKNOWN (look the order up before re-sending).
/// A 429 is retried. `*out_json` is `{"id":…}`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_create_order(
    client: *mut shiplink_shipper_client,
    order_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        shipper_call(client, out_json, |c| {
            let order = parse(str_arg(order_json, "order_json")?, "order_json")?;
            Ok(c.create_order(&order)?.body)
        })
    }
}

/// Cancels an order still in confirmation or preparation: `{"success":true,
/// "canceled_shipments":N}`. Safe to repeat: an order already canceled answers
/// `{"success":true,"canceled_shipments":0,"already_canceled":true}`; one that has shipped is
/// SHIPLINK_BAD_REQUEST with the server's 422 body in the last error. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_cancel_order(
    client: *mut shiplink_shipper_client,
    order_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { shipper_call(client, out_json, |c| c.cancel_order(str_arg(order_id, "order_id")?)) }
}

/// A dashboard report: "overview", "delivery-stats", "confirmation-stats",
/// "internal-confirmation-stats" or "product-performance". `query_json`: NULL or
/// {"start_date","end_date","retailer_product_id"}; product-performance also takes "page",
/// "per_page" (≤ 50) and "sort_by" (shipped_orders, delivered_orders, …). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_dashboard(
    client: *mut shiplink_shipper_client,
    report: *const c_char,
    query_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        shipper_call(client, out_json, |c| {
            let (report, query) = (str_arg(report, "report")?, opt_json(query_json, "query_json")?);
            c.dashboard(report, &query)
        })
    }
}

/// Registers a webhook: `{"url":"https://…","events":["order.status_changed",
/// "shipment.status_changed"],"secret":"16+ characters"}` (plain http only to loopback; at
/// most 5 per key, the server refuses a sixth). Deliveries carry X-Shipper-Signature: verify
/// them with `shiplink_verify_signature` and scheme "hex". Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_create_webhook(
    client: *mut shiplink_shipper_client,
    subscription_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        shipper_call(client, out_json, |c| {
            let subscription = parse(str_arg(subscription_json, "subscription_json")?, "subscription_json")?;
            c.create_webhook(&subscription)
        })
    }
}

/// Removes a webhook registration by id (decimal text). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_shipper_delete_webhook(
    client: *mut shiplink_shipper_client,
    webhook_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe { shipper_call(client, out_json, |c| c.delete_webhook(str_arg(webhook_id, "webhook_id")?)) }
}
