//! Incremental sync: the blueprint's high-water-mark loop, done so that nothing is missed and
//! nothing comes twice. Each walk asks `updated_since` = mark minus the overlap, follows the
//! cursors to the end, and delivers a row only when [`SyncMemory`] says it is a new version.
//! The checkpoint is one opaque string: the walk's scope, its `updated_since`, the cursor of
//! the page in progress and the memory. A walk resumed from it reads that page again (what
//! was delivered is skipped) and goes on; one resumed after the end starts the next round. A
//! cursor the server no longer accepts restarts the walk from the mark.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::cursor::CursorPage;
use super::scan::top_level_string;
use super::sync_ahead::{Ahead, ReadAhead};
use super::sync_memory::{content_hash, format_time, parse_time, SavedMemory, SyncMemory};
use super::{RawItem, Walk};
use crate::error::{Error, Result, Status};
use crate::log::{log, Level};

/// Where a synced list comes from: one API's endpoint with its filters. Cloned for the thread
/// that reads pages ahead.
pub trait SyncSource: Clone + Send + 'static {
    /// Requests one page: `updated_since` and `cursor` when given, the filters always.
    fn fetch_with<R>(
        &self,
        since: Option<&str>,
        cursor: Option<&str>,
        decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
    ) -> Result<R>;

    /// The key that identifies a row (`id`; `sku` for inventory).
    fn id_key(&self) -> &str;

    /// Whether `error` says the server no longer accepts the cursor it was given.
    fn cursor_rejected(&self, error: &Error) -> bool;
}

/// What the sync compares of a row: its `updated_at` (milliseconds) and a hash of its content.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stamp {
    at: Option<i64>,
    hash: u64,
}

/// A page of a synced list with each row stamped, on whichever thread decoded it.
pub(super) struct SyncPage {
    pub page: CursorPage,
    stamps: Vec<Stamp>,
}

impl SyncPage {
    pub fn decode(body: Vec<u8>, id_key: &str) -> std::result::Result<SyncPage, String> {
        let page = CursorPage::decode(body, id_key)?;
        let stamps = page
            .items
            .iter()
            .map(|item| Stamp { at: updated_at(item), hash: content_hash(item.json()) })
            .collect();
        Ok(SyncPage { page, stamps })
    }
}

#[derive(Serialize, Deserialize)]
struct Checkpoint {
    v: u32,
    /// What was walked (resource and filters); a checkpoint only resumes the same walk.
    scope: String,
    since: Option<String>,
    cursor: Option<String>,
    /// The walk in progress has pages left (false: the next walk is a new round).
    open: bool,
    memory: SavedMemory,
}

pub struct SyncWalk<S: SyncSource> {
    source: S,
    scope: String,
    overlap_ms: i64,
    memory: SyncMemory,
    /// `updated_since` of this walk.
    since: Option<String>,
    /// The cursor that read the page in progress, and the one after it.
    current: Option<String>,
    next: Option<String>,
    buffer: VecDeque<(RawItem, Stamp)>,
    /// `updated_at` of the first row of the page in progress: a walk resumed inside the page
    /// reads it again, so the memory keeps what it delivered from there on.
    page_floor: Option<i64>,
    read_ahead: Option<ReadAhead>,
    started: bool,
    done: bool,
    restarts: u32,
}

impl<S: SyncSource> SyncWalk<S> {
    /// A first walk, from `since` (RFC 3339) or from the beginning.
    pub fn new(source: S, scope: &str, overlap_ms: u64, since: Option<String>) -> SyncWalk<S> {
        SyncWalk {
            source,
            scope: scope.to_owned(),
            overlap_ms: overlap_ms.min(i64::MAX as u64) as i64,
            memory: SyncMemory::default(),
            since,
            current: None,
            next: None,
            buffer: VecDeque::new(),
            page_floor: None,
            read_ahead: None,
            started: false,
            done: false,
            restarts: 0,
        }
    }

