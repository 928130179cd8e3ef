//! Real TLS on loopback: a certificate from a private CA is refused until that CA is given as
//! `ca_file`, and then the platform's roots plus the file are trusted together.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use shiplink::{Client, Config, Queue, Status};

struct Pki {
    ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

fn pki() -> Pki {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "shiplink test CA");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf =
        CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap().signed_by(&leaf_key, &ca).unwrap();
    let chain = vec![CertificateDer::from(leaf.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    Pki { ca_pem: ca.pem(), server: Arc::new(server) }
}

/// Serves `[]` over TLS to each connection until the test ends; returns the base URL.
fn serve_tls(config: Arc<rustls::ServerConfig>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("https://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let Ok(conn) = rustls::ServerConnection::new(Arc::clone(&config)) else { continue };
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            let mut reader = BufReader::new(&mut tls);
            let mut line = String::new();
            // A failed handshake surfaces here as a read error: nothing to answer.
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) && line != "\r\n" {
                line.clear();
            }
            let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]");
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    base
}

fn config(base: &str) -> Config {
    let mut config = Config::new(base, common::token());
    config.max_retries = 0;
    config
}

#[test]
fn a_private_ca_is_refused_then_trusted_through_ca_file() {
    let pki = pki();
    let base = serve_tls(Arc::clone(&pki.server));

    let e = Client::new(config(&base)).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert_eq!(e.status, Status::Tls, "{e}");
    assert!(!e.message.contains(common::token()));

    let dir = std::env::temp_dir().join(format!("shiplink-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).unwrap();
    let mut trusting = config(&base);
    trusting.ca_file = Some(ca_file);
    let orders = Client::new(trusting).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap();
    assert!(orders.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn https_to_a_plain_http_port_fails_cleanly() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("https://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for mut tcp in listener.incoming().flatten() {
            let _ = tcp.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let e = Client::new(config(&base)).unwrap().poll_queue(Queue::PendingAccept, 1, None).unwrap_err();
    assert!(matches!(e.status, Status::Tls | Status::Network), "{e}");
}

#[test]
fn unreadable_ca_files_are_named() {
    let mut missing = config("https://127.0.0.1:9");
    missing.ca_file = Some("/nonexistent/shiplink-ca.pem".into());
    let e = Client::new(missing).err().unwrap();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.starts_with("ca_file"), "{}", e.message);

    let dir = std::env::temp_dir().join(format!("shiplink-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let mut no_certs = config("https://127.0.0.1:9");
    no_certs.ca_file = Some(empty);
    let e = Client::new(no_certs).err().unwrap();
    assert!(e.message.starts_with("ca_file"), "{}", e.message);
    std::fs::remove_dir_all(&dir).ok();
}
