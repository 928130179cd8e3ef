//! Sends queued webhook deliveries from a thread of its own: a POST of the raw body signed
//! `X-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "{t}.{body}">`, tried again with a
//! doubling wait after any failure or non-2xx. Targets are plain `http://` (the sandbox is
//! offline); the thread ends when the sandbox that owns the store is dropped.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::api::lock;
use crate::threepl::store::Store;
use crate::threepl::webhooks::Pending;

pub struct Courier {
    bell: Arc<(Mutex<bool>, Condvar)>,
}

impl Courier {
    pub fn start(store: Arc<Mutex<Store>>) -> Courier {
        let bell = Arc::new((Mutex::new(false), Condvar::new()));
        let weak = Arc::downgrade(&store);
        let ring = Arc::clone(&bell);
        let _ = thread::Builder::new().name("sandbox-webhooks".into()).spawn(move || run(&weak, &ring));
        Courier { bell }
    }

    /// Tells the thread that something may have been queued.
    pub fn wake(&self) {
        *lock(&self.bell.0) = true;
        self.bell.1.notify_one();
    }
}

fn run(store: &Weak<Mutex<Store>>, bell: &(Mutex<bool>, Condvar)) {
    loop {
        {
            let rung = lock(&bell.0);
            let (mut rung, _) =
                bell.1.wait_timeout(rung, Duration::from_millis(100)).unwrap_or_else(|p| p.into_inner());
            *rung = false;
        }
        let Some(store) = store.upgrade() else { return };
        let due: Vec<Pending> = {
            let mut s = lock(&store);
            let now = Instant::now();
            let (ready, later): (Vec<Pending>, Vec<Pending>) =
                s.outbox.queue.drain(..).partition(|p| p.due <= now);
            s.outbox.queue.extend(later);
            ready
        };
        for mut pending in due {
            let ok = send(&pending).is_ok_and(|status| (200..300).contains(&status));
            let mut s = lock(&store);
            if ok {
                s.outbox.delivered += 1;
                continue;
            }
            s.outbox.failed_attempts += 1;
            pending.attempts += 1;
            if pending.attempts < s.settings.webhook_max_attempts {
                let wait =
                    s.settings.webhook_retry_base_ms.saturating_mul(1 << (pending.attempts - 1).min(16));
                pending.due = Instant::now() + Duration::from_millis(wait);
                s.outbox.queue.push_back(pending);
            }
        }
    }
}

/// The header a receiver checks.
pub fn signature(secret: &str, t: u64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{t}.{body}").as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("t={t},v1={hex}")
}

/// One POST; the answer's status code.
fn send(p: &Pending) -> std::io::Result<u16> {
    let rest = p.url.strip_prefix("http://").ok_or_else(|| std::io::Error::other("only http:// targets"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr =
        host.to_socket_addrs()?.next().ok_or_else(|| std::io::Error::other("target has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    let t = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         X-Webhook-Signature: {}\r\nX-Webhook-Event-Id: {}\r\nConnection: close\r\n\r\n",
        p.body.len(),
        signature(&p.secret, t, &p.body),
        p.event_id
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(p.body.as_bytes())?;
    let mut answer = Vec::new();
    let _ = stream.take(4096).read_to_end(&mut answer);
    let line = String::from_utf8_lossy(&answer);
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))
}