    /// The walk a checkpoint of an earlier one names: the same walk where it stopped, or the
    /// next round from its mark.
    pub fn resume(source: S, scope: &str, overlap_ms: u64, checkpoint: &str) -> Result<SyncWalk<S>> {
        let bad = || Error::invalid("checkpoint", "is not a checkpoint shiplink wrote");
        let saved: Checkpoint = serde_json::from_str(checkpoint).map_err(|_| bad())?;
        if saved.v != 1 {
            return Err(bad());
        }
        if saved.scope != scope {
            return Err(Error::invalid(
                "checkpoint",
                format!("was written by a walk of {}, not of {scope}", saved.scope),
            ));
        }
        let memory = SyncMemory::load(saved.memory).ok_or_else(bad)?;
        let mut walk = SyncWalk::new(source, scope, overlap_ms, saved.since);
        walk.memory = memory;
        if saved.open {
            walk.current = saved.cursor.clone();
            walk.next = saved.cursor;
        } else {
            walk.since = walk.round_start();
        }
        Ok(walk)
    }

    /// How many times a rejected cursor restarted this walk.
    pub fn restarts(&self) -> u32 {
        self.restarts
    }

    /// `updated_since` for a walk from the mark; the walk's own when nothing was delivered yet.
    fn round_start(&self) -> Option<String> {
        match self.memory.since(self.overlap_ms) {
            Some(ms) => Some(format_time(ms)),
            None => self.since.clone(),
        }
    }

    /// Reads the next page (from the read-ahead when it has it); false at the end.
    fn fill(&mut self) -> Result<bool> {
        if self.done || (self.started && self.next.is_none()) {
            self.done = true;
            return Ok(false);
        }
        let cursor = self.next.clone();
        let ahead = match (&self.read_ahead, &cursor) {
            (Some(ahead), Some(c)) => ahead.take(c),
            _ => None,
        };
        let id_key = self.source.id_key().to_owned();
        let fetched = match ahead {
            Some(Ok(Ahead::Decoded(page))) => Ok(page),
            Some(Ok(Ahead::Body(body))) => match SyncPage::decode(body, &id_key) {
                Ok(page) => Ok(page),
                Err(_) => {
                    self.read_ahead = None;
                    self.fetch(cursor.as_deref())
                }
            },
            Some(Err(e)) => Err(e),
            Some(Ok(Ahead::Garbled)) | None => {
                self.read_ahead = None;
                self.fetch(cursor.as_deref())
            }
        };
        let page = match fetched {
            Ok(page) => page,
            Err(e) if cursor.is_some() && self.source.cursor_rejected(&e) => {
                self.read_ahead = None;
                self.restarts += 1;
                log(Level::Warn, || {
                    format!(
                        "{}: the server refused the cursor ({e}); walking again from the mark",
                        self.scope
                    )
                });
                self.since = self.round_start();
                let page = self.fetch(None)?;
                self.buffer.clear();
                self.current = None;
                self.take(page);
                return Ok(true);
            }
            Err(e) => {
                self.read_ahead = None;
                return Err(e);
            }
        };
        self.current = cursor;
        self.take(page);
        Ok(true)
    }

    fn fetch(&self, cursor: Option<&str>) -> Result<SyncPage> {
        let id_key = self.source.id_key().to_owned();
        self.source.fetch_with(self.since.as_deref(), cursor, &|body| SyncPage::decode(body, &id_key))
    }

    /// Makes `page` the page in progress, forgets what no walk will read again, and has the
    /// pages after it read ahead.
    fn take(&mut self, page: SyncPage) {
        self.started = true;
        self.next = page.page.next;
        self.page_floor = page.stamps.first().and_then(|s| s.at);
        self.memory.prune(self.overlap_ms, self.page_floor);
        self.buffer.extend(page.page.items.into_iter().zip(page.stamps));
        if self.read_ahead.is_none() {
            if let Some(next) = &self.next {
                self.read_ahead = ReadAhead::start(self.source.clone(), self.since.clone(), next.clone());
            }
        }
        if let Some(ahead) = &self.read_ahead {
            ahead.host_takes_page();
        }
    }

    /// Whether a row read from a page is a version not yet delivered (and now is).
    fn admit(&mut self, item: &RawItem, stamp: Stamp) -> bool {
        self.memory.admit(item.id(), stamp.at, stamp.hash)
    }
}

fn updated_at(item: &RawItem) -> Option<i64> {
    top_level_string(item.json(), "updated_at").and_then(|t| parse_time(&t))
}

impl<S: SyncSource> Iterator for SyncWalk<S> {
    type Item = Result<RawItem>;

