//! Date filters as the API reads them: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (UTC), or ISO
//! 8601 with an offset (`2026-05-14T00:00:00+01:00`, `…Z`). Anything else is refused here,
//! naming the field, rather than earning a 422 from the server. The text goes out as given;
//! the transport encodes its space as `%20` and a `+` as `%2B`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::error::{Error, Result};

/// Checks a date filter's text; `field` names it in the error.
pub fn check(field: &str, text: &str) -> Result<()> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let date_ok = bytes.len() >= 10
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10);
    let parsed = date_ok
        && match bytes.len() {
            10 => NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
            16 => bytes[10] == b' ' && NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").is_ok(),
            19 if bytes[10] == b' ' => NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").is_ok(),
            _ => (bytes[10] == b'T' || bytes[10] == b't') && DateTime::parse_from_rfc3339(text).is_ok(),
        };
    if parsed {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{text:?} is not a date the API reads: use YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (UTC) \
                 or ISO 8601 with an offset (2026-05-14T10:30:00Z)"
            ),
        ))
    }
}

/// A UTC time as the API's `YYYY-MM-DD HH:MM:SS`.
pub fn format(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_forms_pass_and_nothing_else() {
        for ok in [
            "2026-03-29",
            "2026-03-29 09:00",
            "2026-03-29 09:00:59",
            "2026-05-14T10:30:00Z",
            "2026-05-14T00:00:00+01:00",
            "2026-05-14T00:00:00.250-04:30",
        ] {
            check("start_date", ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "",
            "2026-3-29",
            "2026-03-29+09:00",
            "2026-03-29\u{10}09:00",
            "2026-03-29T09:00",
            "2026-05-14T10:30:00",
            "2026-02-30",
            "29/03/2026",
            "2026-03-29 9:00",
            "2026-03-29  09:00",
        ] {
            let e = check("end_date", bad).unwrap_err();
            assert!(e.message.starts_with("end_date: "), "{bad}: {}", e.message);
        }
    }
}
