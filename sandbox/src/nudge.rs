//! Keeps tiny_http from stranding connections.
//!
//! tiny_http serves each connection on a thread of its own pool, for as long as the connection
//! lives. When several connections arrive together, the pool hands them to threads it believes
//! idle but has already woken for the ones before; the extra connections wait in its queue until
//! some thread finishes a connection. Hosts keep their connections alive, so that may be never:
//! in `tests/connections.rs`, 13 to 16 of 24 connections opened at once went unanswered.
//!
//! A connection that opens and closes at once is served by a new thread (when none is idle),
//! which then takes the next waiting connection. So a connection is opened and closed every
//! few milliseconds, and none waits longer than that many ticks.

use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Between two nudges: a stranded connection waits at most this long per one ahead of it.
const TICK: Duration = Duration::from_millis(20);

/// The nudging thread; dropping it stops the thread at once.
pub(crate) struct Nudger {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Nudger {
    pub fn start(addr: SocketAddr) -> std::io::Result<Nudger> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::Builder::new().name("sandbox-nudge".into()).spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TICK) {
                // Opened and dropped: tiny_http reads the end of the stream and frees the thread.
                let _ = TcpStream::connect_timeout(&addr, TICK);
            }
        })?;
        Ok(Nudger { stop: Some(stop), thread: Some(thread) })
    }
}

impl Drop for Nudger {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
