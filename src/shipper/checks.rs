//! What the spec requires of a request, checked before anything is sent, each refusal naming
//! the field: order bodies, webhook subscriptions, ids that go into paths, report names.

use serde_json::Value;

use crate::error::{Error, Result};

/// The reports under `/dashboard/`.
pub const REPORTS: [&str; 5] = [
    "overview",
    "delivery-stats",
    "confirmation-stats",
    "internal-confirmation-stats",
    "product-performance",
];

/// The `sort_by` values of `product-performance`.
pub const SORT_BY: [&str; 11] = [
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

/// The events a webhook may subscribe to.
pub const EVENTS: [&str; 2] = ["order.status_changed", "shipment.status_changed"];

/// Shortest webhook secret the API accepts.
pub const MIN_SECRET_CHARS: usize = 16;

fn text<'a>(object: &'a Value, key: &str, path: &str) -> Result<&'a str> {
    match object.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(Error::invalid(path, "must not be empty")),
        None | Some(Value::Null) => Err(Error::invalid(path, "is required")),
        Some(_) => Err(Error::invalid(path, "must be a string")),
    }
}

fn optional<'a>(object: &'a Value, key: &str) -> Option<&'a Value> {
    object.get(key).filter(|v| !v.is_null())
}

fn opt_string(object: &Value, key: &str, path: &str) -> Result<()> {
    match optional(object, key) {
        None | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(Error::invalid(path, "must be a string")),
    }
}

fn opt_bool(object: &Value, key: &str, path: &str) -> Result<()> {
    match optional(object, key) {
        None | Some(Value::Bool(_)) => Ok(()),
        Some(_) => Err(Error::invalid(path, "must be true or false")),
    }
}

fn opt_amount(object: &Value, key: &str, path: &str) -> Result<()> {
    match optional(object, key) {
        None => Ok(()),
        Some(v) if v.as_f64().is_some_and(|n| n >= 0.0) => Ok(()),
        Some(_) => Err(Error::invalid(path, "must be a number of at least 0")),
    }
}

/// An order for `POST /orders`: the address's name, phone1, address1 and two-letter
/// country, and items each with a product or variant id.
pub fn order(order: &Value) -> Result<()> {
    if !order.is_object() {
        return Err(Error::invalid("order", "must be a JSON object"));
    }
    let address = match optional(order, "address") {
        Some(a @ Value::Object(_)) => a,
        None => return Err(Error::invalid("order.address", "is required")),
        Some(_) => return Err(Error::invalid("order.address", "must be an object")),
    };
    for key in ["name", "phone1", "address1"] {
        text(address, key, &format!("order.address.{key}"))?;
    }
    let country = text(address, "country", "order.address.country")?;
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::invalid(
            "order.address.country",
            "must be a two-letter country code (TN, DZ, MA…)",
        ));
    }
    for key in ["phone2", "address2", "division_1", "division_2"] {
        opt_string(address, key, &format!("order.address.{key}"))?;
    }
    let items = match optional(order, "items") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) => return Err(Error::invalid("order.items", "must list at least one item")),
        None => return Err(Error::invalid("order.items", "is required")),
        Some(_) => return Err(Error::invalid("order.items", "must be an array")),
    };
    for (n, item) in items.iter().enumerate() {
        let path = format!("order.items[{n}]");
        if !item.is_object() {
            return Err(Error::invalid(&path, "must be an object"));
        }
        text(item, "id", &format!("{path}.id"))?;
        if let Some(q) = optional(item, "quantity") {
            if q.as_u64().is_none_or(|q| q < 1) {
                return Err(Error::invalid(
                    &format!("{path}.quantity"),
                    "must be a whole number of at least 1",
                ));
            }
        }
        opt_amount(item, "total_price", &format!("{path}.total_price"))?;
    }
    opt_amount(order, "shipping_total", "order.shipping_total")?;
    for key in ["is_cod", "auto_fulfill", "with_confirmation"] {
        opt_bool(order, key, &format!("order.{key}"))?;
    }
    for key in ["store_name", "external_order_url"] {
        opt_string(order, key, &format!("order.{key}"))?;
    }
    if optional(order, "external_order_id").is_some() {
        text(order, "external_order_id", "order.external_order_id")?;
    }
    Ok(())
}

