//! The sandbox as a process: its command line, shared by the `shiplink-sandbox` binary and
//! `shiplink sandbox`, so both are the same server with the same flags.

use std::io::Write;
use std::process::ExitCode;

use crate::{Faults, ItemKey, Sandbox, SandboxConfig, Scopes};

const USAGE: &str = "\
usage: shiplink-sandbox [options]   (or: shiplink sandbox [options])

An in-memory ShipperOne server (under /rest/{store_code}/V1/), 3PL blueprint server
(under /v1/) and Shipper Open API (under /api/v1/) with an admin surface under
/sandbox/. Runs until interrupted (SIGINT/SIGTERM).

options:
  --listen ADDR        address to listen on (default 127.0.0.1:0, a free port)
  --token TOKEN        bearer token every API accepts, with every ACL scope (repeatable)
  --threepl-token T    bearer token only the 3PL blueprint API (/v1/) accepts (repeatable)
  --threepl-rate-limit N/S  blueprint rate limit: N requests per token every S seconds
                       (default 1000/1; 0/1 turns it off)
  --shipper-token T    bearer token only the Shipper API (/api/v1/) accepts (repeatable)
  --shipper-rate-window-ms MS
                       length of the Shipper rate-limit minute (default 60000); the
                       budgets per window stay the documented ones
  --seed N             orders to create in pending_accept at start (default 0)
  --store-code CODE    extra store code to serve besides `all` (repeatable)
  --partial            enable partial operations system-wide
  --partial-qty        enable partial-quantity accept system-wide
  --item-key KEY       what queue views and action responses call an item's own id:
                       item_id (default) or id; request bodies always use item_id
  --rng-seed S         seed for generated order data (reproducible orders)
  --workers N          request worker threads (default 8)
  --faults JSON        inject faults into every API's routes, e.g.
                       '{\"error_rate\":0.05,\"drop_after_rate\":0.02,\"latency_ms\":5}'
                       (keys: latency_ms, rate_limit_rate, retry_after_s, error_rate,
                       drop_before_rate, error_after_rate, drop_after_rate, truncate_rate,
                       garbage_rate; also GET/POST /sandbox/faults)
  -h, --help           print this help

The first line on stdout is `listening on http://HOST:PORT`.
";

struct Args {
    listen: String,
    config: SandboxConfig,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut listen = "127.0.0.1:0".to_string();
    let mut config = SandboxConfig::new();
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--listen" => listen = value("--listen")?,
            "--token" => config = config.token(&value("--token")?, Scopes::All),
            "--shipper-token" => {
                config = config.token_for("shipper", &value("--shipper-token")?, Scopes::All)
            }
            "--shipper-rate-window-ms" => {
                let ms = number(&value("--shipper-rate-window-ms")?, "--shipper-rate-window-ms")?;
                config = config.shipper_rate_window_ms(ms)
            }
            "--threepl-token" => {
                config = config.token_for("threepl", &value("--threepl-token")?, Scopes::All)
            }
            "--threepl-rate-limit" => {
                let raw = value("--threepl-rate-limit")?;
                let (n, s) = raw.split_once('/').ok_or("--threepl-rate-limit expects N/S, e.g. 120/60")?;
                config = config.threepl_rate_limit(
                    number(n, "--threepl-rate-limit")?,
                    number(s, "--threepl-rate-limit")?,
                );
            }
            "--seed" => config = config.seed_orders(number(&value("--seed")?, "--seed")?),
            "--store-code" => config = config.store_code(&value("--store-code")?),
            "--partial" => config = config.partial(true),
            "--partial-qty" => config = config.partial_qty(true),
            "--item-key" => config = config.item_key(item_key(&value("--item-key")?)?),
            "--rng-seed" => config = config.rng_seed(number(&value("--rng-seed")?, "--rng-seed")?),
            "--workers" => config = config.workers(number(&value("--workers")?, "--workers")?),
            "--faults" => config = config.faults(faults(&value("--faults")?)?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(Args { listen, config }))
}

fn faults(raw: &str) -> Result<Faults, String> {
    let faults: Faults = serde_json::from_str(raw).map_err(|e| format!("--faults: {e}"))?;
    faults.validate().map_err(|e| format!("--faults: {e}"))?;
    Ok(faults)
}

fn item_key(raw: &str) -> Result<ItemKey, String> {
    raw.parse().map_err(|e| format!("--item-key: {e}"))
}

fn number<T: std::str::FromStr>(raw: &str, flag: &str) -> Result<T, String> {
    raw.parse().map_err(|_| format!("{flag} expects a non-negative integer, got {raw:?}"))
}

/// Runs the server with `args` (the flags, without the program name) until the process is
/// signalled; returns at once for `--help` and for bad flags.
pub fn main(args: impl Iterator<Item = String>) -> ExitCode {
    let args = match parse_args(args) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("shiplink-sandbox: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start_on(&args.listen, args.config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shiplink-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "listening on {}", sandbox.base_url());
    let _ = stdout.flush();
    // The workers serve until the process is signalled; the default SIGINT/SIGTERM
    // disposition ends it, and there is no state worth saving.
    loop {
        std::thread::park();
    }
}
