//! The Shipper client's configuration: the shared transport keys plus `rate_window_ms`, the
//! length of the window the documented per-minute budgets apply to.

use serde::Deserialize;

use crate::config::{parse_api_config, TransportConfig};
use crate::error::{Error, Result};

/// The production root, which hosts may leave out.
pub const DEFAULT_BASE_URL: &str = "https://server.shipper.network/api/v1";

#[derive(Clone)]
pub struct Config {
    /// `base_url` includes the version prefix (`https://server.shipper.network/api/v1`).
    pub transport: TransportConfig,
    /// The rate-limit window, 60000 (the documented minute) unless a test sandbox runs a
    /// shorter one. The budgets per window are the documented ones whatever its length.
    pub rate_window_ms: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Own {
    #[serde(default = "default_window")]
    rate_window_ms: u64,
}

fn default_window() -> u64 {
    60_000
}

impl Config {
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Config {
        Config { transport: TransportConfig::new(base_url, token), rate_window_ms: default_window() }
    }

    /// Parses the JSON form used by the C ABI and the bindings; `base_url` defaults to
    /// [`DEFAULT_BASE_URL`].
    pub fn from_json(text: &str) -> Result<Config> {
        let mut value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::invalid("config_json", format!("not valid JSON ({e})")))?;
        if let Some(map) = value.as_object_mut() {
            map.entry("base_url").or_insert_with(|| DEFAULT_BASE_URL.into());
        }
        let (transport, own): (TransportConfig, Own) =
            parse_api_config(&value.to_string(), &["rate_window_ms"])?;
        let config = Config { transport, rate_window_ms: own.rate_window_ms };
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<()> {
        self.transport.validate()?;
        if !(100..=3_600_000).contains(&self.rate_window_ms) {
            return Err(Error::invalid("rate_window_ms", "must be between 100 and 3600000"));
        }
        Ok(())
    }

    /// The root every path hangs from: `base_url` without a trailing slash.
    pub(crate) fn api_root(&self) -> String {
        self.base_url.trim_end_matches('/').to_owned()
    }
}

crate::config::shared_keys_of!(Config);

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("rate_window_ms", &self.rate_window_ms)
            .finish()
    }
}
