//! The HTTP front: a tiny_http listener, a pool of workers, and the per-request pipeline that
//! puts the fault layer around every hosted API.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use tiny_http::{Request, Server};

use crate::config::SandboxConfig;
use crate::faults::Fault;
use crate::http::{ApiError, ApiResponse};
use crate::hub::Hub;
use crate::nudge::Nudger;
use crate::wire;

/// A running sandbox. Dropping it stops the workers and closes the listener.
pub struct Sandbox {
    // First, so it stops before the listener closes.
    _nudger: Nudger,
    server: Arc<Server>,
    pub(crate) hub: Arc<Hub>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    addr: SocketAddr,
}

impl Sandbox {
    /// Listens on an ephemeral port of 127.0.0.1.
    pub fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        Self::start_on("127.0.0.1:0", config)
    }

    pub fn start_on(addr: &str, config: SandboxConfig) -> io::Result<Sandbox> {
        let hub = Arc::new(Hub::new(&config)?);
        let server =
            Server::http(addr).map_err(|e| io::Error::other(format!("cannot listen on {addr}: {e}")))?;
        let mut local =
            server.server_addr().to_ip().ok_or_else(|| io::Error::other("listener has no IP address"))?;
        if local.ip().is_unspecified() {
            // 0.0.0.0 is not an address a client can call; loopback always reaches it.
            local.set_ip([127, 0, 0, 1].into());
        }
        let server = Arc::new(server);
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicU64::new(0));
        let workers = (0..config.workers)
            .map(|i| {
                let (server, hub, stop, served) = (server.clone(), hub.clone(), stop.clone(), served.clone());
                thread::Builder::new()
                    .name(format!("sandbox-worker-{i}"))
                    .spawn(move || worker(&server, &hub, &stop, &served))
            })
            .collect::<io::Result<Vec<_>>>()?;
        let _nudger = Nudger::start(local, served)?;
        Ok(Sandbox { _nudger, server, hub, stop, workers, addr: local })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("base_url", &self.base_url()).finish_non_exhaustive()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Each unblock wakes exactly one worker blocked in recv().
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn worker(server: &Server, hub: &Hub, stop: &AtomicBool, served: &AtomicU64) {
    while !stop.load(Ordering::SeqCst) {
        // Err is either our own unblock() or a failed accept; the loop condition sorts them out.
        if let Ok(request) = server.recv() {
            serve(hub, request);
            served.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// One request, start to finish, with the fault layer (API routes only) around the hub.
fn serve(hub: &Hub, mut request: Request) {
    let api_request = match wire::read(&mut request) {
        Ok(api_request) => api_request,
        Err(e) => return wire::respond(request, e.into()),
    };
    let fault = if hub.is_api_request(&api_request) { hub.faults.draw() } else { None };
    let response = match fault {
        Some(Fault::RateLimited) => rate_limited(hub.faults.retry_after_s()),
        Some(Fault::Error) => injected_error(),
        Some(Fault::DropBefore) => return wire::break_connection(request, None),
        _ => hub.dispatch(&api_request),
    };
    match fault {
        Some(Fault::ErrorAfter) => wire::respond(request, injected_error()),
        Some(Fault::DropAfter) => wire::break_connection(request, None),
        Some(Fault::Truncate) => wire::break_connection(request, Some(&response)),
        Some(Fault::Garbage) => {
            wire::respond_raw(request, 200, "text/html", b"<html><body>502 Bad Gateway</body></html>")
        }
        _ => wire::respond(request, response),
    }
}

fn rate_limited(retry_after_s: u64) -> ApiResponse {
    ApiError::new(429, "rate_limited", "too many requests (injected fault)")
        .header("Retry-After", &retry_after_s.to_string())
        .into()
}

fn injected_error() -> ApiResponse {
    ApiError::new(500, "internal_error", "the server failed (injected fault)").into()
}

#[cfg(test)]
mod tests {
    /// Tests commonly keep one sandbox in a static shared by every test thread.
    #[test]
    fn sandbox_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::Sandbox>();
    }
}
