//! `shiplink conform threepl`: a black-box checklist run against a 3PL's blueprint API (its
//! sandbox). Each check is a rule of spec 003 that makes integrations safe: idempotent creates,
//! honest 409s, one error envelope, stable cursors, `updated_since` without gaps, rate-limit
//! headers, the formats the ERP parses. It creates a few orders of its own (references
//! `CONFORM-…`), cancels them, and registers then deletes one webhook.

mod cursors;
mod errors;
mod formats;
mod http;
mod orders;
mod reference;
mod report;
mod webhooks;

pub use report::Report;

use http::Http;

/// What the checks may use beyond the API itself.
pub struct Options {
    /// An order the warehouse has already shipped, for the "cancel after ship" check.
    pub shipped_order: Option<String>,
    /// How many requests the 429 check may send before calling it "not checked".
    pub burst: usize,
}

pub fn run(base_url: &str, token: &str, options: &Options) -> Report {
    let http = Http::new(base_url, token);
    let mut report = Report::default();
    let found = reference::check(&http, &mut report);
    let run_id = format!("CONFORM-{}-{:04x}", unix_now(), std::process::id() & 0xffff);
    orders::check(&http, &mut report, &found, &run_id, options.shipped_order.as_deref());
    errors::check(&http, &mut report, &found);
    cursors::check(&http, &mut report, &found, &run_id);
    formats::check(&http, &mut report);
    webhooks::check(&http, &mut report);
    errors::retry_after(&http, &mut report, options.burst);
    report
}

/// What the reference lists gave, for building orders the server will accept.
pub struct Found {
    pub warehouse_id: Option<String>,
    pub shipping_method_id: Option<String>,
    pub sku: Option<String>,
}

impl Found {
    /// A valid order body by the blueprint's §1, with this run's reference.
    pub fn order(&self, reference: &str) -> serde_json::Value {
        let mut order = serde_json::json!({
            "order_number": reference, "reference": reference,
            "warehouse_id": self.warehouse_id.as_deref().unwrap_or("wh_unknown"),
            "ship_to": {"name": "Conformance Check", "address1": "1 Test St", "city": "Sydney",
                        "state": "NSW", "postcode": "2000", "country": "AU"},
            "items": [{"sku": self.sku.as_deref().unwrap_or("CONFORM-SKU"), "quantity": 1}]
        });
        if let Some(method) = &self.shipping_method_id {
            order["shipping_method_id"] = method.clone().into();
        }
        order
    }
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
