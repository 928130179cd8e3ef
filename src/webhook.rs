//! Webhook signatures: verify deliveries (hosts) and sign them (senders).
//!
//! Two schemes are in use by the systems shiplink talks to:
//!
//! - [`Scheme::Timestamped`] (the 3PL/WMS blueprint): header `t=<unix>,v1=<hex>` with
//!   `v1 = hex(HMAC-SHA256(secret, "{t}.{raw body}"))`. The timestamp is inside the MAC, so an
//!   attacker cannot re-stamp a captured delivery; that is what makes the replay window mean
//!   something. Several `v1=` entries may be present so a sender can rotate secrets.
//! - [`Scheme::Hex`] (Shipper's `X-Shipper-Signature`): the hex HMAC-SHA256 of the raw body. It
//!   carries no timestamp, so it cannot stop replays: hosts should dedup on the event id.
//!
//! Why it is written the way it is:
//!
//! - The MAC covers the raw bytes exactly as received. Verifying a re-serialised copy of parsed
//!   JSON (keys reordered, characters re-escaped) fails every time, so bodies are `&[u8]` and are
//!   never turned into text.
//! - MACs are compared in constant time ([`subtle`]), so response timing does not reveal how many
//!   leading bytes of a forged signature were right. The received header is not secret, so
//!   parsing it may take data-dependent time.
//! - Checks run in the order parse → MAC → replay window. Nothing about time is reported for a
//!   delivery that is not authentic, and a forged delivery is always a mismatch, old or not.
//! - Error messages never contain the secret, nor the expected MAC (that would hand the caller a
//!   valid signature for a body of their choosing), nor the received header.
//! - The body is never copied: `t`, `.` and the body are fed to the MAC one after the other, and
//!   `sha2` picks the CPU's SHA extensions (x86 SHA-NI, ARMv8 SHA2) at run time when present.

use std::str::FromStr;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::{Choice, ConstantTimeEq};

use crate::error::{Error, Result, Status};

/// Which signature format a webhook sender uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `t=<unix>,v1=<hex>` over `"{t}.{raw body}"`, with a replay window.
    Timestamped,
    /// The hex HMAC-SHA256 of the raw body, nothing else.
    Hex,
}

impl FromStr for Scheme {
    type Err = Error;

    /// Accepts the names used in configuration: `"timestamped"` or `"hex"`.
    fn from_str(s: &str) -> Result<Scheme> {
        match s {
            "timestamped" => Ok(Scheme::Timestamped),
            "hex" => Ok(Scheme::Hex),
            other => Err(Error::invalid(
                "scheme",
                format!("unknown webhook scheme {other:?}; expected \"timestamped\" or \"hex\""),
            )),
        }
    }
}

/// How far (seconds) a timestamped delivery may be from `now`, either way: ~5 minutes, as the
/// spec suggests, absorbs clock skew and delivery delay without making replays easy.
pub const DEFAULT_TOLERANCE_SECS: u32 = 300;

const MAC_LEN: usize = 32;
const HEX_LEN: usize = 2 * MAC_LEN;

/// Verifies `header` against the raw `body` bytes exactly as received.
///
/// `now_unix` is the current time in Unix seconds (a parameter so hosts and tests control the
/// clock); `tolerance_secs` is the replay window, `0` meaning [`DEFAULT_TOLERANCE_SECS`]. It is
/// ignored by [`Scheme::Hex`], which has no timestamp.
///
/// Errors: `InvalidArgument` (empty secret), `SignatureMalformed` (the header cannot be
/// parsed), `SignatureMismatch` (wrong secret or altered body), `SignatureExpired` (authentic
/// but outside the replay window).
pub fn verify(
    scheme: Scheme,
    secret: &[u8],
    header: &str,
    body: &[u8],
    now_unix: i64,
    tolerance_secs: u32,
) -> Result<()> {
    let mac = keyed_mac(secret)?;
    match scheme {
        Scheme::Hex => {
            let received = parse_hex_header(header)?;
            let expected = finish(mac, &[body]);
            if bool::from(expected.ct_eq(&received)) {
                Ok(())
            } else {
                Err(mismatch("the signature does not match the body"))
            }
        }
        Scheme::Timestamped => {
            let parsed = parse_timestamped(header)?;
            // One MAC per call, however many v1 entries the header carries.
            let expected = finish(mac, &[parsed.t_text.as_bytes(), b".", body]);
            // Fold every comparison in, rather than stopping at the first hit, so timing does
            // not depend on which entry matched.
            let matched =
                parsed.signatures.iter().fold(Choice::from(0), |acc, sig| acc | expected.ct_eq(sig));
            if !bool::from(matched) {
                if parsed.malformed_v1 > 0 {
                    return Err(malformed(format!(
                        "{} v1 value(s) are not 64 hex digits, and no well-formed v1 matches",
                        parsed.malformed_v1
                    )));
                }
                return Err(mismatch(&format!(
                    "none of the {} v1 signature(s) matches",
                    parsed.signatures.len()
                )));
            }
            check_window(parsed.t, now_unix, tolerance_secs)
        }
    }
}

