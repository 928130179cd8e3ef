//! Reading a sync's pages ahead on a second thread: while the host works through one page, the
//! next is fetched and validated, so the walk costs little more than the transfer. The worker
//! follows the cursors of the pages it reads and stays one page ahead (it blocks handing a page
//! over until the walk asks). It stops at the last page, after a failed read (the walk then
//! sees the failure as its own), and when the walk is dropped.

use std::sync::mpsc::{sync_channel, Receiver};

use super::cursor::CursorPage;
use super::sync::SyncSource;
use crate::error::Result;

/// A page read ahead: the cursor it was read with, and the page or the failure.
type Read = (String, Result<CursorPage>);

pub(super) struct ReadAhead {
    pages: Receiver<Read>,
}

impl ReadAhead {
    /// Reads the pages from `cursor` on with the walk's `since`; `None` when no thread can be
    /// had (the walk then reads every page itself).
    pub fn start<S: SyncSource>(source: S, since: Option<String>, cursor: String) -> Option<ReadAhead> {
        let (hand_over, pages) = sync_channel::<Read>(0);
        std::thread::Builder::new()
            .name("shiplink-read-ahead".into())
            .spawn(move || {
                let id_key = source.id_key().to_owned();
                let decode = |body: Vec<u8>| CursorPage::decode(body, &id_key);
                let mut cursor = cursor;
                loop {
                    let read = source.fetch_with(since.as_deref(), Some(&cursor), &decode);
                    let next = read.as_ref().ok().and_then(|page| page.next.clone());
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
        Some(ReadAhead { pages })
    }

    /// The page at `cursor`, if that is what the worker read; `None`: the caller drops the
    /// read-ahead and reads the page itself.
    pub fn take(&self, cursor: &str) -> Option<Result<CursorPage>> {
        let (read_at, read) = self.pages.recv().ok()?;
        (read_at == cursor).then_some(read)
    }
}
