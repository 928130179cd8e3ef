//! Request routing: `/rest/{store_code}/V1/...` (ShipperOne) and `/sandbox/...` (admin).

mod admin;
mod order_body;
mod rest;

use crate::http::{no_route, ApiRequest, ApiResponse};
use crate::store::Shared;

pub fn handle(shared: &Shared, req: &ApiRequest) -> ApiResponse {
    let segments = req.segments();
    let result = match segments.first().map(String::as_str) {
        Some("rest") => rest::handle(shared, req, &segments[1..]),
        Some("sandbox") => admin::handle(shared, req, &segments[1..]),
        _ => Err(no_route(&req.path)),
    };
    result.unwrap_or_else(ApiResponse::from)
}
