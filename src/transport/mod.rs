//! HTTP for every API call: one pooled ureq agent per client, bearer auth, timeouts, retries with
//! backoff, and the mapping of every failure onto a [`Status`]. Nothing above this layer sees ureq.

mod resolve;
mod retry;
mod tls;

use std::io::{ErrorKind, Read};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::http::Response;
use ureq::Body;

use crate::config::{redact, Config};
use crate::error::{Error, Result, Status};
use crate::log::{log, Level};
pub(crate) use retry::Replay;
use retry::{parse_retry_after, Backoff};

/// A failed call, split by whether the server may have applied it: the caller of a
/// non-repeatable action must reconcile before deciding anything.
#[derive(Debug)]
pub(crate) enum Failure {
    Definite(Error),
    MaybeApplied(Error),
}

impl Failure {
    pub fn into_error(self) -> Error {
        match self {
            Failure::Definite(e) | Failure::MaybeApplied(e) => e,
        }
    }
}

/// Turns a 2xx body into a value; an `Err` (why not) means the answer is garbled.
pub(crate) type Decoder<T> = fn(Vec<u8>) -> std::result::Result<T, String>;

/// The decoder for a plain JSON answer.
pub(crate) fn json<T: DeserializeOwned>(body: Vec<u8>) -> std::result::Result<T, String> {
    serde_json::from_slice(&body).map_err(|e| e.to_string())
}

/// What one attempt came to.
enum Attempt<T> {
    Done(T),
    Retry { error: Error, wait: Option<Duration>, maybe_applied: bool },
    Fail { error: Error, maybe_applied: bool },
}

pub(crate) struct Transport {
    agent: ureq::Agent,
    root: String,
    authorization: String,
    token: String,
    backoff: Backoff,
    max_body: u64,
}

impl Transport {
    pub fn new(config: &Config) -> Result<Transport> {
        config.validate()?;
        let mut user_agent = format!("shiplink/{}", crate::VERSION);
        if let Some(extra) = config.user_agent.as_deref().filter(|s| !s.is_empty()) {
            user_agent.push(' ');
            user_agent.push_str(extra);
        }
        let proxy = match &config.proxy {
            Some(p) => Some(ureq::Proxy::new(p).map_err(|_| {
                Error::invalid("proxy", "must look like http://host:port or socks5://host:port")
            })?),
            None => None,
        };
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A redirect is a misconfigured base_url; following it could carry the token
            // to another host, so it is reported instead.
            .max_redirects(0)
            .timeout_global(Some(Duration::from_millis(config.timeout_ms)))
            .timeout_connect(Some(Duration::from_millis(config.connect_timeout_ms)))
            .user_agent(user_agent)
            .proxy(proxy);
        // Plain-http clients (loopback, or allowed) never read the certificate store.
        let needs_tls = config.base_url.starts_with("https:")
            || config.proxy.as_deref().is_some_and(|p| p.starts_with("https:"))
            || config.ca_file.is_some();
        if needs_tls {
            builder = builder.tls_config(tls::tls_config(config.ca_file.as_deref())?);
        }
        let agent = ureq::Agent::with_parts(
            builder.build(),
            ureq::unversioned::transport::DefaultConnector::default(),
            resolve::CachingResolver::default(),
        );
        Ok(Transport {
            agent,
            root: config.api_root(),
            authorization: format!("Bearer {}", config.token),
            token: config.token.clone(),
            backoff: Backoff::from_config(config),
            max_body: config.max_response_bytes,
        })
    }

    /// Retries allowed after a first attempt.
    pub fn max_retries(&self) -> u32 {
        self.backoff.max_retries
    }

    /// GET `{root}{path}` and decode the answer with `decode`; always safe to repeat.
    pub fn get_with<T>(&self, path: &str, query: &[(&str, &str)], decode: Decoder<T>) -> Result<T> {
        self.execute("GET", path, query, None, Replay::Always, decode).map_err(Failure::into_error)
    }

