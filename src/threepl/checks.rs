//! Local checks of what the blueprint requires, before any request: a body the 3PL would
//! refuse never leaves the host, and the error names the JSON path at fault
//! (`order.items[1].quantity`).

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// An object body, parsed: `name` is the argument's name in messages (`order_json`), for
/// hosts that hold JSON text (the C ABI, the bindings).
pub fn object(text: &str, name: &str) -> Result<Value> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| Error::invalid(name, format!("not valid JSON ({e})")))?;
    if !value.is_object() {
        return Err(Error::invalid(name, "must be a JSON object"));
    }
    Ok(value)
}

fn map<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| Error::invalid(path, "must be a JSON object"))
}

fn text(o: &Map<String, Value>, path: &str, key: &str) -> Result<()> {
    let field = format!("{path}.{key}");
    match o.get(key) {
        None | Some(Value::Null) => Err(Error::invalid(&field, "is required")),
        Some(Value::String(s)) if s.trim().is_empty() => Err(Error::invalid(&field, "must not be empty")),
        Some(Value::String(_)) => Ok(()),
        Some(_) => Err(Error::invalid(&field, "must be a string")),
    }
}

/// `items[]`: at least one line, each with a `sku` and a positive whole `qty_key`; money as
/// decimal strings.
fn items(o: &Map<String, Value>, path: &str, qty_key: &str) -> Result<()> {
    let field = format!("{path}.items");
    let list = match o.get("items") {
        None | Some(Value::Null) => return Err(Error::invalid(&field, "is required")),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(Error::invalid(&field, "must be an array")),
    };
    if list.is_empty() {
        return Err(Error::invalid(&field, "must list at least one line"));
    }
    for (i, item) in list.iter().enumerate() {
        let line_path = format!("{field}[{i}]");
        let line = map(item, &line_path)?;
        text(line, &line_path, "sku")?;
        let qty_path = format!("{line_path}.{qty_key}");
        match line.get(qty_key) {
            None | Some(Value::Null) => return Err(Error::invalid(&qty_path, "is required")),
            Some(Value::Number(n)) if n.as_u64().is_some_and(|q| q > 0) => {}
            Some(Value::Number(_)) => {
                return Err(Error::invalid(&qty_path, "must be a whole number greater than 0"))
            }
            Some(_) => return Err(Error::invalid(&qty_path, "must be a number")),
        }
        money(line, &line_path, "unit_price")?;
        currency(line, &line_path)?;
    }
    Ok(())
}

/// Money is a decimal string (`"19.99"`), never a float.
fn money(o: &Map<String, Value>, path: &str, key: &str) -> Result<()> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if is_decimal(s) => Ok(()),
        Some(_) => {
            Err(Error::invalid(&format!("{path}.{key}"), "must be a decimal string such as \"19.99\""))
        }
    }
}

fn currency(o: &Map<String, Value>, path: &str) -> Result<()> {
    match o.get("currency") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
        Some(_) => {
            Err(Error::invalid(&format!("{path}.currency"), "must be an ISO-4217 code such as \"AUD\""))
        }
    }
}

fn is_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

fn ship_to(o: &Map<String, Value>, path: &str) -> Result<()> {
    let field = format!("{path}.ship_to");
    let address = match o.get("ship_to") {
        None | Some(Value::Null) => return Err(Error::invalid(&field, "is required")),
        Some(v) => map(v, &field)?,
    };
    for key in ["name", "address1", "country"] {
        text(address, &field, key)?;
    }
    Ok(())
}

/// A fulfillment order (`POST /orders`).
pub fn order(order: &Value) -> Result<()> {
    let o = map(order, "order")?;
    for key in ["order_number", "reference", "warehouse_id"] {
        text(o, "order", key)?;
    }
    ship_to(o, "order")?;
    items(o, "order", "quantity")
}

/// An amend (`PATCH /orders/{id}`): only what changes; `items[]`, when sent, replaces the lines.
pub fn changes(changes: &Value) -> Result<()> {
    let o = map(changes, "changes")?;
    if o.is_empty() {
        return Err(Error::invalid("changes", "must name at least one field to change"));
    }
    if o.contains_key("warehouse_id") {
        return Err(Error::invalid(
            "changes.warehouse_id",
            "cannot be amended; cancel and create the order again",
        ));
    }
    if o.contains_key("ship_to") {
        ship_to(o, "changes")?;
    }
    if o.contains_key("items") {
        items(o, "changes", "quantity")?;
    }
    Ok(())
}

