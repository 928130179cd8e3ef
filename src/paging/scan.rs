//! Finds one top-level string field in a JSON object that serde_json has already validated,
//! without parsing the rest. Pages are large and the C ABI hands each item on as text;
//! only its id is needed, and it usually comes first. A second full parse of every
//! order cost as much as validating the page (measured with callgrind on a 10,000-order drain).
//! `fuzz/fuzz_targets/raw_orders.rs` checks this against serde's own answer.

use std::borrow::Cow;

/// The value of `key` when it is a top-level string of the object `json`, unescaped (borrowed
/// from `json` when it holds no escape); `None` when the key is absent or not a string. `json`
/// must be valid JSON.
pub(crate) fn top_level_string<'a>(json: &'a str, key: &str) -> Option<Cow<'a, str>> {
    let bytes = json.as_bytes();
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(bytes, i);
        if bytes.get(i) != Some(&b'"') {
            return None; // '}': the object ended without the key
        }
        let key_end = string_end(bytes, i)?;
        let raw_key = &json[i..key_end];
        i = skip_ws(bytes, key_end) + 1; // past ':'
        i = skip_ws(bytes, i);
        let value_end = value_end(bytes, i)?;
        if same_key(raw_key, key) {
            let raw = &json[i..value_end];
            return match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                Some(inner) if !inner.contains('\\') => Some(Cow::Borrowed(inner)),
                _ => serde_json::from_str::<String>(raw).ok().map(Cow::Owned),
            };
        }
        i = skip_ws(bytes, value_end);
        match bytes.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

/// `raw` is a quoted JSON string; escapes are rare in keys, so they take the slow path.
fn same_key(raw: &str, key: &str) -> bool {
    let inner = &raw[1..raw.len() - 1];
    if inner.contains('\\') {
        serde_json::from_str::<String>(raw).is_ok_and(|k| k == key)
    } else {
        inner == key
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Index just past the closing quote of the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// Index just past the value starting at `start`.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = start;
            while !matches!(bytes.get(i), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::top_level_string;

    #[test]
    fn finds_the_key_wherever_it_is() {
        let id = |json: &str| top_level_string(json, "order_id").map(|id| id.into_owned());
        assert_eq!(id(r#"{"order_id":"FO-1","items":[]}"#).as_deref(), Some("FO-1"));
        assert_eq!(
            id(r#" { "a" : [ {"order_id":"no"} , "]}\"" ], "b":{"c":{}}, "order_id" : "FO-2" } "#).as_deref(),
            Some("FO-2")
        );
        assert_eq!(
            id(r#"{"n":-1.5e3,"t":true,"z":null,"order_id":"F\u004f-\"3\""}"#).as_deref(),
            Some("FO-\"3\"")
        );
        assert_eq!(id(r#"{"order\u005fid":"FO-4"}"#).as_deref(), Some("FO-4"));
        assert_eq!(id(r#"{"items":[{"order_id":"nested"}]}"#), None);
        assert_eq!(id(r#"{"order_id":7}"#), None);
        assert_eq!(id(r#"{}"#), None);
        assert_eq!(id(r#"["order_id","FO-5"]"#), None);
    }
}
