//! A loopback HTTP server that answers from a script, for failures the sandbox does not stage:
//! it records every request line so tests can assert what was (and was not) sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// One scripted answer: `(status, extra headers, body)`, or `None` to drop the connection.
pub type Answer = Option<(u16, Vec<(&'static str, String)>, String)>;

pub struct Scripted {
    pub base_url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Scripted {
    /// Serves `answers` in order, one per request; requests past the end get a 599.
    pub fn start(answers: Vec<Answer>) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        thread::spawn(move || {
            let mut answers = answers.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                // One request per connection keeps the script easy to follow.
                let Some(recorded) = read_request(&stream) else { continue };
                log.lock().unwrap().push(recorded);
                match answers.next().unwrap_or(Some((599, vec![], "{}".into()))) {
                    None => drop(stream),
                    Some((code, headers, body)) => respond(stream, code, &headers, &body),
                }
            }
        });
        Scripted { base_url, requests }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn lines(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.line).collect()
    }
}

fn read_request(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        if k.eq_ignore_ascii_case("content-length") {
            length = v.trim().parse().unwrap_or(0);
        }
        headers.push((k.to_ascii_lowercase(), v.trim().to_owned()));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded { line: line.trim_end().to_owned(), headers, body: String::from_utf8_lossy(&body).into() })
}

fn respond(mut stream: TcpStream, code: u16, headers: &[(&str, String)], body: &str) {
    let mut text = format!(
        "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    let _ = stream.write_all(text.as_bytes());
}

pub fn ok(body: &str) -> Answer {
    Some((200, vec![], body.to_owned()))
}

pub fn status(code: u16, body: &str) -> Answer {
    Some((code, vec![], body.to_owned()))
}
