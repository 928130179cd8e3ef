//! Bearer tokens: what each may do, the table an API keeps them in, and reading one from a
//! request.

use std::collections::HashMap;

use crate::http::ApiRequest;

/// What a bearer token may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    All,
    List(Vec<String>),
}

impl Scopes {
    pub fn list<S: AsRef<str>>(names: &[S]) -> Scopes {
        Scopes::List(names.iter().map(|s| s.as_ref().to_string()).collect())
    }

    pub fn allows(&self, scope: &str) -> bool {
        match self {
            Scopes::All => true,
            Scopes::List(names) => names.iter().any(|n| n == scope),
        }
    }
}

/// The tokens one API accepts.
#[derive(Debug, Clone, Default)]
pub struct Tokens(HashMap<String, Scopes>);

impl Tokens {
    /// Adding a token again replaces its scopes.
    pub fn add(&mut self, token: &str, scopes: Scopes) {
        self.0.insert(token.to_string(), scopes);
    }

    pub fn scopes(&self, token: &str) -> Option<&Scopes> {
        self.0.get(token)
    }
}

/// The token of an `Authorization: Bearer <token>` header, if there is a non-empty one.
pub fn bearer(req: &ApiRequest) -> Option<&str> {
    let value = req.authorization.as_deref()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
