//! The page-numbered lists: products and orders, newest orders first, with their filters.

use serde_json::{json, Value};

use super::dates::{self, End};
use super::store::{validation, Store};
use crate::http::{ApiRequest, ApiResponse};

/// `page` and `per_page` (default 20, at most `max`); `Err` is the 422.
pub fn paging(req: &ApiRequest, max: u64) -> Result<(u64, u64), ApiResponse> {
    let number = |key: &str, default: u64| -> Result<u64, ApiResponse> {
        match req.query_param(key) {
            None | Some("") => Ok(default),
            Some(v) => v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                refusal(validation(
                    key,
                    &format!("The {} must be an integer of at least 1.", key.replace('_', " ")),
                ))
            }),
        }
    };
    let page = number("page", 1)?;
    let per_page = number("per_page", 20)?;
    if per_page > max {
        return Err(refusal(validation("per_page", &format!("The per page may not be greater than {max}."))));
    }
    Ok((page, per_page))
}

pub fn refusal((status, body): (u16, Value)) -> ApiResponse {
    ApiResponse::with_status(status, body)
}

/// `{"data": [...], "pagination": {...}}` for one page of `items`.
pub fn page_of(items: Vec<Value>, page: u64, per_page: u64) -> Value {
    let total = items.len() as u64;
    let data: Vec<Value> =
        items.into_iter().skip(((page - 1) * per_page) as usize).take(per_page as usize).collect();
    json!({
        "data": data,
        "pagination": { "total": total, "current_page": page, "per_page": per_page,
                        "last_page": total.div_ceil(per_page).max(1) }
    })
}

pub fn products(store: &Store, req: &ApiRequest) -> Result<ApiResponse, ApiResponse> {
    let (page, per_page) = paging(req, 100)?;
    let search = req.query_param("search").map(str::to_lowercase).filter(|s| !s.is_empty());
    let items: Vec<Value> = store
        .products
        .iter()
        .filter(|p| {
            search
                .as_ref()
                .is_none_or(|s| p.name.to_lowercase().contains(s) || p.sku.to_lowercase().contains(s))
        })
        .map(|p| p.view())
        .collect();
    Ok(ApiResponse::ok(page_of(items, page, per_page)))
}

pub fn orders(store: &Store, req: &ApiRequest) -> Result<ApiResponse, ApiResponse> {
    let (page, per_page) = paging(req, 100)?;
    let start = dates::filter(&req.raw_query, "start_date", End::Start)?;
    let end = dates::filter(&req.raw_query, "end_date", End::End)?;
    let status = req.query_param("status").filter(|s| !s.is_empty());
    let search = req.query_param("search").map(str::to_lowercase).filter(|s| !s.is_empty());
    let mut matching: Vec<_> = store
        .orders
        .iter()
        .filter(|o| start.is_none_or(|t| o.created_at >= t) && end.is_none_or(|t| o.created_at <= t))
        .filter(|o| status.is_none_or(|s| o.shipments.iter().any(|sh| sh.status.eq_ignore_ascii_case(s))))
        .filter(|o| {
            search.as_ref().is_none_or(|s| {
                let a = &o.address;
                let name = format!(
                    "{} {}",
                    a["first_name"].as_str().unwrap_or(""),
                    a["last_name"].as_str().unwrap_or("")
                );
                o.id.to_string() == *s
                    || name.to_lowercase().contains(s)
                    || a["phone1"].as_str().unwrap_or("").contains(s.as_str())
            })
        })
        .collect();
    // Newest first, as the API sorts: new orders arrive at the front of page 1.
    matching.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let items = matching.into_iter().map(|o| o.summary()).collect();
    Ok(ApiResponse::ok(page_of(items, page, per_page)))
}
