//! Webhook registrations (at most five per API key, https only, secrets of 16+ characters) and
//! their delivery: a signed POST (`X-Shipper-Signature`, the hex HMAC-SHA256 of the raw body)
//! to every registration subscribed to the event, retried a few times. The sandbox speaks no
//! TLS, so it delivers over plain http to loopback receivers (which it also accepts, so a host
//! can test offline) and counts an https delivery as failed.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use chrono::Utc;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use super::model::timestamp;
use super::store::{validation, Event};
use crate::api::lock;

pub const EVENTS: [&str; 2] = ["order.status_changed", "shipment.status_changed"];
pub const MAX_PER_KEY: usize = 5;

struct Hook {
    id: u64,
    token: String,
    url: String,
    events: Vec<String>,
    secret: Option<String>,
    created_at: String,
    last_triggered_at: Option<String>,
    failure_count: u64,
}

#[derive(Default)]
pub struct Registry {
    hooks: Vec<Hook>,
    next_id: u64,
    pub delivered: u64,
    pub failed: u64,
}

pub type Shared = Arc<Mutex<Registry>>;

impl Registry {
    pub fn reset(&mut self) {
        *self = Registry::default();
    }

    pub fn create(&mut self, token: &str, body: &[u8]) -> Result<Value, (u16, Value)> {
        let root: Value = serde_json::from_slice(body)
            .map_err(|_| validation("body", "The request body must be a JSON object."))?;
        let url = root.get("url").and_then(Value::as_str).filter(|u| !u.is_empty());
        let url = url.ok_or_else(|| validation("url", "The url field is required."))?;
        if !(url.starts_with("https://") || is_loopback_http(url)) {
            return Err(validation("url", "The url must use HTTPS."));
        }
        let events: Vec<String> = match root.get("events").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => {
                list.iter().map(|e| e.as_str().unwrap_or("").to_string()).collect()
            }
            _ => return Err(validation("events", "The events field is required.")),
        };
        if let Some(n) = events.iter().position(|e| !EVENTS.contains(&e.as_str())) {
            return Err(validation(&format!("events.{n}"), &format!("The selected events.{n} is invalid.")));
        }
        let secret = match root.get("secret") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() >= 16 => Some(s.clone()),
            Some(_) => return Err(validation("secret", "The secret must be at least 16 characters.")),
        };
        if self.hooks.iter().filter(|h| h.token == token).count() >= MAX_PER_KEY {
            return Err(validation("url", "You can register up to 5 webhooks per API key."));
        }
        self.next_id += 1;
        let hook = Hook {
            id: self.next_id,
            token: token.to_string(),
            url: url.to_string(),
            events,
            secret,
            created_at: timestamp(&Utc::now()),
            last_triggered_at: None,
            failure_count: 0,
        };
        let view = json!({ "id": hook.id, "url": hook.url, "events": hook.events, "status": "active",
                           "created_at": hook.created_at });
        self.hooks.push(hook);
        Ok(view)
    }

    pub fn list(&self, token: &str) -> Value {
        let hooks: Vec<Value> = self
            .hooks
            .iter()
            .filter(|h| h.token == token)
            .map(|h| {
                json!({ "id": h.id, "url": h.url, "events": h.events, "status": "active",
                        "last_triggered_at": h.last_triggered_at, "failure_count": h.failure_count,
                        "created_at": h.created_at })
            })
            .collect();
        Value::Array(hooks)
    }

    pub fn delete(&mut self, token: &str, id: u64) -> Result<Value, (u16, Value)> {
        let before = self.hooks.len();
        self.hooks.retain(|h| !(h.token == token && h.id == id));
        if self.hooks.len() == before {
            return Err((404, json!({ "message": "Webhook not found." })));
        }
        Ok(json!({ "success": true }))
    }
}

fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

/// Sends each event to every registration subscribed to it, each on its own thread.
pub fn deliver(shared: &Shared, events: Vec<Event>) {
    if events.is_empty() {
        return;
    }
    let registry = lock(shared);
    for (event, data) in events {
        let body = json!({ "event": event, "timestamp": timestamp(&Utc::now()), "data": data }).to_string();
        for hook in registry.hooks.iter().filter(|h| h.events.iter().any(|e| e == event)) {
            let signature = hook.secret.as_deref().map(|secret| sign(secret, body.as_bytes()));
            let (shared, id, url, body) = (Arc::clone(shared), hook.id, hook.url.clone(), body.clone());
            thread::spawn(move || {
                let ok = (0..3).any(|attempt| {
                    if attempt > 0 {
                        thread::sleep(Duration::from_millis(200 * attempt));
                    }
                    post(&url, &body, signature.as_deref()).is_some_and(|status| (200..300).contains(&status))
                });
                let mut registry = lock(&shared);
                if ok {
                    registry.delivered += 1;
                } else {
                    registry.failed += 1;
                }
                if let Some(hook) = registry.hooks.iter_mut().find(|h| h.id == id) {
                    hook.last_triggered_at = Some(timestamp(&Utc::now()));
                    if !ok {
                        hook.failure_count += 1;
                    }
                }
            });
        }
    }
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A plain-http POST; the answer's status code, or `None` when there was no answer.
fn post(url: &str, body: &str, signature: Option<&str>) -> Option<u16> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") };
    let addr = addr.to_socket_addrs().ok()?.next()?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nUser-Agent: Shipper-Webhooks\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(signature) = signature {
        head.push_str(&format!("X-Shipper-Signature: {signature}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let line = String::from_utf8_lossy(&answer);
    line.split_whitespace().nth(1)?.parse().ok()
}
