//! The five dashboard reports, computed from the sandbox's own orders (filtered by
//! `start_date`, `end_date` and `retailer_product_id`), in the shapes the spec shows.

use chrono::{Datelike, Weekday};
use serde_json::{json, Map, Value};

use super::dates::{self, End};
use super::lists::{paging, refusal};
use super::model::Order;
use super::store::{validation, Store};
use crate::http::{ApiRequest, ApiResponse};

pub const SORT_KEYS: [&str; 11] = [
    "shipped_orders",
    "delivered_orders",
    "failed_orders",
    "confirmed_return_orders",
    "in_transit_orders",
    "returning_orders",
    "leads_total",
    "leads_confirmed",
    "overall_confirmation_rate",
    "absolute_confirmation_rate",
    "conversion_rate",
];

/// What the expense breakdown lists; the sandbox charges only shipping.
const EXPENSES: [&str; 13] = [
    "shipping",
    "packaging",
    "service",
    "qc",
    "payment_facility",
    "confirmation",
    "call_forwarding",
    "follow_up",
    "upsell",
    "prepaid_cost",
    "product_cost",
    "dropshipping_fee",
    "return_exchange_fee",
];

/// A flat shipping fee per shipment, the one expense the sandbox books.
const SHIPPING_FEE: f64 = 7.0;

pub fn report(store: &Store, name: &str, req: &ApiRequest) -> Result<ApiResponse, ApiResponse> {
    let start = dates::filter(&req.raw_query, "start_date", End::Start)?;
    let end = dates::filter(&req.raw_query, "end_date", End::End)?;
    let product = match req.query_param("retailer_product_id").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(v.parse::<u64>().map_err(|_| {
            refusal(validation("retailer_product_id", "The retailer product id must be an integer."))
        })?),
    };
    let orders: Vec<&Order> = store
        .orders
        .iter()
        .filter(|o| start.is_none_or(|t| o.created_at >= t) && end.is_none_or(|t| o.created_at <= t))
        .filter(|o| product.is_none_or(|p| o.lines.iter().any(|l| l.product_id == p)))
        .collect();
    let body = match name {
        "overview" => overview(&orders),
        "delivery-stats" => delivery_stats(&orders),
        "confirmation-stats" => {
            confirmation(orders.iter().copied().filter(|o| o.with_confirmation).collect())
        }
        "internal-confirmation-stats" => {
            confirmation(orders.iter().copied().filter(|o| !o.with_confirmation).collect())
        }
        "product-performance" => return product_performance(store, &orders, req),
        _ => return Err(ApiResponse::with_status(404, json!({ "message": "Not found." }))),
    };
    Ok(ApiResponse::ok(body))
}

fn money(amount: f64) -> Value {
    json!([{ "amount": format!("{amount:.2}"),
             "currency": { "id": "1", "ISO_4217": "TND", "symbol": "د.ت", "decimals": 3 } }])
}

fn group_of(order: &Order) -> &'static str {
    let status = |s: &str| order.shipments.iter().any(|sh| sh.status == s);
    if status("paid") {
        "shipments_delivered_paid"
    } else if status("delivered") {
        "shipments_delivered_non_paid"
    } else if status("failed") || status("returnedtosender") {
        "shipments_failed_delivery"
    } else {
        "shipments_pending"
    }
}

const GROUPS: [&str; 4] = [
    "shipments_pending",
    "shipments_delivered_paid",
    "shipments_delivered_non_paid",
    "shipments_failed_delivery",
];

fn status_group(name: &str, orders: &[&Order]) -> Value {
    let members: Vec<&&Order> =
        orders.iter().filter(|o| group_of(o) == name && o.status() != Some("Canceled")).collect();
    let count: usize = members.iter().map(|o| o.shipments.len()).sum();
    let revenue: f64 = members.iter().map(|o| o.revenue()).sum();
    let expected: f64 = members.iter().map(|o| o.amount()).sum();
    let expenses = count as f64 * SHIPPING_FEE;
    let transferred = if name == "shipments_delivered_paid" { revenue } else { 0.0 };
    let breakdown = |shipping: f64| -> Value {
        let mut map = Map::new();
        for key in EXPENSES {
            map.insert(key.into(), money(if key == "shipping" { shipping } else { 0.0 }));
        }
        Value::Object(map)
    };
    json!({
        "status": name,
        "count": count,
        "orders_with_revenue_count": members.iter().filter(|o| o.revenue() > 0.0).count(),
        "revenue": money(revenue),
        "revenue_expected": money(expected),
        "revenue_transferred": money(transferred),
        "expenses": money(expenses),
        "expenses_transferred": money(if transferred > 0.0 { expenses } else { 0.0 }),
        "expenses_expected": money(expenses),
        "net_profits": money(revenue - expenses),
        "expenses_breakdown": breakdown(expenses),
        "expenses_breakdown_transferred": breakdown(if transferred > 0.0 { expenses } else { 0.0 }),
    })
}

