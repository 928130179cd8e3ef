//! The configuration every client shares: where the API is, the token, and how HTTP behaves
//! (timeouts, retries, TLS, proxy). Each API adds its own keys on top ([`parse_api_config`]).
//! Hosts pass it as JSON through the C ABI, so unknown keys are refused by name (a typo must
//! not silently fall back to a default) and the token never reaches a message.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, Result};
/// ShipperOne's configuration, the first API's, kept here under its old path.
pub use crate::shipperone::Config;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportConfig {
    /// The API's root (any path prefix is kept; each API says what it adds).
    pub base_url: String,
    /// Bearer token. Never logged, never part of an error.
    pub token: String,
    /// Whole-request deadline per attempt, response body included.
    #[serde(default = "defaults::timeout_ms")]
    pub timeout_ms: u64,
    #[serde(default = "defaults::connect_timeout_ms")]
    pub connect_timeout_ms: u64,
    /// Retries after the first attempt (so `max_retries + 1` requests at most).
    #[serde(default = "defaults::max_retries")]
    pub max_retries: u32,
    /// Extra PEM root certificates, trusted in addition to the platform's.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// `http://host:port` or `socks5://host:port`.
    #[serde(default)]
    pub proxy: Option<String>,
    /// Appended to `shiplink/<version>` in the User-Agent header.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// Allow plain `http://` to hosts other than loopback.
    #[serde(default)]
    pub allow_insecure_http: bool,
    /// First backoff step; doubles per retry, with jitter.
    #[serde(default = "defaults::retry_base_ms")]
    pub retry_base_ms: u64,
    /// Ceiling of one backoff step.
    #[serde(default = "defaults::retry_max_ms")]
    pub retry_max_ms: u64,
    /// Longest `Retry-After` the client waits out; a longer one fails the call as RATE_LIMITED.
    #[serde(default = "defaults::retry_after_max_ms")]
    pub retry_after_max_ms: u64,
    /// Largest response body accepted, so a hostile or broken server cannot exhaust memory.
    #[serde(default = "defaults::max_response_bytes")]
    pub max_response_bytes: u64,
}

mod defaults {
    pub fn timeout_ms() -> u64 {
        30_000
    }
    pub fn connect_timeout_ms() -> u64 {
        10_000
    }
    pub fn max_retries() -> u32 {
        3
    }
    pub fn retry_base_ms() -> u64 {
        500
    }
    pub fn retry_max_ms() -> u64 {
        5_000
    }
    pub fn retry_after_max_ms() -> u64 {
        60_000
    }
    pub fn max_response_bytes() -> u64 {
        16 * 1024 * 1024
    }
}

/// Highest accepted `max_retries`: beyond it an outage turns into a hung host.
const MAX_RETRIES_LIMIT: u32 = 10;

impl TransportConfig {
    /// A configuration with every default, for Rust callers.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> TransportConfig {
        TransportConfig {
            base_url: base_url.into(),
            token: token.into(),
            timeout_ms: defaults::timeout_ms(),
            connect_timeout_ms: defaults::connect_timeout_ms(),
            max_retries: defaults::max_retries(),
            ca_file: None,
            proxy: None,
            user_agent: None,
            allow_insecure_http: false,
            retry_base_ms: defaults::retry_base_ms(),
            retry_max_ms: defaults::retry_max_ms(),
            retry_after_max_ms: defaults::retry_after_max_ms(),
            max_response_bytes: defaults::max_response_bytes(),
        }
    }

    /// Checks every field, naming the first one at fault. A message may quote a value (the
    /// base URL, say); the token is taken out of it wherever a host may have put it.
    pub fn validate(&self) -> Result<()> {
        self.check().map_err(|mut e| {
            e.message = redact(&e.message, &self.token);
            e
        })
    }

    fn check(&self) -> Result<()> {
        check_base_url(&self.base_url, self.allow_insecure_http)?;
        if self.token.is_empty() {
            return Err(Error::invalid("token", "is required"));
        }
        if self.token.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::invalid("token", "contains whitespace or control characters"));
        }
        if self.timeout_ms == 0 {
            return Err(Error::invalid("timeout_ms", "must be greater than 0"));
        }
        if self.connect_timeout_ms == 0 {
            return Err(Error::invalid("connect_timeout_ms", "must be greater than 0"));
        }
        if self.max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::invalid("max_retries", format!("must be at most {MAX_RETRIES_LIMIT}")));
        }
        if self.retry_max_ms < self.retry_base_ms {
            return Err(Error::invalid("retry_max_ms", "must not be below retry_base_ms"));
        }
        if self.max_response_bytes < 1024 {
            return Err(Error::invalid("max_response_bytes", "must be at least 1024"));
        }
        if let Some(ua) = &self.user_agent {
            if ua.chars().any(|c| c.is_control()) {
                return Err(Error::invalid("user_agent", "contains control characters"));
            }
        }
        Ok(())
    }
}

