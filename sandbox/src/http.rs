//! Transport-neutral request and response values.
//!
//! Routes only ever see these, never a `tiny_http` type, so the same handlers serve HTTP
//! requests and in-process helper calls, and a fault layer can sit between the socket and
//! the routes without touching either.

use serde_json::{json, Map, Value};

#[derive(Debug, Clone)]
pub struct ApiRequest {
    pub method: String,
    /// Raw path without the query string, still percent-encoded.
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// The query string as it arrived, still percent-encoded: an API that must tell `+` from
    /// `%20` reads it here.
    pub raw_query: String,
    pub authorization: Option<String>,
    /// Every other header, in order (`Idempotency-Key`, `If-Match`…).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl ApiRequest {
    pub fn new(method: &str, target: &str) -> Self {
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p, q),
            None => (target, ""),
        };
        ApiRequest {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            query: form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
            raw_query: query.to_string(),
            authorization: None,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_json(mut self, body: &Value) -> Self {
        self.body = body.to_string().into_bytes();
        self
    }

    /// The last value wins when a parameter repeats, as in most web frameworks.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A header's value; names compare case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Path segments after percent-decoding each one.
    pub fn segments(&self) -> Vec<String> {
        self.path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect()
    }
}

/// Percent-decoding that leaves `+` as it is: form_urlencoded would turn it into a space, which
/// is wrong inside a path (and, for Shipper's dates, hides the client's encoding mistake).
pub fn percent_decode(s: &str) -> String {
    let protected = s.replace('+', "%2B");
    form_urlencoded::parse(format!("x={protected}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct ApiResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl ApiResponse {
    pub fn ok(body: Value) -> Self {
        Self::with_status(200, body)
    }

    pub fn with_status(status: u16, body: Value) -> Self {
        ApiResponse { status, headers: Vec::new(), body }
    }
}

/// Every 4xx/5xx the sandbox sends: `{"message", "code", "field"?, ...extra}`.
/// Boxed because it travels through every `Result` in the request path.
#[derive(Debug, Clone)]
pub struct ApiError(Box<ErrorParts>);

#[derive(Debug, Clone)]
pub struct ErrorParts {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    pub extra: Map<String, Value>,
    pub headers: Vec<(String, String)>,
}

impl ApiError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        ApiError(Box::new(ErrorParts {
            status,
            code: code.to_string(),
            message: message.into(),
            field: None,
            extra: Map::new(),
            headers: Vec::new(),
        }))
    }

    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::new(400, code, message)
    }

    pub fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::new(404, code, message)
    }

    pub fn parts(&self) -> &ErrorParts {
        &self.0
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.0.field = Some(field.into());
        self
    }

    pub fn extra(mut self, key: &str, value: Value) -> Self {
        self.0.extra.insert(key.to_string(), value);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.0.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(&self) -> Value {
        let e = &self.0;
        let mut body = Map::new();
        body.insert("message".into(), json!(e.message));
        body.insert("code".into(), json!(e.code));
        if let Some(field) = &e.field {
            body.insert("field".into(), json!(field));
        }
        for (k, v) in &e.extra {
            body.insert(k.clone(), v.clone());
        }
        Value::Object(body)
    }
}

impl From<ApiError> for ApiResponse {
    fn from(e: ApiError) -> Self {
        let body = e.body();
        ApiResponse { status: e.0.status, headers: e.0.headers, body }
    }
}

pub type ApiResult<T = ApiResponse> = Result<T, ApiError>;

pub fn method_not_allowed(allowed: &str) -> ApiError {
    ApiError::new(405, "method_not_allowed", format!("this path accepts {allowed} only"))
        .header("Allow", allowed)
}

pub fn no_route(path: &str) -> ApiError {
    ApiError::not_found("not_found", format!("no endpoint at {path}"))
}
