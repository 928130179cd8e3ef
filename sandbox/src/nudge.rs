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
//! [`BUSY`] until [`IDLE`] has passed without a request served, and then every [`IDLE`]:
//! connections arrive in bursts with traffic, and a quiet sandbox should not churn sockets.

use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Between two nudges while requests are served: the longest a stranded connection waits per
/// connection ahead of it.
const BUSY: Duration = Duration::from_millis(20);
/// Between two nudges once nothing was served for this long.
const IDLE: Duration = Duration::from_secs(1);

/// The nudging thread; dropping it stops the thread at once.
pub(crate) struct Nudger {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Nudger {
    /// Nudges the listener at `addr`; `served` counts the requests its workers have served.
    pub fn start(addr: SocketAddr, served: Arc<AtomicU64>) -> std::io::Result<Nudger> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::Builder::new().name("sandbox-nudge".into()).spawn(move || {
            // Quiet from the start: nothing can be stranded before the first request.
            let (mut seen, mut quiet) = (served.load(Ordering::Relaxed), IDLE);
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(BUSY) {
                let now = served.load(Ordering::Relaxed);
                quiet = if now == seen { quiet + BUSY } else { Duration::ZERO };
                seen = now;
                if quiet < IDLE || quiet.as_millis() % IDLE.as_millis() == 0 {
                    // Opened and dropped: tiny_http reads the end of the stream, frees the thread.
                    let _ = TcpStream::connect_timeout(&addr, BUSY);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::time::Instant;

    /// Connections accepted on `listener` during `period`, bumping `served` meanwhile if `busy`.
    fn nudges(listener: &TcpListener, served: &AtomicU64, busy: bool, period: Duration) -> usize {
        listener.set_nonblocking(true).unwrap();
        let (started, mut accepted) = (Instant::now(), 0);
        while started.elapsed() < period {
            if busy {
                served.fetch_add(1, Ordering::Relaxed);
            }
            while listener.accept().is_ok() {
                accepted += 1;
            }
            thread::sleep(Duration::from_millis(5));
        }
        accepted
    }

    #[test]
    fn nudges_often_while_serving_and_seldom_when_quiet() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let served = Arc::new(AtomicU64::new(0));
        let nudger = Nudger::start(listener.local_addr().unwrap(), Arc::clone(&served)).unwrap();
        let busy = nudges(&listener, &served, true, Duration::from_millis(1_000));
        // Let the busy mode run out, then stay quiet for two idle periods.
        nudges(&listener, &served, false, IDLE + BUSY * 3);
        let quiet = nudges(&listener, &served, false, IDLE * 2);
        drop(nudger);
        // About 50 and 2; the bounds leave room for a loaded machine, not for a change of mode.
        assert!(busy >= 10, "{busy} nudges in a busy second");
        assert!(quiet <= 4, "{quiet} nudges in two quiet seconds");
    }
}
