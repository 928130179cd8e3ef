//! `shiplink conform threepl`: runs the checklist and prints its report (a table on a terminal,
//! JSON otherwise). Exit 0 when no check failed, 20 when one did (beside the status numbers the
//! other commands use).

use std::io::IsTerminal;

use crate::args::{Conform, Global};
use crate::conform::{self, Options};
use crate::failure::{Failure, Outcome};

/// The exit code of a run in which a check failed.
pub const CHECK_FAILED: u8 = 20;

pub fn run(global: &Global, command: &Conform) -> Outcome {
    let Conform::Threepl { base_url, token_env, shipped_order, burst } = command;
    let token = std::env::var(token_env)
        .map_err(|_| Failure::command(format!("the token's variable {token_env} is not set")))?;
    let options = Options { shipped_order: shipped_order.clone(), burst: *burst };
    let report = conform::run(base_url, &token, &options);
    let text = match !global.json && std::io::stdout().is_terminal() {
        true => report.to_table(),
        false => format!("{}\n", report.to_json()),
    };
    // The server under test may echo what it was sent; the token is never printed.
    print!("{}", text.replace(&token, "[redacted]"));
    match report.failed() {
        0 => Ok(()),
        n => Err(Failure::Checks(n)),
    }
}