    fn next(&mut self) -> Option<Result<RawItem>> {
        loop {
            while let Some((item, stamp)) = self.buffer.pop_front() {
                if self.admit(&item, stamp) {
                    return Some(Ok(item));
                }
            }
            match self.fill() {
                Ok(true) => continue,
                Ok(false) => return None,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<S: SyncSource> Walk for SyncWalk<S> {
    fn next_item(&mut self) -> Option<Result<RawItem>> {
        self.next()
    }

    fn next_items(&mut self) -> Option<Result<Vec<RawItem>>> {
        let first = match self.next()? {
            Ok(first) => first,
            Err(e) => return Some(Err(e)),
        };
        let mut items = vec![first];
        let rest: Vec<(RawItem, Stamp)> = self.buffer.drain(..).collect();
        for (item, stamp) in rest {
            if self.admit(&item, stamp) {
                items.push(item);
            }
        }
        Some(Ok(items))
    }

    fn checkpoint(&self) -> Option<String> {
        let keep_from = if self.buffer.is_empty() { None } else { self.page_floor };
        // Inside a page, the page itself is where to go on (what was delivered is skipped);
        // between pages, the next one; after the last, a new round.
        let (open, cursor) = if !self.buffer.is_empty() {
            (true, self.current.clone())
        } else if !self.started {
            (true, self.next.clone())
        } else {
            (self.next.is_some(), self.next.clone())
        };
        let saved = Checkpoint {
            v: 1,
            scope: self.scope.clone(),
            since: self.since.clone(),
            cursor,
            open,
            memory: self.memory.save(self.overlap_ms, keep_from),
        };
        serde_json::to_string(&saved).ok()
    }
}

/// Whether an error answer is the server refusing a cursor: a 4xx whose error names the cursor.
pub fn names_the_cursor(error: &Error) -> bool {
    let client_error = matches!(error.status, Status::BadRequest | Status::NotFound);
    let body = error.body.as_ref();
    let said = |key: &str| {
        body.and_then(|b| b.get("error").and_then(|e| e.get(key)).or_else(|| b.get(key)))
            .and_then(|v| v.as_str())
            .is_some_and(|v| v.contains("cursor"))
    };
    client_error && (said("code") || said("field"))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// A server in memory: rows `(id, updated_at, content)`, pages of two, inclusive filter.
    struct Rows {
        rows: Mutex<Vec<(String, String, String)>>,
        reject_cursors: Mutex<bool>,
    }

    impl SyncSource for std::sync::Arc<Rows> {
        fn fetch_with<R>(
            &self,
            since: Option<&str>,
            cursor: Option<&str>,
            decode: &dyn Fn(Vec<u8>) -> std::result::Result<R, String>,
        ) -> Result<R> {
            if cursor.is_some() && *self.reject_cursors.lock().unwrap() {
                *self.reject_cursors.lock().unwrap() = false;
                return Err(Error {
                    body: Some(serde_json::json!({"error": {"code": "invalid_cursor"}})),
                    ..Error::new(Status::BadRequest, "expired")
                });
            }
            let mut rows = self.rows.lock().unwrap().clone();
            rows.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
            rows.retain(|r| since.is_none_or(|s| r.1.as_str() >= s));
            if let Some(c) = cursor {
                let (at, id) = c.split_once('|').unwrap();
                rows.retain(|r| (r.1.as_str(), r.0.as_str()) > (at, id));
            }
            let more = rows.len() > 2;
            rows.truncate(2);
            let data: Vec<String> = rows
                .iter()
                .map(|r| format!(r#"{{"id":"{}","updated_at":"{}","v":"{}"}}"#, r.0, r.1, r.2))
                .collect();
            let next = if more { format!("\"{}|{}\"", rows[1].1, rows[1].0) } else { "null".into() };
            let body = format!(
                r#"{{"data":[{}],"pagination":{{"has_more":{more},"next_cursor":{next}}}}}"#,
                data.join(",")
            );
            decode(body.into_bytes()).map_err(|e| Error::new(Status::Decode, e))
        }
        fn id_key(&self) -> &str {
            "id"
        }
        fn cursor_rejected(&self, error: &Error) -> bool {
            names_the_cursor(error)
        }
    }

    fn rows(list: &[(&str, &str, &str)]) -> std::sync::Arc<Rows> {
        std::sync::Arc::new(Rows {
            rows: Mutex::new(
                list.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
            ),
            reject_cursors: Mutex::new(false),
        })
    }

    fn drain<S: SyncSource>(walk: &mut SyncWalk<S>) -> Vec<String> {
        walk.map(|i| {
            let i = i.unwrap();
            let v = top_level_string(i.json(), "v").unwrap().into_owned();
            format!("{}:{}", i.id(), v)
        })
        .collect()
    }

    const T1: &str = "2026-07-02T10:00:01Z";
    const T2: &str = "2026-07-02T10:00:02Z";

    #[test]
    fn rounds_deliver_each_version_once() {
        let source = rows(&[("a", T1, "1"), ("b", T1, "1"), ("c", T1, "1")]);
        let mut walk = SyncWalk::new(source.clone(), "shipments", 60_000, None);
        assert_eq!(drain(&mut walk), ["a:1", "b:1", "c:1"]);
        let saved = walk.checkpoint().unwrap();
        // Same second: b changes, d arrives; later: a changes.
        source.rows.lock().unwrap()[1].2 = "2".into();
        source.rows.lock().unwrap().push(("d".into(), T1.into(), "1".into()));
        source.rows.lock().unwrap()[0] = ("a".into(), T2.into(), "2".into());
        let mut walk = SyncWalk::resume(source.clone(), "shipments", 60_000, &saved).unwrap();
        assert_eq!(drain(&mut walk), ["b:2", "d:1", "a:2"]);
        let mut walk = SyncWalk::resume(source, "shipments", 60_000, &walk.checkpoint().unwrap()).unwrap();
        assert!(drain(&mut walk).is_empty());
    }

    #[test]
    fn a_checkpoint_inside_a_page_loses_nothing_and_repeats_nothing() {
        let source = rows(&[("a", T1, "1"), ("b", T1, "1"), ("c", T1, "1"), ("d", T2, "1")]);
        let mut walk = SyncWalk::new(source.clone(), "shipments", 60_000, None);
        let mut got = vec![walk.next().unwrap().unwrap().id().to_owned()];
        for _ in 0..3 {
            let saved = walk.checkpoint().unwrap();
            walk = SyncWalk::resume(source.clone(), "shipments", 60_000, &saved).unwrap();
            got.push(walk.next().unwrap().unwrap().id().to_owned());
        }
        assert!(walk.next().is_none());
        assert_eq!(got, ["a", "b", "c", "d"]);
        assert!(SyncWalk::resume(source.clone(), "inventory", 60_000, &walk.checkpoint().unwrap()).is_err());
        assert!(SyncWalk::resume(source, "shipments", 60_000, "{}").is_err());
    }

    #[test]
    fn memory_is_bounded_by_the_overlap_not_the_walk() {
        let list: Vec<(String, String, String)> = (0..40)
            .map(|n| (format!("r{n:02}"), format!("2026-07-02T10:{:02}:00Z", n), "1".to_owned()))
            .collect();
        let source = std::sync::Arc::new(Rows { rows: Mutex::new(list), reject_cursors: Mutex::new(false) });
        let mut walk = SyncWalk::new(source.clone(), "shipments", 120_000, None);
        assert_eq!(drain(&mut walk).len(), 40);
        // The overlap (three rows a minute apart within two minutes) and one page of two.
        assert!(walk.memory.len() <= 5, "{} rows remembered", walk.memory.len());
        // With no overlap, a checkpoint inside a page still knows what that page delivered.
        let mut walk = SyncWalk::new(source.clone(), "shipments", 0, None);
        walk.next().unwrap().unwrap();
        walk.next().unwrap().unwrap();
        walk.next().unwrap().unwrap();
        let resumed = SyncWalk::resume(source, "shipments", 0, &walk.checkpoint().unwrap()).unwrap();
        assert_eq!(resumed.map(|i| i.unwrap().id().to_owned()).next().as_deref(), Some("r03"));
    }

    #[test]
    fn a_rejected_cursor_restarts_from_the_mark() {
        let source = rows(&[("a", T1, "1"), ("b", T1, "1"), ("c", T2, "1"), ("d", T2, "1")]);
        // The first cursor given out is refused (by the time the walk, or its read-ahead, uses it).
        *source.reject_cursors.lock().unwrap() = true;
        let mut walk = SyncWalk::new(source.clone(), "shipments", 60_000, None);
        assert_eq!(drain(&mut walk), ["a:1", "b:1", "c:1", "d:1"]);
        assert_eq!(walk.restarts(), 1);
    }
}
