//! Reading a sync's pages ahead on a second thread: while the host works through one page, the
//! next is fetched, so the walk costs little more than the transfer. The worker follows the
//! cursors of the pages it reads and stays one page ahead (it blocks handing a page over until
//! the walk asks). It stops at the last page, after a failed read (the walk then sees the
//! failure as its own), and when the walk is dropped.
//!
//! Who decodes a page (validates it and stamps each row) depends on where the walk is when the
//! page arrives, as for queue walks: while the host holds the walk's last page (a Python host
//! parsing it) the worker decodes the new one too; otherwise (a C host that takes rows as fast
//! as they come) the page goes over as it arrived and the walk decodes it while the worker
//! fetches the next. Decoding only on the worker left a C host's thread idle half the time
//! with the worker the bottleneck (perf: 69 % of the samples on the worker).
//!
//! To go on without decoding, the worker reads the next cursor from the end of the body. The
//! walk checks it when it decodes the page: a worker that guessed wrong read the wrong page,
//! which the walk sees (the cursor differs) and reads for itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use super::sync::{SyncPage, SyncSource};
use crate::error::Result;

/// A page read ahead: decoded, as it arrived, or garbled (the walk reads it again through the
/// transport, whose retries decide).
pub(super) enum Ahead {
    Decoded(SyncPage),
    Body(Vec<u8>),
    Garbled,
}

/// A page as the worker read it: the cursor it was read with, and the page or the failure.
type Read = (String, Result<Ahead>);

pub(super) struct ReadAhead {
    pages: Receiver<Read>,
    /// Set while the host has the walk's last page, and not yet asked for the next.
    host_has_page: Arc<AtomicBool>,
}

impl ReadAhead {
    /// Reads the pages from `cursor` on with the walk's `since`; `None` when no thread can be
    /// had (the walk then reads every page itself).
    pub fn start<S: SyncSource>(source: S, since: Option<String>, cursor: String) -> Option<ReadAhead> {
        let (hand_over, pages) = sync_channel::<Read>(0);
        let host_has_page = Arc::new(AtomicBool::new(false));
        let host_busy = Arc::clone(&host_has_page);
        std::thread::Builder::new()
            .name("shiplink-read-ahead".into())
            .spawn(move || {
                let id_key = source.id_key().to_owned();
                let mut cursor = cursor;
                loop {
                    let read = source.fetch_with(since.as_deref(), Some(&cursor), &Ok).map(|body| {
                        let guessed = (!host_busy.load(Ordering::Relaxed)).then(|| next_cursor_at_end(&body));
                        match guessed {
                            Some(Some(next)) => (Ahead::Body(body), next),
                            _ => match SyncPage::decode(body, &id_key) {
                                Ok(page) => {
                                    let next = page.page.next.clone();
                                    (Ahead::Decoded(page), next)
                                }
                                Err(_) => (Ahead::Garbled, None),
                            },
                        }
                    });
                    let (read, next) = match read {
                        Ok((ahead, next)) => (Ok(ahead), next),
                        Err(e) => (Err(e), None),
                    };
                    // A closed channel: the walk ended, or read for itself.
                    if hand_over.send((cursor, read)).is_err() {
                        return;
                    }
                    match next {
                        Some(n) => cursor = n,
                        None => return,
                    }
                }
            })
            .ok()?;
        Some(ReadAhead { pages, host_has_page })
    }

    /// The page at `cursor`, if that is what the worker read; `None`: the caller drops the
    /// read-ahead and reads the page itself.
    pub fn take(&self, cursor: &str) -> Option<Result<Ahead>> {
        self.host_has_page.store(false, Ordering::Relaxed);
        let (read_at, read) = self.pages.recv().ok()?;
        (read_at == cursor).then_some(read)
    }

    /// The walk has its page decoded and hands its rows to the host.
    pub fn host_takes_page(&self) {
        self.host_has_page.store(true, Ordering::Relaxed);
    }
}

/// How far from the end of a page its `pagination` object is looked for.
const TAIL: usize = 512;

/// The page's next cursor, read from the end of the body where the blueprint's envelope puts
/// `pagination`: `Some(Some(cursor))`, `Some(None)` for a `null` one (the last page), `None`
/// when it is not plainly there (the worker then decodes the page to know).
fn next_cursor_at_end(body: &[u8]) -> Option<Option<String>> {
    let tail = &body[body.len().saturating_sub(TAIL)..];
    let key = b"\"next_cursor\"";
    let at = tail.windows(key.len()).rposition(|w| w == key)?;
    let rest =
        std::str::from_utf8(&tail[at + key.len()..]).ok()?.trim_start().strip_prefix(':')?.trim_start();
    if rest.starts_with("null") {
        return Some(None);
    }
    let inner = rest.strip_prefix('"')?;
    let end = inner.find('"')?;
    let cursor = &inner[..end];
    // An escaped cursor is left to the decoder.
    (!cursor.contains('\\')).then(|| Some(cursor.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::next_cursor_at_end;

    #[test]
    fn the_next_cursor_is_read_from_the_end() {
        let page =
            br#"{"data":[{"id":"a","next_cursor":"no"}],"pagination":{"next_cursor":"c2","has_more":true}}"#;
        assert_eq!(next_cursor_at_end(page), Some(Some("c2".into())));
        let last = br#"{"data":[],"pagination":{"has_more":false,"next_cursor" : null}}"#;
        assert_eq!(next_cursor_at_end(last), Some(None));
        assert_eq!(next_cursor_at_end(br#"{"data":[]}"#), None);
        assert_eq!(next_cursor_at_end(br#"{"pagination":{"next_cursor":"a\"b"}}"#), None);
    }
}
