//! `shiplink_threepl_client`: the 3PL blueprint (spec 003) through the C ABI. Bodies are the
//! spec's JSON, passed through; every id is a string; lists come back as the server sent them.

use std::ffi::c_char;

use super::args::{free_handle, handle_arg, into_handle, opt_str_arg, out_arg, str_arg};
use super::call::{json_call, to_json};
use super::list_iter::shiplink_list_iter;
use super::{guard, shiplink_status};
use crate::error::{Result, Status};
use crate::threepl::{parse_object, Client, Config, Query, Resource};

/// A configured blueprint client. Thread-safe: share one across all threads.
pub struct shiplink_threepl_client {
    client: Client,
}

/// Creates a client from a JSON configuration, e.g.
/// `{"base_url":"https://api.your-3pl.com/v1","token":"…"}` (`base_url` includes the version
/// prefix). Keys: the shared ones of `shiplink_client_new` (without store_code) plus
/// sync_overlap_ms (60000): how far before its mark each incremental walk asks from. An
/// unknown key is SHIPLINK_INVALID_ARGUMENT naming it. Release with
/// `shiplink_threepl_client_free`. No network traffic happens here.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_client_new(
    config_json: *const c_char,
    out_client: *mut *mut shiplink_threepl_client,
) -> shiplink_status {
    // SAFETY: by the C contract, `config_json` is NULL or a NUL-terminated string and
    // `out_client` NULL or writable.
    unsafe {
        super::call::new_client(config_json, out_client, |json| {
            Ok(shiplink_threepl_client { client: Client::new(Config::from_json(json)?)? })
        })
    }
}

/// Releases a client. NULL is a no-op. Iterators made from it stay usable until freed.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_client_free(client: *mut shiplink_threepl_client) {
    // SAFETY: by the C contract, `client` is NULL or came from shiplink_threepl_client_new,
    // freed once.
    unsafe { free_handle(client) }
}

/// Runs `call` with the client, handing its JSON answer to `*out`.
///
/// # Safety
/// `client` is NULL or live; `out` is NULL or writable.
unsafe fn with_client(
    client: *mut shiplink_threepl_client,
    out: *mut *mut c_char,
    out_name: &str,
    call: impl FnOnce(&Client) -> Result<String>,
) -> shiplink_status {
    // SAFETY: the caller's promise, passed on.
    unsafe { json_call(client, "client", out, out_name, |handle| call(&handle.client)) }
}

/// Creates a fulfillment order from `order_json` (the spec's body: order_number, reference,
/// warehouse_id, ship_to, items[] with sku and quantity > 0 are checked locally). The request
/// carries `Idempotency-Key`: `idempotency_key`, or when NULL one derived from `reference`, the
/// same in every retry and every process, so the order is created once. Retried after any
/// failure. `*out_json` is the order (with the 3PL's `id`). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_create_order(
    client: *mut shiplink_threepl_client,
    order_json: *const c_char,
    idempotency_key: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            let order = parse_object(str_arg(order_json, "order_json")?, "order_json")?;
            to_json(&c.create_order(&order, opt_str_arg(idempotency_key, "idempotency_key")?)?)
        })
    }
}

/// Reads one order with its status and shipments so far. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_get_order(
    client: *mut shiplink_threepl_client,
    order_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| to_json(&c.get_order(str_arg(order_id, "order_id")?)?))
    }
}

/// Amends an order before pick with `changes_json` (only what changes; `items` replaces the
/// lines; `warehouse_id` cannot change). `if_match` is the version read, or NULL: a stale one
/// gives SHIPLINK_CONFLICT with `version_conflict` in the last error's body; once picking
/// started, `too_late_to_amend`. A retry that meets its own earlier success reports success.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_amend_order(
    client: *mut shiplink_threepl_client,
    order_id: *const c_char,
    changes_json: *const c_char,
    if_match: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            let id = str_arg(order_id, "order_id")?;
            let changes = parse_object(str_arg(changes_json, "changes_json")?, "changes_json")?;
            to_json(&c.amend_order(id, &changes, opt_str_arg(if_match, "if_match")?)?)
        })
    }
}

