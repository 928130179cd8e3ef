//! Request bodies and webhook bodies: from a file, or from stdin when the path is `-` or absent.

use std::io::Read;
use std::path::Path;

use crate::failure::Failure;

/// The bytes of `path`, or of stdin.
pub fn bytes(path: Option<&Path>) -> Result<Vec<u8>, Failure> {
    match path {
        Some(path) if path != Path::new("-") => {
            std::fs::read(path).map_err(|e| Failure::command(format!("cannot read {}: {e}", path.display())))
        }
        _ => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .map_err(|e| Failure::command(format!("cannot read stdin: {e}")))?;
            Ok(body)
        }
    }
}

/// A request body as text (JSON is UTF-8).
pub fn text(path: Option<&Path>) -> Result<String, Failure> {
    String::from_utf8(bytes(path)?).map_err(|_| Failure::command("the request body is not UTF-8 text"))
}
