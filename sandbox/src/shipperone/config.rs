//! ShipperOne's part of the sandbox configuration: store codes, seed orders and settings, with
//! their builder methods on [`SandboxConfig`].

use crate::config::SandboxConfig;
use crate::shipperone::settings::{ItemKey, Settings};

/// The `shipperone` field of [`SandboxConfig`].
#[derive(Debug, Clone)]
pub struct Config {
    pub store_codes: Vec<String>,
    pub seed_orders: usize,
    pub settings: Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config { store_codes: vec!["all".to_string()], seed_orders: 0, settings: Settings::default() }
    }
}

impl SandboxConfig {
    pub fn store_code(mut self, code: &str) -> Self {
        let codes = &mut self.shipperone.store_codes;
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
        self
    }

    /// Orders generated at start in store `all`, one to three items each, partials off.
    pub fn seed_orders(mut self, n: usize) -> Self {
        self.shipperone.seed_orders = n;
        self
    }

    /// System-wide partial accept/allocate/ship.
    pub fn partial(mut self, on: bool) -> Self {
        self.shipperone.settings.partial = on;
        self
    }

    /// System-wide partial-quantity accept.
    pub fn partial_qty(mut self, on: bool) -> Self {
        self.shipperone.settings.partial_qty = on;
        self
    }

    /// What queue views and action responses call an item's own id (`item_id` by default).
    pub fn item_key(mut self, key: ItemKey) -> Self {
        self.shipperone.settings.item_key = key;
        self
    }
}
