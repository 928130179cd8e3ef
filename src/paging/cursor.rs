//! Cursor lists, as the 3PL blueprint pages them: `{"data":[…],"pagination":{"has_more":…,
//! "next_cursor":…}}`. The walk follows `next_cursor` until `has_more` is false; the source
//! sends its filters with every page. A list without `pagination` is one page.
//!
//! Its checkpoint is the cursor of the page in progress: a walk resumed from it reads that page
//! again, so the items of that page already delivered come again (an incremental sync built on
//! this walk dedupes them); nothing after it is lost.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{RawItem, Walk};
use crate::error::{Error, Result};

/// One page of a cursor list: its items and the cursor of the next page (`None` at the end).
#[derive(Debug)]
pub struct CursorPage {
    pub items: Vec<RawItem>,
    pub next: Option<String>,
}

impl CursorPage {
    /// Decodes a page body; ids are read from `id_key` (text, or whole numbers as text).
    pub fn decode(body: Vec<u8>, id_key: &str) -> std::result::Result<CursorPage, String> {
        #[derive(Deserialize)]
        struct Envelope<'a> {
            #[serde(borrow)]
            data: Vec<&'a RawValue>,
            #[serde(default)]
            pagination: Option<Pagination>,
        }
        #[derive(Deserialize)]
        struct Pagination {
            #[serde(default)]
            has_more: bool,
            #[serde(default)]
            next_cursor: Option<String>,
        }
        let page = Arc::new(String::from_utf8(body).map_err(|e| e.to_string())?);
        let envelope: Envelope = serde_json::from_str(&page).map_err(|e| e.to_string())?;
        let next = match envelope.pagination {
            Some(Pagination { has_more: true, next_cursor: Some(cursor) }) if !cursor.is_empty() => {
                Some(cursor)
            }
            Some(Pagination { has_more: true, .. }) => {
                return Err("pagination.has_more is true but there is no next_cursor".into())
            }
            _ => None,
        };
        let items = RawItem::from_elements(&page, envelope.data, id_key, true)?;
        Ok(CursorPage { items, next })
    }
}

/// Where a cursor list comes from: one API's endpoint with its filters.
pub trait CursorSource: Send + 'static {
    /// Requests the page at `cursor` (`None`: the first) and decodes it with `decode`, inside
    /// the transport's retries.
    fn fetch_with<R>(
        &self,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R>;

    /// The key of each item's id.
    fn id_key(&self) -> &str;
}

#[derive(Serialize, Deserialize)]
struct Checkpoint {
    cursor: Option<String>,
}

pub struct CursorWalk<S: CursorSource> {
    source: S,
    /// The cursor that read the page in progress (`None`: the first page).
    current: Option<String>,
    /// The cursor of the page after it, once that page is known to exist.
    next: Option<String>,
    buffer: VecDeque<RawItem>,
    started: bool,
    done: bool,
}

impl<S: CursorSource> CursorWalk<S> {
    pub fn new(source: S) -> CursorWalk<S> {
        CursorWalk { source, current: None, next: None, buffer: VecDeque::new(), started: false, done: false }
    }

    /// A walk that starts at the page a [`Walk::checkpoint`] of an earlier walk names.
    pub fn resume(source: S, checkpoint: &str) -> Result<CursorWalk<S>> {
        let saved: Checkpoint = serde_json::from_str(checkpoint)
            .map_err(|_| Error::invalid("checkpoint", "is not a checkpoint this walk wrote"))?;
        let mut walk = CursorWalk::new(source);
        walk.next = saved.cursor;
        walk.current = walk.next.clone();
        Ok(walk)
    }

    /// Reads the next page; false at the end.
    fn fill(&mut self) -> Result<bool> {
        if self.done || (self.started && self.next.is_none()) {
            self.done = true;
            return Ok(false);
        }
        let cursor = self.next.clone();
        let id_key = self.source.id_key().to_owned();
        let page = self.source.fetch_with(cursor.as_deref(), &|body| CursorPage::decode(body, &id_key))?;
        self.started = true;
        self.current = cursor;
        self.next = page.next;
        self.buffer.extend(page.items);
        Ok(true)
    }
}

