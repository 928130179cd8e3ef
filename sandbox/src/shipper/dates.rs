//! The `start_date`/`end_date` filters: the formats the spec accepts, and the 422 with its
//! `hint` for anything else, a `+` where a space should be above all (the usual encoding
//! mistake, which some servers would silently read as a space).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde_json::json;

use crate::http::{percent_decode, ApiResponse};

/// Which end of a range a date bounds: a bare date means the start of that day, or (as an
/// end) the whole of it.
#[derive(Clone, Copy)]
pub enum End {
    Start,
    End,
}

/// Reads the filter `name` from the raw query (still percent-encoded, so a literal `+` is
/// still visible); `Err` is the spec's 422.
pub fn filter(raw_query: &str, name: &str, end: End) -> Result<Option<DateTime<Utc>>, ApiResponse> {
    let Some(raw) = raw_value(raw_query, name) else {
        return Ok(None);
    };
    let value = percent_decode(raw);
    if raw.contains('+') {
        return Err(invalid(name, &value));
    }
    parse(&value, end).map(Some).ok_or_else(|| invalid(name, &value))
}

fn parse(value: &str, end: End) -> Option<DateTime<Utc>> {
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        if value.len() != 10 {
            return None;
        }
        let time = match end {
            End::Start => NaiveTime::MIN,
            End::End => NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999)?,
        };
        return Some(date.and_time(time).and_utc());
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(value, format) {
            // "on or before 09:00" takes in the whole of that minute (or second).
            let slack = match (end, format.len()) {
                (End::Start, _) => chrono::Duration::zero(),
                (End::End, 14) => chrono::Duration::microseconds(59_999_999),
                (End::End, _) => chrono::Duration::microseconds(999_999),
            };
            return Some(t.and_utc() + slack);
        }
    }
    DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&Utc))
}

fn invalid(name: &str, value: &str) -> ApiResponse {
    ApiResponse::with_status(
        422,
        json!({
            "error": format!("Invalid {name} format."),
            "value": value,
            "expected_formats": [
                "YYYY-MM-DD",
                "YYYY-MM-DD HH:MM",
                "YYYY-MM-DD HH:MM:SS",
                "ISO 8601 (e.g. 2026-05-14T10:30:00Z)"
            ],
            "hint": "A space in the URL must be encoded as %20, not %10 or +."
        }),
    )
}

/// The last raw value of `name` in a query string.
pub fn raw_value<'a>(raw_query: &'a str, name: &str) -> Option<&'a str> {
    raw_query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .rev()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_formats_and_nothing_else() {
        let ok = |q: &str| filter(q, "start_date", End::Start).ok().flatten().map(|t| t.to_rfc3339());
        assert_eq!(ok("start_date=2026-03-29").unwrap(), "2026-03-29T00:00:00+00:00");
        assert_eq!(ok("start_date=2026-03-29%2009%3A00").unwrap(), "2026-03-29T09:00:00+00:00");
        assert_eq!(ok("start_date=2026-03-29%2009:00:30").unwrap(), "2026-03-29T09:00:30+00:00");
        assert_eq!(ok("start_date=2026-05-14T00:00:00%2B01:00").unwrap(), "2026-05-13T23:00:00+00:00");
        assert!(filter("a=1", "start_date", End::Start).unwrap().is_none());
        for bad in ["2026-03-29+09:00", "2026-03-29%1009:00", "2026-3-29", "yesterday"] {
            let e = filter(&format!("start_date={bad}"), "start_date", End::Start).unwrap_err();
            assert_eq!(e.status, 422);
            assert!(e.body["hint"].as_str().unwrap().contains("%20"), "{bad}");
        }
        let end = filter("end_date=2026-03-29", "end_date", End::End).unwrap().unwrap();
        assert_eq!(end.to_rfc3339(), "2026-03-29T23:59:59.999999+00:00");
    }
}