/// An inbound shipment / ASN (`POST /inbound-shipments`).
pub fn asn(asn: &Value) -> Result<()> {
    let o = map(asn, "asn")?;
    text(o, "asn", "reference")?;
    text(o, "asn", "warehouse_id")?;
    items(o, "asn", "expected_quantity")
}

/// A return authorisation (`POST /returns`).
pub fn rma(rma: &Value) -> Result<()> {
    let o = map(rma, "rma")?;
    text(o, "rma", "rma")?;
    items(o, "rma", "quantity")
}

/// A webhook subscription: an https URL (plain http only to loopback) and the events.
pub fn subscription(subscription: &Value) -> Result<()> {
    let o = map(subscription, "subscription")?;
    text(o, "subscription", "url")?;
    let url = o["url"].as_str().unwrap_or("");
    let loopback = ["http://127.", "http://localhost", "http://[::1]"].iter().any(|p| url.starts_with(p));
    if !(url.starts_with("https://") || loopback) {
        return Err(Error::invalid(
            "subscription.url",
            "must be an https:// URL (plain http only to loopback)",
        ));
    }
    match o.get("events") {
        Some(Value::Array(events)) if !events.is_empty() => {
            for (i, e) in events.iter().enumerate() {
                if e.as_str().is_none_or(str::is_empty) {
                    return Err(Error::invalid(
                        &format!("subscription.events[{i}]"),
                        "must be an event name",
                    ));
                }
            }
            Ok(())
        }
        None | Some(Value::Null) => Err(Error::invalid("subscription.events", "is required")),
        Some(_) => Err(Error::invalid("subscription.events", "must be a non-empty array of event names")),
    }
}

/// An id that becomes a path segment: nothing that would change the path or the query.
pub fn id(value: &str, name: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(name, "must not be empty"));
    }
    if value.len() > 200 {
        return Err(Error::invalid(name, "is longer than 200 characters"));
    }
    if value.chars().any(|c| matches!(c, '/' | '?' | '#' | '%' | '\\') || c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(
            name,
            "must not contain '/', '?', '#', '%', '\\', spaces or control characters",
        ));
    }
    Ok(())
}

/// A header value the host supplies (`Idempotency-Key`, `If-Match`): visible ASCII.
pub fn header_value(value: &str, name: &str) -> Result<()> {
    if value.is_empty() || value.len() > 255 || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(name, "must be 1 to 255 visible ASCII characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn good() -> Value {
        json!({"order_number": "SO-1", "reference": "F-1", "warehouse_id": "wh_syd_1",
               "ship_to": {"name": "Jane", "address1": "1 Main St", "country": "AU"},
               "items": [{"sku": "A", "quantity": 2, "unit_price": "19.99", "currency": "AUD"}]})
    }

    #[test]
    fn each_missing_or_bad_field_is_named() {
        order(&good()).unwrap();
        let cases: [(&str, Value, &str); 8] = [
            ("reference", Value::Null, "order.reference"),
            ("ship_to", Value::Null, "order.ship_to"),
            ("items", Value::Null, "order.items"),
            ("items", json!([]), "order.items"),
            ("items", json!([{"sku": "A", "quantity": 0}]), "order.items[0].quantity"),
            ("items", json!([{"sku": "A", "quantity": -1}]), "order.items[0].quantity"),
            ("items", json!([{"sku": "A", "quantity": 1, "unit_price": 19.99}]), "order.items[0].unit_price"),
            ("ship_to", json!({"name": "J", "address1": "x"}), "order.ship_to.country"),
        ];
        for (key, value, field) in cases {
            let mut o = good();
            if value.is_null() {
                o.as_object_mut().unwrap().remove(key);
            } else {
                o[key] = value;
            }
            let e = order(&o).unwrap_err();
            assert!(e.message.starts_with(field), "{key}: {}", e.message);
        }
    }

    #[test]
    fn ids_cannot_change_the_path() {
        id("ord_8Kd92m", "order_id").unwrap();
        for bad in ["", "a/b", "a?b", "a#b", "a b", "..%2F"] {
            assert!(id(bad, "order_id").unwrap_err().message.starts_with("order_id"), "{bad}");
        }
        assert!(changes(&json!({"warehouse_id": "x"})).unwrap_err().message.contains("warehouse_id"));
        assert!(subscription(&json!({"url": "http://erp.example.com/x", "events": ["a"]})).is_err());
        subscription(&json!({"url": "http://127.0.0.1:9/x", "events": ["a"]})).unwrap();
    }
}