/// The header value a sender puts on a delivery. `timestamp` is ignored by Scheme::Hex.
///
/// [`Scheme::Timestamped`] gives `t=<timestamp>,v1=<lowercase hex>`; [`Scheme::Hex`] gives
/// the lowercase hex MAC. Errors: `InvalidArgument` for an empty secret or, when timestamped,
/// a negative timestamp.
pub fn sign(scheme: Scheme, secret: &[u8], body: &[u8], timestamp: i64) -> Result<String> {
    let mac = keyed_mac(secret)?;
    match scheme {
        Scheme::Hex => Ok(encode_hex(&finish(mac, &[body]))),
        Scheme::Timestamped => {
            if timestamp < 0 {
                return Err(Error::invalid("timestamp", "must be Unix seconds (not negative)"));
            }
            let t = timestamp.to_string();
            let tag = finish(mac, &[t.as_bytes(), b".", body]);
            Ok(format!("t={t},v1={}", encode_hex(&tag)))
        }
    }
}

/// Verifies a delivery as [`verify`] does, then returns its body: the event, as JSON text
/// exactly as it arrived (never a re-serialised copy). The body must be a JSON object; a
/// blueprint delivery ([`Scheme::Timestamped`]) must also carry a string `event_id`, the key a
/// host dedupes on, since deliveries are at least once and may repeat.
///
/// Errors: those of [`verify`] first (nothing of an unauthentic body is read), then `Decode`
/// for an authentic body that is not such an event.
pub fn parse(
    scheme: Scheme,
    secret: &[u8],
    header: &str,
    body: &[u8],
    now_unix: i64,
    tolerance_secs: u32,
) -> Result<String> {
    verify(scheme, secret, header, body, now_unix, tolerance_secs)?;
    let not_an_event = |why: &str| Error::new(Status::Decode, format!("the delivery is authentic but {why}"));
    let text = std::str::from_utf8(body).map_err(|_| not_an_event("its body is not UTF-8 text"))?;
    let event: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|_| not_an_event("its body is not a JSON object"))?;
    if scheme == Scheme::Timestamped && !event.get("event_id").is_some_and(|id| id.is_string()) {
        return Err(not_an_event("it has no string event_id"));
    }
    Ok(text.to_owned())
}

fn keyed_mac(secret: &[u8]) -> Result<Hmac<Sha256>> {
    if secret.is_empty() {
        // HMAC accepts an empty key, but then anyone can produce a "valid" signature.
        return Err(Error::invalid("secret", "must not be empty: anyone could forge signatures"));
    }
    // HMAC takes keys of any length, so this never fails; no unwrap all the same.
    Hmac::<Sha256>::new_from_slice(secret)
        .map_err(|_| Error::invalid("secret", "not accepted as an HMAC-SHA256 key"))
}

/// Feeds the parts to the MAC in order: the same as MACing their concatenation, without
/// building it.
fn finish(mut mac: Hmac<Sha256>, parts: &[&[u8]]) -> [u8; MAC_LEN] {
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

struct Timestamped<'h> {
    /// `t` exactly as it appears in the header: that text is what the sender signed.
    t_text: &'h str,
    t: i64,
    signatures: Vec<[u8; MAC_LEN]>,
    malformed_v1: usize,
}

