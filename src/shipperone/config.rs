//! ShipperOne's configuration: the shared transport keys plus `store_code`, the store the
//! `/rest/{store_code}/V1` paths address.

use serde::Deserialize;

use crate::config::{parse_api_config, TransportConfig};
use crate::error::{Error, Result};

/// A ShipperOne client's configuration. The shared keys are reached through it directly
/// (`config.timeout_ms`), as they were before other APIs shared them.
#[derive(Clone)]
pub struct Config {
    pub transport: TransportConfig,
    pub store_code: String,
}

/// The keys only ShipperOne has.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Own {
    #[serde(default = "default_store_code")]
    store_code: String,
}

fn default_store_code() -> String {
    "all".into()
}

impl Config {
    /// A configuration with every default, for Rust callers.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Config {
        Config { transport: TransportConfig::new(base_url, token), store_code: default_store_code() }
    }

    /// Parses and validates the JSON form used by the C ABI and the bindings.
    pub fn from_json(text: &str) -> Result<Config> {
        let (transport, own): (TransportConfig, Own) = parse_api_config(text, &["store_code"])?;
        let config = Config { transport, store_code: own.store_code };
        config.validate()?;
        Ok(config)
    }

    /// Checks every field, naming the first one at fault.
    pub fn validate(&self) -> Result<()> {
        self.transport.validate()?;
        let store_ok = !self.store_code.is_empty()
            && self.store_code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !store_ok {
            return Err(Error::invalid("store_code", "must be letters, digits, '_' or '-'"));
        }
        Ok(())
    }

    /// `{base_url}/rest/{store_code}/V1`, the prefix of every REST call.
    pub(crate) fn api_root(&self) -> String {
        format!("{}/rest/{}/V1", self.base_url.trim_end_matches('/'), self.store_code)
    }
}

crate::config::shared_keys_of!(Config);

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("store_code", &self.store_code)
            .finish()
    }
}
