//! Where a request goes: `/sandbox/…` to the admin surface, a hosted API's prefix to that API,
//! anything else to a 404. The hub also holds what the APIs share: the fault injector.

use std::io;
use std::panic::{self, AssertUnwindSafe};

use crate::admin;
use crate::api::Api;
use crate::config::SandboxConfig;
use crate::http::{no_route, ApiError, ApiRequest, ApiResponse};
use crate::injector::Injector;

pub struct Hub {
    apis: Vec<Box<dyn Api>>,
    pub faults: Injector,
}

enum Route<'h, 'p> {
    Admin(&'p [&'p str]),
    Api(&'h dyn Api, &'p [&'p str]),
    Nowhere,
}

impl Hub {
    /// Builds every registered API and hands out the start-up tokens.
    pub fn new(config: &SandboxConfig) -> io::Result<Hub> {
        let rng_seed = config.rng_seed.unwrap_or_else(|| fastrand::u64(..));
        let hub = Hub {
            apis: crate::apis(config, rng_seed),
            faults: Injector::new(config.faults.clone(), rng_seed),
        };
        for grant in &config.tokens {
            let only = grant.api.as_deref();
            if let Some(name) = only.filter(|name| hub.api(name).is_none()) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("a token is meant for the API {name:?}, which this sandbox does not serve"),
                ));
            }
            for api in hub.apis().filter(|api| only.is_none_or(|name| name == api.name())) {
                api.add_token(&grant.token, &grant.scopes);
            }
        }
        Ok(hub)
    }

    pub fn apis(&self) -> impl Iterator<Item = &dyn Api> {
        self.apis.iter().map(|api| &**api)
    }

    pub fn api(&self, name: &str) -> Option<&dyn Api> {
        self.apis().find(|api| api.name() == name)
    }

    /// Whether the request is for a hosted API, and so has faults drawn for it.
    pub fn is_api_request(&self, req: &ApiRequest) -> bool {
        let segments = req.segments();
        let path: Vec<&str> = segments.iter().map(String::as_str).collect();
        matches!(self.route(&path), Route::Api(..))
    }

    /// Answers any request. Also the entry point for the in-process admin calls, so both
    /// behave the same.
    pub fn dispatch(&self, req: &ApiRequest) -> ApiResponse {
        let segments = req.segments();
        let path: Vec<&str> = segments.iter().map(String::as_str).collect();
        let answer = panic::catch_unwind(AssertUnwindSafe(|| match self.route(&path) {
            Route::Admin(rest) => admin::handle(self, req, rest),
            Route::Api(api, rest) => api.handle(req, rest),
            Route::Nowhere => Err(no_route(&req.path)),
        }));
        match answer {
            Ok(result) => result.unwrap_or_else(ApiResponse::from),
            Err(_) => {
                ApiError::new(500, "internal_error", "the sandbox failed while handling this request").into()
            }
        }
    }

    /// Every API's data and the fault settings back to start-up; tokens stay.
    pub fn reset(&self) {
        self.faults.reset();
        for api in self.apis() {
            api.reset();
        }
    }

    fn route<'h, 'p>(&'h self, path: &'p [&'p str]) -> Route<'h, 'p> {
        if let Some(("sandbox", rest)) = path.split_first().map(|(first, rest)| (*first, rest)) {
            return Route::Admin(rest);
        }
        for api in self.apis() {
            let prefix: Vec<&str> = api.prefix().split('/').filter(|s| !s.is_empty()).collect();
            if path.starts_with(&prefix) {
                return Route::Api(api, &path[prefix.len()..]);
            }
        }
        Route::Nowhere
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new registration must not shadow another API or the admin surface.
    #[test]
    fn registered_apis_have_distinct_names_and_disjoint_prefixes() {
        let hub = Hub::new(&SandboxConfig::new()).unwrap();
        let apis: Vec<&dyn Api> = hub.apis().collect();
        let segments = |api: &dyn Api| -> Vec<String> {
            api.prefix().split('/').filter(|s| !s.is_empty()).map(str::to_string).collect()
        };
        for (i, a) in apis.iter().enumerate() {
            assert!(!segments(*a).is_empty() && segments(*a)[0] != "sandbox", "{}", a.prefix());
            for b in &apis[i + 1..] {
                assert_ne!(a.name(), b.name());
                let (pa, pb) = (segments(*a), segments(*b));
                assert!(!pa.starts_with(&pb) && !pb.starts_with(&pa), "{} / {}", a.prefix(), b.prefix());
            }
        }
    }

    #[test]
    fn requests_go_to_the_api_whose_prefix_they_start_with() {
        let hub = Hub::new(&SandboxConfig::new()).unwrap();
        let target = |path: &str| {
            let req = ApiRequest::new("GET", path);
            (hub.is_api_request(&req), hub.dispatch(&req).status)
        };
        assert_eq!(target("/rest/all/V1/fulfillmentOrders/pending_accept"), (true, 401));
        assert_eq!(target("/rest/all/V2/anything"), (true, 404));
        assert_eq!(target("/sandbox/stats"), (false, 200));
        assert_eq!(target("/restful"), (false, 404));
    }
}
