//! A plain HTTP client for the conformance checks. It sends exactly what a check asks for (no
//! retries, no idempotency keys of its own, no pacing): the point is to see the server's own
//! behaviour, which the library's client would smooth over.

use std::time::Duration;

use serde_json::Value;

/// One answer: status, the headers a check looks at, and the body (JSON when it is JSON).
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.text).ok()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub struct Http {
    agent: ureq::Agent,
    base_url: String,
    token: String,
}

impl Http {
    pub fn new(base_url: &str, token: &str) -> Http {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .new_agent();
        Http { agent, base_url: base_url.trim_end_matches('/').to_owned(), token: token.to_owned() }
    }

    /// A copy that authenticates with another token (for the 401 check).
    pub fn with_token(&self, token: &str) -> Http {
        Http { agent: self.agent.clone(), base_url: self.base_url.clone(), token: token.to_owned() }
    }

    pub fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Answer, String> {
        self.patiently(|| {
            let mut request =
                self.agent.get(format!("{}{path}", self.base_url)).header("Accept", "application/json");
            request = request.header("Authorization", format!("Bearer {}", self.token));
            for (k, v) in query {
                request = request.query(*k, *v);
            }
            answer(request.call(), path)
        })
    }

    /// One GET, a 429 included: for the check that looks for one.
    pub fn get_once(&self, path: &str) -> Result<Answer, String> {
        let request = self
            .agent
            .get(format!("{}{path}", self.base_url))
            .header("Authorization", format!("Bearer {}", self.token));
        answer(request.call(), path)
    }

    /// A 429 is the server's rate limit, not what the other checks look at: wait as it asks
    /// (up to a minute) and send the request again, a few times at most.
    fn patiently(&self, send: impl Fn() -> Result<Answer, String>) -> Result<Answer, String> {
        let mut answer = send()?;
        for _ in 0..3 {
            if answer.status != 429 {
                break;
            }
            let wait = answer.header("Retry-After").and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(1);
            std::thread::sleep(Duration::from_secs(wait.min(60)));
            answer = send()?;
        }
        Ok(answer)
    }

    /// POST or PATCH `body` with extra `headers`; `method` is "POST" or "PATCH".
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &Value,
    ) -> Result<Answer, String> {
        self.patiently(|| {
            let url = format!("{}{path}", self.base_url);
            let mut request = match method {
                "PATCH" => self.agent.patch(url),
                _ => self.agent.post(url),
            };
            request = request
                .header("Authorization", format!("Bearer {}", self.token))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
            for (k, v) in headers {
                request = request.header(*k, *v);
            }
            answer(request.send(body.to_string()), path)
        })
    }

    pub fn delete(&self, path: &str) -> Result<Answer, String> {
        self.patiently(|| {
            let request = self
                .agent
                .delete(format!("{}{path}", self.base_url))
                .header("Authorization", format!("Bearer {}", self.token));
            answer(request.call(), path)
        })
    }
}

fn answer(sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>, path: &str) -> Result<Answer, String> {
    let mut response = sent.map_err(|e| format!("{path}: {e}"))?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let text = response.body_mut().read_to_string().map_err(|e| format!("{path}: reading the body: {e}"))?;
    Ok(Answer { status, headers, text })
}
