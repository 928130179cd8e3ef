//! `shiplink threepl …`: the 3PL blueprint through its typed client: creates carry an
//! idempotency key that survives retries and runs, amends check a lost answer against the
//! order, and `sync` keeps a checkpoint file so every version of every row is printed once,
//! across runs and interruptions.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::Value;
use shiplink::threepl::{parse_object, Client, Config, Query, Resource};

use crate::args::{Global, ListQuery, ThreePl, ThreePlOrders};
use crate::failure::{Failure, Outcome};
use crate::input;
use crate::output::Output;
use crate::profile;
use crate::progress::Progress;

/// The exit code of a sync stopped by a signal after saving its place.
pub const INTERRUPTED: u8 = 130;

pub fn run(global: &Global, command: &ThreePl) -> Outcome {
    let client = Client::new(Config::from_json(&profile::api_config(global, "threepl")?)?)?;
    let mut out = Output::new(global.json);
    let answer: Value =
        match command {
            ThreePl::List { resource, query, cursor } => {
                let mut query = to_query(query)?;
                query.cursor = cursor.clone();
                let page = client.list(resource.parse()?, &query)?;
                return out.value(&page);
            }
            ThreePl::Iter { resource, query } => {
                let resource: Resource = resource.parse()?;
                let progress = Progress::new(resource.name());
                let mut walk = client.iter(resource, &to_query(query)?, None)?;
                while let Some(item) = walk.next_item() {
                    out.item(item?.json())?;
                    progress.tick();
                }
                return Ok(());
            }
            ThreePl::Sync { resource, checkpoint, query } => {
                return sync(&client, &mut out, resource.parse()?, &to_query(query)?, checkpoint)
            }
            ThreePl::Orders { command } => match command {
                ThreePlOrders::Get { id } => client.get_order(id)?,
                ThreePlOrders::Create(keyed) => client
                    .create_order(&object(keyed.body.file.as_deref())?, keyed.idempotency_key.as_deref())?,
                ThreePlOrders::Amend { id, if_match, body } => {
                    client.amend_order(id, &object(body.file.as_deref())?, if_match.as_deref())?
                }
                ThreePlOrders::Cancel { id } => client.cancel_order(id)?,
            },
            ThreePl::InboundCreate(keyed) => client.create_inbound_shipment(
                &object(keyed.body.file.as_deref())?,
                keyed.idempotency_key.as_deref(),
            )?,
            ThreePl::ReturnCreate(keyed) => client
                .create_return(&object(keyed.body.file.as_deref())?, keyed.idempotency_key.as_deref())?,
            ThreePl::WebhookCreate(body) => client.create_webhook(&object(body.file.as_deref())?)?,
            ThreePl::WebhookDelete { id } => client.delete_webhook(id)?,
        };
    out.value(&answer.to_string())
}

/// Prints a page, then saves the checkpoint that covers it: a run stopped by a signal between
/// pages resumes exactly where it stopped. (A SIGKILL between printing a page and saving can
/// only make the next run print that page's rows again, never skip one.)
fn sync(client: &Client, out: &mut Output, resource: Resource, query: &Query, file: &Path) -> Outcome {
    let saved = match std::fs::read_to_string(file) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Failure::command(format!("cannot read the checkpoint {}: {e}", file.display())))
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Failure::command(format!("cannot watch for interruption: {e}")))?;
    }
    let progress = Progress::new(resource.name());
    let mut walk = client.iter(resource, query, saved.as_deref())?;
    while let Some(page) = walk.next_items() {
        for item in page? {
            out.item(item.json())?;
            progress.tick();
        }
        if let Some(checkpoint) = walk.checkpoint() {
            save(file, &checkpoint)?;
        }
        if stop.load(Ordering::SeqCst) {
            eprintln!("shiplink: sync stopped; its place is saved in {}", file.display());
            return Err(Failure::Interrupted);
        }
    }
    Ok(())
}

/// Writes the checkpoint beside its final place, then renames it over: a reader (or the next
/// run) sees the old checkpoint or the new one, never half of one.
fn save(file: &Path, checkpoint: &str) -> Result<(), Failure> {
    let mut temporary = PathBuf::from(file);
    temporary.set_extension("tmp");
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&temporary)?;
        f.write_all(checkpoint.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temporary, file)
    };
    write().map_err(|e| Failure::command(format!("cannot save the checkpoint {}: {e}", file.display())))
}

fn to_query(query: &ListQuery) -> Result<Query, Failure> {
    let mut built = Query::new();
    if let Some(since) = &query.updated_since {
        built = built.updated_since(since);
    }
    for filter in &query.filters {
        let (key, value) = filter
            .split_once('=')
            .ok_or_else(|| Failure::command(format!("--filter {filter:?}: expected KEY=VALUE")))?;
        built = built.filter(key, value);
    }
    built.validate()?;
    Ok(built)
}

fn object(path: Option<&Path>) -> Result<Value, Failure> {
    Ok(parse_object(&input::text(path)?, "body")?)
}
