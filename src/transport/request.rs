//! One HTTP request as an API client describes it: method, path, query, extra headers, body,
//! and whether it may be sent again after a failure that left its fate unknown.

use ureq::http::Response;
use ureq::{Body, RequestBuilder};

use super::retry::Replay;

// PATCH, DELETE and per-request headers serve the APIs whose writes need them (amends with
// `If-Match`, creates with `Idempotency-Key`); ShipperOne uses GET and POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    /// Headers of this request only (`Idempotency-Key`, `If-Match`…), after the client's own.
    pub headers: &'a [(&'a str, &'a str)],
    /// A JSON body.
    pub body: Option<&'a [u8]>,
    pub replay: Replay,
}

impl<'a> Request<'a> {
    /// A request with no query, headers or body; reads may always be sent again, writes only
    /// when [`Request::replay`] says so.
    pub fn new(method: Method, path: &'a str) -> Request<'a> {
        let replay = if method == Method::Get { Replay::Always } else { Replay::OnlyIfUnsent };
        Request { method, path, query: &[], headers: &[], body: None, replay }
    }

    pub fn query(mut self, query: &'a [(&'a str, &'a str)]) -> Request<'a> {
        self.query = query;
        self
    }

    pub fn headers(mut self, headers: &'a [(&'a str, &'a str)]) -> Request<'a> {
        self.headers = headers;
        self
    }

    pub fn body(mut self, body: &'a [u8]) -> Request<'a> {
        self.body = Some(body);
        self
    }

    pub fn replay(mut self, replay: Replay) -> Request<'a> {
        self.replay = replay;
        self
    }

    /// `METHOD path?query`, for messages and logs (the query holds filters, never secrets).
    pub fn describe(&self) -> String {
        let mut s = format!("{} {}", self.method.as_str(), self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(k);
            s.push('=');
            s.push_str(v);
        }
        s
    }

    /// Sends it to `url` with the client's authorization. Query values are percent-encoded
    /// (a space as `%20`, `+` as `%2B`).
    pub(super) fn send(
        &self,
        agent: &ureq::Agent,
        url: &str,
        authorization: &str,
    ) -> Result<Response<Body>, ureq::Error> {
        match self.method {
            Method::Get => self.dress(agent.get(url), authorization).call(),
            Method::Delete => self.dress(agent.delete(url), authorization).call(),
            Method::Post => self.dress(agent.post(url), authorization).send(self.body.unwrap_or_default()),
            Method::Patch => self.dress(agent.patch(url), authorization).send(self.body.unwrap_or_default()),
        }
    }

    fn dress<B>(&self, mut builder: RequestBuilder<B>, authorization: &str) -> RequestBuilder<B> {
        builder = builder.header("Authorization", authorization).header("Accept", "application/json");
        if self.body.is_some() {
            builder = builder.header("Content-Type", "application/json");
        }
        for (name, value) in self.headers {
            builder = builder.header(*name, *value);
        }
        for (key, value) in self.query {
            builder = builder.query(*key, *value);
        }
        builder
    }
}