fn groups(orders: &[&Order]) -> Map<String, Value> {
    GROUPS.iter().map(|g| (g.to_string(), status_group(g, orders))).collect()
}

fn overview(orders: &[&Order]) -> Value {
    let mut body = groups(orders);
    let mut by_type = groups(orders);
    by_type.insert("order_type".into(), json!("dropshipping"));
    body.insert("stats_by_order_type".into(), json!([by_type]));
    Value::Object(body)
}

/// Weekdays from creation to delivery (at least 1: same-day counts as one business day).
fn business_days(order: &Order) -> Option<u64> {
    let delivered = order.shipments.iter().filter_map(|s| s.delivered_at).max()?;
    let mut day = order.created_at.date_naive();
    let mut days = 0;
    while day < delivered.date_naive() {
        day = day.succ_opt()?;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            days += 1;
        }
    }
    Some(days.max(1))
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

fn delivery_stats(orders: &[&Order]) -> Value {
    let mut by_status: Vec<(String, usize)> = Vec::new();
    let mut reasons: Vec<(Option<String>, usize)> = Vec::new();
    for shipment in orders.iter().flat_map(|o| &o.shipments) {
        match by_status.iter_mut().find(|(s, _)| *s == shipment.status) {
            Some((_, n)) => *n += 1,
            None => by_status.push((shipment.status.clone(), 1)),
        }
        if shipment.status == "failed" {
            match reasons.iter_mut().find(|(r, _)| *r == shipment.reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((shipment.reason.clone(), 1)),
            }
        }
    }
    let speeds: Vec<u64> = orders.iter().filter_map(|o| business_days(o)).collect();
    let within = |d: u64| speeds.iter().filter(|s| **s <= d).count();
    let avg = if speeds.is_empty() { 0.0 } else { speeds.iter().sum::<u64>() as f64 / speeds.len() as f64 };
    json!({
        "total_by_status": by_status.iter().map(|(s, n)| json!({ "status": s, "count": n, "on_hold_count": 0 })).collect::<Vec<_>>(),
        "total_delivery_failures_by_reason": reasons.iter().map(|(r, n)| json!({ "reason": r, "count": n })).collect::<Vec<_>>(),
        "avg_delivery_speed_business_days": (avg * 10.0).round() / 10.0,
        "max_delivery_speed_business_days": speeds.iter().max().copied().unwrap_or(0),
        "delivered_within_1bd_pct": pct(within(1), speeds.len()),
        "delivered_within_2bd_pct": pct(within(2) - within(1), speeds.len()),
        "delivered_over_2bd_pct": pct(speeds.len() - within(2), speeds.len()),
    })
}

/// Leads and conversion for the orders given: confirmed leads are those past confirmation.
fn confirmation(orders: Vec<&Order>) -> Value {
    if orders.is_empty() {
        return json!({ "has_stats": false, "stats": null });
    }
    let has = |o: &Order, s: &[&str]| o.shipments.iter().any(|sh| s.contains(&sh.status.as_str()));
    let total = orders.len();
    let under = orders.iter().filter(|o| has(o, &["awaitingconfirmation"])).count();
    let closed = orders.iter().filter(|o| o.status() == Some("Canceled")).count();
    let confirmed = total - under - closed;
    let delivered = orders.iter().filter(|o| has(o, &["delivered", "paid"])).count();
    let failed = orders.iter().filter(|o| has(o, &["failed", "returnedtosender"])).count();
    let in_transit = orders.iter().filter(|o| has(o, &["intransit", "onitsway"])).count();
    let not_shipped = orders.iter().filter(|o| has(o, &["awaitingpackaging", "packaged"])).count();
    let total_final = delivered + failed;
    json!({
        "has_stats": true,
        "stats": {
            "leads": { "total": total, "confirmed": confirmed, "failed": 0, "closed_unreachable": 0,
                       "closed_unconfirmed": closed, "under_process": under, "no_attempt": 0 },
            "delivery_rates": {
                "delivered": delivered, "failed": failed, "returning": 0, "in_transit": in_transit,
                "not_shipped": not_shipped, "total_pipeline": confirmed, "total_final": total_final,
                "overall_rate": pct(delivered, confirmed), "absolute_rate": pct(delivered, total_final),
            }
        }
    })
}

