//! `shiplink webhook verify|sign`: the library's signature check, for finding out why a
//! receiver refused a delivery. The secret is read from an environment variable or a file,
//! never from the command line, and never printed.

use std::path::Path;

use shiplink::webhook::{self, Scheme};

use crate::args::{Global, Signed, Webhook};
use crate::failure::{Failure, Outcome};
use crate::input;
use crate::output::Output;

pub fn run(global: &Global, command: &Webhook) -> Outcome {
    let mut out = Output::new(global.json);
    match command {
        Webhook::Verify { signed, header, tolerance, now } => {
            let (scheme, secret, body) = read(signed)?;
            let now = now.unwrap_or_else(unix_now);
            webhook::verify(scheme, &secret, header, &body, now, *tolerance)?;
            eprintln!("shiplink: the delivery is authentic");
            Ok(())
        }
        Webhook::Sign { signed, timestamp } => {
            let (scheme, secret, body) = read(signed)?;
            let header = webhook::sign(scheme, &secret, &body, timestamp.unwrap_or_else(unix_now))?;
            out.value(&header)
        }
    }
}

fn read(signed: &Signed) -> Result<(Scheme, Vec<u8>, Vec<u8>), Failure> {
    let scheme: Scheme = signed.scheme.parse()?;
    let secret = match &signed.secret_file {
        Some(path) => secret_file(path)?,
        None => std::env::var(&signed.secret_env)
            .map_err(|_| Failure::command(format!("the secret's variable {} is not set", signed.secret_env)))?
            .into_bytes(),
    };
    Ok((scheme, secret, input::bytes(signed.body.as_deref())?))
}

/// A secret file's contents without the trailing newline an editor adds.
fn secret_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut secret = std::fs::read(path)
        .map_err(|e| Failure::command(format!("cannot read the secret file {}: {e}", path.display())))?;
    while secret.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        secret.pop();
    }
    Ok(secret)
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
