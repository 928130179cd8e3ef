//! The blueprint's REST surface under `/v1/`: bearer auth, the rate limit, then the resources.
//! Every error leaves in the blueprint's envelope with a `request_id`; every answer carries
//! the rate-limit headers.

use std::sync::Mutex;

use serde_json::Value;

use crate::api::lock;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::threepl::catalog;
use crate::threepl::envelope::wrap;
use crate::threepl::listing::{self, Row};
use crate::threepl::stock::Stock;
use crate::threepl::store::Store;
use crate::threepl::{inbound, orders, rate, webhooks};
use crate::tokens::bearer;

pub fn handle(shared: &Mutex<Store>, req: &ApiRequest, path: &[&str]) -> ApiResult {
    let mut store = lock(shared);
    store.count("requests");
    let request_id = store.request_id();
    let token = match bearer(req).filter(|t| store.tokens.scopes(t).is_some()) {
        Some(token) => token,
        None => {
            let e = ApiError::new(401, "unauthorized", "a valid bearer token is required")
                .header("WWW-Authenticate", "Bearer");
            return Ok(wrap(e, request_id, &[]));
        }
    };
    let limit = store.settings.rate_limit;
    let verdict = store.rate.take(token, limit);
    if !verdict.allowed {
        store.count("rate_limited");
        return Ok(wrap(rate::too_many(&verdict), request_id, &verdict.headers));
    }
    match route(&mut store, req, path) {
        Ok(mut answer) => {
            answer.headers.extend(verdict.headers);
            Ok(answer)
        }
        Err(e) => {
            if e.parts().code == "invalid_cursor" {
                store.count("cursors_refused");
            }
            Ok(wrap(e, request_id, &verdict.headers))
        }
    }
}

fn route(store: &mut Store, req: &ApiRequest, path: &[&str]) -> ApiResult {
    let method = req.method.as_str();
    match (path, method) {
        (["orders"], "GET") => {
            listing::page(store, req, filtered(&store.orders, req, &["status", "reference"]))
        }
        (["orders"], "POST") => orders::create(store, req),
        (["orders", id], "GET") => orders::get(store, id),
        (["orders", id], "PATCH") => orders::amend(store, req, id),
        (["orders", id, "cancel"], "POST") => orders::cancel(store, id),
        (["shipments"], "GET") => {
            listing::page(store, req, filtered(&store.shipments, req, &["order_id", "status"]))
        }
        (["shipments", id], "GET") => one(&store.shipments, id, "shipment"),
        (["inventory"], "GET") => listing::page(store, req, inventory(store, req)),
        (["warehouses"], "GET") => listing::whole(catalog::warehouses()),
        (["shipping-methods"], "GET") => listing::whole(catalog::shipping_methods()),
        (["inbound-shipments"], "GET") => {
            listing::page(store, req, filtered(&store.inbound, req, &["reference", "status", "warehouse_id"]))
        }
        (["inbound-shipments"], "POST") => inbound::create_asn(store, req),
        (["inbound-shipments", id], "GET") => one(&store.inbound, id, "inbound shipment"),
        (["inventory-adjustments"], "GET") => {
            listing::page(store, req, filtered(&store.adjustments, req, &["sku", "warehouse_id"]))
        }
        (["returns"], "GET") => {
            listing::page(store, req, filtered(&store.returns, req, &["order_id", "rma", "status"]))
        }
        (["returns"], "POST") => inbound::create_rma(store, req),
        (["returns", id], "GET") => one(&store.returns, id, "return"),
        (["webhooks"], "GET") => webhooks::list(store),
        (["webhooks"], "POST") => webhooks::create(store, req),
        (["webhooks", id], "DELETE") => webhooks::delete(store, id),
        (["orders"] | ["inbound-shipments"] | ["returns"] | ["webhooks"], _) => {
            Err(method_not_allowed("GET, POST"))
        }
        (["orders", _], _) => Err(method_not_allowed("GET, PATCH")),
        (["orders", _, "cancel"], _) => Err(method_not_allowed("POST")),
        (["webhooks", _], _) => Err(method_not_allowed("DELETE")),
        (["shipments" | "inventory" | "warehouses" | "shipping-methods" | "inventory-adjustments"], _)
        | (["shipments" | "inbound-shipments" | "returns", _], _) => Err(method_not_allowed("GET")),
        _ => Err(no_route(&req.path)),
    }
}

/// The rows of a table whose fields equal the query's values for the keys in `filters`.
fn filtered(
    table: &std::collections::BTreeMap<String, Value>,
    req: &ApiRequest,
    filters: &[&str],
) -> Vec<Row> {
    table
        .values()
        .filter(|record| {
            filters.iter().all(|key| match req.query_param(key) {
                Some(wanted) => record[*key].as_str() == Some(wanted),
                None => true,
            })
        })
        .map(Row::of)
        .collect()
}

fn inventory(store: &Store, req: &ApiRequest) -> Vec<Row> {
    let sku = req.query_param("sku");
    let warehouse = req.query_param("warehouse_id");
    store
        .stock
        .0
        .iter()
        .filter(|(name, _)| sku.is_none_or(|s| s == name.as_str()))
        .filter_map(|(name, entry)| {
            Stock::view(name, entry, warehouse).map(|view| Row {
                updated_at: entry.updated_at.clone(),
                key: name.clone(),
                view,
            })
        })
        .collect()
}

fn one(table: &std::collections::BTreeMap<String, Value>, id: &str, what: &str) -> ApiResult {
    table
        .get(id)
        .map(|record| ApiResponse::ok(record.clone()))
        .ok_or_else(|| ApiError::not_found("not_found", format!("no {what} has the id {id:?}")).field("id"))
}
