//! A cursor list served from memory, for the tests of the walks and of the C ABI's iterator.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::CursorSource;
use crate::error::{Error, Result, Status};

/// `pages[n]` is the body for cursor `c{n}` (no cursor is `c0`); `reads` counts requests.
pub(crate) struct Pages {
    pub pages: Vec<String>,
    pub reads: AtomicUsize,
}

pub(crate) fn pages(bodies: &[&str]) -> Arc<Pages> {
    Arc::new(Pages { pages: bodies.iter().map(|b| b.to_string()).collect(), reads: AtomicUsize::new(0) })
}

impl CursorSource for Arc<Pages> {
    fn fetch_with<R>(
        &self,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        let n: usize = cursor.map_or(0, |c| c[1..].parse().unwrap());
        decode(self.pages[n].clone().into_bytes()).map_err(|e| Error::new(Status::Decode, e))
    }
    fn id_key(&self) -> &str {
        "id"
    }
}
