//! Bytes on the socket: reading a tiny_http request into an [`ApiRequest`], and writing an
//! answer, a raw non-JSON answer, or the wreck of one.

use std::io::{Read, Write};

use tiny_http::{Header, Method, Request, Response};

use crate::http::{ApiError, ApiRequest, ApiResponse};

/// Bodies larger than this are refused; no request of any hosted API comes near it.
const MAX_BODY: u64 = 4 * 1024 * 1024;

pub fn read(request: &mut Request) -> Result<ApiRequest, ApiError> {
    let mut api = ApiRequest::new(request.method().as_str(), request.url());
    api.authorization = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.as_str().to_string());
    api.headers = request
        .headers()
        .iter()
        .filter(|h| !h.field.equiv("Authorization"))
        .map(|h| (h.field.as_str().as_str().to_string(), h.value.as_str().to_string()))
        .collect();
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

pub fn respond(request: Request, response: ApiResponse) {
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

pub fn respond_raw(request: Request, status: u16, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut writer = request.into_writer();
    let _ =
        writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(body)).and_then(|()| writer.flush());
}

/// Ends the exchange the way a dead connection does for the client: no usable response.
/// tiny_http cannot close a kept-alive socket from here, so the client is sent bytes it must
/// reject at once (not an HTTP response at all, or a chunked body broken off half-way) and it
/// abandons the connection itself.
pub fn break_connection(request: Request, partial: Option<&ApiResponse>) {
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

fn header(name: &str, value: &str) -> Header {
    // Only the sandbox's own ASCII constants get here.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}