/// Gives an API's config (a struct with a `transport: TransportConfig` field) the shared keys
/// as its own fields: `config.timeout_ms`, as ShipperOne's config has always had them.
macro_rules! shared_keys_of {
    ($config:ty) => {
        impl std::ops::Deref for $config {
            type Target = $crate::config::TransportConfig;
            fn deref(&self) -> &$crate::config::TransportConfig {
                &self.transport
            }
        }

        impl std::ops::DerefMut for $config {
            fn deref_mut(&mut self) -> &mut $crate::config::TransportConfig {
                &mut self.transport
            }
        }
    };
}
pub(crate) use shared_keys_of;

/// Parses an API's JSON configuration: the shared keys into a [`TransportConfig`], the keys
/// listed in `own_keys` into the API's own `A`. Any other key is an error that names it, and so
/// is a shared key an API has no use for (it would be silently ignored otherwise).
pub fn parse_api_config<A: DeserializeOwned>(text: &str, own_keys: &[&str]) -> Result<(TransportConfig, A)> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::invalid("config_json", format!("not valid JSON ({e})")))?;
    let serde_json::Value::Object(mut shared) = value else {
        return Err(Error::invalid("config_json", "must be a JSON object"));
    };
    let token = shared.get("token").and_then(|t| t.as_str()).unwrap_or("").to_owned();
    let own: serde_json::Map<String, serde_json::Value> =
        own_keys.iter().filter_map(|k| shared.remove_entry(*k)).collect();
    let transport: TransportConfig = from_value(serde_json::Value::Object(shared), &token)?;
    let own: A = from_value(serde_json::Value::Object(own), &token)?;
    transport.validate()?;
    Ok((transport, own))
}

/// Deserializes one part of a configuration, naming the field at fault; the token is kept out of
/// every message.
fn from_value<T: DeserializeOwned>(value: serde_json::Value, token: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "config_json".to_owned() } else { format!("config_json.{path}") };
        if path == "token" {
            // serde would quote the rejected value, which is the token.
            return Error::invalid(&field, "must be a string");
        }
        // serde may quote a value it rejects; make sure that value is never the token.
        Error::invalid(&field, redact(&e.into_inner().to_string(), token))
    })
}

