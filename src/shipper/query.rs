//! The lists a host may read and the filters each takes, turned from the host's JSON into
//! query pairs after checking every one: an unknown filter, a page size over the maximum, a
//! malformed date or an unknown `sort_by` is refused here, naming it.

use serde_json::Value;

use super::checks::SORT_BY;
use super::dates;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Countries,
    Divisions,
    Products,
    Orders,
    Webhooks,
    /// The paged dashboard report, which reports only a `total`.
    ProductPerformance,
}

/// Filters the non-paged dashboard reports take.
const REPORT_FILTERS: [&str; 3] = ["start_date", "end_date", "retailer_product_id"];

impl Resource {
    pub const NAMES: [&'static str; 6] =
        ["countries", "divisions", "products", "orders", "webhooks", "product-performance"];

    pub fn parse(name: &str) -> Result<Resource> {
        Ok(match name {
            "countries" => Resource::Countries,
            "divisions" => Resource::Divisions,
            "products" => Resource::Products,
            "orders" => Resource::Orders,
            "webhooks" => Resource::Webhooks,
            "product-performance" => Resource::ProductPerformance,
            _ => {
                return Err(Error::invalid(
                    "resource",
                    format!("must be one of {}", Resource::NAMES.join(", ")),
                ))
            }
        })
    }

    fn filters(self) -> &'static [&'static str] {
        match self {
            Resource::Countries | Resource::Webhooks => &[],
            Resource::Divisions => &["country", "level", "parent_id"],
            Resource::Products => &["page", "per_page", "search"],
            Resource::Orders => &["page", "per_page", "status", "start_date", "end_date", "search"],
            Resource::ProductPerformance => {
                &["page", "per_page", "sort_by", "start_date", "end_date", "retailer_product_id"]
            }
        }
    }

    /// The largest `per_page`, for lists that have pages.
    pub fn max_per_page(self) -> Option<u64> {
        match self {
            Resource::Products | Resource::Orders => Some(100),
            Resource::ProductPerformance => Some(50),
            _ => None,
        }
    }

    /// The key that identifies an item of the list.
    pub fn id_key(self) -> &'static str {
        match self {
            Resource::Countries => "code",
            Resource::Products => "uuid",
            Resource::ProductPerformance => "retailer_product_id",
            _ => "id",
        }
    }
}

/// A checked query: the pairs to send, and the country a divisions list is for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
    pub country: Option<String>,
}

impl Query {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, key: &str, value: String) {
        self.pairs.retain(|(k, _)| k != key);
        self.pairs.push((key.to_owned(), value));
    }

    pub fn as_pairs(&self) -> Vec<(&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }
}

/// Checks a list's query (`null` or an object of filters).
pub fn list(resource: Resource, query: &Value) -> Result<Query> {
    let query = build(query, resource.filters(), resource.max_per_page().unwrap_or(100))?;
    if resource == Resource::Divisions {
        let country =
            query.country.as_deref().ok_or_else(|| Error::invalid("query.country", "is required"))?;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid("query.country", "must be a two-letter country code (TN, DZ, MA…)"));
        }
    }
    Ok(query)
}

/// Checks a dashboard report's query.
pub fn report(report: &str, query: &Value) -> Result<Query> {
    if report == "product-performance" {
        list(Resource::ProductPerformance, query)
    } else {
        build(query, &REPORT_FILTERS, 100)
    }
}

fn build(query: &Value, allowed: &[&str], max_per_page: u64) -> Result<Query> {
    let map = match query {
        Value::Null => return Ok(Query::default()),
        Value::Object(map) => map,
        _ => return Err(Error::invalid("query", "must be a JSON object")),
    };
    let mut out = Query::default();
    for (key, value) in map {
        let field = format!("query.{key}");
        if !allowed.contains(&key.as_str()) {
            let known = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
            return Err(Error::invalid(&field, format!("is not a filter of this list (known: {known})")));
        }
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            Value::Number(n) if n.is_u64() => n.to_string(),
            _ => return Err(Error::invalid(&field, "must be a string or a whole number")),
        };
        match key.as_str() {
            "page" | "per_page" | "level" | "parent_id" | "retailer_product_id" => {
                let n: u64 = text
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| Error::invalid(&field, "must be a whole number of at least 1"))?;
                if key == "per_page" && n > max_per_page {
                    return Err(Error::invalid(&field, format!("must be at most {max_per_page}")));
                }
            }
            "start_date" | "end_date" => dates::check(&field, &text)?,
            "sort_by" if !SORT_BY.contains(&text.as_str()) => {
                return Err(Error::invalid(&field, format!("must be one of {}", SORT_BY.join(", "))));
            }
            "country" => {
                out.country = Some(text);
                continue;
            }
            _ => {}
        }
        out.pairs.push((key.clone(), text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn filters_are_checked_and_named() {
        let q = list(
            Resource::Orders,
            &json!({"status": "delivered", "start_date": "2026-05-01 09:00", "per_page": 10}),
        )
        .unwrap();
        assert_eq!(q.get("start_date"), Some("2026-05-01 09:00"));
        assert_eq!(q.get("per_page"), Some("10"));
        let bad = [
            (Resource::Orders, json!({"per_page": 101}), "query.per_page"),
            (Resource::Orders, json!({"page": 0}), "query.page"),
            (Resource::Orders, json!({"start_date": "2026-05-01+09:00"}), "query.start_date"),
            (Resource::Orders, json!({"sort_by": "x"}), "query.sort_by"),
            (Resource::Products, json!({"status": "x"}), "query.status"),
            (Resource::ProductPerformance, json!({"sort_by": "revenue"}), "query.sort_by"),
            (Resource::ProductPerformance, json!({"per_page": 51}), "query.per_page"),
            (Resource::Divisions, json!({"level": 2}), "query.country"),
            (Resource::Countries, json!([]), "query"),
        ];
        for (resource, query, field) in bad {
            let e = list(resource, &query).unwrap_err();
            assert!(e.message.starts_with(&format!("{field}:")), "{field}: {}", e.message);
        }
        assert!(report("overview", &json!({"sort_by": "leads_total"})).is_err());
        assert!(report("product-performance", &json!({"sort_by": "leads_total"})).is_ok());
    }
}
