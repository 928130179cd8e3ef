//! The `/sandbox/` endpoints every API shares: reset, faults, stats and tokens. Any other
//! `/sandbox/` path is offered to each API's own admin in turn. No auth; JSON in and out.

use serde_json::{json, Map, Value};

use crate::api::Api;
use crate::faults::Faults;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::hub::Hub;
use crate::json::{self, Obj};
use crate::tokens::Scopes;

/// `path` holds the segments after `sandbox`.
pub fn handle(hub: &Hub, req: &ApiRequest, path: &[&str]) -> ApiResult {
    match (path, req.method.as_str()) {
        (["reset"], "POST") => {
            hub.reset();
            Ok(ApiResponse::ok(json!({ "reset": true })))
        }
        (["faults"], "GET") => Ok(ApiResponse::ok(json!(hub.faults.settings()))),
        (["faults"], "POST") => set_faults(hub, &req.body),
        (["stats"], "GET") => Ok(ApiResponse::ok(stats(hub))),
        (["tokens"], "POST") => add_token(hub, &req.body),
        (["reset"] | ["tokens"], _) => Err(method_not_allowed("POST")),
        (["faults"], _) => Err(method_not_allowed("GET, POST")),
        (["stats"], _) => Err(method_not_allowed("GET")),
        _ => hub.apis().find_map(|api| api.admin(req, path)).unwrap_or_else(|| Err(no_route(&req.path))),
    }
}

/// Replaces the fault settings as a whole: `{}` turns every fault off.
fn set_faults(hub: &Hub, body: &[u8]) -> ApiResult {
    let root = json::parse_body_or_empty(body)?;
    let faults: Faults = serde_json::from_value(root)
        .map_err(|e| ApiError::bad_request("invalid_faults", format!("faults: {e}")))?;
    faults.validate().map_err(|e| ApiError::bad_request("invalid_faults", e))?;
    hub.faults.set(faults);
    Ok(ApiResponse::ok(json!(hub.faults.settings())))
}

fn stats(hub: &Hub) -> Value {
    let mut out = Map::new();
    out.insert("faults_injected".into(), json!(hub.faults.injected()));
    for api in hub.apis() {
        api.stats(&mut out);
    }
    Value::Object(out)
}

/// `{"token", "scopes": "all" or [names], "api"?}`: every API accepts the token unless `api`
/// names the one that should.
fn add_token(hub: &Hub, body: &[u8]) -> ApiResult {
    let root = json::parse_body(body)?;
    let o = Obj::root(&root)?;
    let token = o.string("token")?;
    let scopes = match o.required("scopes")? {
        Value::String(s) if s == "all" => Scopes::All,
        Value::Array(list) => Scopes::List(
            list.iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| json::wrong_type(&format!("scopes[{i}]"), "a string"))
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err(json::wrong_type("scopes", "\"all\" or an array of ACL resource names")),
    };
    let apis: Vec<&dyn Api> = match o.opt_string("api")? {
        None => hub.apis().collect(),
        Some(name) => vec![hub.api(&name).ok_or_else(|| {
            ApiError::bad_request("unknown_api", format!("this sandbox serves no API named {name:?}"))
                .field("api")
        })?],
    };
    for api in &apis {
        api.add_token(&token, &scopes);
    }
    let shown = match &scopes {
        Scopes::All => json!("all"),
        Scopes::List(names) => json!(names),
    };
    let names: Vec<&str> = apis.iter().map(|api| api.name()).collect();
    Ok(ApiResponse::with_status(201, json!({ "scopes": shown, "apis": names })))
}
