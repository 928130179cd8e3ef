//! Where a command's client configuration comes from: a profile of the config file, then the
//! environment. The result is the library's own JSON configuration, so every key it knows is
//! accepted and checked by the library, with the same errors as in a host.
//!
//! ```json
//! {"profiles": {"default": {"shipperone": {"base_url": "https://tenant.example.com",
//!                                          "token": "…", "store_code": "all"}}}}
//! ```
//!
//! Environment, over the file: `SHIPLINK_<API>_BASE_URL` and `SHIPLINK_<API>_TOKEN`
//! (`SHIPLINK_SHIPPERONE_TOKEN`…), else `SHIPLINK_BASE_URL` and `SHIPLINK_TOKEN`.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::args::Global;
use crate::failure::Failure;

/// The JSON configuration for `api` ("shipperone", "threepl", "shipper").
pub fn api_config(global: &Global, api: &str) -> Result<String, Failure> {
    let (mut config, source) = from_file(global, api)?;
    for key in ["base_url", "token"] {
        let specific = format!("SHIPLINK_{}_{}", api.to_uppercase(), key.to_uppercase());
        let general = format!("SHIPLINK_{}", key.to_uppercase());
        if let Some(value) = std::env::var(&specific).ok().or_else(|| std::env::var(&general).ok()) {
            config.insert(key.to_owned(), Value::String(value));
        }
        if !config.contains_key(key) {
            return Err(Failure::command(format!(
                "no {key} for {api}: set \"{key}\" under profiles.{}.{api} in {source}, or {specific}",
                global.profile
            )));
        }
    }
    Ok(Value::Object(config).to_string())
}

/// The profile's section for `api` (empty when there is none), and where it was looked for.
fn from_file(global: &Global, api: &str) -> Result<(Map<String, Value>, String), Failure> {
    let (path, required) = match &global.config {
        Some(path) => (path.clone(), true),
        None => (default_path(), false),
    };
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) if !required => return Ok((Map::new(), format!("the config file ({shown})"))),
        Err(e) => return Err(Failure::command(format!("cannot read the config file {shown}: {e}"))),
    };
    // The file holds tokens: its parse errors name the place, never quote the text.
    let file: Value = serde_json::from_str(&text).map_err(|e| {
        Failure::command(format!("{shown} is not valid JSON (line {}, column {})", e.line(), e.column()))
    })?;
    let profile = file.get("profiles").and_then(|p| p.get(&global.profile));
    let Some(profile) = profile else {
        return Err(Failure::command(format!(
            "{shown} has no profile \"{}\" under \"profiles\"",
            global.profile
        )));
    };
    match profile.get(api) {
        None => Ok((Map::new(), shown)),
        Some(Value::Object(section)) => Ok((section.clone(), shown)),
        Some(_) => {
            Err(Failure::command(format!("{shown}: profiles.{}.{api} must be an object", global.profile)))
        }
    }
}

fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .unwrap_or_default();
    base.join("shiplink").join("config.json")
}
