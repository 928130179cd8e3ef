//! Idempotency keys for the blueprint's creates: the host's own, or one derived from the ERP's
//! unique reference, so the same order gets the same key in every retry and every process.

use sha2::{Digest, Sha256};

use super::checks;
use crate::error::Result;

/// The key to send: `given` (checked), else `shiplink-{kind}-` and the first 32 hex digits of
/// SHA-256 of `reference` (so any reference, whatever its characters, makes a valid header).
pub fn idempotency_key(given: Option<&str>, kind: &str, reference: &str) -> Result<String> {
    if let Some(key) = given {
        checks::header_value(key, "idempotency_key")?;
        return Ok(key.to_owned());
    }
    let digest = Sha256::digest(reference.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    Ok(format!("shiplink-{kind}-{hex}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_are_stable_and_distinct_per_kind() {
        let a = idempotency_key(None, "order", "F-100423-1").unwrap();
        assert_eq!(a, idempotency_key(None, "order", "F-100423-1").unwrap());
        assert_ne!(a, idempotency_key(None, "return", "F-100423-1").unwrap());
        assert_ne!(a, idempotency_key(None, "order", "F-100423-2").unwrap());
        assert_eq!(idempotency_key(Some("k-1"), "order", "x").unwrap(), "k-1");
        assert!(idempotency_key(Some("has space"), "order", "x")
            .unwrap_err()
            .message
            .contains("idempotency_key"));
    }
}