fn parse_timestamped(header: &str) -> Result<Timestamped<'_>> {
    if header.trim().is_empty() {
        return Err(malformed("the signature header is empty"));
    }
    let mut t: Option<(&str, i64)> = None;
    let mut signatures = Vec::new();
    let mut malformed_v1 = 0;
    for pair in header.split(',') {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(malformed("expected comma-separated key=value pairs: t=<unix>,v1=<hex>"));
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "t" => {
                if t.is_some() {
                    return Err(malformed("more than one t= timestamp"));
                }
                t = Some((value, parse_unix(value)?));
            }
            "v1" => match decode_hex(value) {
                Some(sig) => signatures.push(sig),
                None => malformed_v1 += 1,
            },
            // Other versions (e.g. v0=) and future keys are not ours to judge.
            _ => {}
        }
    }
    let Some((t_text, t)) = t else {
        return Err(malformed("no t= timestamp"));
    };
    if signatures.is_empty() && malformed_v1 == 0 {
        return Err(malformed("no v1= signature"));
    }
    if signatures.is_empty() {
        return Err(malformed("v1 must be 64 hex digits (an HMAC-SHA256)"));
    }
    Ok(Timestamped { t_text, t, signatures, malformed_v1 })
}

/// Plain decimal digits only: `i64::from_str` would also take `+5`, which no sender writes.
fn parse_unix(value: &str) -> Result<i64> {
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| value.parse().ok())
        .flatten()
        .ok_or_else(|| malformed("t must be a non-negative whole number of Unix seconds"))
}

fn parse_hex_header(header: &str) -> Result<[u8; MAC_LEN]> {
    let value = header.trim();
    if value.is_empty() {
        return Err(malformed("the signature header is empty"));
    }
    // GitHub-style `sha256=<hex>` is common enough that senders copy it.
    let value = match value.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("sha256=") => &value[7..],
        _ => value,
    };
    decode_hex(value)
        .ok_or_else(|| malformed("expected 64 hex digits (an HMAC-SHA256), optionally after sha256="))
}

fn check_window(t: i64, now_unix: i64, tolerance_secs: u32) -> Result<()> {
    let tolerance = if tolerance_secs == 0 { DEFAULT_TOLERANCE_SECS } else { tolerance_secs };
    // abs_diff cannot overflow, whatever the two values are.
    let skew = now_unix.abs_diff(t);
    if skew <= u64::from(tolerance) {
        return Ok(());
    }
    let when = if t < now_unix { "ago" } else { "in the future" };
    Err(Error::new(
        Status::SignatureExpired,
        format!(
            "the delivery was signed {skew} s {when}, outside the {tolerance} s replay window: \
             a replayed or long-delayed delivery, or a clock out of sync on either side"
        ),
    ))
}

fn malformed(problem: impl Into<String>) -> Error {
    Error::new(Status::SignatureMalformed, problem.into())
}

fn mismatch(what: &str) -> Error {
    Error::new(
        Status::SignatureMismatch,
        format!(
            "{what}: wrong secret, or the body was altered before verification \
             (verify the raw request bytes exactly as received, not re-serialised JSON)"
        ),
    )
}

