//! The blueprint client's configuration: the shared transport keys plus `sync_overlap_ms`.
//! `base_url` includes the version prefix (`https://api.your-3pl.com/v1`).

use serde::Deserialize;

use crate::config::{parse_api_config, TransportConfig};
use crate::error::{Error, Result};

#[derive(Clone)]
pub struct Config {
    pub transport: TransportConfig,
    /// How far before the mark each incremental walk asks from (`updated_since` = mark − this):
    /// the filter may be inclusive or exclusive, clocks skew and rows commit late.
    pub sync_overlap_ms: u64,
}

/// The keys only the blueprint client has.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Own {
    #[serde(default = "default_overlap")]
    sync_overlap_ms: u64,
}

fn default_overlap() -> u64 {
    60_000
}

/// A week: a longer overlap would make every walk re-read most of history.
const MAX_OVERLAP_MS: u64 = 7 * 24 * 3600 * 1000;

impl Config {
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Config {
        Config { transport: TransportConfig::new(base_url, token), sync_overlap_ms: default_overlap() }
    }

    /// Parses and validates the JSON form used by the C ABI and the bindings.
    pub fn from_json(text: &str) -> Result<Config> {
        let (transport, own): (TransportConfig, Own) = parse_api_config(text, &["sync_overlap_ms"])?;
        let config = Config { transport, sync_overlap_ms: own.sync_overlap_ms };
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<()> {
        self.transport.validate()?;
        if self.sync_overlap_ms > MAX_OVERLAP_MS {
            return Err(Error::invalid(
                "sync_overlap_ms",
                format!("must be at most {MAX_OVERLAP_MS} (a week)"),
            ));
        }
        Ok(())
    }

    /// The prefix of every request path: `base_url` without a trailing slash.
    pub(crate) fn api_root(&self) -> String {
        self.base_url.trim_end_matches('/').to_owned()
    }
}

crate::config::shared_keys_of!(Config);

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("sync_overlap_ms", &self.sync_overlap_ms)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_keys_and_foreign_keys() {
        let c = Config::from_json(r#"{"base_url":"https://x.example/v1/","token":"t"}"#).unwrap();
        assert_eq!(c.sync_overlap_ms, 60_000);
        assert_eq!(c.api_root(), "https://x.example/v1");
        let c = Config::from_json(r#"{"base_url":"https://x.example/v1","token":"t","sync_overlap_ms":5}"#)
            .unwrap();
        assert_eq!(c.sync_overlap_ms, 5);
        let e = Config::from_json(r#"{"base_url":"https://x.example/v1","token":"t","store_code":"all"}"#)
            .unwrap_err();
        assert!(e.message.contains("store_code"), "{}", e.message);
    }
}
