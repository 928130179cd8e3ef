//! After an amend or a cancel failed in a way that may hide a success, the order as the server
//! now holds it says what happened: an amend whose changes it already carries succeeded (the
//! 409 answered a repeat of our own request), and so did a cancel of an order now cancelled.

use serde_json::Value;

/// Whether `order` carries every change in `changes`: objects field by field, `items[]` as
/// the same lines (`sku` and `quantity`) in any order, anything else equal.
pub fn carries(order: &Value, changes: &Value) -> bool {
    let Some(changes) = changes.as_object() else { return false };
    changes.iter().all(|(key, wanted)| match (key.as_str(), order.get(key)) {
        (_, None) => wanted.is_null(),
        ("items", Some(have)) => same_lines(have, wanted),
        (_, Some(have)) => contains(have, wanted),
    })
}

fn contains(have: &Value, wanted: &Value) -> bool {
    match (have, wanted) {
        (Value::Object(h), Value::Object(w)) => {
            w.iter().all(|(k, v)| h.get(k).map_or(v.is_null(), |hv| contains(hv, v)))
        }
        (Value::Number(h), Value::Number(w)) => h.as_f64() == w.as_f64(),
        _ => have == wanted,
    }
}

fn same_lines(have: &Value, wanted: &Value) -> bool {
    let lines = |v: &Value| -> Option<Vec<(String, f64)>> {
        let mut out: Vec<(String, f64)> = v
            .as_array()?
            .iter()
            .map(|l| Some((l.get("sku")?.as_str()?.to_owned(), l.get("quantity")?.as_f64()?)))
            .collect::<Option<_>>()?;
        out.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        Some(out)
    };
    lines(have).is_some() && lines(have) == lines(wanted)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_order_carries_changes_it_holds() {
        let order = json!({"status": "received", "ship_to": {"name": "J", "address1": "456 New St", "country": "AU"},
                           "items": [{"sku": "B", "quantity": 3}, {"sku": "A", "quantity": 1}]});
        assert!(carries(
            &order,
            &json!({"ship_to": {"address1": "456 New St"}, "items": [{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 3.0}]})
        ));
        assert!(!carries(&order, &json!({"ship_to": {"address1": "1 Old St"}})));
        assert!(!carries(&order, &json!({"items": [{"sku": "A", "quantity": 1}]})));
        assert!(!carries(&order, &json!({"packing_note": "x"})));
    }
}