    /// POST a JSON body to `{root}{path}` and decode the JSON answer.
    pub fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &[u8],
        replay: Replay,
    ) -> std::result::Result<T, Failure> {
        self.execute("POST", path, &[], Some(body), replay, json::<T>)
    }

    /// The retry loop. A 2xx whose body does not decode counts as a failed attempt that may
    /// have applied: a proxy's error page or a body cut short tells nothing of the outcome.
    fn execute<T>(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&[u8]>,
        replay: Replay,
        decode: Decoder<T>,
    ) -> std::result::Result<T, Failure> {
        let what = describe(method, path, query);
        let mut attempts = 0;
        loop {
            attempts += 1;
            let started = Instant::now();
            let outcome = self.attempt(&what, path, query, body, decode);
            let elapsed = started.elapsed().as_millis();
            let (error, wait, maybe_applied) = match outcome {
                Attempt::Done(reply) => {
                    log(Level::Debug, || format!("{what} -> ok in {elapsed} ms (attempt {attempts})"));
                    return Ok(reply);
                }
                Attempt::Fail { error, maybe_applied } => {
                    return Err(self.fail(error, attempts, maybe_applied, &what));
                }
                Attempt::Retry { error, wait, maybe_applied } => (error, wait, maybe_applied),
            };
            if maybe_applied && replay == Replay::OnlyIfUnsent {
                return Err(self.fail(error, attempts, true, &what));
            }
            if attempts > self.backoff.max_retries {
                return Err(self.fail(error, attempts, maybe_applied, &what));
            }
            let wait = match wait {
                Some(w) if w > self.backoff.retry_after_cap => {
                    let mut error = error;
                    error.message.push_str(&format!(
                        "; the server asks to wait {} s, longer than retry_after_max_ms",
                        w.as_secs()
                    ));
                    return Err(self.fail(error, attempts, maybe_applied, &what));
                }
                Some(w) => w,
                None => self.backoff.delay(attempts),
            };
            log(Level::Warn, || {
                format!(
                    "{what} -> {} after {elapsed} ms; retry {attempts} of {} in {} ms",
                    error.message,
                    self.backoff.max_retries,
                    wait.as_millis()
                )
            });
            std::thread::sleep(wait);
        }
    }

    fn fail(&self, mut error: Error, attempts: u32, maybe_applied: bool, what: &str) -> Failure {
        error.attempts = attempts;
        log(Level::Info, || format!("{what} failed after {attempts} attempt(s): {error}"));
        if maybe_applied {
            Failure::MaybeApplied(error)
        } else {
            Failure::Definite(error)
        }
    }

    fn attempt<T>(
        &self,
        what: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&[u8]>,
        decode: Decoder<T>,
    ) -> Attempt<T> {
        let url = format!("{}{}", self.root, path);
        let sent = match body {
            None => {
                let mut req = self
                    .agent
                    .get(&url)
                    .header("Authorization", &self.authorization)
                    .header("Accept", "application/json");
                for (k, v) in query {
                    req = req.query(*k, *v);
                }
                req.call()
            }
            Some(bytes) => self
                .agent
                .post(&url)
                .header("Authorization", &self.authorization)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .send(bytes),
        };
        match sent {
            Ok(response) => self.read_response(what, response, decode),
            Err(e) => self.transport_failure(what, e),
        }
    }

    fn read_response<T>(&self, what: &str, mut response: Response<Body>, decode: Decoder<T>) -> Attempt<T> {
        let code = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, chrono::Utc::now()));
        // Sized from Content-Length up front: growing by doubling copied and zeroed a 140 KB page
        // several times over (seen in callgrind on the drain benchmark).
        let announced = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            .min(self.max_body);
        let mut body = Vec::with_capacity(announced as usize + 1);
        let read = response.body_mut().with_config().limit(self.max_body).reader().read_to_end(&mut body);
        if let Err(e) = read {
            // A 2xx whose body broke off may still have been applied.
            return self.transport_failure(what, ureq::Error::from(e));
        }
        if (200..300).contains(&code) {
            return match decode(body) {
                Ok(value) => Attempt::Done(value),
                Err(e) => Attempt::Retry {
                    error: Error::new(
                        Status::Decode,
                        format!("{what}: the answer is not the JSON the API documents ({e})"),
                    ),
                    wait: None,
                    maybe_applied: true,
                },
            };
        }
        let error = self.http_error(what, code, &body);
        match code {
            // 429: the server refused before doing anything, so any request may go again.
            429 => Attempt::Retry { error, wait: retry_after, maybe_applied: false },
            500..=599 => Attempt::Retry { error, wait: retry_after, maybe_applied: true },
            _ => Attempt::Fail { error, maybe_applied: false },
        }
    }

    fn http_error(&self, what: &str, code: u16, body: &[u8]) -> Error {
        let text = redact(&String::from_utf8_lossy(body), &self.token);
        let parsed = serde_json::from_str::<serde_json::Value>(&text).ok();
        let server_says = parsed
            .as_ref()
            .and_then(|v| v.get("message"))
            .and_then(|m| m.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| text.chars().take(200).collect());
        let status = Status::from_http(code);
        let message = if (300..400).contains(&code) {
            format!(
                "{what}: HTTP {code} redirect; redirects are not followed so the token cannot \
                 reach another host (check base_url)"
            )
        } else if server_says.is_empty() {
            format!("{what}: HTTP {code}")
        } else {
            format!("{what}: HTTP {code}: {server_says}")
        };
        let body =
            if text.is_empty() { None } else { Some(parsed.unwrap_or(serde_json::Value::String(text))) };
        Error { status, message, http_status: Some(code), body, attempts: 0 }
    }

    fn transport_failure<T>(&self, what: &str, e: ureq::Error) -> Attempt<T> {
        let message = redact(&format!("{what}: {e}"), &self.token);
        let (status, retry, maybe_applied) = classify(&e);
        let error = Error::new(status, message);
        if retry {
            Attempt::Retry { error, wait: None, maybe_applied }
        } else {
            Attempt::Fail { error, maybe_applied }
        }
    }
}

