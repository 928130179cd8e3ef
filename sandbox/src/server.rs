//! The HTTP front: a tiny_http listener, a pool of workers, and the per-request pipeline.

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::SandboxConfig;
use crate::faults::Fault;
use crate::http::{ApiError, ApiRequest, ApiResponse};
use crate::routes;
use crate::store::{lock, Shared, Store};

/// Bodies larger than this are refused; no ShipperOne request comes near it.
const MAX_BODY: u64 = 4 * 1024 * 1024;

/// A running sandbox. Dropping it stops the workers and closes the listener.
pub struct Sandbox {
    server: Arc<Server>,
    pub(crate) shared: Arc<Shared>,
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
        let server =
            Server::http(addr).map_err(|e| io::Error::other(format!("cannot listen on {addr}: {e}")))?;
        let mut local =
            server.server_addr().to_ip().ok_or_else(|| io::Error::other("listener has no IP address"))?;
        if local.ip().is_unspecified() {
            // 0.0.0.0 is not an address a client can call; loopback always reaches it.
            local.set_ip([127, 0, 0, 1].into());
        }
        let server = Arc::new(server);
        let shared = Arc::new(Mutex::new(Store::new(&config)));
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..config.workers)
            .map(|i| {
                let (server, shared, stop) = (server.clone(), shared.clone(), stop.clone());
                thread::Builder::new()
                    .name(format!("sandbox-worker-{i}"))
                    .spawn(move || worker(&server, &shared, &stop))
            })
            .collect::<io::Result<Vec<_>>>()?;
        Ok(Sandbox { server, shared, stop, workers, addr: local })
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

fn worker(server: &Server, shared: &Shared, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        // Err is either our own unblock() or a failed accept; the loop condition sorts them out.
        if let Ok(request) = server.recv() {
            serve(shared, request);
        }
    }
}

/// One request, start to finish, with the fault layer (REST paths only) around `dispatch`.
fn serve(shared: &Shared, mut request: Request) {
    let api_request = match read(&mut request) {
        Ok(api_request) => api_request,
        Err(e) => return respond(request, e.into()),
    };
    let fault = if api_request.path.starts_with("/rest/") { draw_fault(shared) } else { None };
    let response = match fault {
        Some(Fault::RateLimited) => rate_limited(shared),
        Some(Fault::Error) => injected_error(),
        Some(Fault::DropBefore) => return break_connection(request, None),
        _ => dispatch(shared, &api_request),
    };
    match fault {
        Some(Fault::ErrorAfter) => respond(request, injected_error()),
        Some(Fault::DropAfter) => break_connection(request, None),
        Some(Fault::Truncate) => break_connection(request, Some(&response)),
        Some(Fault::Garbage) => {
            respond_raw(request, 200, "text/html", b"<html><body>502 Bad Gateway</body></html>")
        }
        _ => respond(request, response),
    }
}

/// Sleeps the drawn latency (outside the lock) and returns the fault to inject, if any.
fn draw_fault(shared: &Shared) -> Option<Fault> {
    let (delay, fault) = {
        let mut store = lock(shared);
        if !store.faults.active() {
            return None;
        }
        let faults = store.faults.clone();
        let drawn = faults.draw(&mut store.fault_rng);
        if let Some(fault) = drawn.1 {
            *store.faults_injected.entry(fault.name()).or_default() += 1;
        }
        drawn
    };
    if delay > 0 {
        thread::sleep(Duration::from_millis(delay));
    }
    fault
}

fn rate_limited(shared: &Shared) -> ApiResponse {
    let retry_after = lock(shared).faults.retry_after_s;
    let mut response: ApiResponse =
        ApiError::new(429, "rate_limited", "too many requests (injected fault)").into();
    response.headers.push(("Retry-After".into(), retry_after.to_string()));
    response
}

fn injected_error() -> ApiResponse {
    ApiError::new(500, "internal_error", "the server failed (injected fault)").into()
}

/// Ends the exchange the way a dead connection does for the client: no usable response.
/// tiny_http cannot close a kept-alive socket from here, so the client is sent bytes it must
/// reject at once (not an HTTP response at all, or a chunked body broken off half-way) and it
/// abandons the connection itself.
fn break_connection(request: Request, partial: Option<&ApiResponse>) {
    let mut bytes = Vec::new();
    match partial {
        None => bytes.extend_from_slice(b"\x00\x00 connection reset\r\n\r\n"),
        Some(response) => {
            let body = response.body.to_string().into_bytes();
            let half = &body[..body.len() / 2];
            bytes.extend_from_slice(
                format!(
                    "HTTP/1.1 {} OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
                    response.status,
                    half.len()
                )
                .as_bytes(),
            );
            bytes.extend_from_slice(half);
            bytes.extend_from_slice(b"\r\n--\r\n");
        }
    }
    let mut writer = request.into_writer();
    let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
}

fn respond_raw(request: Request, status: u16, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut writer = request.into_writer();
    let _ =
        writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(body)).and_then(|()| writer.flush());
}

/// Also the entry point for in-process admin helpers, so both paths behave the same.
pub(crate) fn dispatch(shared: &Shared, request: &ApiRequest) -> ApiResponse {
    panic::catch_unwind(AssertUnwindSafe(|| routes::handle(shared, request))).unwrap_or_else(|_| {
        ApiError::new(500, "internal_error", "the sandbox failed while handling this request").into()
    })
}

fn read(request: &mut Request) -> Result<ApiRequest, ApiError> {
    let mut api = ApiRequest::new(request.method().as_str(), request.url());
    api.authorization = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.as_str().to_string());
    let mut body = Vec::new();
    request.as_reader().take(MAX_BODY + 1).read_to_end(&mut body).map_err(|e| {
        ApiError::bad_request("unreadable_body", format!("the request body could not be read: {e}"))
    })?;
    if body.len() as u64 > MAX_BODY {
        return Err(ApiError::new(
            413,
            "payload_too_large",
            format!("request bodies are limited to {MAX_BODY} bytes"),
        ));
    }
    api.body = body;
    Ok(api)
}

fn respond(request: Request, response: ApiResponse) {
    let bytes = response.body.to_string().into_bytes();
    let mut out = Response::from_data(bytes).with_status_code(response.status);
    out.add_header(header("Content-Type", "application/json"));
    for (name, value) in &response.headers {
        out.add_header(header(name, value));
    }
    // tiny_http's own respond() writes the head and the body separately; with Nagle on the
    // socket and a delayed ACK on the client, every keep-alive response then stalls ~40 ms.
    // Rendering the whole message first and writing it at once avoids that.
    let mut message = Vec::with_capacity(512);
    let head_only = request.method() == &Method::Head;
    let rendered =
        out.raw_print(&mut message, request.http_version().clone(), request.headers(), head_only, None);
    if rendered.is_err() {
        return;
    }
    let mut writer = request.into_writer();
    // The client may have gone away; there is nobody left to tell.
    let _ = writer.write_all(&message).and_then(|()| writer.flush());
}

fn header(name: &str, value: &str) -> Header {
    // Only the sandbox's own ASCII constants get here.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
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