fn product_performance(
    store: &Store,
    orders: &[&Order],
    req: &ApiRequest,
) -> Result<ApiResponse, ApiResponse> {
    let (page, per_page) = paging(req, 50)?;
    let sort_by = req.query_param("sort_by").filter(|s| !s.is_empty()).unwrap_or("shipped_orders");
    if !SORT_KEYS.contains(&sort_by) {
        return Err(refusal(validation("sort_by", "The selected sort by is invalid.")));
    }
    let filter = req.query_param("retailer_product_id").and_then(|v| v.parse::<u64>().ok());
    let mut rows: Vec<Value> = Vec::new();
    for product in store.products.iter().filter(|p| filter.is_none_or(|id| id == p.id)) {
        let mine: Vec<&Order> =
            orders.iter().copied().filter(|o| o.lines.iter().any(|l| l.product_id == product.id)).collect();
        if mine.is_empty() {
            continue;
        }
        let units = |o: &Order| {
            o.lines.iter().filter(|l| l.product_id == product.id).map(|l| l.quantity).sum::<u64>()
        };
        let count = |pred: &dyn Fn(&Order) -> bool| {
            let hits: Vec<&&Order> = mine.iter().filter(|o| pred(o)).collect();
            (hits.len(), hits.iter().map(|o| units(o)).sum::<u64>())
        };
        let has = |o: &Order, s: &[&str]| o.shipments.iter().any(|sh| s.contains(&sh.status.as_str()));
        let shipped =
            count(&|o| has(o, &["intransit", "onitsway", "delivered", "paid", "failed", "returnedtosender"]));
        let delivered = count(&|o| has(o, &["delivered", "paid"]));
        let failed = count(&|o| has(o, &["failed", "returnedtosender"]));
        let in_transit = count(&|o| has(o, &["intransit", "onitsway"]));
        let returned = count(&|o| has(o, &["returnedtosender"]));
        let leads = mine.len();
        let confirmed = mine.iter().filter(|o| !has(o, &["awaitingconfirmation", "canceled"])).count();
        let mut row = json!({
            "retailer_product_id": product.id.to_string(),
            "name": product.name,
            "shipped_orders": shipped.0, "shipped_units": shipped.1,
            "delivered_orders": delivered.0, "delivered_units": delivered.1,
            "failed_orders": failed.0, "failed_units": failed.1,
            "in_transit_orders": in_transit.0, "in_transit_units": in_transit.1,
            "returning_orders": 0, "returning_units": 0,
            "confirmed_return_orders": returned.0, "confirmed_return_units": returned.1,
            "leads_total": leads, "leads_confirmed": confirmed, "leads_failed": 0,
            "leads_unreachable": 0, "leads_duplicate_wrong": 0, "leads_closed_other": leads - confirmed,
            "overall_confirmation_rate": pct(confirmed, leads),
            "absolute_confirmation_rate": pct(confirmed, leads),
            "conversion_rate": pct(delivered.0, leads),
        });
        for (key, value) in groups(&mine) {
            row[key] = value;
        }
        rows.push(row);
    }
    let key = |row: &Value| row[sort_by].as_f64().unwrap_or(0.0);
    rows.sort_by(|a, b| {
        key(b)
            .total_cmp(&key(a))
            .then_with(|| a["retailer_product_id"].as_str().cmp(&b["retailer_product_id"].as_str()))
    });
    let total = rows.len();
    let products: Vec<Value> =
        rows.into_iter().skip(((page - 1) * per_page) as usize).take(per_page as usize).collect();
    Ok(ApiResponse::ok(json!({ "products": products, "total": total })))
}
