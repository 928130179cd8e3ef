//! A deliberately plain HTTP client (ureq) so the tests exercise the wire contract, not a
//! shared implementation.
#![allow(dead_code)]

use serde_json::{json, Value};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

pub const TOKEN: &str = "test-token";

pub struct Resp {
    pub status: u16,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    pub text: String,
    pub body: Value,
}

impl Resp {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    pub fn field(&self) -> &str {
        self.body["field"].as_str().unwrap_or("")
    }

    pub fn list(&self) -> &Vec<Value> {
        self.body.as_array().unwrap_or_else(|| panic!("expected an array, got {} {}", self.status, self.text))
    }

    /// Asserts an error response and its shape: JSON with message and code.
    pub fn assert_error(&self, status: u16, code: &str) -> &Self {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text);
        assert_eq!(self.code(), code, "unexpected code; body: {}", self.text);
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "error without message: {}",
            self.text
        );
        assert_eq!(self.content_type.as_deref(), Some("application/json"));
        self
    }

    pub fn assert_ok(&self) -> &Value {
        assert_eq!(self.status, 200, "expected 200; body: {}", self.text);
        &self.body
    }
}

pub struct Client {
    agent: ureq::Agent,
    pub base: String,
    pub token: Option<String>,
    pub store: String,
}

impl Client {
    pub fn new(base: &str, token: Option<&str>) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(20)))
            .build()
            .into();
        Client { agent, base: base.to_string(), token: token.map(str::to_string), store: "all".to_string() }
    }

    pub fn with_token(&self, token: Option<&str>) -> Client {
        let mut c = Client::new(&self.base, token);
        c.store = self.store.clone();
        c
    }

    pub fn raw(&self, method: &str, path: &str, body: Option<&str>) -> Resp {
        let url = format!("{}{}", self.base, path);
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let result = match (method, body) {
            ("GET", _) => {
                let mut r = self.agent.get(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            ("DELETE", _) => {
                let mut r = self.agent.delete(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (m, b) => {
                let mut r = match m {
                    "POST" => self.agent.post(&url),
                    "PUT" => self.agent.put(&url),
                    other => panic!("unsupported method {other}"),
                };
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.header("Content-Type", "application/json").send(b.unwrap_or(""))
            }
        };
        let mut resp = result.unwrap_or_else(|e| panic!("{method} {path}: transport error {e}"));
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let content_type = header("content-type");
        let retry_after = header("retry-after");
        let text = resp.body_mut().read_to_string().expect("readable body");
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {path}: body is not JSON ({e}): {text}"));
        Resp { status: resp.status().as_u16(), content_type, retry_after, text, body }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.raw("GET", path, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.raw("POST", path, Some(&body.to_string()))
    }

    pub fn rest(&self, rest: &str) -> String {
        format!("/rest/{}/V1/{rest}", self.store)
    }

    pub fn queue(&self, queue: &str, query: &str) -> Resp {
        let sep = if query.is_empty() { "" } else { "?" };
        self.get(&self.rest(&format!("fulfillmentOrders/{queue}{sep}{query}")))
    }

    /// Every order of a queue, page by page (the queue must not change meanwhile).
    pub fn queue_all(&self, queue: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let r = self.queue(queue, &format!("page={page}"));
            let list = r.list().clone();
            if list.is_empty() {
                break;
            }
            all.extend(list);
        }
        all
    }

    pub fn action(&self, action: &str, body: &Value) -> Resp {
        self.post(&self.rest(&format!("fulfillmentOrder/{action}")), body)
    }

    pub fn accept(&self, order_id: &str, items: &[(u64, u32)]) -> Resp {
        let items: Vec<Value> = items.iter().map(|(id, qty)| json!({"item_id": id, "qty": qty})).collect();
        self.action("accept", &json!({"order": {"order_id": order_id, "items": items}}))
    }

    pub fn allocate(&self, order_id: &str, items: &[u64]) -> Resp {
        let items: Vec<Value> = items.iter().map(|id| json!({"item_id": id})).collect();
        self.action("allocate", &json!({"order": {"order_id": order_id, "items": items}}))
    }

    pub fn ship(&self, order_id: &str, items: &[(u64, u32)], tracks: &[&str]) -> Resp {
        let items: Vec<Value> = items.iter().map(|(id, qty)| json!({"item_id": id, "qty": qty})).collect();
        let tracks: Vec<Value> = tracks
            .iter()
            .map(|t| json!({"carrier_code": "dhl", "title": "DHL Express", "track_number": t}))
            .collect();
        self.action("ship", &json!({"shipment": {"order_id": order_id, "items": items, "tracks": tracks}}))
    }

    pub fn invoice(&self, order_id: &str, items: &[u64], shipping: f64) -> Resp {
        let items: Vec<Value> = items.iter().map(|id| json!({"item_id": id})).collect();
        self.action(
            "invoice",
            &json!({"order": {"order_id": order_id, "items": items, "shipping_amount_incl_tax": shipping}}),
        )
    }
}

pub fn start(config: SandboxConfig) -> (Sandbox, Client) {
    let sandbox = Sandbox::start(config.token(TOKEN, Scopes::All)).expect("sandbox starts");
    let client = Client::new(&sandbox.base_url(), Some(TOKEN));
    (sandbox, client)
}

/// One explicit order through the admin API: `(sku, qty_ordered)` per item, shipping 4.99,
/// warehouse WH-A. `extra` is merged into the order object.
pub fn order(client: &Client, items: &[(&str, u32)], extra: Value) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(sku, qty)| json!({"sku": sku, "qty_ordered": qty, "price_incl_tax": 10.0}))
        .collect();
    let mut order = json!({"items": items, "shipping_amount_incl_tax": 4.99, "warehouse_code": "WH-A"});
    if let (Value::Object(o), Value::Object(e)) = (&mut order, extra) {
        o.extend(e);
    }
    let r = client.post("/sandbox/orders", &json!({"orders": [order]}));
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["orders"][0].clone()
}

pub fn id(order: &Value) -> String {
    order["order_id"].as_str().expect("order_id").to_string()
}

pub fn item_ids(order: &Value) -> Vec<u64> {
    order["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["item_id"].as_u64().expect("item_id"))
        .collect()
}

pub fn find<'a>(list: &'a [Value], order_id: &str) -> Option<&'a Value> {
    list.iter().find(|o| o["order_id"] == order_id)
}

pub fn item(order: &Value, item_id: u64) -> &Value {
    order["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["item_id"] == item_id))
        .unwrap_or_else(|| panic!("item {item_id} not in {order}"))
}
