//! Reading request bodies field by field, so every 400 names the JSON path at fault.

use serde_json::{Map, Value};

use crate::http::ApiError;

pub fn parse_body(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request(
            "invalid_json",
            "the request body is empty; a JSON object is required",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request("invalid_json", format!("the request body is not valid JSON: {e}"))
    })
}

/// An absent or blank body reads as `{}`, so `curl -X POST` works for the simple admin
/// endpoints.
pub fn parse_body_or_empty(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Ok(Value::Object(Map::new()))
    } else {
        parse_body(bytes)
    }
}

/// A JSON object together with its path from the body root (`order`, `order.items[1]`).
#[derive(Clone, Copy)]
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    path: &'a str,
}

pub fn missing(path: &str) -> ApiError {
    ApiError::bad_request("missing_field", format!("{path} is required")).field(path)
}

pub fn wrong_type(path: &str, expected: &str) -> ApiError {
    ApiError::bad_request("invalid_type", format!("{path} must be {expected}")).field(path)
}

pub fn invalid(path: &str, why: &str) -> ApiError {
    ApiError::bad_request("invalid_value", format!("{path} {why}")).field(path)
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> Obj<'a> {
    pub fn root(value: &'a Value) -> Result<Obj<'a>, ApiError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path: "" }),
            _ => Err(ApiError::bad_request("invalid_type", "the request body must be a JSON object")),
        }
    }

    pub fn at(value: &'a Value, path: &'a str) -> Result<Obj<'a>, ApiError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            _ => Err(wrong_type(path, "an object")),
        }
    }

    pub fn path(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// Present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn required(&self, key: &str) -> Result<&'a Value, ApiError> {
        self.get(key).ok_or_else(|| missing(&self.path(key)))
    }

    pub fn string(&self, key: &str) -> Result<String, ApiError> {
        let path = self.path(key);
        match self.required(key)? {
            Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Value::String(_) => Err(invalid(&path, "must not be empty")),
            _ => Err(wrong_type(&path, "a string")),
        }
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(wrong_type(&self.path(key), "a string")),
        }
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(wrong_type(&self.path(key), "true or false")),
        }
    }

    pub fn opt_amount(&self, key: &str) -> Result<Option<f64>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => amount(v, &self.path(key)).map(Some),
        }
    }

    pub fn opt_count(&self, key: &str) -> Result<Option<u32>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => count(v, &self.path(key)).map(Some),
        }
    }

    pub fn array(&self, key: &str) -> Result<&'a Vec<Value>, ApiError> {
        match self.required(key)? {
            Value::Array(a) => Ok(a),
            _ => Err(wrong_type(&self.path(key), "an array")),
        }
    }

    pub fn non_empty_array(&self, key: &str) -> Result<&'a Vec<Value>, ApiError> {
        let a = self.array(key)?;
        if a.is_empty() {
            let path = self.path(key);
            return Err(ApiError::bad_request("empty_items", format!("{path} must list at least one entry"))
                .field(path));
        }
        Ok(a)
    }
}

/// A non-negative whole number; `2` and `2.0` are both fine, `2.5`, `-1` and `"2"` are not.
pub fn count(v: &Value, path: &str) -> Result<u32, ApiError> {
    let n = v.as_f64().ok_or_else(|| wrong_type(path, "a non-negative number"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(invalid(path, "must be a non-negative number"));
    }
    if n.fract() != 0.0 {
        return Err(invalid(path, "must be a whole number"));
    }
    if n > f64::from(u32::MAX) {
        return Err(invalid(path, "is too large"));
    }
    Ok(n as u32)
}

pub fn id(v: &Value, path: &str) -> Result<u64, ApiError> {
    let n = v.as_f64().ok_or_else(|| wrong_type(path, "a positive integer"))?;
    if !n.is_finite() || n < 1.0 || n.fract() != 0.0 || n > 9.0e15 {
        return Err(invalid(path, "must be a positive integer"));
    }
    Ok(v.as_u64().unwrap_or(n as u64))
}

pub fn amount(v: &Value, path: &str) -> Result<f64, ApiError> {
    let n = v.as_f64().ok_or_else(|| wrong_type(path, "a number"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(invalid(path, "must be a non-negative number"));
    }
    Ok(n)
}
