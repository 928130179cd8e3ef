//! Per-warehouse stock per SKU, moved by orders (allocate, ship, cancel), inbound receipts,
//! adjustments and restocked returns. Each change stamps the SKU's `updated_at`, so inventory
//! polls with `updated_since` see it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::threepl::catalog::{SKUS, START_STOCK, WAREHOUSES};

#[derive(Debug, Clone, Default)]
pub struct Level {
    pub on_hand: i64,
    pub allocated: i64,
    pub incoming: i64,
}

#[derive(Debug, Clone)]
pub struct Sku {
    pub updated_at: String,
    pub warehouses: BTreeMap<String, Level>,
}

#[derive(Debug, Clone)]
pub struct Stock(pub BTreeMap<String, Sku>);

impl Stock {
    pub fn new(now: &str) -> Stock {
        let skus = SKUS
            .iter()
            .map(|sku| {
                let warehouses = WAREHOUSES
                    .iter()
                    .map(|w| (w.0.to_owned(), Level { on_hand: START_STOCK, ..Level::default() }))
                    .collect();
                (sku.to_string(), Sku { updated_at: now.to_owned(), warehouses })
            })
            .collect();
        Stock(skus)
    }

    pub fn knows(&self, sku: &str) -> bool {
        self.0.contains_key(sku)
    }

    /// The level of `sku` in `warehouse`, made on first use (a receipt may bring a new SKU).
    pub fn level(&mut self, sku: &str, warehouse: &str, now: &str) -> &mut Level {
        let entry = self
            .0
            .entry(sku.to_owned())
            .or_insert_with(|| Sku { updated_at: now.to_owned(), warehouses: BTreeMap::new() });
        entry.updated_at = now.to_owned();
        entry.warehouses.entry(warehouse.to_owned()).or_default()
    }

    /// Applies `f` to the level of every `(sku, quantity)` line in `warehouse`.
    pub fn each_line(
        &mut self,
        lines: &[(String, i64)],
        warehouse: &str,
        now: &str,
        f: impl Fn(&mut Level, i64),
    ) {
        for (sku, qty) in lines {
            f(self.level(sku, warehouse, now), *qty);
        }
    }

    /// The API's view of one SKU, optionally narrowed to one warehouse.
    pub fn view(sku: &str, entry: &Sku, warehouse: Option<&str>) -> Option<Value> {
        let levels: Vec<Value> = entry
            .warehouses
            .iter()
            .filter(|(id, _)| warehouse.is_none_or(|w| w == id.as_str()))
            .map(|(id, l)| {
                json!({
                    "warehouse_id": id,
                    "on_hand": l.on_hand,
                    "available": (l.on_hand - l.allocated).max(0),
                    "allocated": l.allocated,
                    "incoming": l.incoming,
                    "backordered": (l.allocated - l.on_hand).max(0),
                })
            })
            .collect();
        if levels.is_empty() {
            return None;
        }
        Some(json!({"sku": sku, "updated_at": entry.updated_at, "warehouses": levels}))
    }
}

/// `(sku, quantity)` of each line of a record's `items` (quantity under `key`).
pub fn lines(record: &Value, key: &str) -> Vec<(String, i64)> {
    record["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| (i["sku"].as_str().unwrap_or("").to_owned(), i[key].as_i64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default()
}
