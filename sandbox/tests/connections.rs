//! Many hosts connecting at once: every connection is answered while the others stay open.
//! A WMS with a pool of workers opens its keep-alive connections in one burst at start-up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Barrier;
use std::time::Duration;

use shiplink_sandbox::{Sandbox, SandboxConfig};

const CONNECTIONS: usize = 24;

/// Sends one keep-alive request and reads the answer's status line; `None` if none came.
fn ask(stream: &mut TcpStream) -> Option<String> {
    let request = "GET /sandbox/stats HTTP/1.1\r\nHost: sandbox\r\nConnection: keep-alive\r\n\r\n";
    stream.write_all(request.as_bytes()).ok()?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).trim_end().to_owned())
}

#[test]
fn a_burst_of_keep_alive_connections_is_answered_while_all_stay_open() {
    for round in 0..5 {
        let sandbox = Sandbox::start(SandboxConfig::new()).unwrap();
        let address = sandbox.base_url().trim_start_matches("http://").to_owned();
        let (start, done) = (Barrier::new(CONNECTIONS), Barrier::new(CONNECTIONS));
        let answered: Vec<Option<String>> = std::thread::scope(|s| {
            let asks: Vec<_> = (0..CONNECTIONS)
                .map(|_| {
                    let (address, start, done) = (&address, &start, &done);
                    s.spawn(move || {
                        start.wait();
                        let mut stream = TcpStream::connect(address).unwrap();
                        // Generous: an answer comes in milliseconds, a stranded one never.
                        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                        let status = ask(&mut stream);
                        // Every connection stays open until all have had their answer or given
                        // up, as a host's pooled connections do.
                        done.wait();
                        status
                    })
                })
                .collect();
            asks.into_iter().map(|a| a.join().unwrap()).collect()
        });
        let unanswered = answered.iter().filter(|a| a.as_deref() != Some("HTTP/1.1 200 OK")).count();
        assert_eq!(
            unanswered, 0,
            "round {round}: {unanswered} of {CONNECTIONS} connections unanswered: {answered:?}"
        );
    }
}