/// `(status, worth retrying, may the server have received the request)` for a ureq failure.
fn classify(e: &ureq::Error) -> (Status, bool, bool) {
    use ureq::Error as E;
    use ureq::Timeout as T;
    match e {
        E::HostNotFound | E::ConnectionFailed => (Status::Network, true, false),
        E::Timeout(T::Resolve | T::Connect) => (Status::Timeout, true, false),
        E::Timeout(_) => (Status::Timeout, true, true),
        // A failed handshake never sent the request, and trying again cannot fix a certificate.
        E::Io(io) if io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) => {
            (Status::Tls, false, false)
        }
        E::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused
            | ErrorKind::AddrNotAvailable
            | ErrorKind::NetworkUnreachable
            | ErrorKind::HostUnreachable => (Status::Network, true, false),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => (Status::Timeout, true, true),
            _ => (Status::Network, true, true),
        },
        E::Protocol(_) | E::BodyStalled => (Status::Network, true, true),
        E::ConnectProxyFailed(_) | E::InvalidProxyUrl => (Status::Network, false, false),
        E::Tls(_) | E::Pem(_) | E::Rustls(_) | E::TlsRequired => (Status::Tls, false, false),
        E::BodyExceedsLimit(_) | E::Decompress(..) => (Status::Decode, false, true),
        E::BadUri(_) | E::Http(_) => (Status::InvalidArgument, false, false),
        _ => (Status::Network, false, true),
    }
}

fn describe(method: &str, path: &str, query: &[(&str, &str)]) -> String {
    let mut s = format!("{method} {path}");
    for (i, (k, v)) in query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(k);
        s.push('=');
        s.push_str(v);
    }
    s
}
