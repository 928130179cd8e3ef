//! Known-answer tests for `shiplink::webhook`, through the public API only.
//!
//! - RFC 4231 HMAC-SHA256 test cases, checked through the Hex scheme (a bare HMAC of the body).
//! - Vectors from an independent implementation (Python's stdlib `hmac`, see
//!   `tests/vectors/make_vectors.py`), for both schemes, verified and reproduced byte for byte.
//! - Tampering, replay and a large body.

use serde_json::Value;
use shiplink::webhook::{sign, verify, Scheme, DEFAULT_TOLERANCE_SECS};
use shiplink::Status;

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd-length hex");
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Changes one hex digit (at `index`) to a different hex digit.
fn flip_hex_digit(s: &str, index: usize) -> String {
    let mut bytes = s.as_bytes().to_vec();
    bytes[index] = if bytes[index] == b'0' { b'1' } else { b'0' };
    String::from_utf8(bytes).unwrap()
}

fn status_of(r: shiplink::Result<()>) -> Status {
    r.expect_err("expected verification to fail").status
}

// ---------------------------------------------------------------------------------------------
// RFC 4231 §4.2–4.8

struct Rfc4231 {
    case: u32,
    key: Vec<u8>,
    data: Vec<u8>,
    hmac_sha256: &'static str,
}

fn rfc4231() -> Vec<Rfc4231> {
    vec![
        Rfc4231 {
            case: 1,
            key: vec![0x0b; 20],
            data: b"Hi There".to_vec(),
            hmac_sha256: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        },
        Rfc4231 {
            case: 2,
            key: b"Jefe".to_vec(),
            data: b"what do ya want for nothing?".to_vec(),
            hmac_sha256: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        },
        Rfc4231 {
            case: 3,
            key: vec![0xaa; 20],
            data: vec![0xdd; 50],
            hmac_sha256: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        },
        Rfc4231 {
            case: 4,
            key: (0x01..=0x19).collect(),
            data: vec![0xcd; 50],
            hmac_sha256: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        },
        // Case 5 defines only the first 128 bits of the output ("Test With Truncation").
        Rfc4231 {
            case: 5,
            key: vec![0x0c; 20],
            data: b"Test With Truncation".to_vec(),
            hmac_sha256: "a3b6167473100ee06e0c796c2955552b",
        },
        Rfc4231 {
            case: 6,
            key: vec![0xaa; 131],
            data: b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            hmac_sha256: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        },
        Rfc4231 {
            case: 7,
            key: vec![0xaa; 131],
            data: b"This is a test using a larger than block-size key and a larger than \
                    block-size data. The key needs to be hashed before being used by the HMAC \
                    algorithm."
                .to_vec(),
            hmac_sha256: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        },
    ]
}

