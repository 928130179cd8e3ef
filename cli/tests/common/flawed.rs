//! A blueprint server with one deliberate flaw: a proxy in front of the sandbox that bends one
//! rule of spec 003 and keeps every other. `shiplink conform threepl` against it must fail the
//! checks for that rule, and only those.

use std::sync::Arc;
use std::thread;

use tiny_http::{Header, Response, Server};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Every create gets a fresh idempotency key: a replay makes a second order.
    NonIdempotentCreate,
    /// Errors (4xx other than 429) answer 200, the error still in the body.
    OkWithError,
    /// `updated_since` means "after", so rows tying on its second are dropped.
    ExclusiveSince,
    /// Every list page repeats its first row at its end.
    RepeatingCursor,
    /// A 429 comes without Retry-After.
    NoRetryAfter,
}

pub struct Flawed {
    pub base_url: String,
    server: Arc<Server>,
}

impl Drop for Flawed {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

impl Flawed {
    /// Serves `upstream` (an origin, e.g. `http://127.0.0.1:PORT`) with `flaw`.
    pub fn start(upstream: &str, flaw: Flaw) -> Flawed {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let base_url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let (listener, upstream) = (Arc::clone(&server), upstream.to_owned());
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        thread::spawn(move || {
            for request in listener.incoming_requests() {
                let (agent, upstream) = (agent.clone(), upstream.clone());
                thread::spawn(move || relay(&agent, &upstream, flaw, request));
            }
        });
        Flawed { base_url, server }
    }
}

fn relay(agent: &ureq::Agent, upstream: &str, flaw: Flaw, mut request: tiny_http::Request) {
    let mut url = request.url().to_owned();
    if flaw == Flaw::ExclusiveSince {
        url = one_second_later(&url);
    }
    let mut body = Vec::new();
    let _ = request.as_reader().read_to_end(&mut body);
    let mut forward =
        ureq::http::Request::builder().method(request.method().as_str()).uri(format!("{upstream}{url}"));
    for header in request.headers() {
        let name = header.field.as_str().as_str();
        if ["host", "content-length", "connection"].iter().any(|h| name.eq_ignore_ascii_case(h)) {
            continue;
        }
        let value = match (flaw, name.eq_ignore_ascii_case("idempotency-key")) {
            (Flaw::NonIdempotentCreate, true) => format!("{}-{}", header.value, fresh()),
            _ => header.value.as_str().to_owned(),
        };
        forward = forward.header(name, value);
    }
    let answer = match agent.run(forward.body(body).unwrap()) {
        Ok(answer) => answer,
        Err(_) => return drop(request.respond(Response::empty(502))),
    };
    let mut status = answer.status().as_u16();
    let headers: Vec<(String, String)> = answer
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .filter(|(k, _)| !(flaw == Flaw::NoRetryAfter && k.eq_ignore_ascii_case("retry-after")))
        .collect();
    let mut text = answer.into_body().read_to_string().unwrap_or_default();
    if flaw == Flaw::OkWithError && (400..500).contains(&status) && status != 429 {
        status = 200;
    }
    let is_list = request.method().as_str() == "GET"
        && (url.starts_with("/v1/orders?") || url == "/v1/orders" || url.starts_with("/v1/shipments"));
    if flaw == Flaw::RepeatingCursor && is_list && status == 200 {
        text = repeat_first_row(&text);
    }
    let mut response = Response::from_string(text).with_status_code(status);
    for (k, v) in headers {
        if ["content-length", "transfer-encoding", "connection"].iter().any(|h| k.eq_ignore_ascii_case(h)) {
            continue;
        }
        response.add_header(Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
    }
    let _ = request.respond(response);
}

fn fresh() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// `updated_since=T` becomes `T + 1 s`.
fn one_second_later(url: &str) -> String {
    let Some((path, query)) = url.split_once('?') else { return url.to_owned() };
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some(("updated_since", value)) => {
                let decoded = value.replace("%3A", ":").replace("%3a", ":");
                match chrono::DateTime::parse_from_rfc3339(&decoded) {
                    Ok(t) => {
                        let later = (t + chrono::Duration::seconds(1)).to_utc();
                        format!("updated_since={}", later.format("%Y-%m-%dT%H:%M:%SZ"))
                    }
                    Err(_) => pair.to_owned(),
                }
            }
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", parts.join("&"))
}

fn repeat_first_row(text: &str) -> String {
    let Ok(mut page) = serde_json::from_str::<serde_json::Value>(text) else { return text.to_owned() };
    if let Some(data) = page["data"].as_array_mut() {
        if let Some(first) = data.first().cloned() {
            data.push(first);
        }
    }
    page.to_string()
}