/// Cancels an order that has not shipped. Repeating it is safe: an order already cancelled is
/// a success. After shipping: SHIPLINK_CONFLICT, `already_shipped` in the last error's body.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_cancel_order(
    client: *mut shiplink_threepl_client,
    order_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            to_json(&c.cancel_order(str_arg(order_id, "order_id")?)?)
        })
    }
}

/// Announces an inbound shipment (ASN): reference, warehouse_id, items[] with sku and
/// expected_quantity > 0. Idempotent like `shiplink_threepl_create_order` (key derived from
/// `reference` when NULL). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_create_inbound_shipment(
    client: *mut shiplink_threepl_client,
    asn_json: *const c_char,
    idempotency_key: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            let asn = parse_object(str_arg(asn_json, "asn_json")?, "asn_json")?;
            to_json(&c.create_inbound_shipment(&asn, opt_str_arg(idempotency_key, "idempotency_key")?)?)
        })
    }
}

/// Authorises a return (RMA): rma, items[] with sku and quantity > 0, optionally order_id.
/// Idempotent (key derived from `rma` when NULL). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_create_return(
    client: *mut shiplink_threepl_client,
    rma_json: *const c_char,
    idempotency_key: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            let rma = parse_object(str_arg(rma_json, "rma_json")?, "rma_json")?;
            to_json(&c.create_return(&rma, opt_str_arg(idempotency_key, "idempotency_key")?)?)
        })
    }
}

/// Subscribes `{"url":"https://…","events":["shipment.created",…]}`. `*out_json` holds the
/// signing secret, shown this once: store it. Not re-sent after an ambiguous failure (the
/// blueprint has no key for it). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_create_webhook(
    client: *mut shiplink_threepl_client,
    subscription_json: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            let sub = parse_object(str_arg(subscription_json, "subscription_json")?, "subscription_json")?;
            to_json(&c.create_webhook(&sub)?)
        })
    }
}

/// Removes a webhook subscription. Safe to repeat. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_delete_webhook(
    client: *mut shiplink_threepl_client,
    webhook_id: *const c_char,
    out_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_json, "out_json", |c| {
            to_json(&c.delete_webhook(str_arg(webhook_id, "webhook_id")?)?)
        })
    }
}

/// One page of `resource` ("orders", "shipments", "inventory", "warehouses",
/// "shipping_methods", "inbound_shipments", "inventory_adjustments", "returns", "webhooks").
/// `query_json` is NULL or `{"updated_since","cursor","sku","warehouse_id","status",…}`.
/// `*out_page_json` is `{"data":[…],"pagination":{…}}` as the server sent it. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_list(
    client: *mut shiplink_threepl_client,
    resource: *const c_char,
    query_json: *const c_char,
    out_page_json: *mut *mut c_char,
) -> shiplink_status {
    // SAFETY: by the C contract, every pointer is NULL or valid for the call.
    unsafe {
        with_client(client, out_page_json, "out_page_json", |c| {
            let resource: Resource = str_arg(resource, "resource")?.parse()?;
            let query = Query::from_json(opt_str_arg(query_json, "query_json")?)?;
            c.list(resource, &query)
        })
    }
}

/// Every item of `resource`, following cursors to the end, as a `shiplink_list_iter`.
/// Polled resources walk as an incremental sync: each version of each row once, ties and rows
/// changed during the walk included. `query_json` may hold `"checkpoint"`, a string from
/// `shiplink_list_iter_checkpoint` of an earlier walk of the same resource and filters: the
/// walk goes on from there. Store the checkpoint with the rows it covers. No request is made
/// until the first `_next`. Release with `shiplink_list_iter_free`.
#[no_mangle]
pub unsafe extern "C" fn shiplink_threepl_iter_new(
    client: *mut shiplink_threepl_client,
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
                opt_str_arg(query_json, "query_json")?,
            )
        };
        let resource: Resource = resource.parse()?;
        let query = Query::from_json(query)?;
        *out = into_handle(shiplink_list_iter::new(client.iter(resource, &query, None)?));
        Ok(Status::Ok)
    })
}