/// A subscription for `POST /webhooks`: an https URL (plain http only to loopback), known
/// events, and a secret of 16 or more characters when there is one.
pub fn webhook(subscription: &Value) -> Result<()> {
    if !subscription.is_object() {
        return Err(Error::invalid("subscription", "must be a JSON object"));
    }
    let url = text(subscription, "url", "subscription.url")?;
    check_url(url)?;
    let events = match optional(subscription, "events") {
        Some(Value::Array(events)) if !events.is_empty() => events,
        None => return Err(Error::invalid("subscription.events", "is required")),
        Some(_) => return Err(Error::invalid("subscription.events", "must be a non-empty array")),
    };
    for (n, event) in events.iter().enumerate() {
        if !event.as_str().is_some_and(|e| EVENTS.contains(&e)) {
            return Err(Error::invalid(
                &format!("subscription.events[{n}]"),
                format!("must be one of {}", EVENTS.join(", ")),
            ));
        }
    }
    match optional(subscription, "secret") {
        None => Ok(()),
        Some(Value::String(s)) if s.chars().count() >= MIN_SECRET_CHARS => Ok(()),
        // The secret itself is never quoted.
        Some(Value::String(_)) => Err(Error::invalid(
            "subscription.secret",
            format!("must be at least {MIN_SECRET_CHARS} characters"),
        )),
        Some(_) => Err(Error::invalid("subscription.secret", "must be a string")),
    }
}

fn check_url(url: &str) -> Result<()> {
    let field = "subscription.url";
    let uri: ureq::http::Uri = url.parse().map_err(|_| Error::invalid(field, "is not a URL"))?;
    let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| Error::invalid(field, "has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if is_loopback(host) => Ok(()),
        Some("http") => {
            Err(Error::invalid(field, "must use https:// (plain http:// only to a loopback address)"))
        }
        _ => Err(Error::invalid(field, "must start with https://")),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An integer id (orders, webhooks) as it goes into a path.
pub fn integer_id(field: &str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(field, "must be a positive integer (decimal digits)"));
    }
    Ok(())
}

/// A product or variant UUID as it goes into a path.
pub fn uuid(field: &str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Error::invalid(field, "must be a UUID (letters, digits and '-')"));
    }
    Ok(())
}

/// One of the five dashboard reports.
pub fn report(report: &str) -> Result<()> {
    if REPORTS.contains(&report) {
        Ok(())
    } else {
        Err(Error::invalid("report", format!("must be one of {}", REPORTS.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn good_order() -> Value {
        json!({"address": {"name": "Omar Ben Ali", "phone1": "28177188", "address1": "Rue 1", "country": "TN"},
               "items": [{"id": "abc-1", "quantity": 2}], "external_order_id": "ORD-1"})
    }

    #[test]
    fn each_missing_or_wrong_order_field_is_named() {
        order(&good_order()).unwrap();
        let cases: [(&str, Value); 9] = [
            ("order.address", json!(null)),
            ("order.address.name", json!({"phone1": "1", "address1": "a", "country": "TN"})),
            ("order.address.phone1", json!({"name": "n", "phone1": " ", "address1": "a", "country": "TN"})),
            ("order.address.address1", json!({"name": "n", "phone1": "1", "country": "TN"})),
            (
                "order.address.country",
                json!({"name": "n", "phone1": "1", "address1": "a", "country": "Tunisia"}),
            ),
            ("order.items", json!([])),
            ("order.items[0].id", json!([{"quantity": 1}])),
            ("order.items[0].quantity", json!([{"id": "x", "quantity": 0}])),
            ("order.external_order_id", json!("")),
        ];
        for (field, value) in cases {
            let mut o = good_order();
            let key = field.trim_start_matches("order.").split(['.', '[']).next().unwrap();
            o[key] = value;
            let e = order(&o).unwrap_err();
            assert!(e.message.starts_with(&format!("{field}:")), "{field}: {}", e.message);
        }
    }

    #[test]
    fn webhooks_need_https_known_events_and_a_long_secret() {
        let ok = json!({"url": "https://shop.example/hooks", "events": ["order.status_changed"],
                        "secret": "0123456789abcdef"});
        webhook(&ok).unwrap();
        let mut loopback = ok.clone();
        loopback["url"] = json!("http://127.0.0.1:9000/hook");
        webhook(&loopback).unwrap();
        let cases = [
            ("subscription.url", json!({"url": "http://shop.example/h", "events": ["order.status_changed"]})),
            ("subscription.events", json!({"url": "https://a.example", "events": []})),
            ("subscription.events[0]", json!({"url": "https://a.example", "events": ["order.created"]})),
            (
                "subscription.secret",
                json!({"url": "https://a.example", "events": EVENTS, "secret": "short-secret"}),
            ),
        ];
        for (field, sub) in cases {
            let e = webhook(&sub).unwrap_err();
            assert!(e.message.starts_with(&format!("{field}:")), "{field}: {}", e.message);
            assert!(!e.message.contains("short-secret"));
        }
    }
}