impl std::fmt::Debug for TransportConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportConfig")
            .field("base_url", &self.base_url)
            .field("token", &"[redacted]")
            .field("timeout_ms", &self.timeout_ms)
            .field("connect_timeout_ms", &self.connect_timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("ca_file", &self.ca_file)
            .field("proxy", &self.proxy.as_ref().map(|_| "[set]"))
            .field("user_agent", &self.user_agent)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

/// Replaces every occurrence of `secret` in `text`. Secrets of a few characters are left alone:
/// they would turn every message into noise, and no real token is that short.
pub(crate) fn redact(text: &str, secret: &str) -> String {
    if secret.len() < 6 {
        text.to_owned()
    } else {
        text.replace(secret, "[redacted]")
    }
}

fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<()> {
    if url.is_empty() {
        return Err(Error::invalid("base_url", "is required"));
    }
    let uri: ureq::http::Uri =
        url.parse().map_err(|_| Error::invalid("base_url", format!("'{url}' is not a URL")))?;
    let host = uri.host().filter(|h| !h.is_empty());
    let Some(host) = host else {
        return Err(Error::invalid("base_url", format!("'{url}' has no host")));
    };
    if uri.query().is_some() {
        return Err(Error::invalid("base_url", "must not carry a query string"));
    }
    match uri.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if allow_insecure_http || is_loopback(host) => Ok(()),
        Some("http") => Err(Error::invalid(
            "base_url",
            format!(
                "plain http:// to '{host}' is refused: the token would cross the network \
                 unencrypted (use https://, or set allow_insecure_http)"
            ),
        )),
        _ => Err(Error::invalid("base_url", "must start with https:// (or http:// to loopback)")),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().map(|ip| ip.is_loopback()).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Config> {
        Config::from_json(json)
    }

    #[test]
    fn defaults_apply() {
        let c = parse(r#"{"base_url":"https://x.example","token":"t"}"#).unwrap();
        assert_eq!(c.store_code, "all");
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.connect_timeout_ms, 10_000);
        assert_eq!(c.max_retries, 3);
        assert!(!c.allow_insecure_http);
        assert_eq!(c.api_root(), "https://x.example/rest/all/V1");
    }

    #[test]
    fn unknown_key_is_named() {
        let e = parse(r#"{"base_url":"https://x.example","token":"t","timeout":5}"#).unwrap_err();
        assert_eq!(e.status, crate::Status::InvalidArgument);
        assert!(e.message.contains("timeout"), "{}", e.message);
    }

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9", "http://127.9.0.1"] {
            parse(&format!(r#"{{"base_url":"{ok}","token":"t"}}"#)).unwrap();
        }
        let e = parse(r#"{"base_url":"http://erp.example.com","token":"t"}"#).unwrap_err();
        assert!(e.message.starts_with("base_url"), "{}", e.message);
        parse(r#"{"base_url":"http://erp.example.com","token":"t","allow_insecure_http":true}"#).unwrap();
        let e = parse(r#"{"base_url":"ftp://x.example","token":"t"}"#).unwrap_err();
        assert!(e.message.starts_with("base_url"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (r#"{"token":"t"}"#, "base_url"),
            (r#"{"base_url":"https://x.example"}"#, "token"),
            (r#"{"base_url":"https://x.example","token":""}"#, "token"),
            (r#"{"base_url":"https://x.example","token":"a b"}"#, "token"),
            (r#"{"base_url":"https://x.example","token":"t","store_code":"a/b"}"#, "store_code"),
            (r#"{"base_url":"https://x.example","token":"t","timeout_ms":0}"#, "timeout_ms"),
            (r#"{"base_url":"https://x.example","token":"t","max_retries":99}"#, "max_retries"),
            (r#"{"base_url":"https://x.example?a=1","token":"t"}"#, "base_url"),
            (r#"[1]"#, "config_json"),
            (r#"{"#, "config_json"),
        ];
        for (json, field) in cases {
            let e = parse(json).unwrap_err();
            assert!(e.message.contains(field), "{json}: {}", e.message);
        }
    }

    #[test]
    fn token_never_in_errors_or_debug() {
        let secret = "sentinel-7f3a9";
        // serde quotes a rejected value; here the rejected value is the token itself.
        let json =
            format!(r#"{{"base_url":"https://x.example","token":"{secret}","timeout_ms":"{secret}"}}"#);
        let e = parse(&json).unwrap_err();
        assert!(e.message.contains("timeout_ms") || e.message.contains("invalid type"), "{}", e.message);
        assert!(!e.message.contains(secret), "{}", e.message);
        let e = parse(r#"{"base_url":"https://x.example","token":987654321}"#).unwrap_err();
        assert_eq!(e.message, "config_json.token: must be a string");
        let c = Config::new("https://x.example", secret);
        assert!(!format!("{c:?}").contains(secret));
    }
}
