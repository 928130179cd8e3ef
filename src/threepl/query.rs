//! What a host may ask a list for: `updated_since`, a `cursor` (one page) or a `checkpoint`
//! (a walk), and the filters the blueprint documents. Checked before anything is sent.

use serde_json::Value;

use crate::error::{Error, Result};

/// Filters sent with every page as they are.
const FILTERS: [&str; 8] =
    ["sku", "warehouse_id", "status", "order_id", "reference", "rma", "limit", "event"];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub updated_since: Option<String>,
    pub cursor: Option<String>,
    pub checkpoint: Option<String>,
    /// Other filters, in the order given.
    pub filters: Vec<(String, String)>,
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    pub fn updated_since(mut self, since: &str) -> Query {
        self.updated_since = Some(since.to_owned());
        self
    }

    pub fn checkpoint(mut self, checkpoint: &str) -> Query {
        self.checkpoint = Some(checkpoint.to_owned());
        self
    }

    pub fn filter(mut self, key: &str, value: &str) -> Query {
        self.filters.push((key.to_owned(), value.to_owned()));
        self
    }

    /// `{"updated_since", "cursor", "checkpoint", "sku", "warehouse_id", …}`; NULL/absent is
    /// no query. An unknown key or a value of the wrong type is refused by name.
    pub fn from_json(text: Option<&str>) -> Result<Query> {
        let Some(text) = text else { return Ok(Query::new()) };
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::invalid("query_json", format!("not valid JSON ({e})")))?;
        let Value::Object(map) = value else {
            return Err(Error::invalid("query_json", "must be a JSON object"));
        };
        let mut query = Query::new();
        for (key, value) in map {
            let field = format!("query.{key}");
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s,
                Value::Number(n) if key == "limit" => n.to_string(),
                _ => return Err(Error::invalid(&field, "must be a string")),
            };
            match key.as_str() {
                "updated_since" => query.updated_since = Some(text),
                "cursor" => query.cursor = Some(text),
                "checkpoint" => query.checkpoint = Some(text),
                k if FILTERS.contains(&k) => query.filters.push((key, text)),
                _ => {
                    return Err(Error::invalid(
                        &field,
                        format!(
                            "unknown key; known: updated_since, cursor, checkpoint, {}",
                            FILTERS.join(", ")
                        ),
                    ))
                }
            }
        }
        query.validate()?;
        Ok(query)
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(since) = &self.updated_since {
            if chrono::DateTime::parse_from_rfc3339(since).is_err() {
                return Err(Error::invalid(
                    "query.updated_since",
                    "must be an ISO-8601 UTC date-time such as 2026-07-02T22:04:11Z",
                ));
            }
        }
        for (key, value) in &self.filters {
            if value.is_empty() || value.chars().any(char::is_control) {
                return Err(Error::invalid(
                    &format!("query.{key}"),
                    "must be non-empty text without control characters",
                ));
            }
        }
        Ok(())
    }

    /// What a checkpoint belongs to: the resource and its filters.
    pub(crate) fn scope(&self, resource: &str) -> String {
        let mut scope = resource.to_owned();
        for (k, v) in &self.filters {
            if k != "limit" {
                scope.push_str(&format!(" {k}={v}"));
            }
        }
        scope
    }
}
