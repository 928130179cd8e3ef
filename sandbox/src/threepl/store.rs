//! Everything the blueprint sandbox holds. Records are kept as the JSON the API shows, so
//! what a list returns and what an admin reads are the same bytes; the few fields the rules
//! need are read back from them.

use std::collections::{BTreeMap, HashMap};

use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::threepl::config::Config;
use crate::threepl::rate::Windows;
use crate::threepl::settings::Settings;
use crate::threepl::stock::Stock;
use crate::threepl::webhooks::Outbox;
use crate::tokens::Tokens;

/// A create remembered under its `Idempotency-Key`: the body it came with and what it made.
pub struct Remembered {
    pub body: Value,
    pub id: String,
}

pub struct Store {
    pub tokens: Tokens,
    pub settings: Settings,
    start: Config,
    pub orders: BTreeMap<String, Value>,
    pub shipments: BTreeMap<String, Value>,
    pub inbound: BTreeMap<String, Value>,
    pub adjustments: BTreeMap<String, Value>,
    pub returns: BTreeMap<String, Value>,
    pub stock: Stock,
    /// `(resource, key)` → the create it made.
    pub keys: HashMap<(&'static str, String), Remembered>,
    /// Bumped to make every cursor handed out so far stale.
    pub cursor_epoch: u64,
    pub rate: Windows,
    pub outbox: Outbox,
    counters: HashMap<&'static str, u64>,
    pub counts: BTreeMap<&'static str, u64>,
    pub rng: fastrand::Rng,
}

/// Now, to the second, as the API writes it: `2026-07-02T22:04:11Z`.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    pub fn new(config: &Config, rng_seed: u64) -> Store {
        Store {
            tokens: Tokens::default(),
            settings: config.settings.clone(),
            start: config.clone(),
            orders: BTreeMap::new(),
            shipments: BTreeMap::new(),
            inbound: BTreeMap::new(),
            adjustments: BTreeMap::new(),
            returns: BTreeMap::new(),
            stock: Stock::new(&now()),
            keys: HashMap::new(),
            cursor_epoch: 0,
            rate: Windows::default(),
            outbox: Outbox::default(),
            counters: HashMap::new(),
            counts: BTreeMap::new(),
            rng: fastrand::Rng::with_seed(rng_seed ^ 0x3b1),
        }
    }

    /// Back to start-up; tokens stay.
    pub fn reset(&mut self) {
        let tokens = std::mem::take(&mut self.tokens);
        let seed = self.rng.u64(..);
        *self = Store::new(&self.start.clone(), seed);
        self.tokens = tokens;
    }

    /// The next id of a kind: `ord_000001`. Zero-padded, so ids sort as they were made.
    pub fn next_id(&mut self, prefix: &'static str) -> String {
        let n = self.counters.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}_{n:06}")
    }

    pub fn count(&mut self, what: &'static str) {
        *self.counts.entry(what).or_insert(0) += 1;
    }

    /// A request id for the error envelope.
    pub fn request_id(&mut self) -> String {
        let n = self.counters.entry("req").or_insert(0);
        *n += 1;
        format!("req_{:08x}{:06}", self.rng.u32(..), n)
    }

    pub fn stats(&self) -> Value {
        let status_counts = |table: &BTreeMap<String, Value>| {
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for record in table.values() {
                *counts.entry(record["status"].as_str().unwrap_or("").to_owned()).or_insert(0) += 1;
            }
            counts
        };
        json!({
            "orders": self.orders.len(),
            "order_statuses": status_counts(&self.orders),
            "shipments": self.shipments.len(),
            "inbound_shipments": self.inbound.len(),
            "inventory_adjustments": self.adjustments.len(),
            "returns": self.returns.len(),
            "webhooks": self.outbox.subscriptions.len(),
            "deliveries": self.outbox.delivered,
            "delivery_failures": self.outbox.failed_attempts,
            "counts": self.counts,
            "settings": self.settings,
        })
    }
}
