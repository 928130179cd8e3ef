//! What a sandbox starts with: tokens, store codes, seed orders and partial settings.

/// ACL resource names, one per endpoint, as ShipperOne spells them.
pub mod scope {
    pub const PENDING_ACCEPT: &str = "Shipper_FulfillmentOrder::api_pending_accept";
    pub const PENDING_ALLOCATION: &str = "Shipper_FulfillmentOrder::api_pending_allocation";
    pub const PENDING_SHIPMENT: &str = "Shipper_FulfillmentOrder::api_pending_shipment";
    pub const PENDING_INVOICE: &str = "Shipper_FulfillmentOrder::api_pending_invoice";
    pub const FAILED: &str = "Shipper_FulfillmentOrder::api_failed";
    pub const ACCEPT: &str = "Shipper_FulfillmentOrder::api_accept";
    pub const ALLOCATE: &str = "Shipper_FulfillmentOrder::api_allocate";
    pub const SHIP: &str = "Shipper_FulfillmentOrder::api_ship";
    pub const INVOICE: &str = "Shipper_FulfillmentOrder::api_invoice";

    pub const ALL: [&str; 9] = [
        PENDING_ACCEPT,
        PENDING_ALLOCATION,
        PENDING_SHIPMENT,
        PENDING_INVOICE,
        FAILED,
        ACCEPT,
        ALLOCATE,
        SHIP,
        INVOICE,
    ];
}

/// What a bearer token may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    All,
    List(Vec<String>),
}

impl Scopes {
    pub fn list<S: AsRef<str>>(names: &[S]) -> Scopes {
        Scopes::List(names.iter().map(|s| s.as_ref().to_string()).collect())
    }

    pub fn allows(&self, scope: &str) -> bool {
        match self {
            Scopes::All => true,
            Scopes::List(names) => names.iter().any(|n| n == scope),
        }
    }
}

use crate::faults::Faults;

/// System-wide partial switches (spec 002: a tenant-level setting, OR-ed with the order's own).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    pub partial: bool,
    pub partial_qty: bool,
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub(crate) tokens: Vec<(String, Scopes)>,
    pub(crate) store_codes: Vec<String>,
    pub(crate) seed_orders: usize,
    pub(crate) rng_seed: Option<u64>,
    pub(crate) settings: Settings,
    pub(crate) workers: usize,
    pub(crate) faults: Faults,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl SandboxConfig {
    /// Store code `all` only, no tokens, no orders, partials off, a random rng seed.
    pub fn new() -> Self {
        SandboxConfig {
            tokens: Vec::new(),
            store_codes: vec!["all".to_string()],
            seed_orders: 0,
            rng_seed: None,
            settings: Settings::default(),
            workers: 8,
            faults: Faults::default(),
        }
    }

    pub fn token(mut self, token: &str, scopes: Scopes) -> Self {
        self.tokens.push((token.to_string(), scopes));
        self
    }

    pub fn store_code(mut self, code: &str) -> Self {
        if !self.store_codes.iter().any(|c| c == code) {
            self.store_codes.push(code.to_string());
        }
        self
    }

    /// Makes generated orders reproducible (timestamps aside).
    pub fn rng_seed(mut self, seed: u64) -> Self {
        self.rng_seed = Some(seed);
        self
    }

    /// Orders generated at start in store `all`, one to three items each, partials off.
    pub fn seed_orders(mut self, n: usize) -> Self {
        self.seed_orders = n;
        self
    }

    /// System-wide partial accept/allocate/ship.
    pub fn partial(mut self, on: bool) -> Self {
        self.settings.partial = on;
        self
    }

    /// System-wide partial-quantity accept.
    pub fn partial_qty(mut self, on: bool) -> Self {
        self.settings.partial_qty = on;
        self
    }

    /// Faults injected into the REST surface from the start (none by default).
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// Worker threads answering requests (default 8, minimum 1).
    pub fn workers(mut self, n: usize) -> Self {
        self.workers = n.max(1);
        self
    }
}
