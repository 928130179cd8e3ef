//! The bodies of `POST /sandbox/orders`: seeding options or explicit orders.

use chrono::NaiveDateTime;
use fastrand::Rng;
use serde_json::Value;

use crate::clock;
use crate::http::ApiError;
use crate::json::{self, Obj};
use crate::shipperone::model::{round2, Address, Customer};
use crate::shipperone::seed::{random_order, ItemSpec, OrderSpec, SeedOptions};

/// Reads `{"count": N, ...}` for `POST /sandbox/orders`.
pub fn parse_seed_options(body: Obj<'_>) -> Result<SeedOptions, ApiError> {
    let mut opts = SeedOptions::new(0);
    let count = body.opt_count("count")?.ok_or_else(|| json::missing("count"))?;
    if count > 100_000 {
        return Err(json::invalid("count", "must be at most 100000"));
    }
    opts.count = count as usize;
    if let Some(code) = body.opt_string("store_code")? {
        opts.store_code = code;
    }
    opts.allow_partial = body.opt_bool("allow_partial")?.unwrap_or(false);
    opts.allow_partial_qty = body.opt_bool("allow_partial_qty")?.unwrap_or(false);
    opts.min_items = body.opt_count("min_items")?.unwrap_or(1);
    opts.max_items = body.opt_count("max_items")?.unwrap_or(opts.min_items.max(3));
    if opts.min_items == 0 || opts.min_items > 50 {
        return Err(json::invalid("min_items", "must be between 1 and 50"));
    }
    if opts.max_items < opts.min_items || opts.max_items > 50 {
        return Err(json::invalid("max_items", "must be between min_items and 50"));
    }
    opts.timestamp = timestamp(body, "updated_at")?;
    Ok(opts)
}

/// Reads one explicit order of `POST /sandbox/orders {"orders": [...]}`; gaps are filled
/// with random but plausible values.
pub fn parse_order_spec(o: Obj<'_>, rng: &mut Rng) -> Result<OrderSpec, ApiError> {
    let mut spec = random_order(rng, &SeedOptions::new(1));
    spec.order_id = o.opt_string("order_id")?;
    if let Some(v) = o.opt_string("store_code")? {
        spec.store_code = v;
    }
    if let Some(v) = o.opt_string("warehouse_code")? {
        spec.warehouse_code = v;
    }
    if let Some(v) = o.get("customer") {
        let path = o.path("customer");
        let c = Obj::at(v, &path)?;
        spec.customer = Customer { name: c.string("name")?, email: c.string("email")? };
    }
    if let Some(v) = o.get("shipping_address") {
        let path = o.path("shipping_address");
        let a = Obj::at(v, &path)?;
        spec.shipping_address = Address {
            name: a.string("name")?,
            street: a.string("street")?,
            city: a.string("city")?,
            postcode: a.string("postcode")?,
            country_id: a.string("country_id")?,
            telephone: a.opt_string("telephone")?.unwrap_or_default(),
        };
    }
    if let Some(v) = o.opt_string("shipping_method")? {
        spec.shipping_method = v;
    }
    if let Some(v) = o.opt_amount("shipping_amount_incl_tax")? {
        spec.shipping_amount_incl_tax = round2(v);
    }
    if let Some(v) = o.opt_string("currency_code")? {
        spec.currency_code = v;
    }
    spec.allow_partial = o.opt_bool("allow_partial")?.unwrap_or(false);
    spec.allow_partial_qty = o.opt_bool("allow_partial_qty")?.unwrap_or(false);
    spec.timestamp = timestamp(o, "updated_at")?;
    let items = o.non_empty_array("items")?;
    spec.items = items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_item_spec(v, &format!("{}[{i}]", o.path("items"))))
        .collect::<Result<_, _>>()?;
    Ok(spec)
}

fn parse_item_spec(v: &Value, path: &str) -> Result<ItemSpec, ApiError> {
    let it = Obj::at(v, path)?;
    let sku = it.string("sku")?;
    let qty_ordered = it.opt_count("qty_ordered")?.unwrap_or(1);
    if qty_ordered == 0 {
        return Err(json::invalid(&it.path("qty_ordered"), "must be at least 1"));
    }
    let price = it.opt_amount("price_incl_tax")?.or(it.opt_amount("price")?).unwrap_or(10.0);
    Ok(ItemSpec {
        name: it.opt_string("name")?.unwrap_or_else(|| sku.clone()),
        sku,
        qty_ordered,
        price_incl_tax: round2(price),
        warehouse_code: it.opt_string("warehouse_code")?,
    })
}

fn timestamp(o: Obj<'_>, key: &str) -> Result<Option<NaiveDateTime>, ApiError> {
    match o.opt_string(key)? {
        None => Ok(None),
        Some(s) => clock::parse(&s)
            .map(Some)
            .ok_or_else(|| json::invalid(&o.path(key), "must be formatted yyyy-mm-dd hh:mm:ss")),
    }
}
