//! The REST surface under `/api/v1/`: bearer auth, the rate-limit class of each endpoint, and
//! the endpoints themselves. Errors use the spec's bodies (`{"error"}`, `{"message","errors"}`),
//! not the sandbox's generic one.

use serde_json::json;

use super::catalog;
use super::dashboard;
use super::lists::{self, refusal};
use super::rate::Class;
use super::webhooks;
use super::Shipper;
use crate::api::lock;
use crate::http::{ApiRequest, ApiResponse};
use crate::tokens::bearer;

type Answer = Result<ApiResponse, ApiResponse>;

pub fn handle(api: &Shipper, req: &ApiRequest, path: &[&str]) -> ApiResponse {
    api.note_request(req);
    let Some(token) = bearer(req).filter(|t| lock(&api.tokens).scopes(t).is_some()) else {
        return ApiResponse::with_status(401, json!({ "message": "Unauthenticated." }));
    };
    let Some(class) = class_of(&req.method, path) else {
        return ApiResponse::with_status(404, json!({ "message": "Not found." }));
    };
    let verdict = lock(&api.limits).admit(token, class);
    let mut response = if verdict.allowed {
        endpoint(api, token, req, path).unwrap_or_else(|refused| refused)
    } else {
        let mut r = ApiResponse::with_status(429, json!({ "message": "Too Many Attempts." }));
        let seconds = verdict.retry_after.as_millis().div_ceil(1000).max(1);
        r.headers.push(("Retry-After".into(), seconds.to_string()));
        r
    };
    response.headers.push(("X-RateLimit-Limit".into(), verdict.limit.to_string()));
    response.headers.push(("X-RateLimit-Remaining".into(), verdict.remaining.to_string()));
    response
}

/// The spec's table of rate-limit classes; `None` for paths the API does not have.
fn class_of(method: &str, path: &[&str]) -> Option<Class> {
    Some(match (method, path) {
        ("GET", ["countries"] | ["countries", _, "divisions"]) => Class::Reference,
        ("GET", ["products"] | ["products", _] | ["orders"] | ["orders", _] | ["webhooks"]) => Class::Read,
        ("GET", ["dashboard", _]) => Class::Dashboard,
        ("POST", ["orders"] | ["webhooks"]) => Class::Write,
        ("POST", ["orders", _, "cancel"]) | ("DELETE", ["webhooks", _]) => Class::Destructive,
        _ => return None,
    })
}

fn not_found(what: &str) -> ApiResponse {
    ApiResponse::with_status(404, json!({ "message": format!("{what} not found.") }))
}

fn id_of(text: &str, what: &str) -> Result<u64, ApiResponse> {
    text.parse().map_err(|_| not_found(what))
}

fn endpoint(api: &Shipper, token: &str, req: &ApiRequest, path: &[&str]) -> Answer {
    match (req.method.as_str(), path) {
        ("GET", ["countries"]) => Ok(ApiResponse::ok(catalog::countries())),
        ("GET", ["countries", code, "divisions"]) => divisions(req, code),
        ("GET", ["products"]) => lists::products(&lock(&api.store), req),
        ("GET", ["products", uuid]) => {
            let store = lock(&api.store);
            let product =
                store.products.iter().find(|p| p.uuid == *uuid).ok_or_else(|| not_found("Product"))?;
            Ok(ApiResponse::ok(product.view()))
        }
        ("GET", ["orders"]) => lists::orders(&lock(&api.store), req),
        ("GET", ["orders", id]) => {
            let id = id_of(id, "Order")?;
            let store = lock(&api.store);
            Ok(ApiResponse::ok(store.order(id).ok_or_else(|| not_found("Order"))?.detail()))
        }
        ("POST", ["orders"]) => {
            let id = lock(&api.store).create(&req.body).map_err(refusal)?;
            Ok(ApiResponse::with_status(201, json!({ "id": id })))
        }
        ("POST", ["orders", id, "cancel"]) => {
            let id = id_of(id, "Order")?;
            let (canceled, events) = lock(&api.store).cancel(id).map_err(refusal)?;
            webhooks::deliver(&api.hooks, events);
            Ok(ApiResponse::ok(json!({ "success": true, "canceled_shipments": canceled })))
        }
        ("GET", ["dashboard", report]) => dashboard::report(&lock(&api.store), report, req),
        ("GET", ["webhooks"]) => Ok(ApiResponse::ok(lock(&api.hooks).list(token))),
        ("POST", ["webhooks"]) => {
            let created = lock(&api.hooks).create(token, &req.body).map_err(refusal)?;
            Ok(ApiResponse::with_status(201, created))
        }
        ("DELETE", ["webhooks", id]) => {
            let id = id_of(id, "Webhook")?;
            Ok(ApiResponse::ok(lock(&api.hooks).delete(token, id).map_err(refusal)?))
        }
        _ => Err(not_found("Endpoint")),
    }
}

fn divisions(req: &ApiRequest, code: &str) -> Answer {
    let geo = catalog::geo_structure(code).ok_or_else(|| not_found("Country"))?;
    let level =
        match req.query_param("level").filter(|v| !v.is_empty()) {
            None => 1,
            Some(v) => v.parse::<u8>().ok().filter(|l| (1..=2).contains(l)).ok_or_else(|| {
                refusal(super::store::validation("level", "The selected level is invalid."))
            })?,
        };
    let parent = match req.query_param("parent_id").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(v.parse::<u64>().map_err(|_| {
            refusal(super::store::validation("parent_id", "The parent id must be an integer."))
        })?),
    };
    Ok(ApiResponse::ok(json!({
        "country": code, "geo_structure": geo, "divisions": catalog::divisions(code, level, parent)
    })))
}
