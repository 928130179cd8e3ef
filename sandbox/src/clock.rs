//! Timestamps in the wire format ShipperOne uses: UTC `yyyy-mm-dd hh:mm:ss`.

use chrono::{NaiveDateTime, Timelike, Utc};

pub const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

pub fn now() -> NaiveDateTime {
    // Whole seconds only: the wire format has no fraction, and comparing a stored value with
    // a `date` filter built from a previously returned `updated_at` must be exact.
    let t = Utc::now().naive_utc();
    t.with_nanosecond(0).unwrap_or(t)
}

pub fn format(t: &NaiveDateTime) -> String {
    t.format(FORMAT).to_string()
}

/// Strict parse: exactly `yyyy-mm-dd hh:mm:ss`. chrono alone would also take one-digit fields.
pub fn parse(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19 {
        return None;
    }
    let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b' ',
        13 | 16 => *c == b':',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(s, FORMAT).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_is_strict() {
        assert!(parse("2024-03-01 10:00:00").is_some());
        assert!(parse("2024-3-01 10:00:00").is_none());
        assert!(parse("2024-03-01T10:00:00").is_none());
        assert!(parse("2024-02-30 10:00:00").is_none());
        assert!(parse("2024-03-01 10:00:00 ").is_none());
    }

    #[test]
    fn round_trip() {
        let t = now();
        assert_eq!(parse(&format(&t)), Some(t));
    }
}