#[test]
fn rfc4231_through_hex_scheme() {
    for tc in rfc4231() {
        let signed = sign(Scheme::Hex, &tc.key, &tc.data, 0).unwrap();
        if tc.hmac_sha256.len() == 32 {
            // Truncated case: the RFC value must be a prefix of ours, and a truncated MAC is not
            // a valid header for this scheme.
            assert!(signed.starts_with(tc.hmac_sha256), "case {}", tc.case);
            let got = verify(Scheme::Hex, &tc.key, tc.hmac_sha256, &tc.data, 0, 0);
            assert_eq!(status_of(got), Status::SignatureMalformed, "case {}", tc.case);
            continue;
        }
        assert_eq!(signed, tc.hmac_sha256, "case {}", tc.case);
        assert_eq!(verify(Scheme::Hex, &tc.key, tc.hmac_sha256, &tc.data, 0, 0), Ok(()), "case {}", tc.case);
        for index in [0, 31, 63] {
            let flipped = flip_hex_digit(tc.hmac_sha256, index);
            let got = verify(Scheme::Hex, &tc.key, &flipped, &tc.data, 0, 0);
            assert_eq!(status_of(got), Status::SignatureMismatch, "case {} digit {index}", tc.case);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vectors from Python's stdlib (tests/vectors/make_vectors.py)

/// The documented rule for rule-generated bodies: byte i is (i mod 251).
fn mod251(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn body_of(case: &Value) -> Vec<u8> {
    let body = &case["body"];
    if let Some(hex) = body["hex"].as_str() {
        return unhex(hex);
    }
    assert_eq!(body["rule"], "mod251", "unknown body rule in {}", case["name"]);
    mod251(body["len"].as_u64().unwrap() as usize)
}

#[test]
fn python_stdlib_vectors() {
    let doc: Value = serde_json::from_str(include_str!("vectors/webhook_vectors.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 12, "expected at least a dozen vectors, got {}", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let scheme: Scheme = case["scheme"].as_str().unwrap().parse().unwrap();
        let secrets: Vec<Vec<u8>> =
            case["secrets_hex"].as_array().unwrap().iter().map(|s| unhex(s.as_str().unwrap())).collect();
        let header = case["header"].as_str().unwrap();
        let body = body_of(case);
        let t = case["timestamp"].as_i64().unwrap_or(0);

        // Each secret verifies the delivery on its own (rotation: either key is accepted).
        for secret in &secrets {
            assert_eq!(verify(scheme, secret, header, &body, t + 10, 0), Ok(()), "{name}");
        }

        // sign() reproduces Python's header byte for byte; with several secrets, the sender
        // lists one v1 per secret after a single t.
        let mut ours = String::new();
        for (i, secret) in secrets.iter().enumerate() {
            let one = sign(scheme, secret, &body, t).unwrap();
            if i == 0 {
                ours = one;
            } else {
                let (_, v1) = one.split_once(',').unwrap();
                ours = format!("{ours},{v1}");
            }
        }
        assert_eq!(ours, header, "{name}");

        // And a different secret is refused.
        let got = verify(scheme, b"not-the-secret", header, &body, t, 0);
        assert_eq!(status_of(got), Status::SignatureMismatch, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Tampering, replay, size

const SECRET: &[u8] = b"whsec_integration";
const BODY: &[u8] = br#"{"event":"shipment.created","event_id":"evt_1","data":{"order_id":555}}"#;
const NOW: i64 = 1_782_043_452;

#[test]
fn tampered_body() {
    for scheme in [Scheme::Timestamped, Scheme::Hex] {
        let header = sign(scheme, SECRET, BODY, NOW).unwrap();
        assert_eq!(verify(scheme, SECRET, &header, BODY, NOW, 0), Ok(()));
        for index in [0, BODY.len() / 2, BODY.len() - 1] {
            let mut body = BODY.to_vec();
            body[index] ^= 0x01;
            let got = verify(scheme, SECRET, &header, &body, NOW, 0);
            assert_eq!(status_of(got), Status::SignatureMismatch, "{scheme:?} byte {index}");
        }
        // Appending or dropping a byte is tampering too.
        let longer = [BODY, b" "].concat();
        assert_eq!(status_of(verify(scheme, SECRET, &header, &longer, NOW, 0)), Status::SignatureMismatch);
        let shorter = &BODY[..BODY.len() - 1];
        assert_eq!(status_of(verify(scheme, SECRET, &header, shorter, NOW, 0)), Status::SignatureMismatch);
    }
}

#[test]
fn tampered_timestamp() {
    let header = sign(Scheme::Timestamped, SECRET, BODY, NOW).unwrap();
    // Moving t by one second, still well inside the window, breaks the MAC: t is signed.
    let moved = header.replacen(&format!("t={NOW}"), &format!("t={}", NOW + 1), 1);
    assert_ne!(moved, header);
    assert_eq!(
        status_of(verify(Scheme::Timestamped, SECRET, &moved, BODY, NOW, 0)),
        Status::SignatureMismatch
    );
    // One byte of t made non-numeric is a malformed header.
    let broken = header.replacen("t=1", "t=x", 1);
    assert_eq!(
        status_of(verify(Scheme::Timestamped, SECRET, &broken, BODY, NOW, 0)),
        Status::SignatureMalformed
    );
}

#[test]
fn tampered_signature() {
    let header = sign(Scheme::Timestamped, SECRET, BODY, NOW).unwrap();
    let v1_at = header.find("v1=").unwrap() + 3;
    for offset in [0, 17, 63] {
        let flipped = flip_hex_digit(&header, v1_at + offset);
        let got = verify(Scheme::Timestamped, SECRET, &flipped, BODY, NOW, 0);
        assert_eq!(status_of(got), Status::SignatureMismatch, "offset {offset}");
    }
    let hex = sign(Scheme::Hex, SECRET, BODY, 0).unwrap();
    let got = verify(Scheme::Hex, SECRET, &flip_hex_digit(&hex, 40), BODY, 0, 0);
    assert_eq!(status_of(got), Status::SignatureMismatch);
    // A non-hex byte where a digit was is malformed, not a mismatch.
    let mut junk = hex.into_bytes();
    junk[5] = b'g';
    let got = verify(Scheme::Hex, SECRET, std::str::from_utf8(&junk).unwrap(), BODY, 0, 0);
    assert_eq!(status_of(got), Status::SignatureMalformed);
}

#[test]
fn replay_outside_the_window() {
    let header = sign(Scheme::Timestamped, SECRET, BODY, NOW).unwrap();
    let window = i64::from(DEFAULT_TOLERANCE_SECS);
    assert_eq!(verify(Scheme::Timestamped, SECRET, &header, BODY, NOW + window, 0), Ok(()));
    for now in [NOW + window + 1, NOW + 86_400, NOW - window - 1] {
        let got = verify(Scheme::Timestamped, SECRET, &header, BODY, now, 0);
        assert_eq!(status_of(got), Status::SignatureExpired, "now - t = {}", now - NOW);
    }
    // A replay re-stamped with a fresh t no longer matches.
    let restamped = header.replacen(&NOW.to_string(), &(NOW + 3600).to_string(), 1);
    let got = verify(Scheme::Timestamped, SECRET, &restamped, BODY, NOW + 3600, 0);
    assert_eq!(status_of(got), Status::SignatureMismatch);
}

#[test]
fn ten_megabyte_body_round_trip() {
    let mut body = mod251(10 * 1000 * 1000);
    for scheme in [Scheme::Timestamped, Scheme::Hex] {
        let header = sign(scheme, SECRET, &body, NOW).unwrap();
        assert_eq!(verify(scheme, SECRET, &header, &body, NOW, 0), Ok(()), "{scheme:?}");
        let last = body.len() - 1;
        body[last] ^= 0x80;
        assert_eq!(status_of(verify(scheme, SECRET, &header, &body, NOW, 0)), Status::SignatureMismatch);
        body[last] ^= 0x80;
    }
}
