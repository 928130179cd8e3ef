//! What a sandbox starts with, as far as every API shares it: tokens, the rng seed, the
//! worker count and faults. Each API's own settings are a field here, with their builder
//! methods in that API's module.

use crate::faults::Faults;
use crate::shipper;
use crate::shipperone;
use crate::threepl;
use crate::tokens::Scopes;

/// A token given at start-up, for every API or (`api` set) for one only.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub token: String,
    pub scopes: Scopes,
    pub api: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub(crate) tokens: Vec<Grant>,
    pub(crate) rng_seed: Option<u64>,
    pub(crate) workers: usize,
    pub(crate) faults: Faults,
    pub(crate) shipperone: shipperone::Config,
    pub(crate) shipper: shipper::Config,
    pub(crate) threepl: threepl::Config,
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
            rng_seed: None,
            workers: 8,
            faults: Faults::default(),
            shipperone: shipperone::Config::default(),
            shipper: shipper::Config::default(),
            threepl: threepl::Config::default(),
        }
    }

    /// A bearer token every API accepts. `scopes` limit it where an API has ACL scopes
    /// (ShipperOne's are in [`scope`](crate::scope)).
    pub fn token(mut self, token: &str, scopes: Scopes) -> Self {
        self.tokens.push(Grant { token: token.to_string(), scopes, api: None });
        self
    }

    /// A bearer token only the API named `api` accepts (`"shipperone"`), so a test can show
    /// that one API's key does not open another. `Sandbox::start` refuses a name it does not
    /// serve.
    pub fn token_for(mut self, api: &str, token: &str, scopes: Scopes) -> Self {
        self.tokens.push(Grant { token: token.to_string(), scopes, api: Some(api.to_string()) });
        self
    }

    /// Makes generated orders reproducible (timestamps aside).
    pub fn rng_seed(mut self, seed: u64) -> Self {
        self.rng_seed = Some(seed);
        self
    }

    /// Faults injected into every API's routes from the start (none by default).
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