/// Upper or lower case, exactly 64 digits.
fn decode_hex(s: &str) -> Option<[u8; MAC_LEN]> {
    let s = s.as_bytes();
    if s.len() != HEX_LEN {
        return None;
    }
    let mut out = [0u8; MAC_LEN];
    for (byte, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn parse_returns_the_authentic_event_verbatim() {
        let secret = b"whsec_0123456789abcdef";
        let body = br#"{"event_id":"evt_1","event_type":"shipment.created","data":{"id":"shp_1"}}"#;
        let header = sign(Scheme::Timestamped, secret, body, 1_782_043_452).unwrap();
        let event = parse(Scheme::Timestamped, secret, &header, body, 1_782_043_460, 0).unwrap();
        assert_eq!(event.as_bytes(), body);
        // Verification comes first: a forged or stale delivery is never read.
        let forged = parse(Scheme::Timestamped, b"another-secret-00", &header, body, 1_782_043_460, 0);
        assert_eq!(forged.unwrap_err().status, Status::SignatureMismatch);
        let stale = parse(Scheme::Timestamped, secret, &header, body, 1_782_053_460, 0);
        assert_eq!(stale.unwrap_err().status, Status::SignatureExpired);
        // Authentic, but not an event a host can dedupe.
        for bad in [&br#"{"event_type":"x"}"#[..], br#"[1]"#, b"\xff\xfe", br#"{"event_id":7}"#] {
            let header = sign(Scheme::Timestamped, secret, bad, 1_782_043_452).unwrap();
            let e = parse(Scheme::Timestamped, secret, &header, bad, 1_782_043_460, 0).unwrap_err();
            assert_eq!(e.status, Status::Decode, "{bad:?}");
        }
        // Shipper's events have no event_id; any JSON object will do.
        let shipper = br#"{"event":"order.status_changed","data":{"order_id":555}}"#;
        let header = sign(Scheme::Hex, secret, shipper, 0).unwrap();
        assert_eq!(parse(Scheme::Hex, secret, &header, shipper, 0, 0).unwrap().as_bytes(), shipper);
    }

    use super::*;

    const SECRET: &[u8] = b"whsec_unit_test_secret";
    const BODY: &[u8] = b"{\"event\":\"shipment.created\",\"id\":\"evt_1\"}";
    const T: i64 = 1_782_043_452;

    fn v1(secret: &[u8], t: &str, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(t.as_bytes());
        mac.update(b".");
        mac.update(body);
        encode_hex(&mac.finalize().into_bytes())
    }

    fn check_ts(header: &str) -> Result<()> {
        verify(Scheme::Timestamped, SECRET, header, BODY, T, 0)
    }

    fn status(r: Result<()>) -> Status {
        r.expect_err("expected an error").status
    }

    #[test]
    fn scheme_names() {
        assert_eq!("timestamped".parse::<Scheme>().unwrap(), Scheme::Timestamped);
        assert_eq!("hex".parse::<Scheme>().unwrap(), Scheme::Hex);
        for bad in ["", "HEX", "Timestamped", " hex", "sha256", "v1"] {
            let err = bad.parse::<Scheme>().unwrap_err();
            assert_eq!(err.status, Status::InvalidArgument, "{bad:?}");
            assert!(err.message.starts_with("scheme: "), "{}", err.message);
        }
    }

    #[test]
    fn empty_secret_is_invalid_argument() {
        for scheme in [Scheme::Timestamped, Scheme::Hex] {
            let err = verify(scheme, b"", "t=1,v1=00", BODY, T, 0).unwrap_err();
            assert_eq!(err.status, Status::InvalidArgument);
            assert!(err.message.starts_with("secret: "), "{}", err.message);
            let err = sign(scheme, b"", BODY, T).unwrap_err();
            assert_eq!(err.status, Status::InvalidArgument);
            assert!(err.message.starts_with("secret: "), "{}", err.message);
        }
    }

    #[test]
    fn sign_formats() {
        let sig = v1(SECRET, &T.to_string(), BODY);
        assert_eq!(sign(Scheme::Timestamped, SECRET, BODY, T).unwrap(), format!("t={T},v1={sig}"));
        assert_eq!(sign(Scheme::Timestamped, SECRET, BODY, 0).unwrap().split(',').next(), Some("t=0"));
        let hex = sign(Scheme::Hex, SECRET, BODY, -1).unwrap(); // timestamp ignored
        assert_eq!(hex.len(), 64);
        assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let err = sign(Scheme::Timestamped, SECRET, BODY, -1).unwrap_err();
        assert_eq!(err.status, Status::InvalidArgument);
        assert!(err.message.starts_with("timestamp: "), "{}", err.message);
    }

    #[test]
    fn timestamped_round_trip() {
        let header = sign(Scheme::Timestamped, SECRET, BODY, T).unwrap();
        assert_eq!(check_ts(&header), Ok(()));
    }

    #[test]
    fn timestamped_malformed() {
        let sig = v1(SECRET, &T.to_string(), BODY);
        let cases = [
            String::new(),
            "   ".to_string(),
            format!("v1={sig}"),                        // missing t
            format!("t={T},t={T},v1={sig}"),            // duplicate t
            format!("t=,v1={sig}"),                     // empty t
            format!("t=abc,v1={sig}"),                  // non-numeric t
            format!("t=12a,v1={sig}"),                  // trailing junk
            format!("t=+{T},v1={sig}"),                 // sign
            format!("t=1.5,v1={sig}"),                  // fraction
            format!("t=-5,v1={sig}"),                   // negative
            format!("t=99999999999999999999,v1={sig}"), // beyond i64
            format!("t={T}"),                           // no v1
            format!("t={T},v0={sig}"),                  // only unknown keys
            format!("t={T},v1={}", &sig[..63]),         // short
            format!("t={T},v1={sig}0"),                 // long
            format!("t={T},v1=g{}", &sig[1..]),         // non-hex
            format!("t={T},v1="),                       // empty v1
            format!("t={T},v1={sig},"),                 // trailing comma: not key=value
            format!("t={T};v1={sig}"),                  // wrong separator
            format!("t={T},v1={sig},garbage"),          // pair without '='
        ];
        for header in cases {
            assert_eq!(status(check_ts(&header)), Status::SignatureMalformed, "{header:?}");
        }
    }

    #[test]
    fn timestamped_lenient_where_harmless() {
        let sig = v1(SECRET, &T.to_string(), BODY);
        let upper = sig.to_ascii_uppercase();
        let mixed: String = sig
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        for header in [
            format!("t={T},v1={upper}"),
            format!("t={T},v1={mixed}"),
            format!("  t={T} ,\tv1={sig}  "),
            format!("t = {T}, v1 = {sig}"),
            format!("v1={sig},t={T}"),
            format!("t={T},v0=whatever,v1={sig},scheme=x"),
        ] {
            assert_eq!(check_ts(&header), Ok(()), "{header:?}");
        }
    }

    #[test]
    fn rotation() {
        let good = v1(SECRET, &T.to_string(), BODY);
        let old = v1(b"the previous secret", &T.to_string(), BODY);
        assert_eq!(check_ts(&format!("t={T},v1={old},v1={good}")), Ok(()));
        assert_eq!(check_ts(&format!("t={T},v1={good},v1={old}")), Ok(()));
        // A malformed entry does not spoil a matching one...
        assert_eq!(check_ts(&format!("t={T},v1=zz,v1={good}")), Ok(()));
        // ...but with no match it is reported as malformed, the more specific complaint.
        let err = check_ts(&format!("t={T},v1=zz,v1={old}")).unwrap_err();
        assert_eq!(err.status, Status::SignatureMalformed);
        assert_eq!(status(check_ts(&format!("t={T},v1={old},v1={old}"))), Status::SignatureMismatch);
    }

    #[test]
    fn timestamp_is_signed_as_written() {
        // The MAC covers the t text exactly as sent; a sender that zero-pads signs the padding.
        let padded = format!("0{T}");
        let header = format!("t={padded},v1={}", v1(SECRET, &padded, BODY));
        assert_eq!(check_ts(&header), Ok(()));
        let header = format!("t={padded},v1={}", v1(SECRET, &T.to_string(), BODY));
        assert_eq!(status(check_ts(&header)), Status::SignatureMismatch);
    }

    #[test]
    fn replay_window_both_directions() {
        let tol = 300u32;
        for (t, ok) in [(T - 300, true), (T - 301, false), (T + 300, true), (T + 301, false)] {
            let header = sign(Scheme::Timestamped, SECRET, BODY, t).unwrap();
            let got = verify(Scheme::Timestamped, SECRET, &header, BODY, T, tol);
            if ok {
                assert_eq!(got, Ok(()), "t offset {}", t - T);
            } else {
                assert_eq!(status(got), Status::SignatureExpired, "t offset {}", t - T);
            }
            // tolerance 0 means the default 300 s: same outcome.
            let got = verify(Scheme::Timestamped, SECRET, &header, BODY, T, 0);
            assert_eq!(got.is_ok(), ok);
        }
        // A custom window.
        let header = sign(Scheme::Timestamped, SECRET, BODY, T - 10).unwrap();
        assert_eq!(verify(Scheme::Timestamped, SECRET, &header, BODY, T, 10), Ok(()));
        assert_eq!(
            status(verify(Scheme::Timestamped, SECRET, &header, BODY, T, 9)),
            Status::SignatureExpired
        );
        // Extremes do not overflow.
        let header = sign(Scheme::Timestamped, SECRET, BODY, i64::MAX).unwrap();
        assert_eq!(
            status(verify(Scheme::Timestamped, SECRET, &header, BODY, i64::MIN, u32::MAX)),
            Status::SignatureExpired
        );
    }

    #[test]
    fn mismatch_wins_over_expired() {
        let header = sign(Scheme::Timestamped, b"another secret", BODY, T - 10_000).unwrap();
        assert_eq!(status(check_ts(&header)), Status::SignatureMismatch);
    }

    #[test]
    fn hex_scheme() {
        let sig = sign(Scheme::Hex, SECRET, BODY, 0).unwrap();
        let check = |h: &str| verify(Scheme::Hex, SECRET, h, BODY, 0, 0);
        for ok in [
            sig.clone(),
            sig.to_ascii_uppercase(),
            format!("  {sig}\r\n"),
            format!("sha256={sig}"),
            format!("SHA256={}", sig.to_ascii_uppercase()),
        ] {
            assert_eq!(check(&ok), Ok(()), "{ok:?}");
        }
        for bad in [
            String::new(),
            " \t".to_string(),
            "sha256=".to_string(),
            sig[..63].to_string(),
            format!("{sig}0"),
            format!("x{}", &sig[1..]),
            format!("sha1={sig}"),
            format!("sha256= {sig}"),
            format!("t={T},v1={sig}"),
        ] {
            assert_eq!(status(check(&bad)), Status::SignatureMalformed, "{bad:?}");
        }
        let wrong = sign(Scheme::Hex, b"wrong", BODY, 0).unwrap();
        assert_eq!(status(check(&wrong)), Status::SignatureMismatch);
        // The Hex scheme has no clock: any now/tolerance is irrelevant.
        assert_eq!(verify(Scheme::Hex, SECRET, &sig, BODY, i64::MIN, 1), Ok(()));
    }

    #[test]
    fn arbitrary_bytes() {
        let body: &[u8] = b"\x00\xff\xfe\x80{\x00}\xc3\x28";
        for scheme in [Scheme::Timestamped, Scheme::Hex] {
            let header = sign(scheme, b"\x00key\xff", body, T).unwrap();
            assert_eq!(verify(scheme, b"\x00key\xff", &header, body, T, 0), Ok(()));
            assert_eq!(
                status(verify(scheme, b"\x00key\xff", &header, &body[1..], T, 0)),
                Status::SignatureMismatch
            );
        }
    }

    #[test]
    fn errors_leak_neither_secret_nor_expected_mac() {
        let secret = b"s3cr3t-never-printed";
        let expected_ts = sign(Scheme::Timestamped, secret, BODY, T).unwrap();
        let expected_v1 = expected_ts.split_once(",v1=").unwrap().1.to_string();
        let expected_hex = sign(Scheme::Hex, secret, BODY, 0).unwrap();
        let attempts = [
            (Scheme::Timestamped, format!("t={T},v1={}", "0".repeat(64))),
            (Scheme::Timestamped, format!("t={T},v1=zz")),
            (Scheme::Timestamped, format!("t={},{}", T - 9999, &expected_ts[13..])),
            (Scheme::Hex, "0".repeat(64)),
            (Scheme::Hex, "nothex".to_string()),
        ];
        for (scheme, header) in attempts {
            let err = verify(scheme, secret, &header, BODY, T, 0).unwrap_err();
            let shown = format!("{err} {err:?} {}", err.to_json());
            for leak in ["s3cr3t", expected_v1.as_str(), expected_hex.as_str()] {
                assert!(!shown.contains(leak), "{shown}");
            }
        }
    }
}
