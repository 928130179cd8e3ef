//! The sources the generic walks read a blueprint list through: one endpoint, its filters
//! sent with every page, `updated_since` and `cursor` as the walk asks.

use std::sync::Arc;

use super::resource::Resource;
use crate::error::{Error, Result};
use crate::paging::{names_the_cursor, CursorSource, SyncSource};
use crate::transport::{Method, Request, Transport};

#[derive(Clone)]
pub struct ListSource {
    pub(super) transport: Arc<Transport>,
    pub(super) resource: Resource,
    pub(super) filters: Vec<(String, String)>,
}

impl ListSource {
    fn fetch<R>(
        &self,
        since: Option<&str>,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        let mut query: Vec<(&str, &str)> =
            self.filters.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Some(since) = since {
            query.push(("updated_since", since));
        }
        if let Some(cursor) = cursor {
            query.push(("cursor", cursor));
        }
        let request = Request::new(Method::Get, self.resource.path()).query(&query);
        self.transport.call(&request, decode).map_err(crate::transport::Failure::into_error)
    }
}

impl CursorSource for ListSource {
    fn fetch_with<R>(
        &self,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        self.fetch(None, cursor, decode)
    }

    fn id_key(&self) -> &str {
        self.resource.key()
    }
}

impl SyncSource for ListSource {
    fn fetch_with<R>(
        &self,
        since: Option<&str>,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        self.fetch(since, cursor, decode)
    }

    fn id_key(&self) -> &str {
        self.resource.key()
    }

    fn cursor_rejected(&self, error: &Error) -> bool {
        names_the_cursor(error)
    }
}
