//! HTTP for every API call: one pooled ureq agent per client, bearer auth, timeouts, retries with
//! backoff, and the mapping of every failure onto a [`Status`]. Nothing above this layer sees ureq.
//!
//! It knows no API. Each API hands it an [`Api`]: the root its paths hang from, how to read its
//! error envelope, which answers are worth another attempt, and optionally a [`Pacer`] that
//! keeps it inside its rate limits.

mod api;
mod rate;
mod request;
mod resolve;
mod retry;
mod tls;

use std::io::{ErrorKind, Read};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::http::Response;
use ureq::Body;

pub(crate) use api::{Api, Verdict};
pub(crate) use rate::{Pacer, RateLimit};
pub(crate) use request::{Method, Request};
use retry::Backoff;
pub(crate) use retry::Replay;

use crate::config::{redact, TransportConfig};
use crate::error::{Error, Result, Status};
use crate::log::{log, Level};

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
pub(crate) type Decoder<'a, T> = &'a dyn Fn(Vec<u8>) -> std::result::Result<T, String>;

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
    api: Api,
    authorization: String,
    token: String,
    backoff: Backoff,
    max_body: u64,
}

impl Transport {
    pub fn new(config: &TransportConfig, api: Api) -> Result<Transport> {
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
            api,
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
        self.call(&Request::new(Method::Get, path).query(query), decode).map_err(Failure::into_error)
    }

    /// POST a JSON body to `{root}{path}` and decode the JSON answer.
    pub fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &[u8],
        replay: Replay,
    ) -> std::result::Result<T, Failure> {
        self.call(&Request::new(Method::Post, path).body(body).replay(replay), &json::<T>)
    }

    /// Sends `request`, retrying as its [`Replay`] and the API's [`Verdict`]s allow, and
    /// decodes the 2xx answer with `decode`. A 2xx whose body does not decode counts as a
    /// failed attempt that may have applied: a proxy's error page or a body cut short tells
    /// nothing of the outcome. It is retried like any other such failure: a proxy or a flaky
    /// link can garble the same answer twice by chance, and the next attempt may read it whole.
    pub fn call<T>(&self, request: &Request, decode: Decoder<T>) -> std::result::Result<T, Failure> {
        let what = request.describe();
        let replay = request.replay;
        let mut attempts = 0;
        loop {
            attempts += 1;
            if let Some(pacer) = &self.api.pacer {
                pacer.before(request);
            }
            let started = Instant::now();
            let outcome = self.attempt(&what, request, decode);
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

    fn attempt<T>(&self, what: &str, request: &Request, decode: Decoder<T>) -> Attempt<T> {
        let url = format!("{}{}", self.api.root, request.path);
        let sent = request.send(&self.agent, &url, &self.authorization);
        match sent {
            Ok(response) => self.read_response(what, request, response, decode),
            Err(e) => self.transport_failure(what, e),
        }
    }

    fn read_response<T>(
        &self,
        what: &str,
        request: &Request,
        mut response: Response<Body>,
        decode: Decoder<T>,
    ) -> Attempt<T> {
        let code = response.status().as_u16();
        let limits = RateLimit::from_headers(code, response.headers());
        let retry_after = limits.retry_after;
        if let Some(pacer) = &self.api.pacer {
            pacer.after(request, &limits);
        }
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
        match (self.api.verdict)(request, code) {
            Verdict::Retry { maybe_applied } => Attempt::Retry { error, wait: retry_after, maybe_applied },
            Verdict::Fail { maybe_applied } => Attempt::Fail { error, maybe_applied },
        }
    }

    fn http_error(&self, what: &str, code: u16, body: &[u8]) -> Error {
        let text = redact(&String::from_utf8_lossy(body), &self.token);
        let parsed = serde_json::from_str::<serde_json::Value>(&text).ok();
        let server_says =
            parsed.as_ref().and_then(self.api.explain).unwrap_or_else(|| text.chars().take(200).collect());
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

#[cfg(test)]
mod tests;