impl<S: CursorSource> Iterator for CursorWalk<S> {
    type Item = Result<RawItem>;

    /// The next item. An error leaves the walk where it was: calling again reads the same page.
    fn next(&mut self) -> Option<Result<RawItem>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.fill() {
                Ok(true) => continue,
                Ok(false) => return None,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<S: CursorSource> Walk for CursorWalk<S> {
    fn next_item(&mut self) -> Option<Result<RawItem>> {
        self.next()
    }

    fn next_items(&mut self) -> Option<Result<Vec<RawItem>>> {
        if self.buffer.is_empty() {
            let first = match self.next()? {
                Ok(first) => first,
                Err(e) => return Some(Err(e)),
            };
            self.buffer.push_front(first);
        }
        Some(Ok(self.buffer.drain(..).collect()))
    }

    fn checkpoint(&self) -> Option<String> {
        // Between pages, the next page is where to go on; inside one, the page itself.
        let cursor = if self.buffer.is_empty() && self.started { &self.next } else { &self.current };
        serde_json::to_string(&Checkpoint { cursor: cursor.clone() }).ok()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::super::testing::pages;
    use super::*;

    fn ids(walk: &mut dyn Walk, n: usize) -> Vec<String> {
        (0..n).filter_map(|_| walk.next_item()).map(|i| i.unwrap().id().to_owned()).collect()
    }

    const THREE_PAGES: [&str; 3] = [
        r#"{"data":[{"id":"a"},{"id":"b"}],"pagination":{"has_more":true,"next_cursor":"c1"}}"#,
        r#"{"data":[{"id":"c"}],"pagination":{"has_more":true,"next_cursor":"c2"}}"#,
        r#"{"data":[{"id":7}],"pagination":{"has_more":false,"next_cursor":null}}"#,
    ];

    #[test]
    fn follows_cursors_to_the_end() {
        let source = pages(&THREE_PAGES);
        let mut walk = CursorWalk::new(Arc::clone(&source));
        assert_eq!(ids(&mut walk, 10), ["a", "b", "c", "7"]);
        assert!(walk.next_item().is_none());
        assert_eq!(source.reads.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_list_without_pagination_is_one_page() {
        let mut walk = CursorWalk::new(pages(&[r#"{"data":[{"id":"wh_1"},{"id":"wh_2"}]}"#]));
        assert_eq!(walk.next_items().unwrap().unwrap().len(), 2);
        assert!(walk.next_items().is_none());
    }

    #[test]
    fn checkpoint_resumes_at_the_page_in_progress() {
        let source = pages(&THREE_PAGES);
        let mut walk = CursorWalk::new(Arc::clone(&source));
        assert_eq!(ids(&mut walk, 3), ["a", "b", "c"]);
        let saved = walk.checkpoint().unwrap();
        let mut resumed = CursorWalk::resume(Arc::clone(&source), &saved).unwrap();
        assert_eq!(ids(&mut resumed, 10), ["7"]);
        // Mid-page, the page is read again: nothing after the checkpoint is lost.
        let mut walk = CursorWalk::new(Arc::clone(&source));
        assert_eq!(ids(&mut walk, 1), ["a"]);
        let mut resumed = CursorWalk::resume(source, &walk.checkpoint().unwrap()).unwrap();
        assert_eq!(ids(&mut resumed, 10), ["a", "b", "c", "7"]);
        assert!(CursorWalk::resume(pages(&[]), "garbage").is_err());
    }

    #[test]
    fn has_more_without_a_cursor_is_garbled() {
        let body = r#"{"data":[],"pagination":{"has_more":true}}"#;
        assert!(CursorPage::decode(body.into(), "id").unwrap_err().contains("next_cursor"));
        let mut walk = CursorWalk::new(pages(&[body]));
        assert!(walk.next_item().unwrap().is_err());
    }
}
