//! The ShipperOne REST surface: bearer auth, ACL scopes, the five queues and the action
//! endpoints.

use std::sync::Mutex;

use crate::api::lock;
use crate::http::{method_not_allowed, no_route, ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::shipperone::actions;
use crate::shipperone::queue::{self, Queue};
use crate::shipperone::scope;
use crate::shipperone::store::Store;
use crate::shipperone::views;
use crate::tokens::bearer;

/// Changes one order and returns its id.
type Action = fn(&mut Store, &str, &[u8]) -> ApiResult<String>;

/// `path` starts after `rest`: `[store_code, "V1", ...]`.
pub fn handle(shared: &Mutex<Store>, req: &ApiRequest, path: &[&str]) -> ApiResult {
    let [store_code, version, rest @ ..] = path else {
        return Err(no_route(&req.path));
    };
    if *version != "V1" {
        return Err(no_route(&req.path));
    }
    let mut store = lock(shared);
    // Authentication comes before anything that would reveal which stores or paths exist.
    let token = bearer(req).ok_or_else(unauthorized)?;
    let scopes = store.tokens.scopes(token).cloned().ok_or_else(unauthorized)?;
    if !store.has_store_code(store_code) {
        return Err(ApiError::not_found(
            "store_not_found",
            format!("store code {store_code:?} does not exist"),
        ));
    }
    let (scope, endpoint) = route(req, rest)?;
    if !scopes.allows(scope) {
        return Err(ApiError::new(
            403,
            "forbidden",
            format!("the token lacks the ACL resource {scope} needed for this endpoint"),
        ));
    }
    match endpoint {
        Endpoint::Queue(q) => {
            let page = queue::parse_page(req.query_param("page"))?;
            let since = queue::parse_date(req.query_param("date"))?;
            Ok(ApiResponse::ok(queue::page(&store, q, store_code, since, page)))
        }
        Endpoint::Action(action) => {
            let order_id = action(&mut store, store_code, &req.body)?;
            Ok(ApiResponse::ok(views::full_view(store.find(&order_id)?, store.settings.item_key)))
        }
    }
}

enum Endpoint {
    Queue(Queue),
    Action(Action),
}

fn route(req: &ApiRequest, rest: &[&str]) -> ApiResult<(&'static str, Endpoint)> {
    let (method, scope, endpoint) = match rest {
        ["fulfillmentOrders", name] => {
            let q = Queue::parse(name).ok_or_else(|| {
                ApiError::not_found("unknown_queue", format!("there is no queue named {name:?}"))
            })?;
            ("GET", q.scope(), Endpoint::Queue(q))
        }
        ["fulfillmentOrder", name] => {
            let (scope, action): (&str, Action) = match *name {
                "accept" => (scope::ACCEPT, actions::accept),
                "reject" => (scope::ACCEPT, actions::reject),
                "allocate" => (scope::ALLOCATE, actions::allocate),
                "ship" => (scope::SHIP, actions::ship),
                "invoice" => (scope::INVOICE, actions::invoice),
                _ => return Err(no_route(&req.path)),
            };
            ("POST", scope, Endpoint::Action(action))
        }
        _ => return Err(no_route(&req.path)),
    };
    if req.method != method {
        return Err(method_not_allowed(method));
    }
    Ok((scope, endpoint))
}

fn unauthorized() -> ApiError {
    ApiError::new(401, "unauthorized", "a valid bearer token is required")
        .header("WWW-Authenticate", "Bearer")
}
